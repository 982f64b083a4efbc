"""Ingest's worker side: what the extraction processes run (read a local file, extract and
derive an article) and how the pool of them is started; never raises into the writer."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from digests.derive import Derived, derive, fact_rows
from digests.errors import GeoDigestError
from digests.furniture import article_lines
from digests.models import Article, Extraction

if TYPE_CHECKING:
    from digests.store.articles import Facts


#: ``extractor(text, published)``, or with a third argument, the learnt furniture line hashes
#: (``digests.furniture``), when there are any; :func:`default_extract` also takes the article's
#: headline (``title=``), whose subject names a pronoun an event is shown with (digests.extract.shown)
Extractor = Callable[..., Extraction]

# How much lower the extraction workers' scheduling priority is than the writing process's
# (``os.nice``): the writer is the one serial step, so it goes first when cores are short.
WORKER_NICENESS = 5


def default_extract(
    text: str, published: date | None, learned: frozenset[int] = frozenset(), title: str = ""
) -> Extraction:
    from digests.extract import extract

    return extract(text, published, learned=learned, title=title)


def extract_job(
    extractor: Extractor, text: str, published: date | None, learned: frozenset[int] = frozenset(),
    title: str = "",
) -> tuple[Extraction | None, str | None]:
    """Run in a worker: the facts, or one line saying why there are none (never raises). ``title``
    reaches :func:`default_extract` only (another extractor is called as :data:`Extractor` says)."""
    try:
        if title and extractor is default_extract:
            return default_extract(text, published, learned, title), None
        if learned:
            return extractor(text, published, learned), None
        return extractor(text, published), None
    except Exception as exc:  # extraction bugs must not cost the rest of the batch
        return None, f"extraction failed ({type(exc).__name__}: {exc})"


def extract_and_derive(
    extractor: Extractor, article: Article, learned: frozenset[int] = frozenset(),
    lines: Mapping[int, bool] | None = None,
) -> tuple[Facts | None, str | None, Derived | None]:
    """Run in a worker: the facts (or why there are none) and what the store derives from the
    article (lead, kind, terms, line hashes: ``lines`` when the writer hashed them already), so
    that the writing process only writes. The facts come back as the store's rows
    (:func:`digests.derive.fact_rows`), which the writer takes in far less time than it would
    decode the extraction's models."""
    facts, problem = extract_job(extractor, article.text, article.published, learned, article.title)
    if facts is None:
        return None, problem, None
    try:
        return fact_rows(facts), problem, derive(article, learned, facts, lines)
    except Exception:  # the store derives it again, and says what went wrong
        return facts, problem, None


@dataclass
class Read:
    """A local input as a worker read it: its articles (None: read it in the writing process, a
    feed or a failed job), the warnings reading gave, in order, or the error that stopped it; and
    each article's key, content hash and line hashes, which the writer would compute next."""

    articles: list[Article] | None
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    prepared: list[tuple[str, str, Mapping[int, bool]]] = field(default_factory=list)


def read_job(spec: str, published: date | None, source: str | None, max_bytes: int) -> Read:
    """Run in a worker: read a local file as :func:`digests.sources.read_source` would (language
    detection and all), so that the writing process only writes. A feed is left to the writer (its
    entries' pages may be fetched, or known to the store)."""
    from digests.sources import read_local

    notes: list[str] = []
    try:
        articles = read_local(
            spec.strip(), published=published, source=source, max_bytes=max_bytes, warn=notes.append,
            feeds=False,
        )
    except GeoDigestError as exc:
        return Read(None, notes, str(exc))
    except Exception:  # the writer reads it again and says what went wrong as it always does
        return Read(None)
    if articles is None:
        return Read(None)
    return Read(articles, notes, None, [(a.key, a.content_hash, article_lines(a.text)) for a in articles])


def worker_start() -> None:
    """Worker start-up: yield the CPU to the writing process, and leave when it is gone.

    The writing process saves every article the workers extract, one after another: when the
    workers and it all want a core (two workers, one writer, two cores), an equal share would
    leave it two thirds of one, and the batch would go at the writer's pace slowed by a third,
    while the workers run ahead until the window is full and then wait. At a lower priority
    (``WORKER_NICENESS``) the workers take what the writer leaves: it keeps a core whenever it
    has work, and so does the bot's process for chat commands while feeds are ingested.

    A killed parent cannot shut its pool down, and forked workers keep the job pipe open
    themselves, so without the watch they would wait for work forever.
    """
    with contextlib.suppress(OSError):  # not allowed here: run at the parent's priority
        os.nice(WORKER_NICENESS)
    parent = os.getppid()  # the ingesting process (fork) or the fork server that dies with it

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def worker_pool(workers: int) -> ProcessPoolExecutor:
    # fork starts in milliseconds, but forking a process with other threads can copy a held
    # lock into the child; then the slower, clean forkserver start is the safe one.
    methods = multiprocessing.get_all_start_methods()
    method = "fork" if "fork" in methods and threading.active_count() == 1 else None
    if method is None and "forkserver" in methods:
        method = "forkserver"
    context = multiprocessing.get_context(method)
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=worker_start
    )
