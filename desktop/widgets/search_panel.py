"""Search every clause: results as you type, filters, highlighted snippets.

Enter or double-click opens the clause in the document view with the matches marked.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from desktop.widgets.choices import choices_model, set_choices, sized_by_text

_ROOT = QModelIndex()  # the invisible root, as Qt's default argument
DEBOUNCE_MS = 150
HIT_ROLE = Qt.ItemDataRole.UserRole + 1


def snippet_html(snippet: str, spans) -> str:
    out, last = [], 0
    for start, end in spans:
        out.append(html.escape(snippet[last:start]))
        out.append(f'<span style="background:#ffe58a">{html.escape(snippet[start:end])}</span>')
        last = end
    out.append(html.escape(snippet[last:]))
    return "".join(out).replace("\n", " ")


def hit_html(hit) -> str:
    where = " ".join(x for x in (html.escape(hit.doc_number), html.escape(hit.path)) if x)
    return (
        f'<div><b>{html.escape(hit.title)}</b> <span style="color:#8a3324">{where}</span></div>'
        f'<div style="color:#333">{snippet_html(hit.snippet, hit.spans)}</div>'
    )


class HitsModel(QAbstractListModel):
    """The hits loaded so far of `total`; the view asks for more (fetchMore) as it is scrolled."""

    moreWanted = Signal(int)  # noqa: N815 offset of the next page

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.hits: list = []
        self.total = 0
        self.waiting = False  # a page was asked for and has not come yet

    def set_hits(self, hits, total: int | None = None) -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self.total = len(self.hits) if total is None else total
        self.waiting = False
        self.endResetModel()

    def append(self, offset: int, hits) -> None:
        self.waiting = False
        if offset != len(self.hits) or not hits:
            return  # a page for an older list
        self.beginInsertRows(_ROOT, len(self.hits), len(self.hits) + len(hits) - 1)
        self.hits.extend(hits)
        self.endInsertRows()

    def canFetchMore(self, parent=_ROOT) -> bool:  # noqa: N802
        return not parent.isValid() and not self.waiting and len(self.hits) < self.total

    def fetchMore(self, parent=_ROOT) -> None:  # noqa: N802
        if self.canFetchMore(parent):
            self.waiting = True
            self.moreWanted.emit(len(self.hits))

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        hit = self.hits[index.row()]
        if role == HIT_ROLE:
            return hit
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.text[:400]
        if role == Qt.ItemDataRole.AccessibleTextRole or role == Qt.ItemDataRole.DisplayRole:
            return f"{hit.title} {hit.path} {hit.snippet}"
        return None


class HitDelegate(QStyledItemDelegate):
    """Paints a hit as rich text: title, 文号 and path, then the snippet with matches marked."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._heights: dict[tuple, int] = {}

    def _doc(self, hit, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(self.parent().font())
        doc.setHtml(hit_html(hit))
        doc.setTextWidth(max(width - 12, 100))
        return doc

    def paint(self, painter, option, index) -> None:
        hit = index.data(HIT_ROLE)
        self.initStyleOption(option, index)
        option.text = ""
        option.widget.style().drawControl(
            QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget
        )
        doc = self._doc(hit, option.rect.width())
        painter.save()
        painter.translate(option.rect.left() + 6, option.rect.top() + 4)
        doc.drawContents(painter, QRectF(0, 0, option.rect.width() - 12, option.rect.height() - 8))
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        hit = index.data(HIT_ROLE)
        width = option.widget.viewport().width() if option.widget else 400
        key = (hit.clause_id, hit.snippet, width)  # each row is measured once per width
        if key not in self._heights:
            if len(self._heights) > 20000:
                self._heights.clear()
            self._heights[key] = int(self._doc(hit, width).size().height()) + 10
        return QSize(width, self._heights[key])


def _refill(combo: QComboBox, first: str, items: list[tuple]) -> None:
    short = [(value, text if len(text) < 30 else text[:29] + "…") for value, text in items]
    set_choices(combo, choices_model(short, first, combo))


class SearchPanel(QWidget):
    queryChanged = Signal()  # noqa: N815 debounced: run the search now
    moreWanted = Signal(int)  # noqa: N815 the next page of the same search, from this offset
    hitActivated = Signal(object, tuple)  # noqa: N815 SearchHit, words

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.words: tuple[str, ...] = ()
        self.summary = QLabel('在上方搜索框输入词语，例如：算力、人才 政策、"数字经济"、园区 -厦门')
        self.summary.setObjectName("muted")
        self.summary.setWordWrap(True)
        self.document = sized_by_text(QComboBox())
        self.issuer = QLineEdit(placeholderText="发文机关包含…", clearButtonEnabled=True)
        self.since = QLineEdit(placeholderText="起 2022 或 2022-03")
        self.until = QLineEdit(placeholderText="止 2025-06")
        self.tag = sized_by_text(QComboBox(), 8)
        self.has_note = QCheckBox("仅看有批注的")
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.document, 0, 0, 1, 2)
        grid.addWidget(self.issuer, 1, 0, 1, 2)
        grid.addWidget(self.since, 2, 0)
        grid.addWidget(self.until, 2, 1)
        grid.addWidget(self.tag, 3, 0)
        grid.addWidget(self.has_note, 3, 1)
        self.model = HitsModel(self)
        self.model.moreWanted.connect(self.moreWanted)
        self.model.rowsInserted.connect(lambda *_: self._summarise())
        self.result = None
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(HitDelegate(self.view))
        self.view.setUniformItemSizes(False)
        self.view.setWordWrap(True)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)  # rows re-measured when the panel is resized
        self.view.activated.connect(self._activated)
        self.view.doubleClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(grid)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self.timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.timer.timeout.connect(self.queryChanged)
        for edit in (self.issuer, self.since, self.until):
            edit.textChanged.connect(self.timer.start)
        for combo in (self.document, self.tag):
            combo.currentIndexChanged.connect(self.timer.start)
        self.has_note.toggled.connect(self.timer.start)
        self.set_choices([], [])

    def set_choices(self, documents, tags) -> None:
        """Fill the document and tag filters, keeping the current choice when it still exists."""
        self.set_documents(documents)
        self.set_tags(tags)

    def set_documents(self, documents) -> None:
        _refill(self.document, "全部文件", [(d.id, d.title) for d in documents])

    def set_tags(self, tags) -> None:
        _refill(self.tag, "全部标签", [(t.name, t.name) for t in tags])

    def filters(self) -> dict:
        out: dict = {}
        if self.document.currentData() is not None:
            out["document_ids"] = [self.document.currentData()]
        for key, edit in (("issuer", self.issuer), ("since", self.since), ("until", self.until)):
            if edit.text().strip():
                out[key] = edit.text().strip()
        if self.tag.currentData():
            out["tag"] = self.tag.currentData()
        if self.has_note.isChecked():
            out["has_note"] = True
        return out

    def show_result(self, page) -> None:
        """A SearchPage: the first page replaces the list, later ones are appended."""
        result = page.result
        if page.offset:
            self.model.append(page.offset, result.hits)
            return
        self.result = result
        self.words = tuple(result.words)
        self.model.set_hits(result.hits, result.total)
        self._summarise()
        if result.hits:
            self.view.setCurrentIndex(self.model.index(0))

    def _summarise(self) -> None:
        result = self.result
        if result is None:
            return
        if result.total == 0:
            self.summary.setText("没有找到。试试更短的词，或用空格分开几个词。")
            return
        note = f"（已拆分为：{' '.join(result.words)}）" if result.resplit else ""
        loaded = self.model.rowCount()
        more = f"，已列出 {loaded} 条，向下滚动列出其余" if result.total > loaded else ""
        self.summary.setText(f"找到 {result.total} 条{more}{note}")

    def show_error(self, message: str) -> None:
        self.model.waiting = False
        self.summary.setText(f"搜索出错：{message}")

    def clear(self) -> None:
        self.result = None
        self.model.set_hits([])
        self.summary.setText("")

    def open_current(self) -> None:
        """Open the selected hit (as Enter in the list does)."""
        index = self.view.currentIndex()
        if index.isValid():
            self._activated(index)

    def _activated(self, index) -> None:
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self.hitActivated.emit(hit, self.words)
