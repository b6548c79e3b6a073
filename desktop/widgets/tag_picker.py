"""Pick or create a tag by typing: filter as you type, Enter applies, a new name is created."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

NEW_ROLE = Qt.ItemDataRole.UserRole + 1


def color_icon(color: str) -> QIcon:
    pix = QPixmap(12, 12)
    pix.fill(QColor(color or "#888"))
    return QIcon(pix)


class TagPicker(QDialog):
    """Returns the chosen tag name in .chosen after exec() == Accepted."""

    def __init__(self, tags, count: int, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("添加标签")
        self.tags = list(tags)
        self.chosen = ""
        self.input = QLineEdit(placeholderText="输入标签名称，回车确定（没有则新建）")
        self.list = QListWidget()
        hint = QLabel(f"将为所选的 {count} 条添加标签。↑↓ 选择，Enter 确定，Esc 取消。")
        hint.setObjectName("muted")
        layout = QVBoxLayout(self)
        layout.addWidget(self.input)
        layout.addWidget(self.list)
        layout.addWidget(hint)
        self.input.textChanged.connect(self._refill)
        self.input.returnPressed.connect(self._accept_current)
        self.list.itemActivated.connect(lambda _item: self._accept_current())
        self.input.installEventFilter(self)
        self.resize(360, 320)
        self._refill("")

    def _refill(self, text: str) -> None:
        self.list.clear()
        needle = text.strip().casefold()
        matches = [t for t in self.tags if needle in t.name.casefold()]
        if needle and not any(t.name.casefold() == needle for t in self.tags):
            item = QListWidgetItem(f"新建标签“{text.strip()}”")
            item.setData(NEW_ROLE, text.strip())
            self.list.addItem(item)
        for tag in matches:
            item = QListWidgetItem(color_icon(tag.color), f"{tag.name}（{tag.clause_count}）")
            item.setData(NEW_ROLE, tag.name)
            self.list.addItem(item)
        self.list.setCurrentRow(0)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        # Arrow keys in the input move through the list, so the hands stay on the keyboard.
        if (
            obj is self.input
            and event.type() == event.Type.KeyPress
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
            self.list.setCurrentRow(row)
            return True
        return False

    def _accept_current(self) -> None:
        item = self.list.currentItem()
        name = item.data(NEW_ROLE) if item else self.input.text().strip()
        if name:
            self.chosen = name
            self.accept()
