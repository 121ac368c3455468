"""`bpgui export MODEL --FORMAT OUT`: write an export, its reference, and run its self-check.

Prints the files written and the self-check's line.  Bad input (a missing
model file, a destination that cannot take the export) is one line on stderr
and exit status 1, as for every command; a self-check that fails exits with 3.
"""
from __future__ import annotations

import argparse
import os
import sys

from bpgui.cli.errors import CLIError
from bpgui.cli.model_commands import data_for_model
from bpgui.core.dataset import DataError
from bpgui.core.exports import EXPORTS, ExportError, export
from bpgui.core.modelfile import ModelFileError, load_model

__all__ = ["cmd_export", "CHECK_FAILED"]

CHECK_FAILED = 3   # the export was written but does not reproduce the model's outputs


def _refuse(message: str) -> int:
    print(f"bpgui export: error: {message}", file=sys.stderr)
    return 1


def _reference_data(model, args: argparse.Namespace):
    """The user's rows for the reference, read with the model's columns as `bpgui predict` reads them."""
    if not args.data:
        return None
    return data_for_model(model, args.data, None, False, args.encoding).X


def cmd_export(args: argparse.Namespace) -> int:
    key = next(k for k in EXPORTS if getattr(args, k, None) is not None)
    out = getattr(args, key)
    if not os.path.isfile(args.model):
        return _refuse(f"{args.model}: no such model file")
    try:
        model = load_model(args.model)
    except ModelFileError as exc:
        return _refuse(str(exc))
    try:
        data = _reference_data(model, args)
        result = export(key, model, out, data, source=args.model)
    except (ExportError, CLIError, DataError) as exc:
        return _refuse(str(exc))
    for path in result.files:
        print(f"wrote {path}")
    print(result.check)
    return CHECK_FAILED if result.passed is False else 0
