"""The Content-Security-Policy blocks nothing the product needs: every page's scripts run
(inline ones by nonce), the live room works end to end, and no violation is reported."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .test_live_browser import _facilitator, _ready, _stakeholder, live_room  # noqa: F401

pytestmark = pytest.mark.e2e

WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.lineNumber}`));
"""


def watched(browser):
    context = browser.new_context()
    context.add_init_script(WATCH)
    messages: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: messages.append(m.text) if "Security Policy" in m.text
            else None)
    return page, messages


def violations(page, messages) -> list[str]:
    return page.evaluate("window.__violations") + messages


def test_pages_and_the_live_room_run_under_the_policy(browser, live_room):  # noqa: F811
    server, demo = live_room["server"], live_room["demo"]
    facilitator, fac_messages = watched(browser)
    facilitator.goto(server.url + "/sign-in")
    assert "js-enabled" in facilitator.evaluate("document.body.className")  # inline, by nonce
    facilitator.get_by_label("Email address").fill(demo["facilitator"]["email"])
    facilitator.get_by_label("Password").fill(demo["facilitator"]["password"])
    facilitator.get_by_role("button", name="Sign in").click()
    expect(facilitator.get_by_role("heading", level=1)).to_have_text("Review Days")
    for path in ("/curricula/stage-1", f"/review-days/{demo['review_day_id']}",
                 "/account/password"):
        facilitator.goto(server.url + path)
        assert "js-enabled" in facilitator.evaluate("document.body.className")
        assert violations(facilitator, fac_messages) == [], path
    facilitator.goto(live_room["url"])
    _ready(facilitator)

    stakeholder, sh_messages = watched(browser)
    stakeholder.goto(demo["stakeholders"][0]["invite_url"])
    stakeholder.get_by_role("button", name="Join the Review Day").click()
    _ready(stakeholder)
    item = stakeholder.locator(".app-live-item").nth(1)
    item.get_by_text("Propose a change").click()
    item.get_by_label("New wording").fill("Apply prioritisation tools every week.")
    item.get_by_label("Category").select_option("language")
    item.get_by_label("Why (optional)").fill("Plainer.")
    item.get_by_role("button", name="Propose").click()
    expect(facilitator.locator("[data-proposal]").first).to_contain_text(
        "Reword a learning outcome")
    assert violations(facilitator, fac_messages) == []
    assert violations(stakeholder, sh_messages) == []


def test_no_page_can_be_framed(browser, live_room):  # noqa: F811
    """A same-site page that frames the live room shows nothing of it (frame-ancestors
    'none'), so the facilitator's "Close the day" cannot be clicked through a disguise."""
    facilitator = _facilitator(browser, live_room)
    expect(facilitator.get_by_role("button", name="Close the day")).to_be_visible()
    facilitator.goto(live_room["server"].url + "/curricula/")
    facilitator.evaluate("""(url) => { const f = document.createElement("iframe");
        f.id = "framed"; f.src = url; f.width = 900; f.height = 700;
        f.onload = () => { f.dataset.loaded = "yes"; }; document.body.prepend(f); }""",
                         live_room["url"])
    facilitator.wait_for_function("() => document.getElementById('framed').dataset.loaded")
    framed = facilitator.frame_locator("#framed")
    expect(framed.get_by_role("button", name="Close the day")).to_have_count(0)
