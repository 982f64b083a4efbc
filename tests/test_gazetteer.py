"""One gazetteer for fact extraction and digest scopes: one country name per country everywhere."""

from __future__ import annotations

from datetime import date

import pytest

from digests import gazetteer, topics
from digests.extract import extract
from digests.extract import lexicon as lx


def test_every_form_names_one_country() -> None:
    codes: dict[str, set[str]] = {}
    for f in gazetteer.forms():
        codes.setdefault(f.form, set()).add(f.code)
    assert {form: c for form, c in codes.items() if len(c) > 1} == {}
    names = [f.code for f in gazetteer.forms() if f.kind == "name"]
    assert len(names) == len(set(names)), "a code with two display names"


def test_extraction_and_digests_agree_on_names_and_capitals() -> None:
    for f in gazetteer.forms():
        if f.code:
            assert lx.country_label(f.code) == topics.country_name(f.code)
        if f.kind == "capital":
            assert lx.place_country(f.form) == topics.country_code(f.form) == f.code, f.form
        if f.kind in ("name", "country") and f.code:
            assert topics.country_code(f.form) == f.code, f.form


@pytest.mark.parametrize(
    ("written", "code"),
    [("Türkiye", "TR"), ("Turkey", "TR"), ("Cabo Verde", "CV"), ("Brunei Darussalam", "BN")],
)
def test_one_country_name_per_country_everywhere(written: str, code: str) -> None:
    text = f"Ministers met in {written} on Monday.\nThe talks in {written} ended early.\n"
    places = [e for e in extract(text, date(2026, 3, 2)).entities if e.type == "place"]
    assert [(e.name, e.country) for e in places] == [(topics.country_name(code), code)]
    assert topics.countries_in(text) == [code]


def test_capitals_count_in_digests_as_in_extraction() -> None:
    # "Canberra" was written with a trailing blank in the old extraction table and missing
    # from the digest one; both read the same line now
    assert lx.place_country("Canberra") == topics.country_code("canberra") == "AU"
    assert topics.countries_in("Officials in Canberra and Wellington said") == ["AU", "NZ"]


def test_ambiguous_forms_are_not_counted_alone_in_digests() -> None:
    assert topics.countries_in("Jordan Peterson spoke in Georgia") == []
    assert topics.country_code("Jordan") == "JO"  # a reader asking for it still gets the country
