"""Told-twice events merged: the same event told twice (same dates, much the same words or
people) is kept once, and an event told with a coarse date and again with a day inside it is
kept under the day; a photo caption's events stay only for dates the story does not give.

The last steps of the events stage (:mod:`digests.extract.events`), over the events it read.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Mapping
from datetime import timedelta

from digests import timex
from digests.extract import vocab
from digests.models import Event

# (possessive: a word of four letters or more is taken whole, and a shorter run is left at once, not
# given back a letter at a time: the same words)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}+")
# a frozenset: a frozenset less a frozenset is built faster than one less a set
_STOP = frozenset({
    "that", "this", "with", "from", "have", "been", "were", "will", "would", "their", "they", "said",
    "says", "also", "after", "before", "when", "which", "there", "about", "into", "than", "over",
    "more", "most", "such", "them", "then", "some", "what", "while", "where", "whose", "being",
    "both", "other", "could", "should", "those", "these", "just", "only", "told", "reporters",
    "week", "month", "year", "today", "yesterday",
    *(w.lower() for w in vocab.MONTHS.words("full")),
    *(w.lower() for w in vocab.WEEKDAYS.words()),
})


def keywords(text: str, memo: dict[str, frozenset[str]] | None = None) -> frozenset[str]:
    """The content words of ``text`` (lower case); ``memo`` keeps them by text."""
    if memo is not None:
        kw = memo.get(text)
        if kw is None:
            kw = memo[text] = keywords(text)
        return kw
    if text.isascii():
        # one lower() for the whole text; only ASCII text is safe, as lower-casing some
        # other letters ("\u212a", Kelvin sign) yields ASCII letters the pattern would see
        return frozenset(_WORD.findall(text.lower())) - _STOP
    return frozenset([w.lower() for w in _WORD.findall(text)]) - _STOP


def background_only(events: list[Event], captioned: set[int]) -> list[Event]:
    """A photo caption is not news: its events stay only for dates the story itself does not
    give ("a phone gifted at their first summit in November 2025"), never the photo's moment
    ("X shaking hands with Y on Jan 5", told in the story as the meeting; the caption's first
    date is dropped before this, in events.find_events)."""
    if not captioned:
        return events
    told = {(e.date, e.date_end) for i, e in enumerate(events) if i not in captioned}
    return [e for i, e in enumerate(events) if i not in captioned or (e.date, e.date_end) not in told]


_OFF = frozenset({"cancelled", "postponed", "denied"})


def _names_it(body: str, body_words: frozenset[str], head_words: set[str]) -> bool:
    """Whether a body's telling names its event as fully as the headline's: a sentence from its start
    (not a clause cut from its subject: "did not dismiss a comment that ...") with as many content
    words ("President Trump tweeted Thursday that the meeting will take place in Singapore"; not
    "It may not work out for June 12th," Mr. Trump said. against "Trump says summit with North Korea
    may not work out")."""
    first = body.lstrip()[:1]
    whole = first.isupper() or first.isdigit() or first in "\"'\u201c\u2018"
    return whole and len(body_words) >= len(head_words)


def merge(
    events: list[Event], people: set[str], memo: dict[str, frozenset[str]] | None = None,
    headline: int | None = None, apart: Collection[tuple[int, int]] = (),
    occasions: Mapping[tuple[int, str], frozenset[str]] | None = None,
) -> list[Event]:
    """The same event told twice (same dates, much the same words or people) is kept once, off
    when any telling calls it off, and in the body's telling when the other is the headline.

    ``memo``: the keywords of each clause, by its text; ``headline``: the index of the paragraph
    that is the article's headline, if any. A headline is furniture of a sort, the article's own
    summary in headline grammar ("Japan confirms ...", "summit set for June 12, president says"):
    its event stays when the body does not tell it, but a body's telling of the same event is the
    one kept, a whole sentence whose tense and cue rest on the clause that says it.

    ``apart``: the (start, end) of tellings carved out of the clause they report ("On Monday, Moscow
    announced", "the ministry said on Friday"): a few words that would take in any event of their day
    sharing a name: one merges into an event told before it, and none into it but the telling's own
    occasion. ``occasions``: the (start, date) of events dated as an utterance ("Obama said in an
    interview that aired Sunday", "in a speech on Friday, the minister said"), each with the people it
    names outside quotation marks: one that names no person the telling does not may merge into a
    carved telling of its day ("President Obama said Sunday"), the same saying told twice."""
    if memo is None:
        memo = {}
    kept: list[Event] = []
    words: list[set[str]] = []
    # each kept event's entities as a set, made when it is first weighed or merged into (None till
    # then), and the events merged into: their entities field is written once, at the end, not
    # sorted again at every twin (a long text's most told event has hundreds)
    names: list[set[str] | None] = []
    merged: set[int] = set()
    # only events with the same dates and a keyword in common can merge: per dates, the
    # indices into kept by keyword, so that an event is weighed against those alone (in
    # order, as a walk over every earlier event of its dates would), not against them all
    by_dates: dict[tuple[str, str | None], dict[str, list[int]]] = {}
    # the first kept event of each (dates, clause): a clause without keywords finds its twin here
    clauses: dict[tuple[str, str | None, str, int], int] = {}
    # the first event of each dates, kept unread: most dates are told once, and an event alone with
    # its dates is weighed against nothing; its keywords are indexed when a second one comes
    unread: dict[tuple[str, str | None], int] = {}
    # per dates, the carved tellings by keyword: weighed only by an occasion of their day
    carved: dict[tuple[str, str | None], dict[str, list[int]]] = {}
    closed: set[int] = set()  # the indices into kept of carved tellings
    for ev in events:
        dates = (ev.date, ev.date_end)
        index = by_dates.get(dates)
        if index is None:
            by_dates[dates] = {}
            unread[dates] = len(kept)
            clauses[(ev.date, ev.date_end, ev.text, ev.start)] = len(kept)
            kept.append(ev)
            words.append(set())  # read with the keywords, below, when a second event comes
            names.append(None)
            continue
        first = unread.pop(dates, -1)
        if first >= 0:
            words[first] = set(keywords(kept[first].text, memo))
            home = index
            if (kept[first].start, kept[first].end) in apart:
                closed.add(first)
                home = carved.setdefault(dates, {})
            for w in words[first]:
                home.setdefault(w, []).append(first)
        kw = keywords(ev.text, memo)
        dup = -1
        if not kw:
            dup = clauses.get((ev.date, ev.date_end, ev.text, ev.start), -1)
        told = None  # ev's people, made at its first weighing
        near = {j for w in kw for j in index.get(w, ())}
        voiced = occasions.get((ev.start, ev.date)) if occasions else None
        if voiced is not None and dates in carved:
            tellings = carved[dates]
            near.update(j for w in kw for j in tellings.get(w, ()))
        for j in sorted(near):
            other = kept[j]
            if other.text == ev.text and other.start == ev.start:
                dup = j  # one clause, one date told twice ("on Jan 21 at 10 a.m.")
                break
            if j in closed:
                # an occasion into a carved telling: the same saying only when the occasion names no one
                # the telling does not ("Trump, in a tweet Saturday, thanked North Korea" is not
                # "North Korea said Saturday")
                theirs = names[j]
                if theirs is None:
                    theirs = names[j] = set(other.entities)
                if voiced is None or not voiced <= theirs:
                    continue
            common = kw & words[j]
            if len(common) / (min(len(kw), len(words[j])) or 1) >= 0.5:
                dup = j
                break
            if len(common) < 3:
                continue  # (fewer than three words in common: none left beside the names)
            if told is None:
                told = people.intersection(ev.entities)
            theirs = names[j]
            if theirs is None:
                theirs = names[j] = set(other.entities)
            shared = told & theirs
            if shared and len(common - {w.lower() for n in shared for w in n.split()}) >= 3:
                dup = j
                break
        if dup < 0:
            home = index
            if (ev.start, ev.end) in apart:
                closed.add(len(kept))
                home = carved.setdefault(dates, {})
            for w in kw:
                home.setdefault(w, []).append(len(kept))
            clauses.setdefault((ev.date, ev.date_end, ev.text, ev.start), len(kept))
            kept.append(ev)
            words.append(set(kw))  # grows as twins merge in: a copy, not the memo's
            names.append(None)
        else:
            other = kept[dup]
            theirs = names[dup]
            if theirs is None:
                theirs = names[dup] = set(other.entities)
            theirs.update(ev.entities)
            merged.add(dup)
            update: dict[str, object] = {}
            if ev.status in _OFF and other.status in ("planned", "reported"):
                # "troops were preparing for the August drill ... it would not hold the August drill"
                update |= ev.model_dump(include={"status", "cue", "text", "start", "end", "paragraph"})
            elif other.paragraph == headline and ev.paragraph != headline:
                # "Trump's summit with Kim set for June 12, president says" and "Trump tweeted Thursday
                # that the meeting will take place in Singapore on June 12": the body's sentence (its
                # words when they name the event as fully: not "It may not work out," he said.)
                named = _names_it(ev.text, kw, words[dup])
                fields = {"text", "start", "end", "paragraph"} if named else set()
                if not (other.status in _OFF and ev.status in ("planned", "reported")):
                    fields |= {"status", "cue"}
                update |= ev.model_dump(include=fields)
            if update:
                kept[dup] = other.model_copy(update=update)
            home = carved.setdefault(dates, {}) if dup in closed else index
            for w in kw - words[dup]:
                home.setdefault(w, []).append(dup)
            words[dup] |= kw
    for j in merged:
        kept[j] = kept[j].model_copy(update={"entities": sorted(names[j] or ())})
    return kept


_COARSE = frozenset({"week", "month", "season", "quarter", "half"})
_WEEK_SPAN = timedelta(days=6)  # an ISO week's bounds, Monday to Sunday


def one_date(
    events: list[Event], people: set[str], memo: dict[str, frozenset[str]] | None = None
) -> list[Event]:
    """One event, one date: an event told with a coarse date ("in mid-January", "next week") and
    again with a day inside it in much the same words, or with the same two people ("on Jan 13
    and 14"), is kept once, under the day. A coarse date with several such days, or none,
    stays as it is."""
    if memo is None:
        memo = {}
    days = [(i, timex.bounds(e.date), timex.bounds(e.date_end or e.date)) for i, e in enumerate(events)
            if timex.granularity(e.date) == "day"]
    if not days or len(days) == len(events):
        return events
    dropped: set[int] = set()
    entities: dict[int, set[str]] = {}
    # the dated days by their first day, so that a coarse date visits only the days that can lie
    # inside it (which of them, not in what order, decides); their keywords read once
    bounded = sorted((first[0], j, first, last) for j, first, last in days if first and last)
    firsts = [b[0] for b in bounded]
    day_words: dict[int, frozenset[str]] = {}
    for i, ev in enumerate(events):
        if ev.date_end or timex.granularity(ev.date) not in _COARSE:
            continue
        span = timex.bounds(ev.date)
        if span is None:
            continue
        kw = keywords(ev.text, memo)
        told = people.intersection(ev.entities)
        inside = []
        for _, j, _first, last in bounded[bisect_left(firsts, span[0]) : bisect_right(firsts, span[1])]:
            if not last[1] <= span[1]:
                continue
            if last[0] == span[1] and span[1] - span[0] == _WEEK_SPAN:
                continue  # a week's Sunday: in a Sunday paper the paper's own day, not a day of "last week"
            if events[j].start == ev.start:
                continue  # one clause, two dates: "met last week and again on Dec 31"
            other = day_words.get(j)
            if other is None:
                other = day_words[j] = keywords(events[j].text, memo)
            if len(kw & other) / (min(len(kw), len(other)) or 1) >= 0.5 or (
                len(told) >= 2 and len(told.intersection(events[j].entities)) >= 2
            ):
                inside.append(j)
                if len(inside) == 2:
                    break  # two days: the coarse date stays
        if len(inside) == 1:
            dropped.add(i)
            entities.setdefault(inside[0], set()).update(ev.entities)
    out = []
    for i, ev in enumerate(events):
        if i in dropped:
            continue
        if i in entities:
            ev = ev.model_copy(update={"entities": sorted(set(ev.entities) | entities[i])})
        out.append(ev)
    return out
