"""Word building blocks for the report: its styles, a contents field, fast data tables,
word-level differences as formatted runs, and charts as pictures.

Everything is appended as XML by `ReportWriter` (a python-docx paragraph costs ~0.7 ms; a
report with 5,000 proposals has over 100,000 of them, most in table cells).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from io import BytesIO

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml.etree import SubElement

TABLE_STYLE = "Light Grid Accent 1"
DELETED, INSERTED, TABLE_TEXT, TABLE_HEAD = ("Deleted text", "Inserted text", "Table text",
                                             "Table heading")
CONTENTS = "Contents heading"  # looks like Heading 1, stays out of the contents
# The order w:settings children must follow (ECMA-376 CT_Settings).
SETTINGS_ORDER = (
    "writeProtection view zoom removePersonalInformation removeDateAndTime "
    "doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText "
    "printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts "
    "saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
    "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors "
    "hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate "
    "linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge revisionView "
    "trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection autoFormatOverride "
    "styleLockTheme styleLockQFSet defaultTabStop autoHyphenation consecutiveHyphenLimit "
    "hyphenationZone doNotHyphenateCaps showEnvelope summaryLength clickAndTypeStyle "
    "defaultTableStyle evenAndOddHeaders bookFoldRevPrinting bookFoldPrinting "
    "bookFoldPrintingSheets drawingGridHorizontalSpacing drawingGridVerticalSpacing "
    "displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery "
    "doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin "
    "doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne "
    "strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture "
    "doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText "
    "doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags "
    "alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat "
    "docVars rsids attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats "
    "doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType "
    "shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator "
).split()
# A run: (text, character style name or None, bold, italic).
Run = tuple[str, str | None, bool, bool]


def plain(text: str, style: str | None = None, *, bold: bool = False,
          italic: bool = False) -> Run:
    """A run of text, in a character style if given, bold or italic if asked."""
    return (text, style, bold, italic)


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
    styles["Heading 1"].paragraph_format.page_break_before = True
    contents = styles.add_style(CONTENTS, WD_STYLE_TYPE.PARAGRAPH)
    contents.base_style = styles["Heading 1"]
    contents.paragraph_format.page_break_before = False
    styles["Title"].font.size = Pt(30)
    styles["Caption"].font.color.rgb = RGBColor(0x42, 0x52, 0x63)
    styles["Caption"].font.italic = False
    styles["Caption"].paragraph_format.keep_with_next = True  # a table's title stays with it
    styles["Normal"].paragraph_format.space_after = Pt(6)
    for name in ("TOC 1", "TOC 2"):
        toc = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = styles["Normal"]
        toc.paragraph_format.space_after = Pt(1)
    styles["TOC 1"].paragraph_format.space_before = Pt(5)
    styles["TOC 1"].font.bold = True
    styles["TOC 2"].paragraph_format.left_indent = Cm(0.8)


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
    "tcPr", "tcW", "tblHeader", "cantSplit", "val", "w", "type")}
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
    t.text = text


def _paragraph(parent, runs: Iterable[Run], ids: dict[str, str], style: str,
               align_right: bool = False):
    p = SubElement(parent, W["p"])
    properties = SubElement(p, W["pPr"])
    SubElement(properties, W["pStyle"]).set(W["val"], ids[style])
    if align_right:
        SubElement(properties, W["jc"]).set(W["val"], "right")
    for text, char_style, bold, italic in runs:
        if text:
            _run(p, text, ids[char_style] if char_style else None, bold, italic)
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
        self.contents: list[tuple[int, str]] = []
        self._body = document.element.body

    def paragraph(self, text: str | Sequence[Run] = "", style: str = "Normal"):
        runs = [plain(text)] if isinstance(text, str) else text
        p = paragraph_xml(runs, self.ids, style)
        self._body._insert_p(p)
        return p

    def heading(self, text: str, level: int):
        if level <= 2:
            self.contents.append((level, text))
        return self.paragraph(text, f"Heading {level}")

    def caption(self, text: str):
        return self.paragraph(text, "Caption")

    def table(self, headings: Sequence[str], rows: Iterable[Sequence[Cell]],
              widths: Sequence[float], numeric: Sequence[int] = ()):
        """A table in the report's table style with a repeating header row; widths in
        centimetres; `numeric` columns are right-aligned. Rows stay whole on a page. Rows
        are written as XML straight into the table (python-docx's add_row costs ~1 ms)."""
        table = self.document.add_table(rows=0, cols=len(headings))
        table._tbl.tblPr.style = self.ids[TABLE_STYLE]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)
        twips = [str(int(Cm(w) / 635)) for w in widths]
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
            doc_pr.set("descr", description)

    def contents_before(self, anchor) -> None:
        """A TOC field of the headings written so far, placed before `anchor` (a w:p).
        Word fills in page numbers when it updates fields, which the document asks for on
        opening; the entries are written in already so that every reader shows them."""
        ids = self.ids
        anchor.addprevious(paragraph_xml([plain("Contents")], ids, CONTENTS))
        paragraphs = [paragraph_xml([plain(title)], ids, f"TOC {level}")
                      for level, title in self.contents] or [paragraph_xml([], ids, "TOC 1")]
        begin = OxmlElement("w:r")
        for kind, text in (("begin", None), (None, 'TOC \\o "1-2" \\h \\z \\u'),
                           ("separate", None)):
            _field_part(begin, kind, text)
        paragraphs[0].insert(1, begin)
        end = OxmlElement("w:r")
        _field_part(end, "end", None)
        paragraphs[-1].append(end)
        for p in paragraphs:
            anchor.addprevious(p)
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        self.document.settings.element.append(update)
