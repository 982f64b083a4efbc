"""Discord message payloads (content + embeds) for digests and replies: pure functions building dicts.

Each payload is ``{"content", "embeds", "allowed_mentions": {"parse": []}}`` and
stays within Discord's limits (10 embeds and 6,000 characters a message,
4,096 a description, 1,024 a field ...): long digests are split into several
messages at story boundaries. Article text has its Markdown escaped and its
mentions and links broken, so it shows as plain text and pings nobody.
"""

from __future__ import annotations

import re
from typing import Any

from adapters.delivery import Rendering
from digests.commands import Reply
from digests.digest import Digest, Story
from digests.render import nothing_new, plain, quoted, shown_url, source_label, told_by, topic_labels
from digests.timex import format_date

CONTENT = 2000
EMBEDS_PER_MESSAGE = 10
TITLE = 256
DESCRIPTION = 4096
FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
AUTHOR = 256
MESSAGE_TOTAL = 6000
# Leave room under the hard total so that a rounding of ours never costs a 400.
MESSAGE_BUDGET = 5800

ZWSP = "\u200b"
NO_MENTIONS: dict[str, list[str]] = {"parse": []}
COLOUR = 0x2B6CB0

# Article text is always inline (after a bullet or a quote mark), so only inline Markdown
# needs escaping; line-start syntax (headings, lists, quotes) cannot trigger.
_MARKDOWN = re.compile(r"([\\*_~`|\[\]])")
_MENTION = re.compile(r"@(everyone|here)", re.I)
_SCHEME = re.compile(r"(?i)(https?|ftp|discord|steam)://")


def escape_markdown(text: str) -> str:
    """Article text made inert on Discord: Markdown escaped, mentions and links broken.

    ``@everyone`` and ``@here`` get a zero-width space after the ``@``; every ``<``
    (user, role, channel, emoji and timestamp syntax) is followed by one too; URL
    schemes are broken so that bare links are not linked.
    """
    return defuse(_MARKDOWN.sub(r"\\\1", text))


def defuse(text: str) -> str:
    """Mentions and links broken, Markdown left alone: for footers and other places that render none."""
    text = _MENTION.sub("@" + ZWSP + r"\1", text)
    text = text.replace("<", "<" + ZWSP)
    text = _SCHEME.sub(lambda m: m.group(1) + ":" + ZWSP + "//", text)
    return text


def _text(text: str | None, limit: int) -> str:
    """Plain one-line article text, escaped, with the escaped form within ``limit``."""
    out = plain(text, limit)
    esc = escape_markdown(out)
    while len(esc) > limit:
        out = plain(out, max(1, len(out) - (len(esc) - limit) - 1))
        esc = escape_markdown(out)
    return esc


def _safe_url(url: str | None) -> str | None:
    """An http(s) URL fit for a masked link or an embed URL; None for anything else."""
    url = shown_url(url)
    if not url or not re.match(r"^https?://[^\s<>]+$", url, re.I) or len(url) > 1000:
        return None
    return url.replace("(", "%28").replace(")", "%29")


def _link(url: str | None, label: str) -> str:
    safe = _safe_url(url)
    return f"[{label}]({safe})" if safe else label


def embed_size(embed: dict[str, Any]) -> int:
    """Characters Discord counts toward the 6,000 of a message."""
    n = len(embed.get("title", "")) + len(embed.get("description", ""))
    n += len(embed.get("footer", {}).get("text", "")) + len(embed.get("author", {}).get("name", ""))
    n += sum(len(f.get("name", "")) + len(f.get("value", "")) for f in embed.get("fields", []))
    return n


def _story_embed(i: int, story: Story) -> dict[str, Any]:
    lines = [f"• {_text(story.lead_line(), 500)}"] if story.lead else []
    for dev in story.developments:
        figs = f" ({_text(', '.join(dev.figures), 120)})" if dev.figures else ""
        lines.append(f"• {_text(dev.text, 500)}{figs}")
    if story.quotes:
        q = story.quotes[0]
        who = _text(q.speaker, 100) + (f", {_text(q.role, 150)}" if q.role else "")
        outlet = f" ({_text(q.source, 60)})" if q.source else ""
        lines.append(f"\n> {quoted(_text(q.text, 900), q.kind)}\n> — {who}{outlet}")
    embed: dict[str, Any] = {
        "title": _text(f"{i}. {story.headline}", TITLE),
        "description": "\n".join(lines)[:DESCRIPTION] or "\u200b",
        "color": COLOUR,
    }
    # The headline's own article first, else the earliest source with a link.
    told = sorted(story.sources, key=lambda s: s.title != story.headline)
    first = next((s.url for s in told if _safe_url(s.url)), None)
    if first:
        embed["url"] = _safe_url(first)
    links: list[str] = []
    used = 0
    told_sources = story.told_sources()
    if story.earlier:
        links.append(_text(story.earlier_note(), 150))
        used += len(links[0]) + 1
    for k, (s, copies) in enumerate(told_sources):
        label = _text(source_label(s.outlet, s.title, s.url), 110)
        day = f"{s.published.day} {s.published:%b} · " if s.published else ""
        also = "".join(f" · {_link(c.url, _text(c.outlet or 'copy', 60))}" for c in copies[:3])
        line = f"{day}{_link(s.url, label)}{also}"
        rest = f"and {len(told_sources) - k} more"
        if used + len(line) + 1 > FIELD_VALUE - len(rest) - 2:
            links.append(rest)
            break
        links.append(line)
        used += len(line) + 1
    if links:
        embed["fields"] = [{"name": "Sources", "value": "\n".join(links)[:FIELD_VALUE], "inline": False}]
    meta = " · ".join(p for p in (", ".join(topic_labels(story.topics)), ", ".join(story.countries)) if p)
    if meta:
        embed["footer"] = {"text": defuse(plain(meta, 300))}  # footers render no Markdown
    return embed


def _tail_embeds(digest: Digest) -> list[dict[str, Any]]:
    out = []
    if digest.coming_up:
        lines = []
        for c in digest.coming_up:
            mark = " *(unconfirmed)*" if not c.confirmed else ""
            ahead = " *(further ahead)*" if c.further_ahead else ""
            told = told_by(c.source.outlet, c.also)
            lines.append(
                f"• **{_text(format_date(c.date, c.date_end), 40)}** {_text(c.text, 280)}{mark}{ahead}"
                + (f" ({_text(told, 200)})" if told else "")
            )
        out.append({"title": "Coming up", "description": "\n".join(lines)[:DESCRIPTION], "color": COLOUR})
    if digest.speakers:
        names = [f"{_text(s.name, 80)} ({s.count})" for s in digest.speakers]
        out.append(
            {"title": "Who is talking", "description": " · ".join(names)[:DESCRIPTION], "color": COLOUR}
        )
    return out


def _pack(content: str, embeds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    messages: list[list[dict[str, Any]]] = [[]]
    total = 0
    for e in embeds:
        size = embed_size(e)
        if messages[-1] and (len(messages[-1]) >= EMBEDS_PER_MESSAGE or total + size > MESSAGE_BUDGET):
            messages.append([])
            total = 0
        messages[-1].append(e)
        total += size
    n = len(messages)
    out = []
    for i, group in enumerate(messages, 1):
        part = f" ({i}/{n})" if n > 1 else ""
        out.append(
            {"content": (content + part)[:CONTENT], "embeds": group, "allowed_mentions": dict(NO_MENTIONS)}
        )
    return out


def digest_payloads(digest: Digest) -> list[dict[str, Any]]:
    """The digest as Discord message payloads, split at story boundaries."""
    title = f"**{_text(digest.title, 300)}**"
    if digest.empty:
        return [
            {
                "content": _text(nothing_new(digest), CONTENT),
                "embeds": [],
                "allowed_mentions": dict(NO_MENTIONS),
            }
        ]
    embeds = [_story_embed(i, s) for i, s in enumerate(digest.stories, 1)]
    if digest.more_stories:
        embeds.append({"description": f"…and {digest.more_stories} smaller stories", "color": COLOUR})
    embeds += _tail_embeds(digest)
    stories = len(digest.stories)
    return _pack(f"{title} · {stories} stor{'y' if stories == 1 else 'ies'}", embeds)


THREAD_NAME = 100  # Discord's limit on a thread's name


def digest_thread_payloads(digest: Digest) -> list[dict[str, Any]]:
    """The digest as a thread: a header message (the title and every headline), then one message per
    story and one for what is coming up and who is talking, each carrying the thread's name
    (``thread_name``, not sent as message content). An empty digest is one message."""
    if digest.empty:
        return digest_payloads(digest)
    name = plain(digest.title, THREAD_NAME) or "GeoDigest"
    stories = len(digest.stories)
    lines = [f"{i}. {_text(s.headline, 250)}" for i, s in enumerate(digest.stories, 1)]
    if digest.more_stories:
        lines.append(f"…and {digest.more_stories} smaller stories")
    count = f"{stories} stor{'y' if stories == 1 else 'ies'}"
    header = {
        "content": f"**{_text(digest.title, 300)}** · {count}"[:CONTENT],
        "embeds": [{"title": "In this digest", "description": "\n".join(lines)[:DESCRIPTION], "color": COLOUR,
                    "footer": {"text": "Each story follows in this thread."}}],
        "allowed_mentions": dict(NO_MENTIONS),
        "thread_name": name,
    }
    out = [header]
    for i, story in enumerate(digest.stories, 1):
        out.append({"content": "", "embeds": [_story_embed(i, story)], "allowed_mentions": dict(NO_MENTIONS),
                    "thread_name": name})
    for payload in _pack("", _tail_embeds(digest)) if digest.coming_up or digest.speakers else []:
        out.append({**payload, "content": "", "thread_name": name})
    return out


def reply_payloads(reply: Reply) -> list[dict[str, Any]]:
    """A command's reply as payloads, paged within the limits (one embed per page of items)."""
    if reply.digest is not None:
        payloads = digest_payloads(reply.digest)
        if reply.note:
            last = payloads[-1]
            extra = "\n" + _text(reply.note, 500)
            if len(last["content"]) + len(extra) <= CONTENT:
                last["content"] += extra
            else:
                payloads.append(
                    {"content": extra.strip(), "embeds": [], "allowed_mentions": dict(NO_MENTIONS)}
                )
        return payloads
    title = _text(reply.title, TITLE) or "GeoDigest"
    pages: list[list[str]] = [[]]
    size = 0
    for item in reply.items:
        label = f"**{_text(item.label, 80)}** " if item.label else ""
        link = f" ({_link(item.url, 'source')})" if _safe_url(item.url) else ""
        line = f"• {label}{_text(item.text, 1500)}{link}"
        if pages[-1] and size + len(line) + 1 > 3800:
            pages.append([])
            size = 0
        pages[-1].append(line)
        size += len(line) + 1
    embeds: list[dict[str, Any]] = []
    for k, lines in enumerate(pages):
        embed: dict[str, Any] = {"title": title if k == 0 else f"{title} (cont.)"[:TITLE], "color": COLOUR}
        if lines:
            embed["description"] = "\n".join(lines)[:DESCRIPTION]
        embeds.append(embed)
    if reply.note:
        embeds[-1]["footer"] = {"text": defuse(plain(reply.note, 1500))}
    if reply.kind == "error":
        return [
            {
                "content": _text(reply.title + (f" {reply.note}" if reply.note else ""), CONTENT) or "Error",
                "embeds": [],
                "allowed_mentions": dict(NO_MENTIONS),
            }
        ]
    return _pack("", embeds)


def _title_only(title: str) -> dict[str, Any]:
    """A message that says only a title (it may hold what the user typed): escaped like any text."""
    return {"content": _text(title, 2000) or "GeoDigest", "embeds": []}


#: this platform's renderer, as posters and command answers use it
RENDERING = Rendering(digest_payloads, digest_thread_payloads, reply_payloads, _title_only)
