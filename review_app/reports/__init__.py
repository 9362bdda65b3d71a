"""The Review Day report and the revised curriculum with tracked changes, as Word."""

from flask import Blueprint, Flask

bp = Blueprint("reports", __name__, url_prefix="/reports")


def init_app(app: Flask) -> None:
    from . import commands, routes  # noqa: F401  (registers the views on bp)

    app.register_blueprint(bp)
    app.cli.add_command(commands.report)
