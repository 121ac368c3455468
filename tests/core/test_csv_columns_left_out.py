"""Default features leave out identifiers, row indices and many-valued text, each
with a note; naming a column uses it.  Encodings asked for; image-shaped inputs."""
from __future__ import annotations

import pathlib

import numpy as np
import pytest

from bpgui.core.csv import load_csv
from bpgui.core.dataset import DataError
from bpgui.core.image_shape import find_image_shape, parse_image_shape
from bpgui.core.modelfile import load_model, save_model
from bpgui.core.session import Session
from bpgui.core.training_settings import TrainingSettings

SAMPLES = pathlib.Path(__file__).resolve().parents[2] / "samples"


def titanic_like(tmp_path, rows=40):
    """The shape of Kaggle's Titanic: a numeric id, a name, a ticket code, a category, a number."""
    lines = ["PassengerId,Name,Sex,Ticket,Fare,Survived"]
    for i in range(rows):
        lines.append(f'{i + 1},"Person {i}, Mr.",{"male" if i % 3 else "female"},T{i * 7 % 1000},'
                     f'{7.25 + i % 5},{i % 2}')
    p = tmp_path / "titanic.csv"
    p.write_text("\n".join(lines) + "\n")
    return p


def test_identifiers_are_left_out_with_notes_and_the_rest_loads(tmp_path):
    ds = load_csv(titanic_like(tmp_path), one_hot_features=True)
    assert ds.feature_names == ["Sex=female", "Sex=male", "Fare"]
    assert ds.source["features"] == ["Sex", "Fare"]
    assert ds.notes == [
        "left out column 'Name': its 40 values are all different: an identifier, not a feature; "
        "to use it, tick it (or name it in --features): 40 inputs",
        "left out column 'Ticket': its 40 values are all different: an identifier, not a feature; "
        "to use it, tick it (or name it in --features): 40 inputs",
        "left out column 'PassengerId': named like an identifier, and its whole numbers all differ: "
        "an identifier, not a feature; to use it, tick it (or name it in --features): 1 input"]


def test_without_one_hot_identifiers_are_left_out_and_a_category_is_still_refused(tmp_path):
    with pytest.raises(DataError) as info:
        load_csv(titanic_like(tmp_path))
    assert info.value.column == "Sex" and "one-hot encode it" in str(info.value)


def test_a_named_identifier_is_used(tmp_path):
    ds = load_csv(titanic_like(tmp_path), features=["PassengerId", "Name", "Fare"], one_hot_features=True)
    assert ds.n_features == 1 + 40 + 1 and ds.notes == []


def test_many_valued_text_is_left_out_only_when_one_hot_would_flood_the_inputs(tmp_path):
    rows = "".join(f"c{i % 60},{i},{i % 2}\n" for i in range(240))
    p = tmp_path / "codes.csv"
    p.write_text("code,x,y\n" + rows)
    ds = load_csv(p, one_hot_features=True)
    assert ds.feature_names == ["x"]
    assert ds.notes == ["left out column 'code': 60 different texts would make as many inputs; "
                        "to use it, tick it (or name it in --features): 60 inputs"]
    assert load_csv(p, features=["code", "x"], one_hot_features=True).n_features == 61


@pytest.mark.parametrize("name,left_out", [("id", True), ("ID", True), ("customer_id", True),
                                           ("PassengerId", True), ("row id", True), ("grid", False),
                                           ("valid", False), ("width", False)])
def test_numeric_identifier_names(tmp_path, name, left_out):
    p = tmp_path / "ids.csv"
    p.write_text(f"{name},x,y\n" + "".join(f"{100 + i},{i % 4},{i % 2}\n" for i in range(20)))
    assert (name not in load_csv(p).feature_names) == left_out


def test_an_identifier_named_column_with_repeats_is_a_feature(tmp_path):
    p = tmp_path / "ids.csv"
    p.write_text("id,x,y\n" + "".join(f"{i % 5},{i},{i % 2}\n" for i in range(20)))
    assert load_csv(p).feature_names == ["id", "x"]


def test_a_small_table_of_names_is_not_an_identifier(tmp_path):
    p = tmp_path / "pets.csv"
    p.write_text("pet,x,y\ncat,1,0\ndog,2,1\nfish,3,0\n")
    assert load_csv(p, one_hot_features=True).feature_names == ["pet=cat", "pet=dog", "pet=fish", "x"]


def test_every_feature_an_identifier_is_refused_with_advice(tmp_path):
    p = tmp_path / "only_ids.csv"
    p.write_text("id,y\n" + "".join(f"{i},{i % 2}\n" for i in range(20)))
    with pytest.raises(DataError, match="every feature column looks like an identifier"):
        load_csv(p)


# ---- encodings ----------------------------------------------------------------------------------

def test_an_encoding_asked_for_is_used_without_a_note(tmp_path):
    p = tmp_path / "latin.csv"
    p.write_bytes("größe,y\n1,a\n2,b\n".encode("latin-1"))
    ds = load_csv(p, encoding="latin-1")
    assert ds.feature_names == ["größe"] and ds.notes == [] and ds.source["encoding"] == "latin-1"
    guessed = load_csv(p)
    assert guessed.feature_names == ["größe"] and "cp1252" in guessed.notes[0]


def test_utf16_is_read_by_its_byte_order_mark_or_when_asked(tmp_path):
    p = tmp_path / "excel_unicode.csv"
    p.write_bytes("a\tb\ty\n1\t2\tx\n3\t4\tz\n".encode("utf-16"))   # with its byte order mark
    ds = load_csv(p)
    np.testing.assert_array_equal(ds.X, [[1, 2], [3, 4]])
    assert ds.notes == [] and ds.class_names == ["x", "z"]
    bare = tmp_path / "no_mark.csv"
    bare.write_bytes("a\tb\ty\n1\t2\tx\n3\t4\tz\n".encode("utf-16-le"))
    with pytest.raises(DataError, match="UTF-16 text without its byte order mark"):
        load_csv(bare)
    np.testing.assert_array_equal(load_csv(bare, encoding="utf-16-le").X, [[1, 2], [3, 4]])


def test_a_wrong_or_unknown_encoding_is_named(tmp_path):
    p = tmp_path / "utf8.csv"
    p.write_bytes("a,y\n1,x\n2,é\n".encode("utf-8"))
    with pytest.raises(DataError) as info:
        load_csv(p, encoding="ascii")
    assert info.value.line == 3 and "is not ascii text" in str(info.value)
    with pytest.raises(DataError, match="unknown encoding 'klingon'"):
        load_csv(p, encoding="klingon")


# ---- image shapes -------------------------------------------------------------------------------

def test_the_digits_sample_knows_it_is_8x8():
    ds = load_csv(SAMPLES / "digits.csv")
    assert ds.image_shape == (8, 8) and ds.source["image_shape"] is None


@pytest.mark.parametrize("names,shape", [([f"pixel{i}" for i in range(784)], (28, 28)),
                                         ([f"{r + 1}x{c + 1}" for r in range(28) for c in range(28)], (28, 28)),
                                         ([str(i) for i in range(64)], (8, 8)),
                                         ([f"f{i}" for i in range(64)], None),
                                         ([f"pixel{i}" for i in range(100)], None)])
def test_image_shape_found_from_pixel_names(names, shape):
    assert find_image_shape(names, None) == shape


def test_an_image_shape_asked_for_is_checked_and_kept(tmp_path):
    p = tmp_path / "tiny.csv"
    p.write_text("a,b,c,d,e,f,y\n" + "".join(f"{i},1,2,3,4,5,{i % 2}\n" for i in range(6)))
    ds = load_csv(p, image_shape="3x2")
    assert ds.image_shape == (3, 2) and ds.source["image_shape"] == [3, 2]
    with pytest.raises(DataError, match="a 4 x 2 image has 8 pixels, but the data has 6 feature columns"):
        load_csv(p, image_shape="4x2")
    with pytest.raises(DataError, match="WIDTHxHEIGHT"):
        parse_image_shape("eight")


def test_the_model_file_keeps_the_image_shape(tmp_path):
    ds = load_csv(SAMPLES / "digits.csv")
    session = Session(ds, TrainingSettings(epochs=1, hidden=[(4, "tanh")]))
    assert session.model.image_shape == (8, 8)
    save_model(session.model, tmp_path / "d.bpnet")
    assert load_model(tmp_path / "d.bpnet").image_shape == (8, 8)


def test_a_header_of_numbered_pixels_is_no_doubt_but_a_line_of_counts_is(tmp_path):
    pixels = tmp_path / "mnist_like.csv"
    pixels.write_text("label," + ",".join(str(k) for k in range(16)) + "\n"
                      + "".join(f"{i % 3}," + ",".join(str((i * k) % 7) for k in range(16)) + "\n" for i in range(12)))
    assert load_csv(pixels, target="label").notes == []
    counts = tmp_path / "counts.csv"
    counts.write_text("6,2,a,b\n" + "".join(f"{i},{i % 2},{i % 2}\n" for i in range(6)).replace(",0\n", ",0,x\n")
                      .replace(",1\n", ",1,y\n"))
    ds = load_csv(counts)
    assert ds.notes[0].startswith("line 1 is read as the header, but '6', '2' are numbers")


def test_a_target_of_names_is_refused_with_advice(tmp_path):
    p = tmp_path / "cars.csv"
    p.write_text("mpg,weight,name\n" + "".join(f"{10 + i % 30},{2000 + i},car {i}\n" for i in range(120)))
    with pytest.raises(DataError) as info:
        load_csv(p)
    assert info.value.column == "name" and "120 different texts in 120 rows: an identifier" in str(info.value)
    assert load_csv(p, target="mpg", features=["weight"]).task == "regression"
