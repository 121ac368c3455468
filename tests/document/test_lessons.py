"""The lessons of resources/lessons/: each loads, its network, data and settings are what
its text says, the worked example's step gives the printed numbers, and a bad file is one
clear message."""
from __future__ import annotations

import numpy as np
import pytest

from bpgui.core import Trainer, builtin_dataset
from bpgui.document import Document, load_source
from bpgui.document.lesson import LessonError, lesson_named, lessons, load_lesson

# The printed example: a 3-2-1 sigmoid network, x = [0.5, 0.1, -0.2], y = 0.6, SGD with lr 0.5.
W1 = [[0.5, -0.6], [0.1, -0.2], [0.1, 0.7]]
W2 = [[0.1], [-0.3]]
PRINTED_CHANGE = [0.00804047, 0.00555918]


def _by_title(word: str):
    return next(lesson for lesson in lessons() if word in lesson.title)


def test_every_lesson_loads_in_order_and_builds_its_network():
    found = lessons()
    assert [lesson.order for lesson in found] == sorted(lesson.order for lesson in found)
    assert len(found) >= 5
    for lesson in found:
        session = lesson.session()
        assert lesson.text and lesson.title in lesson.text   # the text's heading is its title
        net = session.model.network
        assert net.output_activation == lesson.settings.output_activation
        assert net.loss_name == lesson.settings.loss
        assert [units for units, _ in net.layers[:-1]] == [u for u, _ in lesson.settings.hidden]
        if lesson.weights is not None:
            for W, given in zip(net.weights, lesson.weights):
                np.testing.assert_array_equal(W, given)


def test_worked_example_is_what_its_text_says():
    lesson = lesson_named("1-worked-example")
    session = lesson.session()
    net = session.model.network
    assert net.sizes == [3, 2, 1] and net.activation_names == ["sigmoid", "sigmoid"]
    np.testing.assert_array_equal(net.weights[0], W1)
    np.testing.assert_array_equal(net.weights[1], W2)
    assert all(not b.any() for b in net.biases)
    X, Y = session.train_xy
    np.testing.assert_array_equal(X, [[0.5, 0.1, -0.2]] * 2)   # raw inputs: no normalisation
    np.testing.assert_array_equal(Y, [[0.6]] * 2)
    s = session.settings
    assert (s.optimizer, s.lr, s.loss, s.hyperparameters) == ("sgd", 0.5, "mse", {})
    # mse is 1/2 (y_hat - y)^2 for one output: the printed loss.
    y_hat = net.predict([[0.5, 0.1, -0.2]])
    assert net.loss([[0.5, 0.1, -0.2]], [[0.6]]) == pytest.approx(0.5 * (y_hat[0, 0] - 0.6) ** 2, abs=1e-15)


def test_worked_example_one_step_changes_the_output_weights_by_the_printed_numbers():
    lesson = lesson_named("1-worked-example")
    session = lesson.session()
    net = session.model.network
    before = net.weights[1].copy()
    # One row, one step, through the engine's Trainer (batch = the one row)...
    alone = Trainer(net.copy(), optimizer="sgd", lr=0.5, batch_size=1, shuffle=False)
    alone.epoch(session.train_xy[0][:1], session.train_xy[1][:1])
    np.testing.assert_allclose(alone.net.weights[1].ravel() - before.ravel(), PRINTED_CHANGE, atol=1e-8)
    # ... and the lesson's own trainer (full batch of the two equal rows): one epoch is that step.
    stats = session.trainer.epoch(*session.train_xy)
    assert stats.steps == 1
    np.testing.assert_allclose(net.weights[1].ravel() - before.ravel(), PRINTED_CHANGE, atol=1e-8)


def test_worked_example_by_hand():
    """The printed numbers again, from the formulas by hand (a check of the check)."""
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    x = np.array([0.5, 0.1, -0.2])
    h = sig(x @ np.array(W1))
    y_hat = sig(h @ np.array(W2))[0]
    delta = (y_hat - 0.6) * y_hat * (1 - y_hat)
    np.testing.assert_allclose(-0.5 * h * delta, PRINTED_CHANGE, atol=1e-8)


def test_and_gate_lesson_is_one_sigmoid_neuron_with_cross_entropy():
    lesson = _by_title("AND")
    session = lesson.session()
    assert session.model.network.sizes == [2, 1]
    assert (session.model.network.output_activation, session.settings.loss) == ("sigmoid", "bce")
    np.testing.assert_array_equal(lesson.dataset.Y.ravel(), builtin_dataset("gate:and").Y.ravel())
    # sigmoid + bce: the output delta is y_hat - y (the gradient of W is X^T (y_hat - y) / n).
    X, Y = session.train_xy
    dW, db = session.model.network.gradients(X, Y)
    np.testing.assert_allclose(dW[0], X.T @ (session.model.network.predict(X) - Y) / len(X), atol=1e-12)


@pytest.mark.parametrize("word, activation, loss", [("Softmax", "softmax", "ce"), ("linear", "linear", "mse")])
def test_canonical_pair_lessons_have_delta_y_hat_minus_y(word, activation, loss):
    lesson = _by_title(word)
    session = lesson.session()
    net = session.model.network
    assert (net.output_activation, net.loss_name, net.n_layers) == (activation, loss, 1)
    X, Y = session.train_xy
    dW, db = net.gradients(X, Y)
    delta = net.predict(X) - Y
    np.testing.assert_allclose(dW[0], X.T @ delta / len(X), atol=1e-12)
    np.testing.assert_allclose(db[0], delta.mean(axis=0), atol=1e-12)


def test_linear_lesson_first_step_is_the_one_its_text_works_out():
    session = _by_title("linear").session()
    session.trainer.epoch(*session.train_xy)
    net = session.model.network
    assert net.weights[0][0, 0] == pytest.approx(0.3) and net.biases[0][0] == pytest.approx(-0.3)


def test_xor_lesson_has_a_hidden_layer_and_learns():
    lesson = _by_title("XOR")
    session = lesson.session()
    assert session.model.network.sizes == [2, 3, 1]
    np.testing.assert_array_equal(lesson.dataset.Y.ravel(), [0, 1, 1, 0])
    for _ in range(lesson.settings.epochs):
        session.trainer.epoch(*session.train_xy)
    X, Y = session.train_xy
    assert ((session.model.network.predict(X) >= 0.5) == (Y >= 0.5)).all()


def test_a_document_becomes_a_lesson_and_finds_its_data_again():
    lesson = lesson_named("1-worked-example")
    session = lesson.session()
    doc = Document(builtin_dataset("gate:xor"))
    doc.open_model(session.model, None, lesson.dataset, lesson.settings)
    assert doc.path is None and not doc.has_unsaved_work
    np.testing.assert_array_equal(doc.model.network.weights[0], W1)
    assert doc.settings.lr == 0.5 and doc.session.trainer.lr == 0.5
    again = load_source(doc.model.data_source)   # what a saved lesson network records
    np.testing.assert_array_equal(again.X, lesson.dataset.X)


@pytest.mark.parametrize("content, words", [
    ("no header", "must start with a +++"),
    ("+++\ntitle = 'x'\n", "no closing +++"),
    ("+++\ntitle = \n+++\n", "not TOML"),
    ("+++\n[data]\nbuiltin = 'gate:and'\n+++\n", "needs a title"),
    ("+++\ntitle = 'x'\n+++\n", "needs a [data] table"),
    ("+++\ntitle = 'x'\n[data]\nbuiltin = 'gate:nope'\n+++\n", "[data]"),
    ("+++\ntitle = 'x'\n[data]\nfeatures = ['a']\ntargets = ['y']\nrows = [[1, 2, 3]]\n+++\n", "1 inputs and 1"),
    ("+++\ntitle = 'x'\n[data]\nfeatures = ['a']\nclasses = ['p', 'q']\nrows = [[1, 'r']]\n+++\n", "classes"),
    ("+++\ntitle = 'x'\n[data]\nfeatures = ['a']\n+++\n", "'rows' is missing"),
    ("+++\ntitle = 'x'\n[data]\nbuiltin = 'gate:and'\n[settings]\nlr = -1\n+++\n", "[settings]: training setting 'lr'"),
    ("+++\ntitle = 'x'\n[data]\nbuiltin = 'gate:and'\n[weights]\nW = [[[1]]]\n+++\n", "'b' is missing"),
])
def test_a_bad_lesson_file_is_one_message_naming_it(content, words):
    with pytest.raises(LessonError) as err:
        load_lesson("mine", content)
    assert str(err.value).startswith("lesson mine") and words in str(err.value)


def test_weights_of_the_wrong_shape_are_refused_when_the_network_is_built():
    lesson = load_lesson("mine", "+++\ntitle = 'x'\n[data]\nbuiltin = 'gate:and'\n[settings]\nhidden = []\n"
                                 "[weights]\nW = [[[1.0, 2.0]]]\nb = [[0.0]]\n+++\n")
    with pytest.raises(LessonError, match="lesson mine"):
        lesson.session()
