"""The library file as a whole: open (upgrading an older one in the background), recent
libraries, backup and restore, moving tags and notes between laptops."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from desktop import APP_TITLE
from desktop.workspace import DamagedLibraryError, LibraryError, Workspace

RECENT_MAX = 6
LIBRARY_FILTER = "PolicyBrief 资料库 (*.db)"


class LibraryController(QObject):
    status = Signal(str, int)  # message, milliseconds (0: until replaced)
    aboutToRestore = Signal()  # noqa: N815 write what is being typed before the content is replaced
    busy = Signal(str)  # what the reading area should say while the library cannot be used ("": done)

    def __init__(self, window: QMainWindow, workspace: Workspace, settings: QSettings) -> None:
        super().__init__(window)
        self.window, self.workspace, self.settings = window, workspace, settings
        self.upgrading = False
        self.rebuilding_index = False  # the search index is being made again off the GUI thread
        self.recent_menu: QMenu | None = None
        workspace.libraryOpened.connect(self._opened)

    # --- opening -----------------------------------------------------------------------------
    def open(self, path: str | Path) -> bool:
        """Open a library. One made by an older build is upgraded first, off the GUI thread:
        an upgrade may rebuild the search index (1-2 s per 10,000 clauses)."""
        if self.upgrading:
            self.status.emit("正在升级资料库，请稍候……", 0)
            return False
        try:
            if self.workspace.needs_upgrade(path):
                self._upgrade_then_open(path)
                return True
            self.workspace.open(path)
        except LibraryError as exc:
            self._failed(exc, path)
            return False
        return True

    def _upgrade_then_open(self, path: str | Path) -> None:
        self.upgrading = True
        name = Path(path).name
        self.busy.emit(
            f"正在升级资料库“{name}”：新版本重建了搜索索引，大型资料库约需一分钟。\n"
            "升级前已自动备份原文件。完成后资料库会自动打开。"
        )
        self.status.emit(f"正在升级资料库“{name}”……", 0)

        def done(_result) -> None:
            self.upgrading = False
            self.busy.emit("")
            self.open(path)

        def failed(exc: Exception) -> None:
            self.upgrading = False
            self.busy.emit("")
            self._failed(exc, path)

        self.workspace.upgrade_in_background(path, on_done=done, on_error=failed)

    def _failed(self, exc: Exception, path: str | Path | None = None) -> None:
        backup = getattr(exc, "backup", None)
        if isinstance(exc, DamagedLibraryError) and backup is not None and path is not None:
            self.offer_restore(Path(path), Path(backup), str(exc))
            return
        QMessageBox.warning(self.window, "无法打开资料库", str(exc))
        self.busy.emit("未打开资料库。请从“文件”菜单打开或新建资料库。")
        self.status.emit("未打开资料库", 0)

    def offer_restore(self, path: Path, backup: Path, message: str) -> None:
        """A damaged library: offer its last good backup (the damaged file is kept aside)."""
        box = QMessageBox(QMessageBox.Icon.Warning, "资料库已损坏", message, parent=self.window)
        restore = box.addButton("从这份备份恢复", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("暂不处理", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        if box.clickedButton() is not restore:
            self.status.emit("未打开资料库（资料库已损坏）", 0)
            return
        self.status.emit(f"正在从“{backup.name}”恢复……", 0)

        def failed(exc: Exception) -> None:
            QMessageBox.warning(self.window, "无法恢复", str(exc))
            self.status.emit("未打开资料库", 0)

        self.workspace.restore_damaged(path, backup, on_done=lambda _safety: self.open(path), on_error=failed)

    def offer_rebuild_index(self, message: str, then: Callable[[], None] | None = None) -> None:
        """The search index cannot be read: offer to make it again (in the background)."""
        if self.rebuilding_index or not self.workspace.is_open:
            return
        self.rebuilding_index = True
        answer = QMessageBox.question(
            self.window,
            "搜索索引已损坏",
            message + "\n\n现在重建搜索索引吗？大型资料库约需一分钟，期间可以继续阅读。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            self.rebuilding_index = False
            return
        self.status.emit("正在重建搜索索引……", 0)

        def done(count: int) -> None:
            self.rebuilding_index = False
            self.status.emit(f"已重建搜索索引（{count} 条条文）", 8000)
            if then is not None:
                then()

        def failed(exc: Exception) -> None:
            self.rebuilding_index = False
            QMessageBox.warning(self.window, "无法重建搜索索引", str(exc))

        self.workspace.rebuild_search_index(on_done=done, on_error=failed)

    def _opened(self, path: str) -> None:
        self.workspace.daily_backup(on_error=lambda exc: self.status.emit(f"自动备份失败：{exc}", 0))
        self.window.setWindowTitle(f"{APP_TITLE} — {Path(path).name}")
        recent = [p for p in self.recent_libraries() if p != path]
        self.settings.setValue("recentLibraries", [path, *recent][:RECENT_MAX])
        self.settings.setValue("lastLibrary", path)
        self.fill_recent_menu()
        self.status.emit(f"已打开资料库：{path}", 5000)

    def recent_libraries(self) -> list[str]:
        value = self.settings.value("recentLibraries", [])
        return [value] if isinstance(value, str) else list(value or [])

    def fill_recent_menu(self) -> None:
        if self.recent_menu is None:
            return
        self.recent_menu.clear()
        current = str(self.workspace.path or "")
        for path in self.recent_libraries():
            act = self.recent_menu.addAction(path)
            act.setEnabled(path != current)
            act.triggered.connect(lambda _=False, p=path: self.open(p))
        self.recent_menu.setEnabled(bool(self.recent_libraries()))

    def choose(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            "打开或新建资料库",
            str(self.workspace.path or ""),
            LIBRARY_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.open(path)

    # --- backup, restore, transfer ---------------------------------------------------------------
    def backup(self) -> None:
        if not self.workspace.is_open:
            return
        stem = self.workspace.path.stem
        path, _ = QFileDialog.getSaveFileName(self.window, "备份资料库", f"{stem}-备份.db", LIBRARY_FILTER)
        if path:
            self._report(lambda: self.workspace.backup_to(path), "已备份到 {}")

    def restore(self) -> None:
        """从备份恢复…: the chosen backup is copied into the open library (SQLite's backup API, safe
        while it is open); the current content is first kept beside it; every view reloads."""
        if not self.workspace.is_open:
            return
        path, _ = QFileDialog.getOpenFileName(
            self.window, "从备份恢复", str(self.workspace.backup_folder()), f"{LIBRARY_FILTER};;所有文件 (*)"
        )
        if not path:
            return
        answer = QMessageBox.question(
            self.window,
            "从备份恢复",
            f"用备份“{Path(path).name}”替换当前资料库的全部内容？\n"
            "当前内容会先另存一份在资料库旁边（文件名含 before-restore），随时可以找回。",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.aboutToRestore.emit()
        self.status.emit("正在从备份恢复……", 0)
        self.workspace.restore_from(path, on_done=self._restored, on_error=self._restore_failed)

    def _restored(self, outcome) -> None:
        kept = f"原内容已另存为 {outcome.safety_copy.name}。" if outcome.safety_copy else ""
        self.status.emit(f"已从备份恢复。{kept}", 15000)

    def _restore_failed(self, exc: Exception) -> None:
        QMessageBox.warning(self.window, "无法恢复", str(exc))
        self.status.emit("未恢复：资料库保持原样。", 8000)

    def export_notes(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, "导出标签和批注", "标签和批注.json", "JSON (*.json)"
        )
        if path and self.workspace.is_open:
            self._report(lambda: self.workspace.export_notes(path), "已导出：{}")

    def import_notes(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "导入标签和批注", "", "JSON (*.json)")
        if path and self.workspace.is_open:
            self._report(lambda: self.workspace.import_notes(path), "已导入：{}")

    def _report(self, fn: Callable[[], object], message: str) -> None:
        """Run a short core call; show its result in the status bar or its error in a box."""
        try:
            result = fn()
        except LibraryError as exc:
            QMessageBox.warning(self.window, "无法完成", str(exc))
            return
        self.status.emit(message.format(result), 8000)
