"""More of the officer's day: span notes, metadata edits, orphans, brief order, Chinese dialogs."""

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from db import add_document, document_clauses, get_document, list_documents
from db.briefs import add_to_brief, create_brief, get_brief
from db.notes import add_note, list_notes
from db.orphans import list_orphans
from desktop.text_offsets import to_qt
from importers import import_file


def open_clause(window, path_suffix="二/（一）/2", doc_number="厦湖科工函〔2025〕13号"):
    lib = window.workspace.lib
    doc = next(d for d in list_documents(lib) if d.doc_number == doc_number)
    clause = next(c for c in document_clauses(lib, doc.id) if c.path == path_suffix)
    window.library_panel.select_document(doc.id)
    window.document_view.select_clause(clause.id)
    return doc, clause


def test_highlight_a_span_and_attach_a_note(qtbot, seeded_window):
    window = seeded_window
    _, clause = open_clause(window)
    detail = window.document_view.detail
    start = clause.text.index("闽宁双智算中心")
    cursor = detail.text.textCursor()
    cursor.setPosition(to_qt(clause.text, start))
    cursor.setPosition(to_qt(clause.text, start + 7), QTextCursor.MoveMode.KeepAnchor)
    detail.text.setTextCursor(cursor)
    assert detail.span_note_button.isEnabled()
    qtbot.mouseClick(detail.span_note_button, Qt.MouseButton.LeftButton)
    editor = detail.editors[-1]
    editor.edit.insertPlainText("补充建设进度")
    editor.flush()
    (note,) = list_notes(window.workspace.lib)
    assert note.span == (start, start + 7)
    assert clause.text[note.span[0] : note.span[1]] == "闽宁双智算中心"


def test_span_offsets_survive_emoji_and_rare_characters(qtbot, make_window, tmp_path):
    from desktop.cli import main

    doc = tmp_path / "特殊字符.txt"
    doc.write_text("一、总体要求\n😀支持𠀀𪚥企业发展算力。\n", encoding="utf-8")
    main(["import", str(doc), "--library", str(tmp_path / "l.db")])
    window = make_window(tmp_path / "l.db")
    record = next(r for r in window.document_view.model.records.values() if "算力" in r.text)
    window.document_view.select_clause(record.id)
    detail = window.document_view.detail
    start = record.text.index("算力")
    cursor = detail.text.textCursor()
    cursor.setPosition(to_qt(record.text, start))
    cursor.setPosition(to_qt(record.text, start + 2), QTextCursor.MoveMode.KeepAnchor)
    detail.text.setTextCursor(cursor)
    editor = detail.note_on_selection()
    editor.edit.insertPlainText("x")
    editor.flush()
    (note,) = list_notes(window.workspace.lib)
    assert record.text[note.span[0] : note.span[1]] == "算力"


def test_edit_metadata_in_the_header(qtbot, seeded_window):
    window = seeded_window
    doc, _ = open_clause(window)
    issuer = window.document_view.header.edits["issuer"]
    issuer.setText("厦门市湖里区科技和工业信息化局")
    issuer.editingFinished.emit()
    assert get_document(window.workspace.lib, doc.id).issuer == "厦门市湖里区科技和工业信息化局"
    assert any("工业信息化局" in d.issuer for d in window.library_panel.model.rows)


def test_orphans_are_listed_and_reattached(qtbot, seeded_window, seed):
    window = seeded_window
    lib = window.workspace.lib
    _, clause = open_clause(window, "三/（三）")
    add_note(lib, clause.id, "人才住房")
    parsed = import_file(seed("000"))

    def drop(c):
        return replace(c, children=tuple(drop(k) for k in c.children if k.path != "三/（三）"))

    add_document(lib, replace(parsed, clauses=tuple(drop(c) for c in parsed.clauses), sha256="v2"))
    window.workspace.documentsChanged.emit()
    panel = window.orphans_panel
    qtbot.waitUntil(
        lambda: panel.list.count() > 0 and "人才住房" in panel.list.item(0).text()
    )  # listed off the GUI thread
    assert panel.list.count() == 1
    assert "待处理（1）" in window.left.tabText(window.left.indexOf(panel))
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.suggest_button, Qt.MouseButton.LeftButton)
    assert list_orphans(lib) == []
    assert [n.text for n in list_notes(lib)] == ["人才住房"]


def test_reordering_a_brief_is_saved(qtbot, seeded_window):
    window = seeded_window
    lib = window.workspace.lib
    doc = list_documents(lib)[0]
    ids = [c.id for c in document_clauses(lib, doc.id)[:3]]
    brief = create_brief(lib, "顺序")
    add_to_brief(lib, brief.id, ids, section="一组")
    window.workspace.workChanged.emit()
    builder = window.brief_builder
    qtbot.waitUntil(lambda: builder.picker.findData(brief.id) >= 0)  # briefs are read off the GUI thread
    builder.picker.setCurrentIndex(builder.picker.findData(brief.id))
    qtbot.waitUntil(lambda: builder.tree.topLevelItemCount() == 1)
    top = builder.tree.topLevelItem(0)
    moved = top.takeChild(2)
    top.insertChild(0, moved)
    builder.tree.reordered.emit()  # what a drop does
    assert [i.clause_id for i in get_brief(lib, brief.id).sections[0].items] == [ids[2], ids[0], ids[1]]
    qtbot.waitUntil(lambda: builder.brief.sections[0].items[0].clause_id == ids[2])
    builder.tree.setCurrentItem(builder.tree.topLevelItem(0).child(0))
    builder.remove_selected()
    assert [i.clause_id for i in get_brief(lib, brief.id).sections[0].items] == [ids[0], ids[1]]


def test_standard_dialogs_speak_chinese(qtbot, seeded_window):
    from desktop.app import install_translations

    install_translations(QApplication.instance())
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() in ("取消", "&取消", "取消(&C)")


def test_export_a_brief_to_word_from_the_builder(qtbot, seeded_window, tmp_path):
    import docx

    window = seeded_window
    lib = window.workspace.lib
    doc, clause = open_clause(window)
    add_note(lib, clause.id, "请核实补贴比例")
    brief = create_brief(lib, "导出测试简报")
    add_to_brief(lib, brief.id, [clause.id], section="算力")
    window.workspace.workChanged.emit()
    builder = window.brief_builder
    qtbot.waitUntil(lambda: builder.brief is not None and builder.brief.id == brief.id)
    out = tmp_path / "简报.docx"
    done = []
    builder.export_to(str(out), on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    text = "\n".join(p.text for p in docx.Document(out).paragraphs)
    assert "导出测试简报" in text and "请核实补贴比例" in text
    assert "闽宁双智算中心" in text and doc.doc_number.replace("〔", "") in text.replace("〔", "")


def test_tags_panel_lists_clauses_and_merges(qtbot, seeded_window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    window = seeded_window
    lib = window.workspace.lib
    doc, clause = open_clause(window)
    window.workspace.tag([clause.id], ["算力"])
    window.workspace.tag([clause.id + 1], ["智算"])
    panel = window.tags_panel
    qtbot.waitUntil(lambda: panel.tags.count() == 2)  # listed off the GUI thread
    panel.tags.setCurrentRow(
        [panel.tags.item(i).data(Qt.ItemDataRole.UserRole + 1).name for i in range(panel.tags.count())].index(
            "算力"
        )
    )
    qtbot.waitUntil(lambda: panel.clauses.count() == 1)
    panel._open(panel.clauses.item(0))
    assert window.document_view.detail.clause.id == clause.id
    panel.tags.setCurrentRow(
        [panel.tags.item(i).data(Qt.ItemDataRole.UserRole + 1).name for i in range(panel.tags.count())].index(
            "智算"
        )
    )
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("算力", True))  # the Qt dialog only
    panel.merge()
    from db.tags import list_tags

    assert [(t.name, t.clause_count) for t in list_tags(lib)] == [("算力", 2)]


def test_notes_panel_pulls_a_meeting_together(qtbot, seeded_window):
    window = seeded_window
    lib = window.workspace.lib
    _, clause = open_clause(window)
    add_note(lib, clause.id, "甲", meeting="周一例会")
    add_note(lib, clause.id, "乙", meeting="周二调研")
    window.workspace.workChanged.emit()
    panel = window.notes_panel
    qtbot.waitUntil(lambda: panel.list.count() == 2 and panel.meeting.findData("周一例会") >= 0)
    panel.meeting.setCurrentIndex(panel.meeting.findData("周一例会"))
    qtbot.waitUntil(lambda: panel.list.count() == 1)
    assert "甲" in panel.list.item(0).text()


def test_export_options_are_applied_and_remembered(qtbot, seeded_window, tmp_path):
    import docx

    from desktop.widgets.export_dialog import ExportDialog

    window = seeded_window
    lib = window.workspace.lib
    _, clause = open_clause(window)
    add_note(lib, clause.id, "不应出现在导出中")
    brief = create_brief(lib, "选项简报")
    add_to_brief(lib, brief.id, [clause.id], section="算力")
    window.workspace.workChanged.emit()
    dialog = ExportDialog(get_brief(lib, brief.id), window.settings)
    qtbot.addWidget(dialog)
    dialog.prepared_by.setText("区科工局综合科")
    dialog.subtitle.setText("11月专题会")
    dialog.notes.setChecked(False)
    dialog.classification.setCurrentIndex(dialog.classification.findData("内部资料"))
    options = dialog.options()
    builder = window.brief_builder
    qtbot.waitUntil(lambda: builder.brief is not None and builder.brief.id == brief.id)
    out = tmp_path / "选项.docx"
    done = []
    builder.export_to(str(out), on_done=done.append, options=options)
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    text = "\n".join(p.text for p in docx.Document(out).paragraphs)
    assert "区科工局综合科" in text and "11月专题会" in text and "内部资料" in text
    assert "不应出现在导出中" not in text
    again = ExportDialog(get_brief(lib, brief.id), window.settings)
    qtbot.addWidget(again)
    assert again.prepared_by.text() == "区科工局综合科" and not again.notes.isChecked()


def test_backup_and_notes_transfer_from_the_file_menu(qtbot, seeded_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from db import open_library

    window = seeded_window
    lib = window.workspace.lib
    _, clause = open_clause(window)
    add_note(lib, clause.id, "带到另一台电脑")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "备份.db"), ""))
    window.act_backup.trigger()
    with open_library(tmp_path / "备份.db") as copy:
        assert [n.text for n in list_notes(copy)] == ["带到另一台电脑"]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "批注.json"), ""))
    window.act_export_notes.trigger()
    assert (tmp_path / "批注.json").exists()
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    window.act_import_notes.trigger()
    assert shown and "不是 PolicyBrief" in shown[0]


def test_many_tags_do_not_widen_the_window_beyond_a_small_laptop_screen(qtbot, seeded_window):
    window = seeded_window
    _, clause = open_clause(window)
    window.workspace.tag([clause.id], [f"很长的标签名称{i}" for i in range(15)])
    assert len(window.document_view.detail.chips.names) == 15
    assert window.minimumSizeHint().width() <= 1024
