"""Low-level OOXML that python-docx has no API for: fields, bookmarks, settings, font table.

Kept apart from the writer so the writer reads as a description of the pack.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

TOC_INSTRUCTION = r'TOC \o "1-2" \h \z \u'
TOC_SECTIONS_ONLY = r'TOC \o "1-1" \h \z \u'

# Elements that must come after w:updateFields in w:settings (ECMA-376 §17.15.1.78 order).
_AFTER_UPDATE_FIELDS = [
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
]


def _fld_char(kind: str):
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


def _instr(text: str):
    run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {text} "
    run.append(instr)
    return run


_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_BREAKS = {"\t": "w:tab", "\n": "w:br"}


def styled_paragraph(style_id: str):
    """A new w:p with its w:pStyle, built directly (Paragraph.style= walks the schema each time)."""
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    ppr.append(OxmlElement("w:pStyle", {qn("w:val"): style_id}))
    p.append(ppr)
    return p


def append_run(
    p,
    text: str,
    *,
    bold: bool = False,
    colour: str = "",
    half_points: int = 0,
    highlight: str = "",
) -> None:
    """Append a w:r holding `text` to the w:p `p`, built directly: python-docx's add_run and
    font setters look up each child's schema position, which a 2,000-clause pack feels.
    Tabs and line feeds become w:tab and w:br, as python-docx's Run.text makes them."""
    run = OxmlElement("w:r")
    if bold or colour or half_points or highlight:
        rpr = OxmlElement("w:rPr")  # children in schema order: b, color, sz, szCs, highlight
        if bold:
            rpr.append(OxmlElement("w:b"))
        if colour:
            rpr.append(OxmlElement("w:color", {qn("w:val"): colour}))
        if half_points:
            rpr.append(OxmlElement("w:sz", {qn("w:val"): str(half_points)}))
            rpr.append(OxmlElement("w:szCs", {qn("w:val"): str(half_points)}))
        if highlight:
            rpr.append(OxmlElement("w:highlight", {qn("w:val"): highlight}))
        run.append(rpr)
    start = 0
    for i, ch in enumerate(text):
        if ch in _BREAKS:
            _append_text(run, text[start:i])
            run.append(OxmlElement(_BREAKS[ch]))
            start = i + 1
    _append_text(run, text[start:])
    p.append(run)


def _append_text(run, text: str) -> None:
    if text:
        t = OxmlElement("w:t")
        t.set(_XML_SPACE, "preserve")
        t.text = text
        run.append(t)


def begin_field(paragraph, instruction: str) -> None:
    """Open a complex field in `paragraph`; its cached result follows, then end_field()."""
    p = paragraph._p
    p.append(_fld_char("begin"))
    p.append(_instr(instruction))
    p.append(_fld_char("separate"))


def end_field(paragraph) -> None:
    paragraph._p.append(_fld_char("end"))


def add_page_field(paragraph) -> None:
    """A PAGE field whose cached result is "1", so viewers that never compute fields show a number."""
    begin_field(paragraph, "PAGE")
    paragraph.add_run("1")  # cached value; Word and LibreOffice replace it on layout
    end_field(paragraph)


def add_bookmark(paragraph, bookmark_id: int, name: str) -> None:
    """Wrap the paragraph's content in a bookmark, the target of a TOC hyperlink."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    p = paragraph._p
    ppr = p.pPr
    p.insert(1 if ppr is not None else 0, start)
    p.append(end)


def add_internal_link(paragraph, anchor: str, text: str) -> None:
    """A hyperlink to a bookmark, as Word writes TOC entries (\\h switch)."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def add_toc_link(paragraph, anchor: str, text: str, page: int) -> None:
    """A 目录 entry as Word writes one: a hyperlink to the heading's bookmark holding the text,
    a tab (dot leader from the style) and a PAGEREF field whose cached result is `page`."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    link.append(_text_run(text))
    tab = OxmlElement("w:r")
    tab.append(OxmlElement("w:tab"))
    link.append(tab)
    link.append(_fld_char("begin"))
    link.append(_instr(f"PAGEREF {anchor} \\h"))
    link.append(_fld_char("separate"))
    link.append(_text_run(str(page)))
    link.append(_fld_char("end"))
    paragraph._p.append(link)


def _text_run(text: str):
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    run.append(t)
    return run


def borders(sides) -> object:
    """A w:pBdr with a single rule on each (side, width in 1/8 pt, colour) given."""
    element = OxmlElement("w:pBdr")
    order = ("top", "left", "bottom", "right")
    for side, width, colour in sorted(sides, key=lambda s: order.index(s[0])):
        rule = OxmlElement(f"w:{side}")
        rule.set(qn("w:val"), "single")
        rule.set(qn("w:sz"), str(width))
        rule.set(qn("w:space"), "1")
        rule.set(qn("w:color"), colour)
        element.append(rule)
    return element


def request_field_update(settings) -> None:
    """w:updateFields: Word refreshes the TOC (with page numbers) when the file is opened."""
    root = settings.element
    if root.find(qn("w:updateFields")) is not None:
        return
    element = parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>')
    for tag in _AFTER_UPDATE_FIELDS:
        follower = root.find(qn(tag))
        if follower is not None:
            follower.addprevious(element)
            return
    root.append(element)


def set_theme_language(settings, east_asia: str = "zh-CN") -> None:
    """The template says ja-JP, which makes viewers pick Japanese glyph shapes for 汉字."""
    lang = settings.element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), east_asia)


def register_fonts(document, fallbacks: dict[str, str]) -> None:
    """Declare the GB/T fonts in word/fontTable.xml with their Windows alternates.

    w:charset 86 (GB2312) tells Word the font is Chinese, so a missing 仿宋_GB2312 is
    replaced by a Chinese font (w:altName first) rather than a Latin one.
    """
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    root = parse_xml(part.blob)
    known = {font.get(qn("w:name")) for font in root.findall(qn("w:font"))}
    for name, alt in fallbacks.items():
        if name in known:
            continue
        root.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/>'
                '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
            )
        )
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# w:pPr children in schema order; python-docx knows only some of them.
_PPR_ORDER = [
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
]


def set_ppr_child(ppr, element) -> None:
    """Put `element` into a w:pPr at its schema position, replacing one of the same tag."""
    tag = element.tag
    for old in ppr.findall(tag):
        ppr.remove(old)
    prefixed = next(name for name in _PPR_ORDER if qn(name) == tag)
    successors = _PPR_ORDER[_PPR_ORDER.index(prefixed) + 1 :]
    ppr.insert_element_before(element, *successors)
