"""Options of a Word briefing pack: cover lines, classification mark, notes, appendix, table."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
)

CLASSIFICATIONS = ("", "内部资料", "内部资料 注意保存", "工作秘密")


class ExportDialog(QDialog):
    """Fields start from the brief and from what this officer used last time (QSettings)."""

    def __init__(self, brief, settings, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出 Word 简报")
        self.settings = settings
        self.title = QLineEdit(brief.title)
        self.subtitle = QLineEdit(brief.subtitle)
        self.subtitle.setPlaceholderText("如：11月数字经济专题会")
        self.prepared_by = QLineEdit(settings.value("export/preparedBy", "") or "")
        self.prepared_by.setPlaceholderText("如：区科工局综合科")
        self.classification = QComboBox()
        for mark in CLASSIFICATIONS:
            self.classification.addItem(mark or "（不标注）", mark)
        self.classification.setCurrentIndex(
            max(0, self.classification.findData(settings.value("export/classification", "") or ""))
        )
        self.notes = QCheckBox("包含批注")
        self.appendix = QCheckBox("附录：来源文件一览")
        self.table = QCheckBox("附录：要点对照表（条文 | 标签 | 批注）")
        for box, key, default in (
            (self.notes, "notes", True),
            (self.appendix, "appendix", True),
            (self.table, "table", False),
        ):
            box.setChecked(str(settings.value(f"export/{key}", default)).lower() in ("true", "1"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("选择保存位置…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("标题", self.title)
        form.addRow("副标题", self.subtitle)
        form.addRow("编制单位", self.prepared_by)
        form.addRow("密级标志", self.classification)
        form.addRow(self.notes)
        form.addRow(self.appendix)
        form.addRow(self.table)
        form.addRow(buttons)
        self.resize(460, 0)

    def options(self) -> dict:
        """Keyword arguments for exporters.assemble.brief_from_library; remembered for next time."""
        values = {
            "title": self.title.text().strip() or None,
            "subtitle": self.subtitle.text().strip(),
            "prepared_by": self.prepared_by.text().strip(),
            "classification": self.classification.currentData(),
            "include_notes": self.notes.isChecked(),
            "appendix": self.appendix.isChecked(),
            "table": self.table.isChecked(),
        }
        self.settings.setValue("export/preparedBy", values["prepared_by"])
        self.settings.setValue("export/classification", values["classification"])
        for key in ("notes", "appendix", "table"):
            self.settings.setValue(f"export/{key}", getattr(self, key).isChecked())
        return values
