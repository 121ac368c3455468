"""Write the made files of this corpus from the real files beside it (README.md says
which is which).  Each made file is real data saved the way a tool saves it.

    cd tests/data/corpus && python make_corpus.py [FERTILITY_CSV]

FERTILITY_CSV is statsmodels' datasets/fertility/fertility.csv (World Bank data, too
big to keep here), needed for fertility_long.csv only.  engel_pandas.csv needs pandas
and engel_numpy_savetxt.txt NumPy; a file whose tool is missing is left as it is.
"""
from __future__ import annotations

import csv
import io
import os
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name: str) -> str:
    return os.path.join(HERE, name)


def read_rows(name: str) -> list[list[str]]:
    with open(path(name), newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def write_rows(name: str, rows: list[list[str]], *, delimiter: str = ",", encoding: str = "utf-8",
               newline: str = "\r\n") -> None:
    """As a spreadsheet writes CSV: fields quoted only when they must be."""
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator=newline).writerows(rows)
    with open(path(name), "wb") as f:
        f.write(buf.getvalue().encode(encoding))


def general(v: float) -> str:
    """A number as a spreadsheet's General format shows it: 59 (not 59.0), 58.9."""
    return f"{v:g}"


# ---- stack loss (Brownlee 1965), saved by Excel three ways ----------------------------

def stackloss_table() -> list[list[str]]:
    """The statsmodels columns in their real units: STACKLOSS is ten times the percent of
    ammonia lost, ACIDCONC is (acid concentration in percent - 50) * 10."""
    rows = read_rows("statsmodels_stackloss.csv")[1:]
    return [[air, temp, general(50 + int(acid) / 10), general(int(loss) / 10)]
            for loss, air, temp, acid in rows]


def stackloss_excel() -> None:
    table = stackloss_table()
    english = ["Air flow", "Water temp (°C)", "Acid conc. (%)", "Stack loss (%)"]
    # Excel "CSV UTF-8 (Comma delimited)": a BOM, CRLF.
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([english, *table])
    with open(path("stackloss_excel_utf8.csv"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    # Excel "CSV (Comma delimited)" on an English Windows: Windows-1252, no BOM.
    write_rows("stackloss_excel_ansi.csv", [english, *table], encoding="cp1252")
    # Excel "CSV (Trennzeichen-getrennt)" on a German Windows: ';', decimal comma, Windows-1252.
    german = ["Luftstrom", "Kühlwassertemperatur (°C)", "Säurekonzentration (%)", "Ammoniakverlust (%)"]
    write_rows("stackloss_excel_de.csv", [german, *[[c.replace(".", ",") for c in r] for r in table]],
               delimiter=";", encoding="cp1252")


def stackloss_one_row() -> None:
    """The header and the first row only: a file someone started to fill in."""
    with open(path("statsmodels_stackloss.csv"), "rb") as f:
        lines = f.read().splitlines(keepends=True)
    with open(path("stackloss_one_row.csv"), "wb") as f:
        f.write(b"".join(lines[:2]))


# ---- iris (Fisher 1936, scikit-learn's copy), saved by a French Excel ------------------

def iris_excel_fr() -> None:
    rows = read_rows("sklearn_iris.csv")
    species = rows[0][2:]
    header = ["longueur du sépale (cm)", "largeur du sépale (cm)", "longueur du pétale (cm)",
              "largeur du pétale (cm)", "espèce"]
    table = [[general(float(c)).replace(".", ",") for c in r[:4]] + [species[int(r[4])]] for r in rows[1:]]
    write_rows("iris_excel_fr.csv", [header, *table], delimiter=";", encoding="cp1252")


# ---- Engel's food expenditure (1857) as three tools write it ------------------------------

def engel_with_id() -> None:
    """As a database export writes a table: an auto-increment id 1, 2, 3... first."""
    rows = read_rows("statsmodels_engel.csv")
    write_rows("engel_with_id.csv", [["id", *rows[0]], *[[str(k), *r] for k, r in enumerate(rows[1:], 1)]],
               newline="\n")


def engel_pandas() -> None:
    try:
        import pandas as pd
    except ImportError:
        print("pandas is not installed: engel_pandas.csv left as it is")
        return
    pd.read_csv(path("statsmodels_engel.csv")).to_csv(path("engel_pandas.csv"))   # index=True: pandas' default


def engel_numpy_savetxt() -> None:
    try:
        import numpy as np
    except ImportError:
        print("NumPy is not installed: engel_numpy_savetxt.txt left as it is")
        return
    data = np.loadtxt(path("statsmodels_engel.csv"), delimiter=",", skiprows=1)
    np.savetxt(path("engel_numpy_savetxt.txt"), data, header="income foodexp")   # '# ' before the header


# ---- Longley (1967) from a spreadsheet whose cells show thousands separators ------------

def longley_formatted() -> None:
    rows = read_rows("statsmodels_longley.csv")
    out = [rows[0]]
    for obs, totemp, gnpdefl, gnp, unemp, armed, pop, year in rows[1:]:
        out.append([obs, f"{int(totemp):,}", f"{float(gnpdefl):.1f}", f"{int(gnp):,}", f"{int(unemp):,}",
                    f"{int(armed):,}", f"{int(pop):,}", year])
    write_rows("longley_formatted.csv", out)


# ---- Mauna Loa CO2 with comment lines above the header, as NOAA's files have -----------

CO2_COMMENTS = """\
# --------------------------------------------------------------------
# Weekly CO2 at Mauna Loa Observatory, Hawaii, from flask air samples
# --------------------------------------------------------------------
# Keeling, C.D. and T.P. Whorf (2004). Atmospheric CO2 concentrations
# derived from flask air samples at sites in the SIO network. In: Trends:
# A Compendium of Data on Global Change. CDIAC, Oak Ridge, Tennessee.
#
# date: the sample's date, YYYYMMDD
# co2:  mole fraction of CO2 in dry air, ppm
#
# Weeks without a valid sample are left out. Excerpt: 1990-1995.
"""


def co2_with_comments() -> None:
    rows = read_rows("statsmodels_co2.csv")
    kept = [r for r in rows[1:] if r[1] and "19900101" <= r[0] < "19960101"]
    with open(path("co2_with_comments.csv"), "w", newline="\n", encoding="ascii") as f:
        f.write(CO2_COMMENTS)
        f.write("date,co2\n")
        f.writelines(f"{d},{v}\n" for d, v in kept)


# ---- World Bank fertility, reshaped from wide to long (one row per country and year) ----

def fertility_long(source: str) -> None:
    with open(source, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, years = rows[0], [str(y) for y in range(2006, 2011)]
    out = [["country", "year", "fertility"]]
    for r in rows[1:]:
        out += [[r[0], y, r[header.index(y)]] for y in years if r[header.index(y)]]
    write_rows("fertility_long.csv", out, newline="\n")


# ---- an image renamed .csv --------------------------------------------------------------

def png_renamed() -> None:
    """An 8 x 8 grey gradient, a valid PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    pixels = b"".join(b"\0" + bytes(range(y * 8, y * 8 + 64, 8)) for y in range(8))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(pixels, 9)) + chunk(b"IEND", b""))
    with open(path("png_renamed.csv"), "wb") as f:
        f.write(png)


def main(argv: list[str]) -> None:
    stackloss_excel()
    stackloss_one_row()
    iris_excel_fr()
    engel_with_id()
    engel_pandas()
    engel_numpy_savetxt()
    longley_formatted()
    co2_with_comments()
    png_renamed()
    if argv:
        fertility_long(argv[0])
    else:
        print("no FERTILITY_CSV given: fertility_long.csv left as it is")


if __name__ == "__main__":
    main(sys.argv[1:])
