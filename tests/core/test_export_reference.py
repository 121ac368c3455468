"""Reference inputs and outputs written beside an export."""
import numpy as np

from bpgui.core import Network
from bpgui.core.dataset import Dataset
from bpgui.core.export_reference import mismatch, read_reference, reference_inputs, write_reference
from bpgui.core.model import Model


def _model(normalize: str) -> Model:
    X = np.array([[0.0, 10.0], [2.0, 30.0], [4.0, 20.0]])
    ds = Dataset(X, np.array([[1.0], [3.0], [2.0]]), ["a", "b"], ["y"], None, task="regression")
    return Model.for_dataset(Network(2, [(3, "tanh"), (1, "linear")], loss="mse", seed=1), ds, normalize)


def test_random_rows_lie_in_the_range_the_normaliser_saw():
    X = reference_inputs(_model("minmax"))
    assert X.shape == (16, 2)
    assert X[:, 0].min() >= 0 and X[:, 0].max() <= 4 and X[:, 1].min() >= 10 and X[:, 1].max() <= 30
    z = reference_inputs(_model("zscore"))
    assert np.all(np.abs(z[:, 0] - 2) <= 2 * np.std([0, 2, 4]) + 1e-12)
    assert np.all(np.abs(reference_inputs(_model("none"))) <= 1)


def test_rows_of_the_data_are_taken_first_skipping_incomplete_ones():
    data = np.array([[np.nan, 1.0], [5.0, 6.0], [7.0, 8.0]])
    assert reference_inputs(_model("none"), data, rows=1).tolist() == [[5.0, 6.0]]


def test_the_reference_file_holds_the_models_predictions(tmp_path):
    model = _model("zscore")
    X = reference_inputs(model)
    path = write_reference(tmp_path / "net.py", model, X, 1e-9)
    assert path.endswith("net.py.reference.json")
    ref = read_reference(path)
    np.testing.assert_array_equal(ref["outputs"], model.predict(X))
    assert mismatch(ref["outputs"], ref["outputs"] * (1 + 1e-12), 1e-9) is None
    message = mismatch(ref["outputs"], ref["outputs"] + 1, 1e-9)
    assert message.startswith("16 of 16 outputs differ; the first at row 1, output 1")
