"""Tags on clauses: any Unicode name, unique regardless of case, with a colour and an optional parent."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from db.errors import LibraryError
from db.history import change, now
from db.work_records import Tag

# Distinct on screen and in print; assigned in turn to new tags.
PALETTE = (
    "#c0392b",
    "#2e86c1",
    "#239b56",
    "#d68910",
    "#7d3c98",
    "#17a589",
    "#a04000",
    "#566573",
    "#cb4335",
    "#1f618d",
)


class TagNotFoundError(LibraryError):
    pass


class TagExistsError(LibraryError):
    pass


def tag_key(name: str) -> str:
    """The identity of a tag name: 算力, ' 算力 ' and full-width/case variants are one tag.

    Control characters do not count, as clean_name() drops them from the stored name: else
    "算\t力" would miss the stored "算力" and then collide with it on the UNIQUE key."""
    visible = "".join(ch for ch in name if unicodedata.category(ch) != "Cc")
    return unicodedata.normalize("NFKC", visible).strip().casefold()


def clean_name(name: str) -> str:
    name = "".join(
        ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch) != "Cc"
    ).strip()
    if not name:
        raise LibraryError("标签名称不能为空。")
    return name


def _tag(row) -> Tag:
    return Tag(row[0], row[1], row[2], row[3], row[4] if len(row) > 4 else 0)


_SELECT = (
    "SELECT t.id, t.name, t.color, t.parent_id, "
    "(SELECT count(*) FROM clause_tags ct WHERE ct.tag_id = t.id AND ct.clause_id IS NOT NULL) FROM tags t"
)


def find_tag(lib, name: str) -> Tag | None:
    row = lib.conn.execute(_SELECT + " WHERE t.name_key = ?", (tag_key(name),)).fetchone()
    return _tag(row) if row else None


def get_tag(lib, tag_id: int) -> Tag:
    row = lib.conn.execute(_SELECT + " WHERE t.id = ?", (tag_id,)).fetchone()
    if row is None:
        raise TagNotFoundError(f"没有编号为 {tag_id} 的标签。")
    return _tag(row)


def list_tags(lib) -> list[Tag]:
    """Every tag with the number of clauses it is on, most used first, then by name."""
    rows = lib.conn.execute(_SELECT + " ORDER BY 5 DESC, t.name").fetchall()
    return [_tag(r) for r in rows]


def _next_color(lib) -> str:
    count = lib.conn.execute("SELECT count(*) FROM tags").fetchone()[0]
    return PALETTE[count % len(PALETTE)]


def _create(ch, lib, name: str, color: str | None, parent_id: int | None) -> int:
    name = clean_name(name)
    return ch.insert(
        "tags",
        {
            "name": name,
            "name_key": tag_key(name),
            "color": color or _next_color(lib),
            "parent_id": parent_id,
            "created_at": now(),
        },
    )


def create_tag(lib, name: str, color: str | None = None, parent_id: int | None = None) -> Tag:
    if find_tag(lib, name):
        raise TagExistsError(f"标签“{name.strip()}”已存在。")
    with change(lib, f"新建标签“{name.strip()}”") as ch:
        tag_id = _create(ch, lib, name, color, parent_id)
    return get_tag(lib, tag_id)


def _ensure(ch, lib, name: str) -> int:
    existing = find_tag(lib, name)
    return existing.id if existing else _create(ch, lib, name, None, None)


def _anchor(lib, clause_id: int) -> dict:
    row = lib.conn.execute(
        "SELECT document_id, path, text FROM clauses WHERE id = ?", (clause_id,)
    ).fetchone()
    if row is None:
        raise LibraryError(f"没有编号为 {clause_id} 的条文。")
    return {"anchor_document_id": row[0], "anchor_path": row[1], "anchor_text": row[2]}


def tag_clauses(lib, clause_ids: Iterable[int], names: Iterable[str]) -> int:
    """Put each tag on each clause, creating tags as needed; returns how many links were added."""
    clause_ids, names = list(dict.fromkeys(clause_ids)), [n for n in names if n.strip()]
    if not clause_ids or not names:
        return 0
    added = 0
    label = f"添加标签“{'、'.join(n.strip() for n in names)}”"
    with change(lib, label) as ch:
        for name in names:
            tag_id = _ensure(ch, lib, name)
            for clause_id in clause_ids:
                anchor = _anchor(lib, clause_id)
                exists = lib.conn.execute(
                    "SELECT 1 FROM clause_tags WHERE clause_id = ? AND tag_id = ?", (clause_id, tag_id)
                ).fetchone()
                if not exists:
                    ch.insert(
                        "clause_tags",
                        {"clause_id": clause_id, "tag_id": tag_id, "created_at": now(), **anchor},
                    )
                    added += 1
    return added


def untag_clauses(lib, clause_ids: Iterable[int], names: Iterable[str]) -> int:
    """Take the tags off the clauses; returns how many links were removed. Tags themselves stay."""
    removed = 0
    with change(lib, f"移除标签“{'、'.join(n.strip() for n in names)}”") as ch:
        for name in names:
            tag = find_tag(lib, name)
            if tag is None:
                continue
            for clause_id in clause_ids:
                for (link_id,) in lib.conn.execute(
                    "SELECT id FROM clause_tags WHERE clause_id = ? AND tag_id = ?", (clause_id, tag.id)
                ).fetchall():
                    ch.delete("clause_tags", link_id)
                    removed += 1
    return removed


def tags_of_clause(lib, clause_id: int) -> list[Tag]:
    rows = lib.conn.execute(
        _SELECT + " JOIN clause_tags l ON l.tag_id = t.id WHERE l.clause_id = ? ORDER BY l.id", (clause_id,)
    ).fetchall()
    return [_tag(r) for r in rows]


def tags_of_clauses(lib, clause_ids: Iterable[int]) -> dict[int, list[Tag]]:
    """Tags of many clauses at once (a document view paints all of them)."""
    ids = list(clause_ids)
    out: dict[int, list[Tag]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = lib.conn.execute(
            f"SELECT l.clause_id, t.id, t.name, t.color, t.parent_id FROM clause_tags l "
            f"JOIN tags t ON t.id = l.tag_id WHERE l.clause_id IN ({marks}) ORDER BY l.id",
            chunk,
        ).fetchall()
        for clause_id, *tag in rows:
            out[clause_id].append(Tag(*tag))
    return out


def rename_tag(lib, tag_id: int, new_name: str) -> Tag:
    tag = get_tag(lib, tag_id)
    new_name = clean_name(new_name)
    clash = find_tag(lib, new_name)
    if clash and clash.id != tag_id:
        raise TagExistsError(f"标签“{new_name}”已存在；如要合并两个标签，请使用“合并”。")
    with change(lib, f"重命名标签“{tag.name}”") as ch:
        ch.update("tags", tag_id, {"name": new_name, "name_key": tag_key(new_name)})
    return get_tag(lib, tag_id)


def set_tag_color(lib, tag_id: int, color: str) -> None:
    with change(lib, "修改标签颜色") as ch:
        ch.update("tags", get_tag(lib, tag_id).id, {"color": color})


def set_tag_parent(lib, tag_id: int, parent_id: int | None) -> None:
    if parent_id == tag_id:
        raise LibraryError("标签不能作为自己的上级。")
    with change(lib, "修改标签分组") as ch:
        ch.update("tags", get_tag(lib, tag_id).id, {"parent_id": parent_id})


def merge_tags(lib, source_id: int, target_id: int) -> int:
    """Move every clause of `source` to `target`, then delete `source`; returns clauses moved."""
    source, target = get_tag(lib, source_id), get_tag(lib, target_id)
    if source.id == target.id:
        return 0
    moved = 0
    with change(lib, f"合并标签“{source.name}”到“{target.name}”") as ch:
        links = lib.conn.execute(
            "SELECT id, clause_id FROM clause_tags WHERE tag_id = ?", (source.id,)
        ).fetchall()
        for link_id, clause_id in links:
            dup = (
                clause_id is not None
                and lib.conn.execute(
                    "SELECT 1 FROM clause_tags WHERE clause_id = ? AND tag_id = ?", (clause_id, target.id)
                ).fetchone()
            )
            if dup:
                ch.delete("clause_tags", link_id)
            else:
                ch.update("clause_tags", link_id, {"tag_id": target.id})
                moved += 1
        _delete_tag_row(ch, lib, source.id)
    return moved


def _delete_tag_row(ch, lib, tag_id: int) -> None:
    for (child,) in lib.conn.execute("SELECT id FROM tags WHERE parent_id = ?", (tag_id,)).fetchall():
        ch.update("tags", child, {"parent_id": None})
    for (section,) in lib.conn.execute(
        "SELECT id FROM brief_sections WHERE tag_id = ?", (tag_id,)
    ).fetchall():
        ch.update("brief_sections", section, {"tag_id": None})
    ch.delete("tags", tag_id)


def delete_tag(lib, tag_id: int) -> int:
    """Delete a tag (undoable); returns the number of clauses that carried it."""
    tag = get_tag(lib, tag_id)
    with change(lib, f"删除标签“{tag.name}”") as ch:
        for (link_id,) in lib.conn.execute(
            "SELECT id FROM clause_tags WHERE tag_id = ?", (tag_id,)
        ).fetchall():
            ch.delete("clause_tags", link_id)
        _delete_tag_row(ch, lib, tag_id)
    return tag.clause_count


def most_used_tags(lib, limit: int = 9) -> list[Tag]:
    """The tags behind the number keys 1–9, most used first."""
    return list_tags(lib)[:limit]


def clauses_with_tag(lib, tag_id: int) -> list[tuple[int, int, str, str, str]]:
    """(clause id, document id, document title, path, clause text) of every clause carrying the tag,
    newest documents first, then in document order."""
    rows = lib.conn.execute(
        "SELECT c.id, c.document_id, d.title, c.path, c.text FROM clause_tags l "
        "JOIN clauses c ON c.id = l.clause_id JOIN documents d ON d.id = c.document_id "
        "WHERE l.tag_id = ? ORDER BY d.issued_date DESC, d.id, c.position",
        (tag_id,),
    ).fetchall()
    return [tuple(r) for r in rows]
