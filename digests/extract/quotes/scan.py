"""Words and patterns of quotation attribution, found once per text: cue verbs, speaking
head nouns, pronouns, "one of them" phrases, negated cues and scare-quote words."""

from __future__ import annotations

import bisect
import re

from digests.extract import lexicon as lx
from digests.extract.text import DATELINE, ends_with_abbreviation


class _Cues:
    """Cue verbs of one text, found once word by word with a dictionary look-up (a regex
    alternation of a few hundred verb forms is many times slower), then queried by offset."""

    def __init__(self, text: str, found: list[re.Match[str]] | None = None) -> None:
        self.found: list[re.Match[str]] = list(lx.CUE_RE.finditer(text)) if found is None else found
        self.starts = [m.start() for m in self.found]
        # the matches do not overlap, so their ends ascend as their starts do
        self.ends = [m.end() for m in self.found]
        self.at = {m.start(): m for m in self.found}

    def finditer(self, text: str, start: int, end: int) -> list[re.Match[str]]:
        """Cue verbs lying within ``[start, end)``."""
        i = bisect.bisect_left(self.starts, start)
        return self.found[i : max(i, bisect.bisect_right(self.ends, end))]

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
        "rebels",
        "militants",
        "fighters",
        "insurgents",
        "separatists",
        "relatives",
        "detractors",
        "skeptics",
    }
)
_HEAD_RE = re.compile(
    r"(?<![\w'’-])(?:"
    + lx.trie_regex(sorted(_SPEAKER_HEADS | {w.capitalize() for w in _SPEAKER_HEADS}))
    + r")(?![\w'’-])"
)
# Both patterns open with the class of their first letters and test the word start after it
# (so the engine skips straight to those letters), then read the rest of the word after a
# look-behind at that letter: "[Tt]he" is written "(?<=[Tt])he". A run of capitalised words before
# a possessive is read once, none of it given back (what could follow a part of it is never the mark).
_NOM_BACK = re.compile(
    r"[A-Zaostmfih](?<![\w'’-].)"
    r"(?:(?:(?<=[Tt])(?:he|wo|hree|heir|his|hat|hese|hose)|(?<=[Aa])(?:n?|nother)|(?<=[Oo])(?:ne|ther)"
    r"|(?<=[Ss])(?:ome|everal)|(?<=[Mm])(?:any|ost|y)|(?<=[Oo])ur|(?<=[Ff])ew|(?<=[Ii])ts|(?<=[Hh])(?:is|er))\s+"
    r"|(?<=[A-Z])[\w.-]*+(?:[ \t]+[A-Z][\w.-]*+)*+['’]s?\s+)(?:(?:[\w-]+|[a-z][a-z-]*['’]s)\s+){0,3}?$"
)


def nom_back(text: str, lo: int, end: int) -> re.Match[str] | None:
    """``_NOM_BACK.search(text, lo, end)``: the noun phrase read back from a head at ``end``.

    The pattern ends in blanks, and its opener (a determiner, or a run of capitalised words
    before a possessive) ends one of the window's last four blank-separated chunks: at most three
    words follow it. So it is first searched from the fourth chunk back, and none there is none
    at all: a run that opens further back goes on through that chunk, which opens a match too.
    That match is the leftmost unless it opens the fourth chunk after a blank with a capital; only
    then is the whole window searched, for where the run begins."""
    if not text[end - 1 : end].isspace():
        return None
    words = text[lo:end].rsplit(None, 4)
    if len(words) < 5:
        return _NOM_BACK.search(text, lo, end)
    fourth = lo + len(words[0])  # (the blanks before the fourth chunk back)
    m = _NOM_BACK.search(text, fourth, end)
    if m is None:
        return None
    at = m.start()
    if text[at - 1] in " \t" and "A" <= text[at] <= "Z" and text[fourth:at].isspace():
        return _NOM_BACK.search(text, lo, end)
    return m


_CAP_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][a-z]+\s+$")
_ONE_OF = re.compile(
    r"[OoSsMmTtNnEe](?<![\w'’-].)"
    r"(?:(?<=[Oo])ne|(?<=[Ss])(?:ome|everal)|(?<=[Mm])(?:any|ost)|(?<=[Tt])(?:wo|hree)|(?<=[Nn])one|(?<=[Ee])ach)"
    r"\s+of\s+"
    r"(?:them|those|the\s+(?:[\w-]+\s+){0,2}?[\w-]+)(?![\w'’-])"
)


_OF = re.compile(r"of(?=\s)")


# the words that open a _ONE_OF phrase, as written (lower case or capitalised)
_ONE_OF_WORDS = frozenset(
    w
    for low in ("one", "some", "several", "many", "most", "two", "three", "none", "each")
    for w in (low, low.capitalize())
)


# the letters those words end with
_ONE_OF_ENDS = frozenset(w[-1] for w in _ONE_OF_WORDS)


def _one_of(text: str, start: int, end: int, of_at: list[int] | None = None) -> list[tuple[int, int]]:
    """Spans of "one of them", "some of the officials" ... in ``[start, end)``.

    ``of_at``: where "of" stands before a blank in ``[start, end)`` (``_OF``), when already found:
    then only the word before each such "of" is tried, not every position of the text.
    """
    if of_at is None:
        return [m.span() for m in _ONE_OF.finditer(text, start, end)]
    out: list[tuple[int, int]] = []
    last = start  # what _ONE_OF.finditer would find: the leftmost match clear of the one before
    for p in of_at:
        q = p
        while q > last and text[q - 1].isspace():
            q -= 1
        if q == p or text[q - 1] not in _ONE_OF_ENDS:  # (no word of the phrase ends so: "part of")
            continue
        # the run of letters before the blanks: a phrase opens with the whole run or not at all
        a = q
        while a > last and text[a - 1].isalpha():
            a -= 1
        if q - a > 7 or text[a:q] not in _ONE_OF_WORDS:
            continue
        m = _ONE_OF.match(text, a, end)
        if m is not None:
            out.append(m.span())
            last = m.end()
    return out


# Cue verbs, speaking head nouns and pronouns are found in one pass over the text: one
# pattern over the three word lists (they share the costly word-start test at every
# position), each match then sorted by dictionary look-ups. A word may be in several lists.
_PRONOUN_WORDS = frozenset({"he", "she", "they", "He", "She", "They", "I"})
_HEAD_WORDS = frozenset(_SPEAKER_HEADS | {w.capitalize() for w in _SPEAKER_HEADS})
_WORD_ALT = lx.trie_regex(sorted(set(lx.CUE_FORMS) | _HEAD_WORDS | _PRONOUN_WORDS))
_WORD_SCAN = re.compile(r"(?<![\w'’-])(?:" + _WORD_ALT + r")(?![\w'’-])")
# Where the pass looks: the same words, each matched with the character before it, which is no
# word character (none of [\w'’-]). The engine then skips by a plain ASCII test to the characters
# that can stand there (blanks, punctuation, letters beyond ASCII) and asks the look-behind and
# the words only at those, not the look-behind at every character of the text. Every word opens
# and ends with a letter (checked below), so no match of the one pattern touches the character
# before the next one's word, and both find the same words.
_WORD_AFTER = re.compile(r"[^A-Za-z0-9_'’-](?<=[^\w'’-])(?:" + _WORD_ALT + r")(?![\w'’-])")
# The one pass finds each word once: a multi-word cue ("point out") must not hold a head noun
# or pronoun, which that cue's match would hide. The lexicon is checked when it is loaded.
_HIDDEN = sorted(
    form
    for form in lx.CUE_FORMS
    if " " in form and any(part in _HEAD_WORDS or part in _PRONOUN_WORDS for part in form.split())
)
if _HIDDEN:
    raise ValueError(f"cue verb forms hide speaking nouns or pronouns: {', '.join(_HIDDEN)}")
_UNLETTERED = sorted(
    w for w in set(lx.CUE_FORMS) | _HEAD_WORDS | _PRONOUN_WORDS if not (w[:1].isalpha() and w[-1:].isalpha())
)
if _UNLETTERED:
    raise ValueError(f"cue verbs, speaking nouns or pronouns opening or ending with no letter: {_UNLETTERED}")


def _scan_words(text: str) -> tuple[list[re.Match[str]], list[re.Match[str]], list[re.Match[str]]]:
    """Cue verbs, speaking head nouns and pronouns of the whole text, in one pass: what
    ``_WORD_SCAN.finditer(text)`` finds, each word found by ``_WORD_AFTER`` with the character
    before it (or at the text's start) and matched by ``_WORD_SCAN`` where it starts."""
    cues: list[re.Match[str]] = []
    heads: list[re.Match[str]] = []
    prons: list[re.Match[str]] = []
    kinds = _WORD_KINDS
    match = _WORD_SCAN.match
    first = match(text, 0)
    found = [] if first is None else [first]
    for after in _WORD_AFTER.finditer(text, 0 if first is None else first.end()):
        m = match(text, after.start() + 1)
        if m is not None:  # (always: the same words after a character that is no word's)
            found.append(m)
    for m in found:
        kind = kinds.get(m.group(0), _CUE)  # "point  out" is a cue not spelt as listed
        if kind & _HEAD:
            heads.append(m)
        if kind & _PRON:
            prons.append(m)
        if kind & _CUE:
            cues.append(m)
    return cues, heads, prons


# what each word of the one pass is: a cue verb, a speaking head noun, a pronoun (bits)
_CUE, _HEAD, _PRON = 1, 2, 4
_WORD_KINDS: dict[str, int] = {
    w: (_CUE if w in lx.CUE_FORMS else 0)
    | (_HEAD if w in _HEAD_WORDS else 0)
    | (_PRON if w in _PRONOUN_WORDS else 0)
    for w in set(lx.CUE_FORMS) | _HEAD_WORDS | _PRONOUN_WORDS
}


def _nominals(
    text: str,
    start: int,
    end: int,
    heads: list[re.Match[str]] | None = None,
    of_at: list[int] | None = None,
) -> list[tuple[int, int]]:
    """Spans of speaking noun phrases ("the ministry", "a senior official", "One of them").

    ``heads``: the head nouns in ``[start, end)`` when already found; ``of_at``: likewise where
    "of" stands before a blank (``_OF``).
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
        m = nom_back(text, max(start, w.start() - 80), w.start())
        if m:
            out.append((m.start(), w.end()))
        elif low in _BARE_PLURALS:
            c = _CAP_BEFORE.search(text, max(start, w.start() - 30), w.start())
            out.append((c.start() if c else w.start(), w.end()))
    return out


_PREP_WORDS = lx.PREPOSITIONS
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
    r"(?i)(?<![\w-])(?:so[- ]called|dubbed|known\s+as|titled|entitled|nicknamed|termed|branded|labell?ed|"
    r"the\s+word|"
    r"the\s+term|the\s+phrase|called\s+(?:it|him|her|them|this|that)?|named|headlined|slogan|hashtag|"
    r"marked|stamped|reading|read|billed\s+as|referred\s+to\s+as|described\s+as|such\s+as)\s*$"
)
_TRAIL = " \t,.;:!?\u2014\u2013-"
# (these three are matched at a cue's end, ``match(text, pos, sentence_end)``: no copy of the clause)
_THAT_AFTER = re.compile(r"(?:\s+" + _ADV + r")*(?:\s+[\w.’'-]+){0,7}?\s+that\s+")
_DIRECT_AFTER_WORD = re.compile(r"(?:\s+" + _ADV + r")*\s+(?=[A-Za-z0-9])")
_NOT_CLAUSE = re.compile(
    r"(?:in|on|at|to|for|of|with|by|from|during|after|before|about|as|so|yes|no|nothing|something|"
    r"anything|goodbye|hello|thanks|thank|sorry|more|less|little|much|too|it\s*[.,]|this\s*[.,]|that\s*[.,]|"
    r"so\b|(?:he|she|they)\s*[,.;:]|[A-Z][\w’'-]*\s*[,.;:]|[A-Z][\w’'-]*\s+[A-Z][\w’'-]*\s*[,.;:]|"
    # "said Monday in a statement.": a weekday and a phrase of where or how, no clause
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+(?:in|on|at|to|during|after|before|while|via)\s)",
)
# (the word-start test follows the first letter so the engine can skip straight to A/a)
_ACCORDING = re.compile(r"[Aa](?<!\w.)ccording\s+to\s+")
# A cue verb after one of these words is none: "is said", "a new report", "is widely said".
_BE_WORDS = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_BE_ADVERBS = frozenset({"widely", "often"})
# "did not say", "would never say": a negated cue is none either (the words are not the subject's)
_NOT_WORDS = frozenset({"not", "never", "cannot"})
_NEG_WORDS = _BE_WORDS | _NOT_WORDS | {
    "that", "a", "an", "the", "new", "its", "his", "her", "their", "this", "our", "first", "second",
    "annual", "weekly",
}  # fmt: skip
# the same test as a pattern, for a text with characters beyond ASCII (whose case folding the
# pattern's engine does its own way)
_BE_ALT = "|".join(sorted(_BE_WORDS))
_NEG_ALT = "|".join(sorted(_NEG_WORDS - _BE_WORDS))
_NEG_CUE = re.compile(
    rf"(?i)(?:\b(?:(?:{_BE_ALT})(?:\s+(?:{'|'.join(sorted(_BE_ADVERBS))}))?|{_NEG_ALT})|\wn['’]t)\s*$"
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
_STARTS_CAP = re.compile(r"[\W_]*[A-Z0-9]")
_DASH_GAP = re.compile(r"[\s\u2014\u2013-]*")
_COLON_GAP = re.compile(r"[\s,:]*")
_ALPHA_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_STOP_BEFORE_SPACE = re.compile(r"[.!?](?=\s)")
_DOUBLE_MARK = re.compile(r"[\"\u201c\u201d]")
_THAT_TO = frozenset({"that", "to"})
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


# the word characters (``\w``) of an ASCII text: a run of them is stripped off in one call
_ASCII_WORD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"


def _neg_cue(s: str, that_to: bool = False) -> bool:
    """Whether ``s`` ends (blanks aside) so that the cue after it is none: "is said", "a new
    report", "was widely reported", "did not say", "didn't say": its last word, read by a set
    look-up.

    ``that_to``: also when that word is "that" or "to", read in the same look."""
    if not s.isascii():
        return _NEG_CUE.search(s) is not None or (that_to and _THAT_TO_END.search(s) is not None)
    s = s.rstrip()
    rest = s.rstrip(_ASCII_WORD)
    i = len(rest)
    word = s[i:].lower()
    if word in _NEG_WORDS or (that_to and word in _THAT_TO):
        return True
    if word == "t":
        return rest.endswith("n'") and rest[-3:-2].isalpha()  # "didn't say", "won't say"
    if word not in _BE_ADVERBS:
        return False
    j = len(rest.rstrip())
    return j < i and rest[:j][len(rest[:j].rstrip(_ASCII_WORD)) :].lower() in _BE_WORDS


def _scare_before(s: str) -> bool:
    """Whether a right-stripped ``s`` ends with "so-called", "dubbed" ...: scare quotes follow."""
    return _SCARE_BEFORE.search(s) is not None


# a noun phrase's determiner right before the opening mark, a verb right after the closing one,
# no cue before it in its sentence: 'the "peace plan" was', 'their "reform package" has': the
# quoted words name a thing the sentence is about, a label, no one's words ('he said the "new
# rules" would' are his; "that" is left out: 'saying that "statehood" should')
_DET_BEFORE_MARK = re.compile(
    r"(?<![\w'’-])(?:the|a|an|this|these|those|its|their|his|her|our|your)$", re.I
)
_VERB_AFTER_MARK = re.compile(
    r"[ \t]+(?:is|was|are|were|has|had|have|will|would|could|can|may|might|should|must|"
    r"remains|remained|seems|seemed|becomes|became)(?![\w'’-])"
)


def _noun_label(text: str, before_s: str, close: int | None) -> bool:
    """Whether a quotation stands as a label inside a noun phrase, its determiner before it and
    a verb after it ('the "peace plan" was rejected'), no one's words."""
    # (the verb after, one match at one place, asked first; the determiner in the last six
    # characters only)
    return (
        close is not None
        and _VERB_AFTER_MARK.match(text, close + 1) is not None
        and _DET_BEFORE_MARK.search(before_s, max(0, len(before_s) - 6)) is not None
    )


_LAST_WORD = re.compile(r"([\w-]+)\s*,\s*$")


def _work_title(text: str, before: str, close: int | None, inner: str, sent_end: int, cues: _Cues) -> bool:
    """Whether a quotation is the title of a work in apposition: right after a work noun and a
    comma ("Ouisa Hale's commentary, "Tell your story," is thoughtful"), closed by a comma and
    followed by no cue verb in its sentence ("the documentary, "13th," below")."""
    if close is None or not before.rstrip().endswith(","):  # (what the pattern needs, checked first)
        return False
    m = _LAST_WORD.search(before[-40:])
    if m is None or m.group(1).lower() not in lx.WORK_NOUNS or close is None:
        return False
    if not (inner.rstrip().endswith(",") or text.startswith(",", close + 1)):
        return False
    return not _has_words(inner, 11) and cues.search(text, close + 1, max(close + 1, sent_end)) is None


def _according_places(text: str) -> list[int]:
    """Where "according to" is written in ``text``: looked for at each "ccording" (a plain
    substring search), not by trying the pattern at every "a" of the text."""
    out: list[int] = []
    at = text.find("ccording", 1)
    while at >= 0:
        if _ACCORDING.match(text, at - 1) is not None:
            out.append(at - 1)
        at = text.find("ccording", at + 8)
    return out


# "at least n words": each word (a ``\w+`` run) with the non-word characters after it, n times,
# none given back (a word is never split in two): one match, read no further than the n-th word
_AT_LEAST: dict[int, re.Pattern[str]] = {}


def _has_words(s: str, n: int, start: int = 0, end: int | None = None) -> bool:
    """Whether ``s[start:end]`` holds at least ``n`` words (``\\w+`` runs): a threshold test reads
    a long clause no further than it needs (and copies none of it)."""
    pat = _AT_LEAST.get(n)
    if pat is None:
        pat = _AT_LEAST[n] = re.compile(rf"\W*+(?:\w++\W*+){{{n}}}")
    return pat.match(s, start, len(s) if end is None else end) is not None


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


_DATELINE = DATELINE  # a dateline is not part of what was said (one pattern, in extract/text.py)
_AFTER_LEAD = re.compile(r"[\s,.!?\u2014\u2013-]*")
_DASH_NAME = re.compile(r"[\s\u00a0]*[\u2015\u2014\u2013-]{1,2}[\s\u00a0]*")
