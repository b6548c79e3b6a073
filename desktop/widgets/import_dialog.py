"""Progress and per-file results of an import that runs in the background."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

STATUS_TEXT = {
    "imported": "已导入",
    "duplicate": "重复，已跳过",
    "updated": "已更新为新版本",
    "error": "失败",
    "skipped": "未导入（链接）",
}
STATUS_COLOR = {
    "imported": "#1e7b34",
    "duplicate": "#777777",
    "updated": "#1f618d",
    "error": "#b03a2e",
    "skipped": "#9a6700",
}


class ImportDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入文件")
        self.setModal(False)
        self.label = QLabel("正在查找文件…")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.list = QTreeWidget()
        self.list.setHeaderLabels(["文件", "结果", "说明"])
        self.list.setRootIsDecorated(False)
        self.list.setColumnWidth(0, 260)
        self.list.setColumnWidth(1, 100)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(640, 360)
        self.counts: dict[str, int] = {}

    def add_result(self, done: int, total: int, result) -> None:
        from pathlib import Path

        self.bar.setRange(0, total)
        self.bar.setValue(done)
        self.label.setText(f"正在导入 {done}/{total}…")
        detail = (
            result.error
            or result.duplicate_note()
            or (f"拆分为 {result.clauses} 条" if result.clauses else "")
        )
        item = QTreeWidgetItem(
            [Path(result.path).name, STATUS_TEXT.get(result.status, result.status), detail]
        )
        item.setToolTip(0, result.path)
        item.setToolTip(2, detail)
        item.setForeground(1, QBrush(QColor(STATUS_COLOR.get(result.status, "#333"))))
        self.list.addTopLevelItem(item)
        self.list.scrollToItem(item)
        self.counts[result.status] = self.counts.get(result.status, 0) + 1

    def finish(self, results) -> None:
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        if not results:
            self.label.setText("没有找到可导入的文件（支持 .txt .md .docx .pdf .html）。")
            return
        parts = [f"{STATUS_TEXT[k]} {v}" for k, v in self.counts.items() if k in STATUS_TEXT]
        self.label.setText("完成：" + "，".join(parts))
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def fail(self, message: str) -> None:
        self.bar.setRange(0, 1)
        self.label.setText(f"导入中断：{message}")
