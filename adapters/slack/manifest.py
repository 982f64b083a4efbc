"""The Slack app manifest: every slash command the bot answers, from ``digests.commands.COMMANDS``.

``geodigest slack-manifest`` prints it as JSON, to paste into "Create New App -> From an app
manifest" on api.slack.com; the commands it registers are the declarations the adapter serves,
so a command added there is registered here with no second list to keep.
"""

from __future__ import annotations

from typing import Any

from digests.commands import COMMANDS
from digests.printable import plain

#: what the bot asks of a workspace: answer slash commands, post, and read a channel's (or private
#: channel's) history and thread replies to find a message posted before a crash
BOT_SCOPES = ("commands", "chat:write", "channels:history", "groups:history")
DESCRIPTION_CHARS = 100  # Slack truncates a command's description in its menu
HINT_CHARS = 100


def slash_commands(request_url: str | None = None) -> list[dict[str, Any]]:
    """The ``slash_commands`` of the manifest: one per declared command, with its usage hint."""
    out = []
    for cmd in COMMANDS.values():
        entry: dict[str, Any] = {
            "command": f"/{cmd.name}",
            "description": plain(cmd.description, DESCRIPTION_CHARS),
            "usage_hint": plain(cmd.usage.partition(" ")[2], HINT_CHARS),
            "should_escape": False,
        }
        if request_url:
            entry["url"] = request_url
        out.append(entry)
    return out


def manifest(name: str = "GeoDigest", request_url: str | None = None) -> dict[str, Any]:
    """The whole manifest: Socket Mode, or HTTP mode posting to ``request_url`` (…/slack/events)."""
    settings: dict[str, Any] = {
        "interactivity": {"is_enabled": True, **({"request_url": request_url} if request_url else {})},
        "org_deploy_enabled": False,
        "socket_mode_enabled": request_url is None,
        "token_rotation_enabled": False,
    }
    return {
        "display_information": {
            "name": name,
            "description": "Geopolitical news digests: who said what, timelines, scheduled digests",
        },
        "features": {
            "bot_user": {"display_name": name, "always_online": True},
            "slash_commands": slash_commands(request_url),
        },
        "oauth_config": {"scopes": {"bot": list(BOT_SCOPES)}},
        "settings": settings,
    }


