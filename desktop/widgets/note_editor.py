"""One note, edited in place and saved as the officer types.

Saved at most SAVE_DELAY_MS after the first unsaved keystroke (the timer is not restarted by
later keystrokes, so steady typing cannot postpone the save), on focus-out and before anything
switches it away: a keystroke older than about 0.2 s is on disk and survives a SIGKILL. A new
note is created in the library on its first non-blank save.

A save that fails (another process holds the write lock, the disk is full) is never silent: the
card says the note is not saved, the text goes to the drafts file (desktop/note_drafts.py) so a
crash or a close cannot lose it, and the save is retried until it gets through.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QToolButton, QVBoxLayout

from desktop.note_drafts import Draft
from desktop.workspace import LibraryError, NoteNotFoundError, StorageError

SAVE_DELAY_MS = 200
RETRY_MS = 1000  # while the library is busy or full


class NoteEditor(QFrame):
    deleteRequested = Signal(int)  # noqa: N815 note id
    saved = Signal(int)  # noqa: N815 note id
    saveFailed = Signal(str)  # noqa: N815 why the note is not saved yet

    def __init__(self, workspace, clause_id: int, note=None, span=None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("noteCard")
        self.workspace, self.clause_id = workspace, clause_id
        self.note_id = note.id if note else None
        self.span = note.span if note else span
        self.saved_text = note.text if note else ""
        self.key = uuid.uuid4().hex  # names this editor's draft while it is unsaved
        self.meeting = workspace.meeting
        self.unsaved_reason = ""
        self.edit = QPlainTextEdit(self.saved_text)
        self.edit.setObjectName("noteEditor")
        self.edit.setPlaceholderText("在此输入批注，自动保存…")
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(84)
        self.edit.installEventFilter(self)
        self.timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)
        self.edit.textChanged.connect(self._changed)
        self.retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self.retry.timeout.connect(self.flush)
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
        self.info.setStyleSheet("")
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

    def _changed(self) -> None:
        if not self.timer.isActive():
            self.timer.start()

    @property
    def unsaved(self) -> bool:
        return bool(self.unsaved_reason)

    def flush(self) -> bool:
        """Write pending text now; True when the library holds it. Safe to call any time."""
        self.timer.stop()
        text = self.text()
        if text == self.saved_text or (self.note_id is None and not text.strip()):
            return True
        if not self.workspace.is_open:  # the library was closed: an unsaved text is in the drafts file
            self.retry.stop()
            return False
        try:
            note = self._write(text)
        except LibraryError as exc:
            self._failed(text, exc)
            return False
        if self.unsaved:
            self.unsaved_reason = ""
            self.retry.stop()
            self.workspace.drop_draft(self.key)
        self.saved_text = text
        self._describe(note)
        self.saved.emit(self.note_id)
        return True

    def _write(self, text: str):
        if self.note_id is not None:
            try:
                return self.workspace.save_note_text(self.note_id, text)
            except NoteNotFoundError:
                self.note_id = None  # deleted elsewhere (or a restore): keep the words as a new note
        note = self.workspace.add_note(self.clause_id, text, span=self.span)
        self.note_id = note.id
        return note

    def _failed(self, text: str, exc: LibraryError) -> None:
        self.unsaved_reason = str(exc)
        self.workspace.keep_draft(
            Draft(
                self.key, _real(self.workspace), self.clause_id, self.note_id, text, self.meeting, self.span
            )
        )
        self.info.setText("未保存：" + ("资料库正被占用，正在自动重试…" if _busy(exc) else str(exc)))
        self.info.setStyleSheet("color: #b3261e; font-weight: bold;")
        if isinstance(exc, StorageError):
            self.retry.start()
        if _busy(exc):
            self.saveFailed.emit(
                "批注尚未保存：资料库正被另一个程序占用（例如另一个窗口正在导入）。文字已暂存在本机，会自动重试保存。"
            )
        else:
            self.saveFailed.emit(f"批注尚未保存（文字已暂存在本机，会自动重试）：{exc}")

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.edit and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return False

    def _delete(self) -> None:
        if self.note_id is not None:
            self.timer.stop()
            self.deleteRequested.emit(self.note_id)


def _busy(exc: LibraryError) -> bool:
    return isinstance(exc, StorageError) and exc.kind == "busy"


def _real(workspace) -> str:
    import os

    return os.path.realpath(workspace.path) if workspace.path else ""
