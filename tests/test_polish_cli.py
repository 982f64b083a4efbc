"""The command line names commands in its own form everywhere, also in a --since/--until error:
'try /digest today' and '(or /timeline NAME)' were the chat's forms (tried on 12-07)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main


@pytest.mark.parametrize(("flag", "word", "said"), [
    ("--since", "tomorrow", "(or geodigest timeline NAME); for the days read, try geodigest digest today."),
    ("--until", "next week", "for the days read, try geodigest digest week."),
])
def test_a_period_error_of_an_option_names_commands_as_the_command_line_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: str, word: str, said: str
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--db", str(tmp_path / "x.db"), "digest", flag, word])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.rstrip().endswith(said)
    assert " /digest" not in err and "/timeline" not in err


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    from digests.demo import demo_paths

    db = tmp_path / "demo.db"
    assert main(["ingest", *map(str, demo_paths()[:7]), "--db", str(db), "--workers", "1"]) == 0
    return db


def test_words_after_an_option_go_with_the_words_before_it(demo_db: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """'geodigest timeline Red Sea --format json 2026-01-01 2026-03-31' was argparse's 'unrecognized
    arguments: 2026-01-01 2026-03-31'; the chat reads words in any order around its options."""
    capsys.readouterr()
    assert main(["--db", str(demo_db), "timeline", "Red", "Sea", "--format", "json",
                 "2026-01-01", "2026-03-31"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Timeline: Red Sea · 1 Jan – 31 Mar 2026"
    assert main(["--db", str(demo_db), "who-said", "Lee", "--format", "text", "Min-ji", "trade"]) == 0
    assert capsys.readouterr().out.startswith("What Lee Min-ji")
    # a signed period reaches the engine, which says what to type
    assert main(["--db", str(demo_db), "digest", "-3d"]) == 1
    assert "A period counts back from today without a sign: geodigest digest 3d" in capsys.readouterr().err
    # an unknown option is still refused
    with pytest.raises(SystemExit) as stop:
        main(["--db", str(demo_db), "digest", "week", "--fromat", "json"])
    assert stop.value.code == 2
    assert "unrecognized arguments: --fromat json" in capsys.readouterr().err
