"""What text the product can store and write back out, checked at every way in (forms,
socket events, curriculum files).

Word documents are XML 1.0, which has no place for most control characters, U+FFFE/U+FFFF
or lone surrogates: one such character anywhere in stored text made lxml refuse to write
the report, the curriculum and the tracked changes ("All strings must be XML
compatible"). PostgreSQL refuses NUL in text, and psycopg cannot encode a lone surrogate.
So such text is refused where it arrives, with a message naming the field.

Text pasted from Word carries a manual line break as U+000B and a paragraph as CR LF: in a
field that may hold several lines, these (and a lone CR) become a newline instead of being
refused; in a one-line field a line break of any kind is refused.
"""

from __future__ import annotations

import re

# Tab, newline and carriage return are the only C0 characters XML 1.0 allows.
UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
LINE_BREAKS = re.compile("\r\n|[\r\x0b]")
ONE_LINE_BREAKS = re.compile("[\r\n\x0b]")
UNSTORABLE_MESSAGE = "contains a character that cannot be stored, such as a control character"
LINE_BREAK_MESSAGE = "must be on one line"


class UnstorableText(ValueError):
    """Text with a character the database or a Word document cannot hold; `problem` says
    what is wrong in words that follow the field's name."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def storable(value: str, *, multiline: bool = True) -> str:
    """`value` as it may be stored: line breaks pasted from Word made newlines (multi-line
    fields), or UnstorableText saying why not."""
    if multiline:
        value = LINE_BREAKS.sub("\n", value)
    elif ONE_LINE_BREAKS.search(value):
        raise UnstorableText(LINE_BREAK_MESSAGE)
    if UNSTORABLE.search(value):
        raise UnstorableText(UNSTORABLE_MESSAGE)
    return value


def first_unstorable(value: str) -> str | None:
    """The first character that cannot be stored, as an escape (for messages), or None."""
    found = UNSTORABLE.search(value)
    return None if found is None else f"U+{ord(found.group()):04X}"
