"""The seed documents, parsed as an officer would see them (issue 2 acceptance)."""

import pytest

from importers import import_file


def clause(doc, path):
    for c in doc.walk():
        if c.path == path:
            return c
    raise AssertionError(f"no clause {path!r}; have {[c.path for c in doc.walk()]}")


def all_text(doc):
    return "\n".join(c.text for c in doc.walk())


@pytest.fixture(scope="module")
def parsed(seed):
    cache = {}

    def get(prefix):
        if prefix not in cache:
            cache[prefix] = import_file(seed(prefix))
        return cache[prefix]

    return get


def test_000_reply_metadata(parsed):
    meta = parsed("000").metadata
    assert meta.doc_number == "厦湖科工函〔2025〕13号"
    assert meta.issuer == "厦门市湖里区科技和工信局"
    assert meta.issued_date == "2025-06-16"
    assert meta.category == "A类"
    assert meta.addressee == "翟健委员"
    assert meta.cc == "区政协提案委员会，区政府办公室"
    assert meta.proposal_number == "20253010"


def test_000_tree_follows_numbering(parsed):
    doc = parsed("000")
    numbered = [c for c in doc.clauses if c.label]
    assert [c.label for c in numbered] == ["一、", "二、", "三、"]
    assert [c.label for c in clause(doc, "二/（一）").children] == ["1.", "2.", "3.", "4."]
    assert [c.label for c in clause(doc, "二/（二）").children] == ["1.", "2.", "3."]
    assert clause(doc, "二/（一）/2").heading == "完善数字基础设施，强化技术支撑能力"


def test_000_lines_broken_mid_sentence_are_rejoined(parsed):
    text = all_text(parsed("000"))
    assert "通过政策引导" in text
    assert "有效激发了企业创新活力" in text


def test_000_signature_and_contacts_are_not_clauses(parsed):
    text = all_text(parsed("000"))
    for field in ("联系电话", "承办单位联系人", "抄送", "此件主动公开"):
        assert field not in text


def test_001_front_matter_and_markdown(parsed):
    doc = parsed("001")
    assert doc.metadata.title == "抢抓元宇宙发展机遇，厦门市印发三年行动计划"
    assert doc.metadata.issued_date == "2022-07-06"
    tasks = next(c for c in doc.clauses if c.label == "二、")
    assert tasks.heading == "重点任务"
    assert [c.label for c in tasks.children] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    items = [g.label for c in tasks.children for g in c.children]
    assert items == [f"{i}." for i in range(1, 13)]
    assert "**" not in all_text(doc) and "\\" not in all_text(doc)


def test_002_two_line_title_and_rejoined_paragraphs(parsed):
    doc = parsed("002")
    assert doc.metadata.title == "关于区政协九届四次会议第20251009号提案办理情况答复的函"
    assert doc.metadata.doc_number == "厦湖科工函〔2025〕11号"
    assert doc.metadata.proposal_number == "20251009"
    assert any("党中央、国务院高度重视" in c.text for c in doc.walk())
    background = clause(doc, "一")
    assert background.text.count("\n") == 1  # heading line + one whole paragraph


def test_003_top_level_is_arabic_with_comma(parsed):
    doc = parsed("003")
    assert doc.metadata.title == "汕尾市培育数字创意战略性新兴产业集群实施方案"
    top = [c for c in doc.clauses if c.label]
    assert [c.label for c in top] == ["1、", "2、", "3、", "4、"]
    assert top[0].heading == "总体情况" and top[3].heading == "保障措施"
    tasks = top[2]
    assert [c.label for c in tasks.children] == ["（一）", "（二）", "（三）", "（四）"]
    items = [g.path.rsplit("/", 1)[1] for c in tasks.children for g in c.children]
    assert items == [str(i) for i in range(1, 15)]


def test_004_plan_metadata_and_no_table_of_contents(parsed):
    doc = parsed("004")
    assert doc.metadata.issuer == "厦门市工业和信息化局"
    assert doc.metadata.issued_date == "2022-02"
    assert doc.metadata.title.replace(" ", "") == "厦门市软件和信息技术服务业“十四五”发展规划"
    assert [c.label for c in doc.clauses if c.label] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    assert doc.clauses[0].heading == "前言"
    text = all_text(doc)
    assert "....." not in text
    assert not any(line.startswith("目录") for line in text.splitlines())
    assert sum(c.heading == "主要成就" for c in doc.walk()) == 1  # the TOC's copy is gone


def test_004_boxes_sit_inside_their_sections(parsed):
    doc = parsed("004")
    boxes = [c for c in doc.walk() if c.kind == "box"]
    names = [c.label for c in boxes]
    assert names == [f"专栏4-{i}" for i in range(1, 6)] + [f"专栏5-{i}" for i in range(1, 9)]
    assert clause(doc, "四/（一）/（1）/专栏4-1").heading == "行业应用软件“提质”行动"
    assert all(b.level > 1 for b in boxes)


def test_004_half_width_brackets_are_the_same_level(parsed):
    doc = parsed("004")
    software = next(c for c in doc.walk() if c.heading == "工业软件")
    security = next(c for c in doc.walk() if c.heading == "网络安全")
    assert software.label == "（3）" and security.label == "(4)"
    assert software.level == security.level
    assert security.path == "四/（二）/（4）"
