"""Links that leave the site come from BASE_URL, never from the request (issue 15, 7: links
were built from the request's host and scheme: `http://` behind TLS, and a forged
`Host: evil.example` put the attacker's address in front of a real invitation token)."""

import re
from pathlib import Path

import pytest

from review_app.prep.invitations import invite_stakeholders

from ..factories import sign_in

BASE = "https://review-day.example.nhs.uk"
POISON = {"Host": "evil.example", "X-Forwarded-Host": "evil.example",
          "X-Forwarded-Proto": "http", "X-Forwarded-For": "203.0.113.66"}
DEPLOY = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"


@pytest.mark.parametrize("proxies", [0, 1])
def test_a_poisoned_host_never_reaches_a_link(app, client, session, proxies, make_day,
                                              make_stakeholder):
    """Whether or not the proxy's X-Forwarded-* headers are believed (TRUSTED_PROXIES)."""
    from review_app.headers import trust_proxies

    app.config.update(BASE_URL=BASE, TRUSTED_PROXIES=proxies)
    trust_proxies(app)
    day = make_day()
    [invitation] = invite_stakeholders(session, day.facilitator, day,
                                       [make_stakeholder().id])
    session.commit()
    sign_in(client, day.facilitator)
    # The browser of someone who reached the site under the forged name, signed in there.
    client.set_cookie("session", client.get_cookie("session").value, domain="evil.example")
    pages = {
        "invitation": f"/review-days/{day.id}/invitations/{invitation.id}",
        "calendar": f"/review-days/{day.id}/invitations/{invitation.id}/invitation.ics",
        "join link": f"/review-days/{day.id}",
    }
    for name, url in pages.items():
        response = client.get(url, headers=POISON)
        assert response.status_code == 200, name
        body = response.get_data(as_text=True).replace("\r\n ", "")
        assert "evil.example" not in body, name
        links = re.findall(r"https?://[^\s\"<\\]+/join/[^\s\"<\\]+", body)
        assert links and all(link.startswith(f"{BASE}/join/{day.id}/") for link in links), \
            (name, links)


def test_the_cli_prints_links_from_base_url(runner, app, session, sample_curriculum):
    app.config["BASE_URL"] = BASE
    output = runner.invoke(args=["demo"]).output
    urls = re.findall(r"https?://\S+", output)
    assert urls and all(url.startswith(BASE + "/") for url in urls), urls


def test_the_nginx_example_forwards_scheme_and_host_on_every_block():
    """The documented nginx sent no X-Forwarded-Proto to /socket.io, so the socket's
    same-origin check saw http:// behind TLS and refused the live page."""
    example = DEPLOY.read_text().split("```nginx", 1)[1].split("```", 1)[0]
    blocks = re.findall(r"location\s+(\S+)\s*\{(.*?)\n\s*\}", example, re.S)
    assert {path for path, _ in blocks} >= {"/", "/socket.io"}
    for path, body in blocks:
        if "proxy_pass" not in body:  # /static/: files from disk, nothing forwarded
            assert "alias" in body and "X-Content-Type-Options nosniff" in body, path
            continue
        for header in ("Host $host", "X-Forwarded-For $proxy_add_x_forwarded_for",
                       "X-Forwarded-Proto $scheme", "X-Forwarded-Host $host"):
            assert f"proxy_set_header {header};" in body, (path, header)
    assert "TRUSTED_PROXIES=1" in DEPLOY.read_text()
