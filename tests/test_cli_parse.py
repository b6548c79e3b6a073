"""`policybrief parse FILE --json`: what a script or an officer at a terminal gets."""

import json

from desktop.cli import main


def test_parse_prints_metadata_and_tree_as_utf8_json(seed, capsys):
    assert main(["parse", str(seed("000")), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["metadata"]["doc_number"] == "厦湖科工函〔2025〕13号"
    top = [c for c in data["clauses"] if c["label"]]
    assert [c["label"] for c in top] == ["一、", "二、", "三、"]
    measures = top[1]["children"][0]
    assert set(measures) >= {"label", "path", "level", "heading", "text", "children"}
    assert measures["path"] == "二/（一）"


def test_parse_json_keeps_chinese_unescaped(tmp_path, capsys):
    f = tmp_path / "方案.txt"
    f.write_text("一、总体要求\n加快发展数字经济。\n", encoding="utf-8")
    assert main(["parse", str(f), "--json"]) == 0
    out = capsys.readouterr().out
    assert "数字经济" in out and "\\u" not in out


def test_parse_without_json_prints_an_outline(tmp_path, capsys):
    f = tmp_path / "方案.txt"
    f.write_text("一、总体要求\n（一）发展思路\n正文。\n", encoding="utf-8")
    assert main(["parse", str(f)]) == 0
    out = capsys.readouterr().out
    assert "一、 总体要求" in out and "  （一） 发展思路" in out


def test_a_bad_file_gives_one_clear_line_and_exit_1(tmp_path, capsys):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    assert main(["parse", str(f)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "空" in err and "Traceback" not in err


def test_missing_and_unsupported_files(tmp_path, capsys):
    assert main(["parse", str(tmp_path / "nope.txt")]) == 1
    (tmp_path / "a.xyz").write_text("x")
    assert main(["parse", str(tmp_path / "a.xyz")]) == 1
    err = capsys.readouterr().err
    assert "找不到文件" in err and "不支持的文件类型" in err


def test_the_installed_entry_point_runs_library_commands_without_a_display(tmp_path):
    """`policybrief docs` must be the CLI, not the GUI (which would need a screen)."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    run = subprocess.run(
        [sys.executable, "-m", "desktop", "docs", "--library", str(tmp_path / "l.db"), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == []
