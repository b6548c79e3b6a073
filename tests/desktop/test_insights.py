"""Insights beside the clause: the same words elsewhere, cited documents, targets, tag suggestions."""

from PySide6.QtCore import Qt

from db import document_clauses, list_documents
from db.segment import cut
from db.tags import tag_clauses, tags_of_clause

TALENT = "群鹭兴厦"  # a talent-policy paragraph seeds 000 and 002 share


def open_talent_clause(window, doc_number="厦湖科工函〔2025〕13号"):
    lib = window.workspace.lib
    doc = next(d for d in list_documents(lib) if d.doc_number == doc_number)
    clause = next(c for c in document_clauses(lib, doc.id) if TALENT in c.text)
    window.library_panel.select_document(doc.id)
    window.document_view.select_clause(clause.id)
    return clause


def test_similar_clauses_show_the_same_paragraph_in_the_other_reply(qtbot, seeded_window):
    window = seeded_window
    open_talent_clause(window)
    detail = window.document_view.detail
    detail.tabs.setCurrentWidget(detail.similar)
    items = detail.similar.list
    qtbot.waitUntil(lambda: items.count() >= 1, timeout=5000)  # computed off the GUI thread
    first = items.item(0).data(Qt.ItemDataRole.UserRole + 1)
    assert first.doc_number == "厦湖科工函〔2025〕11号" and first.score >= 0.6
    assert "underline" in detail.similar.preview.toHtml()
    detail.similar._open(items.item(0))
    assert window.document_view.detail.clause.id == first.clause_id


def test_cited_documents_and_targets_of_a_clause(qtbot, seeded_window):
    window = seeded_window
    lib = window.workspace.lib
    doc = next(d for d in list_documents(lib) if d.doc_number == "厦湖科工函〔2025〕13号")
    clause = next(
        c for c in document_clauses(lib, doc.id) if "《湖里区支持企业培育研发创新能力的若干措施》" in c.text
    )
    window.library_panel.select_document(doc.id)
    window.document_view.select_clause(clause.id)
    detail = window.document_view.detail
    detail.tabs.setCurrentWidget(detail.cited)

    def cited():
        return [detail.cited.item(i).text() for i in range(detail.cited.count())]

    qtbot.waitUntil(lambda: any("资料库中没有" in t for t in cited()))  # read off the GUI thread
    assert any("湖里区支持企业培育研发创新能力的若干措施" in t and "资料库中没有" in t for t in cited())
    plan = next(d for d in list_documents(lib) if d.issuer == "厦门市工业和信息化局")
    target_clause = next(c for c in document_clauses(lib, plan.id) if "120家" in c.text)
    window.library_panel.select_document(plan.id)
    window.document_view.select_clause(target_clause.id)
    detail.tabs.setCurrentWidget(detail.targets)
    texts = [detail.targets.item(i).text() for i in range(detail.targets.count())]
    assert any("120家" in t for t in texts)


def test_a_suggested_tag_is_accepted_with_one_key(qtbot, seeded_window):
    cut("预热")  # suggestions appear once jieba is loaded (the app warms it up in the background)
    window = seeded_window
    lib = window.workspace.lib
    other = open_talent_clause(window, "厦湖科工函〔2025〕11号")
    tag_clauses(lib, [other.id], ["人才引育"])
    clause = open_talent_clause(window)
    bar = window.document_view.detail.suggestions
    qtbot.waitUntil(lambda: bool(bar.names), timeout=5000)  # computed off the GUI thread
    assert bar.isVisibleTo(window) and bar.names[0] == "人才引育"  # the tag of the similar clause
    window.document_view.tree.setFocus()
    qtbot.keyClick(window.document_view.tree, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert "人才引育" in [t.name for t in tags_of_clause(lib, clause.id)]


def test_targets_window_filters_by_year_and_exports(qtbot, seeded_window, tmp_path):
    import docx

    window = seeded_window
    window.act_targets.trigger()
    dialog = window.targets_dialog
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=20000)  # found in the background
    total = dialog.model.rowCount()
    assert total > 5
    dialog.year.setCurrentIndex(dialog.year.findData(2025))
    assert 0 < dialog.model.rowCount() < total
    assert all(dialog.model.index(r, 0).data() == "2025" for r in range(dialog.model.rowCount()))
    out = dialog.export(str(tmp_path / "目标.docx"))
    assert docx.Document(out).tables


def test_compare_two_versions(qtbot, seeded_window, seed, tmp_path):
    from dataclasses import replace

    import docx

    from db import add_document
    from importers import import_file

    window = seeded_window
    lib = window.workspace.lib
    parsed = import_file(seed("002"))

    def edit(c):
        text = c.text.replace("加快推进", "全面加快推进") if c.path == "一" else c.text
        return replace(c, text=text, children=tuple(edit(k) for k in c.children))

    changed = replace(
        parsed,
        clauses=tuple(edit(c) for c in parsed.clauses),
        sha256="v2",
        metadata=replace(parsed.metadata, doc_number="厦湖科工函〔2025〕99号", title="修订稿"),
    )
    add_document(lib, changed)
    window.workspace.documentsChanged.emit()
    window.act_compare.trigger()
    dialog = window.compare_dialog
    qtbot.addWidget(dialog)
    docs = {d.title: d.id for d in list_documents(lib)}
    dialog.old.setCurrentIndex(dialog.old.findData(docs[parsed.metadata.title]))
    dialog.new.setCurrentIndex(dialog.new.findData(docs["修订稿"]))
    dialog.compare()
    qtbot.waitUntil(lambda: dialog.comparison is not None, timeout=20000)
    assert "修改 1 条" in dialog.summary.text()
    assert "全面" in dialog.view.toPlainText()
    out = dialog.export(str(tmp_path / "对照.docx"))
    assert docx.Document(out).tables


def test_repeats_report_between_the_two_replies(qtbot, seeded_window):
    window = seeded_window
    lib = window.workspace.lib
    window.act_repeats.trigger()
    dialog = window.repeats_dialog
    qtbot.addWidget(dialog)
    docs = {d.doc_number: d.id for d in list_documents(lib)}
    dialog.old.setCurrentIndex(dialog.old.findData(docs["厦湖科工函〔2025〕13号"]))
    dialog.new.setCurrentIndex(dialog.new.findData(docs["厦湖科工函〔2025〕11号"]))
    dialog.compare()
    qtbot.waitUntil(lambda: bool(dialog.pairs), timeout=20000)
    assert dialog.pairs and TALENT in dialog.view.toPlainText()


def test_opening_a_library_makes_the_daily_backup(qtbot, seeded_window):
    from db.backup import backup_folder
    from desktop.tasks import wait_for_background

    window = seeded_window
    wait_for_background()
    assert list(backup_folder(window.workspace.lib).glob("*.daily.auto.db"))
