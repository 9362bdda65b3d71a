"""Adding many stakeholders at once: pasted rows or CSV, preview, per-row errors, merging."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from review_app.errors import InvalidInput
from review_app.models import Stakeholder
from review_app.prep.bulk_people import add_rows, plan_rows

from ..factories import sign_in

ROWS = ("name,email,organisation,group\n"
        "Priya Shah,priya@example.org,NHS England,Clinical\n"
        "Tom Reid,,Skills for Care,\n"
        "Ana Lima,ANA@example.org,nhs england,Clinical\n"
        "Ana Lima-Costa,ana@example.org,NHS England,\n")


@pytest.fixture
def admin(session, reference_data, make_user):
    return make_user("admin")


def _people(session):
    return {s.name: s for s in session.scalars(sa.select(Stakeholder))}


def test_preview_then_add_merging_duplicates_by_email(session, admin):
    plan = plan_rows(session, admin, ROWS)
    assert [(r.line, r.action, r.errors) for r in plan.rows] == [
        (2, "add", []), (3, "add", []), (4, "merged", []), (5, "add", [])]
    assert plan.rows[2].merged_into == 5
    assert _people(session) == {}  # the preview stores nothing
    add_rows(session, admin, ROWS)
    people = _people(session)
    assert sorted(people) == ["Ana Lima-Costa", "Priya Shah", "Tom Reid"]
    assert people["Ana Lima-Costa"].email == "ana@example.org"
    assert people["Tom Reid"].email is None and people["Tom Reid"].group is None
    assert people["Priya Shah"].organisation.name == "NHS England"


def test_stored_email_updates_that_stakeholder(session, admin, make_stakeholder):
    stored = make_stakeholder("P. Shah", email="Priya@Example.org", group="Clinical")
    plan = plan_rows(session, admin, "Priya Shah\tpriya@example.org\tSkills for Care\t\n")
    assert plan.rows[0].action == "update" and plan.rows[0].existing.id == stored.id
    add_rows(session, admin, "Priya Shah\tpriya@example.org\tSkills for Care\t\n")
    session.refresh(stored)
    assert stored.name == "Priya Shah" and stored.organisation.name == "Skills for Care"
    assert stored.group.name == "Clinical"  # an empty group keeps theirs
    assert len(_people(session)) == 1


def test_bad_rows_are_named_and_nothing_is_stored(session, admin):
    text = ("Priya Shah,priya@example.org,NHS England,\n"
            ",x@example.org,NHS England,\n"
            "Bo,not-an-email,Nowhere Trust,Aliens\n"
            "A,b@example.org,NHS England,,extra\n")
    errors = plan_rows(session, admin, text).errors
    assert errors == {
        "row-2": "Row 2: enter a name",
        "row-3": "Row 3: 'not-an-email' is not an email address like name@example.org; the "
                 "organisation 'Nowhere Trust' is not in the list (an admin adds "
                 "organisations); the stakeholder group 'Aliens' is not in the list",
        "row-4": "Row 4: has 5 columns; give name, email, organisation, group"}
    with pytest.raises(InvalidInput):
        add_rows(session, admin, text)
    assert _people(session) == {}


def test_empty_and_oversized_input(session, admin):
    assert plan_rows(session, admin, "\n \n").errors["rows"].startswith("Enter at least one")
    many = "".join(f"P{n},p{n}@example.org,NHS England,\n" for n in range(501))
    assert "add at most 500" in plan_rows(session, admin, many).errors["rows"]


def test_pages_preview_and_add(client, session, admin):
    sign_in(client, admin)
    page = client.post("/stakeholders/bulk", data={"rows": ROWS}).get_data(as_text=True)
    assert "3 to add, 0 already stored" in page and "1 merged" in page
    assert "Add 3 and update 0 stakeholders" in page and _people(session) == {}
    response = client.post("/stakeholders/bulk", data={"rows": ROWS, "confirm": "1"})
    assert response.status_code == 302
    assert len(_people(session)) == 3


def test_page_shows_row_errors_in_the_error_summary(client, session, admin):
    sign_in(client, admin)
    response = client.post("/stakeholders/bulk", data={
        "rows": "Bo,bo@example.org,Nowhere Trust,\n", "confirm": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'class="nhsuk-error-summary"' in page
    assert '<a href="#row-1">Row 1: the organisation' in page and 'id="row-1"' in page
    assert "Add 0 and update" not in page and _people(session) == {}


def test_csv_upload(client, session, admin):
    sign_in(client, admin)
    data = {"rows": "", "csv_file": (io.BytesIO(("\ufeff" + ROWS).encode()), "people.csv")}
    page = client.post("/stakeholders/bulk", data=data,
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "3 to add" in page


def test_only_stakeholder_managers(client, make_user, reference_data):
    sign_in(client, make_user("programme_lead"))
    assert client.get("/stakeholders/bulk").status_code == 403


def test_text_that_cannot_be_stored_is_refused_naming_row_and_column(client, session,
                                                                       admin):
    """Issue 15, finding 1: pasted rows and CSV files are a way in too. A control
    character (or a NUL, which PostgreSQL cannot hold) in a name or an email address, or a
    quoted name over two lines, stops the batch with an error naming its row."""
    text = ("Pri\x01ya Shah,priya@example.org,NHS England,\n"
            "Bo Bell,b\x00o@example.org,NHS England,\n"
            '"Ana\nLima",ana@example.org,NHS England,\n'
            "Tom Reid,tom@example.org,NHS England,\n")
    assert plan_rows(session, admin, text).errors == {
        "row-1": "Row 1: the name contains a character that cannot be stored, such as a "
                 "control character",
        "row-2": "Row 2: the email address contains a character that cannot be stored, "
                 "such as a control character",
        "row-3": "Row 3: the name must be on one line"}
    sign_in(client, admin)
    data = {"rows": "", "csv_file": (io.BytesIO(text.encode()), "people.csv"),
            "confirm": "1"}
    response = client.post("/stakeholders/bulk", data=data,
                           content_type="multipart/form-data")
    assert response.status_code == 400 and "Row 2: the email address" in response.get_data(
        as_text=True)
    assert _people(session) == {}
