"""LibreOffice headless for tests: conversions, and accepting or rejecting every tracked
change with LibreOffice's own command (a small Basic macro in a throwaway profile).

Also our own deterministic accept / reject of w:ins / w:del on the document XML, to check
the revisions independently of any office suite.
"""

from __future__ import annotations

import copy
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from review_app.reports.office import SOFFICE, Office  # noqa: F401  (used by the fixtures)

needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is absent")


def resolve(source: Path, target: Path, accept: bool) -> Path:
    """Our own accept-all or reject-all on the document XML, saved as a new .docx."""
    document = docx.Document(str(source))
    body = document.element.body
    keep, drop = ("w:ins", "w:del") if accept else ("w:del", "w:ins")
    for tr in list(body.iter(qn("w:tr"))):
        properties = tr.find(qn("w:trPr"))
        if properties is not None and properties.find(qn(drop)) is not None:
            tr.getparent().remove(tr)
    for element in list(body.iter(qn(drop))):
        parent = element.getparent()
        if parent is None:  # inside a paragraph emptied above
            continue
        if parent.tag == qn("w:rPr") and parent.getparent().tag == qn("w:pPr"):
            paragraph = parent.getparent().getparent()
            kept = [t.text or "" for t in paragraph.iter(qn("w:t"))
                    if all(a.tag != qn(drop) for a in t.iterancestors())]
            if not "".join(kept).strip():
                _remove_paragraph(paragraph)
            continue
        parent.remove(element)
    for element in list(body.iter(qn(keep))):
        parent = element.getparent()
        if parent.tag in (qn("w:rPr"), qn("w:trPr")):
            parent.remove(element)
            continue
        for child in list(element):
            for deleted in child.iter(qn("w:delText")):
                deleted.tag = qn("w:t")
            element.addprevious(copy.deepcopy(child))
        parent.remove(element)
    document.save(str(target))
    return target


def _remove_paragraph(paragraph) -> None:
    parent = paragraph.getparent()
    if parent is None:
        return
    siblings = parent.findall(qn("w:p"))
    if parent.tag == qn("w:tc") and len(siblings) == 1:
        for child in list(paragraph):
            if child.tag != qn("w:pPr"):
                paragraph.remove(child)
        return
    parent.remove(paragraph)
