import pytest

from db import (
    DocumentNotFoundError,
    add_document,
    add_documents,
    document_clauses,
    get_document,
    list_documents,
    open_library,
    remove_document,
    replaced_versions_of,
    revert_version,
    search,
    update_metadata,
)
from db.notes import add_note, notes_for_clause
from tests.db.helpers import clause, document, sample


@pytest.fixture
def lib(tmp_path):
    with open_library(tmp_path / "lib.db") as lib:
        yield lib


def test_add_stores_metadata_and_clauses_in_order(lib):
    out = add_document(lib, sample(authors=("张三",), tags=("游戏",)))
    assert (out.status, out.clauses) == ("imported", 4)
    doc = get_document(lib, out.document_id)
    assert doc.doc_number == "厦湖科工函〔2025〕13号" and doc.authors == ("张三",) and doc.tags == ("游戏",)
    assert doc.clause_count == 4 and doc.sha256 == "s1"
    clauses = document_clauses(lib, out.document_id)
    assert [c.path for c in clauses] == ["一", "一/一", "二", "三"]
    assert [c.position for c in clauses] == [0, 1, 2, 3]
    assert clauses[1].parent_id == clauses[0].id and clauses[0].parent_id is None
    assert clauses[1].level == 2


def test_same_sha_is_duplicate_and_writes_nothing(lib):
    first = add_document(lib, sample())
    changes = lib.conn.total_changes
    again = add_document(lib, sample(title="别的标题", doc_number="别的文号"))
    assert (again.status, again.document_id) == ("duplicate", first.document_id)
    assert lib.conn.total_changes == changes


def test_without_sha_identity_comes_from_content(lib):
    a = add_document(lib, sample(sha=""))
    assert add_document(lib, sample(sha="")).status == "duplicate"
    assert get_document(lib, a.document_id).sha256


def test_new_version_keeps_matching_clause_ids(lib):
    old = add_document(lib, sample())
    before = {c.text: c.id for c in document_clauses(lib, old.document_id)}
    new = document(
        clause(
            "一",
            "一、办理工作背景",
            clause("一/一", "湖里区游戏产业在精品化研发和出海拓展方面取得一定成效。"),
        ),
        clause("二", "加快推进数字经济产业园区建设，重点布局区块链等新兴产业。"),  # text changed, same path
        clause("三", "全新的条款：推进低空经济。"),
        clause("四", "推进５Ｇ基站和算力基础设施建设，完善税收优惠政策。"),  # moved: same text, new path
        sha="s2",
        title="测试文件",
        doc_number="厦湖科工函〔2025〕13号",
    )
    out = add_document(lib, new)
    assert (out.status, out.document_id, out.clauses) == ("updated", old.document_id, 5)
    after = document_clauses(lib, old.document_id)
    by_path = {c.path: c for c in after}
    assert by_path["一"].id == before["一、办理工作背景"]
    assert by_path["一/一"].parent_id == by_path["一"].id
    assert by_path["二"].id == before["加快推进数字经济产业园区建设，重点布局人工智能、元宇宙等新兴产业。"]
    assert by_path["四"].id == before["推进５Ｇ基站和算力基础设施建设，完善税收优惠政策。"]
    assert by_path["三"].id not in before.values()
    assert [c.position for c in after] == list(range(5))
    assert get_document(lib, old.document_id).issuer == "厦门市湖里区科技和工信局"  # kept: new one lacked it
    # the index follows the new text
    assert search(lib, "元宇宙").total == 0
    assert search(lib, "区块链").total == 1
    assert search(lib, "低空经济").total == 1
    assert search(lib, "算力").hits[0].path == "四"
    assert len(list_documents(lib)) == 1


PLAN = [
    "一、加强组织领导。各单位要高度重视，明确责任分工，确保工作落实到位。",
    "二、强化资金保障。统筹安排专项资金，支持重点项目建设，提高资金使用效益。",
]


def test_same_title_and_mostly_the_same_text_is_a_new_version(lib):
    add_document(
        lib, document(clause("一", PLAN[0]), clause("二", PLAN[1] + "第一版"), sha="a", title="实施方案")
    )
    out = add_document(
        lib, document(clause("一", PLAN[0]), clause("二", PLAN[1] + "第二版"), sha="b", title="实施方案")
    )
    assert out.status == "updated"
    assert search(lib, "第一版").total == 0 and search(lib, "第二版").total == 1


def test_same_title_but_unrelated_text_is_another_document(lib):
    """Two files both called 附件1.txt, neither with a title line, get the same title from their
    names: that is no evidence that one replaces the other, and the first one's text must stay."""
    first = add_document(lib, document(clause("一", PLAN[0]), clause("二", PLAN[1]), sha="a", title="附件1"))
    other = add_document(
        lib,
        document(
            clause("1", "1.项目名称：城市更新示范片区。建设内容包括道路改造、管网更新和绿化提升。"),
            clause("2", "2.项目名称：老旧小区改造。改造小区三十个，惠及居民一万户。"),
            sha="b",
            title="附件1",
        ),
    )
    assert other.status == "imported" and other.document_id != first.document_id
    assert search(lib, "组织领导").total == 1 and search(lib, "老旧小区").total == 1
    assert replaced_versions_of(lib, first.document_id) == []


def test_a_replaced_version_is_kept_and_can_be_reverted(lib):
    old = add_document(
        lib,
        document(
            clause("一", PLAN[0]),
            clause("二", PLAN[1] + "第一版"),
            sha="a",
            title="实施方案",
            doc_number="X〔2024〕1号",
            issuer="甲局",
        ),
    )
    clauses = document_clauses(lib, old.document_id)
    add_note(lib, clauses[0].id, "会上要求细化分工")
    new = add_document(
        lib,
        document(
            clause("一", PLAN[0]),
            clause("二", PLAN[1] + "第二版"),
            sha="b",
            title="实施方案（修订）",
            doc_number="X〔2024〕1号",
        ),
    )
    assert new.status == "updated"
    [kept] = replaced_versions_of(lib, old.document_id)
    assert (kept.title, kept.clause_count) == ("实施方案", 2)
    back = revert_version(lib, kept.id)
    assert back.document_id == old.document_id
    doc = get_document(lib, old.document_id)
    assert (doc.title, doc.issuer) == ("实施方案", "甲局")
    assert search(lib, "第一版").total == 1 and search(lib, "第二版").total == 0
    assert [n.text for n in notes_for_clause(lib, clauses[0].id)] == ["会上要求细化分工"]
    # The version it replaced is kept in turn: reverting is itself revertible.
    [again] = replaced_versions_of(lib, old.document_id)
    assert again.title == "实施方案（修订）"


def test_same_title_different_numbers_are_different_documents(lib):
    add_document(lib, document(clause("一", "甲"), sha="a", title="年度通知", doc_number="X〔2024〕1号"))
    out = add_document(
        lib, document(clause("一", "乙"), sha="b", title="年度通知", doc_number="X〔2025〕1号")
    )
    assert out.status == "imported"


def test_failed_update_leaves_library_unchanged(lib, monkeypatch):
    add_document(lib, sample())
    from db import versions

    def boom(*args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(versions, "replace_clauses", boom)
    with pytest.raises(RuntimeError):
        add_document(lib, document(clause("一", "新内容"), sha="s2", doc_number="厦湖科工函〔2025〕13号"))
    assert get_document(lib, 1).sha256 == "s1"
    assert search(lib, "元宇宙").total == 1


def test_failed_bulk_add_leaves_library_unchanged(lib):
    bad = document(clause("一", None), sha="bad")  # NOT NULL text: the insert fails
    with pytest.raises(Exception):  # noqa: B017 - any database error
        add_documents(lib, [sample(), bad])
    assert list_documents(lib) == []
    assert search(lib, "元宇宙").total == 0


def test_remove_deletes_clauses_and_index(lib):
    a = add_document(lib, sample())
    b = add_document(lib, document(clause("一", "另一份文件也谈元宇宙"), sha="x", title="另一份"))
    remove_document(lib, a.document_id)
    assert [d.id for d in list_documents(lib)] == [b.document_id]
    assert (
        lib.conn.execute("SELECT count(*) FROM clauses WHERE document_id = ?", (a.document_id,)).fetchone()[0]
        == 0
    )
    result = search(lib, "元宇宙")
    assert result.total == 1 and result.hits[0].document_id == b.document_id


def test_unknown_ids_raise_not_found(lib):
    with pytest.raises(DocumentNotFoundError):
        get_document(lib, 42)
    with pytest.raises(DocumentNotFoundError):
        remove_document(lib, 42)
    with pytest.raises(DocumentNotFoundError):
        document_clauses(lib, 42)
    with pytest.raises(DocumentNotFoundError):
        update_metadata(lib, 42, title="x")


def test_update_metadata(lib):
    out = add_document(lib, sample())
    doc = update_metadata(lib, out.document_id, title="新标题", tags=["算力", "政策"])
    assert doc.title == "新标题" and doc.tags == ("算力", "政策")
    with pytest.raises(ValueError):
        update_metadata(lib, out.document_id, sha256="x")


def test_list_documents_newest_first(lib):
    add_document(lib, document(clause("一", "a"), sha="1", title="旧", issued_date="2020-01-01"))
    add_document(lib, document(clause("一", "b"), sha="2", title="无日期"))
    add_document(lib, document(clause("一", "c"), sha="3", title="新", issued_date="2024-05"))
    assert [d.title for d in list_documents(lib)] == ["新", "旧", "无日期"]


def test_seed_documents_import(tmp_path, seeds_dir):
    import importers

    with open_library(tmp_path / "lib.db") as lib:
        for path in sorted(seeds_dir.iterdir()):
            out = add_document(lib, importers.import_file(path))
            assert out.status == "imported" and out.clauses > 0
            assert add_document(lib, importers.import_file(path)).status == "duplicate"
