"""A facilitator pastes rows of stakeholders in Chromium, corrects a bad row, adds them."""

from __future__ import annotations

from playwright.sync_api import expect

from .axe import check_page
from .test_preparation_browser import facilitator, sign_in  # noqa: F401  (fixture)

ROWS = ("Priya Shah\tpriya@example.org\tNHS England\tClinical\n"
        "Tom Reid\t\tNowhere Trust\t\n"
        "Ana Lima\tana@example.org\tSkills for Care\t\n")


def test_paste_rows_preview_fix_and_add(browser, live_server, facilitator, tmp_path):  # noqa: F811
    shots = tmp_path / "shots"
    shots.mkdir()
    page = browser.new_page()
    sign_in(page, live_server.url, facilitator)
    page.goto(live_server.url + "/stakeholders/bulk")
    check_page(page, shots, "bulk")
    page.get_by_role("textbox", name="Rows").fill(ROWS)
    page.get_by_role("button", name="Check the rows").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Row 2: the organisation 'Nowhere Trust' is not in the list")
    check_page(page, shots, "bulk-errors")
    page.get_by_role("textbox", name="Rows").fill(ROWS.replace("Nowhere Trust", "FMLM"))
    page.get_by_role("button", name="Check the rows").click()
    expect(page.get_by_test_id("bulk-counts")).to_contain_text("3 to add")
    check_page(page, shots, "bulk-preview")
    page.get_by_role("button", name="Add 3 and update 0 stakeholders").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stakeholders")
    for name in ("Priya Shah", "Tom Reid", "Ana Lima"):
        expect(page.get_by_role("cell", name=name, exact=True)).to_be_visible()
