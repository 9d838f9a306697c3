"""setuptools hook: the data the program needs ships inside the package.

The repository keeps forms/, resources/ and db/migrations/ as top-level folders (a project choice: they are
edited and reviewed as data, not code). A wheel copies them to gwr_desktop/_data/{forms,resources,migrations},
where gwr_desktop/paths.py finds them through importlib.resources. An editable install copies nothing: there
paths.py finds the checkout's own folders, so an edit to forms/plan.json shows at once.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = {"forms": "forms", "resources": "resources", "migrations": "db/migrations"}


class BuildWithShippedData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for name, source in SHIPPED.items():
            target = Path(self.build_lib, "gwr_desktop", "_data", name)
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithShippedData})
