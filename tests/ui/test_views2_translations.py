"""The views of the second half of bpgui/ui/views in Chinese (issue 16).

The entries of those files' contexts in resources/i18n/bpgui_zh_CN.ts are
the strings they wrap in ``translate``/``QT_TRANSLATE_NOOP``, translated with
the same placeholders; and a window built with the shipped .qm installed shows
them, while code still finds the view tabs by their English titles.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import numpy as np
import pytest
from chinese import chinese_installed, ts_entries, ts_table
from PySide6.QtCore import QCoreApplication

ROOT = Path(__file__).resolve().parents[2]
VIEWS = ROOT / "bpgui" / "ui" / "views"
MODULES = ("output_bars", "output_map", "pacer", "paint_backdrop", "paint_canvas", "paint_tools", "paint_view",
           "point_colours", "regression_plots", "results_view", "runs_plot", "sample_grid", "sample_table",
           "sample_table_model", "step_stages", "step_through_view", "theme", "truth_table", "try_it", "view_tabs",
           "weight_distribution", "weight_heatmap", "weight_names", "weight_trajectories", "__init__")
FILES = [VIEWS / f"{m}.py" for m in MODULES] + [ROOT / "bpgui" / "ui" / "window_layout.py"]
MARKERS = {"translate", "QT_TRANSLATE_NOOP"}


def _wrapped(path: Path) -> set[tuple[str, str]]:
    """(context, source) of every translate/QT_TRANSLATE_NOOP call with literal arguments in ``path``;
    a call whose text is an f-string or built by concatenation fails (lupdate could not read it)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS):
            continue
        context, text = node.args[:2]
        assert isinstance(context, ast.Constant), f"{path.name}:{node.lineno}: the context is no literal"
        assert not isinstance(text, (ast.JoinedStr, ast.BinOp)), f"{path.name}:{node.lineno}: no literal text"
        if isinstance(text, ast.Constant):   # (a marked text, translated where shown, may be another module's)
            assert context.value == path.stem, f"{path.name}:{node.lineno}: context {context.value!r}"
            found.add((context.value, text.value))
    return found


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{\w*\}", text))


def test_the_ts_entries_of_these_files_are_their_wrapped_strings_translated_with_their_placeholders():
    wrapped = set().union(*(_wrapped(f) for f in FILES))
    entries = ts_entries(f.stem for f in FILES)
    assert {(e.context, e.source) for e in entries} == wrapped
    for e in entries:
        assert re.search(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", e.translation), e   # Chinese text or punctuation
        assert _placeholders(e.translation) == _placeholders(e.source), e


def test_the_glossary_terms_are_used():
    """A few of the Chinese courses' terms, where these views use them (docs/glossary)."""
    zh = ts_table(f.stem for f in FILES)
    assert zh[("step_stages", "Backward")] == "反向传播"
    assert zh[("step_stages", "Forward")] == "前向传播"
    assert zh[("step_stages", "gradient")] == "梯度"
    assert "隐藏层" in zh[("step_stages", "hidden layer {n}")]
    assert zh[("window_layout", "Step through")] == "单步演示"
    assert zh[("runs_plot", "accuracy")] == "准确率"
    assert "权重" in zh[("weight_heatmap", "weights")]


@pytest.fixture
def chinese(make_window):
    """The shipped translation installed for the test (make_window has made the application)."""
    with chinese_installed() as translator:
        yield translator


def _go_to(view, kind: str, layer: int) -> None:
    view.stage_index = 0
    view._show()
    while (view.stage().kind, view.stage().layer) != (kind, layer):
        view.next_button.click()


def test_the_tabs_show_chinese_and_are_found_by_their_english_titles(make_window, chinese):
    w = make_window()
    titles = [w.views.tabText(k) for k in range(w.views.count())]
    assert titles == ["输出图", "结果", "真值表", "隐藏空间", "试一试", "图像", "绘制数据", "单步演示"]
    assert w.views.index_of("Results") == titles.index("结果")
    assert w.views.key(titles.index("单步演示")) == "Step through"
    from bpgui.ui.views.results_view import ResultsView
    assert isinstance(w.results_view, ResultsView)


def test_the_step_through_speaks_chinese_with_the_engines_numbers(make_window, chinese):
    from bpgui.ui.views.step_stages import fmt
    w = make_window()
    w.views.setCurrentIndex(w.views.index_of("Step through"))
    QCoreApplication.processEvents()
    view = w.views.page("Step through")
    assert view.apply_button.text() == "应用这一步"
    _go_to(view, "backward", 0)
    assert "反向传播 · 第 1 层，共 2 层" in view.stage_label.text()
    labels = [view.table.verticalHeaderItem(r).text() for r in range(view.table.rowCount())]
    row = labels.index(f"来自 {w.doc.dataset.feature_names[0]} 的 dW")
    dW = view.trace.layers[0].dW[0]
    assert [view.table.item(row, c).text() for c in range(view.table.columnCount())] == [fmt(v) for v in dW]
    assert "神经元 1，第一个样本：" in view.formula.text()


def test_the_truth_table_marks_in_chinese_follow_the_network(make_window, chinese):
    w = make_window()
    w.views.setCurrentIndex(w.views.index_of("Truth table"))
    QCoreApplication.processEvents()
    table = w.truth_table
    assert table.right is not None
    marks = [table.mark(r) for r in range(len(table.X))]
    assert marks == ["✓ 正确" if ok else "✗ 错误" for ok in table.right]
    header = [table.table.horizontalHeaderItem(c).text() for c in range(table.table.columnCount())]
    assert header[-3:] == ["目标", "输出", "正确？"]
    assert f"{int(np.sum(table.right))} 行正确" in table.summary.text()
