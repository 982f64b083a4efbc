"""The Slack app manifest registers exactly the commands the bot answers, and the README says which."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from adapters.slack.manifest import BOT_SCOPES, manifest
from bot.cli import main
from digests.commands import COMMANDS

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_manifest_registers_every_declared_command_with_its_usage() -> None:
    commands = manifest()["features"]["slash_commands"]
    assert [c["command"] for c in commands] == [f"/{name}" for name in COMMANDS]
    who = commands[0]
    assert who["usage_hint"] == "person [about] [page]"
    assert all(0 < len(c["description"]) <= 100 for c in commands)
    assert manifest()["settings"]["socket_mode_enabled"] is True
    assert manifest()["oauth_config"]["scopes"]["bot"] == list(BOT_SCOPES)


def test_http_mode_sends_commands_and_buttons_to_the_request_url() -> None:
    url = "https://bot.example.org/slack/events"
    made = manifest(request_url=url)
    assert made["settings"]["socket_mode_enabled"] is False
    assert made["settings"]["interactivity"]["request_url"] == url
    assert {c["url"] for c in made["features"]["slash_commands"]} == {url}


def test_the_cli_prints_the_manifest_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["slack-manifest", "--name", "Desk"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["display_information"]["name"] == "Desk"
    assert len(printed["features"]["slash_commands"]) == len(COMMANDS)


def test_the_readme_lists_the_declared_commands() -> None:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- slash-commands -->(.*?)<!-- /slash-commands -->", text)
    assert found, "README's Slack app setup lost its list of commands"
    assert re.findall(r"`/([\w-]+)`", found.group(1)) == list(COMMANDS)

