"""Export a run as an animation: the chosen views at evenly spaced checkpoints, a frame each.

The window is moved to each epoch through its timeline (``show_epoch``), the views are
grabbed side by side under a caption, and the frames go to ``frame_writer``.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QWidget

from .frame_writer import evenly_spaced, write_gif, write_png_sequence
from .i18n import translate
from .run_export_dialog import ExportChoice, RunExportDialog

__all__ = ["compose", "export_run", "frame_views"]

CAPTION_PX = 26
MAX_ROW_PX = 1600    # wider than this, the views go two to a row


def frame_views(w) -> dict[str, QWidget]:
    """The views a frame can hold, by the names the dialog shows: the network, the view tab in sight, plots."""
    tab = w.views.currentIndex()
    views = {translate("run_export", "Network"): w.editor}
    if tab >= 0:
        views[w.views.tabText(tab)] = w.views.widget(tab)
    views.update(
        {
            translate("run_export", "Loss curve"): w.loss_plot,
            translate("run_export", "Metric curve"): w.metric_plot,
            translate("run_export", "Weights heatmap"): w.heatmap,
        }
    )
    return views


def compose(widgets: list[QWidget], caption: str) -> QImage:
    """The widgets' current looks side by side (two to a row when wide) under a caption line."""
    shots = [widget.grab().toImage() for widget in widgets]
    per_row = len(shots) if sum(s.width() for s in shots) <= MAX_ROW_PX else 2
    rows = [shots[k:k + per_row] for k in range(0, len(shots), per_row)]
    width = max(sum(s.width() for s in row) for row in rows)
    height = CAPTION_PX + sum(max(s.height() for s in row) for row in rows)
    frame = QImage(width - width % 2, height - height % 2, QImage.Format_RGB32)   # even sides: video tools want them
    frame.fill(QColor("white"))
    painter = QPainter(frame)
    painter.drawText(QRect(8, 0, width - 16, CAPTION_PX), Qt.AlignVCenter | Qt.AlignLeft, caption)
    y = CAPTION_PX
    for row in rows:
        x = 0
        for shot in row:
            painter.drawImage(x, y, shot)
            x += shot.width()
        y += max(s.height() for s in row)
    painter.end()
    return frame


def export_run(w, show_epoch: Callable[[int], None], restore: Callable[[], None]) -> bool:
    """Ask what to export and where, write it with a progress bar; True when files were written.
    ``restore()`` puts back the epoch that was in sight."""
    timeline = w.doc.model.timeline
    if timeline is None or len(timeline) < 2:
        QMessageBox.information(
            w,
            translate("run_export", "Export run"),
            translate(
                "run_export",
                "This run has no timeline to animate yet: "
                "train it for a few epochs with the timeline on "
                "(Training → Timeline memory).",
            ),
        )
        return False
    if w.controller.state == "running":
        QMessageBox.information(
            w,
            translate("run_export", "Export run"),
            translate(
                "run_export",
                "Pause or stop training first: the frames are "
                "drawn from the recorded checkpoints, and a "
                "running network keeps moving the views.",
            ),
        )
        return False
    views = frame_views(w)
    dialog = RunExportDialog(list(views), len(timeline), w)
    if dialog.exec() != RunExportDialog.Accepted:
        return False
    choice = dialog.choice()
    target = _ask_target(w, choice)
    if target is None:
        return False
    epochs = evenly_spaced(timeline.epochs, choice.frames)
    try:
        return _write(w, choice, target, epochs, [views[name] for name in choice.views], show_epoch)
    finally:
        restore()


def _ask_target(w, choice: ExportChoice) -> Path | None:
    start = str(Path(w.files.last_model_folder or ".") / f"{w.doc.data_name()}-run")
    if choice.gif:
        path, _ = QFileDialog.getSaveFileName(
            w, translate("run_export", "Export run as GIF"), start + ".gif", "GIF (*.gif)"
        )
        return Path(path).with_suffix(".gif") if path else None
    folder = QFileDialog.getExistingDirectory(
        w, translate("run_export", "Folder for the PNG frames"), w.files.last_model_folder or "."
    )
    return Path(folder) if folder else None


def _write(w, choice: ExportChoice, target: Path, epochs: list[int], widgets: list[QWidget],
           show_epoch: Callable[[int], None]) -> bool:
    progress = QProgressDialog(
        translate("run_export", "Drawing the frames…"), translate("run_export", "Cancel"), 0, len(epochs), w
    )
    progress.setWindowTitle(translate("run_export", "Export run"))
    progress.setWindowModality(Qt.WindowModal)
    progress.setMinimumDuration(0)
    last = epochs[-1]

    def render(epoch: int) -> QImage:
        show_epoch(epoch)
        return compose(widgets, f"{w.doc.data_name()}   " + translate("run_export", "epoch {epoch} of {last}").format(
            epoch=f"{epoch:,}", last=f"{last:,}"))

    def report(done: int, total: int) -> bool:
        progress.setValue(done)
        progress.setLabelText(
            translate("run_export", "Frame {n} of {total}…").format(n=min(done + 1, total), total=total)
        )
        QApplication.processEvents()
        return not progress.wasCanceled()

    try:
        if choice.gif:
            done = write_gif(render, epochs, target, choice.frame_ms, report)
        else:
            done = write_png_sequence(render, epochs, target, Path(w.doc.data_name()).stem or "run", report) is not None
    except OSError as exc:
        QMessageBox.warning(
            w,
            translate("run_export", "Export run"),
            translate("run_export", "Could not write {target}:\n{error}").format(target=target, error=exc),
        )
        return False
    finally:
        progress.close()
    if done:
        w.statusBar().showMessage(
            translate("run_export", "Wrote {n} frames to {target}").format(n=len(epochs), target=target), 8000
        )
    return done
