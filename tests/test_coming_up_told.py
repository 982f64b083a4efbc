"""Coming up lists what is still to come as the article tells it: not a claim told in the past of
the day after the paper's ("Lee told ... on Thursday, local time, according to ..." in a Wednesday
paper: done by the time of the report, ``occurred`` resting on the claim), not a date only
approached ("expected him to wait until closer to Friday"), and not a possibility ("Depending on how
the talks progress, the envoys could meet ...": ``possible``, with its modal); a plan told beside
them stays. /timeline still shows the possibility, as such."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from digests.commands import CommandContext, handle
from digests.digest import build_digest
from digests.extract import extract
from digests.models import Article
from digests.store import Store

PUBLISHED = date(2026, 1, 14)  # a Wednesday
TEXT = """Talks on the harbour levy go on

Lee told his cabinet on Thursday, local time, that the talks must go on, according to the Harbour News Agency.

Most aides expected the president to wait until closer to Friday, when the deadline for the levy lands.

Depending on how the talks progress, the envoys could meet in Geneva the week of Jan. 26, diplomats say.

The harbour council in Vell will vote on the levy on Jan. 20.
"""


def test_coming_up_leaves_out_past_claims_approached_dates_and_possibilities(tmp_path: Path) -> None:
    facts = extract(TEXT, PUBLISHED)
    assert [(e.date, e.status, e.cue) for e in facts.events] == [
        ("2026-01-15", "occurred", "according to the Harbour News"),
        ("2026-W05", "possible", "could"),
        ("2026-01-20", "planned", "will"),
    ]
    with Store.open(tmp_path / "c.db") as store:
        store.save(Article(title=TEXT.splitlines()[0], text=TEXT, published=PUBLISHED,
                           source="Harbour Ledger", url="https://example.org/levy"), facts)
        digest = build_digest(store, date(2026, 1, 8), date(2026, 1, 14))
        line = handle(store, "timeline", "Geneva", CommandContext(platform="console"))
    assert [(c.date, c.status) for c in digest.coming_up] == [("2026-01-20", "planned")]
    assert [i.label for i in line.items] == ["Coming up · week of 26 Jan 2026 · possible"]
