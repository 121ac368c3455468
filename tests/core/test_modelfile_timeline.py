"""A model file's timeline (format version 4): round trips, versions, damaged members."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from bpgui.core import builtin_dataset
from bpgui.core.modelfile import ModelFileError, load_model, save_model
from bpgui.core.session import Session
from bpgui.core.training_settings import TrainingSettings

REPO = Path(__file__).resolve().parents[2]


def trained(epochs=12, optimizer="adam", dtype="float32", **kw) -> Session:
    settings = TrainingSettings(hidden=[(6, "tanh")], optimizer=optimizer, lr=0.02, batch_size=16,
                                epochs=epochs, val_split=0.25, dtype=dtype, **kw)
    session = Session(builtin_dataset("toy:spiral", n_samples=100, seed=0), settings)
    list(session.run())
    return session


@pytest.fixture(scope="module")
def session() -> Session:
    return trained()


@pytest.fixture
def good(tmp_path, session) -> Path:
    path = tmp_path / "good.bpnet"
    save_model(session.model, path)
    return path


def doc_of(path) -> dict:
    with zipfile.ZipFile(path) as z:
        return json.loads(z.read("model.json"))


def npy(arr) -> bytes:
    buf = io.BytesIO()
    np.save(buf, arr, allow_pickle=False)
    return buf.getvalue()


def rewritten(tmp_path, good, edit_json=None, replace=None, drop=()) -> Path:
    with zipfile.ZipFile(good) as z:
        content = {n: z.read(n) for n in z.namelist()}
    if edit_json is not None:
        doc = json.loads(content["model.json"])
        edit_json(doc)
        content["model.json"] = json.dumps(doc).encode()
    content.update({name: npy(arr) for name, arr in (replace or {}).items()})
    for name in drop:
        del content[name]
    path = tmp_path / "bad.bpnet"
    with zipfile.ZipFile(path, "w") as z:
        for name, data in content.items():
            z.writestr(name, data)
    return path


def member(path, name) -> np.ndarray:
    with zipfile.ZipFile(path) as z:
        return np.load(z.open(name), allow_pickle=False)


def refused(path, *fragments) -> None:
    with pytest.raises(ModelFileError) as info:
        load_model(path)
    for fragment in fragments:
        assert fragment in str(info.value), str(info.value)


# --------------------------------------------------------------- round trip
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_round_trip_keeps_every_checkpoint_bit_for_bit(tmp_path, dtype):
    model = trained(dtype=dtype).model
    path = tmp_path / "m.bpnet"
    save_model(model, path)
    loaded = load_model(path).timeline
    kept = model.timeline
    assert loaded.epochs == kept.epochs == list(range(13))
    assert (loaded.stride, loaded.budget_bytes, loaded.best_epoch) == (kept.stride, kept.budget_bytes,
                                                                       kept.best_epoch)
    assert loaded.nbytes == kept.nbytes
    for e in kept.epochs:
        assert loaded.state_at(e).equals(kept.state_at(e)), e
        assert loaded.checkpoint(e).val_loss == kept.checkpoint(e).val_loss or e == 0
    assert doc_of(path)["version"] == 4


def test_a_reopened_model_replays_from_any_checkpoint_bit_for_bit(tmp_path):
    first = trained(epochs=20)
    save_model(first.model, tmp_path / "m.bpnet")
    reopened = Session(first.dataset, first.settings, init_model=load_model(tmp_path / "m.bpnet"))
    reopened.rewind(7)
    list(reopened.run(epochs=13))
    for e in range(7, 21):
        assert reopened.model.timeline.state_at(e).equals(first.model.timeline.state_at(e)), e


def test_a_thinned_timeline_round_trips(tmp_path):
    model = trained(epochs=40).model
    model.timeline.budget_bytes = 10 * (model.timeline.nbytes // len(model.timeline))
    assert model.timeline.stride > 1
    save_model(model, tmp_path / "m.bpnet")
    loaded = load_model(tmp_path / "m.bpnet").timeline
    assert loaded.epochs == model.timeline.epochs and loaded.stride == model.timeline.stride


def test_version_4_is_written_only_for_a_model_with_a_timeline(tmp_path, session):
    save_model(session.model, tmp_path / "with.bpnet")
    assert doc_of(tmp_path / "with.bpnet")["version"] == 4
    off = trained(epochs=3, timeline_mb=0).model
    assert off.timeline is None
    save_model(off, tmp_path / "without.bpnet")
    doc = doc_of(tmp_path / "without.bpnet")
    assert doc["version"] == 1 and "timeline" not in doc
    with zipfile.ZipFile(tmp_path / "without.bpnet") as z:
        assert not any(n.startswith("timeline/") for n in z.namelist())


def test_files_of_earlier_versions_open_without_a_timeline(tmp_path, good):
    """A version-3 file as bpgui wrote it before timelines (an image_shape needs 3)."""
    def as_version_3(d):
        d.update(version=3, image_shape=[1, 2])
        del d["timeline"]
    path = rewritten(tmp_path, good, edit_json=as_version_3,
                     drop=[n for n in zipfile.ZipFile(good).namelist() if n.startswith("timeline/")])
    model = load_model(path)
    assert model.timeline is None and model.image_shape == (1, 2)


def test_the_file_is_plain_arrays_a_script_can_read(good, session):
    with zipfile.ZipFile(good) as z:
        doc = json.loads(z.read("model.json"))["timeline"]
        params = np.load(z.open("timeline/parameters.npy"), allow_pickle=False)
        epochs = np.load(z.open("timeline/epoch.npy"), allow_pickle=False)
    assert doc == {"checkpoints": 13, "stride": 1, "budget_bytes": 256 * 2**20,
                   "moments": ["exp_avg", "exp_avg_sq"], "rng": "PCG64"}
    assert params.shape == (13, session.model.network.n_params) and params.dtype == np.float32
    assert epochs.tolist() == list(range(13))
    assert params[-1].tobytes() == session.model.network.parameters.tobytes()


def test_the_docs_timeline_example_runs(tmp_path, monkeypatch, session):
    text = (REPO / "docs" / "model-format.md").read_text(encoding="utf-8")
    code = text.split("### Reading the timeline without bpgui", 1)[1].split("```python", 1)[1].split("```")[0]
    monkeypatch.chdir(tmp_path)
    save_model(session.model, "spiral.bpnet")
    sandbox: dict = {}
    exec(compile(code, "model-format.md", "exec"), sandbox)
    weights, biases = session.model.timeline.weights_at(5)
    for got, want in zip(sandbox["Ws"] + sandbox["bs"], weights + biases):
        assert got.tobytes() == want.tobytes()


# ------------------------------------------------------------ damaged files
def test_damaged_columns_are_refused_naming_the_field(tmp_path, good):
    epoch, counters = member(good, "timeline/epoch.npy"), member(good, "timeline/counters.npy")
    lr, rng = member(good, "timeline/lr.npy"), member(good, "timeline/rng.npy")
    cases = [
        ({"timeline/epoch.npy": np.where(epoch == 5, 4, epoch)}, "'timeline.epoch'", "increasing"),
        ({"timeline/epoch.npy": epoch + 100}, "'timeline.epoch'", "after the 12 epochs"),
        ({"timeline/epoch.npy": epoch.astype(np.float64)}, "'timeline.epoch'", "expected int64"),
        ({"timeline/counters.npy": counters * -1}, "'timeline.counters'", "counts"),
        ({"timeline/lr.npy": lr * 0}, "'timeline.lr'", "> 0"),
        ({"timeline/rng.npy": np.where(np.arange(6) == 4, 2, rng).astype(np.uint64)}, "'timeline.rng'", "PCG64"),
        ({"timeline/rng.npy": rng[:, :5].copy()}, "'timeline.rng'", "expected shape (13, 6)"),
    ]
    for replace, field, words in cases:
        refused(rewritten(tmp_path, good, replace=replace), field, words)


def test_damaged_parameters_and_moments_are_refused_naming_the_field(tmp_path, good):
    params = member(good, "timeline/parameters.npy")
    nan = params.copy()
    nan[3, 2] = np.nan
    refused(rewritten(tmp_path, good, replace={"timeline/parameters.npy": nan}),
            "'timeline.parameters'", "checkpoint 3", "NaN")
    refused(rewritten(tmp_path, good, replace={"timeline/parameters.npy": params.astype(np.float64)}),
            "'timeline.parameters'", "expected float32")
    refused(rewritten(tmp_path, good, replace={"timeline/parameters.npy": params[:, :-1].copy()}),
            "'timeline.parameters'", "expected shape")
    moment = member(good, "timeline/moments/exp_avg.npy")
    moment[7, 0] = np.inf
    refused(rewritten(tmp_path, good, replace={"timeline/moments/exp_avg.npy": moment}),
            "'timeline.moments.exp_avg'", "checkpoint 7")
    refused(rewritten(tmp_path, good, drop=["timeline/moments/exp_avg_sq.npy"]),
            "missing member 'timeline/moments/exp_avg_sq.npy'")
    refused(rewritten(tmp_path, good, replace={"timeline/extra.npy": params}), "unexpected member")


@pytest.mark.parametrize("edit,field,words", [
    (lambda t: t.update(stride=3), "timeline.stride", "power of two"),
    (lambda t: t.update(checkpoints=0), "timeline.checkpoints", "whole number"),
    (lambda t: t.update(checkpoints=14), "timeline/epoch.npy", "shape"),
    (lambda t: t.update(moments=["exp_avg", "exp_avg"]), "timeline.moments", "repeat"),
    (lambda t: t.update(moments=["../x"]), "timeline.moments[0]", "letters"),
    (lambda t: t.update(rng="MT19937"), "timeline.rng", "PCG64"),
    (lambda t: t.update(budget_bytes=-1), "timeline.budget_bytes", "whole number"),
    (lambda t: t.pop("stride"), "timeline.stride", "missing"),
    (lambda t: t.update(colour="red"), "timeline.colour", "unexpected"),
    (lambda t: t.update(checkpoints=10**7 + 1), "timeline.checkpoints", "from 1 to 10,000,000"),
    (lambda t: t.update(checkpoints=10**7, moments=[f"m{i}" for i in range(16)]), "timeline", "the limit is"),
])
def test_damaged_timeline_fields_are_refused(tmp_path, good, edit, field, words):
    refused(rewritten(tmp_path, good, edit_json=lambda d: edit(d["timeline"])), field, words)


def test_a_timeline_in_an_older_version_is_refused(tmp_path, good):
    refused(rewritten(tmp_path, good, edit_json=lambda d: d.update(version=3)),
            "'timeline'", "needs format version 4")


def test_a_declared_timeline_bigger_than_the_archive_is_refused_before_reading(tmp_path, good):
    def huge(d):
        d["timeline"]["checkpoints"] = 100_000
        d["history"]["epochs"] = 100_000   # so that the shapes could be right
    refused(rewritten(tmp_path, good, edit_json=huge), "fewer than")


def test_a_model_whose_timeline_cannot_be_saved_leaves_no_file(tmp_path, session):
    model = trained(epochs=3).model
    model.timeline.columns()["params"][2, 0] = np.nan   # the timeline's own column, broken on purpose
    with pytest.raises(ModelFileError, match="timeline.parameters"):
        save_model(model, tmp_path / "x.bpnet")
    assert not list(tmp_path.iterdir())
