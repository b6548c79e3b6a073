"""Saving never leaves a half-written pack or a stray temporary file, and says why it failed."""

from __future__ import annotations

import os

import pytest

from exporters import atomic
from exporters.docx_writer import write_brief
from exporters.errors import ExportError
from tests.exporters.conftest import one_item_brief
from tests.exporters.reading import open_docx


def _leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


# An earlier Word file at the target: the only kind of file an export replaces (a zip's head).
OLD_PACK = b"PK\x03\x04 old pack"


def test_overwrites_an_existing_file_completely(tmp_path):
    target = tmp_path / "简报.docx"
    target.write_bytes(OLD_PACK)
    assert write_brief(one_item_brief(), target) == target
    assert open_docx(target).paragraphs
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("content", [b"SQLite format 3\x00" + bytes(100), "会议记录".encode(), b"%PDF-1.7"])
def test_never_replaces_a_file_that_is_not_a_word_file(tmp_path, content):
    """A library (or anything else) that happens to carry the chosen .docx name is not destroyed."""
    target = tmp_path / "简报.docx"
    target.write_bytes(content)
    with pytest.raises(ExportError, match="不是 Word 文件"):
        write_brief(one_item_brief(), target)
    assert target.read_bytes() == content
    assert _leftovers(tmp_path) == []


def test_new_file_mode_follows_the_umask_not_owner_only(tmp_path):
    old = os.umask(0o022)
    try:
        target = write_brief(one_item_brief(), tmp_path / "b.docx")
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644


def test_parent_is_a_file(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="不存在"):
        write_brief(one_item_brief(), blocker / "b.docx")
    assert _leftovers(tmp_path) == []


def test_missing_folder(tmp_path):
    with pytest.raises(ExportError, match="请选择一个已存在的文件夹"):
        write_brief(one_item_brief(), tmp_path / "no" / "such" / "b.docx")


def test_target_is_a_folder(tmp_path):
    folder = tmp_path / "b.docx"
    folder.mkdir()
    with pytest.raises(ExportError, match="文件夹"):
        write_brief(one_item_brief(), folder)
    assert folder.is_dir() and list(folder.iterdir()) == []
    assert _leftovers(tmp_path) == []


def test_locked_target_keeps_old_file_and_removes_temp(tmp_path, monkeypatch):
    """On Windows, replacing a file open in Word raises PermissionError."""
    target = tmp_path / "b.docx"
    target.write_bytes(OLD_PACK)

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(atomic.os, "replace", locked)
    with pytest.raises(ExportError, match="Word 或 WPS 中打开") as caught:
        write_brief(one_item_brief(), target)
    assert "原文件未被改动" in str(caught.value)
    assert target.read_bytes() == OLD_PACK
    assert _leftovers(tmp_path) == []


def test_unwritable_folder(tmp_path, monkeypatch):
    """Tests run as root, so chmod cannot stand in for a read-only folder; os.open can."""

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "open", denied)
    with pytest.raises(ExportError, match="没有在文件夹"):
        write_brief(one_item_brief(), tmp_path / "b.docx")


def test_disk_full_while_saving_keeps_old_file(tmp_path, monkeypatch):
    target = tmp_path / "b.docx"
    target.write_bytes(OLD_PACK)

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(ExportError, match="No space left"):
        write_brief(one_item_brief(), target)
    assert target.read_bytes() == OLD_PACK
    assert _leftovers(tmp_path) == []


def test_unexpected_error_also_cleans_up(tmp_path, monkeypatch):
    def boom(src, dst):
        raise RuntimeError("boom")

    monkeypatch.setattr(atomic.os, "replace", boom)
    with pytest.raises(RuntimeError):
        write_brief(one_item_brief(), tmp_path / "b.docx")
    assert list(tmp_path.iterdir()) == []
