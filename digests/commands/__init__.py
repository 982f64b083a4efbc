"""The chat commands, the same on every platform: declared once, parsed, answered.

Each command is one :class:`Command` declaration (name, typed parameters, help, examples).
From it come the console/Slack text parser (:func:`handle`), Discord's typed options
(:func:`invoke`), ``/help`` and the ``geodigest`` subcommands. Adapters render the neutral
:class:`Reply`; they never query the store themselves.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from digests.commands.args import Command, Param, command_text, convert, parse_args
from digests.commands.replies import MAX_ARGS, PAGE_SIZE, CommandContext, NextPage, Reply, ReplyItem
from digests.errors import CommandError, GeoDigestError
from digests.periods import MAX_DIGEST_DAYS, PERIOD_HELP, check_period, parse_period
from digests.printable import plain

if TYPE_CHECKING:
    from digests.store import Store

__all__ = [
    "COMMANDS", "MAX_ARGS", "MAX_DIGEST_DAYS", "PAGE_SIZE", "PAGE_WORDS", "Command", "CommandContext",
    "NextPage", "Param", "Reply", "ReplyItem", "convert", "handle", "invoke", "parse_args", "parse_period",
    "reference_day", "usage",
]


log = logging.getLogger(__name__)

# --- running ------------------------------------------------------------------------------------


def reference_day(store: Store | None, ctx: CommandContext) -> date:
    """The day relative periods end on: the context's ``today``, else the newest article's day on
    the demo store (its stories are from January 2026), else today."""
    if "today" in ctx.extra:
        return date.fromisoformat(ctx.extra["today"])
    if store is not None:
        from digests.demo import is_demo_store

        if is_demo_store(store):
            newest = store.newest_published()
            if newest:
                return date.fromisoformat(newest[:10])
    return date.today()


def _error(message: str) -> Reply:
    return Reply(title=message, kind="error")


def _guarded(name: str, answer: Callable[[], Reply]) -> Reply:
    try:
        return answer()
    except CommandError as err:
        return _error(str(err))
    except GeoDigestError as err:
        return _error(f"/{name}: {err}")
    except Exception:  # a bug must not reach the user as a traceback, nor kill the adapter
        log.exception("command /%s failed", name)
        return _error(f"Sorry, /{name} failed on our side; the error was logged.")


# words a person types alone to see more of the last answer
PAGE_WORDS = frozenset({"page", "p", "more", "next"})


def _lookup(command: str, args: str = "", store: Store | None = None) -> Command | Reply:
    name = (command or "").strip().lstrip("/").lower()
    name = name.rstrip(":;,.") or name  # "/digest: week"
    found = COMMANDS.get("help" if name == "?" else name)
    if found is None:
        if not name:  # a slash alone
            return _error("A command name goes after the slash: /help lists them.")
        if name in PAGE_WORDS:  # "page 2" typed alone: a page belongs to the answer it continues
            return _error(
                "A page goes with its command: type the line a long answer ends with, "
                "e.g. /timeline Red Sea page 2."
            )
        meant = _meant(name, args) or _asked_about(store, name, args)
        hint = f" Did you mean {plain(meant, 60)}?" if meant else ""
        return _error(f"Unknown command /{plain(name, 30)}.{hint} Try /help for the list.")
    return found


def _meant(name: str, args: str) -> str | None:
    """The command line a mistyped command name most likely meant: ``/who said Lee`` and
    ``/whosaid Lee`` are ``/who-said Lee``, ``/digests week`` is ``/digest week``, ``/h`` is
    ``/help``; None when nothing is close."""
    import difflib

    words = args.split()
    if words and f"{name}-{words[0].lower()}" in COMMANDS:  # "/who said Lee"
        return " ".join([f"/{name}-{words[0].lower()}", *words[1:]])
    letters = {re.sub(r"[^a-z]", "", c): c for c in COMMANDS}
    found = letters.get(re.sub(r"[^a-z]", "", name))
    if found is None:
        close = difflib.get_close_matches(name, list(COMMANDS), n=1, cutoff=0.75)
        starting = [c for c in COMMANDS if c.startswith(name)]
        found = close[0] if close else starting[0] if len(starting) == 1 else None
    return " ".join([f"/{found}", *words]) if found else None


def _asked_about(store: Store | None, name: str, args: str) -> str | None:
    """The command line for a name, country or topic typed with no command before it (``Lee``,
    ``japan``, ``trade`` at the console's prompt): the person the store quotes, the country or the
    topic the tables know; None for other words."""
    if store is None:
        return None
    from digests.queries import person_meant
    from digests.topics import country_code, topic_slug

    text = " ".join([name, *args.split()])[:80]
    if topic_slug(text):
        return f"/digest week {text}"
    if country_code(text):
        return f"/timeline {text}"
    people = person_meant(store, text, speakers=True)
    if len(people) == 1:
        return f"/who-said {people[0]}"
    # a shared surname: as the names write it ("lee" typed is "Lee")
    written = next((w for p in people for w in p.split() if w.lower() == text.lower()), text)
    return f"/who-said {written}" if people else None


def _run(store: Store | None, command: Command, values: dict[str, Any], ctx: CommandContext) -> Reply:
    for p in command.params:
        if p.required and not values.get(p.name):
            question = p.ask or f"/{command.name} needs {p.help}."
            raise CommandError(f"{question} Usage: {command.usage}, e.g. {command.examples[0]}")
    assert store is not None or not command.store
    return command.run(store, values, ctx)  # type: ignore[arg-type]


def handle(store: Store | None, command: str, args: str, ctx: CommandContext) -> Reply:
    """Answer one command (``who-said``, ``timeline``, ...) with arguments as typed by the user.

    Never raises for bad input: empty, unknown, over-long or malformed arguments give a
    one-line ``kind="error"`` reply that says what would work.
    """
    found = _lookup(command, command_text(args or "")[:200], store)
    if isinstance(found, Reply):
        return found
    cmd = found
    # Control characters, invisible marks and runs of spaces carry no meaning in a command line.
    text = command_text(args or "")
    if len(text) > MAX_ARGS:
        return _error(f"That is too long ({len(text):,} characters, at most {MAX_ARGS}). Usage: {cmd.usage}")
    return _guarded(cmd.name, lambda: _run(
        store, cmd, parse_args(store, cmd, text, reference_day(store, ctx)), ctx))


def invoke(store: Store | None, command: str, options: Mapping[str, object], ctx: CommandContext) -> Reply:
    """Answer one command from typed options (Discord's), each converted by its declared kind.

    Unknown option names are an error; values never go back through the text parser.
    """
    found = _lookup(command)
    if isinstance(found, Reply):
        return found
    cmd = found

    def answer() -> Reply:
        today = reference_day(store, ctx)
        names = {p.name for p in cmd.params}
        unknown = sorted(set(options) - names)
        if unknown:
            raise CommandError(f"/{cmd.name} has no option {unknown[0]!r}. Usage: {cmd.usage}")
        values = {p.name: convert(p, options.get(p.name), today) for p in cmd.params}
        total = sum(len(str(v)) for v in options.values() if v is not None)
        if total > MAX_ARGS:
            raise CommandError(f"That is too long ({total:,} characters, at most {MAX_ARGS}).")
        return _run(store, cmd, values, ctx)

    return _guarded(cmd.name, answer)


def usage(command: str) -> str:
    """The one-line usage of a command, as shown in errors and /help."""
    found = COMMANDS.get(command)
    return found.usage if found else "/help"


def _more_note(total: int, page: int, shown: int, again: str) -> str | None:
    left = total - (page - 1) * PAGE_SIZE - shown
    if left <= 0:
        return None
    return f"{left} more: {again} page {page + 1}"


def _next_page(command: str, options: Mapping[str, str | int | None], page: int) -> NextPage:
    """The request for page ``page`` of ``command`` with these options (None: not given).

    The typed line puts free words first, then dates, then ``page N``, as :func:`parse_args`
    reads them back; two free-text values are joined by a comma (``Lee Min-ji, trade``)."""
    cmd = COMMANDS[command]
    given = {k: v for k, v in options.items() if v not in (None, "")}
    words = [str(given[p.name]) for p in cmd.params if not p.typed and p.name in given]
    dates = [p for p in cmd.params if p.kind == "date"]
    line = ", ".join(words)
    if dates and dates[0].name not in given and dates[-1].name in given:
        line += f" to {given[dates[-1].name]}"  # an end without a start: "to 2026-01-31"
    else:
        line += "".join(f" {given[p.name]}" for p in dates if p.name in given)
    line = f"{line} page {page}".strip()
    paging = next(p.name for p in cmd.params if p.kind == "page")
    return NextPage(command=command, args=line, options={**given, paging: page}, page=page)


def _past_the_end(page: int, total: int, what: str, command: str,
                  options: Mapping[str, str | int | None]) -> str:
    """A page past the last one, with the line for the last ("... 2 pages: the last is /sources page 2")."""
    pages = max(1, -(-total // PAGE_SIZE))
    last = f"/{command} {_next_page(command, options, pages).args}"
    counted = f"Page {page} is past the end: {total} {what}{'s' if total != 1 else ''}"
    if pages == 1:
        return f"{counted}, one page: {last.removesuffix(' page 1')}."
    return f"{counted}, {pages} pages: the last is {last}."


# --- /help --------------------------------------------------------------------------------------


# how a long answer goes on, by platform ("" for any other)
_PAGES_HELP = {
    "": "A long answer ends with the line for its next page, e.g. /timeline China page 2: type it.",
    "console": "A long answer ends with the line for its next page, e.g. /timeline China page 2: type "
               "it, or more (next) alone to go on with the last answer.",
    "slack": "A long answer has a Page N button under it (More first, for a long message's own parts); "
             "the line it ends with, e.g. /timeline China page 2, asks for that page too.",
    "discord": "A long answer has Previous and Next buttons under it; the line it ends with, e.g. "
               "/timeline China page 2, asks for that page too.",
}


def _help(store: Store | None, v: dict[str, Any], ctx: CommandContext) -> Reply:
    topic = (v.get("command") or "").lstrip("/").lower()
    if topic:
        cmd = COMMANDS.get(topic)
        if cmd is None and topic in PAGE_WORDS:  # "/help page": how a long answer goes on
            paged = [f"/{c.name}" for c in COMMANDS.values() if any(p.kind == "page" for p in c.params)]
            text = _PAGES_HELP.get(ctx.platform, _PAGES_HELP[""])
            return Reply(title="Pages", items=[ReplyItem(text=text)],
                         note="Commands that page: " + ", ".join(paged))
        if cmd is None:
            first, _, rest = topic.partition(" ")
            meant = _meant(first, rest)  # "/help who said", "/help whosaid"
            hint = f" Did you mean /help {meant.split()[0].lstrip('/')}?" if meant else ""
            raise CommandError(f"No command /{plain(topic, 30)}.{hint} Try /help for the list.")
        items = [ReplyItem(text=cmd.description)]
        items += [ReplyItem(label=p.name, text=p.help + ("" if p.required else " (optional)"))
                  for p in cmd.params]
        return Reply(title=cmd.usage, items=items, note="Examples: " + " · ".join(cmd.examples))
    items = [ReplyItem(label=c.usage, text=c.description) for c in COMMANDS.values()]
    shown = [c.examples[0] for c in COMMANDS.values() if c.name in ("who-said", "timeline", "digest")]
    note = "Examples: " + " · ".join(shown)
    if ctx.platform == "console" and ctx.place == "this channel":  # the console's prompt (not the CLI)
        note += ". At this prompt: more goes on with a long answer, quit (or Ctrl-D) leaves."
    return Reply(title="GeoDigest commands", items=items, note=note)


# --- /who-said ----------------------------------------------------------------------------------

_KIND = {"direct": "quote", "partial": "partial quote", "indirect": "reported"}
_STATUS = {"occurred": "occurred", "planned": "planned", "reported": "reported, unconfirmed"}


def _quotations(n: int) -> str:
    return f"{n} quotation{'s' if n != 1 else ''}"


# a one-word name no one quoted goes by as first name or surname: the answer is a fallback
_MIDDLE_ONLY = "No one quoted is called “{person}” by first name or surname; {who} it as a middle name. "


def _who_said(store: Store, v: dict[str, Any], ctx: CommandContext) -> Reply:
    from digests.queries import statement_count, who_said

    person, about, page = v["person"], v.get("about"), v.get("page") or 1
    answer = who_said(store, person, about, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    if answer.candidates:
        items = []
        for p in answer.candidates[:PAGE_SIZE]:
            # the count a reader can page to: each statement once, as /who-said NAME lists them
            count = statement_count(store, p.name) if p.quotes > 1 else p.quotes
            items.append(ReplyItem(label=p.name, text=f"{p.role or 'role unknown'} · {_quotations(count)}"))
        example = answer.candidates[0].name
        return Reply(
            title=f"Several people match “{person}”: which one?", items=items, kind="choices",
            note=(_MIDDLE_ONLY.format(person=person, who="these have") if answer.middle_name else "")
            + f"Ask again with the full name, e.g. /who-said {example}" + (f" {about}" if about else ""),
        )
    if answer.person is None:
        hint = f" Did you mean {' or '.join(answer.suggestions[:3])}?" if answer.suggestions else ""
        return _error(f"No quotations from “{person}” yet.{hint}")
    who = answer.person.name + (f" ({answer.person.role})" if answer.person.role else "")
    title = f"What {who} said" + (f" about {about}" if about else "")
    if not answer.quotes:
        if page > 1 and answer.total:
            return _error(_past_the_end(page, answer.total, "quotation", "who-said",
                                        {"person": answer.person.name, "about": about}))
        everything = statement_count(store, answer.person.name) if about else answer.total
        if about:
            return Reply(title=title, note=f"Nothing about “{about}” among {_quotations(everything)}. "
                         f"Try /who-said {answer.person.name}")
        return Reply(title=title, note="No quotations stored.")
    items = [
        ReplyItem(
            label=f"{reader_day(q.published)} · {_KIND.get(q.kind, q.kind)}",
            text=(f"“{q.text.strip().rstrip(',')}”" if q.kind != "indirect" else q.text.strip())
            + f" ({q.source or 'outlet unknown'})",
            url=q.url,
        )
        for q in answer.quotes
    ]
    again = f"/who-said {answer.person.name}" + (f", {about}" if about else "")
    more = _more_note(answer.total, page, len(items), again)
    following = _next_page("who-said", {"person": answer.person.name, "about": about}, page + 1)
    note = more
    if answer.middle_name:
        # a fallback the reader should know of: no one goes by the typed word
        aside = _MIDDLE_ONLY.format(person=person, who="the answer has").rstrip()
        note = f"{aside} {note}" if note else aside
    if answer.also:
        # a bare surname answered with its best-supported namesake: the others stay one step away
        # a bare name among them ("Clinton") is no person to ask for by full name: counted apart
        named = [p for p in answer.also[:5] if " " in p.name.strip()]
        bare = sum(p.quotes for p in answer.also if " " not in p.name.strip())
        others = ", ".join(f"{p.name} ({_quotations(p.quotes)})" for p in named)
        aside = f"“{person}” may also mean {others}: /who-said with the full name." if named else ""
        if bare:
            verb = "names" if bare == 1 else "name"
            alone = f"{_quotations(bare)} {verb} only “{person}”, no one in particular."
            aside = f"{aside} {alone}" if aside else alone
        note = f"{more} · {aside}" if more else aside
    return Reply(title=title, items=items, note=note, next=following if more else None)


# --- /timeline ----------------------------------------------------------------------------------


def reader_day(day: date | str | None) -> str:
    """A publication day as every answer shows it ("13 Jun 2018", as /timeline and digests do),
    "undated" when there is none."""
    from digests.timex import format_date

    if not day:
        return "undated"
    return format_date(day.isoformat() if isinstance(day, date) else str(day)[:10])


def reader_moment(stamp: str) -> str:
    """A stored UTC time stamp as answers show times ("6 Dec 2026 14:59 UTC"), not ISO 8601."""
    day = reader_day(stamp)
    if len(stamp) >= 16 and stamp[10] == "T" and stamp.endswith(("+00:00", "Z")):
        return f"{day} {stamp[11:16]} UTC"
    return day


def _span(since: date | None, until: date | None) -> str:
    """A timeline's range: "4–28 Feb 2026", "from 1 May 2018", "until 28 Feb 2026"; "" for none."""
    from digests.digest import Period, format_period

    if since and until:
        return format_period(Period(since=since, until=until))
    if since:
        return f"from {reader_day(since)}"
    return f"until {reader_day(until)}" if until else ""


def _timeline_title(label: str, since: date | None, until: date | None) -> str:
    """"Timeline: Japan (country) · 1–31 Jan 2026": the range after a dot, never a second pair of
    brackets beside the label's kind."""
    span = _span(since, until)
    return f"Timeline: {label} · {span}" if span else f"Timeline: {label}"


def _timeline(store: Store, v: dict[str, Any], ctx: CommandContext) -> Reply:
    from digests.render import told_by
    from digests.timelines import timeline
    from digests.timex import format_date

    query, since, until, page = v["query"], v.get("from"), v.get("to"), v.get("page") or 1
    if since and until:
        check_period(since, until, limit=None)
    line = timeline(store, query, since, until, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    if line.candidates:
        choices = [ReplyItem(label=p.name, text=p.role or "role unknown")
                   for p in line.candidates[:PAGE_SIZE]]
        return Reply(title=f"Several people match “{query}”: which one?", items=choices, kind="choices",
                     note=f"Ask again with the full name, e.g. /timeline {line.candidates[0].name}")
    title = _timeline_title(line.label, since, until)
    if not line.past and not line.coming_up:
        if page > 1 and line.total:
            raise CommandError(_past_the_end(page, line.total, "event", "timeline", {
                "query": query, "from": since and since.isoformat(), "to": until and until.isoformat()}))
        # nothing matches the query: an error, as /who-said's name no one quoted is (one line to the
        # asker; the command line's exit status 1)
        span = f" ({_span(since, until)})" if since or until else ""
        return _error(f"No dated events for “{line.label}”{span}. "
                      "Try a shorter name, a country or a topic.")
    items: list[ReplyItem] = []
    for ahead, events in ((False, line.past), (True, line.coming_up)):
        for event in events:
            when = f"{format_date(event.date, event.date_end)} · {_STATUS.get(event.status, event.status)}"
            told = told_by(event.source or "source unknown", list(event.also))
            items.append(ReplyItem(label=("Coming up · " if ahead else "") + when,
                                   text=f"{event.text} ({told})", url=event.url))
    notes: list[str] = []
    following: NextPage | None = None
    if line.more:
        # the next page: later events of a range, older ones of a timeline without a first day
        following = _next_page("timeline", {"query": query, "from": since and since.isoformat(),
                                            "to": until and until.isoformat()}, page + 1)
        again = f"/timeline {following.args}"
        # what the next pages show: the coming events no page holds are counted apart
        left = line.total - line.offset - len(items) - line.later
        what = "later" if since else "older"
        notes.append(f"{left} more: {again}" if line.exact and left > 0 else f"More {what} events: {again}")
    if line.later and line.later_from:
        coming = _next_page("timeline", {"query": query, "from": line.later_from.isoformat(),
                                         "to": until and until.isoformat()}, 1)
        # not counted: a range also holds the month- and year-long events that began before it
        notes.append(f"more coming up: /timeline {coming.args.removesuffix(' page 1')}")
    if since and line.coarse:
        # a range lists its days first: say where the events of a longer period are
        noun = "event" if line.coarse == 1 else "events"
        notes.append(f"days first, then {line.coarse} {noun} dated only by week, month or year")
    note = "; ".join(notes)
    return Reply(title=title, items=items, note=note[:1].upper() + note[1:] or None, next=following)


# --- /digest ------------------------------------------------------------------------------------


def _digest(store: Store, v: dict[str, Any], ctx: CommandContext) -> Reply:
    from digests.digest import Scope, build_digest, latest_period
    from digests.topics import country_code, topic_slug

    period = v.get("period")
    if period is None:
        if not store.has_articles():
            raise CommandError("No articles stored yet: an admin can add some with /ingest URL.")
        period = latest_period(store, 1)
    since, until = period
    check_period(since, until)
    scope = Scope()
    subject = v.get("topic") or ""
    if not subject:
        from digests.settings import layered_scope, load_settings

        scope = layered_scope(scope, load_settings(store, ctx.channel))  # what /settings set here
    if subject:
        slug = topic_slug(subject)
        if slug:
            scope = Scope(topics=[slug])
        elif country_code(subject):
            scope = Scope(countries=[subject])
        else:
            scope = Scope(entities=[subject])
    horizon = int(ctx.extra.get("horizon_weeks", "4"))
    digest = build_digest(store, since, until, scope, horizon_weeks=horizon)
    note = empty_period_note(store, since, until) if digest.empty else None
    if digest.empty and note is None and subject and v.get("period") is None:
        # the default period is one day: say so, and how to ask for a longer one
        from digests.digest.format import format_period
        from digests.printable import plain

        note = (f"{format_period(digest.period)} is the newest article's day; for longer, put a period "
                f"first: /digest week {plain(subject, 60)}")
    return Reply(title=digest.title, kind="digest", digest=digest, note=note)


def empty_period_note(store: Store, since: date, until: date, command: str = "/digest") -> str | None:
    """What to try when a period holds nothing because it lies after the newest article or
    before the oldest ("The oldest article is from 2014-08-01: try /digest 2014-08-01"); None
    when the period is within the stored days."""
    oldest, newest = store.published_range()
    if newest and newest < since.isoformat():
        return f"The newest article is from {newest}: try {command} or {command} {newest}"
    if oldest and until.isoformat() < oldest:
        return f"The oldest article is from {oldest}: try {command} {oldest}"
    return None


# --- /sources and /ingest -----------------------------------------------------------------------


def count_noun(n: int, plural: str) -> str:
    """`1 event`, `2 events`, `1 entity`: a count with its noun."""
    return f"{n} {plural if n != 1 else 'entity' if plural == 'entities' else plural.removesuffix('s')}"


def _sources(store: Store, v: dict[str, Any], ctx: CommandContext) -> Reply:
    page = v.get("page") or 1
    total = store.count_articles()
    if not total:
        return Reply(title="No articles read yet.", note="An admin can add some with /ingest URL.")
    articles = store.list_articles(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    if not articles:
        raise CommandError(_past_the_end(page, total, "article", "sources", {}))
    items = []
    for a in articles:
        facts = ", ".join(count_noun(n, k) for k, n in a.counts.items() if n and k in ("quotes", "events"))
        text_line = a.title + (f" ({a.source})" if a.source else "") + (f" · {facts}" if facts else "")
        items.append(ReplyItem(label=reader_day(a.published), text=text_line, url=a.url))
    note = _more_note(total, page, len(items), "/sources")
    return Reply(title=f"Recently read ({total} article{'s' if total != 1 else ''} stored)", items=items,
                 note=note, next=_next_page("sources", {}, page + 1) if note else None)


_URL = re.compile(r"^https?://[^\s/]+\.[^\s/]+(?:/\S*)?$|^https?://(?:localhost|127\.0\.0\.1)(?::\d+)?(?:/\S*)?$",
                  re.I)


def _ingest(store: Store, v: dict[str, Any], ctx: CommandContext) -> Reply:
    from digests.fetch import hide_credentials
    from digests.ingest import ingest_inputs

    text = v["url"]
    example = COMMANDS["ingest"].examples[0]
    if not ctx.is_admin:
        hint = {"discord": "the Manage Server permission", "slack": "your user id in SLACK_ADMIN_USERS"}
        raise CommandError(f"/ingest is for admins only ({hint.get(ctx.platform, 'an admin')}).")
    local = ctx.platform == "console" and "://" not in text  # a link, whole or not, is no path
    if local:
        # the console's user runs the bot on this machine: a file or folder there may be read
        from pathlib import Path

        if not Path(text).expanduser().exists():
            raise CommandError(f"No file or folder {text[:80]!r} here; give a path or an http(s) link.")
        text = str(Path(text).expanduser())
    elif " " in text or not _URL.match(text):
        raise CommandError(f"Give one http(s) link, e.g. {example}")
    out, err = io.StringIO(), io.StringIO()
    report = ingest_inputs(store, [text], out=out, err=err, policy=ctx.fetch)
    if report.failed and not report.stored:
        lines = report.errors or err.getvalue().strip().splitlines() or ["nothing could be read"]
        problem = lines[0]
        problem = problem[len(text) + 2:] if problem.startswith(f"{text}: ") else problem
        raise CommandError(hide_credentials(f"Could not ingest {text}: {problem}"))
    items = []
    for article_id in report.article_ids[:PAGE_SIZE]:
        stored = store.article(article_id)
        if stored is None:
            continue
        facts = ", ".join(count_noun(n, k) for k, n in stored.counts.items() if n)
        items.append(ReplyItem(label=reader_day(stored.published),
                               text=f"{stored.title}" + (f" · {facts}" if facts else ""), url=stored.url))
    for copy in report.copies[: max(0, PAGE_SIZE - len(items))]:
        stored = store.article(copy.article_id)
        title = stored.title if stored is not None else ""
        items.append(ReplyItem(label=f"copy of #{copy.article_id}",
                               text=f"{title} · the same text, stored under this link: stored nothing",
                               url=copy.url))
    # the summary counts the warnings: say them (the first two), each without the link it is about
    said = ([hide_credentials(f"{report.failed} failed: {report.errors[0]}")]
            if report.failed and report.errors else [])
    said += [w.removeprefix(f"{text}: ") for w in report.warnings[:2]]
    return Reply(title=f"Ingested {hide_credentials(text)}: {report.summary()}", items=items,
                 note=" · ".join(said) or None)


# --- /watch and /settings -----------------------------------------------------------------------

_MANAGERS = {"discord": "the Manage Channels permission", "slack": "your user id in SLACK_ADMIN_USERS"}


def _may_manage(ctx: CommandContext, what: str) -> None:
    if not ctx.can_manage:
        raise CommandError(f"Changing {ctx.place}'s {what} needs {_MANAGERS.get(ctx.platform, 'an admin')}.")


def _watch(store: Store, v: dict[str, Any], ctx: CommandContext) -> Reply:
    from digests.watches import KIND_LABELS, MAX_WATCHES, AmbiguousWatch, parse_watch

    action, query = v.get("action"), (v.get("query") or "").strip()
    action = action or ("add" if query else "list")
    watches = store.watches_of(ctx.channel)
    if action == "list":
        if not watches:
            return Reply(title=f"{ctx.place_opening} watches nothing yet.",
                         note="Add a watch: " + " · ".join(COMMANDS["watch"].examples[:3]))
        items = [ReplyItem(label=f"{n}.", text=f"{w.label} ({KIND_LABELS.get(w.kind, w.kind)}) · added by "
                           f"{w.created_by} on {reader_day(w.created_at)}") for n, w in enumerate(watches, 1)]
        return Reply(title=f"Watches of {ctx.place} ({len(watches)})", items=items,
                     note="Alerts come when new articles match. Remove one with /watch remove N")
    if action == "remove":
        _may_manage(ctx, "watches")
        if not watches:
            raise CommandError(f"{ctx.place_opening} watches nothing yet: nothing to remove.")
        if not query:
            raise CommandError("Which watch? Give its number from /watch list, e.g. /watch remove 2")
        if query.isdigit():
            n = int(query)
            if not 1 <= n <= len(watches):
                raise CommandError(f"No watch {n}: {ctx.place} has {len(watches)}. See /watch list")
            gone = watches[n - 1]
        else:  # by what it watches, as listed or as typed ("Takaichi", "Sanae Takaichi", "red sea")
            wanted = " ".join(query.strip('"“”').casefold().split())
            named = [w for w in watches if wanted in (w.label.casefold(), w.query.strip('"“”').casefold())]
            if not named:
                raise CommandError(f"{ctx.place_opening} does not watch {query[:40]!r}. "
                                   "See /watch list")
            gone = named[0]
        store.remove_watch(gone.id)
        return Reply(title=f"Stopped watching {gone.label} in {ctx.place}.")
    _may_manage(ctx, "watches")
    if not query:
        raise CommandError("Watch what? Usage: " + COMMANDS["watch"].usage + ", e.g. /watch add \"Red Sea\"")
    try:
        spec = parse_watch(store, query)
    except AmbiguousWatch as err:
        rows = {name: (role, quotes) for name, role, quotes in store.people_rows(err.names)}
        ranked = sorted(err.names, key=lambda n: (-rows.get(n, (None, 0))[1], n))  # the most quoted first
        items = [ReplyItem(label=name, text=f"{rows.get(name, (None, 0))[0] or 'role unknown'} · "
                           f"{_quotations(rows.get(name, (None, 0))[1])}") for name in ranked[:PAGE_SIZE]]
        return Reply(title=str(err), items=items, kind="choices",
                     note=f"Watch one of them by full name, e.g. /watch add {ranked[0]}")
    if len(watches) >= MAX_WATCHES and not any((w.kind, w.key) == (spec.kind, spec.key) for w in watches):
        raise CommandError(f"{ctx.place_opening} has {len(watches)} watches, the most it may have: "
                           "remove one first.")
    _, new = store.add_watch(ctx.channel, spec.kind, spec.key, spec.label, query, ctx.user_id)
    what = {
        "person": "quote them or report dated events about them",
        "entity": "report dated events about it",
        "country": "report dated events about it",
        "topic": "report dated events on it",
        "phrase": "mention these words",
    }[spec.kind]
    kind = KIND_LABELS[spec.kind]
    if not new:
        return Reply(title=f"{ctx.place_opening} already watches {spec.label} ({kind}).")
    return Reply(title=f"Watching {spec.label} ({kind}) in {ctx.place}.",
                 note=f"An alert comes when newly read articles {what}; see /watch list.")


def _settings(store: Store, v: dict[str, Any], ctx: CommandContext) -> Reply:
    from digests.settings import (
        FIELD_HELP,
        FIELDS,
        change_settings,
        describe_field,
        load_settings,
        reset_settings,
    )

    action, value = v.get("action") or "show", (v.get("value") or "").strip()
    title = f"Digest settings of {ctx.place}"
    if action == "reset":
        _may_manage(ctx, "settings")
        reset_settings(store, ctx.channel, ctx.user_id)
        title = f"Settings reset: {ctx.place}'s digests follow the schedules again"
    elif action in FIELDS:
        _may_manage(ctx, "settings")
        change_settings(store, ctx.channel, action, value, ctx.user_id)
        title = f"Changed {action} for {ctx.place}"
    elif value and not v.get("action"):  # the first word is no field: "/settings bogus x"
        raise CommandError(f"No setting {value.split()[0][:30]!r}: change one of {', '.join(FIELDS)} "
                           "(/settings topics trade, security), or /settings reset.")
    elif value:
        raise CommandError(f"/settings {action} takes nothing more; to change one: "
                           f"{COMMANDS['settings'].usage}")
    current = load_settings(store, ctx.channel)
    here = [s for s in ctx.schedule_scopes if s.channel == ctx.channel]
    items = [ReplyItem(label=name, text=f"{describe_field(name, getattr(current, name), here, ctx.place)} · "
                       f"{FIELD_HELP[name]}") for name in FIELDS]
    log_lines = store.settings_log(ctx.channel, limit=1)
    changed = ""
    if log_lines:
        who, when, what = log_lines[0]
        changed = f" Last change: {what} by {who}, {reader_moment(when)}."
    return Reply(title=title, items=items,
                 note="Fields the channel has not set come from the schedules (environment)." + changed)


# --- /feeds -------------------------------------------------------------------------------------

_ADMIN_HINT = {"discord": "the Manage Server permission", "slack": "your user id in SLACK_ADMIN_USERS"}


def _feeds(store: Store, v: dict[str, Any], ctx: CommandContext) -> Reply:
    from digests.feeds import add_feed, feed_statuses, remove_feed
    from digests.fetch import hide_credentials

    if not ctx.is_admin:
        raise CommandError(f"/feeds is for admins only ({_ADMIN_HINT.get(ctx.platform, 'an admin')}).")
    verb, rest = v.get("action") or "", (v.get("feed") or "").strip()
    if not verb and rest:
        raise CommandError(f"/feeds takes add URL, remove N or nothing, not {rest[:30]!r}. "
                           f"Usage: {COMMANDS['feeds'].usage}")
    if verb in ("add", "remove") and not rest:
        raise CommandError(f"/feeds {verb} needs " + ("a feed's address, e.g. /feeds add "
                           "https://news.example/world.rss" if verb == "add" else
                           "the feed's number as /feeds lists it, e.g. /feeds remove 2") + ".")
    if verb == "list" and rest:
        raise CommandError(f"/feeds list takes nothing more. Usage: {COMMANDS['feeds'].usage}")
    if verb == "add":
        status, outcome = add_feed(store, rest, ctx.feeds, ctx.fetch, f"{ctx.platform}:{ctx.user_id}")
        read = (f"read {outcome.new} new article{'s' if outcome.new != 1 else ''}" if outcome.ok
                else f"its first poll failed ({outcome.error})")
        return Reply(title=f"Feed {status.number} added: {hide_credentials(status.url)}",
                     items=[ReplyItem(label="first poll", text=read)],
                     note="It is polled with the others from now on; /feeds remove "
                          f"{status.number} takes it off.")
    if verb == "remove":
        url = remove_feed(store, rest, ctx.feeds)
        return Reply(title=f"Feed removed: {hide_credentials(url)}", note="Its articles stay in the store.")
    statuses = feed_statuses(store, ctx.feeds)
    if not statuses:
        return Reply(title="No feeds are polled.",
                     note="Add one with /feeds add URL (or set GEODIGEST_FEEDS and restart).")
    items = [ReplyItem(label=f"{s.number}. {hide_credentials(s.url)}"
                       + (" (GEODIGEST_FEEDS)" if s.origin == "env" else ""),
                       text=s.describe(ctx.feed_alert_after)) for s in statuses]
    failing = sum(1 for s in statuses if s.health(ctx.feed_alert_after) == "failing")
    env = sum(1 for s in statuses if s.origin == "env")
    note = "/feeds add URL · /feeds remove N"
    if env:
        note += " · feeds from GEODIGEST_FEEDS are removed there"
    title = f"Feeds ({len(statuses)} polled" + (f", {failing} failing" if failing else "") + ")"
    return Reply(title=title, items=items, note=note)


# --- the declarations, in /help's order -----------------------------------------------------------

_PAGE_PARAM = Param("page", "page", "which page of a long answer, from 1")


def _declare(*commands: Command) -> dict[str, Command]:
    return {c.name: c for c in commands}


COMMANDS: dict[str, Command] = _declare(
    Command(
        "who-said", "what a person said, newest first; `about` narrows to a topic, country or name",
        (Param("person", "person", "a person's name or surname", required=True, complete="person",
               ask="Whose quotations?"),
         Param("about", "subject", "narrow to a topic, country or name", complete="topic"),
         _PAGE_PARAM),
        ("/who-said Lee Min-ji trade", "/who-said Takaichi", "/who-said Lee Jae Myung about China"),
        _who_said,
    ),
    Command(
        "timeline", "dated events for a person, country or topic: a range in date order from its first "
        "day, or the latest events with what is coming up",
        (Param("query", "text", "a person, country or topic", required=True, complete="any",
               ask="A timeline of what?"),
         Param("from", "date", "first day (YYYY-MM-DD, or a month 2026-01)"),
         Param("to", "date", "last day (YYYY-MM-DD, or a month 2026-02)", end=True),
         _PAGE_PARAM),
        ("/timeline Red Sea 2026-01-01 2026-03-31", "/timeline South Korea", "/timeline Nara from 2026-01",
         "/timeline China page 2"),
        _timeline,
    ),
    Command(
        "digest", "a digest now, for a period and optionally a topic, country or name",
        (Param("period", "period", PERIOD_HELP),
         Param("topic", "subject", "a topic, country or name", complete="topic")),
        ("/digest week trade", "/digest last week", "/digest 2026-01-04..2026-01-07 South Korea"),
        _digest,
    ),
    Command(
        "sources", "the articles read most recently",
        (_PAGE_PARAM,),
        ("/sources", "/sources page 2"),
        _sources,
    ),
    Command(
        "ingest", "fetch an article or feed and store its facts",
        (Param("url", "url", "the article or feed URL", required=True, max_length=500,
               ask="Which page?"),),
        ("/ingest https://example.org/news/story",),
        _ingest, admin=True,
    ),
    Command(
        "watch", "alerts in this channel on new articles about a person, organisation, country, topic "
        "or \"phrase\"",
        (Param("action", "choice", "add, list or remove", choices=("add", "list", "remove")),
         Param("query", "text", "a person, organisation, country, topic or \"quoted phrase\"; to remove: "
               "its number or name", complete="any")),
        ("/watch add Takaichi", "/watch add \"Red Sea\"", "/watch list", "/watch remove 1"),
        _watch, channel=True,
    ),
    Command(
        "settings", "this channel's digest scope: show it, change a field, or reset to the schedule",
        (Param("action", "choice", "show, reset, or the field to change",
               choices=("show", "reset", "topics", "countries", "entities", "include", "exclude")),
         Param("value", "text", "the new value: words separated by commas, `all` for no limit, "
               "`default` for the schedule's")),
        ("/settings", "/settings topics trade, security", "/settings exclude football", "/settings reset"),
        _settings, channel=True,
    ),
    Command(
        "feeds", "the feeds polled with their health; add or remove one",
        (Param("action", "choice", "list (the default), add or remove", choices=("list", "add", "remove")),
         Param("feed", "text", "for add, the feed's URL; for remove, its number from /feeds",
               max_length=500)),
        ("/feeds", "/feeds add https://news.example/world.rss", "/feeds remove 2"),
        _feeds, admin=True,
    ),
    Command(
        "help", "this list, or one command's options and examples",
        (Param("command", "command", "a command name"),),
        ("/help", "/help timeline"),
        _help, store=False,
    ),
)
"""Every chat command, keyed by name, in /help's order."""


def chat_examples() -> Iterator[tuple[str, str]]:
    """Every example in the declarations as (command, argument text)."""
    for cmd in COMMANDS.values():
        for example in cmd.examples:
            name, _, args = example.lstrip("/").partition(" ")
            yield name, args
