"""Move an officer's tags, notes and briefs between libraries (another laptop, a colleague).

Each item carries enough context to find its clause again in a library that imported the
same documents: the document's sha256, 文号 and title, the clause path and text. What
cannot be placed is imported as an orphan, never dropped. Importing twice adds nothing.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

from db.backup import auto_backup
from db.errors import LibraryError
from db.history import change, now
from db.tags import _create, clean_name, tag_key

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


MAX_FILE_BYTES = 200 * 1024 * 1024  # an export of 200,000 notes on long clauses is ~180 MB
_ANCHOR_KEYS = ("sha256", "doc_number", "title", "path", "text")


class _Invalid(Exception):
    pass


def _check(cond: bool, what: str) -> None:
    if not cond:
        raise _Invalid(what)


def _text(item: dict, key: str, default: str | None = "", *, required: bool = False) -> str | None:
    value = item.get(key)
    if value is None:
        _check(not required, f"缺少“{key}”")
        return default
    _check(isinstance(value, str), f"“{key}”不是文字")
    return value


def _stamp(item: dict, key: str) -> str | None:
    value = _text(item, key, None)
    if value:
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise _Invalid(f"“{key}”不是日期时间（{value[:40]}）") from None
    return value or None


def _list(data: dict, key: str) -> list:
    value = data.get(key, [])
    if value is None:
        return []
    _check(isinstance(value, list), f"“{key}”不是列表")
    return value


def _anchor_of(item: dict, shared: dict | None = None) -> dict:
    anchor = item.get("anchor")
    _check(isinstance(anchor, dict), "缺少条文位置（anchor）")
    checked = {k: _text(anchor, k) or "" for k in _ANCHOR_KEYS}
    if shared is None:
        return checked
    # Many notes sit on one clause: keep one copy of its anchor (the clause text is the bulk).
    return shared.setdefault(tuple(checked.values()), checked)


def _tag_name(value) -> str:
    _check(isinstance(value, str), "标签名称不是文字")
    try:
        return clean_name(value)
    except LibraryError as exc:
        raise _Invalid(str(exc)) from None


def _color(value: str) -> str:
    _check(value == "" or re.fullmatch(r"#(?:[0-9a-fA-F]{3}){1,2}", value) is not None, "颜色不是 #RRGGBB")
    return value


def _span(note: dict, anchor_text: str) -> tuple[int, int] | None:
    span = note.get("span")
    if span is None:
        return None
    _check(
        isinstance(span, list) and len(span) == 2 and all(type(v) is int for v in span),
        "划线范围不是两个整数",
    )
    start, end = span
    # add_note's rule, against the clause text the note was written on (its anchor).
    _check(0 <= start < end <= len(anchor_text), "批注的划线范围超出了条文")
    return start, end


def validate(data) -> dict:
    """The notes file checked field by field as add_note, tag_clauses and create_brief would
    check their arguments, and normalised; LibraryError naming the first bad item otherwise.
    Nothing is written before the whole file has passed."""
    where = "文件"
    try:
        _check(isinstance(data, dict) and data.get("format") == FORMAT, "不是 PolicyBrief 导出的批注文件")
        version = data.get("version", VERSION)
        _check(type(version) is int and version <= VERSION, f"版本 {version!r} 比本软件新，无法读取")
        out: dict[str, list] = {"tags": [], "clause_tags": [], "notes": [], "briefs": []}
        shared: dict[tuple, dict] = {}
        for i, tag in enumerate(_list(data, "tags"), 1):
            where = f"第 {i} 个标签"
            _check(isinstance(tag, dict), "格式不对")
            parent = _text(tag, "parent")
            out["tags"].append(
                {
                    "name": _tag_name(tag.get("name")),
                    "color": _color(_text(tag, "color") or ""),
                    "parent": _tag_name(parent) if parent and parent.strip() else "",
                }
            )
        for i, link in enumerate(_list(data, "clause_tags"), 1):
            where = f"第 {i} 个条文标签"
            _check(isinstance(link, dict), "格式不对")
            out["clause_tags"].append({"tag": _tag_name(link.get("tag")), "anchor": _anchor_of(link)})
        raw_notes = _list(data, "notes")
        for i, note in enumerate(raw_notes, 1):
            where = f"第 {i} 条批注"
            raw_notes[i - 1] = None  # its checked copy replaces it: one copy of 200,000 notes at a time
            _check(isinstance(note, dict), "格式不对")
            anchor = _anchor_of(note, shared)
            meeting = (_text(note, "meeting") or "").strip()
            out["notes"].append(
                {
                    "text": (_text(note, "text", required=True) or "").replace("\x00", ""),
                    "meeting": meeting,
                    "meeting_date": _text(note, "meeting_date") or "",
                    "span": _span(note, anchor["text"]),
                    "created_at": _stamp(note, "created_at"),
                    "updated_at": _stamp(note, "updated_at"),
                    "anchor": anchor,
                }
            )
        for i, brief in enumerate(_list(data, "briefs"), 1):
            where = f"第 {i} 份简报"
            _check(isinstance(brief, dict), "格式不对")
            sections = []
            for section in _list(brief, "sections"):
                _check(isinstance(section, dict), "分组格式不对")
                tag = _text(section, "tag")
                items = []
                for item in _list(section, "items"):
                    _check(isinstance(item, dict), "条目格式不对")
                    items.append(
                        {"note_override": _text(item, "note_override", None), "anchor": _anchor_of(item)}
                    )
                sections.append(
                    {
                        "title": _text(section, "title", required=True),
                        "tag": _tag_name(tag) if tag and tag.strip() else "",
                        "items": items,
                    }
                )
            out["briefs"].append(
                {
                    "title": (_text(brief, "title", required=True) or "").strip() or "未命名简报",
                    "subtitle": (_text(brief, "subtitle") or "").strip(),
                    "created_at": _stamp(brief, "created_at"),
                    "sections": sections,
                }
            )
    except _Invalid as exc:
        raise LibraryError(f"批注文件有误（{where}：{exc}），没有导入任何内容。") from None
    return out


class _Placer:
    """Finds anchors' clauses in this library: the document by sha256, 文号 or title, then the
    clause by path and text, text, or path. A file may hold 200,000 items on thousands of
    documents in any order, so resolve() groups them by document and reads each document's
    clauses once (one document's at a time in memory)."""

    def __init__(self, conn) -> None:
        self.conn = conn
        self.docs: dict[tuple, int | None] = {}

    def document(self, anchor: dict) -> int | None:
        key = (anchor["sha256"], anchor["doc_number"], anchor["title"])
        if key not in self.docs:
            doc = None
            for column, value in zip(("sha256", "doc_number", "title"), key, strict=True):
                if value:
                    row = self.conn.execute(
                        f"SELECT id FROM documents WHERE {column} = ?", (value,)
                    ).fetchone()
                    if row:
                        doc = row[0]
                        break
            self.docs[key] = doc
        return self.docs[key]

    def resolve(self, anchors: list[dict]) -> list[tuple[int | None, int | None, bool]]:
        """(clause id, document id, whether the clause's text is the anchor's) for each anchor."""
        placed: list[tuple[int | None, int | None, bool]] = [(None, None, False)] * len(anchors)
        by_doc: dict[int, list[int]] = {}
        for i, anchor in enumerate(anchors):
            doc = self.document(anchor)
            if doc is not None:
                by_doc.setdefault(doc, []).append(i)
                placed[i] = (None, doc, False)
        for doc, indexes in by_doc.items():
            both, by_text, by_path, texts = {}, {}, {}, {}
            for cid, path, text in self.conn.execute(
                "SELECT id, path, text FROM clauses WHERE document_id = ? ORDER BY id", (doc,)
            ):
                both.setdefault((path, text), cid)
                by_text.setdefault(text, cid)
                by_path.setdefault(path, cid)
                texts[cid] = text
            for i in indexes:
                path, text = anchors[i]["path"], anchors[i]["text"]
                found = both.get((path, text)) if path and text else None
                if found is None and text:
                    found = by_text.get(text)
                if found is None and path:
                    found = by_path.get(path)
                placed[i] = (found, doc, found is not None and texts[found] == text)
        return placed


def _anchor_columns(doc_id, anchor: dict) -> dict:
    return {
        "anchor_document_id": doc_id,
        "anchor_path": anchor.get("path", ""),
        "anchor_text": anchor.get("text", ""),
    }


class _Sharing:
    """json object_hook: identical small objects (an anchor shared by the many notes on one
    clause) are kept once while the file is parsed, not once per note."""

    def __init__(self) -> None:
        self.seen: dict[tuple, dict] = {}

    def __call__(self, obj: dict) -> dict:
        if len(obj) > len(_ANCHOR_KEYS) or not all(isinstance(v, str) for v in obj.values()):
            return obj
        return self.seen.setdefault(tuple(obj.items()), obj)


def import_notes(lib, path: str | Path, warn=None) -> dict:
    """Read a file written by export_notes; returns counts of what was added and what became orphans.

    Every field is checked first (validate()); a bad file imports nothing. Importing the same
    file again adds nothing, also for notes and briefs that carry no creation time."""
    source = Path(path)
    try:
        if source.stat().st_size > MAX_FILE_BYTES:
            raise LibraryError(f"批注文件“{source.name}”太大（超过 {MAX_FILE_BYTES >> 20} MB），没有导入。")
        # Bytes, then text, then objects, each freed as soon as the next exists: reading as text
        # held bytes and two copies of the text at once (600 MB for a 180 MB file).
        raw = source.read_bytes()
        text = raw.decode("utf-8")
        del raw
        data = json.loads(text, object_hook=_Sharing())
        del text
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise LibraryError(f"无法读取批注文件“{path}”：{exc}") from exc
    data = validate(data)
    auto_backup(lib, "import-notes", warn=warn, wait=False)  # checked while importing
    conn = lib.conn
    added = {"tags": 0, "clause_tags": 0, "notes": 0, "briefs": 0, "orphans": 0}
    placer = _Placer(conn)
    link_places = iter(placer.resolve([link["anchor"] for link in data["clause_tags"]]))
    note_places = placer.resolve([note["anchor"] for note in data["notes"]])
    flat = placer.resolve(
        [
            item["anchor"]
            for brief in data["briefs"]
            for section in brief["sections"]
            for item in section["items"]
        ]
    )
    item_places, taken = [], 0
    for brief in data["briefs"]:  # one iterator per brief: a brief already there is skipped whole
        count = sum(len(section["items"]) for section in brief["sections"])
        item_places.append(iter(flat[taken : taken + count]))
        taken += count
    tag_ids = {key: tid for tid, key in conn.execute("SELECT id, name_key FROM tags")}

    with change(lib, "导入批注") as ch:

        def ensure(name: str, color: str = "") -> int:
            key = tag_key(name)
            if key not in tag_ids:
                tag_ids[key] = _create(ch, lib, name, color or None, None)
                added["tags"] += 1
            return tag_ids[key]

        for tag in data["tags"]:
            ensure(tag["name"], tag["color"])
        for tag in data["tags"]:
            if tag["parent"] and tag_key(tag["parent"]) != tag_key(tag["name"]):
                ch.update("tags", ensure(tag["name"]), {"parent_id": ensure(tag["parent"])})

        placed_links = set(
            conn.execute("SELECT clause_id, tag_id FROM clause_tags WHERE clause_id IS NOT NULL")
        )
        orphan_links = set(
            conn.execute("SELECT tag_id, anchor_text FROM clause_tags WHERE clause_id IS NULL")
        )
        for link in data["clause_tags"]:
            tag_id = ensure(link["tag"])
            clause_id, doc_id, _ = next(link_places)
            if clause_id is None:
                key = (tag_id, link["anchor"]["text"])
                if key in orphan_links:
                    continue
                orphan_links.add(key)
                added["orphans"] += 1
            else:
                if (clause_id, tag_id) in placed_links:
                    continue
                placed_links.add((clause_id, tag_id))
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

        # A note is the same note if its text, anchor text and creation time are; a note
        # without a creation time (stamped now on import) by its text and anchor text alone.
        stamped, unstamped = set(), set()
        for text, created, anchor_text in conn.execute(
            "SELECT text, created_at, coalesce(anchor_text, '') FROM notes"
        ):
            stamped.add((text, created, anchor_text))
            unstamped.add((text, anchor_text))
        for n, note in enumerate(data["notes"]):
            anchor = note["anchor"]
            pair = (note["text"], anchor["text"])
            if note["created_at"] is None:
                seen = pair in unstamped
            else:
                seen = (note["text"], note["created_at"], anchor["text"]) in stamped
            if seen:
                continue
            clause_id, doc_id, same_text = note_places[n]
            span = note["span"]
            if span is not None and not same_text:
                span = None  # placed on a clause whose text changed: the span would mark other words
            stamp = now()
            created = note["created_at"] or stamp
            ch.insert(
                "notes",
                {
                    "clause_id": clause_id,
                    "text": note["text"],
                    "meeting": note["meeting"],
                    "meeting_date": note["meeting_date"],
                    "span_start": span[0] if span else None,
                    "span_end": span[1] if span else None,
                    "created_at": created,
                    "updated_at": note["updated_at"] or created,
                    **_anchor_columns(doc_id, anchor),
                },
            )
            stamped.add((note["text"], created, anchor["text"]))
            unstamped.add(pair)
            added["notes"] += 1
            added["orphans"] += clause_id is None

        briefs_stamped, briefs_unstamped = set(), set()
        for title, created in conn.execute("SELECT title, created_at FROM briefs"):
            briefs_stamped.add((title, created))
            briefs_unstamped.add(title)
        for b, brief in enumerate(data["briefs"]):
            if (
                brief["title"] in briefs_unstamped
                if brief["created_at"] is None
                else (brief["title"], brief["created_at"]) in briefs_stamped
            ):
                continue
            stamp = now()
            created = brief["created_at"] or stamp
            brief_id = ch.insert(
                "briefs",
                {
                    "title": brief["title"],
                    "subtitle": brief["subtitle"],
                    "created_at": created,
                    "updated_at": stamp,
                },
            )
            briefs_stamped.add((brief["title"], created))
            briefs_unstamped.add(brief["title"])
            added["briefs"] += 1
            for spos, section in enumerate(brief["sections"]):
                tag_id = ensure(section["tag"]) if section["tag"] else None
                sid = ch.insert(
                    "brief_sections",
                    {"brief_id": brief_id, "title": section["title"], "position": spos, "tag_id": tag_id},
                )
                for ipos, item in enumerate(section["items"]):
                    clause_id, doc_id, _ = next(item_places[b])
                    ch.insert(
                        "brief_items",
                        {
                            "section_id": sid,
                            "clause_id": clause_id,
                            "position": ipos,
                            "note_override": item["note_override"],
                            **_anchor_columns(doc_id, item["anchor"]),
                        },
                    )
                    added["orphans"] += clause_id is None
    return added
