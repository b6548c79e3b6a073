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

from exporters.citation import book_title
from exporters.options import ExportOptions

SECTION_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2


class BriefTree(QTreeWidget):
    """Sections at the top level, clauses below; internal drag and drop reports the new order.
    A section header dragged onto another section's row takes that row."""

    reordered = Signal()
    sectionMoved = Signal(int, int)  # noqa: N815 section id, new position

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(["条文", "来源"])
        self.setColumnWidth(0, 260)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)

    def dropEvent(self, event) -> None:  # noqa: N802
        sections = [i for i in self.selectedItems() if i.parent() is None]
        if sections:
            target = self.itemAt(event.position().toPoint())
            top = (target.parent() or target) if target is not None else None
            row = self.indexOfTopLevelItem(top) if top is not None else self.topLevelItemCount() - 1
            event.setDropAction(Qt.DropAction.IgnoreAction)
            event.accept()
            self.move_section(self.indexOfTopLevelItem(sections[0]), row)
            return
        super().dropEvent(event)
        self.reordered.emit()

    def move_section(self, source_row: int, target_row: int) -> None:
        """Move the section header at source_row (with its clauses) to target_row."""
        if source_row == target_row or not 0 <= source_row < self.topLevelItemCount():
            return
        item = self.takeTopLevelItem(source_row)
        self.insertTopLevelItem(target_row, item)
        item.setExpanded(True)
        self.sectionMoved.emit(item.data(0, SECTION_ROLE), target_row)


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
        self.ticked: list[str] = []  # in the order the officer ticked them
        self.list.itemChanged.connect(self._ticked)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("每个标签成为简报的一节，按勾选顺序排列："))
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def _ticked(self, item: QListWidgetItem) -> None:
        name = item.data(Qt.ItemDataRole.UserRole)
        if name in self.ticked:
            self.ticked.remove(name)
        if item.checkState() == Qt.CheckState.Checked:
            self.ticked.append(name)

    def chosen(self) -> list[str]:
        """The ticked tags, in the order they were ticked."""
        return list(self.ticked)


class BriefBuilder(QWidget):
    status = Signal(str)  # for the status bar

    def __init__(self, workspace, settings, parent=None) -> None:
        super().__init__(parent)
        self.workspace, self.settings = workspace, settings
        self.brief = None
        self.tags: list = []  # for 按标签生成…, as last read
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
        self.tree.sectionMoved.connect(self.workspace.move_brief_section)
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
        self.hint = QLabel(
            "提示：在阅读页选中条文后按 Ctrl+B 加入当前简报（选中某一节则加入该节）；拖动条文或节标题调整顺序。"
        )
        self.hint.setWordWrap(True)
        self.hint.setObjectName("muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.hint)
        workspace.workChanged.connect(self.reload)
        workspace.libraryOpened.connect(lambda _p: self.reload())

    # --- data (read off the GUI thread) -------------------------------------------------------
    def reload(self, brief_id: int | None = None) -> None:
        """Ask for the list of briefs and the shown one (brief_id, else the one picked now)."""
        wanted = brief_id if brief_id is not None else self.picker.currentData()
        self.workspace.load_briefs(wanted, self._loaded)

    def _picked(self) -> None:
        self.reload(self.picker.currentData())

    def _loaded(self, overview) -> None:
        self.picker.blockSignals(True)
        self.picker.clear()
        for b in overview.briefs:
            self.picker.addItem(b.title, b.id)
        self.brief = overview.brief
        self.picker.setCurrentIndex(max(0, self.picker.findData(self.brief.id)) if self.brief else -1)
        self.picker.blockSignals(False)
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
            top.setFlags(top.flags() | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled)
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
        moved = False
        for item_id, section_id, position in wanted:
            if (
                item_id is not None
                and section_id is not None
                and current.get(item_id) != (section_id, position)
            ):
                self.workspace.move_brief_item(item_id, section_id, position)
                moved = True
        if not moved:
            self.reload()  # a drop that changed nothing (or landed outside a section): show the truth

    # --- actions -----------------------------------------------------------------------------
    def set_tags(self, tags) -> None:
        self.tags = list(tags)

    def new_brief(self) -> None:
        title, ok = QInputDialog.getText(self, "新建简报", "简报标题：")
        if ok and title.strip():
            made = self.workspace.create_brief(title)
            self.reload(made.id)

    def brief_from_tags(self) -> None:
        dialog = TagChoiceDialog(self.tags, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.chosen():
            return
        made = self.workspace.brief_from_tags(dialog.chosen())
        self.reload(made.id)

    def delete_brief(self) -> None:
        if self.brief is None:
            return
        answer = QMessageBox.question(self, "删除简报", f"删除简报“{self.brief.title}”？（可用 Ctrl+Z 撤销）")
        if answer == QMessageBox.StandardButton.Yes:
            self.workspace.delete_brief(self.brief.id)

    def remove_selected(self) -> None:
        ids = [i.data(0, ITEM_ROLE) for i in self.tree.selectedItems() if i.data(0, ITEM_ROLE) is not None]
        if ids:
            self.workspace.remove_brief_items(ids)

    def current_section(self) -> str:
        """The section selected in the tree ("" when none: the brief's 未分组 section)."""
        selected = self.tree.currentItem()
        if selected is None:
            return ""
        top = selected.parent() or selected
        return top.text(0).rsplit("（", 1)[0]

    def add_clauses(self, clause_ids: list[int]) -> None:
        """Ctrl+B: into the selected section of the brief shown; the status bar says where."""
        if not clause_ids:
            self.status.emit("请先在阅读页选中要加入简报的条文。")
            return
        brief_id = self.brief.id if self.brief is not None else None
        done = self.workspace.add_to_brief(brief_id, clause_ids, section=self.current_section())
        skipped = f"（{done.skipped} 条已在其中）" if done.skipped else ""
        self.status.emit(
            f"已把 {done.added} 条加入简报“{done.brief_title}”的“{done.section_title}”一节{skipped}"
            "；在简报页选中另一节可改变加入位置。"
        )
        if brief_id is None:
            self.reload()

    def export_word(self) -> None:
        if self.brief is None:
            return
        from desktop.widgets.export_dialog import ExportDialog

        dialog = ExportDialog(self.brief, self.settings, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        options = dialog.options()
        name = (options.title or self.brief.title).replace("/", "-")
        path, _ = QFileDialog.getSaveFileName(self, "导出简报", f"{name}.docx", "Word 文档 (*.docx)")
        if path:
            self.export_to(path, options=options)

    def export_to(self, path: str, on_done=None, options: ExportOptions | None = None) -> None:
        def done(result):
            self.status.emit(f"已导出：{result}")
            if on_done:
                on_done(result)

        def failed(exc):
            QMessageBox.warning(self, "导出失败", str(exc))

        self.status.emit("正在导出 Word 简报…")
        self.workspace.export_brief(self.brief.id, path, options, on_done=done, on_error=failed)

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
