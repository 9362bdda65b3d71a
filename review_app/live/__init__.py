"""Tuesday: the live Review Day over Socket.IO (see docs/live-protocol.md)."""

from flask import Blueprint, Flask

bp = Blueprint("live", __name__, url_prefix="/live")


def init_app(app: Flask) -> None:
    from . import day_routes, routes  # noqa: F401  (socket events: imported by create_app)

    app.register_blueprint(bp)
