"""A one-line row of small buttons (tag chips, suggestions) that never widens the window."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLayout, QSizePolicy, QWidget


def clear_layout(layout: QLayout) -> None:
    """Remove every item now: a widget only deleteLater()'d would still paint until the next turn."""
    while layout.count():
        widget = layout.takeAt(0).widget()
        if widget is not None:
            widget.setParent(None)
            widget.deleteLater()


class ChipRow(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # Many tags must not widen the whole window on a small laptop screen: clip instead.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(6)

    def clear(self) -> None:
        clear_layout(self.row)
