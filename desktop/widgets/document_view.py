"""One document: metadata header above, clause tree beside the selected clause.

Keyboard (tree focused): T opens the tag picker for the selected clauses, 1–9 apply the
most-used tags, N starts a note, Ctrl+B adds the selection to the current brief.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QDialog, QSplitter, QTreeView, QVBoxLayout, QWidget

from desktop.models.clause_tree_model import CLAUSE_ID_ROLE, ClauseTreeModel
from desktop.theme import reading_font
from desktop.widgets.clause_detail import ClauseDetail
from desktop.widgets.metadata_header import MetadataHeader
from desktop.widgets.tag_picker import TagPicker


class DocumentView(QWidget):
    status = Signal(str)
    addToBriefRequested = Signal(list)  # noqa: N815 clause ids
    clauseShown = Signal(object)  # noqa: N815 the clause id now read (None: none)

    def __init__(self, workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.document = None
        self.header = MetadataHeader()
        self.header.edited.connect(self._save_metadata)
        self.model = ClauseTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setFont(reading_font(11))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.installEventFilter(self)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.detail = ClauseDetail(workspace)
        self.detail.tagAddRequested.connect(self.pick_tag)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)
        workspace.workChanged.connect(self._work_changed)
        workspace.documentsChanged.connect(self._documents_changed)
        workspace.notesChanged.connect(lambda _cid: self._refresh_counts())

    # --- loading ----------------------------------------------------------------------------
    def show_document(
        self,
        doc_id: int | None,
        clause_id: int | None = None,
        words: tuple[str, ...] = (),
        reload: bool = False,
    ) -> None:
        self.detail.flush_notes()
        if doc_id is None:
            self.document = None
            self.header.set_document(None)
            self.model.set_clauses([])
            self.detail.show_clause(None)
            return
        if self.document is None or self.document.id != doc_id or reload:
            self.document = self.workspace.document(doc_id)
            clauses = self.workspace.clauses(doc_id)
            self.header.set_document(self.document)
            self.model.set_clauses(clauses, self.workspace.note_counts([c.id for c in clauses]))
            self.tree.expandAll()
        target = clause_id if clause_id is not None else next(iter(self.model.items), None)
        self.select_clause(target, words)

    def select_clause(self, clause_id: int | None, words: tuple[str, ...] = ()) -> None:
        index = self.model.index_of(clause_id) if clause_id is not None else None
        if index is None:
            self.detail.show_clause(None)
            return
        self._pending_words = words
        self.tree.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.tree.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self._show(clause_id, words)

    def _show(self, clause_id: int, words: tuple[str, ...] = ()) -> None:
        clause = self.model.records.get(clause_id)
        if clause is not None and (self.detail.clause is None or self.detail.clause.id != clause_id or words):
            self.detail.show_clause(clause, self.document, words)
            self.clauseShown.emit(clause_id)

    def _current_changed(self, current, _previous) -> None:
        if current.isValid():
            self._show(current.data(CLAUSE_ID_ROLE), getattr(self, "_pending_words", ()))
            self._pending_words = ()

    def selected_clause_ids(self) -> list[int]:
        rows = self.tree.selectionModel().selectedIndexes()
        ids = [i.data(CLAUSE_ID_ROLE) for i in rows]
        if not ids and self.detail.clause is not None:
            ids = [self.detail.clause.id]
        return list(dict.fromkeys(ids))

    # --- work -----------------------------------------------------------------------------
    def _work_changed(self) -> None:
        if self.document is None:
            return
        try:
            self.workspace.document(self.document.id)
        except Exception:  # the document was removed
            self.show_document(None)
            return
        self._refresh_counts()
        self.detail.refresh_work()

    def _documents_changed(self) -> None:
        """A re-import may have replaced the shown document's clauses: rebuild the tree, keeping
        the selected clause when it survived (its id is kept by the re-import matching)."""
        if self.document is None:
            return
        current = self.detail.clause.id if self.detail.clause is not None else None
        try:
            self.workspace.document(self.document.id)
        except Exception:  # removed meanwhile
            self.show_document(None)
            return
        self.detail.show_clause(None)
        self.show_document(self.document.id, reload=True)
        if current is not None and self.model.index_of(current) is not None:
            self.select_clause(current)

    def _refresh_counts(self) -> None:
        self.model.set_note_counts(self.workspace.note_counts(list(self.model.items)))

    def pick_tag(self) -> None:
        ids = self.selected_clause_ids()
        if not ids:
            return
        picker = TagPicker(self.workspace.all_tags(), len(ids), self)
        if picker.exec() == QDialog.DialogCode.Accepted and picker.chosen:
            added = self.workspace.tag(ids, [picker.chosen])
            self.status.emit(f"已为所选 {len(ids)} 条加上标签“{picker.chosen}”（新增 {added} 个）")
        self.tree.setFocus()

    def apply_quick_tag(self, number: int) -> None:
        tags = self.workspace.most_used_tags()
        ids = self.selected_clause_ids()
        if 1 <= number <= len(tags) and ids:
            name = tags[number - 1].name
            self.workspace.tag(ids, [name])
            self.status.emit(f"已加标签“{name}”（{len(ids)} 条）")
        elif ids:
            self.status.emit(f"数字键 {number} 还没有对应的常用标签：先按 T 添加标签")

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.tree and event.type() == event.Type.KeyPress and self._suggestion_key(event):
            return True
        if (
            obj is self.tree
            and event.type() == event.Type.KeyPress
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            key = event.key()
            if key == Qt.Key.Key_T:
                self.pick_tag()
                return True
            if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
                self.apply_quick_tag(key - Qt.Key.Key_0)
                return True
            if key == Qt.Key.Key_N:
                self.detail.new_note()
                return True
        return False

    def _suggestion_key(self, event) -> bool:
        """Alt+1…5 accepts a suggested tag (also a window shortcut; this covers a tree with focus
        when the window shortcut map does not see the key, e.g. offscreen)."""
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods == Qt.KeyboardModifier.AltModifier and Qt.Key.Key_1 <= event.key() <= Qt.Key.Key_5:
            self.detail.suggestions.accept(event.key() - Qt.Key.Key_0)
            return True
        return False

    def _save_metadata(self, doc_id: int, field: str, value: str) -> None:
        self.workspace.update_metadata(doc_id, **{field: value})
        self.document = self.workspace.document(doc_id)
        self.status.emit("已保存文件信息")
