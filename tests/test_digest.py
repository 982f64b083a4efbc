"""The digest engine on real SQLite stores filled with hand-made facts (tests/data/digest)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from digest_fixtures import build, fill, raw_articles

from digests.digest import Digest, Scope, Story, build_digest, latest_period, resolve_scope
from digests.errors import InputError
from digests.store import Store

SINCE, UNTIL = date(2026, 3, 2), date(2026, 3, 4)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "digest.db")
    fill(s)
    yield s
    s.close()


def _story(digest: Digest, word: str) -> Story:
    found = [s for s in digest.stories if word.lower() in s.headline.lower()]
    assert len(found) == 1, [s.headline for s in digest.stories]
    return found[0]


def test_articles_about_one_event_make_one_story(store: Store) -> None:
    d = build_digest(store, SINCE, UNTIL)
    assert len(d.stories) == 3
    lithium = _story(d, "lithium")
    assert {s.outlet for s in lithium.sources} == {"Andes Wire", "Pacific Ledger", "The Southern Review"}
    kenya = _story(d, "Kenya")
    assert [s.outlet for s in kenya.sources] == ["East Africa Daily", "Horn Observer"]
    norway = _story(d, "Norway")
    assert len(norway.sources) == 1
    # the February article is outside the period
    assert all(s.published and SINCE <= s.published <= UNTIL for st in d.stories for s in st.sources)


def test_syndicated_copy_is_listed_but_not_told_twice(store: Store) -> None:
    lithium = _story(build_digest(store, SINCE, UNTIL), "lithium")
    texts = [dev.text for dev in lithium.developments]
    assert len(texts) == len(set(texts))
    assert not any(a != b and (a in b or b in a) for a in texts for b in texts)
    # the syndicated copy repeats the signing from the same wire: the quote is still told once
    assert len(lithium.quotes) == 1


def test_developments_rank_figures_and_decisions_over_colour(store: Store) -> None:
    lithium = _story(build_digest(store, SINCE, UNTIL), "lithium")
    assert 2 <= len(lithium.developments) <= 4
    assert not any("posed for photographs" in dev.text for dev in lithium.developments)
    assert any("$2 billion" in dev.figures for dev in lithium.developments)
    assert lithium.developments[0].outlets >= 2  # corroborated by two outlets


def test_most_telling_quote_has_speaker_and_role(store: Store) -> None:
    lithium = _story(build_digest(store, SINCE, UNTIL), "lithium")
    q = lithium.quotes[0]
    assert q.speaker == "Ana Ruiz"
    assert q.role == "Chilean Foreign Minister"
    assert q.text.startswith("This agreement turns a quarrel")
    assert q.source in {"Andes Wire", "Pacific Ledger"}


def test_countries_and_topics(store: Store) -> None:
    d = build_digest(store, SINCE, UNTIL)
    assert set(_story(d, "lithium").countries) >= {"Chile", "Peru"}
    assert _story(d, "Kenya").countries == ["Kenya"]
    assert "elections" in _story(d, "Kenya").topics
    assert "energy" in _story(d, "Norway").topics


def test_coming_up_after_the_period_soonest_first_unconfirmed_marked(store: Store) -> None:
    d = build_digest(store, SINCE, UNTIL, horizon_weeks=4)
    days = [c.day for c in d.coming_up]
    assert days == sorted(days)
    assert all(day > UNTIL for day in days)
    by_date = {c.date: c for c in d.coming_up}
    assert by_date["2026-03-16"].confirmed and by_date["2026-03-16"].status == "planned"
    # two articles announce the runoff: one entry, told with the fuller text
    runoff = [c for c in d.coming_up if c.date == "2026-03-21"]
    assert len(runoff) == 1 and "Grace Wanjiru" in runoff[0].text
    visit = by_date["2026-04"]
    assert visit.status == "reported" and visit.confirmed is False
    # a year-only plan (production in 2029) is far beyond any horizon
    assert "2029" not in by_date


def test_horizon_limits_coming_up(store: Store) -> None:
    d = build_digest(store, SINCE, UNTIL, horizon_weeks=1)
    near = [c for c in d.coming_up if not c.further_ahead]
    assert [c.date for c in near] == []  # March 16 is 12 days after March 4
    d2 = build_digest(store, SINCE, UNTIL, horizon_weeks=2)
    assert [c.date for c in d2.coming_up if not c.further_ahead] == ["2026-03-16"]


def test_after_is_relative_to_the_period_not_the_clock(store: Store) -> None:
    # a digest of February: the March 2 signing was still coming up then
    d = build_digest(store, date(2026, 2, 9), date(2026, 2, 11))
    assert [c.date for c in d.coming_up] == ["2026-03-02"]
    assert d.coming_up[0].confirmed


def test_who_is_talking_counts_quotes(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as s:
        fill(s)
        d = build_digest(s, SINCE, UNTIL)
        counts = {sp.name: sp.count for sp in d.speakers}
        # the syndicated copy's quote is the same quote: Ana Ruiz is counted once
        assert counts["Ana Ruiz"] == 1
        assert counts["Rosa Mendoza"] == 1
        assert all(sp.count >= 1 for sp in d.speakers)
        # a second story quoting Ruiz again raises her count
        d2 = build_digest(s, date(2026, 2, 10), UNTIL)
        assert {sp.name: sp.count for sp in d2.speakers}["Ana Ruiz"] == 2
        assert d2.speakers[0].name == "Ana Ruiz"


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        (Scope(topics=["elections"]), ["Kenya"]),
        (Scope(countries=["Kenya"]), ["Kenya"]),
        (Scope(countries=["KE"]), ["Kenya"]),
        (Scope(countries=["Peru", "Norway"]), ["lithium", "Norway"]),
        (Scope(countries=["Latin America"]), ["lithium"]),
        (Scope(entities=["Ingrid Dahl"]), ["Norway"]),
        (Scope(entities=["Chile"]), ["lithium"]),
        (Scope(topics=["trade"], entities=["Wanjiru"]), ["Kenya"]),
    ],
)
def test_scope(store: Store, scope: Scope, expected: list[str]) -> None:
    d = build_digest(store, SINCE, UNTIL, scope)
    got = sorted(
        next(w for w in expected if w.lower() in s.headline.lower())
        for s in d.stories
        if any(w.lower() in s.headline.lower() for w in expected)
    )
    assert got == sorted(expected)
    assert len(d.stories) == len(expected)


def test_scope_with_nothing_in_it_is_empty(store: Store) -> None:
    d = build_digest(store, SINCE, UNTIL, Scope(countries=["Japan"]))
    assert d.empty and d.stories == [] and d.coming_up == []


def test_a_channel_about_korea_sees_both_koreas(tmp_path: Path) -> None:
    raw = raw_articles()[5]  # Norway, retold about Korea
    with Store.open(tmp_path / "k.db") as s:
        a, f = build(
            raw, title="North Korea fires missile as South Korea holds drills", url="https://k.example/1"
        )
        s.save(a, f)
        d = build_digest(s, SINCE, UNTIL, Scope(countries=["Korea"]))
        assert len(d.stories) == 1
        assert build_digest(s, SINCE, UNTIL, Scope(countries=["Kenya"])).empty


def test_novelty_after_article_id(store: Store) -> None:
    ids = {s.article_id for st in build_digest(store, SINCE, UNTIL).stories for s in st.sources}
    cut = sorted(ids)[2]
    d = build_digest(store, SINCE, UNTIL, after_article_id=cut)
    newer = {s.article_id for st in d.stories for s in st.sources}
    assert newer and all(i > cut for i in newer)
    assert d.last_article_id == max(ids)
    nothing = build_digest(store, SINCE, UNTIL, after_article_id=max(ids))
    assert nothing.empty and nothing.stories == []
    assert nothing.last_article_id == max(ids)


def test_empty_period_is_a_short_nothing_new(store: Store) -> None:
    d = build_digest(store, date(2025, 1, 1), date(2025, 1, 7))
    assert d.empty and not d.stories and not d.coming_up and not d.speakers
    assert d.title


def test_deterministic_and_json_fields(store: Store, tmp_path: Path) -> None:
    a = build_digest(store, SINCE, UNTIL).model_dump_json()
    b = build_digest(store, SINCE, UNTIL).model_dump_json()
    assert a == b
    # the same articles stored in another order give the same stories
    with Store.open(tmp_path / "other.db") as other:
        fill(other, [r["key"] for r in reversed(raw_articles())])
        c = build_digest(other, SINCE, UNTIL)
    assert sorted(s.headline for s in c.stories) == sorted(s["headline"] for s in json.loads(a)["stories"])
    data = json.loads(a)
    assert {"period", "stories", "coming_up", "speakers"} <= data.keys()
    assert data["period"] == {"since": "2026-03-02", "until": "2026-03-04"}
    story = data["stories"][0]
    assert {"headline", "developments", "quotes", "topics", "countries", "sources"} <= story.keys()
    assert {"speaker", "role", "text", "source"} <= story["quotes"][0].keys()
    assert {"title", "outlet", "url", "published"} <= story["sources"][0].keys()
    assert {"date", "date_end", "status", "text", "confirmed"} <= data["coming_up"][0].keys()
    assert {"name", "count"} <= data["speakers"][0].keys()


def test_latest_period(store: Store, tmp_path: Path) -> None:
    assert latest_period(store) == (date(2026, 3, 4), date(2026, 3, 4))
    assert latest_period(store, days=7) == (date(2026, 2, 26), date(2026, 3, 4))
    with Store.open(tmp_path / "empty.db") as empty, pytest.raises(InputError):
        latest_period(empty)


def test_articles_without_a_date_count_on_their_ingestion_day(tmp_path: Path) -> None:
    with Store.open(tmp_path / "n.db") as s:
        a, f = build(raw_articles()[5], published=None)
        aid, _ = s.save(a, f)
        day = date.fromisoformat(s.db.execute("SELECT ingested_at FROM articles").fetchone()[0][:10])
        assert latest_period(s) == (day, day)
        d = build_digest(s, day, day)
        assert [src.article_id for st in d.stories for src in st.sources] == [aid]


def test_bad_input(store: Store) -> None:
    with pytest.raises(InputError):
        build_digest(store, UNTIL, SINCE)
    with pytest.raises(InputError):
        build_digest(store, SINCE, UNTIL, Scope(topics=["gossip"]))
    with pytest.raises(InputError, match="known topics"):
        resolve_scope(topics=["gossip"])
    assert resolve_scope(topics=["Human rights", "defence"]).topics == ["human-rights", "security"]


def test_long_days_keep_the_digest_short(tmp_path: Path) -> None:
    raw = raw_articles()[5]
    with Store.open(tmp_path / "many.db") as s:
        for i in range(30):
            words = f"Zeta{i} Omicron{i} Kappa{i}"
            a, f = build(
                raw,
                title=f"{words} unrelated event number {i}",
                url=f"https://x.example/{i}",
                text=f"{words} unrelated event number {i}\n\n{words} did something on Wednesday in town "
                f"number {i} that nobody else did, officials said.",
            )
            s.save(a, f)
        s.regroup()  # saved one by one into a young store: grouped again as ingest would
        d = build_digest(s, SINCE, UNTIL, max_stories=10)
        assert len(d.stories) == 10 and d.more_stories == 20


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__]))


# End to end: real extraction of the demo corpus and of the sample article -----------------

SAMPLE = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "xi-lee-summit.txt"
GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "gold" / "xi-lee-summit.json"
# Families of demo articles by file name: no story may mix two of them. The analysis of
# Seoul's week between Beijing and Nara may join either of those two stories.
FAMILIES = {
    "lee-heads": "beijing",
    "china-korea": "beijing",
    "xi-lee": "beijing",
    "ev-": "ev",
    "red-sea": "red-sea",
    "nara": "nara",
    "portugal": "portugal",
    "balancing": None,
}


def _family(origin: str | None) -> str | None:
    name = Path(origin or "").name
    return next((fam for key, fam in FAMILIES.items() if key in name), "unknown")


def _ingest(path: Path, paths: list[Path], **kw: object) -> Store:
    from digests.extract import extract
    from digests.ingest import ingest_articles
    from digests.sources import read_path

    articles = [read_path(p, **kw) for p in paths]  # type: ignore[arg-type]
    facts = [extract(a.text, a.published) for a in articles]
    if not any(f.quotes for f in facts) or not any(f.entities for f in facts):
        pytest.skip("extraction finds no quotations or entities yet: the end-to-end digest needs them")
    store = Store.open(path)
    report = ingest_articles(store, articles)
    assert report.failed == 0, report.errors
    return store


def _origins(store: Store, story: Story) -> list[str]:
    ids = [s.article_id for s in story.sources]
    rows = store.db.execute(
        f"SELECT origin FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids
    ).fetchall()
    return [r[0] for r in rows]


def test_demo_corpus_story_by_story(tmp_path: Path) -> None:
    from digests.demo import demo_paths

    paths = demo_paths()
    with _ingest(tmp_path / "demo.db", paths) as store:
        since, until = latest_period(store, days=7)
        d = build_digest(store, since, until)
        assert not d.empty and d.articles == len(paths)
        families: dict[str, int] = {}
        for story in d.stories:
            fams = {f for f in (_family(o) for o in _origins(store, story)) if f is not None}
            assert len(fams) <= 1, (story.headline, _origins(store, story))
            assert story.sources and all(s.url and s.outlet and s.published for s in story.sources)
            assert 1 <= len(story.developments) <= 4
            for q in story.quotes:
                assert q.speaker and q.text and q.source
            for fam in fams:
                families[fam] = families.get(fam, 0) + 1
        # the summit in Beijing is one story told by three outlets (one of them syndicating the wire)
        beijing = [s for s in d.stories if {_family(o) for o in _origins(store, s)} - {None} == {"beijing"}]
        assert len(beijing) == 1
        assert {s.outlet for s in beijing[0].sources} >= {
            "The Harbour Times",
            "Meridian Wire",
            "The Gulf Ledger",
        }
        # a story told by the most outlets leads (the Beijing summit, or the Nara visit that the
        # Continental Review's column on Seoul's week between the two joins when regrouped at once)
        outlets = [len({s.outlet for s in st.sources}) for st in d.stories]
        assert outlets[0] == max(outlets) == 3, "the most covered story leads"
        assert set(beijing[0].countries[:2]) == {"China", "South Korea"}
        # the EV talks and the Nara summit are each one story
        assert families.get("ev") == 1 and families.get("nara") == 1 and families.get("portugal") == 1
        # every article is in exactly one story
        ids = [s.article_id for st in d.stories for s in st.sources]
        assert len(ids) == len(set(ids)) == len(paths)
        assert d.speakers and all(sp.count >= 1 for sp in d.speakers)


def test_demo_corpus_coming_up(tmp_path: Path) -> None:
    from digests.demo import demo_paths
    from digests.extract import extract
    from digests.sources import read_path

    if not any(extract(read_path(p).text, read_path(p).published).events for p in demo_paths()):
        pytest.skip("event extraction finds no dated events yet: coming up needs them")
    with _ingest(tmp_path / "demo.db", demo_paths()) as store:
        d = build_digest(store, date(2026, 1, 3), date(2026, 1, 9))
    dates = [c.day for c in d.coming_up]
    assert dates == sorted(dates) and all(day > date(2026, 1, 9) for day in dates)
    nara = [c for c in d.coming_up if c.date == "2026-01-13"]
    assert nara and nara[0].confirmed, "Tokyo confirmed the Nara dates on Jan 9"
    # "will receive Lee in Nara next week" is that summit (the one-date fold, as /timeline has it),
    # shown once, in the words of a telling of its days; the protest on Monday stays its own
    assert not [c for c in d.coming_up if c.date.startswith("2026-W")]
    assert "Jan 13 and 14" in nara[0].text
    assert [c.date for c in d.coming_up if "protest" in c.text] == ["2026-01-12"]


def test_sample_article_digest(tmp_path: Path) -> None:
    if not SAMPLE.is_file():
        pytest.skip(f"the sample article is not here: {SAMPLE}")
    with _ingest(tmp_path / "sample.db", [SAMPLE], published=date(2026, 1, 6)) as store:
        d = build_digest(store, date(2026, 1, 4), date(2026, 1, 7))
    assert len(d.stories) == 1
    story = d.stories[0]
    assert "summit" in story.headline.lower()
    assert len(story.sources) == 1 and story.sources[0].published == date(2026, 1, 6)
    assert story.sources[0].title == story.headline
    assert {"China", "South Korea"} <= set(story.countries)
    assert story.quotes, "at least one quotation"
    q = story.quotes[0]
    assert q.speaker and q.role
    if GOLD.is_file():
        gold = json.loads(GOLD.read_text(encoding="utf-8"))
        said = [g for g in gold["quotes"] if g["text"][:40] in q.text or q.text[:40] in g["text"]]
        assert said, q.text
        assert q.speaker == said[0]["speaker"]
    assert any(sp.name == q.speaker for sp in d.speakers)


def test_sample_article_coming_up(tmp_path: Path) -> None:
    if not SAMPLE.is_file():
        pytest.skip(f"the sample article is not here: {SAMPLE}")
    from digests.extract import extract

    if not extract(SAMPLE.read_text(encoding="utf-8"), date(2026, 1, 6)).events:
        pytest.skip("event extraction finds no dated events yet: coming up needs them")
    with _ingest(tmp_path / "sample.db", [SAMPLE], published=date(2026, 1, 6)) as store:
        d = build_digest(store, date(2026, 1, 4), date(2026, 1, 7))
    nara = [c for c in d.coming_up if c.date == "2026-01-13"]
    assert nara, [c.date for c in d.coming_up]
    assert nara[0].date_end == "2026-01-14" and nara[0].confirmed is False and nara[0].status == "reported"
    april = [c for c in d.coming_up if c.date.startswith("2026-04")]
    assert april and "Beijing" in april[0].text
    assert [c.day for c in d.coming_up] == sorted(c.day for c in d.coming_up)


def test_scope_topics_as_people_write_them(store: Store) -> None:
    d = build_digest(store, SINCE, UNTIL, Scope(topics=["Elections"]))
    assert d.scope.topics == ["elections"] and len(d.stories) == 1


_PATROL = """---
title: Coastal states agree to share a new fisheries patrol
source: The Test Gazette
url: https://gazette.example/2026/05/20/patrol
published: 2026-05-20
---
Coastal states agree to share a new fisheries patrol

{lead}

The first joint patrol boats will sail in {when}, after their crews finish training, the ministry said.

"This ends years of quarrels over the northern banks," Fisheries Minister Tomas Berg said.
"""
_GOV_LEAD = (
    "The fisheries ministers of Norland and Estavia met in the capital, "
    "where Gov. Maria Santos signed the deal."
)


@pytest.mark.parametrize(("when", "value"), [("summer 2026", "2026-SU"), ("the third quarter", "2026-Q3")])
def test_a_planned_season_reaches_coming_up(tmp_path: Path, when: str, value: str) -> None:
    """Regression: "summer 2026" (2026-SU) was stored without day bounds and never came up."""
    path = tmp_path / "patrol.md"
    path.write_text(_PATROL.format(lead=_GOV_LEAD, when=when), encoding="utf-8")
    with _ingest(tmp_path / "season.db", [path]) as store:
        d = build_digest(store, date(2026, 5, 20), date(2026, 5, 20), horizon_weeks=8)
    assert [(c.date, c.status) for c in d.coming_up] == [(value, "planned")]
    assert "patrol boats will sail" in d.coming_up[0].text


def test_a_lead_with_an_abbreviated_title_is_told_whole(tmp_path: Path) -> None:
    """Regression: the digest's own splitter cut this lead after "Gov."."""
    path = tmp_path / "patrol.md"
    path.write_text(_PATROL.format(lead=_GOV_LEAD, when="summer 2026"), encoding="utf-8")
    with _ingest(tmp_path / "gov.db", [path]) as store:
        d = build_digest(store, date(2026, 5, 20), date(2026, 5, 20))
    texts = [dev.text for s in d.stories for dev in s.developments]
    assert _GOV_LEAD in texts
    assert not any(t.endswith("Gov.") for t in texts)


def test_a_quotation_without_outlet_is_credited_to_the_site_not_the_headline(tmp_path: Path) -> None:
    from digests.extract import extract
    from digests.models import Article
    from digests.render import render_markdown

    text = (
        "Ministers agree harbour deal after a long night of talks in the capital\n\n"
        "Ministers agreed the harbour deal on Monday after talks that ran through the night.\n\n"
        "\"This is a good day for the port,\" Transport Minister Ana Ruiz said on Monday.\n\n"
        "The port will take larger ships from May, the ministry said.\n\n"
        "\"We waited for this deal for ten long years at the quay,\" Ruiz told reporters at the port.\n"
    )
    article = Article(title=text.splitlines()[0], text=text, url="https://www.harbour.example/news/deal",
                      published=date(2026, 3, 3))
    with Store.open(tmp_path / "s.db") as store:
        store.save(article, extract(text, article.published))
        digest = build_digest(store, date(2026, 3, 2), date(2026, 3, 3), Scope())
    (story,) = digest.stories
    assert story.quotes and story.quotes[0].source == "harbour.example"
    markdown = render_markdown(digest)
    assert "(harbour.example)" in markdown and "(Ministers agree" not in markdown


def test_the_story_quotation_is_not_a_development_told_again(tmp_path: Path) -> None:
    from digests.digest import build_digest
    from digests.ingest import ingest_articles
    from digests.models import Article

    text = (
        "Lenz quay to be rebuilt\n\n"
        "\u201cWe will rebuild the quay in Lenz before the winter storms arrive,\u201d Minister Ana Ruiz "
        "said on Monday.\n\n"
        "The old quay was destroyed by a storm in 2025 and has been closed to ships since then.\n\n"
        "\u201cThe harbour workers of Lenz deserve a safe place to work,\u201d Ruiz told reporters."
    )
    art = Article(title="Lenz quay to be rebuilt", text=text, url="https://harbour.example/world/2026/03/09/quay",
                  source="Harbour Gazette", published=date(2026, 3, 9))
    with Store.open(tmp_path / "q.db") as store:
        ingest_articles(store, [art])
        story = build_digest(store, date(2026, 3, 9), date(2026, 3, 9)).stories[0]
    assert any("rebuild the quay" in d.text for d in story.developments)
    assert story.quotes and "safe place to work" in story.quotes[0].text
