"""The panels in Chinese: every string the panels and setting_help.py mark is in
resources/i18n/bpgui_zh_CN.ts under its module's context, translated (same placeholders, PyTorch's
names kept), and with the shipped .qm installed the panels show it while their combo boxes still give
the engine's values."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from chinese import chinese_installed, ts_entries
from PySide6.QtWidgets import QGroupBox

from bpgui.core.coach import Finding
from bpgui.core.csv import load_csv
from bpgui.core.training_settings import TrainingSettings

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "bpgui/ui/panels").glob("*.py")) + [ROOT / "bpgui/ui/setting_help.py"]
MARKERS = ("translate", "QT_TRANSLATE_NOOP")
PLACEHOLDER = re.compile(r"\{\w*\}")
SAME_IN_CHINESE = {"betas", "epsilon", "AMSGrad", "U(-1, 1)"}   # names and formulas the courses keep


def _calls(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in MARKERS:
            yield node


def _marked() -> set[tuple[str, str]]:
    """(context, source) of every translate / QT_TRANSLATE_NOOP call with two literals: what lupdate finds."""
    return {(c.args[0].value, c.args[1].value) for p in SOURCES for c in _calls(p)
            if len(c.args) == 2 and all(isinstance(a, ast.Constant) for a in c.args)}


def _entries():
    """The .ts's entries of the panels' contexts (their modules' names)."""
    return ts_entries(p.stem for p in SOURCES)


def test_the_panels_contexts_in_the_ts_hold_exactly_their_marked_strings():
    marked = _marked()
    assert len(marked) > 150   # the scan found the panels' strings at all
    assert {(e.context, e.source) for e in _entries()} == marked


def test_translations_keep_placeholders_and_pytorch_names():
    for e in _entries():
        source, text = e.source, e.translation
        assert text.strip() and (text != source or source in SAME_IN_CHINESE), source
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), source
        for torch_name in re.findall(r"torch\.[\w.]+(?:: \w+)?", source):
            assert torch_name in text, (source, torch_name)


def test_contexts_are_the_module_names_and_never_fstrings():
    """lupdate reads only literals: a context naming the module, a source that is no f-string."""
    for path in SOURCES:
        for call in _calls(path):
            context, *rest = call.args
            assert isinstance(context, ast.Constant) and context.value in (path.stem, "setting_help"), \
                f"{path.name}:{call.lineno}"
            assert not any(isinstance(a, ast.JoinedStr) for a in rest), f"{path.name}:{call.lineno}: f-string"


@pytest.fixture
def chinese(qapp):
    """The shipped Chinese translation installed, removed again after the test."""
    with chinese_installed() as translator:
        yield translator


def test_training_panel_in_chinese_gives_the_same_settings(chinese, qtbot):
    from bpgui.ui.panels.training_panel import TrainingPanel
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    titles = {box.title() for box in panel.findChildren(QGroupBox)}
    assert titles == {"优化", "运行", "正则化与初始化"}
    assert panel.batch_mode.itemText(1) == "小批量" and panel.loss.itemText(0) == "自动（由数据决定）"
    assert "学习率" in panel.lr.toolTip() and panel.lr.toolTip().endswith("\ntorch.optim: lr")
    panel.optimizer.setCurrentText("adam")   # values stay the engine's names
    panel.batch_mode.setCurrentIndex(1)
    panel.hyper.widgets["betas"].spins[0].setValue(0.8)
    settings = panel.apply_to(TrainingSettings())
    assert (settings.optimizer, settings.batch_size, settings.hyperparameters) == ("adam", 32, {"betas": [0.8, 0.999]})
    assert "动量 (beta1)：" in [label.text() for label in panel.hyper.findChildren(type(panel.pending_note))]
    assert panel.hyper.widgets["betas"].spins[0].toolTip().endswith("torch.optim.Adam: betas[0]")
    panel.set_auto_loss("ce")
    assert panel.loss.itemText(0) == "自动（ce）"


def test_data_panel_and_coach_panel_in_chinese(chinese, qtbot):
    from bpgui.ui.panels.coach_panel import CoachPanel
    from bpgui.ui.panels.data_panel import DataPanel
    data = DataPanel()
    qtbot.addWidget(data)
    assert [data.source.itemText(i) for i in range(4)] == ["逻辑门", "玩具数据集", "CSV 文件", "绘制数据"]
    assert data.normalize.currentText() == "zscore"   # a value: not translated
    assert data.options.task.itemText(1) == "类别" and data.options.task.itemData(1) == "classification"
    iris = load_csv(str(ROOT / "samples/iris.csv"))
    data.show_document(iris, None, TrainingSettings())
    assert "150 个样本 · 输入：4 · 输出：3 · 多分类 · 类别：" in data.summary.text()
    coach = CoachPanel()
    qtbot.addWidget(coach)
    assert "没有发现问题" in coach.empty.text()
    finding = Finding(code="overfitting", message="m", evidence={"gap": 0.5}, suggestion="s")
    coach.show_findings([finding], "")
    text = coach.texts()[0]
    assert text.startswith("<b>过拟合</b>") and "试试：" in text and "依据：" in text
    assert "<br>m<br>" in text and "gap 0.5" in text   # the finding's own words: coach_text's to translate


def test_without_a_translator_the_panels_are_in_english(qtbot):
    from bpgui.ui.panels.training_panel import TrainingPanel
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    assert {box.title() for box in panel.findChildren(QGroupBox)} == {"Optimisation", "Run",
                                                                        "Regularisation and start"}
    assert panel.batch_mode.itemText(1) == "mini-batch"
