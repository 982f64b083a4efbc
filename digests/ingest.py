"""Ingestion: read sources, extract facts, store them; one bad item never stops a batch.

The entry points: :func:`ingest_articles` (articles already read), :func:`ingest_inputs`
(files, folders, URLs and feeds, with a line per article and a progress bar) and
:func:`reextract`. Which inputs are read is ``ingest_sources``; what the worker processes run
is ``ingest_work``; the writer's pipeline, saving in input order, is ``ingest_pipeline``.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from digests.errors import GeoDigestError, InputError, StoreLocked
from digests.ingest_pipeline import (
    MIN_PARALLEL_ARTICLES,
    Pending,
    Pipeline,
    collect_young_only,
    fail,
    one_line,
)
from digests.ingest_report import IngestReport, language_note, undated_note
from digests.ingest_sources import (
    ARTICLE_SUFFIXES,
    HTML_SUFFIXES,
    expand_inputs,
    left_out_note,
    shared_canonical,
    unreadable,
)
from digests.ingest_work import Extractor, Read, default_extract, extract_job
from digests.language import is_supported
from digests.models import Article
from digests.printable import plain

if TYPE_CHECKING:
    from digests.fetch import FetchPolicy
    from digests.store import Store

__all__ = [
    "ARTICLE_SUFFIXES", "HTML_SUFFIXES", "MIN_PARALLEL_ARTICLES", "Extractor", "expand_inputs",
    "ingest_articles", "ingest_inputs", "left_out_note", "reextract", "shared_canonical",
]


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

    pipeline = Pipeline(store, workers, extractor or default_extract, on_saved, lambda _event: None)
    with collect_young_only():
        try:
            for article in articles:
                pipeline.add(Pending("article", article=article))
            pipeline.drain()
            settle(store, pipeline.report)
        finally:
            pipeline.close()
    return pipeline.report


def settle(store: Store, report: IngestReport, warn: Callable[[str], None] | None = None) -> None:
    """Regroup the stories a run's articles joined (``Store.settle_stories``). Its articles are
    saved already: a store another writer keeps locked leaves them grouped as they were saved,
    said in a warning (``geodigest reextract`` regroups every story), not lost."""
    try:
        store.settle_stories(report.new + report.updated)
    except StoreLocked as exc:
        line = one_line(f"stories not regrouped after this run ({exc}); `geodigest reextract` regroups them")
        report.warnings.append(line)
        if warn is not None:
            warn(line)


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

    def on_line(event: Pending) -> None:
        if event.kind == "input-done":
            if bar is not None:
                bar.update(1)
        else:
            say(f"{event.kind}: {event.line}", err)

    def on_saved(article: Article, one: IngestReport) -> None:
        for line in one.errors:
            say(f"error: {line}", err)
        day = article.published.isoformat() if article.published else "undated"  # as /sources
        if one.article_ids:
            status = "new" if one.new else "updated" if one.updated else "unchanged"
            say(f"{status:<9} #{one.article_ids[0]:<5} {day:<10}  {plain(article.title, 80)}", out)
        for copy in one.copies:  # the article number is the stored one's
            where = f" at {plain(copy.url, 100)}" if copy.url else ""
            say(f"{'copy of':<9} #{copy.article_id:<5} {day:<10}  {plain(article.title, 80)}: the same text "
                f"as #{copy.article_id}{where}; stored nothing", out)

    pipeline = Pipeline(store, workers, extractor or default_extract, on_saved, on_line)
    report = pipeline.report

    def warn(message: str) -> None:
        line = one_line(message)
        if isinstance(message, SkippedEntry):  # an entry lost: a failure, not a remark
            pipeline.add(Pending("error", line=line))
            return
        report.warnings.append(line)
        pipeline.add(Pending("warning", line=line))

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
    reads: dict[int, Future[Read]] = {}
    next_read = 0  # the index in ``local`` of the next input to hand a worker

    read_bytes = policy.max_bytes if policy else max_bytes

    def read_ahead(index: int) -> Read | None:
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

    with collect_young_only():
        try:
            ahead = workers > 1 and len(local) >= MIN_PARALLEL_ARTICLES and pipeline.start_early()
            for index, spec in enumerate(inputs):
                if pipeline.stopped is not None:
                    break  # the disk is full: reading more would only fail again
                problem = unreadable(spec)
                if problem:
                    pipeline.add(Pending("error", line=one_line(f"{spec}: {problem}")))
                    pipeline.add(Pending("input-done"))
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
                    pipeline.add(Pending("error", line=one_line(f"{spec}: {exc}")))
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
                        event = Pending("article", article=article)
                        if prepared is not None:
                            event.key, event.content_hash, event.lines = prepared
                        pipeline.add(event)
                pipeline.add(Pending("input-done"))
            pipeline.drain()
            settle(store, pipeline.report, lambda line: say(f"warning: {line}", err))
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
    extract_one = extractor or default_extract
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
        facts, problem = extract_job(extract_one, article.text, article.published, learned, article.title)
        if facts is None:
            fail(report, f"{article.origin or article.title}: {problem}", err)
            continue
        try:
            store.replace_facts(article_id, article, facts, learned)
        except GeoDigestError as exc:
            fail(report, f"{article.origin or article.title}: {exc}", err)
            continue
        report.updated += 1
        report.article_ids.append(article_id)
