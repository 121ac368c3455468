"""The run's frames as a GIF or a PNG sequence: frame count, order, pixels, cancelling."""
from __future__ import annotations

from PIL import Image as PIL
from PySide6.QtGui import QColor, QImage

from bpgui.ui.frame_writer import evenly_spaced, write_gif, write_png_sequence


def _frame(epoch: int) -> QImage:
    """A 31x17 frame (odd width: rows are padded) whose red channel is the epoch."""
    image = QImage(31, 17, QImage.Format_RGB32)
    image.fill(QColor(epoch, 255 - epoch, 40))
    return image


def _always(_done, _total) -> bool:
    return True


def test_evenly_spaced_keeps_first_and_last():
    assert evenly_spaced(list(range(0, 100, 10)), 4) == [0, 30, 60, 90]
    assert evenly_spaced([3, 5], 10) == [3, 5]
    assert evenly_spaced([3, 5, 9], 1) == [9]


def test_gif_has_a_frame_per_epoch_in_order(tmp_path):
    path = tmp_path / "run.gif"
    seen = []
    assert write_gif(_frame, [0, 60, 120, 240], path, 80, lambda d, t: seen.append((d, t)) or True)
    with PIL.open(path) as gif:
        assert gif.n_frames == 4 and gif.size == (31, 17)
        reds = []
        for k in range(gif.n_frames):
            gif.seek(k)
            reds.append(gif.convert("RGB").getpixel((15, 8))[0])
        assert gif.info["duration"] == 80 and gif.info["loop"] == 0
    assert [abs(r - e) <= 8 for r, e in zip(reds, [0, 60, 120, 240])] == [True] * 4   # GIF palettes round
    assert seen[-1] == (4, 4)


def test_png_sequence_is_numbered_and_exact(tmp_path):
    names = write_png_sequence(_frame, [5, 7, 9], tmp_path / "frames", "xor", _always)
    assert [n.name for n in names] == ["xor_0001.png", "xor_0002.png", "xor_0003.png"]
    assert [QImage(str(n)).pixelColor(3, 3).red() for n in names] == [5, 7, 9]


def test_cancelling_leaves_no_file(tmp_path):
    def cancel_at_two(done, _total):
        return done < 2

    assert write_gif(_frame, [1, 2, 3, 4], tmp_path / "run.gif", 50, cancel_at_two) is False
    assert not (tmp_path / "run.gif").exists()
    assert write_png_sequence(_frame, [1, 2, 3, 4], tmp_path / "seq", "f", cancel_at_two) is None
    assert list((tmp_path / "seq").iterdir()) == []


def test_compose_puts_the_views_side_by_side_under_a_caption(qtbot):
    from PySide6.QtWidgets import QWidget

    from bpgui.ui.run_export import CAPTION_PX, compose

    widgets = []
    for colour, width in (("red", 120), ("blue", 80)):
        widget = QWidget()
        qtbot.addWidget(widget)
        widget.setStyleSheet(f"background: {colour}")
        widget.setAutoFillBackground(True)
        widget.resize(width, 50)
        widgets.append(widget)
    frame = compose(widgets, "epoch 3")
    assert (frame.width(), frame.height()) == (200, 50 + CAPTION_PX)
    assert frame.pixelColor(60, CAPTION_PX + 25) == QColor("red")
    assert frame.pixelColor(160, CAPTION_PX + 25) == QColor("blue")
    assert frame.pixelColor(199, 2) == QColor("white")
