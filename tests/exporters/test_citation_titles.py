"""Titles that quote other titles are typeset with 〈〉 inside 《》."""

from exporters.citation import book_title


def test_nested_titles_use_angle_brackets_inside():
    assert (
        book_title("关于《关于推动游戏产业转型升级的提案》的答复")
        == "《关于〈关于推动游戏产业转型升级的提案〉的答复》"
    )
    assert book_title("《厦门市元宇宙产业发展三年行动计划》") == "《厦门市元宇宙产业发展三年行动计划》"
    assert book_title("  ") == ""
