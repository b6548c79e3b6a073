"""Briefs: a saved, ordered selection of clauses in sections, ready to export to Word."""

from __future__ import annotations

from collections.abc import Iterable

from db.errors import LibraryError
from db.history import change, now
from db.tags import _anchor, find_tag
from db.work_records import Brief, BriefItem, BriefSection


class BriefNotFoundError(LibraryError):
    pass


def _brief_row(lib, brief_id: int):
    row = lib.conn.execute(
        "SELECT id, title, subtitle, created_at, updated_at FROM briefs WHERE id = ?", (brief_id,)
    ).fetchone()
    if row is None:
        raise BriefNotFoundError(f"没有编号为 {brief_id} 的简报。")
    return row


def create_brief(lib, title: str, subtitle: str = "") -> Brief:
    title = title.strip() or "未命名简报"
    stamp = now()
    with change(lib, f"新建简报“{title}”") as ch:
        brief_id = ch.insert(
            "briefs", {"title": title, "subtitle": subtitle.strip(), "created_at": stamp, "updated_at": stamp}
        )
    return get_brief(lib, brief_id)


def list_briefs(lib) -> list[Brief]:
    rows = lib.conn.execute(
        "SELECT id, title, subtitle, created_at, updated_at FROM briefs ORDER BY updated_at DESC, id DESC"
    ).fetchall()
    return [Brief(*r) for r in rows]


def _items(lib, section_id: int) -> tuple[BriefItem, ...]:
    rows = lib.conn.execute(
        "SELECT i.id, i.clause_id, i.position, i.note_override, coalesce(c.document_id, i.anchor_document_id), "
        "coalesce(d.title, ''), coalesce(d.doc_number, ''), coalesce(d.issuer, ''), coalesce(d.issued_date, ''), "
        "coalesce(c.path, i.anchor_path, ''), coalesce(c.label, ''), coalesce(c.heading, ''), "
        "coalesce(c.text, i.anchor_text, '') FROM brief_items i "
        "LEFT JOIN clauses c ON c.id = i.clause_id "
        "LEFT JOIN documents d ON d.id = coalesce(c.document_id, i.anchor_document_id) "
        "WHERE i.section_id = ? ORDER BY i.position, i.id",
        (section_id,),
    ).fetchall()
    return tuple(BriefItem(*r) for r in rows)


def get_brief(lib, brief_id: int) -> Brief:
    """A brief with its sections and items in order, each item carrying its clause and source."""
    row = _brief_row(lib, brief_id)
    sections = tuple(
        BriefSection(sid, title, pos, _items(lib, sid))
        for sid, title, pos in lib.conn.execute(
            "SELECT id, title, position FROM brief_sections WHERE brief_id = ? ORDER BY position, id",
            (brief_id,),
        ).fetchall()
    )
    return Brief(*row, sections=sections)


def _touch(ch, brief_id: int) -> None:
    ch.update("briefs", brief_id, {"updated_at": now()})


def _next_position(lib, table: str, column: str, owner: int) -> int:
    row = lib.conn.execute(
        f"SELECT coalesce(max(position), -1) + 1 FROM {table} WHERE {column} = ?", (owner,)
    )
    return int(row.fetchone()[0])


def _section(ch, lib, brief_id: int, title: str, tag_id: int | None = None) -> int:
    title = title.strip() or "未分组"
    row = lib.conn.execute(
        "SELECT id FROM brief_sections WHERE brief_id = ? AND title = ?", (brief_id, title)
    ).fetchone()
    if row:
        return row[0]
    position = _next_position(lib, "brief_sections", "brief_id", brief_id)
    return ch.insert(
        "brief_sections", {"brief_id": brief_id, "title": title, "position": position, "tag_id": tag_id}
    )


def _add_item(ch, lib, section_id: int, clause_id: int) -> int:
    exists = lib.conn.execute(
        "SELECT id FROM brief_items WHERE section_id = ? AND clause_id = ?", (section_id, clause_id)
    ).fetchone()
    if exists:
        return exists[0]
    position = _next_position(lib, "brief_items", "section_id", section_id)
    return ch.insert(
        "brief_items",
        {"section_id": section_id, "clause_id": clause_id, "position": position, **_anchor(lib, clause_id)},
    )


def add_to_brief(lib, brief_id: int, clause_ids: Iterable[int], section: str = "") -> int:
    """Append clauses to a section (created if new); returns the section id. Duplicates are skipped."""
    _brief_row(lib, brief_id)
    with change(lib, "加入简报") as ch:
        section_id = _section(ch, lib, brief_id, section)
        for clause_id in clause_ids:
            _add_item(ch, lib, section_id, clause_id)
        _touch(ch, brief_id)
    return section_id


def brief_from_tags(lib, title: str, tag_names: Iterable[str], subtitle: str = "") -> Brief:
    """A new brief with one section per tag, holding that tag's clauses (newest documents first)."""
    names = [n for n in tag_names if n.strip()]
    tags = [find_tag(lib, n) for n in names]
    missing = [n for n, t in zip(names, tags, strict=True) if t is None]
    if missing:
        raise LibraryError(f"没有这些标签：{'、'.join(missing)}")
    stamp = now()
    with change(lib, f"按标签生成简报“{title}”") as ch:
        brief_id = ch.insert(
            "briefs",
            {
                "title": title.strip() or "未命名简报",
                "subtitle": subtitle,
                "created_at": stamp,
                "updated_at": stamp,
            },
        )
        for tag in tags:
            section_id = _section(ch, lib, brief_id, tag.name, tag.id)
            for (clause_id,) in lib.conn.execute(
                "SELECT c.id FROM clause_tags l JOIN clauses c ON c.id = l.clause_id "
                "JOIN documents d ON d.id = c.document_id WHERE l.tag_id = ? "
                "ORDER BY d.issued_date DESC, d.id, c.position",
                (tag.id,),
            ).fetchall():
                _add_item(ch, lib, section_id, clause_id)
    return get_brief(lib, brief_id)


def _item_brief(lib, item_id: int) -> tuple[int, int]:
    row = lib.conn.execute(
        "SELECT s.brief_id, i.section_id FROM brief_items i JOIN brief_sections s ON s.id = i.section_id "
        "WHERE i.id = ?",
        (item_id,),
    ).fetchone()
    if row is None:
        raise LibraryError(f"简报中没有编号为 {item_id} 的条目。")
    return row[0], row[1]


def _renumber(ch, lib, table: str, column: str, owner: int, order: list[int]) -> None:
    for position, row_id in enumerate(order):
        current = lib.conn.execute(f"SELECT position FROM {table} WHERE id = ?", (row_id,)).fetchone()
        if current and current[0] != position:
            ch.update(table, row_id, {"position": position})


def move_item(lib, item_id: int, section_id: int, position: int) -> None:
    """Move an item to `position` (0-based) in `section_id` (which may be another section of the brief)."""
    brief_id, old_section = _item_brief(lib, item_id)
    target = lib.conn.execute("SELECT brief_id FROM brief_sections WHERE id = ?", (section_id,)).fetchone()
    if target is None or target[0] != brief_id:
        raise LibraryError("只能在同一份简报内移动条目。")
    with change(lib, "调整简报顺序") as ch:
        if old_section != section_id:
            ch.update("brief_items", item_id, {"section_id": section_id})
            rest = [
                r[0]
                for r in lib.conn.execute(
                    "SELECT id FROM brief_items WHERE section_id = ? ORDER BY position, id", (old_section,)
                )
            ]
            _renumber(ch, lib, "brief_items", "section_id", old_section, rest)
        order = [
            r[0]
            for r in lib.conn.execute(
                "SELECT id FROM brief_items WHERE section_id = ? AND id != ? ORDER BY position, id",
                (section_id, item_id),
            )
        ]
        order.insert(max(0, min(position, len(order))), item_id)
        _renumber(ch, lib, "brief_items", "section_id", section_id, order)
        _touch(ch, brief_id)


def move_section(lib, section_id: int, position: int) -> None:
    row = lib.conn.execute("SELECT brief_id FROM brief_sections WHERE id = ?", (section_id,)).fetchone()
    if row is None:
        raise LibraryError(f"没有编号为 {section_id} 的简报分组。")
    with change(lib, "调整分组顺序") as ch:
        order = [
            r[0]
            for r in lib.conn.execute(
                "SELECT id FROM brief_sections WHERE brief_id = ? AND id != ? ORDER BY position, id",
                (row[0], section_id),
            )
        ]
        order.insert(max(0, min(position, len(order))), section_id)
        _renumber(ch, lib, "brief_sections", "brief_id", row[0], order)
        _touch(ch, row[0])


def remove_item(lib, item_id: int) -> None:
    brief_id, _ = _item_brief(lib, item_id)
    with change(lib, "从简报移除条文") as ch:
        ch.delete("brief_items", item_id)
        _touch(ch, brief_id)


def set_note_override(lib, item_id: int, text: str | None) -> None:
    """Text to print under this clause in the brief instead of its notes (None: use the notes)."""
    brief_id, _ = _item_brief(lib, item_id)
    with change(lib, "修改简报批注", coalesce_key=f"override:{item_id}") as ch:
        ch.update("brief_items", item_id, {"note_override": text})
        _touch(ch, brief_id)


def rename_section(lib, section_id: int, title: str) -> None:
    with change(lib, "重命名简报分组") as ch:
        ch.update("brief_sections", section_id, {"title": title.strip() or "未分组"})


def rename_brief(lib, brief_id: int, title: str, subtitle: str | None = None) -> None:
    _brief_row(lib, brief_id)
    values = {"title": title.strip() or "未命名简报", "updated_at": now()}
    if subtitle is not None:
        values["subtitle"] = subtitle.strip()
    with change(lib, "重命名简报") as ch:
        ch.update("briefs", brief_id, values)


def delete_brief(lib, brief_id: int) -> None:
    """Delete a brief with its sections and items (undoable)."""
    brief = get_brief(lib, brief_id)
    with change(lib, f"删除简报“{brief.title}”") as ch:
        for section in brief.sections:
            for item in section.items:
                ch.delete("brief_items", item.id)
            ch.delete("brief_sections", section.id)
        ch.delete("briefs", brief_id)
