"""The checks on one 完成情况: what they point at, and what they must not read into a report."""

from __future__ import annotations

from decimal import Decimal

from gwr_desktop.domain.office.checks import NO_FIGURE, REACHED, SAME_AS_BEFORE, check_progress

SHOPS = "新增品牌连锁便利店200家"
GROWTH = "全市地区生产总值增长6.5%"


def kinds(item: str, text: str, previous: str = "", figure: str = "") -> set[str]:
    return {f.kind for f in check_progress(item, text, previous, figure)}


def test_a_report_copied_forward_is_pointed_at() -> None:
    assert kinds("做好招商工作", "稳步推进 各项工作", "稳步推进各项工作") == {SAME_AS_BEFORE}
    assert kinds("做好招商工作", "稳步推进各项工作", "") == set()


def test_a_target_without_any_figure_is_pointed_at() -> None:
    (finding,) = check_progress(SHOPS, "稳步推进各项工作。")
    assert finding.kind == NO_FIGURE and finding.target == SHOPS


def test_the_share_reached_is_read_next_to_the_targets_words() -> None:
    (finding,) = check_progress(SHOPS, "前2季度：开展专项调度4次，新增便利店136家。")
    assert finding.kind == REACHED and finding.share == Decimal("68.0")


def test_a_number_about_something_else_is_not_a_share() -> None:
    # Regression: "完成阶段任务50%" was read as 769% of "增长6.5%" (same unit, nothing else in common).
    assert check_progress(GROWTH, "前2季度：完成阶段任务50%，开展专项调度4次。") == []


def test_the_figure_column_counts_without_the_targets_words() -> None:
    (finding,) = check_progress(SHOPS, "稳步推进各项工作。", figure="120家")
    assert finding.kind == REACHED and finding.share == Decimal("60.0")
