"""Confirmation pages in Chromium, with axe at both sizes: removing an agenda item, and an
admin merging one organisation into another."""

from playwright.sync_api import expect

from ..servers import cli
from .axe import check_page
from .test_agenda_picker_browser import shots_dir
from .test_preparation_browser import PASSWORD, add_to_agenda, plan_day, sign_in

TOPIC = "Prioritise for Productivity"


def test_confirm_removing_an_item_and_merging_organisations(browser, live_server, live_env,
                                                           tmp_path):
    shots = shots_dir(tmp_path)
    cli(live_env, "create-user", "--email", "ada@example.org", "--name", "Ada Admin",
        "--role", "admin", input=PASSWORD + "\n")
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    sign_in(page, live_server.url, "ada@example.org")
    plan_day(page)
    add_to_agenda(page, TOPIC, "Clear?")
    page.get_by_role("link", name=f"Remove {TOPIC}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Remove {TOPIC} from the agenda?")
    check_page(page, shots, "confirm-remove")
    page.get_by_role("button", name="Remove from the agenda").click()
    expect(page.locator("#agenda").get_by_text("Nothing on the agenda yet.")).to_be_visible()

    page.get_by_role("navigation", name="Staff areas").get_by_role(
        "link", name="Organisations and groups").click()
    page.get_by_role("link", name="Merge or delete KPMG").click()
    expect(page.get_by_label("Merge it into")).to_be_visible()
    check_page(page, shots, "merge-organisation")
    page.get_by_label("Merge it into").select_option(label="CMI")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merge KPMG into CMI?")
    check_page(page, shots, "confirm-merge")
    page.get_by_role("button", name="Merge the organisations").click()
    expect(page.get_by_text("Merged KPMG into CMI.")).to_be_visible()
    expect(page.get_by_role("link", name="Merge or delete KPMG")).to_have_count(0)
    page.close()
