"""The service's own pages: accessibility statement, privacy notice and help, linked from
every page's footer and from the join pages. Open to everyone: stakeholders have no
account."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, render_template

bp = Blueprint("info", __name__)
FOOTER_LINKS = (("info.how_it_works", "How a Review Day works"),
                ("info.accessibility", "Accessibility statement"),
                ("info.privacy", "Privacy notice"))


@bp.get("/help")
def how_it_works():
    """How a Review Day works, for stakeholders, in plain words."""
    return render_template("info/help.html")


@bp.get("/accessibility")
def accessibility():
    """The accessibility statement: what meets WCAG 2.2 AA, what is known not to, and
    how to ask for another format."""
    return render_template("info/accessibility.html")


@bp.get("/privacy")
def privacy():
    """The privacy notice: what personal data is kept, why, and for how long."""
    return render_template("info/privacy.html",
                           invitation_days=current_app.config.get("INVITATION_MAX_AGE_DAYS", 14),
                           session_hours=current_app.config.get("STAFF_SESSION_HOURS", 12))


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.jinja_env.globals["footer_links"] = FOOTER_LINKS
