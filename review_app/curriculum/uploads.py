"""Curricula uploaded in the browser: held on the server between preview and confirm.

The uploaded bytes are kept under the instance folder with a random token, so the confirm
request stores exactly the file that was previewed, without trusting anything the browser
sends back but the token; only the person who uploaded a file may confirm it, and a held
file expires after `UPLOAD_HOLD_SECONDS`. Parsing and storing go through the same
functions as `review-app import-curriculum` (sources.py, store.py).
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session
from werkzeug.utils import secure_filename

from ..offload import run_in_worker
from .changes import CurriculumChanges, compare_docs
from .document import CurriculumDoc, CurriculumError
from .limits import MIB, ImportLimits
from .sources import TEXT_SUFFIXES, read_curriculum_file
from .store import ImportResult, curriculum_to_doc, load_curriculum, save_curriculum

SUFFIXES = (".docx", *TEXT_SUFFIXES)
HOLD_SECONDS = 3600
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
_META = "upload.json"


@dataclass
class HeldUpload:
    token: str
    path: Path
    filename: str
    stage: str | None
    user_id: int


@dataclass
class Preview:
    upload: HeldUpload
    doc: CurriculumDoc
    changes: CurriculumChanges | None  # None when nothing of that stage is stored yet
    current_version: int | None

    @property
    def outcomes(self) -> int:
        return sum(len(c.learning_outcomes) for c in self.doc.competencies())

    @property
    def activities(self) -> int:
        return sum(len(c.instructor_activities) + len(c.individual_activities)
                   for c in self.doc.competencies())


def _folder(instance_dir: Path) -> Path:
    return Path(instance_dir) / "curriculum-uploads"


def expire_uploads(instance_dir: Path, hold_seconds: int = HOLD_SECONDS,
                   now: float | None = None) -> int:
    """Remove held uploads older than `hold_seconds`; return how many went."""
    folder, now, gone = _folder(instance_dir), now or time.time(), 0
    if not folder.is_dir():
        return 0
    for held in folder.iterdir():
        if held.is_dir() and now - held.stat().st_mtime > hold_seconds:
            shutil.rmtree(held, ignore_errors=True)
            gone += 1
    return gone


def hold_upload(instance_dir: Path, filename: str, data: bytes, stage: str | None,
                user_id: int, limits: ImportLimits | None = None) -> HeldUpload:
    """Keep an uploaded file under a new token, refusing a wrong type or size first."""
    limits = limits or ImportLimits.configured()
    name = secure_filename(filename or "")
    suffix = Path(name).suffix.lower()
    if not filename:
        raise CurriculumError("Select a curriculum file to upload")
    if suffix not in SUFFIXES:
        raise CurriculumError(f"{filename}: the file must be a Word document (.docx) or a "
                              "YAML or JSON curriculum (.yaml, .yml, .json)")
    if not data:
        raise CurriculumError(f"{filename}: the file is empty")
    if len(data) > limits.max_file_bytes:
        raise CurriculumError(f"{filename}: the file is {len(data) / MIB:.1f} MiB, more than "
                              f"the {limits.max_file_bytes / MIB:.0f} MiB an import may be")
    expire_uploads(instance_dir)
    token = secrets.token_urlsafe(32)
    held = _folder(instance_dir) / token
    held.mkdir(parents=True, mode=0o700)
    path = held / (name if Path(name).stem else f"curriculum{suffix}")
    path.write_bytes(data)
    (held / _META).write_text(json.dumps({"filename": filename, "stage": stage or None,
                                          "user_id": user_id, "file": path.name}))
    return HeldUpload(token, path, filename, stage or None, user_id)


def held_upload(instance_dir: Path, token: str, user_id: int) -> HeldUpload | None:
    """The upload held under `token` for this user, or None if unknown, expired or theirs."""
    if not _TOKEN.match(token or ""):
        return None
    held = _folder(instance_dir) / token
    try:
        meta = json.loads((held / _META).read_text())
    except (OSError, ValueError):
        return None
    if meta.get("user_id") != user_id or time.time() - held.stat().st_mtime > HOLD_SECONDS:
        return None
    return HeldUpload(token, held / meta["file"], meta["filename"], meta["stage"], user_id)


def discard_upload(upload: HeldUpload) -> None:
    shutil.rmtree(upload.path.parent, ignore_errors=True)


def parse_held(path: str, filename: str, stage: str | None) -> CurriculumDoc:
    """Parse a held file, naming the file as it was uploaded in any error (not the path it
    is held at). Module-level so a worker process can run it."""
    try:
        return read_curriculum_file(Path(path), stage)
    except CurriculumError as error:
        raise CurriculumError(str(error).replace(path, filename)) from None


def preview_upload(session: Session, upload: HeldUpload) -> Preview:
    """Parse the held file and compare it with the stored curriculum of its stage."""
    # A large Word document takes a second of pure Python: off the event loop under gevent.
    doc = run_in_worker(parse_held, str(upload.path), upload.filename, upload.stage)
    current = load_curriculum(session, doc.stage)
    if current is None:
        return Preview(upload, doc, None, None)
    return Preview(upload, doc, compare_docs(curriculum_to_doc(current), doc), current.version)


def store_upload(session: Session, upload: HeldUpload) -> ImportResult:
    """Parse the held file again and store it as the CLI does; flush, the caller commits."""
    doc = run_in_worker(parse_held, str(upload.path), upload.filename, upload.stage)
    return save_curriculum(session, doc, source=upload.filename)
