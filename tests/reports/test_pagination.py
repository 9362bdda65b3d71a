"""Page numbers in the contents that are right when the report is first opened: LibreOffice
lays the report out, the PDF carries its own contents with numbers, and the Word file gets
the same numbers written into its contents' fields (no "update fields" needed)."""

import io
import re
from datetime import timedelta

import docx
from docx.oxml.ns import qn
from pypdf import PdfReader

from .office import needs_soffice


@needs_soffice
def test_contents_page_numbers_in_word_and_pdf(runner, period, tmp_path):
    week = period.weeks[0].starts_on
    out = tmp_path / "report.docx"
    result = runner.invoke(args=["report", "--from", week.isoformat(), "--to",
                                 (week + timedelta(days=6)).isoformat(), "--out", str(out),
                                 "--pdf"])
    assert result.exit_code == 0, result.output
    assert "the contents with page numbers" in result.output
    reader = PdfReader(io.BytesIO(out.with_suffix(".pdf").read_bytes()))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) > 5

    document = docx.Document(str(out))
    body = document.element.body
    entries = {}
    for p in body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is None or not style.get(qn("w:val")).startswith("TOC"):
            continue
        texts = [t.text or "" for t in p.iter(qn("w:t"))]
        entries[texts[0]] = texts[-1]
    assert entries and all(n.isdigit() for n in entries.values()), entries
    settings = document.settings.element
    assert settings.find(qn("w:updateFields")) is None  # nothing left for Word to update
    # Each top-level heading is on the page its entry gives (read from the PDF's own text).
    for title in ("What changed", "Summary", "Review Days", "Open and deferred items",
                  "Appendix: change log"):
        number = int(entries[title])
        assert any(line.strip() == title for line in pages[number - 1].splitlines()), title
        # and LibreOffice's contents in the PDF gives the same number
        contents = "\n".join(pages[:3])
        assert re.search(rf"^{re.escape(title)}\.+\s*{number}\s*$", contents, re.M), title
    # A page in the middle of the in-depth feedback names its stage and competency.
    first = int(entries["In-depth feedback by competency"])
    last = int(entries["Open and deferred items"])
    middle = pages[(first + last) // 2 - 1]
    assert "In-depth feedback · Stage 1" in middle
    competencies = {c.title for c in period.curriculum.competencies()}
    assert any("Stage 1 · " in line and any(c in line for c in competencies)
               for line in middle.splitlines())
