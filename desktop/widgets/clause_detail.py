"""The selected clause: citation, full text (search matches and note spans highlighted),
tag chips and the notes under it."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.text_offsets import from_qt, to_qt
from desktop.theme import reading_font
from desktop.widgets.chip_row import clear_layout
from desktop.widgets.insights import CitedDocuments, ClauseTargets, SimilarClauses
from desktop.widgets.note_editor import NoteEditor
from desktop.widgets.suggestion_bar import SuggestionBar
from desktop.widgets.tag_chips import TagChips
from exporters.citation import book_title

MATCH = QColor("#ffe58a")
NOTE_SPAN = QColor("#f6d5c9")


class ClauseDetail(QWidget):
    tagAddRequested = Signal()  # noqa: N815

    def __init__(self, workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.clause = None
        self.words: tuple[str, ...] = ()
        self.citation = QLabel()
        self.citation.setObjectName("muted")
        self.citation.setWordWrap(True)
        self.text = QTextEdit(readOnly=True)
        self.text.setObjectName("clauseText")
        self.text.setFont(reading_font(13))
        self.text.selectionChanged.connect(self._selection_changed)
        self.chips = TagChips()
        self.chips.removeRequested.connect(self._remove_tag)
        self.chips.addRequested.connect(self.tagAddRequested)
        self.add_note_button = QPushButton("＋ 批注 (N)")
        self.add_note_button.clicked.connect(lambda: self.new_note())
        self.span_note_button = QPushButton("为划线文字加批注")
        self.span_note_button.setEnabled(False)
        self.span_note_button.clicked.connect(self.note_on_selection)
        buttons = QHBoxLayout()  # inside the 批注 tab, not a row of its own: the text gets the height
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_note_button)
        buttons.addWidget(self.span_note_button)
        buttons.addStretch()
        self.notes_box = QVBoxLayout()
        self.notes_box.setContentsMargins(0, 0, 0, 0)
        self.notes_box.setSizeConstraint(
            QVBoxLayout.SizeConstraint.SetMinimumSize
        )  # cards scroll, never squeeze
        notes_widget = QWidget()
        notes_widget.setLayout(self.notes_box)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(notes_widget)
        scroll.setMinimumHeight(60)
        notes_page = QWidget()
        notes_column = QVBoxLayout(notes_page)
        notes_column.setContentsMargins(0, 4, 0, 0)
        notes_column.addLayout(buttons)
        notes_column.addWidget(scroll, 1)
        self.similar = SimilarClauses(workspace)
        self.cited = CitedDocuments(workspace)
        self.targets = ClauseTargets(workspace)
        self.tabs = QTabWidget()
        self.tabs.addTab(notes_page, "批注")
        self.tabs.addTab(self.similar, "相似条文")
        self.tabs.addTab(self.cited, "引用文件")
        self.tabs.addTab(self.targets, "量化目标")
        self.tabs.currentChanged.connect(lambda _i: self._refresh_insight())
        self.suggestions = SuggestionBar()
        self.suggestions.accepted.connect(self._accept_suggestion)
        workspace.suggestions.resultReady.connect(self._suggested)
        reading = QWidget()
        column = QVBoxLayout(reading)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.citation)
        column.addWidget(self.text, 1)
        column.addWidget(self.chips)
        column.addWidget(self.suggestions)
        # The officer drags the line between the clause and its notes; the clause starts with most
        # of the height (at 1280×720 about twelve lines of text).
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(reading)
        self.split.addWidget(self.tabs)
        self.split.setChildrenCollapsible(False)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setSizes([650, 350])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.split)
        self.editors: list[NoteEditor] = []
        self.note_points = 11.0  # set by desktop/text_size.py (Ctrl+= …, meeting mode)
        self.show_clause(None)

    # --- showing ------------------------------------------------------------------------
    def show_clause(self, clause, document=None, words: tuple[str, ...] = ()) -> None:
        self.flush_notes()
        self.clause, self.words = clause, tuple(words)
        enabled = clause is not None
        for w in (self.add_note_button, self.chips):
            w.setEnabled(enabled)
        if clause is None:
            self.citation.setText("")
            self.text.setPlainText("在左侧选择一条条文，即可在此阅读全文、添加标签和批注。")
            self.chips.set_tags([])
            self.suggestions.set_suggestions([])
            self._set_editors([])
            return
        if document is not None:
            self.citation.setText(f"{book_title(document.title)} {document.doc_number}  ›  {clause.path}")
        self.text.setPlainText(clause.text)
        self.refresh_work()

    def refresh_work(self) -> None:
        """Tags and notes may have changed (undo, a tag key): repaint them."""
        if self.clause is None:
            return
        self.flush_notes()
        self.chips.set_tags(self.workspace.clause_tags(self.clause.id))
        notes = self.workspace.clause_notes(self.clause.id)
        self._set_editors(notes)
        self._paint_highlights(notes)
        self.tabs.setTabText(0, f"批注（{len(notes)}）" if notes else "批注")
        self.suggestions.set_suggestions([])
        self.workspace.ask_suggestions(self.clause.id)
        self._refresh_insight()

    def _suggested(self, answer) -> None:
        if self.clause is not None and answer.clause_id == self.clause.id:
            self.suggestions.set_suggestions(answer.found)

    def _refresh_insight(self) -> None:
        """Only the open tab is computed: reading stays instant when insights are not wanted."""
        if self.clause is None:
            return
        page = self.tabs.currentWidget()
        if page is self.similar:
            self.similar.show_for(self.clause.id)
        elif page is self.cited:
            self.cited.show_for(self.clause.id)
        elif page is self.targets:
            self.targets.show_for(self.clause.text)

    def _accept_suggestion(self, name: str) -> None:
        if self.clause is not None:
            self.workspace.tag([self.clause.id], [name])

    def _paint_highlights(self, notes) -> None:
        text = self.clause.text
        selections = []
        spans = [
            (m.start(), m.end(), MATCH)
            for w in self.words
            if w
            for m in re.finditer(re.escape(w), text, re.I)
        ]
        spans += [(n.span[0], n.span[1], NOTE_SPAN) for n in notes if n.span]
        for start, end, color in spans:
            sel = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(color)
            sel.format = fmt
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(to_qt(text, start))
            cursor.setPosition(to_qt(text, end), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            selections.append(sel)
        self.text.setExtraSelections(selections)
        if spans:
            first = QTextCursor(self.text.document())
            first.setPosition(to_qt(text, min(s[0] for s in spans)))
            self.text.setTextCursor(first)
            self.text.ensureCursorVisible()

    # --- notes ----------------------------------------------------------------------------
    def _set_editors(self, notes) -> None:
        for editor in self.editors:
            editor.timer.stop()
            editor.retry.stop()
            if editor.unsaved:  # its text is in the drafts file: the workspace keeps retrying it
                self.workspace.release_draft(editor.key)
            editor.setParent(None)
            editor.deleteLater()
        self.editors = []
        clear_layout(self.notes_box)
        for note in notes:
            self._add_editor(NoteEditor(self.workspace, self.clause.id, note))
        self.empty_notes = QLabel("还没有批注。按 N 或点“＋ 批注”记下要点；选中正文文字可做划线批注。")
        self.empty_notes.setObjectName("muted")
        self.empty_notes.setWordWrap(True)
        self.empty_notes.setVisible(not notes)
        self.notes_box.addWidget(self.empty_notes)
        self.notes_box.addStretch()

    def set_note_points(self, points: float) -> None:
        """Note text size; a font on each editor (a style sheet would re-polish the whole view)."""
        self.note_points = points
        for editor in self.editors:
            self._size_note(editor)

    def _size_note(self, editor: NoteEditor) -> None:
        font = editor.edit.font()
        font.setPointSizeF(self.note_points)
        editor.edit.setFont(font)

    def _add_editor(self, editor: NoteEditor) -> NoteEditor:
        self._size_note(editor)
        editor.deleteRequested.connect(self.workspace.delete_note)
        editor.saveFailed.connect(self.workspace.message)
        self.editors.append(editor)
        self.notes_box.insertWidget(len(self.editors) - 1, editor)
        return editor

    def new_note(self, span: tuple[int, int] | None = None) -> NoteEditor | None:
        if self.clause is None:
            return None
        self.tabs.setCurrentIndex(0)  # the notes tab: a new note is never typed out of sight
        editor = self._add_editor(NoteEditor(self.workspace, self.clause.id, span=span))
        self.empty_notes.hide()
        editor.edit.setFocus()
        return editor

    def note_on_selection(self) -> NoteEditor | None:
        cursor = self.text.textCursor()
        if self.clause is None or not cursor.hasSelection():
            return None
        text = self.clause.text
        span = (from_qt(text, cursor.selectionStart()), from_qt(text, cursor.selectionEnd()))
        return self.new_note(span)

    def flush_notes(self) -> bool:
        """Write every editor's pending text; False if some could not be saved (they keep retrying,
        and their text is in the drafts file)."""
        results = [editor.flush() for editor in self.editors]
        return all(results)

    def _selection_changed(self) -> None:
        self.span_note_button.setEnabled(self.clause is not None and self.text.textCursor().hasSelection())

    def _remove_tag(self, name: str) -> None:
        if self.clause is not None:
            self.workspace.untag([self.clause.id], [name])
