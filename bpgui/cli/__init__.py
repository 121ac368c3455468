"""The `bpgui` command: the window with no arguments, headless work with a command.

    bpgui [FILE]                             the window (FILE: a .bpnet model or a .csv)

    bpgui train DATA --out MODEL [options]   train on a CSV or a built-in set
    bpgui predict MODEL DATA [--out FILE]    predictions as CSV
    bpgui evaluate MODEL DATA [--json]       loss and accuracy / R^2
    bpgui export MODEL --FORMAT OUT          ONNX, PyTorch, NumPy, C or JSON, self-checked
    bpgui info MODEL [--json]                what a model file holds
    bpgui demo                               train XOR in the terminal
    bpgui lr-find DATA [train options]       learning-rate range test and a suggested rate
    bpgui step MODEL DATA --row N [--batch K]   one training step with every number

Bad input exits with status 1 and one line on stderr naming the problem;
usage errors exit with 2 (argparse's convention).
"""
from __future__ import annotations

import argparse
import os
import sys
import warnings
from typing import Sequence

from bpgui.cli.errors import CLIError
from bpgui.cli.lr_find import cmd_lr_find
from bpgui.cli.export_command import cmd_export
from bpgui.cli.model_commands import cmd_evaluate, cmd_info, cmd_predict, model_info
from bpgui.cli.parser import COMMANDS, build_parser
from bpgui.cli.step import cmd_step
from bpgui.cli.train import cmd_train, load_data
from bpgui.core.dataset import DataError
from bpgui.core.exports import EXPORTS
from bpgui.core.modelfile import ModelFileError
from bpgui.core.training_settings import check_held_out

__all__ = ["main", "build_parser", "load_data", "model_info", "CLIError"]


def cmd_demo(args: argparse.Namespace) -> int:
    from bpgui.demo import run_demo

    run_demo(epochs=args.epochs, seed=args.seed)
    return 0


HANDLERS = {"train": cmd_train, "predict": cmd_predict, "evaluate": cmd_evaluate,
            "export": cmd_export, "info": cmd_info, "demo": cmd_demo, "lr-find": cmd_lr_find, "step": cmd_step}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        return _window(argv)  # no command: the window (a file argument opens it there)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if args.command == "export" and not any(getattr(args, key, None) for key in EXPORTS):
        parser.error(f"export: choose a format: {', '.join('--' + key for key in EXPORTS)}")
    if args.command in ("train", "lr-find"):
        try:
            check_held_out(args.val_split, args.test_split)
        except ValueError as exc:
            parser.error(f"--val-split and --test-split: {exc}")
        if args.early_stopping and args.val_split <= 0:
            parser.error("--early-stopping needs a validation split to watch: add --val-split, e.g. 0.2")
    warnings.simplefilter("ignore", RuntimeWarning)  # overflow on the way to a reported divergence
    try:
        return HANDLERS[args.command](args)
    except BrokenPipeError:  # `bpgui info m.bpnet | head -1`: the reader left, nothing to report
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
    except MemoryError:
        print(f"bpgui {args.command}: error: not enough memory for this data or network", file=sys.stderr)
        return 1
    except (CLIError, DataError, ModelFileError, ValueError, OSError, ImportError) as exc:
        message = str(exc) if not isinstance(exc, OSError) or not exc.filename else \
            f"{exc.filename}: {exc.strerror}"
        print(f"bpgui {args.command}: error: {message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _window(argv: list[str]) -> int:
    if argv and not os.path.exists(argv[0]):
        print(f"bpgui: '{argv[0]}' is neither a command ({', '.join(COMMANDS)}) nor a file",
              file=sys.stderr)
        return 2
    from bpgui.ui.display import display_problem
    if problem := display_problem():   # Qt would abort: say why and show the engine at work instead
        opened = f"{argv[0]} is not opened; " if argv else ""
        print(f"bpgui: {problem}; {opened}running the terminal demo instead. "
              "The commands work without a display: bpgui --help", file=sys.stderr)
        return HANDLERS["demo"](argparse.Namespace(epochs=2000, seed=0))
    try:
        from bpgui.ui.app import run
    except ImportError as exc:  # e.g. Qt's system libraries are missing
        print(f"bpgui: the window cannot start: {exc}; the commands still work (bpgui --help)",
              file=sys.stderr)
        return 1
    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
