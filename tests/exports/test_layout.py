"""The shared table layout: numbering, part headings, merges, widths, titles and notes."""

from __future__ import annotations

from dataclasses import replace

from gwr_desktop.domain.forms import FormContent, FormItem, WorkEntry
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports import snapshot
from gwr_desktop.exports.layout import FormLayout, document_digest, seq_label
from tests.exports import samples
from tests.exports.conftest import layout_of


def test_plan_layout_follows_the_plan_numbering_with_part_headings(plan_layout: FormLayout) -> None:
    assert plan_layout.title == "市发改委市《政府工作报告》办理方案"
    assert plan_layout.headers == ("序号", "责任事项", "具体工作内容", "完成时间\n(按月)", "分管领导\n责任部门")
    headings = [row.cells[0] for row in plan_layout.rows if row.heading]
    assert headings == ["一、经济社会发展主要预期目标", "二、重点工作", "三、建设人民满意的服务型政府"]
    seqs = [row.cells[0] for row in plan_layout.rows if not row.heading and row.cells[0]]
    assert seqs[:4] == ["(一)", "(三)", "(四)", "(五)"] and seqs[4] == "13"
    assert len(seqs) == 46


def test_an_items_work_rows_merge_its_seq_item_and_owner(plan_layout: FormLayout) -> None:
    first = plan_layout.rows[1]
    assert first.cells[2].startswith("1.") and first.cells[3] == "3月"
    assert first.cells[4] == "张建国副主任\n综合处、投资处"
    spans = [s for s in plan_layout.merges if s.first == 1]
    assert {s.column for s in spans} == {0, 1, 4} and all(s.last == 2 for s in spans)
    assert plan_layout.rows[2].cells[0] == "" and plan_layout.rows[2].cells[2].startswith("2.")


def _items(*keys: str) -> tuple[FormItem, ...]:
    return tuple(FormItem(key, key.split("-")[0], int(key.split("-")[1]), f"事项{key}",
                          entries=(WorkEntry({"content": "做事"}),)) for key in keys)


def test_headings_whenever_the_plan_has_several_parts() -> None:
    """Regression (issue 10 #5): 江夏's 三-1, 2, 5, 6, 7 printed as a bare 1, 2, 5 … read as 二-1, 二-2 …"""
    content = FormContent(samples.definition(FormKind.PLAN), "2023", "江夏区人民政府",
                          items=_items("三-5", "三-1", "三-2"))
    layout = layout_of(FormKind.PLAN, content)
    assert [row.cells[0] for row in layout.rows] == ["三、建设人民满意的服务型政府", "1", "2", "5"]
    assert layout.rows[0].heading and not any(row.heading for row in layout.rows[1:])


def test_no_heading_in_a_plan_of_one_part() -> None:
    from gwr_desktop.exports.layout import build_layout

    content = FormContent(samples.definition(FormKind.PLAN), "2023", "某单位", items=_items("二-5", "二-1"))
    layout = build_layout(content, part_titles={"二": "二、重点工作"})
    assert [row.cells[0] for row in layout.rows] == ["1", "5"]  # sorted by the plan's own numbering


def test_progress_title_and_optional_columns_fit_the_type_area() -> None:
    layout = layout_of(FormKind.PROGRESS, samples.progress_content(print_status=True))
    assert layout.title == "市发改委前2季度工作目标完成情况"
    assert layout.headers == ("序号", "责任事项", "完成情况", "进度", "完成数")
    assert sum(c.width_mm for c in layout.columns) == layout.page.content_width_mm == 225
    assert layout.notes[0].startswith("备注：为便于统计")


def test_contacts_roster_rows_and_office_contacts(contacts_layout: FormLayout) -> None:
    assert not contacts_layout.page.landscape and contacts_layout.page.content_width_mm == 156
    assert [row.cells[0] for row in contacts_layout.rows] == ["分管领导", "办公室或者综合协调处室负责人", "经办人", ""]
    assert [(s.column, s.first, s.last) for s in contacts_layout.merges] == [(0, 2, 3)]
    note = contacts_layout.notes[0]
    assert note.startswith("市政府督查室联系人：徐小生 82826016 13627297755\n")
    assert note.endswith("王璐 82826682 15926265570")


def test_manifest_identifies_form_and_document(progress_layout: FormLayout) -> None:
    manifest = progress_layout.manifest
    assert (manifest.plan, manifest.unit, manifest.form, manifest.quarter) == ("2023", "市发改委", "progress", 2)
    assert manifest.digest == document_digest(progress_layout) == document_digest(layout_of(FormKind.PROGRESS))
    changed = samples.progress_content()
    changed = replace(changed, header={"principal": "王强"})
    assert document_digest(layout_of(FormKind.PROGRESS, changed)) != manifest.digest


def test_snapshot_round_trip_is_exact() -> None:
    for content in (samples.plan_content(), samples.contacts_content(), samples.progress_content(print_status=True)):
        layout = layout_of(content.kind, content)
        document = snapshot.SignedDocument(layout, 2023, content.definition.name)
        text = snapshot.to_json(content, document)
        assert snapshot.content_from_json(text) == content and snapshot.document_from_json(text) == document
        assert snapshot.digest(snapshot.content_from_json(text)) == snapshot.digest(content)


def test_seq_label() -> None:
    assert seq_label("一", 3) == "(三)" and seq_label("二", 83) == "83" and seq_label("四", 21) == "21"
