"""What a form still lacks before it can be printed for signature: one Gap per missing value, with its place.

The editors colour the cells of each gap and list them; the dashboard counts them; the sign-off step calls
`missing_fields` and shows the Chinese sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

from gwr_desktop.domain.forms import (
    ContactPerson,
    ContactRole,
    ContactsFormContent,
    PlanFormContent,
    ProgressFormContent,
    WorkEntry,
)

ROLE_LABELS = {ContactRole.LEADER: "分管领导", ContactRole.OFFICE: "办公室或者综合协调处室负责人",
               ContactRole.HANDLER: "经办人"}
CONTACT_FIELDS = {"name": "姓名", "title": "职务", "office_phone": "办公电话", "mobile": "手机"}

FormContent = PlanFormContent | ContactsFormContent | ProgressFormContent


@dataclass(frozen=True)
class Gap:
    """A required value that is empty.

    `where` is an item key ("二-5"), a contact role value ("handler"), or "" for the form's header;
    `row` the work entry / person index inside it (None for item- or header-level fields); `field` the
    content field name ("content", "period", "leader", "department", "principal", "progress", "name", ...).
    """

    where: str
    row: int | None
    field: str
    message: str


@dataclass(frozen=True)
class Completion:
    filled: int
    required: int

    @property
    def complete(self) -> bool:
        return self.filled >= self.required

    @property
    def percent(self) -> int:
        return 100 if self.required == 0 else self.filled * 100 // self.required


def gaps(content: FormContent) -> list[Gap]:
    if isinstance(content, PlanFormContent):
        return _plan_gaps(content)
    if isinstance(content, ContactsFormContent):
        return _contacts_gaps(content)
    return _progress_gaps(content)


def missing_fields(content: FormContent) -> list[str]:
    """Chinese sentences, one per missing value, each naming the item and row it belongs to."""
    return [gap.message for gap in gaps(content)]


def completion(content: FormContent) -> Completion:
    required = _required_count(content)
    return Completion(filled=max(required - len(gaps(content)), 0), required=required)


def _plan_gaps(content: PlanFormContent) -> list[Gap]:
    found = [] if content.principal else [Gap("", None, "principal", "表头：未填写主要负责人")]
    for item in content.items:
        # An item without entries is shown with one empty row, so it lacks that row's two values.
        for row, entry in enumerate(item.entries or (WorkEntry(""),)):
            if not entry.content:
                found.append(Gap(item.key, row, "content", f"{item.key} 第{row + 1}条：未填写具体工作内容"))
            if entry.period is None:
                found.append(Gap(item.key, row, "period", f"{item.key} 第{row + 1}条：未填写完成时间"))
        if not item.leader:
            found.append(Gap(item.key, None, "leader", f"{item.key}：未填写分管领导"))
        if not item.department:
            found.append(Gap(item.key, None, "department", f"{item.key}：未填写责任部门"))
    return found


def _contacts_gaps(content: ContactsFormContent) -> list[Gap]:
    found = []
    for role, label in ROLE_LABELS.items():
        people = content.of_role(role) or [ContactPerson(role)]
        for row, person in enumerate(people):
            place = label if len(people) == 1 else f"{label}{row + 1}"
            for field, field_label in CONTACT_FIELDS.items():
                if not getattr(person, field):
                    found.append(Gap(role.value, row, field, f"{place}：未填写{field_label}"))
    return found


def _progress_gaps(content: ProgressFormContent) -> list[Gap]:
    found = [] if content.principal else [Gap("", None, "principal", "表头：未填写主要负责人")]
    for item in content.items:
        if not item.progress:
            found.append(Gap(item.key, None, "progress", f"{item.key}：未填写完成情况"))
    return found


def _required_count(content: FormContent) -> int:
    if isinstance(content, PlanFormContent):
        # Per item: leader, department and at least one entry (content + period); extra entries add two each.
        return 1 + sum(2 + 2 * max(len(item.entries), 1) for item in content.items)
    if isinstance(content, ContactsFormContent):
        people = sum(max(len(content.of_role(role)), 1) for role in ROLE_LABELS)
        return people * len(CONTACT_FIELDS)
    return 1 + len(content.items)
