"""axe-core on every page of the app, at desktop and phone sizes, in Chromium (issue 13):
every GET route is either visited here (with the states that matter: a form's errors, the
implementation board's conflict) or named below as not a page (downloads, JSON), and a
planted violation proves the check fails when it should."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from review_app import create_app

from ..servers import cli
from .axe import check_page
from .test_live_browser import (
    _facilitator,
    _stakeholder,
    live_room,  # noqa: F401  (the fixture: `review-app demo`)
)
from .test_room_extras_browser import shots  # noqa: F401  (the fixture)

PASSWORD = "admin-axe-password-long"
NOT_PAGES = {  # what a browser downloads or a script reads, not a page to look at
    "static", "health.healthz", "quality.draft_hints", "curriculum.download",
    "reports.download_tracked", "reports.download_report", "reports.download_pack",
    "prep.invitation_ics", "prep.invitation_links_csv",
}
ELSEWHERE = {  # pages checked by axe in another Chromium test, in the state they need
    "curriculum.preview": "test_curriculum_upload_browser.py (a previewed upload)",
    "reports.show_pack": "a PDF being prepared: minutes of LibreOffice, not run here",
    "prep.delete_day": "test_invitation_email_browser.py (a draft day)",
    "live.room": "test_room_extras_browser.py (joined, with proposals, closed)",
}


def _get_endpoints() -> set[str]:
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": True,
                      "SECRET_KEY": "axe-test"})
    return {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in rule.methods}


def _ids(env) -> dict[str, int]:
    engine = sa.create_engine(env["DATABASE_URL"], poolclass=sa.pool.NullPool)
    queries = {"week": "SELECT min(id) FROM review_week",
               "change": "SELECT min(id) FROM change",
               "stakeholder": "SELECT min(id) FROM stakeholder",
               "invitation": "SELECT min(id) FROM invitation",
               "user": "SELECT min(id) FROM \"user\"",
               "agenda_item": "SELECT min(id) FROM agenda_item",
               "organisation": "SELECT min(id) FROM organisation"}
    with engine.connect() as connection:
        found = {name: connection.execute(sa.text(q)).scalar() for name, q in queries.items()}
    engine.dispose()
    return found


def _accepted_change(browser, room) -> None:
    """A stakeholder's proposal, accepted: a change on the implementation board."""
    sam = _stakeholder(browser, room, 0)
    item = sam.locator(".app-live-item").nth(1)
    item.get_by_text("Propose a change").click()
    item.get_by_label("New wording").fill("Apply prioritisation tools such as time-blocking.")
    item.get_by_label("Category").select_option("language")
    item.get_by_role("button", name="Propose").click()
    facilitator = _facilitator(browser, room)
    card = facilitator.locator("[data-proposal]").first
    card.get_by_label("Accept", exact=True).check()
    card.get_by_role("button", name="Record decision").click()
    expect(sam.locator("[data-p-status]").first).to_have_text("Accepted")
    sam.context.close()
    facilitator.context.close()


def _move_item_on(env, change_id: int) -> None:
    """Someone else changes the item after the proposal: the board shows a conflict."""
    engine = sa.create_engine(env["DATABASE_URL"], poolclass=sa.pool.NullPool)
    with engine.begin() as connection:
        connection.execute(sa.text(
            "UPDATE curriculum_item SET version = version + 1, text = 'A newer text.' "
            "WHERE id = (SELECT p.item_id FROM change c JOIN proposal p ON p.id = c.proposal_id "
            "WHERE c.id = :id)"), {"id": change_id})
    engine.dispose()


def test_every_page_has_no_axe_violations_at_both_sizes(browser, live_room, shots):  # noqa: F811
    env, base, demo = live_room["server"].env, live_room["server"].url, live_room["demo"]
    day = demo["review_day_id"]
    cli(env, "create-user", "--email", "ada@example.org", "--name", "Ada Admin", "--role",
        "admin", input=PASSWORD + "\n")
    _accepted_change(browser, live_room)
    ids = _ids(env)

    visitor = browser.new_context().new_page()
    anonymous = {
        "auth.login": "/sign-in",
        "live.room": f"/live/{day}",  # not joined: how to join
        "prep.join_invitation": demo["stakeholders"][0]["invite_url"].removeprefix(base),
        "prep.join_open": demo["join_url"].removeprefix(base),
        "info.how_it_works": "/help", "info.accessibility": "/accessibility",
        "info.privacy": "/privacy",
    }
    for endpoint, path in anonymous.items():
        visitor.goto(base + path)
        check_page(visitor, shots, f"axe-{endpoint}")
    visitor.goto(base + "/no-such-page")
    check_page(visitor, shots, "axe-404")

    page = browser.new_context().new_page()
    page.goto(base + "/sign-in")
    page.get_by_label("Email address").fill("ada@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    signed_in = {
        "web.home": "/", "auth.change_password": "/account/password",
        "curriculum.index": "/curricula/", "curriculum.show": "/curricula/stage-1",
        "quality.stage_quality": "/curricula/quality/stage-1",
        "quality.pathway_view": "/curricula/quality/pathway",
        "curriculum.upload": "/curricula/upload",
        "implement.overview": "/implementation/",
        "implement.carried_over": "/implementation/carried-over",
        "implement.week": f"/implementation/weeks/{ids['week']}",
        "implement.change": f"/implementation/changes/{ids['change']}",
        "live.close": f"/live/{day}/close",
        "prep.organisations_page": "/organisations/",
        "reports.index": "/reports/",
        "reports.chosen_report": "/reports/report?from-day=31&from-month=2&from-year=2026",
        "prep.dashboard": "/review-days/", "prep.review_day": f"/review-days/{day}",
        "prep.edit_day": f"/review-days/{day}/edit", "prep.new_day": "/review-days/new",
        "prep.invitation": f"/review-days/{day}/invitations/{ids['invitation']}",
        "prep.stakeholders": "/stakeholders/", "prep.new_stakeholder": "/stakeholders/new",
        "prep.edit_stakeholder": f"/stakeholders/{ids['stakeholder']}/edit",
        "prep.anonymise": f"/stakeholders/{ids['stakeholder']}/anonymise",
        "prep.bulk_stakeholders": "/stakeholders/bulk",
        "auth.users": "/users/", "auth.new_user": "/users/new",
        "auth.edit_user": f"/users/{ids['user']}/edit",
        "prep.agenda_picker": f"/review-days/{day}/agenda/add?q=prioritise",
        "prep.remove_from_agenda": f"/review-days/{day}/agenda/{ids['agenda_item']}/remove",
        "prep.revoke": f"/review-days/{day}/invitations/{ids['invitation']}/revoke",
        "prep.reset_join_link": f"/review-days/{day}/join-link/reset",
        "prep.delete_stakeholder_page": f"/stakeholders/{ids['stakeholder']}/delete",
        "prep.delete_organisation_page":
            f"/organisations/organisation/{ids['organisation']}/delete",
        "prep.merge_organisation": f"/organisations/organisation/{ids['organisation']}/merge",
    }
    for endpoint, path in signed_in.items():
        response = page.goto(base + path)
        assert response.status in (200, 400), (path, response.status)
        check_page(page, shots, f"axe-{endpoint}")

    # The implementation board's conflict, applied without a choice: the 409 with its errors.
    _move_item_on(env, ids["change"])
    page.goto(f"{base}/implementation/changes/{ids['change']}")
    page.get_by_role("button", name="Apply to the curriculum").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.locator("#resolution-error")).to_contain_text("Choose how to resolve")
    check_page(page, shots, "axe-implement-conflict-error")
    page.locator(".nhsuk-error-summary a").first.click()
    expect(page.locator("#resolution")).to_be_focused()

    visited = set(anonymous) | set(signed_in)
    assert _get_endpoints() - visited - NOT_PAGES - set(ELSEWHERE) == set()


def test_the_check_fails_on_a_planted_violation(browser, live_server):
    page = browser.new_context().new_page()
    page.goto(live_server.url + "/sign-in")
    check_page(page, None, "clean")  # the page itself passes
    page.evaluate("""() => {
      const input = document.createElement('input');  // no label: axe's "label" rule
      document.querySelector('main').append(input);
    }""")
    with pytest.raises(AssertionError) as failed:
        check_page(page, None, "planted")
    assert "label" in str(failed.value)
