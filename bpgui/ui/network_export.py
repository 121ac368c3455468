"""File > Export network: ask where, write the export, run its self-check, show the outcome.

A passed check goes to the status bar; a failed one, and any error, to a
message naming the path.  The formats are those of `bpgui.core.exports.EXPORTS`.
"""
from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from bpgui.core.exports import EXPORTS, ExportFormat, ExportResult, export

from .i18n import QT_TRANSLATE_NOOP, translate, translated

__all__ = ["ask_destination", "export_network", "format_label", "format_description"]

# The formats' names and descriptions as bpgui.core.exports spells them, marked here because the engine
# marks only what it shows itself; a format added later shows its English text until it is listed.
FORMAT_TEXTS = (QT_TRANSLATE_NOOP("network_export", "PyTorch module"),
                QT_TRANSLATE_NOOP("network_export", "NumPy module"),
                QT_TRANSLATE_NOOP("network_export", "C source"),
                QT_TRANSLATE_NOOP("network_export", "ONNX graph for onnxruntime and other runtimes"),
                QT_TRANSLATE_NOOP("network_export", "a PyTorch module with the weights beside it, ready to go on "
                                                    "training"),
                QT_TRANSLATE_NOOP("network_export", "a standalone Python module needing only NumPy"),
                QT_TRANSLATE_NOOP("network_export", "C99 header and source for microcontrollers, and check.c"),
                QT_TRANSLATE_NOOP("network_export", "architecture, normalisation and weights as JSON"))


def format_label(fmt: ExportFormat) -> str:
    return translate("network_export", fmt.label)


def format_description(fmt: ExportFormat) -> str:
    return translate("network_export", fmt.description)


def ask_destination(w, fmt: ExportFormat, folder: str) -> str:
    """A path from a save dialog (a folder dialog for a directory export); '' when cancelled."""
    if fmt.kind == "dir":
        return QFileDialog.getExistingDirectory(
            w,
            translate("network_export", "Export the network as {format} into a folder").format(
                format=format_label(fmt)
            ),
            folder,
        )
    path, _ = QFileDialog.getSaveFileName(
        w,
        translate("network_export", "Export the network as {format}").format(format=format_label(fmt)),
        folder,
        translate("network_export", "{format} (*{suffix});;All files (*)").format(
            format=format_label(fmt), suffix=fmt.suffix
        ),
    )
    if path and not os.path.splitext(path)[1]:   # the dialog leaves the extension to us
        path += fmt.suffix
    return path


def _reference_rows(doc):
    """The data the window holds, when it has the network's inputs: the reference rows come from it."""
    ds, model = doc.dataset, doc.model
    if ds is not None and list(ds.feature_names) == list(model.feature_names):
        return ds.X
    return None


def export_network(w, key: str, folder: str = "") -> ExportResult | None:
    """Export the window's network in format ``key``; the result, or None (cancelled or refused)."""
    fmt = EXPORTS[key]
    path = ask_destination(w, fmt, folder)
    if not path:
        return None
    doc = w.doc
    QApplication.setOverrideCursor(Qt.WaitCursor)
    try:
        result = export(key, doc.model, path, _reference_rows(doc), source=doc.path)
    except Exception as exc:   # a refused destination, the optional onnx package, a disk error...: all told
        text = translated(exc.args[0]) if path in str(exc) and len(exc.args) == 1 else f"{path}: {exc}"
        w.warn(translate("network_export", "Cannot export {format}").format(format=format_label(fmt)), text)
        return None
    finally:
        QApplication.restoreOverrideCursor()
    if result.passed is False:
        QMessageBox.warning(
            w,
            translate("network_export", "{format} export does not match").format(format=format_label(fmt)),
            translate("network_export", "Wrote {files}, but its self-check failed:\n{check}").format(
                files=", ".join(result.files), check=translated(result.check)
            ),
        )
    else:
        w.statusBar().showMessage(translate("network_export", "Exported {format} to {path}; {check}").format(
            format=format_label(fmt), path=path, check=translated(result.check)), 15000)
    return result
