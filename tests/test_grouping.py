"""Story grouping: the same event told in other words is one story; the store keeps term frequencies."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from bot.cli import main as cli_main
from digests.digest import build_digest
from digests.ingest import ingest_inputs
from digests.store import SCHEMA_VERSION, Store, schema
from digests.store import stories as store_stories
from digests.stories import (
    CROWDED,
    KEYS,
    MAX_CANDIDATES,
    THRESHOLD,
    WINDOW_DAYS,
    Candidate,
    Weights,
    average_link,
    choose_story,
    days_apart,
    decay,
    explain,
    figure_key,
    shared_facts,
    title_vector,
)
from digests.terms import article_terms, tokens
from tests.story_reference import rank_candidates

ARTICLES = Path(__file__).parent / "data" / "grouping" / "articles"
CABLE = {"Northwire", "Baltic Post", "The Harbour Times"}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "g.db")
    report = ingest_inputs(s, [str(ARTICLES)])
    assert report.failed == 0
    return s


def _stories(store: Store) -> list[set[tuple[str | None, str]]]:
    d = build_digest(store, date(2026, 3, 1), date(2026, 3, 7), max_stories=None)
    return [{(src.outlet, src.title) for src in s.sources} for s in d.stories]


def test_the_same_event_in_other_words_is_one_story(store: Store) -> None:
    stories = _stories(store)
    cable = [s for s in stories if any("Estlink" in t or "undersea" in t for _, t in s)]
    assert len(cable) == 1
    assert {outlet for outlet, _ in cable[0]} == CABLE
    # Same country, same day, same outlet, another event: its own story; so is the strike.
    assert len(stories) == 3
    assert all(len(s) == 1 for s in stories if s is not cable[0])


def test_grouping_is_deterministic(store: Store) -> None:
    assert _stories(store) == _stories(store)


def _weights(counts: dict[str, int], df: dict[str, int]) -> Weights:
    return Weights(counts, df, 1000)


def _cand(aid: int, story: int, counts: dict[str, int], df: dict[str, int], gap: int = 0) -> Candidate:
    return Candidate(aid, story, gap, _weights(counts, df).norm, counts)


def test_average_link_does_not_chain_unrelated_articles() -> None:
    # A story of A, a copy of A and B, which shares most of A's words and two of C's; C
    # shares nothing with A. Single link would chain C onto the story through B; average
    # link weighs C against all three articles and keeps it out.
    a = {f"alpha{i}": 2 for i in range(8)}
    b = {**{f"alpha{i}": 2 for i in range(6)}, "gamma0": 2, "gamma1": 2}
    c = {f"gamma{i}": 2 for i in range(8)}
    df: Counter[str] = Counter()
    for counts in (a, a, b, c):
        df.update(counts.keys())
    story = [_cand(1, 1, a, df), _cand(2, 1, dict(a), df), _cand(3, 1, b, df)]
    assert choose_story(_weights(dict(a), df), story, {1: 3}).story == 1
    assert choose_story(_weights(c, df), [story[2]], {1: 3}).story is None
    # Alone with B, C would join it: the average is what keeps it out.
    assert choose_story(_weights(c, df), [_cand(3, 3, b, df)], {3: 1}).story == 3


def test_unrelated_articles_stay_apart() -> None:
    arts = [{f"w{i}x{k}": 1 for k in range(6)} for i in range(4)]
    cands = [_cand(i + 1, i + 1, counts, {}) for i, counts in enumerate(arts[1:])]
    assert choose_story(_weights(arts[0], {}), cands, {}).story is None


def test_similarity_decays_with_the_days_between_articles() -> None:
    counts = {"estlink": 2, "cable": 3, "baltic": 1}
    w = _weights(counts, {})
    near, far = _cand(1, 1, counts, {}, gap=1), _cand(1, 1, counts, {}, gap=-8)
    assert w.similarity(near) == pytest.approx(1.0)
    # two days apart is already another day's development: its similarity counts less
    later = _cand(1, 1, counts, {}, gap=2)
    assert w.similarity(later) == pytest.approx(decay(2)) and 0.5 < decay(2) < 0.7
    assert w.similarity(far) == pytest.approx(decay(8)) and decay(8) < THRESHOLD


def test_days_apart_count_from_what_an_earlier_lead_announced() -> None:
    # three days after a preview of talks it announced for that day, the report of them is the same news
    assert days_apart(3) == 3 and days_apart(3, ahead=3) == 0 and days_apart(3, ahead=2) == 1
    assert days_apart(-3, other_ahead=3) == 0 and days_apart(-3, ahead=3) == 3  # the earlier one's lead
    assert days_apart(-2) == days_apart(2) == 2 and days_apart(0, ahead=4) == 0
    counts = {"estlink": 2, "cable": 3, "baltic": 1}
    w = _weights(counts, {})
    preview = Candidate(1, 1, -3, w.norm, counts, ahead=3)
    assert w.similarity(preview) == pytest.approx(1.0)
    assert w.similarity(Candidate(1, 1, -3, w.norm, counts)) == pytest.approx(decay(3)) and decay(3) < 0.5


def test_candidates_are_bounded_and_crowded_terms_propose_none() -> None:
    w = _weights({"rare": 3, "common": 1}, {"rare": 2, "common": 900})
    hits = [(aid, "common") for aid in range(1, CROWDED + 2)] + [(7, "rare"), (5000, "rare")]
    assert rank_candidates(hits, w) == [7, 5000]
    many = [(aid, "rare") for aid in range(1, CROWDED)]
    assert len(rank_candidates(many, w)) == MAX_CANDIDATES


def test_the_index_keeps_an_articles_title_words_first() -> None:
    # a column whose text weighs its own angle heaviest: the headline's words, which the news it
    # is about shares, are indexed before heavier terms of the body
    body = {f"angle{i}": 6 for i in range(KEYS)} | {"airstrike": 2, "iraq": 2}
    w = Weights(body, {"airstrike": 40, "iraq": 60}, 1000, ["airstrike", "iraq"])
    assert "airstrike" not in w.heaviest() and "iraq" not in w.heaviest()
    assert w.index_terms()[:2] == ["airstrike", "iraq"] and len(w.index_terms()) == KEYS
    assert w.index_terms()[2:] == w.heaviest()[: KEYS - 2]
    # a title longer than the index keeps its heaviest title words
    long_title = [f"angle{i}" for i in range(KEYS)] + ["airstrike", "iraq"]
    assert Weights(body, {}, 1000, long_title).index_terms() == Weights(body, {}, 1000).heaviest()


def test_terms_fold_plurals_and_drop_stop_words() -> None:
    assert tokens("The ministers' missiles, and the Ministries") == ["minister", "missile", "ministry"]
    counts = article_terms("Estlink cable deal", "The cable will cost 900 million euros.")
    assert counts["cable"] == 3 and counts["estlink"] == 2 and counts["900"] == 1


def _df(store: Store) -> Counter[str]:
    return Counter(dict(store.db.execute("SELECT term, df FROM term_df").fetchall()))


def _expected_df(store: Store) -> Counter[str]:
    out: Counter[str] = Counter()
    for (terms,) in store.db.execute("SELECT terms FROM article_terms"):
        out.update(json.loads(terms).keys())
    return out


def test_document_frequencies_follow_saves_replacements_and_deletes(store: Store) -> None:
    assert _df(store)["estlink"] == 3 and _df(store) == _expected_df(store)
    from digests.extract import extract
    from digests.sources import read_path

    article = read_path(ARTICLES / "2026-03-02-balticpost-estlink.md")
    changed = article.model_copy(update={"text": article.text.replace("Estlink 3", "the new link")})
    _, status = store.save(changed, extract(changed.text, published=changed.published))
    assert status == "updated"
    assert _df(store) == _expected_df(store)
    (aid,) = store.db.execute("SELECT id FROM articles WHERE source = 'Andes Daily'").fetchone()
    assert store.delete_article(aid)
    assert _df(store)["copper"] == 0 and _df(store) == _expected_df(store)
    assert store.db.execute("SELECT count(*) FROM article_terms").fetchone()[0] == 4


@pytest.mark.parametrize("chunk", [500, 2])
def test_migration_computes_the_terms_of_stored_articles(
    store: Store, tmp_path: Path, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the migrations read the stored articles a chunk at a time: several chunks give the same
    monkeypatch.setattr(schema, "ARTICLE_CHUNK", chunk)
    monkeypatch.setattr(store_stories, "REGROUP_CHUNK", chunk)
    before = dict(store.db.execute("SELECT article_id, terms FROM article_terms").fetchall())
    stories = store.stories_of(range(1, 6))
    # Put the file back at the previous schema version, as an older release left it.
    for sql in (
        "DROP TABLE story_members",  # version 13
        "DROP TABLE story_keys",
        "DROP TRIGGER term_df_ai",
        "DROP TRIGGER term_df_ad",
        "DROP TABLE article_terms",
        "DROP TABLE term_df",
        "DROP TABLE outlet_lines",  # version 9
        "ALTER TABLE articles DROP COLUMN kind",
        "ALTER TABLE events DROP COLUMN cue",  # version 12
    ):
        store.db.execute(sql)
    store.db.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    store.db.conn.commit()
    store.close()
    with Store.open(tmp_path / "g.db") as again:
        assert again.schema_version() == SCHEMA_VERSION
        assert dict(again.db.execute("SELECT article_id, terms FROM article_terms").fetchall()) == before
        assert _df(again) == _expected_df(again)
        assert again.stories_of(range(1, 6)) == stories and len(set(stories.values())) == 3


def test_cli_digest_lists_every_story_with_urls_and_ids(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    db = str(tmp_path / "g.db")
    args = ["--db", db, "digest", "--since", "2026-03-01", "--until", "2026-03-07", "--format", "json"]
    assert cli_main([*args, "--max-stories", "0"]) == 0
    every = json.loads(capsys.readouterr().out)
    assert len(every["stories"]) == 3 and every["more_stories"] == 0
    sources = [s for story in every["stories"] for s in story["sources"]]
    assert len(sources) == 5 and all(s["url"] and isinstance(s["article_id"], int) for s in sources)
    assert cli_main([*args, "--max-stories", "1"]) == 0
    one = json.loads(capsys.readouterr().out)
    assert len(one["stories"]) == 1 and one["more_stories"] == 2
    with pytest.raises(SystemExit):
        cli_main([*args, "--max-stories", "-1"])


def test_a_story_is_judged_by_all_its_articles_in_the_window() -> None:
    # Ten articles of one story; a new article close to three of them only. On the labelled
    # AllSides weeks, the mean over the closest few let such articles join a big story they
    # only grazed (detainees freed / the summit date announced the same day): the mean over
    # every article of the story in the window, the average link of regrouping, keeps it out.
    angle = {"congress": 3, "vote": 2, "airstrike": 2}
    near = [_cand(i, 1, {**angle, **{f"own{i}x{j}": 3 for j in range(12)}}, {}) for i in range(1, 4)]
    sims = [_weights(angle, {}).similarity(c) for c in near]
    assert sum(sims) / 10 < THRESHOLD <= sum(sims) / 3
    assert choose_story(_weights(angle, {}), near, {1: 10}).story is None
    assert choose_story(_weights(angle, {}), near, {1: 3}).story == 1


def test_titles_and_shared_quotations_are_evidence() -> None:
    from digests.stories import QUOTE_BONUS, quote_runs

    body_a = {"ankara": 2, "sanction": 2, "economy": 1, "parnas": 3}
    body_b = {"sanction": 1, "treasury": 2, "mnuchin": 2}
    title_a, title_b = ["trump", "sanction", "turkey"], ["sanction", "turkey", "syria"]
    plain = _weights(body_a, {}).similarity(_cand(2, 2, body_b, {}))
    w = Weights(body_a, {}, 1000, title_a)
    other = Candidate(2, 2, 0, _weights(body_b, {}).norm, body_b, title_vector(title_b, w.idf))
    text, title, quotes = w.evidence(other)
    assert text == pytest.approx(plain) and title > 0 and quotes == 0
    assert w.similarity(other) == pytest.approx(plain + title)
    # the same words of somebody, trimmed differently by two outlets, are one quotation
    said = quote_runs(["We will open the gates and send 3.6 million refugees your way."])
    trimmed = quote_runs(["open the gates and send 3.6 million refugees"])
    elsewhere = quote_runs(["We will open a new chapter with our neighbours."])
    assert said & trimmed and not said & elsewhere
    wq = Weights(body_a, {}, 1000, quotes=said)
    quoted = Candidate(2, 2, 0, _weights(body_b, {}).norm, body_b, quotes=trimmed)
    assert wq.evidence(quoted)[2] == QUOTE_BONUS
    assert "refugees" in explain(wq, quoted)


def test_lead_sentences_are_evidence_beside_the_titles() -> None:
    from digests.stories import LEAD_SHARE

    # two tellings of one speech: other headlines, other bodies, the same news in the lead sentence
    body_a = {"escalation": 2, "airstrike": 2, "adviser": 1, "baghdad": 1}
    body_b = {"lawmaker": 2, "relief": 2, "reservation": 1, "campaign": 1}
    lead_a = ["obama", "announced", "escalation", "campaign", "wednesday", "night"]
    lead_b = ["obama", "announcement", "wednesday", "expanding", "campaign"]
    df = {"obama": 30, "campaign": 20, "wednesday": 40, "announced": 25, "night": 30}
    plain = Weights(body_a, df, 1000)
    w, wb = Weights(body_a, df, 1000, lead=lead_a), Weights(body_b, df, 1000, lead=lead_b)
    # a candidate's lead: its words and its vector's length, as stored when it was grouped
    other = Candidate(2, 2, 0, wb.norm, body_b, lead=frozenset(wb.lead), lead_norm=wb.lead_norm)
    text, headline, _ = w.evidence(other)
    assert text == pytest.approx(plain.evidence(other)[0])
    # each lead word once, weighed by its rarity: the cosine of the two vectors, LEAD_SHARE of it
    shared = sum(w.lead[t] * wb.lead[t] for t in ("obama", "campaign", "wednesday"))
    cosine = shared / (sum(v * v for v in w.lead.values()) * sum(v * v for v in wb.lead.values())) ** 0.5
    assert headline == pytest.approx(LEAD_SHARE * cosine) and headline > 0
    assert "[lead: campaign obama wednesday]" in explain(w, other)
    # no lead on either side (a candidate grouped before leads were kept has none): nothing added
    assert plain.evidence(other)[1] == 0 and w.evidence(replace(other, lead_norm=0.0))[1] == 0


def test_average_link_groups_the_whole_store_whatever_the_order() -> None:
    # Two stories of three articles on days 0-1, and a bridge article close to one article of
    # each: joined one at a time it would chain them; at once, average link keeps them apart.
    edges = [(1, 2, 0.5), (1, 3, 0.4), (2, 3, 0.45), (4, 5, 0.5), (4, 6, 0.42), (5, 6, 0.6),
             (7, 1, 0.3), (7, 4, 0.3)]
    days = dict.fromkeys(range(1, 8), 0)
    order = [1, 2, 3, 4, 5, 6, 7]
    groups = average_link(order, days, edges)
    assert {groups[a] for a in (1, 2, 3)} == {1} and {groups[a] for a in (4, 5, 6)} == {4}
    assert groups[7] == 7
    # the same stories whatever order the edges and the articles come in (ids name them: the
    # first article of each story in the canonical order)
    assert average_link(order, days, list(reversed(edges))) == groups
    # a story goes on over days: pairs further apart than the window count neither for nor
    # against the average (1 and 3 are never compared), so 3 joins through 2
    span = {1: 0, 2: WINDOW_DAYS - 2, 3: 2 * WINDOW_DAYS - 4}
    chain = [(1, 2, 0.2), (2, 3, 0.2)]
    assert 0.2 / 2 < THRESHOLD <= 0.2
    assert average_link([1, 2, 3], span, chain) == {1: 1, 2: 1, 3: 1}
    # below the threshold nothing joins
    assert average_link([1, 2], {1: 0, 2: 3}, [(1, 2, THRESHOLD / 2)]) == {1: 1, 2: 2}




def test_two_reports_of_one_event_share_its_facts_and_other_events_share_none(store: Store) -> None:
    rows = {str(title): int(aid) for _, aid, _, title, _ in store.story_rows()}
    keys = store.story_facts(rows.values())
    deal = [aid for title, aid in rows.items() if "Estlink" in title or "cable" in title][:2]
    assert len(deal) == 2
    shared = shared_facts(keys[deal[0]], keys[deal[1]])
    # the same words quoted, the same people quoted that day, the same dated event, the same sum
    assert [f.split()[0] for f in shared] == ["quote", "speaker", "event", "figure"]
    assert "900,000,000 EUR" in shared[3] and "Aino Virtanen" in shared[1]
    strike = next(aid for title, aid in rows.items() if "copper" in title)
    assert shared_facts(keys[deal[0]], keys[strike]) == []
    assert "shares: quote" in store.story_evidence(deal[0], deal[1])


def test_a_figure_is_a_shared_fact_only_when_it_can_tell_events_apart() -> None:
    assert figure_key(39, None, "people killed") == (39, "killed")
    assert figure_key(2e9, "USD", None) == (2e9, "USD")
    assert figure_key(2, None, "soldiers") is None  # two of anything
    assert figure_key(5, "years", None) is None  # a common span ...
    assert figure_key(17, "years", None) == (17, "years")  # ... unless the number itself is telling
    assert figure_key(2014, None, None) is None  # a bare number
