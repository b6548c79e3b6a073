"""Build a brief: sections and clauses in order, drag to reorder, remove, preview, export to Word."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db import briefs as brief_ops
from desktop.tasks import run_in_background
from exporters.citation import book_title
from exporters.options import ExportOptions

SECTION_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2


class BriefTree(QTreeWidget):
    """Sections at the top level, clauses below; internal drag and drop reports the new order."""

    reordered = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(["条文", "来源"])
        self.setColumnWidth(0, 260)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)

    def dropEvent(self, event) -> None:  # noqa: N802
        super().dropEvent(event)
        self.reordered.emit()


class TagChoiceDialog(QDialog):
    def __init__(self, tags, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("按标签生成简报")
        self.list = QListWidget()
        for tag in tags:
            item = QListWidgetItem(f"{tag.name}（{tag.clause_count} 条）")
            item.setData(Qt.ItemDataRole.UserRole, tag.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("每个标签成为简报的一节，按勾选顺序排列："))
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def chosen(self) -> list[str]:
        items = [self.list.item(i) for i in range(self.list.count())]
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]


class BriefBuilder(QWidget):
    def __init__(self, workspace, window=None) -> None:
        super().__init__()
        self.workspace, self.window_ = workspace, window
        self.brief = None
        self.picker = QComboBox()
        self.picker.currentIndexChanged.connect(self._picked)
        self.new_button = QPushButton("新建简报")
        self.from_tags_button = QPushButton("按标签生成…")
        self.delete_button = QPushButton("删除简报")
        self.export_button = QPushButton("导出 Word…")
        self.export_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_brief)
        self.from_tags_button.clicked.connect(self.brief_from_tags)
        self.delete_button.clicked.connect(self.delete_brief)
        self.export_button.clicked.connect(self.export_word)
        top = QHBoxLayout()
        top.addWidget(QLabel("简报："))
        top.addWidget(self.picker, 1)
        for button in (self.new_button, self.from_tags_button, self.delete_button, self.export_button):
            top.addWidget(button)
        self.tree = BriefTree()
        self.tree.reordered.connect(self._save_order)
        self.tree.itemSelectionChanged.connect(self._preview_selection)
        self.remove_button = QPushButton("移除所选条文（Delete）")
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_button.setShortcut("Delete")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.remove_button)
        self.preview = QTextBrowser()
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setSizes([380, 520])
        self.hint = QLabel("提示：在阅读页选中条文后按 Ctrl+B 加入当前简报；拖动条文调整顺序。")
        self.hint.setObjectName("muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.hint)
        workspace.workChanged.connect(self.reload)
        workspace.libraryOpened.connect(lambda _p: self.reload())

    # --- data ------------------------------------------------------------------------------
    def reload(self) -> None:
        current = self.picker.currentData()
        self.picker.blockSignals(True)
        self.picker.clear()
        for b in self.workspace.briefs():
            self.picker.addItem(b.title, b.id)
        index = self.picker.findData(current)
        self.picker.setCurrentIndex(index if index >= 0 else 0)
        self.picker.blockSignals(False)
        self._picked()

    def _picked(self) -> None:
        brief_id = self.picker.currentData()
        self.brief = self.workspace.brief(brief_id) if brief_id is not None else None
        for w in (self.delete_button, self.export_button, self.remove_button):
            w.setEnabled(self.brief is not None)
        self._fill_tree()
        self._preview_all()

    def _fill_tree(self) -> None:
        self.tree.clear()
        if self.brief is None:
            return
        for section in self.brief.sections:
            top = QTreeWidgetItem([f"{section.title}（{len(section.items)}）"])
            top.setData(0, SECTION_ROLE, section.id)
            top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled)
            for item in section.items:
                child = QTreeWidgetItem(
                    [f"{item.path}  {item.heading or item.text[:30]}", item.document_title]
                )
                child.setData(0, ITEM_ROLE, item.id)
                child.setToolTip(0, item.text[:300])
                child.setFlags(child.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)
                top.addChild(child)
            self.tree.addTopLevelItem(top)
        self.tree.expandAll()

    def _save_order(self) -> None:
        """After a drag: persist the order shown (items may have moved between sections)."""
        if self.brief is None:
            return
        wanted = []
        for s in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(s)
            for i in range(top.childCount()):
                wanted.append((top.child(i).data(0, ITEM_ROLE), top.data(0, SECTION_ROLE), i))
        current = {(it.id): (sec.id, pos) for sec in self.brief.sections for pos, it in enumerate(sec.items)}
        for item_id, section_id, position in wanted:
            if item_id is not None and current.get(item_id) != (section_id, position):
                self.workspace.call(brief_ops.move_item, item_id, section_id, position)

    # --- actions -----------------------------------------------------------------------------
    def new_brief(self) -> None:
        title, ok = QInputDialog.getText(self, "新建简报", "简报标题：")
        if ok and title.strip():
            made = self.workspace.call(brief_ops.create_brief, title)
            self._select(made.id)

    def brief_from_tags(self) -> None:
        dialog = TagChoiceDialog(self.workspace.all_tags(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.chosen():
            return
        names = dialog.chosen()
        made = self.workspace.call(brief_ops.brief_from_tags, "、".join(names) + " 专题简报", names)
        self._select(made.id)

    def _select(self, brief_id: int) -> None:
        self.reload()
        self.picker.setCurrentIndex(self.picker.findData(brief_id))

    def delete_brief(self) -> None:
        if self.brief is None:
            return
        answer = QMessageBox.question(self, "删除简报", f"删除简报“{self.brief.title}”？（可用 Ctrl+Z 撤销）")
        if answer == QMessageBox.StandardButton.Yes:
            self.workspace.call(brief_ops.delete_brief, self.brief.id)

    def remove_selected(self) -> None:
        ids = [i.data(0, ITEM_ROLE) for i in self.tree.selectedItems() if i.data(0, ITEM_ROLE) is not None]
        for item_id in ids:
            self.workspace.call(brief_ops.remove_item, item_id)

    def add_clauses(self, clause_ids: list[int]) -> None:
        if self.brief is None:
            made = self.workspace.call(brief_ops.create_brief, "我的简报")
            self._select(made.id)
        selected = self.tree.currentItem()
        section = ""
        if selected is not None:
            top = selected.parent() or selected
            section = top.text(0).rsplit("（", 1)[0]
        self.workspace.call(brief_ops.add_to_brief, self.brief.id, clause_ids, section=section)

    def export_word(self) -> None:
        if self.brief is None:
            return
        from desktop.widgets.export_dialog import ExportDialog

        dialog = ExportDialog(self.brief, self.window_.settings, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        options = dialog.options()
        name = (options.title or self.brief.title).replace("/", "-")
        path, _ = QFileDialog.getSaveFileName(self, "导出简报", f"{name}.docx", "Word 文档 (*.docx)")
        if path:
            self.export_to(path, options=options)

    def export_to(self, path: str, on_done=None, options: ExportOptions | None = None) -> None:
        import db
        from exporters.assemble import brief_from_library
        from exporters.docx_writer import write_brief

        library_path, brief_id = str(self.workspace.path), self.brief.id

        def work():
            with db.open_library(library_path) as lib:
                return write_brief(brief_from_library(lib, brief_id, options), path)

        def done(result):
            if self.window_ is not None:
                self.window_.statusBar().showMessage(f"已导出：{result}", 8000)
            if on_done:
                on_done(result)

        def failed(exc):
            QMessageBox.warning(self, "导出失败", str(exc))

        run_in_background(work, on_done=done, on_error=failed)

    # --- preview -------------------------------------------------------------------------------
    def _preview_all(self) -> None:
        if self.brief is None:
            self.preview.setHtml("<p style='color:#777'>还没有简报。点击“新建简报”，或“按标签生成…”。</p>")
            return
        parts = [f"<h2 style='text-align:center'>{html.escape(self.brief.title)}</h2>"]
        for n, section in enumerate(self.brief.sections, 1):
            parts.append(f"<h3>{n}. {html.escape(section.title)}</h3>")
            for item in section.items:
                parts.append(self._item_html(item))
        self.preview.setHtml("".join(parts))

    def _item_html(self, item) -> str:
        cite = " ".join(x for x in (book_title(item.document_title), item.doc_number, item.path) if x)
        note = (
            f"<p style='color:#1f4e8c'>【批注】{html.escape(item.note_override)}</p>"
            if item.note_override
            else ""
        )
        return (
            f"<blockquote style='margin-left:12px'>{html.escape(item.text)}</blockquote>"
            f"<p style='color:#777;font-size:small'>{html.escape(cite)}</p>{note}"
        )

    def _preview_selection(self) -> None:
        selected = [i.data(0, ITEM_ROLE) for i in self.tree.selectedItems()]
        if not self.brief or not any(s is not None for s in selected):
            return
        wanted = {s for s in selected if s is not None}
        items = [it for sec in self.brief.sections for it in sec.items if it.id in wanted]
        self.preview.setHtml("".join(self._item_html(i) for i in items))
