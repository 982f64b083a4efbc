"""The Slack and Discord posters render through one shared piece (``adapters.delivery.RenderedParts``
over each platform's ``Rendering``): they translate and post, and render nothing themselves."""

from __future__ import annotations

import discord
import pytest
from slack_sdk.web.async_client import AsyncWebClient

from adapters.delivery import NoticePoster, PartPoster, RenderedParts, ThreadPoster
from adapters.discord import embeds
from adapters.discord.client import DiscordPoster
from adapters.discord.client import reply_to_payloads as discord_reply
from adapters.slack import blocks
from adapters.slack.app import SlackPoster
from adapters.slack.app import reply_to_payloads as slack_reply
from digests.commands import Reply
from tests.fakes import long_digest

RENDER_METHODS = {"render", "render_thread", "render_notice"}


def posters() -> list[RenderedParts]:
    # real clients, never connected: rendering needs no network
    web = AsyncWebClient(token="xoxb-test", base_url="http://127.0.0.1:9/api/")
    slack = SlackPoster(web, post_interval=0.0)
    client = discord.Client(intents=discord.Intents.none(), allowed_mentions=discord.AllowedMentions.none())
    return [slack, DiscordPoster(client)]


def test_the_posters_define_no_render_method_of_their_own() -> None:
    for cls in (SlackPoster, DiscordPoster):
        assert issubclass(cls, RenderedParts)
        assert not RENDER_METHODS & vars(cls).keys(), f"{cls.__name__} renders by itself"


@pytest.mark.parametrize("index", [0, 1])
def test_each_poster_renders_with_its_platforms_renderer(index: int) -> None:
    poster = posters()[index]
    module = (blocks, embeds)[index]
    digest = long_digest(20)
    assert all(isinstance(poster, port) for port in (PartPoster, ThreadPoster, NoticePoster))
    assert poster.render(digest) == module.digest_payloads(digest)
    assert poster.render_thread(digest) == module.digest_thread_payloads(digest)
    # a notice that is a digest is the digest's messages; one that renders to nothing still says its title
    assert poster.render_notice(Reply(title="Digest", kind="digest", digest=digest)) == poster.render(digest)
    answer = Reply(title="Feed alert", items=[])
    reply = (slack_reply, discord_reply)[index]
    assert poster.render_notice(answer) == reply(answer)
    expected = module.reply_payloads(answer) or [module._title_only("Feed alert")]
    assert poster.render_notice(answer) == expected


def test_a_reply_that_renders_to_nothing_says_its_title_in_each_platforms_idiom() -> None:
    empty = Reply(title="Nothing", kind="digest", digest=None)
    assert blocks._title_only("Nothing") == {"text": "Nothing", "blocks": []}
    assert embeds._title_only("Nothing") == {"content": "Nothing", "embeds": []}
    assert slack_reply(empty) and discord_reply(empty)
    # the title may hold what the user typed: as inert as any other text
    hostile = "Digest: <!channel> @everyone *x*"
    assert blocks._title_only(hostile)["text"] == blocks.escape_mrkdwn(hostile)
    assert "@everyone" not in embeds._title_only(hostile)["content"]
    assert blocks._title_only("")["text"] and embeds._title_only("")["content"]
