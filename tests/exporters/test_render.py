"""LibreOffice renders the pack: page count, page numbers, CJK fonts (skipped without soffice)."""

from __future__ import annotations

import shutil

import pytest

from exporters.docx_writer import write_brief
from exporters.sample import sample_brief
from tests.exporters.conftest import one_item_brief
from tests.exporters.render import soffice, to_pdf

pytestmark = pytest.mark.skipif(
    soffice() is None, reason="LibreOffice (soffice) not installed: apt-get install libreoffice-writer-nogui"
)


def _pdf(tmp_path, brief, name):
    from pypdf import PdfReader

    docx = write_brief(brief, tmp_path / f"{name}.docx")
    return PdfReader(to_pdf(docx, tmp_path / "pdf"))


def test_small_brief_is_cover_contents_and_one_numbered_page(tmp_path):
    reader = _pdf(tmp_path, one_item_brief(), "small")
    assert len(reader.pages) == 3
    cover, contents, body = (page.extract_text() for page in reader.pages)
    assert "小简报" in cover and "—" not in cover
    assert "目" in contents and "一、唯一部分" in contents and "—" not in contents
    assert "一、唯一部分" in body and "【批注】" in body
    assert "— 1 —" in body


def test_appendix_starts_a_new_numbered_page(tmp_path):
    reader = _pdf(tmp_path, one_item_brief(include_appendix=True), "appendix")
    assert len(reader.pages) == 4
    last = reader.pages[3].extract_text()
    assert "来源文件一览" in last and "— 2 —" in last


def test_sample_brief_uses_cjk_fonts(tmp_path):
    reader = _pdf(tmp_path, sample_brief(), "sample")
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("CJK" in name for name in fonts), fonts
    assert 6 <= len(reader.pages) <= 12


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) not installed")
def test_pages_rasterise(tmp_path):
    from tests.exporters.render import to_pngs

    pdf = to_pdf(write_brief(one_item_brief(), tmp_path / "b.docx"), tmp_path)
    assert len(to_pngs(pdf, tmp_path / "page", 1, 3)) == 3
