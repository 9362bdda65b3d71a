"""Wednesday to Friday: accepted proposals implemented as tracked changes."""

from flask import Blueprint, Flask

bp = Blueprint("implement", __name__, url_prefix="/implementation")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
