"""Image-shaped inputs: features that are the pixels of a W x H image, row by row.

Found by itself for the classic sizes (8x8 digits, 28x28 MNIST) when every
feature is named like a pixel; the user can always say so ("8x8").  Views
draw weights and samples as images with it, and model files keep it.
"""
from __future__ import annotations

import re
from typing import Sequence

from .dataset import DataError
from .translatable import QT_TRANSLATE_NOOP, Text

__all__ = ["IMAGE_SIDES", "parse_image_shape", "find_image_shape"]

# Feature counts that are images when their names look like pixels: (width, height).
IMAGE_SIDES = {64: (8, 8), 784: (28, 28)}
# pixel12, pixel_0_3, px3x4, p7, "12", "1x1" (MNIST's Kaggle CSV).
_PIXEL_NAME = re.compile(r"(pixel|pix|px|p)?[ _-]?\d+([ _x,-]\d+)?", re.IGNORECASE)
_SHAPE = re.compile(r"\s*(\d+)\s*[xX×*,]\s*(\d+)\s*")


def parse_image_shape(shape: str | Sequence[int]) -> tuple[int, int]:
    """(width, height) from "8x8", "28 x 28" or a pair of whole numbers."""
    if isinstance(shape, str):
        m = _SHAPE.fullmatch(shape)
        if not m:
            raise DataError(Text("image_shape", QT_TRANSLATE_NOOP(
                "image_shape", "an image shape is written WIDTHxHEIGHT, e.g. 8x8; got {shape}"), shape=repr(shape)))
        w, h = int(m.group(1)), int(m.group(2))
    else:
        try:
            w, h = (int(v) for v in shape)
        except (TypeError, ValueError):
            raise DataError(Text("image_shape", QT_TRANSLATE_NOOP(
                "image_shape", "an image shape is two whole numbers, width and height; got {shape}"),
                shape=repr(shape))) from None
    if w < 1 or h < 1:
        raise DataError(Text("image_shape", QT_TRANSLATE_NOOP("image_shape", "an image is at least 1 x 1 pixels; "
                                                              "got {w} x {h}"), w=w, h=h))
    return w, h


def find_image_shape(feature_names: Sequence[str], asked: str | Sequence[int] | None,
                     path: str | None = None) -> tuple[int, int] | None:
    """The features' image shape: the one asked for (checked against the feature count),
    else a classic size whose features are all named like pixels, else None."""
    n = len(feature_names)
    if asked is not None:
        try:
            w, h = parse_image_shape(asked)
        except DataError as exc:
            raise DataError(exc.reason, path) from None
        if w * h != n:
            raise DataError(Text("image_shape", QT_TRANSLATE_NOOP(
                "image_shape", "a {w} x {h} image has {pixels} pixels, but the data has {n} feature columns"),
                w=w, h=h, pixels=f"{w * h:,}", n=f"{n:,}"), path)
        return w, h
    side = IMAGE_SIDES.get(n)
    if side and all(_PIXEL_NAME.fullmatch(name.strip()) for name in feature_names):
        return side
    return None
