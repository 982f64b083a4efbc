"""One event, one date across the articles of a story: when a telling with a coarse date ("in
mid-January", "next week") is the same event as a telling of a day inside it ("on Jan 13 and
14"). "Coming up" and ``/timeline`` both ask :func:`fold_target`, so they agree on what is one
event."""

from __future__ import annotations

import re
from collections.abc import Sequence

from digests.digest.load import json_list, tokens
from digests.extract import vocab
from digests.extract.lexicon import joint_words

# The coarse grains a telling can be folded from; a year is background, not one event's date.
FOLDED_GRAINS = frozenset({"week", "month", "season", "quarter", "half"})
# Days of its story inside a coarse date, at most, for that date to be folded into one of them.
FOLD_CHOICES = 8


def event_keys(text: str, entities: str | None) -> set[str]:
    """The content words of an event's text and its entities (a JSON list), lower case."""
    return tokens(text) | {str(e).lower() for e in json_list(entities)}


# Words of a telling that say nothing of what the event is: reporting, plans, hedges, counts.
_NOT_EVENT_WORDS_TEXT = """
two three four both leaders leader expected due set plans plan planned planning scheduled yet confirm
confirmed confirmation report reports reported media newspapers newspaper according also will then
take takes place held hold holds put puts city country capital state states which who whom whose where
when there here just still some other all any
"""
# and the words of a date ("on March 12", "Tuesday morning"): when, not what
_DATE_WORDS = frozenset(
    w.lower().rstrip(".")
    for w in (*vocab.MONTHS.words("full"), *vocab.MONTHS.words("abbr"), *vocab.WEEKDAYS.words())
    if w.isalpha() or w.rstrip(".").isalpha()
) | {"morning", "afternoon", "evening", "night", "today", "tomorrow", "tonight", "week", "month", "year"}
_NOT_EVENT_WORDS = frozenset(_NOT_EVENT_WORDS_TEXT.split()) | _DATE_WORDS
# a gathering by any of its names: "will meet", "the meeting", "the summit", "talks", "negotiations"
_MEETING_WORDS = frozenset(
    {*joint_words("meeting"), "meet", "meets", "met", "meetings", "summits", "host", "hosts", "hosted",
     "hosting", "negotiations", "negotiation", "negotiate", "negotiating"}
)
_CAPITALISED = re.compile(r"\b[A-Z][\w'\u2019-]+")


def event_words(text: str, entities: str | None) -> frozenset[str]:
    """What a telling says happens, without who, where and when: its content words that are not
    names (:func:`participants`) nor reporting or planning words, crudely stemmed ("meeting" ->
    "meet"); every name of a gathering ("summit", "talks", "meet", "host") is "meet"."""
    return signature(text, entities)[1]


def signature(text: str, entities: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """A telling's :func:`participants` and :func:`event_words`, read once (a telling is compared
    with every other of its days)."""
    names = participants(text, entities)
    out = set()
    for word in tokens(text) - names - _NOT_EVENT_WORDS:
        if word in _MEETING_WORDS:
            out.add("meet")
        elif not word[:1].isdigit():
            out.add(_stem(word))
    return frozenset(names), frozenset(out)


def participants(text: str, entities: str | None) -> set[str]:
    """Who and where a telling names, lower case: the words of its entities and its capitalised
    words after the first (names the extractor did not know: "the Valdora meeting")."""
    names = {w for e in json_list(entities) for w in tokens(str(e))}
    words = _CAPITALISED.findall(text)
    if words and text.startswith(words[0]):
        words = words[1:]  # the first word of a sentence is capitalised anyway
    return names | tokens(" ".join(words))


def _stem(word: str) -> str:
    for end in ("ing", "ed", "es", "s"):
        if word.endswith(end) and len(word) - len(end) >= 4:
            return word[: -len(end)]
    return word


def same_day_event(text_a: str, entities_a: str | None, text_b: str, entities_b: str | None) -> bool:
    """Two tellings of the same days, in any stories, are one event when they share a participant
    (a person, place or organisation they name) and a word of what happens ("Tokyo has not
    confirmed the Nara meeting ... Jan 13 and 14" and "the two leaders will meet in Nara on Jan 13
    and 14"); not a protest and a summit of the same day and place."""
    return alike(signature(text_a, entities_a), signature(text_b, entities_b))


def alike(a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]) -> bool:
    """:func:`same_day_event` on two signatures (:func:`signature`)."""
    return not a[0].isdisjoint(b[0]) and not a[1].isdisjoint(b[1])


# A participant's journey ("will travel to Japan on Tuesday", "returns to Seoul on Wednesday"), as
# event_words reads it (crudely stemmed)
_TRAVEL_WORDS = frozenset(
    {"travel", "trip", "trips", "visit", "arrive", "arriv", "fly", "flies", "flew", "return", "head",
     "depart", "leave", "leaves"}
)


def journey_to(a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Whether one of two tellings of overlapping days is a participant's journey to the other's
    gathering ("Lee will travel to Japan on Tuesday" and "Takaichi will host Lee in Nara on Jan 13
    and 14"): a participant in common, a journey in one and a gathering ("meet") in the other;
    not a protest during the summit."""
    if a[0].isdisjoint(b[0]):
        return False
    return ("meet" in a[1] and not b[1].isdisjoint(_TRAVEL_WORDS)) or (
        "meet" in b[1] and not a[1].isdisjoint(_TRAVEL_WORDS)
    )


Signature = tuple[frozenset[str], frozenset[str]]  # a telling's participants and event words


def different_events(a: Signature, b: Signature) -> bool:
    """Whether two tellings of the same days in one story tell different events: each names its
    participants and says what happens, with no participant and no word of what happens in
    common ("Ross will leave for China on Friday" and "tariffs on imports from Mexico from June
    1"); tellings of one event in other words ("the June 12 summit", "the meeting on June 12")
    share a word of what happens, or one of them names no one."""
    return bool(a[0] and b[0] and a[1] and b[1]) and a[0].isdisjoint(b[0]) and a[1].isdisjoint(b[1])


def shared_name(entities_a: str | None, entities_b: str | None) -> bool:
    """Whether two tellings (their entities, JSON lists) name an entity in common by its whole name:
    the "Korea" of "North Korea" and "South Korea" is a participant word of both, no shared name."""
    names = {str(e) for e in json_list(entities_a)}
    return bool(names) and not names.isdisjoint(str(e) for e in json_list(entities_b))


def much_alike(a: set[str], b: set[str]) -> bool:
    """Two tellings with different dates are one event only when most of the shorter one's words
    and names are the other's too ("Lee and Takaichi will meet in Nara in mid-January" and "... on
    Jan 13 and 14"), not just the people ("Takaichi will receive Lee next week" and a protest
    before Lee's visit)."""
    common = len(a & b)
    return common >= 2 and common >= 0.5 * min(len(a), len(b))


def fold_target(coarse: set[str], days: Sequence[set[str]]) -> int | None:
    """The index in ``days`` of the day telling that a coarse-dated telling is, or None.

    ``coarse``: the coarse telling's :func:`event_keys`; ``days``: those of the tellings of its
    story dated to a day (or a range of days) inside its span. Of more than FOLD_CHOICES days none
    is surely the one; of several, the one sharing the most words (at least three, more than any
    other); the one found must then be :func:`much_alike`, unless it is the only day inside and
    :func:`only_candidate`."""
    if not days or len(days) > FOLD_CHOICES:
        return None
    pick = 0
    if len(days) == 1 and only_candidate(coarse, days[0]):
        return 0
    if len(days) > 1:
        scored = sorted(((len(coarse & day), n) for n, day in enumerate(days)), reverse=True)
        best, runner_up = scored[0], scored[1]
        if best[0] < 3 or best[0] == runner_up[0]:
            return None
        pick = best[1]
    return pick if much_alike(coarse, days[pick]) else None


def only_candidate(coarse: set[str], day: set[str]) -> bool:
    """Whether a coarse-dated telling is the one day telling of its story inside its span without
    much in common (``coarse``, ``day``: their :func:`event_keys`): both tell a gathering by any of
    its names ("EU, China ... agree to meet again in February" and "The next round of technical
    talks is scheduled for Feb 10 and 11"), or the coarse one says at most one word of its own of
    who or what ("The next is pencilled in for February": what it points back at is that day's)."""
    if not coarse.isdisjoint(_MEETING_WORDS) and not day.isdisjoint(_MEETING_WORDS):
        return True
    return len(coarse - _NOT_EVENT_WORDS) <= 1
