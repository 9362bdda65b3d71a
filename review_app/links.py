"""Absolute links to this site, always from BASE_URL, never from the request.

A link that leaves the site (an invitation pasted into an email, the join link pasted in a
call's chat, an .ics file) must not take the scheme or host of whoever asked for the page:
behind a TLS proxy that gave `http://`, and a forged `Host: evil.example` header would have
put the attacker's address in front of a real invitation token.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import current_app


def external_url(endpoint: str, **values: Any) -> str:
    """`url_for(endpoint, **values, _external=True)` as the site at BASE_URL serves it."""
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path.rstrip("/") or "/",
                                       url_scheme=base.scheme or "https")
    current_app.inject_url_defaults(endpoint, values)
    return adapter.build(endpoint, values, force_external=True)
