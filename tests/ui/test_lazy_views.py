"""The view and plot tabs build a page the first time it is shown (or read as a window
attribute), and it then shows what it missed: the current data, weights and sample."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication

from bpgui.core import builtin_dataset
from bpgui.ui.views.gradient_bars import GradientBars

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def built(tabs, title: str) -> bool:
    return tabs.is_built(tabs.index_of(title))


def hidden_window(qtbot):
    """A window as a test that never shows it has one."""
    from bpgui.ui.app import make_app
    from bpgui.ui.main_window import MainWindow
    make_app()
    w = MainWindow()
    qtbot.addWidget(w)
    return w


def test_a_shown_window_builds_only_the_pages_in_sight(window):
    assert built(window.views, "Output map") and built(window.plot_tabs, "Weights")
    for title in ("Results", "Truth table", "Hidden space", "Try it", "Images", "Paint"):
        assert not built(window.views, title), title
    assert not built(window.plot_tabs, "Gradients")
    assert window.views.views() == [window.views.widget(0)]


def test_a_window_never_shown_builds_no_page_until_one_is_read(qtbot):
    w = hidden_window(qtbot)
    try:
        assert not any(w.views.is_built(k) for k in range(w.views.count()))
        assert not any(w.plot_tabs.is_built(k) for k in range(w.plot_tabs.count()))
        assert w.boundary.mode == "plane"        # read: built, and the current tab shows the data at once
        assert built(w.views, "Output map") and not built(w.views, "Results")
    finally:
        w.controller.shutdown()


def test_showing_a_tab_builds_its_view_with_the_current_data_and_weights(window):
    w = window
    assert w.data_panel.load_csv_file(str(SAMPLES / "iris.csv"))
    other = w.model.network.copy()
    other.weights = [W * -2.0 + 0.3 for W in other.weights]
    w.views.update_model(w.model, other)      # what a training snapshot does
    built_now = []
    w.views.sigBuilt.connect(built_now.append)
    assert not built(w.views, "Results")
    w.views.setCurrentIndex(w.views.index_of("Results"))
    QCoreApplication.processEvents()
    assert built_now == [w.views.index_of("Results")] and w.views.currentWidget() is w.results_view
    view = w.results_view
    part = w.session.train if w.session.test is None else w.session.test
    truth = part.Y.argmax(axis=1)
    predicted = other.predict(w.model.encode_inputs(part.X)).argmax(axis=1)
    k = part.Y.shape[1]
    expected = np.array([[np.sum((truth == i) & (predicted == j)) for j in range(k)] for i in range(k)])
    assert view.matrix.class_names == list(w.dataset.class_names)
    np.testing.assert_array_equal(view.matrix.values, expected)
    assert not np.array_equal(expected, _counts(w.model.network, w, part))   # the weights shown are the new ones


def _counts(net, w, part) -> np.ndarray:
    truth, predicted = part.Y.argmax(axis=1), net.predict(w.model.encode_inputs(part.X)).argmax(axis=1)
    k = part.Y.shape[1]
    return np.array([[np.sum((truth == i) & (predicted == j)) for j in range(k)] for i in range(k)])


def test_a_sample_chosen_before_a_view_is_built_is_shown_when_it_is(window):
    w = window
    assert w.data_panel.load_csv_file(str(SAMPLES / "iris.csv"))
    x = w.dataset.X[120]
    w.views.show_sample(x)
    assert not built(w.views, "Try it")
    w.views.setCurrentIndex(w.views.index_of("Try it"))
    assert np.array_equal(w.try_it.values(), x)


def test_a_sample_chosen_before_the_output_map_is_built_is_held_in_it(qtbot):
    w = hidden_window(qtbot)
    try:
        assert w.data_panel.load_csv_file(str(SAMPLES / "iris.csv"))
        x = w.dataset.X[7]
        w.views.show_sample(x)
        assert not built(w.views, "Output map")
        view = w.boundary
        assert view.held.at_sample and np.array_equal(view.held.values, x)
        assert w.editor.canvas.thumbs.plane is view.plane     # its plane reached the neuron maps
    finally:
        w.controller.shutdown()


def test_a_sample_of_other_data_is_not_shown_by_a_view_built_later(qtbot):
    w = hidden_window(qtbot)
    try:
        assert w.data_panel.load_csv_file(str(SAMPLES / "iris.csv"))
        first = w.dataset
        w.views.show_sample(first.X[3])
        assert w.data_panel.load_csv_file(str(SAMPLES / "iris.csv"))   # new data, with the same columns
        assert w.dataset is not first
        assert not w.boundary.held.at_sample
    finally:
        w.controller.shutdown()


def test_applies_to_hides_the_truth_table_tab_without_building_it(window):
    w = window
    index = w.views.index_of("Truth table")
    assert w.views.isTabVisible(index)                  # xor, a gate
    assert w.data_panel.load_csv_file(str(SAMPLES / "iris.csv"))
    assert not w.views.isTabVisible(index) and not w.views.is_built(index)
    w.doc.set_data(builtin_dataset("gate:and"))
    assert w.views.isTabVisible(index) and not w.views.is_built(index)


def test_the_gradients_tab_is_built_when_shown_with_the_latest_norms(window):
    w = window
    w.plot_tabs.call_latest("Gradients", GradientBars.set_norms, [1.0, 2.0])
    w.plot_tabs.call_latest("Gradients", GradientBars.set_norms, [3.0, 0.5])
    assert not built(w.plot_tabs, "Gradients")
    w.plot_tabs.setCurrentIndex(w.plot_tabs.index_of("Gradients"))
    assert built(w.plot_tabs, "Gradients") and w.plot_tabs.currentWidget() is w.gradients
    assert w.gradients.values == (3.0, 0.5)


def test_the_window_is_laid_out_as_when_every_view_was_built_at_once(qtbot, window):
    """The centre splitter shares its width out by the tabs' size hints: placeholders ask for
    the room of the largest view, or the network would take the views' room until one is built."""
    w = hidden_window(qtbot)
    try:
        for k in range(w.views.count()):
            w.views.page_at(k)
        w.resize(1400, 900)
        w.show()
        QCoreApplication.processEvents()
        assert abs(w.views.width() - window.views.width()) <= 2, (w.views.width(), window.views.width())
        assert abs(w.editor.width() - window.editor.width()) <= 2
    finally:
        w.controller.shutdown()
        w.close()
