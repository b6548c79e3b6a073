"""All tags with their counts: see a tag's clauses, rename, merge, recolour, delete."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QColorDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.widgets.tag_picker import color_icon
from desktop.workspace import LibraryError
from exporters.citation import book_title

TAG_ROLE = Qt.ItemDataRole.UserRole + 1
CLAUSE_ROLE = Qt.ItemDataRole.UserRole + 2


class TagsPanel(QWidget):
    clauseActivated = Signal(int, int)  # noqa: N815 document id, clause id

    def __init__(self, workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.tags = QListWidget()
        self.tags.currentItemChanged.connect(lambda *_: self._show_clauses())
        self.clauses = QListWidget()
        self.clauses.setWordWrap(True)
        self.clauses.itemActivated.connect(self._open)
        self.clauses.itemDoubleClicked.connect(self._open)
        buttons = QHBoxLayout()
        for text, slot in (
            ("重命名", self.rename),
            ("合并到…", self.merge),
            ("颜色", self.recolor),
            ("删除", self.delete),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.tags, 1)
        top_layout.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.clauses)
        self.hint = QLabel("在阅读页选中条文，按 T 添加标签；数字键 1–9 使用最常用的标签。")
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(split, 1)
        layout.addWidget(self.hint)
        workspace.workChanged.connect(self.reload)

    def reload(self) -> None:
        """Ask for the tags and the selected tag's clauses (answered off the GUI thread)."""
        tag = self.selected()
        self.workspace.load_tags(tag.id if tag else None, self._show)

    def _show(self, overview) -> None:
        shown = [self.tags.item(i).data(TAG_ROLE) for i in range(self.tags.count())]
        if shown != overview.tags:
            current = self.selected()
            self.tags.blockSignals(True)
            self.tags.clear()
            for number, tag in enumerate(overview.tags, 1):
                key = f"  [{number}]" if number <= 9 else ""
                item = QListWidgetItem(color_icon(tag.color), f"{tag.name}（{tag.clause_count}）{key}")
                item.setData(TAG_ROLE, tag)
                self.tags.addItem(item)
                if current is not None and tag.id == current.id:
                    self.tags.setCurrentItem(item)
            self.tags.blockSignals(False)
        self.clauses.clear()
        for c in overview.clauses:
            item = QListWidgetItem(f"{book_title(c.title)}{c.path}\n{c.text[:60]}…")
            item.setData(CLAUSE_ROLE, (c.document_id, c.clause_id))
            self.clauses.addItem(item)

    def selected(self):
        item = self.tags.currentItem()
        return item.data(TAG_ROLE) if item else None

    def _show_clauses(self) -> None:
        self.clauses.clear()
        self.reload()

    def _open(self, item) -> None:
        doc_id, clause_id = item.data(CLAUSE_ROLE)
        self.clauseActivated.emit(doc_id, clause_id)

    def _guarded(self, fn, *args):
        try:
            return fn(*args)
        except LibraryError as exc:
            QMessageBox.warning(self, "无法完成", str(exc))
            return None

    def rename(self) -> None:
        tag = self.selected()
        if tag is None:
            return
        name, ok = QInputDialog.getText(self, "重命名标签", "新名称：", text=tag.name)
        if ok and name.strip() and name.strip() != tag.name:
            self._guarded(self.workspace.rename_tag, tag.id, name)

    def merge(self) -> None:
        tag = self.selected()
        shown = [self.tags.item(i).data(TAG_ROLE) for i in range(self.tags.count())]
        others = [t for t in shown if tag and t.id != tag.id]
        if tag is None or not others:
            return
        names = [t.name for t in others]
        name, ok = QInputDialog.getItem(
            self, "合并标签", f"把标注“{tag.name}”的 {tag.clause_count} 条并入：", names, 0, False
        )
        if ok:
            target = others[names.index(name)]
            self._guarded(self.workspace.merge_tags, tag.id, target.id)

    def recolor(self) -> None:
        tag = self.selected()
        if tag is None:
            return
        from PySide6.QtGui import QColor

        color = QColorDialog.getColor(QColor(tag.color), self, "标签颜色")
        if color.isValid():
            self._guarded(self.workspace.set_tag_color, tag.id, color.name())

    def delete(self) -> None:
        tag = self.selected()
        if tag is None:
            return
        answer = QMessageBox.question(
            self, "删除标签", f"删除标签“{tag.name}”？已标注在 {tag.clause_count} 条上。（可用 Ctrl+Z 撤销）"
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._guarded(self.workspace.delete_tag, tag.id)
