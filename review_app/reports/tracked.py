"""The revised curriculum as Word with native tracked changes, and a clean copy beside it.

Every change implemented since a baseline (a Review Day's frozen one, or the start of a
date: baseline.py) is a real Word revision: `w:ins` / `w:del` with w:id, w:author and
w:date around runs of `w:t` / `w:delText` (python-docx has no API for them), so a reader
accepts or rejects each one in Word or LibreOffice. Accepting all gives today's curriculum;
rejecting all gives the curriculum as it stood at the baseline.

The tables are the seed's layout from curriculum/word_export.py: this module only passes
its own TextWriter, and texts that know their old version (`RevisedText`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from sqlalchemy.orm import Session

from ..curriculum.document import CurriculumDoc
from ..curriculum.sources import subtitle
from ..curriculum.store import curriculum_to_doc
from ..curriculum.word_export import curriculum_document
from ..curriculum.word_package import set_setting, xml_safe
from ..models import Curriculum
from .baseline import Baseline, implemented_since
from .diffing import word_diff
from .revisions import ItemChange, load_for_revisions, merged_items, structural_changes


class RevisedText(str):
    """A text of the revised curriculum (its value as a str) that also knows its old text,
    who changed it and when. `whole` is "ins" or "del" when the whole item came or went."""

    old: str
    author: str
    at: datetime
    whole: str | None

    def __new__(cls, new: str, old: str, author: str, at: datetime,
                whole: str | None = None) -> RevisedText:
        text = super().__new__(cls, new)
        text.old, text.author, text.at, text.whole = old, author, at, whole
        return text

    def __radd__(self, other: str) -> RevisedText:
        """Keep the revision through `" " + description` in the table code."""
        return RevisedText(other + str(self), other + self.old, self.author, self.at,
                           self.whole)


class TrackedWriter:
    """Writes a RevisedText as kept, deleted and inserted runs; anything else as plain."""

    def __init__(self) -> None:
        self.revisions = 0

    def _mark(self, tag: str, author: str, at: datetime):
        self.revisions += 1
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(self.revisions))
        element.set(qn("w:author"), xml_safe(author))
        element.set(qn("w:date"), at.strftime("%Y-%m-%dT%H:%M:%SZ"))
        return element

    def _run(self, text: str, bold: bool, deleted: bool = False):
        run = OxmlElement("w:r")
        if bold:
            properties = OxmlElement("w:rPr")
            properties.append(OxmlElement("w:b"))
            run.append(properties)
        t = OxmlElement("w:delText" if deleted else "w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = xml_safe(text)
        run.append(t)
        return run

    def __call__(self, paragraph: Paragraph, text: str, bold: bool = False) -> None:
        if not isinstance(text, RevisedText) or text.old == str(text):
            paragraph.add_run(xml_safe(str(text))).bold = bold or None
            return
        # A whole item that came or went is one revision, separator and all.
        segments = ([("+", str(text))] if text.whole == "ins" else
                    [("-", text.old)] if text.whole == "del" else word_diff(text.old, str(text)))
        for op, part in segments:
            if op == "=":
                paragraph._p.append(self._run(part, bold))
                continue
            mark = self._mark("w:del" if op == "-" else "w:ins", text.author, text.at)
            mark.append(self._run(part, bold, deleted=op == "-"))
            paragraph._p.append(mark)
        if text.whole:  # the paragraph itself came or went, not only its words
            properties = paragraph._p.get_or_add_pPr()
            if properties.find(qn("w:rPr")) is None:
                mark_holder = OxmlElement("w:rPr")
                mark_holder.append(self._mark(f"w:{text.whole}", text.author, text.at))
                properties.append(mark_holder)


def _text(change: ItemChange, field: str) -> RevisedText:
    old = getattr(change.old, field) or "" if change.old is not None else ""
    new = getattr(change.item, field) or "" if change.present_now else ""
    whole = None if change.old is not None and change.present_now else (
        "ins" if change.present_now else "del")
    return RevisedText(new, old, change.author, change.at, whole)


def revised_doc(session: Session, curriculum: Curriculum, baseline: Baseline) -> CurriculumDoc:
    """The curriculum of today with every text a RevisedText against the baseline."""
    changes = structural_changes(session, curriculum, baseline)

    def texts(competency, kind: str) -> list[tuple[str, str]]:
        merged = merged_items(competency, kind, changes.get((competency.id, kind), []),
                              baseline)
        return [(_text(c, "title"), _text(c, "text")) for c in merged]

    return curriculum_to_doc(curriculum, texts)


def _mark_whole_rows(document: Document, writer: TrackedWriter) -> None:
    """A table row whose every text was inserted (or deleted) is marked so as a row, so
    that Word removes the row itself when the change is rejected (or accepted)."""
    body = document.element.body
    for tr in body.iter(qn("w:tr")):
        plain = [t for t in tr.iter(qn("w:t")) if t.text and _outside_ins(t)]
        inserted = any(True for _ in tr.iter(qn("w:ins")))
        deleted = any(True for _ in tr.iter(qn("w:delText")))
        if plain or inserted == deleted:
            continue
        first = next(tr.iter(qn("w:ins" if inserted else "w:del")))
        properties = tr.get_or_add_trPr()
        properties.append(writer._mark("w:ins" if inserted else "w:del",
                                       first.get(qn("w:author")),
                                       datetime.strptime(first.get(qn("w:date")),
                                                         "%Y-%m-%dT%H:%M:%SZ")))


def _outside_ins(t) -> bool:
    return all(a.tag != qn("w:ins") for a in t.iterancestors())


@dataclass
class TrackedCurriculum:
    """The curriculum with its changes tracked, its clean copy, and what they contain."""

    tracked: Document
    clean: Document | None  # None when not asked for (the download sends only `tracked`)
    revisions: int  # w:ins / w:del marks
    changes: int  # implemented changes since the baseline
    baseline: Baseline

    @property
    def summary(self) -> str:
        """In words: "the 6 changes implemented since the baseline frozen for …"."""
        count = "no changes" if not self.changes else (
            "the 1 change" if self.changes == 1 else f"the {self.changes:,} changes")
        return f"{count} implemented since {self.baseline.label}"


def tracked_documents(session: Session, stage: str, baseline: Baseline,
                      author: str = "Review Day", *, clean: bool = True) -> TrackedCurriculum:
    """The curriculum of `stage` with every change implemented since the baseline tracked,
    and (`clean`) a clean copy: each is half the build."""
    curriculum = load_for_revisions(session, stage)
    if curriculum is None:
        raise LookupError(f"no curriculum for {stage} has been imported")
    changes = len(session.scalars(implemented_since(curriculum, baseline)).all())
    writer = TrackedWriter()
    result = TrackedCurriculum(None, None, 0, changes, baseline)
    result.tracked = curriculum_document(
        revised_doc(session, curriculum, baseline), curriculum.title,
        f"{subtitle(curriculum)}. Tracked changes: {result.summary}. Accept or reject them "
        "in Word.", writer, author=author)
    _mark_whole_rows(result.tracked, writer)
    set_setting(result.tracked, "trackRevisions")  # further edits are tracked too
    if clean:
        result.clean = curriculum_document(curriculum_to_doc(curriculum), curriculum.title,
                                           subtitle(curriculum), author=author)
    result.revisions = writer.revisions
    return result


def clean_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}-clean{path.suffix}")


def write_tracked_curriculum(session: Session, stage: str, baseline: Baseline,
                             path: Path, author: str = "Review Day") -> TrackedCurriculum:
    """Write FILE with tracked changes and FILE-clean.docx beside it."""
    result = tracked_documents(session, stage, baseline, author)
    path.parent.mkdir(parents=True, exist_ok=True)
    result.tracked.save(str(path))
    result.clean.save(str(clean_path(path)))
    return result
