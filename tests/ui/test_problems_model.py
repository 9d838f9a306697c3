"""Every kind of import problem is named in Chinese in the review panel (unknown kinds used to show codes)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gwr_desktop.domain.plan import Problem
from gwr_desktop.domain.plan_checks import PROBLEM_KINDS
from gwr_desktop.ui.models.problems import KIND_LABELS, ProblemsModel

IMPORTER_KINDS = PROBLEM_KINDS


def test_each_importer_problem_kind_has_a_chinese_label(qtmodeltester) -> None:  # noqa: ANN001
    model = ProblemsModel()
    model.set_problems([Problem(kind, "文字", "位置", 1, "一-1") for kind in IMPORTER_KINDS])
    qtmodeltester.check(model)
    labels = [model.index(row, 0).data(Qt.ItemDataRole.DisplayRole) for row in range(model.rowCount())]
    assert labels == [KIND_LABELS[kind][0] for kind in IMPORTER_KINDS]
    assert all("\u4e00" <= label[0] <= "\u9fff" for label in labels)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "类型" and model.columnCount() == 3
