"""Page furniture on real-looking pages: learnt per outlet from repetition, general patterns, opinion.

Every article here is our own, written to reproduce one kind of furniture the real-news
development set showed (gallery counters, summary boxes, video labels, embedded posts,
link text glued into a sentence, lines an outlet prints under every story).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from digests.extract import extract, parse_document
from digests.furniture import learned_hashes, line_hash, outlet_of
from digests.ingest import ingest_articles, reextract
from digests.models import Article
from digests.opinion import article_kind, has_label
from digests.render import render_markdown
from digests.store import Store

DAY = date(2026, 3, 9)
PROMO = "The Harbour Gazette has served readers of the coast since 1887 and counts 40 countries among them."


def story(n: int, body: str, *, host: str = "harbour.example", title: str | None = None) -> Article:
    return Article(
        title=title or f"Story {n}",
        text=f"{title or f'Story {n}'}\n\n{body}",
        url=f"https://{host}/world/2026/03/09/story-{n}",
        source="Harbour Gazette",
        published=DAY,
    )


BODIES = [
    "Port workers in Valdora ended a nine-day strike on Monday after the ministry agreed to raise wages.\n\n"
    "\"We have what we came for,\" said union leader Ines Marlow.",
    "The Kesh river burst its banks on Sunday, flooding 300 homes in the lowlands of Ardenne.\n\n"
    "Rescue teams said the water would recede by Thursday.",
    "Talks between Ostrava and Lenz on a fishing treaty resumed in Geneva on Tuesday.\n\n"
    "Negotiator Paul Ferris said a deal could be signed in April.",
    "The central bank of Meridia raised its main rate to 4.5 percent on Wednesday.\n\n"
    "Governor Hana Olsen said prices were rising too fast.",
]


def with_promo(n: int) -> Article:
    return story(n, f"{BODIES[n]}\n\n{PROMO}")


def first_value(store: Store, sql: str, *params: object) -> object:
    return store.db.execute(sql, list(params)).fetchone()[0]


def figures_text(store: Store, article_id: int) -> list[str]:
    return [f.text for f in store.facts(article_id).figures]


# --- learnt from repetition -----------------------------------------------------------------


def test_a_line_an_outlet_repeats_is_furniture_from_the_second_article(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        first = ingest_articles(store, [with_promo(0)]).article_ids[0]
        # the first article cannot know yet: the promo line is read as news
        assert "40 countries" in figures_text(store, first)
        second = ingest_articles(store, [with_promo(1)]).article_ids[0]
        assert "40 countries" not in figures_text(store, second)
        assert "300 homes" in figures_text(store, second)  # the news stays
        # re-extraction applies what the second article taught to the first
        assert reextract(store).updated == 2
        assert "40 countries" not in figures_text(store, first)
        # marked, not deleted: the stored text is the text as read
        assert PROMO in store.article_text(first)


def test_the_same_line_at_two_outlets_is_not_learnt(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        ingest_articles(store, [with_promo(0)])
        other = story(1, f"{BODIES[1]}\n\n{PROMO}", host="elsewhere.example")
        other_id = ingest_articles(store, [other]).article_ids[0]
        assert "40 countries" in figures_text(store, other_id)


def test_two_versions_of_one_story_teach_nothing() -> None:
    """An update shares most of its lines with the first version: those lines are news."""
    words = ["first", "second", "third", "fourth", "fifth", "sixth"]
    lines = {line_hash(f"The {w} line of the story, a sentence of news."): False for w in words}
    seen = {h: {7} for h in lines}
    assert learned_hashes(lines, seen, {7: 7}) == frozenset()
    # the same lines shared with three different short articles are furniture
    lines2 = {line_hash("Sign-off line"): False, line_hash("A news line"): False}
    assert learned_hashes(lines2, {line_hash("Sign-off line"): {3}}, {3: 20}) == {line_hash("Sign-off line")}


def test_long_lines_need_two_other_articles() -> None:
    long = line_hash("x")
    assert learned_hashes({long: True}, {long: {1}}, {1: 30}) == frozenset()
    assert learned_hashes({long: True}, {long: {1, 2}}, {1: 30, 2: 30}) == {long}


TOPLINE = "Reporting for this page comes from the staff of our coastal desk in Portmere."


def test_order_does_not_matter_after_reextract(tmp_path: Path) -> None:
    # a line the outlet prints above every story: the first article stored cannot know it yet
    # own titles: digits aside, "Story 1" and "Story 2" are one line
    titles = ["Strike ends", "River floods", "Treaty talks", "Rate rise"]
    articles = [story(n, f"{TOPLINE}\n\n{BODIES[n]}\n\n{PROMO}", title=titles[n]) for n in range(4)]

    def state_after(order: list[Article], name: str) -> list[tuple[object, ...]]:
        with Store.open(tmp_path / name) as store:
            ingest_articles(store, order)
            reextract(store)
            out: list[tuple[object, ...]] = []
            for aid, art in sorted(store.stored_articles(), key=lambda p: p[1].url or ""):
                facts = store.facts(aid)
                figures = sorted(f.text for f in facts.figures)
                start, end, told, kind = store.db.execute(
                    "SELECT lead_start, lead_end, lead_sentence_end, kind FROM articles WHERE id = ?", [aid]
                ).fetchone()
                lines = store.db.execute(
                    "SELECT count(*) FROM outlet_lines WHERE article_id = ?", [aid]
                ).fetchone()[0]
                terms = first_value(store, "SELECT terms FROM article_terms WHERE article_id = ?", aid)
                events, quotes = sorted(e.text for e in facts.events), sorted(q.text for q in facts.quotes)
                out.append((
                    art.url or "", figures, events, quotes, art.text[start:end], art.text[start:told],
                    kind, lines, terms,
                ))
            return out

    first = state_after(articles, "a.db")
    assert first == state_after(articles[::-1], "b.db")
    # the learnt line is nobody's lead, whichever article came first
    assert all(TOPLINE not in lead and lead.startswith(BODIES[n][:20]) for n, (*_, lead, _t, _k, _l, _x) in
               enumerate(first))


def test_reextract_derives_lead_kind_and_terms_again(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        [aid] = ingest_articles(store, [story(0, BODIES[0])]).article_ids
        store.db.execute(
            "UPDATE articles SET lead_start = 0, lead_end = 0, lead_sentence_end = 0, kind = 'opinion' "
            "WHERE id = ?", [aid]
        )
        store.db.execute("DELETE FROM article_terms WHERE article_id = ?", [aid])
        store.db.execute("DELETE FROM outlet_lines WHERE article_id = ?", [aid])
        reextract(store)
        start, end, kind = store.db.execute(
            "SELECT lead_start, lead_end, kind FROM articles WHERE id = ?", [aid]
        ).fetchone()
        assert store.article_text(aid)[start:end].startswith("Port workers in Valdora")
        assert kind == "news"
        terms = store.db.execute("SELECT terms FROM article_terms WHERE article_id = ?", [aid]).fetchone()[0]
        assert "valdora" in terms
        df = store.db.execute("SELECT df FROM term_df WHERE term = 'valdora'").fetchone()
        assert df == (1,)
        assert first_value(store, "SELECT count(*) FROM outlet_lines WHERE article_id = ?", aid) != 0


def test_outlet_is_the_host_else_the_source() -> None:
    assert outlet_of("https://www.Example.org/a/b", "Example") == "example.org"
    assert outlet_of(None, " The Gazette ") == "the gazette"
    assert outlet_of(None, None) is None


# --- general patterns: furniture that does not repeat ----------------------------------------


def furniture_lines(text: str) -> list[str]:
    doc = parse_document(text)
    return [text[p.start : p.end] for p in doc.paragraphs if p.furniture and p.index > 0]


def test_gallery_captions_with_counters_are_furniture() -> None:
    text = (
        "Floods in Ardenne\n\n"
        "Hide Caption 3 of 12 Photos: Floods in Ardenne – Residents wade through water in Lenz "
        "on Monday, March 9.\n\n"
        "Photos: Photos: Floods in Ardenne Floods in Ardenne – A boat on a flooded street.\n\n"
        "Rescue teams reached the village of Lenz on Monday, officials said."
    )
    assert len(furniture_lines(text)) == 2
    facts = extract(text, DAY)
    assert all("Hide Caption" not in e.text and "Photos:" not in e.text for e in facts.events)
    assert any("Rescue teams" in e.text for e in facts.events)


def test_story_highlights_box_is_furniture_up_to_the_story() -> None:
    text = (
        "Summit in Valdora\n\n"
        "Story highlights Leaders of twelve nations meet in Valdora on Tuesday\n\n"
        "Trade and fishing rights top the agenda\n\n"
        "Host hopes to sign a pact by Friday\n\n"
        "Leaders of twelve nations gathered in Valdora on Tuesday for a summit that the host government "
        "called the most important meeting of the decade, with trade and fishing rights at the top "
        "of the list."
    )
    flagged = furniture_lines(text)
    assert len(flagged) == 3
    assert not any(f.startswith("Leaders of twelve nations gathered") for f in flagged)


def test_video_labels_are_furniture() -> None:
    text = (
        "Rail strike\n\n"
        "CLOSE Union leaders explain why the rail strike will go on into next week. Video by Ana Ruiz\n\n"
        "JUST WATCHED Strike halts trains Replay More Videos ... MUST WATCH Strike halts trains 02:11\n\n"
        "Rail workers in Meridia will strike again on Friday, their union said on Monday."
    )
    assert len(furniture_lines(text)) == 2
    assert [e.text for e in extract(text, DAY).events if "Video" in e.text or "WATCH" in e.text] == []


def test_embedded_posts_are_furniture() -> None:
    text = (
        "Reactions\n\n"
        "The vote in Lenz is a disgrace and we will not accept it #Lenz pic.twitter.com/Ab12Cd34 "
        "— Mara Voss (@maravoss) March 8, 2026\n\n"
        "The ministry will respond on Thursday — Lenz Ministry (@lenzministry) March 9, 2026\n\n"
        "Opposition leader Mara Voss rejected the result on Sunday, her party said."
    )
    assert len(furniture_lines(text)) == 2
    facts = extract(text, DAY)
    assert not any("disgrace" in q.text for q in facts.quotes)


def test_link_text_glued_into_a_sentence_is_marked_not_deleted() -> None:
    text = (
        "Senate vote\n\n"
        "Senator Hana Olsen Hana Maria OlsenTrade pact clears first hurdle Lenz protests grow MORE said on "
        "Tuesday that the treaty would pass by Friday.\n\n"
        "\"We have the votes,\" Olsen said."
    )
    doc = parse_document(text)
    assert len(doc.inline_furniture) == 1
    start, end = doc.inline_furniture[0]
    assert text[start:end] == "Hana Maria OlsenTrade pact clears first hurdle Lenz protests grow MORE"
    # offsets still index the text as read
    assert len(doc.text) == len(text)
    facts = extract(text, DAY)
    assert all("MORE" not in e.text and "OlsenTrade" not in e.text for e in facts.events)
    assert all(q.speaker is None or "MORE" not in q.speaker for q in facts.quotes)
    for q in facts.quotes:
        assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    "line",
    [
        "Hidden costs of the war grew, the ministry said.",
        "Closely watched talks resumed in Lenz on Monday.",
        "CLOSED since March, the border reopened on Tuesday.",
        "Olsen said the McDonald plant would close in May.",
        "The ministry released a photo: it showed the tanker burning off Lenz on Friday.",
        "The big picture: Lenz has lost 300 jobs since March, a Gazette/Ipsos poll found.",
        "Most voters back the deal, according to a Gazette/Ipsos poll released on Monday.",
        "Marlow was pictured at the port on Sunday with the rescued crew.",
        "More than 300 dockers walked out in Lenz on Monday.",
        "Also on Monday, the minister said the port would reopen.",
        "Watchdogs said the vote in Lenz was fair.",
        "Updated figures show the port handled 300 ships in March.",
        "Editors at the Gazette said on Monday they had received the letter.",
        "Clicking through the ministry's figures, Olsen found 12 errors.",
        "The port of Lenz reopened on Monday after a 12-day strike",
        "Port Authority Chief Hana Olsen Said. The Dockers Went Home on Monday",
        # near misses of the labels, update notes and promotions below
        "LENZ: The port reopened on Monday after a 12-day strike.",
        "OLSEN: We will reopen the port on Monday.",
        "For the dockers, the graphic images of the strike were hard to see.",
        "This story of two ports began in Lenz in 1921.",
        "Updates with the minister were rare, Olsen said on Monday.",
        "A daily ferry links Lenz with the islands, officials said.",
        "Voters in Lenz were told to click here and there in a confusing online form, the auditor found.",
        "Will the port reopen on Monday?",
        "Who Pays? Nobody in Lenz knows yet.",
        "Is It Over?",
    ],
)
def test_news_lines_stay_news(line: str) -> None:
    assert furniture_lines(f"Title\n\n{line}") == []
    assert parse_document(f"Title\n\n{line}").inline_furniture == []


# --- opinion ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "title", "text", "source", "kind"),
    [
        ("https://gazette.example/opinion/2026/03/09/a-bad-deal", "A bad deal", "Body.", None, "opinion"),
        ("https://gazette.example/2026/03/09/opinions/bad-deal", "A bad deal", "Body.", None, "opinion"),
        ("https://gazette.example/news/2026/bad-deal", "Opinion: A bad deal", "Body.", None, "opinion"),
        ("https://gazette.example/news/2026/x", "A bad deal", "ANALYSIS/OPINION:\n\nBody.", None, "opinion"),
        (
            "https://gazette.example/news/2026/bad-deal", "A bad deal",
            "Body of the piece.\n\nMara Voss is a columnist for the Gazette and the author of two books.",
            None, "opinion",
        ),
        ("https://gazette.example/news/2026/deal", "Deal signed", "Body.", "Gazette Editorial", "opinion"),
        ("https://gazette.example/news/2026/deal", "Deal signed", "Talks ended.", "Gazette", "news"),
        ("https://gazette.example/world/opinion-poll-shows-lead", "Poll shows lead", "Body.", None, "news"),
    ],
)
def test_article_kind(url: str, title: str, text: str, source: str | None, kind: str) -> None:
    assert article_kind(url, title, text, source) == kind


def test_the_store_keeps_the_kind(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        news = ingest_articles(store, [story(0, BODIES[0])]).article_ids[0]
        col = story(1, BODIES[1], title="Opinion: Why the floods came")
        opinion = ingest_articles(store, [col]).article_ids[0]
        assert store.article_kinds([news, opinion]) == {news: "news", opinion: "opinion"}


def test_the_digest_marks_opinion_and_takes_no_news_from_it(tmp_path: Path) -> None:
    from digests.digest import build_digest

    news = story(
        0,
        "Port workers in Valdora ended a nine-day strike on Monday after the ministry raised wages.\n\n"
        "Union leader Ines Marlow said talks on pensions would open on March 20.",
        title="Valdora port strike ends",
    )
    column = Article(
        title="Why Meridia must leave the treaty",
        text="Why Meridia must leave the treaty\n\n"
        "Meridia signed the fisheries treaty on Monday and it was a grave mistake for the country.\n\n"
        "Parliament will vote on the treaty on March 25, and it should vote no.\n\n"
        "Mara Voss is a columnist for the Gazette and the author of two books.",
        url="https://gazette.example/opinion/2026/03/09/leave-the-treaty",
        source="Gazette",
        published=DAY,
    )
    with Store.open(tmp_path / "s.db") as store:
        ingest_articles(store, [news, column])
        digest = build_digest(store, DAY, DAY, max_stories=None)
    assert [s.opinion for s in digest.stories] == [False, True]  # news first, opinion after
    told = digest.stories[1]
    assert told.headline.startswith("Opinion: ")
    assert told.developments == []
    # with no development, the piece's own opening is told as the writer's, never a bare title
    assert told.lead is not None and told.lead.startswith("Meridia signed the fisheries treaty")
    assert "- The piece opens: Meridia signed the fisheries treaty" in render_markdown(digest)
    assert told.sources[0].opinion
    assert digest.stories[0].developments
    assert all("treaty" not in c.text for c in digest.coming_up)
    assert any("pensions" in c.text for c in digest.coming_up)


@pytest.mark.parametrize(
    ("title", "labelled"),
    [
        ("Opinion: Why Meridia must leave", True),
        ("[Opinion] Why Meridia must leave", True),
        ("Opinion » Why Meridia must leave", True),
        ("Why Meridia must leave | Opinion", True),
        ("Why Meridia must leave - Analysis", True),
        ("Opinion polls show Meridia split on the treaty", False),
        ("Analysis of the vote shows a split", False),
    ],
)
def test_a_title_carrying_its_own_label_is_not_labelled_again(title: str, labelled: bool) -> None:
    assert has_label(title) is labelled


def test_a_news_article_leads_a_story_its_opinion_pieces_comment_on(tmp_path: Path) -> None:
    from digests.digest import build_digest

    body = (
        "Port workers in Valdora ended a nine-day strike on Monday after the ministry raised wages by "
        "eight percent.\n\nUnion leader Ines Marlow said the Valdora port strike had won the raise."
    )
    news = story(0, body, title="Valdora port strike ends after wage deal")
    column = Article(
        title="Opinion: The Valdora port strike ends, and the ministry lost",
        text="The Valdora port strike ends, and the ministry lost\n\n"
        "The Valdora port strike ended on Monday with a wage deal, and Ines Marlow won it for the port "
        "workers.\n\nThe ministry should have raised wages nine days earlier and spared Valdora the strike.",
        url="https://gazette.example/opinion/2026/03/08/valdora-strike",
        source="Gazette",
        published=date(2026, 3, 8),  # first: the earliest telling led the story before
    )
    with Store.open(tmp_path / "s.db") as store:
        ingest_articles(store, [column, news])
        digest = build_digest(store, date(2026, 3, 8), DAY, max_stories=None)
    assert len(digest.stories) == 1 and len(digest.stories[0].sources) == 2
    assert digest.stories[0].headline == "Valdora port strike ends after wage deal"


def test_a_first_person_essay_is_opinion_and_quoted_first_person_is_not() -> None:
    essay = "My view\n\n" + "I think we owe our neighbours more than this, and my town agrees with me. " * 5
    assert article_kind("https://gazette.example/world/x", "My view", essay) == "opinion"
    quoted = "Talks\n\n" + '"I think we owe our neighbours more," the minister said on Monday in Lenz. ' * 5
    assert article_kind("https://gazette.example/world/y", "Talks", quoted) == "news"


def test_a_gallery_caption_gives_no_event_even_for_a_day_the_story_does_not_tell() -> None:
    text = (
        "Floods in Ardenne\n\n"
        "Hide Caption 7 of 12 Photos: Floods in Ardenne – Water covers the square of Lenz "
        "on Friday, March 6.\n\n"
        "Rescue teams reached the village of Lenz on Monday, officials said."
    )
    assert all("Caption" not in e.text for e in extract(text, DAY).events)


def test_the_digest_tells_a_lead_without_its_glued_link_text(tmp_path: Path) -> None:
    from digests.digest import build_digest

    glued = story(
        0,
        "Senator Hana Olsen Hana Maria OlsenTrade pact clears first hurdle Lenz protests grow MORE said on "
        "Monday that the Meridia fisheries treaty would pass the Senate by Friday after weeks of talks.\n\n"
        "\"We have the votes,\" Olsen told reporters in Lenz on Monday.",
        title="Olsen says treaty will pass",
    )
    with Store.open(tmp_path / "s.db") as store:
        ingest_articles(store, [glued])
        digest = build_digest(store, DAY, DAY, max_stories=None)
        assert glued.text in store.article_text(1)  # stored as read
    told = [d.text for s in digest.stories for d in s.developments]
    assert told and all("MORE" not in t and "OlsenTrade" not in t for t in told)


def test_the_lead_is_not_a_summary_box_bullet() -> None:
    from digests.lead import find_lead

    text = (
        "Summit in Valdora\n\n"
        "Story highlights Leaders of twelve nations meet in Valdora on Tuesday for a summit\n\n"
        "Trade and fishing rights top the agenda of the two-day meeting in the capital\n\n"
        "Leaders of twelve nations gathered in Valdora on Tuesday for a summit on trade and fishing rights."
    )
    lead = find_lead(text, "Summit in Valdora")
    assert text[lead.start : lead.end].startswith("Leaders of twelve nations gathered")


def test_a_line_on_many_articles_is_found_without_reading_them_all(tmp_path: Path) -> None:
    # Past FREQUENT other articles the look-up stops: the cost of learning stays bounded
    # however many articles the outlet has, and such a line is furniture outright.
    from digests.furniture import FREQUENT, article_lines

    with Store.open(tmp_path / "s.db") as store:
        many = [
            story(n, f"The council of district {n} met on Monday to discuss harbour fees.\n\n{PROMO}")
            for n in range(FREQUENT + 3)
        ]
        ingest_articles(store, many)
        promo = line_hash(PROMO)
        seen, _, frequent = store.outlet_lines("harbour.example", [promo])
        assert frequent == {promo} and promo not in seen
        fresh = story(99, f"A ferry to the islands was cancelled on Tuesday.\n\n{PROMO}")
        assert promo in store.learned_lines(fresh)
        assert learned_hashes(article_lines(fresh.text), {}, {}, frequent) == {promo}
        # an ingest batch remembers such lines and does not look them up again; a line on FREQUENT + 1
        # articles only is not remembered (with one of them excluded it is not frequent)
        known: set[int] = set()
        assert store.outlet_lines("harbour.example", [promo], known_frequent=known)[2] == {promo}
        assert known == {promo}
        store.delete_article(1)
        store.delete_article(2)
        assert store.outlet_lines("harbour.example", [promo], known_frequent=known)[2] == {promo}
        fewer: set[int] = set()
        seen, _, frequent = store.outlet_lines("harbour.example", [promo], exclude=3, known_frequent=fewer)
        assert frequent == set() and len(seen[promo]) == FREQUENT and fewer == set()


def test_a_version_14_store_keeps_its_learnt_lines_in_the_table_keyed_by_line(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store.open(path) as store:
        ingest_articles(store, [with_promo(0), with_promo(1)])
        rows = sorted(store.db.execute("SELECT outlet, hash, article_id FROM outlet_lines").fetchall())
        # put the table back as versions 9 to 14 had it (a rowid table, an index on outlet and hash)
        store.db.conn.executescript(
            """
            DROP TABLE outlet_lines;
            CREATE TABLE outlet_lines (
                outlet TEXT NOT NULL, hash INTEGER NOT NULL,
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
            );
            CREATE INDEX idx_outlet_lines_hash ON outlet_lines(outlet, hash);
            CREATE INDEX idx_outlet_lines_article ON outlet_lines(article_id);
            UPDATE meta SET value = '14' WHERE key = 'schema_version';
            """
        )
        store.db.conn.executemany("INSERT INTO outlet_lines VALUES (?, ?, ?)", rows)
        store.db.conn.commit()
    with Store.open(path) as store:
        assert sorted(store.db.execute("SELECT outlet, hash, article_id FROM outlet_lines").fetchall()) \
            == rows
        plan = " ".join(
            str(r[-1]) for r in store.db.execute(
                "EXPLAIN QUERY PLAN SELECT article_id FROM outlet_lines WHERE outlet = ? AND hash = ?",
                ["a", 1],
            ).fetchall()
        )
        assert "PRIMARY KEY" in plan  # answered from the table's own key, no row look-up
        # what the migrated store learnt still applies: the promo line is furniture for a third article
        third = ingest_articles(store, [with_promo(2)]).article_ids[0]
        assert "40 countries" not in figures_text(store, third)
        store.delete_article(third)  # and its lines leave with it
        assert first_value(store, "SELECT count(*) FROM outlet_lines WHERE article_id = ?", third) == 0


# --- captions that carry their own credit, widgets printed twice, prompts, datelines ----------

CREDITED = (
    "Strike in Lenz\n\n"
    "Port workers in Lenz ended a nine-day strike on Monday after the ministry agreed to raise wages by 6 "
    "percent.\n\n"
    "Minister Ines Marlow speaks to port workers in Lenz, Valdora, March 6, 2026. REUTERS/Jane Roe\n\n"
    "Union leader Paul Ferris said the workers would return on Wednesday.\n\n"
    "Dock cranes stand idle in the port of Lenz on Feb. 27, 2026. (Jane Roe/AP)\n\n"
    "Ferris with Marlow at the ministry on March 8. Photographer: Jane Roe/Bloomberg\n\n"
    "Marlow signed the deal at the ministry on Sunday. | Jane Roe/AP Photo\n\n"
    "Cranes in Lenz at dawn on Feb. 28, 2026. (Photo: Jane Roe, AFP/Getty Images)\n\n"
    "The strike cost the port 40 million euros, the ministry said."
)


def test_a_caption_that_carries_its_own_credit_is_furniture_and_gives_no_event() -> None:
    flagged = furniture_lines(CREDITED)
    assert len(flagged) == 5
    assert all(not f.startswith(("Port workers", "Union leader", "The strike")) for f in flagged)
    # a wire caption's date is the picture's moment, even when the story does not tell it
    assert [e.date for e in extract(CREDITED, DAY).events] == ["2026-03-09", "2026-03-11"]


def test_the_lead_is_never_a_credited_caption() -> None:
    from digests.lead import find_lead

    text = (
        "Strike ends\n\n"
        "FILE PHOTO - Minister Ines Marlow speaks to port workers in Lenz, Valdora, March 6, 2026. "
        "REUTERS/Jane Roe\n\n"
        "Port workers in Lenz ended a nine-day strike on Monday after the ministry agreed to raise wages."
    )
    lead = find_lead(text, "Strike ends")
    assert text[lead.start : lead.end].startswith("Port workers")


def test_a_pictured_caption_without_a_full_stop_is_furniture() -> None:
    text = (
        "Tanker hit\n\n"
        "The tanker Orla was hit by two blasts off Lenz on Friday, its owner said.\n\n"
        "The tanker Orla (pictured in June) was hit by two blasts off Lenz on Friday, officials said\n\n"
        "Minister Ines Marlow, pictured at the port on Sunday, said the blasts came from the sea\n\n"
        "Marlow was pictured at the port on Sunday with the crew, who had been rescued."
    )
    flagged = furniture_lines(text)
    assert len(flagged) == 2
    assert not any(f.startswith("Marlow was pictured") for f in flagged)  # a sentence of the story
    assert not any("June" in e.text or "blasts came" in e.text for e in extract(text, DAY).events)


def test_a_widget_printed_twice_is_furniture_and_a_refrain_is_not() -> None:
    from digests.furniture import printed_twice

    box = (
        "Support Independent News The Gazette is paid for by readers: give $5 a month to help us keep "
        "reporting on the coast. The Gazette is paid for by readers: give $5 a month to help us keep "
        "reporting on the coast."
    )
    prompt = (
        "Stay informed! Get our morning briefing on the coast in your inbox every day. You can stop it "
        "at any time. Get our morning briefing on the coast in your inbox every day."
    )
    text = f"Floods\n\n{box}\n\n{prompt}\n\nThe Kesh river burst its banks on Sunday, flooding 300 homes."
    assert furniture_lines(text) == [box, prompt]
    assert printed_twice(box) and printed_twice(prompt)
    # a chant repeated more than twice, a short refrain: the story's own words
    chant = "The crowd shouted that the port belongs to the workers of Lenz. " * 3
    assert not printed_twice(chant.strip())
    assert not printed_twice("Let them take care of it. Let them take care of it. We are going home now.")


@pytest.mark.parametrize(
    "line",
    [
        "Support progressive journalism: the Gazette is free to read.",
        "Thank you for signing up. For more from the Gazette, read our latest issue",
        "Thanks for subscribing!",
    ],
)
def test_donation_and_thank_you_prompts_are_furniture(line: str) -> None:
    assert furniture_lines(f"Title\n\n{line}") == [line]


@pytest.mark.parametrize(
    ("lead", "told"),
    [
        ("(Wire) President Ines Marlow will visit Lenz on Friday.", "(Wire) President"),
        ("(CNN) President Ines Marlow will visit Lenz on Friday.", "President Ines"),
        ("Lenz (CNN) President Ines Marlow will visit Lenz on Friday.", "President Ines"),
        ("(Gazette.com) – President Ines Marlow will visit Lenz on Friday.", "President Ines"),
        ("Lenz, Valdora — President Ines Marlow will visit Lenz on Friday.", "President Ines"),
        ("LENZ, Valdora (AP) — President Ines Marlow will visit Lenz on Friday.", "President Ines"),
        ("The United Nations (UN) Security Council will meet on Friday.", "The United"),
    ],
)
def test_the_lead_and_its_events_start_after_the_dateline(lead: str, told: str) -> None:
    from digests.lead import find_lead

    text = f"Visit\n\n{lead}\n\nThe visit was planned in January."
    found = find_lead(text, "Visit")
    assert text[found.start : found.end].startswith(told)
    friday = [e.text for e in extract(text, DAY).events if e.date == "2026-03-13"]
    assert friday and friday[0].startswith(told)


@pytest.mark.parametrize(
    ("sentence", "link"),
    [
        ("Minister Hana Olsen Hana (Anna) Maria OlsenTrade pact clears first hurdle MORE said on Tuesday.",
         "Hana (Anna) Maria OlsenTrade pact clears first hurdle MORE"),
        ("Envoy Ines Marlow Ines Beatrix Marlow2026 talks open in Lenz MORE said on Tuesday.",
         "Ines Beatrix Marlow2026 talks open in Lenz MORE"),
        # a name with a capital inside ('DeVries') after a title: the link is the second telling only
        ("Minister Anna DeVries Anna (Ann) Lotte DeVriesDeVries opens port MORE said on Tuesday.",
         "Anna (Ann) Lotte DeVriesDeVries opens port MORE"),
    ],
)
def test_glued_link_text_is_the_full_linked_name_and_no_more(sentence: str, link: str) -> None:
    text = f"Port deal\n\n{sentence}"
    assert [text[s:e] for s, e in parse_document(text).inline_furniture] == [link]


@pytest.mark.parametrize(
    "line",
    [
        "Ana Ruiz contributed to this report, updated at 7:38 a.m.",
        "GAZETTE Morning newsletter Sign up today to receive the coast's best-read briefing Email Sign Up",
        "The minister spoke in Lenz on Monday. | Jane Roe/AFP/Getty Images Port deal signed after strike",
        # notes about the piece, not its news
        "Editor's note: Hana Olsen is a columnist for the Gazette. The opinions expressed are her own.",
        "EDITOR’S NOTE — This story was written with the help of the Lenz port authority.",
        "CORRECTION: An earlier version of this story gave the wrong date for the Lenz vote.",
        "This story was updated at 4:12 p.m. ET.",
        "Updated at 9:05 a.m.",
        "Have a tip for the Gazette? Write to tips@gazette.example",
        # links to other stories and videos
        "More:Port strike ends after 12 days as dockers accept pay offer",
        "READ: Why Lenz matters to the region",
        "WATCH: MINISTER SAYS PORT WILL REOPEN",
        "WATCH:",
        "For more on the port talks: What the dockers want",
        "CLICK the video ABOVE to watch the FULL INTERVIEW with Minister Olsen",
        "Watch the full interview with Hana Olsen on Gazette TV on Friday.",
        "Watch as the first ship in 12 days leaves Lenz harbour",
        # a second headline, a deck or a link to another story, in Title Case or capitals
        "For Lenz, Reopening The Port May Not Be A Quick Fix",
        "Dockers Accept Pay Offer as Lenz Port Strike Ends After 12 Days",
        "MINISTER OLSEN SAYS THE U.S. WILL HELP REBUILD LENZ PORT",
        "'The Port Will Reopen,' Olsen Tells Lenz Dockers",
        "Do You Approve Or Disapprove of the Lenz Port Deal?",
        "Should Lenz Sell Its Port To A Foreign Buyer?",
        # link labels in capitals, wire graphics, players
        "STORY: Dockers end strike in Lenz after 12 days",
        "IN LENZ: Hope fades as the port talks fail",
        "SHIPPING:New normal? Freight rates dip again",
        "LIVE BLOG: Follow the Lenz vote as it happens",
        "For graphic on the Lenz port click tmsnrt.rs/2abcXyz",
        "Play Video 2:15 Lenz dockers vote to end their strike \u2013 video",
        "Please enable Javascript to watch this video",
        # promotions ending in their link's words, newsletters
        "Check your pension in minutes. Click Here.",
        "Should Lenz sell its port to a foreign buyer? Vote Here",
        "Port Weekly is a newsletter on the shipping trade. Sign up here.",
        "A daily roundup of shipping and port news.",
        "Port Alerts Get port news as it breaks \u2014 in your inbox. Email Sign Up",
        "Read the Gazette's new Flipboard magazine.",
        # update and sourcing notes
        "(This post was last updated at 6:10 p.m. ET.)",
        "-- Updated at 7:05 a.m.",
        "--Updated at 7:05 a.m. and 9:40 a.m.",
        "\u2014 This report was updated at 1:15 p.m.",
        "(This story corrects the minister's name in paragraph 4)",
        "This is a developing story and will be updated.",
        "\u2022 This article is based in part on wire service reports.",
    ],
)
def test_more_furniture_kinds(line: str) -> None:
    assert furniture_lines(f"Title\n\n{line}") == [line]


def test_every_glued_link_pattern_ends_at_the_marker_the_scan_looks_for() -> None:
    from digests.extract.text import _INLINE, _INLINE_MARK

    ends = (rf"\s{_INLINE_MARK}\b", rf"\s{_INLINE_MARK}\b)")
    assert _INLINE and all(p.pattern.endswith(ends) for p in _INLINE)


def _inline_over_whole_text(text: str) -> list[tuple[int, int]]:
    """What ``inline_furniture`` finds when each pattern is searched over the whole text."""
    from digests.extract.text import inline_spans

    return inline_spans(text, [(0, len(text))])


def test_glued_links_are_searched_near_their_markers_only_and_found_as_over_the_whole_text() -> None:
    """The patterns run over the lines before each "MORE" only: the same spans as the whole text
    gives, with links across line breaks, markers on consecutive and distant lines."""
    import random

    from digests.extract.text import inline_furniture

    rnd = random.Random(2031)  # a fixed seed: the same texts on every run
    words = ["Olsen", "Hana", "Anna", "(Ann)", "OlsenTrade", "pact", "clears", "MORE", "MORE,",
             "READ", "said", "Lenz", "OlsenPort", "deal", "\n", "\n\n", "Marlow2026", "Marlow"]  # fmt: skip
    texts = [" ".join(rnd.choice(words) for _ in range(rnd.randint(3, 60))) for _ in range(400)]
    texts.append("Olsen Hana\nOlsenTrade\npact\nMORE\n" + "filler line\n" * 9 + "Olsen Olsen\nOlsenPort MORE")
    assert sum(bool(_inline_over_whole_text(t)) for t in texts) > 50  # the texts hold links to find
    for text in texts:
        assert inline_furniture(text) == _inline_over_whole_text(text), text


# --- promotions in brackets, agency credits after a bar, player labels ------------------------

PROMOTED = (
    "Port deal signed\n\n"
    "Port workers in Lenz ended a nine-day strike on Monday after the ministry agreed to raise wages.\n\n"
    "( Also on The Harbour Gazette: Minister Marlow: 'We will not give in')\n\n"
    "Union leader Paul Ferris said the workers would return on Wednesday. "
    "(RELATED: Dockers In Valdora Vote To Strike Again On Friday)\n\n"
    "(Related: Ferris says the deal 'is the best in years')\n\n"
    "(WATCH: What the strike cost the port)\n\n"
    "The strike cost the port 40 million euros (about 43 million dollars), the ministry said.\n\n"
    "(Reporting: the ministry's full figures are due next week.)"
)


def test_a_bracketed_promotion_of_another_article_is_blanked_and_gives_no_fact() -> None:
    doc = parse_document(PROMOTED)
    shown = [doc.text[p.start : p.end].strip() for p in doc.paragraphs if not p.furniture]
    assert not any("Also on" in s or "RELATED" in s or "Related" in s or "WATCH" in s for s in shown)
    # the sentence the promotion was glued to stays, offsets unchanged
    assert "Union leader Paul Ferris said the workers would return on Wednesday." in shown
    assert doc.text.index("Union leader") == PROMOTED.index("Union leader")
    # a bracket of the story's own ("(about 43 million dollars)", a note without a headline) stays
    assert any("(about 43 million dollars)" in s for s in shown)
    assert any(s.startswith("(Reporting: the ministry") for s in shown)
    facts = extract(PROMOTED, DAY)
    assert not any("Friday" in e.text for e in facts.events)  # the promoted headline's day
    assert not any("give in" in q.text or "best in years" in q.text for q in facts.quotes)


def test_every_promotion_pattern_opens_with_a_bracket_and_holds_the_colon_the_scan_looks_for() -> None:
    from digests.extract.text import _PROMO, _PROMO_MARK
    from digests.furniture import furniture_lines as resource_lines

    rules = resource_lines("promos.txt")
    assert rules and all(r.startswith(r"\(") and _PROMO_MARK in r for r in rules)
    assert _PROMO.search("no promotion here (said the minister: on Monday) and more") is None


def test_every_player_pattern_holds_the_dot_the_scan_looks_for() -> None:
    from digests.furniture import furniture_lines as resource_lines

    rules = resource_lines("players.txt")
    assert rules and all("\\u00b7" in r and "\\u2022" in r for r in rules)


@pytest.mark.parametrize(
    "line",
    [
        "Marlow speaks in Lenz. | Getty Port deal signed after nine-day strike",
        "Dock cranes stand idle in the port of Lenz. Jane Roe | AFP | Getty Images",
        "Marlow signed the deal at the ministry. | AP Photo The strike in pictures",
        "Port Deal Signed After Nine-Day Strike Listen · 4:03 4:03",
        "Listen · 12:41",
        "How The Strike Ended Watch • 2:05 2:05",
    ],
)
def test_agency_credits_after_a_bar_and_player_labels_are_furniture(line: str) -> None:
    assert furniture_lines(f"Title\n\n{line}") == [line]


@pytest.mark.parametrize(
    "line",
    [
        "The vote was 52 | 48 in the upper house, the clerk said on Monday.",
        "Ferris told AP the workers would listen to the offer at 4:03 p.m. on Monday.",
        "The ministry said the port would reopen at 6:00, and trains at 6:30.",
    ],
)
def test_prose_with_a_bar_an_agency_or_a_clock_time_stays_news(line: str) -> None:
    assert furniture_lines(f"Title\n\n{line}") == []


def test_the_furniture_pattern_is_tried_on_lines_opening_with_its_lead_words() -> None:
    """The lead words (resources/furniture/furniture_leads.txt) are lower case, as the line's
    opening is lower-cased before the look-up; a furniture line opening with one is found even when
    it ends in no letter, and a line opening with none of them and ending in no letter is not tried."""
    from digests.extract.text import _FURNITURE_LEADS, _furniture_line

    assert _FURNITURE_LEADS and all(w == w.lower() and w.strip() == w for w in _FURNITURE_LEADS)
    assert {"sign", "photo", "by", "copyright", "\u00a9"} <= set(_FURNITURE_LEADS)
    assert _furniture_line("Sign up for our newsletter 2026")
    assert _furniture_line("\u00a9 2026 Harbour Press.")
    assert _furniture_line("Copyright 2026 Harbour Press Ltd.")
    assert not _furniture_line("The quay in Lenz opened in 2026.")


def test_a_title_in_title_case_is_the_title_and_a_second_one_is_furniture() -> None:
    text = "Lenz Port Reopens After Twelve Days Of Strike\n\nThe port of Lenz reopened on Monday."
    assert not any(p.furniture for p in parse_document(text).paragraphs)
    second = "“The Port Will Reopen,” Olsen Tells Lenz Dockers After 12 Days"
    with_second = text.replace("\n\n", f"\n\n{second}\n\n")
    assert furniture_lines(with_second) == [second]
    assert not parse_document(with_second).paragraphs[0].furniture
    # the second headline's quotation is nobody's quotation
    assert extract(with_second, DAY).quotes == []
