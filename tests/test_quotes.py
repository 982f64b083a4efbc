"""Quotations and reported speech, one attribution pattern at a time, on texts of our own.

The texts live in ``tests/data/quotes/``, each in a different house style.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from digests.extract import parse_document
from digests.extract.entities import find_entities
from digests.extract.quotes import find_quotes
from digests.models import Quote

DATA = Path(__file__).resolve().parent / "data" / "quotes"


def quotes_of(text: str) -> list[Quote]:
    doc = parse_document(text)
    return find_quotes(doc, find_entities(doc))


def load(name: str) -> tuple[str, list[Quote]]:
    text = (DATA / name).read_text(encoding="utf-8")
    return text, quotes_of(text)


def find(quotes: list[Quote], fragment: str, kind: str | None = None) -> Quote:
    hits = [q for q in quotes if fragment in q.text and (kind is None or q.kind == kind)]
    assert hits, f"no {kind or ''} quote containing {fragment!r} in {[q.text[:40] for q in quotes]}"
    return hits[0]


# ------------------------------------------------------------------ wire style: bare surnames


def test_wire_after_quote_bare_surname() -> None:
    text, qs = load("wire_bare_surnames.txt")
    q = find(qs, "We are not going to sign", "direct")
    assert q.speaker == "Pavel Okonkwo"
    assert q.speaker_span is not None and text[q.speaker_span[0] : q.speaker_span[1]] == "Okonkwo"
    assert q.cue == "told"


def test_wire_two_sentence_quote_then_attribution() -> None:
    _, qs = load("wire_bare_surnames.txt")
    q = find(qs, "Nothing has changed since then", "direct")
    assert q.speaker == "Ines Marchetti"


def test_wire_indirect_said_that_and_added() -> None:
    _, qs = load("wire_bare_surnames.txt")
    assert find(qs, "port agreement with Velaria", "indirect").speaker == "Pavel Okonkwo"
    added = find(qs, "talks would resume after the holiday", "indirect")
    assert (added.speaker, added.cue) == ("Pavel Okonkwo", "added")


def test_wire_according_to_organisation() -> None:
    _, qs = load("wire_bare_surnames.txt")
    q = find(qs, "cost both economies", "indirect")
    assert q.speaker == "Harbourton Chamber of Commerce"
    assert q.cue == "according to"


def test_byline_never_becomes_a_fact() -> None:
    _, qs = load("wire_bare_surnames.txt")
    assert not [q for q in qs if "Reporting by" in q.text or "Lena Fisk" in (q.speaker or "")]


# ------------------------------------------------------------------ honorific style


def test_partial_quote_after_said() -> None:
    _, qs = load("honorific_style.txt")
    q = find(qs, "protect livelihoods", "partial")
    assert q.speaker == "Arun Kessler"


def test_honorific_short_form_resolves_to_full_name() -> None:
    _, qs = load("honorific_style.txt")
    assert find(qs, "his country would not give up", "indirect").speaker == "Arun Kessler"
    assert find(qs, "The fleets will be back", "direct").speaker == "Mirela Sandu"


def test_quote_continuing_after_attribution_keeps_speaker() -> None:
    _, qs = load("honorific_style.txt")
    assert find(qs, "Nobody in the capital believes", "direct").speaker == "Mirela Sandu"


def test_caption_and_signup_are_not_quoted() -> None:
    _, qs = load("honorific_style.txt")
    assert all(q.paragraph > 4 for q in qs)


# ------------------------------------------------------------------ colon and multi-paragraph


def test_colon_at_paragraph_end_introduces_next_paragraph() -> None:
    text, qs = load("colon_and_continuation.txt")
    first = find(qs, "We did not choose this fight", "direct")
    assert first.speaker == "Marta Olsen"
    assert text[first.start : first.end] == first.text


def test_quote_running_over_paragraphs_is_one_quote_per_paragraph() -> None:
    _, qs = load("colon_and_continuation.txt")
    second = find(qs, "We will stay out", "direct")
    assert second.speaker == "Marta Olsen"
    assert "\n" not in second.text


def test_colon_after_cue_verb() -> None:
    _, qs = load("colon_and_continuation.txt")
    q = find(qs, "Our offer is fair", "direct")
    assert (q.speaker, q.cue) == ("Dev Raman", "replied")


# ------------------------------------------------------------------ shared surnames


def test_people_sharing_a_surname_are_told_apart_by_title() -> None:
    _, qs = load("shared_surname.txt")
    assert find(qs, "We are building a buffer", "direct").speaker == "Park Min-jun"
    assert find(qs, "A buffer is useless", "direct").speaker == "Park Soo-ah"
    assert find(qs, "expected growth to fall", "indirect").speaker == "Park Soo-ah"
    assert find(qs, "too cautious", "partial").speaker == "Park Soo-ah"


# ------------------------------------------------------------------ according to, organisations, unnamed


def test_according_to_ministry_and_statement() -> None:
    _, qs = load("according_to_and_orgs.txt")
    assert find(qs, "Grain shipments", "indirect").speaker == "Agriculture Ministry"
    assert find(qs, "prices were likely to ease", "indirect").speaker == "Grain Exporters Association"


def test_inverted_said_with_relative_clause() -> None:
    _, qs = load("according_to_and_orgs.txt")
    assert find(qs, "Farmers had an exceptional year", "direct").speaker == "Henrik Dahl"


def test_unnamed_speaker_stays_null_with_span() -> None:
    text, qs = load("according_to_and_orgs.txt")
    q = find(qs, "political decision dressed up", "partial")
    assert q.speaker is None
    assert q.speaker_span is not None and "trader" in text[q.speaker_span[0] : q.speaker_span[1]]


# ------------------------------------------------------------------ pronouns and scare quotes


def test_pronoun_chain_follows_the_latest_subject() -> None:
    text, qs = load("pronoun_chain.txt")
    she = find(qs, "We owe it to the people", "direct")
    assert she.speaker == "Clara Vidal"
    assert she.speaker_span is not None and text[she.speaker_span[0] : she.speaker_span[1]] == "she"
    assert find(qs, "repairs would cost twice", "indirect").speaker == "Tomas Brandt"
    assert find(qs, "These numbers are a fantasy", "direct").speaker == "Tomas Brandt"


def test_scare_quotes_are_not_speech() -> None:
    _, qs = load("pronoun_chain.txt")
    assert not [q for q in qs if q.text == "Blue Line"]


# ------------------------------------------------------------------ short patterns inline


@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        ('"We will win," said Maria Lopez, the party leader.', "Maria Lopez", "direct"),
        ("\u201cWe will win,\u201d Lopez said.", None, "direct"),
        ("Senator Maria Lopez said: \u201cWe will win.\u201d", "Maria Lopez", "direct"),
        ("\u2018We will win,\u2019 Senator Maria Lopez told supporters.", "Maria Lopez", "direct"),
        (
            "Senator Maria Lopez called the plan \u201ca betrayal of every voter in this state\u201d.",
            "Maria Lopez",
            "partial",
        ),
    ],
)
def test_attribution_patterns(text: str, speaker: str | None, kind: str) -> None:
    qs = [q for q in quotes_of(text) if q.kind != "indirect"]
    assert len(qs) == 1
    assert qs[0].kind == kind
    if speaker is not None:
        assert qs[0].speaker == speaker
    else:
        assert qs[0].speaker_span is not None


def test_nested_quote_stays_inside_outer_quote() -> None:
    text = "\u201cHe told me \u2018never again\u2019 and walked out,\u201d said Ana Ruiz."
    qs = [q for q in quotes_of(text) if q.kind != "indirect"]
    assert len(qs) == 1 and "never again" in qs[0].text
    assert qs[0].speaker == "Ana Ruiz"


def test_offsets_point_at_quoted_words() -> None:
    for path in sorted(DATA.glob("*.txt")):
        text, qs = load(path.name)
        for q in qs:
            assert text[q.start : q.end] == q.text


# ------------------------------------------------------------------ wire datelines and preposed attribution


def test_preposed_attribution_drops_the_dateline() -> None:
    _, qs = load("wire_dateline_preposed.txt")
    q = find(qs, "agreed on Tuesday to reopen", "indirect")
    assert q.speaker == "Jens Holt" and q.cue == "told"
    assert q.text.startswith("Velarian President")


def test_pronoun_after_direct_quote_and_added() -> None:
    _, qs = load("wire_dateline_preposed.txt")
    q = find(qs, "trade officials would meet again", "indirect")
    assert (q.speaker, q.cue) == ("Sofia Aranda", "added")


def test_statement_by_an_organisation() -> None:
    _, qs = load("wire_dateline_preposed.txt")
    assert find(qs, "visa rules would not change", "indirect").speaker == "Foreign Ministry"
    assert find(qs, "open to freight first", "partial").speaker == "Lena Varga"


def test_definite_title_refers_to_the_person_last_named_with_it() -> None:
    _, qs = load("definite_title_anaphora.txt")
    assert find(qs, "We came to listen", "direct").speaker == "Ana Petrova"
    assert find(qs, "The city is ready", "direct").speaker == "Tom Berg"


def test_word_pass_finds_each_listed_word_whole_wherever_it_stands() -> None:
    # the one pass over cue verbs, speaking nouns and pronouns: at the text's start, after a line
    # break, a quotation mark, a dash or a bracket; never inside a word (after a letter beyond
    # ASCII, an apostrophe or a hyphen) nor before one; a multi-word cue across any blanks
    from digests.extract.quotes.scan import _scan_words

    text = (
        "He said it.\n“She told them,” officials—analysts (they) added. Théhe ’said o'he "
        "re-said saidx said’s spokesman’ I pointed  out that Officials say; we said"
    )
    cues, heads, prons = _scan_words(text)

    def spans(found: list[re.Match[str]]) -> list[str]:
        return [f"{m.start()}:{m.group(0)}" for m in found]

    def at(word: str, nth: int = 0) -> str:
        k = -1
        for _ in range(nth + 1):
            k = text.index(word, k + 1)
        return f"{k}:{word}"

    assert spans(prons) == [at("He"), at("She"), at("they"), at("I")]
    assert spans(heads) == [at("officials"), at("analysts"), at("Officials")]
    assert spans(cues) == [
        at("said"),
        at("told"),
        at("added"),
        at("pointed  out"),
        at("say"),
        at("said", 5),
    ]


def test_noun_phrase_read_back_is_searched_wherever_its_pattern_could_match() -> None:
    # nom_back searches _NOM_BACK from the window's fourth chunk back first: every opener (every
    # word of one to three letters, the determiners of more, runs of capitalised words before a
    # possessive, long enough to open before that chunk), followed by none to four words, after
    # the punctuation and blanks it may stand after, finds what the pattern itself finds
    import itertools
    import string

    from digests.extract.quotes.scan import _NOM_BACK, nom_back

    letters = string.ascii_lowercase
    short = ["".join(p) for n in (1, 2) for p in itertools.product(letters, repeat=n)]
    three = ["".join(p) for p in itertools.product(letters, repeat=3)]
    longer = ["their", "this", "that", "these", "those", "three", "another", "other", "some",
              "several", "many", "most", "thee", "mother", "handsome"]  # fmt: skip
    possessives = ["Reuters'", "Trump’s", "New York City's", "A B C D E’s", "U.S.’s", "(the", "“The", "x.the",
                   "officials'", "the Big Apple's"]  # fmt: skip
    tails = ["", "senior ", "senior state-run ", "top mother’s aides ", "a b c ", "a b c d "]
    seps = (" ", "\t", "\n ")
    cases = [(w, tail, sep) for w in short + longer + possessives for tail in tails for sep in seps]
    cases += [(w, tail, " ") for w in three for tail in ("", "a b c ")]
    matched = 0
    for low, tail, sep in cases:
        for opener in {low, low[:1].upper() + low[1:]}:
            text = f"x, {opener}{sep}{tail}official said"
            end = text.index("official")
            want = _NOM_BACK.search(text, 0, end)
            got = nom_back(text, 0, end)
            assert (got and got.span()) == (want and want.span()), text
            matched += want is not None
    assert 1000 < matched < len(cases)  # (both kinds of window were asked)
