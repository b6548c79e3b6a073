"""`标签：值` lines: the metadata table of a government web page and a copy's front matter.

Government sites print a table above the document (索引号 / 发文机关 / 成文日期 / 标题 / 发文字号 /
发布日期 / 主题词), and markdown copies carry front matter (标题: / 文号: / 发布单位:). Extracted
as text they come out in three shapes, which all must read alike:

* one pair per line:            ``发文字号：国发〔2019〕5号``
* a table row, several pairs:   ``发文字号： 国发〔2019〕5号 发布日期： 2019年02月15日``
* label and value on two lines: ``发文字号：`` / ``国发〔2019〕5号`` (cells as paragraphs)

Only known labels count, so body text that happens to contain a colon is never read as a field.
No regular expressions on the line: colons are located with str.find, labels looked up in a dict.
"""

from __future__ import annotations

# label (spaces removed) -> what it tells us; "" = a known label we do not use.
LABELS: dict[str, str] = {
    "标题": "title",
    "题名": "title",
    "文件名称": "title",
    "发文字号": "doc_number",
    "文号": "doc_number",
    "发文文号": "doc_number",
    "文件编号": "doc_number",
    "发文机关": "org",
    "发文单位": "org",
    "发布单位": "org",
    "发布机构": "org",
    "发布机关": "org",
    "发文机构": "org",
    "制发机关": "org",
    "成文日期": "written_date",
    "成文时间": "written_date",
    "发布日期": "",
    "发布时间": "",
    "公布日期": "",
    "索引号": "",
    "主题分类": "",
    "主题词": "",
    "关键词": "",
    "层级": "",
    "类型": "",
    "分类": "",
    "状态": "",
    "官方链接": "",
    "原文链接": "",
    "生效日期": "",
    "实施日期": "",
    "施行日期": "",
    "有效性": "",
    "时效性": "",
    "效力状态": "",
    "公开方式": "",
    "公开范围": "",
    "体裁分类": "",
    "组配分类": "",
    "公文种类": "",
    "文种": "",
    "信息来源": "",
    "信息分类": "",
    "所属机构": "",
    "统一编号": "",
}
_MAX_LABEL = max(len(label) for label in LABELS)
_SPACES = " \u3000\t\xa0"
_COLONS = "：:"


def _compact(text: str) -> str:
    return "".join(ch for ch in text if ch not in _SPACES)


def _colons(line: str) -> list[int]:
    return [i for i, ch in enumerate(line) if ch in _COLONS]


def label_of(line: str) -> str:
    """The known label a line starts with (`索 引 号：…` -> 索引号), or ""."""
    head = line[: 3 * _MAX_LABEL + 2]
    wide, narrow = head.find("："), head.find(":")
    cut = wide if narrow < 0 or 0 <= wide < narrow else narrow
    if cut <= 0:
        return ""
    label = _compact(head[:cut])
    return label if label in LABELS else ""


def _label_suffix(segment: str) -> tuple[str, int]:
    """A known label that `segment` ends with, and where it starts in `segment`; ("", -1) if none."""
    compact = _compact(segment[-3 * _MAX_LABEL :])
    for size in range(min(_MAX_LABEL, len(compact)), 1, -1):
        label = compact[-size:]
        if label in LABELS:
            # walk back over `size` non-space characters
            pos, seen = len(segment), 0
            while pos > 0 and seen < size:
                pos -= 1
                if segment[pos] not in _SPACES:
                    seen += 1
            before = segment[:pos]
            if not before.strip(_SPACES) or before[-1:] in _SPACES:
                return label, pos  # the label stands alone, not the tail of a longer word
    return "", -1


def field_pairs(line: str) -> list[tuple[str, str]]:
    """[(label, value), ...] of a line that starts with a known label; [] otherwise."""
    first = label_of(line)
    if not first:
        return []
    cuts = _colons(line)
    pairs: list[tuple[str, str]] = []
    label, start = first, cuts[0] + 1
    for colon in cuts[1:]:
        segment = line[start:colon]
        nxt, pos = _label_suffix(segment)
        if not nxt:
            continue  # a colon inside the value (https://, 10:00)
        pairs.append((label, segment[:pos].strip(_SPACES)))
        label, start = nxt, colon + 1
    pairs.append((label, line[start:].strip(_SPACES)))
    return pairs


def is_field_line(line: str) -> bool:
    return bool(label_of(line))
