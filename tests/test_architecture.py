"""The layer rule, written down so it cannot rot (as napari does).

desktop -> exporters, db, importers; exporters -> db; db -> importers (types only).
No Qt below desktop/, no SQL outside db/, jieba only in db/.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ("importers", "db", "exporters", "resources")

# package -> top-level modules it must never import
FORBIDDEN = {
    "importers": {"PySide6", "sqlite3", "sqlite_utils", "jieba", "db", "exporters", "desktop"},
    "db": {"PySide6", "exporters", "desktop"},
    "exporters": {"PySide6", "sqlite3", "sqlite_utils", "desktop", "importers"},
    "resources": {"PySide6", "sqlite3", "sqlite_utils", "db", "exporters", "desktop", "importers"},
    "desktop": {"sqlite3", "sqlite_utils"},
}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def modules():
    for package in FORBIDDEN:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield package, path


@pytest.mark.parametrize(("package", "path"), list(modules()), ids=lambda v: str(v))
def test_module_respects_layers(package, path):
    bad = imports_of(path) & FORBIDDEN[package]
    assert not bad, (
        f"{path.relative_to(ROOT)} imports {sorted(bad)}, which the layer rule forbids for {package}/"
    )


def test_db_uses_only_the_importers_records():
    for path in (ROOT / "db").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("importers"):
                assert node.module in ("importers.model", "importers.errors"), (
                    f"{path.relative_to(ROOT)} imports {node.module}: db may use importers' records only"
                )


def test_no_sql_strings_outside_db():
    for package in ("desktop", "exporters", "importers"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for keyword in ("SELECT ", "INSERT INTO", "CREATE TABLE", "DELETE FROM"):
                assert keyword not in text, f"SQL ({keyword.strip()}) in {path.relative_to(ROOT)}"


# --- Issue 13: never touch a library file outside SQLite (docs/decisions/006) ----------------
# Plain file access in db/ is allowed only where the file can never be a library, each for a
# stated reason; everything else goes through SQLite. At run time db/file_guard.py refuses any
# such access to an open library anyway; this keeps new plain accesses from creeping in unseen.
FILE_CALLS = {
    "open",
    "read_bytes",
    "read_text",
    "write_bytes",
    "write_text",
    "copyfile",
    "copy",
    "copy2",
    "copytree",
    "move",
    "file_digest",
}
PLAIN_FILE_ACCESS_ALLOWED = {
    ("db/intel/keywords.py", "read_text"): "the packaged policy-term list in resources/",
    ("db/transfer.py", "write_text"): "the notes JSON the officer exports (a new .tmp file)",
    (
        "db/transfer.py",
        "read_bytes",
    ): "the notes JSON the officer imports (checked; the guard refuses a library)",
    ("db/integrity.py", "read_text"): "the library.db-checked stamp of the last good quick_check",
    ("db/integrity.py", "write_text"): "the library.db-checked stamp of the last good quick_check",
}
# sqlite3.connect outside Library: read-only probes and backup targets, never a second writer
# that would escape the guard's registration.
# db/integrity.py: read-only quick_check probes; db/schema.py: the in-memory reference schema.
CONNECT_ALLOWED = {"db/library.py", "db/backup.py", "db/integrity.py", "db/schema.py"}


def _calls(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                yield func.id, node
            elif isinstance(func, ast.Attribute):
                owner = func.value.id if isinstance(func.value, ast.Name) else ""
                yield (
                    (f"{owner}.{func.attr}" if owner in ("sqlite3", "os", "shutil", "io") else func.attr),
                    node,
                )


def test_db_touches_files_only_through_sqlite_or_where_listed():
    found = set()
    for path in sorted((ROOT / "db").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for name, node in _calls(path):
            short = name.split(".")[-1]
            if short in FILE_CALLS or name in ("os.open", "io.open"):
                key = (rel, short)
                assert key in PLAIN_FILE_ACCESS_ALLOWED, (
                    f"{rel}:{node.lineno} calls {name}(): db/ reads and writes library files only through "
                    "SQLite (docs/decisions/006). If this file can never be a library, list it with the reason."
                )
                found.add(key)
            if name == "sqlite3.connect":
                assert rel in CONNECT_ALLOWED, f"{rel}:{node.lineno}: open libraries with db.open_library"
    assert found == set(PLAIN_FILE_ACCESS_ALLOWED), "stale entries in PLAIN_FILE_ACCESS_ALLOWED"


def test_nothing_outside_db_connects_to_sqlite():
    for package in ("desktop", "exporters", "importers"):
        for path in (ROOT / package).rglob("*.py"):
            names = {name for name, _ in _calls(path)}
            assert "sqlite3.connect" not in names and "Database" not in names, path


# --- Tests that cannot flake (issue 19): no wall-clock limits, no sleeping to win a race -------
TIMED_ASSERT = re.compile(r"assert\s+[\w.]*(elapsed|seconds|duration|took|_ms|_s)\b[^\n]*[<>]")
SLEEP = re.compile(r"\bsleep\(")


def test_no_test_asserts_elapsed_time_or_sleeps():
    """Speed belongs in benchmarks/; a test asserts behaviour or waits for an event it observes
    (a line from a child, qtbot.waitUntil, a Condition). Child scripts inside tests count too."""
    offenders = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if path.name == "test_architecture.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if TIMED_ASSERT.search(line) or SLEEP.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


# --- Issue 17: one route from a widget to the library ------------------------------------------
def test_widgets_reach_the_library_only_through_the_workspace():
    """A widget asks the Workspace (desktop/workspace.py); it never imports db nor touches the
    open connection (`workspace.lib`), so reads stay off the GUI thread and writes announce
    what changed."""
    offenders = []
    for path in sorted((ROOT / "desktop" / "widgets").rglob("*.py")):
        rel = path.relative_to(ROOT)
        if "db" in imports_of(path):
            offenders.append(f"{rel} imports db")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "lib":
                offenders.append(f"{rel}:{node.lineno} touches .lib")
    assert not offenders, "\n".join(offenders)
