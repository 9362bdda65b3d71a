"""A facilitator prepares Monday in Chromium: sign in, plan a day, build and reorder the
agenda by keyboard (and by drag), invite a stakeholder, and mark the day ready."""

import re

import pytest
from playwright.sync_api import expect

from ..servers import cli

PASSWORD = "monday-preparation-password"
TOPICS = ["Prioritise for Productivity", "Keep Safe and Develop Wellbeing Strategies",
          "Commit to Continuing Professional Development"]


@pytest.fixture
def facilitator(live_env):
    out = cli(live_env, "create-user", "--email", "fay@example.org", "--name",
              "Fay Facilitator", "--role", "facilitator", input=PASSWORD + "\n")
    assert "Created facilitator account" in out
    return "fay@example.org"


def sign_in(page, url, email):
    page.goto(url + "/review-days/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review Days")


def agenda_titles(page):
    return page.locator(".app-agenda__title").all_inner_texts()


def plan_day(page):
    page.get_by_role("link", name="Plan a Review Day").click()
    page.get_by_label("Title").fill("Stage 1: self effectiveness")
    page.get_by_label("Call link (optional)").fill("https://call.example.org/stage-1")
    page.get_by_role("button", name="Create Review Day").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stage 1: self effectiveness")


def add_to_agenda(page, title, prompts):
    """Find the competency with the picker's type-ahead and add the whole of it."""
    page.get_by_label("Find a competency").fill(title)
    page.get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_label("The whole competency")).to_be_checked()
    page.get_by_label("Timebox in minutes", exact=True).fill("20")
    page.get_by_label("Prompts or questions for the room", exact=True).fill(prompts)
    page.get_by_role("button", name="Add to agenda").click()
    expect(page.locator(".app-agenda__title").last).to_have_text(title)


def test_facilitator_prepares_a_review_day(browser, live_server, facilitator, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server.url, facilitator)

    page.get_by_role("navigation", name="Staff areas").get_by_role(
        "link", name="Stakeholders").click()
    page.get_by_role("link", name="Add a stakeholder").click()
    page.get_by_label("Full name").fill("David Okafor")
    page.get_by_label("Email address (optional)").fill("david@example.org")
    page.get_by_label("Organisation", exact=True).select_option(label="Skills for Care")
    page.get_by_label("Stakeholder group (optional)").select_option(label="Social care")
    page.get_by_role("button", name="Add stakeholder").click()
    expect(page.get_by_role("cell", name="David Okafor", exact=True)).to_be_visible()

    page.get_by_role("navigation", name="Staff areas").get_by_role(
        "link", name="Review Days").click()
    plan_day(page)
    for index, title in enumerate(TOPICS):
        add_to_agenda(page, title, f"Question {index + 1} for the room?")
    assert agenda_titles(page) == [f"{title}" for title in TOPICS]
    expect(page.locator('[data-warning="nobody_invited"]')).to_be_visible()
    page.screenshot(path=str(tmp_path / "agenda.png"), full_page=True)

    # Keyboard only: focus the third item's Move up button and press Enter, twice.
    page.get_by_role("button", name=f"Move up {TOPICS[2]}").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".app-agenda__title")).to_have_text([TOPICS[0], TOPICS[2], TOPICS[1]])
    expect(page.locator(":focus")).to_have_accessible_name(f"Move up {TOPICS[2]}")
    page.keyboard.press("Enter")
    expect(page.locator(".app-agenda__title")).to_have_text([TOPICS[2], TOPICS[0], TOPICS[1]])
    # At the top it cannot go further up, so focus lands on its Move down button.
    expect(page.locator(":focus")).to_have_accessible_name(f"Move down {TOPICS[2]}")
    expect(page.get_by_role("status").filter(has_text="to position 1 of 3")).to_have_count(1)

    page.get_by_label("David Okafor, Skills for Care (Social care)").check()
    page.get_by_role("button", name="Invite selected stakeholders").click()
    invitation_link = page.get_by_role("link", name=re.compile(r"^David Okafor\s*: invitation"))
    expect(invitation_link).to_be_visible()
    expect(page.locator('[data-warning="nobody_invited"]')).to_have_count(0)

    page.get_by_role("button", name="Mark as ready").click()
    expect(page.locator("#status .nhsuk-tag")).to_have_text("Ready")
    expect(page.get_by_text("The agenda is frozen")).to_be_visible()
    expect(page.get_by_role("button", name=f"Move down {TOPICS[2]}")).to_have_count(0)
    page.screenshot(path=str(tmp_path / "ready.png"), full_page=True)

    invitation_link.click()
    expect(page.get_by_label("Invitation text to copy into an email")).to_contain_text(
        "Dear David Okafor,")
    page.screenshot(path=str(tmp_path / "invitation.png"), full_page=True)
    page.close()


def test_drag_and_drop_saves_the_new_order(browser, live_server, facilitator):
    # Tall enough that the whole agenda is on screen: the drag must not scroll the page.
    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    sign_in(page, live_server.url, facilitator)
    plan_day(page)
    for title in TOPICS:
        add_to_agenda(page, title, "Right?")
    # agenda.js (deferred) shows the drag hint once it listens: a drag before that is lost.
    expect(page.locator(".app-drag-hint")).to_be_visible()
    page.evaluate("document.getElementById('agenda-heading').scrollIntoView()")
    handle = page.locator(f'[data-title="{TOPICS[2]}"] .app-agenda__handle')
    target = page.locator(f'[data-title="{TOPICS[0]}"] .app-agenda__title')
    # As a mouse would, in small steps: Chromium starts a native drag only after the pointer
    # has moved a few pixels with the button down, and drag_to's single jump sometimes
    # started none on a loaded machine (the order then never changed).
    expect(target).to_be_visible()
    start, end = handle.bounding_box(), target.bounding_box()
    page.mouse.move(start["x"] + 4, start["y"] + 4)
    page.mouse.down()
    page.mouse.move(start["x"] + 4, start["y"] + 14, steps=5)
    page.mouse.move(end["x"] + 20, end["y"] + 4, steps=20)
    page.mouse.up()
    expect(page.locator("#agenda-status")).to_contain_text(
        f"Moved {TOPICS[2]} to position 1 of 3. Order saved.", timeout=15_000)
    expect(page.locator(".app-agenda__title")).to_have_text([TOPICS[2], TOPICS[0], TOPICS[1]])
    page.reload()
    assert agenda_titles(page)[0] == TOPICS[2]
    page.close()
