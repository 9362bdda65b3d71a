"""Word-level differences between two texts, shared by the pages, the report and the
tracked-changes export.

A difference is a list of segments `(op, text)` with op "=" (kept), "-" (deleted) or "+"
(inserted); the kept and deleted parts give the old text back, the kept and inserted parts
the new one. Words, spaces and punctuation are compared as separate tokens, and a lone
space between two changes is folded into them so that a rewritten phrase reads as one
deletion then one insertion rather than a word-by-word patchwork.
"""

from __future__ import annotations

import difflib
import re

Segment = tuple[str, str]
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")


def tokens(text: str) -> list[str]:
    return _TOKENS.findall(text or "")


def word_diff(old: str | None, new: str | None) -> list[Segment]:
    """The segments that turn `old` into `new` (None counts as empty)."""
    a, b = tokens(old or ""), tokens(new or "")
    raw: list[Segment] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            raw.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            raw.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            raw.append(("+", "".join(b[j1:j2])))
    return _merge(_fold_spaces(raw))


def _fold_spaces(segments: list[Segment]) -> list[Segment]:
    """Fold a kept run of whitespace that sits between two changes into both of them."""
    out: list[Segment] = []
    for i, (op, text) in enumerate(segments):
        between = 0 < i < len(segments) - 1 and segments[i - 1][0] != "=" \
            and segments[i + 1][0] != "="
        if op == "=" and between and not text.strip():
            out += [("-", text), ("+", text)]
        else:
            out.append((op, text))
    return out


def _merge(segments: list[Segment]) -> list[Segment]:
    """Join neighbours of the same kind, with every deletion ahead of its insertion."""
    out: list[Segment] = []
    pending: dict[str, str] = {"-": "", "+": ""}
    for op, text in segments:
        if op == "=":
            out += [(k, pending[k]) for k in "-+" if pending[k]]
            pending = {"-": "", "+": ""}
            if out and out[-1][0] == "=":
                out[-1] = ("=", out[-1][1] + text)
            else:
                out.append(("=", text))
        else:
            pending[op] += text
    out += [(k, pending[k]) for k in "-+" if pending[k]]
    return [s for s in out if s[1]]


def old_text(segments: list[Segment]) -> str:
    return "".join(text for op, text in segments if op != "+")


def new_text(segments: list[Segment]) -> str:
    return "".join(text for op, text in segments if op != "-")


def changed(segments: list[Segment]) -> bool:
    return any(op != "=" for op, _ in segments)
