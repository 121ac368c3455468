"""The staging block: exact rows' numbers packed, paced rows' worked out, generator
states only where they change."""
import math

import numpy as np
import pytest

from bpgui.core.timeline_staging import NOT_MEASURED, VALUE, Staging

A, B = tuple(range(6)), tuple(range(10, 16))


def _arrays(staging: Staging, value: float) -> tuple:
    return tuple(np.full(staging.n_params, value, staging.dtype) for _ in range(1 + len(staging.names)))


def _exact(staging: Staging, epoch: int, rng, val=None) -> None:
    staging.put(_arrays(staging, epoch), (epoch, epoch + 1, 10 * epoch, 3 * epoch, 0.5 / (epoch + 1)), rng, val)


def _armed(rows: int, pace: tuple) -> Staging:
    """A staging with an exact row of epoch 0 and the rows after it paced by ``pace``."""
    staging = Staging(rows, 1, np.float32, ())
    _exact(staging, 0, A)
    staging.pace(pace)
    staging.expect_after(0)
    return staging


def _paced(staging: Staging, epoch: int, val=None) -> None:
    """What a recorder's fast path stages: the arrays and the value, nothing else."""
    assert epoch <= staging.room[0]
    staging.writelines((*_arrays(staging, epoch), NOT_MEASURED if val is None else VALUE.pack(val)))


def test_a_block_gives_back_each_exact_rows_numbers_arrays_values_and_generator_state():
    staging = Staging(8, 3, np.float32, ("m",))
    for epoch, rng in enumerate([A, None, A, B, None]):   # None: the generator did not move
        _exact(staging, epoch, rng, None if epoch % 2 else epoch / 4)
    assert staging.n == 5
    block = staging.block()
    assert block.epoch.tolist() == [0, 1, 2, 3, 4]
    assert block.counts.tolist() == [[e + 1, 10 * e, 3 * e] for e in range(5)]
    assert block.lr.tolist() == [0.5 / (e + 1) for e in range(5)]
    assert np.isnan(block.val_loss[[1, 3]]).all() and block.val_loss[[0, 2, 4]].tolist() == [0, 0.5, 1]
    assert [tuple(int(w) for w in row) for row in block.rng] == [A, A, A, B, B]
    assert block.params[:, 0].tolist() == [0, 1, 2, 3, 4] and block.moments["m"][:, 2].tolist() == [0, 1, 2, 3, 4]
    assert staging.n == 0


def test_paced_rows_take_the_exact_rows_numbers_plus_the_pace_and_keep_its_learning_rate():
    staging = Staging(8, 2, np.float64, ())
    _exact(staging, 4, A, 0.25)
    staging.pace((1, 1, 7, 7))
    staging.expect_after(4)
    assert staging.room == [4 + 7]   # the room left: 7 rows
    for epoch in (5, 6, 7):
        _paced(staging, epoch, 0.1 * epoch if epoch == 6 else None)
    assert staging.n == 4 and staging.paced_rows() == 3
    block = staging.block()
    assert block.epoch.tolist() == [4, 5, 6, 7]
    assert block.counts.tolist() == [[5, 40, 12], [6, 47, 19], [7, 54, 26], [8, 61, 33]]
    assert block.lr.tolist() == [0.1] * 4
    assert block.params[:, 0].tolist() == [4, 5, 6, 7]
    assert np.isnan(block.val_loss[[1, 3]]).all() and block.val_loss[[0, 2]].tolist() == [0.25, 0.6000000000000001]
    assert [tuple(int(w) for w in row) for row in block.rng] == [A] * 4


def test_a_full_block_takes_no_more_paced_rows_and_the_next_starts_exact():
    staging = _armed(3, (1, 1, 2, 2))
    _paced(staging, 1)
    _paced(staging, 2)
    assert staging.room == [2]   # full: the recorder's next row (epoch 3) goes through record()
    assert staging.block().counts.tolist() == [[1, 0, 0], [2, 2, 2], [3, 4, 4]]
    assert staging.room == []
    staging.writelines((*_arrays(staging, 3), NOT_MEASURED))   # a paced row no recorder may stage now
    with pytest.raises(RuntimeError, match="starts with a paced row"):
        staging.block()


def test_staging_an_exact_row_ends_the_paced_ones():
    staging = _armed(8, (1, 1, 1, 1))
    _paced(staging, 1)
    room = staging.room      # as the recorder holds it
    _exact(staging, 5, B)    # another writer's row: no pace after it
    assert room == [] and staging.paced_rows() == 0
    staging.writelines((*_arrays(staging, 6), NOT_MEASURED))   # a row no recorder may stage now
    with pytest.raises(RuntimeError, match="follow a row with no pace"):
        staging.block()


def test_the_next_block_goes_on_with_the_generator_state_of_the_last_row():
    staging = Staging(4, 2, np.float64, ())
    _exact(staging, 0, A)
    _exact(staging, 1, B)
    staging.block()
    _exact(staging, 2, None)
    _exact(staging, 3, B)      # unchanged: no new entry
    _exact(staging, 4, A)
    assert [tuple(int(w) for w in row) for row in staging.block().rng] == [B, B, A]


def test_a_value_is_a_float64_after_the_arrays_and_nan_where_not_measured():
    assert len(NOT_MEASURED) == 8 and math.isnan(VALUE.unpack(NOT_MEASURED)[0])
    staging = Staging(2, 5, np.float32, ("a", "b"))
    assert staging.row_bytes == 3 * 5 * 4 + 8
