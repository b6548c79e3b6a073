"""The main window: wiring of panels, menus, shortcuts and background work. No logic of its own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import db
from desktop import APP_TITLE
from desktop.import_service import import_paths
from desktop.note_drafts import NoteDrafts
from desktop.query_runner import SearchRunner
from desktop.tasks import run_in_background
from desktop.widgets.document_view import DocumentView
from desktop.widgets.import_dialog import ImportDialog
from desktop.widgets.library_panel import LibraryPanel
from desktop.widgets.search_panel import SearchPanel
from desktop.widgets.welcome import Welcome
from desktop.workspace import Workspace

RECENT_MAX = 6


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
        self.import_dialog: ImportDialog | None = None
        self.importing = False
        self.upgrading = False  # a library is being migrated off the GUI thread
        self.rebuilding_index = False  # the search index is being made again off the GUI thread

        self.library_panel = LibraryPanel()
        self.search_panel = SearchPanel()
        self.document_view = DocumentView(self.workspace)
        self.left = QTabWidget()
        self.left.addTab(self.library_panel, "文库")
        self.left.addTab(self.search_panel, "搜索")
        self.welcome = Welcome()
        self.reading = QStackedWidget()  # the welcome page while the library is empty
        self.reading.addWidget(self.welcome)
        self.reading.addWidget(self.document_view)
        self.center = QTabWidget()
        self.center.addTab(self.reading, "阅读")
        self.splitter = QSplitter()
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.center)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.meeting_banner = QLabel()
        self.meeting_banner.setObjectName("meetingBanner")
        self.meeting_banner.hide()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.meeting_banner)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.search_runner = SearchRunner(self)
        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self._connect()
        self._optional_panels()
        self.statusBar().showMessage("正在打开资料库…")
        self.restore_state()

    # --- construction ------------------------------------------------------------------------
    def _build_actions(self) -> None:
        def action(text, slot, shortcut=None, checkable=False):
            act = QAction(text, self, checkable=checkable)
            act.triggered.connect(slot)
            if shortcut:
                act.setShortcuts(
                    [QKeySequence(s) for s in ([shortcut] if isinstance(shortcut, str) else shortcut)]
                )
            self.addAction(act)
            return act

        self.act_import = action("导入文件…", self.choose_import_files, "Ctrl+O")
        self.act_import_folder = action("导入文件夹…", self.choose_import_folder, "Ctrl+Shift+O")
        self.act_open_library = action("打开资料库…", self.choose_library)
        self.act_backup = action("备份资料库…", self.backup_library)
        self.act_export_notes = action("导出标签和批注…", self.export_notes)
        self.act_import_notes = action("导入标签和批注…", self.import_notes)
        self.act_search = action("搜索", self.focus_search, ["Ctrl+F", "Ctrl+K"])
        self.act_undo = action("撤销", self.undo, "Ctrl+Z")
        self.act_redo = action("重做", self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
        self.act_meeting = action("会议模式", self.toggle_meeting_mode, "F9", checkable=True)
        self.act_add_to_brief = action(
            "加入当前简报",
            lambda: self.brief_builder.add_clauses(self.document_view.selected_clause_ids()),
            "Ctrl+B",
        )
        self.act_quit = action("退出", self.close, "Ctrl+Q")
        self.act_targets = action("量化目标一览…", self.show_targets)
        self.act_compare = action("版本比较…", self.show_compare)
        self.act_repeats = action("重复条文报告…", self.show_repeats)

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
        self.meeting_name.setMaximumWidth(240)
        self.meeting_name_action = bar.addWidget(self.meeting_name)
        self.meeting_name_action.setVisible(False)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        for act in (self.act_import, self.act_import_folder):
            file_menu.addAction(act)
        file_menu.addSeparator()
        file_menu.addAction(self.act_open_library)
        self.recent_menu = file_menu.addMenu("最近的资料库")
        file_menu.addAction(self.act_backup)
        file_menu.addSeparator()
        file_menu.addAction(self.act_export_notes)
        file_menu.addAction(self.act_import_notes)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit_menu = self.menuBar().addMenu("编辑(&E)")
        for act in (self.act_undo, self.act_redo, self.act_search, self.act_add_to_brief):
            edit_menu.addAction(act)
        analysis_menu = self.menuBar().addMenu("分析(&A)")
        analysis_menu.addAction(self.act_targets)
        analysis_menu.addAction(self.act_compare)
        analysis_menu.addAction(self.act_repeats)
        view_menu = self.menuBar().addMenu("视图(&V)")
        view_menu.addAction(self.act_meeting)
        self.view_menu = view_menu

    def _connect(self) -> None:
        ws = self.workspace
        ws.documentsChanged.connect(self.refresh_documents)
        ws.workChanged.connect(self.refresh_work_choices)
        ws.workChanged.connect(self.update_undo_actions)
        ws.libraryOpened.connect(self._library_opened)
        self.library_panel.documentActivated.connect(self.open_document)
        self.library_panel.importRequested.connect(self.choose_import_files)
        self.library_panel.demoRequested.connect(self.load_demo_documents)
        self.welcome.importFilesRequested.connect(self.choose_import_files)
        self.welcome.importFolderRequested.connect(self.choose_import_folder)
        self.welcome.demoRequested.connect(self.load_demo_documents)
        self.search_box.textChanged.connect(self.search_panel.timer.start)
        self.search_box.returnPressed.connect(self._open_first_hit)
        self.search_panel.queryChanged.connect(self.run_search)
        self.search_panel.hitActivated.connect(self.open_hit)
        self.search_runner.resultReady.connect(self.search_panel.show_result)
        self.search_runner.failed.connect(lambda _seq, msg: self.search_panel.show_error(msg))
        self.search_runner.indexDamaged.connect(self.offer_rebuild_index)
        self.document_view.status.connect(self.statusBar().showMessage)
        self.document_view.detail.similar.clauseActivated.connect(self.open_clause)
        self.document_view.detail.cited.documentActivated.connect(self.open_document)
        self.meeting_name.textChanged.connect(self.workspace.set_meeting)
        ws.meetingChanged.connect(self._meeting_changed)
        ws.message.connect(lambda text: self.statusBar().showMessage(text, 15000))

    def _optional_panels(self) -> None:
        """Panels that live in their own modules; each adds itself if present."""
        from desktop.widgets import brief_builder, notes_panel, orphans_panel, tags_panel

        self.brief_builder = brief_builder.BriefBuilder(self.workspace, self)
        self.center.addTab(self.brief_builder, "简报")
        self.document_view.addToBriefRequested.connect(self.brief_builder.add_clauses)
        self.tags_panel = tags_panel.TagsPanel(self.workspace, self)
        self.left.addTab(self.tags_panel, "标签")
        self.tags_panel.clauseActivated.connect(self.open_clause)
        self.notes_panel = notes_panel.NotesPanel(self.workspace, self)
        self.left.addTab(self.notes_panel, "批注")
        self.notes_panel.clauseActivated.connect(self.open_clause)
        self.orphans_panel = orphans_panel.OrphansPanel(self.workspace, self)
        self.left.addTab(self.orphans_panel, "待处理")
        self.orphans_panel.countChanged.connect(self._orphans_count)

    # --- library ----------------------------------------------------------------------------
    def open_library(self, path: str | Path) -> bool:
        """Open a library. One made by an older build is upgraded first, off the GUI thread:
        an upgrade may rebuild the search index (1-2 s per 10,000 clauses)."""
        if self.upgrading:
            self.statusBar().showMessage("正在升级资料库，请稍候……")
            return False
        try:
            if db.pending_migrations(path):
                self._upgrade_then_open(path)
                return True
            self.workspace.open(path)
        except db.LibraryError as exc:
            self._open_failed(exc, path)
            return False
        return True

    def _upgrade_then_open(self, path: str | Path) -> None:
        self.upgrading = True
        self.reading.setCurrentWidget(self.welcome)
        self.welcome.set_busy(
            f"正在升级资料库“{Path(path).name}”：新版本重建了搜索索引，大型资料库约需一分钟。\n"
            "升级前已自动备份原文件。完成后资料库会自动打开。"
        )
        self.statusBar().showMessage(f"正在升级资料库“{Path(path).name}”……")

        def upgrade() -> None:
            db.open_library(path).close()  # migrates; the GUI thread then opens it as usual

        def done(_result) -> None:
            self.upgrading = False
            self.welcome.set_busy("")
            self.open_library(path)

        def failed(exc: Exception) -> None:
            self.upgrading = False
            self.welcome.set_busy("")
            self._open_failed(exc, path)

        run_in_background(upgrade, on_done=done, on_error=failed)

    def _open_failed(self, exc: Exception, path: str | Path | None = None) -> None:
        backup = getattr(exc, "backup", None)
        if isinstance(exc, db.DamagedLibraryError) and backup is not None and path is not None:
            self.offer_restore(Path(path), Path(backup), str(exc))
            return
        QMessageBox.warning(self, "无法打开资料库", str(exc))
        self.statusBar().showMessage("未打开资料库")

    def offer_restore(self, path: Path, backup: Path, message: str) -> None:
        """A damaged library: offer its last good backup (the damaged file is kept aside)."""
        box = QMessageBox(QMessageBox.Icon.Warning, "资料库已损坏", message, parent=self)
        restore = box.addButton("从这份备份恢复", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("暂不处理", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        if box.clickedButton() is not restore:
            self.statusBar().showMessage("未打开资料库（资料库已损坏）")
            return
        from db.backup import restore_library

        self.statusBar().showMessage(f"正在从“{backup.name}”恢复……")

        def restored(_safety) -> None:
            self.open_library(path)

        def failed(exc: Exception) -> None:
            QMessageBox.warning(self, "无法恢复", str(exc))
            self.statusBar().showMessage("未打开资料库")

        run_in_background(lambda: restore_library(backup, path), on_done=restored, on_error=failed)

    def offer_rebuild_index(self, message: str) -> None:
        """The search index cannot be read: offer to make it again (in the background)."""
        if self.rebuilding_index or self.workspace.path is None:
            return
        self.rebuilding_index = True
        answer = QMessageBox.question(
            self,
            "搜索索引已损坏",
            message + "\n\n现在重建搜索索引吗？大型资料库约需一分钟，期间可以继续阅读。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            self.rebuilding_index = False
            return
        path = str(self.workspace.path)
        self.statusBar().showMessage("正在重建搜索索引……")

        def rebuild() -> int:
            from db.integrity import rebuild_index

            with db.open_library(path) as lib:  # its own connection: the GUI's stays free
                return rebuild_index(lib)

        def done(count: int) -> None:
            self.rebuilding_index = False
            self.statusBar().showMessage(f"已重建搜索索引（{count} 条条文）", 8000)
            self.run_search()

        def failed(exc: Exception) -> None:
            self.rebuilding_index = False
            QMessageBox.warning(self, "无法重建搜索索引", str(exc))

        run_in_background(rebuild, on_done=done, on_error=failed)

    def _library_opened(self, path: str) -> None:
        def daily_backup():
            from db.backup import auto_backup

            warnings: list[str] = []
            with db.open_library(path) as lib:  # its own connection: the GUI's stays free
                auto_backup(lib, "daily", warn=warnings.append)
            return warnings

        def backed_up(warnings: list[str]) -> None:
            if warnings:  # skipped (disk short of room) or the copy failed its check
                self.statusBar().showMessage(f"自动备份：{warnings[-1]}", 15000)

        run_in_background(
            daily_backup,
            on_done=backed_up,
            on_error=lambda exc: self.statusBar().showMessage(f"自动备份失败：{exc}"),
        )
        self.setWindowTitle(f"{APP_TITLE} — {Path(path).name}")
        recent = [p for p in self.recent_libraries() if p != path]
        self.settings.setValue("recentLibraries", [path, *recent][:RECENT_MAX])
        self.settings.setValue("lastLibrary", path)
        self._fill_recent_menu()
        self.statusBar().showMessage(f"已打开资料库：{path}", 5000)

    def recent_libraries(self) -> list[str]:
        value = self.settings.value("recentLibraries", [])
        return [value] if isinstance(value, str) else list(value or [])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.recent_libraries():
            act = self.recent_menu.addAction(path)
            act.triggered.connect(lambda _=False, p=path: self.open_library(p))

    def choose_library(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "打开或新建资料库",
            str(self.workspace.path or ""),
            "PolicyBrief 资料库 (*.db)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.open_library(path)

    def show_targets(self) -> None:
        from desktop.widgets.analysis_dialogs import TargetsDialog

        if self.workspace.lib is None:
            return
        self.targets_dialog = TargetsDialog(self.workspace, self)
        self.targets_dialog.clauseActivated.connect(self.open_clause)
        self.targets_dialog.show()

    def show_compare(self) -> None:
        from desktop.widgets.analysis_dialogs import CompareDialog

        if self.workspace.lib is None:
            return
        self.compare_dialog = CompareDialog(self.workspace, self)
        self.compare_dialog.show()

    def show_repeats(self) -> None:
        from desktop.widgets.analysis_dialogs import RepeatsDialog

        if self.workspace.lib is None:
            return
        self.repeats_dialog = RepeatsDialog(self.workspace, self)
        self.repeats_dialog.show()

    def backup_library(self) -> None:
        from db.backup import backup_library

        if self.workspace.lib is None:
            return
        stem = self.workspace.path.stem
        path, _ = QFileDialog.getSaveFileName(
            self, "备份资料库", f"{stem}-备份.db", "PolicyBrief 资料库 (*.db)"
        )
        if path:
            self._report(lambda: backup_library(self.workspace.lib, path), "已备份到 {}")

    def export_notes(self) -> None:
        from db.transfer import export_notes

        path, _ = QFileDialog.getSaveFileName(self, "导出标签和批注", "标签和批注.json", "JSON (*.json)")
        if path and self.workspace.lib is not None:
            self._report(lambda: export_notes(self.workspace.lib, path), "已导出：{}")

    def import_notes(self) -> None:
        from db.transfer import import_notes

        path, _ = QFileDialog.getOpenFileName(self, "导入标签和批注", "", "JSON (*.json)")
        if path and self.workspace.lib is not None:
            self._report(lambda: self.workspace.call(import_notes, path), "已导入：{}")
            self.workspace.documentsChanged.emit()

    def _report(self, fn, message: str) -> None:
        """Run a short core call; show its result in the status bar or its error in a box."""
        try:
            result = fn()
        except db.LibraryError as exc:
            QMessageBox.warning(self, "无法完成", str(exc))
            return
        self.statusBar().showMessage(message.format(result), 8000)

    def refresh_documents(self) -> None:
        docs = self.workspace.documents()
        self.library_panel.set_documents(docs)
        self.search_panel.set_choices(docs, self.workspace.all_tags())
        self.reading.setCurrentWidget(self.document_view if docs else self.welcome)
        if docs and self.document_view.document is None:
            self.library_panel.select_document(docs[0].id)
        elif not docs:
            self.document_view.show_document(None)
        self.statusBar().showMessage(f"共 {len(docs)} 份文件", 4000)

    def refresh_work_choices(self) -> None:
        # Only the tags can change with a tag or note edit; re-listing every document here cost
        # ~90 ms per keystroke-driven tag at 200k clauses (documentsChanged refills those).
        self.search_panel.set_tags(self.workspace.all_tags())

    def open_clause(self, doc_id: int, clause_id: int) -> None:
        self.library_panel.select_document(doc_id, emit=False)
        self.document_view.show_document(doc_id, clause_id)
        self.center.setCurrentWidget(self.reading)

    def open_document(self, doc_id: int) -> None:
        self.document_view.show_document(doc_id)
        self.center.setCurrentWidget(self.reading)

    # --- search -----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.left.setVisible(True)  # in meeting mode too: searching needs the results list
        self.search_box.setFocus()
        self.search_box.selectAll()
        self.left.setCurrentWidget(self.search_panel)

    def run_search(self) -> None:
        query = self.search_box.text().strip()
        if not query or self.workspace.path is None:
            self.search_panel.clear()
            return
        self.left.setCurrentWidget(self.search_panel)
        self.search_runner.request(str(self.workspace.path), query, limit=50, **self.search_panel.filters())

    def _open_first_hit(self) -> None:
        self.search_panel.timer.stop()
        self.run_search()
        self.search_runner.wait(3000)
        QTimer.singleShot(0, self._activate_current_hit)

    def _activate_current_hit(self) -> None:
        index = self.search_panel.view.currentIndex()
        if index.isValid():
            self.search_panel._activated(index)

    def open_hit(self, hit, words) -> None:
        self.library_panel.select_document(hit.document_id, emit=False)
        self.document_view.show_document(hit.document_id, hit.clause_id, tuple(words))
        self.center.setCurrentWidget(self.reading)
        if self.act_meeting.isChecked():
            self.left.setVisible(False)  # back to the focused layout
        self.document_view.tree.setFocus()

    # --- import -----------------------------------------------------------------------------
    def choose_import_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            "导入文件",
            "",
            "政策文件 (*.txt *.md *.docx *.doc *.wps *.pdf *.ofd *.html *.htm);;所有文件 (*)",
        )
        if files:
            self.import_in_background(files)

    def choose_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "导入文件夹")
        if folder:
            self.import_in_background([folder])

    def load_demo_documents(self) -> None:
        from desktop.demo import demo_documents

        self.import_in_background([str(demo_documents())])

    def import_in_background(self, paths: list[str]) -> None:
        """Import on a worker thread with its own connection; the window stays responsive."""
        if self.upgrading:
            self.statusBar().showMessage("资料库正在升级，完成后再导入。", 5000)
            return
        if self.workspace.path is None or self.importing:
            return
        self.importing = True
        self.import_dialog = ImportDialog(self)
        self.import_dialog.show()
        library_path = str(self.workspace.path)

        def work(report):
            from db.backup import auto_backup

            with db.open_library(library_path) as lib:
                auto_backup(lib, "import", wait=False)  # checked while importing
                return import_paths(lib, paths, on_progress=lambda d, t, r: report((d, t, r)))

        run_in_background(
            work,
            on_done=self._import_done,
            on_error=self._import_failed,
            on_progress=lambda value: self.import_dialog.add_result(*value),
        )

    def _import_done(self, results) -> None:
        self.importing = False
        self.import_dialog.finish(results)
        self.workspace.documentsChanged.emit()
        self.workspace.workChanged.emit()

    def _import_failed(self, exc: Exception) -> None:
        self.importing = False
        self.import_dialog.fail(str(exc))

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_in_background(paths)

    # --- undo, meeting mode -------------------------------------------------------------------------
    def undo(self) -> None:
        self.document_view.detail.flush_notes()
        try:
            label = self.workspace.undo()
        except db.LibraryError as exc:
            QMessageBox.warning(self, "无法撤销", str(exc))
            return
        self.statusBar().showMessage(f"已撤销：{label}" if label else "没有可撤销的操作", 4000)

    def redo(self) -> None:
        label = self.workspace.redo()
        self.statusBar().showMessage(f"已重做：{label}" if label else "没有可重做的操作", 4000)

    def update_undo_actions(self) -> None:
        undo, redo = self.workspace.undo_label("undo"), self.workspace.undo_label("redo")
        self.act_undo.setText("撤销")
        self.act_redo.setText("重做")
        self.act_undo.setToolTip(f"撤销“{undo}”（Ctrl+Z）" if undo else "没有可撤销的操作")
        self.act_redo.setToolTip(f"重做“{redo}”（Ctrl+Shift+Z）" if redo else "没有可重做的操作")
        self.act_undo.setEnabled(bool(undo))
        self.act_redo.setEnabled(bool(redo))

    def toggle_meeting_mode(self, on: bool) -> None:
        """A focused layout for live use: document list hidden, large text, notes stamped with the meeting."""
        self.meeting_name_action.setVisible(on)
        self.left.setVisible(not on)
        self.document_view.header.setVisible(not on)
        self.meeting_banner.setVisible(on)
        font = self.document_view.detail.text.font()
        font.setPointSizeF(17 if on else 13)
        self.document_view.detail.text.setFont(font)
        tree_font = self.document_view.tree.font()
        tree_font.setPointSizeF(13 if on else 11)
        self.document_view.tree.setFont(tree_font)
        self.document_view.detail.setStyleSheet(
            "QPlainTextEdit#noteEditor { font-size: 14pt; }" if on else ""
        )
        if on:
            self.meeting_name.setFocus()
            if not self.meeting_name.text():
                self.meeting_name.setText(self.settings.value("lastMeeting", "") or "")
        self.workspace.set_meeting(self.meeting_name.text() if on else "")

    def _meeting_changed(self, name: str) -> None:
        self.meeting_banner.setText(
            f"会议模式 · {name or '请在右上角输入会议名称'} · 新批注自动标注本会议 · Ctrl+F 搜索  T 标签  N 批注  F9 退出"
        )
        if name:
            self.settings.setValue("lastMeeting", name)
            self.statusBar().showMessage(f"会议模式：新批注将标注“{name}”")

    def _orphans_count(self, count: int) -> None:
        index = self.left.indexOf(self.orphans_panel)
        self.left.setTabText(index, f"待处理（{count}）" if count else "待处理")

    # --- state ----------------------------------------------------------------------------------
    def restore_state(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 860)
        for key, splitter in (("mainSplitter", self.splitter), ("docSplitter", self.document_view.splitter)):
            sizes = self.settings.value(key)
            if sizes:
                splitter.setSizes([int(s) for s in sizes])
            elif key == "mainSplitter":
                splitter.setSizes([420, 940])

    def save_state(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("mainSplitter", self.splitter.sizes())
        self.settings.setValue("docSplitter", self.document_view.splitter.sizes())

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
