"""Updates the window's translations (a developer's script; docs/translation.md).

    python resources/i18n/update.py [--merge FILE.json ...]

1. ``pyside6-lupdate`` collects every ``translate()``/``QT_TRANSLATE_NOOP`` string of bpgui/ into
   resources/i18n/bpgui_zh_CN.ts, keeping the translations it has and dropping obsolete ones;
2. ``--merge`` fills translations from JSON files, lists of {"context", "source", "translation"}
   (matched on context and source), and says which JSON sources the .ts lacks;
3. ``pyside6-lrelease`` compiles the .ts into bpgui_zh_CN.qm, shipped in the package.
It lists the entries still unfinished and exits 1 if there are any.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LANGUAGE = "zh_CN"


def tool(name: str) -> str:
    """The Qt tool PySide6 installs beside this Python (a venv's bin/), else the one on PATH."""
    for folder in (Path(sys.executable).parent, Path(sys.executable).resolve().parent):
        for candidate in (folder / name, folder / f"{name}.exe"):
            if candidate.exists():
                return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (pip install PySide6-Essentials)")
    return found


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{Path(command[0]).name} failed:\n{done.stdout}{done.stderr}")


def lupdate(source_dir: Path, ts: Path, language: str = LANGUAGE) -> None:
    """Every marked string of the Python files under ``source_dir`` into ``ts``; no source locations,
    so that moving code does not change the .ts (the context names the module)."""
    files = sorted(str(p) for p in source_dir.rglob("*.py"))
    _run([tool("pyside6-lupdate"), *files, "-ts", str(ts), "-no-obsolete", "-locations", "none",
          "-target-language", language, "-silent"])


def lrelease(ts: Path, qm: Path) -> None:
    _run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm), "-silent"])


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) -> the <message> element of ``ts``."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            found[(name, message.findtext("source", ""))] = message
    return found


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every entry without a finished translation."""
    return [key for key, message in messages(ts).items()
            if message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
            or not (message.findtext("translation") or "").strip()]


def read_json(path: Path) -> list[dict]:
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SystemExit(f"{path}: {exc}") from None
    if not isinstance(entries, list):
        raise SystemExit(f"{path}: expected a list of {{context, source, translation}}")
    for number, entry in enumerate(entries):
        if not (isinstance(entry, dict) and all(isinstance(entry.get(k), str)
                                                for k in ("context", "source", "translation"))):
            raise SystemExit(f"{path}: entry {number}: needs the strings context, source and translation")
    return entries


def merge(ts: Path, json_files: list[Path]) -> list[str]:
    """Fills ``ts``'s translations from the JSON files; returns what could not be placed, and the
    sources two files translate differently."""
    tree = ET.parse(ts)
    by_key = {(c.findtext("name", ""), m.findtext("source", "")): m
              for c in tree.getroot().iter("context") for m in c.iter("message")}
    missing, given = [], {}
    for path in json_files:
        for entry in read_json(path):
            key = (entry["context"], entry["source"])
            message = by_key.get(key)
            if message is None:
                missing.append(f"{path.name}: not in the .ts: [{key[0]}] {key[1]!r}")
                continue
            if key in given and given[key][1] != entry["translation"]:   # the later file's wins
                missing.append(f"{path.name}: [{key[0]}] {key[1]!r} is translated differently in {given[key][0]}")
            given[key] = (path.name, entry["translation"])
            translation = message.find("translation")
            translation.text = entry["translation"]
            translation.attrib.pop("type", None)
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', encoding="utf-8")
    return missing


def update(source_dir: Path, ts: Path, qm: Path, json_files: list[Path]) -> tuple[list[str], list]:
    """The three steps; lupdate runs again after a merge so that the .ts keeps Qt's own layout."""
    lupdate(source_dir, ts)
    missing = merge(ts, json_files) if json_files else []
    if json_files:
        lupdate(source_dir, ts)
    lrelease(ts, qm)
    return missing, unfinished(ts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--merge", nargs="+", type=Path, default=[], metavar="FILE.json",
                        help="fill translations from these JSON files first")
    args = parser.parse_args(argv)
    ts, qm = HERE / f"bpgui_{LANGUAGE}.ts", HERE / f"bpgui_{LANGUAGE}.qm"
    missing, left = update(ROOT / "bpgui", ts, qm, args.merge)
    for line in missing:
        print(line)
    for context, source in left:
        print(f"unfinished: [{context}] {source!r}")
    total = len(messages(ts))
    print(f"{ts.name}: {total} strings, {total - len(left)} translated, {len(left)} unfinished; {qm.name} written")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
