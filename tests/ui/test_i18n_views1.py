"""The views' strings (adaptive_splitter.py to nice_numbers.py) in Simplified Chinese (issue 16).

The strings wrapped in the sources and the entries of their modules' contexts in
resources/i18n/bpgui_zh_CN.ts must be the same set, each translated with its
placeholders kept; and with the shipped .qm installed the views show the
translations, so a string wrapped under the wrong context or in a form that
differs from the file's would show up here as English.
"""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import numpy as np
import pytest
from chinese import chinese_installed, ts_entries
from PySide6.QtWidgets import QLabel

from bpgui.core.network import Network

ROOT = Path(__file__).resolve().parents[2]
VIEWS = ROOT / "bpgui" / "ui" / "views"
FILES = ("adaptive_splitter class_metrics_table confusion_matrix_plot curve_envelope curve_plot drawing_pad "
         "feature_inputs gradient_bars held_inputs hidden_space_view image_tiles image_weights input_fields "
         "layer_choice lazy_tabs map_colours map_labels map_points network_canvas network_editor neuron_labels "
         "neuron_numbers neuron_thumbnails nice_numbers").split()
SAME_IN_CHINESE = {"F1", "n"}    # a metric's name and a count's letter
CJK = re.compile(r"[\u4e00-\u9fff]")


def _wrapped(module: str) -> list[tuple[str, str, int]]:
    """(context, source, line) of every translate / QT_TRANSLATE_NOOP call with literal arguments."""
    found = []
    for node in ast.walk(ast.parse((VIEWS / f"{module}.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("translate", "QT_TRANSLATE_NOOP"):
            args = node.args[:2]
            if all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                found.append((args[0].value, args[1].value, node.lineno))
    return found


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _entries():
    """The .ts's entries of these modules' contexts."""
    return ts_entries(FILES)


def test_each_string_is_wrapped_under_its_modules_name():
    wrong = [(m, c, s, line) for m in FILES for c, s, line in _wrapped(m) if c != m]
    assert wrong == []
    assert sum(len(_wrapped(m)) for m in FILES) >= 100   # the parser finds the calls (it would pass on none)


def test_the_ts_holds_exactly_the_wrapped_strings_each_translated_with_its_placeholders():
    wrapped = {(c, s) for m in FILES for c, s, _ in _wrapped(m)}
    entries = _entries()
    assert {(e.context, e.source) for e in entries} == wrapped
    for e in entries:
        t = e.translation
        assert t.strip(), e
        assert _fields(t) == _fields(e.source), e
        assert CJK.search(t) or e.source in SAME_IN_CHINESE, e


@pytest.fixture
def chinese(qapp):
    with chinese_installed() as translator:
        yield translator


def test_the_network_editor_and_its_hovers_speak_chinese(qtbot, chinese):
    from bpgui.ui.views.network_editor import NetworkEditor
    editor = NetworkEditor()
    qtbot.addWidget(editor)
    net = Network(2, [(3, "tanh"), (1, "sigmoid")], seed=0)
    editor.set_network(net, ["x1", "x2"], ["y"], ["no", "yes"])
    editor.resize(600, 400)
    assert editor.add_layer_button.text() == "+ 层" and editor.remove_layer_button.text() == "− 层"
    assert editor.summary.text() == "2 – 3 – 1  ·  13 个参数"
    assert editor.controls[0].activation.currentText() == "tanh"          # a value read back: not translated
    assert editor.controls[0].activation.toolTip() == "隐藏层 1 的激活函数"
    canvas = editor.canvas
    assert canvas.describe(("neuron", 1, 0)).startswith("隐藏层 1，神经元 1（tanh）\n偏置 = ")
    assert canvas.describe(("neuron", 2, 0)).startswith("输出 y = yes（sigmoid）\nyes 时接近 1，no 时接近 0\n")
    w = float(net.weights[0][1, 2])
    assert canvas.describe(("edge", 0, 1, 2)) == f"第 1 层权重：神经元 2 → 3\nw = {w:.5g}\n（点击编辑）"
    editor.set_history_available(True)
    assert canvas.describe(("edge", 0, 1, 2)).endswith("（单击：绘制其在本次运行中的变化 · 双击：编辑）")
    menu = editor.context_menu(canvas.edge_position(0, 1, 2))
    assert [a.text() for a in menu.actions() if a.text()] == ["绘制该权重在本次运行中的变化", "编辑权重…", "神经元输出图"]


def test_tables_plots_and_titles_speak_chinese(qtbot, chinese):
    from bpgui.core.results import class_results
    from bpgui.ui.views.class_metrics_table import ClassMetricsTable
    from bpgui.ui.views.confusion_matrix_plot import ConfusionMatrixPlot
    from bpgui.ui.views.curve_plot import CurvePlot
    from bpgui.ui.views.gradient_bars import GradientBars
    from bpgui.ui.views.held_inputs import HeldInputs
    table = ClassMetricsTable()
    qtbot.addWidget(table)
    table.resize(500, 200)
    table.show_results(class_results(np.array([[0.9, 0.1], [0.8, 0.2]]), np.array([[1.0, 0.0], [0.0, 1.0]]),
                                     ["a", "b"]))
    assert [table.horizontalHeaderItem(c).text() for c in range(4)] == ["精确率", "召回率", "F1", "样本数"]
    assert table.item(0, 1).text() == "1.000" and table.item(1, 0).toolTip() == "从未被预测为该类别"
    matrix = ConfusionMatrixPlot()
    qtbot.addWidget(matrix)
    assert matrix.plot.getAxis("left").labelText == "真实类别"
    assert matrix.plot.getAxis("bottom").labelText == "预测类别"
    matrix.set_axis_noun("sum")                                           # an output's name from the data
    assert matrix.plot.getAxis("left").labelText == "真实sum"
    matrix.set_axis_noun("class")                                         # what the Results view passes
    assert matrix.plot.getAxis("left").labelText == "真实类别"
    curve = CurvePlot("loss", "loss", log_toggle=True)
    qtbot.addWidget(curve)
    assert curve.plot.getAxis("bottom").labelText == "轮" and curve.log_y.text() == "对数 y"
    assert [label.text for _, label in curve.legend.items] == ["训练"]
    bars = GradientBars()
    qtbot.addWidget(bars)
    assert bars.plot.titleLabel.text == "各层梯度范数（最后一批）"
    held = HeldInputs()
    qtbot.addWidget(held)
    held.set_features(["a", "b", "c"], np.zeros(3), np.ones(3), np.full(3, 0.5))
    held.set_axes((0,))
    assert held.title.text() == "其余 2 个输入：取各自的训练均值" and held.means_button.text() == "均值"


def test_without_a_translator_the_views_keep_their_english(qtbot):
    """The English sources are what every other test finds widgets by."""
    from bpgui.ui.views.held_inputs import HeldInputs
    from bpgui.ui.views.layer_choice import layer_row, set_layer_choices
    held = HeldInputs()
    qtbot.addWidget(held)
    held.set_features(["a", "b"], np.zeros(2), np.ones(2), np.full(2, 0.5))
    held.set_axes((0,))
    assert held.title.text() == "The other input: at its training means"
    row, box = layer_row()
    set_layer_choices(box, 2)
    assert [box.itemText(k) for k in range(2)] == ["1: hidden weights", "2: output weights"]
    assert isinstance(row.itemAt(0).widget(), QLabel) and row.itemAt(0).widget().text() == "Layer:"


def test_lazy_tabs_are_found_by_their_english_key_whatever_their_shown_title(qtbot):
    from PySide6.QtWidgets import QWidget

    from bpgui.ui.views.lazy_tabs import LazyTabs
    tabs = LazyTabs()
    qtbot.addWidget(tabs)
    tabs.add_lazy(QWidget, "权重", key="Weights")
    tabs.add_lazy(QLabel, "梯度", key="Gradients")
    tabs.add_lazy(QWidget, "Plain")                      # no key: the title is the key
    assert tabs.index_of("Gradients") == 1 and tabs.tabText(1) == "梯度" and tabs.key(1) == "Gradients"
    assert isinstance(tabs.page("Gradients"), QLabel) and tabs.is_built(1) and not tabs.is_built(0)
    assert tabs.tabText(1) == "梯度"                      # building keeps the shown title
    assert tabs.index_of("Plain") == 2 and tabs.index_of("权重") == 0
