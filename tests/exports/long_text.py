"""A long-text fixture: 22 real items of 市发改委, answers of up to 3,000 characters in 附表1 (具体工作内容) and
附表3 (完成情况) — several paragraphs, Chinese mixed with Latin words, figures, long numbers and long URLs, and
the radical look-alikes' ideographs (工 方 人 门 月) that Qt's own PDF text layer gets wrong.

Deterministic (seeded), so a failure reproduces; the texts are composed, not tuned: every renderer must print
every character of every cell, in order.
"""

from __future__ import annotations

import random
from dataclasses import replace

from gwr_desktop.domain.forms import FormContent, WorkEntry
from tests.exports import samples

LONGEST = 3000
ITEMS = 22
_PHRASES = (
    "按照市委、市政府工作部署，牵头制定年度工作方案，明确{a}个责任部门和{b}个时间节点",
    "截至6月底，累计完成投资{a}.{b}亿元，同比增长{c}.{a}%，完成年度目标的{b}.{c}%",
    "会同市财政局、市自然资源和规划局等部门召开专题会议{a}次，协调解决用地、资金等问题{b}个",
    "争取国家和省级专项资金{a}.{b}亿元，其中中央预算内投资{c}.{a}亿元、地方政府专项债券{b}亿元",
    "推进5G基站建设{a},{b}个，千兆光网覆盖率达到{c}.{a}%，数据中心机架数突破{b}.{c}万架",
    "建立“周调度、月通报、季考核”工作机制，对滞后事项{a}项实行红黄绿灯管理",
    "项目统一社会信用代码91420100{a}{b}{c}，备案编号2023-420100-44-03-0{a}{b}",
    "相关政策文件已在市人民政府门户网站公开：https://www.wuhan.gov.cn/zwgk/xxgk/zfwj/bgtwj/2023{c}/"
    "t2023{a}_{b}{c}.shtml?source=gwr&item={a}",
    "PPP项目入库{a}个、总投资{b}.{c}亿元，REITs试点申报{c}个，EPC总承包项目开工{a}个",
    "深入基层开展调研走访{a}次，形成调研报告{c}篇、政策建议{b}条，报市人民政府审定",
    "人民群众满意度调查显示，满意率为9{c}.{a}%，较上年提高{c}.{b}个百分点",
    "各部门按月报送工作进展，汇总形成月度工作专报，累计编发专报{a}期、工作方案{b}份",
    "ISO 9001质量管理体系认证企业新增{a}家，高新技术企业净增{b},{c}家",
)


def long_text(seed: int, length: int = LONGEST) -> str:
    """Paragraphs of composed sentences with their own figures, cut to exactly `length` characters."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    while sum(len(p) + 1 for p in paragraphs) < length:
        sentences = [rng.choice(_PHRASES).format(a=rng.randint(1, 999), b=rng.randint(10, 9999),
                                                  c=rng.randint(0, 99)) for _ in range(rng.randint(2, 5))]
        paragraphs.append(f"（{len(paragraphs) + 1}）" + "；".join(sentences) + "。")
    return "\n".join(paragraphs)[:length].rstrip("\n")


def _length(index: int) -> int:
    """Every third cell the longest; the others from a short answer to a long one."""
    return LONGEST if index % 3 == 0 else (120, 900, 1800)[index % 3]


def plan_content() -> FormContent:
    base = samples.plan_content(limit=ITEMS)
    items = tuple(replace(item, entries=tuple(WorkEntry({**entry.values,
                                                         "content": long_text(100 * index + k, _length(index + k))})
                                              for k, entry in enumerate(item.entries)))
                  for index, item in enumerate(base.items))
    return replace(base, items=items)


def progress_content() -> FormContent:
    base = samples.progress_content()
    items = tuple(replace(item, values={**item.values, "progress": long_text(7000 + index, _length(index))})
                  for index, item in enumerate(base.items[:ITEMS]))
    return replace(base, items=items)
