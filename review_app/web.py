"""Site-wide pieces: the home page, error pages and template helpers."""

from __future__ import annotations

import logging

from flask import Blueprint, Flask, Response, redirect, render_template, request, url_for

from . import __name__ as package_name

bp = Blueprint("web", package_name)
log = logging.getLogger(__name__)


@bp.get("/")
def home():
    """Send people to the curricula, the start of every journey."""
    return redirect(url_for("curriculum.index"))


def _error_page(code: int, title: str, message: str):
    def handler(_error):
        return render_template("error.html", code=code, title=title, message=message), code
    return handler


def _server_error(error):
    """The NHS-styled 500 page instead of Werkzeug's; the failed request's transaction is
    rolled back first, so drawing the page (which reads the signed-in user) can work."""
    log.error("Unhandled error on %s %s", request.method, request.path,
              exc_info=getattr(error, "original_exception", None) or error)
    from .extensions import db

    try:
        db.session.rollback()
        return render_template(
            "error.html", code=500, title="Sorry, there is a problem with the service",
            message="Try again later. If it keeps happening, tell the Review Day team what "
                    "you were doing."), 500
    except Exception:  # the database itself may be what failed: a page without it
        log.exception("The error page could not be drawn")
        return Response(_BARE_500, status=500, mimetype="text/html")


_BARE_500 = ("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Sorry, "
             "there is a problem with the service – Review Day</title></head><body><main>"
             "<h1>Sorry, there is a problem with the service</h1><p>Try again later.</p>"
             "</main></body></html>")


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
    app.register_error_handler(500, _server_error)
    app.register_error_handler(413, _error_page(
        413, "The file is too large",
        f"An upload may be up to {(app.config.get('MAX_CONTENT_LENGTH') or 0) >> 20} MiB. "
        "Go back and choose a smaller file."))
    app.register_error_handler(400, _error_page(
        400, "Something was wrong with that request", "Go back and try again."))
