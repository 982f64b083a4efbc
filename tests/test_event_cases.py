"""Events of an article of our own that holds each hard case of real news at once: tense from the
clause holding the date, quotations keeping their own time, named days, postponed and called-off
plans, identifiers, and an announcement's date against the event's. Then the same article through
a real store: the status cue is stored, and Coming up drops what its source says is off."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from digests.digest import build_digest
from digests.extract import extract
from digests.models import Article, Extraction
from digests.store import Store

DATA = Path(__file__).parent / "data" / "events"
TEXT = (DATA / "harbour-summit.txt").read_text(encoding="utf-8")
EXPECTED = json.loads((DATA / "harbour-summit.json").read_text(encoding="utf-8"))
PUBLISHED = date.fromisoformat(EXPECTED["published"])


@pytest.fixture(scope="module")
def facts() -> Extraction:
    return extract(TEXT, PUBLISHED)


def test_each_event_once_with_its_own_date_status_and_cue(facts: Extraction) -> None:
    got = [(e.date, e.date_end, e.status, e.cue) for e in facts.events]
    want = [(e["date"], e["date_end"], e["status"], e["cue"]) for e in EXPECTED["events"]]
    assert got == want


def test_dates_that_are_no_events(facts: Extraction) -> None:
    dates = {e.date for e in facts.events}
    assert not dates & set(EXPECTED["never"]["dates"])


def test_identifiers_are_not_figures(facts: Extraction) -> None:
    assert not {f.value for f in facts.figures} & set(EXPECTED["not_figures"])


def test_the_cue_is_stored_and_coming_up_drops_what_is_off(tmp_path: Path, facts: Extraction) -> None:
    with Store.open(tmp_path / "h.db") as store:
        article = Article(title=TEXT.splitlines()[0], text=TEXT, published=PUBLISHED, source="Coastline Wire")
        article_id, _ = store.save(article, facts)
        stored = store.facts(article_id).events
        assert [e.cue for e in stored] == [e.cue for e in facts.events]
        digest = build_digest(store, date(2026, 1, 5), date(2026, 1, 11))
    coming = [(c.date, c.status) for c in digest.coming_up]
    # the summit once (not again as "mid-January"), the signing; not the postponed talks nor the drill
    assert coming[:2] == [("2026-01-13", "planned"), ("2026-01-27", "planned")]
    assert not {"2026-01-20", "2026-01-22", "2026-01"} & {d for d, _ in coming}
    assert all(c.source.article_id == article_id for c in digest.coming_up)


def test_a_plan_called_off_by_a_later_article_leaves_coming_up(tmp_path: Path) -> None:
    told = [
        (date(2026, 1, 6), "Velmora festival opens soon",
         "The harbour festival of Velmora will open on Jan 24 with a parade of fishing boats."),
        (date(2026, 1, 8), "Storm ends Velmora festival plans",
         "Organisers cancelled the harbour festival of Velmora scheduled for Jan 24 after the storm."),
    ]
    with Store.open(tmp_path / "f.db") as store:
        for published, title, body in told:
            text = f"{title}\n\n{body}"
            store.save(Article(title=title, text=text, published=published, source="Coastline Wire",
                               url=f"https://example.org/{published}"), extract(text, published))
        before = build_digest(store, date(2026, 1, 5), date(2026, 1, 6))
        after = build_digest(store, date(2026, 1, 5), date(2026, 1, 11))
    assert [c.date for c in before.coming_up] == ["2026-01-24"]
    assert after.coming_up == []


def _valdora(tmp_path: Path, *more: str) -> Store:
    """Three articles of our own telling one summit: reported for mid-March, reported for March 12
    and 13, then confirmed for those days by the government "on Wednesday"; ``more``: folders of
    further articles."""
    from digests.ingest import ingest_articles
    from digests.sources import read_path

    store = Store.open(tmp_path / "v.db")
    paths = sorted(p for folder in ("valdora", *more) for p in (DATA / folder).glob("*.md"))
    ingest_articles(store, [read_path(p) for p in paths])
    return store


def test_one_event_one_date_across_the_articles_of_a_story(tmp_path: Path) -> None:
    from digests.commands import CommandContext, handle

    with _valdora(tmp_path) as store:
        stories = store.stories_of([1, 2, 3])
        assert len(set(stories.values())) == 1  # the three articles are one story
        console = CommandContext(platform="console")
        for typed in ("Valdora 2026-03-01 2026-03-31", "Halvorsen"):
            items = handle(store, "timeline", typed, console).items
            summit = [i for i in items if "Okonkwo" in i.text]
            # once, under the days (not again as "mid-March"), with the latest word (confirmed) and
            # every outlet that told it; never under the day the government announced it
            assert [i.label for i in summit] == ["Coming up · 12–13 Mar 2026 · planned"]
            assert summit[0].text.endswith("(The Harbour Ledger; also The Valley Times, Coastline Wire)")
            assert not any("Mar 2026 ·" in (i.label or "") and "12" not in (i.label or "") for i in items)
        digest = build_digest(store, date(2026, 3, 1), date(2026, 3, 4))
    (coming,) = [c for c in digest.coming_up if "Okonkwo" in c.text]
    assert (coming.date, coming.date_end, coming.status) == ("2026-03-12", "2026-03-13", "planned")
    assert coming.source.outlet == "The Harbour Ledger"
    # "mid-March" began before the period ended: it is not coming up, and not listed again
    assert coming.also == ["The Valley Times"]
    assert not [c for c in digest.coming_up if c.date == "2026-03"]


def test_coming_up_and_the_timeline_fold_alike(tmp_path: Path) -> None:
    """A protest "next week" in the summit's story, naming one of its leaders, is another event:
    neither "Coming up" nor /timeline folds it into the summit's days inside that week (Coming up
    used to, on two words in common)."""
    from digests.commands import CommandContext, handle

    with _valdora(tmp_path, "valdora-protest") as store:
        assert len(set(store.stories_of([1, 2, 3, 4]).values())) == 1
        digest = build_digest(store, date(2026, 3, 1), date(2026, 3, 6))
        console = CommandContext(platform="console")
        items = handle(store, "timeline", "Valdora 2026-03-01 2026-03-31", console).items
    coming = sorted((c.date, c.text.split()[0]) for c in digest.coming_up)
    assert coming == [("2026-03-12", "Chancellor"), ("2026-W11", "Fishing")]
    shown = [i.label for i in items if i.label and i.label.startswith("Coming up")]
    # a range lists its days first, then what is dated only by a week
    assert shown == ["Coming up · 12\u201313 Mar 2026 · planned", "Coming up · week of 9 Mar 2026 · planned"]


def test_one_event_one_date_across_stories(tmp_path: Path) -> None:
    """An analysis in another story tells the summit in other words ("the Valdora meeting, which
    Belmark newspapers have put on March 12 and 13"): one entry in /timeline and Coming up, with the
    best-supported status (the government's confirmation, not the papers' claim) and every source;
    a strike in Valdora on one of those days is another event on the timeline and in Coming up."""
    from digests.commands import CommandContext, handle

    with _valdora(tmp_path, "valdora-analysis") as store:
        stories = store.stories_of([1, 2, 3, 4])
        assert stories[4] != stories[3]  # the analysis is a story of its own
        console = CommandContext(platform="console")
        items = handle(store, "timeline", "Valdora 2026-03-01 2026-03-31", console).items
        digest = build_digest(store, date(2026, 3, 1), date(2026, 3, 6))
    shown = [i for i in items if i.label and i.label.startswith("Coming up")]
    summit = [i for i in shown if "12\u201313 Mar" in (i.label or "")]
    assert [i.label for i in summit] == ["Coming up · 12\u201313 Mar 2026 · planned"]
    assert "The Grey Gazette" in summit[0].text
    assert any("strike" in i.text for i in shown)
    (meeting,) = [c for c in digest.coming_up if c.date == "2026-03-12" and c.date_end]
    assert (meeting.date_end, meeting.status) == ("2026-03-13", "planned")
    # the strike, told in the analysis beside the meeting's days, is an entry of its own there too
    strike = [c for c in digest.coming_up if c.date == "2026-03-12" and not c.date_end]
    assert [c.text.split()[0] for c in strike] == ["Dock"]
    assert meeting.source.outlet == "The Harbour Ledger"
    assert "The Grey Gazette" in meeting.also


def test_the_same_talks_told_in_other_words_by_two_stories_are_one_entry(tmp_path: Path) -> None:
    """One story tells the talks of Friday twice ("negotiations would begin in earnest on Friday",
    "a new round of negotiations in Korvan on Friday"), another "will meet in Korvan tomorrow": one
    Coming up entry, the second story joining the first's group through the telling naming Korvan
    (it used to meet only the group's first telling, which names no place)."""
    told = [
        ("Ceasefire plan drafted for Ostmark",
         "The statement said only that both leaders hoped negotiations would begin in earnest on Friday. "
         "President Dravik expects an agreement to be signed after a new round of "
         "negotiations in Korvan on Friday."),
        ("Grain prices climb at Belmark exchange",
         "Envoys of Ostmark and the rebels will meet in Korvan tomorrow to continue talks on a truce."),
    ]
    published = date(2026, 1, 15)  # a Thursday
    with Store.open(tmp_path / "t.db") as store:
        for n, (title, body) in enumerate(told):
            text = f"{title}\n\n{body}"
            store.save(Article(title=title, text=text, published=published, source=f"Wire {n}",
                               url=f"https://example.org/{n}"), extract(text, published))
        digest = build_digest(store, date(2026, 1, 12), date(2026, 1, 15))
    assert [c.date for c in digest.coming_up] == ["2026-01-16"]


def test_two_outlets_announcing_one_summit_on_different_days_are_one_entry(tmp_path: Path) -> None:
    """The summit announced for "March 12 and 13" by the government on Wednesday and, a week later
    by another outlet in a story of its own, for "tomorrow": one Coming up entry under the range
    with both sources, as /timeline shows it; a strike in the summit's city on its first day, told in
    the summit's own story, is another entry in both (Coming up used to fold every overlapping
    day of a story into one)."""
    from digests.commands import CommandContext, handle

    with _valdora(tmp_path, "valdora-strike", "valdora-tomorrow") as store:
        stories = store.stories_of([1, 2, 3, 4, 5])
        assert stories[4] == stories[3] and stories[5] != stories[3]
        digest = build_digest(store, date(2026, 3, 1), date(2026, 3, 11))
        console = CommandContext(platform="console")
        items = handle(store, "timeline", "Valdora 2026-03-01 2026-03-31", console).items
    coming = sorted((c.date, c.date_end or "", c.text.split()[0]) for c in digest.coming_up)
    assert coming == [("2026-03-12", "", "Dock"), ("2026-03-12", "2026-03-13", "Chancellor")]
    (summit,) = [c for c in digest.coming_up if c.date_end]
    assert summit.source.outlet == "The Harbour Ledger"
    assert set(summit.also) == {"The Grey Gazette", "The Valley Times"}
    shown = [i.label for i in items if i.label and i.label.startswith("Coming up")]
    assert shown == ["Coming up · 12\u201313 Mar 2026 · planned", "Coming up · 12 Mar 2026 · planned"]
