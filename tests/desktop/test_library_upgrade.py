"""Opening a library made by an older build: the upgrade runs off the GUI thread, then the
library opens as usual, searchable, with a backup of the old file beside it."""

from db import pending_migrations
from tests.db.helpers import make_library_before_m004
from tests.desktop.test_user_stories import type_text


def test_an_old_library_is_upgraded_in_the_background_then_opens(qtbot, make_window, tmp_path):
    path = tmp_path / "old.db"
    make_library_before_m004(path, ["推进算力基础设施建设。", "完善人才政策。", "算力券补贴。"])
    window = make_window(path)  # returns at once: the upgrade runs on a worker thread
    assert window.upgrading and window.workspace.lib is None
    assert "正在升级资料库" in window.statusBar().currentMessage()
    assert window.reading.currentWidget() is window.loading  # says what is happening, not "empty"
    assert "正在升级" in window.loading.label.text()
    assert not window.welcome.isVisibleTo(window)
    assert not window.open_library(path)  # a second open waits for the first
    qtbot.waitUntil(lambda: window.workspace.lib is not None, timeout=20000)
    assert not window.upgrading and pending_migrations(path) == []
    assert window.library_panel.model.rowCount() == 1
    assert window.reading.currentWidget() is window.document_view
    type_text(window.search_box, "算力")
    qtbot.waitUntil(lambda: window.search_panel.model.rowCount() == 2, timeout=5000)
    assert list(tmp_path.glob("old.before-m004_*.db"))
