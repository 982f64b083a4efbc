"""An article's lead, found once when it is stored: offsets of the paragraph and of its told sentence."""

from __future__ import annotations

from pathlib import Path

from digests.lead import Lead, find_lead
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
