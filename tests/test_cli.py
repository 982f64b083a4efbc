"""The command line: help and examples everywhere, ingest, sources, extract, clean errors."""

from __future__ import annotations

import argparse
import json
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import build_parser, main
from digests.store import Store

ROOT = Path(__file__).resolve().parents[1]


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def test_every_command_has_help_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    commands = _commands()
    assert {"ingest", "sources", "extract", "digest", "run", "doctor"} <= set(commands)
    argvs: list[list[str]] = [[]] + [[c] for c in commands]
    for argv in argvs:
        with pytest.raises(SystemExit) as exc:
            main([*argv, "--help"])
        assert exc.value.code == 0
        out = capsys.readouterr().out
        assert "examples:" in out, argv
        example_lines = [ln.strip() for ln in out.split("examples:", 1)[1].splitlines() if ln.strip()]
        assert example_lines and example_lines[0].startswith("geodigest " + (argv[0] if argv else "")), argv
        # --db is offered where a store is opened, and only there
        opens_no_store = argv and argv[0] in ("extract", "slack-manifest", "help")
        assert ("--db" in out) != bool(opens_no_store), argv
        # the description under the usage fits a terminal (the chat commands' were one long line)
        description = out.split("\n\n")[1].splitlines()
        assert max(map(len, description)) <= 80, (argv, description)


def test_help_is_a_command_too(capsys: pytest.CaptureFixture[str]) -> None:
    """`geodigest help digest` (as git reads it) was refused as an invalid choice."""
    assert main(["help"]) == 0
    assert capsys.readouterr().out.startswith("usage: geodigest [-h]")
    with pytest.raises(SystemExit) as exc:
        main(["digest", "--help"])
    direct = capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main(["help", "digest"])
    assert exc.value.code == 0 and capsys.readouterr().out == direct
    with pytest.raises(SystemExit) as exc:
        main(["help", "frobnicate"])
    assert exc.value.code == 2 and "invalid choice: 'frobnicate'" in capsys.readouterr().err


def test_ingest_sample_article_twice_keeps_one(
    tmp_path: Path, sample_article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "g.db"
    assert main(["--db", str(db), "ingest", str(sample_article)]) == 0
    assert main(["--db", str(db), "ingest", str(sample_article), "--published", "2026-01-06"]) == 0
    out = capsys.readouterr().out.splitlines()
    # the date given now was missing before: the facts are extracted again against it
    assert out[-1] == "1 article: 0 new, 1 updated, 0 unchanged"
    assert main(["--db", str(db), "ingest", str(sample_article), "--published", "2026-01-06"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 article: 0 new, 0 updated, 1 unchanged"
    with Store.open(db) as store:
        assert store.count_articles() == 1
        [stored] = store.list_articles()
        assert store.article_text(stored.id) == sample_article.read_text(encoding="utf-8")


def test_ingest_bad_items_one_line_each_and_failure_status(
    tmp_path: Path, ingest_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "g.db"
    bad = [
        ingest_data / "binary.bin",
        ingest_data / "empty.txt",
        ingest_data / "malformed.rss",
        tmp_path / "nope.txt",
    ]
    status = main(
        [
            "--db",
            str(db),
            "ingest",
            str(ingest_data / "plain.txt"),
            *map(str, bad),
            str(ingest_data / "note.md"),
        ]
    )
    assert status == 1
    captured = capsys.readouterr()
    # the undated articles get a warning line each (issue 16, item 7); errors are the others
    errors = [line for line in captured.err.splitlines() if not line.startswith("warning:")]
    assert len(errors) == len(bad)
    assert [line.split(": ", 2)[1] for line in errors] == [str(p) for p in bad]
    assert captured.out.splitlines()[-1] == (
        "2 articles: 2 new, 0 updated, 0 unchanged; "
        "4 failed: 1 binary file, 1 empty file, 1 malformed feed XML, 1 no such file; 2 warnings"
    )
    with Store.open(db) as store:
        assert store.count_articles() == 2


def test_ingest_published_and_source_fill_gaps_only(
    tmp_path: Path, ingest_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "g.db"
    args = ["--published", "2026-07-01", "--source", "Desk Copy"]
    assert (
        main(
            ["--db", str(db), "ingest", str(ingest_data / "plain.txt"), str(ingest_data / "front.txt"), *args]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["--db", str(db), "sources", "--format", "json"]) == 0
    listed = {a["title"]: a for a in json.loads(capsys.readouterr().out)}
    plain = listed["Nordic ministers agree to pool Arctic patrol data"]
    front = listed["Port strike halts grain exports for a third day"]
    assert (plain["published"], plain["source"]) == ("2026-07-01", "Desk Copy")
    assert (front["published"], front["source"]) == ("2026-03-04", "The Harbour Gazette")
    assert set(front["counts"]) == {"entities", "quotes", "events", "figures", "times"}


def test_sources_text(tmp_path: Path, ingest_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "g.db"
    assert main(["--db", str(db), "sources"]) == 1  # a mistyped --db does not create an empty store
    assert f"no store at {db}" in capsys.readouterr().err and not db.exists()
    main(
        [
            "--db",
            str(db),
            "ingest",
            str(ingest_data / "front.txt"),
            str(ingest_data / "note.md"),
            "--published",
            "2026-01-01",
        ]
    )
    capsys.readouterr()
    assert main(["--db", str(db), "sources", "--limit", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("#")
    assert "2026-03-04" in lines[0] and "The Harbour Gazette" in lines[0] and "quotes" in lines[0]
    assert lines[-1] == "(1 of 2 articles; `page 2` or --limit to see more)"


def test_extract_json_is_one_object_with_offsets_into_the_file(
    ingest_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = ingest_data / "plain.txt"
    assert main(["extract", "--format", "json", "--published", "2026-09-07", str(path)]) == 0
    out = capsys.readouterr().out
    payload = json.loads(out)
    assert {"entities", "quotes", "events", "figures", "times"} <= set(payload)
    text = path.read_text(encoding="utf-8")
    for quote in payload["quotes"]:
        assert quote["text"] in text[quote["start"] : quote["end"] + 1]
    for timex in payload["times"]:
        assert text[timex["start"] : timex["end"]] == timex["text"]


def test_extract_several_files_and_bad_ones(ingest_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [ingest_data / "plain.txt", ingest_data / "binary.bin", ingest_data / "note.md"]
    assert main(["extract", *map(str, files)]) == 1
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["path"] for r in rows] == [str(files[0]), str(files[2])]
    errors = [line for line in captured.err.splitlines() if not line.startswith("geodigest: warning:")]
    assert errors == [f"geodigest: {files[1]}: binary file (control characters), not text"]
    assert main(["extract", "--format", "text", str(files[0])]) == 0
    assert capsys.readouterr().out.startswith(f"# {files[0]}")


def test_unusable_database_is_a_clean_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path), "sources"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("geodigest: ") and err.count("\n") == 1
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not sqlite " * 500)
    assert main(["--db", str(junk), "ingest", "whatever.txt"]) == 1
    assert "cannot open database" in capsys.readouterr().err


def test_console_script_end_to_end(tmp_path: Path, ingest_data: Path) -> None:
    db = tmp_path / "g.db"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "--db",
            str(db),
            "ingest",
            str(ingest_data / "page.html"),
            str(ingest_data / "fake-report.txt"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert (
        proc.stderr.strip()
        == f"error: {ingest_data / 'fake-report.txt'}: binary file (a PDF document), not text"
    )
    assert proc.stdout.splitlines()[-1] == "1 article: 1 new, 0 updated, 0 unchanged; 1 failed: 1 binary file"


def test_sigkill_during_cli_ingest_then_rerun(tmp_path: Path, ingest_data: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    base = (ingest_data / "plain.txt").read_text(encoding="utf-8")
    for i in range(40):
        (inbox / f"dispatch-{i:02d}.txt").write_text(
            f"{base}Dispatch number {i} of the series.\n", encoding="utf-8"
        )
    db = tmp_path / "g.db"
    argv = [sys.executable, "-m", "bot.cli", "--db", str(db), "ingest", str(inbox)]
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=tmp_path)
    assert child.stdout is not None
    seen = 0
    for line in child.stdout:
        seen += line.startswith("new")
        if seen == 5:
            child.send_signal(signal.SIGKILL)
            break
    child.wait(timeout=60)
    with Store.open(db) as store:
        assert 5 <= store.count_articles() < 40  # killed mid-batch
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        orphans = store.db.execute(
            "SELECT count(*) FROM quotes WHERE article_id NOT IN (SELECT id FROM articles)"
        )
        assert orphans.fetchone()[0] == 0
    rerun = subprocess.run(argv, capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    with Store.open(db) as store:
        assert store.count_articles() == 40
        assert store.db.execute("SELECT count(DISTINCT content_hash) FROM articles").fetchone()[0] == 40
        store.db.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")


# --- issue 16: the command line as a new user meets it ------------------------------------------


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    from digests.demo import demo_paths

    db = tmp_path / "demo.db"
    assert main(["ingest", *map(str, demo_paths()[:7]), "--db", str(db), "--workers", "1"]) == 0
    return db


def test_bare_geodigest_shows_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    assert "usage: geodigest" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and capsys.readouterr().out.startswith("geodigest ")


def test_chat_commands_are_subcommands_with_json(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--db", str(demo_db), "who-said", "Lee", "Min-ji", "trade", "--format", "json"]) == 0
    reply = json.loads(capsys.readouterr().out)
    assert reply["kind"] == "answer" and reply["title"].startswith("What Lee Min-ji")
    assert reply["items"] and {"text", "url", "label"} <= set(reply["items"][0])
    assert main(["timeline", "Red", "Sea", "2026-01-01", "2026-01-31", "--db", str(demo_db)]) == 0
    assert capsys.readouterr().out.startswith("Timeline: Red Sea · 1–31 Jan 2026")
    assert main(["--db", str(demo_db), "who-said", "Nobody", "Atall", "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["kind"] == "error"
    # a query that matches nothing exits 1 for /timeline as for /who-said: the same reply kind
    assert main(["--db", str(demo_db), "timeline", "Atlantis", "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["title"].startswith("No dated events for “Atlantis”")
    assert main(["--db", str(demo_db), "timeline", "Red", "Sea", "1990-01-01", "1990-01-31"]) == 1
    assert capsys.readouterr().out.startswith("No dated events for “Red Sea” (1–31 Jan 1990)")


def test_digest_periods_as_in_chat(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    # --since alone runs to the newest article; it never mentions an --until not given
    assert main(["digest", "--since", "2026-01-04", "--db", str(demo_db), "--format", "json"]) == 0
    period = json.loads(capsys.readouterr().out)["period"]
    assert (period["since"], period["until"]) == ("2026-01-04", "2026-01-06")
    assert main(["digest", "2026-01-03..2026-01-05", "trade", "--db", str(demo_db), "--format", "json"]) == 0
    digest = json.loads(capsys.readouterr().out)
    assert digest["scope"]["topics"] == ["trade"] and digest["period"]["since"] == "2026-01-03"
    with pytest.raises(SystemExit):
        main(["digest", "--since", "whenever", "--db", str(demo_db)])
    assert "not a period" in capsys.readouterr().err


def test_digest_without_a_period_is_the_newest_day_as_in_chat(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`geodigest digest` and `/digest` answer the same period: the newest article's day (the
    command line gave that day and the one before, while the README says one day)."""
    from digests.commands import CommandContext, handle
    from digests.store import Store

    capsys.readouterr()
    assert main(["digest", "--db", str(demo_db), "--format", "json"]) == 0
    cli = json.loads(capsys.readouterr().out)["period"]
    with Store.open(demo_db) as store:
        chat = handle(store, "digest", "", CommandContext(platform="console"))
    assert chat.digest is not None
    assert (cli["since"], cli["until"]) == (chat.digest.period.since.isoformat(),
                                            chat.digest.period.until.isoformat())
    assert cli["since"] == cli["until"]
    assert main(["digest", "--until", "2026-01-05", "--db", str(demo_db), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["period"] == {"since": "2026-01-05", "until": "2026-01-05"}


def test_sources_counts_read_as_english_and_limit_is_positive(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["sources", "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert " 1 events" not in out and " 1 figures" not in out and " 1 quotes" not in out
    with pytest.raises(SystemExit):
        main(["sources", "--limit", "0", "--db", str(demo_db)])
    assert "must be at least 1" in capsys.readouterr().err


def test_plain_errors_for_an_empty_folder_and_a_url_without_host(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["--db", str(tmp_path / "s.db"), "ingest", str(tmp_path / "empty"), "http://"]) == 1
    err = capsys.readouterr().err
    assert "no article or feed files in this folder" in err
    assert "not a complete URL (no host name)" in err and "UnsupportedProtocol" not in err


def test_ingest_reports_as_json(
    tmp_path: Path, ingest_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    db = tmp_path / "j.db"
    code = main(["ingest", str(ingest_data / "note.md"), str(tmp_path / "absent.txt"), "--db", str(db),
                 "--format", "json", "--published", "2026-01-01"])
    assert code == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["new"], report["failed"]) == (1, 1) and report["article_ids"] == [1]
    assert report["errors"][0].startswith(str(tmp_path / "absent.txt"))


def test_chat_commands_without_required_words_run_bare(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # as in chat, `/feeds` and `/settings` alone answer; the CLI used to demand WORDS
    db = tmp_path / "s.db"
    assert main(["--db", str(db), "feeds"]) == 0
    assert "No feeds are polled" in capsys.readouterr().out
    assert main(["--db", str(db), "settings"]) == 0
    assert "exclude" in capsys.readouterr().out
    with pytest.raises(SystemExit):  # a required word is still required
        main(["--db", str(db), "who-said"])
    assert "WORDS" in capsys.readouterr().err
    # only commands that page say `[page N]` in their usage
    for name, pages in (("feeds", False), ("timeline", True)):
        with pytest.raises(SystemExit):
            main([name, "--help"])
        assert ("[page N]" in capsys.readouterr().out) is pages


# Modules a command that only reads the store (or prints its help) never needs: the extraction
# stages and the digest builder (measured with `python -X importtime`).
_ENGINE = ("digests.extract.pipeline", "digests.extract.text", "digests.digest.build", "digests.lead")
_LOADED = (
    "import sys\nfrom bot.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
    "print(' '.join(m for m in sys.modules if m.startswith(('digests', 'bot'))))"
)


@pytest.mark.parametrize("argv", [["--help"], ["who-said", "--help"], ["who-said", "Nobody"]])
def test_start_up_loads_no_engine_it_does_not_need(tmp_path: Path, argv: list[str]) -> None:
    db = tmp_path / "g.db"
    Store.open(db).close()
    args = argv if "--help" in argv else ["--db", str(db), *argv]
    proc = subprocess.run(
        [sys.executable, "-c", _LOADED, *args], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    loaded = set(proc.stdout.split("\n")[-2].split())
    assert "bot.cli" in loaded
    assert not loaded & set(_ENGINE)


def test_an_empty_digest_outside_the_stored_days_says_what_to_try(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`geodigest digest` of a period before the oldest article or after the newest prints the
    digest (empty) and, on stderr, the day to try, as /digest does in chat."""
    capsys.readouterr()
    assert main(["digest", "1990-01-01..1990-01-07", "--db", str(demo_db)]) == 0
    err = capsys.readouterr().err
    assert "The oldest article is from 20" in err and "try geodigest digest 20" in err
    assert main(["digest", "2090-01-01", "--db", str(demo_db)]) == 0
    assert "The newest article is from 20" in capsys.readouterr().err
    assert main(["digest", "--db", str(demo_db)]) == 0
    assert capsys.readouterr().err == ""


def test_a_read_on_an_empty_store_points_at_the_demo_store_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After `make run` on a fresh clone the operator's store is empty and the demo corpus sits in
    geodigest.demo.db: the README's `geodigest who-said ...` must say where to look."""
    db = tmp_path / "geodigest.db"
    Store.open(db).close()
    main(["--db", str(db), "who-said", "Lee"])
    assert "demo" not in capsys.readouterr().err  # no demo store: nothing to point at
    Store.open(tmp_path / "geodigest.demo.db").close()
    for words in (["who-said", "Lee"], ["timeline", "Nara"], ["digest", "week"], ["sources"]):
        main(["--db", str(db), *words])
        assert f"add --db {tmp_path / 'geodigest.demo.db'}" in capsys.readouterr().err


def test_the_command_line_manages_the_consoles_channel_as_the_console_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the operator at the terminal may change the console channel's watches and settings, and
    # /feeds lists GEODIGEST_FEEDS; the command line used to answer "needs an admin" and no feeds
    db = tmp_path / "w.db"
    assert main(["--db", str(db), "watch", "add", "Takaichi"]) == 0
    assert "Watching Takaichi" in capsys.readouterr().out
    assert main(["--db", str(db), "settings", "topics", "trade"]) == 0
    capsys.readouterr()
    from adapters.console.app import Console

    with Store.open(db) as store:
        shown = Console(store).ask("watch", "list")
    assert [i.text for i in shown.items if "Takaichi" in i.text]
    monkeypatch.setenv("GEODIGEST_FEEDS", "https://news.example/world.rss")
    assert main(["--db", str(db), "feeds"]) == 0
    assert "https://news.example/world.rss (GEODIGEST_FEEDS)" in capsys.readouterr().out


def test_sources_pages_as_the_chat_does(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `geodigest sources page 2` was refused ("unrecognized arguments: page 2")
    capsys.readouterr()
    assert main(["--db", str(demo_db), "sources", "--limit", "5"]) == 0
    first = capsys.readouterr().out.splitlines()
    assert len(first) == 6 and first[-1] == "(5 of 7 articles; `page 2` or --limit to see more)"
    assert main(["--db", str(demo_db), "sources", "page", "2", "--limit", "5"]) == 0
    second = capsys.readouterr().out.splitlines()
    assert len(second) == 2 and not {ln.split()[0] for ln in first[:5]} & {ln.split()[0] for ln in second}
    assert main(["--db", str(demo_db), "sources", "page", "0"]) == 1
    assert "Pages start at 1." in capsys.readouterr().err
    assert main(["--db", str(demo_db), "sources", "page", "90"]) == 1
    assert "Page 90 is past the end" in capsys.readouterr().out


def test_the_command_line_names_commands_in_its_own_form(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found as a new user (left open 12-06): the command line's answers said what to type in chat
    ('Ask again with the full name, e.g. /who-said ...', 'Put the period first: /digest ...')."""
    capsys.readouterr()
    main(["--db", str(demo_db), "who-said", "Lee"])
    main(["--db", str(demo_db), "digest", "trade", "last", "week"])
    main(["--db", str(demo_db), "feeds"])
    main(["--db", str(demo_db), "watch", "list"])
    printed = capsys.readouterr()
    shown = printed.out + printed.err
    assert "e.g. geodigest who-said Lee " in shown
    assert "Put the period first: geodigest digest last week trade" in shown
    assert "geodigest feeds add URL" in shown and "geodigest watch add Takaichi" in shown
    assert not re.search(r"(?<![\w/.:~-])/(?:who-said|digest|feeds|watch|help)\b", shown), shown


@pytest.mark.parametrize(("text", "shown"), [
    ("Try /help for the list.", "Try geodigest help for the list."),
    ("e.g. /timeline Red Sea page 2", "e.g. geodigest timeline Red Sea page 2"),
    ("(/who-said Lee)", "(geodigest who-said Lee)"),
    ("<https://x.example/help> https://x.example/a/timeline ~/digest /who-saidx", None),
])
def test_cli_form_rewrites_commands_and_leaves_paths(text: str, shown: str | None) -> None:
    from bot.cli import cli_form

    assert cli_form(text) == (shown or text)


def test_the_command_line_names_the_channel_its_watches_and_settings_are_of(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Left open last round: `geodigest watch list` said 'Watches of this channel' (the command line
    has no channel: it lists the console's, the one `geodigest run` answers in)."""
    db = tmp_path / "w.db"
    main(["--db", str(db), "watch", "list"])
    main(["--db", str(db), "watch", "add", "Takaichi"])
    main(["--db", str(db), "watch", "list"])
    main(["--db", str(db), "watch", "remove", "7"])
    main(["--db", str(db), "settings", "topics", "trade"])
    main(["--db", str(db), "settings"])
    printed = capsys.readouterr()
    shown = printed.out + printed.err
    assert "this channel" not in shown.lower(), shown
    for said in ("The console channel watches nothing yet.",
                 "Watching Takaichi (words) in the console channel.",
                 "Watches of the console channel (1)", "No watch 7: the console channel has 1.",
                 "Changed topics for the console channel", "trade (set in the console channel)"):
        assert said in shown, said
    from adapters.console.app import Console

    with Store.open(db) as store:  # the console itself is in its channel
        assert Console(store).ask("watch", "list").title == "Watches of this channel (1)"
