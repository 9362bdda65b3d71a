"""The `review-app` command: Flask's CLI bound to our app factory, plus database and serving."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup

from .extensions import db, socketio

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _create_app() -> Flask:
    from . import create_app

    return create_app()


def alembic_config(url: str):
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade_database() -> None:
    """Apply every Alembic migration to the configured database."""
    from alembic import command

    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    with db.engine.begin() as connection:
        config = alembic_config(url)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@click.command("init-db")
def init_db() -> None:
    """Create or upgrade the database schema (Alembic migrations) and the reference lists."""
    from .prep.reference import seed_reference_data

    upgrade_database()
    added = seed_reference_data(db.session)
    db.session.commit()
    click.echo("Database is up to date." + (f" Added {added} organisations and stakeholder "
                                            "groups." if added else ""))


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--production", is_flag=True, help="Serve with gevent (WebSocket) for production.")
def serve(host: str, port: int, production: bool) -> None:
    """Serve the app with Socket.IO: threads on a laptop, gevent (WebSocket) in production."""
    if production and os.environ.get("REVIEW_APP_GEVENT") != "1":
        # gevent must patch the standard library before anything else is imported.
        os.environ["REVIEW_APP_GEVENT"] = "1"
        os.execv(sys.argv[0], sys.argv)
    app = current_app._get_current_object()
    os.environ.pop("FLASK_RUN_FROM_CLI", None)  # else Flask ignores run() inside a command
    if app.config.get("REDIS_URL"):
        from .live.background import renew_presence

        socketio.start_background_task(renew_presence, app)
    from .live.serving import NoDelayHandler, settle_memory
    from .quality.spelling import speller

    mode = "gevent" if production else "threads"
    speller()  # proposals' fixes and drafting hints need it: load it now, not mid-call
    settle_memory()
    click.echo(f"Review Day is running on http://{host}:{port}/ ({mode}; Ctrl+C to stop)")
    options = {}
    if production:
        options["handler_class"] = NoDelayHandler
    socketio.run(app, host=host, port=port, debug=False, use_reloader=False,
                 log_output=not production, allow_unsafe_werkzeug=not production, **options)


def register_commands(app: Flask) -> None:
    app.cli.add_command(init_db)
    app.cli.add_command(serve)


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=False,
             add_version_option=False, load_dotenv=False)
def main() -> None:
    """Review Day: live review of the NHS Management and Leadership curricula."""
    os.environ.setdefault("FLASK_DEBUG", "0")
