"""The main window: panels, menus, shortcuts, and the wiring between them. No logic of its own.

What the window does is in objects named after it: desktop/library_controller.py (open,
upgrade, recent, backup, restore), desktop/import_controller.py (bringing documents in),
desktop/search_controller.py (search as you type, page by page),
desktop/meeting_mode.py (F9), desktop/text_size.py (Ctrl+= / Ctrl+- / Ctrl+0). Panels talk
to each other by signals connected here, and to the library only through the Workspace.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_TITLE
from desktop.import_controller import ImportController
from desktop.library_controller import LibraryController
from desktop.meeting_mode import DEFAULT_SIZES, MIN_PANEL, MeetingMode, usable_sizes
from desktop.note_drafts import NoteDrafts
from desktop.search_controller import SearchController
from desktop.text_size import TextSize
from desktop.widgets.brief_builder import BriefBuilder
from desktop.widgets.document_view import DocumentView
from desktop.widgets.library_panel import LibraryPanel
from desktop.widgets.loading_page import LoadingPage
from desktop.widgets.notes_panel import NotesPanel
from desktop.widgets.orphans_panel import OrphansPanel
from desktop.widgets.search_panel import SearchPanel
from desktop.widgets.tags_panel import TagsPanel
from desktop.widgets.welcome import Welcome
from desktop.workspace import LibraryError, Workspace


def drafts_path(settings: QSettings) -> Path:
    """Where unsaved note text waits (desktop/note_drafts.py): beside an .ini settings file (tests,
    portable use), else in the per-user data folder (QSettings may be the Windows registry)."""
    if settings.format() == QSettings.Format.IniFormat:
        return Path(settings.fileName()).parent / "unsaved-notes.json"
    from desktop import paths

    return paths.default_library_path().parent / "unsaved-notes.json"


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.workspace = Workspace(self, drafts=NoteDrafts(drafts_path(self.settings)))
        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)
        self._build_panels()
        self.library = LibraryController(self, self.workspace, self.settings)
        self.importer = ImportController(self, self.workspace)
        self._build_actions()
        self._build_toolbar()
        self.meeting_mode = MeetingMode(
            self,
            self.workspace,
            self.settings,
            self.splitter,
            self.meeting_banner,
            self.meeting_name,
            keys_go_to=self.document_view.tree,
        )
        self.text_size = TextSize(self.settings, self.document_view, self)
        self._build_menus()
        self._connect()
        self.statusBar().showMessage("正在打开资料库…")
        self.restore_state()

    # --- construction ------------------------------------------------------------------------
    def _build_panels(self) -> None:
        self.library_panel = LibraryPanel()
        self.search_panel = SearchPanel()
        self.document_view = DocumentView(self.workspace)
        self.tags_panel = TagsPanel(self.workspace)
        self.notes_panel = NotesPanel(self.workspace)
        self.orphans_panel = OrphansPanel(self.workspace)
        self.left = QTabWidget()
        self.left.setMinimumWidth(MIN_PANEL)
        self.left.addTab(self.library_panel, "文库")
        self.left.addTab(self.search_panel, "搜索")
        self.left.addTab(self.tags_panel, "标签")
        self.left.addTab(self.notes_panel, "批注")
        self.left.addTab(self.orphans_panel, "待处理")
        self.loading = LoadingPage()
        self.welcome = Welcome()
        self.reading = QStackedWidget()  # loading, then the welcome page if the library is empty
        self.reading.addWidget(self.loading)
        self.reading.addWidget(self.welcome)
        self.reading.addWidget(self.document_view)
        self.reading.setCurrentWidget(self.loading)
        self.brief_builder = BriefBuilder(self.workspace, self.settings)
        self.center = QTabWidget()
        self.center.addTab(self.reading, "阅读")
        self.center.addTab(self.brief_builder, "简报")
        self.splitter = QSplitter()
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.center)
        self.splitter.setChildrenCollapsible(False)  # a panel dragged to nothing cannot be found again
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.meeting_banner = QLabel()
        self.meeting_banner.setObjectName("meetingBanner")
        self.meeting_banner.setWordWrap(True)
        self.meeting_banner.hide()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.meeting_banner)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    def _action(self, text: str, slot, shortcut=None, checkable: bool = False) -> QAction:
        act = QAction(text, self, checkable=checkable)
        act.triggered.connect(slot)
        if shortcut:
            keys = [shortcut] if isinstance(shortcut, str) else shortcut
            act.setShortcuts([QKeySequence(s) for s in keys])
        self.addAction(act)
        return act

    def _build_actions(self) -> None:
        action = self._action
        self.act_import = action("导入文件…", self.importer.choose_files, "Ctrl+O")
        self.act_import_folder = action("导入文件夹…", self.importer.choose_folder, "Ctrl+Shift+O")
        self.act_open_library = action("打开或新建资料库…", self.library.choose)
        self.act_backup = action("备份资料库…", self.library.backup)
        self.act_restore = action("从备份恢复…", self.library.restore)
        self.act_export_notes = action("导出标签和批注…", self.library.export_notes)
        self.act_import_notes = action("导入标签和批注…", self.library.import_notes)
        self.act_print = action("打印…", self.print_current, "Ctrl+P")
        self.act_search = action("搜索", self.focus_search, ["Ctrl+F", "Ctrl+K"])
        self.act_undo = action("撤销", self.undo, "Ctrl+Z")
        self.act_redo = action("重做", self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
        self.act_meeting = action("会议模式", self.toggle_meeting_mode, "F9", checkable=True)
        self.act_add_to_brief = action(
            "加入当前简报",
            lambda: self.brief_builder.add_clauses(self.document_view.selected_clause_ids()),
            "Ctrl+B",
        )
        self.act_bigger = action(
            "放大文字", lambda: self._text_size(self.text_size.bigger()), ["Ctrl+=", "Ctrl++"]
        )
        self.act_smaller = action("缩小文字", lambda: self._text_size(self.text_size.smaller()), "Ctrl+-")
        self.act_normal_size = action(
            "默认文字大小", lambda: self._text_size(self.text_size.reset()), "Ctrl+0"
        )
        self.act_quit = action("退出", self.close, "Ctrl+Q")
        self.act_targets = action("量化目标一览…", self.show_targets)
        self.act_compare = action("版本比较…", self.show_compare)
        self.act_repeats = action("重复条文报告…", self.show_repeats)
        self.act_shortcuts = action("快捷键一览", self.show_shortcuts, "F1")
        self.act_about = action("关于政策简报", self.show_about)

    def _build_toolbar(self) -> None:
        bar = self.addToolBar("主工具栏")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.addAction(self.act_import)
        self.search_box = QLineEdit(
            placeholderText='搜索全部条文（Ctrl+F）：如 算力、人才 政策、"数字经济"', clearButtonEnabled=True
        )
        self.search_box.setObjectName("searchBox")
        bar.addWidget(self.search_box)
        bar.addSeparator()
        bar.addAction(self.act_undo)
        bar.addAction(self.act_redo)
        bar.addSeparator()
        bar.addAction(self.act_meeting)
        self.meeting_name = QLineEdit(placeholderText="会议名称（批注将标注此会议）")
        self.meeting_name.setMaximumWidth(280)
        self.meeting_name_action = bar.addWidget(self.meeting_name)
        self.meeting_name_action.setVisible(False)

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("文件(&F)")
        for act in (self.act_import, self.act_import_folder):
            menu.addAction(act)
        menu.addSeparator()
        menu.addAction(self.act_open_library)
        self.recent_menu = menu.addMenu("最近的资料库")
        self.library.recent_menu = self.recent_menu
        self.library.fill_recent_menu()
        menu.addAction(self.act_backup)
        menu.addAction(self.act_restore)
        menu.addSeparator()
        menu.addAction(self.act_export_notes)
        menu.addAction(self.act_import_notes)
        menu.addSeparator()
        menu.addAction(self.act_print)
        menu.addSeparator()
        menu.addAction(self.act_quit)
        menu = self.menuBar().addMenu("编辑(&E)")
        for act in (self.act_undo, self.act_redo, self.act_search, self.act_add_to_brief):
            menu.addAction(act)
        menu = self.menuBar().addMenu("分析(&A)")
        for act in (self.act_targets, self.act_compare, self.act_repeats):
            menu.addAction(act)
        self.view_menu = menu = self.menuBar().addMenu("视图(&V)")
        menu.addAction(self.act_meeting)
        menu.addSeparator()
        for act in (self.act_bigger, self.act_smaller, self.act_normal_size):
            menu.addAction(act)
        menu = self.menuBar().addMenu("帮助(&H)")
        menu.addAction(self.act_shortcuts)
        menu.addAction(self.act_about)

    def _connect(self) -> None:
        ws = self.workspace
        ws.documentsChanged.connect(self.refresh_documents)
        ws.workChanged.connect(self.refresh_work_choices)
        ws.workChanged.connect(self.update_undo_actions)
        ws.message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.library.status.connect(self.statusBar().showMessage)
        self.library.busy.connect(self._library_busy)
        self.library.aboutToRestore.connect(self.save_pending_work)
        self.importer.status.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.library_panel.documentActivated.connect(self.open_document)
        self.library_panel.importRequested.connect(self.importer.choose_files)
        self.library_panel.demoRequested.connect(self.importer.load_demo)
        self.welcome.importFilesRequested.connect(self.importer.choose_files)
        self.welcome.importFolderRequested.connect(self.importer.choose_folder)
        self.welcome.demoRequested.connect(self.importer.load_demo)
        self.search = SearchController(self, ws, self.search_box, self.search_panel)
        # A damaged search index: offer to rebuild it, then search again (issue 14).
        self.search.runner.indexDamaged.connect(
            lambda message: self.library.offer_rebuild_index(message, then=self.search.run)
        )
        self.search.searching.connect(lambda: self.left.setCurrentWidget(self.search_panel))
        self.search_panel.hitActivated.connect(self.open_hit)
        self.document_view.status.connect(self.statusBar().showMessage)
        self.document_view.clauseShown.connect(self.orphans_panel.set_current_clause)
        self.document_view.addToBriefRequested.connect(self.brief_builder.add_clauses)
        self.document_view.detail.similar.clauseActivated.connect(self.open_clause)
        self.document_view.detail.cited.documentActivated.connect(self.open_document)
        self.brief_builder.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.tags_panel.clauseActivated.connect(self.open_clause)
        self.notes_panel.clauseActivated.connect(self.open_clause)
        self.orphans_panel.countChanged.connect(self._orphans_count)
        self.meeting_mode.toggled.connect(self._meeting_layout)

    # --- library -----------------------------------------------------------------------------
    def open_library(self, path: str | Path) -> bool:
        return self.library.open(path)

    def recent_libraries(self) -> list[str]:
        return self.library.recent_libraries()

    @property
    def upgrading(self) -> bool:
        return self.library.upgrading

    @property
    def importing(self) -> bool:
        return self.importer.importing

    @property
    def import_dialog(self):
        return self.importer.dialog

    def import_in_background(self, paths: list[str]) -> None:
        self.importer.start(paths)

    def _library_busy(self, message: str) -> None:
        """Upgrading or failed: say so where the documents would be, never 'the library is empty'."""
        self.importer.blocked_reason = "资料库正在升级，完成后再导入。" if self.library.upgrading else ""
        if message:
            self.loading.say(message, busy=self.library.upgrading)
            self.reading.setCurrentWidget(self.loading)

    def refresh_documents(self) -> None:
        docs = self.workspace.documents()
        self.library_panel.set_documents(docs)
        tags = self.workspace.all_tags()
        self.search_panel.set_choices(docs, tags)
        self.brief_builder.set_tags(tags)
        self.reading.setCurrentWidget(self.document_view if docs else self.welcome)
        if docs and self.document_view.document is None:
            self.library_panel.select_document(docs[0].id)
        elif not docs:
            self.document_view.show_document(None)
        self.statusBar().showMessage(f"共 {len(docs)} 份文件", 4000)

    def refresh_work_choices(self) -> None:
        # Only the tags can change with a tag or note edit; re-listing every document here cost
        # ~90 ms per keystroke-driven tag at 200k clauses (documentsChanged refills those).
        tags = self.workspace.all_tags()
        self.search_panel.set_tags(tags)
        self.brief_builder.set_tags(tags)

    def open_clause(self, doc_id: int, clause_id: int) -> None:
        self.library_panel.select_document(doc_id, emit=False)
        self.document_view.show_document(doc_id, clause_id)
        self.center.setCurrentWidget(self.reading)

    def open_document(self, doc_id: int) -> None:
        self.document_view.show_document(doc_id)
        self.center.setCurrentWidget(self.reading)

    def _orphans_count(self, count: int) -> None:
        index = self.left.indexOf(self.orphans_panel)
        self.left.setTabText(index, f"待处理（{count}）" if count else "待处理")

    # --- search -----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.left.setVisible(True)  # in meeting mode too: searching needs the results list
        self.search_box.setFocus()
        self.search_box.selectAll()
        self.left.setCurrentWidget(self.search_panel)

    def run_search(self) -> None:
        self.search.run()

    @property
    def search_runner(self):
        return self.search.runner

    def open_hit(self, hit, words) -> None:
        self.library_panel.select_document(hit.document_id, emit=False)
        self.document_view.show_document(hit.document_id, hit.clause_id, tuple(words))
        self.center.setCurrentWidget(self.reading)
        if self.meeting_mode.active:
            self.left.setVisible(False)  # back to the focused layout
        self.document_view.tree.setFocus()

    # --- drops --------------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.importer.start(paths)

    # --- analysis -----------------------------------------------------------------------------
    def show_targets(self) -> None:
        from desktop.widgets.analysis_dialogs import TargetsDialog

        if self.workspace.is_open:
            self.targets_dialog = TargetsDialog(self.workspace, self)
            self.targets_dialog.clauseActivated.connect(self.open_clause)
            self.targets_dialog.show()

    def show_compare(self) -> None:
        from desktop.widgets.analysis_dialogs import CompareDialog

        if self.workspace.is_open:
            self.compare_dialog = CompareDialog(self.workspace, self.library_panel.model.rows, self)
            self.compare_dialog.show()

    def show_repeats(self) -> None:
        from desktop.widgets.analysis_dialogs import RepeatsDialog

        if self.workspace.is_open:
            self.repeats_dialog = RepeatsDialog(self.workspace, self.library_panel.model.rows, self)
            self.repeats_dialog.show()

    # --- help, text size, print -----------------------------------------------------------------
    def show_shortcuts(self) -> None:
        from desktop.widgets.help_dialogs import ShortcutCard

        self.shortcut_card = ShortcutCard(self)
        self.shortcut_card.show()

    def show_about(self) -> None:
        from desktop import paths
        from desktop.widgets.help_dialogs import AboutDialog

        data = paths.default_library_path().parent
        self.about_dialog = AboutDialog(str(self.workspace.path or "（未打开）"), str(data), self)
        self.about_dialog.show()

    def _text_size(self, step: int) -> None:
        sign = "+" if step > 0 else ""
        label = f"（{sign}{step}）" if step else "（默认）"
        self.statusBar().showMessage(
            f"阅读文字 {self.text_size.text_points():g} 磅{label}；Ctrl+0 恢复默认", 4000
        )

    def print_current(self) -> None:
        """The brief preview on the 简报 page, else the clause being read, through Qt's print dialog."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if self.center.currentWidget() is self.brief_builder:
            document = self.brief_builder.preview.document()
        else:
            document = self.document_view.detail.text.document()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印")
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            document.print_(printer)

    # --- undo, meeting mode ---------------------------------------------------------------------
    def undo(self) -> None:
        self.document_view.detail.flush_notes()
        try:
            label = self.workspace.undo()
        except LibraryError as exc:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, "无法撤销", str(exc))
            return
        self.statusBar().showMessage(f"已撤销：{label}" if label else "没有可撤销的操作", 4000)

    def redo(self) -> None:
        label = self.workspace.redo()
        self.statusBar().showMessage(f"已重做：{label}" if label else "没有可重做的操作", 4000)

    def update_undo_actions(self) -> None:
        undo, redo = self.workspace.undo_label("undo"), self.workspace.undo_label("redo")
        self.act_undo.setToolTip(f"撤销“{undo}”（Ctrl+Z）" if undo else "没有可撤销的操作")
        self.act_redo.setToolTip(f"重做“{redo}”（Ctrl+Shift+Z）" if redo else "没有可重做的操作")
        self.act_undo.setEnabled(bool(undo))
        self.act_redo.setEnabled(bool(redo))

    def toggle_meeting_mode(self, on: bool) -> None:
        self.meeting_mode.toggle(on)

    def _meeting_layout(self, on: bool) -> None:
        """The focused layout: document list and header hidden, large text."""
        self.meeting_name_action.setVisible(on)
        self.document_view.header.setVisible(not on)
        self.text_size.set_meeting(on)
        if self.act_meeting.isChecked() != on:
            self.act_meeting.setChecked(on)
        if on:
            self.document_view.tree.setFocus()

    # --- state ----------------------------------------------------------------------------------
    def restore_state(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 860)
        self.splitter.setSizes(usable_sizes(self.settings.value("mainSplitter") or list(DEFAULT_SIZES)))
        for key, splitter in (
            ("docSplitter", self.document_view.splitter),
            ("clauseSplitter", self.document_view.detail.split),
        ):
            sizes = self.settings.value(key)
            if sizes and len(sizes) == 2 and min(int(s) for s in sizes) >= 60:  # never a collapsed pane
                splitter.setSizes([int(s) for s in sizes])

    def save_state(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("mainSplitter", self.meeting_mode.layout_sizes())
        self.settings.setValue("docSplitter", self.document_view.splitter.sizes())
        self.settings.setValue("clauseSplitter", self.document_view.detail.split.sizes())

    def save_pending_work(self) -> bool:
        """Write every note being typed now (exit, signal, logout). False if some could not be
        written; their text is then in the drafts file and is written at the next start."""
        return self.document_view.detail.flush_notes()

    def closeEvent(self, event) -> None:  # noqa: N802
        from desktop.tasks import wait_for_background

        self.save_pending_work()  # never lose the last keystrokes
        self.save_state()
        self.search_runner.wait(3000)
        wait_for_background(30000)
        self.workspace.close()
        event.accept()
