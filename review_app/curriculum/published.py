"""The public curriculum .docx, built once per version of a curriculum.

Anyone may download `/curricula/<stage>.docx`, and building it costs about half a second of
CPU: repeated downloads must not cost that again. A version is what `save_curriculum` (a new
import: `version`) or an implemented change (`updated_at`) leaves behind, so the pair names
the document's content; a new version is a new key and the older document of that stage
is dropped. Each server process keeps its own few documents in memory (five stages, so the
bound is small); browsers revalidate with the ETag and Last-Modified that name the version.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..extensions import db
from ..models import Curriculum
from ..offload import run_in_worker
from .sources import subtitle
from .store import curriculum_to_doc, load_curriculum
from .word_export import curriculum_docx_bytes


@dataclass(frozen=True)
class Version:
    """One stored state of a stage's curriculum."""

    stage: str
    version: int
    updated_at: datetime

    @property
    def etag(self) -> str:
        named = f"{self.stage}:{self.version}:{self.updated_at.isoformat()}"
        return hashlib.sha256(named.encode()).hexdigest()[:24]

    @property
    def last_modified(self) -> datetime:
        return self.updated_at.replace(tzinfo=UTC)


def current_version(session: Session, stage: str) -> Version | None:
    """The stage's version in one small query, without loading the curriculum."""
    row = session.execute(sa.select(Curriculum.version, Curriculum.updated_at)
                          .where(Curriculum.stage == stage)).one_or_none()
    return None if row is None else Version(stage, row.version, row.updated_at)


class DocumentCache:
    """The documents of the latest versions seen, at most `size`; one build per version even
    when many ask at once (the others wait for it: under gevent, without blocking)."""

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self._documents: OrderedDict[Version, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[Version, threading.Lock] = {}

    def get(self, version: Version) -> bytes | None:
        with self._lock:
            data = self._documents.get(version)
            if data is not None:
                self._documents.move_to_end(version)
            return data

    def get_or_build(self, version: Version,
                     build: Callable[[], tuple[bytes, bool]]) -> bytes:
        """The document of `version`; `build` returns one and whether it is of that version
        (a new version stored in between is built but not kept under the old key)."""
        data = self.get(version)
        if data is not None:
            return data
        with self._lock:
            building = self._building.setdefault(version, threading.Lock())
        with building:
            data = self.get(version)
            if data is None:
                data, current = build()
                if current:
                    self._keep(version, data)
        with self._lock:
            self._building.pop(version, None)
        return data

    def _keep(self, version: Version, data: bytes) -> None:
        with self._lock:
            for older in [v for v in self._documents if v.stage == version.stage]:
                del self._documents[older]
            self._documents[version] = data
            while len(self._documents) > self.size:
                self._documents.popitem(last=False)


def curriculum_docx(stage: str) -> tuple[bytes, int, datetime]:
    """The stage's current curriculum as Word, and the version it is of (read and built in
    one: in a worker process under gevent, so neither costs the event loop)."""
    curriculum = load_curriculum(db.session, stage)
    if curriculum is None:
        raise LookupError(f"no curriculum for {stage} has been imported")
    data = curriculum_docx_bytes(curriculum_to_doc(curriculum), curriculum.title,
                                 subtitle(curriculum))
    return data, curriculum.version, curriculum.updated_at


def published_docx(cache: DocumentCache, version: Version) -> bytes:
    """The curriculum of that version as Word, from the cache or built."""

    def build() -> tuple[bytes, bool]:
        data, number, updated_at = run_in_worker(curriculum_docx, version.stage)
        return data, (number, updated_at) == (version.version, version.updated_at)

    return cache.get_or_build(version, build)
