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


def _seeds() -> Path:
    return Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"


def long_brief(folder: Path):
    """Every clause of the seed documents, a section per document, with the 要点对照表."""
    import glob

    from db import add_document, document_clauses, list_documents, open_library
    from db.briefs import add_to_brief, create_brief
    from exporters.assemble import brief_from_library
    from importers import import_file

    with open_library(folder / "library.db") as lib:
        for name in sorted(glob.glob(str(_seeds() / "*"))):
            add_document(lib, import_file(name))
        made = create_brief(lib, "数字经济与软件产业政策条文摘编", subtitle="供区政府专题会议参阅")
        for doc in sorted(list_documents(lib), key=lambda d: d.id):
            add_to_brief(lib, made.id, [c.id for c in document_clauses(lib, doc.id)], section=doc.title)
        return brief_from_library(
            lib, made.id, table=True, prepared_by="厦门市湖里区科技和工信局", date="2025-07-08"
        )


def comparison(folder: Path):
    """Seed 002 against an edited copy (a clause reworded, one removed, one added)."""
    from db.intel import compare_parsed
    from importers import import_file
    from tests.intel.test_compare import edited_copy

    seed = next(_seeds().glob("002*"))
    return compare_parsed(import_file(seed), import_file(edited_copy(seed, folder)))


def _save_pages(pdf: Path, name: str, first: int, last: int, docs: Path, dpi: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for n, png in enumerate(to_pngs(pdf, Path(tmp) / "page", first, last, dpi), start=1):
            shutil.copyfile(png, docs / f"{name}-{n}.png")
            print(docs / f"{name}-{n}.png")


def main() -> int:
    """docs/pack-default-N.png (cover, 目录, — 1 —, — 2 —), docs/pack-long-N.png (the seed
    documents, every clause), docs/compare-N.png (a 对照表), and docs/brief-page-1/2.png."""
    from exporters.docx_writer import write_brief
    from exporters.intel_docx import write_comparison_docx
    from exporters.sample import sample_brief

    docs = Path(__file__).resolve().parents[2] / "docs"
    dpi = int(os.environ.get("DPI", "60"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf = to_pdf(write_brief(sample_brief(), folder / "sample-brief.docx"), folder)
        _save_pages(pdf, "pack-default", 1, 4, docs, dpi)
        body = next(n for n, page in enumerate(page_texts(pdf), start=1) if folio(page) == 1)
        _save_pages(pdf, "brief-page", body, body + 1, docs, dpi)
        if _seeds().is_dir():
            pdf = to_pdf(write_brief(long_brief(folder), folder / "long-brief.docx"), folder)
            _save_pages(pdf, "pack-long", 1, 4, docs, dpi)
            pdf = to_pdf(write_comparison_docx(comparison(folder), folder / "compare.docx"), folder)
            _save_pages(pdf, "compare", 1, 2, docs, dpi)
    return 0


if __name__ == "__main__":
    sys.exit(main())
