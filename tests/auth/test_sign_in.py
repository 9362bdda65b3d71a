"""Staff sign in with email and password (scrypt hashes); sign out is a POST."""

import sqlalchemy as sa
from werkzeug.security import check_password_hash

from review_app.models import User

from ..factories import PASSWORD


def test_sign_in_and_out(client, make_user):
    user = make_user("programme_lead", name="Priya Lead")
    assert user.password_hash.startswith("scrypt:")
    assert check_password_hash(user.password_hash, PASSWORD)
    page = client.get("/sign-in")
    assert page.status_code == 200 and b'name="csrf_token"' in page.data
    response = client.post("/sign-in", data={"email": user.email.upper(), "password": PASSWORD})
    # A programme lead lands on Reports; facilitators and admins on the Review Days.
    assert response.status_code == 302 and response.headers["Location"] == "/reports/"
    dashboard = client.get("/review-days/").get_data(as_text=True)
    assert "Signed in as Priya Lead (Programme lead)" in dashboard
    assert client.get("/sign-out").status_code == 405  # never by a link
    out = client.post("/sign-out")
    assert out.status_code == 302 and out.headers["Location"] == "/sign-in"
    assert client.get("/review-days/").headers["Location"].startswith("/sign-in")


def test_each_role_lands_where_its_work_is(client, make_user):
    for role, where in (("facilitator", "/review-days/"), ("admin", "/review-days/"),
                        ("programme_lead", "/reports/")):
        client.post("/sign-out")
        response = client.post("/sign-in", data={"email": make_user(role).email,
                                                 "password": PASSWORD})
        assert response.headers["Location"] == where, role
        assert client.get("/sign-in").headers["Location"] == where  # already signed in


def test_a_wrong_password_or_unknown_email_is_refused_alike(client, make_user):
    user = make_user()
    for email, password in ((user.email, "wrong password!"), ("nobody@example.org", PASSWORD)):
        response = client.post("/sign-in", data={"email": email, "password": password})
        assert response.status_code == 400
        page = response.get_data(as_text=True)
        assert "There is a problem" in page
        assert "Enter the email address and password of an active account" in page
    assert client.get("/review-days/").status_code == 302


def test_a_deactivated_account_cannot_sign_in(client, session, make_user):
    user = make_user()
    user.active = False
    session.commit()
    response = client.post("/sign-in", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400


def test_next_only_goes_to_this_site(client, make_user):
    user = make_user()
    outside = client.post("/sign-in?next=//evil.example.org/x",
                          data={"email": user.email, "password": PASSWORD})
    assert outside.headers["Location"] == "/review-days/"


def test_next_returns_to_the_page_asked_for(client, make_user):
    user = make_user()
    redirect = client.get("/stakeholders/").headers["Location"]
    assert redirect.startswith("/sign-in?next=")
    response = client.post(redirect, data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/stakeholders/"


def test_emails_are_unique_whatever_the_case(session, make_user):
    import pytest

    from review_app.auth.users import UserDetails, add_user
    from review_app.errors import InvalidInput

    make_user(email="sam@example.org")
    with pytest.raises(InvalidInput):
        add_user(session, UserDetails(email="SAM@example.org", name="Sam", role="admin"),
                 PASSWORD)
    assert session.scalars(sa.select(sa.func.count(User.id))).one() == 1
