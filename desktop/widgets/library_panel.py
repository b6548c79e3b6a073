"""The document list: filter, sort, open; import by button or by dropping files."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db import DocumentInfo
from desktop.models.documents_model import DOC_ID_ROLE, DocumentsFilter, DocumentsModel


class LibraryPanel(QWidget):
    documentActivated = Signal(int)  # noqa: N815 (Qt signal naming)
    importRequested = Signal()  # noqa: N815
    demoRequested = Signal()  # noqa: N815

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = DocumentsModel(self)
        self.proxy = DocumentsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(placeholderText="筛选标题、文号、发文机关…", clearButtonEnabled=True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 150), (2, 150), (3, 80), (4, 44)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.import_button = QPushButton("导入文件…")
        self.import_button.setObjectName("primary")
        self.import_button.clicked.connect(self.importRequested)
        self.demo_button = QPushButton("载入示例文件")
        self.demo_button.clicked.connect(self.demoRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def set_documents(self, docs: list[DocumentInfo]) -> None:
        current = self.current_document_id()
        self.model.set_rows(docs)
        self.demo_button.setVisible(not docs)  # first start: offer the samples
        if current is not None:
            self.select_document(current, emit=False)

    def current_document_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(DOC_ID_ROLE) if index.isValid() else None

    def select_document(self, doc_id: int, emit: bool = True) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(DOC_ID_ROLE) == doc_id:
                self.table.blockSignals(not emit)
                self.table.selectionModel().blockSignals(not emit)
                self.table.setCurrentIndex(index)
                self.table.selectionModel().blockSignals(False)
                self.table.blockSignals(False)
                return

    def _current_changed(self, current, _previous) -> None:
        if current.isValid():
            self.documentActivated.emit(current.data(DOC_ID_ROLE))
