from review_app import create_app


def test_config_testing_flag(tmp_path):
    assert not create_app("development").testing
    assert create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"}).testing


def test_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    from config import _secret_key

    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = _secret_key(tmp_path)
    assert len(first) == 64
    assert _secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_home_redirects_to_curricula(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/curricula/")
