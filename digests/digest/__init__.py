"""The digest engine: from the stored facts of a period to stories, what is coming up and who is talking.

Everything is read with a few indexed queries (articles by publication date,
facts by article id); the Python work is proportional to the articles of the
period, never to the whole store. The same store, period and scope always give
the same digest: every ordering ends on ids.

The package, in the order a digest is built:

- ``models``: the digest model (``Digest``, ``Story``, ``ComingUp`` ...), what renderers read;
- ``load``: the period's articles and facts from the store, and each article's features;
- ``grouping``: syndicated copies collapsed, articles joined into stories;
- ``scope``: user words to a ``Scope``, and whether a story is within it;
- ``story``: ranking and telling a story (developments, quotation, topics, countries);
- ``coming_up``: planned and reported events after the period;
- ``speakers``: who is quoted most;
- ``build``: ``build_digest``, which runs the steps above;
- ``format``: periods, titles and text as readers see them (TIMEX dates: ``digests.timex``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from digests.digest.format import format_period
from digests.digest.models import (
    ComingUp,
    Day,
    Development,
    Digest,
    Period,
    Scope,
    Source,
    Speaker,
    Story,
    StoryQuote,
)
from digests.lazy import lazy_attributes
from digests.timex import format_date  # the one TIMEX reader; kept here for callers

if TYPE_CHECKING:
    from digests.digest.build import build_digest
    from digests.digest.load import latest_period
    from digests.digest.scope import resolve_scope

# Building needs the grouping, extraction tables and the store; the models and formats do not.
# Those are imported on first use, so that rendering a reply (and a command line's start-up)
# does not load the whole engine.
_LAZY = {
    "build_digest": "digests.digest.build",
    "latest_period": "digests.digest.load",
    "resolve_scope": "digests.digest.scope",
}

__getattr__ = lazy_attributes(__name__, _LAZY, globals())


__all__ = [
    "ComingUp",
    "Day",
    "Development",
    "Digest",
    "Period",
    "Scope",
    "Source",
    "Speaker",
    "Story",
    "StoryQuote",
    "build_digest",
    "format_date",
    "format_period",
    "latest_period",
    "resolve_scope",
]
