"""Quantitative targets: 到2025年…突破2000亿元, 最高30万元, 超过120家, 年培训能力达2000人以上.

extract_targets() is pure text analysis; targets() runs it over library clauses on the fly
(a regex pass costs ~20 µs per clause, so no cache table is needed for a chosen set).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from db.intel.records import Target, TargetRow
from db.library import Library
from db.textnorm import norm

# Longest first: 亿元 before 亿 before 元.
UNITS = (
    "万亿元", "千亿元", "百亿元", "亿美元", "亿元", "千万元", "百万元", "万美元", "万元", "元",
    "个百分点", "百分点", "%", "万人次", "人次", "万人", "万千瓦", "千瓦", "万平方米", "平方米",
    "万吨", "吨", "公里", "万个", "万家", "万户", "万台", "万套", "万件", "万名", "亿", "万", "家", "个", "人", "名", "项", "所", "座", "台", "套", "款",
    "户", "倍", "亩", "条", "场", "件", "部", "支", "批", "GW", "MW",
)  # fmt: skip
_UNIT = "|".join(re.escape(u) for u in UNITS)
# "300亿元", "2000 人以上", "10余家", and the written-out "上亿元" (= 1 亿元).
QUANTITY = re.compile(
    # (?<!\d): a number is tried from its first digit only; from every digit of a long run, \d+
    # backtracked over the rest of it (quadratic). A match can only start at a run's first digit anyway.
    rf"(?<!\d)(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)\s*(?P<approx>余|多)?\s*(?P<unit>{_UNIT})(?P<tail>以上|以内|左右)?"
    r"|(?P<word>[上过超])(?P<wunit>百亿元|千亿元|亿元|万元)"
)
DEADLINE = re.compile(
    r"(?<![截位])(?:到|至|于|力争在)\s*(?P<year>(?:19|20)\d\d)\s*年(?:底|末)?(?:前)?|(?P<y2>(?:19|20)\d\d)\s*年(?:底|末)?前"
)
STATUS = re.compile(r"截至|截止")  # 截至2020年底… reports the past: ends a deadline's reach
BOUNDARY = re.compile(r"[，,。；;：:！？!?\n]")
SUPPORT_CUES = ("最高", "给予", "奖励", "补助", "补贴", "资助", "扶持", "一次性")
GOAL_CUES = ("力争", "争取", "预计", "目标")
LEVEL_CUES = (
    "突破", "达到", "超过", "不少于", "不低于", "不超过", "提高到", "提升至", "提高至", "新增", "新建",
    "培育", "建成", "打造", "引进",
)  # fmt: skip
# One-character cues count only right before the number: 达 in 年培训能力达2000人, not in 达成.
SHORT_CUES = ("达", "超", "上", "过")
_CUE_REACH = 12  # characters before the number in which a cue word counts


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _cue(before: str, after: str, tail: str | None) -> tuple[str, str]:
    """(kind, cue word) for the phrase around a quantity, or ("", "") if it is a bare figure."""
    near = before[-_CUE_REACH:]
    for cue in SUPPORT_CUES:
        if cue in near or after.startswith(cue):
            return "support", cue
    for cue in GOAL_CUES:
        if cue in before:
            return "goal", cue
    for cue in LEVEL_CUES:
        if cue in near:
            return "level", cue
    last = before.rstrip()[-1:]
    if last in SHORT_CUES:
        return "level", last
    return ("level", tail) if tail else ("", "")


def extract_targets(text: str) -> list[Target]:
    """Every quantity in `text` stated as a goal, a support standard or a threshold.

    Bare figures (惠及160人次, 吸引53所高校) are left out: they report, they do not commit.
    A deadline (到2025年) applies to the quantities after it in the same text until the next
    deadline or a 截至 (status) phrase. Works on the original text; spans point into it.
    """
    folded = norm(text)  # full-width digits and ％ become ASCII, offsets unchanged (1:1 here)
    if len(folded) != len(text):
        folded = text
    marks = sorted(
        [(m.start(), "deadline", m) for m in DEADLINE.finditer(folded)]
        + [(m.start(), "status", m) for m in STATUS.finditer(folded)]
    )
    out: list[Target] = []
    for m in QUANTITY.finditer(folded):
        deadline, year = "", None
        for position, what, mark in marks:
            if position >= m.start():
                break
            if what == "status":
                deadline, year = "", None
            else:
                deadline, year = text[mark.start() : mark.end()], int(mark.group("year") or mark.group("y2"))
        start = max((b.end() for b in BOUNDARY.finditer(folded, 0, m.start())), default=0)
        end_match = BOUNDARY.search(folded, m.end())
        end = end_match.start() if end_match else len(text)
        before = folded[start : m.start()]
        if m.group("word"):
            number, unit, tail = 1.0, m.group("wunit"), None
            before += m.group("word")  # 上亿元: the 上 is the cue
        else:
            number, unit, tail = _number(m.group("num")), m.group("unit"), m.group("tail")
        kind, cue = _cue(before, folded[m.end() : end], tail)
        if deadline and kind == "level":
            kind = "goal"
        if not kind:
            continue
        out.append(
            Target(
                text=text[start:end].strip(),
                number=number,
                unit=unit,
                year=year,
                deadline=deadline,
                kind=kind,
                span=(start, end),
                value_span=(m.start(), m.end()),
                cue=cue,
            )
        )
    return out


PROGRESS_EVERY = 2000  # clauses between two on_progress calls


def targets(
    lib: Library,
    year: int | None = None,
    document_ids: Iterable[int] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> list[TargetRow]:
    """Targets of every clause (or of `document_ids`), in document and clause order; with
    `year`, only those whose deadline is that year. Raises DocumentNotFoundError.

    on_progress(done, total) is called every few thousand clauses (an exception it raises
    stops the work: that is how a caller cancels)."""
    sql = (
        "SELECT c.id, c.document_id, d.title, d.doc_number, d.issued_date, c.path, c.text"
        " FROM clauses c JOIN documents d ON d.id = c.document_id"
    )
    params: list[int] = []
    if document_ids is not None:
        from db.documents import get_document

        ids = list(dict.fromkeys(document_ids))
        for document_id in ids:
            get_document(lib, document_id)
        sql += f" WHERE c.document_id IN ({','.join('?' * len(ids))})"
        params = ids
    rows: list[TargetRow] = []
    total = 0
    if on_progress is not None:
        where = sql[sql.index(" WHERE") :] if " WHERE" in sql else ""
        total = lib.conn.execute(
            "SELECT count(*) FROM clauses c JOIN documents d ON d.id = c.document_id" + where, params
        ).fetchone()[0]
        on_progress(0, total)
    for done, (clause_id, document_id, title, number, issued, path, text) in enumerate(
        lib.conn.execute(sql + " ORDER BY c.document_id, c.position", params), start=1
    ):
        if on_progress is not None and done % PROGRESS_EVERY == 0:
            on_progress(done, total)
        for target in extract_targets(text):
            if year is None or target.year == year:
                rows.append(TargetRow(clause_id, document_id, title, number, issued, path, target))
    if on_progress is not None:
        on_progress(total, total)
    return rows
