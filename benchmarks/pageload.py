"""The live page at size: a Review Day with the whole stage on its agenda (27 competencies)
and 1,000 proposals with votes and comments. Server time for the HTML of /live/<id>, the
`join` snapshot's size and time, and in headless Chromium the time until the page says
"All changes saved" with every proposal rendered, then a vote's round trip on that page."""

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
READY = """(n) => {
  const status = document.querySelector('[data-connection-text]');
  return status && status.textContent === 'All changes saved'
    && document.querySelectorAll('[data-proposal]').length === n;
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
        client = socketio.Client(reconnection=False)
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


def browser_times(base: str, cookie: str, review_day_id: int, proposals: int,
                  repeats: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    loads, votes = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(repeats):
                context = browser.new_context()
                name, _, value = cookie.partition("=")
                context.add_cookies([{"name": name, "value": value, "url": base}])
                page = context.new_page()
                started = time.perf_counter()
                page.goto(f"{base}/live/{review_day_id}", wait_until="commit")
                page.wait_for_function(READY, arg=proposals, timeout=120_000, polling=50)
                loads.append(time.perf_counter() - started)
                # Usable at that size: votes on the first card, timed inside the page from
                # the click until the change is applied and "All changes saved" shows again.
                votes.extend(page.evaluate(VOTES, 5))
                context.close()
        finally:
            browser.close()
    return {"until_saved_and_rendered_ms": {"median": _median_ms(loads),
                                            "max": round(max(loads) * 1000, 1)},
            "vote_round_trip_ms": {"median": _median_ms(votes),
                                   "max": round(max(votes) * 1000, 1)},
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
                "browser": browser_times(server.url, cookie, day, proposals, repeats),
            }
        finally:
            server.stop()
    print(f"HTML of /live/<id>: {result['html']['median_ms']} ms median, "
          f"{result['html']['bytes'] / 1024:.0f} KiB")
    print(f"join snapshot: {result['join_snapshot']['median_ms']} ms median, "
          f"{result['join_snapshot']['bytes'] / 1024:.0f} KiB")
    browser = result["browser"]
    print(f"Chromium, until 'All changes saved' with {proposals} proposals rendered: "
          f"{browser['until_saved_and_rendered_ms']['median']} ms median; a vote's round trip "
          f"on that page: {browser['vote_round_trip_ms']['median']} ms median")
    return result
