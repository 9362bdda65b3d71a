"""Issue 13 in Chromium, a facilitator and a stakeholder in two browser contexts: the page a
room opened without joining shows, editing your own proposal, replies under a comment, the
reason rule and the final wording of an amended decision, closing with a question that
stops the timers; axe-core on each state of the room at desktop and phone sizes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .axe import SIZES, check_page
from .test_live_browser import (
    _facilitator,
    _ready,
    _stakeholder,
    _who,
    live_room,  # noqa: F401  (the fixture: `review-app demo`)
)


@pytest.fixture
def shots(tmp_path) -> Path:
    """Where screenshots go: REVIEW_SHOTS to keep them and look, else the test's tmp dir."""
    folder = Path(os.environ.get("REVIEW_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_a_room_address_opened_before_joining_explains_how(browser, live_room,  # noqa: F811
                                                           shots):
    page = browser.new_context().new_page()
    page.goto(live_room["url"])
    expect(page.get_by_role("heading", level=1)).to_contain_text("first")
    expect(page.get_by_text("open the personal link in your invitation")).to_be_visible()
    expect(page.get_by_text("You do not have permission")).to_have_count(0)
    check_page(page, shots, "room-not-joined")
    # The way in still works from the same browser afterwards.
    page.goto(live_room["demo"]["stakeholders"][0]["invite_url"])
    page.get_by_role("button", name="Join the Review Day").click()
    _ready(page)
    expect(page.get_by_role("link", name="Sign in")).to_have_count(0)


def _propose(page, text):
    item = page.locator(".app-live-item").nth(1)  # the first learning outcome
    item.get_by_text("Propose a change").click()
    item.get_by_label("New wording").fill(text)
    item.get_by_label("Category").select_option("language")
    item.get_by_role("button", name="Propose").click()


def test_edit_reply_decide_and_close_between_two_browsers(browser, live_room,  # noqa: F811
                                                          shots):
    sam = _stakeholder(browser, live_room, 0)
    facilitator = _facilitator(browser, live_room)
    check_page(sam, shots, "room-joined")
    sam.get_by_text("How to take part").click()
    expect(sam.get_by_text("You can edit or withdraw your own proposal")).to_be_visible()

    _propose(sam, "Apply prioritisation tools such as time-blocking.")
    mine = sam.locator("[data-proposal]").first
    expect(mine.get_by_role("button", name="Withdraw")).to_be_visible()
    # Someone else's proposal has no Edit; yours has.
    expect(facilitator.locator("[data-proposal]").first.locator("[data-edit]")).to_be_hidden()
    mine.get_by_role("button", name="Edit your proposal").click()
    box = mine.get_by_label("New wording")
    expect(box).to_be_focused()
    box.fill("")
    mine.get_by_role("button", name="Save changes").click()
    expect(mine.locator(".nhsuk-error-message")).to_have_text("Error: Enter the new wording")
    box.fill("Apply prioritisation tools such as time-blocking and batching.")
    mine.get_by_label("Why (optional)").fill("Batching helps too.")
    mine.get_by_role("button", name="Save changes").click()
    expect(mine.locator("[data-p-edited]")).to_have_text("Edited")
    expect(mine.locator("[data-p-diff] ins").filter(has_text="batching")).to_have_count(1)
    expect(mine.locator("[data-p-rationale]")).to_have_text("Why: Batching helps too.")
    _ready(sam)

    facilitator.reload()  # the edited version is what the room's state holds now
    _ready(facilitator)
    card = facilitator.locator("[data-proposal]").first
    expect(card.locator("[data-p-diff] ins").filter(has_text="batching")).to_have_count(1)
    expect(card.locator("[data-p-edited]")).to_be_visible()

    # A comment from the facilitator, a reply from the proposer, threaded on both screens.
    card.get_by_text("Comments (0)").click()
    card.get_by_label("Add a comment").fill("Is batching a tool?")
    card.get_by_role("button", name="Comment", exact=True).click()
    mine.get_by_text("Comments (1)").click()
    reply = mine.locator(".app-comment").first.get_by_role("button", name="Reply")
    reply.click()
    mine.locator(".app-reply textarea").fill("Yes, grouping similar tasks.")
    mine.locator(".app-reply").get_by_role("button", name="Reply").click()
    thread = card.locator(".app-comment").first.locator(".app-replies")
    expect(thread).to_contain_text(f"{_who(live_room, 0)}: Yes, grouping similar tasks.")
    expect(card.locator(".app-comments > li")).to_have_count(1)
    check_page(facilitator, shots, "room-with-proposals")

    # Reason: optional for a plain accept, required (and asked for) when amending.
    card.get_by_label("Accept", exact=True).check()
    expect(card.get_by_label("Reason (optional)")).to_be_visible()
    card.get_by_label("Accept with changed wording").check()
    expect(card.get_by_label("Reason (required)")).to_be_visible()
    card.get_by_label("Changed wording", exact=True).fill(
        "Apply prioritisation tools such as time-blocking and batching of similar tasks.")
    card.get_by_label("Reason (required)").fill("Clearer with the example.")
    card.get_by_role("button", name="Record decision").click()
    decision = mine.locator("[data-p-decision]")
    expect(decision).to_contain_text("Accepted with changed wording by")
    expect(decision).to_contain_text("Final wording:")
    expect(decision.locator("ins").filter(has_text="similar")).to_have_count(1)
    expect(decision).not_to_contain_text("“")

    # Closing asks, says what is open, and stops the clock everywhere.
    facilitator.get_by_role("button", name="Start timer").first.click()
    expect(sam.locator("[data-timer]").first).to_contain_text("(running)")
    expect(facilitator.get_by_role("button", name="Open the day")).to_be_hidden()
    facilitator.get_by_role("button", name="Close the day").click()
    expect(facilitator.get_by_role("heading", level=1)).to_contain_text("Close")
    expect(facilitator.get_by_test_id("open-count")).to_have_text("Every proposal has a decision.")
    check_page(facilitator, shots, "room-close-question")
    facilitator.get_by_role("button", name="Close the Review Day").click()
    _ready(facilitator)
    expect(facilitator.locator("[data-day-status]")).to_have_text("Closed")
    expect(facilitator.get_by_role("button", name="Reopen the day")).to_be_visible()
    expect(facilitator.get_by_role("button", name="Close the day")).to_be_hidden()
    expect(sam.locator("[data-day-status]")).to_have_text("Closed")
    for page in (sam, facilitator):
        expect(page.locator("[data-timer]").first).not_to_contain_text("(running)")
    sam.wait_for_timeout(1500)  # live.js redraws the timers every second
    expect(sam.locator("[data-timer]").first).not_to_contain_text("(running)")
    check_page(sam, shots, "room-closed")
    for size in SIZES:
        sam.set_viewport_size(size)
        sam.screenshot(path=str(shots / f"room-closed-view-{size['width']}.png"))
