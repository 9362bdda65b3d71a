"""Every form carries a CSRF token; a POST without one is refused and changes nothing."""

import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from review_app.auth.users import UserDetails, add_user
from review_app.extensions import db
from review_app.models import ReviewDay
from review_app.prep.reference import seed_reference_data

from ..conftest import SAMPLE, app_with_tables

TEMPLATES = Path(__file__).resolve().parents[2] / "review_app" / "templates"
TOKEN = '<input type="hidden" name="csrf_token" value="{{ csrf_token() }}">'


@pytest.fixture
def csrf_app(database_config, tmp_path):
    with app_with_tables(database_config, tmp_path, WTF_CSRF_ENABLED=True) as app:
        yield app


def test_a_post_without_the_token_is_refused(csrf_app):
    from review_app.curriculum.sources import import_curriculum_file

    curriculum = import_curriculum_file(db.session, SAMPLE).curriculum
    seed_reference_data(db.session)
    user = add_user(db.session, UserDetails(email="f@example.org", name="F",
                                            role="facilitator"), "a-long-test-password")
    db.session.commit()
    client = csrf_app.test_client()
    refused = client.post("/sign-in", data={"email": user.email,
                                            "password": "a-long-test-password"})
    assert refused.status_code == 400
    assert client.get("/review-days/").status_code == 302  # still signed out

    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    signed_in = client.post("/sign-in", data={"email": user.email, "csrf_token": token,
                                              "password": "a-long-test-password"})
    assert signed_in.status_code == 302

    form = {"title": "Day", "curriculum_id": str(curriculum.id), "date-day": "24",
            "date-month": "11", "date-year": "2026", "starts_at": "10:00", "ends_at": "12:00"}
    without = client.post("/review-days/new", data=form)
    assert without.status_code == 400
    assert "Something was wrong with that request" in without.get_data(as_text=True)
    assert db.session.scalars(sa.select(ReviewDay)).all() == []
    forged = client.post("/review-days/new", data={**form, "csrf_token": "forged"})
    assert forged.status_code == 400
    assert db.session.scalars(sa.select(ReviewDay)).all() == []

    token = re.search(r'name="csrf_token" value="([^"]+)"',
                      client.get("/review-days/new").get_data(as_text=True))[1]
    accepted = client.post("/review-days/new", data={**form, "csrf_token": token})
    assert accepted.status_code == 302
    assert len(db.session.scalars(sa.select(ReviewDay)).all()) == 1


def test_drag_and_drop_needs_the_token_header(csrf_app):
    client = csrf_app.test_client()
    response = client.post("/review-days/1/agenda/order", json={"order": []})
    assert response.status_code == 400


def test_every_form_template_includes_the_token():
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        posts = len(re.findall(r'<form[^>]*method="post"', text))
        assert text.count(TOKEN) >= posts, f"{path.name}: a POST form lacks its csrf_token"
