"""The first rows of a CSV file for the data panel's preview, each cell as written in the file:
"0" stays "0", "1,5" stays "1,5", a quoted "a;b" loses its quotes as the loader reads it."""
from __future__ import annotations

from bpgui.core.csv.layout import BOM, SAMPLE_BYTES, decode_text, read_bytes, records
from bpgui.core.dataset import DataError

PREVIEW_ROWS = 20


def preview_rows(source: dict, limit: int = PREVIEW_ROWS) -> list[list[str]]:
    """The first rows of a CSV ``source`` (a Dataset's), header first, each cell as written:
    decoded and split as the loader reads the file, from as few bytes as hold them."""
    size = SAMPLE_BYTES
    while True:
        head = read_bytes(source["path"], size)
        whole = len(head) < size
        rows = _first_records(head if whole else head[:head.rfind(b"\n") + 1], source, limit + 1)
        if whole or len(rows) > limit:
            return rows
        size *= 4


def _first_records(data: bytes, source: dict, count: int) -> list[list[str]]:
    """The first ``count`` records of ``data`` below the skipped lines; fewer where the
    bytes end inside a quoted field."""
    text, _ = decode_text(data[len(BOM):] if data.startswith(BOM) else data)   # UTF-8, else cp1252
    for _ in range(int(source.get("skip_rows", 0))):
        text = text[text.find("\n") + 1:] if "\n" in text else ""
    rows = []
    try:
        for _, row in records(text, source["delimiter"]):
            rows.append(row)
            if len(rows) == count:
                break
    except DataError:   # cut inside a quoted field, or a malformed one the loader names
        pass
    return rows
