"""Headless Chromium (Debian's package) driven by Playwright, against a real server."""

from __future__ import annotations

import shutil

import pytest

from ..servers import AppServer, cli, process_database, server_env

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory):
    """A database migrated and with the samples loaded, once a session: each test's starts
    as a copy of it."""
    path = tmp_path_factory.mktemp("seeded")
    with process_database(path) as url:
        env = server_env(url, path)
        cli(env, "init-db")
        cli(env, "load-samples")
        yield url


@pytest.fixture
def live_env(tmp_path, seeded_database):
    """Environment of a server process on its own database, migrated, with the samples."""
    with process_database(tmp_path, template_url=seeded_database) as url:
        yield server_env(url, tmp_path)


@pytest.fixture
def live_server(live_env):
    server = AppServer(live_env).start()
    yield server
    server.stop()
