"""The demo corpus: short news articles written for GeoDigest's first run.

Every article here was written by the project for demonstration and testing.
The outlets (The Harbour Times, Meridian Wire, The Gulf Ledger, The Continental
Review) are invented, and so are the analysts, the quotations and several of the
details; real public figures appear only as the subjects of these made-up stories.
Each file holds front matter (title, source, url, published), a title line and
one paragraph per line.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from digests.store import Store

__all__ = ["demo_paths", "is_demo_store", "mark_demo_store"]


def demo_paths() -> list[Path]:
    """Paths of the demo articles (``*.md``), sorted by file name (which starts with the date)."""
    root = files(__name__)
    # The package is installed as plain files (editable or wheel), so as_file
    # yields the real directory without extracting anything.
    with as_file(root) as folder:
        return sorted(Path(folder).glob("*.md"))


def is_demo_store(store: Store) -> bool:
    """Whether a store holds the demo corpus (marked so by :func:`mark_demo_store`)."""
    return store.meta("demo") == "1"


def mark_demo_store(store: Store) -> None:
    """Mark a store as the demo's: relative periods then end on its newest article."""
    store.set_meta("demo", "1")
