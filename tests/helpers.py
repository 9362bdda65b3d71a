"""Signing in over HTTP in route tests, the way Flask-Login reads its session."""

from __future__ import annotations

from review_app.models import User


def sign_in(client, user: User | None) -> None:
    """Put the user in the test client's session (None signs out)."""
    with client.session_transaction() as s:
        s.clear()
        if user is not None:
            s["_user_id"] = str(user.id)
            s["_fresh"] = True


def ensure_login_route(app) -> None:
    """Stand in for auth's sign-in page when that part is not in this tree, so that
    Flask-Login's redirect of anonymous visitors can be checked."""
    if "auth.login" not in app.view_functions:
        app.add_url_rule("/sign-in", "auth.login", lambda: "Sign in")
