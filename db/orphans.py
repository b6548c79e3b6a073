"""Work whose clause vanished (a re-import that could not match it, a removed document).

It is never dropped: the tag link, note or brief entry keeps the clause text it was
attached to, and waits here until the officer re-attaches or deletes it.
"""

from __future__ import annotations

from db.errors import LibraryError
from db.history import change
from db.tags import _anchor
from db.work_records import Orphan

_TABLES = {"tag": "clause_tags", "note": "notes", "brief_item": "brief_items"}

_QUERY = """
SELECT 'tag', l.id, l.anchor_document_id, coalesce(d.title, ''), coalesce(l.anchor_path, ''),
       coalesce(l.anchor_text, ''), t.name
  FROM clause_tags l JOIN tags t ON t.id = l.tag_id LEFT JOIN documents d ON d.id = l.anchor_document_id
 WHERE l.clause_id IS NULL
UNION ALL
SELECT 'note', n.id, n.anchor_document_id, coalesce(d.title, ''), coalesce(n.anchor_path, ''),
       coalesce(n.anchor_text, ''), n.text
  FROM notes n LEFT JOIN documents d ON d.id = n.anchor_document_id
 WHERE n.clause_id IS NULL
UNION ALL
SELECT 'brief_item', i.id, i.anchor_document_id, coalesce(d.title, ''), coalesce(i.anchor_path, ''),
       coalesce(i.anchor_text, ''), b.title
  FROM brief_items i JOIN brief_sections s ON s.id = i.section_id JOIN briefs b ON b.id = s.brief_id
  LEFT JOIN documents d ON d.id = i.anchor_document_id
 WHERE i.clause_id IS NULL
"""


def list_orphans(lib) -> list[Orphan]:
    return [Orphan(*row) for row in lib.conn.execute(_QUERY).fetchall()]


def _table(kind: str) -> str:
    if kind not in _TABLES:
        raise LibraryError(f"未知的类型：{kind}（应为 tag、note 或 brief_item）")
    return _TABLES[kind]


def reattach(lib, kind: str, row_id: int, clause_id: int) -> None:
    """Attach an orphan to a clause (the officer picked the clause it now belongs to)."""
    table = _table(kind)
    row = lib.conn.execute(f"SELECT clause_id FROM {table} WHERE id = ?", (row_id,)).fetchone()
    if row is None:
        raise LibraryError("找不到这条待处理的内容（可能已被删除）。")
    anchor = _anchor(lib, clause_id)
    with change(lib, "重新关联条文") as ch:
        if kind == "tag":
            tag_id = lib.conn.execute("SELECT tag_id FROM clause_tags WHERE id = ?", (row_id,)).fetchone()[0]
            if lib.conn.execute(
                "SELECT 1 FROM clause_tags WHERE clause_id = ? AND tag_id = ?", (clause_id, tag_id)
            ).fetchone():
                ch.delete(table, row_id)  # the clause has that tag already
                return
        ch.update(table, row_id, {"clause_id": clause_id, **anchor})


def delete_orphan(lib, kind: str, row_id: int) -> None:
    table = _table(kind)
    with change(lib, "删除待处理内容") as ch:
        ch.delete(table, row_id)


def suggest_clauses(lib, orphan: Orphan, limit: int = 5) -> list[tuple[int, float]]:
    """Clauses of the same document most like the orphan's remembered text: (clause id, similarity)."""
    import difflib

    if orphan.document_id is None:
        return []
    rows = lib.conn.execute(
        "SELECT id, text FROM clauses WHERE document_id = ?", (orphan.document_id,)
    ).fetchall()
    scored = [
        (cid, difflib.SequenceMatcher(None, orphan.clause_text, text, autojunk=False).ratio())
        for cid, text in rows
    ]
    return sorted(scored, key=lambda x: -x[1])[:limit]
