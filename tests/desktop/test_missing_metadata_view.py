"""Issue 15: the reading pane marks a missing 文号, issuer or date as 待补; the library panel can show only the
documents whose metadata is incomplete."""

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from db import add_document, open_library
from desktop.models.documents_model import DOC_ID_ROLE
from importers import import_file

DOCS = Path(__file__).resolve().parents[1] / "corpus" / "real" / "docs"


@pytest.fixture
def two_docs(tmp_path) -> Path:
    path = tmp_path / "lib.db"
    lib = open_library(path)
    for doc_id in ("026", "001"):  # a 国务院 意见 with 文号/落款; a regulation with none of the three
        target = tmp_path / f"{doc_id}.txt"
        shutil.copyfile(DOCS / f"{doc_id}.txt", target)
        add_document(lib, import_file(target))
    lib.close()
    return path


def test_reading_pane_and_library_panel_show_and_filter_missing_metadata(
    qtbot, make_window, two_docs
) -> None:
    window = make_window(two_docs)
    panel = window.library_panel
    assert panel.proxy.rowCount() == 2
    qtbot.mouseClick(panel.incomplete, Qt.MouseButton.LeftButton)
    assert panel.incomplete.isChecked() and panel.proxy.rowCount() == 1
    bare = panel.proxy.index(0, 0).data()
    assert bare == "中华人民共和国邮政法实施细则"
    panel.select_document(panel.proxy.index(0, 0).data(DOC_ID_ROLE))
    header = window.document_view.header
    assert header.missing() == ["doc_number", "issuer", "issued_date"]
    assert header.edits["doc_number"].placeholderText() == "文号待补"
    header.edits["issued_date"].setText("1990-11-12")
    header.edits["issued_date"].editingFinished.emit()
    assert header.missing() == ["doc_number", "issuer"]
    panel.incomplete.setChecked(False)
    assert panel.proxy.rowCount() == 2
