"""The curriculum as Word with native tracked changes: the XML, our own accept / reject,
and LibreOffice opening it, seeing the revisions, and accepting or rejecting them."""

import zipfile
from datetime import date

import docx
from docx.oxml.ns import qn
from lxml import etree

from review_app.curriculum.word_import import read_word_curriculum

from .office import needs_soffice, resolve

SINCE = "2025-07-01"


def _export(runner, tmp_path):
    out = tmp_path / "stage-1-tracked.docx"
    result = runner.invoke(args=["export-curriculum", "--stage", "stage-1", "--tracked-since",
                                 SINCE, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "implemented since the start of Tuesday 1 July 2025 as" in result.output
    return out, tmp_path / "stage-1-tracked-clean.docx"


def test_changes_are_word_revisions_with_id_author_and_date(runner, period, tmp_path):
    out, clean = _export(runner, tmp_path)
    body = docx.Document(str(out)).element.body
    marks = list(body.iter(qn("w:ins"), qn("w:del")))
    ids = [m.get(qn("w:id")) for m in marks]
    assert len(marks) > 50 and len(set(ids)) == len(ids)
    authors = {m.get(qn("w:author")) for m in marks}
    assert authors <= {"Fiona Facilitator", "Peter Lead", "Ian Implementer"}
    assert all(m.get(qn("w:date")).startswith("2025-07-") for m in marks)
    for mark in marks:
        parent = mark.getparent().tag
        if parent in (qn("w:rPr"), qn("w:trPr")):  # a paragraph mark or a whole row
            continue
        runs = mark.findall(qn("w:r"))
        assert runs, "a revision wraps runs"
        texts = [t.tag for r in runs for t in r if t.tag in (qn("w:t"), qn("w:delText"))]
        assert set(texts) == {qn("w:delText") if mark.tag == qn("w:del") else qn("w:t")}
    settings = zipfile.ZipFile(out).read("word/settings.xml")
    assert b"w:trackRevisions" in settings
    assert read_word_curriculum(clean) == period.after  # the clean copy is today's text


def test_accepting_gives_the_new_text_and_rejecting_the_old(runner, period, tmp_path):
    out, _ = _export(runner, tmp_path)
    assert period.before != period.after
    accepted = resolve(out, tmp_path / "accepted.docx", accept=True)
    rejected = resolve(out, tmp_path / "rejected.docx", accept=False)
    assert read_word_curriculum(accepted) == period.after
    assert read_word_curriculum(rejected) == period.before


def test_nothing_changed_since_a_later_date(runner, period, tmp_path):
    out = tmp_path / "none.docx"
    result = runner.invoke(args=["export-curriculum", "--stage", "stage-1", "--tracked-since",
                                 date.today().isoformat(), "--out", str(out)])
    assert result.exit_code == 0 and "with no changes implemented" in result.output
    assert "as 0 tracked changes" in result.output
    assert read_word_curriculum(out) == period.after


def test_tracked_export_needs_a_word_file(runner, period, tmp_path):
    result = runner.invoke(args=["export-curriculum", "--stage", "stage-1", "--tracked-since",
                                 SINCE, "--out", str(tmp_path / "x.yaml")])
    assert result.exit_code != 0 and "need a Word file" in result.output


@needs_soffice
def test_libreoffice_sees_the_revisions(runner, period, tmp_path, office):
    out, _ = _export(runner, tmp_path)
    odt = office.convert(out, "odt", tmp_path / "odt")
    content = etree.fromstring(zipfile.ZipFile(odt).read("content.xml"))
    ns = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
          "dc": "http://purl.org/dc/elements/1.1/"}
    regions = content.findall(".//text:tracked-changes/text:changed-region", ns)
    insertions = [r for r in regions if r.find("text:insertion", ns) is not None]
    deletions = [r for r in regions if r.find("text:deletion", ns) is not None]
    assert insertions and deletions
    creators = {c.text for c in content.iterfind(".//text:changed-region//dc:creator", ns)}
    assert creators <= {"Fiona Facilitator", "Peter Lead", "Ian Implementer"}
    # Every deleted text of the Word file is in LibreOffice's deletions, every inserted text
    # in the body between the marks of an insertion (it joins neighbouring revisions).
    deleted = " ".join(" ".join(r.itertext()) for r in deletions)
    inserted = " ".join(_inserted_texts(content, ns))
    body = docx.Document(str(out)).element.body
    for mark in body.iter(qn("w:del")):
        for text in mark.iter(qn("w:delText")):
            assert text.text.strip() in deleted
    for mark in body.iter(qn("w:ins")):
        for text in mark.iter(qn("w:t")):
            assert text.text.strip() in inserted


def _inserted_texts(content, ns) -> list[str]:
    """The text between each text:change-start and its text:change-end, in body order."""
    start = f"{{{ns['text']}}}change-start"
    end = f"{{{ns['text']}}}change-end"
    open_ids, found = set(), []

    def walk(element) -> None:
        if element.tag == start:
            open_ids.add(element.get(f"{{{ns['text']}}}change-id"))
        elif element.tag == end:
            open_ids.discard(element.get(f"{{{ns['text']}}}change-id"))
        elif open_ids and element.text:
            found.append(element.text)
        for child in element:
            walk(child)
            if open_ids and child.tail:
                found.append(child.tail)

    walk(content.find(".//office:body", {"office": content.nsmap["office"]}))
    return found


@needs_soffice
def test_libreoffice_accepts_to_the_new_and_rejects_to_the_old(runner, period, tmp_path,
                                                               office):
    out, _ = _export(runner, tmp_path)
    accepted = office.all_changes(out, tmp_path / "lo-accepted.docx", "Accept")
    rejected = office.all_changes(out, tmp_path / "lo-rejected.docx", "Reject")
    assert read_word_curriculum(accepted) == period.after
    assert read_word_curriculum(rejected) == period.before
