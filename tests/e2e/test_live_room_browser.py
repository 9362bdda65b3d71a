"""Issue 13 in Chromium, a facilitator and stakeholders in their own browser contexts, at
1280x800 and on a 390x844 phone: awareness, nobody moved while typing, plain inline errors,
what screen readers are told, and the sticky bar."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from .axe import check_page
from .test_live_browser import _facilitator, _ready, _stakeholder, _who, live_room  # noqa: F401

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
FIRST = "Prioritise for Productivity"


@pytest.fixture(params=list(SIZES))
def size(request):
    return request.param


def _sized(page, size):
    page.set_viewport_size(SIZES[size])
    return page


def _in_view(page, selector):
    """The element's box is inside the viewport (below nothing: the top is on screen)."""
    return page.evaluate("""(sel) => {
        const r = document.querySelector(sel).getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight; }""", selector)


def _active(page):
    return page.evaluate("""() => { const a = document.activeElement;
        return {id: a.id, tag: a.tagName, proposal: a.dataset.proposal || null,
                text: (a.textContent || '').trim().slice(0, 80), value: a.value || null}; }""")


def _propose(page, item_index, wording, category="language"):
    item = page.locator(".app-live-item:visible").nth(item_index)
    item.get_by_text("Propose a change").click()
    item.get_by_label("New wording").fill(wording)
    item.get_by_label("Category").select_option(category)
    item.get_by_role("button", name="Propose").click()
    return item


def _agenda(page, index):
    return page.locator("[data-agenda-item]").nth(index)


def _add_single_outcome_agenda_item(live_room):  # noqa: F811
    """An agenda item for learning outcome 2 of the first competency (before pages load)."""
    engine = sa.create_engine(live_room["server"].env["DATABASE_URL"], poolclass=sa.pool.NullPool)
    day = live_room["demo"]["review_day_id"]
    with engine.begin() as db:
        first = db.execute(sa.text("SELECT competency_id, max(position) OVER () FROM agenda_item "
                                   "WHERE review_day_id = :d ORDER BY position LIMIT 1"),
                           {"d": day}).one()
        outcome = db.execute(sa.text(
            "SELECT id FROM curriculum_item WHERE competency_id = :c AND kind = 'outcome' "
            "ORDER BY position LIMIT 1 OFFSET 1"), {"c": first[0]}).scalar_one()
        db.execute(sa.text(
            "INSERT INTO agenda_item (review_day_id, position, competency_id, item_id, "
            "timebox_minutes, prompts, used_seconds, extra_minutes) "
            "VALUES (:d, :p, :c, :i, 5, '', 0, 0)"),
            {"d": day, "p": first[1] + 1, "c": first[0], "i": outcome})
    engine.dispose()
    return outcome


def test_the_facilitator_sees_badges_a_queue_and_a_notice(browser, live_room, size,  # noqa: F811
                                                          tmp_path):
    sam = _sized(_stakeholder(browser, live_room, 0), size)
    facilitator = _sized(_facilitator(browser, live_room), size)
    second = _agenda(facilitator, 1).locator("[data-go]").inner_text()
    sam.get_by_label("Follow the facilitator").uncheck()
    sam.locator("[data-go]").nth(1).click()
    _propose(sam, 1, "Keep records safe and share them only as policy allows.")
    _ready(sam)

    badges = _agenda(facilitator, 1).locator("[data-agenda-badges]")
    expect(badges).to_contain_text("1 open")
    expect(badges).to_contain_text("1 new")
    queue = facilitator.locator("[data-decide-queue]")
    expect(queue.locator("li")).to_have_count(1)
    expect(queue).to_contain_text(f"Reword of learning outcome 1 of {second}")
    expect(queue).to_contain_text(f"by {_who(live_room, 0)} (new)")
    notice = facilitator.locator("[data-elsewhere]")
    expect(notice).to_be_visible()  # seen, not only announced
    expect(notice).to_contain_text(
        f"New: {_who(live_room, 0)} proposed a reword of learning outcome 1 of {second}.")
    expect(sam.locator("[data-elsewhere]")).to_be_hidden()  # your own is not news to you
    expect(facilitator.locator("[data-competency-panel]:visible h2")).to_contain_text(FIRST)
    facilitator.screenshot(path=str(tmp_path / f"awareness-{size}.png"), full_page=True)
    if size == "desktop":  # check_page looks at both widths itself
        check_page(facilitator, tmp_path, "awareness-agenda", context=".app-live__agenda")
        check_page(facilitator, tmp_path, "awareness-bar", context="[data-sticky-bar]")

    queue.get_by_role("button").first.click()
    expect(facilitator.locator("[data-competency-panel]:visible h2")).to_contain_text(second)
    assert _active(facilitator)["proposal"] is not None  # the card itself, ready to decide
    expect(badges).not_to_contain_text("new")  # looked at now
    card = facilitator.locator("[data-proposal]:visible").first
    card.get_by_label("Accept", exact=True).check()
    card.locator("[name=reason]").fill("Clearer.")
    card.get_by_role("button", name="Record decision").click()
    expect(badges).to_have_text("1 decided")
    expect(queue.locator("li")).to_have_count(0)
    expect(queue).to_contain_text("Nothing is waiting for a decision.")


def test_a_typing_stakeholder_is_not_moved_and_a_following_one_is(browser, live_room, size,  # noqa: F811
                                                                   tmp_path):
    outcome = _add_single_outcome_agenda_item(live_room)
    sam = _sized(_stakeholder(browser, live_room, 0), size)
    facilitator = _sized(_facilitator(browser, live_room), size)
    third = _agenda(sam, 2).locator("[data-go]").inner_text()

    # Following, not typing: moved, at the new heading, with focus on it.
    facilitator.locator("[data-focus]").nth(2).click()
    expect(sam.locator("[data-competency-panel]:visible h2")).to_contain_text(third)
    expect(sam.locator("[data-competency-panel]:visible h2")).to_be_focused()
    assert _in_view(sam, "[data-competency-panel]:not([hidden]) h2")

    # An agenda item for one learning outcome: named by it, and that outcome highlighted.
    single = sam.locator(f"[data-agenda-item][data-focus-item='{outcome}']")
    expect(single.locator("[data-go]")).to_have_text(f"{FIRST}: learning outcome 2")
    facilitator.locator(f"[data-agenda-item][data-focus-item='{outcome}'] [data-focus]").click()
    focused = sam.locator(f".app-live-item[data-item='{outcome}']")
    expect(focused).to_have_class("app-live-item app-in-focus")
    expect(focused.locator("[data-focus-tag]")).to_have_text("In focus now")
    expect(sam.locator(".app-in-focus")).to_have_count(1)
    assert _in_view(sam, f".app-live-item[data-item='{outcome}']")
    sam.screenshot(path=str(tmp_path / f"focus-single-{size}.png"))

    # Typing: stays, keeps focus and text, and is told where the facilitator went.
    item = sam.locator(".app-live-item:visible").nth(1)
    item.get_by_text("Propose a change").click()
    box = item.get_by_label("New wording")
    box.fill("Half-typed words")
    box.focus()
    facilitator.locator("[data-focus]").nth(2).click()
    moved = sam.locator("[data-moved]")
    expect(moved).to_be_visible()
    expect(moved).to_contain_text(f"The facilitator moved to {third}.")
    expect(sam.locator("[data-announcer]")).to_contain_text(
        "You have unsent text, so you stay here")
    expect(sam.locator("[data-competency-panel]:visible h2")).to_contain_text(FIRST)
    expect(box).to_be_focused()
    expect(box).to_have_value("Half-typed words")
    assert _in_view(sam, "[data-moved]")  # in the sticky bar, wherever the page is scrolled
    sam.screenshot(path=str(tmp_path / f"moved-notice-{size}.png"))
    if size == "desktop":
        check_page(sam, tmp_path, "moved-bar", context="[data-sticky-bar]")
        box.focus()
    moved.get_by_role("button", name="Go there").click()
    expect(sam.locator("[data-competency-panel]:visible h2")).to_contain_text(third)
    expect(sam.locator("[data-competency-panel]:visible h2")).to_be_focused()
    expect(moved).to_be_hidden()
    sam.locator("[data-go]").first.click()
    expect(box).to_have_value("Half-typed words")  # still there to send


def test_errors_are_inline_plain_and_stay_until_success(browser, live_room, size,  # noqa: F811
                                                        tmp_path):
    sam = _sized(_stakeholder(browser, live_room, 0), size)
    item = sam.locator(".app-live-item:visible").nth(1)
    item.get_by_text("Propose a change").click()
    item.get_by_label("New wording").fill("")
    item.get_by_role("button", name="Propose").click()
    form = item.locator("[data-propose-form]")
    assert form.evaluate("f => f.noValidate")  # no browser bubbles: our own messages
    expect(form.locator(".nhsuk-error-message")).to_have_count(2)
    expect(form).to_contain_text("Error: Enter the new wording")
    expect(form).to_contain_text("Error: Choose a category")
    expect(item.get_by_label("New wording")).to_be_focused()  # the field, not a box at the top
    expect(item.get_by_label("New wording")).to_have_attribute("aria-invalid", "true")
    expect(sam.locator(".nhsuk-error-summary")).to_have_count(0)
    sam.screenshot(path=str(tmp_path / f"error-inline-{size}.png"))
    if size == "desktop":
        check_page(sam, tmp_path, "error-inline",
                   context=".app-live-item:has(.nhsuk-error-message)")

    # Fixed and sent: the messages go, and focus lands on the new card.
    item.get_by_label("New wording").fill("Plan the week around what matters most.")
    item.get_by_label("Category").select_option("language")
    item.get_by_role("button", name="Propose").click()
    expect(form.locator(".nhsuk-error-message")).to_have_count(0)
    card = item.locator("[data-proposal]")
    expect(card).to_be_focused()

    # Refused by the server (a comment over the protocol's 2,000 characters): said in the
    # form's words, on the field, with the text kept; still there later; gone once saved.
    card.locator("summary").click()
    comment = card.get_by_label("Add a comment")
    comment.fill("x" * 2001)
    card.get_by_role("button", name="Comment").click()
    error = card.locator("[data-comment-form] .nhsuk-error-message")
    expect(error).to_have_text("Error: Your comment must be 2,000 characters or fewer")
    expect(comment).to_have_value("x" * 2001)
    expect(sam.locator("[data-announcer]")).to_contain_text(
        "Not saved: Your comment must be 2,000 characters or fewer")
    if size == "desktop":
        sam.wait_for_timeout(13000)  # the old box hid itself after 12 s
        expect(error).to_be_visible()
    comment.fill("Agree with the plainer wording.")
    card.get_by_role("button", name="Comment").click()
    expect(error).to_have_count(0)
    expect(card.locator("[data-sent-note]")).to_have_text("Comment added.")
    expect(card.locator("[data-p-comments]")).to_contain_text("Agree with the plainer wording.")


def test_screen_readers_are_told_who_did_what_to_which_item(browser, live_room,  # noqa: F811
                                                           size):
    sam = _sized(_stakeholder(browser, live_room, 0), size)
    kim = _sized(_stakeholder(browser, live_room, 1), size)
    facilitator = _sized(_facilitator(browser, live_room), size)
    what = f"reword of learning outcome 1 of {FIRST}"
    _propose(sam, 1, "Plan the week around what matters most.")
    expect(sam.locator("[data-announcer]")).to_contain_text(f"Your proposal is in: a {what}.")
    expect(facilitator.locator("[data-announcer]")).to_contain_text(
        f"New proposal from {_who(live_room, 0)}: a {what}.")
    assert _active(sam)["proposal"] is not None

    card = kim.locator("[data-proposal]").first
    vote = card.locator("[data-vote=agree]")
    expect(vote).to_have_accessible_name(
        f"Agree with proposal {card.get_attribute('data-proposal')}, {_who(live_room, 0)}’s {what}")
    vote.click()
    expect(sam.locator("[data-announcer]")).to_contain_text(
        f"{_who(live_room, 1)} voted agree on your {what}. Votes now 1 agree")
    expect(kim.locator("[data-announcer]")).to_contain_text(
        f"Your vote, agree, on {_who(live_room, 0)}’s")
    card.locator("summary").click()
    card.get_by_label("Add a comment").fill("Shorter is better.")
    card.get_by_role("button", name="Comment").click()
    expect(sam.locator("[data-announcer]")).to_contain_text(
        f"{_who(live_room, 1)} commented on your {what}: “Shorter is better.”")
    kim.get_by_label("Your feedback").fill("The tone suits new managers.")
    kim.get_by_role("button", name="Give feedback").click()
    expect(sam.locator("[data-announcer]")).to_contain_text(
        f"{_who(live_room, 1)} gave feedback on")
    fcard = facilitator.locator("[data-proposal]").first
    fcard.get_by_label("Accept", exact=True).check()
    fcard.locator("[name=reason]").fill("Agreed by the room.")
    fcard.get_by_role("button", name="Record decision").click()
    expect(sam.locator("[data-announcer]")).to_contain_text(
        f"Decision: Accepted, for your {what}. Reason: Agreed by the room.")
    expect(kim.locator("[data-announcer]")).to_contain_text(
        f"Decision: Accepted, for {_who(live_room, 0)}’s {what}.")


CONTRAST = """([sel, cls]) => {
  const el = document.querySelector(sel);
  if (cls) el.classList.add(cls);
  el.focus();
  const lum = (c) => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map((v) => {
    v = v / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m);
    return (x + 0.05) / (y + 0.05); };
  let bg = el.parentElement;
  while (getComputedStyle(bg).backgroundColor === 'rgba(0, 0, 0, 0)') bg = bg.parentElement;
  const s = getComputedStyle(el), around = getComputedStyle(bg).backgroundColor;
  const bar = (s.boxShadow.match(/rgb\\([^)]*\\)/g) || []).pop() || s.outlineColor;
  return {bar: ratio(bar, around), text: ratio(s.color, around)};
}"""


def test_focus_rings_and_over_time_text_have_enough_contrast(browser, live_room,  # noqa: F811
                                                            size):
    facilitator = _sized(_facilitator(browser, live_room), size)
    sam = _sized(_stakeholder(browser, live_room, 0), size)
    _propose(sam, 1, "Plan the week around what matters most.")
    expect(facilitator.locator("[data-proposal]")).to_have_count(1)
    facilitator.locator("[data-focus]").first.click()
    expect(facilitator.locator(".app-agenda__item--current")).to_have_count(1)
    for selector in ("[data-proposal] [data-vote]", "[data-agenda-item] [data-go]",
                     "[data-agenda-item].app-agenda__item--current [data-go]"):
        measured = facilitator.evaluate(CONTRAST, [selector, None])
        assert measured["bar"] >= 3, (selector, measured)
    over = facilitator.evaluate(CONTRAST, ["[data-agenda-item] [data-timer]",
                                           "app-agenda__timer--over"])
    assert over["text"] >= 4.5, over


def test_the_status_bar_stays_and_the_agenda_and_feedback_are_one_tap_away(browser, live_room,  # noqa: F811,E501
                                                                            size, tmp_path):
    sam = _sized(_stakeholder(browser, live_room, 0), size)
    bar = sam.locator("[data-sticky-bar]")
    sam.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert _in_view(sam, "[data-sticky-bar]")
    sam.context.set_offline(True)
    expect(bar.locator("[data-connection-text]")).to_contain_text("Offline")
    assert _in_view(sam, "[data-connection]")  # being offline is seen wherever you are
    sam.context.set_offline(False)
    _ready(sam)
    sam.evaluate("window.scrollTo(0, 0)")
    bar.get_by_role("link", name="General feedback").click()
    expect(sam.get_by_label("Your feedback")).to_be_in_viewport()
    bar.get_by_role("link", name="Agenda").click()
    expect(sam.locator("#agenda-heading")).to_be_in_viewport()
    sam.screenshot(path=str(tmp_path / f"sticky-{size}.png"))
    if size == "desktop":  # check_page looks at both widths itself
        check_page(sam, tmp_path, "room-bar", context="[data-sticky-bar]")
        check_page(sam, tmp_path, "room-agenda", context=".app-live__agenda")
