"""What the officer's features add to the 附表1/附表3 editors, with one call from each editor's layout."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gwr_desktop.ui.officer.intake_flow import install_intake
from gwr_desktop.ui.officer.last_year_pane import install_last_year

if TYPE_CHECKING:
    from gwr_desktop.ui.forms.editor_base import FormEditor


def install_officer_tools(editor: FormEditor) -> None:
    install_intake(editor)
    install_last_year(editor)
