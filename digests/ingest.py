"""Ingestion: read sources, extract facts, store them; one bad item never stops a batch."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import urlsplit

from digests.derive import Derived, derive, fact_rows
from digests.errors import GeoDigestError, InputError, StoreError, StoreFull
from digests.furniture import article_lines, learned_hashes, outlet_of
from digests.ingest_report import IngestReport, language_note, undated_note
from digests.language import is_supported
from digests.models import Article, Extraction
from digests.printable import plain

if TYPE_CHECKING:
    from digests.fetch import FetchPolicy
    from digests.store import SaveStatus, Store
    from digests.store.articles import Facts, ToSave


def _one_line(message: str) -> str:
    return plain(str(message))


def shared_canonical(store: Store, article: Article) -> bool:
    """Whether ``article`` names, through a canonical link of its page, a different article already stored.

    Only a saved page's canonical link counts: a page fetched again at its own URL, a feed
    entry at its link, or a text whose front matter names its URL, with a changed text, is an update.
    """
    if not article.url or not article.origin or Path(article.origin).suffix.lower() not in HTML_SUFFIXES:
        return False
    stored = store.stored_at_url(article.url)
    return stored is not None and stored[0] != article.content_hash and stored[1] != article.origin


#: ``extractor(text, published)``, or with a third argument, the learnt furniture line hashes
#: (``digests.furniture``), when there are any
Extractor = Callable[..., Extraction]

# Below this many articles to extract, starting worker processes costs more than it saves.
MIN_PARALLEL_ARTICLES = 8
# Articles in flight per worker: enough to keep every worker busy, bounded memory.
WINDOW_PER_WORKER = 32
# Articles saved in one transaction at most (``Store.save_each``): a commit writes every page
# the transaction touched, and consecutive articles touch many of the same pages (the term
# and name indexes), so one commit for several costs far less than one each. An article's
# line is printed once its transaction has committed; a batch is saved at the latest
# BATCH_SECONDS after its first article was ready, so lines keep coming on slow inputs.
BATCH_ARTICLES = 16
BATCH_SECONDS = 0.5
# How much lower the extraction workers' scheduling priority is than the writing process's
# (``os.nice``): the writer is the one serial step, so it goes first when cores are short.
WORKER_NICENESS = 5


@contextlib.contextmanager
def _collect_young_only() -> Iterator[None]:
    """While an ingest run goes on, the cyclic collector's full collections walk only the objects
    made during it: what the process held before (a bot's or a benchmark's whole heap, often
    hundreds of thousands of objects) is frozen (``gc.freeze``) and handed back after. A full
    collection of a large heap costs tenths of a second in the one serial step."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _default_extract(text: str, published: date | None, learned: frozenset[int] = frozenset()) -> Extraction:
    from digests.extract import extract

    return extract(text, published, learned=learned)


def _extract_job(
    extractor: Extractor, text: str, published: date | None, learned: frozenset[int] = frozenset()
) -> tuple[Extraction | None, str | None]:
    """Run in a worker: the facts, or one line saying why there are none (never raises)."""
    try:
        if learned:
            return extractor(text, published, learned), None
        return extractor(text, published), None
    except Exception as exc:  # extraction bugs must not cost the rest of the batch
        return None, f"extraction failed ({type(exc).__name__}: {exc})"


def _extract_and_derive(
    extractor: Extractor, article: Article, learned: frozenset[int] = frozenset(),
    lines: Mapping[int, bool] | None = None,
) -> tuple[Facts | None, str | None, Derived | None]:
    """Run in a worker: the facts (or why there are none) and what the store derives from the
    article (lead, kind, terms, line hashes: ``lines`` when the writer hashed them already), so
    that the writing process only writes. The facts come back as the store's rows
    (:func:`digests.derive.fact_rows`), which the writer takes in far less time than it would
    decode the extraction's models."""
    facts, problem = _extract_job(extractor, article.text, article.published, learned)
    if facts is None:
        return None, problem, None
    try:
        return fact_rows(facts), problem, derive(article, learned, facts, lines)
    except Exception:  # the store derives it again, and says what went wrong
        return facts, problem, None


@dataclass
class _Read:
    """A local input as a worker read it: its articles (None: read it in the writing process, a
    feed or a failed job), the warnings reading gave, in order, or the error that stopped it; and
    each article's key, content hash and line hashes, which the writer would compute next."""

    articles: list[Article] | None
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    prepared: list[tuple[str, str, Mapping[int, bool]]] = field(default_factory=list)


def _read_job(spec: str, published: date | None, source: str | None, max_bytes: int) -> _Read:
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
        return _Read(None, notes, str(exc))
    except Exception:  # the writer reads it again and says what went wrong as it always does
        return _Read(None)
    if articles is None:
        return _Read(None)
    return _Read(articles, notes, None, [(a.key, a.content_hash, article_lines(a.text)) for a in articles])


def _worker_start() -> None:
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


def _pool(workers: int) -> ProcessPoolExecutor:
    # fork starts in milliseconds, but forking a process with other threads can copy a held
    # lock into the child; then the slower, clean forkserver start is the safe one.
    methods = multiprocessing.get_all_start_methods()
    method = "fork" if "fork" in methods and threading.active_count() == 1 else None
    if method is None and "forkserver" in methods:
        method = "forkserver"
    context = multiprocessing.get_context(method)
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_worker_start
    )


@dataclass(frozen=True, slots=True)
class _Unsaved:
    """An article of an ingest batch not saved yet, as its outlet's learnt lines count it."""

    pseudo: int  # its id among the batch's unsaved articles (negative)
    lines: Mapping[int, bool]  # its line hashes (digests.furniture.article_lines)
    stored_id: int | None  # the stored article it replaces, if any


@dataclass
class _Pending:
    """One queued event of a batch, handled in input order."""

    kind: str  # "article", "error", "warning" or "input-done"
    line: str = ""
    article: Article | None = None
    skip: bool = False  # stored unchanged when queued: no extraction asked for
    no_facts: bool = False  # a language the extractor does not read: stored without facts
    learned: frozenset[int] = frozenset()  # hashes of lines its outlet repeats: furniture
    lines: Mapping[int, bool] | None = None  # its line hashes (digests.furniture.article_lines)
    pseudo: int = 0  # its id among this batch's unsaved articles (negative), 0 when none
    future: Future[tuple[Facts | None, str | None, Derived | None]] | None = None
    derived: Derived | None = None  # lead, kind, terms, line hashes, when the worker computed them
    facts: Facts | None = None  # extracted (or the store's rows of it), waiting for the next transaction
    outcome: IngestReport | None = None  # its part of the report, once handled
    key: str = ""  # the article's key in the store (canonical URL, else content), when it is one
    content_hash: str = ""  # the article's content hash, when it is one


class _Pipeline:
    """Extract in worker processes, save in the main process in input order.

    Events are queued as inputs are read; the head is handled once its extraction is done,
    and at most ``window`` events wait, so memory stays bounded. Handled articles are saved
    together, up to ``BATCH_ARTICLES`` in one transaction (each alone inside it), and the
    lines of handled events are printed in input order once that transaction has committed:
    a line never announces what a crash could still lose. With one worker, or until
    ``MIN_PARALLEL_ARTICLES`` articles need extracting, no process is started and
    everything happens here.
    """

    def __init__(
        self, store: Store, workers: int, extractor: Extractor,
        on_saved: Callable[[Article, IngestReport], None], on_line: Callable[[_Pending], None],
    ) -> None:
        self.store, self.workers, self.extractor = store, max(1, workers), extractor
        self.on_saved, self.on_line = on_saved, on_line
        self.report = IngestReport()
        self.stopped: str | None = None  # a full disk: nothing more of this batch is stored
        self.queue: deque[_Pending] = deque()
        self.window = max(1, WINDOW_PER_WORKER * self.workers)
        self.executor: Executor | None = None
        self.broken = self.workers == 1  # in-process only
        self.to_extract = 0
        # articles of this batch not saved yet, per outlet and key (the latest version of each)
        self.unsaved: dict[str, dict[str, _Unsaved]] = {}
        # lines each outlet prints on FREQUENT + 2 stored articles or more: not looked up again
        self.frequent: dict[str, set[int]] = {}
        self.next_pseudo = -1
        # handled events waiting for the next commit, in input order, and the articles among them
        self.handled: list[_Pending] = []
        self.to_save = 0
        self.first_ready = 0.0
        self.keys: set[str] = set()  # keys and content hashes of the articles waiting to be saved

    def _learn(self, event: _Pending, stored_id: int | None) -> None:
        """What the outlet repeats, from the store (but the article's own stored copy,
        ``stored_id``) and this batch's unsaved articles, counted as they will be once saved:
        the answer does not depend on which of them are saved already (timing)."""
        article = event.article
        assert article is not None
        outlet = outlet_of(article.url, article.source)
        if outlet is None:
            return
        lines = event.lines if event.lines is not None else article_lines(article.text)
        batch = self.unsaved.setdefault(outlet, {})
        # an earlier version of this article in the batch is itself, not evidence; the stored
        # articles that unsaved versions replace will be gone once they are saved
        others = {u.pseudo: u.lines for key, u in batch.items() if key != event.key}
        exclude = {u.stored_id for u in batch.values() if u.stored_id is not None}
        if stored_id is not None:
            exclude.add(stored_id)
        if not event.no_facts:
            seen, counts, frequent = self.store.outlet_lines(
                outlet, lines, exclude, self.frequent.setdefault(outlet, set()), others
            )
            event.learned = learned_hashes(lines, seen, counts, frequent)
        event.lines = lines
        event.pseudo = self.next_pseudo
        batch[event.key] = _Unsaved(self.next_pseudo, lines, stored_id)
        self.next_pseudo -= 1

    def add(self, event: _Pending) -> None:
        """Queue one event; handle what is ready so the queue stays within the window."""
        if event.kind == "article":
            assert event.article is not None
            if not event.key:  # else given by the worker that read it
                event.key, event.content_hash = event.article.key, event.article.content_hash
            stored_id, event.skip = self.store.stored_copy(event.article, event.key, event.content_hash)
            event.no_facts = not is_supported(event.article.language)
            if not event.skip:
                self._learn(event, stored_id)  # and counted, from now on, as its outlet's
            if not event.skip and not event.no_facts:
                self.to_extract += 1
                if self.executor is not None:
                    self._submit(event)
        self.queue.append(event)
        if self.executor is None and not self.broken and self.to_extract >= MIN_PARALLEL_ARTICLES:
            self._start()
        if self.executor is None and (self.broken or len(self.queue) >= self.window):
            self._handle_queued()  # in-process: nothing gains from waiting
        while len(self.queue) >= self.window:
            self._handle(self.queue.popleft())
        while self.queue and self._ready(self.queue[0]):
            self._handle(self.queue.popleft())
        if self.handled and (
            self.to_save >= BATCH_ARTICLES or time.monotonic() - self.first_ready >= BATCH_SECONDS
        ):
            self.flush()

    def settle(self, url: str) -> None:
        """Save everything queued when an article of this batch at ``url`` is not stored yet, so
        that questions to the store about that URL get the answer a one-by-one ingest would."""
        key = Article(title="", text="", url=url).key
        if any(e.key == key for e in (*self.queue, *self.handled)):
            self.drain()

    def drain(self) -> None:
        """Handle every queued event, waiting for extractions as needed, and save what is handled."""
        self._handle_queued()
        self.flush()

    def _handle_queued(self) -> None:
        while self.queue:
            self._handle(self.queue.popleft())

    def start_early(self) -> bool:
        """Start the worker processes now (for reading ahead); False when they cannot run here."""
        if self.executor is None and not self.broken:
            self._start()
        return self.executor is not None

    def submit_read(
        self, spec: str, published: date | None, source: str | None, max_bytes: int
    ) -> Future[_Read] | None:
        """Have a worker read a local input (:func:`_read_job`); None when no worker runs."""
        if self.executor is None:
            return None
        try:
            return self.executor.submit(_read_job, spec, published, source, max_bytes)
        except Exception:  # a dead pool: carry on in-process
            self._give_up_pool()
            return None

    def close(self) -> None:
        """Stop the worker processes (queued events are dropped: call ``drain`` first)."""
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None

    def _start(self) -> None:
        try:
            self.executor = _pool(self.workers)
        except (OSError, ValueError):  # no processes here (sandbox, limits): stay in-process
            self.broken = True
            return
        for event in self.queue:
            if event.kind == "article" and not event.skip and not event.no_facts:
                self._submit(event)

    def _submit(self, event: _Pending) -> None:
        assert event.article is not None
        if self.executor is None:
            return
        try:
            event.future = self.executor.submit(
                _extract_and_derive, self.extractor, event.article, event.learned, event.lines
            )
        except Exception:  # a dead pool: carry on in-process
            self._give_up_pool()

    def _give_up_pool(self) -> None:
        self.broken = True
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None

    @staticmethod
    def _ready(event: _Pending) -> bool:
        return (
            event.kind != "article" or event.skip or event.no_facts
            or (event.future is not None and event.future.done())
        )

    def _facts(self, event: _Pending) -> tuple[Facts | None, str | None]:
        assert event.article is not None
        if event.no_facts:
            return Extraction(), None
        if event.future is not None:
            try:
                facts, problem, event.derived = event.future.result()
                return facts, problem
            except Exception:  # the worker died (killed, out of memory): redo it here
                self._give_up_pool()
        return _extract_job(self.extractor, event.article.text, event.article.published, event.learned)

    def _handle(self, event: _Pending) -> None:
        """Extract (or collect the extraction of) one event; it is saved and told at the next flush."""
        if event.kind == "article" and event.article is not None and self.stopped is None:
            self._extracted(event, event.article)
        if not self.handled:
            self.first_ready = time.monotonic()
        self.handled.append(event)
        if event.kind == "article" and event.facts is not None:
            self.to_save += 1
            if self.to_save >= BATCH_ARTICLES:
                self.flush()

    def _extracted(self, event: _Pending, article: Article) -> None:
        one = event.outcome = IngestReport()
        label = article.origin or article.url or article.title
        event.facts = Extraction()
        if event.skip and (article.key in self.keys or article.content_hash in self.keys):
            self.flush()  # an earlier article of this batch may replace the stored text: save it first
        if not event.skip or not self.store.is_stored_unchanged(article):
            # An earlier article of this batch may have replaced the stored text since.
            event.facts, problem = self._facts(event)
            if event.facts is None:
                _fail(one, f"{label}: {problem}", None)
        if event.facts is not None:
            self.keys.update((event.key, event.content_hash))

    def flush(self) -> None:
        """Save the handled articles in one transaction, then tell every handled event in order."""
        handled, self.handled, self.to_save = self.handled, [], 0
        self.keys.clear()
        saving: list[tuple[_Pending, ToSave]] = [
            (e, (e.article, e.facts, e.learned, e.derived))
            for e in handled
            if e.kind == "article" and e.article is not None and e.facts is not None and self.stopped is None
        ]
        results: list[tuple[int, SaveStatus]] | None = None
        if len(saving) == 1:
            results = None  # saved alone below, with its own error line when it fails
        elif saving:
            try:
                results = self.store.save_each(
                    [item for _e, item in saving], [(e.key, e.content_hash) for e, _item in saving]
                )
            except StoreError:
                results = None  # nothing of the batch was stored: save them one by one below
        by_event = dict(zip([id(e) for e, _item in saving], results or [], strict=False))
        for event in handled:
            if event.kind != "article":
                if event.kind == "error":
                    self.report.failed += 1
                    self.report.errors.append(event.line)
                self.on_line(event)
                continue
            self._tell(event, by_event.get(id(event)))

    def _tell(self, event: _Pending, result: tuple[int, SaveStatus] | None) -> None:
        article = event.article
        assert article is not None
        if event.outcome is None or (self.stopped is not None and result is None):
            self.report.failed += 1  # after a full disk: counted in the summary, without one more line each
            return
        one = event.outcome
        label = article.origin or article.url or article.title
        if event.facts is not None and result is None:
            try:
                result = self.store.save(article, event.facts, event.learned, event.derived)
            except StoreFull as exc:
                self.stopped = str(exc)
                _fail(one, f"{exc}; stopped: the rest of this batch is not stored", None)
            except GeoDigestError as exc:
                _fail(one, f"{label}: {exc}", None)
        if result is not None:
            article_id, status = result
            setattr(one, status, getattr(one, status) + 1)
            one.article_ids.append(article_id)
        outlet = outlet_of(article.url, article.source)
        batch = self.unsaved.get(outlet, {}) if outlet is not None else {}
        unsaved = batch.get(event.key)
        if result is not None and unsaved is not None and unsaved.pseudo == event.pseudo:
            # stored now (an article that failed stays counted for the rest of the run, as it
            # was for the articles queued while it waited: the same, however soon it failed)
            del batch[event.key]
        self.report.merge(one)
        self.on_saved(article, one)


def ingest_articles(
    store: Store, articles: Iterable[Article], *, err: TextIO | None = None, workers: int = 1,
    extractor: Extractor | None = None,
) -> IngestReport:
    """Extract the facts of already-read articles and save each in its own transaction.

    Extraction runs in ``workers`` processes when there are enough articles; saving stays
    here, in input order. An article already stored unchanged is not extracted again. An
    article whose extraction or saving fails is counted as failed (with one line on
    ``err`` when given) and the rest carry on. ``extractor`` replaces
    ``digests.extract.extract`` (a module-level function, so workers can find it).
    """

    def on_saved(_article: Article, one: IngestReport) -> None:
        if err is not None:
            for line in one.errors:
                print(f"error: {line}", file=err, flush=True)

    pipeline = _Pipeline(store, workers, extractor or _default_extract, on_saved, lambda _event: None)
    with _collect_young_only():
        try:
            for article in articles:
                pipeline.add(_Pending("article", article=article))
            pipeline.drain()
            store.settle_stories(pipeline.report.new + pipeline.report.updated)
        finally:
            pipeline.close()
    return pipeline.report


def _fail(report: IngestReport, message: str, err: TextIO | None) -> None:
    line = _one_line(message)
    report.failed += 1
    report.errors.append(line)
    if err is not None:
        print(f"error: {line}", file=err, flush=True)


HTML_SUFFIXES = (".html", ".htm", ".xhtml")
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".xml", ".rss", ".atom")


def expand_inputs(inputs: list[str], left_out: dict[str, Counter[str]] | None = None) -> list[str]:
    """Inputs with each directory replaced by the article and feed files under it, sorted.

    A directory without such files stays as it is, so that it gets its own error line. The
    other files of a directory (hidden ones aside) are counted by suffix in ``left_out``.
    """
    expanded: list[str] = []
    for spec in inputs:
        path = Path(spec)
        if "://" not in spec and path.is_dir():
            files: list[str] = []
            others: Counter[str] = Counter()
            for p in path.rglob("*"):
                if not p.is_file() or p.name.startswith("."):
                    continue
                if p.suffix.lower() in ARTICLE_SUFFIXES:
                    files.append(str(p))
                else:
                    others[p.suffix.lower() or "no suffix"] += 1
            expanded.extend(sorted(files) or [spec])
            if others and files and left_out is not None:
                left_out[spec] = others
        else:
            expanded.append(spec)
    return expanded


def left_out_note(folder: str, others: Counter[str]) -> str:
    """The warning for a folder's files that are not read: "inbox/: 3 other files left out
    (2 .json, 1 .pdf): only .txt, ... files are read"."""
    n = sum(others.values())
    kinds = ", ".join(f"{k} {suffix}" for suffix, k in others.most_common(3))
    more = ", ..." if len(others) > 3 else ""
    return (f"{folder}: {n} other file{'s' if n != 1 else ''} left out ({kinds}{more}): "
            f"only {', '.join(ARTICLE_SUFFIXES)} files are read")


def _unreadable(spec: str) -> str | None:
    """Why an input cannot be read at all, said plainly (a folder without articles, a URL
    without a host); None when it is worth trying."""
    if "://" in spec:
        parts = urlsplit(spec)
        if parts.scheme.lower() in ("http", "https") and not parts.hostname:
            return "not a complete URL (no host name), e.g. https://example.org/news/story"
        return None
    if Path(spec).is_dir():
        kinds = ", ".join(ARTICLE_SUFFIXES)
        return f"no article or feed files in this folder (looked for {kinds})"
    return None


def ingest_inputs(
    store: Store,
    inputs: list[str],
    *,
    published: date | None = None,
    source: str | None = None,
    timeout: float = 15.0,
    max_bytes: int = 5_000_000,
    progress: bool = False,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
    workers: int = 1,
    extractor: Extractor | None = None,
    policy: FetchPolicy | None = None,
) -> IngestReport:
    """Read, extract and store every input (files, folders of files, URLs; feeds give many articles).

    Each bad input gets one ``error:`` line on ``err`` and the others go on; each stored
    article gets one line on ``out``, and the batch ends with a summary line. A progress
    bar (on ``err``) shows when ``progress`` is true, i.e. when stdout is a terminal.

    Inputs are read here in order; extraction runs in ``workers`` processes (1: all here)
    and articles are saved, and their lines printed, in input order. ``policy`` governs
    fetches (which addresses, how long, how much); without one, ``timeout`` and ``max_bytes``
    apply to public addresses only.
    """
    from digests.sources import SkippedEntry, read_source

    left_out: dict[str, Counter[str]] = {}
    inputs = expand_inputs(inputs, left_out)
    bar = None
    if progress and len(inputs) > 1:
        from tqdm import tqdm

        bar = tqdm(total=len(inputs), unit="input", file=err, leave=False, dynamic_ncols=True)

    def say(line: str, stream: TextIO) -> None:
        if bar is not None:
            bar.write(line, file=stream)
        else:
            print(line, file=stream, flush=True)

    def on_line(event: _Pending) -> None:
        if event.kind == "input-done":
            if bar is not None:
                bar.update(1)
        else:
            say(f"{event.kind}: {event.line}", err)

    def on_saved(article: Article, one: IngestReport) -> None:
        for line in one.errors:
            say(f"error: {line}", err)
        if one.article_ids:
            status = "new" if one.new else "updated" if one.updated else "unchanged"
            day = article.published.isoformat() if article.published else "undated"  # as /sources
            say(f"{status:<9} #{one.article_ids[0]:<5} {day:<10}  {plain(article.title, 80)}", out)

    pipeline = _Pipeline(store, workers, extractor or _default_extract, on_saved, on_line)
    report = pipeline.report

    def warn(message: str) -> None:
        line = _one_line(message)
        if isinstance(message, SkippedEntry):  # an entry lost: a failure, not a remark
            pipeline.add(_Pending("error", line=line))
            return
        report.warnings.append(line)
        pipeline.add(_Pending("warning", line=line))

    def warn_about(spec: str) -> Callable[[str], None]:
        """``warn`` for what reading ``spec`` notes: each line names the input it is about
        ("page.html: 8 stray NUL bytes removed"), as the error lines do."""

        def note(message: str) -> None:
            named = isinstance(message, SkippedEntry) or str(message).startswith(spec)
            warn(message if named else f"{spec}: {message}")

        return note

    for folder, others in left_out.items():
        warn(left_out_note(folder, others))

    # Local files are read by the workers a window ahead (reading, language detection and the
    # article's identity and line hashes are no work for the one process that writes); feeds,
    # URLs and any read a worker could not do are read here, in input order as ever.
    local = [i for i, spec in enumerate(inputs) if "://" not in spec and Path(spec.strip()).is_file()]
    reads: dict[int, Future[_Read]] = {}
    next_read = 0  # the index in ``local`` of the next input to hand a worker

    read_bytes = policy.max_bytes if policy else max_bytes

    def read_ahead(index: int) -> _Read | None:
        nonlocal next_read
        while next_read < len(local) and local[next_read] < index + pipeline.window:
            i = local[next_read]
            next_read += 1
            future = pipeline.submit_read(inputs[i], published, source, read_bytes)
            if future is None:
                break
            reads[i] = future
        future = reads.pop(index, None)
        try:
            done = future.result() if future is not None else None
        except Exception:  # the worker died or the pool was given up: read it here
            return None
        return done if done is not None and (done.articles is not None or done.error is not None) else None

    with _collect_young_only():
        try:
            ahead = workers > 1 and len(local) >= MIN_PARALLEL_ARTICLES and pipeline.start_early()
            for index, spec in enumerate(inputs):
                if pipeline.stopped is not None:
                    break  # the disk is full: reading more would only fail again
                problem = _unreadable(spec)
                if problem:
                    pipeline.add(_Pending("error", line=_one_line(f"{spec}: {problem}")))
                    pipeline.add(_Pending("input-done"))
                    continue
                read = read_ahead(index) if ahead else None
                try:
                    if read is None:
                        articles = read_source(
                            spec, published=published, source=source, timeout=timeout, max_bytes=max_bytes,
                            warn=warn_about(spec), known_text=store.text_for_url, policy=policy,
                        )
                    else:
                        for note in read.notes:
                            warn_about(spec)(note)
                        if read.error is not None:
                            raise InputError(read.error)
                        articles = read.articles or []
                except GeoDigestError as exc:
                    pipeline.add(_Pending("error", line=_one_line(f"{spec}: {exc}")))
                else:
                    if not articles:
                        warn(f"{spec}: no articles found")
                    undated = sum(1 for a in articles if a.published is None)
                    if undated:
                        label = spec if len(articles) > 1 else articles[0].origin or spec
                        warn(undated_note(label, undated, len(articles)))
                    for n, article in enumerate(articles):
                        prepared = read.prepared[n] if read is not None else None
                        label = article.origin or article.url or article.title
                        if article.origin != article.url and len(articles) > 1:
                            label = article.url or article.title
                        if not is_supported(article.language):
                            warn(language_note(label, article.language or "?"))
                        if article.url and article.origin:
                            pipeline.settle(article.url)  # an article of this batch at its canonical URL
                        if shared_canonical(store, article):
                            warn(f"{label}: its canonical link {article.url} names a different stored "
                                 "article; stored under its own text instead")
                            article = article.model_copy(update={"url": None})
                            prepared = None  # another key
                        event = _Pending("article", article=article)
                        if prepared is not None:
                            event.key, event.content_hash, event.lines = prepared
                        pipeline.add(event)
                pipeline.add(_Pending("input-done"))
            pipeline.drain()
            store.settle_stories(pipeline.report.new + pipeline.report.updated)
        finally:
            pipeline.close()
            if bar is not None:
                bar.close()
    print(report.summary(), file=out, flush=True)
    return report


def reextract(store: Store, *, extractor: Extractor | None = None, err: TextIO | None = None,
              progress: bool = False) -> IngestReport:
    """Extract every stored article again with what the store has learnt (outlet furniture),
    and derive again all that is kept beside its facts (lead, kind, terms, line hashes).

    What is learnt depends only on the stored articles, so after this the facts, the leads and
    the stories are the same whatever order the articles were ingested in. Texts are not changed.
    A progress bar (on ``err``) shows when ``progress`` is true: a large store takes minutes.
    """
    extract_one = extractor or _default_extract
    report = IngestReport()
    bar = None
    if progress and err is not None:
        from tqdm import tqdm

        bar = tqdm(total=store.count_articles(), unit="article", file=err, leave=False, dynamic_ncols=True)
    try:
        _reextract_each(store, extract_one, report, err, bar)
    finally:
        if bar is not None:
            bar.close()
    # the stories too, regrouped in a canonical order: they no longer depend on ingest order
    store.regroup()
    return report


def _reextract_each(store: Store, extract_one: Extractor, report: IngestReport, err: TextIO | None,
                    bar: Any) -> None:
    for article_id, article in store.stored_articles():
        if bar is not None:
            bar.update(1)
        learned = store.learned_lines(article, exclude=article_id)
        facts, problem = _extract_job(extract_one, article.text, article.published, learned)
        if facts is None:
            _fail(report, f"{article.origin or article.title}: {problem}", err)
            continue
        try:
            store.replace_facts(article_id, article, facts, learned)
        except GeoDigestError as exc:
            _fail(report, f"{article.origin or article.title}: {exc}", err)
            continue
        report.updated += 1
        report.article_ids.append(article_id)
