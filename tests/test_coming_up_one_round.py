"""One event, one date (issue #13): the next round of a negotiation told by one outlet with its
days ("scheduled for Sept 14 and 15") and by another outlet with the month only, in a sentence that
points back at the round ("The next is pencilled in for September"), or as a headline that
names the gathering by another word ("agree to meet again in September"), is one "Coming up" item
under the days, with every outlet; a month told with a word of its own about something else stays
apart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from digests.digest import build_digest
from digests.digest.fold import event_keys, fold_target, only_candidate
from digests.extract import extract
from digests.models import Article
from digests.store import Store

WIRE = (
    "Vell and Osland end fishery talks without deal, agree to meet again in September\n\n"
    "VELL (Harbour Ledger) - Negotiators from Vell and Osland ended three days of talks on fishing "
    "quotas on Wednesday without an agreement, but said the gap between them had narrowed.\n\n"
    "The next round of technical talks is scheduled for Sept 14 and 15 in Osland City, the Vell "
    "fisheries ministry said.\n"
)

ANALYSIS = (
    "Why Vell and Osland keep circling the fishery deal\n\n"
    "Two summers after Osland closed its waters to Vell trawlers, the two sides are still haggling "
    "over quotas for fishing in the Grey Banks. This week's round in Vell ended, as the last one did, "
    "with polite statements and no agreement on fishing quotas. The next is pencilled in for September.\n\n"
    "Harbour traders in Vell said the fishing quotas deal still mattered more to them than any round "
    "of talks.\n"
)


def test_a_round_told_by_month_and_by_days_is_one_item(tmp_path: Path) -> None:
    with Store.open(tmp_path / "r.db") as store:
        store.save(Article(title=WIRE.splitlines()[0], text=WIRE, published=date(2026, 8, 5),
                           source="Harbour Ledger", url="https://harbourledger.example/world/fishery-talks"),
                   extract(WIRE, date(2026, 8, 5)))
        store.save(Article(title=ANALYSIS.splitlines()[0], text=ANALYSIS, published=date(2026, 8, 6),
                           source="Valley Times", url="https://valleytimes.example/world/fishery-deal"),
                   extract(ANALYSIS, date(2026, 8, 6)))
        digest = build_digest(store, date(2026, 8, 1), date(2026, 8, 7), horizon_weeks=8)
    september = [c for c in digest.coming_up if c.date.startswith("2026-09")]
    assert [(c.date, c.date_end) for c in september] == [("2026-09-14", "2026-09-15")], september
    assert set(september[0].also) | {september[0].source.outlet} == {"Harbour Ledger", "Valley Times"}


def test_only_candidate_needs_a_gathering_in_both_or_a_telling_saying_nothing_of_its_own() -> None:
    day = event_keys("The next round of technical talks is scheduled for Sept 14 and 15 in Osland City", None)
    assert only_candidate(event_keys("Vell and Osland agree to meet again in September", None), day)
    assert only_candidate(event_keys("The next is pencilled in for September.", None), day)
    # a month telling of something else, in words of its own, is not that day's
    other = event_keys("Member states must decide next month whether to renew the mandate.", None)
    assert not only_candidate(other, day)
    assert fold_target(other, [day]) is None
    # of two days inside, neither is the only one: the words decide, as before
    second = event_keys("Osland will hold a port festival on Sept 20.", None)
    assert fold_target(event_keys("The next is pencilled in for September.", None), [day, second]) is None
