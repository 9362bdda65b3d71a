"""LibreOffice headless, driven by small Basic macros in a throwaway user profile: the
report laid out for its page numbers and PDF, and (for the tests) every tracked change
accepted or rejected with LibreOffice's own command.

A macro runs inside one soffice process, so the document is loaded and laid out once.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice")
_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Function Prop(name As String, value) As com.sun.star.beans.PropertyValue
  Dim p As New com.sun.star.beans.PropertyValue
  p.Name = name
  p.Value = value
  Prop = p
End Function

Function Load(source As String)
  Load = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, _
    Array(Prop(&quot;Hidden&quot;, True)))
End Function

Sub Revisions(source As String, target As String, action As String)
  document = Load(source)
  helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  helper.executeDispatch(document.getCurrentController().getFrame(), _
    &quot;.uno:&quot; &amp; action &amp; &quot;AllTrackedChanges&quot;, &quot;&quot;, 0, Array())
  document.storeToURL(ConvertToURL(target), _
    Array(Prop(&quot;FilterName&quot;, &quot;MS Word 2007 XML&quot;)))
  document.close(True)
End Sub

Sub Paginate(source As String, target As String)
  document = Load(source)
  indexes = document.getDocumentIndexes()
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
  Next i
  document.refresh()
  filter = Array(Prop(&quot;SelectPdfVersion&quot;, 2), Prop(&quot;ExportBookmarks&quot;, True), _
    Prop(&quot;ExportLinksRelativeFsys&quot;, False), Prop(&quot;UseTaggedPDF&quot;, True))
  document.storeToURL(ConvertToURL(target), _
    Array(Prop(&quot;FilterName&quot;, &quot;writer_pdf_Export&quot;), _
    Prop(&quot;FilterData&quot;, filter)))
  document.close(True)
End Sub
</script:module>
"""


class OfficeError(RuntimeError):
    """LibreOffice is absent or did not produce what was asked."""


class Office:
    """One LibreOffice user profile in `folder`, made on first use, with the macros."""

    def __init__(self, folder: Path, timeout: int = 1800) -> None:
        self.folder = folder
        self.profile = folder / "profile"
        self.timeout = timeout
        self._ready = False

    def _soffice(self, *args: str) -> None:
        if SOFFICE is None:
            raise OfficeError("LibreOffice (soffice) is not installed on this server")
        try:
            subprocess.run([SOFFICE, "--headless", "--norestore", "--nologo",
                            f"-env:UserInstallation={self.profile.as_uri()}", *args],
                           check=True, capture_output=True, timeout=self.timeout)
        except (subprocess.SubprocessError, OSError) as error:
            raise OfficeError(f"LibreOffice failed: {error}") from error

    def convert(self, source: Path, to: str, outdir: Path) -> Path:
        outdir.mkdir(parents=True, exist_ok=True)
        self._soffice("--convert-to", to, "--outdir", str(outdir), str(source))
        found = outdir / f"{source.stem}.{to.split(':')[0]}"
        if not found.exists():
            raise OfficeError(f"LibreOffice did not write {found.name}")
        self._ready = True
        return found

    def _macro(self, name: str, *args: str) -> None:
        if not self._ready:  # the first run makes the profile the macro goes into
            warm = self.folder / "warm-up"
            warm.mkdir(parents=True, exist_ok=True)
            (warm / "empty.txt").write_text("")
            self.convert(warm / "empty.txt", "odt", warm)
        module = self.profile / "user" / "basic" / "Standard" / "Module1.xba"
        module.write_text(_HEAD)
        quoted = ",".join(f'"{a}"' for a in args)
        self._soffice(f"macro:///Standard.Module1.{name}({quoted})")

    def all_changes(self, source: Path, target: Path, action: str) -> Path:
        """Accept ("Accept") or reject ("Reject") every tracked change; save as .docx."""
        self._macro("Revisions", str(source), str(target), action)
        if not target.exists():
            raise OfficeError(f"LibreOffice did not {action.lower()} the changes")
        return target

    def paginate(self, source: Path, target: Path) -> Path:
        """Lay `source` out with its contents updated, and export it as PDF/A to `target`."""
        self._macro("Paginate", str(source), str(target))
        if not target.exists():
            raise OfficeError("LibreOffice did not write the PDF")
        return target
