"""Markdown (.md, and .txt files that are really Markdown) -> SourceText.

Markdown is a way of writing plain text, so we keep the text and drop the
markup: heading marks, emphasis, links, images, quote marks, bullets, tables
and HTML tags. A YAML front matter block becomes `front_matter`.

Markdown paragraphs may be wrapped, so the result is hard_wrapped and a blank
line marks a paragraph boundary. Block elements whose markup we remove
(headings, list items, table rows) are separated by blank lines, so the
clean-up stage does not glue them to their neighbours once the markup is gone.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import yaml

from importers.decode import decode_bytes
from importers.errors import DocumentError
from importers.model import SourceText

__all__ = ["looks_like_front_matter", "parse_markdown", "read"]


def read(path: Path) -> SourceText:
    return parse_markdown(decode_bytes(path.read_bytes(), path.name), fmt="md", name=path.name)


def parse_markdown(text: str, fmt: str = "md", name: str = "") -> SourceText:
    """Front matter and de-marked-down body lines of a Markdown text."""
    lines = text.lstrip("\ufeff").splitlines()
    front_matter, body_start = _front_matter(lines, name)
    body = _body_lines(lines[body_start:])
    return SourceText(tuple(body), fmt, front_matter, True)


# --- front matter -------------------------------------------------------------------------------

_FM_DELIMITERS = ("---",)
_FM_CLOSERS = ("---", "...")
_YAML_KEY_LINE = re.compile(r"^[A-Za-z_\u4e00-\u9fff][\w\-\u4e00-\u9fff]*\s*:")
_TITLE_KEY = re.compile(r"^title\s*:", re.MULTILINE)
_MAX_FM_LINES = 500  # front matter is a few dozen lines; don't scan a whole book for a closer


def looks_like_front_matter(text: str) -> bool:
    """True if `text` opens with a `---` block that has a `title:` key (a Markdown file saved as .txt)."""
    lines = text.lstrip("\ufeff").splitlines()
    end = _front_matter_end(lines)
    return end is not None and bool(_TITLE_KEY.search("\n".join(lines[1:end])))


def _front_matter_end(lines: list[str]) -> int | None:
    """Index of the closing delimiter, if `lines` start with something shaped like YAML front matter."""
    if not lines or lines[0].strip() not in _FM_DELIMITERS:
        return None
    for index in range(1, min(len(lines), _MAX_FM_LINES)):
        if lines[index].strip() in _FM_CLOSERS:
            block = [line for line in lines[1:index] if line.strip()]
            # A leading `---` can also be a thematic break; only `key:` lines make it front matter.
            return index if not block or _YAML_KEY_LINE.match(block[0]) else None
    return None


# Front matter is a few hundred bytes of title/date/issuer. PyYAML is pure Python (~1 MB/s),
# so a bigger block is refused rather than parsed.
_MAX_FM_CHARS = 64 * 1024


class _AliasFound(yaml.YAMLError):
    pass


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses `*alias` references.

    safe_load builds aliases as shared references, so a few KB can stand for 9^9 strings
    (a "billion laughs"); any walk of the result (ours, json, the database) then expands them.
    Front matter never needs them, so the first alias stops the parse.
    """

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            raise _AliasFound("alias in front matter")
        return super().compose_node(parent, index)


def _front_matter(lines: list[str], name: str = "") -> tuple[dict, int]:
    """(normalised front matter, index of the first body line)."""
    end = _front_matter_end(lines)
    if end is None:
        return {}, 0
    block = "\n".join(lines[1:end])
    label = f"“{name}”" if name else "文件"
    if len(block) > _MAX_FM_CHARS:
        raise DocumentError(
            f"{label}开头的 YAML 元数据（--- 之间的部分）超过 {_MAX_FM_CHARS // 1024} KB，不像正常的元数据，未导入。"
            "请删去或缩短这部分后再导入。（Front matter too large.）"
        )
    try:
        data = yaml.load(_dashes_as_empty(block), Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except _AliasFound as exc:
        raise DocumentError(
            f"{label}开头的 YAML 元数据使用了别名（*引用），可能是恶意构造的文件，未导入。"
            "请删去元数据中的 & 和 * 引用后再导入。（YAML aliases are not allowed in front matter.）"
        ) from exc
    except (yaml.YAMLError, RecursionError):
        # Malformed (or nested thousands deep): ignored, but its text is still not body text.
        data = None
    if not isinstance(data, dict):
        return {}, end + 1
    return _normalise_mapping(data), end + 1


def _dashes_as_empty(block: str) -> str:
    """`发布日期: -`: sites print a dash for "no value", which YAML would read as a list item."""
    return "\n".join(_dash_as_empty(line) for line in block.split("\n"))


def _dash_as_empty(line: str) -> str:
    key, sep, value = line.partition(":")
    if sep and value.strip() in ("-", "—") and _YAML_KEY_LINE.match(line):
        return f"{key}: ''"
    return line


def _normalise_mapping(data: dict) -> dict:
    result = {}
    for key, value in data.items():
        if value is None:
            continue
        result[str(key)] = _normalise(value)
    return result


def _normalise(value: object) -> object:
    if isinstance(value, dict):
        return _normalise_mapping(value)
    if isinstance(value, (list, tuple, set)):
        return [text for text in (_to_str(item) for item in value if item is not None) if text]
    if isinstance(value, (str, dt.date)):
        return _to_str(value)
    return value  # numbers and booleans are already plain


def _to_str(value: object) -> str:
    # datetime is a date subclass; both give ISO 8601 (2022-07-06T21:57:40+08:00, 2022-07-06).
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


# --- body ---------------------------------------------------------------------------------------

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_THEMATIC_OR_SETEXT = re.compile(r"^\s{0,3}(?:(?:[-*_]\s*){3,}|=+|-+)\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_BULLET = re.compile(r"^\s*[-*+]\s+(?:\[[ xX]\]\s+)?")
_ORDERED = re.compile(r"^\s*\\?\d{1,9}\\?[.)、](?!\d)")  # 1. 2) 3、 but not 1.5亿元
# Possessive quantifiers (*+ ++): blanks between two \s* could otherwise be split every way.
_TABLE_SEPARATOR = re.compile(
    r"^\s*+\|?\s*+:?-++:?\s*+(?:\|\s*+:?-++:?\s*+)++\|?\s*+$|^\s*+\|\s*+:?-++:?\s*+\|\s*+$"
)
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_HARD_BREAK = re.compile(r"(?<! ) {2,}$|\\$")  # the lookbehind: a blank run is tried once


def _body_lines(raw: list[str]) -> list[str]:
    out: list[str] = []
    fence = ""
    in_table = in_comment = False
    for index, line in enumerate(raw):
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = ""
            else:
                out.append(line.rstrip())  # code is shown as is
            continue
        if in_comment:
            in_comment = "-->" not in line
            continue
        if not stripped:
            in_table = False
            _boundary(out)
            continue
        if match := _FENCE.match(line):
            fence = match.group(1)[0] * 3
            _boundary(out)
            continue
        if "<!--" in line and "-->" not in line.split("<!--", 1)[1]:
            in_comment = True
            line = line.split("<!--", 1)[0]
            if not line.strip():
                continue
        next_line = raw[index + 1] if index + 1 < len(raw) else ""
        in_table = _emit_line(line, next_line, in_table, out)
    while out and not out[-1]:
        out.pop()
    while out and not out[0]:
        out.pop(0)
    return out


def _emit_line(line: str, next_line: str, in_table: bool, out: list[str]) -> bool:
    """Append what one non-blank Markdown line says to `out`; return whether a table continues."""
    line = _QUOTE.sub("", line)
    if _TABLE_SEPARATOR.match(line) and "|" in line:
        return True
    if "|" in line and (in_table or line.lstrip().startswith("|") or _TABLE_SEPARATOR.match(next_line)):
        _add_block(out, _table_row(line))
        return True
    if _THEMATIC_OR_SETEXT.match(line):
        _boundary(out)  # a setext underline ends its heading; a rule ends a paragraph
        return False
    if _REFERENCE_DEFINITION.match(line):
        return False
    if match := _HEADING.match(line):
        _add_block(out, _inline(_heading_text(line[match.end() :])))
        return False
    if bullet := _BULLET.match(line):
        _boundary(out)
        line = line[bullet.end() :]
    elif _ORDERED.match(line):
        _boundary(out)
    hard_break = bool(_HARD_BREAK.search(line))
    parts = _inline(_HARD_BREAK.sub("", line)).split("\n")
    for number, part in enumerate(parts):
        if part.strip():
            out.append(part.strip())
        if number < len(parts) - 1:
            _boundary(out)  # <br> is an explicit line break, like a hard break
    if hard_break:
        _boundary(out)
    return False


def _heading_text(rest: str) -> str:
    """The text of an ATX heading after its opening #s, without a closing "  ##" sequence.

    String operations, not a regex: `(.*?)(?:\\s+#+)?\\s*$` retried every blank of a long run."""
    text = rest.rstrip()
    without_closer = text.rstrip("#")
    if without_closer != text and without_closer[-1:].isspace():
        text = without_closer.rstrip()
    return text


def _boundary(out: list[str]) -> None:
    if out and out[-1]:
        out.append("")


def _add_block(out: list[str], text: str) -> None:
    _boundary(out)
    for part in text.split("\n"):
        if part.strip():
            out.append(part.strip())
    _boundary(out)


def _table_row(line: str) -> str:
    protected = _protect(line.strip())
    cells = protected.split("|")
    if cells and not cells[0].strip():
        cells = cells[1:]
    if cells and not cells[-1].strip():
        cells = cells[:-1]
    texts = (_restore(_transform(cell)).replace("\n", " ").strip() for cell in cells)
    return " ".join(text for text in texts if text)


# --- inline markup ------------------------------------------------------------------------------

# Escaped punctuation is swapped for private-use characters while the markup is removed,
# so `\*` is not mistaken for emphasis and `\|` not for a table cell boundary.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# Converters write `\4.` so that a paragraph starting "4." is not read as a list item.
_ESCAPED_LEADING_DIGIT = re.compile(r"^(\s*)\\(?=\d)")
_PROTECT_BASE = 0xF0000  # Supplementary PUA-A: never in a policy document
_PROTECTED = re.compile("[\U000f0000-\U000f007f]")

# Every pattern below is linear in the line (issue 14): a span never runs past the next
# opener of its own kind ([^[\]] in a link text, [^*] in emphasis...), so each character is
# scanned from a bounded number of starts. `.+?` up to a closer, as before, rescanned the rest
# of the line from every opener: "[[[[…" or "*a *a *a…" took quadratic time.
_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()]*\)|!\[[^\[\]]*\]\[[^\[\]]*\]")
_LINK = re.compile(r"\[([^\[\]]*)\](?:\([^()]*\)|\[[^\[\]]*\])")
_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]]+\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_BACKTICKS = re.compile(r"`+")
_STRONG = re.compile(
    r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*"  # ** … ** (a lone * inside is fine)
    r"|__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__"
)
_EMPHASIS = re.compile(r"(?<!\*)\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?!\*)")
_STRIKE = re.compile(r"~~(?=\S)((?:[^~]|~(?!~))+?)(?<=\S)~~")


def _inline(text: str) -> str:
    return _restore(_transform(_protect(text)))


def _protect(text: str) -> str:
    text = _ESCAPED_LEADING_DIGIT.sub(r"\1", text)
    return _ESCAPE.sub(lambda m: chr(_PROTECT_BASE + ord(m.group(1))), text)


def _restore(text: str) -> str:
    return _PROTECTED.sub(lambda m: chr(ord(m.group(0)) - _PROTECT_BASE), text)


def _transform(text: str) -> str:
    text = _IMAGE.sub("", text)
    text = _FOOTNOTE_REF.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _BR.sub("\n", text)
    text = _drop_comments(text)
    text = _TAG.sub("", text)
    text = "\n".join(_code_spans(part) for part in text.split("\n"))
    text = _STRONG.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = _EMPHASIS.sub(r"\1", text)
    text = _STRIKE.sub(r"\1", text)
    return html.unescape(text)


def _drop_comments(text: str) -> str:
    """Remove <!-- … --> with str.find: `<!--.*?-->` rescanned the line from every `<!--`."""
    parts: list[str] = []
    pos = 0
    while (start := text.find("<!--", pos)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        parts.append(text[pos:start])
        pos = end + 3
    parts.append(text[pos:])
    return "".join(parts)


def _code_spans(text: str) -> str:
    """`code` -> code: a run of N backticks opens a span that the next run of exactly N closes.

    One pass over the backtick runs, pairing each with the next run of its length (found from
    the right in one sweep). `(`+)(.+?)\\1` tried every opener length against every closer:
    a line of 12,000 backticks took 24 s (issue 14).
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    if len(runs) < 2:
        return text
    partner: list[int | None] = [None] * len(runs)
    next_of_length: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        partner[index] = next_of_length.get(length)
        next_of_length[length] = index
    parts: list[str] = []
    pos = index = 0
    while index < len(runs):
        closer = partner[index]
        if closer is None:
            index += 1  # an unmatched run is literal backticks
            continue
        start, end = runs[index]
        parts += [text[pos:start], text[end : runs[closer][0]]]
        pos = runs[closer][1]
        index = closer + 1
    parts.append(text[pos:])
    return "".join(parts)
