import importlib
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db import add_document, add_documents, matching_clause_ids, open_library, search
from db.baseline import build_reference_index
from db.query import plan_query
from db.textnorm import norm
from tests.db.helpers import clause, document, sample

search_module = importlib.import_module("db.search")  # the package exports the function as db.search

MALFORMED = [
    '"',
    "(",
    ")",
    "*",
    "AND",
    "OR",
    "NOT",
    "NEAR(",
    'NEAR("a" "b", 2)',
    '"unbalanced',
    "数字 (",
    "-",
    "--",
    "- -",
    "^",
    ":",
    "col:数字",
    "。，、；",
    "\x00\x01\x7f",
    "\u200b",
    "   ",
    "",
    "a" * 10000,
    "数字 " * 3000,
    "a OR OR b",
    "OR OR",
    '"" ""',
    "-数字",
    '-""',
    "\\",
    "'",
    "数字' OR 1=1 --",
]


@pytest.fixture
def lib(tmp_path):
    with open_library(tmp_path / "lib.db") as lib:
        add_document(lib, sample())
        yield lib


def texts(result):
    return [h.text for h in result.hits]


@pytest.mark.parametrize("query", ["园区", "元宇宙", "税", "5g", "５Ｇ", "5G基站", "ＡＩ"])
def test_finds_substrings_including_width_and_case_variants(lib, query):
    add_document(lib, document(clause("一", "人工智能（AI）产业"), sha="ai"))
    result = search(lib, query)
    assert result.total >= 1
    assert all(norm(query) in norm(t) for t in texts(result))


def test_multiple_words_are_anded(lib):
    assert search(lib, "数字 元宇宙").total == 1
    assert search(lib, "数字 游戏").total == 0


def test_or_between_words(lib):
    result = search(lib, "元宇宙 OR 游戏")
    assert result.total == 2 and set(result.words) == {"元宇宙", "游戏"}


def test_minus_excludes(lib):
    assert search(lib, "建设").total == 2
    assert search(lib, "建设 -元宇宙").total == 1
    assert search(lib, '建设 -"5g基站"').total == 1  # excluded word that needs checking in Python


def test_quoted_phrase_keeps_spaces(lib):
    add_document(lib, document(clause("一", "数字 经济"), clause("二", "数字，经济"), sha="p"))
    result = search(lib, '"数字 经济"')
    assert texts(result) == ["数字 经济"]


def test_words_with_punctuation_are_exact(lib):
    add_document(lib, document(clause("一", "增长5%以上"), clause("二", "增长5倍"), sha="p"))
    assert texts(search(lib, "5%")) == ["增长5%以上"]
    assert search(lib, "厦湖科工函〔2025〕13号").total == 0  # metadata is not clause text


@pytest.mark.parametrize("query", MALFORMED)
def test_malformed_queries_never_raise(lib, query):
    result = search(lib, query)
    assert result.total == len(result.hits) or result.total > len(result.hits)
    for hit in result.hits:
        assert plan_query(query).accepts(norm(hit.text)) or result.resplit


def test_operators_are_searched_literally(lib):
    add_document(lib, document(clause("一", "关于 AND 与 NEAR(1) 的说明（见附件*）"), sha="lit"))
    assert search(lib, "AND").total == 1
    assert search(lib, "NEAR(1)").total == 1
    assert search(lib, "附件*").total == 1
    assert search(lib, "(").total == 0  # only punctuation: nothing the index can search


def test_jieba_resplit_when_unspaced_query_finds_nothing(lib, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    from db import segment

    segment.configure_cache_dir(tmp_path / "jieba")
    assert search(lib, "游戏出海政策").resplit  # retried even when the pieces find nothing either
    result = search(lib, "游戏产业出海")
    assert result.resplit and result.total == 1
    assert "游戏" in result.words and len(result.words) > 1
    assert not search(lib, "元宇宙").resplit
    assert not list(tmp_path.glob("*.cache"))  # jieba never writes its cache to the cwd


def test_ranking_bm25_then_newest_document(lib):
    for i, date in enumerate(["2019-01-01", "2024-03-01", "2021"]):
        add_document(
            lib,
            document(clause("一", "同样的条款讲低空经济。"), sha=f"t{i}", title=f"文{i}", issued_date=date),
        )
    add_document(lib, document(clause("一", "低空经济，低空经济，低空经济。"), sha="many", title="多次"))
    hits = search(lib, "低空经济").hits
    assert hits[0].title == "多次"
    assert [h.issued_date for h in hits[1:]] == ["2024-03-01", "2021", "2019-01-01"]
    assert hits[0].score <= hits[1].score


def test_filters(lib):
    b = add_document(
        lib,
        document(
            clause("一", "元宇宙在汕尾"),
            sha="b",
            title="汕尾",
            issuer="汕尾市人民政府",
            issued_date="2022-02",
        ),
    ).document_id
    assert search(lib, "元宇宙").total == 2
    assert [h.document_id for h in search(lib, "元宇宙", document_ids=[b]).hits] == [b]
    assert search(lib, "元宇宙", document_ids=[]).total == 0
    assert search(lib, "元宇宙", issuer="汕尾").total == 1
    assert search(lib, "元宇宙", since="2023").total == 1
    assert search(lib, "元宇宙", until="2022").total == 1
    assert search(lib, "元宇宙", since="2022-02", until="2022-02").total == 1
    assert search(lib, "元宇宙", since="2026").total == 0


def _ids(result):
    return [h.clause_id for h in result.hits]


def _clause_ids_with(lib, fragment):
    rows = lib.conn.execute("SELECT id FROM clauses WHERE instr(text, ?) > 0 ORDER BY id", (fragment,))
    return [r[0] for r in rows]


def test_tag_filter(lib):
    from db.tags import tag_clauses

    add_document(lib, document(clause("一", "元宇宙在汕尾"), clause("二", "元宇宙与游戏"), sha="t"))
    meta = _clause_ids_with(lib, "元宇宙")
    assert len(meta) == 3
    tag_clauses(lib, meta[1:], ["重点 Ａ"])
    tag_clauses(lib, meta[:1], ["其他"])
    expected = set(meta[1:])
    for name in ["重点 Ａ", " 重点 a ", "重点 ａ"]:  # the tag's identity: NFKC + strip + casefold
        result = search(lib, "元宇宙", tag=name)
        assert result.total == 2 and set(_ids(result)) == expected
        assert set(matching_clause_ids(lib, "元宇宙", tag=name)) == expected
    assert search(lib, "游戏", tag="重点 A").total == 1
    assert search(lib, "元宇宙", tag="没有这个标签").total == 0  # unknown tag: no hits, no error
    assert matching_clause_ids(lib, "元宇宙", tag="没有这个标签") == []
    assert search(lib, "元宇宙", tag="其他", issuer="厦门").total == 1


def test_has_note_filter(lib):
    from db.notes import add_note

    add_document(lib, document(clause("一", "元宇宙在汕尾"), clause("二", "元宇宙与游戏"), sha="n"))
    meta = _clause_ids_with(lib, "元宇宙")
    add_note(lib, meta[0], "会上讨论")
    add_note(lib, meta[0], "第二条批注")  # two notes: still one hit
    add_note(lib, meta[2], "待核实")
    # an orphaned note (its clause went away on re-import) must not empty NOT IN
    lib.conn.execute("UPDATE notes SET clause_id = NULL WHERE text = '待核实'")
    assert set(_ids(search(lib, "元宇宙", has_note=True))) == {meta[0]}
    assert set(_ids(search(lib, "元宇宙", has_note=False))) == set(meta[1:])
    assert search(lib, "元宇宙", has_note=None).total == 3
    assert matching_clause_ids(lib, "元宇宙", has_note=True) == [meta[0]]
    assert search(lib, "元宇宙", has_note=True, tag="无").total == 0


# ---- ordering: bm25, then newest document, then clause id, on every page ---------------------


def reference_order(lib, query, **filters):
    """The exact order, by the straightforward statement: FTS5's own bm25 (`rank`) on a plain
    index of the same bigrams, joined to every hit for the date."""
    filt = search_module._filters(lib.conn, **filters)
    if filt.empty:
        return []
    build_reference_index(lib.conn)
    rows = lib.conn.execute(
        "SELECT f.rowid FROM ref_fts f JOIN clauses c ON c.id = f.rowid"
        " JOIN documents d ON d.id = c.document_id"
        f" WHERE ref_fts MATCH ?{filt.where} ORDER BY f.rank, d.issued_date DESC, c.id",
        (plan_query(query).match, *filt.params),
    ).fetchall()
    return [r[0] for r in rows]


@pytest.fixture(scope="module")
def tied(tmp_path_factory):
    """Many clauses with equal bm25 scores (same length, same count) across dated documents."""
    rng = random.Random(3)
    lib = open_library(tmp_path_factory.mktemp("tied") / "lib.db")
    texts = ["加快算力建设。", "推进算力建设。", "算力，算力。", "数字经济和算力。", "元宇宙园区。"]
    docs = []
    for i in range(40):
        date = rng.choice(["2019-01-01", "2021", "2021-05", "2024-03-01", "", "2022-02-02"])
        items = [clause(str(j), rng.choice(texts)) for j in range(rng.randint(1, 6))]
        docs.append(document(*items, sha=f"tie{i}", title=f"tie{i}", issued_date=date, issuer=f"机关{i % 3}"))
    add_documents(lib, docs)
    yield lib
    lib.close()


@pytest.mark.parametrize("margin", [0, 1, 5, 256])
@pytest.mark.parametrize("query", ["算力", "算力 建设", "元宇宙 OR 算力", "算力 -数字", "力"])
def test_pages_follow_exact_order_whatever_the_tie_margin(tied, monkeypatch, margin, query):
    monkeypatch.setattr(search_module, "TIE_MARGIN", margin)
    expected = reference_order(tied, query)
    assert len(expected) > 30  # the corpus really has long runs of equal scores
    assert matching_clause_ids(tied, query) == expected
    for offset, limit in [(0, 20), (0, 7), (7, 7), (20, 20), (len(expected) - 3, 10), (len(expected), 5)]:
        result = search(tied, query, limit=limit, offset=offset)
        assert result.total == len(expected)
        assert _ids(result) == expected[offset : offset + limit], (offset, limit)


@pytest.mark.parametrize(
    "filters",
    [
        {"issuer": "机关1"},
        {"since": "2021", "until": "2022"},
        {"document_ids": [1, 3, 5, 7, 9]},
        {"issuer": "机关2", "since": "2020"},
    ],
)
def test_filtered_pages_follow_exact_order(tied, monkeypatch, filters):
    for margin in (0, 256):
        monkeypatch.setattr(search_module, "TIE_MARGIN", margin)
        expected = reference_order(tied, "算力", **filters)
        assert expected
        assert matching_clause_ids(tied, "算力", **filters) == expected
        result = search(tied, "算力", limit=10, offset=3, **filters)
        assert result.total == len(expected)
        assert _ids(result) == expected[3:13]


def test_limit_zero_counts_only(tied):
    result = search(tied, "算力", limit=0)
    assert result.hits == () and result.total == len(reference_order(tied, "算力"))


def test_paging(lib):
    add_documents(
        lib, [document(clause("一", f"第{i}条讲算力"), sha=f"p{i}", title=f"p{i}") for i in range(30)]
    )
    first, second = search(lib, "算力", limit=20), search(lib, "算力", limit=20, offset=20)
    assert first.total == second.total == 31
    assert len(first.hits) == 20 and len(second.hits) == 11
    assert not {h.clause_id for h in first.hits} & {h.clause_id for h in second.hits}


def test_snippet_spans_point_at_original_text(lib):
    long = "前言。" * 40 + "加快建设ＡＩ算力中心，" + "结尾。" * 40
    add_document(lib, document(clause("一", long), sha="long"))
    hit = search(lib, "ai算力").hits[0]
    assert len(hit.snippet) <= 102 and hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert [hit.snippet[s:e] for s, e in hit.spans] == ["ＡＩ算力"]


def test_snippet_maps_expanding_characters(lib):
    add_document(lib, document(clause("一", "㈠推进数字化"), sha="x"))
    hit = search(lib, "(一)推进").hits[0]
    assert [hit.snippet[s:e] for s, e in hit.spans] == ["㈠推进"]


# ---- recall: the index must return every clause that contains the query ---------------------

WORDS = ["数字", "经济", "园区", "算力", "元宇宙", "税", "游戏", "出海", "AI", "５Ｇ", "人才", "数据"]


def corpus_texts(n=400, seed=7):
    rng = random.Random(seed)
    filler = "的和在对为以及推进加快建设发展产业政策企业，。；、（）《》 "
    out = []
    for _ in range(n):
        parts = [
            rng.choice(WORDS) if rng.random() < 0.3 else rng.choice(filler) for _ in range(rng.randint(1, 60))
        ]
        out.append("".join(parts))
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    lib = open_library(tmp_path_factory.mktemp("gen") / "lib.db")
    items = corpus_texts()
    docs = [
        document(*[clause(str(j), t) for j, t in enumerate(items[i : i + 20])], sha=f"g{i}", title=f"g{i}")
        for i in range(0, len(items), 20)
    ]
    add_documents(lib, docs)
    rows = lib.conn.execute("SELECT id, text FROM clauses").fetchall()
    yield lib, rows
    lib.close()


def truth(rows, query):
    plan = plan_query(query)
    return {i for i, t in rows if plan.accepts(norm(t))}


QUERIES = WORDS + [
    "数字经济",
    "园区 算力",
    "ai 税",
    "数字 -经济",
    "游戏 OR 出海",
    '"数字 经济"',
    "产业，",
    "5g",
    "ａｉ",
]


@pytest.mark.parametrize("query", QUERIES)
def test_recall_on_generated_corpus(generated, query):
    lib, rows = generated
    expected = truth(rows, query)
    assert set(matching_clause_ids(lib, query)) == expected
    assert search(lib, query, limit=5).total == len(expected)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet='数字经济园区算力税游戏AaＡ5５ ，。"-()', min_size=1, max_size=8))
def test_recall_property(generated, query):
    lib, rows = generated
    if not plan_query(query).match:
        return  # nothing searchable (only punctuation): documented to return nothing
    assert set(matching_clause_ids(lib, query)) == truth(rows, query)


def test_recall_on_seed_corpus(tmp_path, seeds_dir):
    import importers

    with open_library(tmp_path / "lib.db") as lib:
        for path in sorted(seeds_dir.iterdir()):
            add_document(lib, importers.import_file(path))
        rows = lib.conn.execute("SELECT id, text FROM clauses").fetchall()
        for query in [
            "游戏",
            "数字经济",
            "园区",
            "税",
            "元宇宙",
            "软件和信息技术服务业",
            "人才 引进",
            "算力",
            "十四五",
            "5G",
            "知识产权",
            "产业园区 建设",
            "厦门",
            "专栏",
        ]:
            expected = {i for i, t in rows if all(norm(w) in norm(t) for w in query.split())}
            result = search(lib, query, limit=1000)
            assert {h.clause_id for h in result.hits} == expected, query
            assert result.total == len(expected)


def test_every_hit_field_is_the_stored_value(tmp_path):
    """SearchHit is built by field name from its row (issue 19: it was built positionally)."""
    from db import add_document, document_clauses, get_document, open_library, search
    from tests.db.helpers import sample

    with open_library(tmp_path / "lib.db") as lib:
        doc_id = add_document(lib, sample()).document_id
        doc = get_document(lib, doc_id)
        stored = {c.id: c for c in document_clauses(lib, doc_id)}
        [hit] = search(lib, "元宇宙").hits
        clause = stored[hit.clause_id]
        assert (hit.document_id, hit.title, hit.doc_number, hit.issuer, hit.issued_date) == (
            doc.id,
            doc.title,
            doc.doc_number,
            doc.issuer,
            doc.issued_date,
        )
        assert (hit.path, hit.label, hit.heading, hit.text) == (
            clause.path,
            clause.label,
            clause.heading,
            clause.text,
        )
