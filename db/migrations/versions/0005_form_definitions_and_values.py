"""form definitions per plan, form values by column key, signed versions frozen as documents

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 16:30:00

* `plan_forms` gains the rest of each form's definition (JSON) and a version; labels become unique per plan
  (a repeated label moves to the next free 附表N, with a plan problem saying so).
* `form_heads` / `form_rows` hold what units typed, by column key, under a unique placement; the five typed
  tables (form_headers, form_item_owners, form_work_entries, form_contacts, form_progress) are copied in
  and dropped. 完成时间 is kept as the text the form printed ("3-6月").
* Every signed version is rewritten as the document it was: the layout exactly as the app at revision 0004
  rendered it at sign-off (label and title as signed, columns and widths, rows, merges, notes, manifest with
  the digest its files carry), with its file naming, so a re-export writes the same files whatever changes.

Self-contained on purpose: it builds those layouts with its own copy of the 0004 rules and definitions, so
later changes to the app's layout code or to forms/*.json cannot change what it produces.
"""

import json

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

KIND_ORDER = ("plan", "contacts", "progress")
FORM_NAMES = {"plan": "办理方案", "contacts": "督办工作人员名单", "progress": "工作目标完成情况"}
_PRINCIPAL = {"key": "principal", "label": "主要负责人(签字)：", "kind": "person", "name": "主要负责人"}
_UNIT = {"key": "unit", "label": "单位：", "kind": "unit", "required": False}
# The definitions of forms/*.json at this revision, without kind, label and title (the row's own columns).
BODIES = {
    "plan": {
        "name": "办理方案", "orientation": "landscape", "max_entries": 100, "header_fields": [_UNIT, _PRINCIPAL],
        "columns": [
            {"key": "seq", "header": "序号", "width_mm": 14, "align": "center", "kind": "seq"},
            {"key": "item", "header": "责任事项", "width_mm": 62, "kind": "item"},
            {"key": "content", "header": "具体工作内容", "width_mm": 88, "kind": "long_text", "level": "entry",
             "numbered": True},
            {"key": "period", "header": "完成时间\n(按月)", "width_mm": 25, "align": "center", "kind": "period",
             "level": "entry"},
            {"key": "owner", "header": "分管领导\n责任部门", "width_mm": 36, "align": "center",
             "parts": [{"key": "leader", "label": "分管领导", "kind": "person"},
                       {"key": "department", "label": "责任部门", "kind": "text"}]}],
        "notes": []},
    "contacts": {
        "name": "督办工作人员名单", "short_name": "督办名单", "orientation": "portrait", "header_fields": [],
        "rows": [{"key": "leader", "label": "分管领导", "min": 1, "max": 1},
                 {"key": "office", "label": "办公室或者综合协调处室负责人", "min": 1, "max": 1},
                 {"key": "handler", "label": "经办人", "min": 1, "max": 5}],
        "columns": [
            {"key": "role", "header": "责任人", "width_mm": 40, "align": "center", "kind": "role", "level": "person"},
            {"key": "name", "header": "姓名", "width_mm": 24, "align": "center", "kind": "person", "level": "person"},
            {"key": "title", "header": "职务", "width_mm": 36, "align": "center", "kind": "text", "level": "person"},
            {"key": "office_phone", "header": "办公电话", "width_mm": 24, "align": "center", "kind": "office_phone",
             "level": "person"},
            {"key": "mobile", "header": "手机", "width_mm": 32, "align": "center", "kind": "mobile",
             "level": "person"}],
        "notes": ["市政府督查室联系人：{office_contacts}"]},
    "progress": {
        "name": "工作目标完成情况", "short_name": "完成情况", "orientation": "landscape",
        "header_fields": [_UNIT, _PRINCIPAL],
        "columns": [
            {"key": "seq", "header": "序号", "width_mm": 14, "align": "center", "kind": "seq"},
            {"key": "item", "header": "责任事项", "width_mm": 80, "kind": "item"},
            {"key": "progress", "header": "完成情况", "width_mm": 131, "kind": "long_text"},
            {"key": "status", "header": "进度", "width_mm": 20, "align": "center", "kind": "status",
             "required": False, "optional": True},
            {"key": "figure", "header": "完成数", "width_mm": 22, "align": "center", "kind": "figure",
             "required": False, "optional": True}],
        "notes": ["备注：为便于统计，责任事项序号请按市《政府工作报告》目标任务责任分解方案确定的序号排序。"]},
}

plan_forms = sa.table("plan_forms", sa.column("id"), sa.column("plan_id"), sa.column("kind"), sa.column("label"),
                      sa.column("title_pattern"), sa.column("definition"), sa.column("version"))
plans = sa.table("plans", sa.column("id"), sa.column("key"), sa.column("year"))
plan_parts = sa.table("plan_parts", sa.column("plan_id"), sa.column("ordinal"), sa.column("numeral"),
                      sa.column("title"))
plan_problems = sa.table("plan_problems", sa.column("plan_id"), sa.column("kind"), sa.column("text"),
                         sa.column("location"), sa.column("line"), sa.column("after_item"), sa.column("resolved"))
items = sa.table("items", sa.column("id"), sa.column("plan_id"), sa.column("key"))
form_versions = sa.table("form_versions", sa.column("id"), sa.column("plan_id"), sa.column("kind"),
                         sa.column("version"), sa.column("content_json"), sa.column("digest"))


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("plan_forms", schema=None) as batch_op:
        batch_op.add_column(sa.Column("definition", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=True))
    _fill_definitions(bind)
    with op.batch_alter_table("plan_forms", schema=None) as batch_op:
        batch_op.alter_column("definition", existing_type=sa.Text(), nullable=False)
        batch_op.alter_column("version", existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint("uq_plan_forms_label", ["plan_id", "label"])
    heads, rows = _create_value_tables()
    _copy_values(bind, heads, rows)
    for table in ("form_work_entries", "form_item_owners", "form_contacts", "form_progress", "form_headers"):
        op.drop_table(table)
    _freeze_signed_versions(bind)


# ---- plan_forms ----------------------------------------------------------------------------------------------

def _fill_definitions(bind) -> None:  # noqa: ANN001
    rows = bind.execute(sa.select(plan_forms.c.id, plan_forms.c.plan_id, plan_forms.c.kind, plan_forms.c.label)
                        .order_by(plan_forms.c.plan_id)).all()
    by_plan: dict[int, list] = {}
    for row in rows:
        by_plan.setdefault(row.plan_id, []).append(row)
    for plan_id, forms in by_plan.items():
        forms.sort(key=lambda r: KIND_ORDER.index(r.kind) if r.kind in KIND_ORDER else 9)
        taken, seen = {r.label for r in forms}, set()
        for row in forms:
            label = row.label
            if label in seen:
                label = next(f"附表{n}" for n in range(1, 100) if f"附表{n}" not in taken)
                taken.add(label)
                bind.execute(plan_problems.insert().values(
                    plan_id=plan_id, kind="form_settings", location="附表", line=0, after_item=None, resolved=False,
                    text=f"{FORM_NAMES.get(row.kind, row.kind)}与另一张表同为“{row.label}”，已改为“{label}”；"
                         "请用 set-form 核对。"))
            seen.add(label)
            body = json.dumps(BODIES.get(row.kind, {}), ensure_ascii=False, sort_keys=True)
            bind.execute(plan_forms.update().where(plan_forms.c.id == row.id)
                         .values(label=label, definition=body, version=1))


# ---- form values ---------------------------------------------------------------------------------------------

def _common() -> list:
    return [sa.Column("id", sa.Integer(), nullable=False), sa.Column("plan_id", sa.Integer(), nullable=False),
            sa.Column("unit_id", sa.Integer(), nullable=False), sa.Column("kind", sa.String(length=20), nullable=False),
            sa.Column("quarter", sa.Integer(), nullable=False)]


def _tail() -> list:
    return [sa.Column("values_json", sa.Text(), nullable=False), sa.Column("version", sa.Integer(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
            sa.ForeignKeyConstraint(["unit_id"], ["units.id"], ondelete="CASCADE"), sa.PrimaryKeyConstraint("id")]


def _create_value_tables():  # noqa: ANN202
    heads = op.create_table(
        "form_heads", *_common(), sa.Column("print_optional", sa.Boolean(), nullable=False), *_tail(),
        sa.UniqueConstraint("plan_id", "unit_id", "kind", "quarter", name="uq_form_heads_form"))
    rows = op.create_table(
        "form_rows", *_common(), sa.Column("anchor", sa.String(length=40), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False), sa.Column("ordinal", sa.Integer(), nullable=False),
        *_tail(),
        sa.UniqueConstraint("plan_id", "unit_id", "kind", "quarter", "anchor", "level", "ordinal",
                            name="uq_form_rows_place"))
    return heads, rows


def _values(**values) -> str:  # noqa: ANN003
    return json.dumps({k: v for k, v in values.items() if v}, ensure_ascii=False, sort_keys=True)


def _period_text(kind, start, end) -> str:  # noqa: ANN001
    if kind is None:
        return ""
    if kind == "year":
        return "全年"
    return f"{start}月" if kind == "month" else f"{start}-{end}月"


def _query(sql: str) -> sa.TextClause:
    """Raw SQL over the old tables, with updated_at read as a datetime on every back-end."""
    return sa.text(sql).columns(updated_at=sa.DateTime())


def _copy_values(bind, heads, rows) -> None:  # noqa: ANN001
    for r in bind.execute(_query("SELECT plan_id, unit_id, kind, quarter, principal, print_status, updated_at "
                                  "FROM form_headers")).all():
        bind.execute(heads.insert().values(plan_id=r.plan_id, unit_id=r.unit_id, kind=r.kind, quarter=r.quarter,
                                           values_json=_values(principal=r.principal), version=1,
                                           print_optional=bool(r.print_status), updated_at=r.updated_at))
    placed = []
    for r in bind.execute(_query(
            "SELECT i.plan_id, o.unit_id, i.key, o.leader, o.department, o.updated_at "
            "FROM form_item_owners o JOIN items i ON i.id = o.item_id")).all():
        placed.append((r.plan_id, r.unit_id, "plan", 0, r.key, "item", 0,
                       _values(leader=r.leader, department=r.department), r.updated_at))
    counters: dict[tuple, int] = {}
    for r in bind.execute(_query(
            "SELECT i.plan_id, w.unit_id, i.key, w.content, w.period_kind, w.period_start, w.period_end, w.updated_at "
            "FROM form_work_entries w JOIN items i ON i.id = w.item_id "
            "ORDER BY i.plan_id, w.unit_id, i.key, w.ordinal, w.id")).all():
        place = (r.plan_id, r.unit_id, r.key)
        ordinal = counters[place] = counters.get(place, -1) + 1  # dense: the old table had no unique ordinal
        placed.append((r.plan_id, r.unit_id, "plan", 0, r.key, "entry", ordinal, _values(
            content=r.content, period=_period_text(r.period_kind, r.period_start, r.period_end)), r.updated_at))
    counters = {}
    for r in bind.execute(_query(
            "SELECT plan_id, unit_id, role, name, title, office_phone, mobile, updated_at FROM form_contacts "
            "ORDER BY plan_id, unit_id, role, ordinal, id")).all():
        place = (r.plan_id, r.unit_id, r.role)
        ordinal = counters[place] = counters.get(place, -1) + 1
        placed.append((r.plan_id, r.unit_id, "contacts", 0, r.role, "person", ordinal, _values(
            name=r.name, title=r.title, office_phone=r.office_phone, mobile=r.mobile), r.updated_at))
    for r in bind.execute(_query(
            "SELECT i.plan_id, p.unit_id, i.key, p.quarter, p.progress, p.status, p.figure, p.updated_at "
            "FROM form_progress p JOIN items i ON i.id = p.item_id")).all():
        placed.append((r.plan_id, r.unit_id, "progress", r.quarter, r.key, "item", 0,
                       _values(progress=r.progress, status=r.status or "", figure=r.figure), r.updated_at))
    names = ("plan_id", "unit_id", "kind", "quarter", "anchor", "level", "ordinal", "values_json", "updated_at")
    if placed:
        bind.execute(rows.insert(), [dict(zip(names, p, strict=True)) | {"version": 1} for p in placed])


# ---- signed versions: the documents as rendered at revision 0004 ---------------------------------------------

NUMERALS = "一二三四五六七八九十"
PORTRAIT = {"top": 37, "bottom": 35, "left": 28, "right": 26}
LANDSCAPE = {"top": 28, "bottom": 26, "left": 35, "right": 37}
# (key, header, width, align, merged over an item's work rows) of each form as forms/*.json had them at 0004
OLD_COLUMNS = {
    "plan": [("seq", "序号", 14, "center", True), ("item", "责任事项", 62, "left", True),
             ("content", "具体工作内容", 88, "left", False), ("period", "完成时间\n(按月)", 25, "center", False),
             ("owner", "分管领导\n责任部门", 36, "center", True)],
    "contacts": [("role", "责任人", 40, "center", False), ("name", "姓名", 24, "center", False),
                 ("title", "职务", 36, "center", False), ("office_phone", "办公电话", 24, "center", False),
                 ("mobile", "手机", 32, "center", False)],
    "progress": [("seq", "序号", 14, "center", False), ("item", "责任事项", 80, "left", False),
                 ("progress", "完成情况", 131, "left", False)],
}
OLD_OPTIONAL = [("status", "进度", 20, "center", False), ("figure", "完成数", 22, "center", False)]
OLD_ROLES = [("leader", "分管领导", 1, 1), ("office", "办公室或者综合协调处室负责人", 1, 1),
             ("handler", "经办人", 1, 5)]
OLD_NOTES = {"plan": [], "contacts": ["市政府督查室联系人：{office_contacts}"],
             "progress": BODIES["progress"]["notes"]}


def _freeze_signed_versions(bind) -> None:  # noqa: ANN001
    years = dict(bind.execute(sa.select(plans.c.id, plans.c.year)).all())
    titles: dict[int, dict[str, str]] = {}
    for plan_id, numeral, title in bind.execute(sa.select(plan_parts.c.plan_id, plan_parts.c.numeral,
                                                          plan_parts.c.title).order_by(plan_parts.c.plan_id,
                                                                                       plan_parts.c.ordinal)):
        titles.setdefault(plan_id, {})[numeral] = f"{numeral}、{title}"
    for row in bind.execute(sa.select(form_versions)).all():
        data = json.loads(row.content_json)
        if data.get("schema") != 1:
            continue
        content = data["content"]
        layout = _legacy_layout(data["kind"], content, titles.get(row.plan_id, {}), row.version, row.digest)
        document = {"layout": layout, "year": years[row.plan_id], "form_name": FORM_NAMES[data["kind"]]}
        frozen = {"schema": 2, "kind": data["kind"], "content": _new_content(data["kind"], content),
                  "document": document}
        text = json.dumps(frozen, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        bind.execute(form_versions.update().where(form_versions.c.id == row.id).values(content_json=text))


def _seq(part: str, number: int) -> str:
    return f"({NUMERALS[number - 1]})" if part == "一" and 1 <= number <= len(NUMERALS) else str(number)


def _fit(columns: list) -> list:
    excess = sum(c[2] for c in columns) - 225
    if excess <= 0:
        return columns
    widest = max(columns, key=lambda c: c[2])
    return [(c[0], c[1], c[2] - excess, c[3], c[4]) if c is widest else c for c in columns]


def _legacy_layout(kind: str, content: dict, part_titles: dict, version: int, digest: str) -> dict:
    landscape = kind != "contacts"
    columns = OLD_COLUMNS[kind]
    if kind == "progress" and content.get("print_status"):
        columns = _fit(columns + OLD_OPTIONAL)
    if kind == "contacts":
        rows, merges = _legacy_roster(content)
        fields = []
    else:
        rows, merges = _legacy_items(kind, content, columns, part_titles)
        fields = [["单位：", content["unit"]], ["主要负责人(签字)：", content.get("principal") or ""]]
    quarter = content.get("quarter") if kind == "progress" else None
    return {
        "label": content["label"], "title": content["title"],
        "page": {"landscape": landscape, "width_mm": 297.0 if landscape else 210.0,
                 "height_mm": 210.0 if landscape else 297.0, "margins": LANDSCAPE if landscape else PORTRAIT},
        "columns": [{"key": c[0], "header": c[1], "width_mm": c[2], "align": c[3]} for c in columns],
        "header_fields": fields, "rows": rows, "merges": merges, "notes": _legacy_notes(kind, content),
        "manifest": {"plan": content["plan_key"], "unit": content["unit"], "form": kind, "quarter": quarter,
                     "version": version, "digest": digest, "label": content["label"], "title": content["title"],
                     "app": "gwr_desktop"},
        "min_row_mm": 12.0 if kind == "contacts" else 0.0,
    }


def _legacy_items(kind: str, content: dict, columns: list, part_titles: dict) -> tuple[list, list]:
    order = {part: i for i, part in enumerate(part_titles or NUMERALS)}
    ordered = sorted(content["items"], key=lambda i: (order.get(i["part"], len(order)), i["number"]))
    several = len({i["part"] for i in ordered}) > 1
    rows, merges, current, group = [], [], None, -1
    merged = [n for n, c in enumerate(columns) if c[4]]
    for item in ordered:
        if several and item["part"] != current:
            current, group = item["part"], group + 1
            text = part_titles.get(item["part"]) or f"{item['part']}、{item.get('part_title', '')}"
            rows.append({"cells": [text] + [""] * (len(columns) - 1), "heading": True, "group": -1})
        group += 1
        first = len(rows)
        for cells in _legacy_cells(kind, item, columns):
            rows.append({"cells": cells, "heading": False, "group": group})
        if len(rows) - 1 > first:
            merges += [{"column": col, "first": first, "last": len(rows) - 1} for col in merged]
    return rows, merges


def _legacy_cells(kind: str, item: dict, columns: list) -> list[list[str]]:
    if kind == "progress":
        values = {"seq": _seq(item["part"], item["number"]), "item": item["text"], "progress": item["progress"],
                  "status": item.get("status") or "", "figure": item.get("figure", "")}
        return [[values.get(c[0], "") for c in columns]]
    owner = "\n".join(v for v in (item.get("leader", ""), item.get("department", "")) if v)
    entries = item.get("entries") or []
    lines = []
    for index in range(max(1, len(entries))):
        entry = entries[index] if index < len(entries) else None
        period = entry.get("period") if entry else None
        values = {"seq": _seq(item["part"], item["number"]), "item": item["text"], "owner": owner,
                  "content": f"{index + 1}.{entry['content']}" if entry else "",
                  "period": _period_text(period["kind"], period.get("start"), period.get("end")) if period else ""}
        lines.append([values.get(c[0], "") if index == 0 or not c[4] else "" for c in columns])
    return lines


def _legacy_roster(content: dict) -> tuple[list, list]:
    rows, merges = [], []
    for group, (role, label, least, most) in enumerate(OLD_ROLES):
        people = [p for p in content.get("people", []) if p["role"] == role][:most]
        first = len(rows)
        for index in range(max(least, len(people), 1)):
            person = people[index] if index < len(people) else None
            cells = [label if index == 0 else ""]
            cells += [person.get(key, "") if person else "" for key in ("name", "title", "office_phone", "mobile")]
            rows.append({"cells": cells, "heading": False, "group": group})
        if len(rows) - 1 > first:
            merges.append({"column": 0, "first": first, "last": len(rows) - 1})
    return rows, merges


def _legacy_notes(kind: str, content: dict) -> list[str]:
    if kind != "contacts":
        return list(OLD_NOTES[kind])
    people = [" ".join(v for v in (c["name"], c["office_phone"], c["mobile"]) if v)
              for c in content.get("office_contacts", [])]
    notes = []
    for note in OLD_NOTES["contacts"]:
        if not people:
            continue
        prefix = note.split("{office_contacts}")[0]
        notes.append(note.replace("{office_contacts}", ("\n" + "\u3000" * len(prefix)).join(people)))
    return notes


def _new_content(kind: str, old: dict) -> dict:
    """The signed content in the new shape (values by column key), with a title pattern that renders as signed."""
    quarter = old.get("quarter") if kind == "progress" else None
    pattern = old["title"].replace(old["unit"], "{unit}", 1)
    if quarter:
        pattern = pattern.replace(f"前{quarter}季度", "{quarter}", 1)
    definition = {**BODIES[kind], "kind": kind, "label": old["label"], "title_pattern": pattern}
    content = {"definition": definition, "plan_key": old["plan_key"], "unit": old["unit"], "quarter": quarter,
               "header": {"principal": old["principal"]} if old.get("principal") else {},
               "items": [], "people": [], "office_contacts": old.get("office_contacts", []),
               "print_optional": bool(old.get("print_status"))}
    if kind == "contacts":
        content["people"] = [{"role": p["role"], "values": {k: p[k] for k in ("name", "title", "office_phone",
                                                                              "mobile") if p.get(k)}}
                             for p in old.get("people", [])]
        return content
    for item in old["items"]:
        base = {k: item[k] for k in ("key", "part", "number", "text")} | {"part_title": item.get("part_title", "")}
        if kind == "plan":
            values = {k: item[k] for k in ("leader", "department") if item.get(k)}
            entries = [{"values": _values_of(_guidance(e))} for e in item.get("entries", [])]
            content["items"].append(base | {"values": values, "entries": entries})
        else:
            values = {k: item.get(k) or "" for k in ("progress", "status", "figure")}
            content["items"].append(base | {
                "values": {k: v for k, v in values.items() if v},
                "previous": {"progress": item["previous"]} if item.get("previous") else {},
                "due_entries": [_guidance(e) for e in item.get("due_entries", [])],
                "ongoing_entries": [_guidance(e) for e in item.get("ongoing_entries", [])],
                "targets": item.get("targets", [])})
    return content


def _values_of(guidance: dict) -> dict:
    return {k: v for k, v in (("content", guidance["text"]), ("period", guidance["period"])) if v}


def _guidance(entry: dict) -> dict:
    period = entry.get("period")
    text = _period_text(period["kind"], period.get("start"), period.get("end")) if period else ""
    return {"text": entry.get("content", ""), "period": text}


def downgrade() -> None:
    raise NotImplementedError(
        "0005 cannot be undone: form values of columns added per plan and signed documents have no place in the "
        "0004 tables. Restore the backup taken before the migration (backups/…_migration.db) instead.")

