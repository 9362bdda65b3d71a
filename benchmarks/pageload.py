"""The live page at size: a Review Day with the whole stage on its agenda (27 competencies)
and 1,000 proposals with votes and comments. Server time for the HTML of /live/<id>, the
`join` snapshot's size and time, and in headless Chromium the time until the page says
"All changes saved" with the competency on screen drawn, a vote's round trip on that page,
another competency's cards, and the page's long tasks (its main thread blocked)."""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import requests
import socketio

from .common import Server, scratch_database, server_env
from .seed import prepare_database, seed_live_day

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Ready: joined, "All changes saved", and every proposal of the competency on screen drawn
# as a card (the room draws a competency's cards when it is first shown: static/live/cards.js).
READY = """() => {
  const status = document.querySelector('[data-connection-text]');
  const room = window.reviewDay;
  if (!status || status.textContent !== 'All changes saved' || !room || !room.state.joined) {
    return false;
  }
  const shown = [...room.state.proposals.values()]
    .filter((p) => p.competency_id === room.state.viewing);
  return shown.length > 0
    && shown.every((p) => document.querySelector(`[data-proposal="${p.id}"]`));
}"""
# Every task of 50 ms or more on the page's main thread (Chrome's autofill reading the page's
# forms once froze it for 8 s after it said "All changes saved"): recorded from the start.
LONG_TASKS = """window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const t of list.getEntries()) window.__longTasks.push([t.startTime, t.duration]);
}).observe({ type: 'longtask', buffered: true });"""
# Where the time went, in ms from navigation (User Timing marks in static/live/connection.js).
STEPS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const mark = (name) => (performance.getEntriesByName(name)[0] || {}).startTime;
  return { response_end: nav.responseEnd, dom_content_loaded: nav.domContentLoadedEventEnd,
    connecting: mark('review:connecting'), join_sent: mark('review:join-sent'),
    join_answered: mark('review:join-answered'),
    joined_and_drawn: mark('review:joined') };
}"""
# Another competency from the agenda: until its cards are drawn, in the page.
SWITCH = """async () => {
  const room = window.reviewDay;
  const other = [...document.querySelectorAll('[data-go]')]
    .map((b) => Number(b.dataset.go)).find((id) => id !== room.state.viewing);
  const started = performance.now();
  document.querySelector(`[data-go="${other}"]`).click();
  const shown = [...room.state.proposals.values()].filter((p) => p.competency_id === other);
  await new Promise((done) => {
    const check = () => (shown.every((p) => document.querySelector(`[data-proposal="${p.id}"]`))
      ? done() : setTimeout(check, 1));
    check();
  });
  return [(performance.now() - started) / 1000, shown.length];
}"""


VOTES = """async (count) => {
  const took = [];
  const status = document.querySelector('[data-connection-text]');
  for (let i = 0; i < count; i++) {
    const seq = window.reviewDay.state.seq;
    const button = document.querySelector(
      `[data-proposal] [data-vote=${i % 2 ? 'agree' : 'disagree'}]`);
    const started = performance.now();
    button.click();
    await new Promise((done) => {
      const check = () => (window.reviewDay.state.seq > seq
        && status.textContent === 'All changes saved' ? done() : setTimeout(check, 1));
      check();
    });
    took.push((performance.now() - started) / 1000);
  }
  return took;
}"""


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def html_times(url: str, cookie: str, repeats: int) -> dict[str, Any]:
    times, size = [], 0
    with requests.Session() as http:
        for _ in range(repeats):
            started = time.perf_counter()
            response = http.get(url, headers={"Cookie": cookie}, timeout=60)
            times.append(time.perf_counter() - started)
            response.raise_for_status()
            size = len(response.content)
    return {"median_ms": _median_ms(times), "max_ms": round(max(times) * 1000, 1),
            "bytes": size, "repeats": repeats}


def join_times(base: str, cookie: str, review_day_id: int, repeats: int) -> dict[str, Any]:
    times, size, proposals = [], 0, 0
    for _ in range(repeats):
        # websocket-client checks a text frame's UTF-8 in pure Python unless told not to:
        # 180 ms of the benchmark's own for 1.4 MiB, which a browser does natively.
        client = socketio.Client(reconnection=False,
                                 websocket_extra_options={"skip_utf8_validation": True})
        client.connect(base, headers={"Cookie": cookie}, transports=["websocket"],
                       wait_timeout=30)
        try:
            started = time.perf_counter()
            ack = client.call("join", {"review_day_id": review_day_id}, timeout=120)
            times.append(time.perf_counter() - started)
        finally:
            client.disconnect()
        size = len(json.dumps(ack, separators=(",", ":")).encode())
        proposals = len(ack["snapshot"]["proposals"])
    return {"median_ms": _median_ms(times), "max_ms": round(max(times) * 1000, 1),
            "bytes": size, "proposals": proposals, "repeats": repeats}


def browser_times(base: str, cookie: str, review_day_id: int, repeats: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    loads, votes, switches, longest, blocking, steps, floors, cards = [], [], [], [], [], [], [], 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(repeats):
                context = browser.new_context()
                name, _, value = cookie.partition("=")
                context.add_cookies([{"name": name, "value": value, "url": base}])
                context.add_init_script(LONG_TASKS)
                page = context.new_page()
                # The harness's own floor: the same goto and wait on a page with nothing in
                # it, the second time (the first starts the context's renderer process).
                for _ in range(2):
                    started = time.perf_counter()
                    page.goto(f"{base}/healthz", wait_until="commit")
                    page.wait_for_function("() => document.readyState !== 'loading'",
                                           polling=20)
                floors.append(time.perf_counter() - started)
                started = time.perf_counter()
                page.goto(f"{base}/live/{review_day_id}", wait_until="commit")
                page.wait_for_function(READY, timeout=120_000, polling=20)
                loads.append(time.perf_counter() - started)
                cards = page.evaluate("document.querySelectorAll('[data-proposal]').length")
                steps.append(page.evaluate(STEPS))
                # Usable at that size: votes on the first card, timed inside the page from
                # the click until the change is applied and "All changes saved" shows again.
                votes.extend(page.evaluate(VOTES, 5))
                took, _ = page.evaluate(SWITCH)
                switches.append(took)
                page.wait_for_timeout(3000)  # what the browser does after: autofill, idle work
                tasks = page.evaluate("window.__longTasks")
                longest.append(max((d for _, d in tasks), default=0.0) / 1000)
                blocking.append(sum(d - 50 for _, d in tasks) / 1000)
                context.close()
        finally:
            browser.close()
    return {"until_ready_ms": {"median": _median_ms(loads), "max": round(max(loads) * 1000, 1)},
            "harness_floor_ms": _median_ms(floors),
            "cards_drawn_at_ready": cards,
            # in the page, ms from navigation: the median of each step over the repeats
            "steps_ms": {name: round(statistics.median(s[name] for s in steps), 1)
                         for name in steps[0]},
            "vote_round_trip_ms": {"median": _median_ms(votes),
                                   "max": round(max(votes) * 1000, 1)},
            "switch_competency_ms": {"median": _median_ms(switches),
                                     "max": round(max(switches) * 1000, 1)},
            "longest_task_ms": {"median": _median_ms(longest),
                                "max": round(max(longest) * 1000, 1)},
            "total_blocking_ms": {"median": _median_ms(blocking),
                                  "max": round(max(blocking) * 1000, 1)},
            "repeats": repeats}


def run_page(proposals: int = 1000, quick: bool = False) -> dict[str, Any]:
    repeats = 3 if quick else 5
    with scratch_database() as url, tempfile.TemporaryDirectory() as tmp:
        prepare_database(url)
        started = time.perf_counter()
        setup = seed_live_day(url, 50, competencies=None, proposals=proposals,
                              votes_per_proposal=5, comments_per_proposal=2)
        seeded = time.perf_counter() - started
        server = Server.app(server_env(url, Path(tmp))).start()
        try:
            day = setup["review_day_id"]
            cookie = setup["stakeholders"][0]["cookie"]
            result = {
                "competencies": len(setup["agenda"]), "proposals": proposals,
                "votes": proposals * 5, "comments": proposals * 2,
                "seed_s": round(seeded, 2),
                "html": html_times(f"{server.url}/live/{day}", cookie, repeats),
                "join_snapshot": join_times(server.url, cookie, day, repeats),
                "browser": browser_times(server.url, cookie, day, repeats),
            }
        finally:
            server.stop()
    print(f"HTML of /live/<id>: {result['html']['median_ms']} ms median, "
          f"{result['html']['bytes'] / 1024:.0f} KiB")
    print(f"join snapshot: {result['join_snapshot']['median_ms']} ms median, "
          f"{result['join_snapshot']['bytes'] / 1024:.0f} KiB")
    browser = result["browser"]
    print(f"Chromium, until joined, 'All changes saved' and the competency on screen drawn "
          f"({browser['cards_drawn_at_ready']} cards): in the page from navigation "
          f"{browser['steps_ms']['joined_and_drawn']} ms median, from Playwright's goto "
          f"{browser['until_ready_ms']['median']} ms (its floor on an empty page "
          f"{browser['harness_floor_ms']} ms); a vote's round trip on that page: "
          f"{browser['vote_round_trip_ms']['median']} ms; another competency's cards: "
          f"{browser['switch_competency_ms']['median']} ms; longest task from navigation to "
          f"3 s after: {browser['longest_task_ms']['median']} ms, total blocking "
          f"{browser['total_blocking_ms']['median']} ms")
    print("  in the page, ms from navigation: " + ", ".join(
        f"{name.replace('_', ' ')} {value}" for name, value in browser["steps_ms"].items()))
    return result
