"""What `pip install .` ships: every package of the source tree (an editable install
hides a missing one, so the suite checks the list itself)."""
from __future__ import annotations

import pathlib
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_every_package_in_the_tree_is_installed():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    in_tree = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "bpgui").rglob("__init__.py")}
    assert in_tree - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
