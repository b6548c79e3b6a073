"""The formats offices really send (issue 20): Word 97-2003 .doc, WPS .wps, and OFD.

.doc and .wps files are made by LibreOffice from the seeds and the real corpus (.txt → .docx →
.doc), once per session; the same document as .doc and .docx must give the same metadata and
clause tree. OFD files are the real ones in ../shared/corpus/ofd/ (several producers).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from importers import DocumentError, import_file
from importers.formats.ofd import read as read_ofd

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
REAL = ROOT / "tests" / "corpus" / "real" / "docs"
OFD = ROOT.parent / "shared" / "corpus" / "ofd"


def _convert(sources: list[Path], target: str, out: Path, profile: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) not installed: cannot make .doc files")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            *map(str, sources),
        ],
        capture_output=True,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="session")
def word_pairs(tmp_path_factory) -> list[tuple[Path, Path]]:
    """(.docx, .doc) pairs of the same document, made by LibreOffice."""
    texts = sorted(SEEDS.glob("*.txt"))[:5] + sorted(REAL.glob("*.txt"))[:20]
    if not texts:
        pytest.skip("no seed or corpus documents")
    folder = tmp_path_factory.mktemp("word")
    profile = tmp_path_factory.mktemp("lo-profile")
    _convert(texts, "docx", folder, profile)
    docx = sorted(folder.glob("*.docx"))
    _convert(docx, "doc", folder, profile)
    pairs = [(d, d.with_suffix(".doc")) for d in docx if d.with_suffix(".doc").exists()]
    assert len(pairs) == len(texts), "LibreOffice did not convert every file"
    return pairs


def _shape(path: Path):
    doc = import_file(path)
    return doc.metadata, [(c.label, c.path, c.level, c.text) for c in doc.walk()]


def test_doc_gives_the_same_document_as_docx(word_pairs):
    differ = []
    for docx, doc in word_pairs:
        if _shape(docx) != _shape(doc):
            differ.append(doc.name)
    assert not differ, f"{len(differ)} of {len(word_pairs)} differ: {differ}"


def test_a_wps_file_in_word_format_is_read_like_the_doc(word_pairs, tmp_path):
    docx, doc = word_pairs[0]
    wps = tmp_path / (doc.stem + ".wps")
    shutil.copyfile(doc, wps)
    assert _shape(wps) == _shape(docx)
    assert import_file(wps).format == "doc"


def test_a_wps_file_of_another_kind_is_refused_with_a_hint(tmp_path):
    works = tmp_path / "旧文件.wps"
    works.write_bytes(b"\x00\x01Microsoft Works document" + bytes(600))
    with pytest.raises(DocumentError, match="另存为 .docx"):
        import_file(works)


def test_chinese_text_and_paragraphs_of_a_doc(word_pairs):
    seed_pairs = [p for p in word_pairs if p[1].name.startswith("000_")]
    if not seed_pairs:
        pytest.skip("seed 000 absent")
    doc = import_file(seed_pairs[0][1])
    assert doc.metadata.doc_number == "厦湖科工函〔2025〕13号"
    assert [c.label for c in doc.clauses if c.label][:3] == ["一、", "二、", "三、"]


# --- OFD -------------------------------------------------------------------------------------
needs_ofd = pytest.mark.skipif(not OFD.is_dir(), reason=f"OFD samples not found at {OFD}")


@needs_ofd
def test_a_red_head_document_comes_out_in_reading_order_with_its_metadata():
    doc = import_file(OFD / "n.ofd")
    assert doc.metadata.doc_number == "路卫发〔2011〕76号"
    assert doc.metadata.issued_date == "2011-03-10"
    assert doc.metadata.title == "关于同意张阿三同志辞职的批复"  # not the 版头 "…卫生局文件"
    assert "区中医院" in doc.metadata.addressee
    text = "\n".join(c.text for c in doc.walk())
    order = ["收悉。", "张阿三，男", "未到单位上班"]
    positions = [text.find(part) for part in order]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), positions
    raw = read_ofd(OFD / "n.ofd").lines
    head = [
        raw.index(line) for line in ("路卫发〔2011〕76号", "关于同意张阿三同志辞职的批复", "2011年3月10日")
    ]
    assert head == sorted(head)  # 文号, then title, then the 落款 date: the red head's order
    assert not any("— 1 —" in line or "— 2 —" in line for line in raw)  # page numbers are not text


@needs_ofd
def test_ofd_lines_are_rejoined_into_paragraphs():
    doc = import_file(OFD / "hello.ofd")
    paragraphs = [c.text for c in doc.walk()]
    body = "\n".join(paragraphs)
    assert "但我们没有人根据了“礼尚往来”的仪节，说道：拿来！" in body
    # A paragraph of the essay spans several printed lines; each must be one paragraph here.
    assert any(len(p) > 150 for p in body.split("\n"))


@needs_ofd
@pytest.mark.parametrize("name", ["namespace_no_std.ofd", "chineseDir.ofd", "path_unstd.ofd"])
def test_non_standard_packages_are_read(name):
    assert "".join(read_ofd(OFD / name).lines).strip()


@needs_ofd
@pytest.mark.parametrize("name", ["V4RideRight.ofd", "containsJPEG.ofd"])
def test_pages_without_a_text_layer_get_the_scan_message(name):
    with pytest.raises(DocumentError, match="没有文字层"):
        import_file(OFD / name)


@needs_ofd
def test_an_ofd_table_keeps_its_cells_apart():
    lines = read_ofd(OFD / "signout.ofd").lines
    assert "府办专督〔2020〕24" in lines
    assert "公文标题 市委主要领导同志调研后续落实事项的通知" in lines  # label and cell, apart


@needs_ofd
def test_the_cli_imports_a_folder_with_ofd_and_doc_files(word_pairs, tmp_path):
    """Folder import (the window's drag-and-drop and import dialog use the same walk) takes the
    new extensions."""
    import json
    import sys

    folder = tmp_path / "来文"
    folder.mkdir()
    shutil.copyfile(OFD / "n.ofd", folder / "批复.ofd")
    shutil.copyfile(word_pairs[0][1], folder / "答复.doc")
    shutil.copyfile(word_pairs[1][1], folder / "答复.wps")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "import",
            str(folder),
            "--library",
            str(tmp_path / "lib.db"),
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    statuses = {Path(r["path"]).name: r["status"] for r in json.loads(done.stdout)}
    assert statuses == {"批复.ofd": "imported", "答复.doc": "imported", "答复.wps": "imported"}
