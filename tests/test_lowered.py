"""Case-blind patterns run case-sensitively over the lower-cased text (digests/extract/times/starts.py
``lowered``, ``reach_back``; digests/extract/text.py ``caseless``), against the patterns themselves."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digests.extract import vocab
from digests.extract.text import caseless
from digests.extract.times import tense
from digests.extract.times.rules import rules
from digests.extract.times.starts import holds_folded, lowered, matches_folded, matches_in, reach_back


def _spans(p: re.Pattern[str], text: str, pos: int = 0) -> list[tuple[int, int]]:
    return [m.span() for m in p.finditer(text, pos) if m.end() > m.start()]


def test_lower_casing_keeps_every_character_class() -> None:
    """``caseless`` rests on it: a character and its lower case (one character) are both word
    characters, digits or blanks, or neither."""
    odd = []
    for cp in range(0x110000):
        c = chr(cp)
        low = c.lower()
        if len(low) != 1 or low == c:
            continue
        for cls in (r"\w", r"\d", r"\s"):
            if (re.match(cls, c) is None) != (re.match(cls, low) is None):
                odd.append((hex(cp), cls))
    assert odd == []


def test_only_four_letters_fold_to_ascii() -> None:
    """Beyond ASCII, case-blind matching equates exactly four letters with ASCII ones
    (``text._ODD_CASE``): a text holding one is not ``caseless``."""
    beyond = "".join(map(chr, range(0x80, 0x110000)))
    assert re.findall("(?i)[a-z]", beyond) == ["\u0130", "\u0131", "\u017f", "\u212a"]
    assert not caseless("\u212aelvin", "\u212aelvin".lower())
    assert not caseless("\u0130stanbul", "\u0130stanbul".lower())  # lower-cases to two characters
    assert caseless("Caf\u00c9 \u201cQuote\u201d", "caf\u00e9 \u201cquote\u201d")


def _case_blind_rules() -> list[re.Pattern[str]]:
    return [r.regex for r in rules() if r.regex.flags & re.I]


def _texts() -> list[str]:
    out = []
    for r in rules():
        for e in r.examples:
            out += [e.text, e.text.upper(), e.text.title(), e.text.swapcase()]
    return out


def test_lowered_rules_match_where_the_rules_do() -> None:
    """Every case-blind rule with a lowered form finds the same spans in the lower-cased examples
    (in four casings) as the rule in the examples; most case-blind rules have one."""
    texts = _texts()
    done = 0
    for rx in _case_blind_rules():
        low_rx = lowered(rx)
        if low_rx is None:
            continue
        done += 1
        for t in texts:
            assert _spans(low_rx, t.lower()) == _spans(rx, t), (rx.pattern[:60], t)
    assert done >= 15


def test_lowered_tense_patterns() -> None:
    """The tense cues' case-blind patterns, over sentences of our own in several casings."""
    sentences = [
        "The ministers will meet on Monday, officials said.",
        "He is expected to visit Seoul next week and plans to return Friday.",
        "Kerry is in Paris for a meeting Monday; Wednesday is National Day.",
        "Officials would not confirm the report, but talks are set to resume.",
        "IT WON'T BE HELD; THE VOTE IS DUE TO BEGIN ON TUESDAY.",
    ]
    for rx in (tense.FUTURE_CUE, tense._BE_BEFORE_DAY, tense._DAY_IS):
        low_rx = lowered(rx)
        assert low_rx is not None
        for s in sentences:
            for t in (s, s.upper(), s.lower(), s.swapcase()):
                assert _spans(low_rx, t.lower()) == _spans(rx, t)


def test_lowered_refuses_case_sensitive_parts() -> None:
    assert lowered(re.compile(r"\bMay\b")) is None  # not case-blind
    assert lowered(re.compile(r"(?i)\bon\s+(?-i:May)\b")) is None  # a case-sensitive group
    assert lowered(re.compile(r"(?i)(\w+)\s+\1")) is None  # a back reference
    assert lowered(re.compile("(?i)\u00b5m")) is None  # the micro sign folds to mu, beyond str.lower
    low_rx = lowered(re.compile(rf"(?i)\b(?:{vocab.WEEKDAYS.alternation()})\b"))
    assert low_rx is not None and low_rx.flags & re.I == 0
    assert _spans(low_rx, "on Monday and FRIDAY".lower()) == [(3, 9), (14, 20)]


@given(st.text(alphabet="aAbBdDeEiInNoOwWyY .,'-\u2019\u00e9\u00c9", max_size=60))
def test_lowered_on_random_text(text: str) -> None:
    rx = re.compile(r"(?i)(?<![\w'])\b(?:mon|wed|a\.?b|on(?:e|d))(?:day)?s?\b(?!-)")
    low_rx = lowered(rx)
    assert low_rx is not None
    assert _spans(low_rx, text.lower()) == _spans(rx, text)


@pytest.mark.parametrize(
    ("pattern", "reach"),
    [(r"abc", 0), (r"\babc", 1), (r"(?<!ly\s)planned", 4), (r"x(?<=[a-z]{2})y", 3), (r"(?<=abc|bcd)e", 4)],
)
def test_reach_back(pattern: str, reach: int) -> None:
    assert reach_back(re.compile(pattern)) == reach


def test_reach_back_refuses_the_start_of_the_string() -> None:
    assert reach_back(re.compile(r"^abc")) is None
    assert reach_back(re.compile(r"\Aabc")) is None


@given(st.text(alphabet="ly pland\n", max_size=40), st.integers(0, 40))
def test_a_stretch_from_reach_back_searches_as_the_text(text: str, lo: int) -> None:
    rx = re.compile(r"(?<!ly\s)\bplanned|\bpl\w")
    reach = reach_back(rx)
    assert reach is not None
    lo = min(lo, len(text))
    base = max(0, lo - reach)
    stretch = text[base:]
    assert [(a + base, b + base) for a, b in _spans(rx, stretch, lo - base)] == _spans(rx, text, lo)


def test_tense_cues_the_same_with_the_lowered_search_and_without() -> None:
    """A sentence's cues where it is lower-cased for the search, and where a letter before it
    (U+0130, no ``caseless`` text) keeps the case-blind patterns."""
    sentences = [
        "The ministers will meet on Monday, officials said.",
        "“We are preparing for talks,” she said, and Kerry is in Paris for a meeting Monday.",
        "Wednesday is National Day; the truce expires at 5 p.m. on Friday, he announced.",
        "He said it WOULD NOT be held, and the vote was postponed.",
        # the present plans and progressives (their case-sensitive parts lower-cased for the search)
        "The ministers meet Monday in Geneva, and Xi and Lee meet The Hague's envoy on Friday.",
        "They are meeting in Nairobi Friday; he's heading to Riyadh on TUESDAY.",
        "THE COUNCIL VOTES ON TUESDAY AND THEY ARE MEETING THE PRESIDENT ON FRIDAY.",
    ]
    for s in sentences:
        plain = "ab " + s
        odd = "\u0130b " + s
        assert len(plain) == len(odd)
        assert tense.tense_cues(plain, 3, len(plain)) == tense.tense_cues(odd, 3, len(odd))
        assert tense.tense_cues(plain, 3, len(plain))  # each has cues


@given(st.text(alphabet="ly pland\nPLAN\u0130\u212a", max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_matches_folded_are_the_patterns_own_matches(text: str, lo: int, hi: int) -> None:
    # (a letter U+0130 or the Kelvin sign in the stretch: no ``caseless`` text, the pattern alone)
    rx = re.compile(r"(?i)(?<!ly\s)\bplanned|\bpl\w|k\b")
    lo, hi = sorted(min(x, len(text)) for x in (lo, hi))
    got = [m.span() for m in matches_folded(rx, lowered(rx), reach_back(rx), text, lo, hi)]
    assert got == [m.span() for m in rx.finditer(text, lo, hi) if m.end() > m.start()]


@given(
    st.text(alphabet="ly pland\nPLAN-", max_size=60),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=4),
)
def test_matches_in_with_the_lowered_search_finds_every_match_of_a_window(
    text: str, windows: list[tuple[int, int]]
) -> None:
    """Several matches in one window (the lowered pattern finds where each next one can start, the
    case-blind one reads it): the pattern's own matches, window by window."""
    rx = re.compile(r"(?i)(?<!ly\s)\bplanned|\bpl\w|\bla\b|n-")
    low_rx = lowered(rx)
    assert low_rx is not None
    spans = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in windows]
    want = [m.span() for lo, hi in spans for m in rx.finditer(text, lo, hi) if m.end() > m.start()]
    assert [m.span() for m in matches_in(rx, text, spans, text.lower(), low_rx)] == want


def test_the_status_cues_folded_match_as_the_cues() -> None:
    """The status stage's case-blind cue patterns (plans, status cues, things called off) have a
    lowered form and find, searched folded, what they find over sentences of our own."""
    from digests.extract import status

    sentences = [
        "The summit, planned for June 12, was called off on Thursday, officials said.",
        "Ministers are expected to vote on the delayed budget, which was POSTPONED until March.",
        "The visit will go ahead as planned, but the parade has been scrapped.",
        "\u201cWe intend to hold talks,\u201d she said; the referendum is scheduled for May.",
    ]
    pairs = [(status._PLAN_CUE, status.PLAN_CUE), (status._STATUS_CUE, status._STATUS_CUE)]
    pairs.append((status._CALLED_OFF_NOUN, status._CALLED_OFF_NOUN))
    found = 0
    for rx, source in pairs:
        low_rx, reach = lowered(source), reach_back(source)
        assert low_rx is not None and reach is not None
        for s in sentences:
            for t in (s, s.upper(), s.lower(), s.swapcase(), "\u0130 " + s):
                for lo in (0, 4, 11):
                    want = [m.span() for m in rx.finditer(t, lo) if m.end() > m.start()]
                    assert [m.span() for m in matches_folded(rx, low_rx, reach, t, lo)] == want
                    found += len(want)
    assert found > 50


def test_the_events_patterns_folded_find_what_they_find() -> None:
    """``holds_folded`` (the joint references and meetings of a clause) and the plan words of
    ``tense.planned_thing``, over sentences of our own in several casings."""
    from digests.extract import event_participants

    sentences = [
        "Both leaders will meet at the planned summit, which is scheduled for Friday.",
        "The two sides agreed; their upcoming talks open on Monday in Geneva.",
        "A regularly scheduled briefing was held, and the meeting ended early.",
        "Nothing here names a plan.",
    ]
    for rx in (event_participants._JOINT, event_participants._MEETING):
        low_rx = lowered(rx)
        assert low_rx is not None
        for s in sentences:
            for t in (s, s.upper(), s.swapcase(), "\u0130 " + s):
                assert holds_folded(rx, low_rx, t) == (rx.search(t) is not None)
    low_rx, reach = lowered(tense._PLAN_WORD), reach_back(tense._PLAN_WORD)
    assert low_rx is not None and reach is not None
    for s in sentences:
        for t in (s, s.upper(), s.swapcase(), "\u0130 " + s):
            for lo in (0, 5, 20):
                want = [m.span() for m in tense._PLAN_WORD.finditer(t, lo)]
                assert [m.span() for m in matches_folded(tense._PLAN_WORD, low_rx, reach, t, lo)] == want


def test_lowered_over_matches_wherever_the_pattern_does() -> None:
    """``lowered(rx, over=True)`` lower-cases a case-sensitive group as well: it matches at every
    place ``rx`` matches (and at more: "the valley times reported"), never inside a negative
    assertion or beside a negated class of such a group, where matching more is matching less."""
    outlet = "(?-i:Times|Post)"
    rx = re.compile(rf"(?i)\b(?:according\s+to\s+the\s+\w+\s+{outlet}|{outlet}\s+reported)\b")
    over = lowered(rx, over=True)
    assert over is not None and lowered(rx) is None
    told = ("The Valley Times reported it.", "the valley times reported it.", "According to the Harbour Post")
    for s in told:
        for t in (s, s.upper(), s.swapcase()):
            assert all(over.match(t.lower(), m.start()) for m in rx.finditer(t))
    assert over.search("the valley times reported it.") is not None  # more than ``rx``
    assert rx.search("the valley times reported it.") is None
    assert lowered(re.compile(r"(?i)\bon\s+(?!(?-i:May))\w+"), over=True) is None
    assert lowered(re.compile(r"(?i)\bon\s+(?-i:[^A-Z])"), over=True) is None
    assert lowered(re.compile(r"(?i)\bon\s+(?>(?-i:May))"), over=True) is None


def test_the_claims_found_from_the_text_lower_cased_are_the_claims() -> None:
    """``status.claims`` with the text lower-cased (``folded``) finds the claims it finds without."""
    from digests.extract.status import claims

    text = (
        "Talks begin Monday. The Valley Times reported that the summit would open on Friday. "
        "the valley times reported nothing. According to the Harbour Ledger, it was delayed; "
        "officials said on condition of anonymity that nothing was settled. As the Post reported, "
        "it rained. Sources said the vote is set for March."
    )
    for t in (text, text.upper(), text.swapcase()):
        low = t.lower()
        assert caseless(t, low)
        for lo, hi in ((0, len(t)), (20, 90), (91, 200), (len(t) - 40, len(t))):
            want = [m.span() for m in claims(t, lo, hi, hinted=True)]
            assert [m.span() for m in claims(t, lo, hi, hinted=True, folded=low)] == want
