"""The house rules, checked by the suite so CI fails on a violation: ruff (with a
cyclomatic-complexity limit of 15), import-linter's contracts (pyproject.toml),
no source file over 500 lines and no class over 400."""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "bpgui").rglob("*.py"))


def _tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    return str(found) if found.exists() else (shutil.which(name) or pytest.fail(f"{name} is not installed"))


def test_ruff_finds_nothing():
    done = subprocess.run([_tool("ruff"), "check", "bpgui"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_import_contracts_are_kept():
    done = subprocess.run([_tool("lint-imports")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_files_and_classes_stay_readable(path):
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= 500, f"{path.name} has more than 500 lines"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ClassDef):
            assert node.end_lineno - node.lineno < 400, f"class {node.name} has 400 lines or more"


def test_the_engine_and_the_document_import_no_qt_in_a_fresh_interpreter():
    """pytest-qt itself imports Qt, so only a fresh interpreter can tell."""
    code = ("import sys, bpgui.core, bpgui.document, bpgui.runner; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stdout + done.stderr
