"""The service's own pages (help, accessibility, privacy) pass axe at both sizes and are
linked from every footer and the join pages; at 320 px wide tables scroll in their own
container, never the page; a programme lead lands on Reports."""

from playwright.sync_api import expect

from ..servers import cli
from .axe import check_page
from .test_agenda_picker_browser import shots_dir
from .test_preparation_browser import PASSWORD

PAGES = (("How a Review Day works", "how a review day works"),
         ("Accessibility statement", "accessibility statement"),
         ("Privacy notice", "privacy notice"))


def page_overflows(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > "
                         "document.documentElement.clientWidth")


def test_info_pages_from_the_footer(browser, live_server, tmp_path):
    shots = shots_dir(tmp_path)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(live_server.url + "/sign-in")
    for link, heading in PAGES:
        page.get_by_role("contentinfo").get_by_role("link", name=link).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading, ignore_case=True)
        check_page(page, shots, link.split()[0].lower())
    page.set_viewport_size({"width": 320, "height": 700})
    assert not page_overflows(page)  # the privacy notice's table scrolls by itself
    table = page.locator(".nhsuk-table-container").first
    assert table.evaluate("e => e.scrollWidth > e.clientWidth")
    page.close()


def test_a_programme_lead_lands_on_reports_that_fit_320px(browser, live_server, live_env):
    cli(live_env, "create-user", "--email", "pat@example.org", "--name", "Pat Lead",
        "--role", "programme_lead", input=PASSWORD + "\n")
    page = browser.new_page(viewport={"width": 320, "height": 700})
    page.goto(live_server.url + "/sign-in")
    page.get_by_label("Email address").fill("pat@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server.url + "/reports/")
    page.wait_for_load_state("load")  # the URL changes before the stylesheets apply
    assert not page_overflows(page)
    page.close()
