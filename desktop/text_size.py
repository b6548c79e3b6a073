"""Reading text size: Ctrl+= bigger, Ctrl+- smaller, Ctrl+0 back to normal; remembered between
runs. Meeting mode adds a fixed step on top, for reading across a table."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings

TEXT_PT, TREE_PT, NOTE_PT = 13.0, 11.0, 11.0
MEETING_TEXT, MEETING_TREE, MEETING_NOTE = 4.0, 2.0, 3.0
LOWEST, HIGHEST = -4, 12
KEY = "textSizeStep"


class TextSize(QObject):
    def __init__(self, settings: QSettings, document_view, parent=None) -> None:
        super().__init__(parent)
        self.settings, self.view = settings, document_view
        try:
            self.step = max(LOWEST, min(HIGHEST, int(settings.value(KEY, 0) or 0)))
        except (TypeError, ValueError):
            self.step = 0
        self.meeting = False
        self.apply()

    def bigger(self) -> int:
        return self._set(self.step + 1)

    def smaller(self) -> int:
        return self._set(self.step - 1)

    def reset(self) -> int:
        return self._set(0)

    def set_meeting(self, on: bool) -> None:
        self.meeting = on
        self.apply()

    def _set(self, step: int) -> int:
        self.step = max(LOWEST, min(HIGHEST, step))
        self.settings.setValue(KEY, self.step)
        self.apply()
        return self.step

    def text_points(self) -> float:
        return TEXT_PT + self.step + (MEETING_TEXT if self.meeting else 0)

    def apply(self) -> None:
        detail = self.view.detail
        font = detail.text.font()
        font.setPointSizeF(self.text_points())
        detail.text.setFont(font)
        tree_font = self.view.tree.font()
        tree_font.setPointSizeF(TREE_PT + self.step + (MEETING_TREE if self.meeting else 0))
        self.view.tree.setFont(tree_font)
        detail.set_note_points(NOTE_PT + self.step + (MEETING_NOTE if self.meeting else 0))
