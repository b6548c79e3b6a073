"""Issue 15: a missing field is shown as missing. The reading pane and the citation mark a missing 文号, issuer or
date as 待补, and the library can list the documents whose metadata is incomplete (db, CLI, library panel)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from db import add_document, list_documents, open_library
from desktop.cli import main
from exporters.brief import SourceDoc
from exporters.citation import cite_source
from importers import import_file

DOCS = Path(__file__).resolve().parent / "corpus" / "real" / "docs"
COMPLETE, BARE = "026", "001"  # a 国务院 意见 with 文号/落款; a regulation with none of the three


@pytest.fixture
def two_docs(tmp_path) -> Path:
    path = tmp_path / "lib.db"
    lib = open_library(path)
    for doc_id in (COMPLETE, BARE):
        target = tmp_path / f"{doc_id}.txt"
        shutil.copyfile(DOCS / f"{doc_id}.txt", target)
        add_document(lib, import_file(target))
    lib.close()
    return path


def test_the_library_lists_documents_whose_metadata_is_incomplete(two_docs) -> None:
    lib = open_library(two_docs)
    try:
        every = list_documents(lib)
        incomplete = list_documents(lib, incomplete=True)
    finally:
        lib.close()
    assert len(every) == 2
    assert [d.title for d in incomplete] == ["中华人民共和国邮政法实施细则"]
    assert incomplete[0].missing_fields == ("doc_number", "issuer", "issued_date")
    assert next(d for d in every if d.doc_number).missing_fields == ()


def test_cli_docs_incomplete(two_docs, capsys, monkeypatch) -> None:
    monkeypatch.delenv("POLICYBRIEF_LIBRARY", raising=False)
    assert main(["docs", "--incomplete", "--library", str(two_docs), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["title"] for d in data] == ["中华人民共和国邮政法实施细则"]
    assert main(["docs", "--incomplete", "--library", str(two_docs)]) == 0
    out = capsys.readouterr().out
    assert "日期待补" in out and "文号待补" in out and "[待补：文号、发文机关、日期]" in out
    assert "国务院关于在市场监管领域" not in out
    assert main(["docs", "--library", str(two_docs)]) == 0
    assert "国发〔2019〕5号" in capsys.readouterr().out


def test_a_citation_marks_what_is_missing() -> None:
    assert (
        cite_source(SourceDoc("规划", "", "市工信局", ""), "六/（三）", mark_missing=True)
        == "《规划》（文号待补）六（三），市工信局，日期待补"
    )
    full = SourceDoc("规划", "工信〔2022〕1号", "市工信局", "2022-02")
    assert "待补" not in cite_source(full, "六", mark_missing=True)
