"""Roles as shown in "Who is talking" and /who-said, and which person a one-word name means."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from digests.models import Article, Entity, Extraction, Quote
from digests.queries import who_said
from digests.store import Store
from digests.store.names import display_role


@pytest.mark.parametrize(("stored", "shown"), [
    # a weekday or a clause the role ran into
    ("Former national security adviser, Thursday", "Former National Security Adviser"),
    ("second-ranking House Democrat said on radio Friday", "second-ranking House Democrat"),
    ("retired teacher -- told reporters that the ruling", "retired teacher"),
    # cut off on "U.S." or a dangling word
    ("former chief U", None),
    ("veteran diplomat now", "veteran diplomat"),
    ("retired navy pilot now living", "retired navy pilot"),
    ("city now", None),
    # another person's or several people's description
    ("another aid worker", None),
    ("three originally from Leeds", None),
    # bare abbreviations spelt out, one person
    ("Sen.", "Senator"),
    ("Reps.", "Representative"),
    ("Lt. Col.", "Lieutenant Colonel"),
    ("Adm.", "Admiral"),
    # abbreviated titles inside a role spelt out too, a doubled one once
    ("South Coast Republican Sen.", "South Coast Republican Senator"),
    ("Harbour Press Secretary Rear Adm.", "Harbour Press Secretary Rear Admiral"),
    ("Republican Sens.", "Republican Senator"),
    ("Rep., Valdora", "Representative, Valdora"),
    ("Sen. Sen.", "Senator"),
    ("top aide to Gen. Berg", "top aide to General Berg"),
    ("Mass. state trooper", "Mass. state trooper"),
    # an office a capitalised role opens with in one letter case; a lower-case role as written
    ("Prime minister", "Prime Minister"),
    ("prime minister of Norway", "prime minister of Norway"),
    ("secretary of state", "secretary of state"),
    ("Valdora-based scholar of regional trade", "Valdora-based scholar of regional trade"),
    # left as written
    ("Foreign Minister, Japan", "Foreign Minister, Japan"),
    ("now a newspaper columnist", "now a newspaper columnist"),
    ("analyst", "analyst"),
    ("Chief", "Chief"),
    ("former chief", None),
    ("driver for the Sunday market traders", "driver for the Sunday market traders"),
    # a phrase that reads as no role: a body, a name, a time, a clause before the name
    ("self-declared Northland People's Republic", None),
    ("Northland People", None),
    ("Varnia acted so meek", None),
    ("Eastport last week", None),
    ("during an interview aired by broadcaster NRK", None),
    ("Islamist army", None),
    ("Baghdad housewife", "Baghdad housewife"),
    ("Nobel Peace Prize winner", "Nobel Peace Prize winner"),
    (None, None),
    ("", None),
])
def test_display_role(stored: str | None, shown: str | None) -> None:
    assert display_role(stored) == shown


def _save(store: Store, url: str, text: str, people: list[tuple[str, str, str]]) -> None:
    entities = []
    quotes = []
    for name, role, said in people:
        s = text.index(name)
        entities.append(Entity(name=name, type="person", role=role, mentions=[(s, s + len(name))]))
        q = text.index(said)
        quotes.append(Quote(speaker=name, speaker_role=role, kind="indirect", text=said,
                            start=q, end=q + len(said)))
    article = Article(text=text, title="Hearing", source="The Pebble Gazette", url=url,
                      published=date(2026, 2, 2))
    store.save(article, Extraction(entities=entities, quotes=quotes))


def test_one_name_word_means_the_person_whose_surname_it_is(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "w.db")
    try:
        _save(store, "https://pebble.example/a",
              "Air Force Secretary Anna Lee Moss said the base would stay open. "
              "Senator Tom Lee said the budget was short.",
              [("Anna Lee Moss", "Air Force Secretary", "the base would stay open"),
               ("Tom Lee", "Sen.", "the budget was short")])
        answer = who_said(store, "Lee")
        assert answer.person is not None and answer.person.name == "Tom Lee"
        assert answer.quotes[0].speaker_role == "Senator"
        # the middle name still finds her when it is the whole of what was typed with her surname
        moss = who_said(store, "Moss")
        assert moss.person is not None and moss.person.name == "Anna Lee Moss"
    finally:
        store.close()


def test_a_sentence_opening_gerund_is_no_part_of_a_name() -> None:
    from digests.extract import extract

    text = ("Having Dunmore on the panel matters, aides said. \"We need him,\" said Senator Paul "
            "Dunmore. Keeping a plan is having a choice. Fleming said the talks were long. "
            "Harding said the vote was close.")
    names = {e.name for e in extract(text).entities if e.type == "person"}
    assert not any(n.startswith("Having") for n in names)
    assert "Paul Dunmore" in names and "Harding" in names and "Fleming" in names
