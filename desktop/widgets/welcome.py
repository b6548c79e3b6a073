"""What an empty library shows: how to bring documents in, and the samples to try it with."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

INVITATION = (
    "资料库还是空的。导入政策文件（.txt .md .docx .pdf 网页 .html）后，\n"
    "每份文件会按“一、（一）1.（1）”等编号拆成条文，可全文检索、加标签、写批注，并导出 Word 简报。\n\n"
    "也可以把文件或整个文件夹直接拖进这个窗口。"
)


class Welcome(QWidget):
    importFilesRequested = Signal()  # noqa: N815
    importFolderRequested = Signal()  # noqa: N815
    demoRequested = Signal()  # noqa: N815

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        title = QLabel("欢迎使用政策简报")
        title.setObjectName("docTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = body = QLabel(INVITATION)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addStretch()
        self.buttons: list[QPushButton] = []
        for text, signal, primary in (
            ("导入文件…", self.importFilesRequested, True),
            ("导入文件夹…", self.importFolderRequested, False),
            ("载入示例文件", self.demoRequested, False),
        ):
            button = QPushButton(text)
            button.setMinimumWidth(130)
            if primary:
                button.setObjectName("primary")
            button.clicked.connect(signal)
            buttons.addWidget(button)
            self.buttons.append(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title)
        layout.addSpacing(12)
        layout.addWidget(body)
        layout.addSpacing(18)
        layout.addLayout(buttons)
        layout.addStretch(3)
