"""The report for a whole review period laid out by LibreOffice: converted to PDF and to
PNG pages (pdftoppm), the way a reviewer looks at it before a programme board does."""

import shutil
import subprocess

import pytest

from review_app.extensions import db
from review_app.reports.builder import build_report

from .office import needs_soffice
from .test_report import AUGUST_END, HEADINGS_1, JULY

needs_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None,
                                    reason="poppler-utils (pdftoppm) is absent")


@needs_soffice
@needs_pdftoppm
def test_whole_period_report_lays_out_as_pages(period, office, tmp_path):
    path = tmp_path / "review-period.docx"
    build_report(db.session, JULY, AUGUST_END).save(str(path))
    pdf = office.convert(path, "pdf", tmp_path / "pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 20
    assert all(p.stat().st_size > 2000 for p in pages)  # no blank pages
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    for heading in HEADINGS_1:
        assert heading in text
    first_page = text.split("\f")[0]
    assert "Contents" in first_page and "In-depth feedback by competency" in first_page
    assert "Page 1" in first_page
