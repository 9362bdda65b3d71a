"""Refresh review_app/static/vendor from the npm registry (`make vendor`).

The NHS.UK stylesheet loads the Frutiger web font from assets.nhs.uk; the product makes no
requests off the site, so those @font-face rules are removed and the design system's own
fallback stack (Arial) is used. Image URLs are made relative to the stylesheet.
"""

import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGES = {"nhsuk-frontend": "10.6.1", "socket.io-client": "4.8.4"}
VENDOR = Path(__file__).resolve().parent.parent / "review_app" / "static" / "vendor"


def unpack(name: str, version: str, work: Path) -> Path:
    subprocess.run(["npm", "pack", f"{name}@{version}", "--silent"], cwd=work, check=True,
                   stdout=subprocess.DEVNULL)
    target = work / name
    with tarfile.open(next(work.glob(f"{name}-{version}.tgz"))) as tar:
        tar.extractall(target, filter="data")
    return target / "package"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        nhsuk = unpack("nhsuk-frontend", PACKAGES["nhsuk-frontend"], work) / "dist" / "nhsuk"
        out = VENDOR / "nhsuk-frontend"
        shutil.rmtree(out, ignore_errors=True)
        (out / "assets").mkdir(parents=True)
        css = (nhsuk / "nhsuk-frontend.min.css").read_text()
        css = re.sub(r"@font-face\{[^}]*assets\.nhs\.uk[^}]*\}", "", css)
        css = css.replace("url(/assets/", "url(assets/")
        assert "https://" not in css, "the stylesheet still refers to another site"
        (out / "nhsuk-frontend.min.css").write_text(css)
        shutil.copy(nhsuk / "nhsuk-frontend.min.js", out / "nhsuk-frontend.min.js")
        shutil.copytree(nhsuk / "assets" / "images", out / "assets" / "images")
        sio = unpack("socket.io-client", PACKAGES["socket.io-client"], work)
        out = VENDOR / "socket.io-client"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        shutil.copy(sio / "dist" / "socket.io.min.js", out / "socket.io.min.js")
        shutil.copy(sio / "LICENSE", out / "LICENSE")
        licence = json.loads((nhsuk.parent.parent / "package.json").read_text())["license"]
        print(f"vendored {PACKAGES}; nhsuk-frontend licence {licence}", file=sys.stderr)


if __name__ == "__main__":
    main()
