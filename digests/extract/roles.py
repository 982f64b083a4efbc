"""Whether a phrase written beside a name reads as a role ("Baghdad housewife", "Republican
Sen."), not a time, a clause, a body or a name ("Syria last week", "Arab League"): one check for
extraction (entity_merge) and for showing a stored role (store/names), importing the lexicon
only, so that a command reading the store loads no extraction stage."""

from __future__ import annotations

from functools import lru_cache

from digests.extract import lexicon as lx

_ROLE_HEADS = lx.words("role_heads.txt")
_ROLE_HEAD_WORDS = frozenset(w for w in _ROLE_HEADS if not w.startswith("-"))
_ROLE_HEAD_ENDS = tuple(w[1:] for w in _ROLE_HEADS if w.startswith("-"))
# where a role's head noun ends: a preposition or a clause opens after it ("former prosecutor now
# working ...", "member of the committee", "aid worker held hostage by the militants")
_ROLE_CUT = frozenset(
    {"of", "in", "at", "for", "to", "from", "with", "by", "on", "who", "whose", "that", "which", "now",
     "since", "until", "during", "after", "before", "held", "working", "based"}
)  # fmt: skip


_ROLE_LEAD = frozenset({"now", "then", "also", "once", "a", "an", "the", "his", "her", "its", "their"})


@lru_cache(maxsize=4096)
def looks_like_role(role: str) -> bool:
    """Whether a phrase written beside a name reads as a role: its head (the word before its
    first preposition or clause, or its last word) is a title ("Republican Sen.", "press secretary
    of the party", "Chief of Staff") or a noun for a person ("Baghdad housewife", "Nobel Peace
    Prize winner", "Syrian Kurd", "Israeli"); not a time, a clause, a body or a name ("Syria last
    week", "chance to find common ground", "Islamist army", "Arab League", "Kim Jong Il")."""
    # (the first part of a role a comma divides: "Professor, Hanbit University"; the adverb or
    # determiner it opens with left off: "now a newspaper columnist")
    words = [w.strip(';:()"“”') for w in role.split(",")[0].split()]
    words = [w for w in words if w]
    while words and words[0].lower() in _ROLE_LEAD:
        words = words[1:]
    cut = next((i for i, w in enumerate(words) if w.lower() in _ROLE_CUT), len(words))
    if cut == 0:
        return False  # "for foreign affairs", "during an interview": no head at all
    return _role_head(words, cut - 1) or _role_head(words, len(words) - 1)


def _role_head(words: list[str], i: int) -> bool:
    head = words[i]
    low = head.lower().rstrip(".")
    spelt = lx.TITLE_WORDS.get(low, low)
    if spelt in lx.TITLE_CLASS or (i and f"{words[i - 1].lower()} {low}" in lx.TITLE_CLASS):
        return True
    if low.endswith("s") and lx.TITLE_WORDS.get(low[:-1], low[:-1]) in lx.TITLE_CLASS:
        return True  # "Reps.", "Republican Sens."
    if low in _ROLE_HEAD_WORDS:
        return True
    if head[:1].isupper():
        return head in lx.DEMONYMS  # "Israeli"; a capitalised head is else a name ("Times")
    return head.replace("-", "").isalpha() and low.endswith(_ROLE_HEAD_ENDS)


# the endings of person nouns that other words share too often to tell one ("later", "other",
# "executive" is a title): left out where a phrase alone must say it names a person
_ONE_PERSON_ENDS = tuple(e for e in _ROLE_HEAD_ENDS if e not in {"er", "ive"})
_PERSON_NOUNS = (frozenset(lx.SPEAKER_NOUNS) | _ROLE_HEAD_WORDS) - frozenset(lx.GROUP_NOUNS)


@lru_cache(maxsize=4096)
def names_one_person(phrase: str) -> bool:
    """Whether a noun phrase names one person by its head, the word before its first preposition
    or clause: a title, or a noun for a person (``role_heads.txt``, ``speaker_nouns.txt``, or
    their endings: "mediator", "pharmacist"): "the top relief officer in Gaza", "his son-in-law";
    not "a few days later", "a group led by three of its directors", "his speech"."""
    words = [w.strip(';:()"“”') for w in phrase.split()]
    words = [w for w in words if w]
    while words and words[0].lower() in _ROLE_LEAD:
        words = words[1:]
    # (a participle opens a clause too: "a group led by ...")
    cut = next(
        (i for i, w in enumerate(words) if w.lower() in _ROLE_CUT or (i and w.isalpha() and w[-2:] == "ed")),
        len(words),
    )
    verb = cut + 1 < len(words) and words[cut][-2:] == "ed" and words[cut + 1].lower() in _ROLE_LEAD
    if cut == 0 or verb:
        return False  # (a verb and its object: "a court sentenced a cleric")
    head = words[cut - 1]
    low = head.lower().rstrip(".")
    spelt = lx.TITLE_WORDS.get(low, low)
    if spelt in lx.TITLE_CLASS or (cut > 1 and f"{words[cut - 2].lower()} {low}" in lx.TITLE_CLASS):
        return True
    # (an ending needs a stem before it: "or" of "or to minority populations" is no "mediator")
    return head.islower() and (
        low in _PERSON_NOUNS or (head.isalpha() and len(head) > 4 and low.endswith(_ONE_PERSON_ENDS))
    )
