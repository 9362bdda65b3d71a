"""Site-wide pieces: the home page, error pages and template helpers."""

from __future__ import annotations

from flask import Blueprint, Flask, redirect, render_template, url_for

from . import __name__ as package_name

bp = Blueprint("web", package_name)


@bp.get("/")
def home():
    """Send people to the curricula, the start of every journey."""
    return redirect(url_for("curriculum.index"))


def _error_page(code: int, title: str, message: str):
    def handler(_error):
        return render_template("error.html", code=code, title=title, message=message), code
    return handler


def nav_links() -> list[tuple[str, str]]:
    """The header's menu: what the person signed in may reach."""
    from flask_login import current_user

    links = [("curriculum.index", "Curricula")]
    role = getattr(current_user, "role", None)
    if role in ("facilitator", "programme_lead", "admin") and "prep.dashboard" in _endpoints():
        links.append(("prep.dashboard", "Review Days"))
    from .auth.permissions import can

    for endpoint, label, action in (("implement.overview", "Implementation", "implement"),
                                    ("reports.index", "Reports", "export")):
        if can(current_user, action) and endpoint in _endpoints():
            links.append((endpoint, label))
    return links


def _endpoints() -> set[str]:
    from flask import current_app

    return set(current_app.view_functions)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.jinja_env.globals["nav_links"] = nav_links
    app.register_error_handler(403, _error_page(
        403, "You do not have permission to do this", "Your role does not allow this action."))
    app.register_error_handler(404, _error_page(
        404, "Page not found", "If you typed the web address, check it is correct."))
    app.register_error_handler(400, _error_page(
        400, "Something was wrong with that request", "Go back and try again."))
