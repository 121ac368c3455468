"""Views die by reference counting, not by the garbage collector.

A view in a reference cycle (it holds an object that holds one of its methods) waits
for the collector, which breaks the cycle by clearing the view's attributes first; Qt
then destroys the view's widgets, their signals reach the view's slots, and those find
their attributes gone (an AttributeError printed) or their objects deleted (a segfault).
"""
from __future__ import annotations

import os
import subprocess
import sys
import weakref
from pathlib import Path

import pytest

from bpgui.ui.views.gradient_bars import GradientBars
from bpgui.ui.views.hidden_space_view import HiddenSpaceView
from bpgui.ui.views.image_weights import ImageWeights
from bpgui.ui.views.output_map import BoundaryPlot
from bpgui.ui.views.paint_view import PaintView
from bpgui.ui.views.results_view import ResultsView
from bpgui.ui.views.step_through_view import StepThroughView
from bpgui.ui.views.truth_table import TruthTable
from bpgui.ui.views.try_it import TryIt
from bpgui.ui.views.weight_heatmap import WeightHeatmap

ROOT = Path(__file__).resolve().parents[2]
VIEWS = [BoundaryPlot, ResultsView, TruthTable, HiddenSpaceView, TryIt, ImageWeights, PaintView, WeightHeatmap,
         GradientBars, StepThroughView]


@pytest.mark.parametrize("view_class", VIEWS, ids=lambda c: c.__name__)
def test_a_view_is_freed_when_its_last_reference_goes(qapp, view_class):
    ref = weakref.ref(view_class())
    assert ref() is None, "in a reference cycle: only the garbage collector would free it"


def test_a_results_view_collected_without_a_parent_reports_no_error():
    """The case first seen: its pacer held its method, and collecting the pair printed
    "'ResultsView' object has no attribute 'pages'" (or crashed).  Run apart: a crash
    must fail this test, not end the test run."""
    code = ("import gc, sys\n"
            "from bpgui.ui.app import make_app\n"
            "from bpgui.ui.views.results_view import ResultsView\n"
            "app = make_app()\n"
            "errors = []\n"
            "sys.unraisablehook = errors.append\n"
            "sys.excepthook = lambda *exc: errors.append(exc)\n"
            "view = ResultsView()\n"
            "del view\n"
            "gc.collect()\n"
            "app.processEvents()\n"
            "print('errors:', errors)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert "errors: []" in done.stdout and "Error" not in done.stderr, done.stdout + done.stderr

