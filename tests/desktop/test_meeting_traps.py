"""Issue 17: the traps an officer fell into in a real meeting, each told as a story."""

from PySide6.QtCore import QSettings, Qt

from db import list_documents
from db.briefs import add_to_brief, create_brief, get_brief, list_briefs
from db.notes import list_notes
from desktop.main_window import MainWindow
from desktop.widgets.brief_builder import TagChoiceDialog
from desktop.widgets.tag_picker import TagPicker
from tests.desktop.test_user_stories import select_clauses, type_text, when_dialog


def test_closing_in_meeting_mode_keeps_the_panels_usable(qtbot, make_window, seeded_library):
    path = seeded_library.path
    seeded_library.close()
    window = make_window(path)
    window.act_meeting.trigger()
    assert not window.left.isVisible()
    window.close()  # the officer closes the laptop lid in the meeting
    again = make_window(path)
    assert again.left.isVisible() and again.splitter.sizes()[0] >= 200
    again.act_meeting.trigger()
    again.act_meeting.trigger()  # F9 twice: in and out
    assert again.left.isVisible() and again.splitter.sizes()[0] >= 200


def test_a_collapsed_panel_saved_by_an_older_build_is_restored_usable(
    qtbot, make_window, seeded_library, tmp_path
):
    path = seeded_library.path
    seeded_library.close()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("mainSplitter", [0, 1360])
    settings.sync()
    window = make_window(path)
    assert window.splitter.sizes()[0] >= 200


def test_after_f9_the_keys_act_on_the_clause_tree(qtbot, seeded_window):
    window = seeded_window
    select_clauses(window, 1)
    window.act_meeting.trigger()
    assert window.focusWidget() is window.document_view.tree
    chosen = []
    when_dialog(TagPicker, lambda picker: (chosen.append(True), picker.reject()))
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_T)
    assert chosen, "T opened the tag picker"
    assert window.meeting_mode.name() == ""


def test_a_new_meeting_does_not_silently_carry_the_previous_name(qtbot, seeded_window):
    window = seeded_window
    window.settings.setValue("lastMeeting", "上周的会")
    window.act_meeting.trigger()
    assert window.meeting_name.text() == ""  # not pre-filled: notes would get last week's name
    assert "上周的会" in window.meeting_name.placeholderText()  # offered, one click away
    assert window.workspace.meeting == ""
    select_clauses(window, 1)
    window.document_view.tree.setCurrentIndex(window.document_view.tree.selectionModel().selectedIndexes()[0])
    qtbot.keyClick(window.document_view.tree, Qt.Key.Key_N)
    editor = window.document_view.detail.editors[-1]
    type_text(editor.edit, "未指定会议的要点")
    editor.flush()
    assert [n.meeting for n in list_notes(window.workspace.lib)] == [""]


def test_leaving_meeting_mode_clears_its_status_message(qtbot, seeded_window):
    window = seeded_window
    window.act_meeting.trigger()
    type_text(window.meeting_name, "专题会")
    assert "专题会" in window.statusBar().currentMessage()
    window.act_meeting.trigger()
    assert "会议" not in window.statusBar().currentMessage()
    assert window.workspace.meeting == ""


def test_opening_a_full_library_says_loading_never_empty(qtbot, seeded_library, tmp_path):
    path = seeded_library.path
    seeded_library.close()
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    shown = [window.reading.currentWidget()]
    window.reading.currentChanged.connect(lambda _i: shown.append(window.reading.currentWidget()))
    window.show()
    assert window.reading.currentWidget() is window.loading
    window.open_library(path)
    qtbot.waitUntil(lambda: window.library_panel.model.rowCount() == 5)
    assert window.welcome not in shown, "the empty-library page flashed while the library loaded"
    assert window.reading.currentWidget() is window.document_view
    window.close()


def test_every_search_result_is_reachable_by_scrolling(qtbot, seeded_window):
    window = seeded_window
    window.act_search.trigger()
    type_text(window.search_box, "发展")
    panel = window.search_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    total = panel.model.total
    assert total > 50
    assert f"找到 {total} 条" in panel.summary.text()
    while panel.model.rowCount() < total:
        count = panel.model.rowCount()
        panel.view.scrollToBottom()
        panel.view.verticalScrollBar().setValue(panel.view.verticalScrollBar().maximum())
        qtbot.waitUntil(lambda count=count: panel.model.rowCount() > count)
    assert len({h.clause_id for h in panel.model.hits}) == total
    assert "显示前" not in panel.summary.text()


def test_sections_follow_the_order_the_tags_were_ticked(qtbot, seeded_window):
    window = seeded_window
    ids = select_clauses(window, 4)
    window.workspace.tag(ids[:2], ["甲标签"])
    window.workspace.tag(ids[2:], ["乙标签"])
    builder = window.brief_builder
    window.center.setCurrentWidget(builder)

    def tick(dialog):
        names = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.list.count())]
        second, first = sorted(names)[::-1]  # tick the later one in the list first
        for name in (second, first):
            dialog.list.item(names.index(name)).setCheckState(Qt.CheckState.Checked)
        dialog.accept()

    when_dialog(TagChoiceDialog, tick)
    qtbot.mouseClick(builder.from_tags_button, Qt.MouseButton.LeftButton)
    (brief,) = list_briefs(window.workspace.lib)
    titles = [s.title for s in get_brief(window.workspace.lib, brief.id).sections]
    assert titles == sorted(titles, reverse=True)


def test_dragging_a_section_header_reorders_the_sections(qtbot, seeded_window):
    window = seeded_window
    lib = window.workspace.lib
    doc = list_documents(lib)[0]
    ids = [c.id for c in window.workspace.clauses(doc.id)[:4]]
    brief = create_brief(lib, "两节")
    add_to_brief(lib, brief.id, ids[:2], section="第一节")
    add_to_brief(lib, brief.id, ids[2:], section="第二节")
    window.workspace.workChanged.emit()
    builder = window.brief_builder
    builder.picker.setCurrentIndex(builder.picker.findData(brief.id))
    qtbot.waitUntil(lambda: builder.tree.topLevelItemCount() == 2)
    second = builder.tree.topLevelItem(1)
    assert second.flags() & Qt.ItemFlag.ItemIsDragEnabled
    builder.tree.move_section(1, 0)  # what dropping the header above the first one does
    assert [s.title for s in get_brief(lib, brief.id).sections] == ["第二节", "第一节"]
    assert [i.clause_id for i in get_brief(lib, brief.id).sections[0].items] == ids[2:]


def test_ctrl_b_says_which_brief_and_section(qtbot, seeded_window):
    window = seeded_window
    lib = window.workspace.lib
    brief = create_brief(lib, "周报")
    other = next(d for d in list_documents(lib) if d.id != window.document_view.document.id)
    add_to_brief(lib, brief.id, [window.workspace.clauses(other.id)[0].id], section="算力")
    window.workspace.workChanged.emit()
    builder = window.brief_builder
    builder.picker.setCurrentIndex(builder.picker.findData(brief.id))
    qtbot.waitUntil(lambda: builder.tree.topLevelItemCount() == 1)
    builder.tree.setCurrentItem(builder.tree.topLevelItem(0))
    select_clauses(window, 2)
    window.act_add_to_brief.trigger()
    qtbot.waitUntil(lambda: "周报" in window.statusBar().currentMessage())
    message = window.statusBar().currentMessage()
    assert "算力" in message and "2 条" in message


def test_scrolling_while_a_new_search_runs_never_mixes_two_searches(qtbot, seeded_window):
    window = seeded_window
    panel = window.search_panel
    window.search_box.setText("发展")
    panel.timer.stop()
    window.run_search()
    qtbot.waitUntil(lambda: panel.model.total > 50)
    window.search_box.setText("算力")
    panel.timer.stop()  # no second, debounced search to hide the race
    window.run_search()  # the answer is on its way; the old list is still shown…
    panel.model.fetchMore()  # …and the officer scrolls it to the end
    qtbot.waitUntil(lambda: panel.result is not None and tuple(panel.result.words) == ("算力",))
    window.search.runner.wait()
    qtbot.waitUntil(lambda: not panel.model.waiting)
    assert panel.model.rowCount() == panel.model.total
    assert all("算力" in h.text for h in panel.model.hits)
