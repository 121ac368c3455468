"""Files as people bring them (tests/data/corpus, each listed in its README.md), read
through the public reader and the `bpgui` command: one test (or case) per file.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from bpgui.cli import main
from bpgui.core.csv import load_csv
from bpgui.core.csv.layout import SAMPLE_BYTES
from bpgui.core.dataset import DataError

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"

PENGUIN_NUMBERS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
STATECRIME_NUMBERS = ["violent", "hs_grad", "poverty", "single", "white", "urban"]



def corpus(name: str) -> str:
    return str(CORPUS / name)


def run(capsys, *argv) -> tuple[int, str, str]:
    """`bpgui ARGV` in this process: exit status, standard output, standard error."""
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:   # argparse: an unknown option exits with 2
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def load_error(name: str, **kw) -> DataError:
    with pytest.raises(DataError) as info:
        load_csv(corpus(name), **kw)
    return info.value


def noted(ds, *words: str) -> bool:
    """One of the dataset's notes holds every word (whole words, case-insensitive)."""
    return any(all(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", n, re.I) for w in words) for n in ds.notes)


# ---- the corpus itself -----------------------------------------------------------------

def test_every_corpus_file_is_small_listed_in_the_readme_and_tested_here():
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    here = Path(__file__).read_text(encoding="utf-8")
    files = sorted(p.name for p in CORPUS.iterdir() if p.name not in ("README.md", "make_corpus.py", ".gitattributes"))
    assert len(files) == 28
    for name in files:
        assert (CORPUS / name).stat().st_size < 50_000, name
        assert f"`{name}`" in readme, f"{name} is not in the corpus README"
        assert f'"{name}"' in here, f"{name} has no test"


# ---- lines above the header -------------------------------------------------------------

def test_sklearn_wine_data_line_of_counts_gets_the_skip_rows_hint_and_skip_rows_reads_it():
    exc = load_error("sklearn_wine_data.csv")
    assert exc.line == 2 and exc.column is None
    assert "expected 5 fields, got 14; if line 1 is a title or a line of counts" in str(exc)
    assert "skip rows" in str(exc)
    ds = load_csv(corpus("sklearn_wine_data.csv"), skip_rows=1)
    assert ds.X.shape == (178, 13) and ds.source["skip_rows"] == 1 and not ds.source["header"]
    assert ds.feature_names == [f"col{k}" for k in range(1, 14)]
    # classes coded 0/1/2 are classes named by value
    assert ds.task == "multiclass" and ds.class_names == ["0", "1", "2"]
    assert ds.target_names == ["col14=0", "col14=1", "col14=2"]
    np.testing.assert_array_equal(ds.Y.sum(axis=0), [59, 71, 48])
    np.testing.assert_array_equal(ds.X[0], [14.23, 1.71, 2.43, 15.6, 127, 2.8, 3.06, 0.28, 2.29, 5.64, 1.04,
                                            3.92, 1065])


def test_sklearn_iris_with_skip_rows_is_150_rows_of_coded_classes():
    ds = load_csv(corpus("sklearn_iris.csv"), skip_rows=1)
    assert ds.X.shape == (150, 4) and ds.feature_names == ["col1", "col2", "col3", "col4"]
    assert ds.task == "multiclass" and ds.class_names == ["0", "1", "2"]
    np.testing.assert_array_equal(ds.Y.sum(axis=0), [50, 50, 50])
    np.testing.assert_array_equal(ds.X[0], [5.1, 3.5, 1.4, 0.2])
    np.testing.assert_array_equal(ds.X[-1], [5.9, 3.0, 5.1, 1.8])


def test_sklearn_iris_without_skip_rows_is_not_taken_silently_with_counts_for_names():
    try:
        ds = load_csv(corpus("sklearn_iris.csv"))
    except DataError as exc:
        assert "skip" in str(exc) and exc.line in (1, 2)
    else:
        assert noted(ds, "skip")


def test_co2_with_comments_reads_below_its_comment_lines_with_skip_rows():
    ds = load_csv(corpus("co2_with_comments.csv"), skip_rows=11)
    assert ds.feature_names == ["date"] and ds.target_names == ["co2"] and ds.task == "regression"
    assert ds.n_samples == 313 and ds.source["header"]
    assert (ds.X[0, 0], ds.Y[0, 0], ds.X[-1, 0], ds.Y[-1, 0]) == (19900106, 353.4, 19951230, 361.7)


def test_co2_with_comments_without_skip_rows_says_to_skip_the_lines_above_the_header():
    exc = load_error("co2_with_comments.csv")
    assert "skip" in str(exc) and exc.line is not None


def test_engel_numpy_savetxt_header_after_a_hash_gets_the_hint_and_reads_with_skip_rows():
    exc = load_error("engel_numpy_savetxt.txt")   # '# income foodexp' is 3 names for 2 numbers
    assert (exc.line, exc.column) == (2, "foodexp")
    assert "expected 3 fields, got 2; if line 1 is a title" in str(exc)
    ds = load_csv(corpus("engel_numpy_savetxt.txt"), skip_rows=1)
    engel = load_csv(corpus("statsmodels_engel.csv"))
    assert ds.source["delimiter"] == " " and ds.feature_names == ["col1"] and ds.target_names == ["col2"]
    np.testing.assert_array_equal(ds.X, engel.X)       # '%.18e' gives the same doubles back
    np.testing.assert_array_equal(ds.Y, engel.Y)


def test_statsmodels_sunspots_monthly_text_table_is_refused_at_its_rule_line():
    exc = load_error("statsmodels_sunspots_monthly.dat")
    assert (exc.line, exc.column) == (2, "MEAN")      # the title taken for a header
    assert "expected 4 fields, got 1; if line 1 is a title" in str(exc)
    exc = load_error("statsmodels_sunspots_monthly.dat", skip_rows=2)
    assert (exc.line, exc.column) == (4, "Jan") and "expected 13 fields, got 1" in str(exc)


# ---- delimiters, quotes and spaces -------------------------------------------------------

def test_statsmodels_stackloss_quoted_header():
    ds = load_csv(corpus("statsmodels_stackloss.csv"), target="STACKLOSS")
    assert ds.feature_names == ["AIRFLOW", "WATERTEMP", "ACIDCONC"] and ds.task == "regression"
    assert ds.X.shape == (21, 3) and ds.Y.sum() == 368
    np.testing.assert_array_equal(ds.X[0], [80, 27, 89])
    np.testing.assert_array_equal(ds.X.sum(axis=0), [1269, 443, 1812])


def test_statsmodels_longley_quoted_header_and_obs_column():
    ds = load_csv(corpus("statsmodels_longley.csv"), target="TOTEMP",
                  features=["GNPDEFL", "GNP", "UNEMP", "ARMED", "POP", "YEAR"])
    assert ds.X.shape == (16, 6) and ds.Y[0, 0] == 60323 and ds.Y.sum() == 1045072
    np.testing.assert_array_equal(ds.X[0], [83, 234289, 2356, 1590, 107608, 1947])


def test_statsmodels_engel_plain_numbers():
    ds = load_csv(corpus("statsmodels_engel.csv"))
    assert ds.feature_names == ["income"] and ds.target_names == ["foodexp"] and ds.n_samples == 235
    assert (ds.X[0, 0], ds.Y[0, 0]) == (420.157650843928, 255.839424594576)


def test_statsmodels_strikes_space_after_each_comma():
    ds = load_csv(corpus("statsmodels_strikes.csv"))
    assert ds.feature_names == ["duration"] and ds.target_names == ["iprod"] and ds.n_samples == 62
    np.testing.assert_array_equal(ds.X[:3, 0], [7, 9, 13])
    assert ds.Y[0, 0] == 0.01138 and ds.Y[-1, 0] == -0.007 and ds.X.sum() == 2645


def test_statsmodels_modechoice_semicolons_and_a_repeating_individual_column_kept():
    ds = load_csv(corpus("statsmodels_modechoice.csv"), target="choice")
    assert ds.source["delimiter"] == ";" and ds.X.shape == (840, 8)
    # each person's number on four rows: not an identifier of the row, so a feature like any other
    assert ds.feature_names == ["individual", "mode", "ttme", "invc", "invt", "gc", "hinc", "psize"]
    assert ds.task == "binary" and ds.class_names == ["0", "1"] and ds.Y.sum() == 210   # one choice each
    np.testing.assert_array_equal(ds.X[0], [1, 1, 69, 59, 100, 70, 35, 1])


def test_statsmodels_anes96_tabs_and_single_quoted_names():
    ds = load_csv(corpus("statsmodels_anes96.csv"))
    assert ds.source["delimiter"] == "\t" and ds.X.shape == (944, 9)
    # single quotes are not CSV quotes; whether the reader keeps them is its choice
    assert [n.strip("'") for n in ds.feature_names] == ["popul", "TVnews", "selfLR", "ClinLR", "DoleLR", "PID",
                                                        "age", "educ", "income"]
    assert [n.strip("'") for n in ds.target_names] == ["vote"]
    assert ds.task == "binary" and ds.Y.sum() == 393
    np.testing.assert_array_equal(ds.X[0], [0, 7, 7, 1, 6, 6, 36, 3, 1])


def test_statsmodels_elnino_whitespace_table_with_a_repeated_name():
    exc = load_error("statsmodels_elnino_1950-1989.dat")
    assert (exc.line, exc.column) == (1, "ANOM") and "the header names column 'ANOM' twice" in str(exc)
    ds = load_csv(corpus("statsmodels_elnino_1950-1989.dat"), skip_rows=1)   # the numbers without names
    assert ds.source["delimiter"] == " " and ds.X.shape == (480, 9) and ds.target_names == ["col10"]
    np.testing.assert_array_equal(ds.X[0], [1950, 1, 23.11, -1.42, 23.74, -1.91, 27.03, -1.12, 24.83])
    np.testing.assert_array_equal(ds.X[-1], [1989, 12, 22.61, -0.30, 24.92, -0.29, 28.51, 0.17, 26.58])
    assert (ds.Y[0, 0], ds.Y[-1, 0]) == (-1.72, 0.01)


AUTO_MPG_FEATURES = ["col2", "col3", "col5", "col6", "col7", "col8"]   # not horsepower (col4, with '?')


def test_uci_auto_mpg_whitespace_with_quoted_names():
    ds = load_csv(corpus("uci_auto-mpg.data"), target="col1", features=AUTO_MPG_FEATURES)
    assert ds.source["delimiter"] == " " and not ds.source["header"]
    assert ds.X.shape == (398, 6) and ds.task == "regression"
    np.testing.assert_array_equal(ds.X[0], [8, 307, 3504, 12, 70, 1])
    assert (ds.Y[0, 0], ds.Y[-1, 0]) == (18, 31)



def test_uci_auto_mpg_drops_the_six_unknown_horsepowers():
    ds = load_csv(corpus("uci_auto-mpg.data"), target="col1", features=["col2", "col3", "col4", *AUTO_MPG_FEATURES[2:]],
                  missing="drop")
    assert ds.X.shape == (392, 7) and noted(ds, "dropped", "6")


# ---- encodings and spreadsheets ---------------------------------------------------------

STACKLOSS_NAMES = ["Air flow", "Water temp (°C)", "Acid conc. (%)"]


def stackloss_in_real_units() -> tuple[np.ndarray, np.ndarray]:
    raw = load_csv(corpus("statsmodels_stackloss.csv"), target="STACKLOSS")
    X = raw.X.copy()
    X[:, 2] = 50 + X[:, 2] / 10   # ACIDCONC is (percent - 50) * 10
    return X, raw.Y / 10          # STACKLOSS is ten times the percent lost


def test_stackloss_excel_utf8_bom_and_crlf():
    data = (CORPUS / "stackloss_excel_utf8.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    ds = load_csv(corpus("stackloss_excel_utf8.csv"))
    assert ds.feature_names == STACKLOSS_NAMES and ds.target_names == ["Stack loss (%)"]
    assert ds.notes == [] and ds.source["delimiter"] == ","
    X, Y = stackloss_in_real_units()
    np.testing.assert_allclose(ds.X, X, rtol=0, atol=1e-12)
    np.testing.assert_allclose(ds.Y, Y, rtol=0, atol=1e-12)
    assert ds.X[0, 2] == 58.9 and ds.Y[0, 0] == 4.2


def test_stackloss_excel_ansi_is_read_as_cp1252_with_a_note():
    assert b"(\xb0C)" in (CORPUS / "stackloss_excel_ansi.csv").read_bytes()
    ds = load_csv(corpus("stackloss_excel_ansi.csv"))
    assert ds.feature_names == STACKLOSS_NAMES
    assert len(ds.notes) == 1 and "cp1252" in ds.notes[0] and "not UTF-8" in ds.notes[0]
    np.testing.assert_array_equal(ds.X, load_csv(corpus("stackloss_excel_utf8.csv")).X)


def test_stackloss_excel_de_semicolons_decimal_commas_and_cp1252():
    ds = load_csv(corpus("stackloss_excel_de.csv"))
    assert ds.source["delimiter"] == ";"
    assert ds.feature_names == ["Luftstrom", "Kühlwassertemperatur (°C)", "Säurekonzentration (%)"]
    assert ds.target_names == ["Ammoniakverlust (%)"] and ds.task == "regression"
    assert len(ds.notes) == 1 and "cp1252" in ds.notes[0]
    english = load_csv(corpus("stackloss_excel_utf8.csv"))
    np.testing.assert_array_equal(ds.X, english.X)
    np.testing.assert_array_equal(ds.Y, english.Y)


def test_iris_excel_fr_semicolons_decimal_commas_cp1252_and_text_classes():
    ds = load_csv(corpus("iris_excel_fr.csv"))
    assert ds.feature_names == ["longueur du sépale (cm)", "largeur du sépale (cm)", "longueur du pétale (cm)",
                                "largeur du pétale (cm)"]
    assert ds.class_names == ["setosa", "versicolor", "virginica"] and ds.task == "multiclass"
    assert ds.target_names == ["espèce=setosa", "espèce=versicolor", "espèce=virginica"]
    assert len(ds.notes) == 1 and "cp1252" in ds.notes[0]
    sk = load_csv(corpus("sklearn_iris.csv"), skip_rows=1)
    np.testing.assert_array_equal(ds.X, sk.X)
    np.testing.assert_array_equal(ds.Y, sk.Y)     # 0/1/2 are setosa/versicolor/virginica


@pytest.mark.parametrize("name, encoding", [("stackloss_excel_ansi.csv", "latin-1"),
                                            ("stackloss_excel_de.csv", "cp1252")])
def test_a_given_encoding_reads_without_the_fallback_note(name, encoding):
    ds = load_csv(corpus(name), encoding=encoding)
    assert "°C" in ds.feature_names[1]
    assert not any("UTF-8" in n or "cp1252" in n for n in ds.notes)


def test_cli_encoding(tmp_path, capsys):
    code, out, err = run(capsys, "train", corpus("stackloss_excel_ansi.csv"), "--encoding", "latin-1",
                         "--layers", "", "--epochs", "2", "--out", tmp_path / "m.bpnet")
    assert code == 0 and "saved" in out
    assert "not UTF-8" not in err and "21 rows, 3 features" in err


# ---- numbers the reader refuses ---------------------------------------------------------

def test_longley_formatted_quoted_thousands_are_refused_naming_line_column_and_what_was_found():
    exc = load_error("longley_formatted.csv")
    assert (exc.line, exc.column) == (2, "TOTEMP")
    assert "'60,323' is a number written with a comma: a thousands separator or a decimal comma?" in str(exc)
    assert str(exc).startswith("longley_formatted.csv line 2, column 'TOTEMP': ")


def test_png_renamed_is_not_a_text_file():
    exc = load_error("png_renamed.csv")
    assert "not a text file" in str(exc) and "PNG" not in str(exc) and "\\x" not in str(exc)
    assert exc.line is None


# ---- pandas' index, one row, coded classes -------------------------------------------------

def test_engel_pandas_index_is_left_out_with_a_note():
    ds = load_csv(corpus("engel_pandas.csv"))
    assert ds.feature_names == ["income"] and ds.source["features"] == ["income"]
    assert ds.target_names == ["foodexp"] and ds.n_samples == 235
    assert len(ds.notes) == 1 and "row index" in ds.notes[0] and "'col1'" in ds.notes[0]
    engel = load_csv(corpus("statsmodels_engel.csv"))
    np.testing.assert_array_equal(ds.X, engel.X)
    np.testing.assert_array_equal(ds.Y, engel.Y)


def test_stackloss_one_row_loads_but_is_refused_for_training(tmp_path, capsys):
    ds = load_csv(corpus("stackloss_one_row.csv"))
    assert ds.n_samples == 1 and ds.feature_names == ["STACKLOSS", "AIRFLOW", "WATERTEMP"]
    np.testing.assert_array_equal(ds.X, [[42, 80, 27]])
    model = tmp_path / "m.bpnet"
    code, out, err = run(capsys, "train", corpus("stackloss_one_row.csv"), "--out", model, "--quiet")
    assert code == 1 and out == "" and not model.exists()
    assert err == "bpgui train: error: stackloss_one_row.csv has 1 row(s) of data; training needs at least 2\n"


def test_uci_breast_cancer_wisconsin_classes_coded_2_and_4():
    exc = load_error("uci_breast-cancer-wisconsin.data")
    assert (exc.line, exc.column) == (24, "col7")
    ds = load_csv(corpus("uci_breast-cancer-wisconsin.data"),
                  features=["col2", "col3", "col4", "col5", "col6", "col8", "col9", "col10"])
    assert not ds.source["header"] and ds.X.shape == (699, 8)
    assert ds.task == "binary" and ds.class_names == ["2", "4"] and ds.Y.sum() == 241   # 241 malignant (4)
    np.testing.assert_array_equal(ds.X[0], [5, 1, 1, 1, 2, 3, 1, 1])


# ---- text columns -----------------------------------------------------------------------

def test_statsmodels_grunfeld_text_category_needs_one_hot():
    exc = load_error("statsmodels_grunfeld.csv", target="invest")
    assert (exc.line, exc.column) == (2, "firm") and "'General Motors' is not a number" in str(exc)
    assert "one-hot" in str(exc)
    ds = load_csv(corpus("statsmodels_grunfeld.csv"), target="invest", one_hot_features=True)
    firms = [n for n in ds.feature_names if n.startswith("firm=")]
    assert len(firms) == 11 and "firm=General Motors" in firms and "firm=IBM" in firms
    assert ds.feature_names[:2] == ["value", "capital"] and ds.feature_names[-1] == "year"
    assert ds.X.shape == (220, 14) and ds.Y[0, 0] == 317.6
    np.testing.assert_array_equal(ds.X[:, 2:13].sum(axis=0), [20] * 11)


def test_statsmodels_statecrime_reads_with_the_numeric_columns_chosen():
    ds = load_csv(corpus("statsmodels_statecrime.csv"), target="murder", features=STATECRIME_NUMBERS)
    assert ds.X.shape == (51, 6) and ds.task == "regression"
    np.testing.assert_array_equal(ds.Y[:3, 0], [7.1, 3.2, 5.5])
    np.testing.assert_array_equal(ds.X[0], [459.9, 82.1, 17.5, 29.0, 70, 48.65])


@pytest.mark.parametrize("one_hot", [False, True])
def test_statsmodels_statecrime_names_of_states_are_left_out_with_a_note(one_hot):
    ds = load_csv(corpus("statsmodels_statecrime.csv"), target="murder", one_hot_features=one_hot)
    assert ds.feature_names == STATECRIME_NUMBERS and ds.source["features"] == STATECRIME_NUMBERS
    assert ds.X.shape == (51, 6) and noted(ds, "state")


@pytest.mark.parametrize("id_name", ["id", "ID", "PassengerId", "customer_id"])
def test_engel_with_id_column_is_left_out_with_a_note(tmp_path, id_name):
    text = (CORPUS / "engel_with_id.csv").read_text(encoding="utf-8")
    path = tmp_path / f"engel_{id_name}.csv"
    path.write_text(id_name + text[len("id"):], encoding="utf-8")
    ds = load_csv(path)
    assert ds.feature_names == ["income"] and ds.source["features"] == ["income"] and ds.n_samples == 235
    assert noted(ds, id_name)


def test_cli_notes_the_id_column_left_out(tmp_path, capsys):
    code, out, err = run(capsys, "train", corpus("engel_with_id.csv"), "--layers", "", "--epochs", "2",
                         "--out", tmp_path / "m.bpnet")
    assert code == 0 and "note:" in err and "'id'" in err and "235 rows, 1 features" in err


def test_fertility_long_country_column_needs_one_hot_and_named_makes_206_inputs():
    exc = load_error("fertility_long.csv")   # a category (names repeat), not an identifier
    assert (exc.line, exc.column) == (2, "country") and "'Aruba' is not a number" in str(exc)
    ds = load_csv(corpus("fertility_long.csv"), one_hot_features=["country"])   # asked for by name
    assert ds.X.shape == (1025, 207) and ds.feature_names[-1] == "year"
    assert "country=Bahamas, The" in ds.feature_names      # a quoted name with a comma in it


def test_fertility_long_country_with_206_values_is_left_out_of_one_hot_with_a_note():
    ds = load_csv(corpus("fertility_long.csv"), one_hot_features=True)
    assert ds.feature_names == ["year"] and ds.source["features"] == ["year"] and ds.n_samples == 1025
    assert noted(ds, "country", "206")


# ---- missing values ---------------------------------------------------------------------

def test_statsmodels_co2_blank_cell_is_named_by_line_and_column():
    exc = load_error("statsmodels_co2.csv")
    assert (exc.line, exc.column) == (8, "co2")


def test_palmerpenguins_na_is_named_by_line_and_column():
    exc = load_error("palmerpenguins_penguins.csv", target="species", features=PENGUIN_NUMBERS)
    assert (exc.line, exc.column) == (5, "bill_length_mm")


def test_statsmodels_co2_rows_with_a_missing_target_are_dropped_in_both_modes():
    exc = load_error("statsmodels_co2.csv")
    assert "missing" in str(exc) and (exc.line, exc.column) == (8, "co2")
    dropped = load_csv(corpus("statsmodels_co2.csv"), missing="drop")
    assert dropped.n_samples == 2225 and noted(dropped, "dropped", "59")
    mean = load_csv(corpus("statsmodels_co2.csv"), missing="mean")
    assert mean.n_samples == 2225 and not np.isnan(mean.X).any() and not np.isnan(mean.Y).any()
    np.testing.assert_array_equal(mean.X, dropped.X)


def test_palmerpenguins_na_numbers_dropped_or_kept_as_nan():
    kw = dict(target="species", features=PENGUIN_NUMBERS)
    exc = load_error("palmerpenguins_penguins.csv", **kw)
    assert "missing" in str(exc) and (exc.line, exc.column) == (5, "bill_length_mm")
    dropped = load_csv(corpus("palmerpenguins_penguins.csv"), missing="drop", **kw)
    assert dropped.X.shape == (342, 4) and noted(dropped, "dropped", "2")
    assert not np.isnan(dropped.X).any()
    mean = load_csv(corpus("palmerpenguins_penguins.csv"), missing="mean", **kw)
    assert mean.X.shape == (344, 4) and np.isnan(mean.X).sum() == 8
    np.testing.assert_array_equal(np.flatnonzero(np.isnan(mean.X).any(axis=1)), [3, 271])


def test_palmerpenguins_na_in_a_text_column_is_missing_not_a_category():
    kw = dict(target="species", one_hot_features=True)
    exc = load_error("palmerpenguins_penguins.csv", features=["island", "sex"], **kw)
    assert "missing" in str(exc) and (exc.line, exc.column) == (5, "sex")
    ds = load_csv(corpus("palmerpenguins_penguins.csv"), missing="drop", **kw)
    assert ds.n_samples == 333 and noted(ds, "dropped", "11")
    assert "sex=NA" not in ds.feature_names and {"sex=female", "sex=male"} <= set(ds.feature_names)


@pytest.mark.parametrize("spelling", ["", "N/A", "NaN", "?"])
def test_palmerpenguins_other_spellings_of_missing(tmp_path, spelling):
    text = (CORPUS / "palmerpenguins_penguins.csv").read_text(encoding="utf-8")
    path = tmp_path / "penguins.csv"
    path.write_text(re.sub(r"(?<=,)NA(?=,|\n)", spelling, text), encoding="utf-8")
    kw = dict(target="species", features=PENGUIN_NUMBERS)
    with pytest.raises(DataError) as info:
        load_csv(path, **kw)
    assert "missing" in str(info.value) and (info.value.line, info.value.column) == (5, "bill_length_mm")
    assert load_csv(path, missing="drop", **kw).n_samples == 342


def test_uci_breast_cancer_wisconsin_question_marks_dropped_or_kept_as_nan():
    exc = load_error("uci_breast-cancer-wisconsin.data")
    assert "missing" in str(exc) and (exc.line, exc.column) == (24, "col7")
    dropped = load_csv(corpus("uci_breast-cancer-wisconsin.data"), missing="drop")
    assert dropped.X.shape == (683, 10) and noted(dropped, "dropped", "16")
    mean = load_csv(corpus("uci_breast-cancer-wisconsin.data"), missing="mean")
    assert mean.X.shape == (699, 10) and np.isnan(mean.X).sum() == 16
    assert np.isnan(mean.X[:, 6]).sum() == 16 and np.isnan(mean.X[23, 6])     # line 24, col7


@pytest.mark.parametrize("mode", ["drop", "mean"])
def test_cli_missing(tmp_path, capsys, mode):
    code, out, err = run(capsys, "train", corpus("statsmodels_co2.csv"), "--missing", mode, "--layers", "",
                         "--epochs", "2", "--out", tmp_path / "m.bpnet")
    assert code == 0 and "saved" in out and "2225 rows" in err
    assert mode == "mean" or "dropped" in err


# ---- the command on corpus files -----------------------------------------------------------

def test_cli_skip_rows_on_sklearn_wine_data(tmp_path, capsys):
    code, out, err = run(capsys, "train", corpus("sklearn_wine_data.csv"), "--layers", "", "--epochs", "2",
                         "--out", tmp_path / "wine.bpnet")
    assert code == 1 and out == ""
    assert err.startswith("bpgui train: error: sklearn_wine_data.csv line 2: expected 5 fields, got 14; "
                          "if line 1 is a title or a line of counts")
    code, out, err = run(capsys, "train", corpus("sklearn_wine_data.csv"), "--skip-rows", "1", "--layers", "",
                         "--epochs", "2", "--out", tmp_path / "wine.bpnet")
    assert code == 0 and "saved" in out and (tmp_path / "wine.bpnet").exists()
    assert "178 rows, 13 features -> 3 output(s), task multiclass" in err


@pytest.mark.parametrize("name, message", [
    ("longley_formatted.csv",
     "longley_formatted.csv line 2, column 'TOTEMP': '60,323' is a number written with a comma"),
    ("png_renamed.csv", "png_renamed.csv: this is not a text file"),
    ("uci_breast-cancer-wisconsin.data", "uci_breast-cancer-wisconsin.data line 24, column 'col7': "),
])
def test_cli_refuses_with_file_line_and_column(tmp_path, capsys, name, message):
    code, out, err = run(capsys, "train", corpus(name), "--out", tmp_path / "m.bpnet", "--quiet")
    assert code == 1 and out == "" and err.startswith(f"bpgui train: error: {message}")
    assert err.count("\n") == 1 and not (tmp_path / "m.bpnet").exists()


def test_cli_notes_the_pandas_index(tmp_path, capsys):
    code, out, err = run(capsys, "train", corpus("engel_pandas.csv"), "--layers", "", "--epochs", "2",
                         "--out", tmp_path / "m.bpnet")
    assert code == 0 and "note: left out column 'col1'" in err and "235 rows, 1 features" in err


# ---- a header of thousands of long names (written here, not kept as a file) ------------------

def test_a_108_kb_header_of_long_names(tmp_path):
    names = [f"expression_of_gene_ENSG{k:011d}_tpm" for k in range(2999)] + ["diagnosis"]
    header = ",".join(names)
    assert len(header) > 108_000 > SAMPLE_BYTES
    rows = [",".join(f"{(k * r) % 97 / 10:g}" for k in range(2999)) + f",{label}"
            for r, label in ((1, "tumour"), (2, "normal"), (3, "tumour"))]
    path = tmp_path / "expression.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    ds = load_csv(path)
    assert ds.X.shape == (3, 2999) and ds.feature_names == names[:-1]
    assert ds.class_names == ["normal", "tumour"] and ds.task == "binary"
    np.testing.assert_array_equal(ds.Y[:, 0], [1, 0, 1])
    assert ds.X[1, 50] == (50 * 2) % 97 / 10 and ds.X[2, 2998] == (2998 * 3) % 97 / 10
