"""Under gevent a report pack is prepared by the command line in a process of its own, with
the server's environment: the same database, so the same report."""

from datetime import date

import docx
from pypdf import PdfReader

from review_app import create_app
from review_app.extensions import db
from review_app.reports.packs import Pack, _in_a_process

from .factories import build_review_period
from .office import needs_soffice


@needs_soffice
def test_a_pack_prepared_in_a_process_of_its_own(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'review.sqlite3'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "EXPORTS_DIR": tmp_path / "exports",
                      "INSTANCE_DIR": tmp_path / "instance"})
    with app.app_context():
        from review_app.curriculum.sources import import_curriculum_file
        from tests.conftest import SAMPLE

        db.create_all()
        curriculum = import_curriculum_file(db.session, SAMPLE).curriculum
        build_review_period(db.session, curriculum, weeks=1, proposals_per_day=8)
        db.session.commit()
        db.engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("REVIEW_APP_INSTANCE", str(tmp_path / "instance"))
    folder = tmp_path / "pack"
    folder.mkdir()
    pack = Pack("a" * 32, "2025-07-07", "2025-07-13", "Priya Lead", "2026-01-01T00:00:00")
    pages = _in_a_process(pack, folder)
    reader = PdfReader(str(folder / "report.pdf"))
    assert pages == len(reader.pages) > 1
    report = docx.Document(str(folder / "report.docx"))
    assert report.core_properties.author == "Priya Lead"
    assert report.core_properties.created.date() == date.today()
