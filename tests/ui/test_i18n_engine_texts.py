"""Engine texts the window shows as received, translated (issue 16): the step-through's rules, the
built-in data's names, the document's refusals and the exports' self-check lines.  The engine makes
them as core.translatable.Text: the English str as before (the command line's), which the window
shows in Chinese with the shipped translation installed."""
from __future__ import annotations

import copy
import pickle

import numpy as np
import pytest
from chinese import chinese_installed

from bpgui.core import builtin_dataset
from bpgui.core.export_reference import check_passed, mismatch
from bpgui.core.network import Network
from bpgui.core.training import Trainer
from bpgui.document import ChangeRefused
from bpgui.ui import network_export
from bpgui.ui.i18n import translated
from bpgui.ui.views.step_stages import Stage, stage_formula


@pytest.fixture
def chinese_window(make_window):
    with chinese_installed():
        yield make_window()


def _trace(optimizer: str):
    net = Network(2, [(2, "tanh"), (1, "sigmoid")], loss="bce", dtype="float64")
    return Trainer(net, optimizer=optimizer, lr=0.1).trace_step([[0.5, -0.2]], [[1.0]])


def test_the_step_through_rules_stay_english_for_the_engine_and_read_chinese_in_the_window(qapp):
    trace = _trace("rmsprop")
    assert trace.output_rule == "y_hat - y (sigmoid + binary cross-entropy)"
    assert "(centered: minus grad_avg^2)" in trace.optimizer.rule
    with chinese_installed():
        backward = stage_formula(trace, Stage("backward", 1), 0)
        update = stage_formula(trace, Stage("update", 1), 0)
    assert "y_hat - y（sigmoid + 二元交叉熵）" in backward
    assert "δ = " in backward.split("<br>")[1] and "×" not in backward.split("<br>")[1]  # the y_hat - y line
    assert "（centered 时：减去 grad_avg^2）" in update and "<br>W -= lr * g / (sqrt(square_avg) + eps)" in update
    assert "binary cross-entropy" in stage_formula(trace, Stage("backward", 1), 0)   # English again


def test_a_refused_change_is_english_for_the_engine_and_chinese_in_the_message_box(chinese_window, messages):
    w = chinese_window
    with pytest.raises(ChangeRefused, match=r"A weight must be a finite number within ±.* \(float\d+\); inf is not"):
        w.doc.set_weight(0, 0, 0, float("inf"))
    assert not w._change(w.doc.set_weight, 0, 0, 0, float("inf"), needs_idle=False)
    _, _, text = messages.shown[-1]
    assert text.startswith("权重必须是 ±") and text.endswith("；inf 不是。")


def test_the_built_in_data_is_named_in_chinese_in_the_summary_and_the_title(chinese_window):
    w = chinese_window
    assert w.doc.data_name() == "xor gate"
    assert "xor 逻辑门" in w.data_panel.summary.text() and "– xor 逻辑门 –" in w.windowTitle()
    toy = w.data_panel.toy
    tip = toy.itemData(toy.findData("spiral"), network_export.Qt.ToolTipRole)
    assert tip.startswith("两条交织的螺旋臂")


def test_the_exports_check_line_is_chinese_in_the_status_bar(chinese_window, tmp_path, monkeypatch):
    w = chinese_window
    monkeypatch.setattr(network_export, "ask_destination", lambda *_: str(tmp_path / "net.json"))
    result = network_export.export_network(w, "json")
    assert result.passed and result.check == "check passed: 4 rows agree within 1e-05"   # xor's 4 rows
    assert w.statusBar().currentMessage().endswith("；自检通过：4 行在 1e-05 以内一致")


def test_the_check_lines_and_their_texts_survive_a_copy(qapp):
    line = check_passed(16, 1e-9)
    assert line == "check passed: 16 rows agree within 1e-09"
    got, expected = np.array([[0.0, 1.0]]), np.zeros((1, 2))
    assert mismatch(expected, got, 1e-9) == (
        f"1 of 2 outputs differ; the first at row 1, output 2: {got[0, 1]!r}, expected {expected[0, 1]!r} "
        "(largest relative error 1e+300, allowed 1e-09)")
    for copied in (copy.deepcopy(line), pickle.loads(pickle.dumps(line))):
        assert copied == line and copied.template == line.template
    name = copy.deepcopy(builtin_dataset("gate:and")).name
    with chinese_installed():
        assert translated(name) == "and 逻辑门"
        assert translated(line) == "自检通过：16 行在 1e-09 以内一致"


def test_a_refusal_passed_on_by_the_document_stays_a_text(qapp):
    from bpgui.core.translatable import QT_TRANSLATE_NOOP, Text
    from bpgui.document.document import _plain
    from bpgui.document.refusal import message_of

    text = Text("runs", QT_TRANSLATE_NOOP("runs", "A run needs a name."))
    kept = ChangeRefused(_plain(message_of(ValueError(text))))
    assert str(kept) == "A run needs a name." and kept.message.template == text.template
    assert message_of(KeyError("x")) == "'x'"
    with chinese_installed():
        assert translated(kept.message) == "运行需要一个名称。"


def test_a_refused_export_destination_is_chinese_in_the_message_box(chinese_window, tmp_path, monkeypatch, messages):
    missing = str(tmp_path / "nowhere" / "net.json")
    monkeypatch.setattr(network_export, "ask_destination", lambda *_: missing)
    assert network_export.export_network(chinese_window, "json") is None
    _, _, text = messages.shown[-1]
    assert text == f"{missing}：文件夹 {tmp_path / 'nowhere'} 不存在"


def test_a_runs_description_reads_in_chinese_in_the_legend_and_english_elsewhere(qapp):
    from bpgui.core.runs import BranchPoint, Run
    from bpgui.core.translatable import Text
    empty = np.empty(0)
    run = Run(key=1, name="b", segments=[], branch=BranchPoint("a", 4), epoch=empty, train_loss=empty, val_loss=empty)
    assert run.describe() == "from a @ 4" and isinstance(run.describe(), Text)
    with chinese_installed():
        assert translated(run.describe()) == "分支自 a 第 4 轮"
