"""Titles and roles around a name: what stands before it ("President", "leader Xi",
"Secretary of State John Kerry", "Syria's foreign minister, X"), a cue verb before it,
and the class a title gives a person (``resources/lexicon``: titles and genders).

Read by the entity stage (entities.py) for each capitalised sequence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache

from digests.extract import lexicon as lx
from digests.extract.roles import names_one_person
from digests.extract.text import ABBREVIATION_ALT, last_word
from digests.extract.written import Written

_WORD = re.compile(r"[\w'’.-]+")
# a word of a role phrase, an abbreviation with its full stops one word ("the U.S. ambassador",
# "aide to Gen. X"; the sentence splitter's list), and the last word, never one whose full stop
# is an abbreviation's (the role does not end at "U." of "U.S."); a full stop before "A", "The",
# "He"... ends a sentence, and a party tag ("D-Calif.") closes what it follows
_ABBR_WORD = (
    rf"(?<![\w-])(?![DR]-)(?:(?:\b(?:{ABBREVIATION_ALT})|\b[A-Z])\.)+"
    r"(?![ \t]+(?:A|An|The|He|She|It|They|We|I)\b)"
)
ROLE_WORD = rf"(?:[\w'’-]+(?![.\w'’-])|{_ABBR_WORD})"  # (the plain word tried first: most are)
ROLE_LAST = rf"(?!(?:{ABBREVIATION_ALT}|[A-Z])\.)[\w'’-]+"
_ABBR_DOTS = re.compile(_ABBR_WORD + r"(?=[ \t]*[\w(])")
_MODIFIERS = re.compile(
    r"^(?:former|ex-|then-|acting|interim|outgoing|incoming|top|chief|senior|lead|leading|veteran|prominent|"
    r"political|security|defence|defense|foreign policy|late|deputy|vice) "
)
_TITLE_LAST = frozenset(t.split()[-1] for t in lx.TITLE_CLASS)


def _title_strict(cand: str) -> bool:
    """Whether ``cand`` (lower case) is exactly a title, perhaps after modifiers ("former president")."""
    while True:
        if cand.rstrip(".") in lx.TITLE_CLASS:
            return True
        m = _MODIFIERS.match(cand)
        if not m:
            return False
        cand = cand[m.end() :]


_WORD_CHUNK = re.compile(r"[\w'’.-]+")


def _word_before(text: str, lo: int, start: int, ascii_letters: bool = False) -> str | None:
    """``last_word(text, lo, start, ascii_letters)``, most often without its walk back over the
    word's characters: when the blank-separated chunk before the blanks is all word characters,
    it is the word (and, of letters only, the ASCII one)."""
    if start <= lo or text[start - 1] not in " \t":
        return None  # no blank before the name (what last_word answers first)
    j = start - 1
    while j > lo and text[j - 1] in " \t":
        j -= 1
    # the chunk after the last space before the blanks: when it is all word characters, the run
    # that ends the window is that chunk (a space, or the window's start, stops it); else walk
    chunk = text[max(text.rfind(" ", lo, j) + 1, lo) : j]
    if chunk and (chunk.isascii() and chunk.isalpha() if ascii_letters else _WORD_CHUNK.fullmatch(chunk)):
        return chunk
    return last_word(text, lo, start, ascii_letters)


def title_before(text: str, start: int) -> tuple[str, int] | None:
    """A lower-case (or sentence-initial) title right before a name: "leader Xi", "research fellow Lee"."""
    last = _word_before(text, max(0, start - 30), start)
    if last is None or last.lower().rstrip(".") not in _TITLE_LAST:
        return None  # most names have no title before them: one look-up decides
    lo = max(0, start - 60)
    words = list(_WORD.finditer(text, lo, start))
    if not words or text[words[-1].end() : start].strip(" \t"):
        return None
    tail: list[re.Match[str]] = [words[-1]]
    for w in reversed(words[:-1]):
        if len(tail) == 5 or text[w.end() : tail[0].start()].strip(" \t"):
            break
        tail.insert(0, w)
    for i in range(len(tail)):
        cand = " ".join(w.group(0) for w in tail[i:]).lower()
        if _title_strict(cand):
            t0 = tail[i].start()
            return _BLANKS.sub(" ", text[t0 : tail[-1].end()]), t0
    return None


_BLANKS = re.compile(r"\s+")


_OF_BEFORE = re.compile(r"((?:[A-Z][\w.-]*[ \t]+){0,2}[A-Z][\w.-]*)[ \t]+of[ \t]+$")


def _of_before(text: str, start: int) -> re.Match[str] | None:
    """The capitalised words and "of" right before ``start`` ("Secretary of " of "Secretary of
    State John Kerry"), within 60 characters; None where the text before is not blanks, "of",
    blanks (settled without searching the window, as most names are)."""
    lo = max(0, start - 60)
    j = start
    while j > lo and text[j - 1] in " \t":
        j -= 1
    if j == start or j - 3 < lo or text[j - 2 : j] != "of" or text[j - 3] not in " \t":
        return None
    return _OF_BEFORE.search(text, lo, start)


_OF_THE_BEFORE = re.compile(r"((?:[A-Z][\w.-]*[ \t]+){0,2}[A-Z][\w.-]*)[ \t]+of[ \t]+the[ \t]+$")


def of_the_title(text: str, start: int, words: Sequence[str]) -> tuple[str, int, int] | None:
    """An office "of the" a body before a name: "Secretary of the Navy Richard Spencer" seen from
    "Navy" (the office is the title, the name after the body's word the person's, never one body
    "Navy Richard Spencer"); (title, title_start, words of the sequence the title takes) when the
    words before "of the" and the first words of the sequence make a title of the lexicon and a
    name of two words or more remains."""
    if text[start - 8 : start] != " of the " or len(words) < 3:
        return None  # the words the office needs, right before the sequence
    m = _OF_THE_BEFORE.search(text, max(0, start - 64), start)
    if m is None:
        return None
    pre = m.group(1).split()
    for k in range(len(pre)):
        head = " ".join(pre[k:])
        for n in (2, 1):
            if len(words) - n >= 2:
                cand = f"{head} of the {' '.join(words[:n])}"
                if cand.lower().replace(".", "") in lx.TITLE_CLASS:
                    t0 = m.start(1) + m.group(1).find(pre[k]) if k else m.start(1)
                    return cand, t0, n
    return None


def of_title(
    text: str, start: int, words: Sequence[str], lower: Callable[[str], bool] | None = None
) -> tuple[str, int, int] | None:
    """A title with "of" spanning into the sequence: "Secretary of State John Kerry" seen from "State".

    Returns (title, title_start, words of the sequence the title takes) when the words before
    "of" and the first words of the sequence make a title of the resource file and a name remains,
    or when the words before "of" end in a person's title and the sequence opens with a word the
    text also writes in lower case (``lower``): then all but its last two words are the subject of
    the office ("Director of Trade Policy Peter Navarro").
    """
    m = _of_before(text, start)
    if m is None:
        return None
    pre = m.group(1).split()
    for k in range(len(pre)):
        head = " ".join(pre[k:])
        for n in (3, 2, 1):
            if len(words) > n:
                cand = f"{head} of {' '.join(words[:n])}"
                if cand.lower().replace(".", "") in lx.TITLE_CLASS:
                    t0 = m.start(1) + m.group(1).find(pre[k]) if k else m.start(1)
                    return cand, t0, n
    if lower is not None and title_class(pre[-1].rstrip(".").lower()) in {"pol", "mil", "job"}:
        n = 0
        while n < len(words) - 2 and lower(words[n].lower()):
            n += 1
        if n:
            # the subject the office is "of" runs on to the name's last two words ("Trade Policy")
            n = len(words) - 2
            t0 = m.start(1) + m.group(1).rfind(pre[-1])
            return f"{pre[-1]} of {' '.join(words[:n])}", t0, n
    return None


def office_of_before(text: str, start: int) -> int | None:
    """Where an office "of" a body opens right before a sequence whose first title word is no
    title alone: "Chief of" of "Chief of Staff Gen. Mark Milley", "Joint Chiefs of" of "Joint
    Chiefs of Staff Chairman Gen. X" (the role is the whole, never "Staff Gen."); after a body's
    name, the office alone ("Chief of" of "Air Force Chief of Staff Gen. X"). None unless the
    words before "of" hold a title word ("Chief", "Chiefs")."""
    m = _of_before(text, start)
    if m is None:
        return None
    pre = m.group(1).split()
    if not any(title_class(w.rstrip(".").lower().removesuffix("s")) is not None for w in pre):
        return None
    k = 0
    while k < len(pre) - 1 and pre[k] in lx.STOP_CAPS:
        k += 1  # "The Chief of Staff": the sentence's article is no part of the office
    for j in range(len(pre) - 1, k, -1):
        if pre[j - 1].rstrip(".") in lx.ORG_HEADS and title_class(pre[j].rstrip(".").lower()) is not None:
            k = j  # "Air Force Chief of": the body's name before the office is no part of it
            break
    return m.start(1) + m.group(1).find(pre[k]) if k else m.start(1)


def office_before_of(words: Sequence[str], head_at: int, tail: str) -> int:
    """Where an office opens among the words after a body's head word (``head_at``), when it goes
    on over the "of" after them into a title of the lexicon: 2 for "Air Force Chief" before "of
    Staff" ("chief of staff"); 0 when none does (a body's name goes on: "Department of State")."""
    for k in range(head_at + 1, len(words)):
        if title_class(words[k].rstrip(".").lower()) is not None:
            office = " ".join(words[k:]).lower()
            after = tail.split()
            spans = (f"{office} of {' '.join(after[:n])}".lower() for n in (1, 2, 3))
            return k if any(t in lx.TITLE_CLASS for t in spans) else 0
    return 0


def title_comma_before(text: str, start: int, end: int | None = None) -> bool:
    """ "Syria's foreign minister, Asaad al-Shaibani": a title phrase and a comma right before
    (``end``: where the name ends, see :func:`role_before`)."""
    return role_before(text, start, end) is not None


_ROLE_NP = re.compile(
    r"(?:\b(?:the|a|an|its|his|her|their|The|A|An|Its|His|Her|Their)\s+|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['’]s\s+)"
    r"(?:" + ROLE_WORD + r"\s+){0,3}?[\w'’-]+$"
)


def has_title_word(phrase: str) -> bool:
    """Whether a word or two of ``phrase`` is a title ("the party's deputy leader")."""
    seg = phrase.lower().split()
    return any(
        " ".join(seg[i : i + n]).rstrip(".") in lx.TITLE_CLASS for n in (1, 2) for i in range(len(seg))
    )


# where a role phrase before a name breaks off: punctuation and quotation marks
_ROLE_BREAK = re.compile(r"[,.;:\"“”]")


def role_before(text: str, start: int, end: int | None = None) -> str | None:
    """The role phrase of a pre-posed apposition ("China's top legislator, Mr Zhao Leji"), if any;
    one with no title in it ("his son-in-law, X", :func:`_person_np`) only when the name, ending at
    ``end``, closes its clause ("According to the official, X made it clear" gives X no role)."""
    tail = text[max(0, start - 90) : start].rstrip(" \t")
    if not tail.endswith(","):
        return None
    closed = end is not None and _CLAUSE_CLOSE.match(text, end) is not None
    # split at a full stop that is no abbreviation's ("the top U.S. diplomat, X"); when the words
    # that reach back past an abbreviation hold no title in the role kept ("On Martin Luther King
    # Jr. Day in 2018, X"), the words after the last full stop, as before
    head = tail[:-1]
    plain = _role_in(_ROLE_BREAK.split(head)[-1].strip(), closed)
    if "." not in head:
        return plain
    last = _ROLE_BREAK.split(_ABBR_DOTS.sub(lambda m: m.group(0).replace(".", "-"), head))[-1]
    whole = _role_in(head[len(head) - len(last) :].strip(), closed)
    return whole if whole is not None and (whole == plain or has_title_word(whole)) else plain


def _role_in(raw: str, closed: bool) -> str | None:
    """The role phrase that ends ``raw`` when a word or two of it is a title, or (``closed``: the
    name after it closes its clause) a noun phrase for one person that ends it (:func:`_person_np`)."""
    seg = raw.lower().split()
    if any(" ".join(seg[i : i + n]).rstrip(".") in lx.TITLE_CLASS for n in (1, 2) for i in range(len(seg))):
        m = _ROLE_NP.search(raw)
        return m.group(0) if m else (_person_np(raw) or " ".join(raw.split()[-3:]))
    return _person_np(raw) if closed else None


_ACCORDING = frozenset({"according", "According"})
# what may follow a name that closes its clause: a comma, a full stop, a semicolon, the line's end
_CLAUSE_CLOSE = re.compile(r"[ \t]*(?:[,.;:!?)]|$)", re.M)
# the words that open a noun phrase for one person: an article or a possessive pronoun
_NP_DETS = frozenset(
    {"the", "a", "an", "his", "her", "their", "its", "The", "A", "An", "His", "Her", "Their", "Its"}
)


def _person_np(raw: str) -> str | None:
    """A noun phrase for one person, no title in it, standing alone before the comma of an
    apposition or right after a cue verb or "according to": "his son-in-law, X", "said the top
    relief officer in Gaza, X", "according to the mediator, X" (its head a noun for a person,
    :func:`roles.names_one_person`); not "In his speech, X", "Like his father, X"."""
    words = raw.split()
    # the first article or possessive with at most 60 characters of words after it
    rest = len(raw)
    i = -1
    for k, w in enumerate(words):
        rest -= len(w) + 1
        if w in _NP_DETS and 0 < rest <= 60:
            i = k
            break
    if i < 0:
        return None
    before = words[:i]
    if before and not (
        before[-1] in lx.CUE_FORMS or (len(before) >= 2 and before[-1] == "to" and before[-2] in _ACCORDING)
    ):
        return None
    np = " ".join(words[i:])
    return np.split(None, 1)[1] if names_one_person(np) else None  # the role without its article


# "one of his friends", "two of the show's hosts": a number or quantifier, "of", a possessive or
# "the", a plural noun; in apposition before a name it says the name is a person's
QUANTIFIED_PLURAL = (
    r"(?<![\w'’-])(?:" + "|".join(f"[{q[0].upper()}{q[0]}]{q[1:]}" for q in lx.QUANTIFIERS) + ")"
    r"[ \t]+of[ \t]+"
    r"(?:his|her|their|its|our|my|your|the|[A-Z][\w.'’-]*['’]s?)[ \t]+(?:[\w'’-]+[ \t]+){0,3}?"
    r"(?:[A-Za-z][\w'’-]*['’]s?[ \t]+)?(?P<plural>[a-z][\w-]*s)"
)
_PEOPLE_NOUNS = frozenset(lx.SPEAKER_NOUNS) - {"authorities", "allies"}


def people_plural(word: str) -> bool:
    """Whether a plural noun names people ("friends", "hosts", "senators"), not bodies or
    things ("companies", "states"): a speaking noun of the lexicon, or a title's plural."""
    return any(
        word[:-k] in _PEOPLE_NOUNS or title_class(word[:-k]) is not None
        for k in (0, 1, 2)
        if word.endswith("es"[2 - k :])
    )


_CUE_DESC_BEFORE = re.compile(r"\b([a-z]+)[ \t]+(?:[a-z0-9][\w/'’-]*[ \t]+){1,3}$")
# "said former State Department counterterrorism coordinator X": a longer description with
# capitals in it, ending in a lower-case noun (no function word or verb: see _desc_words)
_DESC_TOKEN = re.compile(r"[\w/.'’-]+")
_DESC_LAST = re.compile(r"[a-z][\w'’-]*[a-z]")
_LOWER_WORD = re.compile(r"[a-z]+")
#: function words and prepositions, never words of a description before a name
NOT_DESC = lx.words("function_words.txt")


def _cue_long_desc_before(text: str, start: int) -> bool:
    """A cue verb, then a description of two to seven words with a capital in it, right before
    ``start`` on one line: "said former State Department counterterrorism coordinator X" (the
    nearest cue word before the name decides)."""
    window = text[max(0, start - 90) : start]
    if not window.endswith((" ", "\t")):
        return False
    line = window[window.rfind("\n") + 1 :]
    words = line.split()
    for n in range(2, min(7, len(words) - 1) + 1):
        cue = words[-n - 1]
        if cue in lx.CUE_FORMS and _LOWER_WORD.fullmatch(cue):
            desc = words[-n:]
            return (
                all(_DESC_TOKEN.fullmatch(w) for w in desc)
                and _DESC_LAST.fullmatch(desc[-1]) is not None
                and _desc_words(" ".join(desc))
            )
    return False


def _desc_words(desc: str) -> bool:
    """A description between a cue verb and a name: a capital in it, no function word, a noun
    last (no adverb, past form or participle)."""
    words = desc.split()
    return (
        any(w[:1].isupper() for w in words)
        and not any(w.lower() in NOT_DESC for w in words)
        and not words[-1].endswith(("ly", "ed", "ing"))
    )


_QUOTE_DASH_BEFORE = re.compile(r"(?:[\"”’][ \t\u00a0]*[―—–-]{1,2}|[Aa]ccording[ \t\u00a0]+to)[ \t\u00a0]*$")


def cue_before(text: str, start: int) -> bool:
    """A cue verb, "according to" or a closing quote and dash right before a name."""
    lo = max(0, start - 30)
    word = _word_before(text, lo, start, ascii_letters=True)  # what _CUE_WORD_BEFORE finds
    if word is not None and word in lx.CUE_FORMS:
        # "the self-declared Islamic State", "the so-called caliphate": a cue word joined by a
        # hyphen is an adjective, no verb whose subject follows
        at = start
        while at > lo and text[at - 1] in " \t":
            at -= 1
        return text[at - len(word) - 1 : at - len(word)] != "-"
    # a cue verb, then a lower-case description: "said 9/11 widow Terry Strada"
    d = _CUE_DESC_BEFORE.search(text, max(0, start - 50), start)
    if d is not None and d.group(1) in lx.CUE_FORMS:
        return True
    if text[start - 2 : start - 1].islower() and _cue_long_desc_before(text, start):
        return True
    tail = text[lo:start]
    # the pattern needs a closing quote or "according": most names have neither before them
    if '"' not in tail and "”" not in tail and "’" not in tail and "ccording" not in tail:
        return False
    return bool(_QUOTE_DASH_BEFORE.search(tail))


_CLASS_MODIFIERS = re.compile(
    r"^(?:former|ex-|then-|acting|interim|outgoing|incoming|top|chief|senior|lead|leading|veteran|"
    r"prominent|political|security|defence|defense|foreign policy|late) "
)


@lru_cache(maxsize=4096)
def title_class(title: str) -> str | None:
    """The class of a title ("pol", "mr", "dr", "acad"...), modifiers such as "former" left aside."""
    t = " ".join(title.lower().rstrip(".").split())
    if t in lx.TITLE_CLASS:
        return lx.TITLE_CLASS[t]  # "chief executive", "chief of staff": a title before any modifier
    t = _CLASS_MODIFIERS.sub("", t)
    if t in lx.TITLE_CLASS:
        return lx.TITLE_CLASS[t]
    if " of " in t:  # "Director of Trade Policy": the office is the words before "of"
        return title_class(t.split(" of ")[0])
    last = t.split(" ")[-1]
    return lx.TITLE_CLASS.get(last)


def title_gender(title: str | None) -> str | None:
    """The gender a title states ("Mrs", "Prince"), if any."""
    if not title:
        return None
    return lx.GENDER.get(title.lower().rstrip(".").split()[-1])


def split_title(words: list[str]) -> tuple[int, int]:
    """(demonym_len, title_len) at the front of a capitalised sequence ("South Korean President")."""
    return _split_title_cached(tuple(words))  # lists are not hashable


@lru_cache(maxsize=4096)
def _split_title_cached(words: tuple[str, ...]) -> tuple[int, int]:
    """Return (demonym_len, title_len) at the front of ``words``."""
    dem = 0
    for n in (3, 2, 1):
        if len(words) > n:
            cand = " ".join(words[:n])
            if cand in lx.DEMONYMS or cand in lx.country_names():
                dem = n
                break
    best = 0
    while True:  # titles may stack: "Energy Minister Prince", "Commission President"
        step = 0
        for n in (4, 3, 2, 1):
            if len(words) - dem - best > n:
                cand = " ".join(w.rstrip(".") for w in words[dem + best : dem + best + n]).lower()
                if title_class(cand) is not None:
                    step = n
                    break
        if not step:
            break
        best += step
    if best == 0:
        # a country word before a bare name is part of it ("Jordan Peterson") unless abbreviated:
        # "returning for the U.S. Trump blamed ..." is a sentence end, never "U.S. Trump"
        titled = dem and len(words) > dem and title_class(words[dem].rstrip(".")) is not None
        dem = dem if titled or (dem and "." in words[0]) else 0
    return dem, best


# a capitalised word (and perhaps initials) right before where a word stands
_FIRST_BEFORE = re.compile(r"\b([A-Z][a-z][\w'’-]*)[ \t]+(?:[A-Z]\.[ \t]*)*$")


def _firsts_before(written: Written, word: str) -> Iterator[str]:
    """The capitalised words written right before ``word`` (initials between allowed), left to
    right: at each place of ``word`` (``Written.places``, each searched on from the end of the one
    before), the words before it read there (not a pattern tried at every capital of the text)."""
    text = written.text
    n = len(word)
    done = 0
    for at in written.places(word, end_word=True):
        if at < done:
            continue
        done = at + n
        after = text[at + n : at + n + 1]
        if at > 0 and text[at - 1] in " \t." and not (after.isalnum() or after == "_"):
            m = _FIRST_BEFORE.search(text, max(0, at - 60), at)
            if m is not None:
                yield m.group(1)


def written_as_surname(written: Written, word: str, lower: Callable[[str], bool] | None = None) -> bool:
    """Whether the text writes the title word ``word`` as a surname, after a first name ("Peter
    King", "Erik Prince"): a capitalised word that is no title, no sentence opener, no body the
    text writes after "the", and that the text never writes in lower case ("former", "vice" are;
    ``lower``: what is, by default ``written.lower``). Asked once per text and word (the answer
    is kept on ``written``) unless ``lower`` is given."""
    if lower is not None:
        return _written_as_surname(written, word, lower)
    key = ("surname", word)
    got = written.answers.get(key)
    if got is None:
        got = written.answers[key] = _written_as_surname(written, word, written.lower)
    return got


def _written_as_surname(written: Written, word: str, lower: Callable[[str], bool]) -> bool:
    for first in _firsts_before(written, word):
        low = first.lower()
        if (
            title_class(low) is None
            and low not in lx.HONORIFICS
            and first not in lx.STOP_CAPS
            and low not in lx.CUE_FORMS
            and first not in lx.DEMONYMS
            and not lower(low)
            and not written_as_body(written, [first])  # "Peshmerga Commander": "the Peshmerga"
        ):
            return True
    return False


def written_as_body(written: Written, words: Sequence[str]) -> bool:
    """Whether the text writes ``words`` (the words before a title: "Peshmerga" of "Peshmerga
    Commander") after "the" with no title following: a body or a group ("the Peshmerga"), so
    the words and the title make a description, not a name."""
    phrase = " ".join(words)
    key = ("body", phrase)
    got = written.answers.get(key)
    if got is None:
        got = written.answers[key] = _written_as_body(written, phrase)
    return got


def _written_as_body(written: Written, phrase: str) -> bool:
    """``written_as_body`` of the words joined: asked once per text and phrase (a long text asks
    of one word, "Foreign", once per "Foreign Minister X", and reads every place of it each time:
    ``written_as_body`` keeps the answer on ``written``)."""
    # (the words' places from ``Written.places``, "the" then looked for right before them: a
    # pattern opening with "the" tried at every "the" of a long text cost 30 ns a character)
    text = written.text
    done = 0  # where the last whole match ended: the next one starts after it
    for at in written.places(phrase, end_word=phrase[-1:].isalnum()):
        if at < done:
            continue
        end = at + len(phrase)
        the = _THE_BEFORE.search(text, max(done, at - 64), at)
        if the is not None and _BOUNDARY.match(text, end) is not None:
            nxt = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
            if nxt is None or title_class(nxt.group(0).rstrip(".").lower()) is None:
                return True
            done = end
    return False


_THE_BEFORE = re.compile(r"\b(?:the|The)[ \t]+\Z")
_BOUNDARY = re.compile(r"\b")


def written_as_company(written: Written, name: str) -> bool:
    """Whether the text writes ``name`` as a company's (``resources/lexicon/company_words.txt``):
    a word of the list right after it ("Morgan Stanley analysts", "Kessler Brothers shares"), or
    before "at" and it ("an economist at Morgan Stanley"); a person has no analysts nor shares.
    Or a noun for a company (``company_nouns.txt``) right before it after a modifier ("investment
    bank Morgan Stanley"), or closing its apposition ("Morgan Stanley, the investment bank,")."""
    text = written.text
    done = 0  # each place searched on from the end of the one before
    for at in written.places(name):
        if at < done:
            continue
        end = done = at + len(name)
        nxt = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
        if nxt is not None and nxt.group(0).rstrip(".,").lower() in lx.COMPANY_WORDS:
            return True
        if text[max(0, at - 4) : at] == " at ":
            before = _word_before(text, max(0, at - 40), at - 3)
            if before is not None and before.lower() in lx.COMPANY_WORDS:
                return True
        before = _word_before(text, max(0, at - 40), at)
        if before is not None and before in lx.COMPANY_NOUNS:
            modifier = _word_before(text, max(0, at - 80), at - len(before) - 1)
            if modifier is not None and modifier.lower() not in _DETERMINERS:
                return True  # "investment bank Morgan Stanley", not "the company Harlan Whitby founded"
        if text[end : end + 2] == ", ":
            appo = _APPOSITION_HEAD.match(text, end + 2)
            if appo is not None and appo.group(1) in lx.COMPANY_NOUNS:
                return True
    return False


_DETERMINERS = frozenset(("the", "a", "an", "this", "that", "its", "his", "her", "their", "our", "whose"))
# "the investment bank," / "a New York lender." after a name and a comma: the apposition's last word
_APPOSITION_HEAD = re.compile(r"(?:the|a|an)[ \t]+(?:[\w.'’-]+[ \t]+){0,3}?([a-z]+)[,.;]")


_GLUED_CAPS = re.compile(r"(?<=[a-z])(?=[A-Z])")


def spelt_apart(written: Written, word: str) -> bool:
    """Whether the text writes the parts of a word glued at its capitals as separate words: a
    social handle written without its "@" ("JoeBiden" beside "Joe Biden", "WhiteHouse" beside
    "the White House"), not a brand's own name ("YouTube", "HuffPost")."""
    parts = _GLUED_CAPS.split(word)
    return len(parts) > 1 and written.writes(" ".join(parts))
