"""Logs are structured and never contain a token or a configured secret."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.logging import REDACTED, Redactor, fields, setup_logging

SLACK_BOT = "xoxb-20260101-20260102-AbCdEfGhIjKlMnOpQrStUvWx"
SLACK_APP = "xapp-1-A0123456789-1234567890123-0a1b2c3d4e5f6a7b8c9d"
DISCORD = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789"
SIGNING = "8f2b6c1e9d0a4b7c3e5f1a2b"


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = setup_logging("DEBUG", "text", secrets=[SIGNING], stream=stream)
    yield stream
    logging.getLogger().removeHandler(handler)


def test_token_shapes_and_configured_secrets_are_redacted(captured: io.StringIO) -> None:
    log = logging.getLogger("bot.test")
    log.info("connecting with %s and %s", SLACK_BOT, SLACK_APP)
    log.warning("login failed for token %s", DISCORD)
    log.error("bad signature, secret was %s", SIGNING, extra=fields(secret=SIGNING, token=SLACK_BOT))
    out = captured.getvalue()
    for secret in (SLACK_BOT, SLACK_APP, DISCORD, SIGNING, "AbCdEfGhIjKl", "GabcDE.abcdef"):
        assert secret not in out
    assert out.count(REDACTED) >= 6


def test_tracebacks_are_redacted(captured: io.StringIO) -> None:
    log = logging.getLogger("bot.test")
    try:
        raise RuntimeError(f"auth failed: {SLACK_BOT}")
    except RuntimeError:
        log.exception("platform failed")
    out = captured.getvalue()
    assert "RuntimeError" in out and SLACK_BOT not in out


def test_key_value_lines_carry_the_fields(captured: io.StringIO) -> None:
    logging.getLogger("bot.scheduler").info(
        "digest posted", extra=fields(schedule="morning", channel="slack:C0123ABCD", messages=2)
    )
    line = captured.getvalue().strip().splitlines()[-1]
    assert 'msg="digest posted"' in line
    assert "schedule=morning" in line and "channel=slack:C0123ABCD" in line and "messages=2" in line
    assert "level=INFO" in line and "logger=bot.scheduler" in line


def test_json_lines_parse() -> None:
    stream = io.StringIO()
    handler = setup_logging("INFO", "json", secrets=[], stream=stream)
    try:
        logging.getLogger("bot.x").info("hello %s", SLACK_BOT, extra=fields(n=3))
    finally:
        logging.getLogger().removeHandler(handler)
    record = json.loads(stream.getvalue().strip().splitlines()[-1])
    assert record["msg"] == f"hello {REDACTED}" and record["n"] == 3


def test_redactor_leaves_ordinary_text_alone() -> None:
    redact = Redactor(["short", None, "a-long-secret-value"])
    text = "Xi Jinping met Lee Jae-myung on 2026-01-05; 12 MOUs signed; see https://example.org/a/b.c"
    assert redact(text) == text
    assert redact("x a-long-secret-value y") == f"x {REDACTED} y"
    assert redact("short") == "short"  # too short to redact without mangling ordinary words
