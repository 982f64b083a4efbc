"""Coming up lists events to come, not the ends of states: "her mandate runs until February 2027"
or "the treaty expires in 2031" is background (resources/time/state_ends.txt), left out beyond the
digest's horizon; within it the end is a deadline and stays ("the ceasefire expires on Friday").
A date a state ends on is no one's proposal ("demanded ... past the deal's sunset in 2030")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from digests.digest import build_digest
from digests.extract import extract
from digests.extract.status import STATE_END
from digests.models import Article
from digests.store import Store

PUBLISHED = date(2026, 11, 24)  # a Tuesday
TEXT = """Valdora's coalition holds

Prime Minister Ada Lind's mandate runs until February 2027, her office said on Monday.

The fishing treaty with Norway expires in March 2027, officials said.

The ceasefire in the north expires on Friday.

The spending bill keeps the port authority funded through March 2027.

Ministers left open the option of extending the truce beyond April 2027.

President Tomas Berg will visit Vell in January.
"""


def test_far_ends_of_states_are_left_out_of_coming_up(tmp_path: Path) -> None:
    facts = extract(TEXT, PUBLISHED)
    planned = {e.date for e in facts.events if e.status == "planned"}
    assert planned >= {"2027-02", "2027-03", "2026-11-27", "2027-01", "2027-04"}
    with Store.open(tmp_path / "c.db") as store:
        store.save(Article(title="Valdora's coalition holds", text=TEXT, published=PUBLISHED,
                           source="Harbour Ledger", url="https://example.org/coalition"), facts)
        digest = build_digest(store, date(2026, 11, 18), date(2026, 11, 24))
    assert [c.date for c in digest.coming_up] == ["2026-11-27", "2027-01"]


@pytest.mark.parametrize(
    "sentence",
    [
        "her mandate runs until February 2027",
        "the treaty expires in 2031",
        "a six-year term through 2030",
        "his term ends in 2028",
        "the pact remains in force until 2035",
        "curbed past the deal's sunset in 2030",
        "keeps the port authority funded through March 2027",
        "the option of extending the truce beyond April 2027",
    ],
)
def test_state_ends(sentence: str) -> None:
    assert STATE_END.search(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["the talks run on Friday", "the summit ends a long feud", "it ran out",
     "the ministry funded the bridge in May"],
)
def test_not_state_ends(sentence: str) -> None:
    assert not STATE_END.search(sentence)


def test_a_date_a_state_ends_on_is_no_proposal() -> None:
    text = "Lind repeated her demand that the levy be kept past the pact's sunset in 2030."
    assert [e.status for e in extract(text, PUBLISHED).events] == ["planned"]
    assert [e.status for e in extract("Lind demanded a vote on the pact by Friday.", PUBLISHED).events] == [
        "proposed"
    ]


DECIDED = """Valdora's border mission

The mission has trained some 4,000 guards since it began, and its mandate runs until January 2027. \
Member states must decide next month whether to renew it.

The Vell ferry line will reopen in January, the port said.
"""


def test_a_state_end_and_the_decision_on_it_are_one_entry(tmp_path: Path) -> None:
    # within the horizon the end is a deadline; the decision told right after it is about that end:
    # one entry, in the end's clause and the decision's words (the ferry of the same month stays apart)
    facts = extract(DECIDED, date(2026, 12, 10))
    assert [e.date for e in facts.events if e.status == "planned"].count("2027-01") == 3
    with Store.open(tmp_path / "c.db") as store:
        store.save(Article(title="Valdora's border mission", text=DECIDED, published=date(2026, 12, 10),
                           source="Harbour Ledger", url="https://example.org/mission"), facts)
        digest = build_digest(store, date(2026, 12, 4), date(2026, 12, 10))
    # (the pronoun named by its sentence's subject: digests/digest/shown.py)
    assert sorted(c.text for c in digest.coming_up) == [
        "The Vell ferry line will reopen in January, the port said.",
        "The mission's mandate runs until January 2027. Member states must decide next month whether "
        "to renew it.",
    ]


def test_a_state_end_alone_shows_its_own_clause(tmp_path: Path) -> None:
    text = "Valdora's mission\n\nIts ships escorted 900 vessels, and its mandate runs until January 2027.\n"
    facts = extract(text, date(2026, 12, 10))
    with Store.open(tmp_path / "c.db") as store:
        store.save(Article(title="Valdora's mission", text=text, published=date(2026, 12, 10),
                           source="Harbour Ledger", url="https://example.org/m"), facts)
        digest = build_digest(store, date(2026, 12, 4), date(2026, 12, 10))
    assert [c.text for c in digest.coming_up] == ["Its mandate runs until January 2027."]
