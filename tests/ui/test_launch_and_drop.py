"""Launching with a file, drag-and-drop, toy sets, and remembered settings."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_run_opens_a_csv_given_on_the_command_line(qapp, monkeypatch):
    from bpgui.ui import app as app_module
    from bpgui.ui.main_window import MainWindow

    seen = {}

    def fake_exec(*_args):
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        w = windows[-1]
        seen["data"] = w.dataset.name
        seen["sizes"] = w.model.network.sizes
        w.controller.shutdown()
        w.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert app_module.run([str(SAMPLES / "iris.csv")]) == 0
    assert seen["data"] == "iris.csv" and seen["sizes"] == [4, 4, 3]


def test_drop_a_csv_on_the_window(window):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(SAMPLES / "sine.csv"))])
    event = QDropEvent(QPointF(400, 300), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(event)
    assert window.dataset.name == "sine.csv" and window.dataset.task == "regression"
    assert window.model.network.activation_names[-1] == "linear"
    assert window.boundary.mode == "line"
    assert window.metric_plot._keys == ("train_r2", "val_r2")


def test_toy_set_regenerate(window):
    dp = window.data_panel
    dp.source.setCurrentIndex(1)
    dp.toy.setCurrentText("circle")
    dp.samples.setValue(300)
    dp.noise.setValue(0.2)
    dp.regenerate.click()
    assert window.dataset.n_samples == 300 and window.dataset.source["noise"] == 0.2
    assert window.session.train.n_samples == 300


def test_geometry_and_folders_are_remembered(make_window):
    w = make_window()
    w.plots_dock.hide()
    w.data_panel.last_folder = str(SAMPLES)
    w.close()
    from bpgui.ui.main_window import MainWindow
    w2 = MainWindow()          # not through the fixture, which resizes to 1400x900
    try:
        assert w2.data_panel.last_folder == str(SAMPLES)
        from bpgui.ui.settings_store import settings_store
        assert settings_store().value("geometry") is not None
        assert w2.plots_dock.isHidden()          # the window state (docks) came back
    finally:
        w2.controller.shutdown()
        w2.close()


def test_csv_column_pickers_use_the_loaders_names(window, tmp_path, messages):
    """Spaces around header names, no header at all: the pickers name columns as load_csv does."""
    spaced = tmp_path / "spaced.csv"
    spaced.write_text("x1, x2, label\n0.1, 0.2, red\n0.3, 0.1, blue\n0.5, 0.9, red\n0.2, 0.4, blue\n")
    assert window.data_panel.load_csv_file(str(spaced))
    t = window.data_panel.target
    assert [t.itemText(i) for i in range(t.count())] == ["x1", "x2", "label"]
    plain = tmp_path / "plain.csv"
    plain.write_text("0.1,0.2,1\n0.3,0.1,0\n0.5,0.9,1\n0.2,0.4,0\n")
    assert window.data_panel.load_csv_file(str(plain))
    t.setCurrentIndex(1)
    assert window.dataset.target_names == ["col2"] and not messages.shown


def test_the_task_choice_turns_coded_classes_into_a_regression_target_and_back(window, tmp_path, messages):
    coded = tmp_path / "coded.csv"
    coded.write_text("x,label\n" + "".join(f"{k / 10},{k % 3}\n" for k in range(30)))
    dp = window.data_panel
    assert dp.load_csv_file(str(coded))
    assert window.dataset.task == "multiclass" and window.model.network.sizes[-1] == 3
    assert dp.task.currentText() == "auto"
    dp.task.setCurrentIndex(dp.task.findData("regression"))
    assert window.dataset.task == "regression" and window.model.network.sizes[-1] == 1
    assert window.dataset.source["task"] == "regression" and not messages.shown
    window.acts.undo.trigger()
    assert window.dataset.task == "multiclass" and dp.task.currentText() == "auto"


def test_a_file_with_a_line_of_counts_loads_after_skip_rows(window, tmp_path, messages):
    counts = tmp_path / "wine_like.csv"
    counts.write_text("12,2,class_0,class_1\n" + "".join(f"{k / 10},{k % 4},{k % 2}\n" for k in range(12)))
    dp = window.data_panel
    assert not dp.load_csv_file(str(counts))
    assert "skip the lines above the header" in messages.shown[-1][2] and "line 2" in messages.shown[-1][2]
    assert window.dataset.name == "xor gate" and dp.pages.currentIndex() == 2   # Skip rows in sight
    dp.skip_rows.setValue(1)                                                      # retries the file
    assert window.dataset.name == "wine_like.csv" and window.dataset.n_samples == 12
    assert window.dataset.source["skip_rows"] == 1 and window.dataset.class_names == ["0", "1"]
    assert dp.target.itemText(0) == "col1"


def test_a_whitespace_separated_file_and_a_decimal_comma_file_load_in_the_window(window, tmp_path, messages):
    spaced = tmp_path / "spaced.txt"
    spaced.write_text("x1   x2  y\n" + "".join(f"{k / 10}   {k % 3}  {k * 0.5}\n" for k in range(10)))
    dp = window.data_panel
    assert dp.load_csv_file(str(spaced)) and window.dataset.feature_names == ["x1", "x2"]
    assert [dp.target.itemText(i) for i in range(dp.target.count())] == ["x1", "x2", "y"]
    euro = tmp_path / "euro.csv"
    euro.write_text("a;b;label\n" + "".join(f"{k},5;{k % 4},25;{'yes' if k % 2 else 'no'}\n" for k in range(8)))
    assert dp.load_csv_file(str(euro))
    assert window.dataset.feature_names == ["a", "b"] and window.model.network.sizes[0] == 2
    assert not messages.shown


def test_output_neurons_are_named_by_their_class(window):
    assert window.data_panel.load_csv_file(str(SAMPLES / "iris.csv"))
    canvas = window.editor.canvas
    assert canvas.output_names == ["setosa", "versicolor", "virginica"]
    assert canvas.describe(("neuron", len(canvas.sizes) - 1, 2)).startswith("output virginica")
    assert canvas.describe(("neuron", 1, 0)).startswith("hidden layer 1, neuron 1")


def test_the_readers_notes_show_in_the_data_summary(window, tmp_path):
    indexed = tmp_path / "exported.csv"
    indexed.write_text(",a,b,y\n" + "".join(f"{k},{k / 10},{k % 3},{k * 0.5}\n" for k in range(9)))
    assert window.data_panel.load_csv_file(str(indexed))
    assert window.dataset.feature_names == ["a", "b"]
    assert "Note:" in window.data_panel.summary.text() and "row index" in window.data_panel.summary.text()


def test_a_first_start_on_a_small_screen_tabs_the_side_panels_and_gives_the_views_room(
        make_window, qapp, qtbot, monkeypatch):
    from PySide6.QtCore import QSize

    from bpgui.ui import window_settings
    from bpgui.ui.main_window import MainWindow

    wide = make_window()                # the fixture's windows start as on a large screen
    assert wide.tabifiedDockWidgets(wide.data_dock) == []
    monkeypatch.setattr(window_settings, "screen_size", lambda _w: QSize(1024, 700))
    small = MainWindow()
    qtbot.addWidget(small)
    small.show()
    try:
        for _ in range(5):
            qapp.processEvents()
        assert small.width() == 1024 and small.tabifiedDockWidgets(small.data_dock) == [small.training_dock]
        assert small.training_panel.visibleRegion().isEmpty()       # a tab away
        assert not small.data_panel.visibleRegion().isEmpty()
        assert small.views.width() >= 320     # the views' tab titles fit without scrolling
        assert small.plot_tabs.width() >= 300   # a third of the plots: the heatmap's columns are legible
    finally:
        small.controller.shutdown()
        small.close()
