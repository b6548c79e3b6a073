"""Pure text helpers: the score and the diff an officer reads."""

from db.intel import diff, similarity


def test_identical_text_scores_one_and_has_no_diff():
    text = "深入贯彻落实厦门市“群鹭兴厦”“双百计划”等重大人才工程。"
    assert similarity(text, text) == 1.0
    assert diff(text, text).ops == ()


def test_hard_line_breaks_and_spaces_are_not_differences():
    a = "深入贯彻落实厦门市“群鹭兴厦”“双百计划”等重大人才工程。"
    b = "深入贯彻落实厦门市“群鹭兴厦”“双百计划”等重大人才\n工程。"
    assert similarity(a, b) == 1.0
    assert diff(a, b).ops == ()


def test_numbers_differ_as_whole_numbers_and_spans_point_into_the_originals():
    a = "到2024年，营收突破300亿元。"
    b = "到2025年，营收 突破\n500亿元，力争更多。"
    d = diff(a, b)
    assert [a[s:e] for s, e in d.a_spans] == ["2024", "300"]
    assert [b[s:e] for s, e in d.b_spans] == ["2025", "500", "，力争更多"]
    assert [op.tag for op in d.ops] == ["replace", "replace", "insert"]
    insert = d.ops[-1]
    assert insert.a[0] == insert.a[1] == a.index("。")  # an insertion point in the old text


def test_unrelated_clauses_score_low():
    a = "加快推进数字经济产业园区建设，重点布局人工智能、元宇宙等新兴产业。"
    b = "强化知识产权保护，健全知识产权公共服务体系。"
    assert similarity(a, b) < 0.2


def test_full_width_forms_compare_equal():
    assert similarity("推进５Ｇ基站建设", "推进5G基站建设") == 1.0


def test_a_number_run_is_not_widened_into_the_next_change():
    # 2 changes close together: widening the first must stop where the second begins
    a = "奖励30万元ABC，补助5万元。"
    b = "奖励31万元XY，补助50万元。"
    d = diff(a, b)
    for op in d.ops:
        assert 0 <= op.a[0] <= op.a[1] <= len(a) and 0 <= op.b[0] <= op.b[1] <= len(b)
    assert "".join(a[s:e] for s, e in d.a_spans).count("30") == 1


def test_random_edits_give_spans_inside_both_texts():
    import random

    rng = random.Random(3)
    alphabet = "数字经济12345abc，。 \n"
    for _ in range(300):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        for op in diff(a, b).ops:
            assert 0 <= op.a[0] <= op.a[1] <= len(a) and 0 <= op.b[0] <= op.b[1] <= len(b)
