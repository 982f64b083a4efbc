"""The cost side of a save's story decision: the cheaper paths decide exactly as the plain one."""

from __future__ import annotations

import random
from collections.abc import Mapping
from pathlib import Path

from digests.ingest import ingest_inputs
from digests.store import Store
from digests.store import stories as store_stories
from digests.stories import (
    Candidate,
    Weights,
    choose_story,
    choose_story_lazily,
    quote_runs,
    sublinear,
    title_vector,
)
from tests.story_reference import rank_candidates

ARTICLES = Path(__file__).parent / "data" / "grouping" / "articles"
QUOTED = "the ministers will meet again before the end of the month to settle the matter"


def _case(rng: random.Random) -> tuple[Weights, list[Candidate], dict[int, int]]:
    vocab = [f"w{i}" for i in range(40)]
    df = {w: rng.randint(1, 60) for w in vocab}
    counts = {w: rng.randint(1, 4) for w in rng.sample(vocab, 12)}
    title = rng.sample(sorted(counts), 3)
    new_runs = quote_runs([QUOTED])
    weights = Weights(counts, df, 400, title, new_runs)
    cands = []
    for aid in range(1, rng.randint(2, 16)):
        theirs = {w: rng.randint(1, 4) for w in rng.sample(vocab, rng.randint(3, 14))}
        raw = {t: (1 + (0.0 if c < 2 else 0.7)) for t, c in theirs.items()}
        runs = quote_runs([QUOTED], 3) if rng.random() < 0.4 else frozenset()
        cands.append(
            Candidate(
                aid, rng.choice([1, 2, 3, aid + 10]), rng.randint(-6, 6), sum(raw.values()) ** 0.5, theirs,
                title_vector(rng.sample(vocab, 3), weights.idf), runs,
            )
        )
    in_window = {c.story_id: rng.randint(1, 4) for c in cands}
    return weights, cands, in_window


def test_reading_quotations_only_where_they_count_decides_the_same() -> None:
    rng = random.Random(20261205)  # fixed seed: the same cases in every run
    read_some = decided_unread = joined = 0
    for _ in range(3000):
        weights, cands, in_window = _case(rng)
        plain = choose_story(weights, cands, in_window).story
        asked: list[list[int]] = []
        by_id = {c.article_id: c for c in cands}

        def with_quotes(
            some: list[Candidate], by_id: Mapping[int, Candidate] = by_id, asked: list[list[int]] = asked
        ) -> list[Candidate]:
            asked.append([c.article_id for c in some])
            return [by_id[c.article_id] for c in some]

        bare = [
            Candidate(c.article_id, c.story_id, c.gap_days, c.norm, c.counts, c.title) for c in cands
        ]
        assert choose_story_lazily(weights, bare, in_window, with_quotes) == plain
        read_some += bool(asked)
        decided_unread += not asked
        joined += plain is not None
    # the cases cover all three paths: quotations read, decided unread, joined and not
    assert read_some > 100 and decided_unread > 100 and 100 < joined < 2900


def test_an_article_without_quotations_never_reads_any() -> None:
    weights = Weights({"summit": 2, "harbour": 1}, {"summit": 3, "harbour": 5}, 100)
    cand = Candidate(1, 1, 0, 1.0, {"summit": 1})

    def refuse(some: list[Candidate]) -> list[Candidate]:
        raise AssertionError("read quotations")

    assert choose_story_lazily(weights, [cand], {1: 1}, refuse) == choose_story(weights, [cand], {1: 1}).story


def test_a_candidates_sublinear_counts_are_those_of_its_counts() -> None:
    cand = Candidate(1, 1, 0, 1.0, {"a": 1, "b": 3, "c": 0.5})
    assert cand.tf == sublinear(cand.counts) == {"a": 1.0, "b": 1.0 + 1.0986122886681098, "c": 0.0}


def test_candidates_are_ranked_the_same_whatever_order_the_hits_come_in() -> None:
    weights = Weights({f"t{i}": 1 + i % 3 for i in range(10)}, {f"t{i}": 2 + i for i in range(10)}, 500)
    hits = [(aid, f"t{i}") for i in range(10) for aid in range(i, i + 5)]
    ranked = rank_candidates(hits, weights)
    for seed in range(20):
        shuffled = hits[:]
        random.Random(seed).shuffle(shuffled)
        assert rank_candidates(shuffled, weights) == ranked


def test_a_save_decides_as_the_plain_path_on_a_real_store(tmp_path: Path) -> None:
    # the save path (quotations read lazily) against the path a regrouping takes (every
    # similarity), each article decided both ways on the same stored state
    store = Store.open(tmp_path / "s.db")
    assert ingest_inputs(store, [str(ARTICLES)]).failed == 0
    conn = store.db.conn
    rows = store.ungroup_newest(100)
    assert len(rows) >= 5
    for aid, day, counts, _ in rows:
        conn.execute("SAVEPOINT plain")
        plain, sims = store_stories._assign(conn, aid, day, counts)
        conn.execute("ROLLBACK TO plain")
        conn.execute("RELEASE plain")
        assert store.assign_again(aid, day, counts) == plain
        assert sims or plain == aid
    store.close()
