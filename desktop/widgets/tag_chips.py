"""A clause's tags as coloured chips; clicking a chip's × takes the tag off."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget


class TagChips(QWidget):
    removeRequested = Signal(str)  # noqa: N815 tag name
    addRequested = Signal()  # noqa: N815

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # Many tags must not widen the whole window on a small laptop screen: clip instead.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(6)
        self.names: list[str] = []

    def set_tags(self, tags) -> None:
        while self.row.count():
            widget = self.row.takeAt(0).widget()
            if widget is not None:
                widget.setParent(None)  # gone now, not at the next event loop turn
                widget.deleteLater()
        self.names = [t.name for t in tags]
        self.row.addWidget(QLabel("标签："))
        for tag in tags:
            chip = QPushButton(f"{tag.name}  ×")
            chip.setToolTip(f"点击移除标签“{tag.name}”")
            chip.setStyleSheet(
                f"QPushButton {{ background: {tag.color or '#566573'}; color: white; border: 0; "
                "border-radius: 9px; padding: 2px 10px; }"
            )
            chip.clicked.connect(lambda _=False, name=tag.name: self.removeRequested.emit(name))
            self.row.addWidget(chip)
        add = QPushButton("＋ 添加标签 (T)")
        add.setFlat(True)
        add.clicked.connect(self.addRequested)
        self.row.addWidget(add)
        self.row.addStretch()
