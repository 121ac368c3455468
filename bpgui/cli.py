"""Command line entry point (`bpgui`)."""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bpgui",
        description="A desktop trainer for backpropagation networks. "
                    "With no arguments: train XOR and print what the network learned.",
    )
    parser.add_argument("--epochs", type=int, default=2000, help="epochs for the XOR demo (default 2000)")
    parser.add_argument("--seed", type=int, default=0, help="seed for the XOR demo (default 0)")
    args = parser.parse_args(argv)
    from .demo import run_demo

    run_demo(epochs=args.epochs, seed=args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
