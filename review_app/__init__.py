"""Review Day: live stakeholder review of the NHS Management and Leadership curricula."""

from __future__ import annotations

import os

if os.environ.get("REVIEW_APP_GEVENT") == "1":  # `serve --production`: patch before all else
    from gevent import monkey

    monkey.patch_all()

    from . import gevent_psycopg

    gevent_psycopg.install()

from typing import Any  # noqa: E402

from flask import Flask  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from config import Config, config_for  # noqa: E402

from .extensions import csrf, db, login_manager, ping_when_idle, socketio  # noqa: E402


def create_app(config: Config | str | dict[str, Any] | None = None) -> Flask:
    """Build the application: configuration, extensions, blueprints, socket events, CLI."""
    app = Flask(__name__, instance_path=str(Config.INSTANCE_DIR))
    if isinstance(config, dict):
        app.config.from_object(config_for("test"))
        app.config.update(config)
    else:
        app.config.from_object(config if isinstance(config, Config) else config_for(config))

    from . import headers, ids

    ids.install(app)  # before any route is added: every <int:...> is bounded
    if make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database not in (None, "", ":memory:"):
        # A request waits this long at most for a pooled connection, not SQLAlchemy's 30 s
        # (an SQLite database in memory has no pool to wait for).
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            "pool_timeout": app.config["DB_POOL_TIMEOUT"],
            **app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {})}
    db.init_app(app)
    with app.app_context():
        ping_when_idle(db.engine)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Sign in to continue."
    # Socket handlers must be declared before init_app, which copies them to its server.
    from .live import events  # noqa: F401
    from .live.limits import Limits
    from .live.presence import make_presence
    from .live.protocol import DatabaseSlots
    from .live.queue import client_manager
    from .live.wire import WirePacket

    socketio.init_app(
        app,
        client_manager=client_manager(app),
        cors_allowed_origins=app.config.get("SOCKET_ALLOWED_ORIGINS"),
        max_http_buffer_size=app.config["MAX_SOCKET_MESSAGE_BYTES"],
        async_mode="gevent" if os.environ.get("REVIEW_APP_GEVENT") == "1"
        else app.config.get("SOCKETIO_ASYNC_MODE"),
        # A client's events run in the greenlet (or thread) that read them, in order, as
        # soon as they arrive; a new greenlet per event waited behind every socket write a
        # broadcast had queued (benchmarks/README.md).
        async_handlers=False,
        # UTF-8 JSON by orjson and no search of every payload for bytes (live/wire.py); the
        # Redis manager takes its `json` from this class too.
        serializer=WirePacket,
    )
    app.extensions["review_presence"] = make_presence(app.config.get("REDIS_URL"))
    headers.trust_proxies(app)  # outside Socket.IO's middleware, so sockets see it too
    headers.init_app(app)
    limits = Limits(app.config.get("LIVE_LIMITS"), app.config.get("REDIS_URL"))
    app.extensions["review_limits"] = limits
    app.extensions["review_db_slots"] = DatabaseSlots(limits["db_slots"], limits["db_wait"])

    from . import auth, curriculum, health, implement, info, live, prep, quality, reports, web

    for part in (web, info, health, auth, curriculum, quality, prep, live, implement, reports):
        part.init_app(app)
    from .cli import register_commands

    register_commands(app)
    return app
