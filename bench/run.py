"""The benchmark: ``python -m bench.run --full | --quick | --tiny`` from the repository root.

Measures the real code paths on a generated corpus (see :mod:`bench.generator`):

- extraction throughput on one core (``digests.extract.extract``), median of several runs;
- ingest throughput (parse a file, extract, ``Store.save``; no fetching) on a timed slice
  at each store size;
- ``/who-said`` and ``/timeline`` latency through ``digests.commands.handle`` (what the
  adapters call), p50/p99 over many varied queries, in a fresh process per store size
  (whose peak RSS is the serving memory);
- the digest of the busiest day (``digests.digest.build_digest``);
- database size per thousand articles, and how every figure grows between store sizes.

Stores beyond the timed slices are bulk-loaded: a pool of worker processes generates and
extracts, the parent saves through the same ``Store.save``. The output says which
figures come from which path.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import multiprocessing as mp
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.generator import COUNTRIES, GENERATOR_VERSION, PEOPLE, TOPICS, Corpus

REPO = Path(__file__).resolve().parents[1]
FACT_TABLES = ("entities", "quotes", "events", "figures", "times")

# mode: extraction sample and runs, store sizes, timed ingest slice, queries per command, bulk budget (s)
MODES: dict[str, dict[str, Any]] = {
    "full": dict(
        extract_n=300,
        extract_runs=3,
        extract_budget=60.0,
        extract_sizes_mb=[0.5, 1.0, 2.0, 4.0],
        scales=[1_000, 10_000, 100_000],
        slice=300,
        slice_budget=40.0,
        queries=1_000,
        query_budget_s=60.0,
        digest_runs=3,
        bulk_budget={1_000: 20.0, 10_000: 60.0, 100_000: 240.0},
        total_budget=570.0,
    ),
    "quick": dict(
        extract_n=100,
        extract_runs=3,
        extract_budget=12.0,
        extract_sizes_mb=[0.25, 0.5],
        scales=[1_000, 4_000],
        slice=100,
        slice_budget=8.0,
        queries=300,
        query_budget_s=8.0,
        digest_runs=2,
        bulk_budget={1_000: 5.0, 4_000: 10.0},
        total_budget=55.0,
    ),
    "tiny": dict(
        extract_n=10,
        extract_runs=2,
        extract_budget=2.0,
        extract_sizes_mb=[0.05],
        scales=[60, 200],
        slice=10,
        slice_budget=2.0,
        queries=30,
        query_budget_s=3.0,
        digest_runs=1,
        bulk_budget={60: 2.0, 200: 2.0},
        total_budget=18.0,
    ),
}

# a bulk load stops at this multiple of its budget, so that a busy machine still finishes
HARD_CAP = 1.6

TARGETS = {
    "extraction_articles_per_s": (">=", 200.0),
    "ingest_articles_per_s_at_largest": (">=", 100.0),
    "who_said_p99_ms": ("<", 20.0),
    "timeline_p99_ms": ("<", 20.0),
    "digest_busy_day_s": ("<=", 1.5),
    "serve_peak_rss_mb": ("<", 500.0),
}

# Every key bench-results.json carries (the smoke test checks them).
REQUIRED_KEYS = (
    "mode",
    "when",
    "machine",
    "corpus",
    "extraction",
    "ingest",
    "bulk_load",
    "scales",
    "who_said",
    "timeline",
    "digest",
    "memory",
    "database",
    "growth",
    "targets",
    "notes",
)


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def _rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    # ru_maxrss is in KiB on Linux
    return resource.getrusage(who).ru_maxrss / 1024.0


def _own_peak_mb() -> float:
    """This process's own peak RSS (VmHWM).

    Linux carries ``ru_maxrss`` across fork and exec, so a fresh serving process started by the
    benchmark would report the benchmark's own peak; VmHWM belongs to the new process alone.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return _rss_mb()


def _pct(values: Sequence[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100.0 * (len(ordered) - 1))))
    return ordered[k]


def machine_info() -> dict[str, Any]:
    """CPU, cores, memory and software versions of this machine."""
    info: dict[str, Any] = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    import sqlite3

    info["sqlite"] = sqlite3.sqlite_version
    # other work on the machine skews every figure: record how busy it was
    info["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout.strip()
        info["commit"] = commit or None
    except (OSError, subprocess.SubprocessError):
        info["commit"] = None
    return info


def _front_matter_file(article: Any, directory: Path, i: int) -> Path:
    """Write an article as a Markdown-less text file with front matter, as a user would drop it."""
    path = directory / f"article-{i:06d}.txt"
    head = [
        "---",
        f"title: {article.title}",
        f"source: {article.source}",
        f"url: {article.url}",
        f"published: {article.published.isoformat()}",
        "---",
        "",
    ]
    path.write_text("\n".join(head) + article.text + "\n", encoding="utf-8")
    return path


def _db_bytes(path: Path) -> int:
    total = 0
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(path) + suffix)
        if p.exists():
            total += p.stat().st_size
    return total


def _fact_counts(store: Any) -> dict[str, int]:
    return dict(store.count_facts())


# --------------------------------------------------------------------------------------------
# extraction
# --------------------------------------------------------------------------------------------


def measure_extraction(corpus: Corpus, n: int, runs: int, budget_s: float = 1e9) -> dict[str, Any]:
    """Extraction on one core over ``n`` articles spread across the corpus; median of up to ``runs``.

    Runs stop early (after the first) when the next would take the total past ``budget_s``.
    """
    from digests.extract import extract

    step = max(1, len(corpus) // n)
    articles = [corpus.article(i) for i in range(0, step * n, step)][:n]
    words = sum(len(a.text.split()) for a in articles)
    chars = sum(len(a.text) for a in articles)
    times: list[float] = []
    cpu: list[float] = []
    facts = dict.fromkeys(FACT_TABLES, 0)
    failures = 0
    for run in range(runs):
        t0 = time.perf_counter()
        c0 = time.process_time()
        for a in articles:
            try:
                x = extract(a.text, a.published)
            except Exception:  # a crash on one article is a finding, not the end of the benchmark
                failures += 1
                continue
            if run == 0:
                for t in FACT_TABLES:
                    facts[t] += len(getattr(x, t))
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        if sum(times) + times[-1] > budget_s:  # the next run would overrun the budget
            break
    med = statistics.median(times)
    return {
        "engine": "pure",
        "articles": len(articles),
        "runs": len(times),
        "words": words,
        "mean_words_per_article": round(words / len(articles), 1),
        "seconds_per_run": [round(t, 3) for t in times],
        "cpu_seconds_per_run": [round(t, 3) for t in cpu],
        "articles_per_s": round(len(articles) / med, 1),
        "words_per_s": round(words / med),
        "chars_per_s": round(chars / med),
        "facts_per_article": {t: round(facts[t] / len(articles), 2) for t in FACT_TABLES},
        "failures": failures,
    }


def pure_digests(corpus: Corpus, n: int) -> list[str]:
    """The pure engine's output on the extraction articles, hashed (an untimed pass: a warm-up)."""
    from bench.compiled_speed import output_digests

    step = max(1, len(corpus) // n)
    return output_digests([corpus.article(i) for i in range(0, step * n, step)][:n])


def measure_compiled(corpus: Corpus, n: int, runs: int, python: Path, pure: list[str]) -> dict[str, Any]:
    """The engine installed for ``python`` (``make compiled``'s) on the same articles, in a fresh process.

    Its output must equal the pure engine's (``pure``, from ``pure_digests``) on every article,
    or ``OutputMismatch`` is raised: that is the check that the compiled build is right. When
    ``python``'s engine is not compiled (the build fell back to pure) nothing is timed and
    ``engine`` says so.
    """
    from bench.compiled_speed import check_same_output, run_engine

    step = max(1, len(corpus) // n)
    articles = [corpus.article(i) for i in range(0, step * n, step)][:n]
    got = run_engine(python, len(articles), runs, len(corpus), corpus.seed)
    check_same_output(pure, got.digests)
    out: dict[str, Any] = {
        "engine": got.engine,
        "python": str(python),
        "module": got.module,
        "articles": len(articles),
        "same_output_as_pure": True,
    }
    if got.engine != "compiled":
        return out
    med = statistics.median(got.wall)
    words = sum(len(a.text.split()) for a in articles)
    return {
        **out,
        "runs": len(got.wall),
        "seconds_per_run": [round(t, 3) for t in got.wall],
        "cpu_seconds_per_run": [round(t, 3) for t in got.cpu],
        "articles_per_s": round(len(articles) / med, 1),
        "words_per_s": round(words / med),
    }


def long_article(corpus: Corpus, mb: float) -> str:
    """One long article of about ``mb`` MB: the corpus's articles from the first on, joined as
    paragraphs (``measure_extraction_sizes`` times these; ``bench/long_articles.py`` profiles them)."""
    parts: list[str] = []
    total = 0
    i = 0
    while total < mb * 1_000_000:
        a = corpus.article(i % len(corpus))
        parts.append(a.text)
        total += len(a.text) + 1
        i += 1
    return "\n".join(parts)


def measure_extraction_sizes(corpus: Corpus, sizes_mb: Sequence[float]) -> list[dict[str, Any]]:
    """One long article per size (distinct corpus articles joined as paragraphs), timed once each.

    Cost must grow linearly with the text: ``s_per_mb`` should stay flat across sizes.
    """
    from digests.extract import extract

    out = []
    for mb in sizes_mb:
        text = long_article(corpus, mb)
        t0 = time.perf_counter()
        extract(text, corpus.article(0).published)
        s = time.perf_counter() - t0
        out.append(
            {"mb": round(len(text.encode("utf-8")) / 1e6, 2), "s": round(s, 2), "s_per_mb": round(s / mb, 2)}
        )
    return out


# --------------------------------------------------------------------------------------------
# ingest: the timed path and the bulk path
# --------------------------------------------------------------------------------------------


def timed_ingest(
    loader: Loader, start: int, stop: int, workdir: Path, budget_s: float = 1e9, workers: int = 2
) -> dict[str, Any]:
    """Ingest articles ``start..stop`` as a user would: files on disk read, parsed, extracted, saved.

    The first half goes one article at a time in this process, mirroring
    ``digests.ingest.ingest_articles`` step by step so each stage's share is visible (the
    1-worker figure). The rest goes through ``digests.ingest.ingest_inputs`` with ``workers``
    extraction processes, the path ``geodigest ingest`` takes: that is the headline figure.
    Each half stops early (after at least 10 articles) once its half of ``budget_s`` is spent.
    """
    from digests.extract import extract
    from digests.ingest import ingest_inputs
    from digests.sources import read_path

    store, corpus = loader.store, loader.corpus
    files = [_front_matter_file(corpus.article(i), workdir, i) for i in range(start, stop)]  # not timed
    before = store.count_articles()
    parse_s = extract_s = save_s = 0.0
    statuses: dict[str, int] = {}
    failures = 0
    n = 0
    half = max(1, (stop - start) // 2)
    for i, path in zip(range(start, start + half), files, strict=False):
        if n >= 10 and parse_s + extract_s + save_s > budget_s / 2:
            break
        n += 1
        t0 = time.perf_counter()
        try:
            art = read_path(path)
        except Exception:
            failures += 1
            continue
        t1 = time.perf_counter()
        try:
            facts = extract(art.text, art.published)
        except Exception:
            failures += 1
            continue
        t2 = time.perf_counter()
        aid, status = store.save(art, facts)
        t3 = time.perf_counter()
        loader.remember(i, aid, True)
        parse_s += t1 - t0
        extract_s += t2 - t1
        save_s += t3 - t2
        statuses[status] = statuses.get(status, 0) + 1
    total = parse_s + extract_s + save_s
    one_rate = n / total if total else 0.0
    # As many as the single-worker rate says fit in the other half of the budget, with room for
    # the speed-up; whatever is left the caller fills in bulk.
    cap = max(10, int(one_rate * workers * budget_s / 2)) if one_rate else stop - start - n
    par_files = files[n : n + cap]
    t0 = time.perf_counter()
    report = ingest_inputs(
        store, [str(p) for p in par_files], out=io.StringIO(), err=io.StringIO(), workers=workers
    )
    par_s = time.perf_counter() - t0
    failures += report.failed
    for key in ("new", "updated", "unchanged"):
        if getattr(report, key):
            statuses[key] = statuses.get(key, 0) + getattr(report, key)
    for i, path in zip(range(start + n, start + n + len(par_files)), par_files, strict=True):  # not timed
        aid = store.article_id(read_path(path))
        if aid is not None:
            loader.remember(i, aid, True)
    for path in files:
        path.unlink()
    m = len(par_files)
    return {
        "articles": n + m,
        "stopped_early": n + m < stop - start,
        "stored_before": before,
        "stored_after": store.count_articles(),
        "seconds": round(total + par_s, 3),
        "articles_per_s": round(m / par_s, 1) if par_s and m else None,
        "workers": workers,
        "articles_per_s_1_worker": round(one_rate, 1) if total else None,
        "articles_1_worker": n,
        "articles_parallel": m,
        "parse_ms_per_article": round(parse_s / n * 1000, 3),
        "extract_ms_per_article": round(extract_s / n * 1000, 3),
        "save_ms_per_article": round(save_s / n * 1000, 3),
        "statuses": statuses,
        "failures": failures,
        "path": (
            f"timed: the first {n} articles read_path(file) -> extract -> Store.save one at a time in one "
            f"process (the 1-worker figure and the per-stage ms); the next {m} through "
            f"digests.ingest.ingest_inputs(files, workers={workers}) (articles_per_s)"
        ),
    }


_WORKER_CORPUS: Corpus | None = None


def _worker_init(n: int, seed: int) -> None:
    global _WORKER_CORPUS
    _WORKER_CORPUS = Corpus(n, seed=seed)


def _worker_job(job: tuple[int, int, str]) -> list[tuple[int, Any, str, Any, Any]]:
    """Generate one chunk of articles and extract what the chunk's mode asks for.

    Modes: ``all`` extracts every article; ``story:K`` extracts the first article of one
    story in K (the parent copies its facts to the story's other articles, and gives the
    other stories the facts of an extracted story on the same topic).
    """
    from digests.derive import derive, fact_rows
    from digests.extract import extract
    from digests.models import Extraction

    start, stop, mode = job
    corpus = _WORKER_CORPUS
    assert corpus is not None
    every = int(mode.split(":")[1]) if mode.startswith("story:") else 1
    out: list[tuple[int, Any, str, Any, Any]] = []
    for i in range(start, stop):
        art = corpus.article(i)
        s, pos = corpus.story_of(i)
        facts = None
        if mode == "all" or (pos == 0 and s % every == 0):
            try:
                facts = extract(art.text, art.published)
            except Exception:  # a crash on one article must not stop the load; it is stored without facts
                facts = Extraction()
        # the content hash and what the store derives from an article (lead, kind, terms, line
        # hashes) are the costly part of an insert: computed here, in parallel, not in the writer,
        # and the facts go back as the store's rows
        rows = fact_rows(facts) if facts is not None else None
        out.append((i, art, art.content_hash, rows, derive(art, (), facts)))
    return out


def _first_mode(corpus: Corpus, n: int, one_core_rate: float, workers: int, budget_s: float) -> str:
    """The richest bulk mode expected to load ``n`` articles within ``budget_s`` seconds."""
    ext_rate = max(0.5, one_core_rate) * workers * 0.7  # the parent's writes share the cores
    if n / ext_rate <= budget_s:
        return "all"
    # generating, hashing and writing alone runs at a few hundred articles a second
    left = budget_s - n / 400.0
    stories = n / (len(corpus) / corpus.stories)
    possible = max(1.0, left * ext_rate)
    return f"story:{min(4096, max(1, math.ceil(stories / possible)))}"


def _chunks(corpus: Corpus, start: int, stop: int, size: int) -> Iterator[tuple[int, int]]:
    # chunk borders fall on story borders so that a story's first article precedes the others
    i = start
    while i < stop:
        j = min(stop, i + size)
        if j < stop:
            border = j - corpus.story_of(j)[1]
            if border > i:
                j = border
        yield i, j
        i = j


class Loader:
    """Fills a store with a corpus: the timed path (one article at a time) and the bulk path."""

    def __init__(self, store: Any, corpus: Corpus) -> None:
        self.store = store
        self.corpus = corpus
        self.ids: dict[int, int] = {}  # corpus index -> article id
        # topic key -> ids of articles with extracted facts, the sources of copied facts
        self.topic_sources: dict[str, list[int]] = {}

    def remember(self, i: int, article_id: int, extracted: bool) -> None:
        self.ids[i] = article_id
        if extracted:
            s, _ = self.corpus.story_of(i)
            self.topic_sources.setdefault(self.corpus.story(s).topic["key"], []).append(article_id)

    def bulk(
        self, start: int, stop: int, *, workers: int, budget_s: float, first_mode: str, say: Any
    ) -> dict[str, Any]:
        """Load ``start..stop`` within about ``budget_s`` seconds, extracting as much as the budget allows.

        Articles go in through the store's bulk insert (``Store.insert_article``, the insert
        ``Store.save`` runs, without its look-up of an earlier copy) in one transaction per
        chunk; copied facts are copied row for row in SQL (``Store.copy_facts``).
        """
        store = self.store
        if stop <= start:
            return {"articles": 0, "seconds": 0.0}
        can_batch = all(hasattr(store, m) for m in ("transaction", "insert_article", "copy_facts"))
        chunks = list(_chunks(self.corpus, start, stop, 100))
        t0 = time.perf_counter()
        counts = {"extracted": 0, "copied_within_story": 0, "copied_from_topic": 0, "no_facts": 0}
        modes_used: dict[str, int] = {}
        write_s = 0.0
        done = 0
        mode = first_mode
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        with ctx.Pool(
            workers, initializer=_worker_init, initargs=(len(self.corpus), self.corpus.seed)
        ) as pool:
            pending: list[Any] = []
            next_chunk = 0
            last_report = t0
            last_switch = 0.0
            cut = False
            while next_chunk < len(chunks) or pending:
                if not cut and time.perf_counter() - t0 > budget_s * HARD_CAP:
                    # the writes alone cannot keep up (a slow or busy machine): stop here, honestly smaller
                    cut = True
                    say(
                        f"  bulk load over {HARD_CAP:g}x its budget: stopping at about "
                        f"{start + done:,} articles"
                    )
                while not cut and next_chunk < len(chunks) and len(pending) < workers * 3:
                    # cheapen the mode when the remaining articles would overrun the budget
                    el = time.perf_counter() - t0
                    if done > 0 and done >= min(300, (stop - start) // 10) and el - last_switch > 5:
                        rate = done / el
                        left = stop - start - done
                        if left / rate > budget_s - el and not mode.endswith(":4096"):
                            every = int(mode.split(":")[1]) * 2 if mode.startswith("story:") else 1
                            mode = f"story:{min(every, 4096)}"
                            last_switch = el
                            say(f"  bulk load behind budget at {start + done:,}: mode '{mode}'")
                    a, b = chunks[next_chunk]
                    pending.append((pool.apply_async(_worker_job, ((a, b, mode),)), mode))
                    modes_used[mode] = modes_used.get(mode, 0) + (b - a)
                    next_chunk += 1
                if not pending:
                    break  # cut short with nothing in flight: what is stored is the load
                result, _m = pending.pop(0)
                batch = result.get()
                ts = time.perf_counter()
                if can_batch:
                    pairs: list[tuple[int, int]] = []
                    with store.transaction():
                        for i, art, chash, facts, derived in batch:
                            self._write(i, art, chash, facts, derived, pairs, counts)
                        store.copy_facts(pairs)
                else:  # pragma: no cover - a store without the internals: the public path
                    for i, art, _chash, facts, derived in batch:
                        from digests.models import Extraction

                        aid, _status = store.save(art, facts or Extraction(), derived=derived)
                        self.remember(i, aid, facts is not None)
                        counts["extracted" if facts is not None else "no_facts"] += 1
                write_s += time.perf_counter() - ts
                done += len(batch)
                if time.perf_counter() - last_report > 15:
                    last_report = time.perf_counter()
                    say(f"  bulk load: {start + done:,} stored ({done / (last_report - t0):.0f}/s)")
        el = time.perf_counter() - t0
        return {
            "from": start,
            "to": start + done,
            "planned_to": stop,
            "stopped_early": start + done < stop,
            "articles": done,
            "seconds": round(el, 2),
            "articles_per_s": round(done / el, 1) if el else None,
            "parent_write_ms_per_article": round(write_s / done * 1000, 3) if done else None,
            "workers": workers,
            "budget_s": budget_s,
            "articles_by_mode": modes_used,
            "facts": counts,
            "path": "workers generate + extract; parent inserts with Store.insert_article "
            "(Store.save's own insert) and Store.copy_facts in one transaction per chunk"
            if can_batch
            else "Store.save",
        }

    def _write(
        self, i: int, art: Any, chash: str, facts: Any, derived: Any, pairs: list[tuple[int, int]],
        counts: dict[str, int],
    ) -> None:
        store = self.store
        aid = store.insert_article(art, facts, content_hash=chash, derived=derived)
        if facts is not None:
            self.remember(i, aid, True)
            counts["extracted"] += 1
            return
        self.ids[i] = aid
        s, pos = self.corpus.story_of(i)
        src = self.ids.get(i - pos)
        kind = "copied_within_story"
        if src is None or src == aid:
            # spread copies over every extracted article of the topic, so that speakers and dates
            # keep the distribution of the extracted sample instead of piling onto a few
            sources = self.topic_sources.get(self.corpus.story(s).topic["key"])
            src = sources[(s * 7919) % len(sources)] if sources else None
            kind = "copied_from_topic"
        if src is None:
            counts["no_facts"] += 1
            return
        if kind == "copied_within_story" and any(p[0] == src for p in pairs[-20:]):
            # the story's first article was itself copied in this chunk: copy from its source
            src = next(p[1] for p in pairs[-20:] if p[0] == src)
        pairs.append((aid, src))
        counts[kind] += 1


# --------------------------------------------------------------------------------------------
# queries (run in a fresh process per store size)
# --------------------------------------------------------------------------------------------


def make_queries(n: int, seed: int, since: date, until: date) -> tuple[list[str], list[str]]:
    """``n`` varied /who-said and ``n`` /timeline argument strings, as users type them."""
    r = random.Random(seed)
    quoted = [p for p in PEOPLE if p.kind != "minister" or "ambassador" not in p.role]
    topics = [t["key"] for t in TOPICS]
    try:
        from digests.topics import TOPICS as DIGEST_TOPICS

        topics += [t.label for t in DIGEST_TOPICS.values()][:20]
    except Exception:  # the topic vocabulary may not exist yet; generator topics suffice
        pass
    countries = [c[1].removeprefix("the ") for c in COUNTRIES]
    who: list[str] = []
    for _ in range(n):
        p = r.choice(quoted)
        x = r.random()
        if x < 0.4:
            who.append(p.name)
        elif x < 0.55:
            who.append(p.surname)
        elif x < 0.65:
            hon = p.title or ("Ms" if p.gender == "f" else "Mr")
            who.append(f"{hon} {p.surname}")
        elif x < 0.82:
            who.append(f"{p.name} {r.choice(topics + countries)}")
        elif x < 0.9:
            who.append(p.name.lower())
        elif x < 0.95:
            who.append(p.name[: max(3, len(p.name) - 2)])
        else:
            who.append(r.choice(("Nobody Knownname", "Zed Unheardof", "Xq", "Lee Nonexistent")))
    tl: list[str] = []
    span = (until - since).days
    for _ in range(n):
        x = r.random()
        if x < 0.3:
            tl.append(r.choice(topics))
        elif x < 0.55:
            tl.append(r.choice(countries))
        elif x < 0.75:
            tl.append(r.choice(quoted).name)
        elif x < 0.93:
            d1 = since + timedelta(days=r.randint(0, max(0, span - 30)))
            d2 = d1 + timedelta(days=r.randint(7, 90))
            tl.append(f"{r.choice(topics + countries)} {d1.isoformat()} {d2.isoformat()}")
        else:
            tl.append(r.choice(("Atlantis", "unheard-of topic", "Zzyzx")))
    return who, tl


def _time_handler(store: Any, command: str, args_list: list[str], budget_s: float = 1e9) -> dict[str, Any]:
    """Latency of ``handle`` over ``args_list`` (stopping after ``budget_s`` seconds, with at least 100)."""
    from digests.commands import CommandContext, handle

    ctx = CommandContext(platform="console")
    kinds: dict[str, int] = {}
    crashes = 0
    crash_example = None
    t0 = time.perf_counter()
    try:
        first = handle(store, command, args_list[0], ctx)
        kinds["first:" + first.kind] = 1
    except Exception as exc:
        crash_example = f"{type(exc).__name__}: {exc}"
        crashes += 1
    cold_ms = (time.perf_counter() - t0) * 1000
    lat: list[float] = []
    slow: list[tuple[float, str, str]] = []
    items = 0
    loop_start = time.perf_counter()
    for args in args_list:
        if len(lat) >= 100 and time.perf_counter() - loop_start > budget_s:
            break
        t0 = time.perf_counter()
        try:
            reply = handle(store, command, args, ctx)
        except Exception as exc:
            lat.append((time.perf_counter() - t0) * 1000)
            crashes += 1
            crash_example = crash_example or f"{type(exc).__name__}: {exc} (args {args!r})"
            continue
        lat.append((time.perf_counter() - t0) * 1000)
        slow.append((lat[-1], args, reply.kind))
        kinds[reply.kind] = kinds.get(reply.kind, 0) + 1
        items += len(reply.items)
    return {
        "queries": len(lat),
        "queries_planned": len(args_list),
        "p50_ms": round(_pct(lat, 50), 3),
        "p90_ms": round(_pct(lat, 90), 3),
        "p99_ms": round(_pct(lat, 99), 3),
        "max_ms": round(max(lat), 3) if lat else None,
        "mean_ms": round(statistics.fmean(lat), 3) if lat else None,
        "first_call_ms": round(cold_ms, 3),
        "reply_kinds": kinds,
        "mean_items": round(items / max(1, len(args_list) - crashes), 2),
        "crashes": crashes,
        "crash_example": crash_example,
        "slowest": [
            {"ms": round(ms, 2), "args": a, "kind": k} for ms, a, k in sorted(slow, reverse=True)[:5]
        ],
    }


def serve_measure(spec: dict[str, Any]) -> dict[str, Any]:
    """Open the store read-write as the bot does, time the handlers and the busy day's digest."""
    from digests.store import Store

    out: dict[str, Any] = {}
    rss0 = _own_peak_mb()
    store = Store.open(spec["db"])
    try:
        since, until = date.fromisoformat(spec["since"]), date.fromisoformat(spec["until"])
        who, tl = make_queries(spec["queries"], spec["seed"], since, until)
        budget = float(spec.get("query_budget_s", 1e9))
        out["who_said"] = _time_handler(store, "who-said", who, budget)
        out["timeline"] = _time_handler(store, "timeline", tl, budget)
        out["digest"] = _time_digest(store, date.fromisoformat(spec["busy_day"]), spec["digest_runs"])
    finally:
        store.close()
    out["rss_mb_at_start"] = round(rss0, 1)
    out["peak_rss_mb"] = round(_own_peak_mb(), 1)
    return out


def _time_digest(store: Any, day: date, runs: int) -> dict[str, Any]:
    try:
        from digests.digest import build_digest
    except Exception as exc:
        return {"error": f"digest unavailable: {type(exc).__name__}: {exc}"}
    n_day = store.count_published_on(day)
    times: list[float] = []
    stories = None
    error = None
    for _ in range(runs):
        if times and sum(times) > 20:  # a slow digest is measured once or twice, not at length
            break
        t0 = time.perf_counter()
        try:
            d = build_digest(store, day, day)
            stories = len(d.stories)
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
            break
        times.append(time.perf_counter() - t0)
    return {
        "day": day.isoformat(),
        "articles_in_day": n_day,
        "runs": len(times),
        "seconds": round(statistics.median(times), 3) if times else None,
        "first_run_s": round(times[0], 3) if times else None,
        "stories": stories,
        "error": error,
    }


def _serve_in_subprocess(spec: dict[str, Any]) -> dict[str, Any]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run(
        [sys.executable, "-m", "bench.run", "--serve", json.dumps(spec)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        tail = (proc.stderr or "").strip().splitlines()[-5:]
        return {"error": "serve process failed: " + " | ".join(tail)}
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


# --------------------------------------------------------------------------------------------
# the run
# --------------------------------------------------------------------------------------------


def run(
    mode: str = "quick",
    out: Path | None = None,
    *,
    workdir: Path | None = None,
    seed: int = 7,
    progress: bool = True,
    keep_db: bool = False,
    compiled: Path | None = None,
) -> dict[str, Any]:
    """Run the benchmark in ``mode`` (full, quick, tiny), write the JSON and return the results.

    ``compiled``: the interpreter of the compiled engine (``make compiled``'s), whose extraction
    is checked against the pure engine's and timed too; the target is then judged on it.
    """
    from digests.store import Store

    cfg = MODES[mode]
    scales: list[int] = cfg["scales"]
    largest = scales[-1]
    started = time.perf_counter()
    notes: list[str] = []

    def say(msg: str) -> None:
        if progress:
            print(f"[{time.perf_counter() - started:6.1f}s] {msg}", file=sys.stderr, flush=True)

    corpus = Corpus(largest, seed=seed)
    res: dict[str, Any] = {
        "mode": mode,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
    }
    t0 = time.perf_counter()
    gen_n = min(largest, 2000)
    for _ in corpus.articles(0, gen_n):
        pass
    gen_rate = gen_n / (time.perf_counter() - t0)
    res["corpus"] = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "articles": largest,
        "first_day": corpus.start.isoformat(),
        "last_day": (corpus.start + timedelta(days=corpus.days - 1)).isoformat(),
        "outlets": 12,
        "people": len(PEOPLE),
        "busy_day": corpus.busy_day.isoformat(),
        "generator_articles_per_s": round(gen_rate),
    }
    say(f"corpus: {largest:,} articles, busy day {corpus.busy_day}; generator {gen_rate:.0f} articles/s")

    pure: list[str] = []
    if compiled is not None and compiled.exists():
        # the compiled engine's child warms up in the same way before it is timed
        say(f"extraction: one untimed pass over {cfg['extract_n']} articles (the pure output, a warm-up)")
        pure = pure_digests(corpus, cfg["extract_n"])
    say(f"extraction: {cfg['extract_n']} articles x {cfg['extract_runs']} runs on one core")
    res["extraction"] = measure_extraction(
        corpus, cfg["extract_n"], cfg["extract_runs"], cfg["extract_budget"]
    )
    say(f"  {res['extraction']['articles_per_s']} articles/s, {res['extraction']['words_per_s']:,} words/s")
    res["extraction"]["by_size"] = measure_extraction_sizes(corpus, cfg["extract_sizes_mb"])
    sizes = ", ".join(f"{r['mb']} MB {r['s']} s ({r['s_per_mb']} s/MB)" for r in res["extraction"]["by_size"])
    say(f"  one long article: {sizes}")
    if compiled is not None and compiled.exists():
        say(f"extraction, compiled engine ({compiled}): same output as the pure engine?, then timed")
        res["extraction_compiled"] = measure_compiled(
            corpus, cfg["extract_n"], cfg["extract_runs"], compiled, pure
        )
        ec = res["extraction_compiled"]
        if ec["engine"] == "compiled":
            say(f"  same output on {ec['articles']} articles; {ec['articles_per_s']} articles/s")
        else:
            notes.append(
                f"{compiled} holds the pure engine (the compiled build failed: see "
                ".venv-compiled/build.log); the extraction target is judged on the pure engine"
            )
    elif compiled is not None:
        notes.append(
            f"no compiled engine at {compiled} (`make compiled`): extraction timed on the pure engine only"
        )
    notes.append(
        "engines: ingest, bulk load, commands and the digest ran on the pure engine (this interpreter, "
        f"{Path(sys.prefix).name})"
    )

    tmp = Path(tempfile.mkdtemp(prefix="geodigest-bench-", dir=workdir))
    db_path = tmp / "bench.db"
    files_dir = tmp / "files"
    files_dir.mkdir()
    per_scale: list[dict[str, Any]] = []
    bulk_parts: list[dict[str, Any]] = []
    workers = max(1, min(2, os.cpu_count() or 1))
    store = Store.open(db_path)
    loader = Loader(store, corpus)
    last_tail = cfg["total_budget"] * 0.05
    try:
        loaded = 0
        for scale in scales:
            sl = min(cfg["slice"], scale - loaded)
            bulk_to = scale - sl
            if bulk_to > loaded:
                # Extract every article when the pool can within the budget, else one per story;
                # the loader cheapens further by itself if it falls behind.
                budget = float(cfg["bulk_budget"].get(scale, 60.0))
                # keep the whole run within its total: leave room for this size's timed slice and serving
                # (guessed as twice what the previous size took) and for the bulk load's hard cap
                left = cfg["total_budget"] - (time.perf_counter() - started) - 2.0 * last_tail
                budget = max(min(5.0, budget), min(budget, left / HARD_CAP))
                first_mode = _first_mode(
                    corpus, bulk_to - loaded, res["extraction"]["articles_per_s"], workers, budget
                )
                say(f"bulk load {loaded:,} -> {bulk_to:,} (mode '{first_mode}', budget {budget:.0f}s)")
                part = loader.bulk(
                    loaded, bulk_to, workers=workers, budget_s=budget, first_mode=first_mode, say=say
                )
                bulk_parts.append(part)
                if part["stopped_early"]:
                    notes.append(
                        f"bulk load stopped at {part['to']:,} of {bulk_to:,} articles (time cap): the "
                        f"{scale:,}-article figures are for a smaller store, see 'articles'"
                    )
                    bulk_to = part["to"]
                    scale = bulk_to + sl
                say(
                    f"  {part['articles_per_s']} articles/s, parent writes "
                    f"{part['parent_write_ms_per_article']} "
                    f"ms/article; facts {part['facts']}"
                )
                loaded = bulk_to
            tail_start = time.perf_counter()
            say(f"timed ingest {loaded:,} -> {scale:,}")
            ing = timed_ingest(loader, loaded, scale, files_dir, cfg["slice_budget"])
            loaded += ing["articles"]
            if loaded < scale:  # the timed slice ran out of time: fill the rest in bulk
                rest = loader.bulk(
                    loaded, scale, workers=workers, budget_s=10.0, first_mode="story:1", say=say
                )
                bulk_parts.append(rest)
                loaded = scale
            say(
                f"  {ing['articles_per_s']} articles/s with {ing['workers']} workers, "
                f"{ing['articles_per_s_1_worker']} with 1 (parse {ing['parse_ms_per_article']} ms, extract "
                f"{ing['extract_ms_per_article']} ms, save {ing['save_ms_per_article']} ms per article)"
            )
            store.checkpoint()
            facts = _fact_counts(store)
            size = _db_bytes(db_path)
            row = store.published_range()
            spec = {
                "db": str(db_path),
                "queries": cfg["queries"],
                "seed": seed + scale,
                "since": row[0],
                "until": row[1],
                "busy_day": corpus.busy_day.isoformat(),
                "query_budget_s": cfg["query_budget_s"],
                "digest_runs": cfg["digest_runs"],
            }
            store.close()  # the serving process has the file to itself, as a bot restarted would
            say(
                f"serving {scale:,} articles ({sum(facts.values()):,} facts): "
                f"{cfg['queries']} queries per command"
            )
            served = _serve_in_subprocess(spec)
            store = Store.open(db_path)
            loader.store = store
            entry = {
                "articles": scale,
                "facts": sum(facts.values()),
                "facts_by_table": facts,
                "db_bytes": size,
                "db_kb_per_1k_articles": round(size / 1024 / (scale / 1000), 1),
                "ingest": ing,
                **served,
            }
            per_scale.append(entry)
            last_tail = time.perf_counter() - tail_start
            for cmd in ("who_said", "timeline"):
                got = served.get(cmd, {})
                if got and got["queries"] < got["queries_planned"]:
                    notes.append(
                        f"{cmd} at {scale:,} articles: time budget reached after {got['queries']} of "
                        f"{got['queries_planned']} queries"
                    )
            if "error" in served:
                say(f"  serve failed: {served['error']}")
                notes.append(f"serving at {scale}: {served['error']}")
            else:
                say(
                    f"  who-said p50 {served['who_said']['p50_ms']} ms "
                    f"p99 {served['who_said']['p99_ms']} ms; "
                    f"timeline p50 {served['timeline']['p50_ms']} ms p99 {served['timeline']['p99_ms']} ms; "
                    f"digest {served['digest'].get('seconds')} s; rss {served['peak_rss_mb']} MB"
                )
    finally:
        store.close()
        if not keep_db:
            for suffix in ("", "-wal", "-shm"):
                Path(str(db_path) + suffix).unlink(missing_ok=True)
            files_dir.rmdir()
            tmp.rmdir()
    res["scales"] = per_scale
    small, large = per_scale[0], per_scale[-1]
    res["ingest"] = {f"at_{s['articles']}": s["ingest"] for s in per_scale}
    res["bulk_load"] = {
        "parts": bulk_parts,
        "note": "bulk-loaded articles fill the store between timed slices; their rate includes "
        f"{workers} worker processes and is not the ingest figure",
    }
    res["who_said"] = large.get("who_said", {})
    res["timeline"] = large.get("timeline", {})
    res["digest"] = large.get("digest", {})
    res["memory"] = {
        "serve_peak_rss_mb": {str(s["articles"]): s.get("peak_rss_mb") for s in per_scale},
        "benchmark_process_peak_rss_mb": round(_rss_mb(), 1),
        "child_processes_peak_rss_mb": round(_rss_mb(resource.RUSAGE_CHILDREN), 1),
        "note": "serve = a fresh process that opens the store and answers the queries and the digest "
        "(what the bot holds); the benchmark process also generated and saved the corpus; child processes "
        "= the largest of the extraction workers and the serving processes",
    }
    res["database"] = {
        str(s["articles"]): {
            "bytes": s["db_bytes"],
            "kb_per_1k_articles": s["db_kb_per_1k_articles"],
            "facts": s["facts"],
        }
        for s in per_scale
    }
    res["growth"] = _growth(small, large)
    res["targets"] = _targets(res, large)
    copied = sum(p["facts"]["copied_within_story"] + p["facts"]["copied_from_topic"] for p in bulk_parts)
    if copied:
        extracted = sum(p["facts"]["extracted"] for p in bulk_parts)
        notes.append(
            f"extraction is too slow to extract every bulk-loaded article within the time budget: "
            f"{extracted:,} bulk-loaded articles were extracted, {copied:,} carry facts copied from an "
            "extracted article of the same story (or, failing that, topic); their offsets do not "
            "point into their own texts. Timed ingest slices are always fully extracted."
        )
    if large["articles"] >= 100_000 and large["facts"] < 1_000_000:
        notes.append(
            f"the largest store holds {large['facts']:,} facts (< 1M): extraction finds few facts yet"
        )
    res["notes"] = notes
    res["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    busy = max(res["machine"]["load_average_at_start"][0], res["machine"]["load_average_at_end"][0])
    if busy > (os.cpu_count() or 1) * 0.75:
        notes.append(
            f"the machine was busy with other work (load average up to {busy:.1f} on "
            f"{os.cpu_count()} CPUs): times are inflated; run again on a quiet machine"
        )
    res["elapsed_s"] = round(time.perf_counter() - started, 1)
    if out is not None:
        out.write_text(json.dumps(res, indent=2, default=str) + "\n", encoding="utf-8")
    return res


def _get(d: dict[str, Any], *path: str) -> Any:
    for p in path:
        if not isinstance(d, dict):
            return None
        d = d.get(p)  # type: ignore[assignment]
    return d


def _growth(small: dict[str, Any], large: dict[str, Any]) -> dict[str, Any]:
    figures = {
        "ingest_articles_per_s": ("ingest", "articles_per_s"),
        "ingest_articles_per_s_1_worker": ("ingest", "articles_per_s_1_worker"),
        "save_ms_per_article": ("ingest", "save_ms_per_article"),
        "who_said_p50_ms": ("who_said", "p50_ms"),
        "who_said_p99_ms": ("who_said", "p99_ms"),
        "timeline_p50_ms": ("timeline", "p50_ms"),
        "timeline_p99_ms": ("timeline", "p99_ms"),
        "digest_busy_day_s": ("digest", "seconds"),
        "digest_ms_per_article_of_day": None,
        "serve_peak_rss_mb": ("peak_rss_mb",),
        "db_kb_per_1k_articles": ("db_kb_per_1k_articles",),
    }
    out: dict[str, Any] = {
        "from_articles": small["articles"],
        "to_articles": large["articles"],
        "size_ratio": round(large["articles"] / small["articles"], 1),
    }
    for name, path in figures.items():
        if path is None:
            a = _per_day_article(small)
            b = _per_day_article(large)
        else:
            a, b = _get(small, *path), _get(large, *path)
        ratio = round(b / a, 2) if isinstance(a, int | float) and isinstance(b, int | float) and a else None
        out[name] = {"from": a, "to": b, "ratio": ratio}
    return out


def _per_day_article(s: dict[str, Any]) -> float | None:
    secs, n = _get(s, "digest", "seconds"), _get(s, "digest", "articles_in_day")
    return round(secs * 1000 / n, 3) if secs and n else None


def _extraction_engine(res: dict[str, Any]) -> str:
    """The engine the extraction target is judged on: the compiled one when it was timed."""
    return "compiled" if _get(res, "extraction_compiled", "engine") == "compiled" else "pure"


def _targets(res: dict[str, Any], large: dict[str, Any]) -> dict[str, Any]:
    engine = _extraction_engine(res)
    values = {
        "extraction_articles_per_s": _get(
            res, "extraction" if engine == "pure" else "extraction_compiled", "articles_per_s"
        ),
        "ingest_articles_per_s_at_largest": _get(large, "ingest", "articles_per_s"),
        "who_said_p99_ms": _get(large, "who_said", "p99_ms"),
        "timeline_p99_ms": _get(large, "timeline", "p99_ms"),
        "digest_busy_day_s": _get(large, "digest", "seconds"),
        "serve_peak_rss_mb": _get(large, "peak_rss_mb"),
    }
    out: dict[str, Any] = {}
    for name, (op, target) in TARGETS.items():
        v = values[name]
        met = None
        if isinstance(v, int | float):
            met = {">=": v >= target, "<": v < target, "<=": v <= target}[op]
        out[name] = {"value": v, "target": f"{op} {target:g}", "met": met, "at_articles": large["articles"]}
    out["extraction_articles_per_s"]["engine"] = engine
    return out


def _cpu_rate(ex: dict[str, Any]) -> str:
    """Articles per second in CPU time (median run), which other work on the machine inflates less."""
    cpu = ex.get("cpu_seconds_per_run")
    return f" ({ex['articles'] / statistics.median(cpu):,.1f} in CPU time)" if cpu else ""


def format_table(res: dict[str, Any]) -> str:
    """The results as a plain-text table: one row per figure, one column per store size."""
    scales = res["scales"]
    heads = [f"{s['articles']:,} articles" for s in scales]
    rows: list[tuple[str, list[str]]] = []

    def fmt(v: Any, unit: str = "") -> str:
        if v is None:
            return "-"
        if isinstance(v, float):
            v = f"{v:,.1f}" if abs(v) >= 100 else f"{v:.3g}" if abs(v) < 1 else f"{v:,.2f}"
        elif isinstance(v, int):
            v = f"{v:,}"
        return f"{v}{unit}"

    def row(label: str, *path: str, unit: str = "") -> None:
        rows.append((label, [fmt(_get(s, *path), unit) for s in scales]))

    row("facts stored", "facts")
    row("ingest articles/s (2 workers)", "ingest", "articles_per_s")
    row("ingest articles/s (1 worker)", "ingest", "articles_per_s_1_worker")
    row("  parse ms/article", "ingest", "parse_ms_per_article")
    row("  extract ms/article", "ingest", "extract_ms_per_article")
    row("  save ms/article", "ingest", "save_ms_per_article")
    row("/who-said p50 ms", "who_said", "p50_ms")
    row("/who-said p99 ms", "who_said", "p99_ms")
    row("/who-said first call ms", "who_said", "first_call_ms")
    row("/timeline p50 ms", "timeline", "p50_ms")
    row("/timeline p99 ms", "timeline", "p99_ms")
    row("/timeline first call ms", "timeline", "first_call_ms")
    row("busy-day articles", "digest", "articles_in_day")
    row("busy-day digest s", "digest", "seconds")
    row("serve peak RSS MB", "peak_rss_mb")
    row("db kB / 1k articles", "db_kb_per_1k_articles")
    row("db MB", "db_bytes")
    rows[-1] = ("db MB", [fmt(round(s["db_bytes"] / 1e6, 1)) for s in scales])
    w0 = max(len(r[0]) for r in rows) + 2
    ws = [max(len(h), *(len(r[1][i]) for r in rows)) + 2 for i, h in enumerate(heads)]
    ex = res["extraction"]
    ec = res.get("extraction_compiled", {})
    lines = [
        f"GeoDigest benchmark ({res['mode']}), {res['machine'].get('cpu', '?')}, "
        f"{res['machine'].get('cpus')} CPUs, "
        f"Python {res['machine'].get('python')}, commit {res['machine'].get('commit')}",
        f"extraction, pure engine (one core, median of {ex['runs']} runs over {ex['articles']} articles, "
        f"{ex['mean_words_per_article']:.0f} words each): {ex['articles_per_s']:,} articles/s, "
        f"{ex['words_per_s']:,} words/s{_cpu_rate(ex)}",
    ]
    if ec.get("engine") == "compiled":
        lines.append(
            f"extraction, compiled engine (mypyc, .venv-compiled; same output as the pure engine on all "
            f"{ec['articles']} articles; median of {ec['runs']} runs): {ec['articles_per_s']:,} articles/s, "
            f"{ec['words_per_s']:,} words/s{_cpu_rate(ec)}"
        )
    lines += [
        "one long article (pure engine): "
        + ", ".join(f"{r['mb']} MB in {r['s']} s ({r['s_per_mb']} s/MB)" for r in ex.get("by_size", [])),
        "",
        "".ljust(w0) + "".join(h.rjust(w) for h, w in zip(heads, ws, strict=True)),
    ]
    for label, vals in rows:
        lines.append(label.ljust(w0) + "".join(v.rjust(w) for v, w in zip(vals, ws, strict=True)))
    lines.append("")
    for p in res["bulk_load"]["parts"]:
        lines.append(
            f"bulk load {p['from']:,} -> {p['to']:,}: {p['articles_per_s']} articles/s with "
            f"{p['workers']} workers; facts: " + ", ".join(f"{k} {v:,}" for k, v in p["facts"].items())
        )
    lines.append(f"benchmark process peak RSS {res['memory']['benchmark_process_peak_rss_mb']} MB")
    lines.append("targets:")
    for name, t in res["targets"].items():
        mark = "ok  " if t["met"] else "MISS" if t["met"] is False else "n/a "
        engine = f"; {t['engine']} engine" if "engine" in t else ""
        lines.append(f"  {mark} {name}: {t['value']} (target {t['target']}{engine})")
    for n in res["notes"]:
        lines.append(f"note: {n}")
    lines.append(f"elapsed {res['elapsed_s']} s")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: pick a mode, run, print the table, write the JSON."""
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    group = ap.add_mutually_exclusive_group()
    group.add_argument(
        "--full", action="store_const", const="full", dest="mode", help="1k, 10k and 100k articles"
    )
    group.add_argument("--quick", action="store_const", const="quick", dest="mode", help="under a minute")
    group.add_argument(
        "--tiny", action="store_const", const="tiny", dest="mode", help="seconds (CI smoke test)"
    )
    group.add_argument("--serve", metavar="SPEC", help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, default=Path("bench-results.json"), help="JSON output path")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workdir", type=Path, default=None, help="where the temporary database goes")
    ap.add_argument("--keep-db", action="store_true", help="keep the benchmark database")
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    ap.add_argument(
        "--compiled",
        type=Path,
        metavar="PYTHON",
        help="also check and time the compiled engine installed for this interpreter (make compiled)",
    )
    args = ap.parse_args(argv)
    if args.serve:
        print(json.dumps(serve_measure(json.loads(args.serve)), default=str))
        return 0
    from bench.compiled_speed import OutputMismatch

    try:
        res = run(
            args.mode or "quick",
            args.out,
            workdir=args.workdir,
            seed=args.seed,
            progress=not args.quiet,
            keep_db=args.keep_db,
            compiled=args.compiled,
        )
    except OutputMismatch as e:
        print(f"BENCHMARK FAILED: {e}", file=sys.stderr)
        return 1
    print(format_table(res))
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
