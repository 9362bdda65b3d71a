"""Word building blocks for the report: its styles, a contents field, fast data tables,
word-level differences as formatted runs, and charts as pictures.

Everything is appended as XML by `ReportWriter` (a python-docx paragraph costs ~0.7 ms; a
report with 5,000 proposals has over 100,000 of them, most in table cells).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from io import BytesIO

from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml.etree import SubElement

from ..curriculum.word_package import set_setting, xml_safe

TABLE_STYLE = "Light Grid Accent 1"
DELETED, INSERTED, TABLE_TEXT, TABLE_HEAD = ("Deleted text", "Inserted text", "Table text",
                                             "Table heading")
CONTENTS = "Contents heading"  # looks like Heading 1, stays out of the contents
HYPERLINK = "Hyperlink"
TEXT_WIDTH = 26.1  # cm between the margins of the landscape A4 page
CONTENTS_LEVELS = 3  # focus areas and days (2) and competencies (3) are listed
# A run: (text, character style name or None, bold, italic), and the bookmark it links to.
Run = tuple[str, str | None, bool, bool] | tuple[str, str | None, bool, bool, str]


def plain(text: str, style: str | None = None, *, bold: bool = False,
          italic: bool = False) -> Run:
    """A run of text, in a character style if given, bold or italic if asked."""
    return (text, style, bold, italic)


def link(text: str, anchor: str) -> Run:
    """A run that takes the reader to the bookmark `anchor` (a section of the report)."""
    return (text, HYPERLINK, False, False, anchor)


def setup_styles(document: Document) -> None:
    """The report's own named styles, so Word's style pane shows what each text is."""
    styles = document.styles
    deleted = styles.add_style(DELETED, WD_STYLE_TYPE.CHARACTER)
    deleted.font.strike, deleted.font.color.rgb = True, RGBColor(0xD5, 0x28, 0x1B)
    inserted = styles.add_style(INSERTED, WD_STYLE_TYPE.CHARACTER)
    inserted.font.underline, inserted.font.color.rgb = True, RGBColor(0x00, 0x7F, 0x3B)
    text = styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    text.base_style = styles["Normal"]
    text.font.size = Pt(9)
    text.paragraph_format.space_after = Pt(2)
    head = styles.add_style(TABLE_HEAD, WD_STYLE_TYPE.PARAGRAPH)
    head.base_style = text
    head.font.bold = True
    for name, size in (("Heading 1", 18), ("Heading 2", 14), ("Heading 3", 12)):
        styles[name].font.size = Pt(size)
        styles[name].paragraph_format.keep_with_next = True
    contents = styles.add_style(CONTENTS, WD_STYLE_TYPE.PARAGRAPH)
    contents.base_style = styles["Heading 1"]
    outline = OxmlElement("w:outlineLvl")  # body text: not in the contents or PDF outline
    outline.set(qn("w:val"), "9")
    contents.element.get_or_add_pPr().append(outline)
    hyperlink = styles.add_style(HYPERLINK, WD_STYLE_TYPE.CHARACTER)
    hyperlink.font.underline, hyperlink.font.color.rgb = True, RGBColor(0x00, 0x5E, 0xB8)
    styles["Title"].font.size = Pt(30)
    styles["Caption"].font.color.rgb = RGBColor(0x42, 0x52, 0x63)
    styles["Caption"].font.italic = False
    styles["Caption"].paragraph_format.keep_with_next = True  # a table's title stays with it
    styles["Normal"].paragraph_format.space_after = Pt(6)
    for level in range(1, CONTENTS_LEVELS + 1):
        toc = styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = styles["Normal"]
        toc.paragraph_format.space_after = Pt(1)
        toc.paragraph_format.left_indent = Cm(0.8 * (level - 1))
        toc.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT,
                                                    WD_TAB_LEADER.DOTS)
    styles["TOC 1"].paragraph_format.space_before = Pt(5)
    styles["TOC 1"].font.bold = True


def _field_part(run, kind: str | None, text: str | None) -> None:
    if kind:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
    else:
        element = OxmlElement("w:instrText")
        element.set(qn("xml:space"), "preserve")
        element.text = text
    run.append(element)


W = {name: qn(f"w:{name}") for name in (
    "r", "rPr", "rStyle", "b", "i", "t", "p", "pPr", "pStyle", "jc", "tr", "trPr", "tc",
    "tcPr", "tcW", "tblHeader", "cantSplit", "val", "w", "type", "hyperlink", "anchor",
    "history", "gridSpan", "shd", "fill", "color", "bookmarkStart", "bookmarkEnd", "id",
    "name", "tab")}
SPACE = qn("xml:space")


def _run(parent, text: str, style_id: str | None = None, bold: bool = False,
         italic: bool = False) -> None:
    r = SubElement(parent, W["r"])
    if style_id or bold or italic:
        properties = SubElement(r, W["rPr"])
        if style_id:
            SubElement(properties, W["rStyle"]).set(W["val"], style_id)
        if bold:
            SubElement(properties, W["b"])
        if italic:
            SubElement(properties, W["i"])
    t = SubElement(r, W["t"])
    t.set(SPACE, "preserve")
    t.text = xml_safe(text)


def _paragraph(parent, runs: Iterable[Run], ids: dict[str, str], style: str,
               align_right: bool = False):
    p = SubElement(parent, W["p"])
    properties = SubElement(p, W["pPr"])
    SubElement(properties, W["pStyle"]).set(W["val"], ids[style])
    if align_right:
        SubElement(properties, W["jc"]).set(W["val"], "right")
    for text, char_style, bold, italic, *anchor in runs:
        if not text:
            continue
        parent = p
        if anchor:
            parent = SubElement(p, W["hyperlink"])
            parent.set(W["anchor"], anchor[0])
            parent.set(W["history"], "1")
        _run(parent, text, ids[char_style] if char_style else None, bold, italic)
    return p


def paragraph_xml(runs: Iterable[Run], ids: dict[str, str], style: str = TABLE_TEXT,
                  align_right: bool = False):
    """A detached w:p of `runs` in a paragraph style."""
    holder = OxmlElement("w:body")
    p = _paragraph(holder, runs, ids, style, align_right)
    holder.remove(p)
    return p


def diff_runs(segments: Iterable[tuple[str, str]]) -> list[Run]:
    """Deleted words struck through, inserted words underlined (and coloured)."""
    styles = {"=": None, "-": DELETED, "+": INSERTED}
    return [plain(text, styles[op]) for op, text in segments]


Cell = str | Sequence[Sequence[Run]]  # plain text, or paragraphs of runs


def _banner(tbl, text: str, columns: int, ids) -> None:
    """A header row across the whole table naming what it belongs to (stage · competency),
    repeated on every page the table runs onto."""
    tr = SubElement(tbl, W["tr"])
    properties = SubElement(tr, W["trPr"])
    SubElement(properties, W["tblHeader"]).set(W["val"], "true")
    SubElement(properties, W["cantSplit"]).set(W["val"], "true")
    tc = SubElement(tr, W["tc"])
    cell = SubElement(tc, W["tcPr"])
    SubElement(cell, W["gridSpan"]).set(W["val"], str(columns))
    shading = SubElement(cell, W["shd"])
    shading.set(W["val"], "clear")
    shading.set(W["color"], "auto")
    shading.set(W["fill"], "DCE8F5")
    _paragraph(tc, [plain(text)], ids, TABLE_HEAD)


def _row(tbl, values: Sequence[Cell], twips: list[str] | None, ids, numeric, style) -> None:
    """One row; the header row (with `twips`) repeats on every page and carries the cell
    widths, which a fixed-layout table takes from its first row (on every cell of 10,000
    rows they were a sixth of the report's XML)."""
    tr = SubElement(tbl, W["tr"])
    properties = SubElement(tr, W["trPr"])
    if twips:
        SubElement(properties, W["tblHeader"]).set(W["val"], "true")
    SubElement(properties, W["cantSplit"]).set(W["val"], "true")
    for index, value in enumerate(values):
        tc = SubElement(tr, W["tc"])
        if twips:
            width_element = SubElement(SubElement(tc, W["tcPr"]), W["tcW"])
            width_element.set(W["w"], twips[index])
            width_element.set(W["type"], "dxa")
        paragraphs = [[plain(value)]] if isinstance(value, str) else value
        for runs in paragraphs or [[]]:
            _paragraph(tc, runs, ids, style, index in numeric)


class ReportWriter:
    """Appends the report's paragraphs, headings, captions, tables and charts to the end of
    the body as XML, with the style ids looked up once: python-docx looks a style up among
    all of them for every paragraph (0.7 s of the report at national scale went on that).
    Keeps the level 1 and 2 headings for the contents."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.ids = {s.name: s.style_id for s in document.styles}
        self.contents: list[tuple[int, str, str]] = []  # (level, title, bookmark)
        self.page_numbers: list = []  # the w:t of each contents entry's page number
        self._body = document.element.body
        self._bookmarks = 0

    def paragraph(self, text: str | Sequence[Run] = "", style: str = "Normal"):
        runs = [plain(text)] if isinstance(text, str) else text
        p = paragraph_xml(runs, self.ids, style)
        self._body._insert_p(p)
        return p

    def heading(self, text: str, level: int, anchor: str | None = None):
        """A heading; listed in the contents (to level 3), and a bookmark named `anchor`
        for links from elsewhere in the report."""
        p = self.paragraph(text, f"Heading {level}")
        names = [anchor] if anchor else []
        if level <= CONTENTS_LEVELS:
            names.append(f"_Toc{len(self.contents) + 1:07d}")
            self.contents.append((level, text, names[-1]))
        for name in names:
            self._bookmarks += 1
            start = OxmlElement("w:bookmarkStart")
            start.set(W["id"], str(self._bookmarks))
            start.set(W["name"], name)
            p.find(W["pPr"]).addnext(start)
            end = OxmlElement("w:bookmarkEnd")
            end.set(W["id"], str(self._bookmarks))
            p.append(end)
        return p

    def page_break(self) -> None:
        br = SubElement(SubElement(self.paragraph(), W["r"]), qn("w:br"))
        br.set(W["type"], "page")

    def new_section(self, header: str) -> None:
        """Start a new page whose running header says where the reader is."""
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        section.header.is_linked_to_previous = False
        paragraph = section.header.paragraphs[0]
        paragraph.text = xml_safe(header)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.style = self.document.styles["Header"]

    def caption(self, text: str):
        return self.paragraph(text, "Caption")

    def table(self, headings: Sequence[str], rows: Iterable[Sequence[Cell]],
              widths: Sequence[float], numeric: Sequence[int] = (), banner: str | None = None):
        """A table in the report's table style with a repeating header row (and a `banner`
        row above it when given); widths in centimetres; `numeric` columns are
        right-aligned. Rows stay whole on a page. Rows are written as XML straight into the
        table (python-docx's add_row costs ~1 ms)."""
        table = self.document.add_table(rows=0, cols=len(headings))
        table._tbl.tblPr.style = self.ids[TABLE_STYLE]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)
        twips = [str(int(Cm(w) / 635)) for w in widths]
        if banner:
            _banner(table._tbl, banner, len(headings), self.ids)
        _row(table._tbl, headings, twips, self.ids, numeric, TABLE_HEAD)
        for values in rows:
            _row(table._tbl, values, None, self.ids, numeric, TABLE_TEXT)
        return table

    def chart(self, png: bytes, width_cm: float, description: str) -> None:
        """A chart picture, centred, with its description as alternative text."""
        self.document.add_picture(BytesIO(png), width=Cm(width_cm))
        picture = self.document.paragraphs[-1]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.keep_with_next = True
        for doc_pr in picture._p.iter(qn("wp:docPr")):
            doc_pr.set("descr", xml_safe(description))

    def contents_before(self, anchor) -> None:
        """A TOC field of the headings written so far, placed before `anchor` (a w:p): each
        entry links to its heading's bookmark and holds a PAGEREF whose number is filled in
        by `set_page_numbers` (from LibreOffice's layout, reports/pagination.py), so that
        the numbers are there when the file is first opened; until then Word is asked to
        update fields on opening."""
        ids = self.ids
        anchor.addprevious(paragraph_xml([plain("Contents")], ids, CONTENTS))
        paragraphs = []
        for level, title, bookmark in self.contents:
            p = paragraph_xml([], ids, f"TOC {level}")
            holder = SubElement(p, W["hyperlink"])
            holder.set(W["anchor"], bookmark)
            holder.set(W["history"], "1")
            _run(holder, title)
            SubElement(SubElement(holder, W["r"]), W["tab"])
            for kind, text in (("begin", None), (None, f" PAGEREF {bookmark} \\h "),
                               ("separate", None)):
                _field_part(SubElement(holder, W["r"]), kind, text)
            number = SubElement(SubElement(holder, W["r"]), W["t"])
            number.text = ""
            self.page_numbers.append(number)
            _field_part(SubElement(holder, W["r"]), "end", None)
            paragraphs.append(p)
        if not paragraphs:
            paragraphs = [paragraph_xml([], ids, "TOC 1")]
        begin = OxmlElement("w:r")
        for kind, text in (("begin", None),
                           (None, f'TOC \\o "1-{CONTENTS_LEVELS}" \\h \\z \\u'),
                           ("separate", None)):
            _field_part(begin, kind, text)
        paragraphs[0].insert(1, begin)
        end = OxmlElement("w:r")
        _field_part(end, "end", None)
        paragraphs[-1].append(end)
        for p in paragraphs:
            anchor.addprevious(p)
        set_setting(self.document, "updateFields", "true")

    def set_page_numbers(self, pages: Sequence[int]) -> None:
        """Write each contents entry's page number; Word need not update fields then."""
        for number, page in zip(self.page_numbers, pages, strict=True):
            number.text = str(page)
        for old in self.document.settings.element.findall(qn("w:updateFields")):
            old.getparent().remove(old)
