"""A clause's tags as coloured chips; clicking a chip's × takes the tag off."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton

from desktop.widgets.chip_row import ChipRow


class TagChips(ChipRow):
    removeRequested = Signal(str)  # noqa: N815 tag name
    addRequested = Signal()  # noqa: N815

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.names: list[str] = []

    def set_tags(self, tags) -> None:
        self.clear()
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
