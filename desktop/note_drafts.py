"""Note text that could not be written to the library yet, kept in a small file of its own.

An autosave fails when another process holds the library's write lock for long (a big import in
another window) or the disk is full. The editor keeps retrying, but the text must survive a
crash or a close before it gets through: so each failed save also goes here, one entry per
editor, and opening that library again writes what is left (desktop/workspace.py).

The file is ours, yet it is read back as untrusted: a damaged or oversized file, or entries of
the wrong shape, are ignored rather than believed. It never is, or touches, a library file.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
MAX_BYTES = 16 << 20  # far above any real backlog of notes; a bigger file is not ours


@dataclass(frozen=True)
class Draft:
    key: str  # the editor's identity, stable while it lives
    library: str  # real path of the library file
    clause_id: int
    note_id: int | None  # None: a note not created yet
    text: str
    meeting: str = ""
    span: tuple[int, int] | None = None


class NoteDrafts:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def put(self, draft: Draft) -> None:
        entries = {d.key: d for d in self._load()}
        entries[draft.key] = draft
        self._save(list(entries.values()))

    def drop(self, key: str) -> None:
        entries = self._load()
        kept = [d for d in entries if d.key != key]
        if len(kept) != len(entries):
            self._save(kept)

    def pending(self, library: str | os.PathLike[str]) -> list[Draft]:
        real = os.path.realpath(library)
        return [d for d in self._load() if d.library == real]

    def _load(self) -> list[Draft]:
        try:
            if not self.path.is_file() or self.path.stat().st_size > MAX_BYTES:
                return []
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable drafts file %s: %s", self.path, exc)
            return []
        return (
            [d for d in (_draft(item) for item in raw if isinstance(item, dict)) if d is not None]
            if isinstance(raw, list)
            else []
        )

    def _save(self, drafts: list[Draft]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temp = self.path.with_name(self.path.name + ".tmp")
        with open(temp, "w", encoding="utf-8") as fh:
            json.dump([asdict(d) for d in drafts], fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, self.path)


def _draft(item: dict[str, Any]) -> Draft | None:  # JSON from disk: checked field by field
    try:
        span = item.get("span")
        draft = Draft(
            key=str(item["key"]),
            library=str(item["library"]),
            clause_id=int(item["clause_id"]),
            note_id=None if item.get("note_id") is None else int(item["note_id"]),
            text=str(item["text"]),
            meeting=str(item.get("meeting") or ""),
            span=None if span is None else (int(span[0]), int(span[1])),
        )
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    return draft
