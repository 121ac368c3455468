"""The coach's findings in the window's language (bpgui/ui/coach_text.py): with the shipped Chinese
translation (resources/i18n/bpgui_zh_CN.qm) installed, a real finding reads in Chinese with the
engine's numbers in it; without a translator it is the engine's English, which the command line
prints unchanged."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import numpy as np
import pytest
from chinese import chinese_installed, ts_entries

from bpgui.core import History, Network, diagnose
from bpgui.core.coach import Finding
from bpgui.ui.coach_text import evidence_text, finding_text, suggestion_text

ROOT = Path(__file__).resolve().parents[2]
COACH_SOURCES = sorted((ROOT / "bpgui" / "core" / "coach").glob("*.py")) + [ROOT / "bpgui/ui/coach_text.py"]


@pytest.fixture
def chinese(qapp):
    with chinese_installed() as translator:
        yield translator


def _target_range() -> Finding:
    net = Network(1, [(4, "tanh"), (1, "sigmoid")], loss="mse", seed=0)
    X = np.linspace(-1, 1, 50).reshape(-1, 1)
    return next(f for f in diagnose(net, X, 5 * (X + 1)) if f.code == "target_range")


def _vanishing() -> Finding:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(64, 4))
    deep = Network(4, [(8, "sigmoid")] * 8 + [(1, "sigmoid")], loss="bce", init="xavier", seed=0)
    return next(f for f in diagnose(deep, X, (X[:, :1] > 0).astype(float)) if f.code == "vanishing_gradients")


def test_without_a_translator_the_window_shows_the_engines_english(qapp):
    f = _target_range()
    assert finding_text(f) == f.message and suggestion_text(f) == f.suggestion
    assert evidence_text(f) == f.evidence_text()
    v = _vanishing()
    assert finding_text(v) == v.message and evidence_text(v) == v.evidence_text()


def test_a_finding_reads_in_chinese_with_the_engines_numbers(chinese):
    f = _target_range()
    assert f.message == ("The targets run from 0 to 10, but a sigmoid output can only give values from 0 to 1: "
                         "the network can never reach 45 of the 50 rows' targets.")   # the CLI's line, as before
    assert finding_text(f) == "目标值的范围是 0 到 10，但 sigmoid 输出层只能给出 0 到 1 之间的值：50 个样本中有 45 个的目标，网络永远达不到。"
    assert suggestion_text(f).startswith("把目标值缩放到输出层的取值范围内")
    assert evidence_text(f) == "目标最小值 0；目标最大值 10；输出范围 0 .. 1；超出范围的样本 45；样本数 50"


def test_evidence_names_built_from_a_template_and_evidence_words_translate(chinese):
    v = _vanishing()
    assert re.fullmatch(r"第一层的梯度比最后一层小 [\d,]+ 倍：.*", finding_text(v))
    assert evidence_text(v).startswith("第 1 层梯度均方根 ") and "第 9 层梯度均方根 " in evidence_text(v)
    assert "第一层 / 最后一层 " in evidence_text(v)
    net = Network(1, [(1, "linear")], loss="mse", seed=0)
    loss = np.r_[np.linspace(1.0, 0.5, 20), [5.0, 80.0, 200.0]]
    lr = next(f for f in diagnose(net, np.zeros((4, 1)), np.zeros((4, 1)), History(loss)) if f.code == "lr_too_high")
    assert finding_text(lr) == "训练损失急剧增大：步子太大，每一步都越过了最小值。"
    assert evidence_text(lr).startswith("损失 发散；初始损失 1；最新损失 200；")
    assert lr.evidence["loss"] == "diverged"   # the data (JSON, CLI) keeps the English word


def test_a_finding_made_without_a_template_shows_its_message(chinese):
    f = Finding("dead_units", "Three units never fire.", "Lower the rate.", {"layer": 1})
    assert finding_text(f) == "Three units never fire." and suggestion_text(f) == "Lower the rate."
    assert evidence_text(f) == "层 1"


def test_the_coach_context_in_the_ts_is_the_coachs_strings_translated_with_their_placeholders():
    marked = _marked(COACH_SOURCES)
    assert marked and {context for context, _ in marked} == {"coach"}
    entries = ts_entries(["coach"])
    assert {(e.context, e.source) for e in entries} == marked
    for e in entries:
        assert e.translation.strip(), e.source
        assert sorted(re.findall(r"\{\w*\}", e.translation)) == sorted(re.findall(r"\{\w*\}", e.source))


def _marked(paths) -> set[tuple[str, str]]:
    found = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("QT_TRANSLATE_NOOP", "translate")
                    and len(node.args) == 2 and all(isinstance(a, ast.Constant) for a in node.args)):
                found.add((node.args[0].value, node.args[1].value))
    return found
