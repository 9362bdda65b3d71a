"""Production cookies are secure; passwords are hashed with scrypt."""

from config import ProductionConfig


def test_production_cookies_are_secure(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    config = ProductionConfig()
    assert config.SESSION_COOKIE_SECURE and config.SESSION_COOKIE_HTTPONLY
    assert config.SESSION_COOKIE_SAMESITE == "Lax"
    assert config.REMEMBER_COOKIE_SECURE and config.REMEMBER_COOKIE_HTTPONLY
    assert config.SESSION_COOKIE_NAME.startswith("__Host-")
    assert config.PREFERRED_URL_SCHEME == "https"
    assert config.HSTS_SECONDS >= 180 * 24 * 3600  # Strict-Transport-Security (headers.py)


def test_hsts_is_sent_only_where_configured(client, database_config, tmp_path):
    assert "Strict-Transport-Security" not in client.get("/sign-in").headers
    from ..conftest import app_with_tables

    with app_with_tables(database_config, tmp_path / "secure", HSTS_SECONDS=3600) as secure:
        response = secure.test_client().get("/sign-in")
        assert response.headers["Strict-Transport-Security"] == "max-age=3600"
