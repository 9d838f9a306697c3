"""The unit registry (canonical names, variants, kinds, groups) and the splitting of printed unit lists."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

GROUP_KIND = "group"
UNKNOWN_KIND = "unknown"

# Suffixes a printed list shares between its members: "江汉、硚口、黄陂、新洲区人民政府".
_SHARED_SUFFIXES = ("区人民政府", "人民政府", "区政府", "政府", "管委会")
# 〈…〉 after a name: either a group note ("含开发区…,下同") or the unit that hosts/handles it.
_NOTE = re.compile(r"^(含|下同)")
_HOST = re.compile(r"^(?P<name>[^〈]+)〈(?P<inner>[^〉]*)〉$")


@dataclass(frozen=True)
class Unit:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    host: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Group:
    name: str
    member_kinds: tuple[str, ...] = ()
    member_tags: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class NamedUnit:
    """A unit as printed in a clause, resolved against the registry."""

    name: str  # canonical (or the printed name when unknown)
    raw: str
    via: str | None = None
    known: bool = True


@dataclass
class UnitRegistry:
    units: dict[str, Unit] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    _aliases: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_json(cls, path: Path) -> UnitRegistry:
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))

    @classmethod
    def from_dict(cls, data: dict) -> UnitRegistry:
        registry = cls(kinds=dict(data.get("kinds", {})))
        for raw in data.get("units", []):
            registry.add_unit(Unit(
                name=raw["name"], kind=raw["kind"], aliases=tuple(raw.get("aliases", ())),
                tags=tuple(raw.get("tags", ())), host=raw.get("host"), note=raw.get("note", ""),
            ))
        for raw in data.get("groups", []):
            registry.add_group(Group(
                name=raw["name"], member_kinds=tuple(raw.get("member_kinds", ())),
                member_tags=tuple(raw.get("member_tags", ())), members=tuple(raw.get("members", ())),
                note=raw.get("note", ""),
            ))
        return registry

    def add_unit(self, unit: Unit) -> None:
        self.units[unit.name] = unit
        for alias in unit.aliases:
            self._aliases[alias] = unit.name

    def add_group(self, group: Group) -> None:
        self.groups[group.name] = group

    def is_known(self, name: str) -> bool:
        return self.canonical(name) is not None

    def canonical(self, name: str) -> str | None:
        """The registry's name for a printed name or variant; None when unknown."""
        if name in self.units or name in self.groups:
            return name
        return self._aliases.get(name)

    def is_group(self, name: str) -> bool:
        return name in self.groups

    def kind_of(self, name: str) -> str:
        if name in self.groups:
            return GROUP_KIND
        unit = self.units.get(name)
        return unit.kind if unit else UNKNOWN_KIND

    def members(self, group_name: str) -> list[str]:
        group = self.groups[group_name]
        chosen = [
            unit.name for unit in self.units.values()
            if unit.kind in group.member_kinds or set(unit.tags) & set(group.member_tags)
        ]
        chosen += [name for name in group.members if name not in chosen]
        return chosen

    def groups_of(self, unit_name: str) -> list[str]:
        return [name for name in self.groups if unit_name in self.members(name)]

    def search(self, fragment: str) -> list[str]:
        """Units whose name or variant contains the fragment (the first-run chooser's search)."""
        fragment = fragment.strip()
        hits = [u.name for u in self.units.values() if fragment in u.name or any(fragment in a for a in u.aliases)]
        return hits

    def to_dict(self) -> dict:
        return {
            "format": 1,
            "kinds": self.kinds,
            "units": [_unit_dict(u) for u in self.units.values()],
            "groups": [_group_dict(g) for g in self.groups.values()],
        }

    # -- reading printed lists -------------------------------------------------------------------

    def resolve(self, printed: str) -> NamedUnit:
        """One printed unit: strip group notes, split off a host in 〈〉, map variants to canonical."""
        printed = printed.strip()
        via = None
        match = _HOST.match(printed)
        if match:
            inner = match.group("inner").strip()
            printed = match.group("name").strip()
            if not _NOTE.match(inner):
                via = self.canonical(inner) or inner
        canonical = self.canonical(printed)
        if via is None and canonical in self.units:
            via = self.units[canonical].host
        return NamedUnit(name=canonical or printed, raw=printed, via=via, known=canonical is not None)

    def split_list(self, text: str) -> list[NamedUnit]:
        """A printed list of units ("市发改委、市教育局,各区人民政府〈含…〉") → resolved units, in order.

        "等" after the last name, "及" between two names, a suffix the list shares ("江汉、硚口区人民政府") and a
        group whose name holds a 、 ("各区、县（市）人民政府") are read as a reader of the plan reads them.
        """
        named: list[NamedUnit] = []
        for group in split_top_level(text, ",，"):
            tokens = [t.strip().removesuffix("等").strip() for t in _and_split(split_top_level(group, "、"))]
            for token in self._expand_shared_suffix(_join_split_groups([t for t in tokens if t])):
                named.append(self.resolve(token))
        return _dedupe(named)

    def _expand_shared_suffix(self, tokens: list[str]) -> list[str]:
        if len(tokens) < 2:
            return tokens
        last = tokens[-1].strip()
        suffix = next((s for s in _SHARED_SUFFIXES if last.endswith(s)), None)
        if suffix is None:
            return tokens
        return [self._with_suffix(t.strip(), suffix) for t in tokens[:-1]] + [last]

    def _with_suffix(self, token: str, suffix: str) -> str:
        if token.endswith(_SHARED_SUFFIXES) or token.startswith("各") or self.resolve(token).known:
            return token  # a whole name already ("市委宣传部〈市文明办〉" included)
        if _has_unit_suffix(token):
            return token  # "市政府办、各县人民政府": a unit of its own, not a place sharing 人民政府
        # "江汉" + "区人民政府"; "洪山区" + "人民政府"; "东湖高新区" + "管委会".
        for candidate in (token + suffix, token + suffix.removeprefix("区"), token + "区" + suffix):
            if self.canonical(candidate):
                return candidate
        # "谷城县" in "谷城县、樊城区人民政府" is a county: it takes 人民政府, not 区人民政府.
        return token + (suffix.removeprefix("区") if token.endswith(tuple(_PLACE_CLASS)) else suffix)


def split_top_level(text: str, separators: str) -> list[str]:
    """Split on separators that are not inside 〈〉 or brackets."""
    return _split_top_level(text, separators)


# Suffixes that make a name a unit of its own (so it never takes a shared suffix).
_OWN_SUFFIXES = ("局", "委", "办", "厅", "院", "会", "公司", "集团", "中心", "队", "行", "部", "署", "处", "所", "社",
                 "团", "站", "室", "馆", "台", "联", "协", "组", "政府", "单位", "部门")
_PLACE_CLASS = "区县市乡镇旗"


def _has_unit_suffix(token: str) -> bool:
    core = re.sub(r"[(（〈][^()（）〈〉]*[)）〉]", "", token)
    return core.endswith(_OWN_SUFFIXES)


def _and_split(tokens: list[str]) -> list[str]:
    """"市级各有关部门及各县市区政府": two names joined by 及 (a name holding 及 stays whole)."""
    out: list[str] = []
    for token in tokens:
        left, found, right = token.partition("及")
        if found and _has_unit_suffix(left.strip()) and _has_unit_suffix(right.strip()):
            out += [left.strip(), *_and_split([right.strip()])]
        else:
            out.append(token)
    return out


def _group_head(token: str) -> bool:
    """"各区", "各县、市": the head of a group name that goes on after a 、."""
    return token.startswith("各") and len(token) >= 2 and all(c in _PLACE_CLASS + "、" for c in token[1:])


def _join_split_groups(tokens: list[str]) -> list[str]:
    """"各区、县（市）人民政府" (Hangzhou), "各县、市、区人民政府" are one group each, printed with 、 inside."""
    out: list[str] = []
    for token in tokens:
        previous = out[-1] if out else ""
        if _group_head(previous) and token[:1] in _PLACE_CLASS and (
                token[1:] in ("", "人民政府", "政府") or token[1:].startswith(("（", "("))):
            out[-1] = previous + "、" + token
        else:
            out.append(token)
    return out


def _split_top_level(text: str, separators: str) -> list[str]:
    """Split on separators that are not inside 〈〉 or brackets."""
    if not any(ch in text for ch in "〈(（"):  # the common case, without a character-by-character walk
        pieces = re.split("[" + re.escape(separators) + "]", text)
        return [p.strip() for p in pieces if p.strip()]
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch in "〈(（":
            depth += 1
        elif ch in "〉)）":
            depth = max(0, depth - 1)
        if ch in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def _dedupe(named: Iterable[NamedUnit]) -> list[NamedUnit]:
    seen: set[str] = set()
    result = []
    for unit in named:
        if unit.name not in seen:
            seen.add(unit.name)
            result.append(unit)
    return result


def _unit_dict(unit: Unit) -> dict:
    data: dict = {"name": unit.name, "kind": unit.kind}
    for key in ("aliases", "tags"):
        if getattr(unit, key):
            data[key] = list(getattr(unit, key))
    if unit.host:
        data["host"] = unit.host
    if unit.note:
        data["note"] = unit.note
    return data


def _group_dict(group: Group) -> dict:
    data: dict = {"name": group.name}
    for key in ("member_kinds", "member_tags", "members"):
        if getattr(group, key):
            data[key] = list(getattr(group, key))
    if group.note:
        data["note"] = group.note
    return data
