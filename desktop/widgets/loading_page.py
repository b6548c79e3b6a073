"""What the reading area says while the library is being opened or upgraded: never the
empty-library invitation, which an officer would read as "my documents are gone"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

OPENING = "正在打开资料库……"


class LoadingPage(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.label = QLabel(OPENING)
        self.label.setObjectName("docTitle")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy, no known length
        self.bar.setMaximumWidth(320)
        self.bar.setTextVisible(False)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.label)
        layout.addSpacing(12)
        layout.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

    def say(self, text: str, busy: bool = True) -> None:
        self.label.setText(text or OPENING)
        self.bar.setVisible(busy)
