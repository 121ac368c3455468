"""A network trained in bpgui, as PyTorch: predict with it, and go on training it.

bpgui wrote this file (``bpgui export MODEL --torch F.py``); the trained
weights lie beside it in a NumPy ``.npz`` file (named in ``SPEC["weights"]``,
read without pickle).  It needs torch and numpy, nothing of bpgui.

    model()            torch.nn.Module: raw inputs -> raw outputs, exactly what
                       bpgui's predict computes (normalisation included)
    network()          the torch.nn.Sequential in normalised units, its last
                       module the output activation (nn.Identity if linear)
    loss_fn()          bpgui's loss; it takes the last layer's pre-activation,
                       ``loss_fn()(network()[:-1](x), y)``, like torch's
                       BCEWithLogitsLoss and CrossEntropyLoss
    optimizer(params)  (torch.optim optimizer, LambdaLR schedule) with bpgui's
                       settings; call the schedule's step() after each epoch
    train(data, epochs)  goes on training as bpgui would: the same batches in
                       the same shuffled order, loss, penalties and updates
    read_csv(path)     raw inputs and targets of a CSV, columns found by name
    encode(X, Y)       raw data as the network sees it (tensors of its dtype)
    save_weights(net, path)  a trained network in the sidecar's layout

Command line::

    python F.py --check                       # reproduce F.py.reference.json
    python F.py train data.csv --epochs 5     # go on training; writes F-trained.npz

This file's own code is the same for every export; only ``SPEC`` differs.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import zipfile
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

SPEC: dict = {}  # replaced by the exporter: architecture, names and training settings

HERE = Path(__file__).resolve().parent
# What a missing, damaged or foreign weights or reference file raises: one line, not a traceback.
READ_ERRORS = (OSError, ValueError, KeyError, RuntimeError, zipfile.BadZipFile)
DTYPE = torch.float64 if SPEC.get("dtype") == "float64" else torch.float32


# ------------------------------------------------------------------ layers
class Softplus(nn.Module):
    """log(1 + e^z) for every z, as bpgui computes it (nn.Softplus turns linear past 20)."""

    def forward(self, z):
        return torch.logaddexp(z, torch.zeros_like(z))


ACTIVATIONS = {
    "sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "relu": nn.ReLU, "linear": nn.Identity,
    "leaky_relu": lambda: nn.LeakyReLU(0.01), "elu": lambda: nn.ELU(1.0), "softplus": Softplus,
    "softmax": lambda: nn.Softmax(dim=1), "gelu": lambda: nn.GELU(approximate="tanh"), "swish": nn.SiLU,
}


def load_arrays(weights=None) -> dict:
    """The sidecar's arrays (or another file in its layout, such as one ``train`` wrote)."""
    path = Path(weights) if weights is not None else HERE / SPEC["weights"]
    with np.load(path, allow_pickle=False) as archive:
        return {key: archive[key] for key in archive.files}


def network(weights=None) -> nn.Sequential:
    """The network in normalised units with the trained weights (bpgui's W is
    (fan_in, fan_out); nn.Linear keeps its transpose), in the network's dtype."""
    arrays = load_arrays(weights)
    sizes = SPEC["sizes"]
    modules = []
    for i, act in enumerate(SPEC["activations"]):
        linear = nn.Linear(sizes[i], sizes[i + 1], dtype=DTYPE)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(arrays[f"W{i}"].T.copy()))
            linear.bias.copy_(torch.from_numpy(arrays[f"b{i}"]))
        modules += [linear, ACTIVATIONS[act]()]
    return nn.Sequential(*modules)


class RawModel(nn.Module):
    """Raw inputs -> raw outputs: missing inputs filled, (x - shift) / scale in
    float64, the network in its dtype, then outputs * scale + shift in float64."""

    def __init__(self, net: nn.Sequential, arrays: dict) -> None:
        super().__init__()
        self.net = net
        for key in ("x_shift", "x_scale", "y_shift", "y_scale", "x_fill"):
            value = torch.from_numpy(arrays[key]) if key in arrays else None
            self.register_buffer(key, value)

    def forward(self, x):
        x = torch.as_tensor(x, dtype=torch.float64, device=self.x_shift.device)
        if x.dim() == 1:
            x = x.reshape(1, -1)
        if self.x_fill is not None:
            x = torch.where(torch.isnan(x), self.x_fill, x)
        x = (x - self.x_shift) / self.x_scale
        out = self.net(x.to(self.net[0].weight.dtype)).to(torch.float64)
        return out * self.y_scale + self.y_shift


def model(weights=None) -> RawModel:
    """Raw inputs -> raw outputs, as bpgui's ``Model.predict``; in eval mode."""
    return RawModel(network(weights), load_arrays(weights)).eval()


# ------------------------------------------------------------------ training
class Loss(nn.Module):
    """bpgui's loss of a batch from the last layer's pre-activation z, summed
    over outputs and averaged over rows: mse 1/2 sum (f(z) - y)^2, bce and ce
    from the logits (exact for saturated units, as bpgui computes them)."""

    def __init__(self, name: str, output_activation: str) -> None:
        super().__init__()
        self.name = name
        self.output = ACTIVATIONS[output_activation]()

    def forward(self, z, y):
        n = z.shape[0]
        if self.name == "bce":
            return F.binary_cross_entropy_with_logits(z, y, reduction="sum") / n
        if self.name == "ce":   # y: one probability row per sample
            return F.cross_entropy(z, y, reduction="sum") / n
        d = self.output(z) - y
        return 0.5 * (d * d).sum() / n


def loss_fn() -> Loss:
    return Loss(SPEC["loss"], SPEC["activations"][-1])


def learning_rate(base: float, epoch: int) -> float:
    """The rate of epoch ``epoch`` (0-based) under bpgui's schedule."""
    name, p = SPEC["schedule"], SPEC["schedule_params"]
    if name == "step":          # StepLR
        return base * p["gamma"] ** (epoch // p["step_size"])
    if name == "exponential":   # ExponentialLR
        return base * p["gamma"] ** epoch
    if name == "cosine":        # CosineAnnealingLR, held at eta_min after T_max
        e = min(epoch, p["T_max"])
        return p["eta_min"] + (base - p["eta_min"]) * (1.0 + math.cos(math.pi * e / p["T_max"])) / 2.0
    return base


OPTIMIZERS = {"sgd": torch.optim.SGD, "momentum": torch.optim.SGD, "nesterov": torch.optim.SGD,
              "adagrad": torch.optim.Adagrad, "adadelta": torch.optim.Adadelta,
              "rmsprop": torch.optim.RMSprop, "adam": torch.optim.Adam}


def optimizer(params, lr: float | None = None):
    """(optimizer, schedule): bpgui's optimizer and hyperparameters (the names are
    torch.optim's) and a LambdaLR giving each epoch bpgui's rate; ``lr`` replaces
    the base rate.  bpgui's l1/l2 act on weights only: ``train`` adds them."""
    base = SPEC["lr"] if lr is None else float(lr)
    hp = dict(SPEC["hyperparameters"])
    if "betas" in hp:
        hp["betas"] = tuple(hp["betas"])
    opt = OPTIMIZERS[SPEC["optimizer"]](params, lr=base, **hp)
    return opt, torch.optim.lr_scheduler.LambdaLR(opt, lambda epoch: learning_rate(base, epoch) / base)


def encode(X, Y=None):
    """Raw data as the network sees it (float64 arithmetic, then its dtype)."""
    a = load_arrays()
    X = np.asarray(X, dtype=np.float64).reshape(-1, SPEC["sizes"][0])
    if "x_fill" in a:
        X = np.where(np.isnan(X), a["x_fill"], X)
    _refuse_missing(X, "input", SPEC["feature_names"], "the model keeps no column means to fill them with")
    X = torch.from_numpy(((X - a["x_shift"]) / a["x_scale"]).astype(SPEC["dtype"]))
    if Y is None:
        return X, None
    Y = np.asarray(Y, dtype=np.float64).reshape(len(X), -1)
    _refuse_missing(Y, "target", SPEC["target_names"], "leave those rows out")
    return X, torch.from_numpy(((Y - a["y_shift"]) / a["y_scale"]).astype(SPEC["dtype"]))


def _refuse_missing(A: np.ndarray, what: str, names: list, advice: str) -> None:
    gaps = np.argwhere(np.isnan(A))
    if len(gaps):
        row, col = (int(k) for k in gaps[0])
        raise DataError(f"{what} {names[col]!r} is missing in data row {row + 1} ({len(gaps)} in all); {advice}")


def _penalise(weights, l1: float, l2: float) -> None:
    """bpgui's regularisation, on weights only: gradient + l2 W + l1 sign(W)."""
    for W in weights:
        if l2:
            W.grad.add_(W.detach(), alpha=l2)
        if l1:
            W.grad.add_(torch.sign(W.detach()), alpha=l1)


def _batches(n: int, batch_size: int | None, shuffle: bool, rng: np.random.Generator):
    """Row indices of each batch: bpgui draws one permutation per epoch, and none for a full batch."""
    bs = n if batch_size is None else min(batch_size, n)
    if bs == n:
        return [None]
    order = rng.permutation(n) if shuffle else np.arange(n)
    return [torch.from_numpy(order[s:s + bs]) for s in range(0, n, bs)]


def train(data, epochs: int, net: nn.Sequential | None = None, lr: float | None = None,
          batch_size="bpgui", seed: int | None = None, device="cpu", log=None):
    """Go on training for ``epochs`` epochs as bpgui does; (net, losses).

    ``data``: a CSV path or (X, Y) raw arrays (Y encoded as bpgui encodes
    targets: 0/1, one-hot or numbers).  ``net`` defaults to ``network()``;
    batch size, seed and shuffling default to bpgui's settings.  ``losses``
    holds each epoch's mean data loss, bpgui's history train_loss."""
    X, Y = encode(*(read_csv(data) if isinstance(data, (str, Path)) else data))
    net = (network() if net is None else net).to(device)
    X, Y = X.to(device), Y.to(device)
    bs = SPEC["batch_size"] if batch_size == "bpgui" else batch_size
    rng = np.random.default_rng(SPEC["seed"] if seed is None else seed)
    opt, schedule = optimizer(net.parameters(), lr)
    logits, loss_of = net[:-1], loss_fn()
    weights = [m.weight for m in net if isinstance(m, nn.Linear)]
    losses = []
    for epoch in range(epochs):
        total = 0.0
        for rows in _batches(len(X), bs, SPEC["shuffle"], rng):
            xb, yb = (X, Y) if rows is None else (X[rows.to(device)], Y[rows.to(device)])
            opt.zero_grad()
            loss = loss_of(logits(xb), yb)
            if not torch.isfinite(loss):
                raise FloatingPointError(f"training diverged at epoch {epoch + 1}: loss is {loss.item()}")
            loss.backward()
            _penalise(weights, SPEC["l1"], SPEC["l2"])
            opt.step()
            total += loss.item() * len(yb)
        schedule.step()
        losses.append(total / len(X))
        if log is not None:
            log(f"epoch {epoch + 1}: loss {losses[-1]:.6g}")
    return net, losses


def save_weights(net: nn.Sequential, path) -> None:
    """``net``'s weights in the sidecar's layout (``network(path)`` reads them back)."""
    arrays = {k: v for k, v in load_arrays().items() if not k.startswith(("W", "b"))}
    linears = [m for m in net if isinstance(m, nn.Linear)]
    for i, m in enumerate(linears):
        arrays[f"W{i}"] = m.weight.detach().cpu().numpy().T.copy()
        arrays[f"b{i}"] = m.bias.detach().cpu().numpy().copy()
    np.savez(path, **arrays)


# ------------------------------------------------------------------ CSV
class DataError(ValueError):
    """Bad input data; the message names the file, line and column."""


def _number(text: str, where: str) -> float:
    if text.strip() == "":
        return math.nan
    try:
        return float(text)
    except ValueError:
        raise DataError(f"{where}: {text!r} is not a number") from None


def _column(header: list[str], name: str, path) -> int:
    if name not in header:
        raise DataError(f"{path}: no column {name!r} (the columns are {', '.join(header)})")
    return header.index(name)


def _feature_readers(header: list[str], path) -> list:
    """Per feature, a function of a row: the number in its column, or for a
    one-hot feature ``col=value`` whether column ``col`` holds ``value``."""
    readers = []
    for name in SPEC["feature_names"]:
        col, _, value = name.rpartition("=")
        if name not in header and col in header:
            k = header.index(col)
            readers.append(lambda row, where, k=k, v=value: float(row[k].strip() == v))
        else:
            k = _column(header, name, path)
            readers.append(lambda row, where, k=k, n=name: _number(row[k], f"{where}, column {n!r}"))
    return readers


def _class_index(text: str, where: str) -> int:
    classes = SPEC["class_names"]
    text = text.strip()
    for i, name in enumerate(classes):
        if text == name or (_is_number(text) and _is_number(name) and float(text) == float(name)):
            return i
    raise DataError(f"{where}: {text!r} is none of the classes {', '.join(classes)}")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _target_reader(header: list[str], path):
    """A function of a row giving its target row as bpgui encodes it."""
    names, classes = SPEC["target_names"], SPEC["class_names"]
    if classes is None:   # numbers: one column per target
        ks = [_column(header, name, path) for name in names]
        return lambda row, where: [_number(row[k], f"{where}, column {n!r}") for k, n in zip(ks, names)]
    col = names[0].rpartition("=")[0] if len(names) > 1 else names[0]
    k = _column(header, col, path)
    if len(names) == 1:   # two classes: 1 means the second
        return lambda row, where: [float(_class_index(row[k], f"{where}, column {col!r}"))]
    eye = np.eye(len(classes))
    return lambda row, where: eye[_class_index(row[k], f"{where}, column {col!r}")]


def read_csv(path):
    """(X, Y) raw from a CSV file with a header line; columns are found by name
    (see the module doc of bpgui's export for what this reader leaves out)."""
    with open(path, newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    if not rows:
        raise DataError(f"{path}: the file is empty")
    header = [h.strip() for h in rows[0]]
    features, target = _feature_readers(header, path), _target_reader(header, path)
    X, Y = [], []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise DataError(f"{path} line {line}: {len(row)} fields, the header has {len(header)}")
        where = f"{path} line {line}"
        X.append([read(row, where) for read in features])
        Y.append(target(row, where))
    if not X:
        raise DataError(f"{path}: no rows of data")
    return np.asarray(X, dtype=np.float64), np.asarray(Y, dtype=np.float64)


# ------------------------------------------------------------------ command line
def check() -> int:
    """Run model() on the reference inputs; one line, 0 when they match."""
    ref_path = Path(__file__).resolve().with_name(Path(__file__).name + ".reference.json")
    try:
        ref = json.loads(ref_path.read_text(encoding="utf-8"))
        with torch.no_grad():
            got = model()(torch.tensor(ref["inputs"], dtype=torch.float64)).numpy()
    except READ_ERRORS as exc:
        print(f"check failed: {exc}")
        return 1
    expected = np.asarray(ref["outputs"], dtype=np.float64)
    bad = ~np.isclose(got, expected, rtol=ref["rtol"], atol=ref["atol"]) if got.shape == expected.shape else None
    if bad is not None and not bad.any():
        print(f"check passed: {len(expected)} rows match {ref_path.name} to rtol {ref['rtol']:g}")
        return 0
    if bad is None:
        print(f"check failed: outputs of shape {got.shape}, expected {expected.shape}")
        return 1
    i, j = (int(k) for k in np.argwhere(bad)[0])
    print(f"check failed: {int(bad.sum())} of {bad.size} outputs differ from {ref_path.name}; the first at "
          f"row {i + 1}, output {j + 1}: {got[i, j]!r}, expected {expected[i, j]!r}")
    return 1


def epoch_count(text: str) -> int:
    """--epochs: a whole number of at least 1 (none would save the weights unchanged)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"a whole number of epochs of at least 1, got {text!r}")
    return value


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="reproduce the reference outputs")
    sub = parser.add_subparsers(dest="command")
    t = sub.add_parser("train", help="go on training on a CSV file as bpgui would")
    t.add_argument("data")
    t.add_argument("--epochs", type=epoch_count, default=SPEC.get("epochs") or 100)
    t.add_argument("--lr", type=float, default=None)
    t.add_argument("--device", default="cpu", help="cpu, cuda, ...")
    t.add_argument("--out", default=None, help="weights file to write (default: F-trained.npz)")
    args = parser.parse_args(argv)
    if args.check:
        return check()
    if args.command != "train":
        parser.print_usage()
        return 2
    out = args.out or str(HERE / (Path(__file__).stem + "-trained.npz"))
    try:
        net, _ = train(args.data, args.epochs, lr=args.lr, device=args.device, log=print)
    except (*READ_ERRORS, FloatingPointError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    save_weights(net, out)
    print(f"saved {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
