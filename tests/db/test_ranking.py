"""Search scores are FTS5's own bm25, though our index keeps no length table (db/ranking.py).

The reference is a plain FTS5 index of the same bigrams, built beside ours in each test, whose
`rank` FTS5 computes the ordinary way (reading every row's length from its `_docsize`)."""

import random
import sqlite3

import pytest

from db import add_document, add_documents, open_library, pending_migrations, remove_document, search
from db.baseline import build_reference_index
from db.fts import ID_BITS, index_row
from db.query import plan_query
from db.ranking import _varints, index_totals
from tests.db.helpers import clause, document, make_library_before_m004

WORDS = ["算力", "数字经济", "人才", "园区", "元宇宙", "税", "5G", "孵化", "出海", "标准", "软件"]
FILLER = "推进加快完善建设支持发展产业服务体系平台企业项目创新能力水平"
QUERIES = [
    "算力", "数字经济", "人才 园区", "元宇宙 OR 出海", "算力 -人才", "税", "5g", "力",
    "标准 软件 孵化", '"数字 经济"', "5G%", "算力建设",
]  # fmt: skip


def reference_scores(conn: sqlite3.Connection, query: str) -> dict[int, float]:
    build_reference_index(conn)
    rows = conn.execute(
        "SELECT rowid, rank FROM ref_fts WHERE ref_fts MATCH ?", (plan_query(query).match,)
    ).fetchall()
    return dict(rows)


def assert_scores_match(lib, queries):
    checked = 0
    for q in queries:
        if not plan_query(q).match:
            continue
        expected = reference_scores(lib.conn, q)
        result = search(lib, q, limit=len(expected) + 10)
        for hit in result.hits:
            assert hit.score == pytest.approx(expected[hit.clause_id], rel=1e-9, abs=1e-15), (
                q,
                hit.clause_id,
            )
            checked += 1
    return checked


def random_text(rng: random.Random) -> str:
    """Clauses from 1 to ~600 characters with 0-5 repeats of the search words."""
    parts = [rng.choice(FILLER) * rng.randint(1, 3) for _ in range(rng.randint(0, 120))]
    for _ in range(rng.choice([0, 1, 1, 2, 5])):
        parts.insert(rng.randint(0, len(parts)), rng.choice(WORDS))
    return "，".join(parts) + "。" if parts else rng.choice(WORDS)


@pytest.fixture(scope="module")
def varied(tmp_path_factory):
    rng = random.Random(11)
    lib = open_library(tmp_path_factory.mktemp("rank") / "lib.db")
    docs = [
        document(
            *[clause(str(j), random_text(rng)) for j in range(rng.randint(1, 12))], sha=f"r{i}", title=f"r{i}"
        )
        for i in range(60)
    ]
    add_documents(lib, docs)
    yield lib
    lib.close()


def test_scores_are_fts5_bm25_for_every_query_shape(varied):
    assert assert_scores_match(varied, QUERIES) > 500


def test_a_short_clause_outranks_a_long_one_with_the_word_as_often(tmp_path):
    with open_library(tmp_path / "lib.db") as lib:
        long_text = "加快推进产业体系建设，" * 30 + "布局低空经济。"
        add_document(lib, document(clause("1", long_text), clause("2", "发展低空经济。"), sha="l", title="l"))
        hits = search(lib, "低空经济").hits
        assert [h.text for h in hits] == ["发展低空经济。", long_text]
        assert hits[0].score < hits[1].score


def test_scores_stay_exact_after_removals_and_new_versions(tmp_path):
    rng = random.Random(5)
    with open_library(tmp_path / "lib.db") as lib:
        ids = [
            add_document(
                lib,
                document(*[clause(str(j), random_text(rng)) for j in range(8)], sha=f"v{i}", title=f"v{i}"),
            ).document_id
            for i in range(12)
        ]
        remove_document(lib, ids[3])
        # same title, new text: a new version replaces the clauses (and their index rows)
        add_document(
            lib,
            document(clause("1", "算力算力，很短。"), clause("2", random_text(rng)), sha="v0b", title="v0"),
        )
        assert index_totals(lib.conn) == totals_by_hand(lib.conn)
        assert assert_scores_match(lib, QUERIES) > 50


def totals_by_hand(conn):
    rows = conn.execute("SELECT id, text FROM clauses").fetchall()
    return len(rows), sum(index_row(i, t)[0] >> ID_BITS for i, t in rows)


def test_seed_documents_rank_by_fts5_bm25(seeded_library):
    assert index_totals(seeded_library.conn) == totals_by_hand(seeded_library.conn)
    assert (
        assert_scores_match(
            seeded_library, ["人才", "游戏 出海", "数字经济", "园区", "企业 -游戏", "区 OR 县"]
        )
        > 20
    )


def test_a_library_of_tiny_clauses_still_finds_everything(tmp_path):
    """Clauses averaging under 3 characters: no length term is possible, nothing may break."""
    with open_library(tmp_path / "lib.db") as lib:
        add_documents(
            lib,
            [
                document(
                    clause("1", "税"),
                    clause("2", "税税"),
                    clause("3", "、"),
                    sha="a",
                    title="a",
                    issued_date="2020",
                ),
                document(clause("1", "税"), clause("2", ""), sha="b", title="b", issued_date="2024"),
            ],
        )
        result = search(lib, "税")
        assert result.total == 3
        assert [h.issued_date for h in result.hits][0] == "2024"  # equal scores: newest first
        assert all(h.score < 0 for h in result.hits)


def test_old_libraries_get_the_new_index_with_exact_scores(tmp_path):
    """A library made before m004 (FTS5 length table, rowid = clause id) is rebuilt on open."""
    rng = random.Random(2)
    path = tmp_path / "old.db"
    texts = [random_text(rng) for _ in range(80)]
    make_library_before_m004(path, texts)
    assert pending_migrations(path) == ["m004_index_lengths_in_rowids", "m005_replaced_versions"]
    with open_library(path) as lib:
        assert index_totals(lib.conn) == totals_by_hand(lib.conn)
        assert search(lib, "算力").total == sum("算力" in t for t in texts) > 0
        assert assert_scores_match(lib, QUERIES) > 50
    assert list(tmp_path.glob("old.before-m004_index_lengths_in_rowids.*.db"))
    assert pending_migrations(path) == []


@pytest.mark.parametrize(
    ("blob", "values"),
    [
        (b"", []),
        (b"\x05\x7f", [5, 127]),
        (b"\x81\x00", [128]),
        (b"\x8c\x9a\x40\x8d\xd4\xdb\x2a", [200000, 28650922]),
        (b"\xff" * 8 + b"\x01", [(1 << 64) - 255]),  # nine bytes: the last one counts 8 bits
        (b"\x05\x81", [5]),  # truncated: what was complete is kept
    ],
)
def test_fts5_varints(blob, values):
    assert _varints(blob) == values


def test_a_new_version_in_the_same_batch_leaves_a_consistent_index(tmp_path):
    """Index writes wait for the end of the transaction (sorted); a clause indexed and then
    replaced within it must never reach the index."""
    with open_library(tmp_path / "lib.db") as lib:
        add_documents(
            lib,
            [
                document(
                    clause("1", "旧文本讲算力。"),
                    clause("2", "共同的条款。"),
                    sha="a1",
                    title="同一文件",
                    doc_number="X〔2025〕1号",  # the same 文号: a new version of one document
                ),
                document(
                    clause("1", "新文本讲人才，很长很长的一段话。"),
                    clause("2", "共同的条款。"),
                    sha="a2",
                    title="同一文件",
                    doc_number="X〔2025〕1号",
                ),
            ],
        )
        assert index_totals(lib.conn) == totals_by_hand(lib.conn) == (2, totals_by_hand(lib.conn)[1])
        assert search(lib, "算力").total == 0
        assert search(lib, "人才").total == 1
        assert search(lib, "共同").total == 1
