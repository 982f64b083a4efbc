"""bench/sample_figures: the seeded draw, the saved run and the judged labels, on articles of our own."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bench import sample_figures as sf

ARTICLE = """---
title: Harbour works
published: 2025-03-04
---
Harbour works

The port authority spent $2.5 billion on the new quay, and 400 dockers were hired.

About 30 percent of the cargo now arrives by rail, the authority said.
"""

HEADER = ("round", "seed", "index", "file", "start", "end", "value", "unit", "verdict", "want", "note")


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "arts"
    folder.mkdir()
    (folder / "2025-03-04_harbour.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_draw_is_seeded_and_shows_the_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    sf.main(["--dir", str(folder), "--show", "--n", "2", "--labels", str(tmp_path / "none.csv")])
    first = capsys.readouterr().out
    sf.main(["--dir", str(folder), "--show", "--n", "2", "--labels", str(tmp_path / "none.csv")])
    assert capsys.readouterr().out == first
    assert "figures=3" in first and "## 2 figures (of 3, seed 41)" in first
    assert "[[$2.5 billion]]" in first or "[[400 dockers]]" in first or "[[About 30 percent]]" in first


def test_saved_run_and_labels_rechecked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    saved = tmp_path / "run.json"
    sf.main(["--dir", str(folder), "--save", str(saved), "--labels", str(tmp_path / "none.csv")])
    rows, texts = sf.figures_of(folder)
    text = next(iter(texts.values()))
    money = next(r for r in rows if r[4] == "USD")
    assert text[money[1] : money[2]] == "$2.5 billion" and sf.reading(money[3], money[4]) == "2500000000 USD"
    dockers = next(r for r in rows if r[5] == "dockers")
    labels = tmp_path / "labels.csv"
    with labels.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerow(["t", 1, 1, money[0], money[1], money[2], 2.5e9, "USD", "right", "", ""])
        w.writerow(["t", 1, 2, dockers[0], dockers[1], dockers[2], 400, "", "right", "400 | dockers", ""])
        w.writerow(["t", 1, 3, dockers[0], dockers[1], dockers[2], 400, "", "identifier", "-", ""])
        w.writerow(["t", 1, 4, money[0], money[1], money[2], 2.5, "USD", "value", "2.5 USD", ""])
    capsys.readouterr()
    sf.main(["--dir", str(folder), "--against", str(saved), "--labels", str(labels)])
    out = capsys.readouterr().out
    assert "0 figures gone or changed, 0 new or changed" in out
    assert "seed 1: judged 4: right 2, identifier 1, value 1; right now 2/4" in out
