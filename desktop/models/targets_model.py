"""Quantified targets as a Qt table model: only the rows on screen are ever drawn, so tens of
thousands of targets (a 200k-clause library) fill the window at once."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from exporters.citation import book_title

_ROOT = QModelIndex()
COLUMNS = ("年份", "数值", "类型", "表述", "出处")
KIND = {"goal": "目标", "support": "支持标准", "level": "水平"}
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class TargetsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list = []  # TargetRow records

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == ROW_ROLE:
            return r
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            t = r.target
            values = (
                str(t.year or ""),
                f"{t.number:g}{t.unit}",
                KIND.get(t.kind, t.kind),
                t.text,
                f"{book_title(r.title)} {r.path}",
            )
            return values[index.column()]
        return None
