"""Writing a curriculum to Word in the seed's table layout (read back by word_import)."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from .document import ActivityDoc, CompetencyDoc, CurriculumDoc
from .word_import import CODE_PREFIX
from .word_package import PROGRAMME, set_language, stamp, xml_safe

HEADINGS = ("Focus Area", "Skills Group", "Competency Title", "Competency Statement",
            "Learning Outcomes - You will be able to:")
WIDTHS = (Cm(3.2), Cm(3.6), Cm(3.6), Cm(6.0), Cm(9.2))
NHS_BLUE = RGBColor(0x00, 0x5E, 0xB8)

# Writes one text into a paragraph; the tracked-changes export passes its own.
TextWriter = Callable[[Paragraph, str, bool], None]


def plain_writer(paragraph: Paragraph, text: str, bold: bool = False) -> None:
    paragraph.add_run(xml_safe(text)).bold = bold or None


def new_document(title: str, subtitle: str, *, author: str = "Review Day",
                 subject: str = PROGRAMME) -> docx.document.Document:
    """A landscape A4 document in UK English with the title, page numbers in the footer,
    and core properties naming it, the programme and who exported it."""
    title, subtitle = xml_safe(title), xml_safe(subtitle)
    document = docx.Document()
    stamp(document, title, subject, author)
    set_language(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    styles = document.styles
    styles["Normal"].font.name = "Arial"
    styles["Normal"].font.size = Pt(10)
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"):
        styles[name].font.name = "Arial"
        styles[name].font.color.rgb = NHS_BLUE
    document.add_paragraph(title, style="Title")
    document.add_paragraph(subtitle, style="Subtitle")
    add_page_number(section.footer.paragraphs[0])
    return document


def add_field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, TOC …) that Word and LibreOffice compute when they lay out."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None),
                       (None, ""), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def add_page_number(paragraph: Paragraph) -> None:
    paragraph.add_run("Page ")
    add_field(paragraph, "PAGE")


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _fill(cell: _Cell, paragraphs: list[str], write: TextWriter, bold: bool = False) -> None:
    """Put one paragraph per text into a cell (a new cell already holds one empty one)."""
    for i, text in enumerate(paragraphs):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        write(paragraph, text, bold)


def _activities(cell: _Cell, activities: list[ActivityDoc], write: TextWriter) -> None:
    for i, activity in enumerate(activities):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        write(paragraph, activity.title, True)
        write(paragraph, " " + activity.description, False)


# python-docx's `_Cell.merge` works out the span from the grid with an XPath search per
# cell and row: half the time of a curriculum's build. These write the same XML for the
# two shapes used here, empty new cells in one row or one column.
def _merge_down(cells: list[_Cell]) -> None:
    cells[0]._tc.vMerge = "restart"
    for cell in cells[1:]:
        cell._tc.vMerge = "continue"


def _merge_across(cells: list[_Cell]) -> _Cell:
    first = cells[0]._tc
    for cell in cells[1:]:
        other = cell._tc
        if first.width is not None and other.width is not None:
            first.width = first.width + other.width
        first.grid_span = first.grid_span + other.grid_span
        other.getparent().remove(other)
    return cells[0]


def competency_table(document, area: str, group: str, competency: CompetencyDoc,
                     write: TextWriter = plain_writer) -> Table:
    """One competency as the seed lays it out: a header row, the competency with one row per
    learning outcome (its first four cells merged down), then the two activity rows."""
    outcomes = competency.learning_outcomes
    table = document.add_table(rows=0, cols=len(HEADINGS))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, WIDTHS, strict=True):
        column.width = width
    header = table.add_row()
    _repeat_header(header)
    for cell, heading, width in zip(header.cells, HEADINGS, WIDTHS, strict=True):
        _fill(cell, [heading], plain_writer, bold=True)
        _shade(cell, "DCE8F5")
        cell.width = width
    first = table.add_row().cells
    for cell, text in zip(first[:4], (area, group, competency.title, competency.statement),
                          strict=True):
        _fill(cell, [text], write if cell is first[3] else plain_writer)
    _fill(first[4], outcomes[:1], write)
    rows = [first]
    for outcome in outcomes[1:]:
        cells = table.add_row().cells
        _fill(cells[4], [outcome], write)
        rows.append(cells)
    if len(rows) > 1:  # merge the competency's first four cells down its outcome rows
        for column in range(4):
            _merge_down([cells[column] for cells in rows])
    for label, activities in (("Example Instructor directed activities",
                               competency.instructor_activities),
                              ("Example Individual directed activities",
                               competency.individual_activities)):
        cells = table.add_row().cells
        label_cell = _merge_across(cells[0:2])
        _fill(label_cell, [label], plain_writer, bold=True)
        _shade(label_cell, "F0F4F5")
        body = _merge_across(cells[2:5])
        _activities(body, activities, write)
    return table


def curriculum_document(doc: CurriculumDoc, title: str, subtitle: str,
                        write: TextWriter = plain_writer, *,
                        author: str = "Review Day") -> docx.document.Document:
    """The whole curriculum: a heading per focus area and group, a table per competency."""
    document = new_document(title, subtitle, author=author,
                            subject=f"{PROGRAMME}: {title} curriculum")
    for area in doc.focus_areas:
        document.add_heading(xml_safe(area.title), level=1)
        for group in area.groups:
            document.add_heading(xml_safe(group.title), level=2)
            for competency in group.competencies:
                document.add_heading(xml_safe(competency.title), level=3)
                if competency.code_values:
                    document.add_paragraph(
                        xml_safe(f"{CODE_PREFIX} {', '.join(competency.code_values)}"))
                competency_table(document, area.title, group.title, competency, write)
                document.add_paragraph()
    return document


def curriculum_docx_bytes(doc: CurriculumDoc, title: str, subtitle: str, *,
                          author: str = "Review Day") -> bytes:
    buffer = BytesIO()
    curriculum_document(doc, title, subtitle, author=author).save(buffer)
    return buffer.getvalue()
