"""The command line names commands in its own form everywhere, also in a --since/--until error:
'try /digest today' and '(or /timeline NAME)' were the chat's forms (tried on 12-07)."""

from __future__ import annotations

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
