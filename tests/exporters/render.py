"""Render a .docx to PDF and PNG with LibreOffice, for tests and for the docs screenshots.

GB/T fonts (仿宋_GB2312, 黑体, 方正小标宋简体) are not on Linux build machines, so a private
fontconfig file maps them to Noto CJK SC; without it LibreOffice picks a Japanese face.
Each call uses its own LibreOffice profile, so parallel runs do not fight over a lock.

    python -m tests.exporters.render      # writes docs/brief-page-1.png and -2.png
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SERIF = (
    "仿宋_GB2312",
    "仿宋",
    "FangSong",
    "楷体_GB2312",
    "楷体",
    "KaiTi",
    "宋体",
    "SimSun",
    "方正小标宋简体",
)
SANS = ("黑体", "SimHei")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _fontconfig(folder: Path) -> Path:
    def alias(names, family):
        return "".join(
            f"<alias binding='same'><family>{name}</family><prefer><family>{family}</family></prefer></alias>"
            for name in names
        )

    conf = folder / "fonts.conf"
    conf.write_text(
        "<?xml version='1.0'?><!DOCTYPE fontconfig SYSTEM 'fonts.dtd'><fontconfig>"
        "<include ignore_missing='yes'>/etc/fonts/fonts.conf</include>"
        + alias(SERIF, "Noto Serif CJK SC")
        + alias(SANS, "Noto Sans CJK SC")
        + "</fontconfig>",
        encoding="utf-8",
    )
    return conf


def to_pdf(docx: Path, outdir: Path, timeout: float = 120) -> Path:
    """Convert with `soffice --headless --convert-to pdf`; raises on failure."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pb-lo-") as scratch:
        env = dict(os.environ, FONTCONFIG_FILE=str(_fontconfig(Path(scratch))))
        profile = Path(scratch, "profile").as_uri()
        subprocess.run(
            [
                exe,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
            env=env,
        )
    pdf = outdir / (docx.stem + ".pdf")
    if not pdf.is_file():
        raise RuntimeError(f"LibreOffice wrote no PDF for {docx}")
    return pdf


def to_pngs(pdf: Path, prefix: Path, first: int = 1, last: int = 3, dpi: int = 60) -> list[Path]:
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-f", str(first), "-l", str(last), str(pdf), str(prefix)],
        check=True,
        capture_output=True,
    )
    return sorted(prefix.parent.glob(prefix.name + "-*.png"))


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, laid out as printed (pdftotext -layout)."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True)
    pages = out.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def squeeze(text: str) -> str:
    """Text without blanks: pdftotext puts spaces between Chinese and digits, and wraps lines."""
    return "".join(text.split())


def folio(page: str) -> int | None:
    """The printed page number (— 3 —) of a page, None when it has none."""
    import re

    found = re.findall(r"—\s*(\d+)\s*—", page)
    return int(found[-1]) if found else None


def lines_of(page: str) -> list[str]:
    """A page's non-blank lines without its page number."""
    return [line.strip() for line in page.splitlines() if line.strip() and folio(line) is None]


def main() -> int:
    from exporters.docx_writer import write_brief
    from exporters.sample import sample_brief

    docs = Path(__file__).resolve().parents[2] / "docs"
    with tempfile.TemporaryDirectory() as tmp:
        docx = write_brief(sample_brief(), Path(tmp) / "sample-brief.docx")
        pdf = to_pdf(docx, Path(tmp))
        # Pages 1-2 of the numbered body: the cover and contents are pages 1-2 of the file.
        pages = to_pngs(pdf, Path(tmp) / "page", first=3, last=4, dpi=int(os.environ.get("DPI", "60")))
        for n, png in enumerate(pages, start=1):
            shutil.copyfile(png, docs / f"brief-page-{n}.png")
            print(docs / f"brief-page-{n}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
