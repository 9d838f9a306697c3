"""The e-mail to the 督查室 that goes with a submission: subject and body, ready for the clipboard.

mailto: cannot carry attachments, so the body lists the files and reminds the sender to attach them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from gwr_desktop.domain.form_defs import quarter_label


def mail_subject(year: int | str, unit: str, label: str, form_name: str, *, quarter: int | None = None,
                 version: int | None = None) -> str:
    period = f"{quarter_label(quarter)}" if quarter else ""
    edition = f"（第{version}版）" if version else ""
    return f"{unit}报送{year}年《政府工作报告》{label}{period}{form_name}{edition}"


def mail_body(unit: str, label: str, form_name: str, files: Sequence[Path | str], *, quarter: int | None = None,
              version: int | None = None, when: dt.date | None = None) -> str:
    when = when or dt.date.today()
    period = f"{quarter_label(quarter)}" if quarter else ""
    edition = f"第{version}版" if version else "草稿"
    lines = [
        "市政府督查室：",
        "",
        f"　　现报送我单位《政府工作报告》{label}{period}{form_name}（{edition}），请审阅。",
        "　　附件：",
        *(f"　　{index}. {Path(name).name}" for index, name in enumerate(files, start=1)),
        "",
        "　　（请在邮件中添加以上附件；如需签字盖章件，请一并附上扫描件。）",
        "",
        f"{unit}",
        f"{when.year}年{when.month}月{when.day}日",
    ]
    return "\n".join(lines)
