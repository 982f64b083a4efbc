"""Quotation attribution sieves, each on a text where it alone names the speaker."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from digests.extract import quotes as qt
from digests.extract.entities import find_entities
from digests.extract.text import parse_document

BASE = (qt.sieve_after, qt.sieve_cue_before)
# (sieve, text, the quotation it must attribute, sieves that must already be in place)
CASES = [
    (
        qt.sieve_after,
        'Talks resumed.\n"We will win this vote," said Ana Lima.\n',
        "We will win this vote,",
        (),
    ),
    (
        qt.sieve_after,
        'Talks resumed.\n"We will win this vote," Ana Lima told reporters.\n',
        "We will win this vote,",
        (),
    ),
    (
        qt.sieve_cue_before,
        'Talks resumed.\nAna Lima said: "We will win this vote."\n',
        "We will win this vote.",
        (),
    ),
    (
        qt.sieve_cue_before,
        'Talks resumed.\nThe vote, according to Ana Lima, "is already won by the union and its allies."\n',
        "is already won by the union and its allies.",
        (),
    ),
    (
        qt.sieve_lead_phrase,
        'Ana Lima said talks resumed.\nAs Ana Lima put it, "the vote is already won by the union."\n',
        "the vote is already won by the union.",
        (),
    ),
    (
        qt.sieve_lead_phrase,
        'Ana Lima said talks resumed. Added Ana Lima, "We will win this vote."\n',
        "We will win this vote.",
        (),
    ),
    (
        qt.sieve_colon_intro,
        'Talks resumed.\nAna Lima, the union leader, had one message: "We will strike next week."\n',
        "We will strike next week.",
        (),
    ),
    (
        qt.sieve_sentence_end,
        'Talks resumed.\n"We will win this vote" for the workers of the plant, Ana Lima said.\n',
        "We will win this vote",
        (),
    ),
    (
        qt.sieve_same_sentence,
        'Talks resumed.\nAna Lima said "we will win the vote" and "we will govern the city well."\n',
        "we will govern the city well.",
        BASE,
    ),
    (
        qt.sieve_later_in_sentence,
        'Talks resumed.\n"We are ready" and "we will win the vote," Ana Lima said.\n',
        "We are ready",
        BASE,
    ),
    (
        qt.sieve_previous_colon,
        "Talks resumed.\nUnion leader Ana Lima put it this way:\n"
        '"We will win the vote in May, whatever they do."\n',
        "We will win the vote in May, whatever they do.",
        (),
    ),
    (
        qt.sieve_continuation,
        'Talks resumed.\nAna Lima said: "We will win the vote." "Then we will govern the city."\n',
        "Then we will govern the city.",
        BASE,
    ),
    (
        qt.sieve_carried_over,
        'Talks resumed.\n"We will win the vote," Ana Lima said.\n'
        '"Then we will govern the city, and govern it well."\n',
        "Then we will govern the city, and govern it well.",
        BASE,
    ),
    (
        qt.sieve_reported_before,
        "Talks resumed.\nAna Lima said the union would win the vote.\n"
        '"Then we will govern the city, and govern it well."\n',
        "Then we will govern the city, and govern it well.",
        (),
    ),
]


def _speaker(text: str, quote: str, sieves: Sequence[qt.Sieve]) -> str | None:
    doc = parse_document(text)
    found = qt.find_quotes(doc, find_entities(doc), sieves)
    hit = [q for q in found if q.text == quote]
    assert hit, [q.text for q in found]
    return hit[0].speaker


def test_the_sieves_run_in_the_documented_order() -> None:
    assert [s.__name__.removeprefix("sieve_") for s in qt.SIEVES] == [
        "after",
        "it_after",
        "cue_before",
        "lead_phrase",
        "colon_intro",
        "sentence_end",
        "same_sentence",
        "later_in_sentence",
        "previous_colon",
        "continuation",
        "carried_over",
        "reported_before",
    ]


@pytest.mark.parametrize(("sieve", "text", "quote", "needs"), CASES, ids=[c[0].__name__ for c in CASES])
def test_each_sieve_alone_names_the_speaker(
    sieve: qt.Sieve, text: str, quote: str, needs: Sequence[qt.Sieve]
) -> None:
    with_it = tuple(needs) + ((sieve,) if sieve not in needs else ())
    assert _speaker(text, quote, with_it) == "Ana Lima"
    without = tuple(s for s in qt.SIEVES if s is not sieve)
    assert _speaker(text, quote, without) != "Ana Lima" or sieve in needs
    assert _speaker(text, quote, qt.SIEVES) == "Ana Lima"


def test_it_after_alone_rests_the_quotation_on_it() -> None:
    text = (
        'The Harbour Gazette ran the story.\n"The pier will close," the Gazette wrote.\n'
        '"It was old," it added.\n'
    )
    doc = parse_document(text)
    for sieves, want in ((qt.SIEVES, (text.index("it added"), "Harbour Gazette")), (BASE, (None, None))):
        found = qt.find_quotes(doc, find_entities(doc), sieves)
        q = next(q for q in found if q.text == "It was old,")
        assert ((q.speaker_span or (None,))[0], q.speaker) == want
