"""Structured logs (key=value or JSON lines) that never contain a token or a configured secret.

Log with fields so that a line says which schedule posted what where::

    log = logging.getLogger("bot.scheduler")
    log.info("digest posted", extra=fields(schedule="morning", channel="slack:C0123", messages=2))
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from digests.fetch import hide_credentials

REDACTED = "[redacted]"

# Shapes of credentials that may turn up in an error message or a URL, whoever configured them.
_TOKEN_PATTERNS = [
    re.compile(r"xox[abposre]-[A-Za-z0-9-]{8,}"),  # Slack bot/user/config tokens
    re.compile(r"xapp-[A-Za-z0-9-]{8,}"),  # Slack app-level (Socket Mode) tokens
    re.compile(r"\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}"),  # Discord bot tokens
    re.compile(r"hooks\.slack\.com/(?:services|commands|actions|workflows)/[A-Za-z0-9/_-]+"),  # webhooks
    re.compile(r"(?<=/interactions/)\d+/[A-Za-z0-9_.-]{20,}"),  # Discord interaction tokens in URLs
    re.compile(r"(?<=/webhooks/)\d+/[A-Za-z0-9_.-]{20,}"),  # Discord webhook tokens
    re.compile(r"(?i)(?<=authorization: )(?:bot|bearer) [^\s'\"]+"),
]


def fields(**values: object) -> dict[str, dict[str, object]]:
    """`extra=` for a log call: key=value pairs printed after the message."""
    return {"fields": values}


class Redactor:
    """Replaces secrets (token shapes and the exact configured values) with a marker."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        # longest first, so that a secret containing another is removed whole
        self.secrets = sorted({s for s in secrets if s and len(s) >= 6}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        for pattern in _TOKEN_PATTERNS:
            text = pattern.sub(REDACTED, text)
        return hide_credentials(text)


class RedactingFilter(logging.Filter):
    """Renders each record's message with its arguments and redacts it, before any handler sees it."""

    def __init__(self, redactor: Redactor) -> None:
        super().__init__()
        self.redact = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the line
            message = f"{record.msg!r} {record.args!r}"
        record.msg = self.redact(message)
        record.args = None
        extra = getattr(record, "fields", None)
        if isinstance(extra, Mapping):
            record.fields = {
                k: v if isinstance(v, int | float | bool) else self.redact(str(v)) for k, v in extra.items()
            }
        return True


def _kv_value(value: object) -> str:
    text = str(value)
    if text == "" or any(c in text for c in ' ="\n\t'):
        return json.dumps(text, ensure_ascii=False)
    return text


class StructuredFormatter(logging.Formatter):
    """One line per record: `ts=... level=... logger=... msg="..." key=value ...` or a JSON object."""

    def __init__(self, style_name: str = "text", redactor: Redactor | None = None) -> None:
        super().__init__()
        self.json = style_name == "json"
        self.redact = redactor or Redactor()

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        extra = getattr(record, "fields", None)
        if isinstance(extra, Mapping):
            for key, value in extra.items():
                data.setdefault(str(key), value if isinstance(value, int | float | bool) else str(value))
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        if self.json:
            line = json.dumps(data, ensure_ascii=False, default=str)
        else:
            line = " ".join(f"{k}={_kv_value(v)}" for k, v in data.items())
        # a second pass catches secrets inside tracebacks and fields added after the filter ran
        return self.redact(line)


def setup_logging(
    level: str = "INFO",
    style: str = "text",
    secrets: Iterable[str | None] = (),
    stream: IO[str] | None = None,
    path: Path | None = None,
) -> logging.Handler:
    """Route every logger through one redacting, structured handler on stderr (or appending to
    ``path``); returns the handler. Raises OSError when ``path`` cannot be opened."""
    redactor = Redactor(secrets)
    handler: logging.Handler
    if path is not None and stream is None:
        handler = logging.FileHandler(path, encoding="utf-8")
    else:
        handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(StructuredFormatter(style, redactor))
    handler.addFilter(RedactingFilter(redactor))
    root = logging.getLogger()
    for old in list(root.handlers):
        if old.get_name() == "geodigest":
            root.removeHandler(old)
            old.close()
    handler.set_name("geodigest")
    root.addHandler(handler)
    root.setLevel(level)
    # libraries that log request URLs and payloads at DEBUG stay at INFO unless asked
    for noisy in ("discord", "slack_bolt", "slack_sdk", "aiohttp", "websockets"):
        logging.getLogger(noisy).setLevel(max(root.level, logging.INFO))
    # httpx logs every request at INFO ("HTTP Request: GET ..."): among console answers that is noise
    for chatty in ("httpx", "httpcore"):
        logging.getLogger(chatty).setLevel(logging.DEBUG if root.level <= logging.DEBUG else logging.WARNING)
    handler.addFilter(_drop_harmless)
    # "Added job", "Scheduler started": our own scheduler lines say what matters
    quiet = logging.DEBUG if root.level <= logging.DEBUG else logging.WARNING
    logging.getLogger("apscheduler").setLevel(quiet)
    return handler


# Library warnings about what GeoDigest does on purpose: Bolt is given a ready client (so it
# ignores SLACK_BOT_TOKEN from the environment), and the bot has no voice features.
_HARMLESS = ("As you gave `client` as well, `token` will be unused.",)


def _drop_harmless(record: logging.LogRecord) -> bool:
    return record.getMessage() not in _HARMLESS


def settings_secrets(settings: object) -> list[str]:
    """The secret values of a Settings object (any SecretStr attribute), to redact verbatim."""
    from pydantic import BaseModel, SecretStr

    if not isinstance(settings, BaseModel):
        return []
    values: list[str] = []
    for name in type(settings).model_fields:
        value = getattr(settings, name, None)
        if isinstance(value, SecretStr):
            values.append(value.get_secret_value())
    return values
