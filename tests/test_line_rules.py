"""LineRules: each rule tried only on lines it can match, answering as the whole alternation."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digests.extract import line_rules, text
from digests.extract.line_rules import LineRules
from digests.furniture import furniture_lines

RULES = furniture_lines("lines.txt")

# lines each furniture rule of lines.txt matches, and near misses, in several cases and openings
FURNITURE = [
    "Hide Caption 3 of 40",
    "Photos: Photos: the summit",
    "Enlarge this image",
    "toggle caption",
    "Slideshow (12 images)",
    "3 of 12 Photos 4 of 12",
    "Images 2 of 9",
    "CLOSE",
    "Just watched the debate Replay",
    "Must watch",
    "Now playing",
    "Video playlist",
    "Story highlights",
    "What a day \u2014 Jane Roe (@janeroe) March 3, 2020",
    "Look at this pic.twitter.com/AbC123",
    "[pullquote]",
    "Get the Morning newsletter delivered",
    "By signing up, you agree to the terms",
    "Subscribe to our daily newsletters",
    "Manage newsletters",
    "POLITICO Playbook newsletter Sign up today",
    "Thank you for signing up",
    "Support independent journalism",
    "Vote now",
    "Click for more from the network",
    "Jane Roe contributed to this report.",
    "Contributing: Jane Roe",
    "More on this...",
    "Follow us on Twitter",
    "(This post was last updated at 6:10 p.m. ET.)",
    "-- Updated at 7:05 a.m. and 9:40 a.m.",
    "(This story corrects the minister's name in paragraph 4)",
    "This is a developing story and will be updated.",
    "\u2022 This article is based in part on wire service reports.",
    "For graphic on the Lenz port click tmsnrt.rs/2abcXyz",
    "Play Video 2:15 Lenz dockers vote \u2013 video",
    "Please enable JavaScript to view this video",
    "Should Lenz sell its port? Vote Here",
    "A weekly roundup of shipping news.",
    "Port Alerts Get port news as it breaks \u2014 in your inbox.",
    "Read the Gazette's new Flipboard magazine.",
]
NEWS = [
    "The minister said the talks would resume on Monday.",
    "\u201cWe will not back down,\u201d she said.",
    '"It is over," he said.',
    "In 2019, 3 of 10 voters said so.",
    "Newsletters are read by 12 of 40 staff.",
    "Photos of the summit were released (@ the venue).",
    "pic.twitter.com is a domain.",
    "\u0130mages 2 of 9",  # a dotted capital I: the engine's own case folding decides
    "\u017ftory highlights",  # a long s
    "\u0663 of 4 photos 1 of 2",  # a digit beyond ASCII
    "\u212alose",
    "",
]


def _lines() -> list[str]:
    out: list[str] = []
    for line in FURNITURE + NEWS:
        out += [line, line.upper(), line.lower(), " " + line, "\u201c" + line, line[1:], line[:-1]]
    return out


@pytest.mark.parametrize("line", _lines())
def test_furniture_rules_answer_as_their_alternation(line: str) -> None:
    rules = text._LINE_RULES
    assert rules.match(line) == (rules.whole.match(line) is not None)


def test_every_furniture_example_is_furniture() -> None:
    assert all(text._LINE_RULES.match(line) for line in FURNITURE)
    assert not any(text._LINE_RULES.match(line) for line in NEWS[:6])


def test_rules_the_reading_cannot_follow_are_tried_on_every_line() -> None:
    # a class of a category, a negated class, a back-reference: no first characters read off
    rules = LineRules((r"\w+ wrote", r"[^a-z]{2}x", r"(a)\1b", r"(?i:Ok)\b", r"(?=.*\(@).*end"))
    for line in ("Jane wrote", "XYx", "aab", "OK go", "oK", "a (@ the end", "b end", "\u212ak", ""):
        assert rules.match(line) == (rules.whole.match(line) is not None), line


_ALPHABET = "aAbBcCkKsS0139 \u2003.:-@()[]\u017f\u0130\u212a\u201c\u00e9\u0663"


# (the last three can open with anything and hold one literal of an alternation: tried only on
# lines holding one of them, as written, lower-cased, or either where the branches mix cases)
_GENERATED_RULES = (
    r"(?i:sk)\b", r"[A-C]\d", r"(?:\d+ )?(?i:ab)", r".*k\(@", r"(?i:.*cab)", r"\[[\w ]+\]",
    r"(?=.{0,6}$).*\b(?i:(?:sk|ab) c)", r".*(?:k\(|\(@)a", r".*(?:(?i:ka)|@\()b",
)


# no deadline: the first example pays for compiling the furniture alternation (943 ms on a fresh
# clone's `make test` under load, a FlakyFailure), the others take under a millisecond
@settings(deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=12))
def test_generated_lines_answer_as_the_alternation(line: str) -> None:
    rules = LineRules(_GENERATED_RULES)
    assert rules.match(line) == (rules.whole.match(line) is not None)
    assert text._LINE_RULES.match(line) == (text._LINES.match(line) is not None)


def test_a_rule_needing_one_word_of_an_alternation_answers_as_it_does() -> None:
    # "subscribe now" as the last words of a short line: every match holds one of the alternation's words
    rules = LineRules((r"(?=.{0,40}$).*\b(?i:(?:click|subscribe|vote) (?:here|now))\.?$",))
    for line in ("Vote now", "To read more, subscribe NOW.", "Click here", "They vote today.", "Now vote"):
        assert rules.match(line) == (rules.whole.match(line) is not None), line
    assert rules.match("Please VOTE here") and not rules.match("The vote is here at last")


def test_flags_apply_to_every_rule() -> None:
    rules = LineRules(("story highlights",), re.IGNORECASE)
    assert rules.match("STORY HIGHLIGHTS") and rules.match("Story Highlights")
    assert not rules.match("A story highlights")


def test_rules_sharing_a_literal_are_each_tried() -> None:
    # both rules can open with anything and need "updated" (case-blind): a line holding it tries both
    rules = LineRules((r"(?=.{0,40}$).*(?i:updated)\.$", r"(?=.{0,40}$).*(?i:updated) at"))
    for line in ("It was UPDATED.", "Updated at noon", "It was updated today", "updated", "Not today."):
        assert rules.match(line) == (rules.whole.match(line) is not None), line
    assert rules.match("It was UPDATED.") and rules.match("Updated at noon")


def test_blanks_read_as_first_characters_are_every_blank_a_class_matches() -> None:
    # a rule opening with optional marks and blanks is keyed by the blanks too: every one of them
    blanks = {chr(c) for c in range(sys.maxunicode + 1) if re.match(r"\s", chr(c))}
    assert blanks == line_rules._SPACES


def test_a_rule_opening_with_blanks_answers_as_its_alternation() -> None:
    rules = LineRules((r"[\u2022*]?\s*(?:You can )?(?i:follow|reach)\s+us", r"-*\s*(?i:updated)\s+\d"))
    lines = ["Follow us", "* follow us", "\u2022\u2003Reach us", "\u3000FOLLOW us", "\u0085follow us",
             "You can follow us", "--  Updated 5", "Updated at 5", "\u2003\u2003updated 7", "They follow us"]
    for line in lines:
        assert rules.match(line) == (rules.whole.match(line) is not None), line
    assert rules.match("\u3000FOLLOW us") and not rules.match("They follow us")
