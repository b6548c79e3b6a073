"""Cleaned body paragraphs -> the clause tree.

Levels come from the order in which numbering styles appear, not from a fixed
table: a style already open above the current item closes everything below it
(a sibling); a style not seen in the open chain starts a new, deeper level.
专栏 boxes sit inside the item they appear in; 附件 restarts at the top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from importers.cleanup import display_width
from importers.model import Clause
from importers.numbering import Label, match_label, path_part

PREAMBLE_PATH = "引言"
_BARE_CN = re.compile(r"^[一二三四五六七八九十]{1,3}$")
_KIND = {"box": "box", "attachment": "attachment"}


@dataclass
class _Draft:
    label: str
    style: str
    kind: str
    heading: str
    lines: list[str]
    children: list[_Draft] = field(default_factory=list)


def heading_of(label: Label) -> str:
    """The short title of an item: its whole line, or its first sentence if that is short."""
    rest = label.rest.strip()
    if "。" not in rest and display_width(rest) <= 80:
        return rest.rstrip("：:；;")
    first, _, _ = rest.partition("。")
    return first if display_width(first) <= 50 else ""


def _freeze(draft: _Draft, parent_path: str, level: int) -> Clause:
    part = path_part(draft.label) if draft.label else (draft.heading or PREAMBLE_PATH)
    path = f"{parent_path}/{part}" if parent_path else part
    children = tuple(_freeze(child, path, level + 1) for child in draft.children)
    return Clause(draft.label, path, level, draft.heading, "\n".join(draft.lines), draft.kind, children)


def _preamble(first: str) -> _Draft:
    # A lone short line such as 前言 names the preamble; otherwise it is just text.
    heading = first if display_width(first) <= 12 and "。" not in first else ""
    return _Draft("", "preamble", "preamble", heading, [first])


def build_tree(paragraphs: list[str]) -> tuple[Clause, ...]:
    """Every numbered paragraph becomes a node; other paragraphs join the node above them."""
    root = _Draft("", "root", "root", "", [])
    stack: list[_Draft] = [root]
    for para in paragraphs:
        label = match_label(para)
        if label is None and len(para) <= 3 and _BARE_CN.match(para) and any(d.style == "cn" for d in stack):
            label = Label(
                "cn", para, ""
            )  # `三` alone where 一、 二、 came before: the same level, its 、 lost
        if label is None:
            if len(stack) == 1:
                if root.children and root.children[-1].kind == "preamble":
                    root.children[-1].lines.append(para)
                else:
                    root.children.append(_preamble(para))
            else:
                stack[-1].lines.append(para)
            continue
        if label.style == "attachment":
            del stack[1:]
        else:
            open_styles = [d.style for d in stack]
            if label.style in open_styles:
                del stack[open_styles.index(label.style) :]
        node = _Draft(label.text, label.style, _KIND.get(label.style, "item"), heading_of(label), [para])
        stack[-1].children.append(node)
        stack.append(node)
    return tuple(_freeze(d, "", 1) for d in root.children)
