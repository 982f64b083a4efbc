"""Told-twice events merged the plain way, every event weighed against every earlier kept event of
its dates (``merge``) and every coarse date against every dated day (``one_date``): the reference
``tests/test_speed_event_merge.py`` holds :mod:`digests.extract.event_merge`'s indexed walks to."""

from __future__ import annotations

from datetime import timedelta

from digests import timex
from digests.extract.event_merge import _COARSE, _OFF, _names_it, keywords
from digests.models import Event


def merge_plainly(events: list[Event], people: set[str], headline: int | None = None) -> list[Event]:
    """``event_merge.merge`` as a walk over every earlier kept event."""
    kept: list[Event] = []
    words: list[set[str]] = []
    for ev in events:
        kw = keywords(ev.text)
        dup = -1
        for j, other in enumerate(kept):
            if (other.date, other.date_end) != (ev.date, ev.date_end):
                continue
            if other.text == ev.text and other.start == ev.start:
                dup = j
                break
            common = kw & words[j]
            if not common:
                continue
            small = min(len(kw), len(words[j])) or 1
            shared = set(ev.entities) & set(other.entities) & people
            name_words = {w.lower() for n in shared for w in n.split()}
            if len(common) / small >= 0.5 or (shared and len(common - name_words) >= 3):
                dup = j
                break
        if dup < 0:
            kept.append(ev)
            words.append(set(kw))
            continue
        other = kept[dup]
        update: dict[str, object] = {"entities": sorted(set(other.entities) | set(ev.entities))}
        if ev.status in _OFF and other.status in ("planned", "reported"):
            update |= ev.model_dump(include={"status", "cue", "text", "start", "end", "paragraph"})
        elif other.paragraph == headline and ev.paragraph != headline:
            fields = {"text", "start", "end", "paragraph"} if _names_it(ev.text, kw, words[dup]) else set()
            if not (other.status in _OFF and ev.status in ("planned", "reported")):
                fields |= {"status", "cue"}
            update |= ev.model_dump(include=fields)
        kept[dup] = other.model_copy(update=update)
        words[dup] |= kw
    return kept


def one_date_plainly(events: list[Event], people: set[str]) -> list[Event]:
    """``event_merge.one_date`` as a walk over every dated day for each coarse date."""
    days = [i for i, e in enumerate(events) if timex.granularity(e.date) == "day"]
    if not days or len(days) == len(events):
        return events
    dropped: set[int] = set()
    entities: dict[int, set[str]] = {}
    for i, ev in enumerate(events):
        if ev.date_end or timex.granularity(ev.date) not in _COARSE:
            continue
        span = timex.bounds(ev.date)
        if span is None:
            continue
        kw = keywords(ev.text)
        inside = []
        for j in days:
            first = timex.bounds(events[j].date)
            last = timex.bounds(events[j].date_end or events[j].date)
            if not first or not last or not span[0] <= first[0] <= span[1] or not last[1] <= span[1]:
                continue
            if last[0] == span[1] and span[1] - span[0] == timedelta(days=6):
                continue
            if events[j].start == ev.start:
                continue
            other = keywords(events[j].text)
            both = set(ev.entities) & set(events[j].entities) & people
            if len(kw & other) / (min(len(kw), len(other)) or 1) >= 0.5 or len(both) >= 2:
                inside.append(j)
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
