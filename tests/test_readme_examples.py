"""Every example the README and /help give works: chat commands and CLI lines answer on the demo
corpus, and the configuration examples (schedules, channels, crons) are accepted."""

from __future__ import annotations

import io
import os
import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import load_settings
from digests.commands import COMMANDS, CommandContext, Reply, chat_examples, handle
from digests.demo import demo_paths, mark_demo_store
from digests.ingest import ingest_inputs
from digests.store import Store

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
ENV_PREFIXES = ("GEODIGEST_", "DIGEST_", "SLACK_", "DISCORD_")
# a chat command in backticks, without placeholders ("/timeline query [from] [to]" is a usage)
# /ingest needs a reachable site (tested in test_ingest); /watch and /settings change the channel and
# answer with a confirmation (tested as a console transcript in test_watches); /feeds is for admins
# and fetches (tested in test_feeds)
_CHANGING = ("ingest", "watch", "settings", "feeds")
_NAMES = "|".join(re.escape(n) for n in COMMANDS if n not in _CHANGING)
_INLINE = re.compile(r"`(/(?:" + _NAMES + r")(?: [^`\[\]]*)?)`")


def _blocks(kind: str) -> list[str]:
    return [line.strip() for block in re.findall(rf"```{kind}\n(.*?)```", README, re.S)
            for line in block.splitlines() if line.strip()]


def _chat_examples() -> list[str]:
    # a bare `/timeline` in a sentence names the command; only complete ones are examples
    inline = [e for e in _INLINE.findall(README)
              if " " in e or not any(p.required for p in COMMANDS[e.lstrip("/")].params)]
    found = _blocks("chat") + inline
    # the declarations' examples are /help's; /ingest's needs a reachable site (tested in test_ingest)
    found += [f"/{name} {args}".strip() for name, args in chat_examples() if name not in _CHANGING]
    return sorted(set(found))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("readme") / "demo.db"
    with Store.open(path) as store:
        ingest_inputs(store, [str(p) for p in demo_paths()], out=io.StringIO(), err=io.StringIO(), workers=1)
        mark_demo_store(store)  # as `geodigest run` does: relative periods end on its newest article
    yield path


def _says_something(reply: Reply) -> bool:
    if reply.kind == "error":
        return False
    if reply.kind == "digest":
        return not getattr(reply.digest, "empty", True)
    return bool(reply.items)


def test_the_readme_has_examples_of_every_kind() -> None:
    assert len(_blocks("chat")) >= 8 and len(_blocks("sh")) >= 4
    names = {e.split()[0] for e in _chat_examples()}
    assert names == {f"/{n}" for n in COMMANDS if n not in _CHANGING}


@pytest.mark.parametrize("example", _chat_examples())
def test_chat_example_answers_on_the_demo(demo_db: Path, example: str) -> None:
    name, _, args = example.lstrip("/").partition(" ")
    with Store.open(demo_db) as store:
        reply = handle(store, name, args, CommandContext(platform="console"))
    assert _says_something(reply), f"{example}: {reply.title} / {reply.note}"


@pytest.mark.parametrize("line", [line for line in _blocks("sh") if line.startswith("geodigest ")])
def test_cli_example_answers_on_the_demo(
    demo_db: Path, line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = shlex.split(line.split("#")[0])[1:]
    assert main([*argv, "--db", str(demo_db)]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert out.strip() and "Nothing" not in out


def _config_examples() -> list[tuple[str, str]]:
    rows = re.findall(r"^\| `([A-Z_]+)` \| [^|]*\| `((?:[^`\\]|\\.)*)` \|", README, re.M)
    return [(name, value.replace("\\|", "|")) for name, value in rows]


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith(ENV_PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def test_the_configuration_table_has_examples() -> None:
    names = {name for name, _ in _config_examples()}
    assert {"DIGEST_CRON", "DIGEST_CHANNELS", "GEODIGEST_SCHEDULES", "DIGEST_TOPICS"} <= names


@pytest.mark.parametrize(("name", "value"), _config_examples(), ids=lambda v: str(v)[:30])
def test_configuration_example_is_accepted(clean_env: None, name: str, value: str) -> None:
    examples = dict(_config_examples())
    env = {name: value}
    # the shorthand schedule needs both halves
    for pair in (("DIGEST_CRON", "DIGEST_CHANNELS"), ("DIGEST_CHANNELS", "DIGEST_CRON")):
        if name == pair[0]:
            env[pair[1]] = examples[pair[1]]
    from bot.schedules import schedules_from_settings

    settings = load_settings(**env)
    if name in ("DIGEST_CRON", "DIGEST_CHANNELS", "GEODIGEST_SCHEDULES"):
        assert schedules_from_settings(settings)
