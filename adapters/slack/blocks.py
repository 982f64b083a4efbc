"""Slack Block Kit payloads for digests and replies: pure functions building dicts.

Every payload is ready for ``chat.postMessage`` (``{"text", "blocks"}``) and
stays within Slack's limits: a long digest is split into several messages at
story boundaries, long texts are shortened with an ellipsis. Article text is
escaped (``&``, ``<``, ``>``) before it enters mrkdwn and every mrkdwn object
is ``verbatim``, so nothing from an article can ping, link or mention.
"""

from __future__ import annotations

import json
import re
from typing import Any

from adapters.delivery import Rendering
from digests.commands import Reply
from digests.digest import Digest, Story
from digests.render import nothing_new, plain, quoted, shown_url, source_label, told_by, topic_labels
from digests.timex import format_date

MAX_BLOCKS = 50
SECTION_TEXT = 3000
HEADER_TEXT = 150
CONTEXT_ELEMENTS = 10
FALLBACK_TEXT = 3000  # Slack truncates at 40,000; notifications show far less
# Slack has refused messages near 13k characters of blocks; stay well under.
MESSAGE_BUDGET = 11000

Block = dict[str, Any]


# mrkdwn has no backslash escape, and a zero-width space next to a marker *enables* formatting
# inside words; so the formatting characters become look-alikes that Slack does not read.
_FORMATTING = str.maketrans({"*": "\u2217", "~": "\u223c", "`": "\u02cb"})
# Slack reads a marker only at a word's edge, so an underscore between two ASCII letters or digits
# (SLACK_ADMIN_USERS, snake_case) is inert and stays itself: a reader can copy it as written.
_EDGE_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")


def escape_mrkdwn(text: str) -> str:
    """Article text made inert in mrkdwn: ``&``, ``<``, ``>`` escaped (no mention, link or command)
    and ``*``, ``~``, backticks and word-edge ``_`` shown as look-alikes (no bold, italics, strike or
    code); an underscore inside a word stays, since Slack does not format there."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").translate(_FORMATTING)
    return _EDGE_UNDERSCORE.sub("\u02cd", text) if "_" in text else text


def _text(text: str, limit: int) -> str:
    """Plain one-line text, shortened so that its *escaped* form fits ``limit``."""
    out = plain(text, limit)
    while len(escape_mrkdwn(out)) > limit:
        out = plain(out, max(1, len(out) - (len(escape_mrkdwn(out)) - limit) - 1))
    return escape_mrkdwn(out)


def _link(url: str | None, label: str) -> str:
    """An mrkdwn link to an http(s) URL with an escaped label; just the label for anything else."""
    url = shown_url(url)
    if not url or not re.match(r"^https?://", url, re.I):
        return label
    # Characters that would end the link or its label are percent-encoded.
    safe = url.replace("|", "%7C").replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
    safe = safe.replace("&", "&amp;")
    return f"<{safe}|{label}>"


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _section(text: str) -> Block:
    if len(text) > SECTION_TEXT:
        cut = text[: SECTION_TEXT - 1]
        amp = cut.rfind("&", len(cut) - 4)  # never inside an escape (&amp; &lt; &gt;): a bare & shows
        if amp >= 0 and ";" not in cut[amp:]:
            cut = cut[:amp]
        text = cut + "…"
    return {"type": "section", "text": _mrkdwn(text)}


def _header(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": plain(text, HEADER_TEXT) or "GeoDigest"}}


def _context(parts: list[str]) -> Block:
    return {"type": "context", "elements": [_mrkdwn(p) for p in parts[:CONTEXT_ELEMENTS]]}


def _story_blocks(i: int, story: Story) -> list[Block]:
    head = f"*{i}. {_text(story.headline, 250)}*"
    meta = " · ".join(p for p in (", ".join(topic_labels(story.topics)), ", ".join(story.countries)) if p)
    lines = [head]
    if meta:
        lines.append(f"_{_text(meta, 200)}_")
    if story.lead:
        lines.append(f"• {_text(story.lead_line(), 450)}")
    for dev in story.developments:
        figs = f" ({_text(', '.join(dev.figures), 120)})" if dev.figures else ""
        lines.append(f"• {_text(dev.text, 450)}{figs}")
    blocks: list[Block] = [_section("\n".join(lines))]
    if story.quotes:
        q = story.quotes[0]
        who = _text(q.speaker, 100) + (f", {_text(q.role, 150)}" if q.role else "")
        outlet = f" ({_text(q.source, 60)})" if q.source else ""
        blocks.append(_section(f"> {quoted(_text(q.text, 700), q.kind)}\n> — {who}{outlet}"))
    links = []
    told = story.told_sources()
    for s, copies in told[:8]:
        label = _text(source_label(s.outlet, s.title, s.url), 150)
        day = f"{s.published.day} {s.published:%b} " if s.published else ""
        also = "".join(f" · {_link(c.url, _text(c.outlet or 'copy', 60))}" for c in copies[:3])
        links.append(f"{day}{_link(s.url, label)}{also}")
    if len(told) > 8:
        links.append(f"and {len(told) - 8} more sources")
    if story.earlier:
        links.append(_text(story.earlier_note(), 150))
    blocks.append(_context(links[:CONTEXT_ELEMENTS]))
    return blocks


def _tail_blocks(digest: Digest) -> list[list[Block]]:
    """Coming up and who is talking, as groups of blocks that are never split."""
    groups: list[list[Block]] = []
    if digest.coming_up:
        lines = []
        for c in digest.coming_up:
            mark = "" if c.confirmed else " _(unconfirmed)_"
            ahead = " _(further ahead)_" if c.further_ahead else ""
            told = told_by(c.source.outlet, c.also)
            lines.append(
                f"• *{_text(format_date(c.date, c.date_end), 40)}* {_text(c.text, 250)}{mark}{ahead}"
                + (f" ({_text(told, 200)})" if told else "")
            )
        groups.append([_section("*Coming up*\n" + "\n".join(lines))])
    if digest.speakers:
        names = [f"{_text(s.name, 80)} ({s.count})" for s in digest.speakers]
        groups.append([_section("*Who is talking*\n" + " · ".join(names))])
    return groups


def _size(blocks: list[Block]) -> int:
    return len(json.dumps(blocks, ensure_ascii=False))


def _pack(title: str, groups: list[list[Block]], fallback: str) -> list[dict[str, Any]]:
    """Messages of whole groups, each within the block count and size budget."""
    messages: list[list[Block]] = []
    current: list[Block] = [_header(title)]
    for group in groups:
        candidate = current + ([{"type": "divider"}] if len(current) > 1 else []) + group
        if len(candidate) > MAX_BLOCKS - 1 or _size(candidate) > MESSAGE_BUDGET:  # one left for a button
            messages.append(current)
            current = list(group)
        else:
            current = candidate
    messages.append(current)
    n = len(messages)
    out = []
    for i, blocks in enumerate(messages, 1):
        part = f" ({i}/{n})" if n > 1 else ""
        out.append({"text": _text(fallback + part, FALLBACK_TEXT) or "GeoDigest", "blocks": blocks})
    return out


def digest_payloads(digest: Digest) -> list[dict[str, Any]]:
    """The digest as ``chat.postMessage`` payloads, split at story boundaries."""
    if digest.empty:
        return [
            {
                "text": _text(nothing_new(digest), FALLBACK_TEXT),
                "blocks": [_section(_text(nothing_new(digest), SECTION_TEXT))],
            }
        ]
    groups = [_story_blocks(i, s) for i, s in enumerate(digest.stories, 1)]
    if digest.more_stories:
        groups.append([_context([f"…and {digest.more_stories} smaller stories"])])
    groups += _tail_blocks(digest)
    stories = len(digest.stories)
    fallback = f"{digest.title}: {stories} stor{'y' if stories == 1 else 'ies'}"
    return _pack(digest.title, groups, fallback)


def digest_thread_payloads(digest: Digest) -> list[dict[str, Any]]:
    """The digest as a thread: a header message (the title and every headline), then one reply per
    story and one for what is coming up and who is talking. An empty digest is one message."""
    if digest.empty:
        return digest_payloads(digest)
    stories = len(digest.stories)
    count = f"{stories} stor{'y' if stories == 1 else 'ies'}"
    lines = [f"{i}. {_text(s.headline, 200)}" for i, s in enumerate(digest.stories, 1)]
    if digest.more_stories:
        lines.append(f"…and {digest.more_stories} smaller stories")
    head: list[Block] = [_header(digest.title)]
    chunk: list[str] = []
    for line in lines:  # sections of whole lines, each within Slack's 3,000 characters
        if chunk and len("\n".join([*chunk, line])) > SECTION_TEXT:
            head.append(_section("\n".join(chunk)))
            chunk = []
        chunk.append(line)
    if chunk:
        head.append(_section("\n".join(chunk)))
    head.append(_context([f"{count}: each one is a reply in this thread"]))
    out = [{"text": _text(f"{digest.title}: {count}", FALLBACK_TEXT) or "GeoDigest", "blocks": head}]
    for i, story in enumerate(digest.stories, 1):
        out.append({"text": _text(f"{i}. {story.headline}", FALLBACK_TEXT) or "GeoDigest",
                    "blocks": _story_blocks(i, story)})
    tail = [block for group in _tail_blocks(digest) for block in group]
    if tail:
        out.append({"text": "Coming up and who is talking", "blocks": tail})
    return out


def reply_payloads(reply: Reply) -> list[dict[str, Any]]:
    """A command's reply as payloads (``respond`` / ``chat.postMessage``), paged within the limits."""
    if reply.digest is not None:
        payloads = digest_payloads(reply.digest)
        if reply.note:
            last = payloads[-1]["blocks"]
            note = _context([_text(reply.note, 2000)])
            if len(last) < MAX_BLOCKS - 1 and _size([*last, note]) <= MESSAGE_BUDGET:
                last.append(note)
            else:
                payloads.append({"text": _text(reply.note, FALLBACK_TEXT) or "GeoDigest", "blocks": [note]})
        return payloads
    groups: list[list[Block]] = []
    lines: list[str] = []
    size = 0
    for item in reply.items:
        label = f"*{_text(item.label, 80)}* " if item.label else ""
        text = _text(item.text, 900)
        if item.url:
            text += f" ({_link(item.url, 'source')})"
        line = f"• {label}{text}"
        if lines and size + len(line) + 1 > SECTION_TEXT - 100:
            groups.append([_section("\n".join(lines))])
            lines, size = [], 0
        lines.append(line)
        size += len(line) + 1
    if lines:
        groups.append([_section("\n".join(lines))])
    if reply.note:
        groups.append([_context([_text(reply.note, 2000)])])
    if not groups:
        title = _text(reply.title, 2900) or "GeoDigest"
        return [{"text": title, "blocks": [_section(f"*{title}*")]}]
    return _pack(reply.title, groups, reply.title)


def _title_only(title: str) -> dict[str, Any]:
    """A message that says only a title (it may hold what the user typed): escaped like any text."""
    return {"text": _text(title, FALLBACK_TEXT) or "GeoDigest", "blocks": []}


#: this platform's renderer, as posters and command answers use it
RENDERING = Rendering(digest_payloads, digest_thread_payloads, reply_payloads, _title_only)
