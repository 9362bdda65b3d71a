"""Guessable passwords are refused wherever a password is set (issue 15, 5: `password1234`
was accepted), with zxcvbn's advice in plain UK English; hashing leaves the event loop."""

import sqlalchemy as sa

from review_app.models import User

from ..factories import PASSWORD, sign_in

COMMON = "password1234"
ADVICE = "Choose a password that is harder to guess. This is a very common password."


def count_users(session) -> int:
    return session.scalar(sa.select(sa.func.count(User.id)))


def test_create_user_refuses_a_common_password(runner, session):
    result = runner.invoke(args=["create-user", "--email", "a@example.org", "--name", "Ann",
                                 "--role", "admin"], input=f"{COMMON}\n")
    assert result.exit_code == 1
    assert ADVICE in result.output
    assert count_users(session) == 0


def test_the_admin_forms_refuse_a_common_password(client, session, make_user):
    admin, other = make_user("admin"), make_user()
    sign_in(client, admin)
    new = client.post("/users/new", data={"name": "Fay Cilitator", "email": "fay@example.org",
                                          "role": "facilitator", "password": COMMON})
    assert new.status_code == 400 and ADVICE in new.get_data(as_text=True)
    assert count_users(session) == 2
    before = other.password_hash
    edit = client.post(f"/users/{other.id}/edit", data={
        "name": other.name, "email": other.email, "role": other.role, "active": "yes",
        "new_password": COMMON})
    assert edit.status_code == 400 and ADVICE in edit.get_data(as_text=True)
    session.refresh(other)
    assert other.password_hash == before


def test_the_change_password_page_refuses_a_common_password(client, session, make_user):
    user = make_user()
    sign_in(client, user)
    response = client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": COMMON, "confirm_password": COMMON})
    assert response.status_code == 400 and ADVICE in response.get_data(as_text=True)


def test_a_password_made_of_the_persons_own_name_and_email_is_refused(client, make_user):
    admin = make_user("admin")
    sign_in(client, admin)
    response = client.post("/users/new", data={
        "name": "Priyanka Venkataraman", "email": "priyanka.venkataraman@example.org",
        "role": "facilitator", "password": "PriyankaVenkataraman"})
    assert response.status_code == 400
    assert "harder to guess" in response.get_data(as_text=True)


def test_the_advice_is_in_plain_uk_english():
    from review_app.auth.passwords import weakness

    for password, expected in (("Password1234", "Capital letters do not help much."),
                               ("asdfghjkl;12", "Rows of keys next to each other"),
                               ("p@ssw0rd1234", "Swaps like @ for a do not help much.")):
        advice = weakness(password)
        assert advice is not None and expected in advice, (password, advice)
        assert "Capitalization" not in advice and "aren't" not in advice
    assert weakness("violet-harbour-lantern-77") is None


def test_hashing_and_checking_run_off_the_event_loop(monkeypatch):
    """Under gevent a hash runs in the hub's thread pool: another greenlet keeps running
    while it is computed (it could not if the hash held the loop for its 0.1 s)."""
    import gevent

    from review_app.auth import passwords
    from review_app.extensions import socketio

    monkeypatch.setattr(socketio, "async_mode", "gevent", raising=False)
    ticks: list[int] = []

    def ticker():
        while True:
            ticks.append(1)
            gevent.sleep(0.001)

    background = gevent.spawn(ticker)
    gevent.sleep(0)
    before = len(ticks)
    hashed = passwords.hash_password(PASSWORD)
    during_hash = len(ticks) - before
    before = len(ticks)
    assert passwords.password_matches(hashed, PASSWORD)
    during_check = len(ticks) - before
    background.kill()
    assert during_hash > 0 and during_check > 0
