"""A facilitator emails invitations from the day page in Chromium through a real SMTP
server on 127.0.0.1; the stakeholder follows the link in the delivered email and joins.
Without SMTP the page offers every link to copy and a CSV."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

from ..prep.test_invitation_email import Mailbox, free_port
from ..servers import AppServer, cli, process_database, server_env
from .axe import check_page
from .test_preparation_browser import PASSWORD, plan_day, sign_in

PEOPLE = ("Priya Shah\tpriya@example.org\tNHS England\tClinical\n"
          "Tom Reid\ttom@example.org\tSkills for Care\tAHP\n")


@pytest.fixture
def mailbox():
    from aiosmtpd.controller import Controller

    box, port = Mailbox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    box.port = port
    yield box
    controller.stop()


@contextmanager
def _server(tmp_path, **mail):
    with process_database(tmp_path) as url:
        env = server_env(url, tmp_path, **mail)
        cli(env, "init-db")
        cli(env, "load-samples")
        cli(env, "create-user", "--email", "fay@example.org", "--name", "Fay Facilitator",
            "--role", "facilitator", input=PASSWORD + "\n")
        server = AppServer(env).start()
        try:
            yield server
        finally:
            server.stop()


def _prepare(page, server):
    sign_in(page, server.url, "fay@example.org")
    page.goto(server.url + "/stakeholders/bulk")
    page.get_by_role("textbox", name="Rows").fill(PEOPLE)
    page.get_by_role("button", name="Check the rows").click()
    page.get_by_role("button", name="Add 2 and update 0 stakeholders").click()
    page.goto(server.url + "/review-days/")
    plan_day(page)
    page.get_by_label("Priya Shah, NHS England (Clinical)").check()
    page.get_by_label("Tom Reid, Skills for Care (AHP)").check()
    page.get_by_role("button", name="Invite selected stakeholders").click()


def test_email_invitations_and_join_from_the_email(browser, tmp_path, mailbox):
    shots = tmp_path / "shots"
    shots.mkdir()
    with _server(tmp_path, MAIL_SERVER="127.0.0.1", MAIL_PORT=str(mailbox.port),
                 MAIL_USE_TLS="false", MAIL_FROM="review-day@example.org") as server:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        _prepare(page, server)
        page.get_by_label("Email Priya Shah").check()
        page.get_by_role("button", name="Email the selected invitations").click()
        expect(page.get_by_role("status").first).to_contain_text("Emailed Priya Shah")
        expect(page.locator("#invitations")).to_contain_text("by Fay Facilitator")
        check_page(page, shots, "day-invitations-mail", context="#invitations")
        assert [m["To"] for m in mailbox.messages] == ["Priya Shah <priya@example.org>"]

        page.get_by_role("button", name="Send the invitation email to Tom Reid").click()
        expect(page.get_by_role("status").first).to_contain_text("Emailed Tom Reid")

        text = mailbox.messages[0].get_body(("plain",)).get_content()
        link = re.search(r"http://\S+/join/\S+", text)[0]
        guest = browser.new_page()
        guest.goto(link)
        expect(guest.get_by_text("You are joining as")).to_contain_text("Priya Shah")
        guest.get_by_role("button", name=re.compile("Join")).first.click()
        expect(guest).to_have_url(re.compile(r"/live/\d+$"))


def test_without_smtp_copy_all_links(browser, tmp_path):
    shots = tmp_path / "shots"
    shots.mkdir()
    with _server(tmp_path, MAIL_SERVER="") as server:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        _prepare(page, server)
        expect(page.get_by_label("All personal links")).to_contain_text(
            "Priya Shah (NHS England): http")
        expect(page.get_by_role("button", name="Copy all links")).to_be_visible()
        check_page(page, shots, "day-invitations-links", context="#invitations")

        page.get_by_role("link", name="Delete this draft").click()
        expect(page.get_by_test_id("effects")).to_contain_text("2 invitations will be withdrawn")
        check_page(page, shots, "delete-day")
        page.get_by_role("button", name="Delete this Review Day").click()
        expect(page.get_by_role("status").first).to_contain_text("Deleted the draft Review Day")
