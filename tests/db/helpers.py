"""Small builders for hand-made ParsedDocuments (tests must not depend on the importers)."""

from __future__ import annotations

from importers.model import Clause, Metadata, ParsedDocument


def clause(path: str, text: str, *children: Clause, label: str = "", heading: str = "") -> Clause:
    level = path.count("/") + 1
    return Clause(label or path.split("/")[-1], path, level, heading, text, children=tuple(children))


def document(*clauses: Clause, sha: str = "", **meta) -> ParsedDocument:
    meta.setdefault("title", f"测试文件{sha}")  # distinct titles: a shared title means "new version"
    return ParsedDocument(Metadata(**meta), tuple(clauses), source_name="t.txt", format="txt", sha256=sha)


def sample(sha: str = "s1", **meta) -> ParsedDocument:
    meta.setdefault("doc_number", "厦湖科工函〔2025〕13号")
    meta.setdefault("issuer", "厦门市湖里区科技和工信局")
    meta.setdefault("issued_date", "2025-06-16")
    return document(
        clause(
            "一",
            "一、办理工作背景",
            clause("一/一", "湖里区游戏产业在精品化研发和出海拓展方面取得一定成效。"),
        ),
        clause("二", "加快推进数字经济产业园区建设，重点布局人工智能、元宇宙等新兴产业。"),
        clause("三", "推进５Ｇ基站和算力基础设施建设，完善税收优惠政策。"),
        sha=sha,
        **meta,
    )


def make_library_before_m004(path, texts: list[str]) -> None:
    """A library as builds before migration m004 left it: one document holding `texts`, indexed
    with FTS5's own length table and rowid = clause id."""
    from sqlite_utils import Database

    from db.migrations import MIGRATIONS
    from db.textnorm import bigrams

    old = Database(path)
    MIGRATIONS.apply(old, stop_before="m004_index_lengths_in_rowids")
    old["documents"].insert(
        {"title": "旧资料库里的文件", "sha256": "old", "imported_at": "2024", "updated_at": "2024"}
    )
    old["clauses"].insert_all({"document_id": 1, "position": k, "text": t} for k, t in enumerate(texts))
    rows = old.execute("SELECT id, text FROM clauses").fetchall()
    old.conn.executemany(
        "INSERT INTO clause_fts(rowid, bg) VALUES (?, ?)", [(i, bigrams(t)) for i, t in rows]
    )
    old.conn.commit()
    old.close()
