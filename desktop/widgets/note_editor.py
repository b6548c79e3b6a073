"""One note, edited in place and saved as the officer types.

Saved on a short debounce, on focus-out and before anything switches it away, so a
note is on disk within half a second of the last keystroke; a new note is created in
the library on its first non-blank save.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QToolButton, QVBoxLayout

SAVE_DELAY_MS = 400


class NoteEditor(QFrame):
    deleteRequested = Signal(int)  # noqa: N815 note id
    saved = Signal(int)  # noqa: N815 note id

    def __init__(self, workspace, clause_id: int, note=None, span=None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("noteCard")
        self.workspace, self.clause_id = workspace, clause_id
        self.note_id = note.id if note else None
        self.span = note.span if note else span
        self.saved_text = note.text if note else ""
        self.edit = QPlainTextEdit(self.saved_text)
        self.edit.setObjectName("noteEditor")
        self.edit.setPlaceholderText("在此输入批注，自动保存…")
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(84)
        self.edit.installEventFilter(self)
        self.timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)
        self.edit.textChanged.connect(self.timer.start)
        self.info = QLabel()
        self.info.setObjectName("muted")
        self.delete_button = QToolButton(text="删除", autoRaise=True)
        self.delete_button.clicked.connect(self._delete)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.info, 1)
        top.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.edit)
        self._describe(note)

    def _describe(self, note) -> None:
        parts = []
        if note is not None:
            if note.meeting:
                parts.append(f"【{note.meeting}】")
            parts.append(note.updated_at.replace("T", " ")[:16])
        elif self.workspace.meeting:
            parts.append(f"【{self.workspace.meeting}】新批注")
        else:
            parts.append("新批注")
        if self.span:
            parts.append("（划线批注）")
        self.info.setText(" ".join(parts))
        self.delete_button.setVisible(self.note_id is not None)

    def text(self) -> str:
        return self.edit.toPlainText()

    def flush(self) -> None:
        """Write pending text now. Safe to call any time, any number of times."""
        self.timer.stop()
        text = self.text()
        if text == self.saved_text:
            return
        if self.note_id is None:
            if not text.strip():
                return
            note = self.workspace.add_note(self.clause_id, text, span=self.span)
            self.note_id = note.id
        else:
            note = self.workspace.save_note_text(self.note_id, text)
        self.saved_text = text
        self._describe(note)
        self.saved.emit(self.note_id)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.edit and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return False

    def _delete(self) -> None:
        if self.note_id is not None:
            self.timer.stop()
            self.deleteRequested.emit(self.note_id)
