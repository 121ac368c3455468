"""The top-level window modules (bpgui/ui/*.py) in Chinese: every string they wrap in translate() or
QT_TRANSLATE_NOOP has a Chinese translation in resources/i18n/zh_CN/i18n-top.json, with the same
placeholders; with those translations installed the menus, the commands other modules add to
them (found by key, not by their English text) and the status line speak Chinese."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from bpgui.ui.shortcuts_dialog import shortcut_rows

ROOT = Path(__file__).resolve().parents[2]
ZH = ROOT / "resources" / "i18n" / "zh_CN"
JSON = ZH / "i18n-top.json"   # this part's translations; the other parts' JSON files sit beside it
TOP_LEVEL = sorted((ROOT / "bpgui" / "ui").glob("*.py"))
PLACEHOLDER = re.compile(r"\{\w*\}")


def _marked(path: Path) -> set[tuple[str, str]]:
    """(context, source) of every translate()/QT_TRANSLATE_NOOP() call with two string literals."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("translate", "QT_TRANSLATE_NOOP")
                and len(node.args) == 2 and all(isinstance(a, ast.Constant) for a in node.args)):
            found.add((node.args[0].value, node.args[1].value))
    return found


def _entries() -> list[dict]:
    return json.loads(JSON.read_text(encoding="utf-8"))


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_every_wrapped_string_of_the_top_level_modules_has_a_translation():
    wrapped = set().union(*(_marked(p) for p in TOP_LEVEL))
    listed = {(e["context"], e["source"]) for path in ZH.glob("*.json")
              for e in json.loads(path.read_text(encoding="utf-8"))}
    assert len(wrapped) > 250   # the extraction itself works: the modules hold this many strings
    assert not wrapped - listed, f"wrapped but not translated: {sorted(wrapped - listed)[:5]}"


def test_this_parts_translations_are_of_strings_in_the_code_with_their_placeholders():
    wrapped = set().union(*(_marked(p) for p in TOP_LEVEL))
    entries = _entries()
    listed = {(e["context"], e["source"]) for e in entries}
    assert not listed - wrapped, f"translated but not in the code: {sorted(listed - wrapped)[:5]}"
    assert len(entries) == len(listed), "an entry is listed twice"
    for e in entries:
        assert sorted(PLACEHOLDER.findall(e["source"])) == sorted(PLACEHOLDER.findall(e["translation"])), e
        assert _has_cjk(e["translation"]) or e["source"] == "{plot}…", e


def test_each_context_is_its_modules_name():
    ours = {e["context"] for e in _entries()}
    for path in TOP_LEVEL:
        if path.stem in ours:
            contexts = {context for context, _ in _marked(path)}
            assert contexts <= {path.stem, "actions"}, (path.name, contexts)   # main_window reuses "▶ Train"


def test_menu_accelerators_are_kept():
    for e in _entries():
        if re.match(r"&\w", e["source"]):
            assert re.search(r"\(&\w\)$", e["translation"]), e


class JsonTranslator(QTranslator):
    """The JSON's translations, as the compiled .qm would give them (None: not translated here)."""

    def __init__(self, entries: list[dict]) -> None:
        super().__init__()
        self._table = {(e["context"], e["source"]): e["translation"] for e in entries}

    def translate(self, context, source, disambiguation=None, n=-1):
        return self._table.get((context, source))

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def chinese_top(make_window):
    """The window built with this JSON's translations installed; English again afterwards."""
    app = QApplication.instance()
    translator = JsonTranslator(_entries())
    app.installTranslator(translator)
    yield make_window()
    app.removeTranslator(translator)


def _titles(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def _texts(menu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_in_chinese_the_menus_and_the_commands_added_to_them_are_chinese(chinese_top):
    w = chinese_top
    titles = _titles(w)
    for title in ("文件(&F)", "编辑(&E)", "训练(&T)", "视图(&V)", "帮助(&H)"):
        assert title in titles
    train = _texts(w.acts.menus["train"])
    # Added by CheckCommands and RunCommands, which find the Train menu by key, not by "&Train"
    assert {"寻找学习率…", "梯度检查…", "从某一轮分支…", "比较优化器…"} <= set(train)
    assert w.act_train.text() == "▶ 训练" and w.acts.toolbar.windowTitle() == "训练"
    assert "将运行导出为 CSV…" in _texts(w.acts.menus["file"])
    assert w.coach.dock.toggleViewAction() in w.acts.menus["view"].actions()
    assert w.data_dock.windowTitle() == "数据" and w.runs.dock.windowTitle() == "运行"
    assert w.acts.exports["torch"].text() == "PyTorch 模块…" and w.acts.exports["onnx"].text() == "ONNX…"


def test_in_chinese_the_shortcut_table_names_menus_without_their_accelerator(chinese_top):
    rows = shortcut_rows(chinese_top)
    assert ("训练", "▶ 训练", "Space") in rows
    assert any(where == "文件" and what == "保存模型" for where, what, _ in rows)


def test_in_chinese_the_status_line_and_the_title_are_chinese_with_numbers_as_they_were(chinese_top, qtbot):
    w = chinese_top
    w.step_epoch()
    qtbot.waitUntil(lambda: w.history.epochs == 1 and w.controller.state == "idle", timeout=20_000)
    line = w.status_line
    assert line.epoch.text() == "第 1 轮"
    loss = w.history.last("train_loss")
    assert line.loss.text() == f"损失 {loss:.4g}"
    assert line.metric.text().startswith("准确率 ")
    assert w.windowTitle().startswith("未命名")
    w.status_line.run_finished("completed", 12345)
    assert w.statusBar().currentMessage() == "训练完成，共 12,345 轮。"


def test_in_english_the_menus_are_found_by_key_as_well(window):
    assert _titles(window)[:4] == ["&File", "&Edit", "&Train", "&View"]
    assert [window.acts.menus[k].title() for k in ("file", "edit", "train", "view", "help")] == [
        "&File", "&Edit", "&Train", "&View", "&Help"]
    assert window.acts.undo.text() == "Undo" and not window.acts.undo.isEnabled()


def test_every_export_formats_name_and_description_is_marked_for_translation():
    """The engine's texts are marked in network_export; a format renamed there must be marked anew."""
    from bpgui.core.exports import EXPORTS
    from bpgui.ui.network_export import FORMAT_TEXTS

    for fmt in EXPORTS.values():
        assert fmt.label in FORMAT_TEXTS or fmt.label.isupper(), fmt.label   # ONNX, JSON: names as they are
        assert fmt.description in FORMAT_TEXTS, fmt.description
