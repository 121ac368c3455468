"""Writes a run's frames: one animated GIF, or a numbered PNG sequence in a folder.

Frames come one at a time from ``render(epoch) -> QImage``; ``progress(done, total)``
returns False to cancel, and a cancelled export leaves no file behind.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtGui import QImage

__all__ = ["MAX_GIF_FRAMES", "evenly_spaced", "write_gif", "write_png_sequence", "png_names"]

# A GIF is held in memory until written, ~1 MB a frame at 1200 px wide: 300 frames stay near 300 MB.
MAX_GIF_FRAMES = 300


def evenly_spaced(epochs: Sequence[int], count: int) -> list[int]:
    """``count`` of ``epochs`` spread over the run, always the first and the last."""
    epochs = list(epochs)
    if count >= len(epochs):
        return epochs
    if count <= 1:
        return epochs[-1:]
    step = (len(epochs) - 1) / (count - 1)
    return [epochs[round(k * step)] for k in range(count)]


def png_names(folder: Path, stem: str, count: int) -> list[Path]:
    digits = max(4, len(str(count)))
    return [folder / f"{stem}_{k + 1:0{digits}d}.png" for k in range(count)]


def write_png_sequence(render: Callable[[int], QImage], epochs: Sequence[int], folder: Path, stem: str,
                       progress: Callable[[int, int], bool]) -> list[Path] | None:
    """The frames as ``stem_0001.png``...; None (and the written ones removed) when cancelled."""
    folder.mkdir(parents=True, exist_ok=True)
    names = png_names(folder, stem, len(epochs))
    written: list[Path] = []
    for k, (epoch, name) in enumerate(zip(epochs, names)):
        if not progress(k, len(epochs)):
            break
        if not render(epoch).save(str(name), "PNG"):
            raise OSError(f"could not write {name}")
        written.append(name)
    else:
        progress(len(epochs), len(epochs))
        return written
    for name in written:
        name.unlink(missing_ok=True)
    return None


def write_gif(render: Callable[[int], QImage], epochs: Sequence[int], path: Path, frame_ms: int,
              progress: Callable[[int, int], bool]) -> bool:
    """An animated GIF that loops; False (nothing written) when cancelled."""
    from PIL import Image   # only an export needs Pillow; the window starts without importing it

    frames = []
    for k, epoch in enumerate(epochs):
        if not progress(k, len(epochs)):
            return False
        frames.append(_to_pil(render(epoch), Image))
    if not frames:
        return False
    first, rest = frames[0], frames[1:]
    first.save(path, format="GIF", save_all=True, append_images=rest, duration=frame_ms, loop=0)
    progress(len(epochs), len(epochs))
    return True


def _to_pil(image: QImage, Image):
    rgb = image.convertToFormat(QImage.Format_RGB888)
    data = bytes(rgb.constBits())     # rows padded to bytesPerLine: frombuffer is told the stride
    return Image.frombuffer("RGB", (rgb.width(), rgb.height()), data, "raw", "RGB", rgb.bytesPerLine(), 1)
