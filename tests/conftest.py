"""Shared test settings.

* Qt, where a test uses it, draws offscreen.
* The window speaks English whatever the machine's locale or settings (tests find widgets by
  their English texts); tests/ui/test_translation.py installs the Chinese one itself.
* Under CI (CI=true), a skipped test fails the run: CI installs every optional
  peer (PyTorch, onnxruntime), so a skip there means a test silently did not run.
"""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["BPGUI_LANGUAGE"] = "en"

_skipped: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if _skipped and os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        print(f"\nCI forbids skipped tests; {len(_skipped)} skipped: {', '.join(_skipped[:10])}")
        session.exitstatus = 1
