"""An article's lead: its first paragraph of news text, and the sentence a digest tells of it.

Found once, when the store saves an article (it keeps the offsets: ``articles.lead_start``,
``lead_end``, ``lead_sentence_end``), so that digests read it instead of re-deriving it
from the text. Sentences are split by :func:`digests.extract.text.split_sentences`, the
project's one splitter.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from rapidfuzz import fuzz

from digests.extract.text import DATELINE as _DATELINE
from digests.extract.text import in_summary_box, is_caption, is_furniture, split_sentences
from digests.furniture import line_hash
from digests.terms import is_stopword

HEAD_CHARS = 2000  # the lead is looked for in the text's first characters only
# "SEOUL, Jan 5 (Reuters) - ", "Washington (CNN) ": a dateline opening a lead (extract/text.py's
# one pattern, anchored, so that ``DATELINE.sub`` takes it off a text's start only).
DATELINE = re.compile(f"^(?:{_DATELINE.pattern})")


@dataclass(frozen=True, slots=True)
class Lead:
    """Offsets into an article's text: its lead paragraph and the end of the sentence a digest
    tells of it (the first, or the first two when the first is a short teaser). All 0: none."""

    start: int = 0
    end: int = 0
    sentence_end: int = 0


def find_lead(text: str, title: str, learned: Collection[int] = ()) -> Lead:
    """The lead of an article with this text and title; ``learned`` holds the hashes of lines its
    outlet repeats (:func:`digests.furniture.line_hash`), furniture that is never a lead."""
    lead, start = _find_lead(text[:HEAD_CHARS], title or "(untitled)", learned)
    if not lead:
        return Lead()
    return Lead(start, start + len(lead), start + len(_first_sentence(lead)))


_CREDIT_LINE = re.compile(r"^(?:photo|picture|image|video|credit)s?\b[^\n]{0,60}[:/]", re.I)


# Sign-up and app prompts that page furniture detection may let through.
_PROMPT = re.compile(
    r"\b(?:newsletters?|inbox|subscribe|subscription|sign[- ]up|download (?:our|the) app|follow us|"
    r"push notifications|alerts? on)\b",
    re.I,
)


_PICTURE_WORDS = re.compile(
    r"\b(?:file (?:picture|photo|image)|pictured|in this (?:photo|picture|image))\b", re.I
)


def _find_lead(head: str, title: str, learned: Collection[int] = ()) -> tuple[str, int]:
    """The first paragraph of news text (dateline removed): not the title, furniture (general or
    learnt) or a caption."""
    lines = head.split("\n")
    pos = 0
    in_box = False
    for i, line in enumerate(lines):
        start = pos
        pos += len(line) + 1
        s = line.strip()
        if s:
            in_box = in_summary_box(s, in_box)
        if in_box or not s or len(s.split()) < 8 or is_furniture(s) or is_caption(s):
            continue
        if _PICTURE_WORDS.search(s) or (learned and line_hash(s) in learned):
            continue
        if len(s) < 200 and _PROMPT.search(s):
            continue
        if fuzz.ratio(s.lower(), title.lower()) >= 85 or re.match(r"^[a-z_]+:\s", s):
            continue
        nxt = next((ln.strip() for ln in lines[i + 1 :] if ln.strip()), "")
        if _CREDIT_LINE.match(nxt):  # a paragraph over a photo credit is its caption
            continue
        start += len(line) - len(line.lstrip())
        m = DATELINE.match(s)
        if m:
            s, start = s[m.end() :], start + m.end()
        return s, start
    return "", 0


def _first_sentence(text: str) -> str:
    """The lead's first sentence, or its first two when the first is a short teaser."""
    ends = [sent.end for sent in split_sentences(text, 0, len(text), 0)[:-1] if sent.end >= 30]
    if not ends:
        return text.strip()
    if ends[0] < 60 and len(ends) > 1:
        return text[: ends[1]].strip()
    return text[: ends[0]].strip()


# A list marker opening a line: a bullet, a square, an arrow, or a dash followed by a space.
_MARKER = re.compile(r"^\s*(?:[•·▪■□◦●○‣⁃∙►▸*]+|[-–—](?=\s))\s*")
# A drop cap split from its word ("T HEIR GRIEVANCES are", "T he gun"): one capital, a space,
# the rest of the word in capitals or in lower case.
_DROP_CAP = re.compile(r"^([A-Z]) ([A-Z]+|[a-z]+)\b")
# Words in small capitals opening a text, before its first word in lower case.
_CAPS_RUN = re.compile(r"^((?:[A-Z][A-Z'’-]*[ ,]+)+)(?=[a-z])")


def clean_opening(text: str, context: str = "") -> str:
    """A sentence as a reader should see it, without what a page's layout put before it: a list
    marker ("• In Frankfurt, ..." -> "In Frankfurt, ..."), a drop cap set apart from its word
    ("T HEIR GRIEVANCES are" -> "Their grievances are") and the small capitals opening an
    article ("A PIVOTAL MEETING of" -> "A pivotal meeting of"). ``context`` is the article's text,
    where each word's usual case is read: a drop cap is joined only when the word it makes is
    a common word or one the article uses ("A US official" stays), and a word in small capitals
    keeps capitals when the article writes it so elsewhere ("NATO"), else takes the case the
    article gives it, else lower case."""
    out = _MARKER.sub("", text, count=1)
    joined = False
    m = _DROP_CAP.match(out)
    if m and context:
        letter, rest = m.groups()
        word = letter + rest.lower()
        # "A" and "I" are words of their own: "A US official" is no drop cap (the article writes
        # "US" elsewhere too), nor "A top official"; "A ND then" is one
        own_word = letter in "AI" and not (rest.isupper() and _count(context, rest) < 2)
        if not own_word and (is_stopword(word.lower()) or _uses(context, word)):
            out = letter + rest + out[m.end() :]
            joined = True
    run = _CAPS_RUN.match(out)
    if run and context:
        words = run.group(1).split()
        # a run of small capitals, or the first word after a drop cap; not "A US" or "THE EU"
        if joined or len(words) >= 3 or (len(words) == 2 and max(len(w) for w in words) >= 5):
            cased = _small_caps(run.group(1), context)
            out = cased + out[run.end(1) :]
    return out


def _word(word: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", flags)


def _uses(context: str, word: str) -> bool:
    """Whether the text uses a word (any case, whole word)."""
    return _word(word, re.I).search(context) is not None


def _count(context: str, word: str, flags: int = re.I) -> int:
    """How often the text uses a word (whole word; any case unless ``flags`` say otherwise)."""
    return len(_word(word, flags).findall(context))


def _small_caps(run: str, context: str) -> str:
    """Words set in small capitals in the case the article gives them elsewhere."""
    out: list[str] = []
    for k, m in enumerate(re.finditer(r"[A-Z][A-Z'’-]*|[^A-Z]+", run)):
        piece = m.group(0)
        if not piece[:1].isupper():
            out.append(piece)
            continue
        lower = piece.lower()
        # the same capitals elsewhere (not only where the run stands): an acronym, "NATO"
        acronym = _count(context, piece, 0) >= 2
        if acronym:
            word = piece
        elif is_stopword(lower) or _word(lower).search(context):
            word = lower
        elif _word(piece.capitalize()).search(context):
            word = piece.capitalize()
        else:
            word = lower
        out.append(word[:1].upper() + word[1:] if k == 0 else word)
    return "".join(out)
