"""Take the README screenshots of each main view, offscreen, from the demo documents.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py docs/
    QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=1.5 python scripts/screenshots.py /tmp/shots 1920x1080

The README's are taken at 1280×720, a small laptop screen; another size (logical pixels) can be
given to check the layout at it.

Uses a throw-away library and settings, so nothing of the user's is touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(out: Path, size: tuple[int, int] = (1280, 720)) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from db import open_library
    from db.briefs import brief_from_tags
    from db.notes import add_note
    from db.tags import tag_clauses
    from desktop.demo import fill_with_demo
    from desktop.main_window import MainWindow
    from desktop.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    tmp = Path(tempfile.mkdtemp())
    with open_library(tmp / "demo.db") as lib:
        fill_with_demo(lib)
        from db import document_clauses, list_documents

        doc = next(d for d in list_documents(lib) if d.doc_number == "厦湖科工函〔2025〕13号")
        clauses = {c.path: c for c in document_clauses(lib, doc.id)}
        tag_clauses(lib, [clauses["二/（一）/2"].id, clauses["三/（二）"].id], ["算力"])
        tag_clauses(
            lib, [clauses["二/（二）/1"].id, clauses["二/（二）/2"].id, clauses["三/（三）"].id], ["人才"]
        )
        tag_clauses(lib, [clauses["二/（一）/2"].id], ["基础设施"])
        target = clauses["二/（一）/2"]
        start = target.text.index("闽宁双智算中心")
        add_note(
            lib,
            target.id,
            "请区发改局补充智算中心建设进度和算力补贴测算。",
            meeting="11月数字经济专题会",
            span=(start, start + len("闽宁双智算中心")),
        )
        add_note(lib, target.id, "与市里《算力产业若干措施》口径保持一致。")
        brief_from_tags(lib, "数字经济专题简报", ["算力", "人才"], subtitle="11月数字经济专题会")
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    out.mkdir(parents=True, exist_ok=True)
    first = MainWindow(QSettings(str(tmp / "first.ini"), QSettings.Format.IniFormat))
    first.resize(*size)
    first.show()
    first.open_library(tmp / "empty.db")
    app.processEvents()
    first.grab().save(str(out / "screenshot-first-start.png"))
    first.close()
    window = MainWindow(settings)
    window.resize(*size)
    window.show()
    window.open_library(tmp / "demo.db")
    app.processEvents()
    window.library_panel.select_document(doc.id)
    window.document_view.select_clause(target.id)
    app.processEvents()
    out.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out / "screenshot-reading.png"))

    window.search_box.setText("算力")
    window.search_panel.timer.stop()
    window.run_search()
    window.search_runner.wait(5000)
    app.processEvents()
    hit = window.search_panel.model.hits[0]
    window.open_hit(hit, window.search_panel.words)
    window.left.setCurrentWidget(window.search_panel)
    app.processEvents()
    window.grab().save(str(out / "screenshot-search.png"))

    window.center.setCurrentWidget(window.brief_builder)
    app.processEvents()
    window.grab().save(str(out / "screenshot-brief.png"))

    window.center.setCurrentWidget(window.reading)
    talent = next(c for c in clauses.values() if "群鹭兴厦" in c.text)
    window.document_view.select_clause(talent.id)
    detail = window.document_view.detail
    detail.tabs.setCurrentWidget(detail.similar)
    window.workspace.similar.wait()  # insights are computed off the GUI thread
    app.processEvents()
    window.grab().save(str(out / "screenshot-similar.png"))
    detail.tabs.setCurrentIndex(0)

    window.act_meeting.trigger()
    window.meeting_name.setText("11月数字经济专题会")
    window.document_view.select_clause(target.id)
    app.processEvents()
    window.grab().save(str(out / "screenshot-meeting.png"))
    window.close()


if __name__ == "__main__":
    wanted = sys.argv[2] if len(sys.argv) > 2 else "1280x720"
    width, height = (int(n) for n in wanted.lower().split("x"))
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs"), (width, height))
