"""The staging block: numbers packed per row, generator states only where they change."""
import math

import numpy as np

from bpgui.core.timeline_staging import Staging

A, B = tuple(range(6)), tuple(range(10, 16))


def _stage(staging: Staging, epoch: int, rng) -> None:
    staging.arrays[staging.n] = epoch
    staging.put((epoch, epoch + 1, 10 * epoch, 3 * epoch, 0.5 / (epoch + 1), math.nan if epoch % 2 else epoch / 4), rng)


def test_a_block_gives_back_each_rows_numbers_arrays_and_generator_state():
    staging = Staging(8, 3, np.float32, ("m",))
    for epoch, rng in enumerate([A, None, A, B, None]):   # None: the generator did not move (a recorder's row)
        _stage(staging, epoch, rng)
    block = staging.block()
    assert block.epoch.tolist() == [0, 1, 2, 3, 4]
    assert block.counts.tolist() == [[e + 1, 10 * e, 3 * e] for e in range(5)]
    assert block.lr.tolist() == [0.5 / (e + 1) for e in range(5)]
    assert np.isnan(block.val_loss[[1, 3]]).all() and block.val_loss[[0, 2, 4]].tolist() == [0, 0.5, 1]
    assert [tuple(int(w) for w in row) for row in block.rng] == [A, A, A, B, B]
    assert block.params[:, 0].tolist() == [0, 1, 2, 3, 4] and block.moments["m"][:, 2].tolist() == [0, 1, 2, 3, 4]
    assert staging.n == 0


def test_the_next_block_goes_on_with_the_generator_state_of_the_last_row():
    staging = Staging(4, 2, np.float64, ())
    _stage(staging, 0, A)
    _stage(staging, 1, B)
    staging.block()
    _stage(staging, 2, None)
    _stage(staging, 3, B)      # unchanged: no new entry
    _stage(staging, 4, A)
    assert [tuple(int(w) for w in row) for row in staging.block().rng] == [B, B, A]
