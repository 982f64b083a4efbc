"""Checks every rendering must pass: the platforms' limits, and article text that cannot ping or link.

The Slack limits are checked by slack_sdk's Block Kit models and again here;
discord.py checks none of Discord's, so they are all checked here.
"""

from __future__ import annotations

import json
import re
from typing import Any

import discord
from slack_sdk.models.blocks import Block

from adapters.discord import embeds as dc
from adapters.slack import blocks as sk
from digests.render import shown_url

_OUR_SLACK_LINK = re.compile(r"<(https?://[^|<>\s]+)\|[^<>]*>")
_OUR_DISCORD_LINK = re.compile(r"(?<!\\)\[((?:[^\[\]\\]|\\.)*)\]\((https?://[^)\s]+)\)")


def _mrkdwn_objects(node: Any) -> list[dict[str, Any]]:
    out = []
    if isinstance(node, dict):
        if node.get("type") == "mrkdwn":
            out.append(node)
        for v in node.values():
            out += _mrkdwn_objects(v)
    elif isinstance(node, list):
        for v in node:
            out += _mrkdwn_objects(v)
    return out


def check_slack(payloads: list[dict[str, Any]], allowed_urls: set[str]) -> None:
    """Limits (Block Kit models + our own), verbatim mrkdwn, no mention/link but ours."""
    assert payloads
    for p in payloads:
        assert set(p) == {"text", "blocks"}
        assert 0 < len(p["text"]) <= sk.FALLBACK_TEXT
        assert 0 < len(p["blocks"]) <= sk.MAX_BLOCKS
        assert len(json.dumps(p["blocks"], ensure_ascii=False)) <= 12_000
        for raw in p["blocks"]:
            block = Block.parse(raw)
            assert block is not None, raw
            block.validate_json()  # raises SlackObjectFormationError past a limit
            if raw["type"] == "header":
                assert len(raw["text"]["text"]) <= sk.HEADER_TEXT
            if raw["type"] == "section":
                assert len(raw["text"]["text"]) <= sk.SECTION_TEXT
            if raw["type"] == "context":
                assert len(raw["elements"]) <= sk.CONTEXT_ELEMENTS
        for obj in _mrkdwn_objects(p["blocks"]):
            assert obj.get("verbatim") is True
            _assert_slack_inert(obj["text"], allowed_urls)
        _assert_slack_inert(p["text"], allowed_urls)


def _assert_slack_inert(text: str, allowed_urls: set[str]) -> None:
    encoded = {
        (shown_url(u) or u).replace("|", "%7C")
        .replace("<", "%3C")
        .replace(">", "%3E")
        .replace(" ", "%20")
        .replace("&", "&amp;")
        for u in allowed_urls
    }
    for m in _OUR_SLACK_LINK.finditer(text):
        assert m.group(1) in encoded, m.group(0)
    rest = _OUR_SLACK_LINK.sub("", text)
    # With & < > escaped, Slack shows <!channel>, <@U1> and <url|x> as plain text.
    assert "<" not in rest and ">" not in rest.replace("\n> ", "\n").removeprefix("> "), rest
    assert re.sub(r"&(?:amp|lt|gt);", "", rest).count("&") == 0, rest


def check_discord(payloads: list[dict[str, Any]], allowed_urls: set[str]) -> None:
    """Every limit of a Discord message, no mentions parsed, no link but ours."""
    assert payloads
    for p in payloads:
        assert set(p) == {"content", "embeds", "allowed_mentions"}
        assert p["allowed_mentions"] == {"parse": []}
        assert len(p["content"]) <= dc.CONTENT
        assert len(p["embeds"]) <= dc.EMBEDS_PER_MESSAGE
        assert p["content"] or p["embeds"]
        total = 0
        for raw in p["embeds"]:
            embed = discord.Embed.from_dict(raw)
            total += len(embed)
            assert embed.to_dict()  # round-trips through discord.py
            assert len(raw.get("title", "")) <= dc.TITLE
            assert len(raw.get("description", "")) <= dc.DESCRIPTION
            assert len(raw.get("fields", [])) <= dc.FIELDS
            for f in raw.get("fields", []):
                assert 0 < len(f["name"]) <= dc.FIELD_NAME and 0 < len(f["value"]) <= dc.FIELD_VALUE
            assert len(raw.get("footer", {}).get("text", "")) <= dc.FOOTER
            assert len(raw.get("author", {}).get("name", "")) <= dc.AUTHOR
            assert dc.embed_size(raw) == len(embed)
            if "url" in raw:
                shown = {(shown_url(u) or u).replace("(", "%28").replace(")", "%29") for u in allowed_urls}
                assert raw["url"] in shown
            for text in [raw.get("title", ""), raw.get("description", "")] + [
                f["value"] for f in raw.get("fields", [])
            ]:
                _assert_discord_inert(text, allowed_urls)
            # footers render no Markdown or mentions, but must not carry @everyone either
            assert not re.search(r"@(everyone|here)", raw.get("footer", {}).get("text", ""), re.I)
        assert total <= dc.MESSAGE_TOTAL
        _assert_discord_inert(p["content"], allowed_urls)


def _assert_discord_inert(text: str, allowed_urls: set[str]) -> None:
    encoded = {(shown_url(u) or u).replace("(", "%28").replace(")", "%29") for u in allowed_urls}
    for m in _OUR_DISCORD_LINK.finditer(text):
        assert m.group(2) in encoded, m.group(0)
    rest = _OUR_DISCORD_LINK.sub("", text)
    assert not re.search(r"@(everyone|here)", rest, re.I), rest
    assert not re.search(r"<(?!\u200b)", rest), rest
    assert not re.search(r"(?i)https?://", rest), rest
    # every [ left is escaped, so no masked link of the article's own
    assert not re.search(r"(?<!\\)\[", rest), rest
