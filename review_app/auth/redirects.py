"""Where sign-in may send a browser next: only a path on this site.

Browsers are lenient where Python is strict: they drop tabs and newlines from a URL, read
a backslash as a slash, and take "//host" as another site. So "/\t/evil.example/" became
"//evil.example/" in the browser, and a newline in `next` made the redirect a 500.
A target passes only if it is a plain relative path that every reading agrees on.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MAX_NEXT = 2000
# Controls (C0, DEL, C1), any whitespace, and backslash.
_REFUSED = re.compile(r"[\x00-\x20\x7f-\x9f\\\s]")


def safe_next(target: object) -> str | None:
    """`target` when it is a same-site relative path, else None."""
    if not isinstance(target, str) or not target or len(target) > MAX_NEXT:
        return None
    if not target.startswith("/") or target.startswith("//") or _REFUSED.search(target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
