"""Figures: money with currency and scale, counts with their noun, durations, percentages, approximations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from digests.extract.figures import find_figures
from digests.extract.text import Doc, parse_document
from digests.extract.times import calendar_spans, scan_times
from digests.models import Figure

DATA = Path(__file__).parent / "data" / "times"


def _figures(sentence: str) -> list[Figure]:
    return _find(parse_document(sentence))


def _find(doc: Doc) -> list[Figure]:
    return find_figures(doc, calendar_spans(doc.text))


def _one(sentence: str, expr: str) -> Figure:
    i = sentence.index(expr)
    j = i + len(expr)
    hits = [f for f in _figures(sentence) if f.start < j and f.end > i]
    assert len(hits) == 1, f"{expr!r}: {hits}"
    return hits[0]


# (sentence, expression, value, unit, measures or None, approximate)
CASES: list[tuple[str, str, float, str | None, str | None, bool]] = [
    ("Trade hovers around US$300 billion annually.", "US$300 billion", 3e11, "USD", None, True),
    ("Trade is worth S$384 billion.", "S$384 billion", 3.84e11, "SGD", None, False),
    ("The fund holds RMB 50 billion in bonds.", "RMB 50 billion", 5e10, "CNY", None, False),
    ("Losses reached 120 billion yuan last year.", "120 billion yuan", 1.2e11, "CNY", None, False),
    ("The deal is worth 10 trillion won.", "10 trillion won", 1e13, "KRW", None, False),
    ("The swap line is 5 trillion yen.", "5 trillion yen", 5e12, "JPY", None, False),
    ("The EU pledged 120 billion euros.", "120 billion euros", 1.2e11, "EUR", None, False),
    ("Berlin set aside €113 billion for defence.", "€113 billion", 1.13e11, "EUR", None, False),
    ("The club paid £45m for the striker.", "£45m", 4.5e7, "GBP", None, False),
    ("Repairs cost $1.2bn in total.", "$1.2bn", 1.2e9, "USD", None, False),
    ("Brent traded at US$58.20 a barrel.", "US$58.20 a barrel", 58.2, "USD", "a barrel", False),
    ("Taipei plans NT$1.25 trillion in spending.", "NT$1.25 trillion", 1.25e12, "TWD", None, False),
    ("The levy raised 400 billion CFA francs.", "400 billion CFA francs", 4e11, "XOF", None, False),
    ("He spent seventy million dollars on the house.", "seventy million dollars", 7e7, "USD", None, False),
    (
        "Both countries signed 14 memorandums of understanding covering trade.",
        "14 memorandums of understanding",
        14,
        None,
        "memorandums of understanding",
        False,
    ),
    (
        "He was accompanied by some 200 South Korean business leaders, including bankers.",
        "some 200 South Korean business leaders",
        200,
        None,
        "South Korean business leaders",
        True,
    ),
    (
        "Three military-led countries left the bloc.",
        "Three military-led countries",
        3,
        None,
        "military-led countries",
        False,
    ),
    (
        "China has been the largest partner for 21 consecutive years.",
        "21 consecutive years",
        21,
        "years",
        None,
        False,
    ),
    ("Mr Lee's four-day trip marks a thaw.", "four-day trip", 4, "days", "trip", False),
    ("The agenda was too long for two days.", "two days", 2, "days", None, False),
    ("Inflation rose 3.5 per cent in March.", "3.5 per cent", 3.5, "percent", None, False),
    ("Turnout was 91 percent.", "91 percent", 91, "percent", None, False),
    ("The index fell 12% in a week.", "12%", 12, "percent", None, False),
    ("Rates rose 1.5 percentage points.", "1.5 percentage points", 1.5, "percentage points", None, False),
    ("More than 12 million people voted.", "More than 12 million people", 1.2e7, None, "people", True),
    ("At least 40 aid trucks crossed.", "At least 40 aid trucks", 40, None, "aid trucks", True),
    ("Nearly five years have passed.", "Nearly five years", 5, "years", None, True),
    ("Dozens of protesters gathered.", "Dozens of protesters", 24, None, "protesters", True),
    ("Ships must stay 12 nautical miles away.", "12 nautical miles", 12, "nautical miles", None, False),
    (
        "The group pumps 2.2 million barrels a day.",
        "2.2 million barrels a day",
        2.2e6,
        "barrels a day",
        None,
        False,
    ),
    ("The peso traded at 17.3 per dollar.", "17.3 per dollar", 17.3, None, "per dollar", False),
]


@pytest.mark.parametrize(("sentence", "expr", "value", "unit", "measures", "approx"), CASES)
def test_figure(
    sentence: str, expr: str, value: float, unit: str | None, measures: str | None, approx: bool
) -> None:
    f = _one(sentence, expr)
    assert f.value == pytest.approx(value)
    assert f.unit == unit
    if measures is not None:
        assert f.measures == measures
    assert f.approximate is approx
    assert sentence[f.start : f.end] == f.text


def test_conversion_kept_as_its_own_figure() -> None:
    s = "Trade is worth US$300 billion (S$384 billion) a year."
    figs = [(f.value, f.unit) for f in _figures(s)]
    assert figs == [(3e11, "USD"), (3.84e11, "SGD")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The summit was held on Jan 5, 2026, in Beijing.",
        "The talks ended on 13 January at 3pm.",
        "The F-35 and the MiG-29 flew past.",
        "He was born in 1961 and retired in 2019.",
        "It was the 21st meeting of the group.",
        "One of them joked about it.",
    ],
)
def test_not_figures(sentence: str) -> None:
    assert _figures(sentence) == []


def test_furniture_skipped() -> None:
    text = "Title\nSubscribe now: 50 per cent off for 3 months\nTurnout was 61 per cent.\n"
    assert [f.text for f in _find(parse_document(text))] == ["61 per cent"]


@pytest.mark.parametrize("path", sorted(DATA.glob("*.json")), ids=lambda p: p.stem)
def test_articles(path: Path) -> None:
    want = json.loads(path.read_text(encoding="utf-8"))
    text = path.with_suffix(".txt").read_text(encoding="utf-8")
    figs = _find(parse_document(text))
    for exp in want["figures"]:
        hits = [f for f in figs if f.value == pytest.approx(exp["value"])]
        assert hits, f"{path.stem}: no figure {exp}"
        if "unit" in exp:
            assert any(f.unit == exp["unit"] for f in hits), f"{path.stem}: {exp}"
        if exp.get("approximate"):
            assert any(f.approximate for f in hits), f"{path.stem}: {exp}"
    for f in figs:
        assert text[f.start : f.end] == f.text


@pytest.mark.parametrize(
    "sentence",
    [
        "The country invoked Article 51 of the charter after the strikes.",
        "Investigators recovered the recorders of Flight 752 on Wednesday.",
        "The council renewed Resolution 2231 without a vote.",
        "Traffic on Route 66 was halted near the border.",
        "The memorial honours the victims of 9/11 every year.",
        # the same named day written with a dash (named_dates.txt), however it goes on
        "Airport checks were tightened after 9-11, the inspectors said.",
        "The harbour guard has doubled since 9\u201311 and the floods that followed.",
        "A 9-11 memorial now stands by the quay.",
        "The talks stalled over Chapter 7 of the draft.",
        # a capitalised name right before a bare number with no unit or counted noun after it
        "The company says its Falcon 9 is just as reliable as the rival rocket.",
        "He told the radio station Europe 1 that he had been freed.",
        "The statement aired on Valdora 24, a state-run station.",
        "The airline grounded its Boeing 737 fleet on Tuesday.",
        "Shares in the FTSE 100 index fell sharply.",
        "The bill, H.R. 1, passed the House.",
        "Users of Windows 10 were told to update.",
        # an identifier noun and "of": "Group of 20"; a number word after one; an era
        "Leaders of the Group of 20 met in Osaka.",
        "He called on the Group of 7 leaders to readmit the country.",
        "The treaty's Article Five commitments bind all members.",
        "The revolt of 68 CE ended in a siege.",
        # a number glued to a bracketed letter or number names a provision
        "She rolled her savings into a 401(k) before the crash.",
        "The charity lost its 501(c)(3) status last year.",
    ],
)
def test_identifiers_are_not_figures(sentence: str) -> None:
    assert _figures(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        # a vote's or a game's tally: two whole numbers joined by a dash, the second no greater
        "The council approved the levy 412-96 on Tuesday.",
        "The motion passed 33 -29 after a long debate.",
        "The appeals court ruled 5-4 against the port authority.",
        "Ostrava won the final 3-1.",
        "The chances of a deal are 50-50, a negotiator said.",
    ],
)
def test_tallies_are_not_figures(sentence: str) -> None:
    assert _figures(sentence) == []


def test_ranges_and_counts_beside_a_tally_stay_figures() -> None:
    # a range goes up; the counts told with the tally are counts
    assert [(f.value, f.measures) for f in _figures("The port hired 200-300 dockers.")] == [
        (200.0, "dockers"),
        (300.0, "dockers"),
    ]
    sentence = "The levy passed 412-96, with 301 Greens and 111 Liberals voting yes."
    assert [(f.value, f.measures) for f in _figures(sentence)] == [(301.0, "Greens"), (111.0, "Liberals")]


def test_counts_next_to_identifiers_stay_figures() -> None:
    sentence = "Flight 752 crashed after take-off, killing 176 people on board."
    assert [f.value for f in _figures(sentence)] == [176.0]
    # a lower-case noun before a count is not a name: "in the article 40 people were quoted"
    assert [f.value for f in _figures("The report says that in the week 40 people were hurt.")] == [40.0]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        # a word that opens a sentence is no name; a counted noun after a name is counted
        ("Another 150 will assess the recruits.", 150.0),
        ("The 38 are current and former officials.", 38.0),
        ("Only 3 remain in custody.", 3.0),
        ("In Valdora 40 people died.", 40.0),
        ("He invaded Valdora 10 years ago.", 10.0),
        ("Police arrested 12 people in Paris on Sunday.", 12.0),
    ],
)
def test_a_number_after_a_capital_that_is_no_name_stays_a_figure(sentence: str, value: float) -> None:
    assert [f.value for f in _figures(sentence)] == [value]


def test_a_mixed_fraction_is_not_a_date() -> None:
    assert any(f.unit == "hours" for f in _figures("The hearing lasted 2-1/2 hours in all."))


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("The hearing lasted 2-1/2 hours in all.", "2-1/2 hours", 2.5, "hours"),
        ("He spent 3 1/2 years in prison.", "3 1/2 years", 3.5, "years"),
        ("Brent touched a 3-1/2-year high on Thursday.", "3-1/2-year high", 3.5, "years"),
        ("Prices rose 2 1/2 percent in May.", "2 1/2 percent", 2.5, "percent"),
    ],
)
def test_a_mixed_fraction_is_one_figure(sentence: str, text: str, value: float, unit: str) -> None:
    # the whole number takes the fraction and the unit; the fraction's numbers are no figures
    assert [(f.text, f.value, f.unit) for f in _figures(sentence)] == [(text, value, unit)]


def test_approximation_precheck_never_hides_a_match() -> None:
    """``_may_be_approximate`` only skips the search where ``_APPROX`` cannot match."""
    from digests.extract.figures import _APPROX, _may_be_approximate

    text = (
        "some 5 ABOUT\n5 Approx. 5 approx 5 ~5 ~ 5 nearly  5 more than\t5 moreover 5 at least 5 well "
        "over 5 5over 5 _over 5 as many as 5 upwards of 5 circa. 5 approx.. 5 \u017fome 5 . 5 an estimated "
        "5 close to 5 just under 5 fewer than 5 plenty 5 in 5"
    )
    matched = 0
    for start in range(len(text) + 1):
        lo = max(0, start - 25)
        if _APPROX.search(text, lo, start):
            matched += 1
            assert _may_be_approximate(text, lo, start), text[lo:start]
    assert matched >= 20
    assert not _may_be_approximate("the 5", 0, 4)


def test_numbers_start_where_a_run_of_digits_is_not_inside_a_number() -> None:
    # after a comma or full stop a run continues a number; after a superscript digit it is none
    text = "Officials counted 1,250 troops, 3.5 percent of them; x\u00b25 boats and 40 ships.\nMore text."
    doc = parse_document(text)
    found = [(f.text, f.value) for f in find_figures(doc, [])]
    assert ("1,250 troops", 1250.0) in found and ("3.5 percent", 3.5) in found
    assert ("40 ships", 40.0) in found
    assert not any(f.startswith(("250", "5 ", "5 boats")) for f, _ in found)


def test_figures_read_the_number_words_of_the_times_scanners_pass() -> None:
    # one pass over the lower-cased text finds the trigger words and the words opening a figure,
    # kept on the Doc: figures find the same whether the times stage ran first or not
    text = "Twenty-three people and dozens of troops arrived on Monday, three days after the vote.\nEnd."
    fresh = parse_document(text)
    alone = find_figures(fresh, calendar_spans(fresh.text))
    assert fresh.word_places is not None
    doc = parse_document(text)
    spans = scan_times(doc, None).calendar_spans
    places = doc.word_places
    assert places is not None and find_figures(doc, spans) == alone
    assert doc.word_places is places
    assert [f.text for f in alone] == ["Twenty-three people", "dozens of troops", "three days"]


# Issue 13, judged on real articles (bench/sample_figures.py): numbers that name, date or
# enumerate are no figures; ranges, compounds, partitives and multiples read whole.
@pytest.mark.parametrize(
    "sentence",
    [
        "The envoy spoke outside 14 Marlow Street on Friday morning.",
        "Critics call the plan Detente 2.0 and doubt it will last.",
        "The wave of '06 was bigger than anything since, she said.",
        "The convoy left at 4 o'clock in the morning.",
        "Pieter Maas, 47, of Utrecht, was detained at the border.",
        "The talks failed, said Greta Lind, 38.",
        "Consider this:\n1. Money: the budget is short.\n2. People: nobody wants the job.",
        "The plan (1) cuts taxes and (2) raises tariffs.",
        "He listed the flaws: 1) cost, 2) delay and 3) risk.",
    ],
)
def test_names_dates_and_list_numbers_are_not_figures(sentence: str) -> None:
    assert _figures(sentence) == [], _figures(sentence)


# (sentence, expression, value, unit, measures)
READ_WHOLE: list[tuple[str, str, float, str | None, str | None]] = [
    ("Tariffs of 20 to 25 percent were floated.", "20", 20, "percent", None),
    ("Between 3,000 and 4,000 volunteers joined.", "3,000", 3000, None, "volunteers"),
    ("The ransom was between 2 and 4 million euros.", "2", 2e6, "EUR", None),
    ("The upgrade will cost $5 to $10 billion.", "$5", 5e9, "USD", None),
    ("The siege lasted two or three years.", "two", 2, "years", None),
    ("They wrote a 480-page report on the flood.", "480-page report", 480, "pages", "report"),
    ("A 1,200-strong committee chose the mayor.", "1,200-strong committee", 1200, None, "committee"),
    ("The rebels hold a 25-mile stretch of coast.", "25-mile stretch", 25, "miles", "stretch"),
    ("They imposed a 10-percent levy on steel.", "10-percent", 10, "percent", None),
    ("Police say 12 of the 30 suspects were freed.", "12", 12, None, "suspects"),
    ("About 60 of its citizens fight abroad.", "About 60", 60, None, "citizens"),
    ("The inquiry sent four dozen questions.", "four dozen questions", 48, None, "questions"),
    ("Flooding cost hundreds of millions of dollars.", "hundreds of millions of dollars", 2e8, "USD", None),
    (
        "It feeds hundreds of millions of households.",
        "hundreds of millions of households",
        2e8,
        None,
        "households",
    ),
    ("Fans lost millions of dollars in the crash.", "millions of dollars", 2e6, "USD", None),
    ("The 12-day-old truce held.", "12-day-old", 12, "days", "age"),
    ("A 31-year-old driver was held.", "31-year-old", 31, "years", "age"),
    ("Pickers worked in 41 degrees Celsius heat.", "41 degrees Celsius", 41, "degrees Celsius", None),
]


@pytest.mark.parametrize(("sentence", "expr", "value", "unit", "measures"), READ_WHOLE)
def test_figures_read_whole(
    sentence: str, expr: str, value: float, unit: str | None, measures: str | None
) -> None:
    f = _one(sentence, expr)
    assert (f.value, f.unit, f.measures) == (pytest.approx(value), unit, measures)
    assert sentence[f.start : f.end] == f.text


@pytest.mark.parametrize(
    ("sentence", "read"),
    [
        # a range written with a dash has both its ends, each read whole, as "to" ranges are
        ("The mine employs 1,500-2,000 workers.", [(1500, None, "workers"), (2000, None, "workers")]),
        ("Rents rose 15-20 percent this year.", [(15, "percent", None), (20, "percent", None)]),
        ("The bridge will cost $4-$6 billion.", [(4e9, "USD", None), (6e9, "USD", None)]),
        (
            "The wells pump 300\u2013400 barrels a day.",
            [(300, "barrels a day", None), (400, "barrels a day", None)],
        ),
        # the second end of a range that counts nothing is no figure: the first stays as it was
        ("She read chapters 9-11 to the class.", [(9, None, None)]),
        # a named day's digits ("9-11") counting something are a range
        ("The inspectors questioned 9-11 witnesses.", [(9, None, "witnesses"), (11, None, "witnesses")]),
        # not a range: a tally, a model number, a negative reading
        ("The bill passed 61-38.", []),
        ("The F-16 squadron flew at -5 degrees.", []),
    ],
)
def test_a_range_with_a_dash_has_both_ends(
    sentence: str, read: list[tuple[float, str | None, str | None]]
) -> None:
    assert [(f.value, f.unit, f.measures) for f in _figures(sentence)] == [
        (pytest.approx(v), u, m) for v, u, m in read
    ]


def test_a_range_with_a_scale_left_unsaid_is_not_read_across() -> None:
    assert [f.text for f in _figures("The rally drew two or three thousand people.")] == [
        "three thousand people"
    ]
    assert next((f.value, f.measures) for f in _figures("They train 3 to 5,000 fighters.")) == (3.0, None)


def test_quantities_next_to_the_new_rules_stay() -> None:
    found = {
        f.text: (f.value, f.unit)
        for f in _figures(
            "Ms Lind, who is 38, said 45 people were hurt, 3 of them badly, and 2.0 percent of the budget "
            "was spent; the vote was 273-156; some 40, she said, were children."
        )
    }
    assert found["45 people"] == (45.0, None)
    assert found["2.0 percent"] == (2.0, "percent")


def test_word_before_reads_what_the_pattern_found() -> None:
    """``_word_before`` (characters) finds the word ``_NOUN_BEFORE`` (a search) finds."""
    from digests.extract.figure_names import NOUN_BEFORE as _NOUN_BEFORE
    from digests.extract.figure_names import word_before as _word_before

    text = (
        "Article 51 No. 2 the Flight  752 U.S. 5 aRticle 9 xArticle 7 Art.\t3 (Room 12 "
        "Extraordinarilylongcapitalisedword 4 Zone\n5 9/11 é 3 Éa 6 A 1 a. 2 .. 3 -Gate 4 "
    )
    for ns in range(1, len(text) + 1):
        found = _NOUN_BEFORE.search(text, max(0, ns - 24), ns)
        assert _word_before(text, ns) == (found.group(1) if found else None), repr(text[max(0, ns - 24) : ns])


@pytest.mark.parametrize(
    "sentence, expr",
    [
        ("He was interviewed on The 310 Lounge Thursday about the vote.", "310"),
        ("Analysts at 44 Harbor, a research website, published the images.", "44"),
        ("The Nikkei 225 Tokyo index fell sharply after the remarks.", "225"),
    ],
)
def test_a_number_inside_a_name_is_not_a_figure(sentence: str, expr: str) -> None:
    i = sentence.index(expr)
    assert not [f for f in _figures(sentence) if f.start <= i < f.end]


@pytest.mark.parametrize(
    "sentence, expr, measures",
    [
        # an abbreviation's last full stop is not the sentence's end: the count runs on to its noun
        ("Two U.S. banks refused to convert the funds.", "Two U.S. banks", "U.S. banks"),
        ("Officials said 17 U.K. warships joined the drill.", "17 U.K. warships", "U.K. warships"),
        # a people's name ends the count before a verb, not before its own noun
        ("About 2 million Kurds live in the region.", "About 2 million Kurds", "Kurds"),
        ("Israel killed three top Hamas military commanders in a strike.",
         "three top Hamas military commanders", "top Hamas military commanders"),
        ("It lowers costs for thousands of small manufacturing firms.",
         "thousands of small manufacturing firms", "small manufacturing firms"),
        # a weekday after a count is when, not what
        ("An airstrike injured 60 Friday in the northern town.", "60", None),
        # a people's name in -is, or a demonym, counts them
        ("The war claimed the lives of 67 Israelis and 600 French volunteers.", "67 Israelis", "Israelis"),
        ("Officials said 40 Yazidis had been rescued.", "40 Yazidis", "Yazidis"),
        ("The three Americans appear to be in good condition.", "three Americans", "Americans"),
    ],
)
def test_counts_end_where_their_noun_does(sentence: str, expr: str, measures: str | None) -> None:
    fig = _one(sentence, expr)
    assert (fig.text, fig.measures) == (expr, measures)


@pytest.mark.parametrize(
    ("sentence", "expr"),
    [
        # a title in quotation marks that opens with a number
        ('The minister told "48 Hours," the weekly programme, that talks would resume.', "48"),
        ("She spoke on \u201c20 Minutes\u201d before the vote in Ostrava.", "20"),
        # a rating: "a" before a number that ends its phrase
        ("Asked about the talks, he called them a 9, then left the hall.", "9"),
        ("The mayor rated the new bridge as \u201ca 7.\u201d", "7"),
        # a number after a plus glued to a name: a group's name
        ("The E3+2 group met the envoys in Vienna on Tuesday.", "2"),
        # "one day" meaning some day
        ("Farmers hope the valley could one day feed the whole province.", "one day"),
        ("There will be another drought one day, the engineer warned.", "one day"),
    ],
)
def test_titles_ratings_and_some_day_are_not_figures(sentence: str, expr: str) -> None:
    i = sentence.index(expr)
    assert [f for f in _figures(sentence) if f.start < i + len(expr) and f.end > i] == []


@pytest.mark.parametrize(
    ("sentence", "expr", "value", "unit", "measures"),
    [
        # "one day" beside a word that makes it a span stays one
        ("The strike began one day after the talks in Lodz failed.", "one day", 1, "days", None),
        ("The ferry service was halted for one day last week.", "one day", 1, "days", None),
        ("The envoy said the visit would last one day only.", "one day", 1, "days", None),
        # an age told after a word of age
        ("Dozens were detained, some as young as 14, the lawyers said.", "14", 14, "years", "age"),
        ("The council has three members aged 71, all of them farmers.", "71", 71, "years", "age"),
        ("She left the island at age 16 and never returned.", "16", 16, "years", "age"),
        # next to the new rules, quantities stay: a quoted count, "a" before a counted noun
        ('"40 Soldiers crossed the river," the captain said.', "40 Soldiers", 40, None, "Soldiers"),
        ("The village has a 400-year-old church and 12 farms.", "12 farms", 12, None, "farms"),
        ("The ministry paid a 5 percent bonus to nurses.", "5 percent", 5, "percent", None),
    ],
)
def test_spans_ages_and_counts_beside_the_new_rules(
    sentence: str, expr: str, value: float, unit: str | None, measures: str | None
) -> None:
    f = _one(sentence, expr)
    assert (f.value, f.unit, f.measures) == (value, unit, measures)
