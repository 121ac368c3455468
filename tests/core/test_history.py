"""The training history: NumPy columns, every epoch up to a bound, then thinned."""
import math
import tracemalloc

import numpy as np
import pytest

from bpgui.core.history import MAX_ROWS, History
from bpgui.core.training import Snapshot


def snap(loss, val=None, acc=None, val_acc=None):
    return Snapshot(epoch=0, train_loss=loss, val_loss=val,
                    train_metrics={} if acc is None else {"accuracy": acc},
                    val_metrics=None if val_acc is None else {"accuracy": val_acc},
                    lr=0.1, weights=(), biases=(), grad_norms=(), steps=0)


def test_record_and_read_back_columns_with_nan_where_absent():
    h = History()
    h.record(snap(1.0))
    h.record(snap(0.5, val=0.7, acc=0.25, val_acc=0.5))
    h.record(snap(0.25, acc=0.75))
    assert len(h) == 3 and h.epochs == 3
    np.testing.assert_array_equal(h.epoch, [1, 2, 3])
    np.testing.assert_array_equal(h.train_loss, [1.0, 0.5, 0.25])
    np.testing.assert_array_equal(h.val_loss, [np.nan, 0.7, np.nan])
    np.testing.assert_array_equal(h.metrics["train_accuracy"], [np.nan, 0.25, 0.75])
    np.testing.assert_array_equal(h.metrics["val_accuracy"], [np.nan, 0.5, np.nan])
    assert h.keys() == ["train_loss", "val_loss", "train_accuracy", "val_accuracy"]
    assert h.last("train_loss") == 0.25 and h.last("val_loss") is None and h.last("nope") is None
    assert not h.is_thinned


def test_extend_numbers_epochs_itself_and_pads_missing_columns():
    h = History()
    h.extend({"epoch": [7, 8], "train_loss": [3.0, 2.0]})   # a trainer's own count is ignored
    h.extend({"epoch": [1], "train_loss": [1.0], "val_loss": [1.5], "train_r2": [0.5]})
    np.testing.assert_array_equal(h.epoch, [1, 2, 3])
    np.testing.assert_array_equal(h.val_loss, [np.nan, np.nan, 1.5])
    np.testing.assert_array_equal(h.metrics["train_r2"], [np.nan, np.nan, 0.5])
    d = h.to_dict()
    assert list(d) == ["epoch", "train_loss", "val_loss", "train_r2"]
    assert d["train_loss"] == [3.0, 2.0, 1.0] and d["epoch"] == [1, 2, 3]
    assert math.isnan(d["val_loss"][0]) and d["val_loss"][2] == 1.5
    with pytest.raises(ValueError, match="'val_loss' has 1 values; train_loss has 2"):
        h.extend({"train_loss": [1, 2], "val_loss": [1]})


def test_columns_are_read_only_views():
    h = History(train_loss=[1.0, 2.0])
    with pytest.raises(ValueError):
        h.train_loss[0] = 5.0


def test_every_epoch_is_kept_up_to_the_bound():
    h = History(max_rows=1000)
    h.extend({"train_loss": np.arange(1000.0)})
    assert len(h) == 1000 and h.stride == 1 and not h.is_thinned
    np.testing.assert_array_equal(h.epoch, np.arange(1, 1001))


def test_past_the_bound_the_history_keeps_multiples_of_a_doubling_stride_and_the_latest_epoch():
    h = History(max_rows=1000)
    h.extend({"train_loss": np.arange(1.0, 1002.0)})    # epochs 1..1001: one too many
    assert h.stride == 2 and h.is_thinned
    np.testing.assert_array_equal(h.epoch, list(range(2, 1001, 2)) + [1001])
    np.testing.assert_array_equal(h.train_loss, h.epoch.astype(float))  # values stay with their epochs
    h.add(1002.0)   # the provisional latest epoch 1001 makes way
    np.testing.assert_array_equal(h.epoch[-3:], [998, 1000, 1002])
    h.add(1003.0)
    np.testing.assert_array_equal(h.epoch[-3:], [1000, 1002, 1003])
    assert h.last("train_loss") == 1003.0 and h.epochs == 1003


def test_a_very_long_run_stays_within_the_bound_one_epoch_at_a_time():
    h = History(max_rows=256)
    for e in range(1, 100_001):
        h.add(float(e), None, {"train_accuracy": e % 2})
    assert len(h) <= 256 and h.epochs == 100_000 and h.epoch[-1] == 100_000
    e = h.epoch
    assert np.all(np.diff(e) > 0)
    assert np.all(e[:-1] % h.stride == 0)
    np.testing.assert_array_equal(h.train_loss, e.astype(float))
    # evenly spread over the whole run, from its start
    assert e[0] == h.stride and h.stride in (256, 512)


def test_memory_is_bounded_in_a_long_run():
    h = History(max_rows=10_000)
    block = {"train_loss": np.ones(600), "val_loss": np.ones(600), "train_accuracy": np.ones(600)}
    for _ in range(20):
        h.extend(block)
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for _ in range(2000):   # 1.2 M more epochs
        h.extend(block)
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert h.epochs == 1_212_000 and len(h) <= 10_000
    assert grown < 1_000_000, f"{grown:,} bytes kept"


def test_truncate_keeps_earlier_epochs_only():
    h = History()
    h.extend({"train_loss": [5.0, 4.0, 3.0, 2.0]})
    h.truncate(2)
    np.testing.assert_array_equal(h.train_loss, [5.0, 4.0])
    assert h.epochs == 2
    h.add(1.0)
    np.testing.assert_array_equal(h.epoch, [1, 2, 3])


def test_generation_changes_when_rows_are_rewritten():
    h = History(max_rows=4)
    g = h.generation
    h.extend({"train_loss": [1.0, 2.0, 3.0]})
    assert h.generation == g
    h.extend({"train_loss": [4.0, 5.0]})
    assert h.generation != g
    g = h.generation
    h.truncate(1)
    assert h.generation != g


def test_constructor_validates_columns_and_epoch_numbers():
    with pytest.raises(ValueError, match="'val_loss' has 1 values; train_loss has 2"):
        History(train_loss=[1, 2], val_loss=[1])
    with pytest.raises(ValueError, match="increasing"):
        History(train_loss=[1, 2], epoch=[2, 2])
    with pytest.raises(ValueError, match="positive"):
        History(train_loss=[1, 2], epoch=[0, 1])
    with pytest.raises(ValueError, match="whole"):
        History(train_loss=[1, 2], epoch=[1.5, 3])
    with pytest.raises(ValueError, match="may not be named"):
        History(train_loss=[1], metrics={"epoch": [1]})
    with pytest.raises(ValueError, match="max_rows"):
        History(max_rows=1)


def test_a_loaded_thinned_history_goes_on_at_its_stride():
    h = History(train_loss=[4.0, 8.0, 12.0, 13.0], epoch=[4, 8, 12, 13], max_rows=10)
    assert h.stride == 4 and h.epochs == 13
    for e in range(14, 21):
        h.add(float(e))
    np.testing.assert_array_equal(h.epoch, [4, 8, 12, 16, 20])


def test_default_bound_is_a_million_rows():
    assert MAX_ROWS == 2 ** 20


def test_truncate_in_a_thinned_history_ends_at_the_latest_kept_row_and_the_cut_epoch_can_be_put_back():
    h = History(max_rows=10)
    for e in range(1, 101):
        h.add(float(e))
    assert h.stride == 16
    h.truncate(90)                       # epoch 90's row was thinned away
    assert h.epochs == 80 and h.epoch[-1] == 80 and h.last("train_loss") == 80.0
    h.add(90.0, epoch=90)                # what the CLI does with the best epoch it keeps
    assert h.epochs == 90 and h.last("train_loss") == 90.0
    with pytest.raises(ValueError, match="not after"):
        h.add(1.0, epoch=90)


def test_record_with_an_epoch_number():
    h = History()
    h.record(snap(1.0))
    h.record(snap(0.5, val=0.25, acc=1.0), epoch=7)
    np.testing.assert_array_equal(h.epoch, [1, 7])
    assert h.is_thinned and h.last("val_loss") == 0.25 and h.last("train_accuracy") == 1.0


def test_generation_sees_rows_still_buffered():
    h = History(max_rows=4)
    g = h.generation
    for e in range(5):
        h.add(float(e))                  # buffered: the thinning happens when someone looks
    assert h.generation != g and len(h) <= 4
