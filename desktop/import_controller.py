"""Bringing documents in: the file and folder dialogs, the demo files, drops on the window, and
the import itself in the background with its per-file result dialog."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow

from desktop.widgets.import_dialog import ImportDialog
from desktop.workspace import Workspace

FILE_FILTER = "政策文件 (*.txt *.md *.docx *.doc *.wps *.pdf *.ofd *.html *.htm);;所有文件 (*)"


class ImportController(QObject):
    status = Signal(str)

    def __init__(self, window: QMainWindow, workspace: Workspace) -> None:
        super().__init__(window)
        self.window, self.workspace = window, workspace
        self.dialog: ImportDialog | None = None
        self.importing = False
        self.blocked_reason = ""  # e.g. the library is being upgraded

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self.window, "导入文件", "", FILE_FILTER)
        if files:
            self.start(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, "导入文件夹")
        if folder:
            self.start([folder])

    def load_demo(self) -> None:
        from desktop.demo import demo_documents

        self.start([str(demo_documents())])

    def start(self, paths: list[str]) -> None:
        """Import on a worker thread with its own connection; the window stays responsive."""
        if self.blocked_reason:
            self.status.emit(self.blocked_reason)
            return
        if not self.workspace.is_open or self.importing:
            return
        self.importing = True
        self.dialog = ImportDialog(self.window)
        self.dialog.show()
        self.workspace.import_in_background(
            paths, on_result=self.dialog.add_result, on_done=self._done, on_error=self._failed
        )

    def _done(self, results) -> None:
        self.importing = False
        self.dialog.finish(results)

    def _failed(self, exc: Exception) -> None:
        self.importing = False
        self.dialog.fail(str(exc))
