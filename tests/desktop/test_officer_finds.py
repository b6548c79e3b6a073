"""Issue 17: what an officer looks for in the window — help, text size, restore, recent libraries."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from db import list_documents
from db.backup import backup_library
from db.notes import add_note, list_notes
from desktop import __version__
from desktop.__main__ import main


def test_f1_shows_the_shortcut_card_and_about_says_where_things_are(qtbot, seeded_window):
    window = seeded_window
    menus = [a.text() for a in window.menuBar().actions()]
    assert "帮助(&H)" in menus
    window.act_shortcuts.trigger()
    card = window.shortcut_card.view.toPlainText()
    assert all(key in card for key in ("F9", "Ctrl+B", "Ctrl+=", "T", "N"))
    assert window.act_shortcuts.shortcut().toString() == "F1"
    window.act_about.trigger()
    about = window.about_dialog.text.text()
    assert __version__ in about and str(window.workspace.path) in about and "数据文件夹" in about


def test_text_size_is_changed_with_the_keyboard_and_remembered(qtbot, make_window, seeded_library):
    path = seeded_library.path
    seeded_library.close()
    window = make_window(path)
    normal = window.document_view.detail.text.font().pointSizeF()
    window.act_bigger.trigger()
    window.act_bigger.trigger()
    assert window.document_view.detail.text.font().pointSizeF() == normal + 2
    assert "Ctrl+0" in window.statusBar().currentMessage()
    window.close()
    again = make_window(path)
    assert again.document_view.detail.text.font().pointSizeF() == normal + 2
    again.act_meeting.trigger()  # meeting mode enlarges on top of the officer's size
    assert again.document_view.detail.text.font().pointSizeF() > normal + 2
    note = again.document_view.detail.new_note()
    assert note.edit.font().pointSizeF() == 11 + 2 + 3  # notes too: normal 11 pt, +2 steps, +3 in a meeting
    again.act_meeting.trigger()
    again.act_normal_size.trigger()
    assert again.document_view.detail.text.font().pointSizeF() == normal


def test_restore_from_a_backup_inside_the_app(qtbot, seeded_window, tmp_path, monkeypatch):
    window = seeded_window
    lib = window.workspace.lib
    backup = backup_library(lib, tmp_path / "周一备份.db")
    doc = list_documents(lib)[0]
    add_note(lib, window.workspace.clauses(doc.id)[0].id, "备份之后写的批注")
    window.workspace.workChanged.emit()
    panel = window.notes_panel
    qtbot.waitUntil(lambda: panel.list.count() == 1)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.act_restore.trigger()
    qtbot.waitUntil(lambda: "已从备份恢复" in window.statusBar().currentMessage(), timeout=20000)
    assert list_notes(window.workspace.lib) == []  # the open connection sees the restored content
    qtbot.waitUntil(lambda: panel.list.count() == 0)  # and the views were reloaded
    assert list(tmp_path.glob("library.before-restore.*.db")), "the content before is kept"


def test_recent_libraries_reopen_from_the_file_menu(qtbot, seeded_window, tmp_path):
    window = seeded_window
    first = str(window.workspace.path)
    second = backup_library(window.workspace.lib, tmp_path / "第二个.db")
    assert window.open_library(second)
    entries = {a.text(): a for a in window.recent_menu.actions()}
    assert first in entries and entries[first].isEnabled()
    assert not entries[str(second)].isEnabled()  # the one open now
    entries[first].trigger()
    assert str(window.workspace.path) == first


def test_the_long_analyses_show_progress_and_can_be_cancelled(qtbot, seeded_window):
    from desktop.tasks import wait_for_background

    window = seeded_window
    window.act_targets.trigger()
    dialog = window.targets_dialog
    qtbot.addWidget(dialog)
    assert dialog.progress.isVisibleTo(dialog)  # the window is usable while targets are found
    qtbot.mouseClick(dialog.progress.cancel_button, Qt.MouseButton.LeftButton)
    wait_for_background()
    qtbot.wait(0)  # deliver whatever the worker reported
    assert not dialog.progress.isVisibleTo(dialog)
    assert "已取消" in dialog.summary.text() and dialog.model.rowCount() == 0
    window.act_targets.trigger()  # again, to the end
    dialog = window.targets_dialog
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=20000)
    assert not dialog.progress.isVisibleTo(dialog)


def test_help_lists_the_window_options(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert "--library" in out and "--demo" in out and "search" in out


def test_the_file_dialog_speaks_chinese(qtbot):
    from PySide6.QtWidgets import QApplication, QLabel

    from desktop.app import install_translations

    install_translations(QApplication.instance())
    dialog = QFileDialog(None, "导入文件", "", "政策文件 (*.txt)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own dialog, as on Linux
    qtbot.addWidget(dialog)
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "查找范围" in labels and "文件类型" in labels and "文件名称" in labels
    assert not any(word in labels for word in ("Look in", "Files of type", "File name"))


def test_print_the_clause_or_the_brief_preview(qtbot, seeded_window, monkeypatch):
    from PySide6.QtGui import QTextDocument
    from PySide6.QtPrintSupport import QPrintDialog

    window = seeded_window
    printed = []
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QPrintDialog.DialogCode.Accepted)
    monkeypatch.setattr(QTextDocument, "print_", lambda self, printer: printed.append(self.toPlainText()))
    window.act_print.trigger()
    assert printed == [window.document_view.detail.text.toPlainText()]
    window.center.setCurrentWidget(window.brief_builder)
    window.act_print.trigger()
    assert printed[-1] == window.brief_builder.preview.toPlainText()
