"""The documents a clause cites by title (《…》), each marked as in the library or missing."""

from __future__ import annotations

import re

from db.intel.records import Citation
from db.library import Library
from db.selection import require_clauses
from db.textnorm import norm

# A title in 《》; a title quoted inside it uses 〈〉 (or, in careless copies, a nested 《》,
# which this pattern keeps whole by allowing one level of nesting).
CITED = re.compile(r"《((?:[^《》]|《[^《》]*》)+)》")
# What the title of a policy document ends with; 《动物迷城》 (a game) is not a citation.
DOC_ENDINGS = (
    "措施", "办法", "规划", "方案", "意见", "通知", "决定", "条例", "法", "计划", "提案", "纲要", "指南",
    "细则", "规定", "政策", "函", "答复", "报告", "标准", "目录", "清单", "建议", "批复", "公告", "通告",
    "章程", "制度", "规则", "要点", "议案", "决议", "指引", "路线图",
)  # fmt: skip
_TRAILING_PERIOD = re.compile(r"[（(][^（）()]*[）)]$")  # （2022—2024年）, （试行）, （征求意见稿）
_DASHES = str.maketrans({"—": "-", "–": "-", "－": "-", "〈": "《", "〉": "》"})


def title_key(title: str) -> str:
    """One key for the ways a title is written: width, spaces, dashes, 〈〉 vs 《》, outer 《》."""
    key = "".join(norm(title).split()).translate(_DASHES)
    if key.startswith("《") and key.endswith("》") and key.count("《") == 1:
        key = key[1:-1]
    return key


def looks_like_document(title: str) -> bool:
    return _TRAILING_PERIOD.sub("", title.strip()).endswith(DOC_ENDINGS)


def cited_titles(text: str, known: frozenset[str] = frozenset()) -> list[str]:
    """The document titles `text` cites, in order of first mention, without duplicates: those
    that read like a policy document's title, and any whose title_key is in `known`."""
    titles = (m.group(1).strip() for m in CITED.finditer(text))
    return list(dict.fromkeys(t for t in titles if t and (looks_like_document(t) or title_key(t) in known)))


def _library_titles(lib: Library) -> dict[str, int]:
    """title key -> document id (the newest document when two share a title)."""
    rows = lib.conn.execute("SELECT id, title FROM documents WHERE title != '' ORDER BY updated_at, id")
    return {title_key(title): document_id for document_id, title in rows}


def cited_documents(
    lib: Library, clause_id: int | None = None, *, document_id: int | None = None
) -> list[Citation]:
    """The titles cited by one clause, or by every clause of a document (give exactly one).

    A document does not count as citing itself. Raises ClauseNotFoundError or
    DocumentNotFoundError for an unknown id.
    """
    if (clause_id is None) == (document_id is None):
        raise ValueError("give a clause_id or a document_id, not both")
    if clause_id is not None:
        clause = require_clauses(lib, [clause_id])[0]
        texts, own = [(clause.id, clause.text)], clause.document_id
    else:
        from db.documents import document_clauses

        texts, own = [(c.id, c.text) for c in document_clauses(lib, document_id)], document_id
    known = _library_titles(lib)
    by_title: dict[str, tuple[str, list[int]]] = {}
    for cid, text in texts:
        for title in cited_titles(text, frozenset(known)):
            entry = by_title.setdefault(title_key(title), (title, []))
            if cid not in entry[1]:
                entry[1].append(cid)
    out = []
    for key, (title, clause_ids) in by_title.items():
        found = known.get(key)
        if found == own:
            continue
        out.append(Citation(title, found is not None, found, tuple(clause_ids)))
    return out
