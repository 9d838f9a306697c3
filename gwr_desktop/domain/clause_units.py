"""Whether printed text names units: the bare lists many cities print instead of a labelled clause.

`（市发改委、市统计局）` at the end of an item, under the notice's "列第一位的为牵头单位", is the most common way
plans outside Wuhan say who answers. A bracket is read as such a list only when every name in it is unit-like —
a name the registry knows, a group ("各县（市、区）人民政府", "市直有关部门"), or a name ending in a government
unit's suffix (局, 委, 办, 管委会, 公司, 集团 …) with a name before it. Plain text in brackets — `（含开发区）`,
`（2023—2025年）`, `（试行）`, `（东片区）` — is never taken for units.

Unit lines printed under an item without brackets (`责任单位：市发改委、市统计局`, `牵头领导：…`, `完成时限：…`) are
recognised here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from gwr_desktop.domain.units import split_top_level

Known = Callable[[str], bool]

# The labels a clause or a unit line prints (the one list: clause.py reads by them too).
LEAD_LABELS = ("牵头责任单位", "牵头单位", "牵头部门", "主责单位", "主办单位")
HELP_LABELS = ("协同责任单位", "配合责任单位", "责任单位", "配合单位", "参与单位", "协办单位", "协同单位", "配合部门",
               "责任部门", "参与部门")
LEADER_LABELS = ("牵头领导", "分管领导", "责任领导", "牵头市领导", "责任市领导", "包保领导", "牵头县领导", "责任县领导",
                 "县级领导", "市级领导")
DEADLINE_LABELS = ("完成时限", "完成时间", "时间节点", "时限要求", "时限")
ALL_LABELS = "|".join(sorted(LEAD_LABELS + HELP_LABELS + LEADER_LABELS + DEADLINE_LABELS, key=len, reverse=True))

# Suffixes of government bodies, agencies, companies and groups of them, longest first.
_UNIT_SUFFIXES = tuple(sorted((
    "人民政府", "政府", "管委会", "管理委员会", "委员会", "办公室", "办事处", "领导小组", "指挥部", "工作专班",
    "专班", "局", "委", "办", "厅", "院", "会", "公司", "集团", "中心", "队", "部", "署", "处", "所", "社", "支行",
    "团", "站", "室", "馆", "台", "联", "协", "组", "总队", "支队", "大队", "海关", "银行", "分行", "法院", "检察院",
    "学校", "大学", "医院", "单位", "部门", "机构", "街道", "苏木", "嘎查", "特区", "园区", "集团公司", "有限公司",
    "中央",
), key=len, reverse=True))
# Place names stand for their government only beside other units or when the registry knows them.
_PLACE_SUFFIXES = ("区", "县", "市", "镇", "乡", "旗")
# Words that open a note, a range or an explanation, never a unit.
_NOT_A_UNIT = re.compile(r"^(?:含|不含|包括|包含|以下|即|如|按|其中|下同|详见|见|共|约|除|注|备注|参照|依据|根据|"
                         r"涉及|主要|重点|新增|全市|全县|全区|全省|全国|每|第|前|后)")
# "各区人民政府配合" is a unit and a verb: a clause, not a bare list.
_VERB_ENDS = ("牵头", "负责", "配合", "参与", "协同", "协助", "落实", "推进", "实施")
_GROUP = re.compile(r"^各|有关|相关|各(?:部门|单位|成员单位)|成员单位$")
_INNER = re.compile(r"[(（〈][^()（）〈〉]*[)）〉]")
UNIT_LINE = re.compile(rf"^[【\[]?(?P<label>{ALL_LABELS})[】\]]?\s*[:：]\s*(?P<value>.*)$")
_LABEL_ANYWHERE = re.compile(rf"(?:^|(?<=[\s；;。，,]))(?P<label>{ALL_LABELS})\s*[:：]")
_MAX_LIST = 400


def _core(name: str) -> str:
    """The name without notes or hosts in brackets, "等" at the end, or spaces."""
    name = name.strip().removesuffix("等")
    if "（" in name or "(" in name or "〈" in name:
        name = _INNER.sub("", name)
    return name.strip()


def is_group_name(name: str) -> bool:
    """"各县（市、区）人民政府", "市直有关部门", "国务院有关部门": a set of units named by what they have in common."""
    return _GROUP.search(_core(name)) is not None


def unit_like(name: str, known: Known | None = None, *, with_places: bool = False) -> bool:
    """A name that can stand for a unit: known to the registry, a group, or a unit's suffix after a name."""
    raw = name.strip().removesuffix("等").strip()
    if not raw or len(raw) > 40 or any(ch.isdigit() for ch in raw) or "。" in raw:
        return False
    if known is not None and known(raw):
        return True
    core = _core(raw)
    if not core or _NOT_A_UNIT.match(core) or core.endswith(_VERB_ENDS):
        return False
    if core.startswith("各") and len(core) >= 2:
        return True
    suffix = next((s for s in _UNIT_SUFFIXES if core.endswith(s)), None)
    if suffix is not None:  # one character is not enough of a name: 试行, 平台, 格局, 东部 are words, 财政部 a unit
        return len(core) >= 3 if len(suffix) == 1 else len(core) > len(suffix)
    return with_places and len(core) >= 3 and core.endswith(_PLACE_SUFFIXES)


def unit_tokens(text: str) -> list[str]:
    """The names of a printed list, split on 、，,；; and on 及 between two names (outside brackets)."""
    tokens = []
    for piece in split_top_level(text, "、，,；;"):
        tokens.extend(split_on_and(piece))
    return [t for t in tokens if t.strip()]


def split_on_and(piece: str) -> list[str]:
    """"市级各有关部门及各县市区政府" is two names; "市停车场及新能源汽车…领导小组" is one."""
    if "及" not in piece:
        return [piece]
    left, _, right = piece.partition("及")
    if unit_like(left) and unit_like(right.split("及")[0]):
        return [left, *split_on_and(right)]
    return [piece]


def is_unit_list(text: str, known: Known | None = None) -> bool:
    """Every name of the list is unit-like (place names only beside at least one other name)."""
    if not text or len(text) > _MAX_LIST:
        return False
    tokens = unit_tokens(text)
    if not tokens:
        return False
    places = len(tokens) >= 2
    return all(unit_like(token, known, with_places=places) for token in tokens)


def unit_line(line: str) -> bool:
    """`责任单位：…` / `牵头领导：…；牵头单位：…` printed on its own line under an item."""
    return line[:1] in "牵责配参协主分包时完县市【[" and UNIT_LINE.match(line) is not None


def labelled_segments(line: str) -> list[str]:
    """"牵头领导：张三  牵头单位：市发改委；配合单位：市财政局" → one "label：value" per label."""
    starts = [m.start("label") for m in _LABEL_ANYWHERE.finditer(line)]
    if not starts:
        return []
    pieces = [line[a:b] for a, b in zip(starts, [*starts[1:], len(line)], strict=True)]
    return [p.strip().strip("；;，, 　").strip() for p in pieces if p.strip()]


def trailing_labels(text: str) -> tuple[str, str] | None:
    """An item that ends with its labels after the sentence, without brackets:
    "全年实施亿元以上项目1200个。责任单位：市发改委" → ("全年实施亿元以上项目1200个。", "责任单位：市发改委")."""
    if "：" not in text and ":" not in text:
        return None
    for match in _LABEL_ANYWHERE.finditer(text):
        start = match.start("label")
        if start == 0 or text[start - 1] not in "。；; \u3000":
            continue
        head, tail = text[:start].rstrip(), text[start:]
        if head and head[-1] in "。；;" and all(UNIT_LINE.match(s) for s in labelled_segments(tail)):
            return head, tail
    return None
