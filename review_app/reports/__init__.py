"""The Review Day report and the revised curriculum with tracked changes, as Word."""

from flask import Blueprint, Flask

bp = Blueprint("reports", __name__, url_prefix="/reports")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
