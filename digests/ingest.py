"""Ingestion: read sources, extract facts, store them; one bad item never stops a batch."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from digests.errors import GeoDigestError
from digests.models import Article

if TYPE_CHECKING:
    from digests.store import Store


@dataclass
class IngestReport:
    """What a batch did: articles new, updated, unchanged; inputs or articles that failed."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return self.failed == 0

    @property
    def stored(self) -> int:
        """Articles read and saved (whatever their status)."""
        return self.new + self.updated + self.unchanged

    def merge(self, other: IngestReport) -> None:
        """Add another report's counts and messages to this one."""
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.failed += other.failed
        self.errors += other.errors
        self.warnings += other.warnings
        self.article_ids += other.article_ids

    def summary(self) -> str:
        """One line for the end of a batch."""
        noun = "article" if self.stored == 1 else "articles"
        line = f"{self.stored} {noun}: {self.new} new, {self.updated} updated, {self.unchanged} unchanged"
        if self.failed:
            line += f"; {self.failed} failed"
        return line


def _one_line(message: str) -> str:
    return " ".join(str(message).split())


def ingest_articles(store: Store, articles: Iterable[Article], *, err: TextIO | None = None) -> IngestReport:
    """Extract the facts of already-read articles and save each in its own transaction.

    An article whose extraction or saving fails is counted as failed (with one line on
    ``err`` when given) and the rest carry on.
    """
    from digests.extract import extract

    report = IngestReport()
    for article in articles:
        label = article.origin or article.url or article.title
        try:
            facts = extract(article.text, article.published)
        except Exception as exc:  # extraction bugs must not cost the rest of the batch
            _fail(report, f"{label}: extraction failed ({type(exc).__name__}: {exc})", err)
            continue
        try:
            article_id, status = store.save(article, facts)
        except GeoDigestError as exc:
            _fail(report, f"{label}: {exc}", err)
            continue
        setattr(report, status, getattr(report, status) + 1)
        report.article_ids.append(article_id)
    return report


def _fail(report: IngestReport, message: str, err: TextIO | None) -> None:
    line = _one_line(message)
    report.failed += 1
    report.errors.append(line)
    if err is not None:
        print(f"error: {line}", file=err, flush=True)


ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".xml", ".rss", ".atom")


def expand_inputs(inputs: list[str]) -> list[str]:
    """Inputs with each directory replaced by the article and feed files under it, sorted.

    A directory without such files stays as it is, so that it gets its own error line.
    """
    expanded: list[str] = []
    for spec in inputs:
        path = Path(spec)
        if "://" not in spec and path.is_dir():
            files = sorted(
                str(p) for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith(".")
            )
            expanded.extend(files or [spec])
        else:
            expanded.append(spec)
    return expanded


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
) -> IngestReport:
    """Read, extract and store every input (files, folders of files, URLs; feeds give many articles).

    Each bad input gets one ``error:`` line on ``err`` and the others go on; each stored
    article gets one line on ``out``, and the batch ends with a summary line. A progress
    bar (on ``err``) shows when ``progress`` is true, i.e. when stdout is a terminal.
    """
    from digests.sources import read_source

    report = IngestReport()
    inputs = expand_inputs(inputs)
    bar = None
    if progress and len(inputs) > 1:
        from tqdm import tqdm

        bar = tqdm(total=len(inputs), unit="input", file=err, leave=False, dynamic_ncols=True)

    def say(line: str, stream: TextIO) -> None:
        if bar is not None:
            bar.write(line, file=stream)
        else:
            print(line, file=stream, flush=True)

    def warn(message: str) -> None:
        line = _one_line(message)
        report.warnings.append(line)
        say(f"warning: {line}", err)

    try:
        for spec in inputs:
            try:
                articles = read_source(
                    spec, published=published, source=source, timeout=timeout, max_bytes=max_bytes, warn=warn,
                    known_text=store.text_for_url,
                )
            except GeoDigestError as exc:
                report.failed += 1
                line = _one_line(f"{spec}: {exc}")
                report.errors.append(line)
                say(f"error: {line}", err)
            else:
                if not articles:
                    warn(f"{spec}: no articles found")
                for article in articles:
                    one = ingest_articles(store, [article])
                    report.merge(one)
                    for line in one.errors:
                        say(f"error: {line}", err)
                    if one.article_ids:
                        status = "new" if one.new else "updated" if one.updated else "unchanged"
                        day = article.published.isoformat() if article.published else "no date"
                        say(f"{status:<9} #{one.article_ids[0]:<5} {day}  {article.title[:80]}", out)
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    print(report.summary(), file=out, flush=True)
    return report
