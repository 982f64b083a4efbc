"""Plain renderings of digests and replies: Markdown that reads as plain text in a terminal or an e-mail.

Article text is reduced to one line of printable characters (no control
characters that could drive a terminal); otherwise it is shown as written.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit, urlunsplit

from digests.commands import Reply
from digests.digest import ComingUp, Digest, Story, format_period
from digests.furniture import furniture_lines
from digests.printable import plain
from digests.timex import format_date
from digests.topics import TOPICS

__all__ = [
    "coming_up_line",
    "link_domain",
    "nothing_new",
    "outlet_matches",
    "plain",
    "quote_line",
    "quoted",
    "render_markdown",
    "render_reply_text",
    "shown_url",
    "source_label",
    "told_by",
    "topic_labels",
]


_OUTLET_NOISE = {"www", "com", "org", "net", "co", "news", "the", "edu", "gov", "int", "info"}


def link_domain(url: str | None) -> str:
    """The host a link goes to, without ``www.`` ("" for no or a malformed link)."""
    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def outlet_matches(outlet: str, domain: str) -> bool:
    """Whether an outlet's name fits the domain its link goes to ("The Korea Herald" and
    koreaherald.com, "BBC News" and bbc.co.uk, "New York Times" and nytimes.com, "Fox Online
    News" and foxnews.com); anything a page claims that does not, does not."""
    name = re.sub(r"[^0-9a-z]", "", outlet.lower())
    labels = [re.sub(r"[^0-9a-z]", "", part) for part in domain.lower().split(".")]
    labels = [part for part in labels if len(part) >= 3 and part not in _OUTLET_NOISE]
    if not name or not labels:
        return False
    words = re.findall(r"[0-9a-z]+", outlet.lower())
    return any(part in name or name in part or _spelt_by(part, words) for part in labels)


def _spelt_by(label: str, words: list[str]) -> bool:
    """Whether a domain label is the outlet's words in order, each whole, by its initial or left
    out, with at least one whole word of three letters or more: "nytimes" from "New York Times",
    "csmonitor" from "Christian Science Monitor", "foxnews" from "Fox Online News". Every letter
    of the label comes from the name, so a page still cannot pass for an outlet it does not name."""

    def spell(rest: str, i: int, whole: bool) -> bool:
        if not rest:
            return whole
        if i == len(words):
            return False
        word = words[i]
        return (
            (rest.startswith(word) and spell(rest[len(word):], i + 1, whole or len(word) >= 3))
            or (rest[0] == word[0] and spell(rest[1:], i + 1, whole))
            or spell(rest, i + 1, whole)
        )

    return len(words) <= 8 and spell(label, 0, False)


@cache
def _tracking() -> tuple[frozenset[str], tuple[str, ...]]:
    """The tracking parameter names of resources/furniture/tracking.txt: exact names and prefixes."""
    names = [ln.strip().lower() for ln in furniture_lines("tracking.txt")]
    return frozenset(n for n in names if not n.endswith("*")), tuple(n[:-1] for n in names if n.endswith("*"))


# What a link never shows as written: control characters, blanks, the marks that show nothing or turn
# the text's direction (a right-to-left override makes "…/gnp.exe" read as another link), and the
# characters that end a link in chat markup (``<>|`` on Slack) or are not allowed in one (RFC 3986).
_URL_UNSAFE = re.compile(r'[\x00-\x20\x7f-\xa0\xad<>|"`\\^{}\u061c\u1680\u180e\u2000-\u200f\u2028-\u202f'
                         r"\u205f-\u206f\u3000\ufeff\ufff9-\ufffb]")


def _encoded(char: re.Match[str]) -> str:
    return "".join(f"%{b:02X}" for b in char.group().encode("utf-8"))


def shown_url(url: str | None) -> str | None:
    """``url`` as shown to a reader: without the query parameters that only track the click
    ("?hpt=hp_t1", "utm_source=...", "action=click"), and with the characters a link must not
    show as written percent-encoded (:data:`_URL_UNSAFE`: it still leads to the same page); the
    rest of the URL as written, its letters in any script included."""
    if url:
        url = _URL_UNSAFE.sub(_encoded, url.strip())
    if not url or "?" not in url:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.query:
        return url
    exact, prefixes = _tracking()
    kept = [
        p
        for p in parts.query.split("&")
        if p and (name := p.split("=", 1)[0].lower()) not in exact and not name.startswith(prefixes)
    ]
    return urlunsplit(parts._replace(query="&".join(kept)))


def source_label(outlet: str | None, title: str, url: str | None) -> str:
    """A source link's text: "Outlet: title" when the outlet fits the link's domain, else the
    domain is shown too ("Outlet (domain): title"), so that a page cannot pass for another outlet."""
    domain = link_domain(url)
    if outlet and (not domain or outlet_matches(outlet, domain)):
        return f"{outlet}: {title}"
    if outlet:
        return f"{outlet} ({domain}): {title}"
    return f"{domain}: {title}" if domain else title


def topic_labels(slugs: list[str]) -> list[str]:
    """Readers' names of topic slugs."""
    return [TOPICS[s].label if s in TOPICS else s for s in slugs]


def nothing_new(digest: Digest) -> str:
    """The one line an empty digest says."""
    scope = plain(digest.scope.describe())
    where = f" on {scope}" if scope else ""
    return f"Nothing new{where} for {format_period(digest.period)}."


def quoted(text: str, kind: str | None) -> str:
    """A quotation's words in quotation marks; reported speech (``indirect``, a paraphrase) without,
    as /who-said and watch alerts show it, so that no paraphrase reads as someone's own words."""
    return text if kind == "indirect" else f"“{text}”"


def quote_line(story: Story, limit: int = 600) -> str | None:
    """The story's quotation as “text” — speaker, role (outlet), or None."""
    if not story.quotes:
        return None
    q = story.quotes[0]
    who = plain(q.speaker, 120)
    if q.role:
        who += f", {plain(q.role, 160)}"
    outlet = f" ({plain(q.source, 80)})" if q.source else ""
    return f"{quoted(plain(q.text, limit), q.kind)} — {who}{outlet}"


def told_by(outlet: str | None, also: list[str]) -> str:
    """Who told an event: "The Harbour Ledger; also Coastline Wire, The Valley Times" (at most three
    others named), empty when nobody is known."""
    others = [o for o in also if o and o != outlet]
    named = ", ".join(plain(o, 60) for o in others[:3])
    if len(others) > 3:
        named += f" and {len(others) - 3} more"
    if outlet and named:
        return f"{plain(outlet, 60)}; also {named}"
    return plain(outlet, 60) if outlet else named


def coming_up_line(
    date: str, date_end: str | None, text: str, confirmed: bool, limit: int = 300, told: str = ""
) -> str:
    """One coming-up entry: "13–14 Jan 2026 · text (unconfirmed) (Outlet; also Other)"."""
    mark = "" if confirmed else " (unconfirmed)"
    return f"{format_date(date, date_end)} · {plain(text, limit)}{mark}" + (f" ({told})" if told else "")


def _coming(c: ComingUp) -> str:
    return coming_up_line(c.date, c.date_end, c.text, c.confirmed, told=told_by(c.source.outlet, c.also))


def render_markdown(digest: Digest) -> str:
    """The whole digest as Markdown for the terminal and e-mail."""
    lines = [f"# {plain(digest.title)}", ""]
    if digest.empty:
        lines.append(nothing_new(digest))
        return "\n".join(lines) + "\n"
    for i, story in enumerate(digest.stories, 1):
        lines.append(f"## {i}. {plain(story.headline)}")
        tags = ", ".join(topic_labels(story.topics))
        places = ", ".join(plain(c) for c in story.countries)
        meta = " · ".join(p for p in (tags, places) if p)
        if meta:
            lines.append(f"_{meta}_")
        body: list[str] = [f"- {plain(story.lead_line())}"] if story.lead else []
        for dev in story.developments:
            figs = f" [{', '.join(plain(f) for f in dev.figures)}]" if dev.figures else ""
            more = f" ({dev.outlets} outlets)" if dev.outlets > 1 else ""
            body.append(f"- {plain(dev.text)}{figs}{more}")
        q = quote_line(story, 2000)
        if q:
            body += ["", f"> {q}"] if body else [f"> {q}"]
        # a story told by its sources alone (an opinion piece) has no body: no empty paragraph
        lines += ["", *body] if body else []
        lines += ["", "Sources:"]
        for s, copies in story.told_sources():
            day = f"{format_date(s.published.isoformat())} · " if s.published else ""
            names = [plain(x.outlet) for x in (s, *copies) if x.outlet]
            outlet = f"{', '.join(dict.fromkeys(names))}: " if names else ""
            link = "".join(f" <{plain(shown_url(x.url))}>" for x in (s, *copies) if x.url)
            lines.append(f"- {day}{outlet}{plain(s.title)}{link}")
        if story.earlier:
            lines += ["", f"{plain(story.earlier_note())}:"]
            if len(story.earlier) > 3:  # the count said above is the one the lines make up
                lines.append(f"- {len(story.earlier) - 3} more before these")
            for s in story.earlier[-3:]:
                day = f"{format_date(s.published.isoformat())} · " if s.published else ""
                outlet = f"{plain(s.outlet)}: " if s.outlet else ""
                link = f" <{plain(shown_url(s.url))}>" if s.url else ""
                lines.append(f"- {day}{outlet}{plain(s.title)}{link}")
        lines.append("")
    if digest.more_stories:
        lines += [f"_…and {digest.more_stories} smaller stories._", ""]
    if digest.coming_up:
        lines += ["## Coming up", ""]
        near = [c for c in digest.coming_up if not c.further_ahead]
        further = [c for c in digest.coming_up if c.further_ahead]
        lines += [f"- {_coming(c)}" for c in near]
        if further:
            lines += ["", "Further ahead:"] if near else []
            lines += [f"- {_coming(c)}" for c in further]
        lines.append("")
    if digest.speakers:
        lines += ["## Who is talking", ""]
        for sp in digest.speakers:
            role = f", {plain(sp.role, 120)}" if sp.role else ""
            lines.append(f"- {plain(sp.name)}{role}: {sp.count} quotation{'s' if sp.count != 1 else ''}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def render_reply_text(reply: Reply) -> str:
    """A command's reply as plain text lines (the console adapter prints it)."""
    if reply.digest is not None:
        text = render_markdown(reply.digest)
        return text + f"\n{plain(reply.note)}\n" if reply.note else text
    lines = [plain(reply.title)]
    for item in reply.items:
        label = f"{plain(item.label)}  " if item.label else ""
        link = f"  <{plain(shown_url(item.url))}>" if item.url else ""
        lines.append(f"- {label}{plain(item.text)}{link}")
    if reply.note:
        lines.append(plain(reply.note))
    return "\n".join(lines) + "\n"
