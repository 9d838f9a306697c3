"""Registry reading of printed lists, and role resolution for a department, a district and a zone."""

from __future__ import annotations

from gwr_desktop.domain.plan import ParsedPlan, Role
from gwr_desktop.domain.roles import tasks_for
from gwr_desktop.domain.text import chinese_numeral, chinese_numeral_value, clean_text
from gwr_desktop.domain.units import UnitRegistry


def names(registry: UnitRegistry, text: str) -> list[str]:
    return [u.name for u in registry.split_list(text)]


def test_shared_suffix_expansion(registry: UnitRegistry) -> None:
    assert names(registry, "江汉、硚口、黄陂、新洲区人民政府") == [
        "江汉区人民政府", "硚口区人民政府", "黄陂区人民政府", "新洲区人民政府"]
    assert names(registry, "东湖高新区、武汉经开区、临空港开发区管委会") == [
        "东湖高新区管委会", "武汉经开区管委会", "临空港开发区管委会"]
    assert names(registry, "洪山区、各新城区人民政府") == ["洪山区人民政府", "各新城区人民政府"]


def test_variants_and_unknown_names(registry: UnitRegistry) -> None:
    assert registry.resolve("市自然资源局").name == "市自然资源规划局"
    assert registry.resolve("东湖高新区").name == "东湖高新区管委会"
    unknown = registry.resolve("市未来局")
    assert (unknown.name, unknown.known) == ("市未来局", False)


def test_group_membership(registry: UnitRegistry) -> None:
    assert set(registry.members("各新城区人民政府")) == {
        f"{d}区人民政府" for d in ("东西湖", "汉南", "蔡甸", "江夏", "黄陂", "新洲")}
    assert len(registry.members("各中心城区人民政府")) == 7
    all_districts = registry.members("各区人民政府")
    assert "东湖高新区管委会" in all_districts and "江夏区人民政府" in all_districts
    assert "市商务局" not in all_districts
    assert set(registry.groups_of("江夏区人民政府")) >= {"各区人民政府", "各新城区人民政府"}
    assert "市商务局" in registry.members("市人民政府各部门")


def test_registry_round_trips_as_data(registry: UnitRegistry) -> None:
    again = UnitRegistry.from_dict(registry.to_dict())
    assert again.units == registry.units and again.groups == registry.groups


def test_chinese_numerals() -> None:
    assert [chinese_numeral_value(n) for n in ("一", "十", "十五", "二十")] == [1, 10, 15, 20]
    assert [chinese_numeral(n) for n in (1, 10, 15, 20)] == ["一", "十", "十五", "二十"]


def test_clean_text_keeps_latin_words_and_balanced_brackets() -> None:
    assert clean_text("REITs 基金,市域(郊)铁路") == "REITs基金，市域（郊）铁路"
    assert clean_text("Check  Database") == "Check Database"


def leads(parsed: ParsedPlan, registry: UnitRegistry, unit: str) -> set[str]:
    return {k for k, r in tasks_for(parsed.items, unit, registry).items() if r is Role.LEAD}


def helps(parsed: ParsedPlan, registry: UnitRegistry, unit: str) -> set[str]:
    return {k for k, r in tasks_for(parsed.items, unit, registry).items() if r is Role.RESPONSIBLE}


def test_city_department_roles(parsed: ParsedPlan, registry: UnitRegistry) -> None:
    lead = leads(parsed, registry, "市商务局")
    assert "二-1" in lead  # through the office it hosts
    assert {"二-2", "二-5", "二-12", "四-60", "四-61"} <= lead
    assert {"二-170", "二-172", "二-176"} <= lead  # sole 责任单位 with no lead
    assert {"三-1", "三-7"} <= lead  # 市人民政府各部门: every unit answers for itself
    assert len(lead) == 23
    helping = helps(parsed, registry, "市商务局")
    assert {"二-7", "二-8", "三-3"} <= helping  # 三-3 through 市人民政府各部门
    assert not lead & helping


def test_district_roles(parsed: ParsedPlan, registry: UnitRegistry) -> None:
    assert leads(parsed, registry, "江夏区人民政府") == {"三-1", "三-2", "三-5", "三-6", "三-7"}
    helping = helps(parsed, registry, "江夏区人民政府")
    assert {"一-1", "二-3"} <= helping  # 各区人民政府
    assert {"二-179", "二-181", "四-41"} <= helping  # 各新城区人民政府
    assert {"二-70", "二-73", "二-230"} <= helping  # named directly
    assert "四-40" not in helping  # 各中心城区人民政府 only


def test_functional_zone_roles(parsed: ParsedPlan, registry: UnitRegistry) -> None:
    lead = leads(parsed, registry, "东湖高新区管委会")
    assert {"二-52", "二-60", "二-66", "二-168"} <= lead
    helping = helps(parsed, registry, "东湖高新区管委会")
    assert {"二-36", "二-51", "二-169", "一-1"} <= helping
    assert "二-179" in helping  # named directly, not as a 新城区


def test_split_assignment_roles(parsed: ParsedPlan, registry: UnitRegistry) -> None:
    assert "二-49" in leads(parsed, registry, "市经信局") and "二-49" in leads(parsed, registry, "市发改委")
    assert "二-49" in helps(parsed, registry, "市财政局")
    assert "二-75" in leads(parsed, registry, "市乡村振兴局") and "二-75" in leads(parsed, registry, "市水务局")
