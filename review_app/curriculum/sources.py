"""One entry point for every curriculum source and target format, by file extension."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from sqlalchemy.orm import Session

from ..models import Curriculum
from ..text_rules import UNSTORABLE_MESSAGE
from .document import CurriculumDoc, CurriculumError
from .store import ImportResult, curriculum_to_doc, save_curriculum
from .text_format import read_text_curriculum, write_text_curriculum
from .word_export import curriculum_document
from .word_import import read_word_curriculum

TEXT_SUFFIXES = (".yaml", ".yml", ".json")


def read_curriculum_file(path: Path, stage: str | None = None) -> CurriculumDoc:
    """Parse a .docx, .yaml/.yml or .json curriculum; raise CurriculumError naming the fault."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise CurriculumError(f"{path}: no such file")
    if suffix == ".docx":
        try:
            doc = read_word_curriculum(path, stage)
        except etree.XMLSyntaxError as error:
            # XML 1.0 has no place for control characters: a Word file that holds one
            # (written by hand or by a faulty tool) does not parse at all.
            problem = (UNSTORABLE_MESSAGE if "Char" in str(error)
                       else "is not well-formed XML")
            raise CurriculumError(f"{path}: the document's text {problem} ({error})") from None
    elif suffix in TEXT_SUFFIXES:
        doc = read_text_curriculum(path, stage)
    else:
        raise CurriculumError(f"{path}: unsupported file type '{suffix}' "
                              "(use .docx, .yaml or .json)")
    doc.check_storable(str(path))
    return doc


def import_curriculum_file(session: Session, path: Path,
                           stage: str | None = None) -> ImportResult:
    """Parse first, then store: a file that fails to parse stores nothing at all."""
    return save_curriculum(session, read_curriculum_file(path, stage), source=path.name)


def subtitle(curriculum: Curriculum) -> str:
    return (f"NHS Management and Leadership Framework: core curriculum, "
            f"version {curriculum.version}")


def write_curriculum_file(curriculum: Curriculum, path: Path) -> None:
    """Write the current curriculum as .docx, .yaml/.yml or .json, chosen by extension."""
    doc = curriculum_to_doc(curriculum)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".docx":
        curriculum_document(doc, curriculum.title, subtitle(curriculum)).save(str(path))
    elif path.suffix.lower() in TEXT_SUFFIXES:
        write_text_curriculum(doc, curriculum.title, path)
    else:
        raise CurriculumError(f"{path}: unsupported file type (use .docx, .yaml or .json)")
