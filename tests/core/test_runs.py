"""Kept runs: names, edits, the CSV export and the model file (format version 5)."""
from __future__ import annotations

import csv
import io
import json
import math
import zipfile

import numpy as np
import pytest

from bpgui.core import builtin_dataset
from bpgui.core.modelfile import ModelFileError, load_model, save_model
from bpgui.core.runs import (BranchPoint, Run, Segment, delete_runs, rename_run, set_run_hidden, unique_name,
                             upsert_run)
from bpgui.core.runs_csv import runs_csv
from bpgui.core.session import Session
from bpgui.core.training_settings import TrainingSettings


def trained(optimizer="adam", lr=0.02, epochs=15, seed=0, val_split=0.25) -> Session:
    settings = TrainingSettings(hidden=[(5, "tanh")], optimizer=optimizer, lr=lr, epochs=epochs,
                                val_split=val_split, seed=seed, timeline_mb=0)
    session = Session(builtin_dataset("toy:multigauss", n_samples=80), settings)
    list(session.run())
    return session


def run_of(session: Session, name: str, key: int, branch=None) -> Run:
    h = session.model.history
    seg = Segment(1, h.epochs, session.settings.to_dict(), session.trainer.lr)
    return Run.from_history(name, h, [seg], branch, key=key)


@pytest.fixture(scope="module")
def runs() -> tuple[Run, ...]:
    a = run_of(trained("adam"), "adam run", 1)
    b = run_of(trained("sgd", lr=0.1, epochs=9, val_split=0.0), "sgd run", 2, BranchPoint("adam run", 4))
    return a, b


def test_a_run_copies_the_history_and_describes_itself(runs):
    a, b = runs
    session = trained("adam")
    h = session.model.history
    assert np.array_equal(a.train_loss, h.train_loss) and np.array_equal(a.epoch, h.epoch)
    assert a.train_loss is not h.train_loss and set(a.metrics) == set(h.metrics) and a.epochs == 15
    assert a.describe() == "adam, lr 0.02, xavier, seed 0"
    assert b.describe() == "sgd, lr 0.1, xavier, seed 0, from adam run @ 4"


def test_segments_merge_while_the_settings_stay_and_a_changed_rate_shows(runs):
    a = runs[0]
    s = a.settings
    same = a.continued(trained("adam", epochs=20).model.history, Segment(16, 20, s, 0.02))
    assert len(same.segments) == 1 and same.segments[0].last_epoch == 20 and same.epochs == 20
    slower = same.continued(trained("adam", epochs=25).model.history, Segment(21, 25, s, 0.005))
    assert len(slower.segments) == 2 and slower.describe().startswith("adam, lr 0.02→0.005")
    assert slower.name == a.name and slower.key == a.key


def test_names_edits_and_upsert(runs):
    a, b = runs
    assert unique_name("adam run", [a.name, b.name]) == "adam run (2)" and unique_name("x", [a.name]) == "x"
    renamed = rename_run(runs, 1, "first")
    assert [r.name for r in renamed] == ["first", "sgd run"] and renamed[1].branch == BranchPoint("first", 4)
    with pytest.raises(ValueError, match="already"):
        rename_run(runs, 1, "sgd run")
    with pytest.raises(ValueError, match="needs a name"):
        rename_run(runs, 1, "  ")
    hidden = set_run_hidden(runs, 2, True)
    assert [r.hidden for r in hidden] == [False, True]
    assert [r.key for r in delete_runs(runs, [1])] == [2]
    newer = upsert_run(renamed, run_of(trained("adam", epochs=3), "whatever", 1))
    assert newer[0].name == "first" and newer[0].epochs == 3 and len(newer) == 2
    assert len(upsert_run(runs, run_of(trained("adam", epochs=3), "new", 9))) == 3


def test_the_csv_holds_every_run_and_epoch_with_the_very_numbers(runs):
    rows = list(csv.DictReader(io.StringIO(runs_csv(runs))))
    a, b = runs
    assert list(rows[0])[:4] == ["run", "epoch", "train_loss", "val_loss"]
    assert len(rows) == len(a.epoch) + len(b.epoch)
    for run in runs:
        mine = [r for r in rows if r["run"] == run.name]
        assert [int(r["epoch"]) for r in mine] == run.epoch.tolist()
        for key in run.keys():
            got = np.array([float(r[key]) if r[key] else math.nan for r in mine])
            assert np.array_equal(got, run.column(key), equal_nan=True), key
    # The sgd run has no validation split: its val_loss cells are empty.
    assert all(r["val_loss"] == "" for r in rows if r["run"] == "sgd run")


def test_the_model_file_keeps_the_runs(tmp_path, runs):
    model = trained().model
    model.runs, model.current_run = [set_run_hidden(runs, 2, True)[1], runs[0]], "adam run"
    save_model(model, tmp_path / "m.bpnet")
    with zipfile.ZipFile(tmp_path / "m.bpnet") as zf:
        assert json.loads(zf.read("model.json"))["version"] == 5
    back = load_model(tmp_path / "m.bpnet")
    assert [r.name for r in back.runs] == ["sgd run", "adam run"] and back.current_run == "adam run"
    for old, new in zip(model.runs, back.runs):
        assert (new.hidden, new.branch, new.segments) == (old.hidden, old.branch, old.segments)
        for key in old.keys():
            assert np.array_equal(new.column(key), old.column(key), equal_nan=True)
        assert np.array_equal(new.epoch, old.epoch) and new.epoch.dtype == np.int64


def test_files_without_runs_keep_their_version_and_open_with_none(tmp_path):
    model = trained().model
    save_model(model, tmp_path / "old.bpnet")
    with zipfile.ZipFile(tmp_path / "old.bpnet") as zf:
        assert json.loads(zf.read("model.json"))["version"] < 5
    back = load_model(tmp_path / "old.bpnet")
    assert back.runs == [] and back.current_run is None


def _rewrite(src, dst, edit):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "model.json":
                doc = json.loads(data)
                edit(doc)
                data = json.dumps(doc).encode()
            zout.writestr(info, data)


@pytest.mark.parametrize("edit, words", [
    (lambda d: d.update(version=4), "runs need format version 5"),
    (lambda d: d["runs"][0].update(name=""), "runs[0].name"),
    (lambda d: d["runs"][1].update(name="adam run"), "same name"),
    (lambda d: d["runs"][0].update(rows=3), "runs/0/"),
    (lambda d: d["runs"][0]["segments"][0].update(final_lr=-1), "final_lr"),
    (lambda d: d["runs"][0]["segments"][0]["settings"].update(optimizer="nope"), "optimizer"),
    (lambda d: d["runs"][0].update(extra=1), "unexpected field"),
])
def test_damaged_runs_are_refused_by_name(tmp_path, runs, edit, words):
    model = trained().model
    model.runs = list(runs)
    save_model(model, tmp_path / "m.bpnet")
    _rewrite(tmp_path / "m.bpnet", tmp_path / "bad.bpnet", edit)
    with pytest.raises(ModelFileError, match=words.replace("[", r"\[").replace("]", r"\]")):
        load_model(tmp_path / "bad.bpnet")
