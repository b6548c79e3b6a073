"""Meeting mode (F9): a focused, large-text layout for live use; new notes carry the meeting's name.

Entering hides the side panels and the document header, enlarges the text and puts the keyboard
focus on the clause tree (so T, N and 1–9 act at once). The meeting name starts empty every
time: the last meeting is offered in the name box's placeholder and its completer, never
silently reused. Leaving restores the panels at their remembered width (never a collapsed 0)
and clears the meeting from the status bar.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QMainWindow, QSplitter, QWidget

from desktop.workspace import Workspace

MIN_PANEL = 200  # narrower than this, the 文库 list and search results are unusable
DEFAULT_SIZES = (420, 940)
RECENT_MEETINGS = 8


def usable_sizes(sizes: list[int] | None) -> list[int]:
    """Splitter sizes worth restoring: a side panel collapsed to nothing is given its default."""
    sizes = [int(s) for s in sizes or []]
    if len(sizes) != 2 or sizes[0] < MIN_PANEL or sizes[1] < MIN_PANEL:
        return list(DEFAULT_SIZES)
    return sizes


class MeetingMode(QObject):
    """Owns the meeting banner and name box; the window calls toggle() from its F9 action."""

    toggled = Signal(bool)

    def __init__(
        self,
        window: QMainWindow,
        workspace: Workspace,
        settings: QSettings,
        splitter: QSplitter,
        banner: QLabel,
        name_box: QLineEdit,
        keys_go_to: QWidget,
    ) -> None:
        super().__init__(window)
        self.window, self.workspace, self.settings = window, workspace, settings
        self.splitter, self.banner, self.name_box = splitter, banner, name_box
        self.keys_go_to = keys_go_to  # the clause tree: T, N and 1–9 act there
        self.active = False
        self.normal_sizes: list[int] = list(DEFAULT_SIZES)
        self.completer = QCompleter([], name_box)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        name_box.setCompleter(self.completer)
        name_box.textChanged.connect(self._name_typed)
        name_box.editingFinished.connect(self._remember_name)
        name_box.returnPressed.connect(self._back_to_tree)
        workspace.meetingChanged.connect(self._meeting_changed)

    def name(self) -> str:
        return self.workspace.meeting

    def layout_sizes(self) -> list[int]:
        """The main splitter's sizes outside meeting mode (what to save on exit)."""
        return usable_sizes(self.normal_sizes if self.active else self.splitter.sizes())

    def toggle(self, on: bool) -> None:
        if on == self.active:
            return
        if on:
            self._enter()
        else:
            self._leave()
        self.toggled.emit(on)

    def _enter(self) -> None:
        self.normal_sizes = usable_sizes(self.splitter.sizes())
        self.active = True
        recent = self.recent_meetings()
        self.completer.model().setStringList(recent)
        self.name_box.blockSignals(True)
        self.name_box.clear()
        self.name_box.blockSignals(False)
        self.name_box.setPlaceholderText(
            f"会议名称（上次：{recent[0]}，↓ 选用）" if recent else "会议名称（批注将标注此会议）"
        )
        self.workspace.set_meeting("")
        self.banner.show()
        self.splitter.widget(0).hide()
        self.keys_go_to.setFocus()

    def _leave(self) -> None:
        self.active = False
        self.banner.hide()
        self.name_box.blockSignals(True)
        self.name_box.clear()
        self.name_box.blockSignals(False)
        self.workspace.set_meeting("")
        self.splitter.widget(0).show()
        self.splitter.setSizes(usable_sizes(self.normal_sizes))
        self.window.statusBar().clearMessage()  # "new notes will be stamped" is no longer true

    def _back_to_tree(self) -> None:
        """Enter in the name box: the name is set, back to the clauses."""
        self.keys_go_to.setFocus()

    def _name_typed(self, text: str) -> None:
        if self.active:
            self.workspace.set_meeting(text)

    def _remember_name(self) -> None:
        name = self.name_box.text().strip()
        if not name:
            return
        self.settings.setValue("lastMeeting", name)
        recent = [name, *[m for m in self.recent_meetings() if m != name]][:RECENT_MEETINGS]
        self.settings.setValue("recentMeetings", recent)

    def recent_meetings(self) -> list[str]:
        value = self.settings.value("recentMeetings", [])
        names = [value] if isinstance(value, str) else list(value or [])
        last = self.settings.value("lastMeeting", "") or ""
        if last and last not in names:
            names.insert(0, last)
        return names

    def _meeting_changed(self, name: str) -> None:
        if not self.active:
            return
        self.banner.setText(
            f"会议模式 · {name or '未填写会议名称（右上角输入后，新批注自动标注本会议）'}"
            + (" · 新批注自动标注本会议" if name else "")
            + " · Ctrl+F 搜索  T 标签  N 批注  F9 退出"
        )
        if name:
            self.window.statusBar().showMessage(f"会议模式：新批注将标注“{name}”")
        else:
            self.window.statusBar().showMessage("会议模式：尚未填写会议名称，新批注不标注会议")
