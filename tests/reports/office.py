"""LibreOffice headless for tests: conversions, and accepting or rejecting every tracked
change with LibreOffice's own command (a small Basic macro in a throwaway profile).

Also our own deterministic accept / reject of w:ins / w:del on the document XML, to check
the revisions independently of any office suite.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is absent")

MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub Revisions(source As String, target As String, action As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  document = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, load())
  helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  helper.executeDispatch(document.getCurrentController().getFrame(), _
    &quot;.uno:&quot; &amp; action &amp; &quot;AllTrackedChanges&quot;, &quot;&quot;, 0, Array())
  Dim save(0) As New com.sun.star.beans.PropertyValue
  save(0).Name = &quot;FilterName&quot;
  save(0).Value = &quot;MS Word 2007 XML&quot;
  document.storeToURL(ConvertToURL(target), save())
  document.close(True)
End Sub
</script:module>
"""


class Office:
    """One LibreOffice user profile, made on first use, with the macro installed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.profile = folder / "profile"
        self._ready = False

    def _soffice(self, *args: str) -> None:
        subprocess.run([SOFFICE, "--headless", "--norestore",
                        f"-env:UserInstallation={self.profile.as_uri()}", *args],
                       check=True, capture_output=True, timeout=240)

    def convert(self, source: Path, to: str, outdir: Path) -> Path:
        outdir.mkdir(parents=True, exist_ok=True)
        self._soffice("--convert-to", to, "--outdir", str(outdir), str(source))
        found = outdir / f"{source.stem}.{to.split(':')[0]}"
        assert found.exists(), f"LibreOffice did not write {found}"
        self._ready = True
        return found

    def all_changes(self, source: Path, target: Path, action: str) -> Path:
        """Accept ("Accept") or reject ("Reject") every tracked change; save as .docx."""
        if not self._ready:
            self.convert(source, "odt", self.folder / "warm-up")
        module = self.profile / "user" / "basic" / "Standard" / "Module1.xba"
        module.write_text(MACRO)
        self._soffice(f'macro:///Standard.Module1.Revisions("{source}","{target}","{action}")')
        assert target.exists(), f"LibreOffice did not {action.lower()} the changes"
        return target


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
