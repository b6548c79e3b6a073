"""Fixtures for GUI user stories: a real main window on a real library file, offscreen."""

import pytest
from PySide6.QtCore import QSettings

from desktop.main_window import MainWindow


@pytest.fixture
def make_window(qtbot, tmp_path):
    """make_window(library_path) -> a shown MainWindow with the library open (settings in tmp_path)."""
    windows = []

    def make(path):
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        qtbot.addWidget(window)
        window.show()
        assert window.open_library(path)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.search_runner.wait()
        window.close()


@pytest.fixture
def seeded_window(make_window, seeded_library):
    path = seeded_library.path
    seeded_library.close()
    return make_window(path)
