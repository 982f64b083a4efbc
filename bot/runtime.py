"""The long-running process: open the store, start the scheduler and the adapters; and `doctor`.

`geodigest run` with no platform token and an empty store serves the console on the demo
corpus, kept in a store of its own (``geodigest.demo.db`` beside ``geodigest.db``). With
tokens it runs Slack and/or Discord in one event loop; a platform that fails to
connect is logged with the reason and the others keep running.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import signal
import sqlite3
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

from bot.config import ConfigError, Settings, fetch_policy
from bot.logging import fields, settings_secrets, setup_logging
from bot.scheduler import DigestScheduler
from bot.schedules import Schedule, Target, parse_target, schedules_from_settings
from digests.errors import GeoDigestError, StoreError, store_error
from digests.fetch import FetchPolicy, hide_credentials
from digests.store import Store

log = logging.getLogger("geodigest.runtime")


def configured_platforms(settings: Settings) -> list[str]:
    """The chat platforms with a token set, in a fixed order."""
    found = []
    if settings.slack_bot_token is not None and settings.slack_bot_token.get_secret_value():
        found.append("slack")
    if settings.discord_token is not None and settings.discord_token.get_secret_value():
        found.append("discord")
    return found


def log_level(settings: Settings) -> str:
    """GEODIGEST_LOG_LEVEL, or by default WARNING for the console (its answers share the terminal
    with the log) and INFO for Slack and Discord (a service whose log says what it posted)."""
    if settings.log_level:
        return settings.log_level
    return "INFO" if configured_platforms(settings) else "WARNING"


def _secret(value: Any) -> str | None:
    return value.get_secret_value() if value is not None else None


def slack_config(settings: Settings, policy: FetchPolicy | None = None) -> Any:
    """The Slack adapter's configuration from the settings (ValueError names what is missing)."""
    from adapters.slack.app import SlackConfig

    return SlackConfig(
        bot_token=_secret(settings.slack_bot_token) or "",
        app_token=_secret(settings.slack_app_token),
        signing_secret=_secret(settings.slack_signing_secret),
        mode=settings.slack_mode,
        port=settings.slack_port,
        api_base_url=settings.slack_api_base_url,
        admin_users=frozenset(settings.slack_admin_users),
        channel_commands=settings.channel_commands,
        schedule_scopes=schedule_scopes(settings),
        fetch=policy,
        feeds=tuple(settings.feeds),
        feed_alert_after=settings.feed_alert_after,
    )


def discord_config(settings: Settings, policy: FetchPolicy | None = None) -> Any:
    """The Discord adapter's configuration from the settings."""
    from adapters.discord.client import DiscordConfig

    return DiscordConfig(
        token=_secret(settings.discord_token) or "",
        guild_id=settings.discord_guild_id,
        api_base_url=settings.discord_api_base_url,
        gateway_url=settings.discord_gateway_url,
        fetch=policy,
        feeds=tuple(settings.feeds),
        feed_alert_after=settings.feed_alert_after,
        schedule_scopes=schedule_scopes(settings),
    )


def schedule_scopes(settings: Settings) -> tuple[Any, ...]:
    """Each schedule's scope for each channel it posts to (/settings shows them); none when the
    schedules do not parse (start-up reports that)."""
    from digests.settings import ScheduleScope

    try:
        schedules = schedules_from_settings(settings)
    except ConfigError:
        return ()
    return tuple(ScheduleScope(s.name, str(t), tuple(s.topics), tuple(s.countries), tuple(s.entities))
                 for s in schedules for t in s.targets)


def demo_store_path(settings: Settings) -> Path:
    """Where the demo corpus lives: its own file beside the operator's store, never inside it."""
    db = Path(settings.db)
    return db.with_name(f"{db.stem}.demo{db.suffix or '.db'}")


def wants_demo(settings: Settings, store: Store, platforms: list[str]) -> bool:
    """Whether `run` serves the demo: never with a platform token (its stories are fiction),
    always with GEODIGEST_DEMO=always, else (auto) when the operator's store is empty."""
    if platforms or settings.demo == "never":
        return False
    return settings.demo == "always" or store.count_articles() == 0


def open_demo_store(settings: Settings) -> Store:
    """The demo store, filled with the demo corpus and marked as the demo on first use."""
    from digests.demo import demo_paths, mark_demo_store
    from digests.ingest import ingest_inputs

    store = Store.open(demo_store_path(settings))
    if store.count_articles() == 0:
        paths = [str(p) for p in demo_paths()]
        err = io.StringIO()
        report = ingest_inputs(store, paths, progress=False, out=io.StringIO(), err=err)
        log.info("demo corpus loaded", extra=fields(
            articles=len(paths), new=report.new, failed=report.failed, store=str(store.path)))
        for problem in report.errors[:3]:
            log.warning("demo article not read: %s", problem)
    mark_demo_store(store)
    return store


def demo_articles_in(store: Store) -> list[int]:
    """Ids of demo articles stored in an operator's store (loaded there by versions before the
    demo had a store of its own)."""
    from digests.demo import demo_paths
    from digests.sources import read_path

    found = []
    for path in demo_paths():
        article_id = store.article_id(read_path(path))
        if article_id is not None:
            found.append(article_id)
    return found


def remove_demo(settings: Settings) -> list[str]:
    """`geodigest demo remove`: delete the demo store and any demo article in the operator's store."""
    lines = []
    demo = demo_store_path(settings)
    removed = [f for f in (demo, Path(f"{demo}-wal"), Path(f"{demo}-shm")) if f.exists()]
    for f in removed:
        f.unlink()
    lines.append(f"removed the demo store {demo}" if removed else f"no demo store at {demo}")
    if Path(settings.db).exists():
        with Store.open(settings.db) as store:
            ids = demo_articles_in(store)
            for article_id in ids:
                store.delete_article(article_id)
        lines.append(f"removed {len(ids)} demo article(s) from {settings.db}" if ids
                     else f"no demo articles in {settings.db}")
    return lines


def make_scheduler(
    settings: Settings, store: Store, schedules: list[Schedule], policy: FetchPolicy | None = None
) -> DigestScheduler:
    """The scheduler for these settings (no posters yet: adapters add theirs when connected)."""
    return DigestScheduler(
        store, schedules, {},
        grace=timedelta(minutes=settings.grace_minutes), horizon_weeks=settings.horizon_weeks,
        attempts=settings.delivery_attempts, feeds=settings.feeds,
        feed_interval_minutes=settings.feed_interval_minutes, fetch_timeout=settings.fetch_timeout,
        max_bytes=settings.max_bytes, fetch_policy=policy or fetch_policy(settings),
        watch_alert_interval=timedelta(minutes=settings.watch_alert_minutes),
        watch_check_seconds=settings.watch_check_seconds,
        admin_channel=admin_target(settings), feed_alert_after=settings.feed_alert_after,
        thread_channels=settings.thread_channels,
    )


def admin_target(settings: Settings) -> Target | None:
    """GEODIGEST_ADMIN_CHANNEL as a target (None when unset)."""
    return parse_target(settings.admin_channel, "GEODIGEST_ADMIN_CHANNEL") if settings.admin_channel else None


def run(settings: Settings) -> int:
    """Run the bot until interrupted (or, on the console, until standard input closes)."""
    try:
        setup_logging(log_level(settings), settings.log_format, secrets=settings_secrets(settings),
                      path=settings.log_file)
    except OSError as err:
        print(f"geodigest: GEODIGEST_LOG_FILE: cannot write {settings.log_file}: {err.strerror or err}",
              file=sys.stderr)
        return 2
    try:
        schedules = schedules_from_settings(settings)
    except ConfigError as err:
        print(f"geodigest: {err}", file=sys.stderr)
        return 2
    try:
        store = Store.open(settings.db)
        damage = store.integrity_problems(quick=True)
    except StoreError as err:
        print(f"geodigest: {err}", file=sys.stderr)
        return 1
    if damage:  # a quick check at start: better one clear line now than tracebacks later
        store.close()
        print(f"geodigest: the store {settings.db} is damaged ({'; '.join(damage[:2])}): restore it from a "
              "backup or rebuild it with `sqlite3 FILE .recover`", file=sys.stderr)
        return 1
    try:
        return asyncio.run(serve(settings, store, schedules))
    except KeyboardInterrupt:
        if sys.stdout.isatty():  # the shell's prompt on a line of its own, not after the console's "> "
            print(file=sys.stdout)
        return 130
    finally:
        store.close()


async def serve(
    settings: Settings,
    store: Store,
    schedules: list[Schedule] | None = None,
    *,
    stop: asyncio.Event | None = None,
    stdin: IO[str] | None = None,
    out: IO[str] | None = None,
) -> int:
    """The bot inside a running event loop; returns the exit code. `stop` ends a chat session."""
    schedules = schedules if schedules is not None else schedules_from_settings(settings)
    platforms = configured_platforms(settings)
    if wants_demo(settings, store, platforms):
        log.info("no platform token and an empty store: serving the demo corpus from its own store",
                 extra=fields(store=str(demo_store_path(settings))))
        with open_demo_store(settings) as demo:
            return await _serve_store(settings, demo, schedules, platforms, stop, stdin, out)
    if settings.retention_days:
        pruned = store.prune(datetime.now(UTC).date() - timedelta(days=settings.retention_days))
        if pruned:
            log.info("old articles pruned", extra=fields(articles=pruned, days=settings.retention_days))
    return await _serve_store(settings, store, schedules, platforms, stop, stdin, out)


async def _serve_store(
    settings: Settings,
    store: Store,
    schedules: list[Schedule],
    platforms: list[str],
    stop: asyncio.Event | None,
    stdin: IO[str] | None,
    out: IO[str] | None,
) -> int:
    _warm(store)
    policy = fetch_policy(settings)
    scheduler = make_scheduler(settings, store, schedules, policy)
    for schedule, when in scheduler.next_runs():
        log.info("next run", extra=fields(schedule=schedule.name, at=when.isoformat() if when else "never"))
    try:
        if not platforms:
            return await _serve_console(scheduler, store, stdin, out, policy, settings)
        return await _serve_platforms(settings, scheduler, platforms, stop, policy)
    finally:
        policy.cancel()  # fetches still running in worker threads end within a fraction of a second


def _warm(store: Store) -> None:
    # The first /who-said would otherwise pay for building the name index.
    from digests.queries import people_matching

    people_matching(store, "", limit=1)


async def _serve_console(
    scheduler: DigestScheduler, store: Store, stdin: IO[str] | None, out: IO[str] | None,
    policy: FetchPolicy, settings: Settings,
) -> int:
    from adapters.console.app import ConsolePoster, run_console

    log.info("no platform token: running the console adapter")
    scheduler.posters["console"] = ConsolePoster(out)
    await scheduler.start()
    try:
        return await run_console(store, stdin, out, fetch=policy, after_ingest=scheduler.check_watches,
                                 feeds=tuple(settings.feeds), feed_alert_after=settings.feed_alert_after,
                                 schedule_scopes=schedule_scopes(settings))
    finally:
        await scheduler.shutdown()


async def _serve_platforms(
    settings: Settings, scheduler: DigestScheduler, platforms: list[str], stop: asyncio.Event | None,
    policy: FetchPolicy,
) -> int:
    starters: dict[str, Callable[[], Awaitable[None]]] = {}
    for platform in platforms:
        try:
            starters[platform] = _starter(platform, settings, scheduler, policy)
        except ValueError as err:  # a half-configured platform: say what is missing, run the others
            log.error("%s not started: %s", platform, err, extra=fields(platform=platform))
    if not starters:
        return 1
    await scheduler.start()
    tasks: dict[asyncio.Future[Any], str] = {
        asyncio.ensure_future(start()): name for name, start in starters.items()
    }
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
    stopper = asyncio.ensure_future(stop.wait())
    failed: list[str] = []
    try:
        pending: set[asyncio.Future[Any]] = set(tasks)
        while pending:
            done, _ = await asyncio.wait(pending | {stopper}, return_when=asyncio.FIRST_COMPLETED)
            if stopper in done:
                break
            for task in done:
                pending.discard(task)
                name = tasks[task]
                problem = task.exception()
                # One platform down must not take the others with it.
                if problem is not None:
                    failed.append(name)
                    log.error("%s stopped: %s", name, _why(problem), extra=fields(platform=name))
                else:
                    log.warning("%s disconnected", name, extra=fields(platform=name))
                scheduler.posters.pop(name, None)
        if not pending and not stop.is_set():
            log.error("no platform is connected; exiting", extra=fields(failed=",".join(failed)))
            return 1
        return 0
    finally:
        stopper.cancel()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await scheduler.shutdown()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.remove_signal_handler(sig)


def _why(err: BaseException) -> str:
    text = str(err) or type(err).__name__
    return text if isinstance(err, GeoDigestError) else f"{type(err).__name__}: {text}"


def _starter(
    platform: str, settings: Settings, scheduler: DigestScheduler, policy: FetchPolicy
) -> Callable[[], Awaitable[None]]:
    """A coroutine function running one platform until cancelled; raises ValueError on bad config.
    The platform's poster joins the scheduler once it has connected."""
    run: Callable[..., Awaitable[None]]
    config: Any
    if platform == "slack":
        from adapters.slack.app import run_slack as run

        config = slack_config(settings, policy)
    else:
        from adapters.discord.client import run_discord as run

        config = discord_config(settings, policy)

    async def ready(adapter: Any) -> None:
        await scheduler.add_poster(platform, adapter.poster)

    async def start() -> None:
        await run(config, settings.db, on_ready=ready)

    return start


# --- doctor -------------------------------------------------------------------------------------


def doctor(settings: Settings, out: IO[str] | None = None) -> int:
    """Check the configuration and each platform's token; print what will run where. 0 when all is well."""
    write = (out or sys.stdout).write
    problems = 0

    def line(status: str, text: str) -> None:
        write(f"[{status:>4}] {text}\n")

    try:
        schedules = schedules_from_settings(settings)
    except ConfigError as err:
        line("FAIL", str(err))
        return 1
    line("ok", "configuration is valid")
    articles = 0
    if settings.db.exists():
        try:
            with Store.open(settings.db, readonly=True) as store:
                damage = store.integrity_problems(quick=False)
                if damage:
                    raise StoreError(f"{settings.db} is damaged ({'; '.join(damage[:2])}): restore it from a "
                                     "backup or rebuild it with `sqlite3 FILE .recover`")
                articles = store.count_articles()
                line("ok", f"store {settings.db}: schema {store.schema_version()}, {articles} articles, "
                     "integrity ok")
        except sqlite3.DatabaseError as err:
            line("FAIL", f"store: {store_error(err, settings.db, 'read the store')}")
            problems += 1
        except StoreError as err:
            line("FAIL", f"store: {err}")
            problems += 1
    else:
        line("ok", f"store {settings.db} will be created on first run")
    platforms = configured_platforms(settings)
    demo_path = demo_store_path(settings)
    if not platforms:
        demo = settings.demo == "always" or (settings.demo == "auto" and not articles)
        line("ok", "no platform token: `geodigest run` serves the console"
             + (f" on the demo corpus, kept apart in {demo_path}" if demo else ""))
    elif demo_path.exists():
        line("info", f"demo store {demo_path} is not used when a platform token is set "
             "(`geodigest demo remove` deletes it)")
    if articles:
        with Store.open(settings.db, readonly=True) as store:
            legacy = len(demo_articles_in(store))
        if legacy:
            status = "FAIL" if platforms else "info"
            line(status, f"store {settings.db} holds {legacy} demo article(s) (fictional stories"
                 + (" that schedules would post" if platforms else "") + "): `geodigest demo remove`")
            problems += bool(platforms)
    for platform in platforms:
        ok, text = (_check_slack if platform == "slack" else _check_discord)(settings)
        line("ok" if ok else "FAIL", f"{platform}: {text}")
        problems += not ok
    problems += _doctor_feeds(settings, platforms, line)
    now = datetime.now(UTC)
    if not schedules:
        line("info", "no schedules (set DIGEST_CRON + DIGEST_CHANNELS or GEODIGEST_SCHEDULES)")
    for schedule in schedules:
        nxt = schedule.next_fire_after(now)
        line("ok", f"schedule {schedule.describe()}; next {nxt.isoformat() if nxt else 'never'}")
        for target in schedule.targets:
            if target.platform != "console" and target.platform not in platforms:
                variable = "SLACK_BOT_TOKEN" if target.platform == "slack" else "DISCORD_TOKEN"
                line("FAIL", f"schedule {schedule.name} posts to {target} but {variable} is not set")
                problems += 1
    return 1 if problems else 0


def _doctor_feeds(settings: Settings, platforms: list[str], line: Callable[[str, str], None]) -> int:
    """The feeds polled with their health (as /feeds shows it) and where alerts go; problems found."""
    from digests.feeds import feed_statuses

    statuses = []
    if settings.db.exists():
        try:
            with Store.open(settings.db, readonly=True) as store:
                statuses = feed_statuses(store, settings.feeds)
        except (StoreError, sqlite3.DatabaseError):
            pass  # the store's own line says what is wrong with it
    if not statuses and not settings.feeds:
        line("info", "no feeds (set GEODIGEST_FEEDS, or /feeds add URL in chat)")
    elif not statuses:
        line("ok", f"{len(settings.feeds)} feed(s) polled every {settings.feed_interval_minutes} min")
    else:
        line("ok", f"{len(statuses)} feed(s) polled every {settings.feed_interval_minutes} min")
    for s in statuses:
        health = s.health(settings.feed_alert_after)
        status = "FAIL" if health == "failing" else "warn" if health == "erroring" else "ok"
        origin = "GEODIGEST_FEEDS" if s.origin == "env" else f"added by {s.added_by or '?'}"
        line(status, f"feed {s.number} {hide_credentials(s.url)} ({origin}): "
                     f"{s.describe(settings.feed_alert_after)}")
    problems = 0
    target = admin_target(settings)
    if target is None:
        if statuses or settings.feeds:
            line("info", "GEODIGEST_ADMIN_CHANNEL is not set: failing feeds are only logged")
    elif target.platform == "console" and platforms:
        line("FAIL", f"feed alerts go to {target}, but with a platform token no console runs: "
             "set GEODIGEST_ADMIN_CHANNEL to a slack: or discord: channel")
        problems += 1
    elif target.platform != "console" and target.platform not in platforms:
        variable = "SLACK_BOT_TOKEN" if target.platform == "slack" else "DISCORD_TOKEN"
        line("FAIL", f"feed alerts go to {target} but {variable} is not set")
        problems += 1
    else:
        line("ok", f"feed alerts go to {target} after {settings.feed_alert_after} failed polls in a row")
    return problems


def _cause(err: BaseException) -> str:
    """A network error as an operator reads it: what went wrong, not only the exception's name
    ("connection refused", not "URLError")."""
    reason: object = getattr(err, "reason", None) or err.__cause__ or err.__context__ or err
    text = str(reason) or type(err).__name__
    if text.startswith("[Errno") and "] " in text:
        text = text.split("] ", 1)[1]
    return f"{text.splitlines()[0].lower()} ({type(err).__name__})"


def _check_slack(settings: Settings) -> tuple[bool, str]:
    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError

    try:
        cfg = slack_config(settings)
    except ValueError as err:
        return False, str(err)
    client = WebClient(token=cfg.bot_token, base_url=cfg.web_api_url, timeout=10)
    try:
        auth = client.auth_test()
    except SlackApiError as err:
        return False, f"auth.test refused the bot token: {err.response.get('error', 'error')}"
    except Exception as err:  # network: name it without a traceback
        return False, f"cannot reach the Slack API at {cfg.web_api_url}: {_cause(err)}"
    where = f"port {cfg.port} at /slack/events" if cfg.mode == "http" else "Socket Mode"
    return True, f"token works (bot {auth.get('user')} in {auth.get('team')}); {where}"


def _check_discord(settings: Settings) -> tuple[bool, str]:
    import httpx

    try:
        cfg = discord_config(settings)
    except ValueError as err:
        return False, str(err)
    base = (cfg.api_base_url or "https://discord.com/api/v10").rstrip("/")
    try:
        resp = httpx.get(f"{base}/users/@me", headers={"Authorization": f"Bot {cfg.token}"}, timeout=10)
    except httpx.HTTPError as err:
        return False, f"cannot reach the Discord API at {base}: {_cause(err)}"
    if resp.status_code == 401:
        return False, "Discord refused DISCORD_TOKEN (401): copy the bot token from the developer portal"
    if resp.status_code != 200:
        return False, f"Discord answered HTTP {resp.status_code} for /users/@me"
    user = resp.json().get("username", "?")
    where = f"guild {cfg.guild_id}" if cfg.guild_id else "global commands (may take an hour to appear)"
    return True, f"token works (bot {user}); {where}"
