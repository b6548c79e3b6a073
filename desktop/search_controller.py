"""Search as you type: the query box and the results panel, the runner that answers off the GUI
thread, the next pages as the results are scrolled, and Enter opening the first hit."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit

from desktop.query_runner import SearchPage, SearchRunner
from desktop.widgets.search_panel import SearchPanel
from desktop.workspace import Workspace

PAGE = 50  # hits per page; more are loaded as the list is scrolled


@dataclass(frozen=True)
class Query:
    text: str
    filters: dict


class SearchController(QObject):
    searching = Signal()  # a search was started: show the results panel

    def __init__(self, parent: QObject, workspace: Workspace, box: QLineEdit, panel: SearchPanel) -> None:
        super().__init__(parent)
        self.workspace, self.box, self.panel = workspace, box, panel
        self.runner = SearchRunner(self)
        self.query: Query | None = None
        self.first_page_pending = False  # the list shown is about to be replaced, not extended
        self.open_when_answered = False
        box.textChanged.connect(panel.timer.start)
        box.returnPressed.connect(self.open_first_hit)
        panel.queryChanged.connect(self.run)
        panel.moreWanted.connect(self._more)
        self.runner.resultReady.connect(self._answered)
        self.runner.failed.connect(self._failed)

    def run(self) -> None:
        text = self.box.text().strip()
        if not text or self.workspace.path is None:
            self.panel.clear()
            return
        self.searching.emit()
        self.query = Query(text, self.panel.filters())
        self.first_page_pending = True
        self.runner.request(str(self.workspace.path), text, limit=PAGE, **self.query.filters)

    def open_first_hit(self) -> None:
        """Enter in the search box: search now, open the first hit when the answer comes."""
        self.panel.timer.stop()
        self.open_when_answered = True
        self.run()

    def _more(self, offset: int) -> None:
        """The hits list was scrolled to its end: the next page of the same search."""
        if self.query is None or self.workspace.path is None or self.first_page_pending:
            self.panel.model.waiting = False
            return
        q = self.query
        self.runner.request(str(self.workspace.path), q.text, offset=offset, limit=PAGE, **q.filters)

    def _answered(self, page: SearchPage) -> None:
        if page.offset == 0:
            self.first_page_pending = False
        self.panel.show_result(page)
        if self.open_when_answered and page.offset == 0:
            self.open_when_answered = False
            self.panel.open_current()

    def _failed(self, _seq: int, message: str) -> None:
        self.first_page_pending = False
        self.panel.show_error(message)
