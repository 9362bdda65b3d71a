"""Curriculum quality: small rules over the curriculum's text, run by one service."""

from flask import Blueprint, Flask

bp = Blueprint("quality", __name__, url_prefix="/curricula/quality")


def init_app(app: Flask) -> None:
    from . import commands, routes  # noqa: F401  (registers the views on bp)

    app.register_blueprint(bp)
    app.cli.add_command(commands.check_curriculum_command)
