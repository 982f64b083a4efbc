"""The text model: paragraphs, sentences, quotation regions, page furniture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from digests.extract.quote_marks import quote_regions
from digests.extract.text import is_furniture, last_word, parse_document

DATA = Path(__file__).resolve().parent / "data" / "quotes"


@pytest.mark.parametrize(
    "line",
    [
        "Sign up now: Get the morning briefing delivered to your inbox",
        "PHOTO: HARBOUR PRESS",
        "Read more: Europe's ammunition gap, two years on",
        "Reporting by Lena Fisk; Editing by Tom Arden",
        "By Jane Doe and John Roe",
        "Advertisement",
        "Seoul versus Tokyo",
        # captions that say so at their start: the picture's moment, never an event
        "In this Wednesday, photo provided on Thursday by the Lenz government, Ana Ruiz shakes hands.",
        "FILE - In this Oct. 5, 2025, file photo, Minister Ana Ruiz speaks at the quay in Lenz.",
        "A photograph taken on March 3, 2026 shows the harbour of Lenz after the storm.",
        "A handout picture released by the ministry shows the new quay on Monday.",
        # captions printed with their credit in front, and a credit line in the plural
        "Ines Marlow/Staff Dock workers in Lenz cheer as the first ship leaves the new quay in 2025.",
        "Tomas J. Berg/AP Fighters pose for a photo in Lenz after the truce of March 3, 2026.",
        "Ana Ruiz/Reuters \u201cWe are ready,\u201d says a docker at the quay.",
        "Photo Credits: Ines Marlow.",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "Mr Kessler said the truce would hold.",
        "\u201cWe will win,\u201d she said.",
        "The minister told reporters that talks had stalled and would resume next week",
        "In this town, the harbour photo exhibition opened on Monday.",
        "In this case the picture is clear: the talks failed.",
        "The photo taken by the officer became evidence in court on Monday.",
        # a slash near the start that is no photographer's credit
        "LENZ/VALDORA (Quay Press) - The two ports agreed on Monday to share a pilot service.",
        "A Quay Press/Harbour Times poll last month found most dockers backed the strike.",
        "The F/A 18s made two passes over the harbour, the navy said.",
        "Ana Ruiz/Tomas Berg Consulting, a firm in Lenz, won the contract on Monday.",
    ],
)
def test_news_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_caption_before_photo_credit_is_furniture() -> None:
    doc = parse_document((DATA / "honorific_style.txt").read_text(encoding="utf-8"))
    flags = [p.furniture for p in doc.paragraphs]
    assert flags[:5] == [True] * 5  # label, short title, sign-up, caption, credit
    assert not any(flags[5:])


@pytest.mark.parametrize(
    ("caption", "credit", "furniture"),
    [
        ("Minister Ana Ruiz waving to dock workers in Lenz, in a file picture.", "PHOTO: QUAY PRESS", True),
        ("Newly built tractors waiting for export at a port in Lenz.", "Image: Harbour Agency", True),
        ("Ana Ruiz (left) and Tomas Berg at their first meeting in Lenz in 2025.", "Photo: AFP", True),
        ("The minister spoke.", "PHOTO: AFP", False),
        # a sentence of the story (a finite verb, a quotation) before a credit stays news
        ("The ministers met in Lenz on Monday and agreed on a quay.", "PHOTO: QUAY PRESS", False),
        ("Ruiz said the quay would open in May.", "Photo: Jane Roe/Quay Press", False),
        ("\u201cWe are ready\u201d, a docker waving a flag in Lenz.", "PHOTO: QUAY PRESS", False),
        # a short verbless line with no credit line after it is not taken for a caption
        ("Ana Ruiz waving to dock workers in Lenz on the first day of the new quay works.", "", False),
    ],
)
def test_a_caption_is_the_line_over_a_credit(caption: str, credit: str, furniture: bool) -> None:
    text = f"Ports reopen along the northern coast\n{caption}\n{credit}\nThe strike ended on Monday.\n"
    doc = parse_document(text)
    assert doc.paragraphs[1].furniture is furniture


def test_offsets_index_the_text_as_read() -> None:
    text = "  Title line here\n\nFirst para. Second sentence!\r\n\u201cQuoted.\u201d Then more.\n"
    doc = parse_document(text)
    for p in doc.paragraphs:
        assert text[p.start : p.end] == text[p.start : p.end].strip()
    for s in doc.sentences:
        assert text[s.start : s.end].strip() == text[s.start : s.end]
        assert s.start >= doc.paragraphs[s.paragraph].start and s.end <= doc.paragraphs[s.paragraph].end


def test_sentences_do_not_split_inside_quotes_or_before_attribution() -> None:
    text = "\u201cIt is late. We must go,\u201d he said. \u201cWhy now?\u201d Lopez asked. Mr. Ruiz left."
    doc = parse_document(text)
    got = [text[s.start : s.end] for s in doc.sentences]
    assert got == [
        "\u201cIt is late. We must go,\u201d he said.",
        "\u201cWhy now?\u201d Lopez asked.",
        "Mr. Ruiz left.",
    ]


def test_quote_regions_straight_curly_single_and_nested() -> None:
    text = 'He said "yes" and \u201cno \u2018maybe\u2019 never\u201d.'
    regions = quote_regions(text, 0, len(text))
    assert [text[r.start : r.end] for r in regions] == ["yes", "no \u2018maybe\u2019 never"]
    single = "\u2018We are ready,\u2019 the minister\u2019s aide said."
    assert [single[r.start : r.end] for r in quote_regions(single, 0, len(single))] == ["We are ready,"]


def test_unclosed_quote_runs_to_paragraph_end_and_carries() -> None:
    text = "\u201cFirst part of it.\n\u201cSecond part,\u201d she said."
    doc = parse_document(text)
    p0, p1 = doc.paragraphs
    r0 = quote_regions(text, p0.start, p0.end)
    assert r0[-1].close_mark is None and text[r0[-1].start : r0[-1].end] == "First part of it."
    r1 = quote_regions(text, p1.start, p1.end, carried=True)
    assert text[r1[0].start : r1[0].end] == "Second part,"


def test_content_views_skip_furniture() -> None:
    doc = parse_document("Sign up now: get the briefing\nThe minister spoke.\nPHOTO: AFP")
    assert [p.index for p in doc.content_paragraphs()] == [1]
    assert all(s.paragraph == 1 for s in doc.content_sentences())


def test_straight_quotes_nested_in_curly_ones_stay_inside() -> None:
    text = '\u201cHe said "never" and left,\u201d she said.'
    regions = quote_regions(text, 0, len(text))
    assert [text[r.start : r.end] for r in regions] == ['He said "never" and left,']


def test_mixed_typography_and_reversed_opening_mark() -> None:
    mixed = '\u201cDeals are not a requirement," the chairman said.'
    assert [mixed[r.start : r.end] for r in quote_regions(mixed, 0, len(mixed))] == [
        "Deals are not a requirement,"
    ]
    rev = "\u201dFear. I am afraid.\u201d \u2014 A reader"
    assert [rev[r.start : r.end] for r in quote_regions(rev, 0, len(rev))] == ["Fear. I am afraid."]


def test_plural_possessive_inside_single_quotes() -> None:
    text = "\u2018The leaders\u2019 summit was a success,\u2019 she said."
    assert [text[r.start : r.end] for r in quote_regions(text, 0, len(text))] == [
        "The leaders\u2019 summit was a success,"
    ]


def test_last_word_before_a_name_is_read_backwards() -> None:
    text = "the research fellow  Lee; (leader)\tXi and x-ray's Kim"
    at = text.index
    assert last_word(text, 0, at("Lee")) == "fellow"
    assert last_word(text, 0, at("Xi")) is None  # a bracket, not a word, before the blanks
    assert last_word(text, 0, at("Kim")) == "x-ray's"
    assert last_word(text, 0, at("Kim"), ascii_letters=True) == "s"
    assert last_word(text, at("ray"), at("Kim")) == "ray's"  # the window's start cuts the word
    assert last_word(text, 0, at("fellow")) == "research"
    assert last_word(text, 0, at("fellow") - 1) is None  # no blank at the end


@pytest.mark.parametrize(
    "line",
    [
        "SIGN UP for our morning briefing",  # upper case: the page's own words, any case
        "\u017fign up to our daily newsletter",  # a long s, which the pattern folds to "s"
        "WORLD / ASIA",  # a label of capitals: it ends in a letter
        "Asia | China",
        "\u00a9 2026 Harbour Ledger",
        "Reporting by Jane Roe; editing by Ann Lee",
        "(Jane Roe/AP)",
        "Photo: Jane Roe/Harbour Ledger",
    ],
)
def test_furniture_lines_in_any_case_are_found(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "Kyiv said on Monday it would respond to the strikes on its ports.",
        "The minister (right) arrived late, officials said.",
        "Talks resume: the two sides meet again in Geneva next week, officials said.",
    ],
)
def test_news_lines_with_a_bracket_or_colon_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_the_doc_keeps_its_lower_case_and_digit_runs() -> None:
    # runs of any decimal digits (Arabic-Indic too); a superscript two is no \d
    text = "On 12 May 2026, 1,250.5 people paid \u0661\u0662 dinars; x\u00b25 and 7"
    doc = parse_document(text)
    assert doc.lower == text.lower()
    assert doc.digit_runs == [m.span() for m in re.finditer(r"\d+", text)]
    assert doc.digit_runs is doc.digit_runs  # found once


def test_sentences_glued_by_a_missing_space_are_split() -> None:
    """ "... in May.On Tuesday": a full stop glued to a capitalised word ends a sentence and a word;
    an abbreviation ("Gov.", "U.S.Army") does not."""
    text = "He posted it on Twitter in May.On April 3, the council met. Gov.Smith spoke to U.S.Army staff."
    doc = parse_document(text)
    assert [doc.span(s.start, s.end) for s in doc.sentences] == [
        "He posted it on Twitter in May.",
        "On April 3, the council met.",
        "Gov.Smith spoke to U.S.Army staff.",
    ]
    words = [text[t.start : t.end] for t in doc.tokens]
    assert "May" in words and "On" in words and "May.On" not in words


def test_a_quotation_mark_glued_between_sentences_closes_or_opens_by_what_is_open() -> None:
    """'... from."It's ...': the space after a sentence's end is missing before or after a quotation
    mark. A mark glued there with no quotation open opens the next sentence's quotation, one glued
    inside a quotation closes it; both end the sentence as a space would."""
    text = (
        'The mayor asked where the "new buses" were coming from."It is our plan, so it had better be '
        'the right plan," Ines Marlow told the Harbour Gazette on Monday. "It has some flaws. Who pays '
        'for the fuel?"Back in 2009, Marlow ran the depot. She said.\u201dWe will see,\u201d she added.'
    )
    doc = parse_document(text)
    assert [doc.span(s.start, s.end) for s in doc.sentences] == [
        'The mayor asked where the "new buses" were coming from.',
        '"It is our plan, so it had better be the right plan," Ines Marlow told the Harbour Gazette '
        "on Monday.",
        '"It has some flaws. Who pays for the fuel?"',
        "Back in 2009, Marlow ran the depot.",
        "She said.",
        "\u201dWe will see,\u201d she added.",
    ]
    quoted = [text[r.start : r.end] for r in quote_regions(text, 0, len(text))]
    assert quoted == [
        "new buses",
        "It is our plan, so it had better be the right plan,",
        "It has some flaws. Who pays for the fuel?",
        "We will see,",
    ]
    # a carried quotation's first mark still closes it, glued or not
    carried = quote_regions('it ends here."Then', 0, 18, carried=True)
    assert [(r.open_mark, r.close_mark) for r in carried] == [(None, 13)]
