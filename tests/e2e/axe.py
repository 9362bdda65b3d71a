"""axe-core in Chromium at desktop and phone widths, with a screenshot of each."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

SIZES = ({"width": 1280, "height": 800}, {"width": 390, "height": 844})


def check_page(page, shots, name):
    """No axe-core violations at either width; screenshots for a person to look at."""
    for size in SIZES:
        page.set_viewport_size(size)
        violations = Axe().run(page).response["violations"]
        assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]])
                                  for v in violations]
        if shots is not None:
            page.screenshot(path=str(shots / f"{name}-{size['width']}.png"), full_page=True)
    page.set_viewport_size(SIZES[0])
