"""The layer rule, written down so it cannot rot (as napari does).

desktop -> exporters, db, importers; exporters -> db; db -> importers (types only).
No Qt below desktop/, no SQL outside db/, jieba only in db/.
"""

import ast
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
