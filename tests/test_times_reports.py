"""What "a year earlier" compares with in a company's results (sentences of our own): the quarter just
reported, a year back; after a year-to-date period reported in its paragraph ("For the nine months"),
the year before, as the TempEval annotators value it (the quarter is no part of the comparison)."""

from __future__ import annotations

from datetime import date

from digests.extract import extract

PUBLISHED = date(2026, 10, 28)


def _values(text: str, expr: str) -> list[str]:
    return [t.value for t in extract(text, PUBLISHED).times if t.text.lower() == expr]


def test_a_year_earlier_after_the_quarter_is_that_quarter_a_year_back() -> None:
    text = "Harbour Freight's third-quarter net rose to $5 million from $4 million a year earlier."
    assert _values(text, "a year earlier") == ["2025-Q3"]


def test_a_year_earlier_after_the_nine_months_is_the_year_before() -> None:
    text = (
        "Harbour Freight's third-quarter net rose to $5 million from $4 million a year earlier.\n\n"
        "For the nine months, net was $12 million, compared with $10 million a year earlier. "
        "Revenue in the first nine months rose 8% from year-earlier levels."
    )
    assert _values(text, "a year earlier") == ["2025-Q3", "2025"]
    assert _values(text, "year-earlier") == ["2025"]


def test_the_quarter_named_again_is_compared_again() -> None:
    # a quarter named after the nine months, or a new paragraph, brings the quarter back
    text = (
        "Harbour Freight's third-quarter net rose to $5 million from $4 million a year earlier. "
        "For the nine months, net was $12 million, compared with $10 million a year earlier.\n\n"
        "Sales rose 4% to $80 million from $77 million a year earlier."
    )
    assert _values(text, "a year earlier") == ["2025-Q3", "2025", "2025-Q3"]
