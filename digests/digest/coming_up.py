"""What is coming up: planned and reported events after the period, one entry per event; an
event whose source says it is off (cancelled, postponed, denied) is left out."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from digests.digest.fold import (
    FOLDED_GRAINS,
    alike,
    different_events,
    event_keys,
    fold_target,
    journey_to,
    same_day_event,
    shared_name,
    signature,
)
from digests.digest.format import clean
from digests.digest.load import Art, Event
from digests.digest.models import ComingUp
from digests.disjoint import find
from digests.extract.shown import TOLD_AHEAD
from digests.extract.status import STATE_END
from digests.timex import granularity

# Statuses of an event still ahead (``TOLD_AHEAD``): a plan, a claim, or the word that it is off
# (cancelled, postponed from that date, denied), which takes the event out of Coming up.
_OFF = frozenset({"cancelled", "postponed", "denied"})
# Across stories, the groups of one day's tellings an event group meets, and the tellings of
# each compared (bounds on the pairs tried on a busy day)
_GROUPS_MET, _TELLINGS_MET = 30, 6


def coming_up_events(
    primaries: Sequence[int],
    arts: dict[int, Art],
    until: date,
    horizon_weeks: int,
    story_of: dict[int, int],
) -> list[ComingUp]:
    """Planned and reported events after ``until``: within the horizon, then a few further ahead,
    each in the words extraction chose to show it in (``Event.shown``: the clause that holds its
    date, its subject named; :mod:`digests.extract.shown`)."""
    horizon = (until + timedelta(weeks=horizon_weeks)).isoformat()
    far = (until + timedelta(weeks=4 * horizon_weeks)).isoformat()
    after = until.isoformat()
    found: list[tuple[Event, Art]] = []
    for aid in primaries:
        a = arts[aid]
        for ev in a.events:
            if (
                ev.status in TOLD_AHEAD
                and ev.day_first
                and after < ev.day_first <= far
                and ev.text
                # a bare year is too vague to plan by, unless it is all there is within the horizon
                and (granularity(ev.date) != "year" or ev.day_first <= horizon)
                # the end of a state ("her mandate runs until February 2026") is background beyond
                # the horizon, a deadline within it ("the ceasefire expires on Friday")
                and (ev.day_first <= horizon or not STATE_END.search(ev.text))
            ):
                found.append((ev, a))
    # The same event told by several articles, or several times in one story ("arrives on
    # Tuesday", "the summit on Jan 13 and 14"): one entry, with the newest word on its status.
    found.sort(key=lambda p: (p[0].day_first or "", p[0].day_last or "", p[1].published or date.min, p[1].id))
    parent = list(range(len(found)))

    def root(x: int) -> int:
        return find(parent, x)

    by_story: dict[int, list[int]] = defaultdict(list)
    by_days: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, (ev, a) in enumerate(found):
        by_story[story_of.get(a.id, a.id)].append(k)
        by_days[(ev.day_first or "", ev.day_last or "")].append(k)
    cache: dict[int, set[str]] = {}
    ends = _state_ends_decided(found)
    for k, j in ends.items():
        parent[root(j)] = root(k)
    for members in by_story.values():
        _merge_story_events(members, found, parent, root, cache)
    # Across stories, the same dates told alike are one event. Each event meets the groups
    # found so far (a bounded number), each by any of its first tellings: one story's "talks in
    # Minsk on Friday" and "negotiations would begin on Friday" are one group, which another
    # story's "will meet in Minsk tomorrow" joins through the telling that names Minsk.
    for members in by_days.values():
        groups: dict[int, list[int]] = {}  # root -> its tellings of these days, in order
        for i in members:
            groups.setdefault(root(i), []).append(i)
        order = list(groups)
        for n, ri in enumerate(order):
            mine = groups[ri]
            for rj in order[: min(n, _GROUPS_MET)]:
                if root(rj) == root(ri):
                    continue
                theirs = groups[rj]
                if any(
                    _same_days_event(found[i][0], found[j][0], cache)
                    for i in mine[:_TELLINGS_MET]
                    for j in theirs[:_TELLINGS_MET]
                ):
                    parent[root(ri)] = root(rj)
                    theirs.extend(mine)
                    break
    _join_days_inside_ranges(found, parent, root, cache)
    grouped: dict[int, list[tuple[Event, Art]]] = defaultdict(list)
    for k, pair in enumerate(found):
        grouped[root(k)].append(pair)
    # a state's end and what is to be decided about it, by the event: its telling, in one line
    told_with = {id(found[k][0]): found[j][0] for k, j in ends.items()}
    told_with |= {id(found[j][0]): found[k][0] for k, j in ends.items()}
    state_of = {id(found[j][0]): found[k][0] for k, j in ends.items()}
    out: list[ComingUp] = []
    for g in grouped.values():
        if any(p[0].status in _OFF for p in g):
            # the event is off unless a later article plans it again ("rescheduled for May 3")
            off = max(p[1].published or date.min for p in g if p[0].status in _OFF)
            g = [p for p in g if p[0].status not in _OFF and (p[1].published or date.min) > off]
            if not g:
                continue
        newest = max(p[1].published or date.min for p in g)
        newest_pairs = [p for p in g if (p[1].published or date.min) == newest]
        planned = any(p[0].status == "planned" for p in newest_pairs)
        status: Literal["planned", "reported"] = "planned" if planned else "reported"
        best_ev = min(
            g, key=lambda p: (granularity(p[0].date) != "day", -_span(p[0]), p[0].day_first or "", p[1].id)
        )[0]
        told = [p for p in g if p[0].status == status] or g
        # in the words of a telling of the dates shown, as /timeline does ("on Jan 13 and 14", not
        # "next week" under 13-14 Jan), when one has the status shown
        told = [p for p in told if (p[0].date, p[0].date_end) == (best_ev.date, best_ev.date_end)] or told
        # The text that tells most: the newest word, naming who, not a fragment ("ahead of the vote").
        text_ev, text_art = max(
            told,
            key=lambda p: (
                p[0].entities not in ("", "[]"),
                len(p[0].text) >= 60,
                p[1].published or date.min,
                min(len(p[0].text), 250),
                -p[1].id,
            ),
        )
        text = shown(text_ev)
        if id(text_ev) in told_with:
            # the state's end in its clause, then the decision about it in its own words
            told_ev = state_of.get(id(text_ev), text_ev)
            text = f"{shown(told_ev)} {told_with[id(told_ev)].text.strip()}"
        day = date.fromisoformat(best_ev.day_first or after)
        outlets_of = dict.fromkeys(p[1].outlet for p in sorted(g, key=lambda p: p[1].published or date.min,
                                                               reverse=True) if p[1].outlet)
        outlets_of.pop(text_art.outlet or "", None)
        entry = ComingUp(
                date=best_ev.date,
                date_end=best_ev.date_end if best_ev.date_end != best_ev.date else None,
                status=status,
                text=clean(text, 400),
                confirmed=status == "planned",
                day=day,
                further_ahead=(best_ev.day_first or "") > horizon,
                source=text_art.source(),
                also=list(outlets_of),
            )
        out.append(entry)
    out.sort(key=lambda c: (c.day, c.date_end or c.date, c.text, c.source.article_id))
    near = [c for c in out if not c.further_ahead][:10]
    further = [c for c in out if c.further_ahead][:3]
    return near + further


def shown(ev: Event) -> str:
    """The words "Coming up" shows ``ev`` in, as extraction stored them (its own words when none)."""
    return ev.shown or ev.text.strip()


# a state's end (``STATE_END``) and the sentence right after it, within this many characters: "its
# mandate runs until February 2026. Member states must decide next month whether to renew it."
_DECIDED_WITHIN = 240


def _state_ends_decided(found: list[tuple[Event, Art]]) -> dict[int, int]:
    """Each state's end ("its mandate runs until February 2026") and the event of the same dates its
    article tells right after it ("Member states must decide next month whether to renew it"), by
    their indices into ``found``: one event, the decision about that end, and one entry of Coming
    up (the end alone is a state, no event; the decision alone does not say what ends)."""
    by_article: dict[int, list[int]] = defaultdict(list)
    for k, (_, a) in enumerate(found):
        by_article[a.id].append(k)
    pairs: dict[int, int] = {}
    for members in by_article.values():
        if len(members) < 2:
            continue
        for k in members:
            ev = found[k][0]
            if not STATE_END.search(ev.text):
                continue
            after = [
                j for j in members
                if (found[j][0].date, found[j][0].date_end) == (ev.date, ev.date_end)
                and 0 <= found[j][0].start - ev.end <= _DECIDED_WITHIN
                and not STATE_END.search(found[j][0].text)
            ]
            if after:
                pairs[k] = min(after, key=lambda j: found[j][0].start)
    return pairs


def _merge_story_events(
    members: list[int],
    found: list[tuple[Event, Art]],
    parent: list[int],
    root: Callable[[int], int],
    cache: dict[int, set[str]],
) -> None:
    """Within one story: overlapping dated days are one event, and so are the same coarse dates
    told alike; a coarse date ("next week", "in February") is the day inside it that the
    timeline's one-date fold picks (:func:`digests.digest.fold.fold_target`)."""
    precise = [k for k in members if granularity(found[k][0].date) == "day"]
    # Interval sweep over the precise events (members arrive sorted by first day): a telling of
    # the very days of one of a cluster's is that event ("ahead of the March 21 vote", "the runoff
    # will be held on March 21"); of days that only overlap, when it is told alike, shares a
    # participant and a word of what happens, or is a participant's journey to it; another event
    # of those days (a strike in the summit's city on its first day) is a cluster of its own
    clusters: list[tuple[str, str, list[int]]] = []  # (first day, last day, its tellings)
    open_from = 0  # clusters before this one end before every day still to come
    for k in precise:
        ev = found[k][0]
        first, last = ev.day_first or "", ev.day_last or ""
        while open_from < len(clusters) and clusters[open_from][1] < first:
            open_from += 1
        home = next(
            (
                n
                for n in range(open_from, len(clusters))
                if clusters[n][1] >= first
                and any(_same_or_overlap(ev, found[j][0], cache) for j in clusters[n][2][:_TELLINGS_MET])
            ),
            None,
        )
        if home is None:
            clusters.append((first, last, [k]))
            continue
        c_first, c_last, tellings = clusters[home]
        parent[root(k)] = root(tellings[0])
        tellings.append(k)
        clusters[home] = (c_first, max(c_last, last), tellings)
    by_value: dict[str, list[int]] = defaultdict(list)
    for k in members:
        ev = found[k][0]
        if granularity(ev.date) == "day":
            continue
        told = by_value[ev.date]
        twin = next((j for j in told if _same_event(ev, found[j][0], cache)), None)
        told.append(k)
        if twin is not None:
            parent[root(k)] = root(twin)
            continue
        if ev.date_end or granularity(ev.date) not in FOLDED_GRAINS:
            continue
        keys = _event_keys(ev, cache)
        # each day inside, by the telling of it most like this one
        inside = [
            max(tellings, key=lambda t: len(keys & _event_keys(found[t][0], cache)))
            for f, last, tellings in clusters
            if (ev.day_first or "") <= f and last <= (ev.day_last or "")
        ]
        pick = fold_target(keys, [_event_keys(found[t][0], cache) for t in inside])
        if pick is not None:
            parent[root(k)] = root(inside[pick])


def _join_days_inside_ranges(
    found: list[tuple[Event, Art]], parent: list[int], root: Callable[[int], int], cache: dict[int, set[str]]
) -> None:
    """Across stories, a day inside a range of days ("will meet in Valdora tomorrow" and "on March
    12 and 13") is the range's event when they share a participant and a word of what happens or
    one is a journey to the other's gathering, as /timeline folds it (not on two words in common:
    "drills which conclude May 25" in South Korea is not the ceremony of May 23 to 25 that
    journalists from South Korea will witness), and only with a whole name in common (the
    "Korea" of North and South Korea is no participant of both). ``found`` is sorted by first
    day."""
    ranges = [
        k for k, (ev, _) in enumerate(found)
        if ev.day_first and ev.day_last and ev.day_last > ev.day_first and granularity(ev.date) == "day"
    ]
    if not ranges:
        return
    firsts = [ev.day_first or "" for ev, _ in found]
    ranges.sort(key=lambda k: -_span(found[k][0]))  # a day inside nested ranges: the wider one's
    for r in ranges:
        rng = found[r][0]
        lo = bisect_left(firsts, rng.day_first or "")
        hi = bisect_right(firsts, rng.day_last or "")
        for k in range(lo, hi):
            ev = found[k][0]
            if (
                root(k) == root(r)
                or granularity(ev.date) != "day"
                or (ev.day_last or "") > (rng.day_last or "")
                or (ev.day_first, ev.day_last) == (rng.day_first, rng.day_last)
            ):
                continue
            if shared_name(ev.entities, rng.entities) and _alike_or_journey(ev, rng):
                parent[root(k)] = root(r)


def _span(ev: Event) -> int:
    if not ev.day_first or not ev.day_last:
        return 0
    return (date.fromisoformat(ev.day_last) - date.fromisoformat(ev.day_first)).days


def told_alike(text_a: str, keys_a: set[str], text_b: str, keys_b: set[str]) -> bool:
    """Whether two tellings of dated events in one story tell the same event: two content words or
    entities in common, or much the same words (``keys``: :func:`event_keys`)."""
    if len(keys_a & keys_b) >= 2:
        return True
    return fuzz.token_set_ratio(text_a, text_b, processor=default_process) >= 60


def _event_keys(ev: Event, cache: dict[int, set[str]]) -> set[str]:
    key = id(ev)
    if key not in cache:
        cache[key] = event_keys(ev.text, ev.entities)
    return cache[key]


def _same_days_event(a: Event, b: Event, cache: dict[int, set[str]]) -> bool:
    """Tellings of the same days in different stories: told alike, or a shared participant and a
    word of what happens (:func:`digests.digest.fold.same_day_event`)."""
    return _same_event(a, b, cache) or (
        granularity(a.date) == "day" and same_day_event(a.text, a.entities, b.text, b.entities)
    )


def _same_or_overlap(a: Event, b: Event, cache: dict[int, set[str]]) -> bool:
    """Tellings of one story: the same days, unless they tell different events (no participant
    and no word of what happens in common: :func:`digests.digest.fold.different_events`), or
    :func:`_overlap_event`."""
    if (a.day_first, a.day_last) == (b.day_first, b.day_last):
        return _same_event(a, b, cache) or not different_events(
            signature(a.text, a.entities), signature(b.text, b.entities)
        )
    return _overlap_event(a, b, cache)


def _overlap_event(a: Event, b: Event, cache: dict[int, set[str]]) -> bool:
    """Tellings of overlapping days in one story: the same event when told alike, with a
    participant and a word of what happens in common, or as a participant's journey to the other's
    gathering (:func:`digests.digest.fold.journey_to`)."""
    return _same_event(a, b, cache) or _alike_or_journey(a, b)


def _alike_or_journey(a: Event, b: Event) -> bool:
    """A participant and a word of what happens in common, or a participant's journey to the
    other's gathering (:func:`digests.digest.fold.alike`, :func:`digests.digest.fold.journey_to`)."""
    sa, sb = signature(a.text, a.entities), signature(b.text, b.entities)
    return alike(sa, sb) or journey_to(sa, sb)


def _same_event(a: Event, b: Event, cache: dict[int, set[str]]) -> bool:
    return told_alike(a.text, _event_keys(a, cache), b.text, _event_keys(b, cache))
