"""Quotations and reported speech, resolved to their speakers.

How attribution works (sentence by sentence, in text order):

* Quotations are found by their marks (``text.quote_regions``): curly or straight
  double quotes, single quotes in single-quote house styles, quotations left open
  at a paragraph end and carried on by the next paragraph.
* A quotation is ``direct`` when it stands as an utterance (at a sentence start,
  after a colon or comma, or right after a cue verb), ``partial`` when it is a
  fragment inside a sentence. Short fragments with no cue verb in their sentence,
  and quotations after "so-called", "dubbed", "known as" ... are scare quotes or
  titles, not speech.
* The speaker is read, in this order, from an attribution right after the
  quotation (``," he said`` / ``," said Dr Lee``), from the last cue verb before
  it in the same sentence (its subject: the nearest person, organisation or
  speaking noun phrase before the cue that is not inside a prepositional phrase
  or a possessive), from an earlier quotation in the same sentence or paragraph,
  or, for a paragraph that opens with a quotation and has no cue, from the last
  quotation of the previous paragraph.
* Reported speech: a cue verb followed by a clause (``said (that) ...``,
  ``told ST that ...``), a clause followed by ``, X said.``, or ``according to X``.
* Pronouns (he/she) resolve to the most recent speaker or sentence subject,
  whichever is later, skipping people of the other gender when the text says.
* Unnamed speakers ("one of them", "analysts", "a source") stay null, with
  ``speaker_span`` still pointing at the mention.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from digests.extract import lexicon as lx
from digests.extract.text import Document, QuoteRegion, Sentence, ends_with_abbreviation
from digests.models import Entity, Quote

_WORD_RE = re.compile(r"(?<![\w'’-])[A-Za-z]+(?![\w'’-])")
_POINT_OUT = re.compile(r"(?:point|points|pointed|pointing)\s+out(?![\w-])")


class _Cues:
    """Cue verbs of one text, found once word by word with a dictionary look-up (a regex
    alternation of a few hundred verb forms is many times slower), then queried by offset."""

    def __init__(self, text: str, found: list[re.Match[str]] | None = None) -> None:
        self.found: list[re.Match[str]] = list(lx.CUE_RE.finditer(text)) if found is None else found
        self.starts = [m.start() for m in self.found]
        self.at = {m.start(): m for m in self.found}

    def finditer(self, text: str, start: int, end: int) -> list[re.Match[str]]:
        """Cue verbs lying within ``[start, end)``."""
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.found) and self.found[i].end() <= end:
            out.append(self.found[i])
            i += 1
        return out

    def search(self, text: str, start: int, end: int) -> re.Match[str] | None:
        """The first cue verb within ``[start, end)``."""
        i = bisect.bisect_left(self.starts, start)
        if i < len(self.found) and self.found[i].end() <= end:
            return self.found[i]
        return None

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        """The cue verb starting exactly at ``pos``."""
        return self.at.get(pos)


_ADV = (
    r"(?:also|later|then|again|previously|once|recently|reportedly|would|will|had|has|have|was|were|"
    r"is|are|had\s+also|has\s+also|quickly|simply|flatly|bluntly|deftly|firmly|repeatedly|publicly|"
    r"privately|separately|earlier|further|frankly|candidly|openly|emphatically|even|still|often|"
    r"[a-z]+ly)"
)
# (the word-start guard follows the first letter so the engine can skip straight to h/s/t)
_PRONOUN = re.compile(
    r"(?:h(?<![\w'’-].)e|s(?<![\w'’-].)he|t(?<![\w'’-].)hey"
    r"|H(?<![\w'’-].)e|S(?<![\w'’-].)he|T(?<![\w'’-].)hey)(?![\w'’-])"
)
# Speaking noun phrases are found from their head noun backwards (a dictionary look-up per
# word, then a short anchored pattern), far cheaper than one big alternation over the text.
_SPEAKER_HEADS = frozenset(w for w in lx.SPEAKER_NOUNS if w not in {"them", "us"})
_BARE_PLURALS = frozenset(
    {
        "officials",
        "analysts",
        "experts",
        "critics",
        "observers",
        "sources",
        "netizens",
        "residents",
        "voters",
        "supporters",
        "diplomats",
        "economists",
        "researchers",
        "lawmakers",
        "activists",
        "protesters",
        "witnesses",
        "insiders",
        "aides",
    }
)
_HEAD_RE = re.compile(
    r"(?<![\w'’-])(?:"
    + lx.trie_regex(sorted(_SPEAKER_HEADS | {w.capitalize() for w in _SPEAKER_HEADS}))
    + r")(?![\w'’-])"
)
_NOM_BACK = re.compile(
    r"(?<![\w'’-])(?:(?:[Tt]he|[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ss]ome|[Mm]any|[Ss]everal|[Oo]ther|[Aa]nother|[Mm]ost|"
    r"[Ff]ew|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)\s+"
    r"|[A-Z][\w.-]*(?:[ \t]+[A-Z][\w.-]*)*['’]s?\s+)(?:[\w-]+\s+){0,3}?$"
)
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_CAP_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][a-z]+\s+$")
_ONE_OF = re.compile(
    r"(?<![\w'’-])(?:[Oo]ne|[Ss]ome|[Mm]any|[Mm]ost|[Tt]wo|[Tt]hree|[Ss]everal|[Nn]one|[Ee]ach)\s+of\s+"
    r"(?:them|those|the\s+(?:[\w-]+\s+){0,2}?[\w-]+)(?![\w'’-])"
)


_OF = re.compile(r"of(?=\s)")
_WORD_CHARS_BACK = re.compile(r"[A-Za-z]+\s+$")


def _one_of(text: str, start: int, end: int, of_at: list[int] | None = None) -> list[tuple[int, int]]:
    """``_ONE_OF.finditer`` over ``[start, end)``, found from the literal "of" (a fast
    substring search) instead of trying the pattern at every position.

    ``of_at``: where ``_OF`` matches in the whole text within ``[start, end)``, when known
    (an "of" ending the range there cannot start a match here either).
    """
    out: list[tuple[int, int]] = []
    last = start
    for i in [m.start() for m in _OF.finditer(text, start, end)] if of_at is None else of_at:
        j = i  # back over the blanks and the letters of the word before "of"
        while j > last and text[j - 1].isspace():
            j -= 1
        if j == i:
            continue
        k = j
        while k > last and text[k - 1] in _ASCII_LETTERS:
            k -= 1
        if k == j:
            continue
        m = _ONE_OF.match(text, k, end)
        if m:
            out.append((m.start(), m.end()))
            last = m.end()
    return out


# Cue verbs, speaking head nouns and pronouns in one pass over the text: the three word
# lists share the (costly) word-start test at every position. Only exact when no word of a
# multi-word cue ("point out") is itself a head noun or a pronoun; else three passes.
_PRONOUN_WORDS = frozenset({"he", "she", "they", "He", "She", "They"})
_HEAD_WORDS = frozenset(_SPEAKER_HEADS | {w.capitalize() for w in _SPEAKER_HEADS})
_WORD_SCAN = re.compile(
    r"(?<![\w'’-])(?:"
    + lx.trie_regex(sorted(set(lx.CUE_FORMS) | _HEAD_WORDS | _PRONOUN_WORDS))
    + r")(?![\w'’-])"
)
_ONE_SCAN = not any(
    part in _HEAD_WORDS or part in _PRONOUN_WORDS
    for form in lx.CUE_FORMS
    if " " in form
    for part in form.split()
)


def _scan_words(text: str) -> tuple[list[re.Match[str]], list[re.Match[str]], list[re.Match[str]]]:
    """Cue verbs, head nouns and pronouns of the whole text, as the three separate patterns find them."""
    if not _ONE_SCAN:
        return list(lx.CUE_RE.finditer(text)), list(_HEAD_RE.finditer(text)), list(_PRONOUN.finditer(text))
    cues: list[re.Match[str]] = []
    heads: list[re.Match[str]] = []
    prons: list[re.Match[str]] = []
    for m in _WORD_SCAN.finditer(text):
        w = m.group(0)
        head = w in _HEAD_WORDS
        pron = w in _PRONOUN_WORDS
        if head:
            heads.append(m)
        if pron:
            prons.append(m)
        if w in lx.CUE_FORMS or not (head or pron):  # "point  out" is a cue not spelt as listed
            cues.append(m)
    return cues, heads, prons


def _nominals(
    text: str,
    start: int,
    end: int,
    heads: list[re.Match[str]] | None = None,
    of_at: list[int] | None = None,
) -> list[tuple[int, int]]:
    """Spans of speaking noun phrases ("the ministry", "a senior official", "One of them").

    ``heads``, ``of_at``: the head nouns and the "of"s in ``[start, end)`` when already found.
    """
    out = _one_of(text, start, end, of_at)
    for w in _HEAD_RE.finditer(text, start, end) if heads is None else heads:
        low = w.group(0)
        if low not in _SPEAKER_HEADS:
            # "Delegates said ...": a capitalised head noun opening a sentence
            if not (low[0].isupper() and low.lower() in _SPEAKER_HEADS):
                continue
            if text[max(start, w.start() - 2) : w.start()].strip() not in ("", ".", "!", "?"):
                continue
            low = low.lower()
            out.append((w.start(), w.end()))
            continue
        m = _NOM_BACK.search(text, max(start, w.start() - 80), w.start())
        if m:
            out.append((m.start(), w.end()))
        elif low in _BARE_PLURALS:
            c = _CAP_BEFORE.search(text, max(start, w.start() - 30), w.start())
            out.append((c.start() if c else w.start(), w.end()))
    return out


_PREP_WORDS = {
    "of",
    "at",
    "in",
    "from",
    "for",
    "with",
    "by",
    "on",
    "to",
    "about",
    "into",
    "over",
    "against",
    "between",
    "under",
    "than",
    "like",
    "toward",
    "towards",
    "among",
    "amid",
    "after",
    "before",
    "during",
    "behind",
    "beside",
    "near",
    "through",
    "across",
    "via",
    "without",
    "within",
    "upon",
    "as",
    "including",
    "whom",
}
_INSTITUTION_HEADS = {
    "ministry",
    "government",
    "office",
    "department",
    "agency",
    "police",
    "military",
    "army",
    "embassy",
    "council",
    "committee",
    "commission",
    "court",
    "parliament",
    "cabinet",
    "presidency",
    "palace",
}
_ORG_ANAPHORS = {
    "group",
    "bloc",
    "alliance",
    "organisation",
    "organization",
    "company",
    "firm",
    "body",
    "union",
    "coalition",
    "cartel",
    "movement",
    "agency",
    "commission",
    "council",
    "committee",
}
_PAST_VERBS = {
    "met",
    "told",
    "gave",
    "made",
    "took",
    "saw",
    "left",
    "sent",
    "held",
    "led",
    "won",
    "beat",
    "hit",
    "got",
    "brought",
    "bought",
    "sought",
    "thought",
    "taught",
    "caught",
    "found",
    "put",
    "set",
    "let",
    "cut",
    "meets",
    "tells",
    "gives",
    "makes",
    "takes",
    "sees",
    "sends",
    "holds",
    "leads",
    "wins",
    "hits",
    "gets",
    "brings",
    "visit",
    "visits",
    "thanks",
    "thank",
    "urge",
    "urges",
    "help",
    "helps",
    "ask",
    "asks",
    "accuse",
    "accuses",
    "blame",
    "blames",
    "praise",
    "praises",
    "join",
    "joins",
    "defeat",
    "defeats",
    "named",
    "appoint",
    "appoints",
}
_SUBJECT_LEAD = {
    "and",
    "but",
    "or",
    "while",
    "as",
    "that",
    "which",
    "who",
    "then",
    "so",
    "because",
    "when",
    "although",
    "though",
    "where",
    "if",
    "also",
    "even",
    "only",
    "whereas",
    "since",
    "after",
    "before",
    "once",
    "until",
    "unless",
    "nor",
    "yet",
    "said",
    "says",
    "added",
    "noted",
    "wrote",
    "told",
}
_WALK_OK = re.compile(r"^(?:the|a|an|The|A|An|[A-Z][\w.’'-]*|[\w-]+-based|[\w.-]+['’]s|[\w-]+['’])$")
_SCARE_BEFORE = re.compile(
    r"(?i)(?<![\w-])(?:so-called|dubbed|known\s+as|titled|entitled|nicknamed|termed|branded|labell?ed|the\s+word|"
    r"the\s+term|the\s+phrase|called\s+(?:it|him|her|them|this|that)?|named|headlined|slogan|hashtag|"
    r"marked|stamped|reading|read|billed\s+as|referred\s+to\s+as|described\s+as|such\s+as)\s*$"
)
_TRAIL = " \t,.;:!?\u2014\u2013-"
_THAT_AFTER = re.compile(r"^(?:\s+" + _ADV + r")*(?:\s+[\w.’'-]+){0,7}?\s+that\s+")
_DIRECT_AFTER_WORD = re.compile(r"^(?:\s+" + _ADV + r")*\s+(?=[A-Za-z0-9])")
_NOT_CLAUSE = re.compile(
    r"^(?:in|on|at|to|for|of|with|by|from|during|after|before|about|as|so|yes|no|nothing|something|"
    r"anything|goodbye|hello|thanks|thank|sorry|more|less|little|much|too|it\s*[.,]|this\s*[.,]|that\s*[.,]|"
    r"so\b|(?:he|she|they)\s*[,.;:]|[A-Z][\w’'-]*\s*[,.;:]|[A-Z][\w’'-]*\s+[A-Z][\w’'-]*\s*[,.;:])",
)
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+")
_NEG_CUE = re.compile(
    r"(?i)\b(?:(?:is|are|was|were|be|been|being)(?:\s+widely|\s+often)?|that|"
    r"a|an|the|new|its|his|her|their|this|our|first|second|annual|weekly)\s*$"
)


# Small patterns used in inner loops, compiled once.
_ADV_GAP = re.compile(r"(?:\s+" + _ADV + r")*\s*")
_PREP_TOKENS = re.compile(r"[\w.’'-]+|[^\w\s]")
_LAST_WORD_BEFORE = re.compile(r"(?<![\w-])([A-Za-z]+)\s+(?:the\s+|a\s+|an\s+)?$")
_RELATIVE_OPEN = re.compile(r",\s*(?:who|which|whose|that|where)\b[^,;]*$")
_COMMA_END = re.compile(r",\s*$")
_COMMA_GAP = re.compile(r",\s*")
_THE_LEAD = re.compile(r"(?:the|The)\s+")
_THE_I = re.compile(r"(?i)the\s")
_INDEF_I = re.compile(r"(?i)(?:a|an|one)\s")
_SOME_OF_I = re.compile(r"(?i)(?:one|some|many|most|two|three|several|none|each) of")
_DET_LEAD = re.compile(r"^(?:[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+")
_POSS_SPACE = re.compile(r"['’]s?\s")
_WORDS_RE = re.compile(r"\w+")
_STARTS_CAP = re.compile(r"[\W_]*[A-Z0-9]")
_DASH_GAP = re.compile(r"[\s\u2014\u2013-]*")
_COLON_GAP = re.compile(r"[\s,:]*")
_ALPHA_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_STOP_BEFORE_SPACE = re.compile(r"[.!?](?=\s)")
_DOUBLE_MARK = re.compile(r"[\"\u201c\u201d]")
_THAT_TO_END = re.compile(r"(?i)\b(?:that|to)\s*$")
_CLAUSE_BREAK = re.compile(r"[,;:\"“”]")
_PREPOSED_TAIL = re.compile(
    r"[^;]{0,60}?[.!?\"”’]*\s*|(?:[^,;]{0,40}?),\s+(?:adding|saying|noting)\b.*", re.S
)
_DET_GAP = re.compile(r"\s*(?:[Tt]he\s+|[Aa]n?\s+)?")
_BLANK = re.compile(r"\s*")
_SPACE_LOWER = re.compile(r"\s+[a-z]")
_NP_REST = re.compile(r"[^,.;:]*")
_COMMA_NEXT = re.compile(r"\s*,")

# The last word each of those patterns can end with (on a right-stripped string). A string
# whose (ASCII) tail ends with none of them cannot match, so the search is skipped.
_NEG_CUE_ENDS = (
    "is", "are", "was", "were", "be", "been", "being", "widely", "often", "that", "a", "an", "the",
    "new", "its", "his", "her", "their", "this", "our", "first", "second", "annual", "weekly",
)  # fmt: skip
_SCARE_ENDS = (
    "so-called", "dubbed", "as", "titled", "entitled", "nicknamed", "termed", "branded", "labelled",
    "labeled", "word", "term", "phrase", "called", "it", "him", "her", "them", "this", "that", "named",
    "headlined", "slogan", "hashtag", "marked", "stamped", "reading", "read",
)  # fmt: skip


def _neg_cue(s: str) -> bool:
    """``_NEG_CUE.search(s)`` for a right-stripped ``s``: "is said", "a new report" are no cues."""
    tail = s[-8:]  # case-insensitive matching equals lower() only for ASCII
    if tail.isascii() and not tail.lower().endswith(_NEG_CUE_ENDS):
        return False
    return _NEG_CUE.search(s) is not None


def _scare_before(s: str) -> bool:
    """``_SCARE_BEFORE.search(s)`` for a right-stripped ``s``: "so-called", "dubbed" ... just before."""
    tail = s[-10:]
    if tail.isascii() and not tail.lower().endswith(_SCARE_ENDS):
        return False
    return _SCARE_BEFORE.search(s) is not None


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    kind: str  # person | org | place | pronoun | nominal
    entity: Entity | None = None
    text: str = ""


@dataclass(slots=True)
class _Speaker:
    name: str | None
    span: tuple[int, int] | None
    entity: Entity | None = None
    gender: str | None = None


def _according_places(text: str) -> list[int]:
    """Where ``_ACCORDING`` matches in ``text``: found from the substring (a fast search),
    since a pattern opening with a word boundary is tried at every position."""
    out = []
    i = text.find("ccording")
    while i >= 0:
        if i and _ACCORDING.match(text, i - 1):
            out.append(i - 1)
        i = text.find("ccording", i + 1)
    return out


class _Resolver:
    """Mentions of the article, indexed by position, with pronoun state."""

    def __init__(self, doc: Document, entities: list[Entity], inner: list[tuple[int, int]]) -> None:
        self.text = doc.text
        cue_found, heads, prons = _scan_words(doc.text)
        self.cues = _Cues(doc.text, cue_found)
        # "according to" is rare: find it once, then re-check only those places per sentence
        self._according_at = _according_places(doc.text)
        cands: list[_Cand] = []
        for e in entities:
            for s, t in e.mentions:
                cands.append(_Cand(s, t, e.type if e.type != "other" else "org", e, doc.text[s:t]))
        # pronouns and head nouns lying in each paragraph: both lists and the paragraphs are
        # in text order, so one pointer per list walks them
        of_at = [m.start() for m in _OF.finditer(doc.text)]
        pi = hi = oi = 0
        for p in doc.content_paragraphs():
            while pi < len(prons) and prons[pi].start() < p.start:
                pi += 1
            while pi < len(prons) and prons[pi].end() <= p.end:
                m = prons[pi]
                cands.append(_Cand(m.start(), m.end(), "pronoun", None, m.group(0)))
                pi += 1
            while hi < len(heads) and heads[hi].start() < p.start:
                hi += 1
            k = hi
            while k < len(heads) and heads[k].end() <= p.end:
                k += 1
            while oi < len(of_at) and of_at[oi] < p.start:
                oi += 1
            ko = oi
            while ko < len(of_at) and of_at[ko] < p.end:
                ko += 1
            if k > hi or ko > oi:  # else nothing could make a speaking noun phrase here
                for ns, ne in _nominals(doc.text, p.start, p.end, heads[hi:k], of_at[oi:ko]):
                    cands.append(_Cand(ns, ne, "nominal", None, doc.text[ns:ne]))
            hi = k
            oi = ko
        inner_sorted = sorted(inner)
        starts = [s for s, _ in inner_sorted]

        def in_quote(c: _Cand) -> bool:
            i = bisect.bisect_right(starts, c.start) - 1
            return i >= 0 and inner_sorted[i][0] <= c.start < inner_sorted[i][1]

        self.cands = sorted((c for c in cands if not in_quote(c)), key=lambda c: (c.end, c.end - c.start))
        self.ends = [c.end for c in self.cands]
        self.by_start: dict[int, list[_Cand]] = {}
        for c in self.cands:
            self.by_start.setdefault(c.start, []).append(c)
        self.orgs = [e for e in entities if e.type == "org"]
        self.people = [e for e in entities if e.type == "person"]
        # the organisations' mentions by position, and by the last word of the name, so that
        # resolving a noun phrase costs a look-up, not a walk over every organisation
        self._org_mentions = sorted((s, e, k) for k, o in enumerate(self.orgs) for s, e in o.mentions)
        self._org_starts = [m[0] for m in self._org_mentions]
        self._org_by_last: dict[str, list[tuple[int, int]]] = {}
        for k, o in enumerate(self.orgs):
            words = o.name.lower().split()
            if words and o.mentions:
                self._org_by_last.setdefault(words[-1], []).append((k, min(s for s, _ in o.mentions)))
        self._titled: dict[str, list[tuple[Entity, list[int]]]] = {}
        self.genders: dict[str, str] = {}
        for e in entities:
            for a in e.aliases:
                g = lx.GENDER.get(a.split()[0].lower().rstrip(".")) if a else None
                if g:
                    self.genders[e.name] = g
                    break
        self.last_speaker: tuple[_Speaker, int] | None = None
        self.last_subject: tuple[_Speaker, int] | None = None
        # the same mention is weighed for every cue of its sentence: remember the answer
        self._prep_memo: dict[tuple[int, int], bool] = {}
        self._verb_memo: dict[tuple[int, int], bool] = {}
        self._subject_memo: dict[tuple[int, int], _Cand | None] = {}

    def according(self, start: int, end: int) -> list[re.Match[str]]:
        """``_ACCORDING.finditer(text, start, end)``, from the places found once per text."""
        out = []
        places = self._according_at
        for i in range(bisect.bisect_left(places, start), len(places)):
            at = places[i]
            if at >= end:
                break
            m = _ACCORDING.match(self.text, at, end)
            if m:
                out.append(m)
        return out

    # ---------------------------------------------------------------- candidates
    def _after_prep(self, start: int, floor: int) -> bool:
        """Whether the mention at ``start`` sits inside a prepositional phrase or is an object."""
        lo = max(floor, start - 120)
        hit = self._prep_memo.get((lo, start))
        if hit is None:
            hit = self._prep_memo[(lo, start)] = self._after_prep_uncached(lo, start)
        return hit

    def _after_prep_uncached(self, lo: int, start: int) -> bool:
        words = _PREP_TOKENS.findall(self.text[lo:start])
        for w in reversed(words[-10:]):
            if w in _PREP_WORDS:
                return True
            if _WALK_OK.match(w):
                continue
            return False
        return False

    def _after_verb(self, start: int, floor: int) -> bool:
        """Whether the mention follows a lower-case word that is not a conjunction: an object."""
        lo = max(floor, start - 40)
        hit = self._verb_memo.get((lo, start))
        if hit is None:
            hit = self._verb_memo[(lo, start)] = self._after_verb_uncached(lo, start)
        return hit

    def _after_verb_uncached(self, lo: int, start: int) -> bool:
        m = _LAST_WORD_BEFORE.search(self.text[lo:start])
        if not m:
            return False
        w = m.group(1)
        if not w.islower() or w in _SUBJECT_LEAD:
            return False
        return (w.endswith("ed") and len(w) > 4) or w in _PAST_VERBS

    def _possessive(self, c: _Cand) -> bool:
        return self.text[c.end : c.end + 2] in ("'s", "’s") or (
            self.text[c.end : c.end + 1] in ("’", "'") and (self.text[c.end - 1 : c.end] == "s")
        )

    def subject_before(self, floor: int, cue_start: int) -> _Cand | None:
        """The subject of a cue verb: nearest speaking mention before it in ``[floor, cue_start)``."""
        key = (floor, cue_start)
        if key in self._subject_memo:  # asked again for the same cue by several readings
            return self._subject_memo[key]
        found = self._subject_memo[key] = self._subject_before(floor, cue_start)
        return found

    def _subject_before(self, floor: int, cue_start: int) -> _Cand | None:
        i = bisect.bisect_right(self.ends, cue_start)
        best: _Cand | None = None
        while i > 0:
            i -= 1
            c = self.cands[i]
            if c.end <= floor:
                break
            if c.start < floor:
                continue
            if c.end > cue_start:
                continue
            if best is not None and c.end < best.start:
                break
            gap = self.text[c.end : cue_start]
            adjacent = _ADV_GAP.fullmatch(gap) is not None
            if c.kind == "place" and not adjacent:
                continue
            if ";" in gap or "\u201c" in gap or "\u201d" in gap or '"' in gap:
                continue
            if self._possessive(c) and not adjacent:
                continue
            if self._after_prep(c.start, floor) or self._after_verb(c.start, floor):
                continue
            if _RELATIVE_OPEN.search(self.text[floor : c.start]):
                continue  # inside a relative clause: "X, who is also a brother of Y, said"
            if c.kind == "nominal" and best is not None and (best.start <= c.start or best.kind == "person"):
                continue
            if best is None or c.start < best.start:
                best = c
        if best is not None and best.kind == "nominal":
            # "Kaja Kallas, the bloc's foreign policy chief, said": the apposition names the person
            m = _COMMA_END.search(self.text[max(floor, best.start - 3) : best.start])
            if m:
                j = bisect.bisect_right(self.ends, best.start - 1)
                for c in reversed(self.cands[:j]):
                    if c.start < floor:
                        break
                    if c.kind == "person" and _COMMA_GAP.fullmatch(self.text[c.end : best.start]):
                        return c
        return best

    def first_subject(self, floor: int, end: int) -> _Cand | None:
        """The first speaking mention in ``[floor, end)``: a person or pronoun, else a body."""
        i = bisect.bisect_left(self.ends, floor)
        fallback: _Cand | None = None
        for k in range(i, len(self.cands)):
            c = self.cands[k]
            if c.end > end:
                break
            if c.start < floor:
                continue
            if self._after_prep(c.start, floor) or self._possessive(c):
                continue
            if c.kind in {"person", "pronoun"}:
                return c
            if fallback is None and c.kind in {"org", "nominal"}:
                fallback = c
        return fallback

    def mention_at(self, pos: int, limit: int) -> _Cand | None:
        """A speaking mention starting at ``pos`` (after blanks), longest first."""
        while pos < limit and self.text[pos] in " \t":
            pos += 1
        cs = self.by_start.get(pos)
        if not cs:
            m = _THE_LEAD.match(self.text[pos : pos + 5])
            if m:
                cs = [c for c in self.by_start.get(pos + m.end(), []) if c.kind != "pronoun"]
        if not cs:
            return None
        return max(cs, key=lambda c: c.end)

    # ---------------------------------------------------------------- speakers
    def speaker(self, c: _Cand, sent_idx: int, floor: int) -> _Speaker:
        """The speaker a mention stands for; pronouns resolved, generic noun phrases null."""
        span = (c.start, c.end)
        if c.kind in {"person", "org", "place"} and c.entity is not None:
            return _Speaker(c.entity.name, span, c.entity, self.genders.get(c.entity.name))
        if c.kind == "pronoun":
            low = c.text.lower()
            if low == "they":
                return _Speaker(None, span)
            want = "m" if low == "he" else "f"
            local = self._local_subject(floor, c.start, want)
            if local is not None:
                return _Speaker(local.name, span, local.entity, local.gender)
            opts = [x for x in (self.last_speaker, self.last_subject) if x is not None]
            opts = [x for x in opts if x[0].name and (x[0].gender in (None, want))]
            if opts:
                sp, _ = max(opts, key=lambda x: (x[1], x is self.last_speaker))
                return _Speaker(sp.name, span, sp.entity, sp.gender)
            return _Speaker(None, span)
        # nominal phrase: a named body ("South Korea's presidential office") or an org named before
        words = c.text.split()
        head = words[-1].lower()
        inside = self._org_inside(c.start, c.end)
        if inside is not None:
            return _Speaker(inside.name, span, inside)  # "a State Department spokesperson"
        if _THE_I.match(c.text) and lx.TITLE_CLASS.get(head) in {
            "pol",
            "mil",
            "rel",
            "prof",
            "acad",
            "job",
        }:
            # "the minister said": the person last named with that title
            person = self._titled_before(head, c.start)
            if person is not None:
                return _Speaker(person.name, span, person, self.genders.get(person.name))
        if head in _INSTITUTION_HEADS and not _INDEF_I.match(c.text):
            return _Speaker(_DET_LEAD.sub("", c.text), span)
        if head in lx.GENERIC_SPEAKER_HEADS or _SOME_OF_I.match(c.text):
            return _Speaker(None, span)
        if _POSS_SPACE.search(c.text) and c.text[0].isupper():
            return _Speaker(c.text, span)
        for k, first in reversed(self._org_by_last.get(head, [])):
            if first < c.start:
                return _Speaker(self.orgs[k].name, span, self.orgs[k])
        if head in _ORG_ANAPHORS and _THE_I.match(c.text):
            org = self._org_last_before(c.start)
            if org is not None:
                return _Speaker(org.name, span, org)
        return _Speaker(None, span)

    def _org_inside(self, start: int, end: int) -> Entity | None:
        """The first organisation (in entity order) with a mention inside ``[start, end)``."""
        best: int | None = None
        for i in range(bisect.bisect_left(self._org_starts, start), len(self._org_mentions)):
            s, e, k = self._org_mentions[i]
            if s > end:
                break
            if e <= end and (best is None or k < best):
                best = k
        return self.orgs[best] if best is not None else None

    def _org_last_before(self, pos: int) -> Entity | None:
        """The organisation mentioned last before ``pos`` (the first in entity order on a tie)."""
        i = bisect.bisect_left(self._org_starts, pos)
        if i == 0:
            return None
        last = self._org_starts[i - 1]
        j = bisect.bisect_left(self._org_starts, last)
        return self.orgs[min(k for _, _, k in self._org_mentions[j:i])]

    def _titled_before(self, head: str, pos: int) -> Entity | None:
        """The person most recently mentioned before ``pos`` whose title or role has ``head`` in it."""
        titled = self._titled.get(head)
        if titled is None:
            word = re.compile(r"\b" + re.escape(head) + r"\b")
            titled = self._titled[head] = [
                (e, sorted(s for s, _ in e.mentions))
                for e in self.people
                if any(word.search(t) for t in [a.lower() for a in e.aliases] + [(e.role or "").lower()])
            ]
        best: tuple[int, Entity] | None = None
        for e, starts in titled:
            i = bisect.bisect_left(starts, pos)
            last = starts[i - 1] if i else -1
            if last >= 0 and (best is None or last > best[0]):
                best = (last, e)
        return best[1] if best else None

    def _local_subject(self, floor: int, pos: int, gender: str) -> _Speaker | None:
        """A person named earlier in the same sentence ("When Smith arrived, he said")."""
        i = bisect.bisect_right(self.ends, pos)
        for k in range(bisect.bisect_left(self.ends, floor), i):
            c = self.cands[k]
            if c.start >= floor and c.end <= pos and c.kind == "person" and c.entity is not None:
                g = self.genders.get(c.entity.name)
                if g in (None, gender) and not self._after_prep(c.start, floor) and not self._possessive(c):
                    return _Speaker(c.entity.name, (c.start, c.end), c.entity, g)
        return None

    def note_speaker(self, sp: _Speaker, sent_idx: int) -> None:
        """Remember the latest named speaker, for pronouns that follow."""
        if sp.name and sp.entity is not None and sp.entity.type == "person":
            self.last_speaker = (sp, sent_idx)

    def note_sentence(self, start: int, end: int, sent_idx: int) -> None:
        """Remember the sentence's subject: its first person mention outside quotations."""
        i = bisect.bisect_left(self.ends, start)
        for k in range(i, len(self.cands)):
            c = self.cands[k]
            if c.end > end:
                break
            if c.start >= start and c.kind == "person" and c.entity is not None:
                if self._after_prep(c.start, start) or self._possessive(c):
                    continue
                self.last_subject = (
                    _Speaker(c.entity.name, (c.start, c.end), c.entity, self.genders.get(c.entity.name)),
                    sent_idx,
                )
                return


@dataclass(slots=True)
class _Q:
    region: QuoteRegion
    sent: int
    kind: str = "direct"
    speaker: _Speaker | None = None
    cue: str | None = None
    drop: bool = False


def _regions(doc: Document) -> list[QuoteRegion]:
    out: list[QuoteRegion] = []
    carried = False
    for p in doc.content_paragraphs():
        rs = doc.quote_regions(p, carried=carried)
        carried = bool(rs) and rs[-1].close_mark is None
        for r in rs:
            s, e = r.start, r.end
            while s < e and doc.text[s].isspace():
                s += 1
            while e > s and doc.text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append(QuoteRegion(s, e, r.open_mark, r.close_mark, r.paragraph))
    return out


def _words(s: str) -> int:
    return len(_WORDS_RE.findall(s))


def find_quotes(doc: Document, entities: list[Entity], sieves: Sequence[Sieve] | None = None) -> list[Quote]:
    """Direct, partial and indirect quotations in ``doc``, resolved to their speakers.

    ``sieves``: the attribution sieves to try, in order (``SIEVES`` by default).
    """
    sieves = SIEVES if sieves is None else sieves
    text = doc.text
    regions = _regions(doc)
    res = _Resolver(doc, entities, [(r.start, r.end) for r in regions])
    cues = res.cues
    roles = {e.name: e.role for e in entities}
    sents = doc.content_sentences()
    # quotations by sentence (a quotation belongs to the sentence its opening lies in)
    sent_starts = [s.start for s in sents]
    by_sent: dict[int, list[_Q]] = {}
    for r in regions:
        anchor = r.open_mark if r.open_mark is not None else r.start
        i = max(0, bisect.bisect_right(sent_starts, anchor) - 1)
        by_sent.setdefault(i, []).append(_Q(r, i))
    out: list[Quote] = []
    prev_para_last: _Q | None = None
    para_last: _Q | None = None
    cur_para = -1
    for si, sent in enumerate(sents):
        if sent.paragraph != cur_para:
            prev_para_last = para_last
            para_last = None
            cur_para = sent.paragraph
        qs = by_sent.get(si, [])
        s_end = max([sent.end] + [q.region.end + 1 for q in qs])
        quoted_inner = [(q.region.start, q.region.end) for q in qs]
        used_cues: set[int] = set()
        sent_cue: bool | None = None
        prev_q: _Q | None = None
        for qi, q in enumerate(qs):
            r = q.region
            o = r.open_mark if r.open_mark is not None else r.start
            floor = (
                max(sent.start, (qs[qi - 1].region.close_mark or qs[qi - 1].region.end) + 1)
                if qi
                else sent.start
            )
            nxt = qs[qi + 1].region.open_mark if qi + 1 < len(qs) else None
            ceil = nxt if nxt is not None else s_end
            inner = text[r.start : r.end]
            before = text[floor:o]
            before_s = before.rstrip()
            # kind: an utterance standing on its own, or a fragment inside the sentence
            cue_before = list(cues.finditer(text, floor, o))
            cue_before = [
                m for m in cue_before if not _neg_cue(text[max(0, m.start() - 12) : m.start()].rstrip())
            ]
            starts_cap = bool(_STARTS_CAP.match(inner))
            ends_last = _DASH_GAP.fullmatch(before) is not None
            if (
                ends_last
                or before_s.endswith((":", ","))
                or (cue_before and _COLON_GAP.fullmatch(text[cue_before[-1].end() : o]) is not None)
            ) and (starts_cap or before_s.endswith(":") or r.open_mark is None):
                q.kind = "direct"
            else:
                q.kind = "partial"
            if r.open_mark is None and prev_para_last is not None:
                q.kind = "direct"
            # the speaker: the first sieve that names one
            ctx = QuoteContext(
                res, doc, sents, si, qs, qi, floor, ceil, s_end, before, cue_before, prev_q, para_last,
                prev_para_last,
            )  # fmt: skip
            sp: _Speaker | None = None
            for sieve in sieves:
                found = sieve(ctx)
                if found is not None:
                    sp, q.cue = found.speaker, found.cue
                    if found.cue_at is not None:
                        used_cues.add(found.cue_at)
                    break
            q.speaker = sp
            # scare quotes, titles and named things are not speech
            nwords = _words(inner)
            if sent_cue is None:
                sent_cue = bool(cues.search(text, sent.start, s_end)) or bool(
                    res.according(sent.start, s_end)
                )
            has_cue = bool(q.cue) or sent_cue
            if q.kind == "partial":
                if (
                    _scare_before(before_s)
                    or nwords == 0
                    or (nwords <= 3 and not has_cue)
                    or (
                        nwords <= 6
                        and all(
                            w[0].isupper()
                            for w in _ALPHA_WORD.findall(inner)
                            if w.lower() not in {"of", "the", "and", "a", "an", "in", "on", "for", "to"}
                        )
                    )
                    or (sp is None and nwords <= 3)
                ):
                    q.drop = True
            elif nwords == 0:
                q.drop = True
            if q.kind == "partial" or q.drop:
                used_cues.difference_update(m.start() for m in cue_before)
            if q.drop:
                continue
            if sp is not None:
                res.note_speaker(sp, si)
            prev_q = q
            para_last = q
            out.append(
                Quote(
                    speaker=sp.name if sp else None,
                    text=inner,
                    kind=q.kind,  # type: ignore[arg-type]
                    start=r.start,
                    end=r.end,
                    cue=q.cue,
                    speaker_span=sp.span if sp else None,
                    speaker_role=roles.get(sp.name) if sp and sp.name else None,
                    paragraph=r.paragraph,
                )
            )
        # reported speech in this sentence
        seen: set[tuple[int, int]] = set()
        for ind in _indirect(res, text, sent.start, sent.end, si, quoted_inner, used_cues, sent.paragraph):
            if (ind.start, ind.end) in seen or any(
                a <= ind.start and ind.end <= b and a == ind.start for a, b in seen
            ):
                continue
            seen.add((ind.start, ind.end))
            out.append(ind._replace_role(roles))
            if ind.sp is not None:
                res.note_speaker(ind.sp, si)
        res.note_sentence(sent.start, sent.end, si)
    out.sort(key=lambda q: (q.start, q.end))
    return out


def _standalone(res: _Resolver, text: str, sent: Sentence, q: _Q) -> bool:
    """A quotation with no cue verb in its sentence outside the quotation itself."""
    s = sent.start
    e = sent.end
    r = q.region
    o = r.open_mark if r.open_mark is not None else r.start
    c_end = (r.close_mark + 1) if r.close_mark is not None else r.end
    return not res.cues.search(text, s, o) and not res.cues.search(text, c_end, max(c_end, e))


def _lookahead(
    res: _Resolver, text: str, qs: list[_Q], j: int, s_end: int, si: int, floor: int
) -> _Speaker | None:
    """Speaker named right after a later quotation of the sentence: '"A," he said, "B."'."""
    r = qs[j].region
    if r.close_mark is None:
        return None
    p = r.close_mark + 1
    m = _AFTER_LEAD.match(text[p:s_end])
    p0 = p + (m.end() if m else 0)
    cm = res.cues.match(text, p0)
    if cm:
        c = res.mention_at(cm.end(), s_end)
        if c is not None:
            return res.speaker(c, si, floor)
    c = res.mention_at(p0, s_end)
    if c is not None and res.cues.match(text, c.end + 1):
        return res.speaker(c, si, floor)
    return None



# ---------------------------------------------------------------- attribution sieves
# The speaker of a quotation is read by an ordered list of sieves (in the manner of
# CoreNLP's QuoteAttributionAnnotator): each looks at one kind of evidence and either
# names the speaker or passes; the first that names one wins.


@dataclass(slots=True)
class QuoteContext:
    """What a sieve may look at: one quotation (``qs[qi]``) in its sentence and paragraph."""

    res: _Resolver
    doc: Document
    sents: list[Sentence]
    si: int
    qs: list[_Q]
    qi: int
    floor: int  # where this quotation's stretch of the sentence starts
    ceil: int  # where the next quotation opens, or the sentence ends
    s_end: int
    before: str  # the text from ``floor`` to the opening mark
    cue_before: list[re.Match[str]]  # cue verbs in ``before`` (negated ones left out)
    prev_q: _Q | None  # the previous kept quotation of the sentence
    para_last: _Q | None  # the last kept quotation of the paragraph so far
    prev_para_last: _Q | None  # the last kept quotation of the previous paragraph

    @property
    def q(self) -> _Q:
        return self.qs[self.qi]

    @property
    def sent(self) -> Sentence:
        return self.sents[self.si]

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def open_at(self) -> int:
        r = self.q.region
        return r.open_mark if r.open_mark is not None else r.start


@dataclass(frozen=True, slots=True)
class Attribution:
    """A sieve's answer: the speaker, the cue it rests on and where that cue verb is (if one)."""

    speaker: _Speaker
    cue: str | None = None
    cue_at: int | None = None


def sieve_after(ctx: QuoteContext) -> Attribution | None:
    """An attribution right after the closing mark: ``," he said`` / ``," said Dr Lee`` / ``" - Lee``."""
    r = ctx.q.region
    if r.close_mark is None:
        return None
    sp, cue = _after_attribution(ctx.res, ctx.text, r.close_mark + 1, ctx.ceil, ctx.si, ctx.sent.start)
    if sp is None:
        return None
    return Attribution(sp, cue.group(0), cue.start()) if cue is not None else Attribution(sp)


def sieve_cue_before(ctx: QuoteContext) -> Attribution | None:
    """The last cue verb before the quotation in its sentence (its subject, or the name after
    it), else "according to X" before it."""
    res, o, start = ctx.res, ctx.open_at, ctx.sent.start
    if ctx.cue_before:
        cm = ctx.cue_before[-1]
        c = res.subject_before(start, cm.start())
        if c is None:
            c = res.mention_at(cm.end(), o)
        return Attribution(res.speaker(c, ctx.si, start), cm.group(0), cm.start()) if c is not None else None
    acc = res.according(ctx.floor, o)
    if acc:
        c = res.mention_at(acc[-1].end(), o)
        if c is not None:
            return Attribution(res.speaker(c, ctx.si, start), "according to")
    return None


def sieve_colon_intro(ctx: QuoteContext) -> Attribution | None:
    """``X ...: "quote"`` with no cue verb: the subject of the introducing clause."""
    if ctx.cue_before or not ctx.before.rstrip().endswith(":"):
        return None
    c = ctx.res.first_subject(ctx.floor, ctx.open_at)
    return Attribution(ctx.res.speaker(c, ctx.si, ctx.sent.start)) if c is not None else None


def sieve_same_sentence(ctx: QuoteContext) -> Attribution | None:
    """A later quotation in a sentence with no cue of its own: the speaker of the one before."""
    prev = ctx.prev_q
    if prev is None or prev.speaker is None:
        return None
    return Attribution(prev.speaker, prev.cue)


def sieve_later_in_sentence(ctx: QuoteContext) -> Attribution | None:
    """An attribution after the sentence's next quotation applies to this one too: '"A," he said, "B."'."""
    if ctx.qi + 1 >= len(ctx.qs):
        return None
    sp = _lookahead(ctx.res, ctx.text, ctx.qs, ctx.qi + 1, ctx.s_end, ctx.si, ctx.sent.start)
    return Attribution(sp) if sp is not None else None


def sieve_previous_colon(ctx: QuoteContext) -> Attribution | None:
    """A paragraph opening with the quotation after one that closes with "X put it this way:"."""
    if ctx.qi != 0 or ctx.si == 0:
        return None
    sent, text = ctx.sent, ctx.text
    prev = ctx.sents[ctx.si - 1]
    if (
        prev.paragraph == sent.paragraph
        or sent.start != ctx.doc.paragraphs[sent.paragraph].start
        or not text[prev.start : prev.end].rstrip().endswith(":")
        or _DASH_GAP.fullmatch(ctx.before) is None
    ):
        return None
    c = ctx.res.first_subject(prev.start, prev.end)
    return Attribution(ctx.res.speaker(c, ctx.si, prev.start)) if c is not None else None


def sieve_continuation(ctx: QuoteContext) -> Attribution | None:
    """A quotation standing alone (no cue in its sentence) after an attributed one in its paragraph."""
    last = ctx.para_last
    if ctx.qi != 0 or last is None or last.speaker is None:
        return None
    if not _standalone(ctx.res, ctx.text, ctx.sent, ctx.q):
        return None
    return Attribution(last.speaker, last.cue)


def sieve_carried_over(ctx: QuoteContext) -> Attribution | None:
    """A paragraph opening with a quotation and no cue after it continues the previous
    paragraph's last quotation (a quotation carried over, or opened again)."""
    last, sent, text = ctx.prev_para_last, ctx.sent, ctx.text
    if ctx.qi != 0 or last is None or last.speaker is None:
        return None
    r = ctx.q.region
    para_start = ctx.doc.paragraphs[sent.paragraph].start
    c_end = (r.close_mark + 1) if r.close_mark is not None else r.end
    if (
        (r.open_mark is None or text[para_start] in "\"\u201c\u2018'")
        and sent.start == para_start
        and not ctx.res.cues.search(text, c_end, ctx.s_end)
    ):
        return Attribution(last.speaker, last.cue)
    return None


Sieve = Callable[[QuoteContext], Attribution | None]
#: The attribution sieves, in the order they are tried.
SIEVES: tuple[Sieve, ...] = (
    sieve_after,
    sieve_cue_before,
    sieve_colon_intro,
    sieve_same_sentence,
    sieve_later_in_sentence,
    sieve_previous_colon,
    sieve_continuation,
    sieve_carried_over,
)


_LEAD_STOP = re.compile(
    r"(?i)(?<![\w-])(?:while|and|but|as|when|after|before|because|if|though|although|since|so|then|where|which|"
    r"who|that|to|for|in|on|at|with|by|from|of|about|is|was|are|were|has|had|have|will|would)(?![\w-])"
)


def _has_sentence_end(s: str) -> bool:
    """Whether ``s`` contains a sentence end (not an abbreviation's full stop)."""
    for m in _STOP_BEFORE_SPACE.finditer(s):
        if m.group(0) == "." and ends_with_abbreviation(s[: m.start()]):
            continue
        return True
    return False


# "DAKAR –", "ADDIS ABABA, March 17 (Savanna Press) —": a dateline is not part of what was said
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’/ -]{2,40}(?:,\s*[\w.’' ]{1,30}?)*(?:\s*\([^)]{1,40}\))?\s*[\u2013\u2014-]+\s*"
)
_AFTER_LEAD = re.compile(r"[\s,.!?\u2014\u2013-]*")
_DASH_NAME = re.compile(r"[\s\u00a0]*[\u2015\u2014\u2013-]{1,2}[\s\u00a0]*")


def _after_attribution(
    res: _Resolver, text: str, c_end: int, ceil: int, si: int, floor: int
) -> tuple[_Speaker | None, re.Match[str] | None]:
    """Speaker named after a closing quotation mark, with the cue verb the attribution rests on."""
    dash = _DASH_NAME.match(text, c_end)
    if dash and dash.end() > c_end and text[c_end : dash.end()].strip():
        c = res.mention_at(dash.end(), ceil)
        if c is not None and c.kind == "person":
            return res.speaker(c, si, floor), None
    m = _AFTER_LEAD.match(text, c_end)
    p0 = m.end() if m else c_end
    if p0 >= ceil:
        return None, None
    cue = res.cues.match(text, p0)
    if cue:  # inverted: ," said Dr Lee
        c = res.mention_at(cue.end(), ceil)
        if c is not None:
            return res.speaker(c, si, floor), cue
        return None, None
    # ," Smith said / ," Scott Pruitt, the attorney general of Oklahoma, said
    window = text[p0 : min(ceil, p0 + 200)]
    for cm in res.cues.finditer(text, p0, p0 + len(window)):
        between = text[p0 : cm.start()]
        if _DOUBLE_MARK.search(between) or _has_sentence_end(between):
            break
        c = res.first_subject(p0, cm.start())
        lead = text[p0 : c.start] if c is not None else ""
        if c is not None and not _LEAD_STOP.search(lead) and len(lead.split()) <= 4:
            return res.speaker(c, si, floor), cm
        break
    return None, None


@dataclass(slots=True)
class _Ind:
    sp: _Speaker | None
    start: int
    end: int
    cue: str
    paragraph: int
    text: str

    def _replace_role(self, roles: dict[str, str | None]) -> Quote:
        return Quote(
            speaker=self.sp.name if self.sp else None,
            text=self.text,
            kind="indirect",
            start=self.start,
            end=self.end,
            cue=self.cue,
            speaker_span=self.sp.span if self.sp else None,
            speaker_role=roles.get(self.sp.name) if self.sp and self.sp.name else None,
            paragraph=self.paragraph,
        )


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n,;:\u2014\u2013-":
        s += 1
    while e > s and text[e - 1] in _TRAIL + " ":
        e -= 1
    return s, e


def _indirect(
    res: _Resolver,
    text: str,
    s_start: int,
    s_end: int,
    si: int,
    quoted: list[tuple[int, int]],
    used: set[int],
    para: int,
) -> list[_Ind]:
    """Reported speech clauses of one sentence."""
    out: list[_Ind] = []

    def in_quote(pos: int) -> bool:
        return any(a - 1 <= pos < b + 1 for a, b in quoted)

    for cm in res.cues.finditer(text, s_start, s_end):
        if cm.start() in used or in_quote(cm.start()):
            continue
        lemma = lx.CUE_FORMS.get(cm.group(0))
        if lemma not in lx.REPORTING_LEMMAS:
            continue
        head = text[max(s_start, cm.start() - 14) : cm.start()]
        if _neg_cue(head.rstrip()) or _THAT_TO_END.search(head):
            continue
        rest = text[cm.end() : s_end]
        cstart = None
        m = _THAT_AFTER.match(rest)
        if m and not _CLAUSE_BREAK.search(rest[: m.end()]):
            cstart = cm.end() + m.end()
        elif lemma not in lx.NEED_THAT_LEMMAS:
            d = _DIRECT_AFTER_WORD.match(rest)
            if (
                lemma not in lx.OBJECT_LEMMAS
                and d
                and not _NOT_CLAUSE.match(rest[d.end() :])
                and (
                    res.mention_at(cm.end(), s_end) is None
                    or res.subject_before(s_start, cm.start()) is not None
                )
            ):
                cstart = cm.end() + d.end()
        if cstart is not None:
            c = res.subject_before(s_start, cm.start())
            cs, ce = _trim(text, cstart, s_end)
            if c is None or _words(text[cs:ce]) < 3:
                continue
            if any(a - 1 <= cs and ce <= b + 1 for a, b in quoted):
                continue
            sp = res.speaker(c, si, s_start)
            out.append(_Ind(sp, cs, ce, cm.group(0), para, text[cs:ce]))
            continue
        # preposed: "<clause>, X said." / "<clause>, said X."
        tail = text[cm.end() : s_end]
        if not _PREPOSED_TAIL.fullmatch(tail):
            continue
        pre = text[s_start : cm.start()]
        comma = max(pre.rfind(","), pre.rfind("\u2014"))
        if comma < 0:
            continue
        c = res.subject_before(s_start + comma + 1, cm.start())
        if c is not None and not (
            _DET_GAP.fullmatch(text[s_start + comma + 1 : c.start])
            and _ADV_GAP.fullmatch(text[c.end : cm.start()])
        ):
            c = None
        if c is None and _BLANK.fullmatch(text[s_start + comma + 1 : cm.start()]):
            c = res.mention_at(cm.end(), s_end)
        if c is None:
            continue
        cs, ce = _trim(text, s_start, s_start + comma)
        dl = _DATELINE.match(text, cs, ce)
        if dl:
            cs = dl.end()
        if _words(text[cs:ce]) < 4 or any(a - 1 <= cs and ce <= b + 1 for a, b in quoted):
            continue
        if any(a < ce and cs < b for a, b in quoted) and text[cs] in "\"“‘'":
            continue
        sp = res.speaker(c, si, s_start)
        out.append(_Ind(sp, cs, ce, cm.group(0), para, text[cs:ce]))
    # according to X
    for am in res.according(s_start, s_end):
        c = res.mention_at(am.end(), s_end)
        if c is None or in_quote(am.start()):
            continue
        sp = res.speaker(c, si, s_start)
        after = text[c.end : s_end]
        if c.kind == "place" and _SPACE_LOWER.match(after):
            # "according to Chinese state media": the place only qualifies an unnamed source
            np_end = _NP_REST.match(after)
            sp = _Speaker(None, (c.start, c.end + (np_end.end() if np_end else 0)))
            after = after[np_end.end() if np_end else 0 :]
        if _COMMA_NEXT.match(after):
            cs, ce = _trim(text, s_end - len(after), s_end)
        else:
            cs, ce = _trim(text, s_start, am.start())
        if _DOUBLE_MARK.search(text[cs:ce]):
            continue  # a quotation with its own attribution, not reported speech
        if _words(text[cs:ce]) >= 4:
            out.append(_Ind(sp, cs, ce, "according to", para, text[cs:ce]))
    return out
