"""Move an officer's tags, notes and briefs between libraries (another laptop, a colleague).

Each item carries enough context to find its clause again in a library that imported the
same documents: the document's sha256, 文号 and title, the clause path and text. What
cannot be placed is imported as an orphan, never dropped. Importing twice adds nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

from db.backup import auto_backup
from db.errors import LibraryError
from db.history import change, now
from db.tags import _ensure, tag_key

FORMAT = "policybrief-notes"
VERSION = 1


def _anchor_sql(alias: str) -> str:
    return (
        f"coalesce(d.sha256, ''), coalesce(d.doc_number, ''), coalesce(d.title, ''), "
        f"coalesce(c.path, {alias}.anchor_path, ''), coalesce(c.text, {alias}.anchor_text, '')"
    )


def _joins(alias: str) -> str:
    return (
        f" LEFT JOIN clauses c ON c.id = {alias}.clause_id "
        f"LEFT JOIN documents d ON d.id = coalesce(c.document_id, {alias}.anchor_document_id)"
    )


def _anchor(values) -> dict:
    return dict(zip(("sha256", "doc_number", "title", "path", "text"), values, strict=True))


def export_notes(lib, path: str | Path) -> dict:
    """Write every tag, tag link, note and brief to a JSON file; returns the counts."""
    conn = lib.conn
    tags = [
        {"name": n, "color": c, "parent": p or ""}
        for n, c, p in conn.execute(
            "SELECT t.name, t.color, p.name FROM tags t LEFT JOIN tags p ON p.id = t.parent_id ORDER BY t.id"
        )
    ]
    links = [
        {"tag": row[0], "anchor": _anchor(row[1:])}
        for row in conn.execute(
            f"SELECT t.name, {_anchor_sql('l')} FROM clause_tags l JOIN tags t ON t.id = l.tag_id"
            + _joins("l")
            + " ORDER BY l.id"
        )
    ]
    notes = [
        {
            "text": r[0],
            "meeting": r[1],
            "meeting_date": r[2],
            "span": [r[3], r[4]] if r[3] is not None else None,
            "created_at": r[5],
            "updated_at": r[6],
            "anchor": _anchor(r[7:]),
        }
        for r in conn.execute(
            "SELECT n.text, n.meeting, n.meeting_date, n.span_start, n.span_end, n.created_at, n.updated_at, "
            + _anchor_sql("n")
            + " FROM notes n"
            + _joins("n")
            + " ORDER BY n.id"
        )
    ]
    briefs = []
    for brief_id, title, subtitle, created in conn.execute(
        "SELECT id, title, subtitle, created_at FROM briefs"
    ):
        sections = []
        for sid, stitle, tag in conn.execute(
            "SELECT s.id, s.title, coalesce(t.name, '') FROM brief_sections s LEFT JOIN tags t ON t.id = s.tag_id "
            "WHERE s.brief_id = ? ORDER BY s.position, s.id",
            (brief_id,),
        ).fetchall():
            items = [
                {"note_override": r[0], "anchor": _anchor(r[1:])}
                for r in conn.execute(
                    f"SELECT i.note_override, {_anchor_sql('i')} FROM brief_items i"
                    + _joins("i")
                    + " WHERE i.section_id = ? ORDER BY i.position, i.id",
                    (sid,),
                )
            ]
            sections.append({"title": stitle, "tag": tag, "items": items})
        briefs.append({"title": title, "subtitle": subtitle, "created_at": created, "sections": sections})
    data = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now(),
        "tags": tags,
        "clause_tags": links,
        "notes": notes,
        "briefs": briefs,
    }
    target = Path(path)
    tmp = target.with_name(target.name + ".part")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise LibraryError(f"无法写入“{target}”：{exc.strerror or exc}") from exc
    return {"tags": len(tags), "clause_tags": len(links), "notes": len(notes), "briefs": len(briefs)}


def _find_clause(conn, anchor: dict) -> tuple[int | None, int | None]:
    """(clause id, document id) for an anchor in this library; either may be None."""
    doc = None
    for column in ("sha256", "doc_number", "title"):
        if anchor.get(column):
            row = conn.execute(f"SELECT id FROM documents WHERE {column} = ?", (anchor[column],)).fetchone()
            if row:
                doc = row[0]
                break
    if doc is None:
        return None, None
    for where, params in (
        ("path = ? AND text = ?", (anchor.get("path", ""), anchor.get("text", ""))),
        ("text = ?", (anchor.get("text", ""),)),
        ("path = ?", (anchor.get("path", ""),)),
    ):
        row = conn.execute(
            f"SELECT id FROM clauses WHERE document_id = ? AND {where} LIMIT 1", (doc, *params)
        )
        found = row.fetchone()
        if found and all(params):
            return found[0], doc
    return None, doc


def _anchor_columns(doc_id, anchor: dict) -> dict:
    return {
        "anchor_document_id": doc_id,
        "anchor_path": anchor.get("path", ""),
        "anchor_text": anchor.get("text", ""),
    }


def import_notes(lib, path: str | Path) -> dict:
    """Read a file written by export_notes; returns counts of what was added and what became orphans."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LibraryError(f"无法读取批注文件“{path}”：{exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise LibraryError(f"“{Path(path).name}”不是 PolicyBrief 导出的批注文件。")
    auto_backup(lib, "import-notes")
    conn = lib.conn
    added = {"tags": 0, "clause_tags": 0, "notes": 0, "briefs": 0, "orphans": 0}
    with change(lib, "导入批注") as ch:
        for tag in data.get("tags", []):
            if not conn.execute("SELECT 1 FROM tags WHERE name_key = ?", (tag_key(tag["name"]),)).fetchone():
                ch.insert(
                    "tags",
                    {
                        "name": tag["name"],
                        "name_key": tag_key(tag["name"]),
                        "color": tag.get("color", ""),
                        "created_at": now(),
                    },
                )
                added["tags"] += 1
        for tag in data.get("tags", []):
            if tag.get("parent"):
                child = conn.execute(
                    "SELECT id FROM tags WHERE name_key = ?", (tag_key(tag["name"]),)
                ).fetchone()[0]
                parent = _ensure(ch, lib, tag["parent"])
                ch.update("tags", child, {"parent_id": parent})
        for link in data.get("clause_tags", []):
            tag_id = _ensure(ch, lib, link["tag"])
            clause_id, doc_id = _find_clause(conn, link["anchor"])
            if clause_id is None:
                dup = conn.execute(
                    "SELECT 1 FROM clause_tags WHERE clause_id IS NULL AND tag_id = ? AND anchor_text = ?",
                    (tag_id, link["anchor"].get("text", "")),
                ).fetchone()
                added["orphans"] += 0 if dup else 1
            else:
                dup = conn.execute(
                    "SELECT 1 FROM clause_tags WHERE clause_id = ? AND tag_id = ?", (clause_id, tag_id)
                ).fetchone()
            if not dup:
                ch.insert(
                    "clause_tags",
                    {
                        "clause_id": clause_id,
                        "tag_id": tag_id,
                        "created_at": now(),
                        **_anchor_columns(doc_id, link["anchor"]),
                    },
                )
                added["clause_tags"] += 1
        for note in data.get("notes", []):
            clause_id, doc_id = _find_clause(conn, note["anchor"])
            dup = conn.execute(
                "SELECT 1 FROM notes WHERE text = ? AND created_at = ? AND coalesce(anchor_text, '') = ?",
                (note["text"], note.get("created_at", ""), note["anchor"].get("text", "")),
            ).fetchone()
            if dup:
                continue
            span = note.get("span") or [None, None]
            ch.insert(
                "notes",
                {
                    "clause_id": clause_id,
                    "text": note["text"],
                    "meeting": note.get("meeting", ""),
                    "meeting_date": note.get("meeting_date", ""),
                    "span_start": span[0],
                    "span_end": span[1],
                    "created_at": note.get("created_at") or now(),
                    "updated_at": note.get("updated_at") or now(),
                    **_anchor_columns(doc_id, note["anchor"]),
                },
            )
            added["notes"] += 1
            added["orphans"] += clause_id is None
        for brief in data.get("briefs", []):
            if conn.execute(
                "SELECT 1 FROM briefs WHERE title = ? AND created_at = ?",
                (brief["title"], brief.get("created_at", "")),
            ).fetchone():
                continue
            brief_id = ch.insert(
                "briefs",
                {
                    "title": brief["title"],
                    "subtitle": brief.get("subtitle", ""),
                    "created_at": brief.get("created_at") or now(),
                    "updated_at": now(),
                },
            )
            added["briefs"] += 1
            for spos, section in enumerate(brief.get("sections", [])):
                tag_id = _ensure(ch, lib, section["tag"]) if section.get("tag") else None
                sid = ch.insert(
                    "brief_sections",
                    {"brief_id": brief_id, "title": section["title"], "position": spos, "tag_id": tag_id},
                )
                for ipos, item in enumerate(section.get("items", [])):
                    clause_id, doc_id = _find_clause(conn, item["anchor"])
                    ch.insert(
                        "brief_items",
                        {
                            "section_id": sid,
                            "clause_id": clause_id,
                            "position": ipos,
                            "note_override": item.get("note_override"),
                            **_anchor_columns(doc_id, item["anchor"]),
                        },
                    )
                    added["orphans"] += clause_id is None
    return added
