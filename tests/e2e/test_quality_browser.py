"""Quality in Chromium: live drafting hints that never block, and the pathway on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from review_app.quality import spelling

from .axe import check_page
from .test_live_browser import _stakeholder, live_room  # noqa: F401  (`review-app demo`)

pytestmark = pytest.mark.e2e


def test_a_draft_gets_hints_and_can_still_be_proposed(browser, live_room):  # noqa: F811
    page = browser.new_context().new_page()
    page.goto(live_room["demo"]["stakeholders"][0]["invite_url"])
    page.get_by_role("button", name="Join the Review Day").click()
    expect(page.locator("[data-connection-text]")).to_have_text("All changes saved")
    item = page.locator(".app-live-item").nth(1)  # the first learning outcome
    item.get_by_text("Propose a change").click()
    item.get_by_label("New wording").fill("Understand the wellbeing programs on offer.")
    hints = item.locator("[data-hints]")
    expect(hints.locator("[data-hint=outcome-verb]")).to_contain_text(
        "This outcome opens with “understand”")
    expect(hints.locator("[data-hint=uk-spelling]")).to_contain_text("Write “programmes”.")
    item.get_by_label("New wording").fill("Explain the wellbeing programmes on offer.")
    expect(hints.locator("[data-hint]")).to_have_count(0)
    item.get_by_label("New wording").fill("Understand the wellbeing programmes on offer.")
    expect(hints.locator("[data-hint=outcome-verb]")).to_have_count(1)
    item.get_by_label("Category").select_option("language")
    item.get_by_label("Why (optional)").fill("Plainer.")
    item.get_by_role("button", name="Propose").click()  # a hint never blocks
    card = page.locator("[data-proposal]").first
    expect(card).to_contain_text("Why: Plainer.")
    expect(card.locator("ins").filter(has_text="Understand")).to_have_count(1)


@pytest.mark.skipif(not spelling.DICTIONARY.with_suffix(".dic").exists(),
                    reason="hunspell-en-gb is not installed")
def test_a_proposal_that_fixes_a_finding_says_so_on_its_card_for_everyone(
        browser, live_room, tmp_path):  # noqa: F811
    author, other = _stakeholder(browser, live_room, 0), _stakeholder(browser, live_room, 1)
    item = author.locator(".app-live-item").filter(has_text="wellbeing programs").first
    item.get_by_text("Propose a change").click()
    box = item.get_by_label("New wording")
    box.fill(box.input_value().replace("wellbeing programs", "wellbeing programmes"))
    item.get_by_label("Category").select_option("language")
    item.get_by_label("Why (optional)").fill("UK spelling.")
    item.get_by_role("button", name="Propose").click()
    for page in (author, other):
        card = page.locator("[data-proposal]").filter(has_text="Why: UK spelling.")
        note = card.locator("[data-p-fixes]")
        expect(note).to_have_text("Fixes a finding “programs” is an American spelling.")
        expect(note.locator(".nhsuk-tag")).to_have_text("Fixes a finding")
    # A vote re-fills the card: the note stays, once.
    card = other.locator("[data-proposal]").filter(has_text="Why: UK spelling.")
    card.get_by_role("button", name=re.compile(r"^Agree with proposal")).click()
    expect(card).to_contain_text("1 agree")
    expect(card.locator("[data-p-fixes]")).to_have_count(1)
    check_page(author, tmp_path, "fixes", context="[data-proposal]")


def test_pathway_and_quality_pages_scroll_tables_not_the_page_on_a_phone(browser, live_server):
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    for path in ("/curricula/quality/pathway?competency=Prioritise+for+Productivity",
                 "/curricula/quality/stage-1"):
        page.goto(live_server.url + path)
        expect(page.locator(".app-table-scroll").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto(live_server.url + "/curricula/quality/pathway?competency=Prioritise+for+Productivity")
    scroller = page.locator(".app-table-scroll")
    assert scroller.evaluate("e => e.scrollWidth > e.clientWidth")
    expect(page.locator(".app-pathway [data-level='3']").first).to_contain_text("Apply")
