"""Text of Word paragraphs as Word shows it, and activities as people write them.

python-docx's `Paragraph.text` and `.runs` see only the runs directly under a paragraph:
text inside a tracked insertion (`w:ins`), a hyperlink or a content control is missed, and
a soft line break is not a line. Here a paragraph is read through its XML: every run in
document order, inserted text kept, deleted text (`w:del`, `w:delText`) and moved-away
text (`w:moveFrom`) dropped, comments ignored (they live in comments.xml; only markers are
in the body), `w:br`/`w:cr` as line breaks and `w:tab` as a space. A list paragraph's
bullet or number is not in its text, as Word draws it; a bullet typed by hand is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .document import ActivityDoc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIPPED = {f"{W}del", f"{W}moveFrom", f"{W}rPr", f"{W}pPr", f"{W}delText",
            f"{W}instrText", f"{W}fldSimple_instr"}
_OFF = {"0", "false", "off", "none"}
_BULLET = re.compile(r"^\s*[•·▪◦‣●○■□➢➤►–—*-]\s+")
# "Title: description" at the start of a line (a title of a few words, capitalised).
_COLON_TITLE = re.compile(r"^([A-Z][^.:!?\n]{1,80}?):\s+(\S.*)$", re.DOTALL)
_SENTENCE_END = re.compile(r"[.!?:;)]\s*$")


@dataclass
class Piece:
    text: str
    bold: bool


def _is_bold(run) -> bool:
    props = run.find(f"{W}rPr")
    if props is None:
        return False
    bold = props.find(f"{W}b")
    if bold is not None:
        return bold.get(f"{W}val", "true").lower() not in _OFF
    style = props.find(f"{W}rStyle")
    # LibreOffice writes its "Strong Emphasis" character style; Word's is "Strong".
    return style is not None and "strong" in style.get(f"{W}val", "").lower()


def _runs(element) -> Iterable:
    """The runs under `element` in document order, skipping deleted and moved-away ones."""
    for child in element:
        if child.tag in _SKIPPED:
            continue
        if child.tag == f"{W}r":
            yield child
        else:  # w:ins, w:hyperlink, w:smartTag, w:sdt/w:sdtContent, w:moveTo, fields...
            yield from _runs(child)


def _run_text(run) -> str:
    out = []
    for node in run:
        if node.tag == f"{W}t":
            out.append(node.text or "")
        elif node.tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
        elif node.tag in (f"{W}tab", f"{W}ptab"):
            out.append(" ")
        elif node.tag in (f"{W}noBreakHyphen", f"{W}softHyphen"):
            out.append("-" if node.tag == f"{W}noBreakHyphen" else "")
    return "".join(out)


def paragraph_pieces(paragraph) -> list[Piece]:
    """A paragraph (python-docx Paragraph or its w:p) as bold and plain pieces, in order,
    neighbours of the same weight joined."""
    element = getattr(paragraph, "_p", paragraph)
    pieces: list[Piece] = []
    for run in _runs(element):
        text, bold = _run_text(run), _is_bold(run)
        if not text:
            continue
        if pieces and pieces[-1].bold == bold:
            pieces[-1].text += text
        else:
            pieces.append(Piece(text, bold))
    return pieces


def paragraph_text(paragraph) -> str:
    return "".join(p.text for p in paragraph_pieces(paragraph))


def _unbulleted(line: str) -> str:
    return _BULLET.sub("", line).strip()


def lines(paragraphs: Iterable) -> list[str]:
    """Each non-empty line Word shows: paragraphs, and lines within them split at soft
    breaks, hand-typed bullets dropped."""
    found = []
    for paragraph in paragraphs:
        for line in paragraph_text(paragraph).split("\n"):
            if _unbulleted(line):
                found.append(_unbulleted(line))
    return found


def _line_pieces(paragraphs: Iterable) -> list[list[Piece]]:
    """Pieces grouped by the line they stand on (a paragraph or a soft-broken part)."""
    out: list[list[Piece]] = []
    for paragraph in paragraphs:
        line: list[Piece] = []
        for piece in paragraph_pieces(paragraph):
            parts = piece.text.split("\n")
            for i, part in enumerate(parts):
                if i:
                    out.append(line)
                    line = []
                if part:
                    line.append(Piece(part, piece.bold))
        out.append(line)
    return [line for line in out if "".join(p.text for p in line).strip()]


class _Activities:
    def __init__(self, fail: Callable[[str], None]) -> None:
        self.found: list[ActivityDoc] = []
        self.fail = fail

    def start(self, title: str, text: str = "") -> None:
        self.found.append(ActivityDoc(title.strip().rstrip(":").strip(), ""))
        self.add(text)

    def add(self, text: str) -> None:
        text = " ".join(text.split())
        if not text:
            return
        if not self.found:
            self.fail("an activity has no bold title")
        current = self.found[-1]
        current.description = f"{current.description} {text}".strip()


def _starts_title(piece: Piece, before: str) -> bool:
    """A bold piece starts an activity at the start of a line, after a finished sentence,
    or when it ends in a colon; bold in the middle of a sentence is emphasis."""
    title = piece.text.strip()
    if not piece.bold or not title.strip(":").strip():
        return False
    return not before.strip() or bool(_SENTENCE_END.search(before)) or title.endswith(":")


def read_activities(paragraphs: Iterable, fail: Callable[[str], None]) -> list[ActivityDoc]:
    """Activities from a cell's paragraphs: each a bold title (or a plain "Title:" at the
    start of a line) and the text after it up to the next title, across paragraphs, soft
    breaks and list items."""
    acts = _Activities(fail)
    for line in _line_pieces(paragraphs):
        line[0] = Piece(_BULLET.sub("", line[0].text), line[0].bold)
        before = ""  # the text of this line up to the piece in hand
        for n, piece in enumerate(line):
            if _starts_title(piece, before):
                acts.start(piece.text)
            elif n == 0 and not acts_pending_title(acts) and _COLON_TITLE.match(
                    piece.text.strip()):
                title, rest = _COLON_TITLE.match(piece.text.strip()).groups()
                acts.start(title, rest)
            else:
                acts.add(piece.text)
            before += piece.text
    for activity in acts.found:
        if not activity.description:
            fail(f"activity '{activity.title}' has no description")
    return acts.found


def acts_pending_title(acts: _Activities) -> bool:
    """Whether the last activity has a title still waiting for its description (its
    description's first line may well hold a colon)."""
    return bool(acts.found) and not acts.found[-1].description
