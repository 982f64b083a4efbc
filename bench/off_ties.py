"""Whether a called-off plan could reach a telling of another date by what it calls off and who takes
part: the pairs a tie by event noun and participant would make in a store.

    python -m bench.off_ties --db STORE

For each event the store says was called off or put off (``cancelled``, ``postponed``), every plan or
claim still ahead in an article of the same story whose days do not overlap the cue's own, that
names the same thing (the nouns of ``status._CALLED_OFF_NOUN``: summit, drill, exercise ...) and a
participant in common. Each pair is printed for the judge, who says which are one event (the drill
a story says was suspended, told again as "this fall's schedule") and which are not (talks called off
on one day, the summit of another). The count decides whether such a tie is safe to add to
``status.overtaken`` and "Coming up"."""

from __future__ import annotations

import argparse
from datetime import date

from digests import timex
from digests.extract.status import called_off_nouns
from digests.models import Event
from digests.store import Store

Told = tuple[int, date | None, Event]  # (article id, published, event)


def _days(ev: Event) -> tuple[date, date] | None:
    first, last = timex.bounds(ev.date), timex.bounds(ev.date_end or ev.date)
    return (first[0], last[1]) if first and last else None


def pairs(store: Store) -> list[tuple[Told, Told]]:
    """(called off, still ahead): same story, a noun of what is called off and a participant in
    common, days apart."""
    told: list[Told] = []
    for art in store.list_articles(limit=store.count_articles()):
        told += [(art.id, art.published, e) for e in store.facts(art.id).events]
    story = store.stories_of({aid for aid, _, _ in told})
    off = [t for t in told if t[2].status in ("cancelled", "postponed")]
    ahead = [
        t for t in told
        if t[2].status in ("planned", "reported") and t[1] and (d := _days(t[2])) and d[1] > t[1]
    ]
    out: list[tuple[Told, Told]] = []
    for o in off:
        o_days, o_nouns = _days(o[2]), called_off_nouns(o[2].text)
        if o_days is None or not o_nouns:
            continue
        for p in ahead:
            p_days = _days(p[2])
            if p[2] is o[2] or story.get(p[0], p[0]) != story.get(o[0], o[0]) or p_days is None:
                continue
            if o_days[0] <= p_days[1] and p_days[0] <= o_days[1]:
                continue  # overlapping days: the ties status.overtaken and Coming up make already
            if o_nouns & called_off_nouns(p[2].text) and set(o[2].entities) & set(p[2].entities):
                out.append((o, p))
    return out


def main(argv: list[str] | None = None) -> int:
    """Print each pair and the count."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    args = parser.parse_args(argv)
    with Store.open(args.db, readonly=True) as store:
        found = pairs(store)
    for (oa, _, o), (pa, pp, p) in found:
        print(f"OFF   #{oa:<4} {o.date:<10} {o.status}[{o.cue}] {' '.join(o.text.split())[:150]}")
        print(f"AHEAD #{pa:<4} {p.date:<10} {p.status} ({pp}) {' '.join(p.text.split())[:150]}")
        print(f"      in common: {sorted(called_off_nouns(o.text) & called_off_nouns(p.text))} "
              f"{sorted(set(o.entities) & set(p.entities))[:4]}")
    print(f"{len(found)} pairs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
