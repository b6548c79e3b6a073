"""PolicyBrief never touches the network: an officer's laptop may have none, or a monitored one.

Every way Python opens a connection or resolves a name is made to fail loudly, then the real
code paths run: import (plain text, a saved web page with a remote DTD, a Word file), search
with jieba loaded from scratch, tags, notes, a brief and the Word export, and the CLI.
Attempts are also recorded, so code that catches the error and carries on still fails here.
"""

from __future__ import annotations

import json
import socket
import zipfile

import pytest

from db import add_document, document_clauses, search, segment
from db.briefs import brief_from_tags
from db.notes import add_note, notes_for_clause
from db.tags import tag_clauses
from exporters.docx_writer import write_brief
from exporters.sample import sample_brief
from importers import import_file

UNSPACED = "数字经济中小企业"  # finds nothing as typed: db.search re-splits it with jieba


class NetworkUsedError(AssertionError):
    """Raised instead of opening a connection (an AssertionError, so `except OSError` can't hide it)."""


def block_network(monkeypatch) -> list[str]:
    """Make every connection and name look-up raise; returns the list of attempts."""
    attempts: list[str] = []

    def refuse(name):
        def blocked(*args, **kwargs):
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise NetworkUsedError(f"PolicyBrief tried to use the network: {name}{args}")

        return blocked

    for attr in ("connect", "connect_ex", "sendto", "sendmsg"):
        monkeypatch.setattr(socket.socket, attr, refuse(f"socket.{attr}"))
    for attr in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, attr, refuse(attr))
    return attempts


@pytest.fixture
def no_network(monkeypatch):
    attempts = block_network(monkeypatch)
    yield attempts
    assert not attempts, f"network used: {attempts}"


@pytest.fixture
def fresh_jieba(monkeypatch, tmp_path):
    """jieba unloaded and its cache folder empty, so its whole start-up runs under the block."""
    cache = tmp_path / "user-cache" / "jieba"
    monkeypatch.setattr(segment, "_tokenizer", None)  # restored afterwards: other tests stay warm
    monkeypatch.setattr(segment, "_cache_dir", None)
    segment.configure_cache_dir(cache)
    return cache


def test_blocker_blocks(monkeypatch):
    """The blocker itself works: each way in fails and is recorded (urllib included)."""
    import urllib.request

    attempts = block_network(monkeypatch)
    with pytest.raises(NetworkUsedError):
        socket.create_connection(("192.0.2.1", 80), timeout=0.01)
    with socket.socket() as s, pytest.raises(NetworkUsedError):
        s.connect(("192.0.2.1", 80))
    with pytest.raises(NetworkUsedError):
        urllib.request.urlopen("http://192.0.2.1/", timeout=0.01)
    assert len(attempts) == 3


def test_import_search_tag_note_export_offline(
    no_network, fresh_jieba, library, seeds_dir, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # so a stray write to the working directory would show
    for path in sorted(seeds_dir.iterdir()):
        add_document(library, import_file(path))

    plain = search(library, "数字经济")
    assert plain.total > 0 and not plain.resplit
    assert not segment.is_loaded()  # a query that matches as typed never loads jieba
    resplit = search(library, UNSPACED)
    assert resplit.resplit and resplit.total > 0, "the jieba re-split found nothing"
    assert (fresh_jieba / "jieba.cache").is_file(), "jieba's cache belongs in the user cache folder"
    assert not list(tmp_path.glob("*.cache"))

    clause_ids = [hit.clause_id for hit in resplit.hits[:3]]
    assert tag_clauses(library, clause_ids, ["数字经济"]) == len(clause_ids)
    note = add_note(library, clause_ids[0], "离线批注：会上确认", meeting="离线测试会")
    assert notes_for_clause(library, clause_ids[0]) == [note]

    saved = brief_from_tags(library, "数字经济条文", ["数字经济"])
    brief = _brief_for_export(library, saved.id)
    out = write_brief(brief, tmp_path / "brief.docx")
    assert "数字经济" in zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")

    # The exported Word file imports again (python-docx reading, lxml): still offline.
    reread = import_file(out)
    assert reread.clauses


def _brief_for_export(library, brief_id):
    """A saved brief with its notes, as the app exports it; the sample brief where the
    assembler is not available (it is built in exporters.assemble)."""
    try:
        from exporters.assemble import brief_from_library
    except ImportError:  # pragma: no cover - only before exporters.assemble existed
        return sample_brief()
    return brief_from_library(library, brief_id)


def test_sample_brief_export_offline(no_network, tmp_path):
    out = write_brief(sample_brief(), tmp_path / "sample.docx")
    assert zipfile.is_zipfile(out)


def test_saved_web_page_with_remote_dtd_offline(no_network, library, tmp_path):
    """A page saved from a government site names the W3C DTD; parsing must not fetch it."""
    page = tmp_path / "通知.html"
    page.write_text(
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><meta charset="utf-8"/>'
        "<title>关于推进数字经济发展的通知</title>"
        '<link rel="stylesheet" href="https://www.example.gov.cn/style.css"/>'
        '<script src="https://www.example.gov.cn/tracker.js"></script></head><body>'
        "<h1>关于推进数字经济发展的通知</h1><p>各区人民政府：</p>"
        "<p>一、加快数字基础设施建设。推进算力中心建设。</p>"
        '<p>二、支持中小企业数字化转型。<img src="https://www.example.gov.cn/a.png"/></p>'
        "</body></html>",
        encoding="utf-8",
    )
    outcome = add_document(library, import_file(page))
    texts = [c.text for c in document_clauses(library, outcome.document_id)]
    assert any("中小企业" in t for t in texts)
    assert search(library, "算力中心").total == 1


def test_cli_offline(no_network, seed, tmp_path, capsys, monkeypatch):
    from desktop.cli import main

    monkeypatch.setenv("POLICYBRIEF_LIBRARY", str(tmp_path / "cli.db"))
    assert main(["parse", str(seed("000")), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["clauses"]
