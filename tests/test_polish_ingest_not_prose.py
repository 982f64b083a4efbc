"""/ingest of a system or data file (``/proc/self/status`` at the console was stored as an article):
a text with no line of prose is refused with one line, whatever its path; short news is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.console.app import console_context
from digests.commands import handle
from digests.sources import parse_text, reads_as_prose
from digests.store import Store

SAYS = "no sentences after the title line (a data, configuration, list or system file?): not an article"

# shapes of system files, written here: records whose values are no sentences, rows of numbers
STATUS = "Name:\tgeodigest\nState:\tS (sleeping)\nTgid:\t4121\nUid:\t1000\t1000\t1000\t1000\nThreads:\t3\n"
CPU = ("processor\t: 0\nmodel name\t: Example(R) CPU 9000 (rev 2)\nflags\t\t: " + " ".join(
    f"feat{n}x" for n in range(40)) + "\nbogomips\t: 4400.12\n")
STAT = "4121 (python) S 1 4121 4121 0 -1 " + " ".join(str(n * 7) for n in range(45)) + "\n"
RELEASE = 'PRETTY_NAME="Example OS 12 (tidal)"\nNAME="Example OS"\nVERSION_ID="12"\nID=example\n'


@pytest.mark.parametrize("text", [STATUS, CPU, STAT, RELEASE])
def test_data_and_system_files_are_refused(tmp_path: Path, text: str) -> None:
    assert not reads_as_prose(text)
    path = tmp_path / "status.txt"
    path.write_text(text)
    with Store.open(tmp_path / "s.db") as store:
        reply = handle(store, "ingest", str(path), console_context())
        assert reply.kind == "error" and reply.title == f"Could not ingest {path}: {SAYS}"
        assert store.count_articles() == 0


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="no /proc")
def test_proc_self_status_is_refused(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        reply = handle(store, "ingest", "/proc/self/status", console_context())
        assert reply.kind == "error" and SAYS in reply.title and store.count_articles() == 0


@pytest.mark.parametrize("text", [
    "Port reopens\nThe harbour at Vell reopened on Tuesday.\n",
    "Vote count\nMayor: We have won this city back.\n",  # a speaker's line is a record with a sentence
    "Long wire item with no closing stop\n" + " ".join(["the council met again"] * 5) + "\n",
    "港口重新开放\n维尔港周二重新开放，渔船陆续返回港口，市长表示将继续支持渔民。\n",
])
def test_short_news_still_reads_as_prose(text: str) -> None:
    assert reads_as_prose(text)
    assert parse_text(text).title == text.split("\n")[0]
