"""Limits on what an import will read, checked before the file is parsed in earnest.

A .docx is a zip of XML parts: a small file can inflate to gigabytes (a zip bomb), an XML
part can declare entities that expand a billionfold ("billion laughs"), and a table of
10,000 rows takes python-docx minutes to read. Each is refused here with a CurriculumError
naming the file, before python-docx opens it; text files are held to a size and to an
item count. The limits are in the configuration (`IMPORT_*`, config.py).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from flask import current_app, has_app_context
from lxml import etree

from .document import CurriculumDoc, CurriculumError

MIB = 1024 * 1024
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# An entry smaller than this may compress as well as it likes (styles.xml: about 30 to 1).
_RATIO_FROM_BYTES = MIB


@dataclass(frozen=True)
class ImportLimits:
    max_file_bytes: int = 20 * MIB
    max_uncompressed_bytes: int = 100 * MIB
    max_compression_ratio: int = 100
    max_entries: int = 1000
    max_rows: int = 2000
    max_items: int = 3000

    @classmethod
    def configured(cls) -> ImportLimits:
        """The app's limits (IMPORT_*), or the defaults outside an app."""
        if not has_app_context():
            return cls()
        config = current_app.config
        return cls(**{name: config.get(f"IMPORT_{name.upper()}", default)
                      for name, default in vars(cls()).items()})


def check_file_size(path: Path, limits: ImportLimits) -> None:
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise CurriculumError(f"{path}: the file is {size / MIB:.1f} MiB, more than the "
                              f"{limits.max_file_bytes / MIB:.0f} MiB an import may be")


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True,
                           huge_tree=False)


def check_word_package(path: Path, limits: ImportLimits) -> None:
    """Refuse a .docx that would inflate too far, declares a DOCTYPE (entities) in any
    part, or has more table rows than an import takes; say which and name the file."""
    check_file_size(path, limits)
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise CurriculumError(f"{path}: not a readable Word document ({error})") from error
    with package:
        entries = package.infolist()
        if len(entries) > limits.max_entries:
            raise CurriculumError(f"{path}: the document has {len(entries)} parts, more "
                                  f"than the {limits.max_entries} an import reads")
        total = sum(entry.file_size for entry in entries)
        if total > limits.max_uncompressed_bytes:
            raise CurriculumError(
                f"{path}: the document unpacks to {total / MIB:.0f} MiB, more than the "
                f"{limits.max_uncompressed_bytes / MIB:.0f} MiB an import reads")
        for entry in entries:
            ratio = entry.file_size / max(entry.compress_size, 1)
            if entry.file_size > _RATIO_FROM_BYTES and ratio > limits.max_compression_ratio:
                raise CurriculumError(
                    f"{path}: part {entry.filename} is compressed {ratio:.0f} to 1 (more "
                    f"than {limits.max_compression_ratio} to 1): refused as a zip bomb")
        for entry in entries:
            if entry.filename.endswith((".xml", ".rels")):
                _check_part(path, package, entry, limits)


_DOCTYPES = tuple("<!DOCTYPE".encode(encoding) for encoding in ("utf-8", "utf-16-le",
                                                                 "utf-16-be"))


def _check_part(path: Path, package: zipfile.ZipFile, entry: zipfile.ZipInfo,
                limits: ImportLimits) -> None:
    doctype = CurriculumError(f"{path}: part {entry.filename} has a DOCTYPE; Word never "
                              "writes one, and its entities could expand without end")
    try:
        # zipfile stops at the declared size, so this reads no more than was counted.
        data = package.read(entry)
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise CurriculumError(f"{path}: part {entry.filename} cannot be unpacked "
                              f"({error})") from error
    if any(marker in data for marker in _DOCTYPES):
        raise doctype
    try:
        root = etree.fromstring(data, _safe_parser())
    except (etree.XMLSyntaxError, ValueError) as error:
        raise CurriculumError(f"{path}: part {entry.filename} is not well-formed XML "
                              f"({error})") from error
    if root.getroottree().docinfo.doctype:  # in an encoding the search above missed
        raise doctype
    if entry.filename == "word/document.xml":
        rows = sum(1 for _ in root.iter(f"{_W}tr"))
        if rows > limits.max_rows:
            raise CurriculumError(f"{path}: the document's tables have {rows} rows, more "
                                  f"than the {limits.max_rows} an import reads")


def check_items(doc: CurriculumDoc, source: str, limits: ImportLimits) -> None:
    """Refuse a curriculum with more competencies, outcomes and activities than a stage
    could have (the sample has about 350)."""
    count = sum(1 + len(c.learning_outcomes) + len(c.instructor_activities)
                + len(c.individual_activities) for c in doc.competencies())
    if count > limits.max_items:
        raise CurriculumError(f"{source}: the curriculum has {count} competencies, outcomes "
                              f"and activities, more than the {limits.max_items} an import "
                              "takes")
