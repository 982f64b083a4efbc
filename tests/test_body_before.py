"""A bare "the agency" / "the ministry" speaks for the body named last before it whose name that
noun heads (quotes/resolver.py ``_body_before``), however many other bodies the text names."""

from __future__ import annotations

from datetime import date

from digests.extract import extract

_TEXT = (
    "Officials of the Meridian Space Agency met engineers of Harlow Motors in Tallinn on Monday.\n\n"
    "Harlow Motors will build the rover, its chief engineer Anna Reyes said.\n\n"
    '"The launch is set for the spring," the agency said in a statement.\n\n'
    'The Ministry of Coastal Affairs also backed the plan. "We are ready to help," the ministry said.\n\n'
    'The Baltic Transport Agency later joined. "The port is open," the agency said.\n'
)


def _speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract(text, date(2026, 1, 5)).quotes]


def test_the_agency_is_the_last_agency_named_before_it() -> None:
    assert _speakers(_TEXT) == [
        ("The launch is set for the spring,", "Meridian Space Agency"),  # not Harlow Motors, named since
        ("We are ready to help,", "Ministry of Coastal Affairs"),  # a head before "of"
        ("The port is open,", "Baltic Transport Agency"),  # not the Meridian agency, named before it
    ]


def test_many_bodies_between_keep_the_last_agency() -> None:
    # an agency named once, then many paragraphs of other bodies, each with a quote of its own:
    # the agency's "the agency said" at the end still finds the one agency, far back
    towns = ["Arvel", "Brisk", "Coltan", "Dunmore", "Elkford", "Farrow", "Gilden", "Hollin"]
    parts = ["The Northern Grain Agency opened an office in Riga on Monday.\n"]
    for i in range(200):
        town = towns[i % len(towns)]
        parts.append(f'{town} Motors hired {i + 3} workers. "Sales rose," {town} Motors said.\n')
    parts.append('"Stocks are full," the agency said.\n')
    found = _speakers("\n".join(parts))
    assert found[-1] == ("Stocks are full,", "Northern Grain Agency")
    assert found[0] == ("Sales rose,", "Arvel Motors")
