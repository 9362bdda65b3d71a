"""The curriculum: its model, Word and text import/export, and the browsing pages."""

from flask import Blueprint, Flask

bp = Blueprint("curriculum", __name__, url_prefix="/curricula")


def init_app(app: Flask) -> None:
    from . import commands, routes, upload_routes  # noqa: F401  (registers the views on bp)
    from .published import DocumentCache

    app.extensions["curriculum_documents"] = DocumentCache()

    app.register_blueprint(bp)
    app.cli.add_command(commands.import_curriculum)
    app.cli.add_command(commands.export_curriculum)
    app.cli.add_command(commands.load_samples)
