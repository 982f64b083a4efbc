"""/ingest and `geodigest ingest` of a path that is no regular file. Tried on 12-07 at the console:
a named pipe left the console waiting for a writer for ever (no answer, no later command read), and
/dev/zero was read up to the size cap before it was refused."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from adapters.console.app import console_context
from digests.commands import handle
from digests.errors import InputError
from digests.sources import read_capped
from digests.store import Store

REFUSED = "not a regular file (a pipe, device or socket): give an article, page or feed file"


def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    pipe = tmp_path / "wire.xml"
    os.mkfifo(pipe)
    got: dict[str, Any] = {}

    def ingest() -> None:
        with Store.open(tmp_path / "s.db") as store:
            got["reply"] = handle(store, "ingest", str(pipe), console_context())

    worker = threading.Thread(target=ingest, daemon=True)
    worker.start()
    worker.join(20)
    if worker.is_alive():  # the reader waits for a writer: give it one, so that the thread ends
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(5)
        pytest.fail("/ingest waited on a named pipe")
    assert got["reply"].kind == "error"
    assert got["reply"].title == f"Could not ingest {pipe}: {REFUSED}"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_before_reading() -> None:
    started = time.process_time()
    with pytest.raises(InputError, match="not a regular file"):
        read_capped(Path("/dev/zero"), 50_000_000)
    assert time.process_time() - started < 0.05  # refused before any read


def test_regular_files_and_folders_read_as_before(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_bytes(b"Title\n\nA sentence of news.\n")
    assert read_capped(page) == b"Title\n\nA sentence of news.\n"
    with pytest.raises(InputError, match="is a directory, not a file"):
        read_capped(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        read_capped(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="too large: over 10 bytes"):
        read_capped(page, 10)
