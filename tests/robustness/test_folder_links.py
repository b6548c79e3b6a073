"""Folder import never follows a link out of the chosen folder (issue 14).

`passwd.txt -> /etc/passwd` and a private file under a harmless name were imported. Now each
link that leaves the folder (or leads nowhere) is reported as skipped with the reason, links
that stay inside are read, and nothing from outside reaches the library.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from db import list_documents, open_library
from db.search import search
from desktop.import_service import import_paths
from tests.robustness import hostile
from tests.robustness.isolated import REPO


def _layout(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    folder = tmp_path / "shared" / "incoming"
    expected = hostile.folder_with_escaping_links(folder, tmp_path / "home")
    return folder, expected


def test_the_cli_skips_every_link_out_of_the_folder_and_says_why(tmp_path):
    folder, expected = _layout(tmp_path)
    library = tmp_path / "library.db"
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", "import", str(folder), "--library", str(library), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    results = {Path(r["path"]).name: r for r in json.loads(proc.stdout)}
    assert {name: r["status"] for name, r in results.items()} == expected
    for name, status in expected.items():
        if status == "skipped":
            assert "链接" in results[name]["error"], results[name]
    assert "文件夹之外" in results["passwd.txt"]["error"] and "/etc/passwd" in results["passwd.txt"]["error"]
    assert "不存在" in results["broken.txt"]["error"]
    assert proc.returncode == 0, "a skipped link is reported, not a failure"
    with open_library(library) as lib:
        assert [d.source_name for d in list_documents(lib)] == ["答复.txt"]
        assert search(lib, "私人文件").total == 0 and search(lib, "root").total == 0


def test_progress_counts_the_skipped_links(tmp_path):
    folder, expected = _layout(tmp_path)
    seen: list[tuple[int, int, str]] = []
    with open_library(tmp_path / "p.db") as lib:
        results = import_paths(lib, [folder], on_progress=lambda d, t, r: seen.append((d, t, r.status)))
    assert [(d, t) for d, t, _ in seen] == [(i, len(expected)) for i in range(1, len(expected) + 1)]
    assert sorted(r.status for r in results) == sorted(expected.values())


def test_a_link_given_by_name_is_the_users_choice(tmp_path):
    folder, _ = _layout(tmp_path)
    with open_library(tmp_path / "p.db") as lib:
        [result] = import_paths(lib, [folder / "会议纪要.txt"])
    assert result.status == "imported"
