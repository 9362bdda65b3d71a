"""Staff sessions end on the server: sign-out, a new password or deactivation make every
copy of the cookie worthless; idle and absolute time limits end them too (issue 15, 5)."""

import time

import pytest

from review_app.extensions import socketio

from ..factories import PASSWORD, forget_loaded_user, sign_in


def sign_in_by_form(client, user) -> str:
    forget_loaded_user()
    response = client.post("/sign-in", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client.get_cookie("session").value


def works(app, cookie: str) -> bool:
    """Whether a browser holding only this cookie reaches a staff page."""
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    forget_loaded_user()
    response = thief.get("/review-days/")
    forget_loaded_user()
    return response.status_code == 200


def test_a_cookie_captured_before_sign_out_does_not_work_after_it(app, client, make_user):
    user = make_user()
    captured = sign_in_by_form(client, user)
    assert works(app, captured)
    client.post("/sign-out")
    assert not works(app, captured)
    response = app.test_client().get("/review-days/")
    assert response.headers["Location"].startswith("/sign-in")


@pytest.mark.parametrize("change", ["new password", "deactivated"])
def test_an_admins_change_ends_the_accounts_sessions(app, client, session, make_user, change):
    user, admin = make_user(), make_user("admin")
    captured = sign_in_by_form(client, user)
    admin_browser = app.test_client()
    sign_in(admin_browser, admin)
    form = {"name": user.name, "email": user.email, "role": user.role, "active": "yes",
            "new_password": ""}
    if change == "new password":
        form["new_password"] = "violet-harbour-lantern-77"
    else:
        form["active"] = ""
    assert admin_browser.post(f"/users/{user.id}/edit", data=form).status_code == 302
    assert not works(app, captured)


def test_changing_your_own_password_keeps_you_here_and_signs_you_out_elsewhere(
        app, client, session, make_user):
    user = make_user()
    elsewhere = sign_in_by_form(app.test_client(), user)
    sign_in_by_form(client, user)
    page = client.get("/account/password")
    assert page.status_code == 200 and "Change your password" in page.get_data(as_text=True)
    response = client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": "violet-harbour-lantern-77",
        "confirm_password": "violet-harbour-lantern-77"})
    assert response.status_code == 302
    assert client.get("/review-days/").status_code == 200  # still signed in here
    assert not works(app, elsewhere)
    fresh = app.test_client()
    assert fresh.post("/sign-in", data={"email": user.email,
                                        "password": "violet-harbour-lantern-77"}
                      ).status_code == 302


def test_changing_your_password_needs_the_current_one(client, session, make_user):
    user = make_user()
    sign_in(client, user)
    before = user.password_hash
    response = client.post("/account/password", data={
        "current_password": "not-my-password", "new_password": "violet-harbour-lantern-77",
        "confirm_password": "violet-harbour-lantern-77"})
    assert response.status_code == 400
    assert "Your current password is not correct" in response.get_data(as_text=True)
    mismatch = client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": "violet-harbour-lantern-77",
        "confirm_password": "violet-harbour-lantern-78"})
    assert "The passwords do not match" in mismatch.get_data(as_text=True)
    session.refresh(user)
    assert user.password_hash == before


STATE = "staff"  # where the cookie keeps the session's version and clocks


def _age(client, **ages: float) -> None:
    with client.session_transaction() as cookie:
        state = dict(cookie[STATE])
        for name, seconds in ages.items():
            state[name] = time.time() - seconds
        cookie[STATE] = state


def test_a_staff_session_ends_after_idle_minutes(app, client, make_user):
    sign_in(client, make_user())
    _age(client, seen=29 * 60)  # 29 minutes idle: still signed in, and the clock restarts
    assert client.get("/review-days/").status_code == 200
    with client.session_transaction() as cookie:
        assert time.time() - cookie[STATE]["seen"] < 60
    _age(client, seen=31 * 60)
    forget_loaded_user()
    response = client.get("/review-days/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "inactive for 30 minutes" in page


def test_a_staff_session_ends_hours_after_sign_in_however_busy(client, make_user):
    sign_in(client, make_user())
    _age(client, since=12 * 3600 + 60, seen=0)
    response = client.get("/review-days/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")
    assert "signed in more than 12 hours ago" in client.get("/sign-in").get_data(as_text=True)


def test_a_cookie_without_session_state_is_not_signed_in(client, make_user):
    user = make_user()
    with client.session_transaction() as cookie:  # as Flask-Login alone would have left it
        cookie.update({"_user_id": str(user.id), "_fresh": True})
    assert client.get("/review-days/").status_code == 302


def test_a_live_socket_of_an_ended_session_is_refused(app, client, session, make_day,
                                                      make_user):
    """The socket keeps the cookie it connected with; the version is checked per event."""
    from review_app.auth.sessions import end_sessions
    from review_app.prep.status import mark_ready, open_day

    day = make_day()
    mark_ready(session, day.facilitator, day)
    open_day(session, day.facilitator, day)
    session.commit()
    sign_in(client, day.facilitator)
    socket = socketio.test_client(app, flask_test_client=client)
    assert socket.emit("join", {"review_day_id": day.id}, callback=True)["ok"]
    end_sessions(session, day.facilitator)  # signed out in another tab
    session.commit()
    ack = socket.emit("join", {"review_day_id": day.id}, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "unauthorized"
    socket.disconnect()
