"""Reading curricula from Word documents laid out as the seed's "Curriculum Example" table.

See docs/word-layout.md. Merged cells are read as Word shows them: a vertically merged cell
belongs to the row where the merge starts, a horizontally merged one is one cell.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from ..models import CODE_VALUES
from .document import ActivityDoc, CompetencyDoc, CurriculumDoc, CurriculumError
from .limits import ImportLimits, check_items, check_word_package
from .stages import looks_like_stage_title, stage_key
from .word_text import lines, paragraph_text, read_activities

COLUMNS = ("focus area", "skills group", "competency title", "competency statement",
           "learning outcomes")
CODE_PREFIX = "Links to the Code:"
_INSTRUCTOR = re.compile(r"instructor[\s-]*directed", re.IGNORECASE)
_INDIVIDUAL = re.compile(r"individual[\s-]*directed", re.IGNORECASE)


def _text(cell: _Cell) -> str:
    return "\n".join(paragraph_text(p) for p in cell.paragraphs).strip()


def _paragraph_texts(cell: _Cell) -> list[str]:
    return lines(cell.paragraphs)


def _activities(cell: _Cell, fail) -> list[ActivityDoc]:
    return read_activities(cell.paragraphs, fail)


def _header_fault(cells: list[_Cell]) -> str | None:
    texts = [_text(c).lower() for c in cells]
    for i, column in enumerate(COLUMNS):
        if i >= len(texts) or not texts[i].startswith(column):
            found = texts[i] if i < len(texts) else ""
            return f"missing column '{column.title()}' (found '{found}')"
    return None


class _TableReader:
    def __init__(self, doc: CurriculumDoc, source: str) -> None:
        self.doc, self.source = doc, source
        self.current: CompetencyDoc | None = None
        self.focus_area = self.group = ""

    def read(self, table: Table, number: int, code_values: list[str]) -> None:
        rows = list(table.rows)
        if not rows:
            raise CurriculumError(f"{self.source}: table {number}: the table is empty")
        fault = _header_fault(list(rows[0].cells))
        if fault:
            raise CurriculumError(f"{self.source}: table {number}, row 1: {fault}")
        previous: list[_Cell] = list(rows[0].cells)
        for r, row in enumerate(rows[1:], start=2):
            cells = list(row.cells)

            def fail(problem: str, r=r) -> None:
                raise CurriculumError(f"{self.source}: table {number}, row {r}: {problem}")

            if len(cells) != len(COLUMNS):
                fail(f"has {len(cells)} cells where the layout has {len(COLUMNS)}")
            self._row(cells, previous, fail, code_values)
            previous = cells

    def _row(self, cells, previous, fail, code_values) -> None:
        label = _text(cells[0])
        if _INSTRUCTOR.search(label) or _INDIVIDUAL.search(label):
            if self.current is None:
                fail("activities come before any competency")
            bodies: list[_Cell] = []
            for cell in cells[1:]:  # a merged cell repeats: take each distinct one once
                if cell._tc is not cells[0]._tc and _text(cell) and cell not in bodies:
                    bodies.append(cell)
            if not bodies:
                fail("the activity row has no activities")
            kind = "instructor" if _INSTRUCTOR.search(label) else "individual"
            for body in bodies:
                getattr(self.current, f"{kind}_activities").extend(_activities(body, fail))
            return
        # A cell vertically merged from the row above, or left empty, continues that row.
        same = [c._tc is p._tc or not _text(c) for c, p in zip(cells[:4], previous[:4],
                                                                strict=True)]
        if all(same):
            if self.current is None:
                fail("learning outcomes come before any competency")
            self.current.learning_outcomes.extend(_paragraph_texts(cells[4]))
            return
        if not same[0]:
            self.focus_area = _text(cells[0])
        if not same[1]:
            self.group = _text(cells[1])
        title, statement = _text(cells[2]), _text(cells[3])
        if not title or same[2]:
            fail("the competency title is empty")
        if not statement:
            fail(f"competency '{title}' has no statement")
        if not self.focus_area or not self.group:
            fail(f"competency '{title}' has no focus area or skills group")
        self.current = CompetencyDoc(title=title, statement=statement,
                                     code_values=list(code_values),
                                     learning_outcomes=_paragraph_texts(cells[4]))
        code_values.clear()
        self.doc.place(self.focus_area, self.group).competencies.append(self.current)


def _code_values(paragraph: Paragraph, source: str) -> list[str]:
    text = paragraph_text(paragraph)
    values = [v.strip() for v in text[len(CODE_PREFIX):].split(",") if v.strip()]
    unknown = [v for v in values if v not in CODE_VALUES]
    if unknown:
        raise CurriculumError(f"{source}: unknown value of the Code '{unknown[0]}' in "
                              f"'{text.strip()}'")
    return values


def read_word_curriculum(path: Path, stage: str | None = None,
                         limits: ImportLimits | None = None) -> CurriculumDoc:
    """Read a curriculum .docx into a CurriculumDoc, or raise CurriculumError."""
    source = str(path)
    limits = limits or ImportLimits.configured()
    check_word_package(path, limits)  # before python-docx inflates or parses anything
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError,
            etree.LxmlError) as error:
        raise CurriculumError(f"{source}: not a readable Word document ({error})") from error
    title = next((text for text in map(paragraph_text, document.paragraphs)
                  if looks_like_stage_title(text)), None)
    if stage is None and title is None:
        raise CurriculumError(f"{source}: no stage in the document title; give --stage")
    doc = CurriculumDoc(stage_key(stage or title or "", source))
    reader, pending_values, tables = _TableReader(doc, source), [], 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            if paragraph_text(block).strip().startswith(CODE_PREFIX):
                pending_values = _code_values(block, source)
        else:
            tables += 1
            reader.read(block, tables, pending_values)
    if not doc.competencies():
        raise CurriculumError(f"{source}: no curriculum table found")
    for competency in doc.competencies():
        if not competency.learning_outcomes:
            raise CurriculumError(f"{source}: competency '{competency.title}' has no "
                                  "learning outcomes")
    check_items(doc, source, limits)
    return doc
