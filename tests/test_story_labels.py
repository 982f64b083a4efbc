"""Our story labels (tests/data/grouping/allsides_labels.csv) as bench.story_labels reads them."""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.story_labels import (  # noqa: E402
    CHECK_SETS,
    CLEAN_CHECK_SETS,
    CORPORA,
    CROSS,
    _labels,
    _set_of,
    totals,
)

LABELS = ROOT / "tests" / "data" / "grouping" / "allsides_labels.csv"
INDEX = ROOT.parent / "shared" / "eval" / "realnews" / "allsides.csv"


def _rows() -> list[dict[str, str]]:
    return list(csv.DictReader(LABELS.open(encoding="utf-8")))


def test_each_label_names_its_week_and_each_article_is_labelled_once() -> None:
    rows = _rows()
    assert [k for k, n in Counter(r["url"] for r in rows).items() if n > 1] == []
    first: dict[str, date] = {}
    for r in rows:
        assert re.fullmatch(r"\d{4}w\d{2}-[a-z0-9-]+", r["story"]), r["story"]
        day = date.fromisoformat(r["published"])
        first[r["story"]] = min(day, first.get(r["story"], day))
    # a story is named by the ISO week of its first article (it may go on into the next week)
    for story, day in first.items():
        year, week, _ = day.isocalendar()
        assert story[:7] == f"{year}w{week:02d}", story


def test_the_check_weeks_are_labelled_and_reported_apart_from_the_tuned_weeks() -> None:
    labels = _labels(CORPORA["allsides"][1])
    sets = Counter(_set_of("allsides", story, day) for story, day in labels.values())
    assert set(CHECK_SETS | CLEAN_CHECK_SETS) <= sets.keys()
    assert not CHECK_SETS & CLEAN_CHECK_SETS
    assert (sets["2014w36"], sets["2018w21"], sets["2014w38"]) == (30, 26, 32)
    # 2014w37, the clean check before 2014w38 was labelled, is tuned on since
    assert "2014w37" not in CHECK_SETS | CLEAN_CHECK_SETS
    assert sum(n for s, n in sets.items() if s not in CHECK_SETS | CLEAN_CHECK_SETS) == 214
    # the check weeks share their calendar months with another labelled set (2018w21 May 2018 with
    # 2018w19, 2014w38 September 2014 with 2014w36 and 2014w37: the articles span five months, all
    # labelled before them), and the pairs across two sets of one month count in none of the figures
    months: dict[str, set[str]] = {}
    for story, day in labels.values():
        months.setdefault(_set_of("allsides", story, day), set()).add(day[:7])
    assert months["2014w38"] == months["2014w37"] == months["2014w36"] == {"2014-09"}
    counts = {
        "2018w19": (5, 1, 2), "2018w21": (3, 2, 1), "2014w36": (1, 0, 0), "2014w37": (2, 0, 4),
        "2014w38": (6, 1, 3), CROSS: (0, 7, 0),
    }
    assert totals(counts) == ([7, 1, 6], [4, 2, 1], [6, 1, 3])


@pytest.mark.skipif(not INDEX.exists(), reason="no shared AllSides index (../shared/eval/realnews)")
def test_every_labelled_article_is_in_the_shared_index_with_its_day() -> None:
    index = {r["url"]: r["published"][:10] for r in csv.DictReader(INDEX.open(encoding="utf-8"))}
    assert [(r["url"], r["published"]) for r in _rows() if index.get(r["url"]) != r["published"]] == []
