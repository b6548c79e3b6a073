"""Autosave when the library is busy: never silent, never lost (issue 13).

Another process holds the library's write lock (as a big import in a second window does). The
window must not freeze for the lock's timeout, must say the note is not saved, keep the text
safe on disk outside the library, and write it as soon as the lock is gone: by the editor's own
retry, by the workspace after the editor went away, or at the next start after a close.
"""

from __future__ import annotations

import json

import pytest

from tests.robustness.conftest import make_small_library, notes_on_disk
from tests.robustness.locks import exclusive_lock


@pytest.fixture
def library(tmp_path):
    return make_small_library(tmp_path / "library.db")


def type_note(window, text: str):
    view = window.document_view
    clause = next(cid for cid, rec in view.model.records.items() if rec.label)
    view.select_clause(clause)
    editor = view.detail.new_note()
    editor.edit.insertPlainText(text)
    return editor


def drafts(tmp_path) -> list[dict]:
    path = tmp_path / "unsaved-notes.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def open_first_document(window) -> None:
    window.open_document(window.workspace.documents()[0].id)


def test_a_note_typed_while_another_process_writes_is_marked_kept_and_saved_later(
    make_window, library, tmp_path, qtbot
):
    window = make_window(library)
    open_first_document(window)
    with exclusive_lock(library):
        editor = type_note(window, "会上要求两周内反馈")
        assert editor.flush() is False  # the lock is held: not saved, and the window is free
        assert editor.unsaved and "未保存" in editor.info.text()
        assert "批注尚未保存" in window.statusBar().currentMessage()
        assert [d["text"] for d in drafts(tmp_path)] == ["会上要求两周内反馈"]
        assert "会上要求两周内反馈" not in notes_on_disk(library)
    qtbot.waitUntil(lambda: not editor.unsaved, timeout=10000)  # the editor's own retry
    assert "会上要求两周内反馈" in notes_on_disk(library)
    assert drafts(tmp_path) == []
    assert "未保存" not in editor.info.text()


def test_an_unsaved_note_whose_editor_went_away_is_saved_by_the_workspace(
    make_window, library, tmp_path, qtbot
):
    window = make_window(library)
    open_first_document(window)
    with exclusive_lock(library):
        editor = type_note(window, "切换条文前没保存上的批注")
        assert editor.flush() is False
        view = window.document_view
        other = [cid for cid, rec in view.model.records.items() if rec.label][-1]
        view.select_clause(other)  # the editor is destroyed
    qtbot.waitUntil(lambda: "切换条文前没保存上的批注" in notes_on_disk(library), timeout=10000)
    qtbot.waitUntil(lambda: drafts(tmp_path) == [], timeout=5000)
    assert notes_on_disk(library).count("切换条文前没保存上的批注") == 1


def test_closing_while_a_note_is_unsaved_saves_it_at_the_next_start(make_window, library, tmp_path, qtbot):
    window = make_window(library)
    open_first_document(window)
    with exclusive_lock(library):
        editor = type_note(window, "关窗前没保存上的批注")
        editor.edit.insertPlainText("，还有一句")
        window.close()
        assert [d["text"] for d in drafts(tmp_path)] == ["关窗前没保存上的批注，还有一句"]
    assert "关窗前没保存上的批注，还有一句" not in notes_on_disk(library)
    again = make_window(library)
    assert notes_on_disk(library).count("关窗前没保存上的批注，还有一句") == 1
    assert "上次未能保存的 1 条批注" in again.statusBar().currentMessage()
    assert drafts(tmp_path) == []


def test_a_damaged_drafts_file_is_ignored(make_window, library, tmp_path):
    (tmp_path / "unsaved-notes.json").write_text('[{"key": 1, "library": [], "text": null}, 7, "x"', "utf-8")
    window = make_window(library)
    assert window.workspace.lib is not None
    assert notes_on_disk(library) == ["第一条批注：会前已保存"]


def test_steady_typing_cannot_postpone_the_save(make_window, library, qtbot):
    """The save timer starts at the first unsaved keystroke and is not restarted by later ones."""
    window = make_window(library)
    open_first_document(window)
    editor = type_note(window, "第一")
    assert editor.timer.isActive()
    remaining = editor.timer.remainingTime()
    editor.edit.insertPlainText("个字")
    assert editor.timer.remainingTime() <= remaining
    qtbot.waitUntil(lambda: "第一个字" in notes_on_disk(library), timeout=5000)
