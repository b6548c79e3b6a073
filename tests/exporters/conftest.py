"""Small briefs to write, and helpers to read a written .docx back."""

from __future__ import annotations

import pytest

from exporters.brief import Brief, BriefItem, BriefNote, BriefSection, SourceDoc
from exporters.sample import sample_brief

SOURCE = SourceDoc("测试文件", "测试发〔2025〕1号", "测试局", "2025-01-02")


def make_item(n: int, text: str = "", **kwargs) -> BriefItem:
    values = {
        "clause_id": n,
        "text": text or f"第{n}条的正文，内容用于测试。",
        "path": f"一/（{n}）",
        "label": f"（{n}）",
        "heading": f"条款{n}",
        "source": SOURCE,
    }
    values.update(kwargs)
    return BriefItem(**values)


def one_item_brief(**kwargs) -> Brief:
    item = make_item(1, notes=(BriefNote("一条批注", meeting="第1次会议", meeting_date="2025-03-04"),))
    values = {"title": "小简报", "sections": (BriefSection("唯一部分", (item,)),), "include_appendix": False}
    values.update(kwargs)
    return Brief(**values)


@pytest.fixture
def sample():
    return sample_brief()
