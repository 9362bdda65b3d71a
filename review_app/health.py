"""`/healthz`: whether this process can serve, for the load balancer (docs/deploy.md).

200 when the database answers and (with REDIS_URL) Redis answers; 503 otherwise, so the
balancer stops sending new people to a process that would only answer internal_error.
The body says which part failed, never why (no addresses or messages leave the server).
"""

from __future__ import annotations

import logging
import time
from typing import Any

import sqlalchemy as sa
from flask import Blueprint, Flask, current_app, jsonify

from .extensions import db, socketio
from .live.background import last_runs

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)
REDIS_TIMEOUT = 2  # seconds: a frozen Redis is reported, not waited for


def _database() -> str:
    try:
        with db.engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except Exception:  # noqa: BLE001  (whatever it is, this process cannot serve)
        log.exception("health check: the database did not answer")
        return "unavailable"
    return "ok"


def _redis() -> str:
    url = current_app.config.get("REDIS_URL")
    if not url:
        return "not configured"
    import redis

    try:
        redis.Redis.from_url(url, socket_timeout=REDIS_TIMEOUT,
                             socket_connect_timeout=REDIS_TIMEOUT).ping()
    except Exception:  # noqa: BLE001
        log.exception("health check: Redis did not answer")
        return "unavailable"
    return "ok"


def _subscription() -> str:
    """Whether this process hears the others' broadcasts (its Redis subscription is up)."""
    listening = getattr(socketio.server.manager, "listening", None)
    if listening is None:
        return "not configured"
    return "ok" if listening else "lost"


@bp.get("/healthz")
def healthz():
    """Sent by the load balancer (or a monitor) every few seconds: can this process serve?"""
    checks: dict[str, Any] = {"database": _database(), "redis": _redis()}
    healthy = all(v in ("ok", "not configured") for v in checks.values())
    now = time.time()
    # Not part of the status: Redis answering PING is, and the subscription follows
    # within a second (live/queue.py).
    checks["subscription"] = _subscription()
    checks["background"] = {name: {"ok": ok, "seconds_ago": round(now - at)}
                            for name, (ok, at) in last_runs().items()}
    checks["status"] = "ok" if healthy else "unavailable"
    response = jsonify(checks)
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
