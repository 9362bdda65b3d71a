"""Word curricula as people write them: several activities in one paragraph, soft line
breaks, bullets and numbering, tracked changes and comments; Word and LibreOffice files."""

from __future__ import annotations

import shutil
import subprocess

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from review_app.curriculum.document import ActivityDoc, CurriculumError
from review_app.curriculum.word_import import read_word_curriculum

from .builders import GOOD_ROWS, seed_table_docx

# Where the builders' one competency keeps its outcomes and its two activity cells.
OUTCOMES, INSTRUCTOR, INDIVIDUAL = (1, 4), (2, 2), (3, 2)


def _cell(document, where):
    row, column = where
    return document.tables[0].rows[row].cells[column]


def _tracked(paragraph, tag, text, number):
    """A w:ins or w:del around one run, as Word writes a tracked change."""
    change = OxmlElement(f"w:{tag}")
    change.set(qn("w:id"), str(number))
    change.set(qn("w:author"), "Reviewer")
    change.set(qn("w:date"), "2026-11-30T10:00:00Z")
    run = OxmlElement("w:r")
    content = OxmlElement("w:delText" if tag == "del" else "w:t")
    content.text = text
    content.set(qn("xml:space"), "preserve")
    run.append(content)
    change.append(run)
    paragraph._p.append(change)


def fill(cell, paragraphs, style=None):
    """Replace a cell's content: each paragraph a list of parts, a part being (text, bold),
    "BR" (a soft line break), ("INS", text) or ("DEL", text)."""
    for p in list(cell.paragraphs)[1:]:
        p._p.getparent().remove(p._p)
    cell.paragraphs[0]._p.clear()
    for i, parts in enumerate(paragraphs):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        if style:
            paragraph.style = style
        for n, part in enumerate(parts):
            if part == "BR":
                paragraph.add_run().add_break()
            elif part[0] in ("INS", "DEL"):
                _tracked(paragraph, part[0].lower(), part[1], 100 + i * 10 + n)
            else:
                paragraph.add_run(part[0]).bold = part[1]


def build(tmp_path, name="doc.docx", **cells):
    path = seed_table_docx(tmp_path / name, GOOD_ROWS)
    document = docx.Document(str(path))
    for key, (paragraphs, style) in cells.items():
        fill(_cell(document, {"outcomes": OUTCOMES, "instructor": INSTRUCTOR,
                              "individual": INDIVIDUAL}[key]), paragraphs, style)
    document.save(str(path))
    return path


def competency(path):
    return read_word_curriculum(path).competencies()[0]


def test_several_activities_in_one_paragraph(tmp_path):
    path = build(tmp_path, instructor=([[
        ("Listening Lab", True), (" Practise in pairs. ", False),
        ("Role Play:", True), (" Act out a hard conversation. ", False),
        ("Feedback Circle", True), (" Share what you noticed.", False)]], None))
    assert competency(path).instructor_activities == [
        ActivityDoc("Listening Lab", "Practise in pairs."),
        ActivityDoc("Role Play", "Act out a hard conversation."),
        ActivityDoc("Feedback Circle", "Share what you noticed.")]


def test_bold_for_emphasis_inside_a_sentence_stays_in_the_description(tmp_path):
    path = build(tmp_path, individual=([[
        ("Listening Log", True), (" Keep a ", False), ("daily", True),
        (" note of one thing you heard.", False)]], None))
    assert competency(path).individual_activities == [
        ActivityDoc("Listening Log", "Keep a daily note of one thing you heard.")]


def test_title_and_description_in_separate_paragraphs_and_lines(tmp_path):
    path = build(tmp_path, instructor=([
        [("Listening Lab", True)], [("Practise in pairs.", False)],
        [("Role Play", True), "BR", ("Act out a hard conversation.", False), "BR",
         ("Then swap roles.", False)]], None))
    assert competency(path).instructor_activities == [
        ActivityDoc("Listening Lab", "Practise in pairs."),
        ActivityDoc("Role Play", "Act out a hard conversation. Then swap roles.")]


def test_plain_title_ending_in_a_colon(tmp_path):
    path = build(tmp_path, individual=([
        [("Listening Log: Note one thing a day.", False)],
        [("Reflection: Write a paragraph on it.", False)]], None))
    assert competency(path).individual_activities == [
        ActivityDoc("Listening Log", "Note one thing a day."),
        ActivityDoc("Reflection", "Write a paragraph on it.")]


def test_outcomes_split_at_soft_breaks_and_read_from_lists(tmp_path):
    path = build(tmp_path, outcomes=([
        [("Apply listening.", False), "BR", ("Adapt listening.", False)],
        [("• Summarise what you heard.", False)]], None))
    assert competency(path).learning_outcomes == [
        "Apply listening.", "Adapt listening.", "Summarise what you heard."]
    numbered = build(tmp_path, "numbered.docx", outcomes=(
        [[("Apply listening.", False)], [("Adapt listening.", False)]], "List Number"),
        instructor=([[("Listening Lab", True), (" Practise.", False)],
                     [("Role Play", True), (" Act it out.", False)]], "List Bullet"))
    comp = competency(numbered)
    assert comp.learning_outcomes == ["Apply listening.", "Adapt listening."]
    assert [a.title for a in comp.instructor_activities] == ["Listening Lab", "Role Play"]


def test_tracked_changes_read_as_word_shows_them(tmp_path):
    path = build(tmp_path, outcomes=([
        [("Apply ", False), ("DEL", "passive "), ("INS", "active "), ("listening.", False)],
        [("INS", "Summarise what you heard.")]], None),
        instructor=([[("Listening Lab", True), (" Practise in ", False), ("DEL", "threes"),
                      ("INS", "pairs"), (".", False)]], None))
    document = docx.Document(str(path))
    # python-docx alone misses inserted text: the reason for reading the XML.
    assert _cell(document, OUTCOMES).paragraphs[0].text == "Apply listening."
    comp = competency(path)
    assert comp.learning_outcomes == ["Apply active listening.", "Summarise what you heard."]
    assert comp.instructor_activities == [ActivityDoc("Listening Lab", "Practise in pairs.")]


def test_comments_are_not_read_as_text(tmp_path):
    path = build(tmp_path)
    document = docx.Document(str(path))
    runs = _cell(document, INSTRUCTOR).paragraphs[0].runs
    document.add_comment(runs, text="Is this still run?", author="Reviewer", initials="R")
    document.save(str(path))
    assert competency(path).instructor_activities == [
        ActivityDoc("Listening Lab", "Practise in pairs.")]


def test_text_before_any_title_is_an_error(tmp_path):
    path = build(tmp_path, individual=([[("just some words", False)]], None))
    with pytest.raises(CurriculumError, match=r"table 1, row 4: an activity has no bold title"):
        competency(path)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_document_saved_by_libreoffice(tmp_path):
    """Through LibreOffice and back (.docx → .odt → .docx): the same curriculum."""
    original = build(tmp_path, "written.docx", instructor=([[
        ("Listening Lab", True), (" Practise in pairs. ", False),
        ("Role Play:", True), (" Act out a hard conversation.", False)]], None),
        outcomes=([[("Apply listening.", False), "BR", ("Adapt listening.", False)],
                   [("Summarise what you heard.", False)]], "List Bullet"))
    profile = (tmp_path / "lo-profile").as_uri()
    for target, source, out in (("odt", original, tmp_path / "odt"),
                                ("docx", tmp_path / "odt" / "written.odt", tmp_path / "lo")):
        subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                        "--convert-to", target, "--outdir", str(out), str(source)],
                       check=True, capture_output=True, timeout=120)
    resaved = tmp_path / "lo" / "written.docx"
    assert b"LibreOffice" in _app_xml(resaved)  # really written by LibreOffice
    assert read_word_curriculum(resaved) == read_word_curriculum(original)
    assert [a.title for a in competency(resaved).instructor_activities] == [
        "Listening Lab", "Role Play"]


def _app_xml(path):
    import zipfile
    with zipfile.ZipFile(path) as package:
        return package.read("docProps/app.xml")
