"""Checking a password (scrypt, about 0.1 s of CPU) runs off the event loop under gevent:
every check goes through auth/passwords.py's `password_matches`."""

from __future__ import annotations

import threading

from werkzeug.security import check_password_hash

from review_app import offload
from review_app.auth import passwords, users
from review_app.auth.users import add_user, authenticate


def test_password_checks_run_in_a_pool_thread_under_gevent(session, monkeypatch):
    monkeypatch.setattr(offload, "offloading", lambda: True)
    threads: list[int] = []

    def spy(*args):
        threads.append(threading.get_ident())
        return check_password_hash(*args)

    monkeypatch.setattr(passwords, "check_password_hash", spy)
    add_user(session, users.UserDetails(name="Pat Lead", email="pat@example.org",
                                        role="programme_lead"), "Correct-Horse-Battery-9")
    session.commit()
    assert authenticate(session, "pat@example.org", "Correct-Horse-Battery-9") is not None
    assert authenticate(session, "pat@example.org", "the wrong password") is None
    assert authenticate(session, "nobody@example.org", "the wrong password") is None
    assert len(threads) == 3 and threading.get_ident() not in threads
