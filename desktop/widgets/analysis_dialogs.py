"""Library-wide analysis windows: every quantified target, and two versions compared clause by clause."""

from __future__ import annotations

from html import escape as html_escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
)

from desktop.models.targets_model import ROW_ROLE, TargetsModel
from desktop.widgets.choices import choices_model, sized_by_text
from desktop.widgets.insights import marked
from desktop.widgets.progress_row import ProgressRow
from exporters.citation import book_title

STATUS = {"same": "未变", "changed": "修改", "added": "新增", "removed": "删除"}


class TargetsDialog(QDialog):
    """All targets with a number and a unit or deadline, filterable by year, exportable to Word."""

    clauseActivated = Signal(int, int)  # noqa: N815

    def __init__(self, workspace, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("量化目标一览")
        self.workspace = workspace
        self.rows: list = []
        self.cancel = None
        self.year = QComboBox()
        self.year.addItem("全部年份", None)
        self.year.currentIndexChanged.connect(self._fill)
        self.model = TargetsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        # Two lines per row, the whole text in the tooltip: measuring every row would take seconds.
        self.table.verticalHeader().setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + 8)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(self._open)
        self.export_button = QPushButton("导出 Word 表格…")
        self.export_button.clicked.connect(self.export)
        self.export_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(QLabel("截止年份："))
        top.addWidget(self.year)
        top.addStretch()
        top.addWidget(self.export_button)
        self.progress = ProgressRow()
        self.progress.cancelRequested.connect(self.stop)
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self.resize(980, 600)
        self.load()

    def load(self) -> None:
        """Read every clause's targets in the background (seconds on a large library)."""
        self.progress.start("正在查找全部条文中的量化目标…")
        self.summary.setText("")
        self.cancel = self.workspace.find_targets(self._loaded, self.progress.report)

    def stop(self) -> None:
        if self.cancel is not None:
            self.cancel()
        self.progress.finish()
        self.summary.setText("已取消。关闭后可重新打开本窗口再查找。")

    def _loaded(self, rows) -> None:
        self.progress.finish()
        self.cancel = None
        self.rows = rows
        self.year.blockSignals(True)
        for y in sorted({r.target.year for r in self.rows if r.target.year}, reverse=True):
            self.year.addItem(f"{y}年", y)
        self.year.blockSignals(False)
        self.export_button.setEnabled(True)
        self._fill()

    def done(self, result: int) -> None:
        if self.cancel is not None:
            self.cancel()
        super().done(result)

    def shown_rows(self):
        year = self.year.currentData()
        return [r for r in self.rows if year is None or r.target.year == year]

    def _fill(self) -> None:
        rows = self.shown_rows()
        self.model.set_rows(rows)
        self.summary.setText(f"{len(rows)} 项（双击打开条文；悬停看全文）")

    def _open(self, index) -> None:
        r = index.data(ROW_ROLE)
        self.clauseActivated.emit(r.document_id, r.clause_id)

    def export(self, path: str | None = None) -> str | None:
        from exporters.intel_docx import write_targets_docx

        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, "导出量化目标", "量化目标一览.docx", "Word 文档 (*.docx)"
            )
        if not path:
            return None
        try:
            write_targets_docx(self.shown_rows(), path)
        except Exception as exc:  # ExportError carries a message fit to show
            QMessageBox.warning(self, "导出失败", str(exc))
            return None
        return path


class CompareDialog(QDialog):
    """Pick two documents; see every clause added, removed or changed, with the changed words."""

    def __init__(self, workspace, docs, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("版本比较")
        self.workspace = workspace
        self.comparison = None
        self.old, self.new = sized_by_text(QComboBox()), sized_by_text(QComboBox())
        documents = choices_model(
            [(d.id, f"{d.title[:36]}（{d.doc_number or d.issued_date}）") for d in docs], None, self
        )
        for combo in (self.old, self.new):
            combo.setModel(documents)  # one model for both: thousands of documents fill at once
        if len(docs) > 1:
            self.new.setCurrentIndex(1)
        self.go = go = QPushButton("比较")
        go.setObjectName("primary")
        go.clicked.connect(self.compare)
        self.export_button = QPushButton("导出 Word 对照表…")
        self.export_button.clicked.connect(self.export)
        self.export_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(QLabel("旧版："))
        top.addWidget(self.old, 1)
        top.addWidget(QLabel("新版："))
        top.addWidget(self.new, 1)
        top.addWidget(go)
        top.addWidget(self.export_button)
        self.summary = QLabel()
        self.view = QTextBrowser()
        self.progress = ProgressRow()
        self.progress.cancelRequested.connect(self.stop)
        self.cancel = None
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self.resize(1000, 680)

    def stop(self) -> None:
        if self.cancel is not None:
            self.cancel()
            self.cancel = None
        self.progress.finish()
        self.go.setEnabled(True)
        self.summary.setText("已取消。")

    def done(self, result: int) -> None:
        if self.cancel is not None:
            self.cancel()
        super().done(result)

    def compare(self) -> None:
        """Compare in the background; the answer fills the view."""
        self.summary.setText("正在比较…")
        self.export_button.setEnabled(False)
        self.workspace.load_comparison(self.old.currentData(), self.new.currentData(), self._compared)

    def _compared(self, comparison) -> None:
        self.comparison = c = comparison
        self.summary.setText(
            "，".join(f"{STATUS[k]} {c.count(k)} 条" for k in ("changed", "added", "removed", "same"))
        )
        parts = []
        for row in c.rows:
            if row.status == "same":
                continue
            old = marked(row.old_text, row.diff.a_spans, "text-decoration: line-through; color:#b03a2e")
            new = marked(row.new_text, row.diff.b_spans, "text-decoration: underline; color:#1e7b34")
            parts.append(
                f"<h4>{STATUS[row.status]}：{row.old_path or row.new_path}</h4>"
                f"<table width='100%' cellspacing='6'><tr><td width='50%' valign='top'>{old}</td>"
                f"<td width='50%' valign='top'>{new}</td></tr></table>"
            )
        self.view.setHtml("".join(parts) or "<p>两份文件的条文完全相同。</p>")
        self.export_button.setEnabled(True)

    def export(self, path: str | None = None) -> str | None:
        from exporters.intel_docx import write_comparison_docx

        if self.comparison is None:
            return None
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, "导出对照表", "修改对照表.docx", "Word 文档 (*.docx)")
        if not path:
            return None
        try:
            write_comparison_docx(self.comparison, path, changed_only=True)
        except Exception as exc:  # ExportError carries a message fit to show
            QMessageBox.warning(self, "导出失败", str(exc))
            return None
        return path


class RepeatsDialog(CompareDialog):
    """Every clause two documents share (a district reply restating a city plan), with the differences."""

    def __init__(self, workspace, docs, parent=None) -> None:
        super().__init__(workspace, docs, parent)
        self.setWindowTitle("重复条文报告")
        self.export_button.hide()
        self.pairs = []

    def compare(self) -> None:
        """Probe every clause of the two documents in the background, with progress and 取消."""
        a, b = self.old.currentData(), self.new.currentData()
        self.go.setEnabled(False)
        self.summary.setText("")
        self.progress.start("正在查找相近的条文…")
        self.cancel = self.workspace.find_repeats(
            [a, b] if a != b else [a], self._found, self.progress.report
        )

    def _found(self, pairs) -> None:
        self.cancel = None
        self.progress.finish()
        self.go.setEnabled(True)
        self.pairs = pairs
        self.summary.setText(f"共 {len(self.pairs)} 对相近条文（相似度 ≥ 60%）")
        parts = []
        for p in self.pairs:
            left = marked(p.a.text, p.diff.a_spans, "text-decoration: line-through; color:#b03a2e")
            right = marked(p.b.text, p.diff.b_spans, "text-decoration: underline; color:#1e7b34")
            parts.append(
                f"<h4>{round(p.score * 100)}%：{html_escape(book_title(p.a.title))} {p.a.path} ↔ "
                f"{html_escape(book_title(p.b.title))} {p.b.path}</h4>"
                f"<table width='100%' cellspacing='6'><tr><td width='50%' valign='top'>{left}</td>"
                f"<td width='50%' valign='top'>{right}</td></tr></table>"
            )
        self.view.setHtml("".join(parts) or "<p>没有找到相近的条文。</p>")
