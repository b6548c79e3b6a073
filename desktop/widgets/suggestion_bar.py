"""Suggested tags for the clause, each accepted with one key (Alt+1 … Alt+5) or a click."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QPushButton

from desktop.widgets.chip_row import ChipRow


class SuggestionBar(ChipRow):
    accepted = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.names: list[str] = []
        for n in range(1, 6):
            shortcut = QShortcut(QKeySequence(f"Alt+{n}"), self)
            shortcut.activated.connect(lambda n=n: self.accept(n))

    def set_suggestions(self, suggestions) -> None:
        self.clear()
        self.names = [s.name for s in suggestions]
        if not suggestions:
            self.hide()
            return
        label = QLabel("建议标签：")
        label.setObjectName("muted")
        self.row.addWidget(label)
        for n, s in enumerate(suggestions, 1):
            mark = "★" if s.source == "existing" else ""
            button = QPushButton(f"{mark}{s.name}  Alt+{n}")
            button.setFlat(True)
            button.setToolTip("已有标签" if s.source == "existing" else "从正文提取的关键词")
            button.setStyleSheet(
                "QPushButton { color: #1f618d; border: 1px dashed #9fb7cc; border-radius: 9px; padding: 1px 8px; }"
            )
            button.clicked.connect(lambda _=False, n=n: self.accept(n))
            self.row.addWidget(button)
        self.row.addStretch()
        self.show()

    def accept(self, number: int) -> None:
        if 1 <= number <= len(self.names):
            self.accepted.emit(self.names[number - 1])
