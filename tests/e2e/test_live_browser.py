"""Two and three browsers on one live Review Day: proposals, decisions and an offline spell."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from ..servers import AppServer, cli


@pytest.fixture
def live_room(live_env):
    """`review-app demo` on a real server: a live day, a facilitator, invited stakeholders."""
    server = AppServer(live_env).start()
    demo = json.loads(cli({**live_env, "BASE_URL": server.url}, "demo", "--json"))
    yield {"server": server, "demo": demo, "url": f"{server.url}/live/{demo['review_day_id']}"}
    server.stop()


def _ready(page):
    expect(page.locator("[data-connection-text]")).to_have_text("All changes saved")
    return page


def _stakeholder(browser, room, index):
    """A stakeholder arriving from their personal invitation link."""
    page = browser.new_context().new_page()
    page.goto(room["demo"]["stakeholders"][index]["invite_url"])
    page.get_by_role("button", name="Join the Review Day").click()
    expect(page).to_have_url(room["url"])
    return _ready(page)


def _facilitator(browser, room):
    """The facilitator signing in with the demo's account, then opening the live page."""
    page = browser.new_context().new_page()
    page.goto(room["server"].url + "/review-days/")
    page.get_by_label("Email address").fill(room["demo"]["facilitator"]["email"])
    page.get_by_label("Password").fill(room["demo"]["facilitator"]["password"])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review Days")
    page.goto(room["url"])
    return _ready(page)


def _who(room, index):
    person = room["demo"]["stakeholders"][index]
    return f"{person['name']} ({person['organisation']})"


def test_proposal_decision_round_trip_between_browsers(browser, live_room, tmp_path):
    stakeholder = _stakeholder(browser, live_room, 0)
    facilitator = _facilitator(browser, live_room)
    name = live_room["demo"]["stakeholders"][0]["name"]
    item = stakeholder.locator(".app-live-item").nth(1)  # the first learning outcome
    item.get_by_text("Propose a change").click()
    item.get_by_label("New wording").fill("Apply prioritisation tools such as time-blocking.")
    expect(facilitator.locator("[data-typing]")).to_contain_text(
        f"{name} on learning outcome 1 of Prioritise for Productivity")
    expect(facilitator.locator("[data-present]")).to_contain_text(_who(live_room, 0))
    item.get_by_label("Category").select_option("language")
    item.get_by_label("Why (optional)").fill("Shorter and plainer.")
    item.get_by_role("button", name="Propose").click()

    card = facilitator.locator("[data-proposal]").first
    expect(card).to_contain_text("Reword a learning outcome")
    expect(card).to_contain_text(_who(live_room, 0))
    diff = card.locator("[data-p-diff]")
    expect(diff.locator("ins").filter(has_text="such")).to_have_count(1)
    expect(diff.locator("del").first).to_contain_text("[deleted:")
    assert "(such as the urgent/important matrix" in diff.locator("del").all_inner_texts()[0] \
        or diff.locator("del").count() > 1
    expect(facilitator.locator("[data-announcer]")).to_contain_text(
        f"New proposal from {_who(live_room, 0)}")

    card.get_by_label("Accept", exact=True).check()
    card.get_by_label("Reason (optional)").fill("Plainer English, agreed by the room.")
    card.get_by_role("button", name="Record decision").click()

    mine = stakeholder.locator("[data-proposal]").first
    expect(mine.locator("[data-p-status]")).to_have_text("Accepted")
    expect(mine.locator("[data-p-decision]")).to_contain_text(
        "Plainer English, agreed by the room.")
    expect(stakeholder.locator("[data-announcer]")).to_contain_text("Decision: Accepted")
    facilitator.screenshot(path=str(tmp_path / "live-facilitator.png"), full_page=True)
    stakeholder.screenshot(path=str(tmp_path / "live-stakeholder.png"), full_page=True)


def test_offline_proposal_is_kept_and_delivered_exactly_once(browser, live_room):
    kim = _stakeholder(browser, live_room, 1)
    sam = _stakeholder(browser, live_room, 0)
    kim.context.set_offline(True)
    expect(kim.locator("[data-connection-text]")).to_contain_text("Offline")
    item = kim.locator(".app-live-item").nth(2)
    item.get_by_text("Propose a change").click()
    item.get_by_label("New wording").fill("Adapt your approach as demands change.")
    item.get_by_label("Category").select_option("content")
    item.get_by_role("button", name="Propose").click()
    expect(kim.locator("[data-connection-text]")).to_have_text(
        "Offline: 1 unsent change kept on this device")
    expect(kim.locator("[data-pending]")).to_contain_text("waiting to be sent")
    kim.context.set_offline(False)
    expect(kim.locator("[data-connection-text]")).to_have_text("All changes saved",
                                                               timeout=20000)
    expect(sam.locator("[data-proposal]")).to_have_count(1)
    expect(kim.locator("[data-proposal]")).to_have_count(1)
    expect(kim.locator("[data-pending]")).to_have_count(0)
    engine = sa.create_engine(live_room["server"].env["DATABASE_URL"],
                              poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM proposal")).scalar() == 1
    engine.dispose()


def test_offline_change_survives_a_reload(browser, live_room):
    kim = _stakeholder(browser, live_room, 1)
    kim.context.set_offline(True)
    expect(kim.locator("[data-connection-text]")).to_contain_text("Offline")
    kim.get_by_label("Your feedback").fill("The tone is right for new managers.")
    kim.get_by_role("button", name="Give feedback").click()
    expect(kim.locator("[data-connection-text]")).to_contain_text("1 unsent change")
    kim.context.set_offline(False)
    kim.reload()  # the outbox lives in localStorage and is sent after the reload
    expect(kim.locator("[data-feedback-list]")).to_contain_text(
        "The tone is right for new managers.", timeout=20000)
    expect(kim.locator("[data-connection-text]")).to_have_text("All changes saved")


def test_follow_the_facilitator_by_keyboard(browser, live_room):
    sam = _stakeholder(browser, live_room, 0)
    facilitator = _facilitator(browser, live_room)
    expect(sam.locator("[data-competency-panel]:visible h2")).to_have_text(
        "Prioritise for Productivity")
    focus = facilitator.get_by_role("button", name="Focus everyone here").nth(2)
    expect(focus).to_contain_text("Commit to Continuing Professional Development")
    focus.focus()
    facilitator.keyboard.press("Enter")
    expect(sam.locator("[data-competency-panel]:visible h2")).to_have_text(
        "Commit to Continuing Professional Development")
    expect(sam.locator("[data-announcer]")).to_contain_text("The facilitator moved everyone to")
    expect(sam.locator("[aria-current=step]")).to_contain_text("Now")
    # a participant may stop following and read something else
    sam.get_by_label("Follow the facilitator").uncheck()
    sam.locator("[data-go]").first.click()
    second = facilitator.get_by_role("button", name="Focus everyone here").nth(1)
    second.click()
    expect(sam.locator("[data-competency-panel]:visible h2")).to_have_text(
        "Prioritise for Productivity")
    expect(sam.locator("[aria-current=step]")).to_contain_text("Keep Safe")


def test_the_facilitator_removes_a_participant_whose_screen_closes(browser, live_room):
    stakeholder = _stakeholder(browser, live_room, 0)
    facilitator = _facilitator(browser, live_room)
    who = _who(live_room, 0)
    expect(facilitator.locator("[data-present]")).to_contain_text(who)
    facilitator.get_by_text("Moderate a participant").click()
    facilitator.get_by_label("Participant", exact=True).select_option(label=who)
    facilitator.get_by_label("Remove them from the day").check()
    facilitator.get_by_label("Reason (required, recorded with the decision)").fill(
        "Not part of this review.")
    facilitator.get_by_role("button", name="Apply").click()
    removed = stakeholder.locator("[data-removed]")
    expect(removed).to_be_visible()
    expect(removed).to_contain_text("You have been removed from this Review Day")
    expect(stakeholder.locator(".app-live__grid")).to_be_hidden()
    expect(facilitator.locator("[data-present]")).not_to_contain_text(who)
    _ready(facilitator)
    stakeholder.reload()
    expect(stakeholder.get_by_role("heading", level=1)).to_have_text(
        "You have been removed from this Review Day")
