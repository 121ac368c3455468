"""A layered, fully-connected network and its backpropagation.

Shapes, stated once: a batch is a matrix whose rows are samples; layer ``l``
computes ``z = a @ W + b`` with ``W`` of shape (fan_in, fan_out) and ``b`` of
shape (fan_out,), then ``a' = f(z)``.

Backpropagation (the four equations, in batch form)::

    delta_L = dLoss_sample/dz_L        # y_hat - y for the canonical pairs
    dW_l    = a_{l-1}.T @ delta_l / n   # parameter gradients: batch mean
    db_l    = sum_rows(delta_l) / n
    delta_{l-1} = f'_{l-1}(z_{l-1}) * (delta_l @ W_l.T)

Deltas are per sample; the division by the batch size n is
applied once, to the output delta, and flows through the linear backward pass.

All weights and biases live in one flat vector, layer after layer, each
layer as one block ``[W; b]`` of shape (fan_in + 1, fan_out): ``W`` is its
first rows and ``b`` its last row, and ``net.weights[l]`` / ``net.biases[l]``
are views into it.  The optimizer updates the whole network with a few
vectorised calls, and training multiplies an input augmented with a column
of ones by the block, so ``z = [a, 1] @ [W; b]`` and ``[dW; db] = [a, 1].T @
delta`` are one BLAS call each: no separate bias add or bias-gradient sum,
which on tiny networks cost as much as the products themselves.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np

from .activations import ACTIVATIONS, get_activation
from .initializers import get_initializer
from .losses import CANONICAL_PAIRS, check_output_layer, get_loss

__all__ = ["Network", "DTYPES", "DEFAULT_DTYPE", "parameter_count", "parameter_views"]

DTYPES = ("float32", "float64")
# Chosen by measurement (docs/benchmarks.md): float32 trains the 784-wide
# benchmark networks about twice as fast as float64 and tiny ones equally fast.
# Gradient checks ask for float64 explicitly.
DEFAULT_DTYPE = "float32"

# Input buffers of forward passes up to this many elements are reused between calls.
_KEEP_BUFFER_ELEMENTS = 4_000_000

# Refuse absurd sizes early, with a message, rather than exhaust memory.
MAX_PARAMETERS = 200_000_000


def parameter_count(sizes: Sequence[int]) -> int:
    """Weights and biases of a network with layer sizes ``sizes`` (inputs first):
    a block [W; b] of (fan_in + 1) x fan_out per layer.  Python ints: no overflow."""
    return sum((int(fan_in) + 1) * int(fan_out) for fan_in, fan_out in zip(sizes[:-1], sizes[1:]))


def parameter_views(flat: np.ndarray, sizes) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    """The layout of a flat parameter vector for layer sizes ``sizes``: per layer
    the block [W; b] (W is fan_in x fan_out, b its last row), then W and b as
    views of it."""
    blocks = []
    pos = 0
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        size = (fan_in + 1) * fan_out
        blocks.append(flat[pos:pos + size].reshape(fan_in + 1, fan_out))
        pos += size
    return blocks, [B[:-1] for B in blocks], [B[-1] for B in blocks]


class _ParamList(list):
    """A list of views into the flat parameter vector.

    ``net.weights[i] = array`` copies the values in (checking the shape), so
    the flat vector the optimizer sees stays the single source of truth.
    """

    def __init__(self, views: Iterable[np.ndarray], what: str) -> None:
        super().__init__(views)
        self._what = what

    def __setitem__(self, index, value) -> None:  # type: ignore[override]
        if isinstance(index, slice):
            raise TypeError(f"assign {self._what} one layer at a time")
        target = list.__getitem__(self, index)
        value = np.asarray(value, dtype=target.dtype)
        if value.shape != target.shape:
            raise ValueError(
                f"{self._what}[{index}] must have shape {target.shape}, got {value.shape}"
            )
        target[...] = value


class Network:
    """A fully-connected feed-forward network.

    >>> net = Network(n_inputs=2, layers=[(4, "tanh"), (1, "sigmoid")], loss="bce")
    >>> net.predict([[0, 1]]).shape
    (1, 1)
    """

    def __init__(
        self,
        n_inputs: int,
        layers: Sequence[tuple[int, str]],
        loss: str = "mse",
        init: str = "xavier",
        seed: int | None = 0,
        dtype: str = DEFAULT_DTYPE,
        rng: np.random.Generator | None = None,
    ) -> None:
        if isinstance(n_inputs, bool) or not isinstance(n_inputs, (int, np.integer)) or n_inputs < 1:
            raise ValueError(f"n_inputs must be a positive integer, got {n_inputs!r}")
        if not layers:
            raise ValueError("a network needs at least one layer (the output layer)")
        sizes = [int(n_inputs)]
        act_names = []
        for i, layer in enumerate(layers):
            try:
                units, act = layer
            except (TypeError, ValueError):
                raise ValueError(f"layer {i}: expected (units, activation), got {layer!r}") from None
            if isinstance(units, bool) or not isinstance(units, (int, np.integer)) or units < 1:
                raise ValueError(f"layer {i}: units must be a positive integer, got {units!r}")
            get_activation(act)
            sizes.append(int(units))
            act_names.append(act)
        check_output_layer(act_names[-1], sizes[-1], loss)
        if dtype not in DTYPES:
            raise ValueError(f"dtype must be one of {', '.join(DTYPES)}, got {dtype!r}")
        get_initializer(init)
        n_params = parameter_count(sizes)
        if n_params > MAX_PARAMETERS:
            raise ValueError(f"network has {n_params:,} parameters; the limit is {MAX_PARAMETERS:,}")

        self.sizes: list[int] = sizes
        self.activation_names: list[str] = act_names
        self.loss_name: str = loss
        self.init_name: str = init
        self.dtype = np.dtype(dtype)
        self._acts = [ACTIVATIONS[a] for a in act_names]
        self._loss = get_loss(loss)
        self._canonical = (act_names[-1], loss) in CANONICAL_PAIRS

        self._params = np.zeros(n_params, dtype=self.dtype)
        self._grads = np.zeros(n_params, dtype=self.dtype)
        self._Wb, self._W, self._b = self._views(self._params)
        self._gWb, self._gW, self._gb = self._views(self._grads)
        self._cache: tuple[list, list, list] | None = None
        self._buffers: dict[int, list[np.ndarray]] = {}
        self.init_weights(seed=seed, rng=rng)

    # ----------------------------------------------------------------- layout
    def _views(self, flat: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
        return parameter_views(flat, self.sizes)

    @property
    def weight_mask(self) -> np.ndarray:
        """Boolean mask over the flat vector: True at weights, False at biases."""
        mask = np.ones(self.n_params, dtype=bool)
        _, _, biases = self._views(mask)
        for b in biases:
            b[...] = False
        return mask

    def _augmented(self, n: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Per layer, an (n, fan_in + 1) input buffer whose last column is ones, and
        the view of its other columns; kept per batch size."""
        bufs = self._buffers.get(n)
        if bufs is None:
            full = [np.ones((n, fan_in + 1), dtype=self.dtype) for fan_in in self.sizes[:-1]]
            bufs = (full, [b[:, :-1] for b in full])
            # Keep buffers for batch-sized work only: a forward pass over a whole
            # large data set should not pin its memory afterwards.
            if n * sum(self.sizes[:-1]) <= _KEEP_BUFFER_ELEMENTS:
                if len(self._buffers) > 8:  # batch sizes come and go (last batch, validation)
                    self._buffers.clear()
                self._buffers[n] = bufs
        return bufs

    def init_weights(self, seed: int | None = 0, rng: np.random.Generator | None = None) -> None:
        """Draw new weights with the network's initialiser; biases to zero."""
        if rng is None:
            rng = np.random.default_rng(seed)
        init = get_initializer(self.init_name)
        for W in self._W:
            W[...] = init(W.shape[0], W.shape[1], rng)
        for b in self._b:
            b[...] = 0.0
        self._cache = None

    @property
    def n_inputs(self) -> int:
        return self.sizes[0]

    @property
    def n_outputs(self) -> int:
        return self.sizes[-1]

    @property
    def n_layers(self) -> int:
        return len(self.sizes) - 1

    @property
    def n_params(self) -> int:
        """Number of weights and biases (see `parameter_count`)."""
        return self._params.size

    @property
    def layers(self) -> list[tuple[int, str]]:
        return list(zip(self.sizes[1:], self.activation_names))

    @property
    def output_activation(self) -> str:
        return self.activation_names[-1]

    @property
    def weights(self) -> list[np.ndarray]:
        return _ParamList(self._W, "weights")

    @weights.setter
    def weights(self, values: Sequence[np.ndarray]) -> None:
        self._assign(self._W, values, "weights")

    @property
    def biases(self) -> list[np.ndarray]:
        return _ParamList(self._b, "biases")

    @biases.setter
    def biases(self, values: Sequence[np.ndarray]) -> None:
        self._assign(self._b, values, "biases")

    def _assign(self, targets: list[np.ndarray], values: Sequence[np.ndarray], what: str) -> None:
        values = list(values)
        if len(values) != len(targets):
            raise ValueError(f"expected {len(targets)} {what} arrays, got {len(values)}")
        arrays = [np.asarray(v, dtype=self.dtype) for v in values]
        for i, (t, v) in enumerate(zip(targets, arrays)):
            if v.shape != t.shape:
                raise ValueError(f"{what}[{i}] must have shape {t.shape}, got {v.shape}")
        for t, v in zip(targets, arrays):
            t[...] = v

    @property
    def parameters(self) -> np.ndarray:
        """The flat parameter vector (per layer a block [W; b]). Live, not a copy."""
        return self._params

    @property
    def gradient_vector(self) -> np.ndarray:
        """The flat gradient vector filled by the last backward pass. Live, not a copy."""
        return self._grads

    def copy(self) -> "Network":
        """An independent network with the same architecture and parameters."""
        other = Network.__new__(Network)
        other.__dict__.update(self.__dict__)
        other.sizes = list(self.sizes)
        other.activation_names = list(self.activation_names)
        other._params = self._params.copy()
        other._grads = np.zeros_like(self._grads)
        other._Wb, other._W, other._b = other._views(other._params)
        other._gWb, other._gW, other._gb = other._views(other._grads)
        other._cache = None
        other._buffers = {}
        return other

    def describe(self) -> dict:
        """The architecture as plain data (JSON-serialisable)."""
        return {
            "n_inputs": self.n_inputs,
            "layers": [[u, a] for u, a in self.layers],
            "loss": self.loss_name,
            "init": self.init_name,
            "dtype": self.dtype.name,
        }

    def __repr__(self) -> str:
        arch = "-".join(map(str, self.sizes))
        acts = ",".join(self.activation_names)
        return f"<Network {arch} ({acts}) loss={self.loss_name} {self.dtype.name}>"

    # ----------------------------------------------------------------- checks
    def _as_inputs(self, X) -> np.ndarray:
        X = np.asarray(X, dtype=self.dtype)
        if X.ndim == 1 and self.n_inputs == 1:
            X = X.reshape(-1, 1)
        elif X.ndim == 1 and X.shape[0] == self.n_inputs:
            X = X.reshape(1, -1)
        if X.ndim != 2 or X.shape[1] != self.n_inputs:
            raise ValueError(f"X must have shape (n, {self.n_inputs}), got {X.shape}")
        return X

    def _as_targets(self, Y, n: int) -> np.ndarray:
        Y = np.asarray(Y, dtype=self.dtype)
        if Y.ndim == 1 and self.n_outputs == 1:
            Y = Y.reshape(-1, 1)
        if Y.ndim != 2 or Y.shape != (n, self.n_outputs):
            raise ValueError(f"Y must have shape ({n}, {self.n_outputs}), got {Y.shape}")
        return Y

    def prepare(self, X, Y=None) -> tuple[np.ndarray, np.ndarray | None]:
        """X and Y as arrays of the network's dtype and shape (checked)."""
        X = self._as_inputs(X)
        return X, (None if Y is None else self._as_targets(Y, len(X)))

    # ---------------------------------------------------------------- forward
    def forward(self, X: np.ndarray) -> np.ndarray:
        """Forward pass on a prepared batch, keeping what backward needs.

        Each layer's input is written into a buffer with a trailing column of
        ones, so one product with the block [W; b] gives z.  The buffers are
        reused, so the cache is valid only until the next forward pass.
        """
        inputs, values = self._augmented(len(X))
        values[0][...] = X
        zs, outs = [], []
        Wbs, acts = self._Wb, self._acts
        for l in range(len(Wbs) - 1):
            z = np.dot(inputs[l], Wbs[l])  # np.dot: the BLAS call of @, with less overhead on tiny arrays
            zs.append(z)
            outs.append(acts[l].forward_into(z, values[l + 1]))
        z = np.dot(inputs[-1], Wbs[-1])
        a = acts[-1].forward(z)
        zs.append(z)
        outs.append(a)
        self._cache = (inputs, zs, outs)
        return a

    def predict(self, X) -> np.ndarray:
        """Outputs for the rows of X, shape (n, n_outputs)."""
        a = self._as_inputs(X)
        for W, b, act in zip(self._W, self._b, self._acts):
            z = np.dot(a, W)
            z += b
            a = act.forward(z)
        return a

    def layer_outputs(self, X) -> list[np.ndarray]:
        """Every layer's outputs (activations) for the rows of X, first hidden layer to output
        layer; the last equals ``predict(X)``.  For views of what each neuron computes."""
        z = np.dot(self._as_inputs(X), self._W[0])
        z += self._b[0]
        return self.layer_outputs_from(z)

    def layer_outputs_from(self, z: np.ndarray) -> list[np.ndarray]:
        """Every layer's outputs from the first layer's pre-activations ``z`` (rows @ W1 + b1),
        for rows whose product is cheaper found another way (a plane: ``core.plane_rows``)."""
        a = self._acts[0].forward(z)
        outs = [a]
        for W, b, act in zip(self._W[1:], self._b[1:], self._acts[1:]):
            z = np.dot(a, W)
            z += b
            a = act.forward(z)
            outs.append(a)
        return outs

    def loss(self, X, Y) -> float:
        """Mean data loss over the rows (no regularisation)."""
        X, Y = self.prepare(X, Y)
        self.forward(X)
        return self._loss_value(Y)

    def _loss_value(self, Y: np.ndarray) -> float:
        _, zs, outs = self._cache
        if self._canonical:
            return self._loss.value_from_logits(zs[-1], Y)
        return self._loss.value(outs[-1], Y)

    # --------------------------------------------------------------- backward
    def _output_delta(self, Y: np.ndarray) -> np.ndarray:
        _, zs, outs = self._cache
        y_hat = outs[-1]
        if self._canonical:
            return y_hat - Y
        return self._acts[-1].backward(zs[-1], y_hat, self._loss.per_sample_grad(y_hat, Y))

    def backward(self, Y: np.ndarray) -> np.ndarray:
        """Fill the gradient vector from the last forward pass; return it (live)."""
        inputs, zs, outs = self._cache
        # Scaling the output delta by 1/n scales every delta and gradient below
        # it (backprop is linear in delta): the batch mean for the price of a
        # (n, n_outputs) multiply instead of one over all parameters.
        delta = self._output_delta(Y)
        delta *= 1.0 / len(Y)
        gWbs, Ws, acts = self._gWb, self._W, self._acts
        for l in range(len(gWbs) - 1, 0, -1):
            np.dot(inputs[l].T, delta, out=gWbs[l])  # [dW; db] in one product
            delta = acts[l - 1].backward(zs[l - 1], outs[l - 1], np.dot(delta, Ws[l].T))
        np.dot(inputs[0].T, delta, out=gWbs[0])
        return self._grads

    def output_delta(self, X, Y) -> np.ndarray:
        """Per-sample output delta dLoss_i/dz_L (y_hat - y for the canonical pairs)."""
        X, Y = self.prepare(X, Y)
        self.forward(X)
        return self._output_delta(Y)

    def gradients(self, X, Y) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Gradients of ``loss(X, Y)`` with respect to weights and biases (copies)."""
        X, Y = self.prepare(X, Y)
        self.forward(X)
        self.backward(Y)
        return [g.copy() for g in self._gW], [g.copy() for g in self._gb]

    def layer_gradient_norms(self) -> list[float]:
        """L2 norm of each layer's (W, b) gradient from the last backward pass."""
        return [
            float(np.sqrt(np.vdot(gW, gW) + np.vdot(gb, gb)))
            for gW, gb in zip(self._gW, self._gb)
        ]
