"""Commands declared once (typed parameters, help, examples) and their arguments parsed.

The console, Slack and the command line type a line of text (:func:`parse_args`); Discord
sends typed options (:func:`convert`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from digests.errors import CommandError
from digests.periods import (
    PERIOD_HELP,
    is_day,
    is_full_day,
    leading_period,
    parse_day,
    parse_period,
    parse_range,
)
from digests.printable import clean

if TYPE_CHECKING:
    from digests.commands.replies import CommandContext, Reply
    from digests.store import Store


# --- the declarations ---------------------------------------------------------------------------

ParamKind = Literal["text", "person", "subject", "period", "date", "url", "page", "command", "choice"]
"""What a parameter holds. ``text``/``person``/``subject``/``url``/``command`` are strings,
``period`` a (since, until) pair, ``date`` a day (``to`` dates are the last day of a month or
year), ``page`` a whole number from 1, ``choice`` one of the declared ``choices`` (a leading
word such as ``add`` in ``/watch add Lee``; a fixed choice list on Discord)."""

_FREE = ("text", "person", "subject", "url", "command")  # words, not a typed value


@dataclass(frozen=True)
class Param:
    """One argument of a command: its name, kind, help line, whether required, what completes it."""

    name: str
    kind: ParamKind
    help: str
    required: bool = False
    complete: Literal["person", "topic", "any"] | None = None
    end: bool = False  # a `date` read as the last day of a month or year ("to 2026-02")
    ask: str | None = None  # the question when a required value is missing ("Whose quotations?")
    max_length: int = 100
    choices: tuple[str, ...] = ()  # the values of a `choice` parameter

    @property
    def typed(self) -> bool:
        """Whether the value is a typed one (period, date, page) rather than free words."""
        return self.kind not in _FREE


@dataclass(frozen=True)
class Command:
    """One chat command, declared once: every parser, registration and help text derives from it."""

    name: str
    summary: str
    params: tuple[Param, ...]
    examples: tuple[str, ...]
    run: Callable[[Store, dict[str, Any], CommandContext], Reply]
    admin: bool = False
    store: bool = True  # needs the store (``help`` does not)
    channel: bool = False  # acts on the channel it is typed in (its watches, its settings)

    @property
    def description(self) -> str:
        """The summary as a menu or /help line: "Fetch an article ... (admins only)"."""
        return self.summary[:1].upper() + self.summary[1:] + (" (admins only)" if self.admin else "")

    @property
    def usage(self) -> str:
        """``/who-said person [about] [page]``: required parameters bare, optional in brackets."""
        shown = [p.name if p.required else f"[{p.name}]" for p in self.params]
        return " ".join([f"/{self.name}", *shown])

    def param(self, name: str) -> Param:
        """The parameter called ``name``."""
        return next(p for p in self.params if p.name == name)


# --- parsing: typed values from a line of text (console, Slack, the command line) -------------

_PAGE = re.compile(r"^(?:page|p\.?)\s*(-?\d+)$", re.I)
#: the last page number a command takes (a million answers at ten a page); Discord's option says so too
MAX_PAGE = 100_000

# Marks that show nothing: a soft hyphen, zero-width spaces, word joiners, a byte-order mark, direction
# marks, embeddings and isolates. A name pasted from a page may carry them inside a word ("Oba\u00adma"):
# they are dropped, not read as spaces, so the word stays one. (ZWJ and ZWNJ join letters in some
# scripts and are left to the rule for other unprintable characters.)
_INVISIBLE = re.compile("[\u00ad\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def command_text(value: str) -> str:
    """Argument text as commands read it, typed (Slack, the console) or given as an option (Discord):
    invisible marks and terminal escape sequences dropped, other control characters and runs of
    blanks read as one space."""
    visible = _INVISIBLE.sub("", clean(value))
    return " ".join("".join(c if c.isprintable() else " " for c in visible).split())


# A flag emoji: two regional indicator letters (🇯🇵, a country's ISO code), or a black flag with tag
# letters and a cancel tag (🏴 gb sct: a part of a country, ISO 3166-2 without its dash)
_FLAG = re.compile("([\U0001F1E6-\U0001F1FF]{2})|\U0001F3F4([\U000E0061-\U000E007A]{5,6})\U000E007F")
# what ends a query as the sentence around it would: a comma, a colon, a question mark ("Nara,")
_TRAILING = re.compile(r"\s*(?:[,;:!?\u2026]|\.{2,})+$|(?<=[\w\"\u201d')])\.$")


def _flag_name(match: re.Match[str]) -> str:
    from digests.gazetteer import country_name

    if match.group(1):
        code = "".join(chr(ord(c) - 0x1F1E6 + ord("A")) for c in match.group(1))
        return f" {country_name(code)} "
    import pycountry

    tags = "".join(chr(ord(c) - 0xE0000) for c in match.group(2)).upper()
    part = pycountry.subdivisions.get(code=f"{tags[:2]}-{tags[2:]}")
    return f" {part.name} " if part is not None else " "


@cache
def _abbreviation_end() -> re.Pattern[str]:
    from digests.extract.lexicon import SENTENCE_ABBREVIATIONS

    # "Jr.", "U.S.", "Co.", an initial ("John F."): the full stop is part of the last word
    return re.compile(r"(?:^|[\s(])(?:" + "|".join(SENTENCE_ABBREVIATIONS) + r"|[A-Z]|\w+\.\w+)\.$")


# Chat markup around a word: emphasis, strike, code and spoiler marks at a word's edges (**Lee**,
# _Nara_, `Red Sea`, ||Lee||, ~x~), a quote or heading mark opening the line ("> Lee", "# Lee",
# Discord's "-# Lee"), a Markdown link's brackets ("[Nara](https://...)" is Nara). Inside a word a
# mark stays (snake_case, AT&T), and so does a separator standing apart ("Lee Min-ji | trade").
_EDGE_MARKS = re.compile(r"(?:^|(?<=[\s(\"\u201c'\[]))[*_~`|]+(?=[^\s*_~`|])"
                         r"|(?<=[^\s*_~`|])[*_~`|]+(?=$|[\s,.;:!?)\"\u201d'\]])")
_LINE_MARKS = re.compile(r"^(?:>+|#+|-#)\s+")
_ALONE_MARKS = re.compile(r"(?<!\S)[*_~`]+(?!\S)")  # marks with no word: "** Lee **" and "***"
_MD_LINK = re.compile(r"\[([^\[\]]+)\]\((?:[^()\s]+)\)")


def strip_markup(value: str) -> str:
    """Words typed with chat markup as the words alone: ``**Lee**`` is Lee, ``> Nara`` is Nara, a
    Markdown link its text. A reply that echoes a query then shows what was asked for, not marks."""
    if not any(c in value for c in "*_~`|>#["):
        return value
    value = _MD_LINK.sub(r"\1", value)
    value = _LINE_MARKS.sub("", value.strip())
    return " ".join(_ALONE_MARKS.sub("", _EDGE_MARKS.sub("", value)).split())


# a chat mention (Slack's arrive as "@name" once read, Discord's as "<@123>", "<#123>", "<@&123>")
_MENTION = re.compile(r"(?<![\w@])@[\w.-]+|<[@#!][^<>]*>")


def mention_in(value: str) -> str | None:
    """The first chat mention in words a command keeps (``@everyone``, ``<@123>``), else None: a
    mention names no words an article holds, and kept it would be shown back."""
    found = _MENTION.search(value)
    return found.group()[:30] if found else None


def query_text(value: str) -> str:
    """What a person, topic or other query names, as typed at the end of a sentence: chat markup
    dropped (**Lee** -> Lee), a flag emoji read as its country's name (🇯🇵 -> Japan), punctuation
    that closes the line dropped ("Nara," -> Nara, "Lee?" -> Lee; not the full stop of an
    abbreviation: "U.S.", "Jr.")."""
    value = strip_markup(value)
    if _FLAG.search(value):
        # the name stands apart from the words around it, not from the punctuation after it
        value = re.sub(r"\s+(?=[,.;:!?)\]])", "", " ".join(_FLAG.sub(_flag_name, value).split()))
    value = value.strip()
    while (m := _TRAILING.search(value)) and not (m.group() == "." and _abbreviation_end().search(value)):
        value = value[: m.start()]
    return value


_CONNECTORS = ("from", "since", "to", "until", "-")


# what follows "page" when a page was meant but no number typed: a number word, a letter, a sign
_NOT_A_PAGE = re.compile(r"^(?:one|two|three|four|five|six|seven|eight|nine|ten|next|last|\W*\d\S*|\S)$",
                         re.I)


def _take_page(words: list[str], alone: bool = False) -> tuple[list[str], int | None]:
    """Trailing ``page 2`` / ``p2`` / ``p. 2`` off a word list (a bare ``2`` too when ``alone``:
    the command takes nothing else). ``page two`` or ``page x`` is refused, not read as words."""
    for n in (2, 1):
        if len(words) >= n:
            match = _PAGE.match(" ".join(words[-n:]))
            if match:
                return words[:-n], int(match.group(1)[:12])  # digits past 12 only make it larger
    if len(words) >= 2 and words[-2].lower() == "page" and _NOT_A_PAGE.match(words[-1]):
        raise CommandError(f"Not a page number: {words[-1][:30]!r}; type page 2.")
    if alone and len(words) == 1 and re.fullmatch(r"-?\d+", words[0]):
        return [], int(words[0][:12])
    return words, None


def _take_dates(words: list[str], wanted: list[Param], values: dict[str, Any]) -> list[str]:
    """Trailing dates (``2026-01-01 2026-03-31``, ``from A to B``, ``A..B``) into the date params."""
    first, last = wanted[0], wanted[-1]
    if words and re.search(r"\d\.\.|\.\.\d", words[-1]):  # a range, not an ellipsis ("Red Sea...")
        ranged = parse_range(words[-1])
        assert ranged is not None
        values[first.name], values[last.name] = ranged
        words = words[:-1]
    else:
        found: list[tuple[str, str]] = []  # (word, connector before it)
        while words and len(found) < len(wanted):
            if words[-1].lower() in _CONNECTORS:
                words = words[:-1]
                continue
            if is_day(words[-1]) and (len(words) > 1 or found):
                day = words[-1]
                words = words[:-1]
                found.insert(0, (day, words[-1].lower() if words else ""))
                continue
            break
        if len(found) == 1 and len(wanted) > 1 and found[0][1] in ("to", "until"):
            values[last.name] = parse_day(found[0][0], end=True)
        elif len(found) == 1 and len(wanted) > 1 and found[0][1] not in _CONNECTORS and not is_full_day(
            found[0][0]
        ):
            # a bare month or year is that whole month or year ("/timeline Nara 2026-01"); "from
            # 2026-01" opens a range there
            values[first.name], values[last.name] = parse_day(found[0][0]), parse_day(found[0][0], end=True)
        else:
            for param, (day, _) in zip(wanted, found, strict=False):
                values[param.name] = parse_day(day, end=param.end)
    while words and words[-1].lower() in ("from", "since"):
        words = words[:-1]
    return words


# a word that starts as a date does (a year and a dash) and is meant as one
_DATE_LIKE = re.compile(r"^\d{4}-")
_SIGNS = ("-", "+", "\u2212")  # a hyphen-minus, a plus, a minus sign


def parse_args(store: Store | None, command: Command, text: str, today: date) -> dict[str, Any]:
    """A command's typed values from its argument text as a user types it.

    Typed parameters declared before the free-text ones are read from the head of the line
    (``/digest last week trade``), those after from its tail (``/timeline Red Sea 2026-01-01
    2026-03-31``), a ``page N`` from its very end; two adjacent free-text parameters (a person
    and what about) are split by separators or by the names the store knows.
    """
    words = text.split()
    values: dict[str, Any] = {}
    params = [p for p in command.params if p.kind != "page"]
    paging = [p for p in command.params if p.kind == "page"]
    if paging:
        words, page = _take_page(words, alone=not params)
        if page is not None:
            values[paging[0].name] = page_number(page)
    free = [i for i, p in enumerate(params) if not p.typed]
    lead = params[: free[0]] if free else params
    tail = params[free[-1] + 1:] if free else []
    for p in lead:
        if p.kind == "choice":
            if words and words[0].lower() in p.choices:
                values[p.name] = words[0].lower()
                words = words[1:]
        elif p.kind == "period":
            # "last week, trade": a comma may close the period
            period, used = leading_period([w.rstrip(",") for w in words], today)
            if used and "," in " ".join(words[: used - 1]):
                period, used = None, 0  # ("week, last ...": no period spans a comma)
            if used:
                values[p.name] = period
                words = words[used:]
                while words and words[0] in (",", "-", "\u2013", "\u2014"):
                    words = words[1:]
            elif words and words[0].lower() in ("latest", "now"):
                words = words[1:]
            elif words and _DATE_LIKE.match(words[0]):
                # "2014-W37", "2014-9-8": a period mistyped, not a subject nothing will match
                raise CommandError(f"{words[0][:30]!r} is not a period; try {PERIOD_HELP}.")
            elif words and words[0][:1] in _SIGNS and (
                    signed := leading_period([words[0][1:], *words[1:]], today)[1]):
                # "-3d", "+2w": a period with a sign, not a subject nothing will match
                unsigned = " ".join([words[0][1:], *words[1:]])[:60]
                raise CommandError(f"A period counts back from today without a sign: /{command.name} "
                                   f"{unsigned}, not {' '.join(words[:signed])[:30]!r}.")
    dates = [p for p in tail if p.kind == "date"]
    if dates:
        words = _take_dates(words, dates, values)
    if any(p.kind == "period" for p in lead):
        _no_period_in_subject(command, words, today, given=any(p.name in values for p in lead))
    rest = " ".join(words)
    texts = [params[i] for i in free]
    if not texts:
        if rest:
            raise CommandError(f"/{command.name} does not take {rest[:40]!r}. Usage: {command.usage}")
    elif len(texts) == 1:
        values[texts[0].name] = rest or None
    else:
        head, about = _split_subject(store, query_text(rest)) if rest else ("", None)
        values[texts[0].name], values[texts[1].name] = head or None, about
    for p in texts:
        if p.complete and values.get(p.name):
            values[p.name] = _query(values[p.name]) or None
    return values


def _query(value: str) -> str:
    """A query parameter's words (:func:`query_text`); a mention is refused, not searched for and
    echoed ('Nothing new on @everyone')."""
    value = query_text(value)
    mention = mention_in(value)
    if mention:
        raise CommandError(f"{mention} is a mention, not words an article holds: give a name, country "
                           "or topic.")
    return value


def page_number(value: object) -> int:
    """A page number as typed (``2``), from 1; a :class:`CommandError` otherwise."""
    try:
        page = int(str(value))
    except ValueError:
        raise CommandError(f"Not a page number: {' '.join(str(value).split())[:30]!r}.") from None
    if page < 1:
        raise CommandError("Pages start at 1.")
    if page > MAX_PAGE:
        raise CommandError(f"Page numbers go up to {MAX_PAGE:,}.")
    return page


def convert(param: Param, value: object, today: date) -> Any:
    """One typed option (Discord's, the command line's) as the command's value; None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if param.kind == "page":
        return page_number(value)
    words = command_text(str(value))
    if not words:
        return None
    if param.kind == "choice":
        if words.lower() not in param.choices:
            raise CommandError(f"`{param.name}` is one of {', '.join(param.choices)}, not {words[:30]!r}.")
        return words.lower()
    if param.kind == "date":
        day = parse_day(words, end=param.end)
        if day is None:
            raise CommandError(f"`{param.name}` wants a date such as 2026-01-31, not {words[:30]!r}.")
        return day
    if param.kind == "period":
        if words.lower() == "latest":
            return None
        period = parse_period(words, today)
        if period is None:
            raise CommandError(f"{words[:30]!r} is not a period; try {PERIOD_HELP}.")
        return period
    if param.complete:
        words = _query(words)
    return words.replace('"', "") if param.kind in ("person", "subject") else words


def _no_period_in_subject(command: Command, words: list[str], today: date, *, given: bool) -> None:
    """Refuse a subject that is a period, which would match nothing: a second period after the
    first (``/digest 2026-01-09 2026-01-01``, ``/digest 3d 2d``), or a period after the subject
    (``/digest trade last week``; a bare year stays a subject's word: "Vision 2030", and so does a
    capitalised word after a capitalised one: "Fashion Week")."""
    if not words:
        return
    if given and parse_period(" ".join(words), today) is not None:
        raise CommandError(f"/{command.name} takes one period, then a topic: {' '.join(words)[:30]!r} "
                           "is a second one. For a range write 2026-01-01..2026-01-09.")
    for n in (3, 2, 1):
        if len(words) > n and not given:
            tail = " ".join(words[-n:])
            if words[-n][:1].isupper() and words[-n - 1][:1].isupper():
                continue  # a name's last word ("Fashion Week", "Latin Quarter")
            if not re.fullmatch(r"\d{4}", tail) and parse_period(tail, today, alone=False) is not None:
                head = " ".join(words[:-n])
                raise CommandError(f"Put the period first: /{command.name} {tail} {head}"[:200])


def _split_subject(store: Store | None, text: str) -> tuple[str, str | None]:
    """`Lee Jae-myung trade` -> ("Lee Jae-myung", "trade"): explicit separators first, then the
    longest run of leading words that names someone."""
    from digests.queries import speakers_for

    # straight or typographic marks (phones and Slack curl them); a mark left open is dropped
    # a connector with nothing after it ("Lee Min-ji about") asks about nothing
    text = re.sub(r"\s+(?:about|on)$", "", text, flags=re.I)
    quoted = re.match(r'^["\u201c\u201d]([^"\u201c\u201d]+)["\u201c\u201d]\s*(.*)$', text)
    if quoted:
        # what it is about may be quoted too ('"Lee Min-ji" "trade"')
        return quoted.group(1).strip(), (quoted.group(2).strip().strip('"\u201c\u201d').strip() or None)
    text = text.strip('"\u201c\u201d').strip() or text
    for separator in (r"\s*\|\s*", r"\s*,\s*", r"\s+about\s+", r"\s+on\s+"):
        parts = re.split(separator, text, maxsplit=1, flags=re.I)
        if len(parts) == 2 and parts[0].strip() and parts[1].strip():
            return parts[0].strip(), parts[1].strip()
    if store is None or speakers_for(store, text):
        return text, None
    words = text.split()
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
    return store.has_entity(text)
