"""Tags, notes and brief entries whose clause vanished in a re-import: re-attach or delete them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from exporters.citation import book_title

KIND_TEXT = {"tag": "标签", "note": "批注", "brief_item": "简报条目"}
ORPHAN_ROLE = Qt.ItemDataRole.UserRole + 1


class OrphansPanel(QWidget):
    countChanged = Signal(int)  # noqa: N815

    def __init__(self, workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.current_clause_id: int | None = None  # the clause open in the reading view
        intro = QLabel(
            "重新导入文件后，找不到原条文的标签、批注和简报条目会保留在这里，不会丢失。"
            "选中一项后，可关联到最相近的条文，或关联到阅读页当前选中的条文。"
        )
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.suggest_button = QPushButton("关联到最相近的条文")
        self.current_button = QPushButton("关联到当前条文")
        self.delete_button = QPushButton("删除")
        self.suggest_button.clicked.connect(self.attach_to_suggestion)
        self.current_button.clicked.connect(self.attach_to_current)
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        for b in (self.suggest_button, self.current_button, self.delete_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        workspace.workChanged.connect(self.reload)
        workspace.documentsChanged.connect(self.reload)

    def set_current_clause(self, clause_id: int | None) -> None:
        self.current_clause_id = clause_id

    def reload(self) -> None:
        self.workspace.load_orphans(self._show)

    def _show(self, found) -> None:
        self.list.clear()
        for o in found:
            text = f"[{KIND_TEXT.get(o.kind, o.kind)}] {o.detail[:60]}\n{book_title(o.document_title or '已删除的文件')}{o.path}：{o.clause_text[:50]}…"
            item = QListWidgetItem(text)
            item.setData(ORPHAN_ROLE, o)
            self.list.addItem(item)
        if not found:
            self.list.addItem(QListWidgetItem("没有待处理的内容。"))
        for b in (self.suggest_button, self.current_button, self.delete_button):
            b.setEnabled(bool(found))
        self.countChanged.emit(len(found))

    def _selected(self):
        item = self.list.currentItem()
        return item.data(ORPHAN_ROLE) if item else None

    def attach_to_suggestion(self) -> None:
        orphan = self._selected()
        if orphan is None:
            return
        if not self.workspace.reattach_orphan_to_nearest(orphan):
            QMessageBox.information(
                self, "无法自动关联", "原文件已不在资料库中，请在阅读页选中条文后用“关联到当前条文”。"
            )

    def attach_to_current(self) -> None:
        orphan = self._selected()
        if orphan is None or self.current_clause_id is None:
            QMessageBox.information(self, "请先选择条文", "请先在阅读页选中要关联的条文。")
            return
        self.workspace.reattach_orphan(orphan, self.current_clause_id)

    def delete_selected(self) -> None:
        orphan = self._selected()
        if orphan is not None:
            self.workspace.delete_orphan(orphan)
