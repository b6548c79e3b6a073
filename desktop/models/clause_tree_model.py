"""A document's clauses as a Qt tree, built from ClauseRecords in document order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from db import ClauseRecord

CLAUSE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_COLORS = {"box": "#7d5a1e", "attachment": "#1f618d", "preamble": "#666666"}


def clause_title(c: ClauseRecord) -> str:
    """What the tree shows: label and heading, or the start of the text."""
    body = c.heading or c.text.removeprefix(c.label).strip().split("\n", 1)[0]
    if len(body) > 40:
        body = body[:40] + "…"
    if c.kind == "preamble" and not c.heading:
        return "（引言）" + body
    return f"{c.label} {body}".strip()


class ClauseTreeModel(QStandardItemModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.items: dict[int, QStandardItem] = {}
        self.records: dict[int, ClauseRecord] = {}

    def set_clauses(self, clauses: list[ClauseRecord], note_counts: dict[int, int] | None = None) -> None:
        self.clear()
        self.items, self.records = {}, {}
        note_counts = note_counts or {}
        root = self.invisibleRootItem()
        for c in clauses:
            item = QStandardItem(clause_title(c))
            item.setEditable(False)
            item.setData(c.id, CLAUSE_ID_ROLE)
            item.setToolTip(c.text[:300])
            if c.kind in KIND_COLORS:
                item.setForeground(QBrush(QColor(KIND_COLORS[c.kind])))
            self.items[c.id] = item
            self.records[c.id] = c
            parent = self.items.get(c.parent_id) if c.parent_id else None
            (parent or root).appendRow(item)
        self.set_note_counts(note_counts)

    def set_note_counts(self, counts: dict[int, int]) -> None:
        for clause_id, item in self.items.items():
            base = clause_title(self.records[clause_id])
            n = counts.get(clause_id, 0)
            item.setText(f"{base}  ✎{n}" if n else base)

    def index_of(self, clause_id: int):
        item = self.items.get(clause_id)
        return item.index() if item else None
