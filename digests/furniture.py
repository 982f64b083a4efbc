"""Furniture learnt from repetition: lines an outlet prints on many of its articles.

A paragraph that recurs, word for word (digits aside), on two or more articles of one
outlet is navigation, a sign-up prompt, a disclaimer, a byline or a bio: furniture for
that outlet. The store keeps one hash per (outlet, article, paragraph line)
(:meth:`digests.store.Store.record_lines`); :func:`learned_hashes` decides from those
rows which lines of an article are furniture, so the extractor can flag them
(``extract(..., learned=...)``). Two copies of one story (an update, a wire text printed
twice by the outlet) share most of their lines: such pairs are not evidence, or every
sentence of a story printed twice would become furniture.

The decision depends only on the set of stored articles, not on the order they came
in, which is what ``geodigest reextract`` relies on.

Repetition inside one paragraph tells furniture too: a widget whose text the page holds
twice, once shown and once hidden (a donation or sign-up box, a photo credit), reads as a
paragraph that ends with words it already said (:func:`printed_twice`).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

#: a line needs this many other (non-copy) articles of the outlet to be furniture
MIN_OTHERS = 1
#: long lines and quotations are news far more often than furniture: they need more
MIN_OTHERS_LONG = 2
LONG_WORDS = 20
#: a line printed on more than this many other articles of the outlet is furniture whatever
#: they are (no story is copied that often); the store stops looking past it
FREQUENT = 24
#: two articles sharing this share of the smaller one's lines (and at least COPY_MIN lines),
#: or COPY_LONG long lines, are copies of one story (or two versions), not evidence of furniture
COPY_SHARE = 0.3
COPY_MIN = 3
COPY_LONG = 2

#: a paragraph ending with this many words it already holds, in the same order, is printed twice
TWICE_WORDS = 8

_DIGITS = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
_QUOTE = re.compile("[\"\u201c\u201d]")


def normalise_line(line: str) -> str:
    """A line as compared across articles: lower case, digits as 0, spacing collapsed."""
    line = " ".join(line.lower().split())
    return _DIGITS.sub("0", line) if _DIGIT.search(line) else line


def line_hash(line: str) -> int:
    """A 63-bit hash of the normalised line (fits an SQLite INTEGER), stable across processes."""
    data = normalise_line(line).encode("utf-8")
    return ((zlib.crc32(data) << 31) ^ zlib.adler32(data)) & 0x7FFFFFFFFFFFFFFF


def outlet_of(url: str | None, source: str | None) -> str | None:
    """The outlet an article belongs to: the URL's host without ``www.``, else the source name."""
    if url:
        host = (urlsplit(url).hostname or "").lower()
        if host.startswith("www."):
            host = host[4:]
        if host:
            return host
    if source and source.strip():
        return source.strip().lower()
    return None


def printed_twice(line: str) -> bool:
    """Whether a paragraph ends with ``TWICE_WORDS`` words that stand, in that order, once
    earlier in it: a widget's text read twice ("Chip in $10 to help us ... Chip in $10 to help
    us ..."). News text does not repeat eight words of its own in one paragraph."""
    if len(line) < 8 * TWICE_WORDS:  # too short to hold the words twice
        return False
    # (the last word stands in the earlier copy: most paragraphs hold their last word once)
    last = line.rsplit(None, 1)[-1]
    if line.find(last) >= len(line) - len(last):
        return False
    parts = line.rsplit(None, TWICE_WORDS)
    if len(parts) <= TWICE_WORDS:
        return False
    return parts[0].count(" ".join(parts[1:])) == 1  # twice in all, not a refrain


#: a second headline has at least this many words, this many of them not small words
HEADLINE_WORDS = 5
HEADLINE_CAPITALISED = 4
# the quotation marks and brackets a headline's word may open with
_OPENERS = "\"'“‘(["


def furniture_lines(name: str) -> tuple[str, ...]:
    """The lines of ``resources/furniture/<name>`` (one rule, word or pattern a line), blank lines and
    ``#`` comments left out: the one reader of the furniture resource files."""
    text = resources.files("digests").joinpath("resources", "furniture", name).read_text(encoding="utf-8")
    return tuple(ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=1)
def _small_words() -> frozenset[str]:
    return frozenset(ln.strip() for ln in furniture_lines("headline_small_words.txt"))


# a sentence ending inside the line: a word's lower-case end, then its stop ("U.S. May" is no break)
_SENTENCE_BREAK = re.compile(r"[a-z]{2}[.!?][\"”’']?\s+[A-Z]")


def headline_shaped(line: str) -> bool:
    """Whether a stripped paragraph reads as a headline in Title Case or capitals, not a sentence:
    ``HEADLINE_WORDS`` words or more, every one but the small words (resources/furniture/
    headline_small_words.txt) opening with a capital or a digit, at least ``HEADLINE_CAPITALISED``
    of them, no sentence break inside. The caller has seen that it does not end like a sentence;
    after an article's title such a line is a second headline, a deck or a link to another story."""
    words = line.split()
    if len(words) < HEADLINE_WORDS:
        return False
    small = _small_words()
    capitalised = 0
    for word in words:
        bare = word.lstrip(_OPENERS)
        if not bare or bare.lower() in small:
            continue
        if not (bare[0].isupper() or bare[0].isdigit()):
            return False
        capitalised += 1
    return capitalised >= HEADLINE_CAPITALISED and _SENTENCE_BREAK.search(line) is None


@lru_cache(maxsize=64)
def article_lines(text: str) -> Mapping[int, bool]:
    """The hashes of ``text``'s paragraph lines (one per non-empty line), each with whether it is long.

    Kept for the last few texts: ingest asks when it queues an article and again when it saves it.
    """
    lines: dict[int, bool] = {}
    for raw in text.split("\n"):
        s = raw.strip()
        if not s:
            continue
        long = len(s.split()) > LONG_WORDS or bool(_QUOTE.search(s))
        lines[line_hash(s)] = long
    return lines


def learned_hashes(
    lines: Mapping[int, bool],
    seen: Mapping[int, Iterable[int]],
    others_lines: Mapping[int, int],
    frequent: Iterable[int] = (),
) -> frozenset[int]:
    """Which of an article's ``lines`` are furniture.

    ``seen`` maps a line hash to the other articles of the outlet that print it;
    ``others_lines`` gives each of those articles' number of lines. An article sharing
    at least ``COPY_SHARE`` of the smaller line count (and ``COPY_MIN`` lines), or
    ``COPY_LONG`` long lines, is a copy of this one and does not count. Lines in ``frequent``
    (printed on more than ``FREQUENT`` other articles) are furniture outright.
    """
    shared: dict[int, int] = {}
    shared_long: dict[int, int] = {}
    for h, ids in seen.items():
        for other in ids:
            shared[other] = shared.get(other, 0) + 1
            if lines.get(h):
                shared_long[other] = shared_long.get(other, 0) + 1
    mine = max(1, len(lines))
    copies = {
        other
        for other, n in shared.items()
        if (n >= COPY_MIN and n >= COPY_SHARE * min(mine, max(1, others_lines.get(other, 0))))
        or shared_long.get(other, 0) >= COPY_LONG
    }
    out = {h for h in frequent if h in lines}
    for h, ids in seen.items():
        if h not in lines:
            continue
        evidence = sum(1 for other in set(ids) if other not in copies)
        if evidence >= (MIN_OTHERS_LONG if lines[h] else MIN_OTHERS):
            out.add(h)
    return frozenset(out)


#: an advertisement's label is a line of at most this many characters (resources/furniture/ad_labels.txt)
AD_LABEL_CHARS = 40
#: the paragraph after an advertisement's label is its advertisement when it has at most this many words
AD_WORDS = 40


@lru_cache(maxsize=1)
def _ad_labels() -> frozenset[str]:
    return frozenset(ln.strip().lower() for ln in furniture_lines("ad_labels.txt"))


def ad_label(line: str) -> bool:
    """Whether a stripped paragraph is an advertisement's label printed on a line of its own
    ("Urgent:", "Sponsored", resources/furniture/ad_labels.txt): furniture, and so is the short
    paragraph under it (:func:`advertised`)."""
    return len(line) <= AD_LABEL_CHARS and line.rstrip(": ").lower() in _ad_labels()


def advertised(line: str) -> bool:
    """Whether the stripped paragraph right after an advertisement's label is its advertisement:
    short (``AD_WORDS`` words at most) and quoting no one."""
    return len(line.split(None, AD_WORDS)) <= AD_WORDS and _QUOTE.search(line) is None


#: a bio stands among the story's first HEAD_BIO or last TAIL_BIO paragraphs (furniture aside,
#: the title not counted)
HEAD_BIO = 2
TAIL_BIO = 3
#: a bio is a paragraph of at most this many words
BIO_WORDS = 120
#: its "is" stands within this many characters of its start (a name and an apposition before it)
BIO_REACH = 200


#: a section's heading (or the author's name line under it) is a paragraph of at most this many
#: characters not ending as a sentence does
HEADING_CHARS = 120
_HEADING_CLOSERS = "\"'”’)] "


def _heading(text: str, start: int, end: int) -> bool:
    """Whether a paragraph reads as a heading or a name line: short, not closed by a full stop."""
    if end - start > HEADING_CHARS:
        return False
    line = text[start:end].rstrip(_HEADING_CLOSERS)
    return bool(line) and line[-1] not in ".,;:"


@lru_cache(maxsize=1)
def _bios() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in furniture_lines("bios.txt"))


def bio_paragraphs(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Which of a story's paragraphs (the (start, end) ``spans`` in ``text`` of its content
    paragraphs in order, title first) are a contributor's bio ("Jane Roe is a senior fellow at
    ...", resources/furniture/bios.txt): one of the first ``HEAD_BIO`` or last ``TAIL_BIO`` after
    the title, whose person's last name no other paragraph writes (a person of the story is named
    again; the author is not)."""
    n = len(spans)
    if n < 3:
        return []
    out: list[int] = []
    for i in sorted({*range(1, min(n, 1 + HEAD_BIO)), *range(max(1, n - TAIL_BIO), n)}):
        start, end = spans[i]
        surname = _bio_surname(text, start, end)
        if surname is not None and not any(
            surname.search(text, s, e) for j, (s, e) in enumerate(spans) if j != i and j > 0
        ):
            out.append(i)
    return out


def _bio_surname(text: str, start: int, end: int) -> re.Pattern[str] | None:
    """The last name of the person a paragraph is the bio of, as a whole-word pattern; None when
    it is no bio (resources/furniture/bios.txt)."""
    if not text[start].isupper() or (
        text.find(" is ", start, min(end, start + BIO_REACH)) < 0
        and text.find(" serves as ", start, min(end, start + BIO_REACH)) < 0
    ):
        return None  # (what every bio holds, looked for before the patterns are tried)
    m = next((m for m in (b.match(text, start, end) for b in _bios()) if m is not None), None)
    if m is None or len(text[start:end].split(None, BIO_WORDS)) > BIO_WORDS:
        return None
    return re.compile(rf"(?<!\w){re.escape(m.group('name').split()[-1])}(?!\w)")


def section_bios(text: str, paragraphs: Sequence[tuple[int, int, bool]]) -> list[int]:
    """Which paragraphs (``(start, end, furniture)`` in ``text``, the title first) are the bio
    closing a section of a roundup: several contributors' short pieces, each under a heading or a
    name line with its author's name, each ending in its author's bio ("Jane Roe: Why the port
    matters" ... "Jane Roe is a senior fellow at ..."). A bio is taken in the middle of a story
    when a heading follows it, and the heading or name line opening its section holds the person's
    last name, which none of the section's other paragraphs writes (an author is not a person of
    their own piece; a person the section is about is named in it)."""
    out: list[int] = []
    for i in range(1, len(paragraphs) - 1):
        start, end, furniture = paragraphs[i]
        if furniture or not _heading(text, paragraphs[i + 1][0], paragraphs[i + 1][1]):
            continue
        surname = _bio_surname(text, start, end)
        if surname is None:
            continue
        opening = next((j for j in range(i - 1, 0, -1) if _heading(text, *paragraphs[j][:2])), None)
        if opening is None or not surname.search(text, *paragraphs[opening][:2]):
            continue
        if not any(surname.search(text, s, e) for s, e, f in paragraphs[opening + 1 : i] if not f):
            out.append(i)
    return out
