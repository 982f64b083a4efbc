"""One event, one date across the articles of a story: when a telling with a coarse date ("in
mid-January", "next week") is the same event as a telling of a day inside it ("on Jan 13 and
14"). "Coming up" and ``/timeline`` both ask :func:`fold_target`, so they agree on what is one
event."""

from __future__ import annotations

from collections.abc import Sequence

from digests.digest.load import json_list, tokens

# The coarse grains a telling can be folded from; a year is background, not one event's date.
FOLDED_GRAINS = frozenset({"week", "month", "season", "quarter", "half"})
# Days of its story inside a coarse date, at most, for that date to be folded into one of them.
FOLD_CHOICES = 8


def event_keys(text: str, entities: str | None) -> set[str]:
    """The content words of an event's text and its entities (a JSON list), lower case."""
    return tokens(text) | {str(e).lower() for e in json_list(entities)}


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
    other); the one found must then be :func:`much_alike`."""
    if not days or len(days) > FOLD_CHOICES:
        return None
    pick = 0
    if len(days) > 1:
        scored = sorted(((len(coarse & day), n) for n, day in enumerate(days)), reverse=True)
        best, runner_up = scored[0], scored[1]
        if best[0] < 3 or best[0] == runner_up[0]:
            return None
        pick = best[1]
    return pick if much_alike(coarse, days[pick]) else None
