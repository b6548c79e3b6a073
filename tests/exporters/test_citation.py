from exporters.brief import SourceDoc
from exporters.citation import cite, cite_source, compact_path
from exporters.cn_format import chinese_numeral, format_date
from tests.exporters.conftest import make_item

REPLY = SourceDoc(
    "关于推动游戏产业转型升级的提案的答复", "厦湖科工函〔2025〕13号", "厦门市湖里区科技和工信局", "2025-06-16"
)


def test_full_citation():
    item = make_item(1, path="二/（一）/1", source=REPLY)
    assert cite(item) == (
        "《关于推动游戏产业转型升级的提案的答复》（厦湖科工函〔2025〕13号）二（一）1，厦门市湖里区科技和工信局，2025年6月16日"
    )


def test_missing_parts_leave_no_empty_brackets():
    assert (
        cite_source(SourceDoc("规划", "", "市工信局", "2022-02"), "六/（三）")
        == "《规划》六（三），市工信局，2022年2月"
    )
    assert cite_source(SourceDoc("规划"), "") == "《规划》"
    assert cite_source(SourceDoc("", "", "某局", ""), "") == "某局"
    assert cite_source(SourceDoc(""), "") == ""
    assert "（）" not in cite_source(SourceDoc("规划", "  "), "")


def test_title_already_in_book_marks_is_not_doubled():
    assert cite_source(SourceDoc("《规划》")) == "《规划》"


def test_compact_path():
    assert compact_path("二/（一）/1") == "二（一）1"
    assert compact_path("一、/(4)/1.") == "一（4）1"
    assert compact_path("第一章/第三条") == "第一章第三条"
    assert compact_path("") == ""
    assert compact_path("/二//") == "二"


def test_dates_and_numerals():
    assert format_date("2025-06-16") == "2025年6月16日"
    assert format_date("2022") == "2022年"
    assert format_date("2025-07-01T10:30:00+08:00", with_time=True) == "2025年7月1日 10:30"
    assert format_date("二〇二二年二月") == "二〇二二年二月"
    assert [chinese_numeral(n) for n in (1, 10, 12, 20, 105, 2000)] == [
        "一",
        "十",
        "十二",
        "二十",
        "一百零五",
        "二千",
    ]
