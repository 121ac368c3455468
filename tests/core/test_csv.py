"""CSV import (bpgui.core.csv.load_csv)."""
from __future__ import annotations

import functools
import json
import os
import pathlib
import tempfile

import numpy as np
import pytest

from bpgui.core.csv import layout as csv_layout
from bpgui.core.csv import load_csv, parallel as csv_parallel
from bpgui.core.csv import precise as csv_precise
from bpgui.core.dataset import DataError

SAMPLES = pathlib.Path(__file__).resolve().parents[2] / "samples"


def write(tmp_path, text, name="data.csv", mode="w"):
    p = tmp_path / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8", newline="")
    return p


def error(path, **kwargs) -> DataError:
    with pytest.raises(DataError) as info:
        load_csv(path, **kwargs)
    return info.value


# ---- layouts -------------------------------------------------------------

def test_basic_numeric_with_header(tmp_path):
    ds = load_csv(write(tmp_path, "a,b,y\n1,2,3.5\n4,5,6.25\n"))
    np.testing.assert_array_equal(ds.X, [[1, 2], [4, 5]])
    np.testing.assert_array_equal(ds.Y, [[3.5], [6.25]])
    assert ds.feature_names == ["a", "b"] and ds.target_names == ["y"]
    assert ds.task == "regression" and ds.class_names is None and ds.name == "data.csv"
    assert ds.X.dtype == np.float64 and ds.X.flags.c_contiguous
    assert ds.source["kind"] == "csv" and os.path.isabs(ds.source["path"])
    json.dumps(ds.source)


def test_no_header_names_columns(tmp_path):
    ds = load_csv(write(tmp_path, "1,2,3\n4,5,6\n"))
    assert ds.feature_names == ["col1", "col2"] and ds.target_names == ["col3"]
    assert ds.n_samples == 2 and ds.source["header"] is False


def test_no_header_with_text_labels(tmp_path):
    ds = load_csv(write(tmp_path, "0.1,0.2,red\n0.3,0.4,blue\n0.5,0.6,red\n"))
    assert ds.n_samples == 3 and ds.class_names == ["blue", "red"]
    np.testing.assert_array_equal(ds.Y[:, 0], [1, 0, 1])


@pytest.mark.parametrize("sep", [";", "\t"])
def test_semicolon_and_tab_are_sniffed(tmp_path, sep):
    text = sep.join(["x", "y", "t"]) + "\n" + sep.join(["1.5", "2", "3"]) + "\n" + sep.join(["4", "5", "6"]) + "\n"
    ds = load_csv(write(tmp_path, text))
    np.testing.assert_array_equal(ds.X, [[1.5, 2], [4, 5]])
    assert ds.source["delimiter"] == sep


def test_explicit_delimiter(tmp_path):
    ds = load_csv(write(tmp_path, "a|b\n1|2\n3|4\n"), delimiter="|")
    np.testing.assert_array_equal(ds.Y[:, 0], [2, 4])


def test_bom_crlf_and_blank_trailing_lines(tmp_path):
    p = write(tmp_path, b"\xef\xbb\xbfa,b\r\n1,2\r\n3,4\r\n\r\n\r\n")
    ds = load_csv(p)
    assert ds.feature_names == ["a"]  # no BOM glued to the first name
    np.testing.assert_array_equal(ds.Y[:, 0], [2, 4])


def test_quoted_fields(tmp_path):
    p = write(tmp_path, 'x,"size, cm",kind\n1,"2.5","big, red"\n3,"4","small"\n')
    ds = load_csv(p)
    assert ds.feature_names == ["x", "size, cm"]
    np.testing.assert_array_equal(ds.X, [[1, 2.5], [3, 4]])
    assert ds.class_names == ["big, red", "small"]


def test_utf8_names_and_labels(tmp_path):
    ds = load_csv(write(tmp_path, "größe,klasse\n1,äpfel\n2,birnen\n"))
    assert ds.feature_names == ["größe"] and ds.class_names == ["birnen", "äpfel"]


def test_blank_lines_in_the_middle_are_skipped(tmp_path):
    ds = load_csv(write(tmp_path, "a,b\n1,2\n\n   \n3,4\n"))
    np.testing.assert_array_equal(ds.X[:, 0], [1, 3])


# ---- targets and classes --------------------------------------------------

def test_two_classes_make_one_zero_one_column_in_sorted_order(tmp_path):
    ds = load_csv(write(tmp_path, "x,label\n1,yes\n2,no\n3,yes\n"))
    assert ds.task == "binary" and ds.class_names == ["no", "yes"]
    assert ds.Y.shape == (3, 1)
    np.testing.assert_array_equal(ds.Y[:, 0], [1, 0, 1])


def test_three_classes_make_one_hot(tmp_path):
    ds = load_csv(write(tmp_path, "x,c\n1,b\n2,c\n3,a\n4,b\n"))
    assert ds.task == "multiclass" and ds.class_names == ["a", "b", "c"]
    np.testing.assert_array_equal(ds.Y, [[0, 1, 0], [0, 0, 1], [1, 0, 0], [0, 1, 0]])
    assert ds.target_names == ["c=a", "c=b", "c=c"]


def test_zero_one_numeric_target_is_binary(tmp_path):
    ds = load_csv(write(tmp_path, "a,b,out\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n"))
    assert ds.task == "binary" and ds.class_names == ["0", "1"]


def test_target_by_name_index_list_and_comma_string(tmp_path):
    p = write(tmp_path, "a,b,c,d\n1,2,3,4\n5,6,7,8\n")
    assert load_csv(p, target="b").feature_names == ["a", "c", "d"]
    assert load_csv(p, target=0).target_names == ["a"]
    two = load_csv(p, target="c,d")
    assert two.target_names == ["c", "d"] and two.Y.shape == (2, 2)
    np.testing.assert_array_equal(load_csv(p, target=["d", "a"]).Y, [[4, 1], [8, 5]])
    sel = load_csv(p, target="d", features=["c", "a"])
    np.testing.assert_array_equal(sel.X, [[3, 1], [7, 5]])


def test_one_hot_features(tmp_path):
    p = write(tmp_path, "colour,size,y\nred,1,0.5\nblue,2,1.5\nred,3,2.5\n")
    err = error(p)
    assert "one_hot" in str(err) and err.line == 2 and err.column == "colour"
    ds = load_csv(p, one_hot_features=True)
    assert ds.feature_names == ["colour=blue", "colour=red", "size"]
    np.testing.assert_array_equal(ds.X, [[0, 1, 1], [1, 0, 2], [0, 1, 3]])
    listed = load_csv(p, one_hot_features=["colour", "size"])
    assert listed.feature_names == ["colour=blue", "colour=red", "size=1", "size=2", "size=3"]


# ---- errors: each names file, line and column -------------------------------

def test_missing_file_and_directory(tmp_path):
    err = error(tmp_path / "nope.csv")
    assert "nope.csv" in str(err) and "not found" in str(err)
    err = error(tmp_path)
    assert "directory" in str(err)


def test_unreadable_file(tmp_path, monkeypatch):
    p = write(tmp_path, "a,b\n1,2\n")
    real_open = open

    def refusing_open(file, *args, **kwargs):
        # chmod 0 does not stop root (CI runs as root), so refuse at open().
        if os.fspath(file) == str(p):
            raise PermissionError(13, "Permission denied", str(p))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refusing_open)
    err = error(p)
    assert "permission" in str(err) and p.name in str(err)


def test_empty_and_header_only(tmp_path):
    err = error(write(tmp_path, "", "empty.csv"))
    assert "empty.csv" in str(err) and "empty" in err.reason
    err = error(write(tmp_path, "\n\n  \n", "blank.csv"))
    assert "empty" in err.reason
    err = error(write(tmp_path, "a,b,c\n\n", "head.csv"))
    assert "head.csv line 1" in str(err) and "no data rows" in str(err)


def test_ragged_row(tmp_path):
    err = error(write(tmp_path, "a,b,c\n1,2,3\n4,5\n", "rag.csv"))
    assert str(err).startswith("rag.csv line 3, column 'c':")
    assert "expected 3 fields, got 2" in str(err)
    assert (err.line, err.column) == (3, "c") and err.path.endswith("rag.csv")
    err = error(write(tmp_path, "a,b\n1,2\n3,4,5\n", "extra.csv"))
    assert err.line == 3 and "expected 2 fields, got 3" in str(err)


@pytest.mark.parametrize("cell,word", [("", "missing value (an empty cell)"), ("abc", "not a number"),
                                       ("nan", "missing value ('nan')"), ("?", "missing value ('?')"),
                                       ("inf", "finite"), ("-Infinity", "finite")])
def test_bad_numeric_cell(tmp_path, cell, word):
    rows = "".join(f"{i},{i + 1},{i * 2}\n" for i in range(20))
    text = "x1,petal_width,y\n" + rows + f"7,{cell},1\n" + rows
    err = error(write(tmp_path, text, "iris.csv"))
    assert str(err).startswith("iris.csv line 22, column 'petal_width':")
    assert word in str(err) and (err.line, err.column) == (22, "petal_width")
    if cell == "abc":  # a typo in a column of numbers: no advice to one-hot encode it
        assert str(err) == "iris.csv line 22, column 'petal_width': 'abc' is not a number"


def test_a_text_feature_column_gets_the_one_hot_hint(tmp_path):
    err = error(write(tmp_path, "colour,y\nred,1\nblue,2\nred,3\n", "c.csv"))
    assert str(err) == ("c.csv line 2, column 'colour': 'red' is not a number; if the column holds "
                        "categories, one-hot encode it (one_hot_features=True)")


def test_bad_cell_line_counts_blank_lines_and_no_header(tmp_path):
    err = error(write(tmp_path, "1,2\n\n3,x\n4,5\n6,7\n8,9\n"))
    assert (err.line, err.column) == (3, "col2")


def test_bad_cell_in_target_column(tmp_path):
    err = error(write(tmp_path, "a,y\n1,2\n2,3\n3,oops\n4,5\n"))
    assert (err.line, err.column) == (4, "y") and "one_hot" not in str(err)


def test_unknown_target_and_feature_list_available_columns(tmp_path):
    p = write(tmp_path, "a,b,c\n1,2,3\n4,5,6\n", "cols.csv")
    err = error(p, target="species")
    assert "cols.csv line 1, column 'species'" in str(err) and "'a', 'b', 'c'" in str(err)
    err = error(p, features=["a", "zz"])
    assert err.column == "zz" and "'a', 'b', 'c'" in str(err)
    assert "out of range" in str(error(p, target=7))
    assert "both" in str(error(p, target="a", features=["a", "b"]))


def test_single_class_target(tmp_path):
    err = error(write(tmp_path, "x,label\n1,red\n2,red\n", "one.csv"))
    assert err.column == "label" and err.line == 1 and "at least two classes" in str(err)


def test_two_class_targets_are_refused(tmp_path):
    err = error(write(tmp_path, "x,k1,k2\n1,a,c\n2,b,d\n"), target=["k1", "k2"])
    assert "'k1'" in str(err) and "'k2'" in str(err)


def test_a_file_that_is_not_utf8_is_read_as_cp1252_with_a_note(tmp_path):
    p = write(tmp_path, "Größe;Farbe\n1,5;rot\n2,0;grün\n0,5;rot\n2,5;grün\n".encode("cp1252"), "excel.csv")
    ds = load_csv(p)
    assert ds.feature_names == ["Größe"] and ds.class_names == ["grün", "rot"]
    np.testing.assert_array_equal(ds.X[:, 0], [1.5, 2.0, 0.5, 2.5])
    assert len(ds.notes) == 1 and "cp1252" in ds.notes[0] and "not UTF-8" in ds.notes[0]
    assert load_csv(write(tmp_path, "a,b\n1,2\n3,4\n", "plain.csv")).notes == []


def test_unterminated_quote(tmp_path):
    err = error(write(tmp_path, 'a,b\n1,2\n3,"4\n'))
    assert err.line is not None and "data.csv" in str(err)


# ---- fast and precise paths agree ------------------------------------------

def test_fast_and_precise_paths_agree(tmp_path):
    rng = np.random.default_rng(0)
    A = rng.normal(size=(300, 5)) * 10.0 ** rng.integers(-3, 4, size=(300, 5))
    lines = ["a,b,c,d,y"] + [",".join(repr(float(v)) if i % 2 else f"{v:.6e}" for v in row)
                             for i, row in enumerate(A)]
    p = write(tmp_path, "\n".join(lines) + "\n")
    fast = load_csv(p)
    text = p.read_text()
    layout = csv_layout.sniff(text, None)
    read = csv_precise.read_columns(text, layout, str(p), [4], [0, 1, 2, 3], csv_precise.Asked())
    precise = read.values
    assert read.left_out == {} and read.lines == list(range(2, 302))
    np.testing.assert_array_equal(fast.X, np.column_stack([precise[j] for j in range(4)]))
    np.testing.assert_array_equal(fast.Y[:, 0], precise[4])
    expected = np.array([[float(s) for s in line.split(",")] for line in lines[1:]])
    np.testing.assert_array_equal(fast.X, expected[:, :4])


# ---- samples -----------------------------------------------------------------

@pytest.mark.parametrize("name,shape,task,classes", [
    ("moons.csv", (200, 2), "binary", ["blue", "red"]),
    ("iris.csv", (150, 4), "multiclass", ["setosa", "versicolor", "virginica"]),
    ("sine.csv", (100, 1), "regression", None),
    ("xor.csv", (4, 2), "binary", ["0", "1"]),
])
def test_samples_load(name, shape, task, classes):
    ds = load_csv(SAMPLES / name)
    assert ds.X.shape == shape and ds.task == task and ds.class_names == classes
    if task == "multiclass":
        assert ds.Y.sum(axis=0).tolist() == [50, 50, 50]


def test_numeric_files_take_the_fast_path_and_quoted_ones_the_precise(tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("precise path used")

    monkeypatch.setattr(csv_precise, "read_columns", boom)
    assert load_csv(write(tmp_path, "a,b\n1,2\n3,4\n")).n_samples == 2
    with pytest.raises(AssertionError, match="precise path used"):
        load_csv(write(tmp_path, 'a,b\n"1",2\n3,4\n', "q.csv"))


# ---- reading for a trained model ---------------------------------------------

def test_classes_of_a_model_fix_the_encoding(tmp_path):
    p = write(tmp_path, "x,label\n1,b\n2,b\n3,c\n", "eval.csv")
    ds = load_csv(p, target="label", classes=["a", "b", "c"])
    assert ds.class_names == ["a", "b", "c"] and ds.task == "multiclass"
    np.testing.assert_array_equal(ds.Y, [[0, 1, 0], [0, 1, 0], [0, 0, 1]])
    one = load_csv(write(tmp_path, "x,label\n1,b\n2,b\n", "one.csv"), target="label", classes=["a", "b"])
    np.testing.assert_array_equal(one.Y, [[1], [1]])  # a single class is fine here


def test_a_label_outside_the_models_classes_names_its_line(tmp_path):
    p = write(tmp_path, "x,label\n1,a\n\n2,zebra\n", "eval.csv")
    err = error(p, target="label", classes=["a", "b"])
    assert str(err).startswith("eval.csv line 4, column 'label': class 'zebra' is not one of")


def test_features_only(tmp_path):
    p = write(tmp_path, "x1,x2\n1,2\n3,4\n", "new.csv")
    ds = load_csv(p, target=[], features=["x1", "x2"])
    assert ds.Y.shape == (2, 0)
    np.testing.assert_array_equal(ds.X, [[1, 2], [3, 4]])


# ---- the parallel fast path (a child process parses the tail) ----------------

_BIG_ROWS = 30_000


@functools.lru_cache(maxsize=1)
def _big_lines(rows=_BIG_ROWS, cols=6) -> tuple[str, ...]:
    rng = np.random.default_rng(7)
    A = rng.normal(size=(rows, cols)) * 10.0 ** rng.integers(-4, 5, size=(rows, cols))
    lines = [",".join(f"c{j}" for j in range(cols))]
    lines += [",".join(f"{v:.6f}" if (i + j) % 3 else repr(float(v)) for j, v in enumerate(row))
              for i, row in enumerate(A)]
    return tuple(lines)


def _big_numeric(tmp_path, name="big.csv", newline="\n", tail=None):
    """A ~2 MB numeric file (header + 30,000 x 6); `tail` replaces the line end
    after the last row."""
    lines = list(_big_lines())
    text = newline.join(lines) + (newline if tail is None else tail)
    return write(tmp_path, text, name), lines


def _children() -> set[int]:
    """Live child processes of this process (Linux)."""
    me, found = str(os.getpid()), set()
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/stat") as f:
                    stat = f.read()
            except OSError:
                continue
            if stat.rsplit(")", 1)[1].split()[1] == me:
                found.add(int(pid))
    return found


@pytest.fixture
def parallel(monkeypatch):
    """Force the parallel path for small files; record the blocks it returns."""
    if csv_parallel.cpu_count() < 2:
        pytest.skip("one core: the parallel path is never taken")
    monkeypatch.setattr(csv_parallel, "MIN_BYTES", 1 << 20)  # the files here are ~2 MB
    calls = []
    real = csv_parallel.parse_in_two

    def spy(*args):
        out = real(*args)
        calls.append(out)
        return out

    monkeypatch.setattr(csv_parallel, "parse_in_two", spy)
    files_before = _our_temp_files()
    children_before = _children() if os.path.isdir("/proc") else set()
    yield calls
    if os.path.isdir("/proc"):
        assert _children() <= children_before, "a child process was left running"
    assert _our_temp_files() <= files_before, "a file in /dev/shm (or the temp folder) was left"


def _our_temp_files() -> set[str]:
    """This process's parallel-path files in /dev/shm and the temp folder (other
    programs' files there come and go, other test workers' too)."""
    found = set()
    for folder in ("/dev/shm", tempfile.gettempdir()):
        if os.path.isdir(folder):
            found |= {os.path.join(folder, n) for n in os.listdir(folder)
                      if n.startswith(f"bpgui-csv-{os.getpid()}-")}
    return found


def _single(path, **kwargs):
    """load_csv with the parallel path switched off."""
    saved = csv_parallel.MIN_BYTES
    csv_parallel.MIN_BYTES = 1 << 62
    try:
        return load_csv(path, **kwargs)
    finally:
        csv_parallel.MIN_BYTES = saved


@pytest.mark.parametrize("newline,tail", [("\n", None), ("\r\n", ""), ("\n", "\n\n\n")])
def test_parallel_path_is_bit_identical_to_the_single_path(tmp_path, parallel, newline, tail):
    p, lines = _big_numeric(tmp_path, newline=newline, tail=tail)
    assert os.path.getsize(p) > 2e6
    ds = load_csv(p)
    assert len(parallel) == 1 and isinstance(parallel[0], list) and len(parallel[0]) == 2
    one = _single(p)
    assert ds.X.flags.c_contiguous and ds.X.shape == (_BIG_ROWS, 5)
    assert ds.X.tobytes() == one.X.tobytes() and ds.Y.tobytes() == one.Y.tobytes()
    # and both are float() of each cell, on a sample across the cut
    cut = csv_parallel.HEAD_SHARE * _BIG_ROWS
    for i in list(range(0, _BIG_ROWS, 997)) + list(range(int(cut) - 30, int(cut) + 30)):
        cells = [float(c) for c in lines[i + 1].split(",")]
        assert ds.X[i].tolist() == cells[:5] and ds.Y[i, 0] == cells[5]


def test_parallel_path_with_chosen_columns_and_bom(tmp_path, parallel):
    p, _ = _big_numeric(tmp_path)
    p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes())  # the child decodes as utf-8-sig
    ds = load_csv(p, target=["c1", "c4"], features=["c5", "c0", "c2"])
    one = _single(p, target=["c1", "c4"], features=["c5", "c0", "c2"])
    assert isinstance(parallel[0], list)
    assert ds.feature_names == ["c5", "c0", "c2"] and ds.X.flags.c_contiguous
    assert ds.X.tobytes() == one.X.tobytes() and ds.Y.tobytes() == one.Y.tobytes()


@pytest.mark.parametrize("where", [25_000, 5_000])  # in the child's tail, in the parent's head
def test_parallel_path_bad_cell_names_line_and_column(tmp_path, parallel, where):
    p, lines = _big_numeric(tmp_path)
    cells = lines[where].split(",")
    cells[3] = "1.5x"
    lines[where] = ",".join(cells)
    p.write_text("\n".join(lines) + "\n", newline="")
    err = error(p)
    assert parallel == [None]
    assert (err.line, err.column) == (where + 1, "c3") and "'1.5x' is not a number" in str(err)


def test_parallel_path_ragged_row_in_the_tail(tmp_path, parallel):
    p, lines = _big_numeric(tmp_path)
    lines[27_000] += ",7"
    p.write_text("\n".join(lines) + "\n", newline="")
    err = error(p)
    assert err.line == 27_001 and "expected 6 fields, got 7" in str(err)


def test_parallel_path_blank_lines_in_both_parts(tmp_path, parallel):
    p, lines = _big_numeric(tmp_path)
    lines[10_000] += "\n\n"  # in the head
    lines[25_000] += "\n"  # in the tail
    p.write_text("\n".join(lines) + "\n", newline="")
    ds = load_csv(p)
    assert isinstance(parallel[0], list) and len(parallel[0]) == 2
    assert ds.n_samples == _BIG_ROWS
    assert ds.X.tobytes() == _single(p).X.tobytes()
    assert ds.X[10_000, 0] == float(lines[10_001].split(",")[0])


def test_lone_cr_line_ends_take_one_process(tmp_path, parallel):
    p, _ = _big_numeric(tmp_path, newline="\r")
    ds = load_csv(p)
    assert parallel[0] is csv_parallel.UNAVAILABLE and ds.n_samples == _BIG_ROWS


def test_a_broken_child_falls_back_to_one_process(tmp_path, parallel, monkeypatch):
    p, _ = _big_numeric(tmp_path)
    monkeypatch.setattr(csv_parallel, "TAIL_PARSER", "import sys; sys.exit(1)")
    ds = load_csv(p)
    assert parallel[0] is csv_parallel.UNAVAILABLE
    assert ds.X.tobytes() == _single(p).X.tobytes()
    monkeypatch.setattr(csv_parallel.sys, "executable", str(tmp_path / "no-such-python"))
    assert load_csv(p).X.tobytes() == ds.X.tobytes()


def test_a_stuck_child_is_killed_and_the_file_parsed_here(tmp_path, parallel, monkeypatch):
    p, _ = _big_numeric(tmp_path)
    monkeypatch.setattr(csv_parallel, "TAIL_PARSER", "import time; time.sleep(60)")
    monkeypatch.setattr(csv_parallel, "CHILD_GRACE", 0.3)
    ds = load_csv(p)  # the fixture checks that the child is gone
    assert parallel[0] is csv_parallel.UNAVAILABLE and ds.n_samples == _BIG_ROWS


def test_an_identifier_column_is_left_out_with_a_note_and_refused_when_named(tmp_path):
    rows = "\n".join(f"id{i},{i % 7},{'ab'[i % 2]}" for i in range(1500))
    p = write(tmp_path, "id,x,label\n" + rows + "\n", "ids.csv")
    for one_hot in (True, False):
        ds = load_csv(p, target="label", one_hot_features=one_hot)
        assert ds.feature_names == ["x"] and ds.source["features"] == ["x"]
        assert ds.notes == ["left out column 'id': its 1,500 values are all different: an identifier, "
                            "not a feature; to use it, tick it (or name it in --features): 1,500 inputs"]
    err = error(p, target="label", features=["id", "x"], one_hot_features=True)
    assert str(err).startswith("ids.csv line 1, column 'id': 1,500 distinct values")
    err = error(p, target="id", features=["x"])
    assert "column 'id'" in str(err) and "1,500 different texts in 1,500 rows: an identifier" in str(err)


def test_model_classes_in_any_order_encode_by_name(tmp_path):
    p = write(tmp_path, "x,label\n1,b\n2,a\n3,c\n", "eval.csv")
    ds = load_csv(p, target="label", classes=["c", "a", "b"])
    np.testing.assert_array_equal(ds.Y, [[0, 0, 1], [0, 1, 0], [1, 0, 0]])
    two = load_csv(p, target="label", classes=["b", "a", "c"][:2] + ["c"])
    assert two.class_names == ["b", "a", "c"]


# ---- the package layout -------------------------------------------------------

def test_the_csv_package_uses_the_standard_library_csv_module():
    import csv as stdlib_csv

    import bpgui.core.csv.layout as layout_module
    assert layout_module.csv is stdlib_csv and hasattr(layout_module.csv, "reader")


def test_dataset_does_not_import_the_csv_reader():
    """The Dataset record knows nothing of its sources: its module imports no
    other bpgui module but core/translatable (which imports none, for DataError's
    translatable messages), so the readers can import it without a cycle."""
    import ast

    import bpgui.core.dataset as dataset_module
    tree = ast.parse(pathlib.Path(dataset_module.__file__).read_text())
    imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert imported and not [m for m in imported if m.startswith(("bpgui", ".")) and m != "bpgui.core.translatable"] \
        and not [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level], imported


# ---- task: coded classes, and the user's choice ----------------------------

def _coded(tmp_path, values):
    rows = "".join(f"{0.1 * k:.1f},{v}\n" for k, v in enumerate(values))
    return write(tmp_path, "x,label\n" + rows)


def test_whole_numbers_with_few_values_are_classes_named_by_value_in_numeric_order(tmp_path):
    ds = load_csv(_coded(tmp_path, [0, 2, 10, 2, 0, 10, 2, 0]))
    assert ds.task == "multiclass" and ds.class_names == ["0", "2", "10"]
    assert ds.target_names == ["label=0", "label=2", "label=10"]
    np.testing.assert_array_equal(ds.Y.argmax(axis=1), [0, 1, 2, 1, 0, 2, 1, 0])
    assert load_csv(_coded(tmp_path, [1, 2, 1, 2])).class_names == ["1", "2"]


@pytest.mark.parametrize("values", [
    [0.5, 1.5, 0.5, 1.5],                 # not whole numbers
    list(range(11)) * 2,                  # more than 10 values
    [1, 2, 3, 4],                         # each value seen once: a measurement, not a class
])
def test_other_numbers_stay_a_regression_target(tmp_path, values):
    assert load_csv(_coded(tmp_path, values)).task == "regression"


def test_the_task_overrides_the_guess_and_is_kept_in_the_source(tmp_path):
    path = _coded(tmp_path, [0, 1, 2, 0, 1, 2])
    reg = load_csv(path, task="regression")
    assert reg.task == "regression" and reg.source["task"] == "regression"
    np.testing.assert_array_equal(reg.Y[:, 0], [0, 1, 2, 0, 1, 2])
    cls = load_csv(_coded(tmp_path, [1.5, 2.5, 1.5, 3.0]), task="classification")
    assert cls.class_names == ["1.5", "2.5", "3"]
    with pytest.raises(DataError, match="task must be one of"):
        load_csv(path, task="clustering")


def test_a_text_target_cannot_be_a_regression_target(tmp_path):
    path = write(tmp_path, "x,colour\n0.1,red\n0.2,blue\n")
    with pytest.raises(DataError, match="holds text") as info:
        load_csv(path, task="regression")
    assert info.value.column == "colour"


def test_a_model_of_coded_classes_reads_a_file_holding_some_of_them_in_its_order(tmp_path):
    path = _coded(tmp_path, [2, 0, 2])
    ds = load_csv(path, classes=["0", "1", "2"])
    assert ds.class_names == ["0", "1", "2"]
    np.testing.assert_array_equal(ds.Y.argmax(axis=1), [2, 0, 2])


@pytest.mark.parametrize("content", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",     # an image renamed .csv
    "a,b\n1,2\n".encode("utf-16-le"),                              # UTF-16 text without its mark
])
def test_a_binary_file_is_not_a_text_file_and_the_message_shows_none_of_it(tmp_path, content):
    path = write(tmp_path, content, name="picture.csv", mode="wb")
    with pytest.raises(DataError, match="not a text file") as info:
        load_csv(path)
    assert "\\x" not in str(info.value) and "PNG" not in str(info.value)


# ---- lines above the header ----------------------------------------------------

SKLEARN_LIKE = "6,2,class_0,class_1\n1.0,2.0,0\n1.5,2.5,1\n0.5,1.0,0\n2.0,3.0,1\n1.2,2.2,0\n1.8,2.9,1\n"


def test_a_line_of_counts_above_the_data_gets_a_hint_to_skip_it(tmp_path):
    path = write(tmp_path, SKLEARN_LIKE)
    with pytest.raises(DataError, match="expected 4 fields, got 3; if line 1 is a title or a line of counts") as info:
        load_csv(path)
    assert info.value.line == 2


def test_skip_rows_leaves_out_the_lines_above_and_keeps_line_numbers_true(tmp_path):
    path = write(tmp_path, "# a comment\n" + SKLEARN_LIKE.replace("6,2,class_0,class_1\n", "x1,x2,y\n"))
    ds = load_csv(path, skip_rows=1)
    assert ds.feature_names == ["x1", "x2"] and ds.n_samples == 6 and ds.source["skip_rows"] == 1
    headerless = load_csv(write(tmp_path, SKLEARN_LIKE, name="counts.csv"), skip_rows=1)
    assert headerless.feature_names == ["col1", "col2"] and headerless.n_samples == 6
    assert headerless.class_names == ["0", "1"]
    bad = write(tmp_path, "title\nx,y\n1,2\n3,oops\n", name="bad.csv")
    with pytest.raises(DataError) as info:
        load_csv(bad, skip_rows=1)
    assert info.value.line == 4 and info.value.column == "y"
    with pytest.raises(DataError, match="nothing is left after skipping 8 lines"):
        load_csv(path, skip_rows=8)
    with pytest.raises(DataError, match="skip_rows"):
        load_csv(path, skip_rows=-1)


# ---- numbers as spreadsheets write them, and whitespace-separated files --------

def test_decimal_commas_of_a_semicolon_file_are_numbers(tmp_path):
    path = write(tmp_path, "a;b;label\n1,5;2;yes\n-0,25;3,0;no\n2;,5;yes\n")
    ds = load_csv(path, one_hot_features=True)     # the window's call: no column is one-hot encoded
    assert ds.feature_names == ["a", "b"]
    np.testing.assert_array_equal(ds.X, [[1.5, 2.0], [-0.25, 3.0], [2.0, 0.5]])
    assert ds.class_names == ["no", "yes"]


def test_a_quoted_number_with_a_comma_in_a_comma_file_is_refused_with_what_was_found(tmp_path):
    path = write(tmp_path, 'price,size,label\n"1,200",3,a\n"950",4,b\n')
    with pytest.raises(DataError) as info:
        load_csv(path, one_hot_features=True)
    assert "'1,200' is a number written with a comma" in str(info.value)
    assert info.value.line == 2 and info.value.column == "price" and "one-hot" not in str(info.value)


def test_whitespace_separated_files_are_read(tmp_path):
    path = write(tmp_path, "  x1   x2\ty\n 0.1  0.2\t 1.5\n\n0.3 0.4    2.5  \n")
    ds = load_csv(path)
    assert ds.feature_names == ["x1", "x2"] and ds.source["delimiter"] == " "
    np.testing.assert_array_equal(ds.X, [[0.1, 0.2], [0.3, 0.4]])
    bad = write(tmp_path, "x y\n1 2\n3 oops\n", name="bad.txt")
    with pytest.raises(DataError) as info:
        load_csv(bad)
    assert info.value.line == 3 and info.value.column == "y"
    assert load_csv(write(tmp_path, "a, b, c\n1, 2, 3\n4, 5, 6\n", name="spaced.csv")).feature_names == ["a", "b"]


def test_a_header_longer_than_the_sniffed_sample_is_read_whole(tmp_path):
    names = [f"a_rather_long_column_name_number_{k:05d}" for k in range(3000)]   # ~110 KB of header
    row = ",".join("1" for _ in names)
    path = write(tmp_path, ",".join(names) + "\n" + row + "\n" + row[:-1] + "2\n")
    assert len(",".join(names)) > csv_layout.SAMPLE_BYTES
    ds = load_csv(path)
    assert ds.n_features == 2999 and ds.target_names == [names[-1]] and ds.n_samples == 2


def test_a_pandas_row_index_is_left_out_with_a_note(tmp_path):
    path = write(tmp_path, ",a,b,y\n0,0.5,1.5,2.5\n1,0.7,1.1,3.5\n2,0.1,0.3,0.5\n")
    ds = load_csv(path)
    assert ds.feature_names == ["a", "b"] and ds.source["features"] == ["a", "b"]
    assert len(ds.notes) == 1 and "row index" in ds.notes[0] and "'col1'" in ds.notes[0]
    named = load_csv(write(tmp_path, "id,a,y\n0,0.5,2.5\n1,0.7,3.5\n", name="named.csv"))
    assert named.feature_names == ["id", "a"] and named.notes == []     # a named column is the user's
    counted = load_csv(write(tmp_path, ",a,y\n3,0.5,2.5\n1,0.7,3.5\n", name="other.csv"))
    assert counted.feature_names == ["col1", "a"]                       # not 0, 1, 2...: kept
