"""The document's title, 文号, issuer and date, editable in place (Enter or leaving the field saves)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from desktop.workspace import MISSING_MARK

FIELDS = (("doc_number", "文号"), ("issuer", "发文机关"), ("issued_date", "日期"))
# An empty 文号/发文机关/日期 of an open document reads 待补 in a warning colour, never a silent blank.
_MISSING_STYLE = 'QLineEdit[missing="true"] { border: 1px dashed #b9770e; background: #fef5e7; }'


class MetadataHeader(QWidget):
    edited = Signal(int, str, str)  # noqa: N815 document id, field, new value

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.doc_id: int | None = None
        self.title = QLineEdit()
        self.title.setObjectName("docTitleEdit")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold; border: 0; background: transparent;")
        self.title.setPlaceholderText("标题")
        self.edits = {"title": self.title}
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for name, label in FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(f"{label}{MISSING_MARK}")
            edit.setToolTip(f"{label}未能从文件中读出：{MISSING_MARK}，可在此填写")
            edit.setStyleSheet(_MISSING_STYLE)
            edit.textChanged.connect(lambda _text, edit=edit: self._mark(edit))
            self.edits[name] = edit
            form = QFormLayout()
            form.setContentsMargins(0, 0, 0, 0)
            caption = QLabel(label)
            caption.setObjectName("muted")
            form.addRow(caption, edit)
            row.addLayout(form, 2 if name != "issued_date" else 1)
        for name, edit in self.edits.items():
            edit.editingFinished.connect(lambda name=name: self._finished(name))
        layout = QFormLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addRow(self.title)
        layout.addRow(row)
        self.values: dict[str, str] = {}
        self.set_document(None)

    def set_document(self, doc) -> None:
        self.doc_id = doc.id if doc else None
        self.values = {name: getattr(doc, name) if doc else "" for name in self.edits}
        for name, edit in self.edits.items():
            edit.setText(self.values[name])
            edit.setCursorPosition(0)  # a long title shows its beginning, not its last characters
            edit.setToolTip(self.values[name])
            edit.setEnabled(doc is not None)
            self._mark(edit)
        if doc is None:
            self.title.setPlaceholderText("未打开文件")

    def missing(self) -> list[str]:
        """The fields shown as 待补 (empty on an open document)."""
        return [name for name, _label in FIELDS if self.edits[name].property("missing")]

    def _mark(self, edit: QLineEdit) -> None:
        missing = self.doc_id is not None and edit is not self.title and not edit.text().strip()
        if bool(edit.property("missing")) != missing:
            edit.setProperty("missing", missing)
            edit.style().unpolish(edit)
            edit.style().polish(edit)

    def _finished(self, name: str) -> None:
        value = self.edits[name].text().strip()
        if self.doc_id is not None and value != self.values.get(name):
            self.values[name] = value
            self.edited.emit(self.doc_id, name, value)
