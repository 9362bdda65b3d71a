"""Accounts, sign-in, invitations and the permissions of each role."""

from flask import Blueprint, Flask

bp = Blueprint("auth", __name__)


def init_app(app: Flask) -> None:
    from ..extensions import db, login_manager
    from ..models import User

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        return db.session.get(User, int(user_id)) if user_id.isdigit() else None

    app.register_blueprint(bp)
