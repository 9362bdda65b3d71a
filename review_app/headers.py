"""Security headers on every response, and the trusted proxy in front of the app.

The Content-Security-Policy allows scripts from this site and the few inline scripts the
templates mark with the request's nonce (`csp_nonce()` in a template), nothing else: a
stakeholder's text that slipped past escaping still could not run. Styles come from this
site only (no inline `style` attributes in the templates). No page may be framed, so a
same-site frame cannot dress up the facilitator's "Close the day" button (clickjacking).
"""

from __future__ import annotations

import secrets

from flask import Flask, Response, request
from werkzeug.middleware.proxy_fix import ProxyFix

NONCE_KEY = "review_app.csp_nonce"
PERMISSIONS_POLICY = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
                      "magnetometer=(), microphone=(), payment=(), usb=()")


def csp_nonce() -> str:
    """This request's nonce, made on first use (templates put it on inline scripts). Kept
    in the WSGI environ, which is the request's own (an app context can outlive it)."""
    environ = request.environ
    if NONCE_KEY not in environ:
        environ[NONCE_KEY] = secrets.token_urlsafe(18)
    return environ[NONCE_KEY]


def content_security_policy(nonce: str) -> str:
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        # Socket.IO: same origin, by WebSocket or long-polling.
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def add_security_headers(response: Response) -> Response:
    headers = response.headers
    headers["Content-Security-Policy"] = content_security_policy(csp_nonce())
    headers["X-Frame-Options"] = "DENY"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "same-origin"
    headers["Permissions-Policy"] = PERMISSIONS_POLICY
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    if app.config.get("HSTS_SECONDS"):
        seconds = int(app.config["HSTS_SECONDS"])

        @app.after_request
        def strict_transport(response: Response) -> Response:
            response.headers["Strict-Transport-Security"] = f"max-age={seconds}"
            return response


def trust_proxies(app: Flask) -> None:
    """Believe X-Forwarded-For/-Proto/-Host/-Prefix from TRUSTED_PROXIES hops (nginx: 1).

    Wraps everything, Socket.IO included, so the sign-in throttle sees the client's address
    and the socket's origin check the public scheme and host. Links never come from these
    headers: they are built from BASE_URL (links.py)."""
    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops,
                                x_prefix=hops)
