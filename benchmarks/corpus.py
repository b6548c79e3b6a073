"""Deterministic synthetic corpus: N clauses recombined from real seed sentences.

Like research/fts_lab/gen_corpus.py: clauses are runs of consecutive sentences of one seed
(60 %) or shuffled sentences from anywhere (40 %), ~10 % are short headings, and place
names, industry terms and numbers are swapped so words appear in new contexts. Without the
seed corpus a small built-in sentence list is used, so the benchmark always runs.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

from importers.model import Clause, Metadata, ParsedDocument

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"
CLAUSES_PER_DOC = 50
DISTRICTS = [
    "湖里区",
    "思明区",
    "海沧区",
    "集美区",
    "同安区",
    "翔安区",
    "南山区",
    "福田区",
    "天河区",
    "黄埔区",
    "滨江区",
    "余杭区",
]
CITIES = ["厦门", "福州", "泉州", "漳州", "深圳", "广州", "汕尾", "杭州", "苏州", "南京", "成都", "武汉"]
INDUSTRY = [
    "游戏",
    "动漫",
    "元宇宙",
    "人工智能",
    "集成电路",
    "区块链",
    "云计算",
    "大数据",
    "虚拟现实",
    "工业互联网",
    "数字孪生",
    "低空经济",
    "生物医药",
    "新能源汽车",
    "算力",
    "数据要素",
    "信创",
    "电子竞技",
    "跨境电商",
    "半导体",
    "物联网",
    "工业软件",
    "智能制造",
    "机器人",
]
ISSUERS = [
    "厦门市人民政府",
    "湖里区科技和工信局",
    "汕尾市人民政府",
    "福建省工业和信息化厅",
    "深圳市发展和改革委员会",
]
FALLBACK = [
    "加快推进数字经济产业园区建设，重点布局人工智能、元宇宙等新兴产业。",
    "对符合条件的游戏企业出海发行给予奖励，支持版号申报。",
    "推进5G基站和算力基础设施建设，完善税收优惠政策。",
    "强化知识产权保护，健全知识产权公共服务体系。",
    "支持专精特新中小企业发展，培育一批小巨人企业。",
    "实施人才引进计划，对高层次人才给予住房和子女教育保障。",
    "建设工业互联网标识解析节点，推动制造业数字化转型。",
    "完善公共服务平台，提升软件和信息技术服务业发展水平。",
    "鼓励企业开展数据安全评估，推动数据要素市场化配置。",
    "打造低空经济应用场景，支持无人机物流试点。",
]
_SWAP = re.compile("|".join(sorted(map(re.escape, DISTRICTS + CITIES + INDUSTRY), key=len, reverse=True)))
_HEAD = re.compile(r"^\s*([一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d+[.、．])")


def seed_sentences() -> tuple[list[list[str]], list[str]]:
    """Sentences per seed document (split after 。；) and short heading lines."""
    docs: list[list[str]] = []
    heads: list[str] = []
    for path in sorted(SEEDS.glob("*")) if SEEDS.is_dir() else []:
        text = path.read_text(encoding="utf-8", errors="replace")
        sents: list[str] = []
        for line in (ln.strip() for ln in text.splitlines()):
            if 4 <= len(line) < 40 and "。" not in line and _HEAD.match(line):
                heads.append(_HEAD.sub("", line).strip())
            else:
                sents.extend(s for s in re.findall(r"[^。；]+[。；]?", line) if len(s) >= 6)
        if sents:
            docs.append(sents)
    if not docs:
        docs = [FALLBACK]
        heads = [s[:12] for s in FALLBACK]
    return docs, [h for h in heads if len(h) >= 4] or ["总体要求", "保障措施"]


def _vary(text: str, rng: random.Random) -> str:
    def swap(m: re.Match) -> str:
        word = m.group()
        if rng.random() > 0.4:
            return word
        pool = DISTRICTS if word in DISTRICTS else CITIES if word in CITIES else INDUSTRY
        return rng.choice(pool)

    text = _SWAP.sub(swap, text)
    return re.sub(
        r"\d+", lambda m: m.group() if rng.random() < 0.5 else str(rng.randint(1, 10 ** len(m.group()))), text
    )


def clause_texts(n: int, seed: int = 42) -> Iterator[str]:
    rng = random.Random(seed)
    docs, heads = seed_sentences()
    everything = [s for d in docs for s in d]
    for _ in range(n):
        if rng.random() < 0.1:
            yield rng.choice("一二三四五六七八九十") + "、" + _vary(rng.choice(heads), rng)
            continue
        target = min(600, max(20, int(rng.lognormvariate(4.85, 0.55))))
        parts: list[str] = []
        if rng.random() < 0.6:
            src = rng.choice(docs)
            j = rng.randrange(len(src))
            while sum(map(len, parts)) < target:
                parts.append(src[j % len(src)])
                j += 1
        else:
            while sum(map(len, parts)) < target:
                parts.append(rng.choice(everything))
            rng.shuffle(parts)
        yield _vary("".join(parts), rng)[:650]


def documents(n_clauses: int, seed: int = 42) -> Iterator[ParsedDocument]:
    """ParsedDocuments of CLAUSES_PER_DOC flat clauses each, n_clauses in total."""
    rng = random.Random(seed + 1)
    texts = clause_texts(n_clauses, seed)
    for d in range((n_clauses + CLAUSES_PER_DOC - 1) // CLAUSES_PER_DOC):
        count = min(CLAUSES_PER_DOC, n_clauses - d * CLAUSES_PER_DOC)
        clauses = tuple(Clause(f"{i + 1}.", str(i + 1), 1, "", next(texts)) for i in range(count))
        year = rng.randint(2015, 2025)
        meta = Metadata(
            title=f"合成政策文件第{d + 1}号",
            doc_number=f"合成发〔{year}〕{d + 1}号",
            issuer=rng.choice(ISSUERS),
            issued_date=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        )
        yield ParsedDocument(meta, clauses, f"synthetic-{d + 1}.txt", "txt", f"synthetic-{seed}-{d + 1}")
