"""The admin's page of accounts: add, change role, deactivate; validation changes nothing."""

import sqlalchemy as sa

from review_app.models import User

from ..factories import PASSWORD, sign_in


def test_an_admin_adds_and_changes_a_user(client, session, make_user):
    admin = make_user("admin")
    sign_in(client, admin)
    assert client.get("/users/").status_code == 200
    response = client.post("/users/new", data={
        "name": "Fay Cilitator", "email": "fay@example.org", "role": "facilitator",
        "password": "another-long-password"})
    assert response.status_code == 302
    fay = session.scalars(sa.select(User).where(User.email == "fay@example.org")).one()
    assert fay.role == "facilitator" and fay.active
    response = client.post(f"/users/{fay.id}/edit", data={
        "name": "Fay Cilitator", "email": "fay@example.org", "role": "programme_lead",
        "active": "", "new_password": ""})
    assert response.status_code == 302
    session.refresh(fay)
    assert (fay.role, fay.active) == ("programme_lead", False)
    listing = client.get("/users/").get_data(as_text=True)
    assert "Deactivated" in listing and "Programme lead" in listing


def test_bad_input_creates_nothing(client, session, make_user):
    sign_in(client, make_user("admin"))
    response = client.post("/users/new", data={"name": "", "email": "not-an-email",
                                                "role": "boss", "password": "short"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    for message in ("Enter a name", "correct format", "Select a role", "at least 12 characters"):
        assert message in page
    assert session.scalars(sa.select(sa.func.count(User.id))).one() == 1


def test_an_admin_cannot_lock_themselves_out(client, session, make_user):
    admin = make_user("admin")
    sign_in(client, admin)
    response = client.post(f"/users/{admin.id}/edit", data={
        "name": admin.name, "email": admin.email, "role": "facilitator", "active": "yes"})
    assert response.status_code == 400
    assert "cannot remove your own admin role" in response.get_data(as_text=True)
    session.refresh(admin)
    assert admin.role == "admin"


def test_a_new_password_is_hashed(client, session, make_user):
    admin, other = make_user("admin"), make_user()
    sign_in(client, admin)
    client.post(f"/users/{other.id}/edit", data={
        "name": other.name, "email": other.email, "role": other.role, "active": "yes",
        "new_password": "a-brand-new-password"})
    session.refresh(other)
    from werkzeug.security import check_password_hash
    assert check_password_hash(other.password_hash, "a-brand-new-password")
    assert not check_password_hash(other.password_hash, PASSWORD)
