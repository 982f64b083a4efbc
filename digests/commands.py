"""The chat commands, the same on every platform: parse arguments, query the store, answer.

Adapters call :func:`handle` and render the neutral :class:`Reply` it returns;
they never query the store themselves.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from digests.errors import CommandError, GeoDigestError

if TYPE_CHECKING:
    from digests.store import Store

COMMANDS = ("who-said", "timeline", "digest", "sources", "ingest", "help")


class ReplyItem(BaseModel):
    """One line of an answer: plain article text (adapters escape it) and an optional link."""

    model_config = ConfigDict(frozen=True)

    text: str
    url: str | None = None
    label: str | None = None  # short bold prefix: a date, a kind, a status


class Reply(BaseModel):
    """A neutral answer that each adapter renders in its platform's idiom, paging long ones."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    title: str
    items: list[ReplyItem] = Field(default_factory=list)
    note: str | None = None  # a closing line ("3 more: /who-said Lee page 2")
    kind: Literal["answer", "error", "choices", "digest"] = "answer"
    digest: object | None = None  # a digests.digest.Digest for /digest answers


@dataclass(frozen=True)
class CommandContext:
    """Who asks and where: adapters fill it from the platform event."""

    platform: Literal["console", "slack", "discord"]
    user_id: str = "console"
    channel_id: str = "console"
    is_admin: bool = False
    extra: dict[str, str] = field(default_factory=dict)


MAX_ARGS = 200
PAGE_SIZE = 10
# A digest asked for by hand covers at most this many days: longer ones take seconds to build.
MAX_DIGEST_DAYS = 92

log = logging.getLogger(__name__)

HELP: tuple[tuple[str, str, str], ...] = (
    ("who-said", "person [about]", "what a person said, newest first; `about` narrows to a topic or name"),
    ("timeline", "query [from] [to]", "dated events for a person, country or topic, coming-up last"),
    ("digest", "[period] [topic]", "a digest now: today, yesterday, week, 3d or 2026-01-04..2026-01-07"),
    ("sources", "", "the articles read most recently"),
    ("ingest", "url", "admins: fetch an article or feed and store its facts"),
    ("help", "", "this list"),
)
EXAMPLES = {
    "who-said": "/who-said Lee Jae-myung trade",
    "timeline": "/timeline Red Sea 2026-01-01 2026-03-31",
    "digest": "/digest week trade",
    "sources": "/sources",
    "ingest": "/ingest https://example.org/news/story",
    "help": "/help",
}
_KIND = {"direct": "quote", "partial": "partial quote", "indirect": "reported"}
_STATUS = {"occurred": "occurred", "planned": "planned", "reported": "reported, unconfirmed"}
_PAGE = re.compile(r"\s+(?:page|p\.?)\s*(\d{1,4})$", re.I)
_DAY = r"\d{4}-\d{2}-\d{2}"
_DATE_WORD = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def usage(command: str) -> str:
    """The one-line usage of a command, as shown in errors and /help."""
    for name, params, _ in HELP:
        if name == command:
            return f"/{name} {params}".rstrip()
    return "/help"


def _help(args: str) -> Reply:
    topic = args.strip().lstrip("/").lower()
    if topic in COMMANDS:
        what = next(w for n, _, w in HELP if n == topic)
        return Reply(title=usage(topic), items=[ReplyItem(text=what)], note=f"Example: {EXAMPLES[topic]}")
    items = [ReplyItem(label=usage(name), text=what) for name, _, what in HELP]
    return Reply(title="GeoDigest commands", items=items, note="Example: /who-said Lee trade")


def _error(message: str) -> Reply:
    return Reply(title=message, kind="error")


def handle(store: Store, command: str, args: str, ctx: CommandContext) -> Reply:
    """Answer one command (``who-said``, ``timeline``, ...) with arguments as typed by the user.

    Never raises for bad input: empty, unknown, over-long or malformed arguments give a
    one-line ``kind="error"`` reply that says what would work.
    """
    name = (command or "").strip().lstrip("/").lower()
    # Control characters and runs of spaces carry no meaning in a command line.
    text = " ".join("".join(c if c.isprintable() else " " for c in (args or "")).split())
    if name not in COMMANDS:
        return _error(f"Unknown command /{name[:30] or '?'}. Try /help for the list.")
    if len(text) > MAX_ARGS:
        return _error(f"That is too long ({len(text)} characters, at most {MAX_ARGS}). Usage: {usage(name)}")
    answer: Callable[[Store, str, CommandContext], Reply] = _HANDLERS[name]
    try:
        return answer(store, text, ctx)
    except CommandError as err:
        return _error(str(err))
    except GeoDigestError as err:
        return _error(f"/{name}: {err}")
    except Exception:  # a bug must not reach the user as a traceback, nor kill the adapter
        log.exception("command /%s failed", name)
        return _error(f"Sorry, /{name} failed on our side; the error was logged.")


def _page(text: str) -> tuple[str, int]:
    match = _PAGE.search(text)
    if not match:
        return text, 1
    page = int(match.group(1))
    if page < 1:
        raise CommandError("Pages start at 1.")
    return text[: match.start()].strip(), page


def _more_note(total: int, page: int, shown: int, again: str) -> str | None:
    left = total - (page - 1) * PAGE_SIZE - shown
    if left <= 0:
        return None
    return f"{left} more: {again} page {page + 1}"


# --- /who-said ----------------------------------------------------------------------------------


def _split_person(store: Store, text: str) -> tuple[str, str | None]:
    """`Lee Jae-myung trade` -> ("Lee Jae-myung", "trade"): explicit separators first, then the
    longest run of leading words that names someone."""
    from digests.queries import speakers_for

    quoted = re.match(r'^"([^"]+)"\s*(.*)$', text)
    if quoted:
        return quoted.group(1).strip(), (quoted.group(2).strip() or None)
    for separator in (r"\s*\|\s*", r"\s*,\s*", r"\s+about\s+", r"\s+on\s+"):
        parts = re.split(separator, text, maxsplit=1, flags=re.I)
        if len(parts) == 2 and parts[0].strip() and parts[1].strip():
            return parts[0].strip(), parts[1].strip()
    words = text.split()
    if speakers_for(store, text):
        return text, None
    for cut in range(len(words) - 1, 0, -1):
        rest = " ".join(words[cut:])
        if speakers_for(store, " ".join(words[:cut])) and _is_subject(store, rest):
            return " ".join(words[:cut]), rest
    # "Xi Jingping": a misspelt name, not Xi about "Jingping"
    return text, None


def _is_subject(store: Store, text: str) -> bool:
    """Whether words can be what someone spoke about: a topic, a country, a known name, plain words."""
    from digests.topics import country_code, topic_slug

    if text[:1].islower() or topic_slug(text) or country_code(text):
        return True
    return bool(store.db.execute("SELECT 1 FROM entities WHERE name = ? LIMIT 1", [text]).fetchone())


def _who_said(store: Store, text: str, ctx: CommandContext) -> Reply:
    from digests.queries import who_said

    text, page = _page(text)
    if not text:
        raise CommandError(f"Whose quotations? Usage: {usage('who-said')}, e.g. {EXAMPLES['who-said']}")
    person, about = _split_person(store, text)
    answer = who_said(store, person, about, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    if answer.candidates:
        items = [
            ReplyItem(label=p.name, text=f"{p.role or 'role unknown'} · {p.quotes} quotation"
                      + ("s" if p.quotes != 1 else ""))
            for p in answer.candidates[:PAGE_SIZE]
        ]
        example = answer.candidates[0].name
        return Reply(
            title=f"Several people match “{person}”: which one?", items=items, kind="choices",
            note=f"Ask again with the full name, e.g. /who-said {example}" + (f" {about}" if about else ""),
        )
    if answer.person is None:
        hint = f" Did you mean {' or '.join(answer.suggestions[:3])}?" if answer.suggestions else ""
        return _error(f"No quotations from “{person}” yet.{hint}")
    who = answer.person.name + (f" ({answer.person.role})" if answer.person.role else "")
    title = f"What {who} said" + (f" about {about}" if about else "")
    if not answer.quotes:
        if about:
            return Reply(title=title, note=f"Nothing about “{about}” among {answer.person.quotes} "
                         f"quotations. Try /who-said {answer.person.name}")
        return Reply(title=title, note="Nothing on this page.")
    items = [
        ReplyItem(
            label=f"{q.published or 'undated'} · {_KIND.get(q.kind, q.kind)}",
            text=(f"“{q.text.strip().rstrip(',')}”" if q.kind != "indirect" else q.text.strip())
            + f" ({q.source or q.title})",
            url=q.url,
        )
        for q in answer.quotes
    ]
    again = f"/who-said {answer.person.name}" + (f", {about}" if about else "")
    return Reply(title=title, items=items, note=_more_note(answer.total, page, len(items), again))


# --- /timeline ----------------------------------------------------------------------------------


def _parse_day(word: str, *, end: bool) -> date | None:
    """`2026-01-05`, `2026-01` or `2026` as its first (or, with ``end``, last) day; None if not a date."""
    match = _DATE_WORD.match(word)
    if not match:
        return None
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    try:
        if day:
            return date(year, int(month or 1), int(day))
        if month:
            first = date(year, int(month), 1)
            following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
            return following - timedelta(days=1) if end else first
        return date(year, 12, 31) if end else date(year, 1, 1)
    except ValueError:
        raise CommandError(f"{word!r} is not a real date (want YYYY-MM-DD).") from None


def _split_dates(text: str) -> tuple[str, date | None, date | None]:
    words = text.split()
    since = until = None
    if words and ".." in words[-1]:
        first, _, last = words.pop().partition("..")
        since, until = _parse_day(first, end=False), _parse_day(last, end=True)
        if since is None or until is None:
            raise CommandError("Write a date range as 2026-01-04..2026-01-07.")
    else:
        found: list[str] = []
        # up to two trailing dates, optionally introduced by from/to/since/until
        while words and len(found) < 2:
            if words[-1].lower() in ("to", "until", "from", "since", "-"):
                words.pop()
                continue
            if _DATE_WORD.match(words[-1]) and (len(words) > 1 or found):
                found.insert(0, words.pop())
                continue
            break
        while words and words[-1].lower() in ("from", "since"):
            words.pop()
        if found:
            since = _parse_day(found[0], end=False)
            until = _parse_day(found[1], end=True) if len(found) > 1 else None
    if since and until and since > until:
        raise CommandError(f"The period ends before it starts ({since} > {until}).")
    return " ".join(words), since, until


def _timeline(store: Store, text: str, ctx: CommandContext) -> Reply:
    from digests.queries import timeline
    from digests.timex import format_date

    query, since, until = _split_dates(text)
    if not query:
        raise CommandError(f"A timeline of what? Usage: {usage('timeline')}, e.g. {EXAMPLES['timeline']}")
    line = timeline(store, query, since, until, limit=PAGE_SIZE)
    if line.candidates:
        choices = [ReplyItem(label=p.name, text=p.role or "role unknown")
                   for p in line.candidates[:PAGE_SIZE]]
        return Reply(title=f"Several people match “{query}”: which one?", items=choices, kind="choices",
                     note=f"Ask again with the full name, e.g. /timeline {line.candidates[0].name}")
    span = f" ({since or '…'} to {until or '…'})" if since or until else ""
    title = f"Timeline: {line.label}{span}"
    if not line.past and not line.coming_up:
        return Reply(title=title, note="No dated events found. Try a shorter name, a country or a topic.")
    items: list[ReplyItem] = []
    for ahead, events in ((False, line.past), (True, line.coming_up)):
        for event in events:
            when = f"{format_date(event.date, event.date_end)} · {_STATUS.get(event.status, event.status)}"
            items.append(ReplyItem(label=("Coming up · " if ahead else "") + when,
                                   text=f"{event.text} ({event.source or 'source unknown'})", url=event.url))
    note = None
    if line.more:
        # the page holds the latest past events and the nearest coming ones; dates reach the rest
        note = f"More events: narrow with dates, e.g. /timeline {query} 2026-01-01 2026-01-31"
    return Reply(title=title, items=items, note=note)


# --- /digest ------------------------------------------------------------------------------------


def parse_period(word: str, today: date) -> tuple[date, date] | None:
    """`today`, `yesterday`, `week`, `month`, `3d`, `2w`, a date or `A..B` as (since, until); None if
    the word is not a period."""
    w = word.lower()
    if w == "today":
        return today, today
    if w == "yesterday":
        return today - timedelta(days=1), today - timedelta(days=1)
    if w in ("week", "7d"):
        return today - timedelta(days=6), today
    if w == "month":
        return today - timedelta(days=29), today
    match = re.fullmatch(r"(\d{1,3})([dw])", w)
    if match:
        days = int(match.group(1)) * (7 if match.group(2) == "w" else 1)
        if not 1 <= days <= MAX_DIGEST_DAYS:
            raise CommandError(f"A digest covers 1 to {MAX_DIGEST_DAYS} days.")
        return today - timedelta(days=days - 1), today
    if ".." in w:
        first, _, last = w.partition("..")
        since, until = _parse_day(first, end=False), _parse_day(last, end=True)
        if since is None or until is None:
            raise CommandError("Write a period as 2026-01-04..2026-01-07.")
        return since, until
    if _DATE_WORD.match(w):
        since, until = _parse_day(w, end=False), _parse_day(w, end=True)
        assert since is not None and until is not None
        return since, until
    return None


def _digest(store: Store, text: str, ctx: CommandContext) -> Reply:
    from digests.digest import Scope, build_digest, latest_period
    from digests.topics import country_code, topic_slug

    words = text.split()
    today = date.fromisoformat(ctx.extra["today"]) if "today" in ctx.extra else date.today()
    period = parse_period(words[0], today) if words else None
    if period is not None or (words and words[0].lower() == "latest"):
        words = words[1:]
    if period is None:
        if not store.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone():
            raise CommandError("No articles stored yet: an admin can add some with /ingest URL.")
        period = latest_period(store, 1)
    since, until = period
    if since > until:
        raise CommandError(f"The period ends before it starts ({since} > {until}).")
    if (until - since).days + 1 > MAX_DIGEST_DAYS:
        raise CommandError(f"A digest covers at most {MAX_DIGEST_DAYS} days; pick a shorter period.")
    scope = Scope()
    subject = " ".join(words)
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
    note = None
    if digest.empty:
        newest = store.db.execute("SELECT max(published) FROM articles").fetchone()[0]
        if newest and newest < since.isoformat():
            note = f"The newest article is from {newest}: try /digest or /digest {newest}"
    return Reply(title=digest.title, kind="digest", digest=digest, note=note)


# --- /sources and /ingest -----------------------------------------------------------------------


def _count(n: int, plural: str) -> str:
    return f"{n} {plural if n != 1 else 'entity' if plural == 'entities' else plural.removesuffix('s')}"


def _sources(store: Store, text: str, ctx: CommandContext) -> Reply:
    rest, page = _page(text)
    if rest:
        raise CommandError(f"/sources takes no arguments (or `page 2`). Usage: {usage('sources')}")
    total = store.count_articles()
    if not total:
        return Reply(title="No articles read yet.", note="An admin can add some with /ingest URL.")
    articles = store.list_articles(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    items = []
    for a in articles:
        facts = ", ".join(_count(n, k) for k, n in a.counts.items() if n and k in ("quotes", "events"))
        text_line = a.title + (f" ({a.source})" if a.source else "") + (f" · {facts}" if facts else "")
        items.append(ReplyItem(label=a.published.isoformat() if a.published else "undated", text=text_line,
                               url=a.url))
    return Reply(title=f"Recently read ({total} article{'s' if total != 1 else ''} stored)", items=items,
                 note=_more_note(total, page, len(items), "/sources"))


_URL = re.compile(r"^https?://[^\s/]+\.[^\s/]+(?:/\S*)?$|^https?://(?:localhost|127\.0\.0\.1)(?::\d+)?(?:/\S*)?$",
                  re.I)


def _ingest(store: Store, text: str, ctx: CommandContext) -> Reply:
    from digests.ingest import ingest_inputs

    if not ctx.is_admin:
        hint = {"discord": "the Manage Server permission", "slack": "your user id in SLACK_ADMIN_USERS"}
        raise CommandError(f"/ingest is for admins only ({hint.get(ctx.platform, 'an admin')}).")
    if not text:
        raise CommandError(f"Which page? Usage: {usage('ingest')}, e.g. {EXAMPLES['ingest']}")
    if " " in text or not _URL.match(text):
        raise CommandError(f"Give one http(s) link, e.g. {EXAMPLES['ingest']}")
    out, err = io.StringIO(), io.StringIO()
    report = ingest_inputs(store, [text], out=out, err=err)
    if report.failed and not report.stored:
        lines = report.errors or err.getvalue().strip().splitlines() or ["nothing could be read"]
        raise CommandError(f"Could not ingest {text}: {lines[0]}")
    items = []
    for article_id in report.article_ids[:PAGE_SIZE]:
        stored = store.article(article_id)
        if stored is None:
            continue
        facts = ", ".join(_count(n, k) for k, n in stored.counts.items() if n)
        items.append(ReplyItem(label=stored.published.isoformat() if stored.published else "undated",
                               text=f"{stored.title}" + (f" · {facts}" if facts else ""), url=stored.url))
    note = f"{report.failed} failed: {report.errors[0]}" if report.failed and report.errors else None
    return Reply(title=f"Ingested {text}: {report.summary()}", items=items, note=note)


_HANDLERS: dict[str, Callable[[Store, str, CommandContext], Reply]] = {
    "who-said": _who_said,
    "timeline": _timeline,
    "digest": _digest,
    "sources": _sources,
    "ingest": _ingest,
    "help": lambda store, text, ctx: _help(text),
}
