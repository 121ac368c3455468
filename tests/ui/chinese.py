"""The Chinese translation as the tests read it: resources/i18n/bpgui_zh_CN.ts, the source of truth
(docs/translation.md), parsed into its entries; and the compiled bpgui_zh_CN.qm that ships, installed on
the application for one test and removed again, so that the other tests find the English texts."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple
from xml.etree import ElementTree as ET

from PySide6.QtCore import QCoreApplication, QTranslator

I18N = Path(__file__).resolve().parents[2] / "resources" / "i18n"
TS, QM = I18N / "bpgui_zh_CN.ts", I18N / "bpgui_zh_CN.qm"


class Entry(NamedTuple):
    context: str
    source: str
    translation: str   # "" if none


def ts_entries(contexts: Iterable[str] | None = None) -> list[Entry]:
    """The .ts's messages, all of them or those of ``contexts`` (a context is a module's name)."""
    wanted = None if contexts is None else set(contexts)
    found = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name", "")
        if wanted is None or name in wanted:
            found += [Entry(name, m.findtext("source", ""), m.findtext("translation") or "")
                      for m in context.iter("message")]
    return found


def ts_table(contexts: Iterable[str] | None = None) -> dict[tuple[str, str], str]:
    """(context, source) -> translation."""
    return {(e.context, e.source): e.translation for e in ts_entries(contexts)}


@contextmanager
def chinese_installed() -> Iterator[QTranslator]:
    """The shipped bpgui_zh_CN.qm installed on the application (made already, e.g. by ``qapp``) for the block."""
    app = QCoreApplication.instance()
    assert app is not None, "make the QApplication first"
    translator = QTranslator()
    assert translator.load(str(QM)), f"{QM} could not be loaded"
    assert app.installTranslator(translator)
    try:
        yield translator
    finally:
        app.removeTranslator(translator)
