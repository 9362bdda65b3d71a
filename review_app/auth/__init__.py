"""Accounts, sign-in, invitations and the permissions of each role."""

from flask import Blueprint, Flask

bp = Blueprint("auth", __name__)


def init_app(app: Flask) -> None:
    from ..extensions import db, login_manager
    from ..models import User
    from . import commands, routes  # noqa: F401  (registers the views on bp)
    from .permissions import can

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        return db.session.get(User, int(user_id)) if user_id.isdigit() else None

    app.register_blueprint(bp)
    app.cli.add_command(commands.create_user_command)
    app.jinja_env.globals["can"] = can
