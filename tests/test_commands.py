"""The command dispatcher: every command answers, bad input gets one short helpful line."""

from __future__ import annotations

from typing import Any

from digests.commands import COMMANDS, CommandContext, Reply, handle

CTX = CommandContext(platform="console")


def ask(store: Any, command: str, args: str = "", ctx: CommandContext = CTX) -> Reply:
    return handle(store, command, args, ctx)


def test_help_lists_every_command() -> None:
    reply = ask(None, "help")
    assert reply.kind == "answer"
    labels = " ".join(item.label or "" for item in reply.items)
    for name in COMMANDS:
        assert f"/{name}" in labels


def test_unknown_command_is_one_short_error() -> None:
    reply = ask(None, "frobnicate", "x")
    assert reply.kind == "error"
    assert "/help" in reply.title
    assert not reply.items


def test_over_long_arguments_are_refused() -> None:
    reply = ask(None, "who-said", "Lee " * 100)
    assert reply.kind == "error"
    assert "too long" in reply.title
