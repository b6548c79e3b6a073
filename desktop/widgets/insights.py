"""What the library knows about the selected clause: the same words in other documents,
the documents it cites, and the targets it sets. Computed only when its tab is open."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QTextBrowser, QVBoxLayout, QWidget

from exporters.citation import book_title

LINK_ROLE = Qt.ItemDataRole.UserRole + 1


def marked(text: str, spans, style: str) -> str:
    """HTML of `text` with `spans` wrapped in a styled <span>."""
    out, last = [], 0
    for start, end in sorted(spans):
        out.append(html.escape(text[last:start]))
        out.append(f'<span style="{style}">{html.escape(text[start:end])}</span>')
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out)


class SimilarClauses(QWidget):
    """Clauses of other documents that say nearly the same; their different words underlined."""

    clauseActivated = Signal(int, int)  # noqa: N815 document id, clause id

    def __init__(self, workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.itemDoubleClicked.connect(self._open)
        self.list.itemActivated.connect(self._open)
        self.list.currentItemChanged.connect(lambda item, _prev: self._preview(item))
        workspace.similar.resultReady.connect(self.show_result)
        self.preview = QTextBrowser()
        for view in (self.list, self.preview):  # may be small: the clause above keeps the height
            view.setMinimumHeight(40)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.preview, 1)

    def show_for(self, clause_id: int) -> None:
        """Ask in the background; the answer is shown by show_result if still wanted."""
        self.clause_id = clause_id
        self.list.clear()
        self.preview.clear()
        self.summary.setText("正在查找其他文件中相近的条文…")
        self.workspace.ask_similar(clause_id)

    def show_result(self, answer) -> None:
        found = answer.found
        if answer.clause_id != getattr(self, "clause_id", None):
            return
        for s in found:
            item = QListWidgetItem(f"{round(s.score * 100)}%  {book_title(s.title)} {s.path}")
            item.setData(LINK_ROLE, s)
            self.list.addItem(item)
        self.summary.setText(
            f"其他文件中有 {len(found)} 条相近的条文（双击打开；下划线为不同之处）"
            if found
            else "其他文件中没有相近的条文。"
        )
        if found:
            self.list.setCurrentRow(0)

    def _preview(self, item) -> None:
        s = item.data(LINK_ROLE) if item else None
        if s is not None:
            self.preview.setHtml(marked(s.text, s.diff.b_spans, "text-decoration: underline; color:#b03a2e"))

    def _open(self, item) -> None:
        s = item.data(LINK_ROLE)
        self.clauseActivated.emit(s.document_id, s.clause_id)


class CitedDocuments(QListWidget):
    """The 《…》 a clause cites: in the library (double-click opens it) or missing."""

    documentActivated = Signal(int)  # noqa: N815

    def __init__(self, workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.itemDoubleClicked.connect(self._open)

    def show_for(self, clause_id: int) -> None:
        self.clause_id = clause_id
        self.clear()
        self.addItem(QListWidgetItem("正在查找本条引用的文件…"))
        self.workspace.load_cited(clause_id, self._show)

    def _show(self, answer) -> None:
        if answer.clause_id != self.clause_id:
            return
        self.clear()
        for c in answer.found:
            state = "已在资料库（双击打开）" if c.in_library else "资料库中没有"
            item = QListWidgetItem(f"{book_title(c.title)}  —  {state}")
            item.setData(LINK_ROLE, c.document_id)
            if not c.in_library:
                item.setForeground(Qt.GlobalColor.darkGray)
            self.addItem(item)
        if not self.count():
            self.addItem(QListWidgetItem("本条没有引用其他文件。"))

    def _open(self, item) -> None:
        doc_id = item.data(LINK_ROLE)
        if doc_id:
            self.documentActivated.emit(doc_id)


class ClauseTargets(QListWidget):
    """Quantified commitments in the clause: 到2025年…突破300亿元, 最高30万元."""

    KIND = {"goal": "目标", "support": "支持标准", "level": "水平"}

    def __init__(self, workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWordWrap(True)

    def show_for(self, text: str) -> None:
        self.clear()
        for t in self.workspace.clause_targets(text):
            value = f"{t.number:g}{t.unit}"
            when = f"{t.year}年 " if t.year else ""
            self.addItem(QListWidgetItem(f"[{self.KIND.get(t.kind, t.kind)}] {when}{value} — {t.text}"))
        if not self.count():
            self.addItem(QListWidgetItem("本条没有带数字的目标或标准。"))
