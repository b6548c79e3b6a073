"""The export dialog offers issue 16's options and returns them as one ExportOptions."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QSettings

from desktop.widgets.export_dialog import ExportDialog
from exporters.options import ExportOptions


def test_dialog_returns_export_options_and_remembers_them(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    brief = SimpleNamespace(title="算力简报", subtitle="")
    dialog = ExportDialog(brief, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.prepared_by.setText("区科工局综合科")
    dialog.bulletin.setText("科技工作简报")
    dialog.bulletin_issue.setText("第3期")
    dialog.editor_note.setPlainText("本期摘编算力政策。")
    dialog.imprint.setChecked(True)
    dialog.report_to.setText("区政府办公室")
    dialog.single.setChecked(True)
    options = dialog.options()
    assert isinstance(options, ExportOptions)
    assert (options.prepared_by, options.bulletin, options.bulletin_issue) == (
        "区科工局综合科",
        "科技工作简报",
        "第3期",
    )
    assert options.editor_note == "本期摘编算力政策。" and options.imprint and options.single
    assert options.report_to == "区政府办公室" and options.title == "算力简报"
    imprint = options.imprint_block("2025-07-08")
    assert imprint.unit == "区科工局综合科" and imprint.recipients == (("报", "区政府办公室"),)
    again = ExportDialog(brief, settings)
    qtbot.addWidget(again)
    assert again.prepared_by.text() == "区科工局综合科" and again.bulletin.text() == "科技工作简报"
    assert again.imprint.isChecked() and again.single.isChecked()
