"""A realistic briefing pack for demos, screenshots and render tests.

The clauses are quoted from two public documents in the seed corpus: a reply to a
CPPCC proposal from 厦门市湖里区 (厦湖科工函〔2025〕13号) and 厦门市's 14th five-year
plan for the software industry.
"""

from __future__ import annotations

from exporters.brief import Brief, BriefItem, BriefNote, BriefSection, SourceDoc

REPLY = SourceDoc(
    title="关于推动游戏产业转型升级，激发数字经济新动能的提案的答复",
    doc_number="厦湖科工函〔2025〕13号",
    issuer="厦门市湖里区科技和工信局",
    issued_date="2025-06-16",
)
PLAN = SourceDoc(
    title="厦门市软件和信息技术服务业“十四五”发展规划",
    doc_number="",
    issuer="厦门市工业和信息化局",
    issued_date="2022-02",
)

_POLICY = (
    "1. 构建多层次政策支持体系，夯实产业发展基础\n"
    "在政策支持方面，湖里区已构建较为完善的政策扶持体系。出台的《湖里区支持企业培育研发创新能力的若干措施》"
    "《湖里区促进制造业及软件业倍增发展若干措施》等政策文件，对动漫游戏研发、运营等关键环节给予专项补助。"
    "2024年累计惠及动漫游戏企业10余家次。2025年拟出台《湖里区推动科技创新和产业创新深度融合的若干措施》，"
    "将重点加大对原创游戏研发、海外发行等环节的奖励力度。"
)
_COMPUTE = (
    "2. 完善数字基础设施，强化技术支撑能力\n"
    "在基础设施保障方面，湖里区着力优化算力资源供给。目前正在联合福建联通共同推进“闽宁双智算中心”建设，"
    "依托厦门联通“智·云”数据中心和闽宁智算中心的资源优势，为游戏企业提供高性能的AI训练、渲染计算等专业算力服务，"
    "满足大型游戏企业游戏引擎开发、场景建模等高强度计算需求。"
)
_TALENT = (
    "2. 构建多元化人才引育体系\n"
    "湖里区着力打造全方位、多层次的人才发展生态。在高端人才引进方面，通过创新实施“百名海外博士湖里行”活动，"
    "邀请全球 30 名海外博士及优秀硕士来区考察交流，以项目路演、政策宣讲、实地考察等形式促进高端人才与本地企业对接；"
    "在政策支持体系方面，同时修订完善科技人才引育政策，对引才成效显著的企业给予最高 30 万元奖励，惠及 160 人次，"
    "并成功推荐 11 名人才获评省级高层次人才。"
)
_NEXT = (
    "（一）强化游戏产业政策支持体系。湖里区将加快出台《湖里区推动科技创新和产业创新深度融合的若干措施》，"
    "重点加大对原创游戏研发、海外发行的奖励力度，对进入海外主流市场榜单的游戏产品给予补贴。优化产业扶持政策，"
    "研究对游戏企业参加国际展会的可行性，降低企业出海成本。"
)
_GOALS = (
    "到 2025 年，全市软件和信息技术服务业实现跨越式增长，产业链自主可控能力显著提升，产业生态体系建设逐步完善，"
    "产业要素保障愈发充分。龙头企业实力和产业影响力进一步加强，软件产业对全市经济社会的服务和支撑作用不断凸显，"
    "推动厦门“中国软件特色名城”发展步入全新阶段。"
)
_TAX = (
    "抓好新老政策衔接，加强面向企业的政策宣贯和咨询辅导力度，充分保障软件企业增值税、所得税优惠政策落实。"
    "落实软件企业研发费用加计扣除，支持有实力的企业积极参与年度重点软件企业申报。鼓励企业积极争取国家重大专项资金支持，"
    "独立申报或与本地高校、科研院所联合申报重点产业攻关项目。持续创新财政资金使用方式，通过以奖代补、无偿资助、"
    "贷款贴息等手段，大力支持行业应用、数字创意、网络安全等领域的软件研发与应用创新。"
)
_TALENT_PLAN = (
    "强化优质企业招引。依托专业招商机构和产业咨询机构，以国内百强企业、总部企业、独角兽企业、高成长平台型企业、"
    "知名创业团队为主要目标，制定定向招引清单。建立厦门市企业招商对接平台，定期发布本市优惠政策与行业发展需求，"
    "引导意向企业来厦设立区域性总部、研发中心、服务中心等。"
)

MEETING = "区政府第12次常务会议"


def _span(text: str, phrase: str) -> tuple[int, int]:
    """(start, end) of `phrase` in `text`, the way the library stores highlights."""
    start = text.index(phrase)
    return (start, start + len(phrase))


def _item(n, text, path, label, heading, source, notes=(), marks=(), tags=()) -> BriefItem:
    return BriefItem(
        clause_id=n,
        text=text,
        path=path,
        label=label,
        heading=heading,
        source=source,
        notes=tuple(notes),
        highlights=tuple(_span(text, m) for m in marks),
        tags=tuple(tags),
    )


def sample_brief(include_notes: bool = True, include_table: bool = True) -> Brief:
    """Two sections, seven clauses from two documents, notes from a meeting."""
    support = BriefSection(
        "游戏产业扶持政策",
        (
            _item(
                1,
                _POLICY,
                "二/（一）/1",
                "1.",
                "构建多层次政策支持体系，夯实产业发展基础",
                REPLY,
                notes=[
                    BriefNote(
                        "请区财政局测算2025年新政奖励资金规模，会前报区政府办。",
                        meeting=MEETING,
                        meeting_date="2025-07-08",
                        created_at="2025-07-03T16:20:00",
                        span=_span(_POLICY, "加大对原创游戏研发、海外发行等环节的奖励力度"),
                    ),
                ],
                marks=["专项补助", "加大对原创游戏研发、海外发行等环节的奖励力度"],
                tags=["资金", "出海"],
            ),
            _item(
                2,
                _COMPUTE,
                "二/（一）/2",
                "2.",
                "完善数字基础设施，强化技术支撑能力",
                REPLY,
                marks=["闽宁双智算中心"],
                tags=["算力"],
            ),
            _item(
                3,
                _NEXT,
                "三/（一）",
                "（一）",
                "强化游戏产业政策支持体系",
                REPLY,
                notes=[BriefNote("与市级政策衔接，避免重复奖励。", created_at="2025-07-04T09:05:00")],
                marks=["对进入海外主流市场榜单的游戏产品给予补贴"],
                tags=["出海", "资金"],
            ),
            _item(
                4,
                _TAX,
                "六/（三）",
                "（三）",
                "加大财税支持力度",
                PLAN,
                marks=["研发费用加计扣除"],
                tags=["税收"],
            ),
        ),
    )
    talent = BriefSection(
        "人才与企业招引",
        (
            _item(
                5,
                _TALENT,
                "二/（二）/2",
                "2.",
                "构建多元化人才引育体系",
                REPLY,
                notes=[
                    BriefNote(
                        "“最高30万元”奖励的兑现情况需核实。", meeting=MEETING, meeting_date="2025-07-08"
                    ),
                    BriefNote("人社局补充2024年人才驿站服务数据。", created_at="2025-07-05T11:40:00"),
                ],
                marks=["最高 30 万元奖励"],
                tags=["人才"],
            ),
            _item(6, _TALENT_PLAN, "五/（二）", "（二）", "育主体：构建融通发展格局", PLAN, tags=["招商"]),
            _item(7, _GOALS, "三/（三）", "（三）", "发展目标", PLAN, marks=["跨越式增长"], tags=["目标"]),
        ),
    )
    return Brief(
        title="游戏产业与软件产业政策要点汇编",
        subtitle=f"供{MEETING}参阅",
        date="2025-07-08",
        prepared_by="厦门市湖里区科技和工信局 编",
        classification="内部资料",
        sections=(support, talent),
        include_notes=include_notes,
        include_table=include_table,
    )
