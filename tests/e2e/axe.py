"""axe-core in Chromium at desktop and phone widths, with a screenshot of each."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

SIZES = ({"width": 1280, "height": 800}, {"width": 390, "height": 844})


def check_page(page, shots, name, context=None):
    """No axe-core violations at either width (in `context`, a selector, if given);
    screenshots for a person to look at."""
    # A click that navigates returns before the new page exists: axe must not check the
    # blank document in between.
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_have_count(1)
    for size in SIZES:
        page.set_viewport_size(size)
        violations = Axe().run(page, context=context).response["violations"]
        assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]])
                                  for v in violations]
        if shots is not None:
            target = page.locator(context) if context else page
            options = {} if context else {"full_page": True}
            target.screenshot(path=str(shots / f"{name}-{size['width']}.png"), **options)
    page.set_viewport_size(SIZES[0])
