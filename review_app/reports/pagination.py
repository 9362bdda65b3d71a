"""Page numbers in the report's contents that are right when the file is first opened, and
the same report as PDF: LibreOffice lays the report out once (updating its contents) and
exports a PDF/A; each heading's page is read back from the PDF's outline and written into
the Word contents, so neither reader has to "update fields".

At national scale this takes minutes (1,300 pages), so the pages offer it as a prepared
pack (packs.py) and the CLI as `report --pdf`.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from .office import Office, OfficeError
from .word import ReportWriter


@dataclass
class PaginatedReport:
    docx: bytes
    pdf: bytes
    pages: int


def _outline(reader: PdfReader) -> list[tuple[str, int]]:
    """The PDF's bookmarks (the headings) in reading order, with their 1-based pages."""
    found: list[tuple[str, int]] = []

    def walk(entries) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                found.append((entry.title.strip(), reader.get_destination_page_number(entry) + 1))

    walk(reader.outline)
    return found


def heading_pages(contents: list[tuple[int, str, str]], outline: list[tuple[str, int]]
                  ) -> list[int]:
    """Each contents entry's page, matching headings to bookmarks in order (the same title
    can recur, so a match is looked for only after the previous one)."""
    pages, at = [], 0
    for _level, title, _bookmark in contents:
        wanted = " ".join(title.split())
        for index in range(at, len(outline)):
            if " ".join(outline[index][0].split()) == wanted:
                pages.append(outline[index][1])
                at = index + 1
                break
        else:
            raise OfficeError(f"the heading “{title}” is not in LibreOffice's layout")
    return pages


def paginate(report: ReportWriter, office: Office | None = None) -> PaginatedReport:
    """The report's Word file with page numbers in its contents, and its PDF."""
    with tempfile.TemporaryDirectory(prefix="review-day-pages-") as folder:
        work = Path(folder)
        office = office or Office(work / "office")
        source = work / "report.docx"
        report.document.save(str(source))
        pdf = office.paginate(source, work / "report.pdf").read_bytes()
    reader = PdfReader(BytesIO(pdf))
    report.set_page_numbers(heading_pages(report.contents, _outline(reader)))
    buffer = BytesIO()
    report.document.save(buffer)
    return PaginatedReport(buffer.getvalue(), pdf, len(reader.pages))


def write_paginated(report: ReportWriter, docx_path: Path) -> int:
    """Write the numbered Word file and the PDF beside it (same name, .pdf); the pages."""
    paged = paginate(report)
    docx_path.write_bytes(paged.docx)
    docx_path.with_suffix(".pdf").write_bytes(paged.pdf)
    return paged.pages
