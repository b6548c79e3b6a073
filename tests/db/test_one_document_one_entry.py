"""Issue 15: one document, one entry. The same document imported in another format is a duplicate of the
entry already there (and the import says which); a real new version (changed text) is still a new version."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from db import add_document, list_documents, replaced_versions_of
from desktop.cli import main
from desktop.import_service import import_one
from importers import import_file

DOCS = Path(__file__).resolve().parents[1] / "corpus" / "real" / "docs"


def _copy(tmp_path: Path, name: str, as_name: str) -> Path:
    target = tmp_path / as_name
    shutil.copyfile(DOCS / name, target)
    return target


def test_the_saved_page_of_an_imported_text_is_a_duplicate(library, tmp_path) -> None:
    txt = _copy(tmp_path, "026.txt", "意见.txt")
    first = add_document(library, import_file(txt))
    assert first.status == "imported"
    page = _copy(tmp_path, "026.html", "意见（网页）.html")
    result = import_one(library, page)
    assert (result.status, result.document_id) == ("duplicate", first.document_id)
    assert result.existing_source == "意见.txt"
    assert "国务院关于在市场监管领域全面推行" in result.duplicate_note()
    assert str(first.document_id) in result.duplicate_note()
    assert len(list_documents(library)) == 1
    assert replaced_versions_of(library, first.document_id) == []  # not stored as a new version either


def test_a_changed_text_is_still_a_new_version(library, tmp_path) -> None:
    txt = _copy(tmp_path, "026.txt", "意见.txt")
    first = add_document(library, import_file(txt))
    changed = tmp_path / "意见-修订.txt"
    text = txt.read_text(encoding="utf-8")
    assert "到2019年底" in text
    changed.write_text(text.replace("到2019年底", "到2020年底"), encoding="utf-8")
    second = add_document(library, import_file(changed))
    assert (second.status, second.document_id) == ("updated", first.document_id)
    assert len(replaced_versions_of(library, first.document_id)) == 1


def test_cli_names_the_entry_a_duplicate_belongs_to(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("POLICYBRIEF_LIBRARY", raising=False)
    lib = str(tmp_path / "lib.db")
    txt = _copy(tmp_path, "036.txt", "转发通知.txt")
    page = _copy(tmp_path, "036.html", "转发通知.html")
    assert main(["import", str(txt), "--library", lib]) == 0
    capsys.readouterr()
    assert main(["import", str(page), "--library", lib]) == 0
    out = capsys.readouterr().out
    assert (
        out.startswith("duplicate")
        and "与已有文件 1《国务院办公厅转发国家地震局" in out
        and "转发通知.txt" in out
    )
    assert main(["import", str(page), "--library", lib, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["duplicate_of"] == {
        "document_id": 1,
        "title": data[0]["duplicate_of"]["title"],
        "source": "转发通知.txt",
    }


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_the_word_and_pdf_copies_of_an_imported_text_are_duplicates(library, tmp_path) -> None:
    txt = _copy(tmp_path, "044.txt", "044.txt")
    first = add_document(library, import_file(txt))
    out = tmp_path / "made"
    env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp"}
    for target in ("docx:MS Word 2007 XML", "pdf:writer_pdf_Export"):
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                "--headless",
                "--infilter=Text (encoded):UTF8,LF,,,",
                "--convert-to",
                target,
                "--outdir",
                str(out),
                str(txt),
            ],
            check=False,
            capture_output=True,
            timeout=600,
            env=env,
        )
    for made in ("044.docx", "044.pdf"):
        result = import_one(library, out / made)
        assert (result.status, result.document_id) == ("duplicate", first.document_id), made
    assert len(list_documents(library)) == 1
