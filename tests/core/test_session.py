"""The shared training recipe: split, normalise on the training split, train."""
import numpy as np
import pytest

from bpgui.core import Model, Network, builtin_dataset, load_model, save_model
from bpgui.core.dataset import Dataset
from bpgui.core.session import Session
from bpgui.core.training_settings import TrainingSettings, parse_layers


def regression_data(n=200, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(loc=[100.0, -5.0], scale=[20.0, 0.5], size=(n, 2))
    Y = (3 * (X[:, :1] - 100) / 20 + 1000.0)  # raw targets far from 0
    return Dataset(X=X, Y=Y, feature_names=["a", "b"], target_names=["y"], class_names=None,
                   task="regression", source={"kind": "test"}, name="reg")


def test_normalisers_come_from_the_training_split_only():
    ds = regression_data()
    s = Session(ds, TrainingSettings(normalize="zscore", val_split=0.25, test_split=0.25, epochs=1))
    np.testing.assert_allclose(s.model.x_normalizer.shift, s.train.X.mean(axis=0))
    np.testing.assert_allclose(s.model.x_normalizer.scale, s.train.X.std(axis=0))
    assert not np.allclose(s.model.x_normalizer.shift, ds.X.mean(axis=0), rtol=1e-9)
    np.testing.assert_allclose(s.model.y_normalizer.shift, s.train.Y.mean(axis=0))
    Xe, Ye = s.train_xy
    np.testing.assert_allclose(Xe.mean(axis=0), 0, atol=1e-5)
    assert len(s.train.X) == 100 and len(s.val.X) == 50 and len(s.test.X) == 50


def test_model_predicts_on_the_raw_scale_and_survives_a_file(tmp_path):
    ds = regression_data()
    s = Session(ds, TrainingSettings(hidden=[], normalize="zscore", optimizer="adam", lr=0.05, epochs=400))
    for _ in s.run():
        pass
    pred = s.model.predict(ds.X)
    np.testing.assert_allclose(pred, ds.Y, atol=0.05)  # a linear map: learnt almost exactly
    assert len(s.model.history) == 400
    save_model(s.model, tmp_path / "m.bpnet")
    again = load_model(tmp_path / "m.bpnet")
    np.testing.assert_array_equal(again.predict(ds.X), pred)
    assert again.training["optimizer"] == "adam" and again.training["normalize"] == "zscore"


def test_outputs_follow_the_task_and_settings_can_override():
    xor = builtin_dataset("gate:xor")
    assert Session(xor, TrainingSettings()).model.network.layers[-1] == (1, "sigmoid")
    assert Session(xor, TrainingSettings()).model.network.loss_name == "bce"
    s = Session(xor, TrainingSettings(loss="mse"))
    assert s.model.network.layers[-1] == (1, "linear") and s.model.network.loss_name == "mse"
    spiral = builtin_dataset("toy:spiral")
    assert Session(spiral, TrainingSettings()).model.network.output_activation == "sigmoid"
    settings = TrainingSettings.from_dict(TrainingSettings(hidden=[(8, "relu")], l2=0.1).to_dict())
    assert settings.hidden == [(8, "relu")] and settings.l2 == 0.1


def test_continuing_a_model_needs_the_same_columns():
    xor = builtin_dataset("gate:xor")
    s = Session(xor, TrainingSettings(epochs=5))
    for _ in s.run():
        pass
    again = Session(xor, TrainingSettings(epochs=5), init_model=s.model)
    assert again.model is s.model
    with pytest.raises(ValueError, match="features"):
        Session(builtin_dataset("gate:not"), TrainingSettings(), init_model=s.model)


@pytest.mark.parametrize("text,layers", [("8:tanh,4:relu", [(8, "tanh"), (4, "relu")]), ("", []),
                                         ("16", [(16, "tanh")])])
def test_parse_layers(text, layers):
    assert parse_layers(text) == layers


def test_parse_layers_rejects_junk():
    with pytest.raises(ValueError, match="layer 2 'x:relu': expected UNITS:ACTIVATION"):
        parse_layers("4:tanh,x:relu")


def test_early_stopping_needs_a_validation_split():
    with pytest.raises(ValueError, match="validation split"):
        Session(builtin_dataset("gate:xor"), TrainingSettings(early_stopping=5))


def test_model_checks_names_against_the_network():
    net = Network(2, [(1, "linear")])
    with pytest.raises(ValueError, match="1 feature names for a network with 2 inputs"):
        Model(network=net, feature_names=["a"], target_names=["y"])


@pytest.mark.parametrize("d,message", [
    ({"lr": "fast"}, "'lr': expected a finite number"),
    ({"hidden": [[4, "tanhh"]]}, "'hidden': unknown name 'tanhh'"),
    ({"hidden": "4:tanh"}, "'hidden': expected a list"),
    ({"batch_size": 0}, "'batch_size': 0 is out of range"),
    ({"epochs": 1.5}, "'epochs': expected a whole number"),
    ({"optimizer": "adamw"}, "'optimizer': unknown name 'adamw'"),
    ({"hyperparameters": [1, 2]}, "'hyperparameters': expected an object"),
    ("nonsense", "must be an object"),
])
def test_settings_from_a_file_are_checked_field_by_field(d, message):
    with pytest.raises(ValueError, match=message):
        TrainingSettings.from_dict(d)


def test_settings_from_dict_ignores_unknown_fields_and_keeps_types():
    s = TrainingSettings.from_dict({"lr": 1, "epochs": None, "future_field": 3, "hidden": [[8, "relu"]]})
    assert s.lr == 1.0 and isinstance(s.lr, float) and s.epochs is None and s.hidden == [(8, "relu")]


def test_settings_from_dict_applies_the_optimizers_own_checks():
    with pytest.raises(ValueError, match="betas must be a pair"):
        TrainingSettings.from_dict({"optimizer": "adam", "hyperparameters": {"betas": "x"}})


def test_a_class_loss_on_a_numeric_target_says_so_without_contradicting_itself():
    from bpgui.core import TrainingSettings, builtin_dataset
    import pytest as _pytest
    with _pytest.raises(ValueError) as info:
        Session(builtin_dataset("toy:sine"), TrainingSettings(loss="ce"))
    message = str(info.value)
    assert "holds numbers" in message and "'mse'" in message and "classes" in message
    assert "'bce'" not in message and "units" not in message


def test_one_row_of_data_is_refused_for_training(tmp_path):
    from bpgui.core import TrainingSettings, load_csv
    import pytest as _pytest
    path = tmp_path / "one.csv"
    path.write_text("x,y\n0.5,1.5\n")
    ds = load_csv(path)                       # readable (predict takes one row)
    with _pytest.raises(ValueError, match="1 row.*at least 2"):
        Session(ds, TrainingSettings())
