"""A month word inside a person's name is no date (issue #13: a date inside a proper name)."""

from datetime import date

from digests.extract.pipeline import run


def _times(text: str) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in run(text, date(2018, 3, 6))["times"]]


def test_a_month_in_a_name_is_no_date() -> None:
    text = (
        "Prime Minister Theresa May will meet the Irish premier in Dublin next week, aides said.\n\n"
        "Mrs. May will then travel to Brussels in June, according to her office."
    )
    times = _times(text)
    assert ("May", "2018-05") not in times
    assert ("June", "2018-06") in times and ("next week", "2018-W11") in times
    events = run(text, date(2018, 3, 6))["events"]
    assert all(e.date != "2018-05" for e in events)


def test_a_first_name_that_is_a_month() -> None:
    times = _times("White House correspondent April Ryan asked the press secretary on Monday.")
    # the name's "April" goes; the Monday stays
    assert [text for text, _ in times] == ["Monday"]


def test_a_month_beside_a_name_stays() -> None:
    # "in May" after a name is the month; an adverb swallowed by a name keeps its time
    assert ("May", "2018-05") in _times("The envoy said Rutte would visit Kyiv in May.")
