"""Issue 13: notes that were shown as saved vanished once a second connection or another process
touched the library. The cause: a plain open() of the library file (db/library.py read its
header that way) closes a descriptor, and closing *any* descriptor of a file drops every POSIX
lock this process holds on it. Another process then thought it was the last user, checkpointed
and deleted the -wal that this process kept writing into.

These tests run real processes against a real file and count what is on disk afterwards.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from db import open_library
from db.backup import backup_library
from db.file_guard import LibraryFileInUseError, is_open_library
from db.notes import add_note
from tests.robustness.conftest import make_small_library, notes_on_disk
from tests.robustness.isolated import REPO

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX locks and SIGKILL")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], capture_output=True, text=True, cwd=REPO, timeout=120
    )


def first_clause(lib) -> int:
    return lib.conn.execute("SELECT id FROM clauses ORDER BY id LIMIT 1").fetchone()[0]


def test_the_issue_script_keeps_every_note(tmp_path):
    """The reproduction from issue 13, as it was filed: 3 notes expected from the app, 1 from the CLI."""
    path = make_small_library(tmp_path / "lib.db")
    before = len(notes_on_disk(path))
    lib = open_library(path)
    clause = first_clause(lib)
    add_note(lib, clause, "app note 1")
    open_library(path).close()  # what a background worker does
    assert cli("docs", "--library", str(path), "--json").returncode == 0
    assert (tmp_path / "lib.db-wal").exists(), "the other process deleted the WAL this one writes into"
    add_note(lib, clause, "app note 2")
    assert cli("note", str(clause), "cli note", "--library", str(path)).returncode == 0
    add_note(lib, clause, "app note 3")
    lib.close()
    assert len(notes_on_disk(path)) - before == 4


KEEPER = textwrap.dedent(
    """
    import sys
    from db import open_library
    from db.notes import add_note
    lib = open_library(sys.argv[1])
    clause = lib.conn.execute("SELECT id FROM clauses ORDER BY id LIMIT 1").fetchone()[0]
    for line in sys.stdin:
        command = line.strip()
        if command == "worker":  # a worker thread's connection, opened and closed
            open_library(sys.argv[1]).close()
        elif command.startswith("note "):
            add_note(lib, clause, command[5:])
        print("ok", flush=True)  # acknowledged only after the write returned
    """
)


def start_keeper(path: Path) -> tuple[subprocess.Popen, Callable[[str], None]]:
    """The KEEPER child on `path`, and a function that sends it a command and waits for its ok."""
    app = subprocess.Popen(
        [sys.executable, "-c", KEEPER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert app.stdin and app.stdout
    stdin, stdout = app.stdin, app.stdout

    def ask(command: str) -> None:
        stdin.write(command + "\n")
        stdin.flush()
        assert stdout.readline().strip() == "ok"

    return app, ask


@pytest.mark.parametrize("ending", ["close", "sigkill"])
def test_a_process_that_keeps_the_library_open_loses_no_acknowledged_write(tmp_path, ending):
    """The desktop's shape without Qt: one long-lived connection plus worker connections, while
    the CLI reads, tags and annotates; then the app closes, or is SIGKILLed."""
    path = make_small_library(tmp_path / "lib.db")
    app, ask = start_keeper(path)

    with open_library(path) as lib:
        clause = first_clause(lib)
    ask("note 会前1")
    ask("worker")
    assert cli("docs", "--library", str(path)).returncode == 0
    assert cli("tag", str(clause), "会议", "--library", str(path)).returncode == 0
    ask("note 会前2")
    assert cli("note", str(clause), "命令行批注", "--library", str(path)).returncode == 0
    ask("worker")
    ask("note 会前3")
    if ending == "close":
        app.stdin.close()
        assert app.wait(60) == 0
    else:
        os.kill(app.pid, signal.SIGKILL)
        app.wait()
    on_disk = notes_on_disk(path)
    for text in ("会前1", "会前2", "会前3", "命令行批注"):
        assert on_disk.count(text) == 1, f"{text} lost or duplicated: {on_disk}"


def test_restore_while_another_process_has_the_library_open(tmp_path):
    """`policybrief restore` used to rename a file over the library and delete its -wal: the open
    instance then wrote into a deleted file (3 notes saved, 0 on disk)."""
    path = make_small_library(tmp_path / "lib.db")
    saved = tmp_path / "saved.db"
    assert cli("backup", str(saved), "--library", str(path)).returncode == 0
    app, ask = start_keeper(path)

    ask("note 恢复前写的")
    done = cli("restore", str(saved), "--library", str(path))
    assert done.returncode == 0, done.stderr
    for i in range(3):
        ask(f"note 恢复后{i}")
    app.stdin.close()
    assert app.wait(60) == 0
    on_disk = notes_on_disk(path)
    assert [t for t in on_disk if t.startswith("恢复后")] == ["恢复后0", "恢复后1", "恢复后2"]
    assert "恢复前写的" not in on_disk  # the restore did restore
    safety = list(tmp_path.glob("lib.before-restore.*.db"))
    assert len(safety) == 1 and "恢复前写的" in notes_on_disk(safety[0])


def test_restore_into_this_process_open_library_keeps_its_connection_working(tmp_path):
    path = make_small_library(tmp_path / "lib.db")
    with open_library(path) as lib:
        saved = backup_library(lib, tmp_path / "saved.db")
        add_note(lib, first_clause(lib), "之后被恢复掉")
        from db.backup import restore_library

        restore_library(saved, path)
        add_note(lib, first_clause(lib), "恢复后写的")
    on_disk = notes_on_disk(path)
    assert "恢复后写的" in on_disk and "之后被恢复掉" not in on_disk


def test_restore_over_a_damaged_file_keeps_the_damaged_file_aside(tmp_path):
    path = make_small_library(tmp_path / "lib.db")
    saved = tmp_path / "saved.db"
    with open_library(path) as lib:
        backup_library(lib, saved)
    path.write_bytes(b"\0" * 4096)  # no connection is open here: the damage of a bad disk
    assert cli("restore", str(saved), "--library", str(path)).returncode == 0
    assert "第一条批注：会前已保存" in notes_on_disk(path)
    aside = list(tmp_path.glob("lib.damaged.*.db"))
    assert len(aside) == 1 and aside[0].read_bytes() == b"\0" * 4096


def test_restore_refuses_a_newer_library_and_changes_nothing(tmp_path):
    path = make_small_library(tmp_path / "lib.db")
    newer = tmp_path / "newer.db"
    shutil.copyfile(path, newer)
    conn = sqlite3.connect(newer)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('policybrief', 'm999', 'x')"
    )
    conn.commit()
    conn.close()
    done = cli("restore", str(newer), "--library", str(path))
    assert done.returncode == 1 and "更新版本" in done.stderr
    assert not list(tmp_path.glob("lib.before-restore.*"))


@pytest.mark.parametrize(
    "touch",
    [
        pytest.param(lambda p: open(p, "rb").close(), id="open"),
        pytest.param(lambda p: Path(p).read_bytes(), id="read_bytes"),
        pytest.param(lambda p: shutil.copyfile(p, str(p) + ".copy"), id="copyfile"),
        pytest.param(lambda p: Path(str(p) + "-wal").unlink(), id="unlink-wal"),
        pytest.param(lambda p: open(str(p) + "-shm", "rb").close(), id="open-shm"),
        pytest.param(lambda p: os.replace(str(p) + ".other", p), id="replace-over"),
        pytest.param(lambda p: os.link(p, str(p) + ".link"), id="make-hard-link"),
        pytest.param(lambda p: Path(p).with_name("别名.db").read_bytes(), id="via-hard-link"),
    ],
)
def test_this_process_cannot_touch_an_open_library_outside_sqlite(tmp_path, touch):
    path = make_small_library(tmp_path / "lib.db")
    (tmp_path / "lib.db.other").write_bytes(b"x")
    os.link(path, tmp_path / "别名.db")  # the same file under another name
    with open_library(path) as lib:
        add_note(lib, first_clause(lib), "写入中")
        with pytest.raises(LibraryFileInUseError, match="正在使用"):
            touch(path)
        add_note(lib, first_clause(lib), "之后还能写")
    assert not is_open_library(path)
    open(path, "rb").close()  # closed: the file is the user's again
    assert {"写入中", "之后还能写"} <= set(notes_on_disk(path))


def test_a_library_named_like_a_document_is_skipped_by_a_folder_import(tmp_path):
    """A library called notes.txt in the folder being imported: reading it as text would drop the
    locks. It is reported as an error with the reason, and the rest of the folder is imported."""
    folder = tmp_path / "文件夹"
    folder.mkdir()
    path = make_small_library(folder / "资料库.txt")
    shutil.copy(sorted((REPO / "resources" / "demo").glob("*.txt"))[0], folder / "通知.txt")
    from desktop.import_service import import_paths

    with open_library(path) as lib:
        results = {Path(r.path).name: r for r in import_paths(lib, [folder])}
        add_note(lib, first_clause(lib), "导入后写的")
    assert results["资料库.txt"].status == "error" and "正在使用" in results["资料库.txt"].error
    assert results["通知.txt"].status in ("imported", "duplicate")
    assert "导入后写的" in notes_on_disk(path)


def test_only_one_sqlite_library_is_loaded():
    """SQLite shares its locks only among connections of the *same* SQLite library: a second copy
    in the process (pysqlite3, sqlean, a Qt SQL plugin) would drop locks just like open() does."""
    import db  # noqa: F401 — load what the app loads
    import desktop.cli_library  # noqa: F401

    maps = Path("/proc/self/maps")
    if not maps.exists():
        pytest.skip("needs /proc")
    loaded = {line.split()[-1] for line in maps.read_text().splitlines() if "sqlite" in line.lower()}
    libraries = {Path(p).name for p in loaded if "libsqlite3" in p or "sqlean" in p or "pysqlite" in p}
    assert len(libraries) <= 1, f"more than one SQLite library loaded: {sorted(loaded)}"


@pytest.mark.parametrize(
    "command",
    [
        ["backup", "{lib}"],
        ["export-notes", "{lib}"],
        ["import-notes", "{lib}"],
        ["import", "{lib}"],
        ["export", "{lib}", "--clause", "1"],  # a library someone named 简报.docx
        ["restore", "{lib}"],
    ],
    ids=lambda c: c[0],
)
def test_commands_aimed_at_the_library_itself_refuse_and_change_nothing(tmp_path, command):
    """An officer who picks the library file as the target or source of another command gets a
    clear refusal; the library keeps its notes and stays sound."""
    path = make_small_library(tmp_path / ("简报.docx" if command[0] == "export" else "lib.db"))
    before = notes_on_disk(path)
    done = cli(*[part.format(lib=path) for part in command], "--library", str(path))
    assert done.returncode == 1, done.stdout
    said = done.stderr + done.stdout  # import reports per file on stdout, the others on stderr
    assert "Traceback" not in said and said.count("\n") == 1 and "资料库" in said, said
    assert notes_on_disk(path) == before
    with open_library(path) as lib:
        assert lib.conn.execute("SELECT count(*) FROM clauses").fetchone()[0] > 0
