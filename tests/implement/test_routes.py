"""The implementation pages over HTTP: what each role may see and do."""

import random
from datetime import date

import pytest

from review_app.extensions import db
from review_app.models import Change

from ..factories import sign_in
from ..reports.factories import build_review_period, make_review_day, make_user


@pytest.fixture
def period(app, session, sample_curriculum):
    found = build_review_period(session, sample_curriculum, weeks=2, proposals_per_day=14)
    session.commit()
    return found


@pytest.fixture
def users(session, period):
    made = {role: make_user(session, role, f"{role} user")
            for role in ("facilitator", "programme_lead", "admin", "stakeholder")}
    session.commit()
    return made


def _open_change(period):
    return next(c for c in period.changes if c.state != "done")


def _pages(period):
    change = _open_change(period)
    return {"overview": ("GET", "/implementation/"),
            "week": ("GET", f"/implementation/weeks/{period.weeks[0].id}"),
            "change": ("GET", f"/implementation/changes/{change.id}"),
            "state": ("POST", f"/implementation/changes/{change.id}/state"),
            "carried": ("GET", "/implementation/carried-over")}


ALLOWED = {"facilitator": {"overview", "week", "change", "state", "carried"},
           "programme_lead": {"overview", "week", "change", "state"},
           "admin": {"overview", "week", "change", "state", "carried"},
           "stakeholder": set()}


def test_anonymous_visitors_are_sent_to_sign_in(client, period):
    for method, url in _pages(period).values():
        response = client.open(url, method=method)
        assert response.status_code == 302, url
        assert "/sign-in" in response.headers["Location"] or "login" in response.headers[
            "Location"]


@pytest.mark.parametrize("role", ["facilitator", "programme_lead", "admin", "stakeholder"])
def test_each_role_reaches_only_what_it_may(client, period, users, role):
    sign_in(client, users[role])
    for name, (method, url) in _pages(period).items():
        data = {"state": "in_progress"} if method == "POST" else None
        response = client.open(url, method=method, data=data)
        expected = (302 if method == "POST" else 200) if name in ALLOWED[role] else 403
        assert response.status_code == expected, (role, name)


def test_overview_counts_open_changes_per_week(client, period, users):
    sign_in(client, users["programme_lead"])
    page = client.get("/implementation/").get_data(as_text=True)
    open_count = sum(c.state != "done" for c in period.changes)
    assert f"{open_count} changes still open across all weeks" in page
    assert "Week of Monday 7 July 2025" in page and "Week of Monday 14 July 2025" in page
    assert 'class="nhsuk-tag nhsuk-tag--red">' in page  # 2025 due days are long past


def test_week_board_groups_changes_by_state(client, period, users):
    sign_in(client, users["facilitator"])
    page = client.get(f"/implementation/weeks/{period.weeks[0].id}").get_data(as_text=True)
    week_changes = [c for c in period.changes if c.proposal.review_day.week_id ==
                    period.weeks[0].id]
    for state, label in (("to_do", "To do"), ("in_progress", "In progress"), ("done", "Done")):
        count = sum(c.state == state for c in week_changes)
        assert f"<h2 id=\"{state}\">{label} ({count})</h2>" in page
    assert 'nhsuk-tag nhsuk-tag--green">Done' in page


def test_apply_through_the_page_and_see_the_difference(client, session, period, users):
    change = next(c for c in period.changes if c.state != "done"
                  and c.proposal.kind == "replace" and c.proposal.item.version ==
                  c.proposal.base_version)
    sign_in(client, users["facilitator"])
    tidied = change.accepted_text + " Tidied."
    response = client.post(f"/implementation/changes/{change.id}/apply",
                           data={"implemented_text": tidied})
    assert response.status_code == 302
    db.session.expire_all()
    change = db.session.get(Change, change.id)
    assert change.state == "done" and change.proposal.item.text == tidied
    page = client.get(f"/implementation/changes/{change.id}").get_data(as_text=True)
    assert "Implemented wording differs from the accepted text" in page
    assert "<ins><span class=\"nhsuk-u-visually-hidden\"> [inserted: </span> Tidied." in page


def test_conflict_is_shown_side_by_side_and_needs_a_choice(client, session, period, users):
    change = next(c for c in period.changes if c.state != "done"
                  and c.proposal.kind == "replace")
    item = change.proposal.item
    item.text, item.version = "Someone else's newer text.", item.version + 1
    session.commit()
    sign_in(client, users["facilitator"])
    response = client.post(f"/implementation/changes/{change.id}/apply", data={})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "This item changed after the proposal was made" in page
    # Issue 13: the 409 says what to do, the NHS way: a summary linking to the field, and
    # the message on the field itself.
    assert "There is a problem" in page and '<a href="#resolution">Choose how to resolve' in page
    assert 'id="resolution-error"' in page and 'id="resolution" name="resolution"' in page
    for text in (change.proposal.base_text, "Someone else&#39;s newer text.",
                 change.accepted_text):
        assert text.replace("'", "&#39;") in page
    db.session.expire_all()
    assert db.session.get(Change, change.id).state != "done"
    response = client.post(f"/implementation/changes/{change.id}/apply",
                           data={"resolution": "merged", "merged_text": "Merged.",
                                 "note": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert '<a href="#note">Enter a note saying what was merged.</a>' in page
    assert 'id="note-error"' in page and "nhsuk-input--error" in page
    assert ">Merged.</textarea>" in page and 'value="merged" checked' in page  # kept
    client.post(f"/implementation/changes/{change.id}/apply",
                data={"resolution": "merged", "merged_text": "Merged.", "note": "Both."})
    db.session.expire_all()
    change = db.session.get(Change, change.id)
    assert change.state == "done" and change.proposal.item.text == "Merged."


def test_carry_over_page_carries_into_a_draft_day(client, session, period, users):
    later = make_review_day(session, period.curriculum, date(2025, 9, 1), period.facilitator,
                            [], random.Random(2))
    later.status = "draft"
    session.commit()
    deferred = [p for p in period.proposals if p.status == "deferred"]
    sign_in(client, users["facilitator"])
    page = client.get("/implementation/carried-over").get_data(as_text=True)
    assert all(f'value="{p.id}"' in page for p in deferred)
    response = client.post("/implementation/carried-over", follow_redirects=True,
                           data={"review_day_id": later.id,
                                 "proposal_id": [p.id for p in deferred[:2]]})
    assert "2 carried over to the Review Day of 2 September 2025." in response.get_data(
        as_text=True)
    db.session.expire_all()
    assert len(later.agenda) >= 1 and f"P{deferred[0].id}" in later.agenda[0].prompts


def test_navigation_shows_implementation_to_staff(client, period, users):
    sign_in(client, users["programme_lead"])
    page = client.get("/implementation/").get_data(as_text=True)
    assert 'href="/implementation/"' in page
