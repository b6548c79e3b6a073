"""Keywords of a clause: jieba words (with the policy-term dictionary) weighted by TF-IDF,
where the IDF comes from the officer's own library through the search index.

Not jieba.analyse: its 6 MB IDF table describes general web text, not this library, and the
bundle leaves jieba.analyse out (build.spec). Loading goes through db.segment, so jieba's
cache folder setting is honoured.
"""

from __future__ import annotations

import functools
import math
import re
import sqlite3
from collections import Counter

import resources
from db import segment
from db.textnorm import phrase_tokens

# Words every policy text uses: never worth a tag.
_STOP = """
    推进 推动 加强 加快 加大 进一步 发展 支持 建设 提升 完善 积极 重点 相关 开展 实施 我区 我市 全市
    全区 方面 工作 有效 持续 不断 全面 深入 落实 强化 优化 促进 提供 通过 围绕 以及 同时 其中 目前
    当前 近年来 已经 进行 形成 实现 坚持 鼓励 引导 作为 一批 一定 相关 有关 主要 重要 各类 各级 充分
    能力 水平 体系 机制 工作 领域 企业 产业 政策 服务 问题 情况 办理 答复 感谢 关注 建议 提案 单位
    超过 达到 突破 力争 争取 以上 不少于 明显 显著 逐步 愈发 取得 成效 目标 增强 提高 模式 业态 新型
    负责 责任 我们 您 贵 一是 二是 三是 四是 五是 进而 并 等 和 与 及 的 了 在 对 为 将 把 由
"""
STOPWORDS = frozenset(_STOP.split())
_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$|^[A-Za-z][A-Za-z0-9]+$")
POLICY_BOOST = 1.5  # a term from the policy dictionary is a better tag than a generic word


@functools.cache
def policy_terms() -> frozenset[str]:
    terms = resources.path(segment.POLICY_TERMS)
    if not terms.is_file():
        return frozenset()
    lines = terms.read_text(encoding="utf-8").splitlines()
    return frozenset(line.split()[0] for line in lines if line.strip())


def _document_frequency(conn: sqlite3.Connection, word: str, cap: int) -> int:
    """Clauses containing `word` (as a phrase of its bigrams), counted up to `cap`."""
    tokens, prefix, _ = phrase_tokens(word)
    if not tokens:
        return cap
    match = '"' + " ".join(tokens) + '"' + ("*" if prefix else "")
    return conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM clause_fts WHERE clause_fts MATCH ? LIMIT ?)", (match, cap)
    ).fetchone()[0]


def keywords(conn: sqlite3.Connection, text: str, limit: int = 10) -> list[tuple[str, float]]:
    """The clause's best keywords with a weight in 0..1 (the best is 1.0)."""
    words = [w for w in segment.cut(text) if _WORD.match(w) and w not in STOPWORDS]
    if not words:
        return []
    tf = Counter(words)
    total = conn.execute("SELECT coalesce(max(id), 0) FROM clauses").fetchone()[0] + 1
    # A word in more than 1 clause in 20 gets the floor weight; counting further costs time.
    cap = max(50, total // 20)
    terms = policy_terms()
    scored = []
    for word, count in tf.items():
        df = _document_frequency(conn, word, cap)
        weight = count * math.log((total + 1) / (df + 1)) * (POLICY_BOOST if word in terms else 1.0)
        scored.append((word, weight))
    scored.sort(key=lambda p: (-p[1], words.index(p[0])))
    best = scored[0][1] or 1.0
    return [(word, round(weight / best, 4)) for word, weight in scored[:limit] if weight > 0]
