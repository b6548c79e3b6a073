"""Build .docx fixtures with real Word list numbering (numbering.xml), at test time."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

# Level 0 "一、", level 1 "（一）", level 2 "1.", level 3 "1.1" (decimal, %3.%4); a bullet list;
# and a second instance of the policy list that restarts at 五.
NUMBERING_XML = f"""
<w:numbering {nsdecls("w")}>
  <w:abstractNum w:abstractNumId="10">
    <w:multiLevelType w:val="multilevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
    <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3.%4"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="11">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="12">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="21"><w:abstractNumId w:val="10"/></w:num>
  <w:num w:numId="22"><w:abstractNumId w:val="11"/></w:num>
  <w:num w:numId="23">
    <w:abstractNumId w:val="10"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>
  </w:num>
  <w:num w:numId="24"><w:abstractNumId w:val="12"/></w:num>
</w:numbering>
"""

POLICY_LIST = 21
BULLETS = 22
POLICY_LIST_FROM_FIVE = 23
CIRCLED = 24
LINKED_STYLE = "PolicyLevel1"  # a paragraph style numbered as level 0 of POLICY_LIST


def new_document() -> docx.document.Document:
    """A python-docx document whose numbering part holds NUMBERING_XML and a list-linked style."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(NUMBERING_XML):
        numbering.append(child)
    style = document.styles.add_style(LINKED_STYLE, 1)  # 1 = WD_STYLE_TYPE.PARAGRAPH
    style.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="{POLICY_LIST}"/></w:numPr>')
    )
    return document


def numbered(document, text: str, num_id: int, ilvl: int = 0):
    """Add a paragraph numbered by Word (the number is not in its text)."""
    paragraph = document.add_paragraph(text)
    num_pr = parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    )
    paragraph._p.get_or_add_pPr().append(num_pr)
    return paragraph


def set_vertical_merge(cell, value: str | None) -> None:
    """Mark a table cell as the start (restart) or a continuation (None) of a vertical merge."""
    tc_pr = cell._tc.get_or_add_tcPr()
    merge = parse_xml(f"<w:vMerge {nsdecls('w')}/>")
    if value:
        merge.set(qn("w:val"), value)
    tc_pr.append(merge)


def save(document, path: Path) -> Path:
    document.save(str(path))
    return path
