"""The text model shared by every extractor: paragraphs, sentences, page furniture.

Offsets always index the article text exactly as read; furniture paragraphs
stay in the text (so offsets hold) but are flagged and skipped by extractors.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import NamedTuple

from digests.extract.lexicon import CUE_ALT, SENTENCE_ABBREVIATIONS, trie_regex
from digests.extract.line_rules import ODD_CASE, ODD_CASE_LETTERS, LineRules
from digests.extract.quote_marks import QUOTE_MARK, QuoteRegion, nickname_marks, quote_regions
from digests.extract.vocab import MONTHS
from digests.extract.written import Written
from digests.furniture import (
    AD_LABEL_CHARS,
    ad_label,
    advertised,
    bio_paragraphs,
    furniture_lines,
    headline_shaped,
    printed_twice,
    section_bios,
)

_PARA_SPLIT = re.compile(r"\n")
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before
# whitespace and an upper-case letter, digit or opening quote; or, glued by a missing space,
# after a word of two lower-case letters or digits right before a capitalised word ("in May.On
# Tuesday"; not "U.S.Army", and an abbreviation is checked as for any other end); or at a double
# quotation mark glued between the end and a capital or digit ('from."It's', 'speech?"Back'): the
# mark closes the sentence's quotation or opens the next one's (``_split`` asks the quotations).
# (written "[.!?][.!?]*", not "[.!?]+": a pattern opening with a character class lets the engine
# skip straight to those characters, one opening with a repeat is tried at every position)
_SENT_END = re.compile(
    r"[.!?][.!?]*(?:[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])|(?<=[a-z\d][a-z\d][.!?])(?=[A-Z][a-z])"
    r"|(?<=[^\W_][.!?]|[.!?][.!?])[\"\u201c\u201d](?=[A-Z0-9]))"
)
# Abbreviations after which a full stop does not end a sentence: the one list, a resource file.
# Its plain words are factored by prefix (the engine reads a letter or two at a place, not each
# of fifty words), the entries written as patterns ("U\.S", "D-[\w.]+") follow as written: at a
# place they and the words share no first two characters, and every use has a full stop or the
# end after a word, which one word of a prefix chain ("Sen", "Sens") at most is followed by.
_ABBREV_WORDS = (*SENTENCE_ABBREVIATIONS, *MONTHS.words("abbr"))
_ABBREV_ALT = "|".join(
    [trie_regex([w for w in _ABBREV_WORDS if w.isalpha()]), *(w for w in _ABBREV_WORDS if not w.isalpha())]
)
#: the abbreviations as one regex alternation (each without its full stop), for patterns that
#: read a word "U.S." or "Gen." as one word (titles.py)
ABBREVIATION_ALT = _ABBREV_ALT
_ABBREV_END = re.compile(rf"(?:\b(?:{_ABBREV_ALT})|\b[A-Z])$")
_ABBREV = re.compile(rf"(?:\b(?:{_ABBREV_ALT})|\b[A-Z])\.$")
# how far before a full stop an abbreviation can begin ("D-Calif." is the longest written)
_ABBREV_REACH = 12


def ends_with_abbreviation(s: str) -> bool:
    """Whether ``s`` ends with an abbreviation (written without its full stop: "... said Gov")."""
    return _ABBREV_END.search(s, max(0, len(s) - _ABBREV_REACH)) is not None


def _trailing_run(s: str, ascii_letters: bool = False) -> str:
    r"""The run of word characters (``[\w'’.-]``, or ``[A-Za-z]``) that ends ``s``; "" if none."""
    i = len(s)
    if ascii_letters:
        while i > 0 and s[i - 1] in _ASCII_LETTERS:
            i -= 1
    else:
        while i > 0 and (s[i - 1].isalnum() or s[i - 1] in "_'’.-"):
            i -= 1
    return s[i:]


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def last_word(text: str, lo: int, end: int, ascii_letters: bool = False) -> str | None:
    r"""The last word of ``text[lo:end]`` when blanks end it (the word before a name, a title...).

    What ``([\w'’.-]+)[ \t]+$`` (or ``([A-Za-z]+)[ \t]+$``) searched over the window finds,
    read backwards from the end instead of tried at every offset of the window.
    """
    s = text[lo:end]
    r = s.rstrip(" \t")
    if len(r) == len(s):
        return None
    return _trailing_run(r, ascii_letters) or None


class Sentence(NamedTuple):
    """One sentence: absolute offsets into the text and the index of its paragraph.

    Sentences and quotation regions are named tuples, not frozen dataclasses: an article makes
    one per sentence and per quotation, and a frozen dataclass costs three times as much to build.
    """

    start: int
    end: int
    paragraph: int


class Paragraph(NamedTuple):
    """One paragraph (a non-empty line): offsets of its stripped text, and whether it is furniture.

    A named tuple, like ``Sentence``: an article makes one per line, flagging furniture one more.
    (Its field ``index`` stands for tuple's ``index`` method, which no caller uses.)"""

    index: int  # type: ignore[assignment]
    start: int
    end: int
    furniture: bool = False


class Token(NamedTuple):
    """One word, number or punctuation mark of a ``Doc``."""

    start: int
    end: int
    text: str
    lower: str
    shape: str  # "Xxxx", "xxxx", "XXXX", "dd", "d,ddd", "." (runs of a class longer than 4 cut to 4)
    sentence: int  # index into Doc.sentences, -1 between sentences
    paragraph: int  # Paragraph.index, -1 outside paragraphs


# a full stop glued to a capitalised word ("May.On") ends the word, as the sentence splitter has it
_TOKEN_RE = re.compile(r"[^\W_]+(?:(?:['’-]|\.(?![A-Z][a-z]))[^\W_]+)*|\S")


def word_shape(word: str) -> str:
    """spaCy-style shape: X for upper case, x for lower, d for digits, runs of one class cut at 4."""
    out: list[str] = []
    last = ""
    run = 0
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        run = run + 1 if c == last else 1
        last = c
        if run <= 4:
            out.append(c)
    return "".join(out)


@dataclass
class Doc:
    """An article body built once: paragraphs (furniture flagged), sentences and tokens.

    Every extraction stage reads it; offsets index ``text`` exactly as read.
    Tokens and word sets are computed on first use and kept.
    """

    text: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    # quotation regions per paragraph index (not carried over), found once while splitting
    # sentences and read again by the quotation extractor
    _regions: dict[int, list[QuoteRegion]] = field(default_factory=dict, repr=False, compare=False)
    #: link text glued into sentences ("... TrumpGOP senators balk ... MORE"): ``(start, end)``
    #: spans of the text as read; ``text`` has them blanked (spaces, so offsets hold)
    inline_furniture: list[tuple[int, int]] = field(default_factory=list)
    #: where the words of the times scanner's one pass stand in ``lower`` (its trigger words and
    #: the words that open a figure): kept here by ``times.scan.word_places`` for the figures stage
    word_places: dict[int, list[int]] | None = field(default=None, repr=False, compare=False)
    # what the properties below computed on first use, kept here: an explicit cache, not
    # ``functools.cached_property``, which the compiled engine (mypyc) reads as a plain property,
    # computing it again at every use
    _tokens: list[Token] | None = field(default=None, repr=False, compare=False)
    _lower: str | None = field(default=None, repr=False, compare=False)
    _digit_runs: list[tuple[int, int]] | None = field(default=None, repr=False, compare=False)
    _written: Written | None = field(default=None, repr=False, compare=False)

    def span(self, start: int, end: int) -> str:
        """The text between two offsets."""
        return self.text[start:end]

    def content_paragraphs(self) -> list[Paragraph]:
        """Paragraphs that are news text, not page furniture."""
        return [p for p in self.paragraphs if not p.furniture]

    def content_sentences(self) -> list[Sentence]:
        """Sentences of the content paragraphs."""
        furn = {p.index for p in self.paragraphs if p.furniture}
        return [s for s in self.sentences if s.paragraph not in furn]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph holding ``offset``, if any."""
        for p in self.paragraphs:
            if p.start <= offset < p.end:
                return p
        return None

    def quote_regions(self, para: Paragraph, *, carried: bool = False) -> list[QuoteRegion]:
        """``quote_regions`` of one paragraph, reusing what sentence splitting found."""
        if not carried:
            hit = self._regions.get(para.index)
            if hit is not None:
                return hit
        return quote_regions(self.text, para.start, para.end, para.index, carried=carried)

    @property
    def tokens(self) -> list[Token]:
        """Every token of the paragraphs, with lower case, shape, sentence and paragraph ids."""
        if self._tokens is None:
            self._tokens = self._read_tokens()
        return self._tokens

    def _read_tokens(self) -> list[Token]:
        text = self.text
        out: list[Token] = []
        sents = self.sentences
        k = 0
        for para in self.paragraphs:
            for m in _TOKEN_RE.finditer(text, para.start, para.end):
                a = m.start()
                while k < len(sents) and sents[k].end <= a:
                    k += 1
                sid = k if k < len(sents) and sents[k].start <= a else -1
                w = m.group(0)
                out.append(Token(a, m.end(), w, w.lower(), word_shape(w), sid, para.index))
        return out

    @property
    def lower(self) -> str:
        """``text`` lower-cased, once for every stage that scans it for words (same offsets
        wherever no character lower-cases to two: only U+0130 does)."""
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    @property
    def digit_runs(self) -> list[tuple[int, int]]:
        """``(start, end)`` of every run of digits (``\\d+``) in ``text``, in order: found once for
        the stages that read numbers (times' digit triggers, figures)."""
        if self._digit_runs is None:
            self._digit_runs = digit_runs(self.text)
        return self._digit_runs

    @property
    def written(self) -> Written:
        """Where the text writes a phrase, whether it writes a word in lower case: the questions
        that look through the whole text, answered in one place (an index once they are many)."""
        if self._written is None:
            self._written = Written(self.text)
        return self._written

    def writes_lower(self, word: str) -> bool:
        """Whether the text writes ``word`` in lower case (``Written.lower``): a capitalised one of
        them at a sentence start is a common word."""
        return self.written.lower(word)

    def flags(self, token: Token) -> frozenset[str]:
        """The lexicon classes of one token (``honorific``, ``title``, ``cue``, ``month``, ...)."""
        from digests.extract.lexicon import token_flags

        return token_flags(token.lower)


# a run of digits: ``\d+``, written so that the engine skips to a digit before trying it. The
# character class it skips by is a plain one (an ASCII digit or any character beyond ASCII, where
# the other digits are), far cheaper to test at every character than the Unicode digit class,
# which the look-behind then asks of that one character
_DIGIT_RUN = re.compile(r"[^\x00-/:-\x7f](?<=\d)\d*")


def digit_runs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every run of digits in ``text``, in order (``Doc.digit_runs``)."""
    return [m.span() for m in _DIGIT_RUN.finditer(text)]


#: the name this class had before the pipeline; kept for callers and tests
Document = Doc


_FURNITURE = re.compile(
    r"""^(?:
        (?:sign\s+up|subscribe|register|join\s+(?:us|our)|follow\s+us|get\s+(?:the\s+)?(?:latest|insights))\b.*
      | (?:photo|picture|image|video|graphic|illustration|file\s+photo)s?\s*(?:credits?)?\s*[:/].*
      | (?:read|see|watch)\s+(?:more|also|next)\b.*
      | (?:related|more\s+on\s+this\s+topic|advertisement|share\s+this(?:\s+article)?
         |listen\s+to\s+this\s+article)\s*:?.*
      | (?:(?:additional\s+)?(?:reporting|writing|editing|edited|written|compiled|produced
           |photos?|graphics?)\s+)?
            by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}
            (?:\s*(?:,|;|and|&)\s*(?:(?:additional\s+)?(?:reporting|writing|editing|edited)\s+by\s+)?
               [A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})*\s*\.?\s*$
      | (?:published|updated|posted|last\s+updated)\s*:?\s+\w{3,9}\.?\s+\d.*
      | (?:click\s+here|follow\s+(?:our|the)\s+live|story\s+continues|all\s+rights\s+reserved
         |read\s+the\s+(?:rest|full)|topics?\s*:|join\s+\S+\s+telegram|download\s+the\s+app).*
      | _{3,}\.?\s*$
      | (?:copyright|\(c\)|©).*
      | (?:news\s+analysis|analysis|opinion|commentary|explainer|world|asia|europe|politics|breaking|business
         |middle\s+east|americas|africa|sport|science|tech|technology|economy|markets)
         (?:\s*[|/:]\s*[\w ]{1,30})?\s*$
      | [A-Z]{2,}(?:\s*/\s*[A-Z]{2,})*\s*$
    )""",
    re.IGNORECASE | re.VERBOSE,
)


# The place and agency opening a story, matched at a paragraph's start: "DAKAR –", "WASHINGTON: ",
# "ADDIS ABABA, March 17 (Savanna Press) —", "(Reuters) - ", "Washington (CNN) ", "Tehran, Iran — ".
_NAMES = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}"
_WIRE = r"\((?:CNN|AP|AFP|UPI|Reuters|Xinhua|Bloomberg|dpa|[A-Z]\w*\.com)\)"
DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'’/ -]{2,40}(?:,\s*[\w.’' ]{1,30}?)*(?:\s*\([^)]{1,40}\))?"
    r"\s*(?:[\u2013\u2014-]+|:(?=\s))\s*"
    rf"|(?:{_NAMES}(?:,\s*{_NAMES})?\s)?(?:{_WIRE}\s*(?:[\u2013\u2014-]+\s*)?|\({_NAMES}\)\s*[\u2013\u2014-]+\s*)"
    rf"|{_NAMES},\s*{_NAMES}\s*[\u2013\u2014-]+\s*)"
)


def is_furniture(line: str, *, is_first: bool = False) -> bool:
    """Whether one paragraph is page furniture rather than news text."""
    s = line.strip()
    if not s:
        return True
    if _furniture_line(s) or printed_twice(s) or own_caption(s):
        return True
    # Short lines with no sentence punctuation are subheadings or section labels,
    # unless they are the first line (the title) or contain a quotation.
    # Longer ones in Title Case or capitals are a second headline or a link to another story.
    if is_first or s[-1] in _PUNCT_END_CHARS:  # (most paragraphs end so: settled before any split)
        # a question in Title Case below the title is a poll, a link or a second headline ("Do You
        # Approve Of The Port Deal?", "Should Lenz Stay Or Should It Go?"), not the story's own words
        return not is_first and s[-1] == "?" and headline_shaped(s[:-1])
    if s[1:2].isupper() and _LINK_LABEL.match(s) is not None:
        return True
    if len(s.split(None, 6)) <= 6 and not _PUNCT_END.search(s) and not _DOUBLE_ANY.search(s):
        return not _SAID_WORD.search(s)
    return headline_shaped(s)


# The words ``_FURNITURE``'s alternatives open with: resources/furniture/furniture_leads.txt (a prefix
# of each, lower case; keep it with the pattern above). A line opening with none of them, and not
# ending in a letter (as the last alternative's lines of capitals do), is not tried. Lower-casing
# equals the pattern's case-insensitive matching except for four letters the engine also folds to
# ASCII ones (U+0130, U+0131, U+017F, U+212A): a line holding one of those is always tried.
_FURNITURE_LEADS = furniture_lines("furniture_leads.txt")
# the leads by their first character: a line is compared only with those opening as it does
_LEADS_BY_FIRST: dict[str, tuple[str, ...]] = {
    ch: tuple(w for w in _FURNITURE_LEADS if w[0] == ch) for ch in {w[0] for w in _FURNITURE_LEADS}
}


def caseless(text: str, low: str) -> bool:
    """Whether ``low`` (``text.lower()``) is ``text`` as the regex engine's case-blind matching sees
    it: one character for each (offsets agree) and none of the four letters it folds to ASCII ones
    though lower-casing does not. ``str.lower`` changes no character's being a word character, a
    digit or a blank (tests/test_lowered.py checks every one), so a case-blind pattern of ASCII
    letters matches in ``text`` where its lower-cased, case-sensitive form matches in ``low``
    (``times.starts.lowered``), and every match holds its words lower-cased there.

    (A whole text is asked: one substring search per letter is many times quicker than the
    engine's walk with a class of them.)"""
    return len(low) == len(text) and (text.isascii() or not any(ch in text for ch in ODD_CASE_LETTERS))


def _furniture_line(s: str) -> bool:
    """``_FURNITURE.match(s) or _PLAYER.search(s) or _LINES.match(s)`` for a stripped, non-empty
    line; ``_FURNITURE`` tried only when the line opens with one of its words or ends in a letter,
    ``_PLAYER`` only when it holds a middle dot or a bullet."""
    if (
        s[-1].isalpha()
        or _opens_with_lead(s[:14].lower())
        or (not s.isascii() and ODD_CASE.search(s, 0, 14) is not None)
    ) and _FURNITURE.match(s):
        return True
    if ("\u00b7" in s or "\u2022" in s) and _PLAYER.search(s) is not None:
        return True
    return _LINE_RULES.match(s)


def _opens_with_lead(low: str) -> bool:
    """Whether the lower-cased ``low`` opens with one of ``_FURNITURE_LEADS``."""
    leads = _LEADS_BY_FIRST.get(low[:1])
    return leads is not None and low.startswith(leads)


# General furniture that does not repeat word for word (gallery counters, video labels,
# embedded posts, summary boxes): resources/furniture/lines.txt, matched at a paragraph's start.
# A link to another story under a label in capitals, below the title: resources/furniture/link_labels.txt.
_LINK_LABEL = re.compile("|".join(f"(?:{p})" for p in furniture_lines("link_labels.txt")))
_LINE_RULES = LineRules(furniture_lines("lines.txt"))  # each rule tried only on lines it can match
_LINES = _LINE_RULES.whole
# A player's label with its durations ("Listen · 4:03 4:03"): resources/furniture/players.txt.
_PLAYER = re.compile("|".join(f"(?:{p})" for p in furniture_lines("players.txt")))
_BOX = re.compile("|".join(f"(?:{p})" for p in furniture_lines("summary_box.txt")), re.IGNORECASE)
_INLINE = tuple(re.compile(p) for p in furniture_lines("inline.txt"))  # in order: the first that finds wins
_INLINE_MARK = "MORE"  # what ends every link of inline.txt (tests/test_furniture.py checks it)
# Promotions of another article in brackets ending a line ("(Related: Headline)"): promos.txt.
_PROMO = re.compile("|".join(f"(?:{p})" for p in furniture_lines("promos.txt")))
_PROMO_MARK = ":"  # every promotion holds a colon (tests/test_furniture.py checks the patterns open with "(")
# Photo credits ending a caption ("... May 4, 2018. REUTERS/Jane Roe"): resources/furniture/credits.txt.
_CREDIT_TAIL = re.compile("|".join(f"(?:{p})" for p in furniture_lines("credits.txt")))
# Photo credits opening a caption ("Jane Roe/AP Fighters pose ..."): resources/furniture/credit_leads.txt.
_CREDIT_LEAD = re.compile("|".join(f"(?:{p})" for p in furniture_lines("credit_leads.txt")))
# a credit's slash stands within this many characters of the paragraph's start
_CREDIT_LEAD_REACH = 60
# a summary box's bullet: short, no full stop at the end
_BOX_ITEM_WORDS = 30


def in_summary_box(line: str, in_box: bool) -> bool:
    """Whether ``line`` belongs to a summary box ("Story highlights ..." and the short bullets after it)."""
    if _BOX.match(line):
        return True
    return in_box and len(line.split()) <= _BOX_ITEM_WORDS and not line.rstrip().endswith((".", ":"))


def inline_furniture(text: str) -> list[tuple[int, int]]:
    """Spans of link text glued into a sentence (resources/furniture/inline.txt), in text order.
    The patterns are tried in their order; a later one adds only spans clear of those found."""
    promos = [m.span() for m in _PROMO.finditer(text)] if _PROMO_MARK in text else []
    if _INLINE_MARK not in text:  # every pattern ends at the link's marker: most texts need no scan
        return promos
    spans = inline_spans(text, _mark_windows(text))
    if promos:
        spans = sorted(spans + [p for p in promos if not any(s < p[1] and p[0] < e for s, e in spans)])
    return spans


def inline_spans(text: str, windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``inline_furniture``'s spans with its patterns searched only inside ``windows``
    (``[(0, len(text))]``: the whole text, as a test compares)."""
    spans: list[tuple[int, int]] = []
    for pattern in _INLINE:
        found: list[tuple[int, int]] = []
        for m in (m for lo, hi in windows for m in pattern.finditer(text, lo, hi)):
            if "link" in pattern.groupindex:  # "Trump Donald John TrumpGOP ... MORE": the group is the link
                span = m.span("link")
            else:
                start = m.start()
                # "Pelosi Nancy PelosiTrump ...": the first word is the sentence's own, the link repeats it
                first, _, rest = m.group().partition(" ")
                glued = rest.split(" ", 2)
                if len(glued) > 1 and glued[1].startswith(first) and glued[0][:1].isupper():
                    start += len(first) + 1
                span = (start, m.end())
            if not any(s < span[1] and span[0] < e for s, e in spans):
                found.append(span)
        spans += found
    return sorted(spans)


# How many lines one match of an inline.txt pattern can reach over: the blanks between its words
# may be line breaks (at most five in each pattern), the rest of a match stays on its line.
_INLINE_LINES = 6


def _mark_windows(text: str) -> list[tuple[int, int]]:
    """Where the inline.txt patterns can match: for each line holding the link's marker, that line
    and the ``_INLINE_LINES`` lines before it, as ``(start, end)`` offsets, overlapping ones joined.

    A match ends at a marker and spans no more lines than that, so searching these windows in order
    finds what searching the whole text finds; the lines far from any marker are not tried."""
    out: list[tuple[int, int]] = []
    at = text.find(_INLINE_MARK)
    while at >= 0:
        end = text.find("\n", at)
        if end < 0:
            end = len(text)
        lo = at
        for _ in range(_INLINE_LINES + 1):
            lo = text.rfind("\n", 0, lo)
            if lo < 0:
                break
        lo += 1  # the start of the line _INLINE_LINES before the marker's (0 past the text's first)
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], end)
        else:
            out.append((lo, end))
        at = text.find(_INLINE_MARK, end)
    return out


def blank_spans(text: str, spans: Collection[tuple[int, int]]) -> str:
    """``text`` with each span replaced by as many spaces: offsets still index the original."""
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            start = pos
        parts.append(text[pos:start])
        parts.append(" " * max(0, end - start))
        pos = max(pos, end)
    parts.append(text[pos:])
    return "".join(parts)


_PUNCT_END = re.compile(r"[.!?\"\u201c\u201d:]\s*$")
_PUNCT_END_CHARS = frozenset('.!?"\u201c\u201d:')  # what ends a stripped line that _PUNCT_END finds
_DOUBLE_ANY = re.compile(r"[\"\u201c\u201d]")
_SAID_WORD = re.compile(r"\b(?:said|says|told)\b")
_POSITION_NOTE = re.compile(r"\((?:left|right|centre|center|top|bottom|front|second from \w+)\)")
_PHOTO_LEAD = re.compile(r"(?i)photo|picture")
_PICTURED = re.compile(r"\bpictured\b")
_CREDIT_REACH = 240  # a credit and the end of the caption's sentence before it fit in this many characters


def own_caption(line: str) -> bool:
    """A caption that shows itself: it ends in a photo credit ('... May 4. REUTERS/Jane Roe',
    '(Jane Roe/AP)', '(Photo: AFP)') or opens with one ('Jane Roe/AP Fighters pose ...'), or says
    who is pictured and ends without a sentence's punctuation. Furniture that gives no fact: its
    dates are the picture's."""
    slash = "/" in line
    # a credit opens the line: a slash near its start
    if slash and line.find("/", 0, _CREDIT_LEAD_REACH) > 0 and _CREDIT_LEAD.match(line):
        return True
    # a credit ends the line: its last characters settle it. Every credit holds a slash, ends
    # in a bracket, follows a bar, or names a photo or picture before a colon: other lines are not searched.
    if (
        slash
        or "|" in line
        or line.rstrip().endswith(")")
        or (":" in line and (_PHOTO_LEAD.search(line) is not None or "mage" in line))
    ) and _CREDIT_TAIL.search(line, max(0, len(line) - _CREDIT_REACH)):
        return True
    return "pictured" in line and bool(_PICTURED.search(line)) and not _PUNCT_END.search(line)


def is_caption(line: str) -> bool:
    """A photo caption that may still tell background: 'X (left) shaking hands with Y ...', set over
    a credit line of its own; its events count only for dates the story does not tell."""
    # the pattern needs a bracket: most lines are settled without a regex scan
    if "(" not in line:
        return False
    if _LINES.match(line.strip()):  # a gallery's counter, a video label: no fact to take
        return False
    return bool(_POSITION_NOTE.search(line)) and not own_caption(line)


# A finite verb, or what stands for one, in a short line: auxiliaries, reporting verbs, a past
# tense (regular, or a common irregular one). A caption names who is pictured doing what ("X
# waving to reporters at Y, in a file picture"; "Cars waiting for export"), with a participle
# and no finite verb; a sentence of the story has one ("The minister spoke.").
_FINITE = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|shall|should|can|could|may|might|must"
    r"|do|does|did|said|says|say|told|tells|[a-z]{2,}ed|spoke|met|went|made|took|gave|came|won|lost"
    r"|sent|held|began|fell|rose|ran|saw|got|led|fled|struck|sought|thought|brought|fought|kept|felt"
    r"|found|stood|left|became|wrote|drove|flew|chose|broke|paid|meant|spent|hit|put|set|let|cut)\b"
    r"|[\"\u201c\u201d]"
)
_DOING = re.compile(
    r"\b(?!(?:during|morning|evening|nothing|something|anything|everything|thing|king|spring|building"
    r"|ceiling|meeting|briefing|hearing|wedding|funding|Beijing)\b)[a-z]{2,}ing\b|\bfile (?:picture|photo)"
)
_CAPTION_WORDS = 45  # a caption longer than this is the story's own paragraph


def bare_caption(line: str) -> bool:
    """A short line with a participle and no finite verb or quotation: a photo caption when a
    credit line follows it ('South Korean President X waving to reporters ..., in a file picture')."""
    return (
        len(line.split(None, _CAPTION_WORDS)) <= _CAPTION_WORDS
        and _DOING.search(line) is not None
        and _FINITE.search(line) is None
    )


# a paragraph: a line's text without its leading and trailing blanks (what ``line.strip()`` keeps:
# the pattern's ``\s`` is the same set of characters), found in one pass over the text
_LINE = re.compile(r"\S(?:[^\n]*\S)?")


def build_doc(text: str) -> Doc:
    """Split ``text`` into paragraphs (one per non-empty line) and sentences; furniture not yet flagged."""
    inline = inline_furniture(text)
    if inline:
        text = blank_spans(text, inline)
    doc = Doc(text=text, inline_furniture=inline)
    # Quotation marks and sentence ends are found once over the whole text; a paragraph with
    # neither (most of them) is one sentence and no quotation, and is not read again. A sentence
    # end found here belongs to a paragraph when it ends inside it: one that runs on over the
    # line break is none (the paragraph's own text has nothing after the full stop). A
    # paragraph's marks are read from this one list, not looked for again.
    marks = [m.start() for m in QUOTE_MARK.finditer(text)]
    nick = nickname_marks(text, marks)
    if nick:
        # 'Marcia "Cia" Price': the marks around a nickname inside a name quote nothing
        doc.text = text = blank_spans(text, [(i, i + 1) for i in nick])
        marks = [i for i in marks if i not in nick]
    ends = [m.end() for m in _SENT_END.finditer(text)]
    n_marks = len(marks)
    n_ends = len(ends)
    mi = ei = 0
    paragraphs = doc.paragraphs
    sentences = doc.sentences
    for index, line in enumerate(_LINE.finditer(text)):
        pstart, pend = line.span()
        paragraphs.append(Paragraph(index, pstart, pend, False))
        while mi < n_marks and marks[mi] < pstart:
            mi += 1
        mj = mi
        while mj < n_marks and marks[mj] < pend:
            mj += 1
        regions = quote_regions(text, pstart, pend, index, marks=marks[mi:mj]) if mj > mi else []
        mi = mj
        doc._regions[index] = regions
        while ei < n_ends and ends[ei] <= pstart:
            ei += 1
        if ei < n_ends and ends[ei] < pend:
            sentences.extend(_split(text, pstart, pend, index, regions))
        else:
            sentences.append(Sentence(pstart, pend, index))
    return doc


def flag_furniture(doc: Doc, learned: Collection[int] = ()) -> frozenset[int]:
    """Flag ``doc``'s page-furniture paragraphs in place; their indices.

    ``learned`` holds hashes (:func:`digests.furniture.line_hash`) of lines the article's
    outlet prints on other articles: such paragraphs are furniture too.
    """
    text = doc.text
    paras = doc.paragraphs
    flagged: list[Paragraph] = []
    if learned:
        from digests.furniture import line_hash
    in_box = False
    after_label = False  # the paragraph before was an advertisement's label ("Urgent:")
    # a video's title, written again with its running time ("Kurds say ... diplomat 01:26"):
    # every copy is the player's caption, no one's words (the lines ending in ":dd" gathered here)
    timed: set[str] = set()
    for i, p in enumerate(paras):
        line = text[p.start : p.end]
        if line[-3:-2] == ":" and line[-1:].isdigit():
            m = _RUNNING_TIME.search(line)
            if m is not None:
                timed.add(line[: m.start()])
        in_box = in_summary_box(line, in_box)
        label = len(line) <= AD_LABEL_CHARS and ad_label(line)
        furniture = (
            in_box
            or label
            or (after_label and advertised(line))
            or is_furniture(line, is_first=p.index == 0)
            or (
                i + 1 < len(paras)
                and text[paras[i + 1].start] in "PpIi"  # a credit line's first letter, before any slice
                and _credit_line(text[paras[i + 1].start : paras[i + 1].end])
                and (is_caption(line) or bare_caption(line))
            )
            or (bool(learned) and p.index > 0 and line_hash(line) in learned)
        )
        after_label = label
        flagged.append(Paragraph(p.index, p.start, p.end, furniture) if furniture != p.furniture else p)
    # a contributor's bio below the title or at the end ("Jane Roe is a senior fellow at ...")
    content = [p for p in flagged if not p.furniture]
    for k in bio_paragraphs(text, [(p.start, p.end) for p in content]):
        p = content[k]
        flagged[p.index] = Paragraph(p.index, p.start, p.end, True)
    # and each contributor's bio closing a section of a roundup, in the middle of the page
    for i in section_bios(text, [(p.start, p.end, p.furniture) for p in flagged]):
        p = flagged[i]
        flagged[i] = Paragraph(p.index, p.start, p.end, True)
    if timed:
        titles = timed.intersection(text[p.start : p.end] for p in flagged)  # written bare too
        for i, p in enumerate(flagged):
            line = text[p.start : p.end]
            bare = line.rstrip("0123456789:").rstrip()
            if titles and not p.furniture and (line in titles or bare in titles):
                flagged[i] = Paragraph(p.index, p.start, p.end, True)
    doc.paragraphs[:] = flagged
    return frozenset(p.index for p in flagged if p.furniture)


# a video's running time closing its title's line
_RUNNING_TIME = re.compile(r"[ \t]+\d{1,2}:\d{2}$")


def _credit_line(line: str) -> bool:
    """A photo credit line of its own under a caption ("Photo: Jane Roe/AP", "Image: AFP")."""
    lead = _PHOTO_LEAD.match(line) is not None or line[:5].lower() == "image"
    return lead and _FURNITURE.match(line) is not None


def parse_document(text: str, learned: Collection[int] = ()) -> Doc:
    """The ``Doc`` of ``text``: paragraphs, sentences and furniture flags (the pipeline's first step)."""
    doc = build_doc(text)
    flag_furniture(doc, learned)
    return doc


# A name (up to four capitalised words, maybe a parenthesis) and a cue verb, or a cue verb first.
_ATTRIBUTION_NEXT = re.compile(
    r"(?:(?:[A-Z][\w.’'-]*\s+){1,5}(?:\([^)]{1,30}\)\s+)?|(?:He|She|They|It|I|We)\s+)"
    r"(?:also\s+|later\s+|then\s+)?(?:" + CUE_ALT + r")\b"
    r"|(?:" + CUE_ALT + r")\s+(?:[A-Z]|the\s|a\s|an\s|one\s)"
)
# what closes an attribution that ends its sentence: a few words at most, no clause of its own
_ATTRIBUTION_END = re.compile(r"(?:(?!\bthat\b)[^.!?\"\u201c\u201d]){0,80}?(?:[.!?]|$)")


def _inside(regions: list[QuoteRegion], pos: int) -> bool:
    return any(r.start <= pos < r.end for r in regions)


def split_sentences(text: str, start: int, end: int, paragraph: int) -> list[Sentence]:
    """Sentences of ``text[start:end]``, as absolute offsets; never ends one inside a quotation."""
    return _split(text, start, end, paragraph, quote_regions(text, start, end, paragraph))


def _split(text: str, start: int, end: int, paragraph: int, regions: list[QuoteRegion]) -> list[Sentence]:
    out: list[Sentence] = []
    chunk = text[start:end]
    s = 0
    for m in _SENT_END.finditer(chunk):
        candidate_end = m.start() + len(m.group(0).rstrip())
        # the abbreviation pattern is anchored at the full stop and at most _ABBREV_REACH characters
        # long, so only the tail of the sentence so far needs looking at
        if _ABBREV.search(chunk, max(s, m.start() - _ABBREV_REACH), m.start() + 1):
            continue
        if regions and _inside(regions, start + candidate_end - 1):
            continue
        nxt = m.end()
        if chunk[candidate_end - 1] in "\"\u201d\u2019'\u201c":
            if nxt == candidate_end and any(r.open_mark == start + candidate_end - 1 for r in regions):
                # 'from."It's ...': the mark glued after the end opens the next sentence's quotation
                candidate_end -= 1
                nxt -= 1
            # '"Why not?" Clinton said.' - the attribution after a closing quote belongs to it,
            # but after a full stop only when it ends the sentence ('... deal." Johnson said
            # Monday.'): '... region." He also said it was "true" that ...' is a new sentence
            elif (a := _ATTRIBUTION_NEXT.match(chunk, nxt)) is not None and (
                chunk[candidate_end - 2] != "." or _ATTRIBUTION_END.match(chunk, a.end())
            ):
                continue
        out.append(Sentence(start + s, start + candidate_end, paragraph))
        s = nxt
    if s < len(chunk):
        out.append(Sentence(start + s, end, paragraph))
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Every sentence of ``text`` as (start, end) offsets: the one splitter, for any module that needs one."""
    return [(s.start, s.end) for s in build_doc(text).sentences]
