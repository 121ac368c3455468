"""The top-level window modules (bpgui/ui/*.py) in Chinese: every string they wrap in translate() or
QT_TRANSLATE_NOOP is in resources/i18n/bpgui_zh_CN.ts under its module's context, translated with the
same placeholders; with the shipped .qm installed the menus, the commands other modules add to them
(found by key, not by their English text) and the status line speak Chinese."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from chinese import chinese_installed, ts_entries

from bpgui.ui.shortcuts_dialog import shortcut_rows

ROOT = Path(__file__).resolve().parents[2]
# Other parts': setting_help.py the panels' (test_i18n_panels.py), coach_text.py, translating in the engine's
# context "coach", the coach's (test_coach_text.py)
TOP_LEVEL = sorted(p for p in (ROOT / "bpgui" / "ui").glob("*.py") if p.stem not in ("setting_help", "coach_text"))
PLACEHOLDER = re.compile(r"\{\w*\}")


def _marked(path: Path) -> set[tuple[str, str]]:
    """(context, source) of every translate()/QT_TRANSLATE_NOOP() call with two string literals."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("translate", "QT_TRANSLATE_NOOP")
                and len(node.args) == 2 and all(isinstance(a, ast.Constant) for a in node.args)):
            found.add((node.args[0].value, node.args[1].value))
    return found


def _entries():
    """The .ts's entries of the top-level modules' contexts (their names)."""
    return ts_entries(p.stem for p in TOP_LEVEL)


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_the_top_level_contexts_in_the_ts_are_the_wrapped_strings_translated_with_their_placeholders():
    wrapped = set().union(*(_marked(p) for p in TOP_LEVEL))
    entries = _entries()
    assert len(wrapped) > 250   # the extraction itself works: the modules hold this many strings
    assert {(e.context, e.source) for e in entries} == wrapped
    for e in entries:
        assert sorted(PLACEHOLDER.findall(e.source)) == sorted(PLACEHOLDER.findall(e.translation)), e
        assert _has_cjk(e.translation) or e.source == "{plot}…", e


def test_each_context_is_its_modules_name():
    for path in TOP_LEVEL:
        contexts = {context for context, _ in _marked(path)}
        assert contexts <= {path.stem, "actions"}, (path.name, contexts)   # main_window reuses "▶ Train"


def test_menu_accelerators_are_kept():
    for e in _entries():
        if re.match(r"&\w", e.source):
            assert re.search(r"\(&\w\)$", e.translation), e


@pytest.fixture
def chinese_top(make_window):
    """The window built with the shipped Chinese translation installed; English again afterwards."""
    with chinese_installed():
        yield make_window()


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


def test_in_chinese_the_edit_menu_names_the_documents_edits_in_chinese(chinese_top):
    w = chinese_top
    w.doc.reset_weights()   # the document names the edit in English; the window shows it translated
    w._update_actions()
    assert w.acts.undo.text() == "撤销 重置权重" and w.doc.undo_text == "weight reset"


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
