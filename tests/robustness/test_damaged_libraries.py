"""Damage (issue 14, item 6): a library that fails quick_check, a damaged copy in the backup
rotation, a damaged search index. Real damage, made by overwriting pages and index blocks of a
closed file (tests/robustness/crafted.py), never a mock."""

from __future__ import annotations

import json

import pytest

from db import open_library, search
from db.backup import KEEP, auto_backup, backup_folder, wait_for_checks
from db.notes import list_notes
from tests.robustness.conftest import make_small_library
from tests.robustness.crafted import damage_pages, damage_search_index, digest
from tests.robustness.isolated import run_cli


def _one_line(outcome, *words: str) -> str:
    assert outcome.returncode == 1, (outcome.returncode, outcome.stdout, outcome.stderr)
    assert "Traceback" not in outcome.stderr
    (line,) = outcome.error_lines
    assert line.startswith("policybrief: ") and all(w in line for w in words), line
    return line


def _checked_yesterday(path) -> None:
    """Today's first open: the stamp of the last good check is from an earlier day."""
    stamp = path.with_name(path.name + "-checked")
    if stamp.exists():
        day, identity = stamp.read_text(encoding="utf-8").split()
        stamp.write_text(f"2000-01-01 {identity}\n", encoding="utf-8")


def test_a_damaged_library_is_refused_unchanged_with_the_last_good_backup_and_restores(tmp_path):
    path = make_small_library(tmp_path / "library.db")
    with open_library(path) as lib:
        good = auto_backup(lib, "daily")
    damage_pages(path, "clauses")
    _checked_yesterday(path)
    damaged = digest(path)

    line = _one_line(run_cli("notes", "--library", str(path)), "已损坏", "没有打开也没有写入", str(good))
    command = line.split("policybrief restore ", 1)[1].split("（", 1)[0]
    assert command == f'"{good}" --library "{path}"'
    assert digest(path) == damaged
    _one_line(run_cli("note", "1", "损坏时的批注", "--library", str(path)), "已损坏")
    assert digest(path) == damaged

    # The restore the message names: the damaged file is kept aside, byte for byte.
    restored = run_cli("restore", str(good), "--library", str(path))
    assert restored.returncode == 0, restored.stderr
    (aside,) = tmp_path.glob("library.damaged.*.db")
    assert digest(aside) == damaged
    with open_library(path) as lib:
        assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [n.text for n in list_notes(lib)] == ["第一条批注：会前已保存"]


def test_damage_appearing_after_todays_check_is_one_line_when_met(tmp_path):
    path = make_small_library(tmp_path / "library.db")
    with open_library(path) as lib:
        auto_backup(lib, "daily")
    damage_pages(path, "notes")  # after today's check: the open does not notice
    damaged = digest(path)
    _one_line(run_cli("notes", "--library", str(path)), "已损坏", "policybrief restore")
    assert digest(path) == damaged


def test_without_a_good_backup_the_message_says_so(tmp_path):
    path = make_small_library(tmp_path / "library.db")
    damage_pages(path, "notes")
    _checked_yesterday(path)
    _one_line(run_cli("docs", "--library", str(path)), "已损坏", "没有找到完好的备份")


@pytest.mark.parametrize("wait", [True, False], ids=["checked before", "checked while importing"])
def test_a_damaged_copy_never_rotates_a_good_backup_out(tmp_path, wait):
    path = make_small_library(tmp_path / "library.db")
    with open_library(path) as lib:
        for _ in range(KEEP):
            auto_backup(lib, "import")
    kept = {p.name: digest(p) for p in backup_folder(lib).glob("*.auto.db")}
    assert len(kept) == KEEP
    damage_pages(path, "clauses")  # damaged after today's check: open does not notice
    warnings: list[str] = []
    with open_library(path) as lib:
        for _ in range(3):
            made = auto_backup(lib, "import", warn=warnings.append, wait=wait)
            assert made is None if wait else made is not None
            wait_for_checks()
            assert not made or not made.exists()
    assert len(warnings) == 3 and all("已损坏" in w for w in warnings), warnings
    assert {p.name: digest(p) for p in backup_folder(lib).glob("*.auto.db")} == kept
    assert not [p for p in backup_folder(lib).iterdir() if ".part" in p.name]


def test_restore_refuses_a_damaged_backup(tmp_path):
    path = make_small_library(tmp_path / "library.db")
    (tmp_path / "old").mkdir()
    bad = damage_pages(make_small_library(tmp_path / "old" / "backup.db"), "notes")
    before = digest(path)
    _one_line(run_cli("restore", str(bad), "--library", str(path)), "已损坏", "当前资料库没有改动")
    assert digest(path) == before


def test_a_damaged_search_index_offers_rebuild_index_which_repairs_it(tmp_path):
    path = make_small_library(tmp_path / "library.db")
    with open_library(path) as lib:
        total = search(lib, "数字").total
        notes = [n.text for n in list_notes(lib)]
    assert total > 0
    damage_search_index(path)
    line = _one_line(run_cli("search", "数字", "--library", str(path)), "搜索索引已损坏", "rebuild-index")
    assert "不受影响" in line
    rebuilt = run_cli("rebuild-index", "--json", "--library", str(path))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert json.loads(rebuilt.stdout)["indexed_clauses"] > 0
    found = run_cli("search", "数字", "--json", "--limit", "1000", "--library", str(path))
    assert found.returncode == 0 and len(json.loads(found.stdout)) == total
    with open_library(path) as lib:
        assert [n.text for n in list_notes(lib)] == notes


# --- the window ------------------------------------------------------------------------------------


@pytest.fixture
def window(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from desktop.main_window import MainWindow

    made = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(made)
    made.show()
    yield made
    made.search_runner.wait()
    made.close()


def test_the_window_offers_the_last_good_backup_for_a_damaged_library(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    path = make_small_library(tmp_path / "library.db")
    with open_library(path) as lib:
        good = auto_backup(lib, "daily")
    damage_pages(path, "clauses")
    _checked_yesterday(path)
    offered = []

    def click_restore(box):
        offered.append(box.text())

    monkeypatch.setattr(QMessageBox, "exec", click_restore)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box.defaultButton())
    assert not window.open_library(path)
    assert offered and "已损坏" in offered[0] and str(good) in offered[0]
    qtbot.waitUntil(lambda: window.workspace.lib is not None, timeout=10000)
    assert [n.text for n in list_notes(window.workspace.lib)] == ["第一条批注：会前已保存"]
    assert list(tmp_path.glob("library.damaged.*.db"))


def test_the_window_offers_to_rebuild_a_damaged_search_index(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    path = make_small_library(tmp_path / "library.db")
    with open_library(path) as lib:
        total = search(lib, "数字", limit=50).total
    damage_search_index(path)
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes
    )
    assert window.open_library(path)
    window.search_box.setText("数字")
    window.run_search()
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    assert "搜索索引已损坏" in asked[0]
    qtbot.waitUntil(lambda: window.search_panel.model.rowCount() == min(total, 50), timeout=20000)
    assert not window.library.rebuilding_index
