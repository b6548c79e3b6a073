"""The document list as a Qt table model, fed plain DocumentInfo records (never SQL)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

from db import DocumentInfo

_ROOT = QModelIndex()  # the invisible root, as Qt's default argument

COLUMNS = ("标题", "文号", "发文机关", "日期", "条文")
DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DOC_ROLE = Qt.ItemDataRole.UserRole + 2


class DocumentsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[DocumentInfo] = []

    def set_rows(self, rows: list[DocumentInfo]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt naming)
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
        doc = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            values = (doc.title, doc.doc_number, doc.issuer, doc.issued_date, doc.clause_count)
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{doc.title}\n{doc.doc_number}  {doc.issuer}  {doc.issued_date}\n来源：{doc.source_name}"
        if role == DOC_ID_ROLE:
            return doc.id
        if role == DOC_ROLE:
            return doc
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class DocumentsFilter(QSortFilterProxyModel):
    """Filter on any of title, 文号 and issuer; sort on any column."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setSortRole(Qt.ItemDataRole.EditRole)
        self.incomplete_only = False

    def set_incomplete_only(self, on: bool) -> None:
        """Show only documents whose 文号, issuer or date is missing (待补)."""
        self.beginFilterChange()
        self.incomplete_only = bool(on)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent) -> bool:  # noqa: N802 (Qt naming)
        if self.incomplete_only:
            doc = self.sourceModel().index(row, 0, parent).data(DOC_ROLE)
            if doc is not None and not doc.missing_fields:
                return False
        return super().filterAcceptsRow(row, parent)
