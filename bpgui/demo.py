"""A one-minute demonstration: train XOR with the engine and show what it learned."""
from __future__ import annotations

import time

import numpy as np

from .core import Network, Trainer

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([[0], [1], [1], [0]], dtype=float)


def run_demo(epochs: int = 2000, seed: int = 0, out=print) -> Network:
    """Train a 2-4-1 network (tanh, sigmoid, bce, adam) on XOR and print it."""
    net = Network(2, [(4, "tanh"), (1, "sigmoid")], loss="bce", seed=seed)
    trainer = Trainer(net, optimizer="adam", lr=0.05, seed=seed)
    out(f"Training {net} on XOR with adam (lr 0.05), {epochs} epochs")
    start = time.perf_counter()
    for epoch in range(1, epochs + 1):
        stats = trainer.epoch(XOR_X, XOR_Y)
        if epoch in (1, 10, 100, 500) or epoch == epochs:
            out(f"  epoch {epoch:5d}  loss {stats.loss:.6f}  accuracy {stats.metrics['accuracy']:.0%}")
    elapsed = time.perf_counter() - start
    out(f"Done in {elapsed:.2f} s ({epochs / elapsed:,.0f} epochs/s). What it learned:")
    for x, y, p in zip(XOR_X, XOR_Y, net.predict(XOR_X)):
        out(f"  {int(x[0])} xor {int(x[1])} = {int(y[0])}   network says {p[0]:.4f} -> {int(p[0] >= 0.5)}")
    return net
