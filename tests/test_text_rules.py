"""Text that a database or a Word document cannot hold is refused at every way in: the
shared rule, the implementation form and the curriculum importers (the prep and auth forms:
tests/prep/test_unstorable_text.py; socket events: tests/live/test_protocol_hardening.py)."""

import json
import zipfile

import pytest
from werkzeug.datastructures import MultiDict

from review_app.curriculum.document import CurriculumError
from review_app.curriculum.sources import read_curriculum_file
from review_app.implement.forms import parse_apply
from review_app.implement.services import ChangeError
from review_app.text_rules import UNSTORABLE_MESSAGE, UnstorableText, storable

from .conftest import ROOT, SAMPLE

BAD = ["\x00", "\x01", "\x08", "\x0c", "\x0e", "\x1f", "\ufffe", "\uffff", "\ud800"]


@pytest.mark.parametrize("character", BAD, ids=[f"U+{ord(c):04X}" for c in BAD])
def test_characters_word_or_postgresql_cannot_hold_are_refused(character):
    for multiline in (True, False):
        with pytest.raises(UnstorableText, match="cannot be stored"):
            storable(f"Lead{character} the team", multiline=multiline)


def test_line_breaks_pasted_from_word_become_newlines_where_lines_may_go():
    pasted = "First line\x0bsecond line\r\nthird\rfourth\ttabbed"
    assert storable(pasted) == "First line\nsecond line\nthird\nfourth\ttabbed"
    for one_line in ("Title\x0bmore", "Title\r\nX-INJECTED:1", "Title\rmore", "a\nb"):
        with pytest.raises(UnstorableText, match="must be on one line"):
            storable(one_line, multiline=False)
    assert storable("Plain words – with “quotes” and é", multiline=False) == (
        "Plain words – with “quotes” and é")


def test_implemented_text_is_checked():
    with pytest.raises(ChangeError, match="cannot be stored"):
        parse_apply(MultiDict({"implemented_text": "Lead\x1f the team"}))
    assert parse_apply(MultiDict({"implemented_text": "Lead\x0bthe team"}))[0] == (
        "Lead\nthe team")


def test_a_text_curriculum_with_a_control_character_is_refused_naming_the_place(tmp_path):
    mapping = json.loads(json.dumps(__import__("yaml").safe_load(SAMPLE.read_text())))
    competency = mapping["focus_areas"][0]["skills_groups"][0]["competencies"][0]
    competency["learning_outcomes"][1] += "\u0001"
    path = tmp_path / "stage-1.json"
    path.write_text(json.dumps(mapping))
    with pytest.raises(CurriculumError) as refused:
        read_curriculum_file(path)
    message = str(refused.value)
    assert f"competency '{competency['title']}': learning outcome 2 {UNSTORABLE_MESSAGE}" in (
        message) and "U+0001" in message


def test_a_word_curriculum_with_a_control_character_is_refused(tmp_path):
    source = zipfile.ZipFile(ROOT / "curricula" / "stage-1.docx")
    xml = source.read("word/document.xml").decode()
    at = xml.index("<w:t>", 5000) + len("<w:t>")
    path = tmp_path / "stage-1.docx"
    with zipfile.ZipFile(path, "w") as target:
        for entry in source.infolist():
            target.writestr(entry, xml[:at] + "&#x1;" + xml[at:]
                            if entry.filename == "word/document.xml" else source.read(entry))
    # The import limits read every part first: the character is refused there, naming the
    # file and the part, before python-docx could trip over it.
    with pytest.raises(CurriculumError, match=r"stage-1\.docx: part word/document\.xml is not "
                                              r"well-formed XML \(xmlParseCharRef"):
        read_curriculum_file(path)
