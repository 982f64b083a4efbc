"""Watches and channel settings: matching by identity and whole words, grouping by story, rate limits,
exactly-once alerts across a restart, settings layered over the environment, and who may change them.

Real SQLite and the real engine throughout; the articles are ours (tests/data/watches), saved with
their facts so that each test knows exactly which facts a watch sees.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from adapters.console.app import ConsolePoster
from adapters.delivery import Part
from bot.scheduler import DigestScheduler
from bot.schedules import Schedule, Target
from digests.commands import CommandContext, Reply, handle
from digests.digest import Digest, Scope
from digests.settings import ChannelSettings, layered_scope, load_settings
from digests.store import ALERT_SCHEDULE, Store
from digests.watches import mentions, parse_watch, scan_all
from tests.fakes import save_article

DATA = json.loads((Path(__file__).parent / "data" / "watches" / "articles.json").read_text(encoding="utf-8"))
AFTER = {a["key"]: a for a in DATA["after"]}
CHANNEL = "console:newsroom"


def save(store: Store, spec: dict[str, Any]) -> int:
    """Store one article of the data file with exactly the facts it lists."""
    return save_article(store, spec)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "w.db") as s:
        for spec in DATA["before"]:
            save(s, spec)
        yield s


def ctx(*, manage: bool = True, channel: str = "newsroom", user: str = "U0EDITOR") -> CommandContext:
    return CommandContext(platform="console", user_id=user, channel_id=channel, can_manage=manage)


def ask(store: Store, line: str, **kw: Any) -> Reply:
    name, _, args = line.lstrip("/").partition(" ")
    return handle(store, name, args, ctx(**kw))


def hits(store: Store) -> list[tuple[str, str]]:
    """(watch label, article key) of every hit, in order."""
    keys = {spec["url"]: spec["key"] for spec in [*DATA["before"], *DATA["after"]]}
    rows = store.db.execute(
        "SELECT w.label, a.url FROM watch_hits h JOIN watches w ON w.id = h.watch_id "
        "JOIN articles a ON a.id = h.article_id ORDER BY h.id"
    ).fetchall()
    return [(label, keys.get(url, url)) for label, url in rows]


# --- matching ------------------------------------------------------------------------------------


def test_words_match_whole_words_only() -> None:
    assert mentions("assad", "Talks on whether Assad's government stays.")
    assert mentions("assad", "President Bashar al-Assad spoke.")
    assert not mentions("assad", "The ambassador spoke.")
    assert not mentions("assad", "Ambassadors and the Assadists")
    assert mentions("red sea", "ships in the southern Red  Sea on Friday")
    assert not mentions("red sea", "a redsea route")
    assert not mentions("sea", "the season")


def test_a_shared_surname_asks_which_person(store: Store) -> None:
    reply = ask(store, "/watch add Quint")
    assert reply.kind == "choices"
    assert [i.label for i in reply.items] == ["Jonas Quint", "Mara Quint"]
    assert "economist" in reply.items[0].text and "1 quotation" in reply.items[0].text
    assert store.watches_of(CHANNEL) == []
    assert parse_watch(store, "Mara Quint").kind == "person"
    assert parse_watch(store, "Ms Quint").key == "Mara Quint"  # an alias the store knows


def test_a_bare_surname_is_the_person_only_when_no_one_else_has_it(store: Store) -> None:
    def person(name: str, url: str, quote: str) -> dict[str, Any]:
        text = f"{name} spoke in Port Vell.\n\n\"{quote},\" {name} said."
        return {"title": f"{name} speaks", "url": url, "source": "North Wire", "published": "2026-03-03",
                "text": text, "entities": [], "events": [],
                "quotes": [{"speaker": name, "text": quote, "kind": "direct"}]}

    save(store, person("Anton Varga", "https://wire.example/v1", "We stay"))
    save(store, person("Varga", "https://wire.example/v2", "We stay the course"))
    spec = parse_watch(store, "Varga")  # the longer name, not the bare speaker row
    assert (spec.kind, spec.key) == ("person", "Anton Varga")
    ask(store, "/watch add Varga")
    save(store, person("Varga", "https://wire.example/v3", "No retreat"))
    scan_all(store)
    assert [label for label, _ in hits(store)] == ["Anton Varga"]  # "Varga" alone is him: no other Varga
    save(store, person("Ilona Varga", "https://wire.example/v4", "A new voice"))
    save(store, person("Varga", "https://wire.example/v5", "Who is this"))
    scan_all(store)
    assert len(hits(store)) == 1  # now two Vargas: a bare "Varga" could be either, so no alert
    assert ask(store, "/watch add Varga", channel="other").kind == "choices"


def test_a_bare_surname_the_stores_titles_resolve_is_watched_as_that_person(store: Store) -> None:
    def said(name: str, alias: str, n: int, quote: str) -> dict[str, Any]:
        text = f"{alias} spoke in Port Vell.\n\n\"{quote},\" {alias} said."
        return {"title": f"{name} speaks", "url": f"https://wire.example/k{n}", "source": "North Wire",
                "published": "2026-03-03", "text": text, "events": [],
                "entities": [{"name": name, "type": "person", "aliases": [alias]}],
                "quotes": [{"speaker": name, "text": quote, "kind": "direct"}]}

    for n in range(3):
        save(store, said("Anton Kovar", "Chancellor Anton Kovar", n, f"We hold the line {n}"))
        save(store, said("Kovar", "Chancellor Kovar", 10 + n, f"The budget will pass {n}"))
    save(store, said("Ilona Kovar", "Mrs Ilona Kovar", 20, "Our school opens today"))
    # "Kovar" is written with the chancellor's title only: him, as /who-said says, not a question
    assert (parse_watch(store, "Kovar").kind, parse_watch(store, "Kovar").key) == ("person", "Anton Kovar")
    ask(store, "/watch add Kovar")
    save(store, said("Kovar", "Chancellor Kovar", 30, "Taxes stay where they are"))
    save(store, said("Ilona Kovar", "Mrs Ilona Kovar", 31, "The library needs books"))
    scan_all(store)
    assert [label for label, _ in hits(store)] == ["Anton Kovar"]  # his bare surname, not her


def test_what_a_query_watches(store: Store) -> None:
    kinds = {q: (s.kind, s.key) for q in ("Mara Quint", "Minister Mara Quint", "trade", "Japan", '"Red Sea"',
                                            "Port Authority of Vell", "Assad")
             for s in [parse_watch(store, q)]}
    assert kinds == {
        "Mara Quint": ("person", "Mara Quint"),
        "Minister Mara Quint": ("person", "Mara Quint"),
        "trade": ("topic", "trade"),
        "Japan": ("country", "JP"),
        '"Red Sea"': ("phrase", "red sea"),
        "Port Authority of Vell": ("entity", "port authority of vell"),
        "Assad": ("phrase", "assad"),  # a name the store does not know yet is watched as words
    }


def test_new_articles_match_by_identity_and_whole_words(store: Store) -> None:
    for line in ("/watch add Mara Quint", "/watch add Japan", "/watch add assad", "/watch add trade",
                 "/watch add Port Authority of Vell"):
        assert ask(store, line).kind == "answer", line
    for key in ("n1", "n2", "n3", "n4", "n5", "n6"):
        save(store, AFTER[key])
    assert scan_all(store) == 7
    assert sorted(hits(store)) == sorted([
        ("Mara Quint", "n1"), ("Mara Quint", "n2"), ("Mara Quint", "n6"),  # never n3: Jonas Quint, "Quint"
        ("Japan", "n4"), ("Japan", "n6"),  # "Japanese officials"; Tokyo
        ("assad", "n5"),  # never n4's "ambassador"
        ("Trade", "n6"),  # "trade talks on tariffs"
    ])  # no dated event names the Port Authority of Vell in the new articles
    facts = json.loads(store.db.execute(
        "SELECT fact FROM watch_hits h JOIN articles a ON a.id = h.article_id WHERE a.url = ?",
        [AFTER["n6"]["url"]]).fetchall()[0][0])
    # a person's watch: the quotation in their words first, then the dated event naming them
    assert [(f["kind"], f.get("status")) for f in facts] == [("quote", None), ("event", "planned")]
    assert scan_all(store) == 0  # each article is scanned once


def test_a_watch_applies_to_articles_stored_after_it(store: Store) -> None:
    save(store, AFTER["n1"])
    ask(store, "/watch add Mara Quint")
    save(store, AFTER["n6"])
    scan_all(store)
    assert hits(store) == [("Mara Quint", "n6")]


# --- alerts: grouping, rate limits, exactly once ---------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def scheduler(store: Store, clock: Clock, poster: Any, minutes: int = 60) -> DigestScheduler:
    return DigestScheduler(store, [], {"console": poster}, watch_alert_interval=timedelta(minutes=minutes),
                           clock=clock, backoff=0.0)


async def test_a_busy_hour_is_one_message_and_a_story_alerts_once(store: Store) -> None:
    ask(store, "/watch add Mara Quint")
    out = io.StringIO()
    poster, clock = ConsolePoster(out), Clock()
    bot = scheduler(store, clock, poster)
    save(store, AFTER["n1"])
    first = await bot.check_watches()
    assert [d.state for d in first] == ["sent"] and poster.count == 1
    assert "Quint says Port Vell harbour accord is close" in out.getvalue()
    # within the hour: the same story from another outlet, a namesake, then a new story
    for key in ("n2", "n3", "n6"):
        save(store, AFTER[key])
        clock.now += timedelta(minutes=10)
        assert await bot.check_watches() == []
    assert poster.count == 1
    clock.now += timedelta(minutes=31)  # an hour after the first alert
    second = await bot.check_watches()
    assert [d.state for d in second] == ["sent"] and poster.count == 2
    text = out.getvalue().split("=== watch alert")[2]
    assert "trade talks" in text and "Tokyo" in text
    assert "harbour accord" not in text  # n2 joined n1's story, which was alerted already
    assert "Jonas" not in text and "Ships follow cargo" not in text
    clock.now += timedelta(hours=2)
    assert await bot.check_watches() == [] and poster.count == 2


async def test_articles_of_one_story_make_one_item_with_every_source(store: Store) -> None:
    ask(store, "/watch add Mara Quint")
    ask(store, "/watch add Japan")
    for key in ("n1", "n2", "n4", "n6"):
        save(store, AFTER[key])
    delivered: list[Digest] = []

    class Keep:
        async def post_digest(self, channel_id: str, digest: Digest) -> list[str]:
            delivered.append(digest)
            return ["m1"]

    bot = scheduler(store, Clock(), Keep())
    assert [d.state for d in await bot.check_watches()] == ["sent"]
    (alert,) = delivered
    assert alert.kind == "alert" and alert.title == "Watch alert: Mara Quint, Japan"
    items = [(s.headline.split(":")[0], sorted(src.outlet or "" for src in s.sources)) for s in alert.stories]
    assert items == [
        ("Mara Quint (person)", ["North Wire", "The Coastal Ledger"]),  # n1 and n2: one story
        ("Mara Quint (person)", ["The Coastal Ledger"]),  # n6
        ("Japan (country)", ["The Coastal Ledger"]),  # n4
        ("Japan (country)", ["The Coastal Ledger"]),  # n6
    ]
    first = alert.stories[0]
    assert first.developments[0].text.startswith("Said: “The harbour accord needs one more week”")
    assert any(d.text.startswith("Planned · 20 Mar 2026:") for d in first.developments)


class Platform:
    """A platform that keeps what it was sent, across restarts of the bot (like Discord's nonces)."""

    def __init__(self) -> None:
        self.messages: dict[str, dict[str, Any]] = {}  # nonce -> payload
        self.crash_after_post = False

    def render(self, digest: Digest) -> list[dict[str, Any]]:
        return [{"content": digest.title, "stories": [s.headline for s in digest.stories]}]

    async def post_part(self, channel_id: str, payload: dict[str, Any], part: Part) -> str:
        self.messages.setdefault(part.nonce, payload)
        if self.crash_after_post:
            raise KeyboardInterrupt  # the process dies after the platform created the message
        return part.nonce

    async def find_part(self, channel_id: str, payload: dict[str, Any], part: Part) -> str | None:
        return part.nonce if part.nonce in self.messages else None

    async def post_digest(self, channel_id: str, digest: Digest) -> list[str]:
        raise AssertionError("a part poster is driven part by part")


async def test_an_alert_interrupted_by_a_crash_is_finished_once_after_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    platform = Platform()
    with Store.open(path) as store:
        for spec in DATA["before"]:
            save(store, spec)
        ask(store, "/watch add Mara Quint")
        save(store, AFTER["n1"])
        platform.crash_after_post = True
        with pytest.raises(KeyboardInterrupt):
            await scheduler(store, Clock(), platform).check_watches()
        assert store.ledger.pending(ALERT_SCHEDULE)
    platform.crash_after_post = False
    with Store.open(path) as store:  # the restart
        clock = Clock()
        clock.now += timedelta(minutes=1)
        bot = scheduler(store, clock, platform)
        resumed = await bot.catch_up()
        assert [d.state for d in resumed] == ["sent"]
        assert not store.ledger.pending(ALERT_SCHEDULE)
        clock.now += timedelta(hours=3)
        assert await bot.check_watches() == []  # the story was alerted: never again
        save(store, AFTER["n2"])
        assert await bot.check_watches() == []  # nor when another outlet tells it
    assert len(platform.messages) == 1
    (message,) = platform.messages.values()
    assert message["stories"] == ["Mara Quint (person): Quint says Port Vell harbour accord is close"]


async def test_hits_of_a_delivery_given_up_are_alerted_later(store: Store) -> None:
    ask(store, "/watch add Mara Quint")
    save(store, AFTER["n1"])

    class Down:
        calls = 0

        def render(self, digest: Digest) -> list[dict[str, Any]]:
            return [{"content": digest.title}]

        async def post_part(self, channel_id: str, payload: dict[str, Any], part: Part) -> str:
            Down.calls += 1
            if Down.calls <= 2:
                from digests.errors import DeliveryError

                raise DeliveryError("platform down (will retry)")
            return f"m{Down.calls}"

        async def find_part(self, channel_id: str, payload: dict[str, Any], part: Part) -> str | None:
            return None

    clock = Clock()
    bot = DigestScheduler(store, [], {"console": Down()}, attempts=2, backoff=0.0, clock=clock)
    assert [d.state for d in await bot.check_watches()] == ["failed"]
    clock.now += timedelta(hours=1)
    assert [d.state for d in await bot.check_watches()] == ["sent"]
    assert hits(store) == [("Mara Quint", "n1")]


def test_two_processes_never_claim_the_same_hits(store: Store, tmp_path: Path) -> None:
    from digests.watches import form_batch

    ask(store, "/watch add Mara Quint")
    save(store, AFTER["n1"])
    scan_all(store)
    with Store.open(tmp_path / "w.db") as other:  # a second process on the same file
        mine, theirs = form_batch(store, CHANNEL), form_batch(other, CHANNEL)
        assert mine is not None and theirs is not None and mine.hits == theirs.hits
        assert other.claim_alert_batch(CHANNEL, "t1#1", "2026-03-05T09:00:00+00:00", "{}", theirs.hits, [])
    assert not store.claim_alert_batch(CHANNEL, "t2#1", "2026-03-05T09:00:01+00:00", "{}", mine.hits, [])
    assert [key for _, key in store.ledger.pending(ALERT_SCHEDULE)] == ["t1#1"]  # no empty second alert


async def test_no_alert_without_a_connection_to_the_channel_platform(store: Store) -> None:
    slack = CommandContext(platform="slack", channel_id="C0NEWS", can_manage=True)
    handle(store, "watch", "add Mara Quint", slack)
    save(store, AFTER["n1"])
    bot = scheduler(store, Clock(), ConsolePoster(io.StringIO()))
    assert await bot.check_watches() == []
    assert store.pending_hits("slack:C0NEWS")  # kept for when Slack connects


# --- /watch list and remove, permissions ---------------------------------------------------------


def test_watch_list_and_remove(store: Store) -> None:
    assert ask(store, "/watch list").title == "This channel watches nothing yet."
    ask(store, "/watch add Mara Quint")
    ask(store, '/watch add "harbour accord"')
    again = ask(store, "/watch add Mara Quint")
    assert again.title == "This channel already watches Mara Quint (person)."
    listed = ask(store, "/watch")
    assert [i.text.split(" ·")[0] for i in listed.items] == ["Mara Quint (person)", "harbour accord (words)"]
    assert ask(store, "/watch list", channel="other").title == "This channel watches nothing yet."
    assert ask(store, "/watch remove 3").kind == "error"
    assert ask(store, "/watch remove first").kind == "error"
    assert ask(store, "/watch remove 1").title == "Stopped watching Mara Quint in this channel."
    assert [i.text.split(" ·")[0] for i in ask(store, "/watch list").items] == ["harbour accord (words)"]
    by_name = ask(store, '/watch remove "Harbour  Accord"')
    assert by_name.title == "Stopped watching harbour accord in this channel."
    assert ask(store, "/watch list").title == "This channel watches nothing yet."


def test_only_those_allowed_change_watches_and_settings(store: Store) -> None:
    for line in ("/watch add Mara Quint", "/watch remove 1", "/settings topics trade", "/settings reset"):
        reply = ask(store, line, manage=False)
        assert reply.kind == "error" and "needs" in reply.title, line
    assert ask(store, "/watch list", manage=False).kind == "answer"
    assert ask(store, "/settings", manage=False).kind == "answer"
    slack = handle(store, "watch", "add Mara Quint", CommandContext(platform="slack", channel_id="C1"))
    assert "SLACK_ADMIN_USERS" in slack.title
    discord = handle(store, "settings", "topics trade", CommandContext(platform="discord", channel_id="1"))
    assert "Manage Channels" in discord.title
    assert store.watches_of("console:newsroom") == [] and store.channel_settings("console:newsroom") is None


# --- /settings ------------------------------------------------------------------------------------


def test_settings_are_layered_over_the_schedule_and_logged(store: Store) -> None:
    env = Scope(topics=["trade"], countries=["KR"])
    assert layered_scope(env, load_settings(store, CHANNEL)) == env
    reply = ask(store, "/settings countries Japan, Brenmark")
    assert reply.kind == "error" and "Brenmark" in reply.title  # an unknown country is refused
    ask(store, "/settings countries Japan, Korea", user="U0ANNA")
    ask(store, "/settings exclude football", user="U0BEN")
    layered = layered_scope(env, load_settings(store, CHANNEL))
    # the channel's fields replace the schedule's; the rest stay as the environment set them
    assert layered.topics == ["trade"]
    assert (layered.countries, layered.exclude) == (["Japan", "Korea"], ["football"])
    ask(store, "/settings topics all")
    assert layered_scope(env, load_settings(store, CHANNEL)).topics == []  # no limit, over the env's
    ask(store, "/settings topics default")
    assert layered_scope(env, load_settings(store, CHANNEL)).topics == ["trade"]
    shown = ask(store, "/settings")
    assert [i.label for i in shown.items] == ["topics", "countries", "entities", "include", "exclude"]
    assert shown.items[0].text.startswith("no limit (no schedule posts here)")
    assert shown.items[1].text.startswith("Japan, Korea (set in this channel)")
    ask(store, "/settings reset", user="U0CAT")
    assert load_settings(store, CHANNEL) == ChannelSettings()
    log = store.settings_log(CHANNEL, limit=10)
    assert [(who, what) for who, _, what in log] == [
        ("U0CAT", "reset"), ("U0EDITOR", "topics = the schedule's"), ("U0EDITOR", "topics = all"),
        ("U0BEN", "exclude = football"), ("U0ANNA", "countries = Japan, Korea"),
    ]
    assert all(datetime.fromisoformat(at) for _, at, _ in log)
    assert ask(store, "/settings topics sport").kind == "error"  # not a topic: the known ones listed
    # a word that is no field is named as such (it read "/settings show takes nothing more")
    wrong = ask(store, "/settings country Japan")
    assert wrong.kind == "error" and wrong.title.startswith("No setting 'country'")
    assert "countries" in wrong.title
    assert "nothing more" in ask(store, "/settings show Japan").title


def test_settings_show_what_the_environment_schedules_set(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from bot.config import load_settings as load_env
    from bot.runtime import schedule_scopes

    for name in list(os.environ):
        if name.startswith(("GEODIGEST_", "DIGEST_", "SLACK_", "DISCORD_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    env = load_env(GEODIGEST_SCHEDULES="name=morning; cron=0 7 * * 1-5; channels=console:newsroom; "
                   "topics=trade; countries=KR | name=weekly; cron=0 9 * * 1; "
                   "channels=console:newsroom,console:other")
    scopes = schedule_scopes(env)
    assert [(s.schedule, s.channel) for s in scopes] == [
        ("morning", "console:newsroom"), ("weekly", "console:newsroom"), ("weekly", "console:other")]
    here = CommandContext(platform="console", channel_id="newsroom", can_manage=True, schedule_scopes=scopes)
    handle(store, "settings", "countries Japan", here)
    shown = {i.label: i.text.split(" · ")[0] for i in handle(store, "settings", "", here).items}
    assert shown["topics"] == "trade (schedule morning); no limit (schedule weekly)"
    assert shown["countries"] == "Japan (set in this channel)"
    elsewhere = CommandContext(platform="console", channel_id="other", schedule_scopes=scopes)
    assert handle(store, "settings", "", elsewhere).items[0].text.startswith("no limit (schedule weekly)")


async def test_a_scheduled_digest_uses_the_channel_settings(store: Store) -> None:
    for key in ("n1", "n4", "n6"):
        save(store, AFTER[key])
    schedule = Schedule(name="weekly", cron="0 7 * * 1", targets=(Target("console", "newsroom"),),
                        countries=("JP",))
    bot = DigestScheduler(store, [schedule], {})
    fire = datetime(2026, 3, 9, 7, 0, tzinfo=UTC)  # a Monday: the week since the previous Monday
    before = await bot._build(schedule, fire, CHANNEL)
    ask(store, "/settings exclude ambassador")
    after = await bot._build(schedule, fire, CHANNEL)
    assert after.scope.countries == ["JP"] and after.scope.exclude == ["ambassador"]
    titles = lambda d: sorted(s.headline for s in d.stories)  # noqa: E731
    # the story telling the ambassador's praise (alone or within the harbour talks' story, as the
    # grouping decides) is left out once the channel excludes the word
    praise = AFTER["n4"]["url"]
    telling = lambda d: [s for s in d.stories if any(src.url == praise for src in s.sources)]  # noqa: E731
    assert telling(before) and not telling(after)
    # (what is left may be nothing: the trade talks in Tokyo, a day after the praise, can be its story)
    assert set(titles(after)) < set(titles(before))
    other = await bot._build(schedule, fire, "console:elsewhere")
    assert titles(other) == titles(before)  # another channel keeps the schedule's scope


def test_digest_command_in_a_channel_uses_its_settings(store: Store) -> None:
    for key in ("n1", "n4", "n6"):
        save(store, AFTER[key])
    everything = ask(store, "/digest 2026-03-05..2026-03-07")
    ask(store, "/settings include tariffs")
    kept = ask(store, "/digest 2026-03-05..2026-03-07")
    assert everything.digest and kept.digest
    # one story is kept: the one telling the trade talks on tariffs (alone, or with the articles of the
    # days before that the grouping tells it with)
    tariffs = AFTER["n6"]["url"]
    assert [any(src.url == tariffs for src in s.sources) for s in kept.digest.stories] == [True]
    assert len(everything.digest.stories) > 1


# --- the README's console sequence -----------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]


def _readme_console() -> list[str]:
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```console\n(.*?)```", readme, re.S)
    return [line.strip() for line in block.splitlines() if line.strip()]


async def test_the_readme_console_sequence_shows_a_watch_firing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from bot.config import load_settings
    from bot.runtime import serve

    for name in list(os.environ):
        if name.startswith(("GEODIGEST_", "DIGEST_", "SLACK_", "DISCORD_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    lines = _readme_console()
    assert "/ingest digests/demo/later" in lines and (ROOT / "digests/demo/later").is_dir()
    # `make run` runs in the repository: the path is relative to it
    typed = [line.replace("digests/demo/later", str(ROOT / "digests/demo/later")) for line in lines]
    cfg = load_settings(GEODIGEST_DB=str(tmp_path / "bot.db"))
    out = io.StringIO()
    with Store.open(cfg.db) as store:
        assert await serve(cfg, store, stdin=io.StringIO("\n".join(typed) + "\n"), out=out) == 0
    text = out.getvalue()
    before_ingest, after_ingest = text.split("> /ingest", 1)
    assert "=== watch alert" not in before_ingest
    assert "Watching Sanae Takaichi (person) in this channel." in before_ingest
    assert "3 articles: 3 new" in after_ingest
    (alert,) = after_ingest.split("=== watch alert for console:console ===")[1:]
    alert = alert.split("\n> ")[0]
    assert alert.lstrip().startswith("# Watch alert: Sanae Takaichi, Red Sea")
    assert "## 1. Sanae Takaichi (person): " in alert and "## 2. Red Sea (words): " in alert
    takaichi = alert.split("## 2.")[0]
    assert "Said: “" in takaichi and "— Sanae Takaichi" in takaichi
    assert takaichi.count("\n- 10 Jan 2026 · ") == 2  # both outlets, one story
    assert "Suez Canal traffic edges up" in alert.split("## 2.")[1]
    assert "Changed exclude for this channel" in text


def test_watches_and_settings_show_times_as_answers_write_them(store: Store) -> None:
    """`/watch list` said "on 2026-12-06" and `/settings` "at 2026-12-06T14:59:37+00:00" beside
    answers that write "6 Dec 2026"."""
    from digests.commands import reader_day, reader_moment

    ask(store, "/watch add Mara Quint")
    (listed,) = ask(store, "/watch list").items
    (at,) = [w.created_at for w in store.watches_of(CHANNEL)]
    assert listed.text.endswith(f"added by U0EDITOR on {reader_day(at)}") and "-" not in listed.text[-12:]
    ask(store, "/settings exclude football")
    (when,) = [at for _, at, _ in store.settings_log(CHANNEL, limit=1)]
    note = ask(store, "/settings").note or ""
    stamp = datetime.fromisoformat(when).astimezone(UTC)
    assert note.endswith(f"Last change: exclude = football by U0EDITOR, {stamp:%-d %b %Y %H:%M} UTC.")
    assert reader_moment("2026-03-09T07:05:00+00:00") == "9 Mar 2026 07:05 UTC"
    assert reader_moment("2026-03-09") == "9 Mar 2026"
