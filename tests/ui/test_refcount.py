"""The PySide6 refcount guard (pyproject.toml pins PySide6 below 6.12): 6.12.0 drops a
reference to None/True on these calls and aborts CPython 3.11."""
import sys

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QPen


class _Emitter(QObject):
    sig = Signal(bool)


def test_pyside_calls_keep_refcounts(qapp):
    none0, true0, false0 = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    pen = QPen()
    em = _Emitter()
    got = []
    em.sig.connect(got.append)
    for _ in range(1000):
        QCoreApplication.processEvents()
        pen.setWidth(2)
        em.sig.emit(True)
        em.sig.emit(False)
    got.clear()
    assert abs(sys.getrefcount(None) - none0) < 50
    assert abs(sys.getrefcount(True) - true0) < 50
    assert abs(sys.getrefcount(False) - false0) < 50
