"""Every help line generated from the command declarations reads as one English sentence: the CLI's
subcommand list, /help, Slack's manifest and Discord's registered descriptions (seen on the wire)."""

from __future__ import annotations

import argparse
import asyncio
import re
from pathlib import Path

import pytest

from adapters.discord.client import DiscordConfig, GeoDigestClient, store_completer, store_runner
from adapters.slack.manifest import manifest
from bot.cli import BESPOKE, build_parser, main
from digests.commands import COMMANDS, CommandContext, handle
from tests.fakes import make_store
from tests.fakes.discord import GUILD_ID, TOKEN, FakeDiscord


def _reads_as_english(line: str, name: str) -> None:
    """One sentence: a capital first, no label stacked on a label ("The chat's /feeds: admins: ..."),
    and an admin command says so once, at the end, not as a prefix."""
    assert line[:1].isupper(), (name, line)
    assert len(re.findall(r"\w: ", line)) <= 1, (name, line)
    assert not re.search(r"\badmins?:", line, re.I), (name, line)
    assert line.count("admins") == (1 if COMMANDS[name].admin else 0), (name, line)
    assert "  " not in line and not line.endswith(("..", ":", ",", ";")), (name, line)


def _cli_lines() -> dict[str, str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    chat = [c for c in sub._choices_actions if c.dest in COMMANDS and c.dest not in BESPOKE]
    return {c.dest: c.help or "" for c in chat}


def test_the_command_lines_help_reads_as_sentences() -> None:
    lines = _cli_lines()
    assert {"who-said", "timeline", "feeds", "watch", "settings"} <= set(lines)
    for name, line in lines.items():
        _reads_as_english(line, name)
        assert line.endswith((f"(the chat's /{name}).", f"(the chat's /{name}, for admins there)."))
    assert lines["feeds"] == (
        "The feeds polled with their health; add or remove one (the chat's /feeds, for admins there)."
    )


def test_the_channel_commands_say_which_channel_the_command_line_means(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name in COMMANDS:
        if name in BESPOKE:
            continue  # the command line's own subcommands
        with pytest.raises(SystemExit):
            main([name, "--help"])
        shown = capsys.readouterr().out
        said = "the console channel: the one `geodigest run` answers in" in shown
        assert said is COMMANDS[name].channel, name
        assert "this channel" not in shown.lower(), name  # the command line has none
    assert COMMANDS["watch"].channel and COMMANDS["settings"].channel


def test_help_in_chat_and_slacks_menu_read_as_sentences() -> None:
    listed = handle(None, "help", "", CommandContext(platform="slack"))  # type: ignore[arg-type]
    by_usage = {item.label: item.text for item in listed.items}
    for cmd in COMMANDS.values():
        _reads_as_english(by_usage[cmd.usage], cmd.name)
        one = handle(None, "help", cmd.name, CommandContext(platform="slack"))  # type: ignore[arg-type]
        _reads_as_english(one.items[0].text, cmd.name)
    assert by_usage["/ingest url"] == "Fetch an article or feed and store its facts (admins only)"
    for entry in manifest()["features"]["slash_commands"]:
        name = entry["command"].lstrip("/")
        _reads_as_english(entry["description"], name)
        assert len(entry["description"]) <= 100


async def test_discord_registers_each_description_whole_or_cut_at_a_word(
    discord_fake: FakeDiscord, tmp_path: Path,
) -> None:
    path = tmp_path / "t.db"
    make_store(path).close()
    cfg = DiscordConfig(token=TOKEN, guild_id=int(GUILD_ID), guild_ready_timeout=0.05)
    client = GeoDigestClient(cfg, store_runner(path), store_completer(path))
    task = asyncio.ensure_future(client.start(TOKEN))
    try:
        await asyncio.wait_for(client.ready.wait(), timeout=10)
    finally:
        await client.close()
        await asyncio.wait_for(task, timeout=10)
    synced = discord_fake.synced[GUILD_ID]
    assert {c["name"] for c in synced} == set(COMMANDS)
    for command in synced:
        name, description = str(command["name"]), str(command["description"])
        _reads_as_english(description, name)
        assert len(description) <= 100
        whole = COMMANDS[name].description
        # the timeline's summary is longer than Discord allows: cut after a whole word
        cut = description[:-1]
        assert description == whole or (
            description.endswith("…") and whole.startswith(cut) and whole[len(cut)] in " :;,"
        ), (name, description)
