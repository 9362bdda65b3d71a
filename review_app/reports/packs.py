"""The report as PDF with page numbers, prepared in the background: LibreOffice takes
minutes over the national report (1,300 pages), longer than a proxy waits for an answer.

A pack is a folder under EXPORTS_DIR/packs/<token>/ with status.json, report.docx and
report.pdf; the token is unguessable and the page that shows it refreshes itself until the
files are there. The folder is the state, so any process serving the same disk can show it.
"""

from __future__ import annotations

import json
import re
import secrets
import subprocess
import sys
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from flask import Flask, current_app

from ..extensions import db, socketio
from .builder import lay_out, period_words, report_filename
from .loading import load_report_data
from .office import OfficeError
from .pagination import write_paginated

TOKEN_BYTES = 16


@dataclass
class Pack:
    token: str
    date_from: str
    date_to: str
    requested_by: str
    started_at: str
    state: str = "preparing"  # preparing, ready, failed
    message: str = ""
    pages: int = 0

    @property
    def period(self) -> str:
        return period_words(date.fromisoformat(self.date_from), date.fromisoformat(self.date_to))

    @property
    def filename(self) -> str:
        return report_filename(date.fromisoformat(self.date_from),
                               date.fromisoformat(self.date_to))


def _folder(app: Flask, token: str) -> Path:
    return Path(app.config["EXPORTS_DIR"]) / "packs" / token


def _save(app: Flask, pack: Pack) -> None:
    folder = _folder(app, pack.token)
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / "status.json.tmp"
    temporary.write_text(json.dumps(asdict(pack)))
    temporary.replace(folder / "status.json")  # readers never see half a file


def find_pack(token: str) -> Pack | None:
    """The pack of that token, or None (an unknown or malformed token)."""
    if not (token.isascii() and token.isalnum() and len(token) == 2 * TOKEN_BYTES):
        return None
    status = _folder(current_app, token) / "status.json"
    if not status.exists():
        return None
    return Pack(**json.loads(status.read_text()))


def pack_file(pack: Pack, suffix: str) -> Path:
    return _folder(current_app, pack.token) / f"report{suffix}"


def start_pack(date_from: date, date_to: date, requested_by: str) -> Pack:
    """Start preparing the report for those dates; return its pack at once."""
    app = current_app._get_current_object()
    pack = Pack(secrets.token_hex(TOKEN_BYTES), date_from.isoformat(), date_to.isoformat(),
                requested_by, datetime.now(UTC).isoformat(timespec="seconds"))
    _save(app, pack)
    socketio.start_background_task(_prepare, app, pack)
    return pack


def _prepare(app: Flask, pack: Pack) -> None:
    """Prepare the files and record the outcome, whatever happens."""
    folder = _folder(app, pack.token)
    try:
        if getattr(socketio, "async_mode", None) == "gevent":
            pack.pages = _in_a_process(pack, folder)
        else:
            pack.pages = _here(app, pack, folder)
        pack.state = "ready"
    except OfficeError as error:
        pack.state, pack.message = "failed", str(error)
    except Exception as error:  # noqa: BLE001  (the page must say it failed, not spin)
        app.logger.exception("preparing report pack %s failed", pack.token)
        pack.state, pack.message = "failed", f"an unexpected error ({type(error).__name__})"
    _save(app, pack)


def _here(app: Flask, pack: Pack, folder: Path) -> int:
    """In this process (development, tests): load with an app context of its own."""
    with app.app_context():
        try:
            data = load_report_data(db.session, date.fromisoformat(pack.date_from),
                                    date.fromisoformat(pack.date_to),
                                    exported_by=pack.requested_by)
        finally:
            db.session.remove()
    return write_paginated(lay_out(data), folder / "report.docx")


def _in_a_process(pack: Pack, folder: Path) -> int:
    """Under gevent: the command line's `report --pdf` in a process of its own (the same
    environment, so the same database), which the event loop waits for without blocking:
    minutes of layout must not take the GIL from every live socket of this process."""
    done = subprocess.run(
        [sys.executable, "-c", "from review_app.cli import main; main()", "report",
         "--from", pack.date_from, "--to", pack.date_to, "--out", str(folder / "report.docx"),
         "--pdf", "--exported-by", pack.requested_by],
        capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        raise OfficeError((done.stderr.strip().splitlines() or ["no output"])[-1][:300])
    found = re.search(r"\(([\d,]+) pages", done.stdout)
    return int(found.group(1).replace(",", "")) if found else 0
