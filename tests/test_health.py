"""`/healthz` (issue 17): 200 while the database and Redis answer, 503 naming the part that
does not; real servers stopped for the failures, no mocks."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

from review_app import create_app
from review_app.live.background import renew_presence
from review_app.live.presence import RedisPresence

from .servers import free_port, wait_for


def test_healthz_is_ok_without_redis_configured(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"
    assert response.get_json()["database"] == "ok"
    assert response.get_json()["redis"] == "not configured"
    assert response.get_json()["subscription"] == "not configured"
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_reports_redis_down_and_back(app, client, private_redis):
    app.config["REDIS_URL"] = private_redis.url  # what the check reads, at each request
    assert client.get("/healthz").get_json()["redis"] == "ok"
    private_redis.stop()
    down = client.get("/healthz")
    assert down.status_code == 503
    assert down.get_json() | {"background": None} == {
        "status": "unavailable", "database": "ok", "redis": "unavailable", "background": None,
        "subscription": "not configured"}  # this app has no message queue: one process
    private_redis.start()
    assert client.get("/healthz").status_code == 200


def test_healthz_reports_a_database_that_does_not_answer(tmp_path):
    nobody = free_port()  # nothing listens there: connection refused, as when it is down
    app = create_app({"SQLALCHEMY_DATABASE_URI":
                      f"postgresql+psycopg://postgres@127.0.0.1:{nobody}/review_day",
                      "EXPORTS_DIR": tmp_path / "exports", "INSTANCE_DIR": tmp_path / "i"})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unavailable"
    assert "127.0.0.1" not in response.get_data(as_text=True)


def test_healthz_shows_the_renewal_failing_and_recovering(client, private_redis):
    presence = RedisPresence(private_redis.url)
    presence.enter(1, "sid-1", {"id": 7, "name": "Sam", "staff": False})
    stop = threading.Event()
    app = SimpleNamespace(extensions={"review_presence": presence})
    loop = threading.Thread(target=renew_presence, args=(app, 0.05, stop, time.sleep),
                            daemon=True)
    loop.start()
    try:
        private_redis.stop()
        assert wait_for(lambda: _renewal(client) is False)
        private_redis.start()
        assert wait_for(lambda: _renewal(client) is True)
    finally:
        stop.set()
        loop.join(5)


def _renewal(client):
    return client.get("/healthz").get_json()["background"].get("presence renewal", {}).get("ok")

