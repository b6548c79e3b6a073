"""Notes on clauses. Each save is one short transaction: a note typed in a meeting is on
disk within the front end's debounce (under a second), never held in memory only."""

from __future__ import annotations

from db.errors import LibraryError
from db.history import change, now
from db.tags import _anchor, find_tag
from db.work_records import Note


class NoteNotFoundError(LibraryError):
    pass


_SELECT = (
    "SELECT n.id, n.clause_id, n.text, n.meeting, n.meeting_date, n.span_start, n.span_end, n.created_at, "
    "n.updated_at, c.document_id, coalesce(d.title, ''), coalesce(c.path, n.anchor_path, ''), "
    "coalesce(n.anchor_text, '') FROM notes n "
    "LEFT JOIN clauses c ON c.id = n.clause_id LEFT JOIN documents d ON d.id = c.document_id"
)


def _note(row) -> Note:
    span = (row[5], row[6]) if row[5] is not None and row[6] is not None else None
    return Note(
        row[0], row[1], row[2], row[3], row[4], span, row[7], row[8], row[9], row[10], row[11], row[12]
    )


def _clean(text: str) -> str:
    # Keep the officer's text exactly, bar NULs, which SQLite tools and Word choke on.
    return text.replace("\x00", "")


def get_note(lib, note_id: int) -> Note:
    row = lib.conn.execute(_SELECT + " WHERE n.id = ?", (note_id,)).fetchone()
    if row is None:
        raise NoteNotFoundError(f"没有编号为 {note_id} 的批注（可能已被删除）。")
    return _note(row)


def add_note(
    lib,
    clause_id: int,
    text: str,
    meeting: str = "",
    meeting_date: str = "",
    span: tuple[int, int] | None = None,
) -> Note:
    """Attach a note to a clause, optionally to a highlighted span [start, end) of its text."""
    anchor = _anchor(lib, clause_id)
    if span is not None:
        start, end = span
        if not 0 <= start < end <= len(anchor["anchor_text"]):
            raise LibraryError("批注的划线范围超出了条文。")
    stamp = now()
    with change(lib, "添加批注") as ch:
        note_id = ch.insert(
            "notes",
            {
                "clause_id": clause_id,
                "text": _clean(text),
                "meeting": meeting.strip(),
                "meeting_date": meeting_date or (stamp[:10] if meeting.strip() else ""),
                "span_start": span[0] if span else None,
                "span_end": span[1] if span else None,
                "created_at": stamp,
                "updated_at": stamp,
                **anchor,
            },
        )
    return get_note(lib, note_id)


def update_note(lib, note_id: int, text: str) -> Note:
    """Save new text for a note. Saves while typing coalesce into one undo step."""
    note = get_note(lib, note_id)
    text = _clean(text)
    if text != note.text:
        with change(lib, "编辑批注", coalesce_key=f"note:{note_id}") as ch:
            ch.update("notes", note_id, {"text": text, "updated_at": now()})
    return get_note(lib, note_id)


def set_note_meeting(lib, note_id: int, meeting: str, meeting_date: str = "") -> Note:
    with change(lib, "修改批注会议") as ch:
        ch.update(
            "notes", get_note(lib, note_id).id, {"meeting": meeting.strip(), "meeting_date": meeting_date}
        )
    return get_note(lib, note_id)


def delete_note(lib, note_id: int) -> None:
    """Delete a note; undo brings it back with its id, times and meeting."""
    get_note(lib, note_id)
    with change(lib, "删除批注") as ch:
        ch.delete("notes", note_id)


def notes_for_clause(lib, clause_id: int) -> list[Note]:
    rows = lib.conn.execute(
        _SELECT + " WHERE n.clause_id = ? ORDER BY n.created_at, n.id", (clause_id,)
    ).fetchall()
    return [_note(r) for r in rows]


def note_counts(lib, clause_ids: list[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for start in range(0, len(clause_ids), 500):
        chunk = clause_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for clause_id, count in lib.conn.execute(
            f"SELECT clause_id, count(*) FROM notes WHERE clause_id IN ({marks}) GROUP BY clause_id", chunk
        ):
            out[clause_id] = count
    return out


def list_notes(
    lib, doc_id: int | None = None, tag: str | None = None, meeting: str | None = None
) -> list[Note]:
    """Notes filtered by document, tag of their clause, or meeting; in document order."""
    where, params = ["n.clause_id IS NOT NULL"], []
    if doc_id is not None:
        where.append("c.document_id = ?")
        params.append(doc_id)
    if tag:
        found = find_tag(lib, tag)
        if found is None:
            return []
        where.append("n.clause_id IN (SELECT clause_id FROM clause_tags WHERE tag_id = ?)")
        params.append(found.id)
    if meeting:
        where.append("n.meeting = ?")
        params.append(meeting.strip())
    sql = (
        _SELECT
        + " WHERE "
        + " AND ".join(where)
        + " ORDER BY d.issued_date DESC, c.document_id, c.position, n.id"
    )
    return [_note(r) for r in lib.conn.execute(sql, params).fetchall()]


def meetings(lib) -> list[tuple[str, str, int]]:
    """(meeting, date, number of notes) for every meeting, newest first."""
    rows = lib.conn.execute(
        "SELECT meeting, max(meeting_date), count(*) FROM notes WHERE meeting != '' GROUP BY meeting "
        "ORDER BY max(created_at) DESC"
    ).fetchall()
    return [(r[0], r[1], r[2]) for r in rows]
