"""The process: console on the demo corpus, Slack over a fake Slack with one platform failing, doctor."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings, load_settings
from bot.runtime import doctor, serve
from digests.store import Store
from tests.commands_corpus import load_corpus
from tests.fakes import wait_until
from tests.fakes.slack import APP_TOKEN, BOT_TOKEN, FakeSlack

ENV_PREFIXES = ("GEODIGEST_", "DIGEST_", "SLACK_", "DISCORD_")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith(ENV_PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def discord_globals() -> Iterator[None]:
    """run_discord points discord.py's class-level addresses elsewhere: put them back."""
    import discord.gateway
    import discord.http

    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    yield
    discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


def settings(tmp_path: Path, **env: Any) -> Settings:
    return load_settings(GEODIGEST_DB=str(tmp_path / "bot.db"), **env)


async def test_console_shows_the_demo_digest_then_answers(tmp_path: Path) -> None:
    cfg = settings(tmp_path)
    out = io.StringIO()
    with Store.open(cfg.db) as store:
        code = await serve(cfg, store, stdin=io.StringIO("/sources\n/who-said\n/digest week\n"), out=out)
        assert store.count_articles() == 0  # the operator's store never holds the fictional demo
    with Store.open(tmp_path / "bot.demo.db") as demo:
        assert demo.count_articles() >= 10  # loaded because the operator's store was empty
    text = out.getvalue()
    assert code == 0
    assert text.startswith("# GeoDigest")
    # relative periods end on the demo's newest article, not on today's date
    assert "# GeoDigest · 3–9 Jan 2026" in text
    assert "> /sources" in text and "articles stored)" in text
    assert "Whose quotations?" in text


async def test_console_without_demo_on_an_empty_store(tmp_path: Path) -> None:
    cfg = settings(tmp_path, GEODIGEST_DEMO="never")
    out = io.StringIO()
    with Store.open(cfg.db) as store:
        assert await serve(cfg, store, stdin=io.StringIO(""), out=out) == 0
        assert store.count_articles() == 0
    assert "No articles stored yet" in out.getvalue()


async def test_slack_delivers_while_discord_fails_and_a_restart_posts_nothing_twice(
    tmp_path: Path, slack: FakeSlack, discord_globals: None, caplog: pytest.LogCaptureFixture
) -> None:
    cfg = settings(
        tmp_path,
        SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=APP_TOKEN, SLACK_API_BASE_URL=slack.api_url,
        DISCORD_TOKEN="x" * 24 + ".abcdef." + "y" * 27, DISCORD_API_BASE_URL="http://127.0.0.1:9/api/v10",
        DISCORD_GATEWAY_URL="ws://127.0.0.1:9/gateway",
        DIGEST_CRON="* * * * *", DIGEST_CHANNELS="slack:C0DIGEST",
    )
    load_corpus(cfg.db).close()
    caplog.set_level(logging.INFO)

    async def session(number: int) -> None:
        stop = asyncio.Event()
        with Store.open(cfg.db) as store:
            task = asyncio.ensure_future(serve(cfg, store, stop=stop))
            # the missed run of the current minute is caught up as soon as Slack connects
            await wait_until(lambda: caplog.text.count("poster ready") >= number, timeout=20,
                             what="Slack connected")
            await wait_until(lambda: _sent_rows(cfg.db), timeout=20, what="a delivery")
            await asyncio.sleep(0.3)  # let a (wrong) second post show itself
            stop.set()
            assert await asyncio.wait_for(task, 10) == 0

    await session(1)
    assert "discord stopped" in caplog.text  # logged, and Slack carried on
    first = len(slack.posts)
    assert first >= 1 and all(p["channel"] == "C0DIGEST" for p in slack.posts)
    await session(2)  # a restart
    rows = _sent_rows(cfg.db)
    posted_ids = [m for _, detail in rows for m in json.loads(detail)["messages"]]
    # every message Slack accepted belongs to exactly one recorded delivery: nothing went twice
    assert len(slack.posts) == len(posted_ids) == len(set(posted_ids))
    assert BOT_TOKEN not in caplog.text and APP_TOKEN not in caplog.text


def _sent_rows(db: Path) -> list[tuple[str, str]]:
    with Store.open(db) as store:
        return [(r[0], r[1]) for r in store.db.execute(
            "SELECT period_key, detail FROM deliveries WHERE state = 'sent'").fetchall()]


def test_doctor_without_tokens(tmp_path: Path) -> None:
    out = io.StringIO()
    assert doctor(settings(tmp_path), out) == 0
    demo = tmp_path / "bot.demo.db"
    assert f"serves the console on the demo corpus, kept apart in {demo}" in out.getvalue()


async def test_demo_is_kept_apart_and_removable(tmp_path: Path) -> None:
    from bot.runtime import open_demo_store, remove_demo
    from digests.demo import demo_paths
    from digests.ingest import ingest_inputs

    cfg = settings(tmp_path, GEODIGEST_RETENTION_DAYS="30")
    with Store.open(cfg.db) as store:  # empty operator store: the demo is served, never pruned
        assert await serve(cfg, store, stdin=io.StringIO(""), out=io.StringIO()) == 0
    with open_demo_store(cfg) as demo:
        assert demo.count_articles() >= 10
    # a store from before the demo had its own file: doctor says so, louder with a token set
    with Store.open(cfg.db) as store:
        ingest_inputs(store, [str(p) for p in demo_paths()[:3]], out=io.StringIO(), err=io.StringIO())
    out = io.StringIO()
    doctor(cfg, out)
    assert "holds 3 demo article(s)" in out.getvalue() and "[info]" in out.getvalue()
    lines = remove_demo(cfg)
    assert lines == [f"removed the demo store {tmp_path / 'bot.demo.db'}",
                     f"removed 3 demo article(s) from {cfg.db}"]
    with Store.open(cfg.db) as store:
        assert store.count_articles() == 0
    assert not (tmp_path / "bot.demo.db").exists()


def test_doctor_names_a_schedule_whose_platform_has_no_token(tmp_path: Path) -> None:
    out = io.StringIO()
    cfg = settings(tmp_path, DIGEST_CRON="0 7 * * 1-5", DIGEST_CHANNELS="discord:123456789012345678")
    assert doctor(cfg, out) == 1
    assert "posts to discord:123456789012345678 but DISCORD_TOKEN is not set" in out.getvalue()
    assert "next 20" in out.getvalue()  # the next fire time is shown


async def test_doctor_checks_tokens(tmp_path: Path, slack: FakeSlack) -> None:
    good = settings(tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=APP_TOKEN,
                    SLACK_API_BASE_URL=slack.api_url)
    out = io.StringIO()
    assert await asyncio.to_thread(doctor, good, out) == 0
    assert "slack: token works (bot geodigest in Newsroom); Socket Mode" in out.getvalue()
    bad = settings(tmp_path, SLACK_BOT_TOKEN="xoxb-wrong-token-1234", SLACK_APP_TOKEN=APP_TOKEN,
                   SLACK_API_BASE_URL=slack.api_url, DISCORD_TOKEN="abc",
                   DISCORD_API_BASE_URL="http://127.0.0.1:9/api/v10")
    out = io.StringIO()
    assert await asyncio.to_thread(doctor, bad, out) == 1
    text = out.getvalue()
    assert "slack: auth.test refused the bot token: invalid_auth" in text
    assert "discord: cannot reach the Discord API" in text
    assert "refused (ConnectError)" in text  # the cause, not only the exception's name
    unreachable = settings(tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=APP_TOKEN,
                           SLACK_API_BASE_URL="http://127.0.0.1:9/api/")
    out = io.StringIO()
    assert await asyncio.to_thread(doctor, unreachable, out) == 1
    assert "slack: cannot reach the Slack API at http://127.0.0.1:9/api/: connection refused (URLError)" \
        in out.getvalue()
    assert "xoxb-wrong-token-1234" not in text


def _clean_env() -> dict[str, str]:
    """The environment without the bot's settings, with this tree's code first on the path."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(ENV_PREFIXES)}
    return {**clean, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}


def _run_console(tmp_path: Path, lines: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`geodigest run` as `make run` starts it, with piped standard input, in a clean environment."""
    clean = _clean_env()
    return subprocess.run([sys.executable, "-m", "bot.cli", "run"], input=lines, capture_output=True,
                          text=True, cwd=tmp_path, timeout=180, env={**clean, **env})


def test_the_console_keeps_its_terminal_for_answers_and_logs_on_request(tmp_path: Path) -> None:
    """The console talks to a person: by default only what went wrong is logged (nothing here),
    GEODIGEST_LOG_LEVEL brings the INFO lines back on standard error, GEODIGEST_LOG_FILE moves
    them to a file; the answers on standard output are the same each time."""
    quiet = _run_console(tmp_path, "/sources\n")
    assert quiet.returncode == 0 and quiet.stderr == ""
    assert quiet.stdout.startswith("# GeoDigest") and "level=" not in quiet.stdout
    told = _run_console(tmp_path, "/sources\n", GEODIGEST_LOG_LEVEL="info")
    assert "level=INFO" in told.stderr and "console adapter" in told.stderr
    log = tmp_path / "logs" / "bot.log"
    log.parent.mkdir()
    filed = _run_console(tmp_path, "/sources\n", GEODIGEST_LOG_LEVEL="info", GEODIGEST_LOG_FILE=str(log))
    assert filed.stderr == "" and "level=INFO" in log.read_text(encoding="utf-8")
    assert quiet.stdout == told.stdout == filed.stdout
    nowhere = _run_console(tmp_path, "", GEODIGEST_LOG_FILE=str(tmp_path / "missing" / "bot.log"))
    assert nowhere.returncode == 2 and nowhere.stdout == ""
    assert nowhere.stderr.startswith("geodigest: GEODIGEST_LOG_FILE: cannot write")


def test_the_default_log_level_is_warning_for_the_console_and_info_for_platforms(tmp_path: Path) -> None:
    from bot.runtime import log_level

    assert log_level(settings(tmp_path)) == "WARNING"
    assert log_level(settings(tmp_path, SLACK_BOT_TOKEN="xoxb-1", SLACK_APP_TOKEN="xapp-1")) == "INFO"
    assert log_level(settings(tmp_path, DISCORD_TOKEN="t", GEODIGEST_LOG_LEVEL="error")) == "ERROR"
    assert log_level(settings(tmp_path, GEODIGEST_LOG_LEVEL="Debug")) == "DEBUG"


def test_ctrl_c_ends_the_console_at_once_without_a_traceback(tmp_path: Path) -> None:
    clean = _clean_env()
    pipe = subprocess.PIPE
    child = subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], stdin=pipe, stdout=pipe, stderr=pipe,
                             text=True, cwd=tmp_path, env=clean)
    assert child.stdin is not None and child.stdout is not None
    assert child.stdout.readline().startswith("# GeoDigest")  # the opening digest: the console is up
    child.stdin.write("/sources\n")
    child.stdin.flush()
    for line in child.stdout:
        if "/sources page 2" in line:  # the answer's last line
            break
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=20)
    assert child.returncode == 130 and err == ""


def test_ctrl_c_during_a_hung_fetch_ends_the_console_at_once(tmp_path: Path, web: Any) -> None:
    """The console ran commands on its event loop, so Ctrl-C waited for a hung /ingest's
    timeout (15 s) and the schedules stood still meanwhile; the command now runs in a worker and
    Ctrl-C ends the fetch."""
    env = {**_clean_env(), "GEODIGEST_ALLOW_PRIVATE_URLS": "true", "GEODIGEST_FETCH_TIMEOUT": "60"}
    pipe = subprocess.PIPE
    child = subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], stdin=pipe, stdout=pipe, stderr=pipe,
                             text=True, cwd=tmp_path, env=env)
    assert child.stdin is not None and child.stdout is not None
    assert child.stdout.readline().startswith("# GeoDigest")
    child.stdin.write(f"/ingest {web.url('/stalled')}\n")
    child.stdin.flush()
    for line in child.stdout:
        if line.startswith("> /ingest"):  # the echo comes as the command starts
            break
    time.sleep(1.0)
    assert child.poll() is None and web.hits[-1:] == ["/stalled"]  # the fetch is in flight
    began = time.monotonic()
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=30)
    assert child.returncode == 130 and err == ""
    assert time.monotonic() - began < 5


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_shows_the_bot_not_its_command_lines(tmp_path: Path) -> None:
    """A newcomer's first screen: `make run` echoed `.venv/bin/geodigest run` above the digest
    (and on a fresh clone the two pip command lines before it); it says what it does in words.
    The Makefile runs here over a stand-in venv whose programs say who they are."""
    root = Path(__file__).resolve().parents[1]
    shutil.copy(root / "Makefile", tmp_path / "Makefile")
    (tmp_path / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    # pip as it runs on a host whose pip.conf names an index folder that is not there, and with
    # setuptools' note on an editable install (both printed on a newcomer's first `make run`)
    pip = ("#!/bin/sh\necho \"WARNING: Location 'file:///opt/pypi/simple/x/' is ignored: it is neither a "
           "file nor a directory.\" >&2\necho '  !!  Please be careful with folders in your working "
           "directory'\n")
    for name, says in (("python", pip), ("geodigest", "#!/bin/sh\necho '# GeoDigest · the demo digest'\n")):
        program = bin_dir / name
        program.write_text(says, encoding="utf-8")
        program.chmod(0o755)

    def make_run() -> str:
        done = subprocess.run(["make", "run"], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                              stdin=subprocess.DEVNULL, env={k: v for k, v in os.environ.items()
                                                             if not k.startswith("MAKE")})
        assert done.returncode == 0 and done.stderr == "", done.stderr
        return done.stdout

    first = make_run()  # no stamp yet: the venv is set up first (pip's lines go to its log)
    assert first == "setting up .venv (the first time: 1-2 minutes)\n# GeoDigest · the demo digest\n"
    assert "is ignored" in (tmp_path / ".venv" / "setup.log").read_text(encoding="utf-8")
    assert make_run() == "# GeoDigest · the demo digest\n"

    # a set-up that fails shows pip's lines after all, and stops
    (tmp_path / ".venv" / ".installed").unlink()
    (bin_dir / "python").write_text("#!/bin/sh\necho 'ERROR: No matching distribution found for x'\nexit 1\n",
                                    encoding="utf-8")
    failed = subprocess.run(["make", "run"], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                            stdin=subprocess.DEVNULL,
                            env={k: v for k, v in os.environ.items() if not k.startswith("MAKE")})
    assert failed.returncode != 0 and "the demo digest" not in failed.stdout
    assert "ERROR: No matching distribution found for x" in failed.stdout
    assert "setting up .venv failed: the log above is .venv/setup.log" in failed.stdout
    (tmp_path / ".venv" / ".installed").touch()

    # Ctrl-C reaches the whole foreground group (make, its shell, the bot), which leaves with 130
    waits = "#!/bin/sh\ntrap 'exit 130' INT\necho up\nwhile :; do sleep 0.05; done\n"
    (bin_dir / "geodigest").write_text(waits, encoding="utf-8")
    child = subprocess.Popen(["make", "run"], cwd=tmp_path, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, start_new_session=True,
                             env={k: v for k, v in os.environ.items() if not k.startswith("MAKE")})
    assert child.stdout is not None and child.stdout.readline() == "up\n"
    os.killpg(child.pid, signal.SIGINT)
    _, err = child.communicate(timeout=20)
    assert err == ""  # was "make: *** [Makefile:24: run] Error 130"
