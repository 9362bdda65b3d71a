"""Hostile curriculum files are refused with a clear error naming the file (issue 15,
finding 8): zip bombs, DOCTYPE entities, huge tables, too many items, YAML alias bombs,
oversized and too deeply nested text. Every file is built here, in tmp_path."""

from __future__ import annotations

import json
import random
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from review_app.curriculum.document import CurriculumError
from review_app.curriculum.limits import ImportLimits
from review_app.curriculum.sources import read_curriculum_file
from review_app.curriculum.store import load_curriculum
from review_app.curriculum.text_format import curriculum_to_mapping

from .builders import GOOD_ROWS, seed_table_docx, small_doc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MIB = 1024 * 1024
WORDS = ("apply", "listen", "team", "plan", "review", "care", "lead", "budget", "risk", "data")


def _good_docx(tmp_path: Path) -> Path:
    return seed_table_docx(tmp_path / "good.docx", GOOD_ROWS)


def _rewrite(source: Path, target: Path, replace: dict[str, bytes] | None = None,
             extra: dict[str, int] | None = None) -> Path:
    """A copy of a .docx with some parts replaced, and extra parts of that many zero bytes
    (written a MiB at a time: they compress about a thousand to one)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as new:
        for entry in old.infolist():
            new.writestr(entry.filename, (replace or {}).get(entry.filename,
                                                             old.read(entry.filename)))
        for name, size in (extra or {}).items():
            with new.open(name, "w") as part:
                for _ in range(size // MIB):
                    part.write(bytes(MIB))
    return target


def _refused(path: Path, *words: str, limits: ImportLimits | None = None) -> str:
    with pytest.raises(CurriculumError) as caught:
        if limits is None:
            read_curriculum_file(path)
        elif path.suffix == ".docx":
            from review_app.curriculum.word_import import read_word_curriculum
            read_word_curriculum(path, limits=limits)
        else:
            from review_app.curriculum.text_format import read_text_curriculum
            read_text_curriculum(path, limits=limits)
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message
    for word in words:
        assert word in message, message
    return message


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    bomb = _rewrite(_good_docx(tmp_path), tmp_path / "bomb.docx",
                    extra={"word/media/a.bin": 60 * MIB, "word/media/b.bin": 60 * MIB})
    assert bomb.stat().st_size < MIB
    _refused(bomb, "the document unpacks to 12", "more than the 100 MiB")
    one = _rewrite(_good_docx(tmp_path), tmp_path / "one.docx",
                   extra={"word/media/a.bin": 50 * MIB})
    _refused(one, "part word/media/a.bin is compressed", "zip bomb")


def test_billion_laughs_is_refused_with_a_clear_error(tmp_path):
    good = _good_docx(tmp_path)
    with zipfile.ZipFile(good) as package:
        body = package.read("word/document.xml").decode()
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10))
    start = body.index("<w:document")
    body = (f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]>' + body[start:]).replace(
        "Listen Well", "&lol9;")
    laughs = _rewrite(good, tmp_path / "laughs.docx", {"word/document.xml": body.encode()})
    _refused(laughs, "part word/document.xml has a DOCTYPE")


def test_a_part_that_is_not_xml_is_a_clear_error(tmp_path):
    broken = _rewrite(_good_docx(tmp_path), tmp_path / "broken.docx",
                      {"word/document.xml": b"<w:document><unclosed></w:document>"})
    _refused(broken, "part word/document.xml is not well-formed XML")


def test_a_ten_thousand_row_table_is_refused(tmp_path):
    good = _good_docx(tmp_path)
    with zipfile.ZipFile(good) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    table = next(root.iter(f"{W}tbl"))
    row = table.findall(f"{W}tr")[1]
    rng = random.Random(15)
    for _ in range(10_000):  # texts that differ, so that it compresses as text does
        copy = etree.fromstring(etree.tostring(row))
        for n, text in enumerate(copy.iter(f"{W}t")):
            text.text = f"{n} " + " ".join(rng.choice(WORDS) for _ in range(6))
        table.append(copy)
    huge = _rewrite(good, tmp_path / "huge.docx",
                    {"word/document.xml": etree.tostring(root, xml_declaration=True,
                                                         encoding="UTF-8")})
    _refused(huge, "10004 rows", "more than the 2000")


def test_too_many_items_are_refused_in_word_and_text(tmp_path):
    mapping = curriculum_to_mapping(small_doc(competencies=2), "Stage 2")
    text = tmp_path / "many.json"
    text.write_text(json.dumps(mapping))
    _refused(text, "has 14 competencies, outcomes and activities", "more than the 13",
             limits=ImportLimits(max_items=13))
    word = _good_docx(tmp_path)  # one competency, two outcomes, two activities
    _refused(word, "has 5 competencies", limits=ImportLimits(max_items=4))


def test_oversized_files_are_refused_unread(tmp_path):
    text = tmp_path / "big.yaml"
    text.write_text("# padding\n" * 200)
    _refused(text, "more than the 0 MiB", limits=ImportLimits(max_file_bytes=1000))
    _refused(_good_docx(tmp_path), "more than the 0 MiB", limits=ImportLimits(
        max_file_bytes=1000))


def test_yaml_aliases_are_refused(tmp_path):
    laughs = tmp_path / "laughs.yaml"
    laughs.write_text("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]\n"
        for n in range(8)))
    _refused(laughs, "aliases (*name) are not allowed", "line 2")
    shared = tmp_path / "shared.yaml"
    shared.write_text("""stage: stage-2
focus_areas:
- title: Self Effectiveness
  skills_groups:
  - title: Communicating
    competencies:
    - &c
      title: Listen Well
      statement: I regularly listen.
      learning_outcomes: [Apply listening.]
    - *c
""")
    _refused(shared, "aliases (*name) are not allowed", "line 11")


def test_text_nested_too_deeply_is_a_clear_error(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    _refused(deep, "nested too deeply")
    deep_yaml = tmp_path / "deep.yaml"
    deep_yaml.write_text("[" * 100_000 + "]" * 100_000)
    _refused(deep_yaml, "cannot be read as yaml")


def test_the_limits_come_from_the_configuration(app, tmp_path):
    app.config["IMPORT_MAX_ROWS"] = 2
    assert ImportLimits.configured().max_rows == 2
    _refused(_good_docx(tmp_path), "4 rows", "more than the 2")
    assert ImportLimits().max_rows == 2000  # outside the app, the defaults


def test_the_command_prints_the_refusal_and_stores_nothing(runner, session, tmp_path):
    bomb = _rewrite(_good_docx(tmp_path), tmp_path / "bomb.docx",
                    extra={"word/media/a.bin": 110 * MIB})
    result = runner.invoke(args=["import-curriculum", str(bomb)])
    assert result.exit_code == 1
    assert f"Error: {bomb}: the document unpacks to 11" in result.output
    assert "Traceback" not in result.output and load_curriculum(session, "stage-2") is None
