"""The weights over a run, read from a timeline: each checked against ``weights_at`` at every kept epoch."""
from __future__ import annotations

import numpy as np
import pytest

from bpgui.core import builtin_dataset, weight_history
from bpgui.core.layer_history import LayerHistory, even_rows
from bpgui.core.session import Session
from bpgui.core.timeline import Timeline
from bpgui.core.training_settings import TrainingSettings
from bpgui.core.weight_history import (finite_extent, layer_block, layer_distribution, layer_norms,
                                       row_histograms, row_norms, value_range, weight_series)


def trained(epochs=40, timeline_mb=256.0, dtype="float32", **kw) -> Session:
    settings = TrainingSettings(hidden=[(6, "tanh"), (5, "relu")], lr=0.05, batch_size=16, epochs=epochs,
                                val_split=0.2, dtype=dtype, timeline_mb=timeline_mb, **kw)
    session = Session(builtin_dataset("toy:spiral", n_samples=120, seed=0), settings)
    list(session.run())
    return session


@pytest.fixture(scope="module")
def session() -> Session:
    return trained()


@pytest.fixture(scope="module")
def thinned() -> Session:
    """A timeline that thinned itself: its epochs are not every epoch, nor evenly spaced at the ends."""
    s = trained(epochs=300, timeline_mb=0.02)
    assert s.model.timeline.stride > 1
    return s


@pytest.mark.parametrize("which", ["session", "thinned"])
def test_a_weights_series_is_its_value_at_every_kept_epoch(which, request):
    timeline = request.getfixturevalue(which).model.timeline
    for layer, (fan_in, fan_out) in enumerate(zip(timeline.sizes[:-1], timeline.sizes[1:])):
        for i, j in {(0, 0), (fan_in - 1, fan_out - 1), (fan_in // 2, fan_out - 1), (1, 0)}:
            epochs, values = weight_series(timeline, layer, i, j)
            assert list(epochs) == timeline.epochs
            expected = [timeline.weights_at(e)[0][layer][i, j] for e in timeline.epochs]
            np.testing.assert_array_equal(values, expected)
            assert values.dtype == np.float32
    assert len(set(weight_series(timeline, 0, 1, 2)[1])) > 10   # the weight moved: the check compared something


def test_a_series_is_a_copy_and_a_weight_outside_the_layer_is_refused(session):
    timeline = session.model.timeline
    _, values = weight_series(timeline, 1, 0, 0)
    values[:] = 99
    assert timeline.weights_at(timeline.first_epoch)[0][1][0, 0] != 99
    with pytest.raises(IndexError):
        weight_series(timeline, 0, 2, 0)       # 2 inputs: rows 0 and 1
    with pytest.raises(IndexError):
        weight_series(timeline, 3, 0, 0)       # three layers of weights


@pytest.mark.parametrize("which", ["session", "thinned"])
def test_the_norms_are_each_kept_epochs_matrix_norm(which, request):
    timeline = request.getfixturevalue(which).model.timeline
    for layer in range(len(timeline.sizes) - 1):
        epochs, norms = layer_norms(timeline, layer)
        assert list(epochs) == timeline.epochs
        expected = [np.linalg.norm(timeline.weights_at(e)[0][layer].astype(np.float64)) for e in epochs]
        np.testing.assert_allclose(norms, expected, rtol=1e-12)
        assert norms.max() > norms.min() * 1.01


@pytest.mark.parametrize("sort_from", [0, 10**9], ids=["sorted", "by-bin"])
@pytest.mark.parametrize("which", ["session", "thinned"])
def test_the_distribution_counts_each_epochs_weights_in_one_range(which, sort_from, request, monkeypatch):
    monkeypatch.setattr(weight_history, "SORT_FROM", sort_from)
    timeline = request.getfixturevalue(which).model.timeline
    for layer in range(len(timeline.sizes) - 1):
        dist = layer_distribution(timeline, layer, bins=20)
        every = [timeline.weights_at(e)[0][layer] for e in timeline.epochs]
        assert list(dist.epochs) == timeline.epochs and dist.counts.shape == (len(every), 20)
        assert dist.edges[0] == min(W.min() for W in every) and dist.edges[-1] == max(W.max() for W in every)
        for W, row in zip(every, dist.counts):
            assert row.sum() == W.size
            np.testing.assert_array_equal(row, np.histogram(W.ravel(), bins=dist.edges)[0])
        assert (dist.counts[0] != dist.counts[-1]).any()


@pytest.mark.parametrize("sort_from", [0, 10**9], ids=["sorted", "by-bin"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_counting_matches_numpy_at_the_edges_and_leaves_out_what_is_outside(sort_from, dtype, monkeypatch):
    monkeypatch.setattr(weight_history, "SORT_FROM", sort_from)
    edges = np.linspace(-1.0, 1.0, 9)
    rng = np.random.default_rng(3)
    rows = rng.uniform(-1.3, 1.3, (5, 400)).astype(dtype)
    rows[0, :9] = edges                        # on every edge, the last one included in the last bin
    rows[1, :4] = [np.nan, np.inf, -np.inf, 2.0]
    rows[2, :200] = np.nextafter(dtype(edges[3]), dtype(-2))   # just below an edge
    rows[3, :200] = np.nextafter(dtype(edges[5]), dtype(2))    # and just above one
    rows[4, :100] = rng.choice(edges, 100)                      # many on the edges
    for row, counts in zip(rows, row_histograms(rows, edges)):
        np.testing.assert_array_equal(counts, np.histogram(row[np.isfinite(row)], bins=edges)[0])
    assert row_histograms(rows, edges)[0].sum() == (np.abs(rows[0]) <= 1).sum()
    assert (np.isin(rows[4], edges)).sum() >= 100


def test_a_timeline_with_no_checkpoint_gives_empty_series(session):
    empty = Timeline(session.model.timeline.sizes)
    epochs, values = weight_series(empty, 0, 0, 0)
    assert epochs.size == values.size == 0
    assert layer_distribution(empty, 1, bins=4).counts.shape == (0, 4)
    assert layer_block(empty, 2)[1].shape == (0, 5)


# ------------------------------------------------------------ the growing timeline
def check_against_fresh(history: LayerHistory, timeline, layer):
    dist, norms = history.update(timeline, layer)
    fresh = layer_distribution(timeline, layer, bins=history.bins, value_range_=(dist.edges[0], dist.edges[-1]))
    np.testing.assert_array_equal(dist.epochs, fresh.epochs)
    np.testing.assert_allclose(dist.edges, fresh.edges, rtol=0, atol=0)
    np.testing.assert_array_equal(dist.counts, fresh.counts)
    np.testing.assert_allclose(norms, layer_norms(timeline, layer)[1], rtol=1e-12)
    assert (dist.counts.sum(axis=1) == np.prod(timeline.weights_at(timeline.first_epoch)[0][layer].shape)).all()
    return dist


def test_a_growing_timeline_is_counted_only_where_it_grew():
    s = trained(epochs=30)
    history = LayerHistory(bins=16)
    check_against_fresh(history, s.model.timeline, 0)
    assert history.recounted == 31
    for _ in range(4):
        list(s.run(epochs=1))
        check_against_fresh(history, s.model.timeline, 0)
        assert history.recounted in (1, 32 + _)   # the new epoch, or all when it left the value range
    recounts = []
    for _ in range(10):
        list(s.run(epochs=1))
        check_against_fresh(history, s.model.timeline, 0)
        recounts.append(history.recounted)
    assert recounts.count(1) >= 7


def test_thinning_and_rewinding_keep_the_distribution_true():
    s = trained(epochs=60, timeline_mb=0.02)
    history = LayerHistory(bins=12)
    check_against_fresh(history, s.model.timeline, 1)
    stride = s.model.timeline.stride
    while s.model.timeline.stride == stride:    # until it thins again
        list(s.run(epochs=20))
    check_against_fresh(history, s.model.timeline, 1)
    assert history.recounted < len(s.model.timeline)
    epochs = s.model.timeline.epochs
    s.rewind(epochs[len(epochs) // 2])
    s.trainer.lr = 0.5                          # a different run under the same epoch numbers
    list(s.run(epochs=40))
    check_against_fresh(history, s.model.timeline, 1)
    assert history.recounted >= sum(e > epochs[len(epochs) // 2] for e in s.model.timeline.epochs)


def test_another_timeline_or_layer_is_counted_afresh(session):
    history = LayerHistory(bins=8)
    check_against_fresh(history, session.model.timeline, 0)
    check_against_fresh(history, session.model.timeline, 1)
    assert history.recounted == len(session.model.timeline)
    other = trained(epochs=40, seed=5).model.timeline
    check_against_fresh(history, other, 1)
    assert history.recounted == len(other)


def test_even_rows_are_the_multiples_of_a_power_of_two_that_fit():
    epochs = np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13])
    rows, step = even_rows(epochs, 14)
    assert step == 1 and list(rows) == list(range(13))
    rows, step = even_rows(epochs, 13)               # 0..13 has 14 multiples of 1, though 12 is not kept
    assert step == 2 and list(epochs[rows]) == [0, 2, 4, 6, 8, 10]
    assert even_rows(np.arange(100), 10, least_step=32)[1] == 32
    rows, step = even_rows(epochs, 5)
    assert step == 4 and list(epochs[rows]) == [0, 4, 8]
    rows, step = even_rows(np.arange(0, 4096, 4), 300)
    assert step == 16 and len(rows) == 256 and (np.diff(np.arange(0, 4096, 4)[rows]) == 16).all()
    assert list(even_rows(np.array([3, 5, 7]), 2)[0]) == [0]
    assert even_rows(np.empty(0, np.int64), 10)[0].size == 0


def test_the_history_of_chosen_rows_is_theirs(thinned):
    timeline = thinned.model.timeline
    rows, _ = even_rows(np.array(timeline.epochs), 6)
    dist, norms = LayerHistory(bins=10).update(timeline, 0, rows)
    chosen = [timeline.epochs[r] for r in rows]
    assert list(dist.epochs) == chosen and len(chosen) <= 6
    for e, counts, norm in zip(chosen, dist.counts, norms):
        W = timeline.weights_at(e)[0][0]
        np.testing.assert_array_equal(counts, np.histogram(W.ravel(), bins=dist.edges)[0])
        assert norm == pytest.approx(np.linalg.norm(W.astype(np.float64)), rel=1e-12)


def test_the_value_range_is_of_the_finite_values_of_the_rows_asked_for():
    block = np.array([[np.nan, 1.0, 0.5], [np.inf, -2.0, 0.0], [3.0, 3.0, 3.0]])
    assert finite_extent(block) == (-2.0, 3.0)
    assert finite_extent(block, np.array([0, 1])) == (-2.0, 1.0)
    assert finite_extent(np.full((2, 2), np.nan)) is None
    assert value_range(block, np.array([2])) == (2.5, 3.5)          # one value: widened as np.histogram does
    counts = row_histograms(block, np.linspace(-2, 3, 6), np.array([2, 0]))
    np.testing.assert_array_equal(counts, [[0, 0, 0, 0, 3], [0, 0, 1, 1, 0]])
    np.testing.assert_allclose(row_norms(block, np.array([2])), [np.sqrt(27)])
