"""What a long ingest tells its user at the end and along the way: every warning names its
input, a folder's other files are counted, and the summary says why inputs failed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from digests.ingest import ingest_inputs
from digests.ingest_report import failure_reason
from digests.store import Store

ARTICLE = """---
title: Harbour council approves the new ferry timetable
source: The Pebble Gazette
published: 2026-02-03
---
The harbour council approved the new ferry timetable on Tuesday after a long debate about
night crossings. Councillors said the later boats would help shift workers get home safely.
The first crossings under the new timetable start next month, the council's clerk said.
"""


def _ingest(store: Store, inputs: list[str]) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    ingest_inputs(store, inputs, out=out, err=err)
    return out.getvalue(), err.getvalue()


def test_summary_names_the_reasons_of_failures_and_counts_warnings(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a-ferry.txt").write_text(ARTICLE, "utf-8")
    (folder / "b-empty.txt").write_text("", "utf-8")
    (folder / "c-empty.md").write_text("", "utf-8")
    (folder / "d-blob.html").write_bytes(bytes(range(1, 32)) * 64)
    with Store.open(tmp_path / "g.db") as store:
        out, err = _ingest(store, [str(folder)])
    assert out.splitlines()[-1] == (
        "1 article: 1 new, 0 updated, 0 unchanged; 3 failed: 2 empty file, 1 binary file"
    )
    assert "Traceback" not in err


def test_every_warning_names_its_input(tmp_path: Path) -> None:
    page = tmp_path / "nul.txt"
    page.write_bytes(ARTICLE.replace("night crossings", "night\x00 crossings").encode())
    with Store.open(tmp_path / "g.db") as store:
        out, err = _ingest(store, [str(page)])
    warnings = [line for line in err.splitlines() if line.startswith("warning:")]
    assert warnings == [f"warning: {page}: 1 stray NUL byte removed"]
    assert out.splitlines()[-1].endswith("; 1 warning")


def test_a_folders_other_files_are_counted_not_silently_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "ferry.txt").write_text(ARTICLE, "utf-8")
    (folder / "data.json").write_text("{}", "utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    (folder / "more.json").write_text("[]", "utf-8")
    (folder / ".hidden").write_text("x", "utf-8")
    with Store.open(tmp_path / "g.db") as store:
        out, err = _ingest(store, [str(folder)])
    assert f"warning: {folder}: 3 other files left out (2 .json, 1 .pdf): only .txt" in err
    assert out.splitlines()[-1] == "1 article: 1 new, 0 updated, 0 unchanged; 1 warning"


def test_an_undated_article_line_keeps_the_columns(tmp_path: Path) -> None:
    dated, undated = tmp_path / "a.txt", tmp_path / "b.txt"
    dated.write_text(ARTICLE, "utf-8")
    undated.write_text(ARTICLE.replace("published: 2026-02-03\n", "").replace("ferry", "tram"), "utf-8")
    with Store.open(tmp_path / "g.db") as store:
        out, _ = _ingest(store, [str(dated), str(undated)])
    first, second = out.splitlines()[:2]
    assert first.index("Harbour") == second.index("Harbour")


def test_failure_reason_is_the_short_reason() -> None:
    assert failure_reason("inbox/a.html: binary file (control characters), not text") == "binary file"
    assert failure_reason("https://news.example/x: HTTP 404 Not Found") == "HTTP 404 Not Found"
    assert failure_reason("https://news.example/e1: skipped: no text, no link") == "no text"
    assert failure_reason("something odd") == "something odd"


def test_reextract_shows_progress_when_asked(tmp_path: Path) -> None:
    from digests.ingest import reextract

    for i, place in enumerate(("ferry", "tram", "bridge")):
        (tmp_path / f"{i}.txt").write_text(ARTICLE.replace("ferry", place), "utf-8")
    with Store.open(tmp_path / "g.db") as store:
        _ingest(store, [str(tmp_path / f"{i}.txt") for i in range(3)])
        quiet, shown = io.StringIO(), io.StringIO()
        assert reextract(store, err=quiet).updated == 3
        assert quiet.getvalue() == ""
        assert reextract(store, err=shown, progress=True).updated == 3
    assert "/3 [" in shown.getvalue()  # tqdm's "n/total [elapsed" counter


def test_an_undated_article_is_undated_in_every_listing(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """The same word for a missing date in `ingest`, `sources` and /sources ("no date" and
    "????-??-??" were shown beside /sources' "undated")."""
    from bot.cli import main

    undated = tmp_path / "b.txt"
    undated.write_text(ARTICLE.replace("published: 2026-02-03\n", ""), "utf-8")
    db = str(tmp_path / "g.db")
    assert main(["--db", db, "ingest", str(undated)]) == 0
    assert main(["--db", db, "sources"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("new       #1     undated     Harbour")
    assert out[-1].startswith("#1     undated     The Pebble Gazette")
