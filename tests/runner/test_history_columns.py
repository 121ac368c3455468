"""The history columns the child sends (``bpgui.runner.history_columns``)."""
import numpy as np

from bpgui.core import builtin_dataset
from bpgui.core import Session, TrainingSettings
from bpgui.runner.job import Job
from bpgui.runner.messages import Quit

from child_helpers import read_until_end, start_child


def test_history_columns_through_the_pipe_equal_the_engines_own_reports_with_validation():
    """The child turns its gathered reports into columns (``HistoryColumns.take``):
    every epoch's figures, validation ones included, equal an in-process run."""
    settings = TrainingSettings(hidden=[(6, "tanh")], optimizer="adam", lr=0.05, val_split=0.25, seed=3)
    session = Session(builtin_dataset("toy:moons"), settings)
    conn, thread = start_child(Job.from_session(session, 300))
    msgs = read_until_end(conn)
    conn.send(Quit())
    thread.join(5)
    cols: dict[str, list] = {}
    for m in msgs:
        rows = m.history
        for key, values in rows.items():
            cols.setdefault(key, []).extend(values)
    assert set(cols) == {"epoch", "train_loss", "val_loss", "train_accuracy", "val_accuracy"}

    job = Job.from_session(session, 300)
    trainer = job.build_trainer()
    reports = list(trainer.reports(*job.train, epochs=300, validation=job.validation))
    assert cols["epoch"] == list(range(1, 301))
    assert cols["train_loss"] == [r.stats.loss for r in reports]
    assert cols["train_accuracy"] == [r.stats.metrics["accuracy"] for r in reports]
    assert cols["val_loss"] == [r.val[0] for r in reports]
    assert cols["val_accuracy"] == [r.val[1]["accuracy"] for r in reports]


def test_history_take_fills_missing_figures_with_nan():
    from bpgui.core.training import EpochReport, EpochStats
    from bpgui.runner.history_columns import HistoryColumns

    h = HistoryColumns()
    assert h.take() == {"epoch": [], "train_loss": [], "val_loss": []}
    h.add(EpochReport(EpochStats(1, 0.5, 0.0, 0.1, 1, {"r2": 0.25}), None, None, None))
    h.add(EpochReport(EpochStats(2, 0.4, 0.0, 0.1, 1, {"r2": 0.5, "mae": 0.3}), (0.7, {"r2": 0.1}), 2, None))
    rows = h.take()
    assert rows["epoch"] == [1, 2] and rows["train_loss"] == [0.5, 0.4]
    assert rows["train_r2"] == [0.25, 0.5]
    assert np.isnan(rows["train_mae"][0]) and rows["train_mae"][1] == 0.3
    assert np.isnan(rows["val_loss"][0]) and rows["val_loss"][1] == 0.7
    assert np.isnan(rows["val_r2"][0]) and rows["val_r2"][1] == 0.1
    assert set(rows) == {"epoch", "train_loss", "val_loss", "train_r2", "train_mae", "val_r2"}
    h.add(EpochReport(EpochStats(3, 0.3, 0.0, 0.1, 1, {"r2": 0.6}), None, None, None))
    rows = h.take()   # the columns start afresh after a take
    assert set(rows) == {"epoch", "train_loss", "val_loss", "train_r2"}
    assert rows["epoch"] == [3] and rows["train_r2"] == [0.6] and np.isnan(rows["val_loss"][0])
