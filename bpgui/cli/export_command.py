"""`bpgui export MODEL --FORMAT OUT`: write an export, its reference, and run its self-check.

Prints the files written and the self-check's line.  Bad input (a missing
model file, a destination that cannot take the export) is one line on stderr
and exit status 1, as for every command; a self-check that fails exits with 3.
"""
from __future__ import annotations

import argparse
import os

from bpgui.cli.errors import CLIError
from bpgui.cli.model_commands import data_for_model
from bpgui.core.exports import EXPORTS, export
from bpgui.core.modelfile import load_model

__all__ = ["cmd_export", "CHECK_FAILED"]

CHECK_FAILED = 3   # the export was written but does not reproduce the model's outputs


def _reference_data(model, args: argparse.Namespace):
    """The user's rows for the reference, read with the model's columns as `bpgui predict` reads them."""
    if not args.data:
        return None
    return data_for_model(model, args.data, None, False, args.encoding).X


def cmd_export(args: argparse.Namespace) -> int:
    key = next(k for k in EXPORTS if getattr(args, k, None) is not None)
    out = getattr(args, key)
    if not os.path.isfile(args.model):   # named as given (the model file's own message names its basename)
        raise CLIError(f"{args.model}: no such model file")
    model = load_model(args.model)   # its errors, and the export's, are one line through bpgui.cli.main
    result = export(key, model, out, _reference_data(model, args), source=args.model)
    for path in result.files:
        print(f"wrote {path}")
    print(result.check)
    return CHECK_FAILED if result.passed is False else 0
