"""What a request from Slack must look like before Bolt reads it.

Bolt trusts the shape of a signed payload: a ``block_actions`` without actions, a view without
its ``type`` or an event that is a string raise inside its middleware, which answers 500 and logs
a traceback. Slack never sends such payloads, so only a holder of the signing secret (or the app
token, in Socket Mode) could; they are refused with a short reason naming the field, never its
value (a payload carries user ids and response URLs).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

log = logging.getLogger("geodigest.slack")

# fields that are JSON objects wherever Slack sends them
_OBJECTS = ("user", "team", "channel", "enterprise", "container", "view", "event", "message", "state")
# payload types whose first action Bolt reads (block_actions by its action_id)
_ACTIONS = ("block_actions", "interactive_message")
_VIEWS = ("view_submission", "view_closed")


def shape_problem(body: Any) -> str | None:
    """Why ``body`` (a request as Bolt parsed it) is not a request Slack sends; None when it is one.

    A request is a slash command (``command``), an SSL check, or a payload with a ``type``; the
    objects in it are objects, a ``block_actions`` has actions each with an ``action_id``, a view its
    ``type``, an event callback its event with a ``type``. Unknown types of the right shape pass
    (Bolt answers them as unhandled)."""
    if not isinstance(body, dict) or not body:
        return "an empty or unreadable body"
    if "command" in body:
        command = body["command"]
        return None if isinstance(command, str) and command.startswith("/") else "a command without a slash"
    if "ssl_check" in body:
        return None
    kind = body.get("type")
    if not isinstance(kind, str) or not kind:
        return "neither a slash command nor a payload with a type"
    for name in _OBJECTS:
        if name in body and not isinstance(body[name], dict):
            article = "an" if name in ("event", "enterprise") else "a"
            return f"{kind} with {article} {name} that is not an object"
    if kind in _ACTIONS:
        actions = body.get("actions")
        if not isinstance(actions, list) or not actions:
            return f"{kind} without actions"
        if not all(isinstance(a, dict) for a in actions):
            return f"{kind} with an action that is not an object"
        if kind == "block_actions" and not all(isinstance(a.get("action_id"), str) for a in actions):
            return f"{kind} with an action without its action_id"
    if kind in _VIEWS and not isinstance(body.get("view", {}).get("type"), str):
        return f"{kind} without a view and its type"
    if kind == "event_callback" and not isinstance(body.get("event", {}).get("type"), str):
        return "event_callback without an event and its type"
    if kind == "block_suggestion" and not isinstance(body.get("action_id"), str):
        return "block_suggestion without its action_id"
    return None


class ShapeCheck(AsyncMiddleware):
    """Bolt middleware, run before authorization: a request of the wrong shape gets 400 and one
    WARNING line (in Socket Mode it is acknowledged, so Slack does not send it again); Slack's
    notice that it dropped events (``app_rate_limited``) is acknowledged and logged."""

    async def async_process(
        self, *, req: AsyncBoltRequest, resp: BoltResponse, next: Callable[[], Awaitable[BoltResponse]]
    ) -> BoltResponse | None:
        body = req.body
        problem = shape_problem(body)
        socket = req.mode == "socket_mode"
        if problem is not None:
            size = len(req.raw_body or "")
            log.warning("slack: refused a signed request (%s%s): answered %s", problem,
                        "" if socket else f", {size} bytes", "with an acknowledgement" if socket else "400")
            if socket:
                return BoltResponse(status=200, body="")
            return BoltResponse(status=400, body=f"bad request: {problem}")
        if body.get("type") == "app_rate_limited":
            log.warning("slack: Slack dropped events sent to the app (app_rate_limited, minute %s): the app "
                        "went over 30,000 events an hour; turn off event subscriptions it does not need",
                        str(body.get("minute_rate_limited", "?"))[:12])
            return BoltResponse(status=200, body="")
        return await next()
