"""The lessons in Chinese (resources/lessons/zh_CN/): each has a Chinese title and text and
the very data, settings and weights of the English file; a lesson without a (readable)
translation is the English one."""
from __future__ import annotations

import re

import numpy as np
import pytest

import bpgui.document.lesson as lesson_module
from bpgui.document.lesson import lesson_named, lessons
from bpgui.resource_files import resource

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_lesson_has_a_chinese_translation_of_title_and_text_only():
    english = lessons()
    assert {f.name for f in resource("lessons", "zh_CN").iterdir()} == {f"{x.key}.md" for x in english}
    for f in resource("lessons", "zh_CN").iterdir():   # no data, settings or weights of their own
        header = f.read_text(encoding="utf-8").split("+++")[1]
        assert not re.search(r"^\s*(\[|order|W\s*=|rows)", header, re.M), f.name


def test_chinese_lessons_have_chinese_titles_and_the_english_data_settings_and_weights():
    english, chinese = lessons(), lessons(language="zh_CN")
    assert [x.key for x in chinese] == [x.key for x in english]
    for en, zh in zip(english, chinese):
        assert CJK.search(zh.title) and zh.title != en.title and zh.title in zh.text
        assert CJK.search(zh.text) and zh.order == en.order
        assert zh.settings.to_dict() == en.settings.to_dict()
        np.testing.assert_array_equal(zh.dataset.X, en.dataset.X)
        np.testing.assert_array_equal(zh.dataset.Y, en.dataset.Y)
        assert zh.dataset.source == en.dataset.source   # a saved lesson network finds its data in any language
        assert (zh.weights is None) == (en.weights is None)
        for a, b in zip(zh.weights or [], en.weights or []):
            np.testing.assert_array_equal(a, b)


def test_the_worked_example_in_chinese_keeps_the_printed_numbers():
    zh = lesson_named("1-worked-example", language="zh_CN")
    assert zh.title == "两层网络的计算实例"
    for number in ("0.00804047", "0.00555918", "0.5597", "−0.0287"):
        assert number in zh.text   # a dot for the decimal mark, as in English
    np.testing.assert_array_equal(zh.session().model.network.weights[0], [[0.5, -0.6], [0.1, -0.2], [0.1, 0.7]])


@pytest.mark.parametrize("language", ["en", "fr", ""])
def test_a_language_without_translations_gives_the_english_lessons(language):
    assert [(x.title, x.text) for x in lessons(language=language)] == [(x.title, x.text) for x in lessons()]


@pytest.mark.parametrize("translation", [
    "no header at all",
    "+++\ntitle = 'unterminated\n+++\n文字\n",       # not TOML
    "+++\norder = 1\n+++\n文字\n",                   # no title
    "+++\ntitle = '标题'\n+++\n\n",                  # no text
])
def test_a_damaged_translation_gives_the_english_lesson(monkeypatch, tmp_path, translation):
    (tmp_path / "lessons" / "zh_CN").mkdir(parents=True)
    (tmp_path / "lessons" / "1-fine.md").write_text("+++\ntitle = 'Fine'\n[data]\nbuiltin = 'gate:or'\n+++\nText.\n")
    (tmp_path / "lessons" / "zh_CN" / "1-fine.md").write_text(translation, encoding="utf-8")
    monkeypatch.setattr(lesson_module, "resource", lambda *parts: tmp_path.joinpath(*parts))
    zh = lesson_named("1-fine", language="zh_CN")
    assert (zh.title, zh.text) == ("Fine", "Text.")
    (tmp_path / "lessons" / "zh_CN" / "1-fine.md").write_text("+++\ntitle = '好'\n+++\n文字。\n", encoding="utf-8")
    assert [(x.title, x.text) for x in lessons(language="zh_CN")] == [("好", "文字。")]
