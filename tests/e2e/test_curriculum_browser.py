"""A reader opens the curriculum page in Chromium and filters it."""

from playwright.sync_api import expect


def test_open_and_filter_the_curriculum(browser, live_server, tmp_path):
    page = browser.new_page()
    page.goto(live_server.url + "/curricula/")
    # Keyboard first: the skip link is the first stop, then the stage links are reachable.
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to main content")
    link = page.get_by_role("link", name="Stage 1: New and First-Line Managers and Leaders")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Stage 1: New and First-Line Managers and Leaders")
    cards = page.locator("article[data-competency]")
    expect(cards).to_have_count(27)
    status = page.locator("#filter-status")
    expect(status).to_have_text("27 of 27 competencies shown")

    page.get_by_label("Filter by text").fill("eisenhower")
    expect(status).to_have_text("1 of 27 competencies shown")
    expect(page.locator("article[data-competency]:visible")).to_have_count(1)
    expect(page.locator("article[data-competency]:visible h4")).to_have_text(
        "Prioritise for Productivity")
    assert "q=eisenhower" in page.url

    page.get_by_label("Filter by text").fill("")
    page.get_by_label("Value of the Code").select_option("Inclusion")
    shown = int(status.inner_text().split()[0])
    assert 0 < shown < 27
    expect(page.locator("article[data-competency]:visible")).to_have_count(shown)
    for values in page.locator("article[data-competency]:visible").evaluate_all(
            "els => els.map(e => e.dataset.values)"):
        assert "Inclusion" in values.split("|")

    page.screenshot(path=str(tmp_path / "curriculum.png"), full_page=False)


def test_filter_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/curricula/stage-1")
    page.get_by_label("Filter by text").fill("Schwartz")
    page.get_by_role("button", name="Apply filter").click()
    assert "q=Schwartz" in page.url
    shown = page.locator("article[data-competency]:not([hidden])")
    assert 1 <= shown.count() < 27
    context.close()
