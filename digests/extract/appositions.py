"""What an apposition beside a person's name says besides the role: the body the role is held
at ("professor at X"), a title that spans "of" ("chief of staff"), and a relative of a namesake
introduced before the name ("Marsh's uncle, Tom Marsh"). Read by the entities stage
(entity_classify) once a name and the words around it are known."""

from __future__ import annotations

import re

from digests.extract import lexicon as lx
from digests.extract.titles import title_class

# a possessive and a relative's noun in apposition before a name: "Marsh's uncle, "
_KIN_BEFORE = re.compile(
    r"(?<![\w'’-])(?P<owner>[A-Z][\w'’-]*?)['’]s?[ \t]+(?:[a-z-]+[ \t]+)?(?P<kin>[a-z-]+),[ \t]+$"
)


def kin_of_namesake(text: str, start: int, surname: str) -> bool:
    """Whether the name at ``start`` is introduced as a relative of a namesake: "Marsh's uncle,
    Tom Marsh", "Smith's younger brother, Al Smith"."""
    if text[start - 2 : start] != ", ":
        return False
    m = _KIN_BEFORE.search(text, max(0, start - 60), start)
    return m is not None and m.group("owner") == surname and m.group("kin") in lx.KIN_NOUNS


_BODY_AFTER_PREP = re.compile(r"(?:^|\s)(?:at|with|for|of|from|in)\s+(?:the\s+)?([A-Z][^,;]*)")
_NAME_AFTER_MODIFIERS = re.compile(r"(?:[a-z][\w-]*\s+){1,2}((?:[A-Z][\w.&'’-]*\s*)+)")


def affiliation(aff: str) -> str | None:
    """The body an apposition's words after its role's preposition name, or None: written with
    a capital ("the Center for Strategic and International Studies"), after a lower-case
    complement of the role ("professor of political science at George Washington University":
    George Washington University), or after a modifier or two ("the conservative American
    Enterprise Institute"); lower-case words alone are no body ("touch with the delegation",
    "seven", "war"), nor is a title alone ("Mr")."""
    text = " ".join(aff.split())
    if not text[:1].isupper():
        m = _BODY_AFTER_PREP.search(text) or _NAME_AFTER_MODIFIERS.fullmatch(text)
        if m is None:
            return None
        text = m.group(1)
    name = org_name(text)
    words = name.split()
    if not words or all(title_class(w.rstrip(".")) is not None for w in words):
        return None
    return name


def spanning_title(role: str, prep: str, aff: str) -> str | None:
    """The whole title when a role's last words, "of" and the words after it are one ("chief" of
    "staff to ...": "chief of staff"), else None."""
    if prep.strip().lower() != "of":
        return None
    rw, aw = role.split(), aff.split()
    for n in (1, 2):
        for k in (2, 1):
            if len(rw) >= n and len(aw) >= k:
                phrase = " ".join([*rw[-n:], "of", *aw[:k]]).lower().rstrip(".,")
                if phrase in lx.TITLE_CLASS:
                    return " ".join([*rw, "of", *aw[:k]])
    return None


_BASED_LEAD = re.compile(r"^(?:[\w-]+-based )")
# where an organisation's name after a person ends: a possessive, a place, a clause, a bracket
_ORG_NAME_END = re.compile(r"['’]s\b| in [A-Z]| who\b| and\b(?! [A-Z])|\(")


def org_name(s: str) -> str:
    """The body's name in words written after a person's role ("-based" leads and what follows
    the name dropped)."""
    s = " ".join(s.split())
    s = _BASED_LEAD.sub("", s)
    # (an "and" between capitalised words is the name's: "Center for Strategic and International
    # Studies"; before a lower-case word it opens another phrase: "Harvard and a former aide")
    s = _ORG_NAME_END.split(s)[0].strip()
    return s
