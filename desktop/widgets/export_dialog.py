"""Options of a Word briefing pack: cover lines, 编者按, 报头, 版记, notes, appendices.

The dialog's result is an exporters.options.ExportOptions, the same shape the CLI builds.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
)

from exporters.options import ExportOptions

CLASSIFICATIONS = ("", "内部资料", "内部资料 注意保存", "工作秘密")
_CHECKS = (("notes", True), ("appendix", True), ("table", False), ("imprint", False), ("single", False))
_TEXTS = ("preparedBy", "bulletin", "printedBy", "reportTo", "sendTo", "distributeTo")


class ExportDialog(QDialog):
    """Fields start from the brief and from what this officer used last time (QSettings)."""

    def __init__(self, brief, settings, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出 Word 简报")
        self.settings = settings
        self.title = QLineEdit(brief.title)
        self.subtitle = QLineEdit(brief.subtitle)
        self.subtitle.setPlaceholderText("如：11月数字经济专题会")
        self.prepared_by = self._remembered("preparedBy", "如：区科工局综合科（也是文件作者）")
        self.classification = QComboBox()
        for mark in CLASSIFICATIONS:
            self.classification.addItem(mark or "（不标注）", mark)
        self.classification.setCurrentIndex(
            max(0, self.classification.findData(settings.value("export/classification", "") or ""))
        )
        self.editor_note = QPlainTextEdit()
        self.editor_note.setPlaceholderText("编者按 / 编印说明（可不填）")
        self.editor_note.setFixedHeight(64)
        self.bulletin = self._remembered("bulletin", "填写即以简报报头印发，如：科技工作简报")
        self.bulletin_issue = QLineEdit()
        self.bulletin_issue.setPlaceholderText("如：第3期")
        self.printed_by = self._remembered("printedBy", "默认同编制单位")
        self.report_to = self._remembered("reportTo", "报：")
        self.send_to = self._remembered("sendTo", "送：")
        self.distribute_to = self._remembered("distributeTo", "发：")
        self.notes = QCheckBox("包含批注")
        self.appendix = QCheckBox("附件：来源文件一览")
        self.table = QCheckBox("附件：要点对照表（要点 | 出处 | 标签 | 批注）")
        self.imprint = QCheckBox("版记（印发机关和印发日期）")
        self.single = QCheckBox("只印条文（不要封面、目录和附件）")
        for key, default in _CHECKS:
            box = getattr(self, key)
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
        form.addRow("编者按", self.editor_note)
        form.addRow("简报名称", self.bulletin)
        form.addRow("期号", self.bulletin_issue)
        form.addRow(self.notes)
        form.addRow(self.appendix)
        form.addRow(self.table)
        form.addRow(self.single)
        form.addRow(self.imprint)
        form.addRow("印发机关", self.printed_by)
        form.addRow("报", self.report_to)
        form.addRow("送", self.send_to)
        form.addRow("发", self.distribute_to)
        form.addRow(buttons)
        self.resize(520, 0)

    def _remembered(self, key: str, placeholder: str) -> QLineEdit:
        field = QLineEdit(self.settings.value(f"export/{key}", "") or "")
        field.setPlaceholderText(placeholder)
        return field

    def options(self) -> ExportOptions:
        """What the officer chose, for exporters.assemble.brief_from_library; remembered for next time."""
        chosen = ExportOptions(
            title=self.title.text().strip() or None,
            subtitle=self.subtitle.text().strip(),
            prepared_by=self.prepared_by.text().strip(),
            classification=self.classification.currentData(),
            include_notes=self.notes.isChecked(),
            appendix=self.appendix.isChecked(),
            table=self.table.isChecked(),
            editor_note=self.editor_note.toPlainText().strip(),
            bulletin=self.bulletin.text().strip(),
            bulletin_issue=self.bulletin_issue.text().strip(),
            imprint=self.imprint.isChecked(),
            printed_by=self.printed_by.text().strip(),
            report_to=self.report_to.text().strip(),
            send_to=self.send_to.text().strip(),
            distribute_to=self.distribute_to.text().strip(),
            single=self.single.isChecked(),
        )
        self.settings.setValue("export/classification", chosen.classification)
        for key, field in zip(
            _TEXTS,
            (
                self.prepared_by,
                self.bulletin,
                self.printed_by,
                self.report_to,
                self.send_to,
                self.distribute_to,
            ),
            strict=True,
        ):
            self.settings.setValue(f"export/{key}", field.text().strip())
        for key, _ in _CHECKS:
            self.settings.setValue(f"export/{key}", getattr(self, key).isChecked())
        return chosen
