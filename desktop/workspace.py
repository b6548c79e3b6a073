"""The open library as the GUI sees it: core calls plus Qt signals saying what changed.

This is the one route from a widget to the library (tests/test_architecture.py keeps widgets
from importing db or touching `.lib`): every widget action is one small method here.

- Reads a view asks for run on a query runner's worker thread (desktop/query_runner.py) and
  come back to a callback on the GUI thread; only the newest answer per view is delivered.
- Short writes (a tag, a note, a brief entry) run here as single transactions, return what
  changed and emit workChanged, so every view refreshes and undo follows.
- Long work (the library-wide analyses, export, restore) runs on the thread pool with its own
  connection (desktop/tasks.py), reports progress and can be cancelled.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

import db
from db import (
    DamagedLibraryError,
    DocumentInfo,
    LibraryError,
    StorageError,
    briefs,
    history,
    intel,
    notes,
    orphans,
    tags,
)
from db.notes import NoteNotFoundError
from db.records import MISSING_MARK
from desktop import library_queries as queries
from desktop.note_drafts import Draft, NoteDrafts
from desktop.query_runner import QueryRunner, ReadChannels
from desktop.tasks import Cancel, Cancelled, Progress, run_in_background
from exporters.options import ExportOptions

# What widgets may catch or name, handed on so that they never import db themselves.
__all__ = [
    "MISSING_MARK",
    "DamagedLibraryError",
    "DocumentInfo",
    "LibraryError",
    "NoteNotFoundError",
    "StorageError",
    "Workspace",
]

log = logging.getLogger(__name__)
# An autosave runs on the GUI thread: it may wait this long for another process's write lock,
# then it reports "busy" and the editor retries later (the window never freezes for seconds).
AUTOSAVE_WAIT_MS = 50


@dataclass(frozen=True)
class BriefAddition:
    """What Ctrl+B did: how many clauses went into which section of which brief."""

    brief_title: str
    section_title: str
    added: int
    skipped: int  # already in that section


@dataclass(frozen=True)
class RestoreOutcome:
    safety_copy: Path | None  # the library as it was before the restore


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
        self.reads = ReadChannels(self)  # one runner per view: orphans, notes, tags, briefs, …

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
        self.reads.forget()  # answers about this library are no longer wanted
        self.reads.wait(3000)
        if self.lib is not None:
            self.lib.close()
            self.lib = None

    @property
    def path(self) -> Path | None:
        return Path(self.lib.path) if self.lib else None

    @property
    def is_open(self) -> bool:
        return self.lib is not None

    def _read(self, channel: str, fn: Callable, *args, on_done: Callable[[Any], None], **kwargs) -> None:
        """fn(worker's library, *args, **kwargs) on the view's worker; on_done(answer) on the GUI
        thread unless the view asked again meanwhile."""
        if self.lib is None:
            return
        self.reads.runner(channel).ask(
            str(self.path),
            fn,
            *args,
            on_done=on_done,
            on_error=lambda message: self.message.emit(f"读取资料库出错：{message}"),
            **kwargs,
        )

    def run_long(
        self,
        fn: Callable,
        *args,
        on_done: Callable[[Any], None],
        on_progress: Callable[[Progress], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        **kwargs,
    ) -> Cancel:
        """fn(library, *args, on_progress=report, **kwargs) on the thread pool with its own
        connection; returns the Cancel that stops it at its next progress report."""
        cancel = Cancel()
        path = str(self.path)

        def work(report):
            def progress(done: int, total: int) -> None:
                cancel.check()
                report(Progress(done, total))

            with db.open_library(path) as lib:
                return fn(lib, *args, on_progress=progress, **kwargs)

        def failed(exc: Exception) -> None:
            if isinstance(exc, Cancelled):
                return
            if on_error is not None:
                on_error(exc)
            else:
                self.message.emit(f"未能完成：{exc}")

        def done(result) -> None:
            if not cancel.requested:  # finished just as 取消 was pressed: the answer is not wanted
                on_done(result)

        run_in_background(work, on_done=done, on_error=failed, on_progress=on_progress or (lambda _p: None))
        return cancel

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

    def _write(self, fn, *args, **kwargs):
        """Run a db write function taking the library first (one transaction, one undo step),
        then announce the change so every view refreshes."""
        result = fn(self.lib, *args, **kwargs)
        self.workChanged.emit()
        return result

    # --- what the views ask for (answered off the GUI thread) ------------------------------
    def load_orphans(self, on_done: Callable[[list], None]) -> None:
        self._read("orphans", queries.orphan_list, on_done=on_done)

    def load_notes(self, meeting: str | None, on_done: Callable[[queries.NotesOverview], None]) -> None:
        self._read("notes", queries.notes_overview, meeting, on_done=on_done)

    def load_tags(self, tag_id: int | None, on_done: Callable[[queries.TagsOverview], None]) -> None:
        self._read("tags", queries.tags_overview, tag_id, on_done=on_done)

    def load_briefs(self, brief_id: int | None, on_done: Callable[[queries.BriefsOverview], None]) -> None:
        self._read("briefs", queries.briefs_overview, brief_id, on_done=on_done)

    def load_cited(self, clause_id: int, on_done: Callable[[queries.ClauseAnswer], None]) -> None:
        self._read("cited", queries.cited_by, clause_id, on_done=on_done)

    def load_comparison(self, old_id: int, new_id: int, on_done: Callable[[Any], None]) -> None:
        self._read("compare", queries.compare, old_id, new_id, on_done=on_done)

    def ask_similar(self, clause_id: int) -> None:
        """Answered by similar.resultReady (a ClauseAnswer)."""
        if self.lib is not None:
            self.similar.submit(str(self.path), queries.similar_to, clause_id)

    def ask_suggestions(self, clause_id: int) -> None:
        """Answered by suggestions.resultReady (a ClauseAnswer)."""
        if self.lib is not None:
            self.suggestions.submit(str(self.path), queries.suggestions_for, clause_id)

    def find_targets(self, on_done, on_progress=None) -> Cancel:
        """Every quantified target in the library (seconds at 200k clauses)."""
        return self.run_long(intel.targets, on_done=on_done, on_progress=on_progress)

    def find_repeats(self, document_ids: list[int], on_done, on_progress=None) -> Cancel:
        return self.run_long(
            intel.repeated_pairs, document_ids, on_done=on_done, on_progress=on_progress, min_score=0.6
        )

    @staticmethod
    def clause_targets(text: str):
        """The targets a clause's text sets (pure text analysis, no library read)."""
        return intel.extract_targets(text)

    def export_brief(
        self, brief_id: int, path: str, options: ExportOptions | None, on_done, on_error
    ) -> None:
        from exporters.assemble import brief_from_library
        from exporters.docx_writer import write_brief

        library_path = str(self.path)

        def work():
            with db.open_library(library_path) as lib:
                return write_brief(brief_from_library(lib, brief_id, options), path)

        run_in_background(work, on_done=on_done, on_error=on_error)

    # --- briefs (writes) --------------------------------------------------------------------
    def create_brief(self, title: str):
        return self._write(briefs.create_brief, title)

    def brief_from_tags(self, names: list[str]):
        return self._write(briefs.brief_from_tags, "、".join(names) + " 专题简报", names)

    def delete_brief(self, brief_id: int) -> None:
        self._write(briefs.delete_brief, brief_id)

    def remove_brief_items(self, item_ids: list[int]) -> int:
        for item_id in item_ids:
            briefs.remove_item(self.lib, item_id)
        self.workChanged.emit()
        return len(item_ids)

    def move_brief_item(self, item_id: int, section_id: int, position: int) -> None:
        self._write(briefs.move_item, item_id, section_id, position)

    def move_brief_section(self, section_id: int, position: int) -> None:
        self._write(briefs.move_section, section_id, position)

    def add_to_brief(self, brief_id: int | None, clause_ids: list[int], section: str = "") -> BriefAddition:
        """Ctrl+B: into `section` of the brief (a new “我的简报” if there is none)."""
        if brief_id is None:
            brief_id = briefs.create_brief(self.lib, "我的简报").id
        wanted = section.strip() or "未分组"  # where db.briefs puts clauses without a section
        before = self._clauses_in(briefs.get_brief(self.lib, brief_id), lambda s: s.title == wanted)
        section_id = briefs.add_to_brief(self.lib, brief_id, clause_ids, section=section)
        brief = briefs.get_brief(self.lib, brief_id)
        after = self._clauses_in(brief, lambda s: s.id == section_id)
        title = next(s.title for s in brief.sections if s.id == section_id)
        self.workChanged.emit()
        added = len(after - before)
        return BriefAddition(brief.title, title, added, len(set(clause_ids)) - added)

    @staticmethod
    def _clauses_in(brief, which: Callable) -> set[int]:
        return {i.clause_id for s in brief.sections if which(s) for i in s.items}

    # --- tags (writes) ----------------------------------------------------------------------
    def rename_tag(self, tag_id: int, name: str):
        return self._write(tags.rename_tag, tag_id, name)

    def merge_tags(self, source_id: int, target_id: int) -> int:
        return self._write(tags.merge_tags, source_id, target_id)

    def set_tag_color(self, tag_id: int, color: str) -> None:
        self._write(tags.set_tag_color, tag_id, color)

    def delete_tag(self, tag_id: int) -> int:
        return self._write(tags.delete_tag, tag_id)

    # --- orphans (writes) -------------------------------------------------------------------
    def reattach_orphan(self, orphan, clause_id: int) -> None:
        self._write(orphans.reattach, orphan.kind, orphan.id, clause_id)

    def reattach_orphan_to_nearest(self, orphan) -> bool:
        """False when no clause is near enough (its document is gone)."""
        found = orphans.suggest_clauses(self.lib, orphan)
        if not found:
            return False
        self.reattach_orphan(orphan, found[0][0])
        return True

    def delete_orphan(self, orphan) -> None:
        self._write(orphans.delete_orphan, orphan.kind, orphan.id)

    # --- the library file as a whole ----------------------------------------------------------
    @staticmethod
    def needs_upgrade(path: str | Path) -> bool:
        """A library made by an older build: open it with upgrade_in_background first."""
        return bool(db.pending_migrations(path))

    @staticmethod
    def upgrade_in_background(path: str | Path, on_done, on_error) -> None:
        """Migrate (1-2 s per 10,000 clauses when the search index is rebuilt) off the GUI thread."""
        run_in_background(lambda: db.open_library(path).close(), on_done=on_done, on_error=on_error)

    def daily_backup(self, on_error) -> None:
        """The day's automatic backup, on its own connection so the GUI's stays free."""
        from db.backup import auto_backup

        path = str(self.path)

        def work():
            with db.open_library(path) as lib:
                return auto_backup(lib, "daily")

        run_in_background(work, on_error=on_error)

    def import_in_background(self, paths: list[str], on_result, on_done, on_error) -> None:
        """Import files and folders on a worker with its own connection (backed up first);
        on_result(done, total, ImportOutcome) per file; then every view reloads."""
        from db.backup import auto_backup
        from desktop.import_service import import_paths

        library_path = str(self.path)

        def work(report):
            with db.open_library(library_path) as lib:
                auto_backup(lib, "import")
                return import_paths(lib, paths, on_progress=lambda d, t, r: report((d, t, r)))

        def done(results) -> None:
            on_done(results)
            self.documentsChanged.emit()
            self.workChanged.emit()

        run_in_background(work, on_done=done, on_error=on_error, on_progress=lambda v: on_result(*v))

    def backup_folder(self) -> Path:
        from db.backup import backup_folder

        return backup_folder(self.lib)

    def backup_to(self, path: str) -> Path:
        from db.backup import backup_library

        return backup_library(self.lib, path)

    def export_notes(self, path: str):
        from db.transfer import export_notes

        return export_notes(self.lib, path)

    def import_notes(self, path: str):
        from db.transfer import import_notes

        result = self._write(import_notes, path)
        self.documentsChanged.emit()
        return result

    @staticmethod
    def restore_damaged(path: str | Path, backup: str | Path, on_done, on_error) -> None:
        """A library that could not be opened (damaged): restore its last good backup into place,
        off the GUI thread (the damaged file is kept aside by db.backup.restore_library)."""
        from db.backup import restore_library

        run_in_background(lambda: restore_library(backup, path), on_done=on_done, on_error=on_error)

    def rebuild_search_index(self, on_done: Callable[[int], None], on_error) -> None:
        """Make the search index again from the clauses, on its own connection (the GUI's stays free)."""
        from db.integrity import rebuild_index

        path = str(self.path)

        def work() -> int:
            with db.open_library(path) as lib:
                return rebuild_index(lib)

        run_in_background(work, on_done=on_done, on_error=on_error)

    def restore_from(self, source: str, on_done: Callable[[RestoreOutcome], None], on_error) -> None:
        """Copy a backup into the open library (SQLite's backup API: safe while open), off the GUI
        thread; then every view reloads."""
        from db.backup import restore_library

        library_path = str(self.path)

        def done(safety) -> None:
            self.documentsChanged.emit()
            self.workChanged.emit()
            on_done(RestoreOutcome(Path(safety) if safety else None))

        run_in_background(lambda: restore_library(source, library_path), on_done=done, on_error=on_error)
