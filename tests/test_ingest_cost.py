"""The writer's cheaper paths give what the plain ones give: candidate ranking from grouped terms,
decoded terms kept at save time, language detection on a text folded once, fact rows, derivations
with the writer's line hashes, files read by the workers, and the cyclic collector held to a run's
own objects."""

from __future__ import annotations

import gc
import io
import json
import random
from datetime import date
from pathlib import Path

from digests import language, opinion
from digests.derive import derive, fact_rows
from digests.errors import GeoDigestError
from digests.extract import extract
from digests.furniture import article_lines
from digests.ingest import MIN_PARALLEL_ARTICLES, ingest_articles, ingest_inputs
from digests.ingest_work import read_job
from digests.models import Article, Extraction
from digests.sources import read_source
from digests.store import Store
from digests.store import stories as store_stories
from digests.stories import Weights, rank_articles, sublinear
from digests.terms import article_terms, counts_json
from tests.story_reference import rank_candidates

ARTICLES = Path(__file__).parent / "data" / "grouping" / "articles"
INGEST = Path(__file__).parent / "data" / "ingest"


def test_ranking_from_each_articles_terms_is_ranking_from_the_hits() -> None:
    rng = random.Random(20261205)  # fixed seed: the same cases in every run
    for _ in range(300):
        vocab = [f"t{i}" for i in range(30)]
        weights = Weights({t: rng.randint(1, 4) for t in vocab}, {t: rng.randint(1, 90) for t in vocab}, 900)
        hits = [(aid, t) for t in rng.sample(vocab, 20) for aid in rng.sample(range(60), rng.randint(1, 12))]
        hits = list(dict.fromkeys(hits))  # an article indexes a term once
        by_article: dict[int, list[str]] = {}
        for aid, t in hits:
            by_article.setdefault(aid, []).append(t)
        grouped = [(aid, rng.sample(ts, len(ts))) for aid, ts in by_article.items()]
        assert rank_articles(grouped, weights) == rank_candidates(hits, weights)


def test_a_crowded_term_proposes_nobody_in_either_ranking() -> None:
    weights = Weights({"common": 3, "rare": 1}, {"common": 5, "rare": 2}, 500)
    hits = [(aid, "common") for aid in range(50)] + [(7, "rare")]
    assert rank_candidates(hits, weights) == [7]


def test_a_saved_articles_terms_are_kept_as_decoding_them_gives() -> None:
    counts = article_terms("Leaders meet in Nara", "The leaders of Japan and Korea met in Nara on Monday.")
    stored = counts_json(counts)
    store_stories.remember_terms(stored, counts, Weights(counts, {}, 100).tf)
    kept = store_stories._stored_terms(stored)
    store_stories._decoded.clear()
    decoded = store_stories._stored_terms(stored)
    assert [list(m.items()) for m in kept] == [list(m.items()) for m in decoded]
    assert dict(decoded[1]) == sublinear(json.loads(stored))


def test_language_on_a_text_folded_once_is_language_word_by_word() -> None:
    rng = random.Random(7)
    tricky = "İıßǰŉΣσςÅåﬁ’'ⅠⒶ2_-é"
    words = ["the", "and", "of", "der", "und", "les", "и", "на", "Straße", "İstanbul"]
    for _ in range(2000):
        text = " ".join(
            rng.choice(words) if rng.random() < 0.7 else "".join(rng.choice(tricky) for _ in range(3))
            for _ in range(rng.randint(0, 40))
        )
        found = language._WORD.findall(text[:20000])
        assert language._words(text[:20000]) == [w.casefold() for w in found]
    english = "The minister said that the talks in the capital would go on " * 3
    assert language.detect_language(english) == "en"


def test_fact_rows_and_derivations_with_the_writers_line_hashes() -> None:
    text = (ARTICLES / "2026-03-02-northwire-baltic-cable.md").read_text(encoding="utf-8")
    article = Article(title="Baltic cable", text=text, source="Northwire", published=date(2026, 3, 2))
    facts = extract(text, article.published)
    assert derive(article, (), facts, article_lines(text)) == derive(article, (), facts)
    rows = fact_rows(facts)
    assert rows.entities and all(json.loads(r[6]) == [list(m) for m in e.mentions]
                                 for r, e in zip(rows.entities, facts.entities, strict=True))
    assert all(json.loads(r[2]) == e.aliases for r, e in zip(rows.entities, facts.entities, strict=True))


def test_an_ingest_run_collects_only_its_own_objects(tmp_path: Path) -> None:
    frozen: list[int] = []

    def extractor(text: str, published: date | None, learned: frozenset[int] = frozenset()) -> Extraction:
        frozen.append(gc.get_freeze_count())  # in this process: one worker
        return extract(text, published, learned=learned)

    held = [{"before": i} for i in range(1000)]  # objects this process made before the run
    store = Store.open(tmp_path / "s.db")
    articles = [
        Article(title=p.stem, text=p.read_text(encoding="utf-8"), source="Wire", published=date(2026, 3, 2))
        for p in sorted(ARTICLES.glob("*.md"))
    ]
    assert ingest_articles(store, articles, extractor=extractor).failed == 0
    store.close()
    assert frozen and min(frozen) >= len(held)  # frozen while the run went on
    assert gc.get_freeze_count() == 0  # and handed back after it


def _inputs(tmp_path: Path) -> list[str]:
    """Local inputs of every kind a worker may read or hand back: articles (one in Latin-1, which
    gives a warning), an empty file, JSON, a feed (its entry without a link: nothing to fetch)."""
    paths = [str(p) for p in sorted(ARTICLES.glob("*.md"))]
    for name in ("plain.txt", "front.txt", "page.html", "legacy-latin1.txt", "note.md"):
        paths.append(str(INGEST / name))
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "data.txt").write_text('{"not": "an article"}', encoding="utf-8")
    (tmp_path / "feed.xml").write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title><item><title>Port reopens"
        "</title><description>The port of Gdansk reopened on "
        "Monday after a week of strikes, officials said, and ships queued to enter the harbour."
        "</description></item></channel></rss>",
        encoding="utf-8",
    )
    return [*paths, str(tmp_path / "empty.txt"), str(tmp_path / "data.txt"), str(tmp_path / "feed.xml")]


def test_files_read_ahead_by_workers_give_what_the_writer_reading_them_gives(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path)
    assert len(inputs) >= MIN_PARALLEL_ARTICLES
    results = []
    for workers in (1, 2):
        out, err = io.StringIO(), io.StringIO()
        with Store.open(tmp_path / f"{workers}.db") as store:
            report = ingest_inputs(store, inputs, out=out, err=err, workers=workers, timeout=1.0)
            stored = [(a.title, a.url, a.published) for a in store.list_articles(limit=100)]
        said = (out.getvalue(), err.getvalue())
        results.append((report.article_ids, report.warnings, report.errors, said, stored))
    assert results[0] == results[1]
    assert len(results[0][2]) == 2  # the empty file and the JSON, one line each


def test_a_workers_read_is_read_source_with_what_the_writer_computes_next(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path)
    for spec in inputs:
        read = read_job(spec, None, None, 5_000_000)
        try:
            expected = read_source(spec, fetch_full=False)
        except GeoDigestError as exc:
            assert read.articles is None and read.error == str(exc)
            continue
        if spec.endswith(".xml"):
            assert read.articles is None and read.error is None  # a feed: read by the writer
            continue
        assert read.articles == expected
        assert read.prepared == [(a.key, a.content_hash, article_lines(a.text)) for a in expected]


def test_the_narrations_first_person_words_are_among_the_texts_outside_quotations() -> None:
    # what lets article_kind call most texts news without finding their narration
    rng = random.Random(11)
    pieces = [
        "I", "I'm", "I’ve", "we", "our", "my", "me", "us", "said", "the", "minister", "“we will”",
        '"our plan"', "‘I think’", "Name:", "\n", "\n\n", "he said:", "Subscribe to our newsletter",
        "we\u201d", "\u201cI",
    ]
    voice = opinion._rules()["voice"]
    for _ in range(3000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(5, 120)))
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        narration = opinion._QUOTED.sub(" ", "\n".join(opinion._narration(lines[1:])))
        assert len(voice.findall(narration)) <= len(voice.findall(opinion._QUOTED.sub(" ", text)))
