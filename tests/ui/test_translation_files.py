"""The translation files: resources/i18n/update.py on a small tree (collect, merge JSON, compile), and the
real bpgui_zh_CN.ts -- complete, in step with the code and with its compiled .qm, placeholders kept."""
from __future__ import annotations

import importlib.util
import json
import string
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
TS, QM = I18N / "bpgui_zh_CN.ts", I18N / "bpgui_zh_CN.qm"

_spec = importlib.util.spec_from_file_location("i18n_update", I18N / "update.py")
update = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(update)

SOURCE = '''from bpgui.ui.i18n import QT_TRANSLATE_NOOP, translate
TITLES = (QT_TRANSLATE_NOOP("demo", "Loss"),)
def f(n):
    return translate("demo", "&File"), translate("demo", "epoch {epoch}").format(epoch=n)
'''


def _fields(text: str) -> list[str]:
    """The names of the {placeholders} in ``text`` (``{{`` is a brace, not a placeholder)."""
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "demo.py").write_text(SOURCE, encoding="utf-8")
    entries = [{"context": "demo", "source": "&File", "translation": "文件(&F)"},
               {"context": "demo", "source": "epoch {epoch}", "translation": "第 {epoch} 轮"},
               {"context": "demo", "source": "Gone", "translation": "没了"}]
    (tmp_path / "a.json").write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def test_update_collects_merges_and_compiles(qapp, tree):
    ts, qm = tree / "x.ts", tree / "x.qm"
    missing, left = update.update(tree / "src", ts, qm, [tree / "a.json"])
    assert missing == ["a.json: not in the .ts: [demo] 'Gone'"]
    assert left == [("demo", "Loss")]                       # found by lupdate, translated by no JSON
    again = [{"context": "demo", "source": "&File", "translation": "档案(&F)"}]
    (tree / "b.json").write_text(json.dumps(again, ensure_ascii=False), encoding="utf-8")
    missing, _ = update.update(tree / "src", ts, qm, [tree / "a.json", tree / "b.json"])
    assert missing[1:] == ["b.json: [demo] '&File' is translated differently in a.json"]
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("demo", "&File") == "档案(&F)"        # the later file's
    assert translator.translate("demo", "epoch {epoch}") == "第 {epoch} 轮"
    assert translator.translate("demo", "Loss") == ""      # unfinished: the window shows the English


def test_update_keeps_translations_and_drops_obsolete_ones(qapp, tree):
    ts, qm = tree / "x.ts", tree / "x.qm"
    update.update(tree / "src", ts, qm, [tree / "a.json"])
    (tree / "src" / "demo.py").write_text(SOURCE.replace('"&File"', '"&Open"'), encoding="utf-8")
    missing, left = update.update(tree / "src", ts, qm, [])
    found = update.messages(ts)
    assert ("demo", "&File") not in found                   # -no-obsolete
    assert found[("demo", "epoch {epoch}")].findtext("translation") == "第 {epoch} 轮"
    assert sorted(left) == [("demo", "&Open"), ("demo", "Loss")]


def test_a_broken_json_file_is_named_with_its_line(tree):
    bad = tree / "bad.json"
    bad.write_text('[{"context": "demo",\n "source": }]', encoding="utf-8")
    with pytest.raises(SystemExit, match=r"bad\.json: .*line 2 column"):
        update.read_json(bad)
    bad.write_text('[{"context": "demo", "source": "x"}]', encoding="utf-8")
    with pytest.raises(SystemExit, match=r"bad\.json: entry 0: needs"):
        update.read_json(bad)


def test_the_chinese_ts_has_no_unfinished_entries():
    left = update.unfinished(TS)
    assert not left, f"{len(left)} unfinished, e.g. {left[:5]}; merge the translations (docs/translation.md)"


def test_every_marked_string_of_bpgui_is_in_the_chinese_ts(tmp_path):
    fresh = tmp_path / "fresh.ts"
    update.lupdate(ROOT / "bpgui", fresh)
    in_code, in_ts = set(update.messages(fresh)), set(update.messages(TS))
    assert in_code, "lupdate found no strings: is the tool working?"
    assert not in_code - in_ts, f"not in the .ts (run update.py): {sorted(in_code - in_ts)[:10]}"
    assert not in_ts - in_code, f"in the .ts but no longer in the code: {sorted(in_ts - in_code)[:10]}"


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path):
    fresh = tmp_path / "fresh.qm"
    update.lrelease(TS, fresh)
    assert fresh.read_bytes() == QM.read_bytes(), "bpgui_zh_CN.qm is stale: run resources/i18n/update.py"


def test_every_translation_keeps_the_placeholders_of_its_source():
    wrong = [(key, message.findtext("translation")) for key, message in update.messages(TS).items()
             if message.findtext("translation") and _fields(key[1]) != _fields(message.findtext("translation"))]
    assert not wrong, wrong[:10]


def test_the_restart_note_in_chinese_is_the_translation_of_the_english_one():
    from bpgui.ui.language_menu import RESTART_NOTE
    message = update.messages(TS)[("language_menu", RESTART_NOTE["en"])]
    assert message.findtext("translation") == RESTART_NOTE["zh_CN"]
