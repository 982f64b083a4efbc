"""Fixtures shared by the test modules: a store in a temporary file, the sample article, a fake web."""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import discord
import pytest
from hypothesis import settings

sys.path.insert(0, str(Path(__file__).resolve().parent))

from httpfake import FakeWeb

from adapters.discord.client import point_at
from digests.store import Store
from tests.fakes import make_store
from tests.fakes.discord import FakeDiscord
from tests.fakes.slack import FakeSlack

# Property tests are deterministic: the same examples on every run and in CI, so that a failure
# is reproducible and a pass means the same thing each time (failures found are kept as explicit
# @example cases). HYPOTHESIS_PROFILE=explore searches afresh on a developer's machine.
settings.register_profile("deterministic", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SAMPLE_ARTICLE = ROOT.parent / "shared" / "corpus" / "xi-lee-summit.txt"


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    """A Slack Web API and Socket Mode fake on 127.0.0.1."""
    fake = await FakeSlack().start()
    yield fake
    await fake.stop()


@pytest.fixture
async def discord_fake() -> AsyncIterator[FakeDiscord]:
    """A Discord REST and gateway fake on 127.0.0.1, with discord.py pointed at it for the test
    (and pointed back after it)."""
    server = await FakeDiscord().start()
    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    restore = point_at(server.api_base, server.gateway_url)
    try:
        yield server
    finally:
        restore()
        await server.stop()
        assert (base, gateway) == (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)


@pytest.fixture
def store_path(tmp_path: Path) -> Iterator[Path]:
    """A store file made by tests.fakes.make_store (it knows Mara Quint, Foreign Minister: tests/data/chat),
    closed: for the adapters' end-to-end tests, which open it through their own store runner."""
    path = tmp_path / "t.db"
    make_store(path).close()
    yield path


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
