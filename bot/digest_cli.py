"""`geodigest digest`: build a digest from the store; print Markdown, JSON, or Slack/Discord payloads."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta

from bot.config import Settings
from digests.digest import build_digest, latest_period, resolve_scope
from digests.errors import InputError
from digests.render import render_markdown
from digests.store import Store


def render_digest_cli(args: argparse.Namespace, settings: Settings) -> int:
    """Print the digest of --since..--until (default: the newest article's day and the one before)."""
    topics = list(getattr(args, "topic", None) or [])
    entities = list(getattr(args, "entity", None) or [])
    fmt = getattr(args, "format", None) or "markdown"
    scope = resolve_scope(topics=topics, entities=entities)
    with Store.open(settings.db) as store:
        if store.count_articles() == 0:
            print(
                f"The store {settings.db} is empty: add articles with `geodigest ingest PATH|URL`.",
                file=sys.stderr,
            )
            return 1
        until = args.until or latest_period(store)[1]
        since = args.since or (until - timedelta(days=1))
        if since > until:
            raise InputError(f"--since {since} is after --until {until}")
        digest = build_digest(store, since, until, scope, horizon_weeks=settings.horizon_weeks)
    if fmt == "json":
        print(digest.model_dump_json(indent=1))
    elif fmt == "slack":
        from adapters.slack.blocks import digest_payloads as slack_payloads

        print(json.dumps(slack_payloads(digest), ensure_ascii=False, indent=1))
    elif fmt == "discord":
        from adapters.discord.embeds import digest_payloads as discord_payloads

        print(json.dumps(discord_payloads(digest), ensure_ascii=False, indent=1))
    else:
        sys.stdout.write(render_markdown(digest))
    return 0
