"""Sign-in is throttled per account and per address (issue 15, 5: 40 wrong passwords, then
the right one, used to sign in)."""

import os
import uuid
from datetime import datetime, timedelta

import pytest

from ..factories import PASSWORD

WRONG = "not-the-password"


def attempt(client, email, password=WRONG, address="198.51.100.7"):
    return client.post("/sign-in", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def test_five_wrong_passwords_lock_the_account_for_a_while(client, make_user):
    user = make_user()
    for _ in range(5):
        assert attempt(client, user.email).status_code == 400
    refused = attempt(client, user.email, PASSWORD)  # the right password, too late
    assert refused.status_code == 429
    page = refused.get_data(as_text=True)
    assert "Too many attempts to sign in. Try again in 15 minutes." in page
    assert refused.headers["Retry-After"] == "900"
    # The lock is on the account, whichever address the guesses come from.
    assert attempt(client, user.email, PASSWORD, address="203.0.113.1").status_code == 429
    assert client.get("/review-days/").status_code == 302  # not signed in


def test_a_throttled_attempt_does_not_check_the_password(client, make_user, monkeypatch):
    user = make_user()
    for _ in range(5):
        attempt(client, user.email)
    from review_app.auth import users

    checked = []
    monkeypatch.setattr(users, "password_matches", lambda *args: checked.append(args))
    assert attempt(client, user.email, PASSWORD).status_code == 429
    assert checked == []


def test_a_right_password_before_the_limit_starts_the_count_again(client, make_user):
    user = make_user()
    for _ in range(4):
        attempt(client, user.email)
    assert attempt(client, user.email, PASSWORD).status_code == 302
    client.post("/sign-out")
    for _ in range(4):
        assert attempt(client, user.email).status_code == 400


def test_one_address_guessing_at_many_accounts_is_stopped(app, client, make_user):
    app.config["SIGN_IN_FAILURES_PER_ADDRESS"] = 3
    user = make_user()
    for number in range(3):
        assert attempt(client, f"guess{number}@example.org").status_code == 400
    assert attempt(client, user.email, PASSWORD).status_code == 429
    assert attempt(client, user.email, PASSWORD, address="192.0.2.50").status_code == 302


@pytest.mark.parametrize(("trusted", "second_client_status"), [(1, 302), (0, 429)])
def test_the_client_address_comes_from_the_trusted_proxy_only(database_config, tmp_path,
                                                              trusted, second_client_status):
    """Behind nginx (TRUSTED_PROXIES=1) each client is counted by its own address; without
    it, X-Forwarded-For is not believed (anyone could send one)."""
    from review_app.auth.users import UserDetails, add_user
    from review_app.extensions import db

    from ..conftest import app_with_tables

    with app_with_tables(database_config, tmp_path, TRUSTED_PROXIES=trusted,
                         SIGN_IN_FAILURES_PER_ADDRESS=2) as app:
        user = add_user(db.session, UserDetails("fay@example.org", "Fay", "facilitator"),
                        PASSWORD)
        db.session.commit()
        client = app.test_client()
        for number in range(2):
            client.post("/sign-in", data={"email": f"x{number}@example.org", "password": WRONG},
                        headers={"X-Forwarded-For": "203.0.113.9"})
        response = client.post("/sign-in", data={"email": user.email, "password": PASSWORD},
                               headers={"X-Forwarded-For": "203.0.113.10"})
        assert response.status_code == second_client_status


@pytest.fixture(params=["database", "redis"])
def failure_store(request, session):
    """Each store; Redis when REDIS_URL is set (the PostgreSQL and Redis run)."""
    from review_app.auth.throttle import DatabaseFailures, RedisFailures

    if request.param == "database":
        yield DatabaseFailures(session)
        return
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL is not set")
    import redis

    client = redis.Redis.from_url(url)
    prefix = f"review-day-test:{uuid.uuid4().hex}:"
    yield RedisFailures(client, prefix=prefix)
    for key in client.scan_iter(prefix + "*"):
        client.delete(key)
    client.close()


def test_the_window_moves_in_either_store(failure_store):
    """Five failures at minutes 0-4: locked until minute 15, when the first leaves the
    window; the second leaves at 16."""
    from review_app.auth.throttle import Throttle

    throttle = Throttle(failure_store, timedelta(minutes=15), per_account=5, per_address=50)
    start = datetime(2026, 11, 24, 10, 0)
    for minute in range(5):
        throttle.failed("Fay@Example.org ", "192.0.2.1", start + timedelta(minutes=minute))
    assert throttle.wait("fay@example.org", "192.0.2.2", start + timedelta(minutes=4)) == 11
    assert throttle.wait("fay@example.org", "192.0.2.2",
                         start + timedelta(minutes=14, seconds=30)) == 1
    assert throttle.wait("fay@example.org", "192.0.2.2", start + timedelta(minutes=15)) == 0
    assert throttle.wait("other@example.org", "192.0.2.1", start + timedelta(minutes=5)) == 0
    throttle.failed("fay@example.org", "192.0.2.1", start + timedelta(minutes=15))
    assert throttle.wait("fay@example.org", "192.0.2.2", start + timedelta(minutes=15)) == 1
    throttle.succeeded("fay@example.org")
    assert throttle.wait("fay@example.org", "192.0.2.2", start + timedelta(minutes=15)) == 0
