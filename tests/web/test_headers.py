"""Security headers on every response, with a nonce-based Content-Security-Policy (issue 15,
8: no CSP, frame-ancestors, nosniff or Referrer-Policy; a same-site frame showed the
facilitator's "Close the day")."""

import re
from pathlib import Path

from ..factories import sign_in

TEMPLATES = Path(__file__).resolve().parents[2] / "review_app" / "templates"


def directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


def check_headers(response) -> None:
    csp = directives(response)
    assert csp["frame-ancestors"] == "frame-ancestors 'none'"
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert re.fullmatch(r"script-src 'self' 'nonce-[A-Za-z0-9_-]{20,}'", csp["script-src"])
    assert csp["style-src"] == "style-src 'self'" and csp["object-src"] == "object-src 'none'"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_every_kind_of_response_carries_the_headers(client, make_user, sample_curriculum):
    for path in ("/sign-in", "/curricula/", "/no-such-page",
                 "/static/vendor/nhsuk-frontend/nhsuk-frontend.min.css"):
        with client.get(path) as response:
            check_headers(response)
    sign_in(client, make_user("admin"))
    for path in ("/review-days/", "/users/", "/account/password"):
        check_headers(client.get(path))
    check_headers(client.post("/sign-out"))


def test_inline_scripts_carry_this_responses_nonce(client):
    first, second = client.get("/sign-in"), client.get("/sign-in")
    nonce = directives(first)["script-src"].split("'nonce-")[1].rstrip("'")
    assert nonce != directives(second)["script-src"].split("'nonce-")[1].rstrip("'")
    page = first.get_data(as_text=True)
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", page)
    assert len(inline) == 2
    assert all(f'nonce="{nonce}"' in attrs for attrs in inline)


def test_templates_have_no_inline_code_the_policy_would_block():
    """Every inline <script> has the nonce; no style="" or on…="" attributes, no <style>."""
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        for match in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            assert "nonce=" in match.group(0), (path.name, match.group(0))
        assert not re.search(r"<[a-z][^>]*\sstyle=\"", text), path.name
        assert not re.search(r"<style\b", text), path.name
        assert not re.search(r"<[a-z][^>]*\son[a-z]+=\"", text), path.name
