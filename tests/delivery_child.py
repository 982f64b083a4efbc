"""A bot process that dies for real (``os._exit``) in the middle of a scheduled delivery.

Run by tests/test_delivery_resume.py as ``python tests/delivery_child.py DB API_URL DIE_AFTER``:
it delivers the long test digest to slack:C0DIGEST through the real SlackPoster and slack_sdk
against the fake Slack at API_URL, and exits abruptly right after the platform accepted part
DIE_AFTER (1-based), before the scheduler could record it.
"""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from slack_sdk.web.async_client import AsyncWebClient

from adapters.delivery import Part
from adapters.slack.app import SlackPoster
from bot.scheduler import DigestScheduler
from bot.schedules import Schedule, Target
from digests.store import Store
from tests.fakes import long_digest
from tests.fakes.slack import BOT_TOKEN

FIRE = datetime(2026, 2, 6, 7, 0, tzinfo=UTC)
SCHEDULE = Schedule(name="morning", cron="0 7 * * *", timezone="UTC", targets=(Target("slack", "C0DIGEST"),))
STORIES = 30


class LongDigestScheduler(DigestScheduler):
    """The real scheduler; its digest is the long test digest (several messages per platform)."""

    async def _build(self, schedule: Schedule, fire: datetime, channel: str) -> Any:
        return long_digest(STORIES)


class ExitAfter(SlackPoster):
    """The real Slack poster; the process exits right after Slack accepted part ``die_after``."""

    die_after = 0

    async def post_part(self, channel_id: str, payload: dict[str, Any], part: Part) -> str:
        ts = await super().post_part(channel_id, payload, part)
        if part.index + 1 == self.die_after:
            os._exit(17)  # no cleanup, no finally: a kill -9 as far as the store can tell
        return ts


async def main(db: str, api_url: str, die_after: int) -> None:
    poster = ExitAfter(AsyncWebClient(token=BOT_TOKEN, base_url=api_url), post_interval=0.0)
    poster.die_after = die_after
    with Store.open(Path(db)) as store:
        scheduler = LongDigestScheduler(store, [SCHEDULE], {"slack": poster},
                                        clock=lambda: FIRE + timedelta(minutes=10))
        await scheduler.catch_up()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
