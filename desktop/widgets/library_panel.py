"""The document list: filter, sort, open; import by button or by dropping files.

Each document is two lines (title; 文号 · 发文机关 · 日期 · 条数), so long Chinese
titles stay readable in a narrow panel.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from desktop.models.documents_model import DOC_ID_ROLE, DOC_ROLE, DocumentsFilter, DocumentsModel
from desktop.workspace import MISSING_MARK, DocumentInfo

SORTS = (
    ("按日期（新→旧）", 3, Qt.SortOrder.DescendingOrder),
    ("按标题", 0, Qt.SortOrder.AscendingOrder),
    ("按文号", 1, Qt.SortOrder.AscendingOrder),
    ("按发文机关", 2, Qt.SortOrder.AscendingOrder),
)


_MISSING_NAMES = {"doc_number": "文号", "issuer": "发文机关", "issued_date": "日期"}


def document_html(doc: DocumentInfo) -> str:
    facts = " · ".join(
        html.escape(value)
        if value
        else f'<span style="color:#b9770e">{_MISSING_NAMES[name]}{MISSING_MARK}</span>'
        for name, value in (
            ("doc_number", doc.doc_number),
            ("issuer", doc.issuer),
            ("issued_date", doc.issued_date),
        )
    )
    facts = f"{facts} · {doc.clause_count} 条"
    return f'<div><b>{html.escape(doc.title)}</b></div><div style="color:#777">{facts}</div>'


class DocumentDelegate(QStyledItemDelegate):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._heights: dict[tuple, int] = {}

    def _doc(self, doc: DocumentInfo, width: int) -> QTextDocument:
        text = QTextDocument()
        text.setDefaultFont(self.parent().font())
        text.setHtml(document_html(doc))
        text.setTextWidth(max(width - 12, 100))
        return text

    def paint(self, painter, option, index) -> None:
        self.initStyleOption(option, index)
        option.text = ""
        option.widget.style().drawControl(
            QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget
        )
        painter.save()
        painter.translate(option.rect.left() + 6, option.rect.top() + 4)
        self._doc(index.data(DOC_ROLE), option.rect.width()).drawContents(
            painter, QRectF(0, 0, option.rect.width() - 12, option.rect.height() - 8)
        )
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        width = option.widget.viewport().width() if option.widget else 380
        doc = index.data(DOC_ROLE)
        key = (doc, width)  # laying out rich text for every row on each resize is slow: remember
        if key not in self._heights:
            if len(self._heights) > 20000:
                self._heights.clear()
            self._heights[key] = int(self._doc(doc, width).size().height()) + 10
        return QSize(width, self._heights[key])


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
        self.sort = QComboBox()
        for text, _col, _order in SORTS:
            self.sort.addItem(text)
        self.sort.currentIndexChanged.connect(self._sort)
        self.incomplete = QCheckBox(f"只看元数据{MISSING_MARK}")
        self.incomplete.setToolTip("只列出缺少文号、发文机关或日期的文件")
        self.incomplete.toggled.connect(self.proxy.set_incomplete_only)
        self.view = QListView()
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(DocumentDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)  # rows re-measured when the panel is resized
        self.view.setAlternatingRowColors(True)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.import_button = QPushButton("导入文件…")
        self.import_button.setObjectName("primary")
        self.import_button.setToolTip("也可以把文件或文件夹直接拖进窗口")
        self.import_button.clicked.connect(self.importRequested)
        self.demo_button = QPushButton("载入示例文件")
        self.demo_button.clicked.connect(self.demoRequested)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.sort)
        top.addWidget(self.incomplete)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._sort(0)

    def _sort(self, choice: int) -> None:
        _text, column, order = SORTS[choice]
        self.proxy.sort(column, order)

    def set_documents(self, docs: list[DocumentInfo]) -> None:
        current = self.current_document_id()
        self.model.set_rows(docs)
        self.demo_button.setVisible(not docs)  # first start: offer the samples
        if current is not None:
            self.select_document(current, emit=False)

    def current_document_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(DOC_ID_ROLE) if index.isValid() else None

    def select_document(self, doc_id: int, emit: bool = True) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(DOC_ID_ROLE) == doc_id:
                self.view.selectionModel().blockSignals(not emit)
                self.view.setCurrentIndex(index)
                self.view.selectionModel().blockSignals(False)
                return

    def _current_changed(self, current, _previous) -> None:
        if current.isValid():
            self.documentActivated.emit(current.data(DOC_ID_ROLE))
