"""Long loss curves are drawn from a min/max envelope kept up to date incrementally."""
import numpy as np
import pytest

pytest.importorskip("pyqtgraph")

from bpgui.ui.views.curve_envelope import MinMaxEnvelope  # noqa: E402


def test_envelope_matches_brute_force_min_max_per_bucket():
    rng = np.random.default_rng(0)
    y = rng.normal(size=50_001)
    y[rng.integers(0, len(y), 500)] = np.nan
    y[12_345] = 99.0  # a spike must survive
    env = MinMaxEnvelope(cap=64)
    end = 0
    while end < len(y):  # fed in uneven chunks, as training delivers them
        end = min(len(y), end + int(rng.integers(1, 3000)))
        x, shown = env.curve(y[:end])
    w = env.width
    assert env.lo.n <= 64 and w > 1
    k = env.lo.n
    blocks = y[:k * w].reshape(k, w)
    np.testing.assert_array_equal(env.lo.view(), np.nanmin(blocks, axis=1))
    np.testing.assert_array_equal(env.hi.view(), np.nanmax(blocks, axis=1))
    assert np.nanmax(shown) == 99.0
    assert len(shown) == 2 * k + (len(y) - k * w) and len(x) == len(shown)
    np.testing.assert_array_equal(shown[2 * k:], y[k * w:])  # the raw tail
    assert x[0] == 1 and x[-1] == len(y)


def test_envelope_restarts_when_the_history_is_shorter():
    env = MinMaxEnvelope(cap=8)
    env.curve(np.arange(100.0))
    x, y = env.curve(np.arange(5.0))
    np.testing.assert_array_equal(y, np.arange(5.0))


def test_curve_of_a_thinned_history_is_drawn_against_epoch_numbers(qtbot):
    from bpgui.core.history import History
    from bpgui.ui.views.curve_plot import CurvePlot

    plot = CurvePlot("loss", "loss", log_toggle=True)
    qtbot.addWidget(plot)
    plot.set_keys("train_loss", "val_loss")
    h = History(max_rows=5000)
    rng = np.random.default_rng(1)
    for _ in range(100):   # 30,000 epochs in blocks, as training delivers them; thinned 3 times
        h.extend({"train_loss": rng.random(300) + 0.5})
        plot.refresh(h)
    assert h.stride == 8 and 2048 < len(h) <= 5000   # more rows than buckets: the envelope is in use
    assert plot._envelopes[plot.train].width > 1
    x, y = plot.train.xData, plot.train.yData
    assert x[-1] == 30_000 and x[0] == 8
    assert np.all(np.diff(x) >= 0)
    # What is drawn is the envelope of exactly the rows the history holds now: no value
    # of a row that thinning (or the next epoch) replaced.
    assert np.isin(y, h.train_loss).all()
    assert np.nanmax(y) == h.train_loss.max() and np.nanmin(y) == h.train_loss.min()
    assert plot.plot.viewRange()[0][1] >= 30_000
