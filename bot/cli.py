"""The `geodigest` command line: ingest, sources, extract, digest, the chat commands, run, doctor."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import sqlite3
import sys
import textwrap
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from bot.config import ConfigError, Settings, fetch_policy, load_settings
from digests.errors import GeoDigestError, store_error

EPILOG = {
    "ingest": "examples:\n  geodigest ingest article.txt page.html feed.xml\n"
    "  geodigest ingest inbox/     # every .txt, .md, .html and feed file in the folder\n"
    "  geodigest ingest https://example.org/news/summit --source 'Example News'\n"
    "  geodigest ingest notes.md --published 2026-01-06",
    "sources": "examples:\n  geodigest sources\n  geodigest sources page 2 --limit 10\n"
               "  geodigest sources --format json",
    "reextract": "Run it after a large ingest: what later articles taught (lines an outlet repeats)\n"
    "then applies to earlier ones, and stories are regrouped in a canonical order, so the facts\n"
    "and the stories do not depend on the order articles came in.\n\n"
    "examples:\n  geodigest reextract\n  geodigest --db news.db reextract",
    "extract": "examples:\n  geodigest extract article.txt --format json --published 2026-01-06\n"
    "  geodigest extract page.html --format text",
    "digest": "examples:\n  geodigest digest --since 2026-01-04 --until 2026-01-07\n"
    "  geodigest digest last week --topic trade\n"
    "  geodigest digest --since 3d --format json\n"
    "  geodigest digest --topic trade --entity 'South Korea' --format slack\n"
    "  geodigest digest --since 2026-01-01 --until 2026-01-31 --format json --max-stories 0   # every story",
    "run": "The console logs only what goes wrong (on standard error): GEODIGEST_LOG_LEVEL=info says more,\n"
    "GEODIGEST_LOG_FILE=PATH writes the log to a file. With Slack or Discord the log level is INFO.\n\n"
    "examples:\n  geodigest run            # console adapter when no token is configured\n"
    "  SLACK_BOT_TOKEN=... SLACK_APP_TOKEN=... geodigest run\n"
    "  GEODIGEST_LOG_LEVEL=info geodigest run 2> geodigest.log",
    "doctor": "examples:\n  geodigest doctor",
    "slack-manifest": "Paste the output into api.slack.com: Create New App -> From an app manifest.\n"
    "It registers every slash command the bot answers (digests/commands/).\n\n"
    "examples:\n  geodigest slack-manifest > manifest.json          # Socket Mode\n"
    "  geodigest slack-manifest --request-url https://bot.example.org/slack/events   # HTTP mode",
    "demo": "examples:\n  geodigest demo remove    # delete the demo store and any demo article in --db",
    "help": "examples:\n  geodigest help\n  geodigest help digest     # the same as geodigest digest --help",
}
# The chat commands with a subcommand of their own above; the others are generated from their
# declarations in digests.commands and read their words with the chat grammar.
BESPOKE = ("ingest", "sources", "digest", "help")
# Commands that only read the store: a mistyped --db must not create an empty one.
READS = ("sources", "digest", "who-said", "timeline", "reextract")


DEFAULT_WORKERS = max(1, min(os.cpu_count() or 1, 4))


def _whole(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` up to ``high`` (no upper bound when None)."""

    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
        if n < low or (high is not None and n > high):
            bound = f"between {low} and {high}" if high is not None else f"at least {low}"
            raise argparse.ArgumentTypeError(f"must be {bound}, not {n}")
        return n

    return parse


_workers, _count, _positive = _whole(1, 64), _whole(0), _whole(1)


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (want YYYY-MM-DD): {value!r}") from None


def _period_word(value: str) -> str:
    """A --since/--until value: checked against the chat's period grammar now, resolved later
    (relative words end on the store's reference day)."""
    from digests.errors import CommandError
    from digests.periods import parse_period

    try:
        found = parse_period(value, date.today())
    except CommandError as err:  # in the command line's own form: "try geodigest digest today"
        raise argparse.ArgumentTypeError(cli_form(str(err))) from None
    if found is None:
        from digests.periods import PERIOD_HELP

        raise argparse.ArgumentTypeError(f"not a period: {value!r} (try {PERIOD_HELP})")
    return value


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("geodigest")
    except PackageNotFoundError:
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with --help and examples on every command."""
    parser = argparse.ArgumentParser(
        prog="geodigest",
        description="GeoDigest: geopolitical news digests for Discord, Slack and the terminal.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  geodigest ingest article.txt https://example.org/feed.xml\n"
        "  geodigest --db /tmp/news.db sources --format json\n"
        "  geodigest extract article.txt --format json --published 2026-01-06\n\n"
        "Run `geodigest COMMAND --help` for the options and examples of each command.",
    )
    db_help = "SQLite database file (default: $GEODIGEST_DB or geodigest.db)"
    parser.add_argument("--db", type=Path, help=db_help)
    parser.add_argument("--version", action="version", version=f"geodigest {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(
        name: str, help_text: str, epilog: str | None = None, *, db: bool = True
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name, help=help_text, description=textwrap.fill(help_text, 79), epilog=epilog or EPILOG[name],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        if db:  # not shown by the commands that open no store (extract, slack-manifest)
            # --db before or after the command; SUPPRESS keeps the global one when not repeated here
            p.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=db_help)
        return p

    p = add("ingest", "Read articles from files, URLs and feeds, extract their facts and store them.")
    p.add_argument(
        "inputs", nargs="+", metavar="PATH|URL",
        help="text, Markdown, HTML or RSS/Atom files, folders of them, or URLs",
    )
    p.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                   help="publication date when the source does not give one")
    p.add_argument("--source", help="outlet name when the source does not give one")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="json: one document with the counts, article ids, errors and warnings")
    p.add_argument(
        "--workers", type=_workers, default=DEFAULT_WORKERS, metavar="N",
        help=f"processes extracting facts in parallel (default {DEFAULT_WORKERS}: the cores, at most 4; "
        "1 = no extra processes); small batches always run in-process",
    )

    add("reextract", "Extract every stored article again with what the store learnt (lines outlets repeat).")

    p = add("sources", "List the articles the bot has read, with counts of facts per article.")
    p.add_argument("page", nargs="*", metavar="page N",
                   help="which page of --limit articles, from 1, as /sources reads it (`page 2`)")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="json: a list of the articles (id, title, outlet, date, link, counts of facts)")
    p.add_argument("--limit", type=_positive, default=50, metavar="N",
                   help="how many articles, newest first (default 50)")

    p = add("extract", "Extract facts from files without storing them.", db=False)
    p.add_argument("inputs", nargs="+", metavar="PATH",
                   help="text, Markdown or HTML files (no URLs, no folders)")
    p.add_argument("--format", choices=["json", "text"], default="json",
                   help="json (default): the facts with their offsets, one JSON line per file for several; "
                        "text: one line per fact")
    p.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                   help="publication date that relative dates resolve against")

    p = add("digest", "Build a digest of the stored facts for a period and a scope.")
    p.add_argument("period", nargs="*", metavar="PERIOD",
                   help="as /digest reads them: a period (week, last week, 3d, 2026-01, "
                   "2026-01-04..2026-01-07; default: the newest article's day), then a subject")
    p.add_argument("--since", type=_period_word,
                   help="first day: a date or a period word such as week or 3d (its first day); "
                   "default: --until's day, or the newest article's day as /digest")
    p.add_argument("--until", type=_period_word,
                   help="last day: a date or a period word (its last day); default: the newest article's day")
    p.add_argument("--topic", action="append", default=[], help="limit to a topic (repeatable)")
    p.add_argument("--entity", action="append", default=[], help="limit to a person, country or organisation")
    p.add_argument("--format", choices=["markdown", "text", "json", "slack", "discord"], default="markdown",
                   help="markdown (default; text is the same), json, slack (Block Kit messages) or discord "
                   "(message payloads)")
    p.add_argument(
        "--max-stories", type=_count, default=25, metavar="N",
        help="most stories shown (default 25; 0 for every story)"
    )

    from digests.commands import COMMANDS

    for cmd in COMMANDS.values():
        if cmd.name in BESPOKE:
            continue
        shape = " ".join(p.name.upper() if p.required else f"[{p.name.upper()}]" for p in cmd.params
                         if p.kind != "page")
        if any(p.kind == "page" for p in cmd.params):
            shape += " [page N]"
        examples = "\n".join(f"  geodigest {e.lstrip('/')}" for e in cmd.examples)
        said = f"{cmd.summary[:1].upper()}{cmd.summary[1:]} (the chat's /{cmd.name}"
        said += ", for admins there)." if cmd.admin else ")."
        # the command line has no channel: it acts on the console's, as its answers say
        said = said.replace("this channel", CLI_PLACE).replace("This channel", CLI_PLACE.capitalize())
        here = f"\n{CLI_PLACE}: the one `geodigest run` answers in"
        usage = f"usage as in chat: geodigest {cmd.name} {shape}{here if cmd.channel else ''}"
        p = add(cmd.name, said, f"{usage}\nexamples:\n{examples}")
        # as in chat, a command whose parameters are all optional runs without words (`feeds` lists)
        needed = "+" if any(p.required for p in cmd.params) else "*"
        p.add_argument("words", nargs=needed, metavar="WORDS", help=f"{shape}, read as the chat reads them")
        p.add_argument("--format", choices=["text", "json"], default="text",
                       help="json: the reply as one JSON document (see README)")

    add("run", "Run the bot: Discord and/or Slack when tokens are set, else the console on the demo corpus.")
    add("doctor", "Check the configuration and platform tokens, and print what will run where.")
    p = add(
        "slack-manifest", "Print the Slack app manifest (JSON): its scopes and every slash command.", db=False
    )
    p.add_argument("--request-url", help="HTTP mode: the public address Slack posts to (…/slack/events); "
                   "without it the app uses Socket Mode")
    p.add_argument("--name", default="GeoDigest", help="the app's and bot user's name (default GeoDigest)")
    p = add("demo", "The demo corpus: `remove` deletes the demo store and demo articles from --db.")
    p.add_argument("action", choices=["remove"], help="remove: delete the demo store and its articles")
    p = add("help", "Show the help of geodigest or of one of its commands.", db=False)
    p.add_argument("topic", nargs="?", metavar="COMMAND", help="a command, e.g. digest (default: all)")
    return parser


_SIGNED = re.compile(r"^[-+\u2212]\d")  # "-3d": a period with a sign, not an option


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `geodigest` console script; returns the exit status."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        # words typed after an option ("timeline Japan --format json page 2") belong with the words
        # before it, as in chat; a signed period ("digest -3d") too, for the engine to say what it is
        words = [n for n in ("words", "period", "page", "inputs") if isinstance(getattr(args, n, None), list)]
        if not words or any(e.startswith("-") and not _SIGNED.match(e) for e in extra):
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
        getattr(args, words[0]).extend(extra)
    if args.command is None:  # a bare `geodigest`: what can I do?
        parser.print_help()
        return 0
    if args.command == "help":  # `geodigest help digest`, as `git help` reads
        if args.topic is None:
            parser.print_help()
            return 0
        return main([args.topic, "--help"])
    try:
        settings = load_settings(**({"GEODIGEST_DB": args.db} if args.db else {}))
    except ConfigError as err:
        print(f"geodigest: {err}", file=sys.stderr)
        return 2
    if args.command in READS and not Path(settings.db).exists():
        print(f"geodigest: no store at {settings.db} (check --db or GEODIGEST_DB; "
              "`geodigest ingest PATH|URL` creates one)", file=sys.stderr)
        return 1
    if args.command in READS and args.command != "reextract":
        _point_at_demo(settings)
    try:
        handler = globals().get(f"cmd_{args.command.replace('-', '_')}", cmd_chat)
        return int(handler(args, settings))
    except GeoDigestError as err:
        print(f"geodigest: {cli_form(str(err))}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as err:  # a damaged or full store met outside the store's own checks
        print(f"geodigest: {store_error(err, settings.db, 'read the store')}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `geodigest sources | head`: the reader left. Point stdout at /dev/null so the
        # interpreter's final flush does not complain either.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130


# the channel the command line's watch and settings act on: it has none of its own
CLI_PLACE = "the console channel"


def cli_form(text: str) -> str:
    """A reply or error of the chat engine as the command line reads it: each chat command it names
    (``/who-said Lee Jae Myung``, ``Try /help``) in its command-line form (``geodigest who-said Lee
    Jae Myung``, ``geodigest help``); a link's path (``https://x.example/help``) is left alone."""
    import re

    from digests.commands import COMMANDS

    names = "|".join(re.escape(n) for n in sorted(COMMANDS, key=len, reverse=True))
    return re.sub(rf"(?<![\w/.:~-])/({names})(?![\w/-])", r"geodigest \1", text)


def _point_at_demo(settings: Settings) -> None:
    """A command that reads an empty store beside the demo store `geodigest run` filled (a new
    user trying the README's command lines after `make run`): say on stderr where the demo is."""
    from bot.runtime import demo_store_path
    from digests.store import Store

    demo = demo_store_path(settings)
    if not demo.exists():
        return
    with Store.open(settings.db) as store:
        if store.count_articles():
            return
    print(f"geodigest: {settings.db} holds no articles; the demo corpus `geodigest run` shows is in "
          f"{demo}: add --db {demo}", file=sys.stderr)


def cmd_slack_manifest(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.slack.manifest import manifest

    print(json.dumps(manifest(args.name, args.request_url), indent=2, ensure_ascii=False))
    return 0


def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    from digests.extract import extract
    from digests.ingest_report import language_note, undated_note
    from digests.language import is_supported
    from digests.models import Extraction
    from digests.sources import article_json, read_path

    failed = 0
    for raw in args.inputs:
        notes: list[str] = []
        try:
            article = read_path(
                Path(raw), published=args.published, max_bytes=settings.max_bytes, warn=notes.append
            )
        except GeoDigestError as err:
            print(f"geodigest: {raw}: {err}", file=sys.stderr)
            failed += 1
            continue
        if args.published:
            article = article.model_copy(update={"published": args.published, "published_from": "given"})
        notes = [f"{raw}: {note}" for note in notes]
        if article.published is None:
            notes.append(undated_note(raw))
        if not is_supported(article.language):
            notes.append(language_note(raw, article.language or "?"))
        for note in notes:
            print(f"geodigest: warning: {note}", file=sys.stderr)
        try:
            supported = is_supported(article.language)
            facts = (
                extract(article.text, article.published, title=article.title) if supported else Extraction()
            )
        except Exception as err:  # an extractor bug must cost one file, not the run
            print(f"geodigest: {raw}: extraction failed ({type(err).__name__}: {err})", file=sys.stderr)
            failed += 1
            continue
        if args.format == "json":
            payload = {**facts.model_dump(mode="json"), "article": article_json(article)}
            if len(args.inputs) > 1:
                payload = {"path": raw, **payload}
            print(json.dumps(payload, ensure_ascii=False))
        else:
            _print_facts_text(raw, facts)
    return 1 if failed else 0


def _print_facts_text(name: str, facts: object) -> None:
    from digests.models import Extraction

    assert isinstance(facts, Extraction)
    print(f"# {name}")
    for e in facts.entities:
        extra = f" ({e.role})" if e.role else ""
        print(f"entity  {e.type:<6} {e.name}{extra}")
    for q in facts.quotes:
        print(f"quote   {q.kind:<8} {q.speaker or '(unnamed)'}: {q.text}")
    for ev in facts.events:
        when = ev.date + (f"..{ev.date_end}" if ev.date_end else "")
        print(f"event   {when:<22} {ev.status:<8} {ev.text}")
    for f in facts.figures:
        print(f"figure  {f.text} = {f.value:g} {f.unit or ''}")
    for t in facts.times:
        print(f"time    {t.type:<8} {t.value:<12} {t.text}")


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from digests.errors import StoreError
    from digests.ingest import ingest_inputs
    from digests.store import Store

    as_json = getattr(args, "format", "text") == "json"
    try:
        opened = Store.open(settings.db)
    except StoreError as exc:  # nothing read: say how much was not stored, and why
        n = len(args.inputs)
        line = f"nothing stored: {n} input{'s' if n != 1 else ''} not read: {exc}"
        if as_json:
            print(json.dumps({"new": 0, "updated": 0, "unchanged": 0, "copies": [], "failed": n,
                              "article_ids": [], "errors": [f"{i}: {exc}" for i in args.inputs],
                              "warnings": [], "summary": line}, ensure_ascii=False, indent=1))
        print(f"geodigest: {line}", file=sys.stderr)
        return 1
    with opened as store:
        report = ingest_inputs(
            store, args.inputs, published=args.published, source=args.source,
            policy=fetch_policy(settings),
            progress=sys.stdout.isatty() and not as_json, out=io.StringIO() if as_json else sys.stdout,
            err=io.StringIO() if as_json else sys.stderr, workers=args.workers,
        )
    if as_json:
        print(json.dumps({
            "new": report.new, "updated": report.updated, "unchanged": report.unchanged,
            "copies": [{"input": c.label, "article_id": c.article_id, "url": c.url} for c in report.copies],
            "failed": report.failed, "article_ids": report.article_ids, "errors": report.errors,
            "warnings": report.warnings, "summary": report.summary(),
        }, ensure_ascii=False, indent=1))
    return 0 if report.ok else 1


def cmd_reextract(args: argparse.Namespace, settings: Settings) -> int:
    from digests.ingest import reextract
    from digests.store import Store

    with Store.open(settings.db) as store:
        report = reextract(store, err=sys.stderr, progress=sys.stderr.isatty())
    print(f"{report.updated} articles re-extracted" + (f", {report.failed} failed" if report.failed else ""))
    return 0 if report.ok else 1


def cmd_sources(args: argparse.Namespace, settings: Settings) -> int:
    from digests.commands import count_noun
    from digests.printable import plain
    from digests.store import Store

    page = 1
    if args.page:  # as /sources reads it: "page 2", "p2"; "page 0" or "two" get its answer
        from datetime import date

        from digests.commands import COMMANDS
        from digests.commands.args import parse_args

        page = parse_args(None, COMMANDS["sources"], " ".join(args.page), date.today()).get("page") or 1
    with Store.open(settings.db) as store:
        articles = store.list_articles(limit=args.limit, offset=(page - 1) * args.limit)
        total = store.count_articles()
    if args.format == "json":
        print(json.dumps([a.model_dump(mode="json") for a in articles], ensure_ascii=False, indent=1))
        return 0
    if not articles and total:
        pages = -(-total // args.limit)
        print(f"Page {page} is past the end: {total} articles, {pages} page{'s' if pages != 1 else ''} "
              f"of {args.limit}.")
        return 1
    if not articles:
        print("No articles stored yet. Add some with `geodigest ingest PATH|URL`.")
        return 0
    for a in articles:
        counts = ", ".join(count_noun(v, k) for k, v in a.counts.items())
        day = a.published.isoformat() if a.published else "undated"  # as /sources says
        print(f"#{a.id:<5} {day:<10}  {plain(a.source or '-', 22):<22} {plain(a.title, 70)}  [{counts}]")
    shown = (page - 1) * args.limit + len(articles)
    if total > shown:
        print(f"({len(articles)} of {total} articles; `page {page + 1}` or --limit to see more)")
    return 0


def cmd_digest(args: argparse.Namespace, settings: Settings) -> int:
    from bot.digest_cli import render_digest_cli

    return render_digest_cli(args, settings)


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    """A chat command on the command line: the same parser, engine and reply as in chat."""
    from adapters.console.app import console_context
    from bot.runtime import schedule_scopes
    from digests.commands import handle
    from digests.printable import clean
    from digests.render import render_reply_text
    from digests.store import Store

    ctx = console_context(
        fetch=fetch_policy(settings), feeds=tuple(settings.feeds), feed_alert_after=settings.feed_alert_after,
        schedule_scopes=schedule_scopes(settings), place=CLI_PLACE,
    )
    with Store.open(settings.db) as store:
        reply = handle(store, args.command, " ".join(args.words), ctx)
    if args.format == "json":
        print(reply.model_dump_json(exclude={"digest"}, indent=1))
    else:
        # nothing of a stored text drives the terminal; a command it names is in its command-line form
        sys.stdout.write(cli_form(clean(render_reply_text(reply))))
    return 1 if reply.kind == "error" else 0


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from bot.runtime import remove_demo

    for line in remove_demo(settings):
        print(line)
    return 0


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.runtime import run

    return run(settings)


def cmd_doctor(args: argparse.Namespace, settings: Settings) -> int:
    from bot.runtime import doctor

    return doctor(settings)


if __name__ == "__main__":
    sys.exit(main())
