"""An article's lead, found once when it is stored: offsets of the paragraph and of its told sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from digests.lead import Lead, clean_opening, find_lead
from digests.models import Article, Extraction
from digests.store import Store

TEXT = (
    "Ministers agree on a river treaty\n"
    "\n"
    "Sign up for our newsletter to get the week's news in your inbox\n"
    "\n"
    "VALDORA (Riverside Wire) - The river ministers of Norland and Estavia met in the capital, "
    "where Gov. Maria Santos signed the deal. It ends a decade of quarrels over the water.\n"
    "\n"
    "The treaty sets quotas for the dry season and a joint commission to watch them.\n"
)
SENTENCE = (
    "The river ministers of Norland and Estavia met in the capital, where Gov. Maria Santos signed the deal."
)


def test_the_lead_skips_title_prompts_and_dateline() -> None:
    lead = find_lead(TEXT, "Ministers agree on a river treaty")
    assert TEXT[lead.start : lead.end].startswith("The river ministers")
    assert TEXT[lead.start : lead.end].endswith("quarrels over the water.")
    # one splitter for the whole project: "Gov." does not end the sentence
    assert TEXT[lead.start : lead.sentence_end] == SENTENCE


def test_a_short_teaser_is_told_with_the_next_sentence() -> None:
    text = "Talks end.\nA deal at last. The ministers of both countries signed the water treaty on Monday.\n"
    lead = find_lead(text, "Talks end")
    assert text[lead.start : lead.sentence_end] == (
        "A deal at last. The ministers of both countries signed the water treaty on Monday."
    )


def test_no_news_paragraph_no_lead() -> None:
    assert find_lead("Short title\n\nToo short.\n", "Short title") == Lead()


def test_the_store_keeps_the_lead_of_each_saved_article(tmp_path: Path) -> None:
    article = Article(title="Ministers agree on a river treaty", text=TEXT, url="https://wire.example/river")
    with Store.open(tmp_path / "lead.db") as store:
        article_id, _ = store.save(article, Extraction())
        row = store.db.execute(
            "SELECT lead_start, lead_end, lead_sentence_end FROM articles WHERE id = ?", [article_id]
        ).fetchone()
    lead = find_lead(TEXT, article.title)
    assert row == (lead.start, lead.end, lead.sentence_end) != (0, 0, 0)


# An article of our own opening with a drop cap and small capitals, as magazines set them.
MAGAZINE = (
    "T HEIR HARVESTS have failed three years running, and the farmers of the delta say nobody in "
    "the capital listens. NATO has no part in it. The UN and NATO sent observers; the farmers blame "
    "the dams upstream for the silt. A Delta Council spokesman said their harvests would recover."
)


@pytest.mark.parametrize(
    ("told", "shown"),
    [
        # a drop cap joined to its word, the small capitals after it in the case the text uses
        (MAGAZINE[:60], "Their harvests have failed three years running, and the far"),
        ("T HE DAMS upstream hold the silt back", "The dams upstream hold the silt back"),
        ("T he farmers say nobody listens", "The farmers say nobody listens"),
        # an acronym the text writes in capitals elsewhere keeps them; a name its capitalised case
        ("NATO OBSERVERS ARRIVED in the delta", "NATO observers arrived in the delta"),
        ("DELTA COUNCIL MEMBERS met on Friday", "Delta Council members met on Friday"),
        # list markers
        ("• In the delta, the harvest failed again.", "In the delta, the harvest failed again."),
        ("•In the delta, the harvest failed again.", "In the delta, the harvest failed again."),
        ("▪ Farmers blamed the dams.", "Farmers blamed the dams."),
        ("– Farmers blamed the dams.", "Farmers blamed the dams."),
        # what only looks like them stays
        ("A UN official said the dams were to blame.", "A UN official said the dams were to blame."),
        ("A top official said the dams were to blame.", "A top official said the dams were to blame."),
        ("I think the dams are to blame, he said.", "I think the dams are to blame, he said."),
        ("-5 degrees froze the delta.", "-5 degrees froze the delta."),
        ("The UN and NATO sent observers.", "The UN and NATO sent observers."),
    ],
)
def test_an_opening_loses_what_the_layout_put_before_it(told: str, shown: str) -> None:
    assert clean_opening(told, MAGAZINE) == shown


def test_a_drop_cap_needs_the_word_it_makes() -> None:
    # "A" and "I" are words: joined only when the word they make is one and the rest is none
    assert clean_opening("A ND then the rain came", "It rained and then it stopped. A ND then") == (
        "And then the rain came"
    )
    assert clean_opening("A US envoy arrived", "A US envoy arrived. The US sent her.") == "A US envoy arrived"
    # without the article's text the case of small capitals is not guessed
    assert clean_opening("T HEIR HARVESTS failed") == "T HEIR HARVESTS failed"


def test_a_digest_tells_developments_without_drop_caps_or_bullets(tmp_path: Path) -> None:
    from datetime import date

    from digests.digest import build_digest
    from digests.ingest import ingest_inputs

    (tmp_path / "delta.md").write_text(
        "---\ntitle: Delta farmers lose a third harvest to silt\nsource: Delta Review\n"
        "url: https://deltareview.example/2026/05/04/harvest\npublished: 2026-05-04\n---\n"
        "Delta farmers lose a third harvest to silt\n\n" + MAGAZINE + "\n\n"
        "• On Monday the farmers' union announced a protest march to the capital for next week.\n",
        encoding="utf-8",
    )
    with Store.open(tmp_path / "d.db") as store:
        assert ingest_inputs(store, [str(tmp_path / "delta.md")]).failed == 0
        d = build_digest(store, date(2026, 5, 4), date(2026, 5, 4))
    told = [dev.text for s in d.stories for dev in s.developments]
    assert any(t.startswith("Their harvests have failed three years running") for t in told), told
    assert not any(t.startswith(("T HEIR", "•")) for t in told), told
