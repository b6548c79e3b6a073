"""ExportOptions: what the officer chose for one briefing pack, in one named shape.

The CLI (desktop/cli_export.py) and the export dialog build it; exporters.assemble turns it
into a Brief. None means "take the saved brief's value" (title, subtitle) or today (date).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from exporters.brief import Imprint, Masthead

# 报/送/发 in the order a 版记 prints them.
RECIPIENT_LABELS = ("报", "送", "发")


@dataclass(frozen=True)
class ExportOptions:
    include_notes: bool = True
    table: bool = False  # 要点对照表 appendix
    appendix: bool = True  # 来源文件一览 appendix
    title: str | None = None
    subtitle: str | None = None
    prepared_by: str = ""  # 编印单位; also the file's author
    classification: str = ""
    date: str | None = None
    editor_note: str = ""  # 编者按
    bulletin: str = ""  # 报头 name (e.g. 科技工作简报); empty: a cover instead of a 报头
    bulletin_issue: str = ""  # 期号, e.g. 第3期
    imprint: bool = False  # print a 版记 at the end
    printed_by: str = ""  # 印发机关 (default: prepared_by)
    report_to: str = ""  # 报：
    send_to: str = ""  # 送：
    distribute_to: str = ""  # 发：
    single: bool = False  # clauses only: no cover, 目录 or appendix

    @classmethod
    def of(cls, base: ExportOptions | None = None, **changes) -> ExportOptions:
        """`base` (or the defaults) with `changes`; unknown names raise TypeError."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise TypeError(f"unknown export options: {', '.join(unknown)}")
        return replace(base or cls(), **changes)

    def masthead(self, date: str) -> Masthead | None:
        name = self.bulletin.strip()
        if not name:
            return None
        return Masthead(name, self.bulletin_issue.strip(), self.prepared_by.strip(), date)

    def imprint_block(self, date: str) -> Imprint | None:
        unit = (self.printed_by or self.prepared_by).strip()
        if not self.imprint and not self.printed_by.strip():
            return None
        to = (self.report_to, self.send_to, self.distribute_to)
        recipients = tuple(
            (label, text.strip()) for label, text in zip(RECIPIENT_LABELS, to, strict=True) if text.strip()
        )
        return Imprint(unit, date, recipients)
