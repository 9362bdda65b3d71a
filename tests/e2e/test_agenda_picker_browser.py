"""The agenda picker in Chromium: type-ahead with JavaScript, the same search as a plain
GET form without it; the task-list day page and the picker pass axe at both sizes."""

import os
from pathlib import Path

from playwright.sync_api import expect

from .axe import check_page
from .test_preparation_browser import (  # noqa: F401  (fixture)
    facilitator,
    plan_day,
    sign_in,
)

COMPETENCY = "Keep Safe and Develop Wellbeing Strategies"


def shots_dir(tmp_path) -> Path:
    """Screenshots for a person to look at: SHOTS_DIR if set, else the test's own folder."""
    folder = Path(os.environ.get("SHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_type_ahead_finds_a_text_and_adds_it(browser, live_server, tmp_path,
                                             facilitator):  # noqa: F811
    shots = shots_dir(tmp_path)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    sign_in(page, live_server.url, facilitator)
    plan_day(page)
    expect(page.locator('[data-task="agenda"] .nhsuk-task-list__status')).to_have_text(
        "Not started")
    expect(page.locator('[data-task="ready"] .nhsuk-task-list__status')).to_have_text(
        "Cannot start yet")
    day_url = page.url
    page.get_by_label("Find a competency").fill("wellbeing")
    results = page.locator("#agenda-results")
    expect(results.get_by_role("link", name=COMPETENCY, exact=True)).to_be_visible()
    expect(page.locator("#agenda-results-status")).to_contain_text("match “wellbeing”")
    assert page.url == day_url  # drawn in place, no page load
    check_page(page, shots, "day-picker-typed", context="#agenda")
    text_link = results.locator(".app-picker-results__texts a").first
    text = text_link.inner_text()
    text_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Add {COMPETENCY} to the agenda")
    # The chosen text is ticked (a long one is cut short in the results).
    checked = page.locator("input[name=subject]:checked")
    expect(page.locator(f'label[for="{checked.get_attribute("id")}"]')).to_contain_text(
        text.rstrip("…"))
    check_page(page, shots, "picker-step")
    page.get_by_label("Prompts or questions for the room", exact=True).fill("Is it clear?")
    page.get_by_role("button", name="Add to agenda").click()
    expect(page.locator(".app-agenda__title")).to_have_text([COMPETENCY])
    expect(page.locator('[data-task="agenda"] .nhsuk-task-list__status')).to_have_text(
        "Completed")
    check_page(page, shots, "day-task-list")
    page.get_by_role("link", name="Browse every competency").click()
    check_page(page, shots, "picker-search")
    page.close()


def test_without_javascript_the_search_is_a_form(browser, live_server, tmp_path,
                                                 facilitator):  # noqa: F811
    shots = shots_dir(tmp_path)
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 1280, "height": 800})
    page = context.new_page()
    sign_in(page, live_server.url, facilitator)
    plan_day(page)
    page.get_by_label("Find a competency").fill("wellbeing")
    page.get_by_role("button", name="Search competencies").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add to the agenda")
    expect(page.locator("[data-result-count]")).to_contain_text("match “wellbeing”")
    # axe runs as page script, which is off here: the same page is checked with it on.
    page.screenshot(path=str(shots / "picker-search-nojs-1280.png"), full_page=True)
    page.get_by_role("link", name=COMPETENCY, exact=True).click()
    expect(page.get_by_label("The whole competency")).to_be_checked()
    page.get_by_label("Timebox in minutes", exact=True).fill("25")
    page.get_by_role("button", name="Add to agenda").click()
    expect(page.locator(".app-agenda__title")).to_have_text([COMPETENCY])
    context.close()
