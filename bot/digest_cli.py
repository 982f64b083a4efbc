"""`geodigest digest`: build a digest from the store; print Markdown, JSON, or Slack/Discord payloads."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from bot.config import Settings
from digests.commands import empty_period_note
from digests.digest import build_digest, latest_period, resolve_scope
from digests.errors import InputError
from digests.periods import PERIOD_HELP, parse_period
from digests.printable import clean
from digests.render import render_markdown
from digests.store import Store
from digests.topics import topic_slug


def _words(args: argparse.Namespace, store: Store) -> tuple[tuple[date, date] | None, str | None]:
    """`geodigest digest last week trade`: PERIOD and SUBJECT words read exactly as /digest reads them."""
    from digests.commands import COMMANDS, CommandContext, parse_args, reference_day

    words = " ".join(getattr(args, "period", None) or [])
    if not words:
        return None, None
    today = reference_day(store, CommandContext(platform="console"))
    values = parse_args(store, COMMANDS["digest"], words, today)
    return values.get("period"), values.get("topic")


def _period(args: argparse.Namespace, store: Store, given: tuple[date, date] | None) -> tuple[date, date]:
    """The period from PERIOD words, --since and --until, in the chat's grammar: relative words end
    on the store's reference day (the newest article's on the demo store). --since alone runs to
    the newest article (or is that day itself when later); --until alone is that one day, and
    nothing at all the newest article's day, as /digest without a period."""
    from digests.commands import CommandContext, reference_day

    today = reference_day(store, CommandContext(platform="console"))

    def period(words: str, flag: str) -> tuple[date, date]:
        found = parse_period(words, today)
        if found is None:
            raise InputError(f"{flag} {words!r} is not a period (try {PERIOD_HELP})")
        return found

    since_word, until_word = getattr(args, "since", None), getattr(args, "until", None)
    newest = latest_period(store)[1]
    if given is not None:
        if since_word or until_word:
            raise InputError("give a PERIOD or --since/--until, not both")
        return given
    if since_word and until_word:
        since, until = period(since_word, "--since")[0], period(until_word, "--until")[1]
        if since > until:
            raise InputError(f"--since {since} is after --until {until}")
    elif since_word:
        since = period(since_word, "--since")[0]
        until = max(newest, since)
    else:
        until = period(until_word, "--until")[1] if until_word else newest
        since = until
    return since, until


def render_digest_cli(args: argparse.Namespace, settings: Settings) -> int:
    """Print the digest of --since..--until (default: the newest article's day, as /digest)."""
    topics = list(getattr(args, "topic", None) or [])
    entities = list(getattr(args, "entity", None) or [])
    fmt = getattr(args, "format", None) or "markdown"
    fmt = "markdown" if fmt == "text" else fmt
    scope = resolve_scope(topics=topics, entities=entities)
    with Store.open(settings.db) as store:
        if store.count_articles() == 0:
            print(
                f"The store {settings.db} is empty: add articles with `geodigest ingest PATH|URL`.",
                file=sys.stderr,
            )
            return 1
        given, subject = _words(args, store)
        if subject:
            scope = resolve_scope(topics=[subject], entities=entities) if topic_slug(subject) else \
                resolve_scope(topics=topics, entities=[*entities, subject])
        since, until = _period(args, store, given)
        max_stories = getattr(args, "max_stories", None)
        digest = build_digest(
            store,
            since,
            until,
            scope,
            horizon_weeks=settings.horizon_weeks,
            max_stories=25 if max_stories is None else max_stories or None,
        )
        note = empty_period_note(store, since, until, "geodigest digest") if digest.empty else None
    if note:
        print(note, file=sys.stderr)
    if fmt == "json":
        print(digest.model_dump_json(indent=1))
    elif fmt == "slack":
        from adapters.slack.blocks import digest_payloads as slack_payloads

        print(json.dumps(slack_payloads(digest), ensure_ascii=False, indent=1))
    elif fmt == "discord":
        from adapters.discord.embeds import digest_payloads as discord_payloads

        print(json.dumps(discord_payloads(digest), ensure_ascii=False, indent=1))
    else:
        sys.stdout.write(clean(render_markdown(digest)))  # nothing of a stored text drives the terminal
    return 0
