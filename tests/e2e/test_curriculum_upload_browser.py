"""A programme lead uploads a Word curriculum in Chromium: preview, confirm, re-upload an
edited copy and see the differences; a malformed file shows its row and stores nothing.
Each page is checked with axe-core at desktop and phone widths."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ..curriculum.builders import GOOD_ROWS, seed_table_docx
from ..servers import cli
from .axe import SIZES, check_page

PASSWORD = "lead-upload-password-long"


@pytest.fixture
def lead(live_env):
    out = cli(live_env, "create-user", "--email", "lee@example.org", "--name", "Lee Lead",
              "--role", "programme_lead", input=PASSWORD + "\n")
    assert "Created programme lead account" in out.replace("programme_lead", "programme lead")
    return "lee@example.org"


def test_lead_uploads_previews_and_confirms_a_word_curriculum(browser, live_server, lead,
                                                              tmp_path):
    shots = tmp_path / "shots"  # kept by pytest in its tmp folder: look at them
    shots.mkdir()
    page = browser.new_page(viewport=SIZES[0])
    page.goto(live_server.url + "/curricula/upload")
    page.get_by_label("Email address").fill(lead)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Upload a curriculum")
    check_page(page, shots, "upload")

    first = seed_table_docx(tmp_path / "stage-2.docx", GOOD_ROWS)
    page.get_by_label("Curriculum file").set_input_files(str(first))
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check the curriculum before storing it")
    expect(page.get_by_test_id("stage")).to_have_text("Stage 2: Mid-Level Managers and Leaders")
    expect(page.get_by_test_id("totals")).to_have_text(
        "1 competency, 2 learning outcomes, 2 activities")
    check_page(page, shots, "preview-new")
    page.get_by_role("button", name="Store this curriculum").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Stage 2: Mid-Level Managers and Leaders")
    expect(page.get_by_role("status").first).to_contain_text("version 1")

    edited = [list(row) for row in GOOD_ROWS]
    edited[0][4] = "Apply active listening.\nAdapt listening.\nSummarise what you heard."
    second = seed_table_docx(tmp_path / "stage-2-edited.docx", edited)
    page.goto(live_server.url + "/curricula/upload")
    page.get_by_label("Curriculum file").set_input_files(str(second))
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_test_id("change-counts")).to_have_text(
        "1 added, 0 removed and 1 reworded items.")
    expect(page.locator(".app-diff ins").first).to_contain_text("active")
    check_page(page, shots, "preview-changes")
    page.get_by_role("button", name="Store this curriculum").click()
    expect(page.get_by_role("status").first).to_contain_text("now version 2")

    bad = seed_table_docx(tmp_path / "bad.docx",
                          [GOOD_ROWS[0], ["Self Effectiveness", "Communicating", "", "S.", "x"]])
    page.goto(live_server.url + "/curricula/upload")
    page.get_by_label("Curriculum file").set_input_files(str(bad))
    page.get_by_role("button", name="Upload and preview").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("bad.docx: table 1, row 3: the competency title is empty")
    check_page(page, shots, "upload-error")
    page.goto(live_server.url + "/curricula/")
    expect(page.get_by_text("Version 2 · 1 competencies")).to_be_visible()
