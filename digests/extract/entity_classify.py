"""What one capitalised sequence is: a person, an organisation or a place, with its title,
role, country and affiliation.

The words alone decide most sequences (``word_facts``, ``person_facts``: read once per
distinct sequence of words); ``classify`` reads the context (the words before and after
the sequence) only for what they leave open. ``entities`` finds the sequences and merges
the mentions this module makes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple

from digests.extract import lexicon as lx
from digests.extract.appositions import affiliation, kin_of_namesake, org_name, spanning_title
from digests.extract.entity_merge import Mention
from digests.extract.roles import looks_like_role
from digests.extract.titles import (
    QUANTIFIED_PLURAL,
    ROLE_LAST,
    ROLE_WORD,
    cue_before,
    has_title_word,
    of_the_title,
    of_title,
    office_before_of,
    office_of_before,
    people_plural,
    role_before,
    spelt_apart,
    split_title,
    title_before,
    title_class,
    title_comma_before,
    written_as_body,
    written_as_surname,
)
from digests.extract.written import Written

U, L = lx.UPPER, lx.LOWER
#: one word of a capitalised sequence (a name word, an initial, an abbreviated title)
TOK = (
    rf"(?:[{U}]\.(?:[{U}]\.)+"  # initials: H.W., U.S.
    rf"|[{U}]\.(?=[ \t]+[{U}])"  # a single initial: J. Smith
    # resources/lexicon/abbreviations.txt @name, factored by prefix (a full stop follows, so at most
    # one of them matches at a place, whatever their order)
    rf"|(?:{lx.trie_regex(lx.NAME_ABBREVIATIONS)})\.(?=[ \t,])"
    rf"|(?:Mc|Mac|O['’]|D['’]|al-|el-|di|de)?[{U}][{L}{U}0-9]*(?:[-'’](?!s\b)[{L}{U}][{L}{U}0-9]*)*"
    r")"
)
_ORG_CONNECT = re.compile(rf"[ \t]+(?:of|for|de|of[ \t]+the|for[ \t]+the)[ \t]+((?:{TOK})(?:[ \t]+{TOK})*)")
# "Committee to Protect Journalists", "Campaign to Stop Killer Robots": a body's head, "to" and a
# capitalised verb and its object, one name (two words at least after "to": "Congress to Vote" is
# a headline's clause)
_ORG_TO = re.compile(rf"[ \t]+to[ \t]+((?:{TOK})(?:[ \t]+{TOK})+)")


def _org_tail(text: str, end: int, limit: int) -> re.Match[str] | None:
    """The words that carry a body's name on after its head: "of ...", "for the ...", "to ..."."""
    tail = _ORG_CONNECT.match(text, end, limit)
    if tail is None and text.startswith(" to ", end):
        tail = _ORG_TO.match(text, end, limit)
    return tail

# roles that speak for someone named before them ("Boehner spokesman", "Pentagon press secretary")
_SPEAKS_FOR = frozenset(
    {
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "aide",
        "adviser",
        "advisor",
        "lawyer",
        "attorney",
        "counsel",
        "press secretary",
    }
)
_DEM_BEFORE = re.compile(r"(?<![\w-])(?P<dem>(?:[A-Z][\w.-]*[ \t]+)?[A-Z][\w.-]*)(?:['’]s)?[ \t]+$")
_APPOSITION = re.compile(
    # (a party tag may stand between: "Rep. X (D-N.Y.), the chairman of ...", "Sen. X, D-N.J., the")
    r"^(?:[ \t]*\([DRI](?:-[^()\n]{1,25})?\)|,[ \t]+[DRI]-[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)?)?"
    r",[ \t]+(?P<det>(?:a|an|the|who[ \t]+is[ \t]+(?:a|an|the)|[A-Z][\w.-]*['’]s)[ \t]+)?"
    r"(?P<role>(?:" + ROLE_WORD + r"[ \t]+){0,12}?"
    r"(?:" + ROLE_LAST + r"))(?:[ \t]+(?:at|of|with|for|from|in)[ \t]+(?:the[ \t]+)?"
    r"(?P<aff>(?:[^,;.]|(?<=\b[A-Z])\.){2,120}))?"
    # (or a cue right after it, the apposition left open: "X, the trade council director said")
    r"(?:[,.;]|(?=[ \t]+(?:said|says|told|tells|added|adds|wrote|writes)\b))"
)
# "Bannon, President Trump's former chief strategist: "..."": a name, its role, a colon, a quotation
_COLON_ROLE = re.compile(r"^,[ \t]+(?P<role>[^.;:!?\"“”\n]{3,120}?):[ \t]*[\"“]")
_AFTER_NAME_ORG = re.compile(r"^[ \t]+(?:of|at|from|with)[ \t]+(?:the[ \t]+)?(?P<aff>[A-Z][^,;.]{1,120})")
CUE_AFTER = re.compile(
    r"^(?:[ \t]*\([^)]{1,30}\))?(?:,[ \t]+\d{1,3},)?"
    r"(?:[ \t]+(?:also|later|has|had|have|then|again|previously|once|recently|reportedly|would|will|"
    r"had[ \t]+also|has[ \t]+also))*[ \t]+(?P<cue>" + lx.trie_regex(list(lx.CUE_FORMS)) + r")(?![\w'’-])"
)
_SPEECH_ONLY = lx.SPEECH_ONLY_LEMMAS
_PERSON_TAIL = re.compile(
    r"^(?:['’]s)?[ \t]+(?:administration|government|campaign|cabinet|presidency|camp)\b"
)
_APPOSITION_CUE = re.compile(
    r"^,[ \t]+(?:a|an|the|who|whose|its|his|her|their|one|[0-9]+)\b[^.;\"“”]{3,160}?,"
    r"(?:[ \t]+(?:also|later|then|again|had|has))*[ \t]+(?:" + lx.CUE_ALT + r")\b"
)
# a verb or a relative pronoun: where a clause begins, and the role ends ("the third-ranking
# Senate Republican said on MSNBC", "a corporate attorney who led the transition")
_APPOSITION_NOT_ROLE = re.compile(
    r"(?<![\w'’-])(?:was|is|were|are|has|had|have|will|would|can|could|who|which|" + lx.CUE_ALT + r")\b"
)
# "Jane Harman of the Woodrow Wilson Center", "Alex Sherman of Bloomberg News": a name, "of" and
# a body whose name ends in an organisation's head word (a place after "of" is a title's: "Sen.
# Ted Cruz of Texas", and an office's: "Prime Minister of Japan" is read as a title before)
_OF_ORG_AFTER = re.compile(
    rf"^[ \t]+of[ \t]+(?:the[ \t]+)?(?P<org>{TOK}(?:[ \t]+(?:for|of|on|and|the)?[ \t]*{TOK}){{0,6}})"
)
# "One of his friends, X", "one of the show's hosts, X": a quantified plural in apposition before
_QUANT_APPOS_BEFORE = re.compile(QUANTIFIED_PLURAL + r",[ \t]*$")
_ROLE_PREPS = frozenset({"by", "of", "for", "to", "from", "with", "at", "in", "on", "about"})
# "to the" right before a title: the office is someone else's ("Assistant to the President X")
_HELD_FOR = re.compile(r"(?<![\w-])to[ \t]+the[ \t]+$")
_WHO_AFTER = re.compile(r"^,[ \t]+(?:who|whose)\b|^[ \t]*\([0-9]{1,3}\)|^,[ \t]+[0-9]{1,3},")
# "the Islamic State fear them": a name written after "the" is no person's, whatever verb follows
_THE_BEFORE = re.compile(r"(?<![\w'’-])[Tt]he[ \t]+$")
_PLACE_PREP_BEFORE = re.compile(r"(?<![\w'’-])[io]n[ \t]+$")
# "former", "ex-", "then-" right before a title: an office held before
_FORMER_BEFORE = re.compile(r"(?:(?<![\w'’-])[Ff]ormer[ \t]+|(?<![\w'’-])(?:[Ee]x|[Tt]hen)-)$")
_SPEAKER_NOUN_SET = frozenset(lx.SPEAKER_NOUNS)  # the lexicon keeps a list; look-ups want a set
MONTH_WORDS = frozenset(lx.MONTHS.words())
# what follows a surname after a cue, never a noun a nationality would qualify
_NOT_NOUN_AFTER = re.compile(r"[ \t]*(?:[,.;:]|(?:during|in|on|at|to|when|after|before|while|from)\b)")
_PERSON_CLASSES = {"mr", "ms", "dr", "prof", "acad", "pol", "mil", "rel", "job", "spouse", "party"}


#: a token of a capitalised sequence: (start, end, text), offsets into the article
Tok = tuple[int, int, str]


class Prep(NamedTuple):
    """A capitalised sequence read once per distinct string: its tokens (offsets from its start)
    after ``entities._strip_lead``, the words a mention reads (a sentence's full stop off the last one),
    where the words end, the place of an "X-based" modifier it began with, and what the words
    alone say (``word_facts``; ``person_facts`` with no title spanning in from before them),
    so that a sequence told again is looked up once, not once per fact."""

    toks: tuple[Tok, ...]
    words: tuple[str, ...]
    end: int
    based: str | None
    facts: WordFacts | None = None
    person: PersonFacts | None = None


# "Jeffrey Fowle and Mathew Miller said": the first of two names joined before a cue speaks too
_AND_NAME_CUE = re.compile(
    r"^[ \t]+and[ \t]+(?:[A-Z][\w.'’-]*[ \t]+){1,3}(?:" + lx.trie_regex(list(lx.CUE_FORMS)) + r")(?![\w'’-])"
)
# a capitalised word and "of" right before a sequence: "Sen. X of South Carolina"
_NAME_OF_BEFORE = re.compile(r"[A-Z][\w.'’-]*[ \t]+of[ \t]+$")


def _looks_like_name(words: list[str]) -> bool:
    return _looks_like_name_cached(tuple(words))


@lru_cache(maxsize=4096)
def _looks_like_name_cached(words: tuple[str, ...]) -> bool:
    for i, w in enumerate(words):
        if w == "He" and i == 0 and len(words) > 1:
            continue  # the Chinese surname: "He Lifeng" (the pronoun never opens a name)
        if w in lx.STOP_CAPS or w in lx.MONTHS_DAYS or w in lx.ORG_HEADS:
            return False
        if w.isupper() and len(w) > 1 and "." not in w and w not in {"II", "III", "IV", "JR", "SR"}:
            return False
        if not w.isalpha() and any(ch.isdigit() for ch in w):  # (a word of letters holds no digit)
            return False
    return True


@lru_cache(maxsize=4096)
def place_code(name: str) -> str | None:
    """The country of a place name (one written in capitals read as title case too), or None."""
    code = lx.place_country(name)
    if code is None and name.isupper() and len(name) > 3:
        code = lx.place_country(name.title())
    return code


_NAME_END = re.compile(r"[ \t]*(?:[,.;:)!?\"”’]|$)|[ \t]+\(")
_ACRONYM = re.compile(r"[A-Z]{2,6}\+?|[A-Z]{2,5}s")
_ARABIC_PARTICLE = re.compile(r"\b(?:al|el|bin|ibn|Abu|Abd)-?\b")


def _of_org(after: str, name_words: tuple[str, ...], lower: Callable[[str], bool]) -> str | None:
    """The body after a name joined by "of" ("Jon Alterman of the Center for Strategic and
    International Studies"), when the body's name ends in an organisation's head word or is a
    known one and no word of the name is one the text writes in lower case ("Joint Chiefs of
    Staff" is no person)."""
    m = _OF_ORG_AFTER.match(after)
    if m is None:
        return None
    org = m.group("org").rstrip(".")
    words = org.split()
    if words[-1] not in lx.ORG_HEADS and org not in lx.KNOWN_ORGS and words[0] not in lx.ORG_HEADS:
        return None
    if any(
        lower(w.lower()) or w in lx.ORG_HEADS or w in lx.DEMONYMS or place_code(w) is not None
        for w in name_words
    ):
        return None  # "Iraqi Member of Parliament": a nationality is no first name
    return org


def _quantified_before(text: str, start: int) -> bool:
    """ "One of his friends, X": a quantified plural of people in apposition right before."""
    if "," not in text[max(0, start - 3) : start]:
        return False  # the apposition ends in a comma right before the name
    m = _QUANT_APPOS_BEFORE.search(text, max(0, start - 90), start)
    return m is not None and people_plural(m.group("plural"))


def _colon_role(after: str) -> bool:
    """A role in apposition that introduces a quotation after a colon ("Rubio, Republican of
    Florida: "...""): the name before it is a speaker's."""
    if not after.startswith(","):
        return False
    m = _COLON_ROLE.match(after)
    return m is not None and has_title_word(m.group("role"))


class WordFacts(NamedTuple):
    """What a capitalised sequence's words alone say, before its context is read."""

    whole: str
    kind: str  # org | brand | place | demonym | people | acronym | "" (read on)
    code: str | None  # the place's country code
    place: str  # the place's name
    head: int  # the last organisation head word, -1 if none
    org_head: int  # the same, -1 when that word begins a title
    person_at: int  # a person's title after the organisation ("ECOWAS Commission President ..."), or -1
    dem: int  # split_title: demonym words
    tlen: int  # split_title: title words


def plural_demonym(word: str) -> bool:
    """A plural demonym, a people and never a person: "Russians", "Americans", "Iraqis" (a
    demonym of the gazetteer and "s", or a form it gives as a people)."""
    return word in lx.PEOPLES or (word[-1:] == "s" and bool(lx.DEMONYMS.get(word[:-1])))


def brand_word(word: str) -> bool:
    """A word with a capital inside after three letters or more, none of the prefixes a personal
    name glues to one ("HuffPost", "BuzzFeed", "YouGov"; not "McCain", "DeSantis", "MacArthur")."""
    if word[1:].islower() or word.isupper():
        return False
    for i in range(3, len(word)):
        if word[i].isupper() and word[i - 1].islower():
            prefix = word[:i]
            return prefix.isalpha() and prefix not in lx.GLUED_NAME_PREFIXES
    return False


@lru_cache(maxsize=8192)
def word_facts(words: tuple[str, ...]) -> WordFacts:
    """The context-free part of ``classify``, read once per distinct sequence of words."""
    whole = " ".join(words)
    dem, tlen = split_title(list(words))
    if whole in lx.KNOWN_ORGS:
        return WordFacts(whole, "org", None, "", -1, -1, -1, dem, tlen)
    code = place_code(whole)
    if code is not None:
        name = whole.title() if whole.isupper() and len(whole) > 3 else whole
        if whole in lx.country_names() and code:
            name = lx.country_label(code)
        return WordFacts(whole, "place", code, name, -1, -1, -1, dem, tlen)
    if whole in lx.DEMONYMS:
        return WordFacts(whole, "demonym", None, "", -1, -1, -1, dem, tlen)
    if (
        len(words) == 1
        and _ACRONYM.fullmatch(whole)
        and whole not in lx.MONTHS_DAYS
        and whole.lower() not in lx.TITLE_CLASS  # "CEO says": an office, no body
    ):
        return WordFacts(whole, "acronym", None, "", -1, -1, -1, dem, tlen)
    if len(words) == 1 and plural_demonym(whole):
        return WordFacts(whole, "people", None, "", -1, -1, -1, dem, tlen)
    if tlen == 0 and any(brand_word(w) for w in words):
        # "HuffPost Pollster", "BuzzFeed News": a brand's word, no person's name
        return WordFacts(whole, "brand", None, "", -1, -1, -1, dem, tlen)
    head = -1
    for i in range(len(words) - 1, -1, -1):
        if words[i].rstrip(".") in lx.ORG_HEADS:
            head = i
            break
    org_head = head
    if head >= 0 and any(" ".join(words[head : head + n]).lower() in lx.TITLE_CLASS for n in (2, 3, 4)):
        org_head = -1  # "Chief Cabinet Secretary Minoru Kihara": the head word begins a title
    person_at = -1
    if org_head >= 0:
        for k in range(org_head + 1, len(words) - 1):
            if title_class(words[k].rstrip(".").lower()) in _PERSON_CLASSES:
                person_at = k
                break
    return WordFacts(whole, "", None, "", head, org_head, person_at, dem, tlen)


class _NameFacts(NamedTuple):
    """What the name words of a mention alone say."""

    spelt_title: bool  # the words spell a title ("Supreme Leader", "Adm")
    bare_title: bool  # a title alone: two words or more, or an abbreviated one
    description: bool  # "the Oklahoma Republican", "the California Governor"
    verdict: str  # "no": no name; "month": a month, a surname only with a title or cue verb; "name"


@lru_cache(maxsize=8192)
def _name_facts(name_words: tuple[str, ...]) -> _NameFacts:
    """The context-free checks of a mention's name words, read once per distinct words."""
    spelt = " ".join(lx.TITLE_WORDS.get(w.lower().rstrip("."), w.lower().rstrip(".")) for w in name_words)
    abbreviated = name_words[0].lower().rstrip(".") in lx.TITLE_WORDS
    spelt_title = spelt in lx.TITLE_CLASS
    description = len(name_words) >= 2 and (
        lx.TITLE_CLASS.get(name_words[-1].lower()) == "party"
        or (
            title_class(name_words[-1].lower()) in {"pol", "mil"}
            and bool(place_code(" ".join(name_words[:-1])))
        )
    )
    if _looks_like_name(list(name_words)):
        verdict = "name"
    elif name_words[-1] not in MONTH_WORDS or not _looks_like_name(list(name_words[:-1])):
        verdict = "no"
    elif len(name_words) >= 2:
        # a surname that is also a month ("Theresa May"): a name when it ends a full name
        verdict = "no" if name_words[0] in lx.MONTHS_DAYS else "name"
    else:
        verdict = "month"
    bare = spelt_title and (len(name_words) >= 2 or abbreviated)
    return _NameFacts(spelt_title, bare, description, verdict)


class PersonFacts(NamedTuple):
    """What a sequence's words say once its demonym and title are split off: the part of
    ``classify`` that reads no context, kept per (words, demonym and title lengths, title)."""

    title: str | None
    country: str | None  # of the demonym or country words before the title
    name_words: tuple[str, ...]
    name: str
    nf: _NameFacts
    office_last: bool  # untitled name words ending in an office ("White House Director")
    particle: bool  # "al-", "bin", "Abu": an Arabic name
    one_word_name: bool  # one word that may be a surname: no title, speaker noun, place, body


@lru_cache(maxsize=8192)
def person_facts(words: tuple[str, ...], dem: int, tlen: int, title: str | None) -> PersonFacts | None:
    """The context-free facts of a mention's name words (None when no word is left): ``title``
    given when it spans into the words from before them ("Secretary of State John Kerry"), else
    the words' own ``tlen`` words after ``dem`` words of a demonym or country."""
    country = None
    if dem:
        dwords = " ".join(words[:dem])
        country = lx.DEMONYMS.get(dwords) or lx.country_names().get(dwords) or None
    if tlen and title is None:
        title = " ".join(words[dem : dem + tlen])
    name_words = words[dem + tlen :]
    if not name_words:
        return None
    name = " ".join(name_words)
    office_last = (
        len(name_words) >= 2
        and not tlen
        and not dem
        and title_class(name_words[-1].rstrip(".").lower()) in {"pol", "mil", "rel"}
    )
    one_word_name = (
        len(name_words) == 1
        and title_class(name.lower()) is None
        and name.lower() not in _SPEAKER_NOUN_SET
        and place_code(name) is None
        and name not in lx.DEMONYMS
        and not name.isupper()
        and name not in lx.KNOWN_ORGS
    )
    particle = _ARABIC_PARTICLE.search(name) is not None
    return PersonFacts(
        title, country, name_words, name, _name_facts(name_words), office_last, particle, one_word_name
    )


# the endings of adjectives of a people, a faith or a place ("Jewish", "Islamic", "Lebanese")
_ADJ_ENDS = ("ish", "ic", "ese", "ian", "an", "ite", "i")
# a lower-case word right after a sequence: the noun its words describe
_LOWER_NEXT = re.compile(r"[ \t]+[a-z]")


def _adjectives_before_noun(text: str, end: int, name_words: tuple[str, ...] | list[str]) -> bool:
    """Words left after a nationality that are adjectives before a lower-case noun ("American
    Jewish organizations", "British Muslim leaders"): a description, no name."""
    return (
        len(name_words) <= 2
        and all(w.isalpha() and w.endswith(_ADJ_ENDS) for w in name_words)
        and _LOWER_NEXT.match(text, end) is not None
    )


def _sentence_start(text: str, start: int) -> bool:
    """Whether ``start`` opens a sentence (a quotation mark or bracket may come first)."""
    before = text[max(0, start - 3) : start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?\n"


def _gerund_lead(
    text: str, start: int, end: int, words: tuple[str, ...], lower: Callable[[str], bool]
) -> bool:
    """A sentence opens with a verb in -ing, not with a name ("Manning", "Beijing"): one the
    article also writes in lower case ("Having", "Echoing"), or one the article writes before this
    name only here while it writes the name's last word elsewhere without it, the name no cue
    verb's subject ("Installing John Roe as mayor ... Roe said"; not "Sterling Brown said ...
    Brown said")."""
    word = words[0]
    if len(word) < 5 or not word.isalpha() or not word[1:].islower() or not _sentence_start(text, start):
        return False
    if lower(word.lower()):
        return True
    return (
        text.count(f"{word} {words[1]}") == 1
        and text.count(words[-1]) > 1
        and CUE_AFTER.match(text[end : end + 40]) is None
    )


def _common_plural(text: str, start: int, word: str, written: Written) -> bool:
    """A plural noun opening a sentence that the article also writes in lower case and never as a
    surname ("Villagers said ...", where the text writes "villagers"; not "Sessions said", where
    it writes "Jeff Sessions")."""
    return (
        word[-1] == "s" and len(word) > 3 and word[1:].islower() and _sentence_start(text, start)
        and written.lower(word.lower())
        and not written_as_surname(written, word)
    )


# an office and "to" or "of" before a sequence: "Ambassador to", "president of", "envoy to"
_OFFICE_TO_BEFORE = re.compile(r"(?<![\w'’-])(?P<office>[A-Za-z]+)\.?[ \t]+(?:to|of)[ \t]+$")


def _office_place_lead(text: str, start: int, words: tuple[str, ...]) -> int:
    """How many words of ``words`` are a place closing the office written before them
    ("Ambassador to Ukraine Geoffrey Pyatt": 1), when at least two untitled words follow it; 0 if
    none ("Bank of America Merrill Lynch": "Bank" is no office)."""
    m = _OFFICE_TO_BEFORE.search(text, max(0, start - 30), start)
    if m is None or title_class(m.group("office").lower()) is None:
        return 0
    for k in (2, 1):
        if (
            len(words) - k >= 2
            and title_class(words[k].lower().rstrip(".")) is None
            and not any(w.rstrip(".") in lx.ORG_HEADS for w in words[k:])  # "of U.S. Central Command"
            and place_code(" ".join(words[:k])) is not None
        ):
            return k
    return 0


def classify(
    text: str,
    written: Written,
    at: int,
    start: int,
    end: int,
    toks: Sequence[Tok],
    words: tuple[str, ...],
    limit: int,
    prep: Prep | None = None,
) -> list[Mention]:
    """The mentions a capitalised sequence makes: ``words`` read from ``toks``, whose offsets
    are from ``at`` (``start``..``end`` in ``text``; ``limit``: the paragraph's end). ``prep``:
    the sequence's facts read once, when ``words`` are its own."""
    first = words[0]
    if "-" in first and first.rpartition("-")[2] in lx.COMPOUND_SUFFIXES:
        # "his Mandarin-language remarks", "the Kurdish-led Syrian Democratic Forces": an
        # adjective, no name nor a word of the name after it
        if len(words) == 1:
            return []
        return classify(text, written, at, at + toks[1][0], end, toks[1:], words[1:], limit)
    f = prep.facts if prep is not None and prep.facts is not None else word_facts(words)
    whole = f.whole
    # Known organisations and places as a whole
    if f.kind == "org":
        return [Mention(start, end, start, end, whole, "org", alias=whole)]
    if f.kind == "place":
        code = f.code
        return [Mention(start, end, start, end, f.place, "place", country=code or None, alias=whole)]
    if f.kind == "brand":
        if text[start - 1 : start] in ("#", "@") or (len(words) == 1 and spelt_apart(written, whole)):
            # a hashtag or a handle ("#NotInMyName", "@JustinTrudeau", or "JoeBiden" where the
            # text writes Joe Biden): no name
            return []
        return [Mention(start, end, start, end, whole, "org", alias=whole)]
    if f.kind == "people":
        return []  # "Russians say", "Most Americans believe": a people, no speaker's name
    if f.kind == "demonym":
        if _NOT_NOUN_AFTER.match(text, end, limit) and cue_before(text, start):
            # '"...," said French during an interview': a surname (Howard French), no nationality
            return [Mention(start, end, start, end, whole, "unknown", alias=whole)]
        c = lx.DEMONYMS[whole]
        if c:
            return [Mention(start, end, start, end, lx.country_label(c), "place", country=c, alias="")]
        return []
    # Organisations: a head word anywhere (the name may continue with "of ...")
    # Acronyms: organisations (countries were caught above)
    if f.kind == "acronym":
        if text[end : end + 1] == "+":
            end += 1
            whole += "+"
        return [Mention(start, end, start, end, whole, "org", alias=whole)]
    if len(words) == 1 and _common_plural(text, start, words[0], written):
        return []  # "Villagers said": people, no name
    if len(words) >= 2 and words[0].endswith("ing") and _gerund_lead(text, start, end, words, written.lower):
        # "Having McCain on board ...": a sentence's verb before the name, not part of it
        return classify(text, written, at, at + toks[1][0], end, toks[1:], words[1:], limit)
    if len(words) >= 3 and text[start - 3 : start] in ("to ", "of "):
        k = _office_place_lead(text, start, words)
        if k:
            # "Ambassador to Ukraine Geoffrey Pyatt", "the president of Ukraine Petro Poroshenko":
            # the place closes the office, the name follows it
            place = classify(text, written, at, start, at + toks[k - 1][1], toks[:k], words[:k], limit)
            return place + classify(text, written, at, at + toks[k][0], end, toks[k:], words[k:], limit)
    head_at = f.head
    if head_at == 0 and len(words) == 1 and not _org_tail(text, end, limit):
        return []  # "Union leader ...", "Company spokesman ...": a common noun at a sentence start
    head_at = f.org_head
    # "Secretary of the Navy Richard Spencer": the office, then the person, no body
    the_office = None
    if head_at <= 0 and text[start - 4 : start] == "the ":
        the_office = of_the_title(text, start, words)
    # "ECOWAS Commission President Omar Touray": an organisation, then a titled person
    if f.person_at >= 0:
        k = f.person_at
        org = classify(text, written, at, start, at + toks[k - 1][1], toks[:k], words[:k], limit)
        return org + classify(text, written, at, at + toks[k][0], end, toks[k:], words[k:], limit)
    if (
        head_at >= 0
        and the_office is None
        and not (head_at == 0 and len(words) == 1 and words[0] in {"Post", "Times", "News"})
    ):
        dem, tlen = f.dem, f.tlen
        if tlen and dem == 0 and head_at >= tlen and title_class(words[0]) in {"mr", "ms", "dr", "prof"}:
            words, toks = words[tlen:], toks[tlen:]
            head_at -= tlen
        ostart = at + toks[0][0]
        oend = end
        tail = _org_tail(text, oend, limit)
        if tail and head_at < len(words) - 1 and (k := office_before_of(words, head_at, tail.group(1))):
            # "Air Force Chief of Staff Gen. X": the body, then an office "of" that runs on to
            # the name (read with the next sequence, see titles.office_of_before), not one body
            return classify(text, written, at, start, at + toks[k - 1][1], toks[:k], words[:k], limit)
        if (
            tail
            # (a body's possessive closes its name, "the University of Vermont's Gause said", unless
            # a body's name goes on after it: "the Eastern Command of the People's Liberation Army")
            and (text[tail.end() : tail.end() + 2] not in ("'s", "’s") or _owns_person(text, tail.end() + 2))
            and tail.group(1).split()[0] not in lx.MONTHS_DAYS
            and words[head_at].rstrip(".") in lx.ORG_HEADS
            and tail.group(1).split()[0] not in lx.STOP_CAPS
        ):
            oend = tail.end()
        name = " ".join(text[ostart:oend].split())
        return [Mention(ostart, oend, ostart, oend, name, "org", alias=name)]
    dem, tlen = f.dem, f.tlen
    title: str | None = None
    title_start = None
    if tlen:
        title_start = at + toks[0][0]
        pf = prep.person if prep is not None else person_facts(words, dem, tlen, None)
        lead = None if dem or title_class(words[0].rstrip(".")) is not None else office_of_before(text, start)
        if lead is not None:  # (0 when the office opens the text)
            # "Chief of Staff Gen. X": the title runs back over the office it continues
            title_start = lead
            pf = person_facts(words, 0, tlen, " ".join(text[lead : at + toks[tlen - 1][1]].split()))
    elif not dem and (spanning := the_office or of_title(text, start, words, written.lower)) is not None:
        title, title_start, tlen = spanning
        pf = person_facts(words, 0, tlen, title)
    else:
        pf = prep.person if prep is not None else person_facts(words, dem, 0, None)
    if pf is None:
        return []
    # "Assistant to the President Lev Orlov": a person, but the office is another's, not his title
    held_for = (
        pf.title is not None
        and title_start is not None
        and "the" in text[max(0, title_start - 12) : title_start]  # the word the pattern needs
        and _HELD_FOR.search(text, max(0, title_start - 12), title_start) is not None
    )
    title, country, name_words, name, nf = pf.title, pf.country, pf.name_words, pf.name, pf.nf
    if nf.bare_title:
        # a title alone: its full stop typed as a comma ("according to Rear Adm, John Kirby"), or
        # an abbreviation cut off by its full stop ("spokesman Cmdr. Sean Robertson")
        return []
    if nf.spelt_title and title is not None and not written_as_surname(written, name_words[-1]):
        # "Mr. President", "Madam Speaker", "Supreme Leader": titles alone, no name ("Mr. King",
        # where the text writes Peter King, is one)
        return []
    if pf.office_last and written_as_body(written, name_words[:-1]):
        # "top Peshmerga Commander", "White House Director": a body and an office, no name
        k = len(words) - 1
        return classify(text, written, at, start, at + toks[k - 1][1], toks[:k], words[:k], limit)
    if nf.description:
        return []  # "the Oklahoma Republican told", "the California Governor": a description
    if (
        title is None
        and len(name_words) >= 2
        and name_words[0] in lx.DEMONYMS
        and _adjectives_before_noun(text, end, name_words[1:])
    ):
        return []  # "American Jewish organizations": a nationality and an adjective before a noun
    if nf.verdict == "no":
        return []  # no name, whatever its context (read below) says
    speaks_for: str | None = None
    # Lower-case role just before the sequence: "Chinese leader Xi Jinping", "research fellow Lee"
    if title is None:
        found = title_before(text, start)
        if found:
            title, title_start = found
            before = text[max(0, title_start - 40) : title_start]
            d = _DEM_BEFORE.search(before)
            if d:
                dm = d.group("dem")
                for cand in (dm, dm.split()[-1]):
                    code = lx.DEMONYMS.get(cand) or lx.country_names().get(cand) or lx.CAPITALS.get(cand)
                    if code:
                        country = code
                        title_start = title_start - len(before) + d.end("dem") - len(cand)
                        break
                else:
                    # "Boehner spokesman Brendan Buck": speaks for Boehner, who is the affiliation
                    low = title.lower()
                    if (low.split()[-1] in _SPEAKS_FOR or low.endswith("press secretary")) and (
                        dm.split()[0] not in lx.STOP_CAPS
                    ):
                        speaks_for = dm.removesuffix("'s").removesuffix("’s")
                        # "President Obama's national security adviser X": held for Obama (a
                        # role is one title phrase, not "adviser, President Obama")
                        owner = speaks_for.split()
                        while len(owner) > 1 and title_class(owner[0].rstrip(".")) is not None:
                            owner = owner[1:]
                        speaks_for = " ".join(owner)
    nstart = at + toks[dem + tlen][0]
    nend = end
    mstart = title_start if title_start is not None else nstart
    alias = " ".join(text[mstart:nend].split())
    tclass = title_class(title) if title else None
    after = text[nend:limit]
    if after.startswith("   "):
        # link text glued after the name, blanked in place ("Jared Kushner <link> MORE, in rare
        # public remarks, stated"): the name's context is what follows the blanks
        rest = after.lstrip(" ")
        after = rest if rest[:1] in {",", ".", ";", ":", ")"} else " " + rest
    cue_m = CUE_AFTER.match(after)
    cue_next = bool(cue_m)
    speech_next = bool(cue_m and lx.CUE_FORMS.get(cue_m.group("cue")) in _SPEECH_ONLY)
    # "X's" right after the name
    if nf.verdict == "month" and title is None and not cue_next:
        return []  # a month alone, no title before it nor a cue verb after it
    kind = "unknown"
    # "the Christian Science Monitor reported", "the Islamic State fear", "said the Islamic State
    # was": a name written after "the" is a body's ("the Trump campaign" is the person's)
    the_body = (
        len(name_words) >= 2
        and title is None
        and "he" in text[max(0, start - 5) : start]  # what the pattern needs, looked for first
        and bool(_THE_BEFORE.search(text, max(0, start - 5), start))
        and not _PERSON_TAIL.match(after)
    )
    # "on Capitol Hill", "Republicans on Capitol Hill blasted": a place's name, after "on" or "in",
    # its last word a place's head ("Hill", "Street") or its first one the text writes after "the"
    # ("the Capitol"); not "confidence in Donald Trump"
    place_use = (
        title is None
        and len(name_words) >= 2
        and "n" in text[max(0, start - 2) : start]  # what the pattern needs, looked for first
        and bool(_PLACE_PREP_BEFORE.search(text, max(0, start - 4), start))
        and not after.startswith(("'", "’"))
        and (name_words[-1].lower() in lx.PLACE_HEADS or written_as_body(written, name_words[:1]))
    )
    app: re.Match[str] | None = None  # _APPOSITION.match(after), asked once
    titled = (tclass in _PERSON_CLASSES and len(name_words) <= 4) or (
        len(name_words) >= 2
        and not the_body
        and not place_use
        and (
            cue_next
            or _WHO_AFTER.match(after)
            or _APPOSITION_CUE.match(after)
            or title_comma_before(text, start, end)
            or pf.particle
            or _PERSON_TAIL.match(after)
            or cue_before(text, start)
            or _colon_role(after)
            or _quantified_before(text, start)
            or _AND_NAME_CUE.match(after)
        )
    )
    of_org = None
    if not titled and len(name_words) >= 2 and not the_body and title is None:
        of_org = _of_org(after, name_words, written.lower)
        titled = of_org is not None
    if titled:
        kind = "person"
    elif (
        len(name_words) >= 2
        and (app := _APPOSITION.match(after))
        # "Sen. X of South Carolina, a close adviser": the apposition is the senator's, the words
        # after "of" her state or body
        and not _NAME_OF_BEFORE.search(text, max(0, start - 40), start)
    ):
        rw = app.group("role").lower().split()
        # the apposition's head comes before its first preposition: "a message by the leader of
        # ISIS" describes no person ("Sinjar Mountain, a message by the leader ...")
        cut = next((i for i, w in enumerate(rw) if w in _ROLE_PREPS), len(rw))
        rw = rw[:cut]
        if any(title_class(" ".join(rw[i : i + n])) is not None for n in (1, 2) for i in range(len(rw))):
            kind = "person"
    elif (
        pf.one_word_name
        and not written.lower(name.lower())  # written in lower case elsewhere: a common word
        and (speech_next or (_NAME_END.match(text, end) and cue_before(text, start)) or _colon_role(after))
    ):
        kind = "person"
    if kind == "unknown" and the_body and (cue_next or cue_before(text, start)):
        kind = "org"
    if kind == "unknown" and len(name_words) >= 2 and _fronted_subject(text, start, end):
        kind = "person"  # "When John Smith arrived, he said": the pronoun after the clause is the name's
    if (
        kind != "org"
        and title is None
        and len(name_words) >= 2
        and name_words[-1].lower() in lx.PLACE_HEADS
        and name_words[-1].lower() not in lx.SURNAME_PLACE_HEADS
    ):
        # "Wall Street fears that", "near the Euphrates River, the official added": a street,
        # a river, an island is a place, whatever follows it (not "Fiona Hill", "Rob Lake")
        kind = "place"
    if held_for:
        mstart, title, tclass = nstart, None, None
        alias = " ".join(text[nstart:nend].split())
    elif (
        title is not None
        and kind == "person"
        and _FORMER_BEFORE.search(text, max(0, mstart - 10), mstart)
        and not title.lower().startswith("former")
    ):
        # "former President Jimmy Carter": the office was his, is no longer ("the president" of
        # the article is another; his role reads "Former President")
        title = "former " + title
    m = Mention(
        mstart,
        nend,
        nstart,
        nend,
        name,
        kind,
        title=title,
        tclass=tclass,
        country=country,
        alias=alias,
        cue_next=cue_next,
        place_use=place_use,
    )
    if kind == "person" and (title is None or tclass in {"mr", "ms"}):
        m.role = role_before(text, mstart, nend)
    if title is None and len(name_words) >= 2:
        m.namesake_kin = kin_of_namesake(text, mstart, name_words[-1])
    if kind == "person" or len(name_words) >= 2:
        if titled or len(name_words) < 2:  # else asked above
            app = _APPOSITION.match(after)
        open_app = app is not None and after[app.end() - 1 : app.end()] not in (",", ".", ";")
        if open_app and _prep_object(text, mstart):
            # an apposition left open before a cue after a preposition's object: "In a letter to
            # Governor X, the mayor said" (the mayor speaks; X is no mayor)
            app = None
        # the role ends where a clause begins: "former New York City mayor who became ..."
        role = app.group("role") if app else ""
        clause = _APPOSITION_NOT_ROLE.search(role) if role else None
        if clause is not None:
            role = role[: clause.start()].rstrip(" \t,")
        if (
            app
            and role
            and (kind == "person" or app.group("aff"))
            and (app.group("det") or has_title_word(role))
            # a role is one title phrase: not a clause the comma opened ("According to Mr. X,
            # the two countries shared an interest in stability", no role, no affiliation)
            and looks_like_role(_LEAD_DET.sub("", role))
            # "According to X, the talks had been frank": the comma ends the phrase and a clause
            # follows, no apposition ("According to X, a senior fellow at Y, ..." is one)
            and not (clause is not None and _ACCORDING_TO_END.search(text, max(0, mstart - 70), mstart))
        ):
            m.role = role
            body: str | None = app.group("aff")
            spanning_of = (
                spanning_title(role, after[app.end("role") : app.start("aff")], body) if body else None
            )
            if spanning_of is not None:
                # "chief of staff to President X": one title phrase, the office held for another
                # no affiliation ("chief", "staff to President X" read the title in two)
                m.role = spanning_of
            elif body:
                m.affiliation = affiliation(body)
        else:
            orgm = _AFTER_NAME_ORG.match(after)
            if orgm and title:
                m.affiliation = org_name(orgm.group("aff"))
    if of_org and not m.affiliation:
        m.affiliation = of_org
    if speaks_for and kind == "person" and not m.affiliation:
        m.affiliation = speaks_for
    return [m]


# a subordinator opening a fronted clause ("When X arrived, he said")
_SUBORDINATORS = frozenset(
    {"when", "after", "before", "once", "as", "while", "because", "although", "though", "since", "until"}
)
# the fronted clause's comma, then a personal pronoun as the main clause's subject
_PERSON_PRONOUN_NEXT = re.compile(r"[^,.;:!?\"“”\n]{1,100},[ \t]+(?:he|she)[ \t]")


def _fronted_subject(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start``-``end`` is the subject of a fronted clause whose main clause
    opens with "he" or "she" ("When John Smith arrived, he said"; "After Ana Berg left the
    room, she told reporters"): the pronoun is the name's, a person's."""
    before = text[max(0, start - 12) : start].split()
    if not before or before[-1].lower() not in _SUBORDINATORS:
        return False
    return _PERSON_PRONOUN_NEXT.match(text, end) is not None


def _prep_object(text: str, start: int) -> bool:
    """Whether the word right before ``start`` is a preposition ("a letter to X"), not one that
    may open a clause whose subject the name is ("after X, the director said")."""
    before = text[max(0, start - 16) : start].split()
    if not before:
        return False
    word = before[-1].lower()
    return word in lx.PREPOSITIONS and word not in _SUBORDINATORS


# "according to" before the name, perhaps with its body: "According to Halden Energy chief executive X"
_ACCORDING_TO_END = re.compile(r"[Aa]ccording[ \t]+to[ \t]+(?:the[ \t]+)?(?:[A-Z][\w.'’&-]*[ \t]+){0,4}$")


_LEAD_DET = re.compile(r"^(?:the|a|an)\s+", re.I)
_CAP_RUN = re.compile(r"[ \t]+((?:[A-Z][\w.'’-]*[ \t]*)+)")


def _owns_person(text: str, at: int) -> bool:
    """Whether the capitalised words after a body's possessive at ``at`` are a person's name, not
    the rest of a body's name ("'s Gause said", not "'s Liberation Army")."""
    m = _CAP_RUN.match(text, at)
    return m is not None and m.group(1).split()[-1] not in lx.ORG_HEADS
