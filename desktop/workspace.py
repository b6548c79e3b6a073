"""The open library as the GUI sees it: core calls plus Qt signals saying what changed.

Widgets never talk to SQLite; they call these methods (each one core function from db)
and repaint when a signal says their data changed. Short writes (a tag, a note) run here
on the GUI thread as single transactions; long work goes through desktop.tasks.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

import db
from db import briefs, history, notes, orphans, tags
from desktop.note_drafts import Draft, NoteDrafts
from desktop.query_runner import QueryRunner

log = logging.getLogger(__name__)
# An autosave runs on the GUI thread: it may wait this long for another process's write lock,
# then it reports "busy" and the editor retries later (the window never freezes for seconds).
AUTOSAVE_WAIT_MS = 50


class Workspace(QObject):
    documentsChanged = Signal()  # noqa: N815
    workChanged = Signal()  # noqa: N815 tags, notes or briefs changed (undo/redo included)
    libraryOpened = Signal(str)  # noqa: N815
    meetingChanged = Signal(str)  # noqa: N815
    notesChanged = Signal(int)  # noqa: N815 a note was created while typing: update counts only
    message = Signal(str)  # something the officer should read in the status bar

    def __init__(self, parent=None, drafts: NoteDrafts | None = None) -> None:
        super().__init__(parent)
        self.lib: db.Library | None = None
        self.drafts = drafts  # note text not yet in the library (desktop/note_drafts.py)
        self._editing: set[str] = set()  # drafts whose editor is open and retries by itself
        self._retry = QTimer(self, interval=2000)
        self._retry.timeout.connect(self._retry_drafts)
        self.meeting = ""  # meeting mode: every new note is stamped with it
        # Insights take tens to hundreds of ms on a large library: never on the GUI thread.
        self.suggestions = QueryRunner(self)
        self.similar = QueryRunner(self)

    # --- the library file -------------------------------------------------------------
    def open(self, path: str | Path) -> None:
        new = db.open_library(path)
        self.close()
        self.lib = new
        recovered = self._write_drafts()
        self.libraryOpened.emit(str(path))
        self.documentsChanged.emit()
        self.workChanged.emit()
        if recovered:
            self.message.emit(f"已写入上次未能保存的 {recovered} 条批注。")

    def _write_drafts(self) -> int:
        """Write note text that could not be saved when typed (busy library, full disk), whose
        editor has gone since (closed, switched away, killed). A draft whose note already holds
        its text is just dropped."""
        if self.drafts is None or self.lib is None:
            return 0
        written = 0
        for draft in self.drafts.pending(self.lib.path):
            if draft.key in self._editing:
                continue
            try:
                if not self._apply_draft(draft):
                    continue
            except db.LibraryError as exc:
                log.warning("could not write a saved draft yet: %s", exc)
                continue
            self.drafts.drop(draft.key)
            written += 1
        return written

    def _apply_draft(self, draft: Draft) -> bool:
        """True when the library now holds the draft's text."""
        if draft.note_id is not None:
            try:
                notes.update_note(self.lib, draft.note_id, draft.text)
                return True
            except notes.NoteNotFoundError:
                pass  # deleted or restored away meanwhile: keep the words as a new note
        if any(n.text == draft.text for n in notes.notes_for_clause(self.lib, draft.clause_id)):
            return True  # saved, but the process stopped before it could drop the draft
        try:
            notes.add_note(self.lib, draft.clause_id, draft.text, meeting=draft.meeting, span=draft.span)
        except db.StorageError:
            raise
        except db.LibraryError:
            if draft.span is None:
                raise
            notes.add_note(self.lib, draft.clause_id, draft.text, meeting=draft.meeting)
        return True

    def keep_draft(self, draft: Draft) -> None:
        """An editor could not save: keep its text on disk until it can."""
        self._editing.add(draft.key)
        if self.drafts is not None:
            try:
                self.drafts.put(draft)
            except OSError as exc:
                log.warning("cannot keep the draft of a note: %s", exc)

    def release_draft(self, key: str) -> None:
        """The editor of an unsaved draft is going away: the workspace retries it from now on."""
        self._editing.discard(key)
        self._retry.start()

    def _retry_drafts(self) -> None:
        if self.lib is None or self.drafts is None:
            self._retry.stop()
            return
        with self.lib.waiting_at_most(AUTOSAVE_WAIT_MS):
            written = self._write_drafts()
        if written:
            self.message.emit(f"已保存之前未能写入的 {written} 条批注。")
            self.workChanged.emit()
        if not [d for d in self.drafts.pending(self.lib.path) if d.key not in self._editing]:
            self._retry.stop()

    def drop_draft(self, key: str) -> None:
        self._editing.discard(key)
        if self.drafts is not None:
            try:
                self.drafts.drop(key)
            except OSError as exc:
                log.warning("cannot drop the draft of a note: %s", exc)

    def close(self) -> None:
        self._retry.stop()
        self._editing.clear()  # what is unsaved stays in the drafts file for the next open
        self.suggestions.wait(3000)
        self.similar.wait(3000)
        if self.lib is not None:
            self.lib.close()
            self.lib = None

    @property
    def path(self) -> Path | None:
        return Path(self.lib.path) if self.lib else None

    # --- reading ----------------------------------------------------------------------
    def documents(self) -> list[db.DocumentInfo]:
        return db.list_documents(self.lib) if self.lib else []

    def document(self, doc_id: int) -> db.DocumentInfo:
        return db.get_document(self.lib, doc_id)

    def clauses(self, doc_id: int) -> list[db.ClauseRecord]:
        return db.document_clauses(self.lib, doc_id)

    def clause_tags(self, clause_id: int):
        return tags.tags_of_clause(self.lib, clause_id)

    def clause_notes(self, clause_id: int):
        return notes.notes_for_clause(self.lib, clause_id)

    def note_counts(self, clause_ids: list[int]) -> dict[int, int]:
        return notes.note_counts(self.lib, clause_ids)

    def all_tags(self):
        return tags.list_tags(self.lib) if self.lib else []

    def most_used_tags(self):
        return tags.most_used_tags(self.lib) if self.lib else []

    # --- writing (each call: one transaction, one undo step) --------------------------------
    def update_metadata(self, doc_id: int, **fields) -> None:
        db.update_metadata(self.lib, doc_id, **fields)
        self.documentsChanged.emit()

    def tag(self, clause_ids: list[int], names: list[str]) -> int:
        added = tags.tag_clauses(self.lib, clause_ids, names)
        self.workChanged.emit()
        return added

    def untag(self, clause_ids: list[int], names: list[str]) -> int:
        removed = tags.untag_clauses(self.lib, clause_ids, names)
        self.workChanged.emit()
        return removed

    def add_note(self, clause_id: int, text: str, span: tuple[int, int] | None = None):
        """Create a note (stamped with the meeting in meeting mode). Emits notesChanged only,
        so the editor it was typed in stays as it is."""
        with self.lib.waiting_at_most(AUTOSAVE_WAIT_MS):
            note = notes.add_note(self.lib, clause_id, text, meeting=self.meeting, span=span)
        self.notesChanged.emit(clause_id)
        return note

    def save_note_text(self, note_id: int, text: str):
        """Autosave path: no workChanged signal, so the editor being typed in is not rebuilt."""
        with self.lib.waiting_at_most(AUTOSAVE_WAIT_MS):
            return notes.update_note(self.lib, note_id, text)

    def delete_note(self, note_id: int) -> None:
        notes.delete_note(self.lib, note_id)
        self.workChanged.emit()

    def undo(self) -> str | None:
        label = history.undo(self.lib)
        self.workChanged.emit()
        return label

    def redo(self) -> str | None:
        label = history.redo(self.lib)
        self.workChanged.emit()
        return label

    def undo_label(self, stack: str = "undo") -> str | None:
        return history.peek(self.lib, stack) if self.lib else None

    def set_meeting(self, name: str) -> None:
        self.meeting = name.strip()
        self.meetingChanged.emit(self.meeting)

    # --- briefs and orphans -------------------------------------------------------------
    def briefs(self):
        return briefs.list_briefs(self.lib) if self.lib else []

    def brief(self, brief_id: int):
        return briefs.get_brief(self.lib, brief_id)

    def call(self, fn, *args, **kwargs):
        """Run a db write function taking the library first, then announce the change."""
        result = fn(self.lib, *args, **kwargs)
        self.workChanged.emit()
        return result

    def orphans(self):
        return orphans.list_orphans(self.lib) if self.lib else []
