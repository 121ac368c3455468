"""Engine speed: training steps per second, bpgui against PyTorch in the same run.

    python benchmarks/engine.py [--seconds 3] [--rounds 3] [--cases xor,mlp,wide]

Cases (issue #2):
  xor   2-4-1 tanh/sigmoid, bce, full batch of 4
  mlp   784-128-64-10 relu/relu/softmax, ce, batch 128
  wide  784-512-512-10 relu/relu/softmax, ce, batch 256

Both sides do the same work per step: forward, loss (read back as a Python
float, as a training loop that records its loss must), backward, plain SGD
update; mini-batches are drawn from a per-epoch shuffle of 2048 synthetic
samples.  bpgui runs ``Trainer.reports``, the loop behind the window and the
CLI (it also computes the epoch's accuracy, which the peer does not).  PyTorch runs on the CPU with as many threads as the machine has
cores, which is what NumPy's OpenBLAS uses by default.  Rounds alternate
between the contenders so that machine noise hits both; the best round of
each is reported.  The ratio is bpgui's steps/s over PyTorch float32's.

What recording the weights' timeline costs is measured by timeline_cost.py.
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from bpgui.core import Network, Trainer  # noqa: E402
from bpgui.core.network import DEFAULT_DTYPE  # noqa: E402

CASES = {
    "xor": dict(sizes=[2, 4, 1], acts=["tanh", "sigmoid"], loss="bce", batch=None, n=4),
    "mlp": dict(sizes=[784, 128, 64, 10], acts=["relu", "relu", "softmax"], loss="ce", batch=128, n=2048),
    "wide": dict(sizes=[784, 512, 512, 10], acts=["relu", "relu", "softmax"], loss="ce", batch=256, n=2048),
}


def make_data(case: dict) -> tuple[np.ndarray, np.ndarray]:
    if case["n"] == 4:
        X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
        return X, np.array([[0], [1], [1], [0]], dtype=np.float64)
    rng = np.random.default_rng(0)
    X = rng.random((case["n"], case["sizes"][0]))
    Y = np.eye(case["sizes"][-1])[rng.integers(0, case["sizes"][-1], case["n"])]
    return X, Y


def time_bpgui(case: dict, dtype: str, seconds: float) -> float:
    """bpgui's steps/s over ``seconds`` of wall time."""
    X, Y = make_data(case)
    net = Network(case["sizes"][0], list(zip(case["sizes"][1:], case["acts"])), loss=case["loss"],
                  init="he" if case["acts"][0] == "relu" else "xavier", seed=0, dtype=dtype)
    tr = Trainer(net, optimizer="sgd", lr=0.01, batch_size=case["batch"], shuffle=True, seed=0)
    # Trainer.reports is the loop the window's worker and the CLI run (the data is
    # checked and cast once, as the peer's tensors are made once).
    reports = tr.reports(X, Y)
    next(reports)  # warm up
    steps, start = 0, time.perf_counter()
    for report in reports:
        steps += report.stats.steps
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return steps / elapsed


def time_torch(case: dict, dtype: str, seconds: float) -> float:
    import torch

    X, Y = make_data(case)
    tdtype = getattr(torch, dtype)
    X = torch.tensor(X, dtype=tdtype)
    layers: list = []
    for fan_in, fan_out, act in zip(case["sizes"][:-1], case["sizes"][1:], case["acts"]):
        layers.append(torch.nn.Linear(fan_in, fan_out, dtype=tdtype))
        if act == "tanh":
            layers.append(torch.nn.Tanh())
        elif act == "relu":
            layers.append(torch.nn.ReLU())
        # sigmoid / softmax outputs are folded into the loss, as PyTorch users do
    model = torch.nn.Sequential(*layers)
    if case["loss"] == "bce":
        T = torch.tensor(Y, dtype=tdtype)
        loss_fn = torch.nn.BCEWithLogitsLoss()
    else:
        T = torch.tensor(Y.argmax(axis=1))
        loss_fn = torch.nn.CrossEntropyLoss()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    n = len(X)
    bs = n if case["batch"] is None else case["batch"]

    def epoch() -> int:
        order = torch.randperm(n) if bs < n else None
        count = 0
        for s in range(0, n, bs):
            if order is None:
                xb, tb = X, T
            else:
                idx = order[s:s + bs]
                xb, tb = X[idx], T[idx]
            opt.zero_grad()
            loss = loss_fn(model(xb), tb)
            loss.backward()
            opt.step()
            loss.item()
            count += 1
        return count

    epoch()
    steps, start = 0, time.perf_counter()
    while True:
        steps += epoch()
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return steps / elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=3.0, help="time per measurement (default 3)")
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds; best is kept (default 3)")
    ap.add_argument("--cases", default="xor,mlp,wide")
    args = ap.parse_args()
    try:
        import torch
        torch.set_num_threads(os.cpu_count() or 1)
        have_torch = True
    except ImportError:
        print("PyTorch is not installed: bpgui figures only (pip install torch==2.13.0 for the peer)")
        have_torch = False

    print(f"# {time.strftime('%Y-%m-%d')}  {platform.processor() or platform.machine()}  "
          f"{os.cpu_count()} cores  Python {platform.python_version()}  NumPy {np.__version__}"
          + (f"  torch {torch.__version__} ({torch.get_num_threads()} threads)" if have_torch else ""))
    print(f"# engine default dtype: {DEFAULT_DTYPE}")
    print(f"{'case':6} {'contender':16} {'steps/s':>10} {'vs torch f32':>13}")
    for name in args.cases.split(","):
        case = CASES[name]
        contenders = [("bpgui float64", lambda: time_bpgui(case, "float64", args.seconds)),
                      ("bpgui float32", lambda: time_bpgui(case, "float32", args.seconds))]
        if have_torch:
            contenders += [("torch float32", lambda: time_torch(case, "float32", args.seconds)),
                           ("torch float64", lambda: time_torch(case, "float64", args.seconds))]
        best = {label: 0.0 for label, _ in contenders}
        for _ in range(args.rounds):
            for label, fn in contenders:
                best[label] = max(best[label], fn())
        ref = best.get("torch float32")
        for label, _ in contenders:
            ratio = f"{best[label] / ref:12.2f}x" if ref else ""
            print(f"{name:6} {label:16} {best[label]:10.1f} {ratio:>13}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
