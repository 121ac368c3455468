"""The per-epoch record of a training run, in bounded memory.

``History`` keeps one NumPy column per figure (``train_loss``, ``val_loss``,
``train_accuracy``, ``val_r2``...) plus the epoch number of every row.  Every
epoch is kept until the history holds ``max_rows`` rows (2**20 = 1,048,576 by
default).  Past that it thins itself: it keeps only the epochs that are
multiples of a stride that doubles each time it fills up (every 2nd epoch,
then every 4th...), and always the latest epoch.  A window left training XOR
at ~20,000 epochs a second for an hour so uses at most ~40 MB for its
history, and a loss curve of a hundred million epochs is still a curve of
about a million points.

Epochs are numbered by the history itself, 1, 2, 3... from its first
record, whatever a trainer's own counter says, so that continued training
(a loaded model, a second job) goes on numbering where the history ended.

Appending is cheap per epoch: ``record``/``add`` buffer rows in a list and the
columns are built in blocks; every reader sees the buffered rows.
"""
from __future__ import annotations

import math
from typing import Iterable, Mapping

import numpy as np

__all__ = ["History", "MAX_ROWS"]

MAX_ROWS = 1 << 20
_FLUSH_AT = 4096          # buffered rows before they are written to the columns
_FIXED = ("train_loss", "val_loss")


class History:
    """Epoch-numbered NumPy columns, NaN where a figure is absent (see the module doc)."""

    def __init__(self, train_loss: Iterable[float] = (), val_loss: Iterable[float] | None = None,
                 metrics: Mapping[str, Iterable[float]] | None = None, epoch: Iterable[int] | None = None,
                 max_rows: int = MAX_ROWS) -> None:
        if isinstance(max_rows, bool) or not isinstance(max_rows, (int, np.integer)) or max_rows < 2:
            raise ValueError(f"max_rows must be an integer >= 2, got {max_rows!r}")
        self.max_rows = int(max_rows)
        self._generation = 0      # see the generation property
        self.clear()
        train = np.asarray(list(train_loss) if not isinstance(train_loss, np.ndarray) else train_loss,
                           dtype=np.float64)
        if train.ndim != 1:
            raise ValueError("train_loss must be one-dimensional")
        if not len(train):
            if (val_loss is not None and len(val_loss)) or any(len(v) for v in (metrics or {}).values()):
                raise ValueError("history columns have different lengths: train_loss is empty")
            return
        columns: dict[str, np.ndarray] = {"train_loss": train}
        if val_loss is not None:
            columns["val_loss"] = np.asarray(val_loss, dtype=np.float64)
        for name, values in (metrics or {}).items():
            if name in _FIXED or name == "epoch":
                raise ValueError(f"a metric may not be named {name!r}")
            columns[name] = np.asarray(values, dtype=np.float64)
        for name, values in columns.items():
            if values.shape != train.shape:
                raise ValueError(f"history column {name!r} has {values.shape[0] if values.ndim else 1} "
                                 f"values; train_loss has {len(train)}")
        epochs = None
        if epoch is not None:
            raw = np.asarray(epoch)
            if raw.shape != train.shape:
                raise ValueError(f"the epoch column has {raw.size} values; train_loss has {len(train)}")
            if raw.dtype.kind == "f" and not np.array_equal(raw, np.floor(raw)):
                raise ValueError("epoch numbers must be whole numbers")
            epochs = raw.astype(np.int64)
            if epochs[0] < 1 or (len(epochs) > 1 and np.any(np.diff(epochs) <= 0)):
                raise ValueError("epoch numbers must be positive and increasing")
        self._write(columns, epochs)
        # The stride a thinned history was kept at: the largest power of two that
        # divides every epoch but the last (which is always kept).
        inner = self._epoch[:self._n - 1]
        while len(inner) and self._stride < 2 ** 62 and not np.any(inner % (2 * self._stride)):
            self._stride *= 2

    # ------------------------------------------------------------ storage
    def clear(self) -> None:
        """Forget every epoch."""
        self._cols: dict[str, np.ndarray] = {name: np.empty(0) for name in _FIXED}
        self._epoch = np.empty(0, dtype=np.int64)
        self._n = 0
        self._pending: list[tuple] = []
        self._last_epoch = 0
        self._stride = 1
        self._generation += 1

    def _reserve(self, need: int) -> None:
        cap = len(self._epoch)
        if need <= cap:
            return
        new_cap = max(need, min(2 * cap, self.max_rows + _FLUSH_AT), 1024)
        grown = np.empty(new_cap, dtype=np.int64)
        grown[:self._n] = self._epoch[:self._n]
        self._epoch = grown
        for name, col in self._cols.items():
            g = np.empty(new_cap)
            g[:self._n] = col[:self._n]
            self._cols[name] = g

    def _write(self, columns: Mapping[str, np.ndarray], epochs: np.ndarray | None = None) -> None:
        """Append a block of rows (columns of equal length; missing ones are NaN)."""
        m = len(columns["train_loss"])
        if not m:
            return
        if epochs is None:
            epochs = np.arange(self._last_epoch + 1, self._last_epoch + m + 1, dtype=np.int64)
        if self._n and self._epoch[self._n - 1] % self._stride:
            self._n -= 1  # the previous latest epoch was kept only for being the latest
        if self._stride > 1:
            keep = epochs % self._stride == 0
            keep[-1] = True
            if not keep.all():
                epochs = epochs[keep]
                columns = {k: np.asarray(v)[keep] for k, v in columns.items()}
        k = len(epochs)
        start, end = self._n, self._n + k
        self._reserve(end)
        for name in columns:
            if name not in self._cols:
                col = np.empty(len(self._epoch))
                col[:start] = np.nan
                self._cols[name] = col
        for name, col in self._cols.items():
            values = columns.get(name)
            col[start:end] = np.nan if values is None else values
        self._epoch[start:end] = epochs
        self._n = end
        self._last_epoch = int(epochs[-1])
        while self._n > self.max_rows:
            self._thin()

    def _thin(self) -> None:
        stride = 2 * self._stride
        n = self._n
        keep = self._epoch[:n] % stride == 0
        keep[n - 1] = True
        idx = np.flatnonzero(keep)
        self._epoch[:len(idx)] = self._epoch[idx]
        for col in self._cols.values():
            col[:len(idx)] = col[idx]
        self._n = len(idx)
        self._stride = stride
        self._generation += 1

    def _flush(self, first_epoch: int | None = None) -> None:
        pending = self._pending
        if not pending:
            return
        self._pending = []
        nan = math.nan
        columns: dict[str, list[float]] = {"train_loss": [], "val_loss": []}
        for i, (loss, val, metrics) in enumerate(pending):
            columns["train_loss"].append(loss)
            columns["val_loss"].append(nan if val is None else val)
            for key, value in metrics.items():
                columns.setdefault(key, [nan] * i).append(value)
            for column in columns.values():
                if len(column) == i:
                    column.append(nan)
        epochs = None if first_epoch is None else np.arange(first_epoch, first_epoch + len(pending), dtype=np.int64)
        self._write({k: np.asarray(v, dtype=np.float64) for k, v in columns.items()}, epochs)

    # ------------------------------------------------------------- appending
    def add(self, train_loss: float, val_loss: float | None = None,
            metrics: Mapping[str, float] | None = None, epoch: int | None = None) -> None:
        """Append one epoch (``metrics`` by column name: ``train_accuracy``, ``val_r2``...).
        ``epoch``: its number, if not the next one (it must be later than the latest)."""
        if epoch is not None:
            self._flush()
            if int(epoch) <= self._last_epoch:
                raise ValueError(f"epoch {epoch} is not after the latest, {self._last_epoch}")
            self._pending.append((train_loss, val_loss, dict(metrics or {})))
            self._flush(first_epoch=int(epoch))
            return
        self._pending.append((train_loss, val_loss, dict(metrics or {})))
        if len(self._pending) >= _FLUSH_AT:
            self._flush()

    def record(self, snap, epoch: int | None = None) -> None:
        """Append one ``Snapshot`` (as epoch ``epoch``, if not the next one)."""
        metrics = {f"train_{k}": v for k, v in snap.train_metrics.items()}
        metrics.update({f"val_{k}": v for k, v in (snap.val_metrics or {}).items()})
        self.add(snap.train_loss, snap.val_loss, metrics, epoch)

    def extend(self, rows: Mapping[str, Iterable[float]]) -> None:
        """Append a block of epochs given as columns (``train_loss``, ``val_loss``,
        ``train_accuracy``...; an ``epoch`` column is ignored: the history numbers
        its epochs itself)."""
        self._flush()
        columns = {k: np.asarray(v, dtype=np.float64) for k, v in rows.items() if k != "epoch"}
        train = columns.get("train_loss")
        if train is None or not len(train):
            return
        for name, values in columns.items():
            if values.shape != train.shape:
                raise ValueError(f"history column {name!r} has {len(values)} values; train_loss has {len(train)}")
        self._write(columns)

    def truncate(self, epochs: int) -> None:
        """Keep the rows of the epochs up to ``epochs``.  In a thinned history
        that epoch's own row may be gone: the history then ends at the latest
        row it keeps (``epochs`` is that row's epoch)."""
        self._flush()
        n = int(np.searchsorted(self._epoch[:self._n], epochs, side="right"))
        if n < self._n:
            self._n = n
            self._generation += 1
        self._last_epoch = int(self._epoch[n - 1]) if n else 0

    # --------------------------------------------------------------- reading
    def __len__(self) -> int:
        """Rows held (equal to ``epochs`` until the history thins itself)."""
        self._flush()
        return self._n

    @property
    def epochs(self) -> int:
        """Epochs recorded (the number of the latest one)."""
        return self._last_epoch + len(self._pending)

    def _view(self, array: np.ndarray) -> np.ndarray:
        view = array[:self._n]
        view.flags.writeable = False
        return view

    @property
    def epoch(self) -> np.ndarray:
        """The epoch number of each row (1, 2, 3... until thinned)."""
        self._flush()
        return self._view(self._epoch)

    @property
    def train_loss(self) -> np.ndarray:
        return self.column("train_loss")

    @property
    def val_loss(self) -> np.ndarray:
        return self.column("val_loss")

    @property
    def metrics(self) -> dict[str, np.ndarray]:
        """Every column but the losses, by name."""
        self._flush()
        return {k: self._view(v) for k, v in sorted(self._cols.items()) if k not in _FIXED}

    def keys(self) -> list[str]:
        self._flush()
        return list(_FIXED) + sorted(k for k in self._cols if k not in _FIXED)

    def column(self, key: str) -> np.ndarray | None:
        """A read-only view of a column (None if no epoch has it); valid until the next append."""
        self._flush()
        col = self._cols.get(key)
        return None if col is None else self._view(col)

    def last(self, key: str) -> float | None:
        """The latest epoch's value of a column, None if absent or NaN."""
        self._flush()
        col = self._cols.get(key)
        if col is None or not self._n:
            return None
        v = float(col[self._n - 1])
        return None if math.isnan(v) else v

    @property
    def stride(self) -> int:
        """1 until the history thins itself; then rows are kept for the epochs that are multiples of it."""
        self._flush()
        return self._stride

    @property
    def generation(self) -> int:
        """Changes whenever rows are removed or rewritten (thinning, truncate,
        clear): a reader that looks only at new rows must start over then."""
        self._flush()
        return self._generation

    @property
    def is_thinned(self) -> bool:
        """True when rows are not simply epochs 1..n."""
        self._flush()
        return self._n != self._last_epoch

    def to_dict(self) -> dict[str, list[float]]:
        """Plain lists: ``epoch`` first, then every column."""
        self._flush()
        out: dict[str, list] = {"epoch": self._epoch[:self._n].tolist()}
        for key in self.keys():
            out[key] = self._cols[key][:self._n].tolist()
        return out

    def __repr__(self) -> str:
        return f"History({self.epochs} epochs in {len(self)} rows, columns {self.keys()})"
