"""Issue 17: the reading view on a 1280×720 laptop screen (what scripts/screenshots.py shows)."""

from PySide6.QtWidgets import QListView

from tests.desktop.test_more_stories import open_clause


def test_the_clause_text_gets_the_height_at_720p(qtbot, seeded_window):
    window = seeded_window
    window.resize(1280, 720)
    open_clause(window)
    qtbot.waitUntil(lambda: window.document_view.detail.text.viewport().height() > 0)
    text = window.document_view.detail.text
    lines = text.viewport().height() / text.fontMetrics().lineSpacing()
    assert lines >= 8, f"only {lines:.1f} lines of the clause are visible"


def test_a_long_title_shows_its_beginning(qtbot, seeded_window):
    window = seeded_window
    title = window.document_view.header.title
    assert title.text() and title.cursorPosition() == 0
    assert title.toolTip() == title.text()


def test_many_chips_wrap_instead_of_being_clipped(qtbot, seeded_window):
    window = seeded_window
    window.resize(1280, 720)
    _, clause = open_clause(window)
    window.workspace.tag([clause.id], [f"很长的标签名称{i}" for i in range(12)])
    chips = window.document_view.detail.chips
    buttons = [chips.row.itemAt(i).widget() for i in range(chips.row.count())]
    # laid out on the next turn of the event loop, over several lines
    qtbot.waitUntil(lambda: all(b.geometry().right() <= chips.width() for b in buttons))
    assert all(b.width() >= b.sizeHint().width() for b in buttons), "a chip's text is cut"
    assert len({b.y() for b in buttons}) > 1


def test_document_rows_are_measured_again_when_the_panel_is_resized(qtbot, seeded_window):
    assert seeded_window.library_panel.view.resizeMode() == QListView.ResizeMode.Adjust
