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
