"""The room keeps its forms and cards off the page until someone wants them (issue 13): with
a form under every item and every proposal, Chrome's autofill read them all after each
load, and a day with 1,000 proposals froze for 8 s (benchmarks/README.md). Propose forms
are made when "Propose a change" is opened, a card's comment form when its comments are,
the decision form only for those who decide, and a competency's cards when it is shown."""

from __future__ import annotations

import sqlalchemy as sa
from playwright.sync_api import expect

from .axe import check_page
from .test_agenda_picker_browser import shots_dir
from .test_live_browser import _facilitator, _stakeholder, live_room  # noqa: F401

FORMS = "document.forms.length"


def _card_ids(page):
    return page.evaluate("[...document.querySelectorAll('[data-proposal]')]"
                         ".map((c) => Number(c.dataset.proposal))")


def test_forms_are_made_when_opened(browser, live_room):  # noqa: F811
    sam = _stakeholder(browser, live_room, 0)
    assert sam.evaluate(FORMS) == 1  # general feedback, nothing else
    statement, outcome = sam.locator(".app-live-item:visible").nth(0), \
        sam.locator(".app-live-item:visible").nth(1)

    statement.get_by_text("Propose a change").click()
    expect(statement.get_by_label("New wording")).to_have_value(
        statement.locator("[data-item-text]").inner_text())
    expect(statement.get_by_label("Reword")).to_be_checked()
    expect(statement.get_by_label("Delete")).to_have_count(0)  # a statement is not deleted

    outcome.get_by_text("Propose a change").click()
    expect(outcome.get_by_label("Move", exact=True)).to_have_count(1)
    expect(outcome.get_by_label("Move to position")).to_have_value("1")
    assert sam.evaluate(FORMS) == 3
    outcome.get_by_label("New wording").fill("Plan the week around what matters most.")
    outcome.get_by_label("Category").select_option("language")
    outcome.get_by_role("button", name="Propose").click()
    card = outcome.locator("[data-proposal]")
    expect(card).to_contain_text("Reword a learning outcome")

    # A stakeholder's card has no decision form; the facilitator's has, and no comment
    # form until its comments are opened.
    expect(card.locator("[data-decide-form]")).to_have_count(0)
    facilitator = _facilitator(browser, live_room)
    theirs = facilitator.locator("[data-proposal]").first
    expect(theirs.get_by_role("button", name="Record decision")).to_be_visible()
    expect(theirs.locator("[data-comment-form]")).to_have_count(0)
    theirs.get_by_text("Comments (0)").click()
    theirs.get_by_label("Add a comment").fill("Which week do you mean?")
    theirs.get_by_role("button", name="Comment").click()
    expect(card.get_by_text("Comments (1)")).to_be_visible()


def test_cards_are_drawn_when_their_competency_is_shown(browser, live_room):  # noqa: F811
    facilitator = _facilitator(browser, live_room)
    sam = _stakeholder(browser, live_room, 0)
    sam.get_by_label("Follow the facilitator").uncheck()
    second = sam.locator("[data-go]").nth(1)
    second.click()
    item = sam.locator(".app-live-item:visible").nth(1)
    item.get_by_text("Propose a change").click()
    item.get_by_label("New wording").fill("Keep records safe and share them as policy allows.")
    item.get_by_label("Category").select_option("language")
    item.get_by_role("button", name="Propose").click()
    expect(item.locator("[data-proposal]")).to_have_count(1)

    # The facilitator, on the first competency, knows of it (badge, queue) but has no card
    # for it until they open the second competency.
    expect(facilitator.locator("[data-agenda-item]").nth(1)).to_contain_text("1 open")
    expect(facilitator.locator("[data-decide-queue] li")).to_have_count(1)
    proposal = facilitator.evaluate("[...window.reviewDay.state.proposals.keys()][0]")
    assert _card_ids(facilitator) == []
    facilitator.locator("[data-go]").nth(1).click()
    expect(facilitator.locator(f'[data-proposal="{proposal}"]')).to_be_visible()
    assert _card_ids(facilitator) == [proposal]


def _change_the_item(live_room, proposal_id):  # noqa: F811
    """Someone changes the item on the implementation board after the proposal."""
    engine = sa.create_engine(live_room["server"].env["DATABASE_URL"],
                              poolclass=sa.pool.NullPool)
    with engine.begin() as db:
        db.execute(sa.text("UPDATE curriculum_item SET version = version + 1, "
                           "text = 'A newer text from the board.' WHERE id = "
                           "(SELECT item_id FROM proposal WHERE id = :p)"), {"p": proposal_id})
    engine.dispose()


def test_a_decision_on_a_changed_item_asks_in_the_form(browser, live_room,  # noqa: F811
                                                      tmp_path):
    sam = _stakeholder(browser, live_room, 0)
    for index in (1, 2):
        item = sam.locator(".app-live-item:visible").nth(index)
        item.get_by_text("Propose a change").click()
        item.get_by_label("New wording").fill(f"Wording {index} for the room.")
        item.get_by_label("Category").select_option("language")
        item.get_by_role("button", name="Propose").click()
    expect(sam.locator("[data-proposal]")).to_have_count(2)
    facilitator = _facilitator(browser, live_room)
    ids = sorted(_card_ids(facilitator))
    for proposal_id in ids:
        _change_the_item(live_room, proposal_id)

    first, second = (facilitator.locator(f'[data-proposal="{i}"]') for i in ids)
    first.get_by_label("Accept", exact=True).check()
    first.get_by_role("button", name="Record decision").click()
    box = first.locator("[data-conflict]")
    expect(box).to_contain_text("The item has changed since this proposal")
    expect(box).to_contain_text("It now reads: “A newer text from the board.”")
    expect(box).to_be_focused()
    check_page(facilitator, shots_dir(tmp_path), "conflict", context=f'[data-proposal="{ids[0]}"]')
    box.get_by_role("button", name="Record it, flagged as a conflict").click()
    expect(first.locator("[data-p-status]")).to_have_text("Accepted")
    expect(first.locator("[data-p-decision]")).to_contain_text("flagged as a conflict")
    expect(sam.locator(f'[data-proposal="{ids[0]}"] [data-p-status]')).to_have_text("Accepted")

    # Only accepting asks (a rejection changes no text); cancelling leaves it open.
    second.get_by_label("Accept with changed wording").check()
    second.get_by_label("Changed wording", exact=True).fill("Wording 2, as the room agreed it.")
    second.get_by_label("Reason (required)").fill("Clearer for new managers.")
    second.get_by_role("button", name="Record decision").click()
    second.locator("[data-conflict]").get_by_role("button", name="Cancel").click()
    expect(second.locator("[data-conflict]")).to_have_count(0)
    expect(second.get_by_role("button", name="Record decision")).to_be_focused()
    expect(second.locator("[data-p-status]")).to_have_text("Open")
