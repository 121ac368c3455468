"""What each view costs per frame: the time of one ``update_model`` (new weights) of
each view tab, and of the network view's neuron maps, in the real window.

    QT_QPA_PLATFORM=offscreen python benchmarks/view_costs.py [--frames 30] [--cases xor,toy,mlp]

The window redraws the visible view at most 10 times a second while training
(the network view's weights on every snapshot); a view's cost here is that
redraw's share of the GUI thread: 10 x cost per second.  Figures, with the
machine and date, go to docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from PySide6.QtWidgets import QApplication  # noqa: E402

from gui_responsiveness import CASES  # noqa: E402
from bpgui.ui.main_window import MainWindow  # noqa: E402


def frame_ms(app: QApplication, update, frames: int) -> float:
    """Median time of ``update()`` plus the paint it causes."""
    times = []
    for _ in range(frames):
        start = time.perf_counter()
        update()
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run_case(app: QApplication, name: str, frames: int) -> dict[str, float]:
    make_data, settings = CASES[name]
    win = MainWindow()
    win.resize(1400, 900)
    win.show()
    win.doc.set_data(make_data())
    win.doc.set_settings(settings)
    app.processEvents()
    model, net = win.doc.model, win.doc.model.network.copy()
    out: dict[str, float] = {}
    for k in range(win.views.count()):
        if not win.views.isTabVisible(k):
            continue
        win.views.setCurrentIndex(k)
        app.processEvents()
        view = win.views.widget(k)

        def update(view=view) -> None:
            net.weights[0][0, 0] += 1e-6   # new weights each frame, as a snapshot brings
            view.update_model(model, net)
            view.repaint()
        out[win.views.tabText(k)] = frame_ms(app, update, frames)
    out["network view + neuron maps"] = frame_ms(app, lambda: (win.editor.update_model(model, net),
                                                               win.editor.repaint()), frames)
    win.doc.saved("benchmark")   # nothing to ask on close
    win.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--frames", type=int, default=30)
    ap.add_argument("--cases", default="xor,toy,mlp")
    args = ap.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(f"# {time.strftime('%Y-%m-%d %H:%M')}  {os.cpu_count()} cores  median ms per frame")
    for name in args.cases.split(","):
        costs = run_case(app, name, args.frames)
        print(f"{name:4}  " + "  ".join(f"{view} {ms:.1f}" for view, ms in costs.items()), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
