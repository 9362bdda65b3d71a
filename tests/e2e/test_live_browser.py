"""Two and three browsers on one live Review Day: proposals, decisions and an offline spell."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from ..livedata import SECRET, seed_live_day
from ..servers import AppServer


@pytest.fixture
def live_room(live_env, tmp_path):
    live_env["SECRET_KEY"] = SECRET
    setup = seed_live_day(live_env["DATABASE_URL"], [("Sam Stakeholder", "FMLM"),
                                                     ("Kim Reviewer", "CMI")])
    server = AppServer(live_env).start()
    setup["url"] = f"{server.url}/live/{setup['review_day_id']}"
    setup["server"] = server
    yield setup
    server.stop()


def _page(browser, room, who):
    context = browser.new_context()
    context.add_cookies([{"name": "session", "value": who["cookie"].split("=", 1)[1],
                          "url": room["server"].url}])
    page = context.new_page()
    page.goto(room["url"])
    expect(page.locator("[data-connection-text]")).to_have_text("All changes saved")
    return page


def test_proposal_decision_round_trip_between_browsers(browser, live_room, tmp_path):
    stakeholder = _page(browser, live_room, live_room["stakeholders"][0])
    facilitator = _page(browser, live_room, live_room["facilitator"])
    item = stakeholder.locator(".app-live-item").nth(1)  # the first learning outcome
    item.get_by_text("Propose a change").click()
    item.get_by_label("New wording").fill("Apply prioritisation tools such as time-blocking.")
    expect(facilitator.locator("[data-typing]")).to_contain_text(
        "Sam Stakeholder on learning outcome 1 of Prioritise for Productivity")
    expect(facilitator.locator("[data-present]")).to_contain_text("Sam Stakeholder (FMLM)")
    item.get_by_label("Category").select_option("language")
    item.get_by_label("Why (rationale)").fill("Shorter and plainer.")
    item.get_by_role("button", name="Propose").click()

    card = facilitator.locator("[data-proposal]").first
    expect(card).to_contain_text("Reword a learning outcome")
    expect(card).to_contain_text("Sam Stakeholder (FMLM)")
    diff = card.locator("[data-p-diff]")
    expect(diff.locator("ins").filter(has_text="such")).to_have_count(1)
    expect(diff.locator("del").first).to_contain_text("[deleted:")
    assert "(such as the urgent/important matrix" in diff.locator("del").all_inner_texts()[0] \
        or diff.locator("del").count() > 1
    expect(facilitator.locator("[data-announcer]")).to_contain_text(
        "New proposal from Sam Stakeholder (FMLM)")

    card.get_by_label("Accept", exact=True).check()
    card.get_by_label("Reason (required)").fill("Plainer English, agreed by the room.")
    card.get_by_role("button", name="Record decision").click()

    mine = stakeholder.locator("[data-proposal]").first
    expect(mine.locator("[data-p-status]")).to_have_text("Accepted")
    expect(mine.locator("[data-p-decision]")).to_contain_text(
        "Plainer English, agreed by the room.")
    expect(stakeholder.locator("[data-announcer]")).to_contain_text("Decision: Accepted")
    facilitator.screenshot(path=str(tmp_path / "live-facilitator.png"), full_page=True)
    stakeholder.screenshot(path=str(tmp_path / "live-stakeholder.png"), full_page=True)


def test_offline_proposal_is_kept_and_delivered_exactly_once(browser, live_room):
    kim = _page(browser, live_room, live_room["stakeholders"][1])
    sam = _page(browser, live_room, live_room["stakeholders"][0])
    kim.context.set_offline(True)
    expect(kim.locator("[data-connection-text]")).to_contain_text("Offline")
    item = kim.locator(".app-live-item").nth(2)
    item.get_by_text("Propose a change").click()
    item.get_by_label("New wording").fill("Adapt your approach as demands change.")
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
    kim = _page(browser, live_room, live_room["stakeholders"][1])
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
    sam = _page(browser, live_room, live_room["stakeholders"][0])
    facilitator = _page(browser, live_room, live_room["facilitator"])
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
