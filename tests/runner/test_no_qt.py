"""``bpgui.runner`` is Qt-free: the training child never loads Qt.

Checked in a fresh interpreter: pytest-qt has already imported Qt into this
one, so looking at ``sys.modules`` here would prove nothing."""
import ast
import pathlib
import subprocess
import sys

import bpgui.runner

FORBIDDEN = ("PySide6", "pyqtgraph", "shiboken6")


def test_importing_the_runner_loads_no_qt_and_nothing_of_the_ui():
    code = (
        "import sys\n"
        "import bpgui.runner, bpgui.runner.child, bpgui.runner.parent\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r} or m.startswith('bpgui.ui'))\n"
        "print(','.join(bad))\n"
    )
    root = pathlib.Path(bpgui.runner.__file__).parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=120,
                         check=True)
    assert out.stdout.strip() == ""


def test_no_runner_module_names_qt_or_the_ui_in_an_import():
    for path in pathlib.Path(bpgui.runner.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [("." * node.level) + (node.module or "")]
            else:
                continue
            for name in names:
                assert name.lstrip(".").split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"
                assert not name.startswith(("..ui", "bpgui.ui")), f"{path.name} imports {name}"
