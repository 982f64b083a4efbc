"""Events linked to participants named before them ("both leaders", "the summit")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from digests.extract import extract
from digests.ingest import ingest_articles
from digests.sources import read_path
from digests.store import Store
from digests.timelines import timeline

SAMPLE = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "xi-lee-summit.txt"

_TEXT = """Talks in Valdora

Chancellor Ingrid Halvorsen of Norland hosted President Tomas Okonkwo of Belmark on Monday.

Officials said both leaders will meet again in Valdora on March 3 and 4, a date not yet confirmed.

Separately, analyst Peter Quist said the markets were calm. The summit will open on June 9.
"""


def _events(text: str) -> dict[str, list[str]]:
    facts = extract(text, date(2026, 2, 2))
    return {ev.date: ev.entities for ev in facts.events}


def test_both_leaders_are_the_leaders_named_before() -> None:
    ev = _events(_TEXT)
    assert {"Ingrid Halvorsen", "Tomas Okonkwo"} <= set(ev["2026-03-03"])


def test_the_summit_takes_the_people_of_the_sentence_before_not_leaders_only() -> None:
    ev = _events(_TEXT)
    assert "Peter Quist" in ev["2026-06-09"]
    assert "Tomas Okonkwo" not in ev["2026-06-09"]


def test_a_clause_naming_its_own_people_keeps_them_only() -> None:
    text = (
        "Minister Jana Novak met Minister Karel Dvorak on Monday.\n\n"
        "Novak said the meeting with Ambassador Lena Berg will take place on May 5."
    )
    ev = _events(text)
    assert "Karel Dvorak" not in ev["2026-05-05"]


@pytest.mark.parametrize("who", ["Takaichi", "Nara", "Sanae Takaichi"])
def test_sample_article_timeline_shows_the_nara_summit(tmp_path: Path, who: str) -> None:
    if not SAMPLE.is_file():
        pytest.skip(f"the sample article is not here: {SAMPLE}")
    with Store.open(tmp_path / "s.db") as store:
        report = ingest_articles(store, [read_path(SAMPLE, published=date(2026, 1, 6))])
        assert report.failed == 0
        tl = timeline(store, who, today=date(2026, 1, 6))
    events = tl.past + tl.coming_up
    assert any(e.date == "2026-01-13" and e.date_end == "2026-01-14" for e in events), [
        (e.date, e.text[:60]) for e in events
    ]


def test_joint_reference_words_are_data() -> None:
    from digests.extract import event_participants
    from digests.extract.lexicon import JOINT_REFERENCE, joint_words

    # every word has known kinds (a typo in the file would silently drop a word)
    kinds = {"group", "office", "role", "meeting"}
    assert all(set(tags.split()) <= kinds for tags in JOINT_REFERENCE.values())
    assert set(joint_words("office")) <= set(joint_words("group"))
    # the patterns are built from the file: each of its words is matched where the grammar allows
    for word in joint_words("group"):
        assert event_participants._JOINT.search(f"both {word} will meet")
        assert event_participants._JOINT.search(f"the two {word} agreed")
    for role in joint_words("role"):
        assert event_participants._LEADER_ROLE.search(f"the {role.title()} of Aldoria")
    for noun in joint_words("meeting"):
        assert event_participants._MEETING.search(f"their planned {noun} will open")
    assert not event_participants._JOINT.search("both leaderships")
