"""Small curricula and seed-layout Word tables built in code for tests."""

from __future__ import annotations

from pathlib import Path

import docx

from review_app.curriculum.document import (
    ActivityDoc,
    CompetencyDoc,
    CurriculumDoc,
    FocusAreaDoc,
    GroupDoc,
)
from review_app.curriculum.word_export import HEADINGS


def small_doc(stage: str = "stage-2", competencies: int = 2) -> CurriculumDoc:
    comps = [CompetencyDoc(
        title=f"Competency {n}", statement=f"I regularly do thing {n}.",
        code_values=["Integrity"] if n % 2 else ["Curiosity", "Compassion"],
        learning_outcomes=[f"Apply skill {n}.{k}" for k in range(3)],
        instructor_activities=[ActivityDoc(f"Workshop {n}", f"Run workshop {n}.")],
        individual_activities=[ActivityDoc(f"Diary {n}", f"Keep diary {n}."),
                               ActivityDoc(f"Log {n}", f"Keep log {n}.")],
    ) for n in range(1, competencies + 1)]
    return CurriculumDoc(stage, [FocusAreaDoc("Self Effectiveness", [
        GroupDoc("Communicating and listening effectively", comps)])])


def seed_table_docx(path: Path, rows: list[list[str]], title: str | None = "Stage 2: x",
                    headings: tuple[str, ...] = HEADINGS) -> Path:
    """A document with one table: the heading row, then `rows` of plain cell texts.

    A cell text containing "\\n" becomes several paragraphs; "**Title** rest" becomes a bold
    run then a plain one, as activity cells are written.
    """
    document = docx.Document()
    if title:
        document.add_paragraph(title, style="Title")
    table = document.add_table(rows=0, cols=len(headings))
    for cell, text in zip(table.add_row().cells, headings, strict=True):
        cell.text = text
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=False):
            for i, line in enumerate(text.split("\n")):
                paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                if line.startswith("**"):
                    bold, _, rest = line[2:].partition("**")
                    paragraph.add_run(bold).bold = True
                    paragraph.add_run(rest)
                else:
                    paragraph.add_run(line)
    document.save(str(path))
    return path


GOOD_ROWS = [
    ["Self Effectiveness", "Communicating", "Listen Well", "I regularly listen.",
     "Apply listening.\nAdapt listening."],
    ["Example Instructor directed activities", "", "**Listening Lab** Practise in pairs.", "", ""],
    ["Example Individual directed activities", "", "**Listening Log:** Note one thing a day.",
     "", ""],
]
