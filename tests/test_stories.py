"""Stories kept in the store: an article joins a story when saved, stories span days, the
order of ingestion does not matter after regrouping, syndicated copies count once."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from digests.digest import build_digest
from digests.ingest import ingest_inputs, reextract
from digests.render import render_markdown
from digests.store import Store
from digests.stories import decay

WIRE = Path(__file__).parent / "data" / "grouping" / "wire"
CABLE = Path(__file__).parent / "data" / "grouping" / "articles"


def _ingest(store: Store, paths: list[Path]) -> None:
    for p in paths:  # one batch per file: the store grows as a feed would fill it
        assert ingest_inputs(store, [str(p)]).failed == 0


def _stories_by_url(store: Store) -> set[frozenset[str]]:
    rows = store.db.execute(
        "SELECT m.story_id, a.url FROM story_members m JOIN articles a ON a.id = m.article_id"
    ).fetchall()
    by: dict[int, set[str]] = {}
    for story, url in rows:
        by.setdefault(story, set()).add(url)
    return {frozenset(v) for v in by.values()}


@pytest.fixture
def wire(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "w.db")
    _ingest(s, sorted(WIRE.iterdir()))
    return s


def test_a_saved_article_joins_the_story_it_continues(wire: Store) -> None:
    stories = _stories_by_url(wire)
    strike = next(s for s in stories if any("valparaiso-dockworkers" in u for u in s))
    assert len(strike) == 4  # the wire, its copy, another telling, and the deal two days later
    assert any("lithium" in u for s in stories for u in s if len(s) == 1)


def test_a_story_spanning_days_tells_what_is_new_in_the_period(wire: Store) -> None:
    d = build_digest(wire, date(2026, 4, 8), date(2026, 4, 8), max_stories=None)
    strike = next(s for s in d.stories if "Valparaíso" in s.headline)
    # only the day's article is a source; the three of Monday are context, not developments
    assert [s.published for s in strike.sources] == [date(2026, 4, 8)]
    assert [s.published for s in strike.earlier] == [date(2026, 4, 6)] * 3
    assert all(dev.article_id == strike.sources[0].article_id for dev in strike.developments)
    assert strike.earlier_note() == "Continues a story told since 6 Apr 2026 (3 earlier articles)"
    assert "Continues a story told since 6 Apr 2026" in render_markdown(d)
    # the week's digest tells the same story (the same id) with all four articles as sources
    week = build_digest(wire, date(2026, 4, 6), date(2026, 4, 8), max_stories=None)
    same = next(s for s in week.stories if s.id == strike.id)
    assert len(same.sources) == 4 and not same.earlier


def test_a_syndicated_copy_counts_once_and_is_shown_once_with_both_sources(wire: Store) -> None:
    d = build_digest(wire, date(2026, 4, 6), date(2026, 4, 6), max_stories=None)
    (strike,) = [s for s in d.stories if len(s.sources) > 1]
    assert {s.outlet for s in strike.sources} == {"Meridian Wire", "The Gulf Ledger", "The Harbour Times"}
    # two tellings: the wire (with its copy) and The Harbour Times; never "(3 outlets)"
    assert max(dev.outlets for dev in strike.developments) <= 2
    told = strike.told_sources()
    assert len(told) == 2
    wire_source, copies = next((s, c) for s, c in told if c)
    assert {wire_source.outlet, copies[0].outlet} == {"Meridian Wire", "The Gulf Ledger"}
    text = render_markdown(d)
    line = next(ln for ln in text.splitlines() if "gulfledger.example" in ln)
    assert "meridianwire.example" in line and "Meridian Wire" in line and "The Gulf Ledger" in line


def test_stories_do_not_depend_on_ingest_order_after_reextract(tmp_path: Path) -> None:
    paths = sorted([*WIRE.iterdir(), *CABLE.iterdir()])
    found = []
    for name, order in (("a", paths), ("b", paths[::-1]), ("c", paths[1::2] + paths[::2])):
        with Store.open(tmp_path / f"{name}.db") as s:
            _ingest(s, order)
            assert reextract(s).failed == 0
            found.append(_stories_by_url(s))
    assert found[0] == found[1] == found[2]
    assert len(found[0]) == 5  # strike, cable, budget, copper, lithium


def test_updating_and_deleting_articles_keep_membership_exact(wire: Store) -> None:
    ids = [r[0] for r in wire.db.execute("SELECT id FROM articles ORDER BY id")]
    assert set(wire.stories_of(ids)) == set(ids)
    assert wire.delete_article(ids[0])
    assert ids[0] not in wire.stories_of(ids)
    keys = wire.db.execute("SELECT count(*) FROM story_keys WHERE article_id = ?", [ids[0]]).fetchone()[0]
    assert keys == 0


def test_timeline_events_carry_the_story_a_digest_tells(wire: Store) -> None:
    from digests.timelines import timeline

    line = timeline(wire, "Valparaíso")
    events = line.past + line.coming_up
    assert events
    d = build_digest(wire, date(2026, 4, 6), date(2026, 4, 8), max_stories=None)
    strike = next(s for s in d.stories if any("valparaiso" in (src.url or "") for src in s.sources))
    assert {e.story for e in events} == {strike.id}
    # the wire and its copy tell Monday's walkout once
    monday = [e for e in events if e.date == "2026-04-06"]
    assert len({e.text for e in monday}) == len(monday)


def test_regrouping_compares_through_a_wider_index_of_its_own(wire: Store) -> None:
    from digests.stories import KEYS, REGROUP_KEYS

    assert REGROUP_KEYS > KEYS
    before = _stories_by_url(wire)
    assert wire.regroup() == 5
    assert _stories_by_url(wire) == before
    # the saves' index keeps its KEYS terms an article; the regrouping's own is emptied
    most = wire.db.execute("SELECT max(n) FROM (SELECT count(*) AS n FROM story_keys GROUP BY article_id)")
    assert 0 < most.fetchone()[0] <= KEYS
    assert wire.db.execute("SELECT count(*) FROM temp.regroup_keys").fetchone()[0] == 0


def _story_rows(store: Store) -> dict[int, int]:
    return dict(store.db.execute("SELECT article_id, story_id FROM story_members").fetchall())


def test_an_ingest_run_regroups_the_stories_it_touched_from_their_links(wire: Store) -> None:
    from digests.store.stories import unpack_links

    settled = _story_rows(wire)
    strike = [a for a, s in settled.items() if list(settled.values()).count(s) == 4]
    lithium = next(a for a, s in settled.items() if list(settled.values()).count(s) == 1)
    # every save keeps its similarities with the candidates it compared
    newest = max(strike)
    assert {other for other, _ in unpack_links(wire.db.execute(
        "SELECT links FROM story_members WHERE article_id = ?", [newest]).fetchone()[0])} & set(strike)
    # the strike's first article on a story of its own, as an earlier order of saves could leave it,
    # and the lithium article put with the cable story: neither is settled by the next run alone
    first = min(strike)
    with wire.db.conn:
        wire.db.execute("UPDATE story_members SET story_id = ? WHERE article_id = ?", [first, first])
        wire.db.execute(
            "UPDATE story_members SET story_id = ? WHERE article_id IN (SELECT value FROM json_each(?))",
            [1000 + first, json.dumps([a for a in strike if a != first])],
        )
        wire.db.execute("UPDATE story_members SET story_id = -1 WHERE article_id = ?", [lithium])
    # a run that saved the strike's last article regroups the strike's stories, and only those
    wire._unsettled = [newest]
    assert wire.settle_stories(1) is False  # one article of ten: not the whole store
    after = _story_rows(wire)
    assert len({after[a] for a in strike}) == 1 and after[first] == first  # known by its first article
    assert after[lithium] == -1  # untouched by the run
    assert not wire._unsettled


def test_stories_grouped_before_links_were_kept_are_compared_again_once(wire: Store) -> None:
    settled = _stories_by_url(wire)
    with wire.db.conn:
        wire.db.execute("UPDATE story_members SET links = NULL")  # as a store of schema version 16
    newest = wire.db.execute("SELECT max(article_id) FROM story_members").fetchone()[0]
    wire._unsettled = [newest]
    wire.settle_stories(1)
    assert _stories_by_url(wire) == settled
    strike = wire.stories_of([newest])[newest]
    unlinked = wire.db.execute(
        "SELECT count(*) FROM story_members WHERE story_id = ? AND links IS NULL", [strike]
    ).fetchone()[0]
    assert unlinked == 0


def test_links_are_kept_as_packed_doubles() -> None:
    from digests.store.stories import pack_links, unpack_links

    links = [(7, 0.25), (2**40 + 3, 0.1400001), (12, 0.035)]
    assert unpack_links(pack_links(links)) == links
    assert unpack_links(pack_links([])) == []


def _average_link_plainly(
    order: list[int], days: dict[int, int], edges: list[tuple[int, int, float]]
) -> dict[int, int]:
    """The agglomeration written plainly: every pair of stories weighed again at every step."""
    from digests.stories import THRESHOLD, WINDOW_DAYS

    rank = {a: i for i, a in enumerate(order)}
    sim: dict[tuple[int, int], float] = {}
    for a, b, s in edges:
        if a != b:
            key = (a, b) if rank[a] < rank[b] else (b, a)
            sim[key] = sim.get(key, 0.0) + s
    stories = {a: [a] for a in order}

    def link(x: int, y: int) -> float:
        total = sum(
            sim.get((p, q) if rank[p] < rank[q] else (q, p), 0.0) for p in stories[x] for q in stories[y]
        )
        n = sum(1 for p in stories[x] for q in stories[y] if abs(days[p] - days[q]) <= WINDOW_DAYS)
        return total / n if n else 0.0

    while True:
        best = None
        for x in stories:
            for y in stories:
                if rank[x] < rank[y] and link(x, y) > 0:
                    key = (-link(x, y), rank[x], rank[y])
                    best = key if best is None or key < best else best
        if best is None or -best[0] < THRESHOLD:
            return {a: first for first, ids in stories.items() for a in ids}
        keep, gone = order[best[1]], order[best[2]]
        stories[keep].extend(stories.pop(gone))


def test_average_link_joins_the_closest_stories_first_as_written_plainly() -> None:
    import random

    from digests.stories import average_link

    for seed in range(200):
        r = random.Random(seed)
        order = list(range(10, 10 + r.randint(1, 14)))
        r.shuffle(order)
        days = {a: r.randint(0, 12) for a in order}
        edges = [
            (r.choice(order), r.choice(order), r.choice([0.14, 0.2, 0.07, round(r.random() * 0.4, 3)]))
            for _ in range(r.randint(0, 4 * len(order)))
        ]
        assert average_link(order, days, edges) == _average_link_plainly(order, days, edges), seed


def test_grouping_part_by_part_gives_the_stories_of_the_whole() -> None:
    import random
    from array import array

    from digests.stories import average_link, average_link_in_parts

    for seed in range(300):
        r = random.Random(seed)
        order = list(range(10, 10 + r.randint(1, 40)))
        r.shuffle(order)
        days = {a: r.randint(0, 20) for a in order}
        count = r.randint(0, 3 * len(order)) if len(order) > 1 else 0
        pairs = sorted({tuple(sorted(r.sample(order, 2))) for _ in range(count)})  # each pair once
        edges = [(a, b, r.choice([0.14, 0.2, 0.07, 0.1399, round(r.random() * 0.3, 3)])) for a, b in pairs]
        firsts, seconds = array("q", [e[0] for e in edges]), array("q", [e[1] for e in edges])
        sims = array("d", [e[2] for e in edges])
        whole = average_link(order, days, edges)
        assert average_link_in_parts(order, days, firsts, seconds, sims) == whole, seed


def test_a_bulk_insert_leaves_settling_to_the_loader(tmp_path: Path) -> None:
    """Articles of a bulk insert are grouped but not left for the next ingest run to settle: a run
    after a bulk load of thousands regroups around its own articles, not the whole load."""
    from digests.extract import extract
    from digests.sources import read_path

    store = Store.open(tmp_path / "bulk.db")
    paths = sorted(WIRE.iterdir())
    with store.transaction():
        for p in paths[:-1]:
            art = read_path(p)
            store.insert_article(art, extract(art.text, art.published))
    assert len(store.stories_of(range(1, len(paths)))) == len(paths) - 1  # grouped at once
    assert not store._unsettled
    _ingest(store, paths[-1:])  # a save is settled by its run, which empties the list again
    assert not store._unsettled
    last = store.db.execute("SELECT max(article_id) FROM story_members").fetchone()[0]
    again = read_path(paths[0]).model_copy(update={"url": "https://example.org/again", "text": "Changed."})
    aid, _status = store.save(again, extract(again.text, again.published))
    assert store._unsettled == [aid] and aid > last


PREVIEW = """---
title: Arland and Beskia to hold fishing quota talks in Geneva
source: The Harbour Times
url: https://harbourtimes.example/2026/05/04/arland-beskia-quota-talks
published: 2026-05-04
---
Arland and Beskia to hold fishing quota talks in Geneva

Negotiators from Arland and Beskia will meet in Geneva on Thursday to settle their dispute over
herring quotas in the Skarn Sea, officials said on Monday.

The two governments have argued over the quotas since the spring, when Beskian trawlers were
turned away from Arland's ports.
"""

REPORT = """---
title: Arland, Beskia agree herring quotas after Geneva talks
source: Meridian Wire
url: https://meridianwire.example/2026/05/07/arland-beskia-herring-deal
published: 2026-05-07
---
Arland, Beskia agree herring quotas after Geneva talks

GENEVA (Meridian Wire) - Arland and Beskia agreed new herring quotas for the Skarn Sea on
Thursday after a day of talks in Geneva, ending a dispute that had kept Beskian trawlers out of
Arland's ports since the spring.
"""


def test_a_preview_and_the_report_of_what_it_announced_are_one_story(tmp_path: Path) -> None:
    # three days apart, which alone would keep them apart: the preview's lead announced that day
    paths = []
    for name, text in (("preview.md", PREVIEW), ("report.md", REPORT)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    with Store.open(tmp_path / "p.db") as store:
        _ingest(store, paths)
        ahead = dict(store.db.execute(
            "SELECT a.url, m.ahead FROM story_members m JOIN articles a ON a.id = m.article_id").fetchall())
        assert sorted(ahead.values()) == [0, 3]  # Thursday, three days after Monday
        assert len(_stories_by_url(store)) == 1
        ids = [int(r[0]) for r in store.db.execute("SELECT id FROM articles ORDER BY published")]
        assert "x decay 1.00 (-3d, ahead 0/3)" in store.story_evidence(ids[1], ids[0])
        with store.db.conn:
            store.db.execute("UPDATE story_members SET ahead = 0")
        assert f"x decay {decay(3):.2f} (-3d)" in store.story_evidence(ids[1], ids[0])  # three days apart


def test_a_save_keeps_the_lead_sentence_a_regrouping_reads_back(wire: Store) -> None:
    from digests.store.stories import LEAD, lead_sentence

    rows = wire.db.execute(
        f"SELECT a.text, a.lead_start, a.lead_sentence_end, {LEAD}, a.title FROM articles a"
    ).fetchall()
    assert rows and all(r[3] for r in rows)
    for text, start, end, read, title in rows:
        assert lead_sentence(text, start, end) == read and read.strip() not in title
    # the words each save kept are the ones a regrouping, reading the lead back, keeps; so are the stories
    kept = wire.db.execute("SELECT article_id, lead, lead_norm FROM story_members ORDER BY 1").fetchall()
    assert all(lead and norm > 0 for _, lead, norm in kept)
    before = _stories_by_url(wire)
    wire.regroup()
    again = wire.db.execute("SELECT article_id, lead, lead_norm FROM story_members ORDER BY 1").fetchall()
    assert [r[:2] for r in again] == [r[:2] for r in kept] and _stories_by_url(wire) == before
    ids = [int(r[0]) for r in wire.db.execute("SELECT id FROM articles ORDER BY published, id")]
    assert any("[lead: " in wire.story_evidence(a, b) for a in ids for b in ids if a != b)


def test_a_store_of_schema_18_upgrades_with_no_leads_until_regrouped(tmp_path: Path) -> None:
    from digests.store import SCHEMA_VERSION

    path = tmp_path / "v18.db"
    with Store.open(path) as store:
        _ingest(store, sorted(WIRE.iterdir()))
        before = _stories_by_url(store)
        store.db.execute("ALTER TABLE story_members DROP COLUMN lead")
        store.db.execute("ALTER TABLE story_members DROP COLUMN lead_norm")
        store.db.execute("UPDATE meta SET value = '18' WHERE key = 'schema_version'")
        store.db.conn.commit()
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert _stories_by_url(store) == before
        empty = "SELECT count(*) FROM story_members WHERE lead = '' AND lead_norm = 0"
        assert store.db.execute(empty).fetchone()[0] == len(store.story_rows())
        store.regroup()
        assert store.db.execute(empty).fetchone()[0] == 0
        assert _stories_by_url(store) == before


def test_a_store_of_schema_17_upgrades_with_no_look_ahead_until_regrouped(tmp_path: Path) -> None:
    from digests.store import SCHEMA_VERSION

    path = tmp_path / "v17.db"
    with Store.open(path) as store:
        _ingest(store, sorted(WIRE.iterdir()))
        before = _stories_by_url(store)
        store.db.execute("ALTER TABLE story_members DROP COLUMN ahead")
        store.db.execute("UPDATE meta SET value = '17' WHERE key = 'schema_version'")
        store.db.conn.commit()
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert _stories_by_url(store) == before
        assert store.db.execute("SELECT count(*) FROM story_members WHERE ahead <> 0").fetchone()[0] == 0
        (tmp_path / "p.md").write_text(PREVIEW, encoding="utf-8")
        _ingest(store, [tmp_path / "p.md"])
        assert store.db.execute("SELECT max(ahead) FROM story_members").fetchone()[0] == 3
        assert _stories_by_url(store) >= before


def test_a_story_told_over_days_keeps_its_similarity_where_its_neighbourhoods_agree() -> None:
    """Three outlets telling one event on days 0, 1 and 3: the first and the last are close to the
    same article (the second), so the decay of their three days is lifted and the three are one story;
    two developments of a saga two days apart, each close to its own articles, stay decayed."""
    from array import array

    from digests.stories import THRESHOLD, average_link, days_apart, lift_decay, neighbourhood_agreement

    raw = 0.3
    told = decay(days_apart(3))
    days = {1: 0, 2: 1, 3: 3}
    firsts, seconds, sims = [2, 3, 3], [1, 2, 1], [raw, raw * decay(2), raw * told]
    assert raw * told < THRESHOLD  # decayed, the first and the last would not reach the threshold
    near = {1: {2: raw, 3: raw * told}, 2: {1: raw, 3: raw * decay(2)}, 3: {2: raw * decay(2), 1: raw * told}}
    assert neighbourhood_agreement(1, 3, near) == pytest.approx(1.0)
    lifted = lift_decay(days, {}, firsts, seconds, sims)
    assert list(lifted) == pytest.approx([raw, raw, raw])
    assert set(average_link([1, 2, 3], days, zip(firsts, seconds, lifted, strict=True)).values()) == {1}
    # a planned event announced ahead is not decayed in the first place: nothing to lift
    assert list(lift_decay(days, {1: 3}, [3], [1], [raw])) == [raw]

    # a saga: 11 and 12 on day 0, 13 and 14 on day 2 (each pair close), every pair across decayed
    days = {11: 0, 12: 0, 13: 2, 14: 2}
    across = 0.2 * decay(2)
    edges = [(12, 11, raw), (14, 13, raw)] + [(a, b, across) for a in (13, 14) for b in (11, 12)]
    firsts, seconds, sims = (array("q", [e[0] for e in edges]), array("q", [e[1] for e in edges]),
                             array("d", [e[2] for e in edges]))
    assert list(lift_decay(days, {}, firsts, seconds, sims)) == list(sims)
    assert len(set(average_link([11, 12, 13, 14], days, edges).values())) == 2
    # the neighbourhoods can come from more links than the pairs lifted (a part of the store)
    assert list(lift_decay(days, {}, [13], [11], [0.2 * decay(2)], context=edges)) == [0.2 * decay(2)]
