"""What the first lines of a CSV file tell: delimiter, header and column names.

Line numbers are those a text editor shows: the header is line 1, blank
lines count, and blank or whitespace-only lines are skipped as data.
"""
from __future__ import annotations

import codecs
import csv
import io
import os
import re
from dataclasses import dataclass
from typing import Iterator

from bpgui.core.translatable import QT_TRANSLATE_NOOP, Text
from bpgui.core.dataset import DataError

__all__ = ["DELIMITERS", "WHITESPACE", "SAMPLE_BYTES", "BOM", "Layout", "is_number", "read_bytes", "records",
           "sniff"]

DELIMITERS = (",", ";", "\t")
WHITESPACE = " "   # the delimiter of files whose fields are separated by any run of spaces or tabs
SAMPLE_BYTES = 1 << 16  # enough to sniff delimiter and header
_SAMPLE_ROWS = 50
BOM = b"\xef\xbb\xbf"
# What a file that is not UTF-8 is read as: Windows' Western European code page (Excel's
# "CSV" on such systems); its few undefined bytes become U+FFFD rather than an error.
FALLBACK_ENCODING = "cp1252"


def decode_text(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """``data`` as text, and the encoding it was read with: the one asked for, else UTF-8,
    else FALLBACK_ENCODING."""
    if encoding is not None:
        return _decode_as(data, encoding), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode(FALLBACK_ENCODING, errors="replace"), FALLBACK_ENCODING


def check_encoding(encoding: str) -> None:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise DataError(Text("layout", QT_TRANSLATE_NOOP("layout", "unknown encoding {encoding} (try utf-8, cp1252, "
                                                          "latin-1, utf-16)"), encoding=repr(encoding))) from None


def _decode_as(data: bytes, encoding: str) -> str:
    check_encoding(encoding)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DataError(Text("layout", QT_TRANSLATE_NOOP("layout", "byte {byte} is not {encoding} text; leave the "
                                                          "encoding out to have it guessed"),
                             byte=repr(data[exc.start:exc.start + 1]), encoding=encoding),
                        line=data.count(b"\n", 0, exc.start) + 1) from None


@dataclass
class Layout:
    """What the first lines tell: delimiter, header and column names."""

    delimiter: str
    has_header: bool
    names: list[str]
    first_line: int  # 1-based line of the header, or of the first data row
    unnamed: tuple[int, ...] = ()   # columns whose header cell is blank (named colN)
    encoding: str | None = None     # the encoding asked for; None: UTF-8, else FALLBACK_ENCODING
    doubt: str | None = None        # why the header may be a title or a line of counts, for a note

    @property
    def header_line(self) -> int | None:
        """The header's line, for messages about columns; None without a header."""
        return self.first_line if self.has_header else None


def is_number(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True


def read_bytes(path: str, limit: int = -1) -> bytes:
    """The file's bytes (the first `limit` only, if given); DataError if unreadable."""
    if os.path.isdir(path):
        raise DataError(Text("layout", QT_TRANSLATE_NOOP("layout", "is a directory, not a CSV file")), path=path)
    try:
        with open(path, "rb") as f:
            return f.read(limit)
    except FileNotFoundError:
        raise DataError(Text("layout", QT_TRANSLATE_NOOP("layout", "file not found: {path}"), path=str(path))) from None   # the whole path: where was it looked for
    except PermissionError:
        raise DataError(Text("layout", QT_TRANSLATE_NOOP("layout", "permission denied: the file cannot be read")),
                        path=path) from None
    except OSError as exc:
        raise DataError(Text("layout", QT_TRANSLATE_NOOP("layout", "cannot read the file: {error}"),
                             error=str(exc.strerror or exc)), path=path) from None


def records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (line_number, fields) for each non-blank record of `text`."""
    if delimiter == WHITESPACE:   # a line is a record; "double quotes" keep spaces in a field
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield number, line.split() if '"' not in line else split_quoted(line)
        return
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    prev = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # e.g. an unterminated quote
            raise DataError(Text("layout", QT_TRANSLATE_NOOP("layout", "malformed CSV: {error}"), error=str(exc)),
                            line=prev + 1) from None
        start, prev = prev + 1, reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        yield start, row


_QUOTED_OR_WORD = re.compile(r'"([^"]*)"|(\S+)')


def split_quoted(line: str) -> list[str]:
    """The fields of a whitespace-separated line whose text fields are quoted
    (UCI's auto-mpg: ``18.0   8 ... 1\t"chevrolet chevelle malibu"``)."""
    return [quoted if word == "" else word for quoted, word in _QUOTED_OR_WORD.findall(line)]


def _first_rows(sample: str, delimiter: str) -> list[tuple[int, list[str]]]:
    rows = []
    try:
        for line, row in records(sample, delimiter):
            rows.append((line, row))
            if len(rows) >= _SAMPLE_ROWS:
                break
    except DataError:
        pass  # judge on the rows before it; the full read reports the error
    return rows


def _score(rows: list[tuple[int, list[str]]]) -> tuple[bool, float, int]:
    """How well a delimiter splits the sample: consistent widths first, then
    the share of numeric cells, then the width."""
    # The sample may end inside a record; judge on all but its last row.
    judged = rows[:-1] if len(rows) > 2 else rows
    consistent = len({len(r) for _, r in judged}) == 1
    cells = [c for _, r in judged[1:] for c in r]
    numeric = sum(is_number(c) for c in cells) / len(cells) if cells else 0.0
    return consistent and len(rows[0][1]) > 1, numeric, len(rows[0][1])


def _is_header(header: list[str], below: list[list[str]]) -> bool:
    """A header is a first row with no number in it, or with a non-blank text
    cell above a column whose next rows are numbers."""
    if not any(is_number(h) for h in header):
        return True
    for j, h in enumerate(header):
        col = [r[j] for r in below if j < len(r) and r[j].strip()]
        if h and not is_number(h) and col and all(is_number(c) for c in col):
            return True
    return False


def _skip_lines(sample: str, n: int) -> str:
    """``sample`` without its first ``n`` lines (a title, a line of counts, comments)."""
    for _ in range(n):
        end = sample.find("\n")
        sample = "" if end < 0 else sample[end + 1:]
    if n and not sample.strip():
        raise DataError(Text("layout", QT_TRANSLATE_NOOP("layout", "nothing is left after skipping {n} lines"), n=n))
    return sample


def _check_comments(sample: str, skip_rows: int) -> None:
    """Several lines starting with '#' above the data are comments, not a header."""
    lines = sample.splitlines()
    count = next((k for k, line in enumerate(lines) if not line.startswith("#")), len(lines))
    if count >= 2:
        first = skip_rows + 1
        raise DataError(Text("layout", QT_TRANSLATE_NOOP(
            "layout", "lines {first} to {last} start with '#': comments above the header? "
            "skip the lines above the header (skip rows {skip})"),
            first=first, last=first + count - 1, skip=skip_rows + count), line=first)


def _header_doubt(first_line: int, numbers: list[str], skip_rows: int) -> Text:
    """The note on a header that holds a few numbers."""
    template = QT_TRANSLATE_NOOP("layout", "line {line} is read as the header, but {numbers} is a number: "
                                 "if it is a title or a line of counts, skip it (skip rows {skip})") \
        if len(numbers) == 1 else \
        QT_TRANSLATE_NOOP("layout", "line {line} is read as the header, but {numbers} are numbers: "
                          "if it is a title or a line of counts, skip it (skip rows {skip})")
    return Text("layout", template, line=first_line, numbers=", ".join(map(repr, numbers[:3])), skip=skip_rows + 1)


def sniff(sample: str, delimiter: str | None, skip_rows: int = 0) -> Layout:
    """Choose the delimiter and decide whether the first row (after ``skip_rows``
    lines) is a header."""
    sample = _skip_lines(sample, skip_rows)
    _check_comments(sample, skip_rows)
    if delimiter is not None:
        if len(delimiter) != 1 or delimiter in "\"\r\n":
            raise DataError(Text("layout", QT_TRANSLATE_NOOP(
                "layout", "delimiter must be one character other than a quote or newline, got {delimiter}"),
                delimiter=repr(delimiter)))
        candidates = [delimiter]
    else:
        candidates = [*DELIMITERS, WHITESPACE]   # whitespace last: on a tie a real delimiter wins
    best = None
    for cand in candidates:
        rows = _first_rows(sample, cand)
        if rows and (best is None or _score(rows) > best[0]):
            best = (_score(rows), cand, rows)
    if best is None:
        raise DataError(Text("layout", QT_TRANSLATE_NOOP("layout", "cannot read the first rows as CSV (check the quotes)")),
                        line=1)
    _, delim, rows = best
    rows = [(line + skip_rows, row) for line, row in rows]
    first_line, header = rows[0]
    header = [h.strip() for h in header]
    if not _is_header(header, [r for _, r in rows[1:]]):
        return Layout(delim, False, [f"col{j + 1}" for j in range(len(header))], first_line)
    names = [h if h else f"col{j + 1}" for j, h in enumerate(header)]
    unnamed = tuple(j for j, h in enumerate(header) if not h)
    # A few numbers among names (scikit-learn's "150,4,setosa,..."): a line of counts? Columns
    # named by number ("label,0,1,...,783") are many, and are a header.
    numbers = [h for h in header if is_number(h)]
    doubt = None if not 0 < len(numbers) <= 3 or len(numbers) * 2 > len(header) else \
        _header_doubt(first_line, numbers, skip_rows)
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise DataError(Text("layout", QT_TRANSLATE_NOOP(
                "layout", "the header names column {name} twice; rename one of them (column names must differ)"),
                name=repr(name)), line=first_line, column=name)
        seen.add(name)
    return Layout(delim, True, names, first_line, unnamed, doubt=doubt)
