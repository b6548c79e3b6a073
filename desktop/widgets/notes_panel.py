"""Every note, or the notes of one meeting, pulled together; click one to open its clause."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from exporters.citation import book_title

CLAUSE_ROLE = Qt.ItemDataRole.UserRole + 1


class NotesPanel(QWidget):
    clauseActivated = Signal(int, int)  # noqa: N815 document id, clause id

    def __init__(self, workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.meeting = QComboBox()
        self.meeting.currentIndexChanged.connect(lambda _i: self._fill())
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._open)
        self.list.itemDoubleClicked.connect(self._open)
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.meeting)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        workspace.workChanged.connect(self.reload)
        workspace.notesChanged.connect(lambda _cid: self.reload())

    def reload(self) -> None:
        """Ask for the meetings and the notes of the chosen one (answered off the GUI thread)."""
        self.workspace.load_notes(self.meeting.currentData(), self._show)

    def _fill(self) -> None:
        self.reload()

    def _show(self, overview) -> None:
        current = self.meeting.currentData()
        self.meeting.blockSignals(True)
        self.meeting.clear()
        self.meeting.addItem("全部批注", None)
        for name, date, count in overview.meetings:
            self.meeting.addItem(f"{name}（{date}，{count} 条）", name)
        self.meeting.setCurrentIndex(max(0, self.meeting.findData(current)))
        self.meeting.blockSignals(False)
        self.list.clear()
        found = overview.notes
        for note in found:
            stamp = f"【{note.meeting}】" if note.meeting else ""
            item = QListWidgetItem(f"{stamp}{note.text}\n—{book_title(note.document_title)}{note.path}")
            item.setData(CLAUSE_ROLE, (note.document_id, note.clause_id))
            self.list.addItem(item)
        self.summary.setText(f"{len(found)} 条批注" if found else "还没有批注。")

    def _open(self, item) -> None:
        doc_id, clause_id = item.data(CLAUSE_ROLE)
        self.clauseActivated.emit(doc_id, clause_id)
