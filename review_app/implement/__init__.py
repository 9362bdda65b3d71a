"""Wednesday to Friday: accepted proposals implemented as tracked changes."""

from flask import Blueprint, Flask

bp = Blueprint("implement", __name__, url_prefix="/implementation")


def init_app(app: Flask) -> None:
    from ..reports.diffing import word_diff
    from . import labels, routes  # noqa: F401  (registers the views on bp)

    app.register_blueprint(bp)
    app.add_template_filter(labels.long_date)
    app.add_template_filter(labels.short_date)
    app.add_template_global(word_diff)
    app.add_template_global(labels, "labels")
