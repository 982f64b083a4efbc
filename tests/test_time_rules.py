"""The temporal rules as records: every rule's examples, the loader, the derived trigger table."""

from __future__ import annotations

import re
from datetime import date

import pytest

from digests.extract import calendar as cal
from digests.extract import vocab
from digests.extract.text import parse_document
from digests.extract.times import find_times
from digests.extract.times.base import NORMALISERS
from digests.extract.times.rules import Rule, RuleError, parse_rules, rules, trigger_table
from digests.extract.times.scan import windows
from digests.extract.times.starts import find_in, guarded, start_filter
from digests.extract.times.tense import FUTURE_CUE

RULES = rules()


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_examples(rule: Rule) -> None:
    """Each example: the rule itself matches there, and the extractor gives the expression its value."""
    for ex in rule.examples:
        i = ex.text.index(ex.expr)
        j = i + len(ex.expr)
        assert any(m.start() < j and m.end() > i for m in rule.regex.finditer(ex.text)), (
            f"{rule.name}: the pattern does not match {ex.expr!r} in {ex.text!r}"
        )
        times = find_times(parse_document(ex.text), date.fromisoformat(ex.published))
        if not ex.value:  # a name holding a date word: no expression meets it
            assert not [t for t in times if t.start < j and t.end > i], f"{ex.text!r}: {times}"
            continue
        got = {(t.start, t.end): t.value for t in times}
        assert got.get((i, j)) == ex.value, f"{ex.text!r}: {[(t.text, t.value) for t in times]}"


def test_every_rule_has_a_normaliser_and_triggers() -> None:
    assert len({r.name for r in RULES}) == len(RULES)
    for r in RULES:
        assert r.normaliser in NORMALISERS, r.name
        assert r.triggers or r.digits, r.name


def test_trigger_table_is_derived_from_the_rules() -> None:
    table = {use.word: {name for name, _, _ in use.uses} for use in trigger_table()}
    # every month name of the one month vocabulary triggers the month rules
    for name in vocab.MONTHS.words():
        assert {"md", "dm", "my", "mon"} <= table[name.lower()], name
    for name in vocab.WEEKDAYS.words():
        assert {"wd", "rel_wd", "wd_md"} <= table[name.lower()], name
    words_of_rules = {w for r in RULES for w, _ in r.triggers}
    assert set(table) == words_of_rules


_ONE_RULE = """
[patterns]
the_month = '''(?:{months@full})'''

[[rule]]
name = "month_of_the_harvest"
pattern = '''\\bharvest\\s+of\\s+(?P<mon>{the_month})'''
triggers = ["harvest"]
window = [2, 30]
normaliser = "month"
examples = [{ text = "x", published = "2026-01-01", expr = "x", value = "x" }]
"""


def test_a_rule_is_a_record() -> None:
    (rule,) = parse_rules(_ONE_RULE)
    assert rule.name == "month_of_the_harvest"
    assert rule.triggers == (("harvest", False),)
    m = rule.regex.search("after the harvest of September ended")
    assert m is not None and m["mon"] == "September"
    assert rule.regex.search("the harvest of Sept") is None  # full names only


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_ONE_RULE.replace("{the_month}", "{no_such_vocabulary}"), "no vocabulary"),
        (_ONE_RULE.replace("{months@full}", "{months@nope}"), "no entries"),
        (_ONE_RULE.replace("examples = [", "examples = [] #"), "no examples"),
        (_ONE_RULE.replace('triggers = ["harvest"]', ""), "no triggers"),
        (_ONE_RULE.replace("harvest\\s", "harvest(\\s"), "missing"),
        (_ONE_RULE + _ONE_RULE[_ONE_RULE.index("[[rule]]") :], "twice"),
        (_ONE_RULE.replace("normaliser =", "normalizer ="), "unknown fields"),
    ],
)
def test_bad_records_fail_loudly(text: str, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        parse_rules(text)


def test_vocabulary_lines() -> None:
    v = vocab.parse_vocabulary("t", "# comment\n\nJan = 1 @abbr @listed\nJanuary = 1\nplans?\\s+to @cue\n")
    assert v.words() == ("Jan", "January", "plans?\\s+to")
    assert v.words("abbr") == ("Jan",)
    assert v.alternation("cue") == "plans?\\s+to"
    assert v.number("JANUARY") == 1
    with pytest.raises(vocab.VocabularyError):
        vocab.parse_vocabulary("t", "a(b = 1\n")
    with pytest.raises(vocab.VocabularyError):
        vocab.vocabulary("no_such_file")


def test_month_names_come_from_the_one_vocabulary() -> None:
    assert cal.month_number("Sept.") == 9
    assert cal.month_number("december") == 12
    assert cal.weekday_number("Thu") == 3
    assert dict(cal.SEASONS)["fall"] == "FA"
    assert {cal.MONTHS[w.lower()] for w in vocab.MONTHS.words("full")} == set(range(1, 13))


def test_rules_run_only_near_their_triggers() -> None:
    text = "Nothing here. " * 20 + "They met on Jan 5."
    spans = windows(text)
    assert "md" in spans and "wd" not in spans
    lo, hi = spans["md"][0]
    assert lo <= text.index("Jan") < hi and lo > 0


def test_start_filters_are_read_off_the_patterns() -> None:
    """A filtered search finds what the pattern's own finditer finds (the filter is derived, not kept)."""
    text = "\n".join(ex.text for r in RULES for ex in r.examples) + " they'll x'll \u017fome İn 12-14 Jan"
    for rx in [r.regex for r in RULES] + [FUTURE_CUE]:
        if start_filter(rx) is None:
            continue
        want = [m.span() for m in rx.finditer(text) if m.end() > m.start()]
        assert [m.span() for m in find_in(rx, text, [(0, len(text))])] == want, rx.pattern[:40]
    assert start_filter(re.compile(r"(?i)\bmay\b")) is not None
    assert start_filter(re.compile(r"\w+")) is None  # a class the analysis does not follow


def test_guarded_patterns_match_as_their_patterns() -> None:
    """A pattern compiled with its start set finds the same matches and groups, from any start and
    end, as the pattern itself; it keeps its source, flags and group names."""
    text = (
        "\n".join(ex.text for r in RULES for ex in r.examples)
        + " they'll x'll \u017fome \u0130n \u0131t \u212a 12-14 Jan \u0661\u0662 \u03c3\u03c2 \u00e9T\u00c9"
    )
    extra = [
        re.compile(r"(?i)\b(?:\u00e9t\u00e9|\u03c3igma)\b"),
        re.compile(r"(?a)\b\d+\s*(?i:kg)\b"),
        re.compile(r"(?<![\w$])(?:[$\u20ac]\s?)?\d+(?:\.\d+)?"),
    ]
    text += " \u00c9T\u00c9 \u03a3IGMA \u03c2igma 5 KG $3.5 \u20ac 4 "
    checked = 0
    for rx in [r.regex for r in RULES] + [FUTURE_CUE, *extra]:
        g = guarded(rx)
        if g is None:
            continue
        checked += 1
        assert (g.pattern, g.flags, g.groupindex) == (rx.pattern, rx.flags, rx.groupindex)
        for lo, hi in ((0, len(text)), (5, len(text) - 3), (len(text) // 2, len(text))):
            want = [(m.span(), m.groups()) for m in rx.finditer(text, lo, hi)]
            assert [(m.span(), m.groups()) for m in g.finditer(text, lo, hi)] == want, rx.pattern[:40]
    assert checked >= len(RULES)


def test_no_word_list_decides_before_the_rules() -> None:
    """Regression: a hand-kept list of words skipped texts without digits or capitals before any rule ran."""
    times = find_times(parse_document("the wall fell in nineteen eighty-nine"), date(2026, 1, 6))
    assert [(t.text, t.value) for t in times] == [("nineteen eighty-nine", "1989")]


def test_a_pattern_runs_unguarded_where_the_compiler_internals_fail_or_search_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from digests.extract.times import starts

    fresh = re.compile(r"\b(?:Valdora|Lenz) talks\b")  # not cached yet
    assert starts.guarded(fresh) is not None  # the internals work on this CPython

    def broken(*_args: object) -> re.Pattern[str]:
        raise TypeError("another signature")

    monkeypatch.setattr(starts, "_with_start_set", broken)
    other = re.compile(r"\b(?:Halvard|Marlow) port\b")
    assert starts.guarded(other) is None
    assert starts.searcher(other) is other  # runs as compiled: the same matches
    monkeypatch.setattr(starts, "_with_start_set", lambda *_a: re.compile("a"))  # searches otherwise
    third = re.compile(r"\b(?:Corvane|Nara) summit\b")
    assert starts.guarded(third) is None


def test_required_words_are_read_off_the_pattern() -> None:
    """A word every match holds: a literal stretch the pattern cannot match without, or one such
    word in each branch of an alternation; none where a branch or an optional part has none."""
    from digests.extract.times.starts import required_words

    words = frozenset({"night", "morning", "day", "that", "next", "talks"})
    rx = re.compile(r"(?i)\b(?:(?:that|the\s+next)\s+(?:morning|night)|the\s+day\s+before)\b")
    assert required_words(rx, words) == {"morning", "night", "day"}  # the smallest set
    assert required_words(rx, words, avoid=frozenset({"day"})) == {"morning", "night", "day"}
    assert required_words(re.compile(r"\bthat\s+(?:morning|night)\b"), words, frozenset({"that"})) == {
        "morning",
        "night",
    }
    assert required_words(re.compile(r"peace talks"), words) == {"talks"}  # a word inside a literal
    assert required_words(re.compile(r"\b(?:night|noon)\b"), words) is None  # a branch without one
    assert required_words(re.compile(r"\b(?:night)?\s*\d+"), words) is None  # optional
    assert required_words(re.compile(r"(?:night\s)+\d"), words) == {"night"}  # repeated at least once


def test_required_chars_are_read_off_the_pattern() -> None:
    """Characters one of which every match holds: a literal or a class the pattern cannot match
    without, or one in each branch; the set with the fewest letters, digits, blanks and common marks
    first; none where a branch or an optional part has none. A stretch without one has no match."""
    from digests.extract.text import DATELINE
    from digests.extract.times.starts import holds_any, required_chars

    assert required_chars(re.compile(r"[A-Z]\w+\s*(?:-|:(?=\s))")) == {"-", ":"}
    assert required_chars(re.compile(r"(?i)\bx\w*")) == {"x", "X"}  # ignoring case: both
    assert required_chars(re.compile(r"a,\s*b\s*[\u2013-]+")) == {"\u2013", "-"}  # rarer than ","
    assert required_chars(re.compile(r"(?:\(AP\)|\w+\s-)")) == {"(", "-"}
    assert required_chars(re.compile(r"(?:-)?\w+")) is None  # optional, and a category
    assert required_chars(re.compile(r"[^-]+")) is None  # a negated class
    needs = required_chars(DATELINE)
    assert needs is not None
    chars = "".join(needs)
    openings = ("WASHINGTON (Reuters) - Officials met.", "DAKAR: Talks ended.", "KYIV \u2014 It ended.")
    for opening in openings:
        assert DATELINE.match(opening) is not None and holds_any(opening, chars, 0, len(opening))
    plain = "Officials from both countries met on Friday"
    assert not holds_any(plain, chars, 0, len(plain)) and DATELINE.match(plain) is None


def _without_requirements(monkeypatch: pytest.MonkeyPatch, text: str) -> list[tuple[str, tuple[int, int]]]:
    from digests.extract.times import scan

    with monkeypatch.context() as m:
        m.setattr(scan, "_requirements", dict)
        return [(name, found.span()) for name, found in scan.candidates(text)]


def test_windows_without_a_required_word_are_skipped_with_the_same_matches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A rule runs only in the windows holding a word its every match needs (other than its
    triggers: "morning" or "night" for "that night"); the candidates are those of every window.
    A text with a letter the engine folds to an ASCII one when it ignores case is read whole."""
    from digests.extract.times import scan

    assert "that_pod" in scan._requirements()  # triggered by "that", needs a part of the day
    text = "\n".join(ex.text for r in RULES for ex in r.examples) + (
        " That was clear. The same night, that MORNING and the following evening they met."
        " The day before, talks failed; two weeks ago and three hours later it rained. "
    )
    # "\u017feconds" is "seconds" to the engine ignoring case
    odd = text + " Then, with no clock word near, two \u017feconds ago it stopped."
    for t in (text, odd, text.replace("night", "\u0130night")):
        got = [(name, found.span()) for name, found in scan.candidates(t)]
        assert got == _without_requirements(monkeypatch, t)
        if "The same night" in t:
            at = t.index("The same night")
            assert ("that_pod", (at, at + 14)) in got
    at = odd.index("two \u017feconds ago")
    assert ("ago", (at, at + 15)) in [(name, found.span()) for name, found in scan.candidates(odd)]
