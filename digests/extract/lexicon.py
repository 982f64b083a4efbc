"""The extraction lexicon: word lists read once from ``digests/resources/lexicon/`` into frozen tables.

Each resource file holds one entry a line (``.txt``) or ``word<TAB>value`` (``.tsv``);
``#`` starts a comment line. Everything is general English news vocabulary,
compiled once at import into regular expressions and sets so that extraction
never loops over a lexicon. Places come from the one gazetteer
(``digests/resources/gazetteer.tsv``, ``digests.gazetteer``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache
from importlib import resources
from types import MappingProxyType

from digests import gazetteer
from digests.extract.vocab import MONTHS, WEEKDAYS

# Upper- and lower-case letters including Latin-1 and Latin Extended-A, so that
# names like "Łukasz" or "Érdogan" are read as capitalised words.
UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
LOWER = "a-zß-öø-ÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĳĵķĺļľŀłńņňŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷźżž"


@cache
def _lines(name: str) -> tuple[str, ...]:
    """The entries of one resource file, in file order, comments and blank lines left out."""
    path = resources.files("digests").joinpath("resources", "lexicon", name)
    text = path.read_text(encoding="utf-8")
    return tuple(ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def words(name: str) -> frozenset[str]:
    """A ``.txt`` resource as a set."""
    return frozenset(_lines(name))


def tagged(name: str, tag: str | None = None, *, without: str | None = None) -> tuple[str, ...]:
    """The entries of a ``.txt`` resource whose lines may end in ``@tags``, tags left off, in file
    order: every entry, those tagged ``tag``, those not tagged ``without``."""
    out: list[str] = []
    for ln in _lines(name):
        entry, *tags = ln.split(" @")
        if (tag is None or tag in tags) and (without is None or without not in tags):
            out.append(entry.strip())
    return tuple(out)


#: abbreviations after whose full stop a sentence does not end (the sentence splitter's)
SENTENCE_ABBREVIATIONS = tagged("abbreviations.txt", without="no_split")
#: abbreviations a capitalised name runs on through ("Gov. Maria Santos", "Acme Co. Ltd")
NAME_ABBREVIATIONS = tagged("abbreviations.txt", "name")


def pairs(name: str) -> tuple[tuple[str, str], ...]:
    """A ``.tsv`` resource as its (key, value) rows, a key on several rows kept each time."""
    return tuple((k, v) for k, v in (ln.split("\t", 1) for ln in _lines(name)))


def table(name: str) -> Mapping[str, str]:
    """A ``.tsv`` resource (key<TAB>value) as a read-only mapping, in file order."""
    out: dict[str, str] = {}
    for ln in _lines(name):
        key, _, value = ln.partition("\t")
        out[key] = value
    return MappingProxyType(out)


# ---------------------------------------------------------------- titles
HONORIFICS = table("honorifics.tsv")
GENDER = table("gender.tsv")
# abbreviated titles and the word they stand for ("sen" -> "senator")
TITLE_WORDS = table("title_words.tsv")
TITLE_CLASS: Mapping[str, str] = MappingProxyType(
    {**table("titles.tsv"), **{k: v for k, v in HONORIFICS.items() if k not in table("titles.tsv")}}
)


def trie_regex(
    words: list[str] | set[str] | tuple[str, ...], *, literal: bool = False, hyphen: str = r"\-"
) -> str:
    """A regex alternation of ``words`` factored by common prefixes; the regex engine then
    rejects a non-matching position after one or two characters instead of trying every word.

    A space in a word matches any run of blanks, or, ``literal``, one space only; a hyphen
    matches ``hyphen`` (a pattern: ``_alt``'s is a hyphen or a blank)."""
    blank = " " if literal else r"\s+"
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [
            re.escape(ch).replace(r"\ ", blank).replace(r"\-", hyphen) + build(sub)
            for ch, sub in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if ends else body

    return build(trie)


def _alt(words: list[str] | set[str]) -> str:
    """Regex alternation, longest first, spaces matching any run of blanks, optional abbreviation dot."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        pat = re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", r"[-\s]")
        out.append(pat)
    return "|".join(out)


# Title words: honorifics always capitalised; role words in either case.
TITLE_ALT = _alt(list(TITLE_CLASS))
# A title phrase may stack: "Associate Professor", "Senior Minister", "former President".
TITLE_RE = re.compile(
    r"(?i:(?:former|ex-|then-|acting|interim|outgoing|incoming|late|deputy|vice|top|chief|senior|lead|leading)\s+)?"
    r"(?i:" + TITLE_ALT + r")\.?",
)

# ---------------------------------------------------------------- cue verbs
CUE_FORMS = table("cue_verbs.tsv")
# (the words of ``_alt``, factored by prefix: the engine reads a few characters at a place, not
# every one of five hundred forms; the same strings match, the longest first as in ``_alt``)
CUE_ALT = trie_regex(list(CUE_FORMS), hyphen=r"[-\s]")
CUE_RE = re.compile(r"(?<![\w'’-])(?:" + trie_regex(list(CUE_FORMS)) + r")(?![\w'’-])")
REPORTING_LEMMAS: frozenset[str] = words("reporting_lemmas.txt")
OBJECT_LEMMAS: frozenset[str] = words("object_lemmas.txt")
NEED_THAT_LEMMAS: frozenset[str] = words("need_that_lemmas.txt")

# ---------------------------------------------------------------- speakers without a name
SPEAKER_NOUNS: tuple[str, ...] = _lines("speaker_nouns.txt")
GENERIC_SPEAKER_HEADS: frozenset[str] = words("generic_speakers.txt")
#: role nouns and the titles whose holders they may describe ("the lawmaker" for a senator)
ROLE_TITLES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {k: tuple(v.split()) for k, v in table("role_titles.tsv").items()}
)
#: nouns naming a work, whose title may follow in quotation marks
WORK_NOUNS: frozenset[str] = words("work_nouns.txt")
#: numbers and quantifiers of "one of his friends" (lower case, in file order)
QUANTIFIERS: tuple[str, ...] = _lines("quantifiers.txt")
#: documents quoted as their issuer's words ("the statement said")
DOCUMENT_HEADS: frozenset[str] = words("document_heads.txt")
#: a group or a number of people ("groups of protesters said": "of" opens no prepositional phrase)
GROUP_NOUNS: frozenset[str] = words("group_nouns.txt")
#: institution nouns that need a body named before to name a speaker ("the agency said")
BARE_INSTITUTIONS: frozenset[str] = words("bare_institutions.txt")

# ---------------------------------------------------------------- organisations
ORG_HEADS: frozenset[str] = words("org_heads.txt")
#: the last word of a place's name ("Capitol Hill", "Downing Street"), lower case
PLACE_HEADS: frozenset[str] = words("place_heads.txt")
SURNAME_PLACE_HEADS: frozenset[str] = words("surname_place_heads.txt")
#: prepositions, lower case: a mention after one sits in its phrase ("a letter to X")
PREPOSITIONS: frozenset[str] = words("prepositions.txt")
#: the last word of a name that is a thing, not a person ("Obama Doctrine", "Marshall Plan")
NAMED_THING_HEADS: frozenset[str] = words("named_thing_heads.txt")
#: cue lemmas of speech alone ("say", "tell", "write"), not of thought ("fear", "believe")
SPEECH_ONLY_LEMMAS: frozenset[str] = words("speech_only_lemmas.txt")
KNOWN_ORGS: frozenset[str] = words("known_orgs.txt")
#: words after a name (or before "at" and it) that make it a company's ("Morgan Stanley analysts")
COMPANY_WORDS: frozenset[str] = words("company_words.txt")
#: nouns for a company before its name or closing its apposition ("investment bank Morgan Stanley")
COMPANY_NOUNS: frozenset[str] = words("company_nouns.txt")
#: what a personal name glues to a capital inside a word ("MacArthur", "VanDyke"): no brand
GLUED_NAME_PREFIXES: frozenset[str] = words("glued_name_prefixes.txt")
#: nouns for a relative ("uncle", "son-in-law")
KIN_NOUNS: frozenset[str] = words("kin_nouns.txt")
#: second halves of a compound adjective ("Mandarin-language", "London-based"): no name's word
COMPOUND_SUFFIXES: frozenset[str] = words("compound_suffixes.txt")
# Nouns whose following number names a thing: "Article 51", "Flight 752" (not figures).
IDENTIFIER_NOUNS: frozenset[str] = words("identifier_nouns.txt")
#: words that decide what a number is, by their tag (figure_words.txt: street, adjective, no_unit,
#: stop, determiner)
FIGURE_WORDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        tag: tagged("figure_words.txt", tag)
        for tag in (
            "street", "adjective", "no_unit", "stop", "determiner", "age", "span_before", "span_after",
        )
    }
)

# ---------------------------------------------------------------- places
# One table for extraction and digests: digests/resources/gazetteer.tsv (digests/gazetteer.py).
DEMONYMS: Mapping[str, str] = gazetteer.by_kind("demonym", "regional")
#: plural demonyms that name a people, never a person ("Russians", "Israelis")
PEOPLES: Mapping[str, str] = gazetteer.by_kind("people")
CAPITALS: Mapping[str, str] = gazetteer.by_kind("capital")
CITIES: Mapping[str, str] = gazetteer.by_kind("city")
place_country = gazetteer.place_country
country_label = gazetteer.country_name


def country_names() -> Mapping[str, str]:
    """Every country name form (and region) as written -> ISO alpha-2 ('' for a region)."""
    return gazetteer.by_kind("name", "country", "part", "region")


# ---------------------------------------------------------------- joint reference
# "both leaders", "the two sides", "the summit": words that point back at participants named before
JOINT_REFERENCE = table("joint_reference.tsv")


def joint_words(kind: str) -> list[str]:
    """The words of joint_reference.tsv of one kind (group, office, role, meeting), in file order."""
    return [w for w, kinds in JOINT_REFERENCE.items() if kind in kinds.split()]


# ---------------------------------------------------------------- misc words
STOP_CAPS: frozenset[str] = words("stop_caps.txt")
# month and weekday names belong to the temporal vocabulary (resources/time/)
MONTHS_DAYS = frozenset((*MONTHS.words(), *WEEKDAYS.words(), *_lines("calendar_names.txt")))
PRONOUNS = table("pronouns.tsv")

_SPEAKER_NOUN_SET = frozenset(SPEAKER_NOUNS)
_MONTHS_DAYS_LOWER = frozenset(w.lower() for w in MONTHS_DAYS)


@lru_cache(maxsize=8192)
def token_flags(lower: str) -> frozenset[str]:
    """The lexicon classes a lower-case token belongs to (for ``Doc.flags``)."""
    flags: list[str] = []
    if lower in HONORIFICS:
        flags.append("honorific")
    if lower in TITLE_CLASS:
        flags.append("title")
    if lower in CUE_FORMS:
        flags.append("cue")
    if lower in _SPEAKER_NOUN_SET:
        flags.append("speaker_noun")
    if lower in PRONOUNS:
        flags.append("pronoun")
    if lower in _MONTHS_DAYS_LOWER:
        flags.append("calendar")
    return frozenset(flags)
