"""Monday: review weeks, Review Days, agendas, baselines, stakeholders and invitations."""

from flask import Blueprint, Flask

bp = Blueprint("prep", __name__, url_prefix="/weeks")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
