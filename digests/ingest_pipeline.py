"""Ingest's writer side: the pipeline that queues a batch's events in input order, hands the
extractions to the workers, learns what each outlet repeats, and saves the handled articles
in transactions of several before telling each one's line."""

from __future__ import annotations

import contextlib
import gc
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TextIO

from digests.derive import Derived
from digests.errors import GeoDigestError, StoreError, StoreFull, StoreLocked
from digests.furniture import article_lines, learned_hashes, outlet_of
from digests.ingest_report import Copy, IngestReport
from digests.ingest_work import Extractor, Read, extract_and_derive, extract_job, read_job, worker_pool
from digests.language import is_supported
from digests.models import Article, Extraction
from digests.printable import plain

if TYPE_CHECKING:
    from digests.store import SaveStatus, Store
    from digests.store.articles import Facts, ToSave


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


def one_line(message: str) -> str:
    """A message as one printable line (``digests.printable.plain``)."""
    return plain(str(message))


@contextlib.contextmanager
def collect_young_only() -> Iterator[None]:
    """While an ingest run goes on, the cyclic collector's full collections walk only the objects
    made during it: what the process held before (a bot's or a benchmark's whole heap, often
    hundreds of thousands of objects) is frozen (``gc.freeze``) and handed back after. A full
    collection of a large heap costs tenths of a second in the one serial step."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@dataclass(frozen=True, slots=True)
class Unsaved:
    """An article of an ingest batch not saved yet, as its outlet's learnt lines count it."""

    pseudo: int  # its id among the batch's unsaved articles (negative)
    lines: Mapping[int, bool]  # its line hashes (digests.furniture.article_lines)
    stored_id: int | None  # the stored article it replaces, if any


@dataclass
class Pending:
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


class Pipeline:
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
        on_saved: Callable[[Article, IngestReport], None], on_line: Callable[[Pending], None],
    ) -> None:
        self.store, self.workers, self.extractor = store, max(1, workers), extractor
        self.on_saved, self.on_line = on_saved, on_line
        self.report = IngestReport()
        self.stopped: str | None = None  # a full disk: nothing more of this batch is stored
        self.queue: deque[Pending] = deque()
        self.window = max(1, WINDOW_PER_WORKER * self.workers)
        self.executor: Executor | None = None
        self.broken = self.workers == 1  # in-process only
        self.to_extract = 0
        # articles of this batch not saved yet, per outlet and key (the latest version of each)
        self.unsaved: dict[str, dict[str, Unsaved]] = {}
        # lines each outlet prints on FREQUENT + 2 stored articles or more: not looked up again
        self.frequent: dict[str, set[int]] = {}
        self.next_pseudo = -1
        # handled events waiting for the next commit, in input order, and the articles among them
        self.handled: list[Pending] = []
        self.to_save = 0
        self.first_ready = 0.0
        self.keys: set[str] = set()  # keys and content hashes of the articles waiting to be saved

    def _learn(self, event: Pending, stored_id: int | None) -> None:
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
        batch[event.key] = Unsaved(self.next_pseudo, lines, stored_id)
        self.next_pseudo -= 1

    def add(self, event: Pending) -> None:
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
    ) -> Future[Read] | None:
        """Have a worker read a local input (:func:`read_job`); None when no worker runs."""
        if self.executor is None:
            return None
        try:
            return self.executor.submit(read_job, spec, published, source, max_bytes)
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
            self.executor = worker_pool(self.workers)
        except (OSError, ValueError):  # no processes here (sandbox, limits): stay in-process
            self.broken = True
            return
        for event in self.queue:
            if event.kind == "article" and not event.skip and not event.no_facts:
                self._submit(event)

    def _submit(self, event: Pending) -> None:
        assert event.article is not None
        if self.executor is None:
            return
        try:
            event.future = self.executor.submit(
                extract_and_derive, self.extractor, event.article, event.learned, event.lines
            )
        except Exception:  # a dead pool: carry on in-process
            self._give_up_pool()

    def _give_up_pool(self) -> None:
        self.broken = True
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None

    @staticmethod
    def _ready(event: Pending) -> bool:
        return (
            event.kind != "article" or event.skip or event.no_facts
            or (event.future is not None and event.future.done())
        )

    def _facts(self, event: Pending) -> tuple[Facts | None, str | None]:
        assert event.article is not None
        if event.no_facts:
            return Extraction(), None
        if event.future is not None:
            try:
                facts, problem, event.derived = event.future.result()
                return facts, problem
            except Exception:  # the worker died (killed, out of memory): redo it here
                self._give_up_pool()
        article = event.article
        return extract_job(self.extractor, article.text, article.published, event.learned, article.title)

    def _handle(self, event: Pending) -> None:
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

    def _extracted(self, event: Pending, article: Article) -> None:
        one = event.outcome = IngestReport()
        label = article.origin or article.url or article.title
        event.facts = Extraction()
        if event.skip and (article.key in self.keys or article.content_hash in self.keys):
            self.flush()  # an earlier article of this batch may replace the stored text: save it first
        if not event.skip or not self.store.is_stored_unchanged(article):
            # An earlier article of this batch may have replaced the stored text since.
            event.facts, problem = self._facts(event)
            if event.facts is None:
                fail(one, f"{label}: {problem}", None)
        if event.facts is not None:
            self.keys.update((event.key, event.content_hash))

    def flush(self) -> None:
        """Save the handled articles in one transaction, then tell every handled event in order."""
        handled, self.handled, self.to_save = self.handled, [], 0
        self.keys.clear()
        saving: list[tuple[Pending, ToSave]] = [
            (e, (e.article, e.facts, e.learned, e.derived))
            for e in handled
            if e.kind == "article" and e.article is not None and e.facts is not None and self.stopped is None
        ]
        results: list[tuple[int, SaveStatus]] | None = None
        locked: StoreLocked | None = None
        if len(saving) == 1:
            results = None  # saved alone below, with its own error line when it fails
        elif saving:
            try:
                results = self.store.save_each(
                    [item for _e, item in saving], [(e.key, e.content_hash) for e, _item in saving]
                )
            except StoreLocked as exc:
                # nothing of the batch was stored, after waiting several busy timeouts: each of
                # its articles fails with that reason (one by one, each would wait as long again)
                locked = exc
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
            self._tell(event, by_event.get(id(event)), locked)

    def _tell(
        self, event: Pending, result: tuple[int, SaveStatus] | None, locked: StoreLocked | None = None
    ) -> None:
        article = event.article
        assert article is not None
        label = article.origin or article.url or article.title
        if event.outcome is None or (self.stopped is not None and result is None):
            # after a full disk: counted in the summary with its reason, without one more line each
            self.report.failed += 1
            self.report.errors.append(one_line(f"{label}: the disk is full (not stored)"))
            return
        one = event.outcome
        if event.facts is not None and result is None and locked is not None:
            fail(one, f"{label}: {locked}", None)
        elif event.facts is not None and result is None:
            try:
                result = self.store.save(article, event.facts, event.learned, event.derived)
            except StoreFull as exc:
                self.stopped = str(exc)
                fail(one, f"{exc}; stopped: the rest of this batch is not stored", None)
            except GeoDigestError as exc:
                fail(one, f"{label}: {exc}", None)
        if result is not None and result[1] == "copy":
            other = self.store.article(result[0])
            one.copies.append(Copy(label, result[0], other.url if other else None))
        elif result is not None:
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


def fail(report: IngestReport, message: str, err: TextIO | None) -> None:
    """Count one failure in ``report`` with its line, printed on ``err`` when given."""
    line = one_line(message)
    report.failed += 1
    report.errors.append(line)
    if err is not None:
        print(f"error: {line}", file=err, flush=True)
