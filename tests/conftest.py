"""Fixtures shared by the test modules: a store in a temporary file, the sample article, a fake web."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from httpfake import FakeWeb

from digests.store import Store

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SAMPLE_ARTICLE = ROOT.parent / "shared" / "corpus" / "xi-lee-summit.txt"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh store in a real SQLite file under tmp_path."""
    with Store.open(tmp_path / "geodigest.db") as s:
        yield s


@pytest.fixture
def sample_article() -> Path:
    """The shared sample article (skips the test when it is absent)."""
    if not SAMPLE_ARTICLE.is_file():
        pytest.skip(f"sample article not found at {SAMPLE_ARTICLE}")
    return SAMPLE_ARTICLE


@pytest.fixture
def ingest_data() -> Path:
    """Folder of our own test articles, pages and feeds."""
    return DATA / "ingest"


@pytest.fixture
def web() -> Iterator[FakeWeb]:
    """A fake news site and feed host on 127.0.0.1 (see tests/httpfake.py)."""
    server = FakeWeb().start()
    try:
        yield server
    finally:
        server.stop()
