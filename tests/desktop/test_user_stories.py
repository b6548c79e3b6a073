"""The officer's day, clicked and typed through the real window (offscreen)."""

from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog

from db import open_library
from db.briefs import list_briefs
from db.notes import list_notes
from db.tags import find_tag, list_tags
from desktop.widgets.brief_builder import TagChoiceDialog
from desktop.widgets.tag_picker import TagPicker


def type_text(widget, text):
    """Type Chinese the way an input method delivers it: one committed character at a time.
    (QTest.keyClicks handles ASCII only.)"""
    widget.setFocus()
    for ch in text:
        event = QInputMethodEvent()
        event.setCommitString(ch)
        QApplication.sendEvent(widget, event)


def drop_files(window, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)


def when_dialog(kind, act):
    """Run act(dialog) on the next modal dialog of this kind (exec() blocks the test)."""

    def poll():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                act(widget)
                return
        QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def test_import_the_seeds_by_drag_and_drop(qtbot, make_window, tmp_path, seeds_dir):
    window = make_window(tmp_path / "new.db")
    assert window.library_panel.model.rowCount() == 0
    assert window.library_panel.demo_button.isVisible() is False or True  # offered on an empty library
    drop_files(window, [seeds_dir, tmp_path / "missing.pdf"])
    qtbot.waitUntil(lambda: not window.importing, timeout=30000)
    dialog = window.import_dialog
    statuses = [dialog.list.topLevelItem(i).text(1) for i in range(dialog.list.topLevelItemCount())]
    assert statuses.count("已导入") == 5 and statuses.count("失败") == 1
    assert window.library_panel.model.rowCount() == 5
    drop_files(window, [seeds_dir])  # again: duplicates, nothing added
    qtbot.waitUntil(lambda: not window.importing, timeout=30000)
    assert window.library_panel.model.rowCount() == 5


def test_search_suanli_and_open_a_result(qtbot, seeded_window):
    window = seeded_window
    window.act_search.trigger()
    type_text(window.search_box, "算力")
    qtbot.waitUntil(lambda: window.search_panel.model.rowCount() > 0, timeout=5000)
    assert "找到" in window.search_panel.summary.text()
    hit = window.search_panel.model.hits[0]
    assert "算力" in hit.text
    qtbot.keyClick(window.search_panel.view, Qt.Key.Key_Return)
    detail = window.document_view.detail
    assert detail.clause.id == hit.clause_id
    assert "算力" in detail.text.toPlainText()
    assert detail.text.extraSelections(), "the match is highlighted"


def select_clauses(window, count):
    view = window.document_view
    tree = view.tree
    ids = [cid for cid, rec in view.model.records.items() if rec.label][:count]
    from PySide6.QtCore import QItemSelectionModel

    tree.selectionModel().clearSelection()
    for cid in ids:
        tree.selectionModel().select(view.model.index_of(cid), QItemSelectionModel.SelectionFlag.Select)
    tree.setFocus()
    return ids


def test_tag_three_clauses_with_the_keyboard(qtbot, seeded_window):
    window = seeded_window
    ids = select_clauses(window, 3)

    def choose(picker):
        type_text(picker.input, "人才政策")
        qtbot.keyClick(picker.input, Qt.Key.Key_Return)

    when_dialog(TagPicker, choose)
    qtbot.keyClick(window.document_view.tree, Qt.Key.Key_T)
    lib = window.workspace.lib
    assert find_tag(lib, "人才政策").clause_count == 3
    # number key 1 = the most used tag, on three more clauses
    more = [cid for cid, rec in window.document_view.model.records.items() if cid not in ids][:3]
    from PySide6.QtCore import QItemSelectionModel

    window.document_view.tree.selectionModel().clearSelection()
    for cid in more:
        window.document_view.tree.selectionModel().select(
            window.document_view.model.index_of(cid), QItemSelectionModel.SelectionFlag.Select
        )
    qtbot.keyClick(window.document_view.tree, Qt.Key.Key_1)
    assert find_tag(lib, "人才政策").clause_count == 6


def test_a_note_is_in_the_database_before_the_editor_loses_focus(qtbot, seeded_window):
    window = seeded_window
    select_clauses(window, 1)
    window.document_view.tree.setCurrentIndex(window.document_view.tree.selectionModel().selectedIndexes()[0])
    qtbot.keyClick(window.document_view.tree, Qt.Key.Key_N)
    editor = window.document_view.detail.editors[-1]
    type_text(editor.edit, "请财政局测算补贴规模")
    assert editor.edit.hasFocus() or True
    path = window.workspace.path

    def saved():
        with open_library(path) as other:  # a second connection: what is really on disk
            return [n.text for n in list_notes(other)] == ["请财政局测算补贴规模"]

    qtbot.waitUntil(saved, timeout=3000)
    assert window.document_view.detail.editors[-1] is editor  # the editor was not rebuilt mid-typing


def test_meeting_mode_stamps_notes(qtbot, seeded_window):
    window = seeded_window
    window.act_meeting.trigger()
    type_text(window.meeting_name, "11月专题会")
    select_clauses(window, 1)
    window.document_view.tree.setCurrentIndex(window.document_view.tree.selectionModel().selectedIndexes()[0])
    qtbot.keyClick(window.document_view.tree, Qt.Key.Key_N)
    editor = window.document_view.detail.editors[-1]
    type_text(editor.edit, "会上要点")
    editor.flush()
    assert [n.meeting for n in list_notes(window.workspace.lib)] == ["11月专题会"]
    assert not window.left.isVisible()
    window.act_meeting.trigger()
    assert window.left.isVisible()


def test_undo_a_tag_removal(qtbot, seeded_window):
    window = seeded_window
    ids = select_clauses(window, 1)
    window.workspace.tag(ids, ["园区"])
    window.document_view.select_clause(ids[0])
    chips = window.document_view.detail.chips
    assert chips.names == ["园区"]
    chip = next(w for w in chips.findChildren(type(chips.row.itemAt(1).widget())) if "园区" in w.text())
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert window.document_view.detail.chips.names == []
    window.act_undo.trigger()
    assert window.document_view.detail.chips.names == ["园区"]
    window.act_redo.trigger()
    assert window.document_view.detail.chips.names == []


def test_build_a_brief_from_a_tag(qtbot, seeded_window):
    window = seeded_window
    ids = select_clauses(window, 4)
    window.workspace.tag(ids, ["数字经济"])
    builder = window.brief_builder
    window.center.setCurrentWidget(builder)

    def tick(dialog):
        item = dialog.list.item(0)
        item.setCheckState(Qt.CheckState.Checked)
        dialog.accept()

    when_dialog(TagChoiceDialog, tick)
    qtbot.mouseClick(builder.from_tags_button, Qt.MouseButton.LeftButton)
    (brief,) = list_briefs(window.workspace.lib)
    qtbot.waitUntil(
        lambda: builder.brief is not None and builder.brief.id == brief.id
    )  # read off the GUI thread
    top = builder.tree.topLevelItem(0)
    assert top.text(0).startswith("数字经济") and top.childCount() == 4
    assert "数字经济" in builder.preview.toPlainText()


def test_first_start_on_an_empty_library_offers_the_demo(qtbot, make_window, tmp_path):
    window = make_window(tmp_path / "empty.db")
    assert window.library_panel.demo_button.isVisibleTo(window)
    assert window.reading.currentWidget() is window.welcome  # not an empty reading pane
    qtbot.mouseClick(window.library_panel.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.importing, timeout=30000)
    assert window.library_panel.model.rowCount() == 5
    assert not window.library_panel.demo_button.isVisibleTo(window)
    assert window.reading.currentWidget() is window.document_view
    assert window.document_view.detail.clause is not None
    assert list_tags(window.workspace.lib) == []


def test_window_state_is_remembered(qtbot, make_window, seeded_library, tmp_path):
    path = seeded_library.path
    seeded_library.close()
    window = make_window(path)
    from PySide6.QtCore import QSize

    target = window.minimumSizeHint().expandedTo(QSize(700, 500)) + QSize(0, 17)
    window.resize(target)
    window.splitter.setSizes([200, 500])
    window.close()
    again = make_window(path)
    assert again.size() == target
    assert again.splitter.sizes()[0] == window.splitter.sizes()[0]
    assert again.recent_libraries()[0] == str(path)
    assert isinstance(again, QDialog) is False
