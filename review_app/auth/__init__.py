"""Accounts, sign-in, invitations and the permissions of each role."""

from flask import Blueprint, Flask

bp = Blueprint("auth", __name__)


def init_app(app: Flask) -> None:
    from ..extensions import db, login_manager
    from ..models import User
    from . import commands, password_routes, routes, sessions, throttle  # noqa: F401  (views)
    from .permissions import can

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        return sessions.load_user(db.session, user_id)

    throttle.init_app(app)

    app.register_blueprint(bp)
    app.cli.add_command(commands.create_user_command)
    app.jinja_env.globals["can"] = can
