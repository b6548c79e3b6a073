"""Drop-down lists of thousands of documents that fill at once: one item model built in one go
(shared by several combo boxes), and boxes that do not measure every entry to size themselves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox

VALUE_ROLE = Qt.ItemDataRole.UserRole


def choices_model(
    items: list[tuple[object, str]], first: str | None = None, parent=None
) -> QStandardItemModel:
    """(value, text) pairs; `first` an entry meaning "all" (value None)."""
    model = QStandardItemModel(parent)
    for value, text in ([(None, first)] if first is not None else []) + list(items):
        item = QStandardItem(text)
        item.setData(value, VALUE_ROLE)
        item.setToolTip(text)
        model.appendRow(item)
    return model


def sized_by_text(combo: QComboBox, characters: int = 24) -> QComboBox:
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    return combo


def set_choices(combo: QComboBox, model: QStandardItemModel) -> None:
    """Show `model`, keeping the current choice when it is still there; no change signal."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.setModel(model)  # QComboBox deletes the previous model when it was its child
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)
