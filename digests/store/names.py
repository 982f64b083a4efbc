"""The name index: how /who-said finds people ("Lee", "Mr Lee", "lee jae-myung", an alias).

``people`` holds one row per canonical name with its counts (kept exact by triggers, see
:mod:`digests.store.schema`); ``names`` maps normalised forms (whole names, aliases, single
words) to people, written by :func:`index_names` after each save. The look-ups here are all
indexed, so the first question after a start is as fast as the next.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping

from digests.extract.roles import looks_like_role
from digests.store.connection import StoreBase

# Honorifics a user may type before a name ("Mr Lee", "President Xi"); stored names lack them.
HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "president", "premier", "chancellor",
    "minister", "prime", "sir", "dame", "gen", "general", "senator", "sen", "rep", "king", "queen",
    "prince", "princess", "pm", "secretary", "ambassador", "chairman", "chair", "mayor", "governor",
})
#: a word of a name or a quotation: letters and digits, split on spaces, hyphens, dots and underscores
WORD_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def normalise_name(text: str) -> tuple[str, ...]:
    """A name as comparable tokens: accents and case folded, split on spaces, hyphens and dots."""
    if text.isascii():
        return tuple(WORD_TOKEN.findall(text.lower()))
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return tuple(WORD_TOKEN.findall(folded))


def strip_honorifics(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Tokens without leading honorifics ("mr lee" -> "lee"), always keeping one token."""
    rest = tokens
    while len(rest) > 1 and rest[0] in HONORIFICS:
        rest = rest[1:]
    return rest


def name_forms(name: str, alias: str | None = None) -> set[tuple[str, str]]:
    """The ``(kind, form)`` keys under which a person is found: ``full`` for a whole name or
    alias (also without honorifics), ``token`` for each word of the name. A one-word alias
    ("Lee") is a shared surname, so only a token, never a full name."""
    raw = normalise_name(alias if alias is not None else name)
    forms: set[tuple[str, str]] = set()
    if alias is not None and len(raw) == 1:
        return {("token", raw[0])}
    if raw:
        forms.add(("full", " ".join(raw)))
    # "President Lee Jae-myung" is also "Lee Jae-myung"; "Mr Lee" is not "Lee", which many share
    key = strip_honorifics(raw)
    if len(key) >= 2:
        forms.add(("full", " ".join(key)))
    # "Lee's office" speaks for Lee but is not a Lee: found by its whole name only
    if alias is None and not _POSSESSIVE.search(name):
        forms.update(("token", t) for t in raw)
    return forms


_POSSESSIVE = re.compile(r"\w['’]s\s")


def index_names(conn: sqlite3.Connection) -> int:
    """Write the ``names`` rows of people and aliases not yet indexed; returns how many were.

    Runs inside the caller's transaction (every save calls it; usually nothing is pending)."""
    people = conn.execute("SELECT name FROM people WHERE indexed = 0").fetchall()
    aliases = conn.execute("SELECT name, alias FROM person_aliases WHERE indexed = 0").fetchall()
    if not people and not aliases:
        return 0
    rows = [(kind, form, name, "") for (name,) in people for kind, form in name_forms(name)]
    rows += [(kind, form, name, alias) for name, alias in aliases for kind, form in name_forms(name, alias)]
    conn.executemany("INSERT OR IGNORE INTO names (kind, form, name, alias) VALUES (?, ?, ?, ?)", rows)
    conn.execute("UPDATE people SET indexed = 1 WHERE indexed = 0")
    conn.execute("UPDATE person_aliases SET indexed = 1 WHERE indexed = 0")
    return len(people) + len(aliases)


class NamesMixin(StoreBase):
    """Indexed look-ups in the name tables."""

    def unindexed_names(self, limit: int) -> list[tuple[str, str | None]]:
        """People and aliases not yet in ``names`` (written other than by a save): at most
        ``limit`` of each, as (name, alias or None)."""
        n = int(limit)
        people = self.db.execute(f"SELECT name, NULL FROM people WHERE indexed = 0 LIMIT {n}")
        aliases = self.db.execute(f"SELECT name, alias FROM person_aliases WHERE indexed = 0 LIMIT {n}")
        return [*people.fetchall(), *aliases.fetchall()]

    def speakers_among(self, names: Iterable[str]) -> set[str]:
        """Those of ``names`` quoted at least once."""
        wanted = sorted(set(names))
        if not wanted:
            return set()
        marks = ",".join("?" * len(wanted))
        return {r[0] for r in self.db.execute(
            f"SELECT name FROM people WHERE name IN ({marks}) AND quotes > 0", wanted
        ).fetchall()}

    def people_with_form(self, kind: str, form: str) -> set[str]:
        """People indexed under one exact form (``kind`` "full" or "token")."""
        return {r[0] for r in self.db.execute(
            "SELECT DISTINCT name FROM names WHERE kind = ? AND form = ?", [kind, form]
        ).fetchall()}

    def people_with_word_prefix(self, prefix: str, *, speakers: bool = False, limit: int = 2000) -> set[str]:
        """People with a name word starting with ``prefix`` (quoted ones if ``speakers``), about ``limit``."""
        sql = "SELECT DISTINCT n.name FROM names n"
        if speakers:
            sql += " JOIN people p ON p.name = n.name AND p.quotes > 0"
        return {r[0] for r in self.db.execute(
            f"{sql} WHERE n.kind = 'token' AND n.form >= ? AND n.form < ? LIMIT ?",
            [prefix, prefix + "\U0010ffff", limit],
        ).fetchall()}

    def people_rows(self, names: Iterable[str]) -> list[tuple[str, str | None, int]]:
        """(name, role, quotations) of each named person the store knows."""
        wanted = sorted(set(names))
        out: list[tuple[str, str | None, int]] = []
        for chunk in range(0, len(wanted), 500):
            part = wanted[chunk:chunk + 500]
            out += [
                (name, display_role(role), int(quotes))
                for name, role, quotes in self.db.execute(
                    f"SELECT name, COALESCE(role, speaker_role), quotes FROM people "
                    f"WHERE name IN ({','.join('?' * len(part))})",
                    part,
                ).fetchall()
            ]
        return out

    def most_quoted(self, limit: int) -> list[str]:
        """The people quoted most, most first."""
        return [r[0] for r in self.db.execute(
            "SELECT name FROM people WHERE quotes > 0 ORDER BY quotes DESC, name LIMIT ?", [limit]
        ).fetchall()]


# --- roles as shown ---------------------------------------------------------------------------

_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# a clause the role ran into: "third-ranking Senate Republican said on MSNBC Monday"
_ROLE_CLAUSE = re.compile(
    r"\s+(?:said|says|told|announced|acknowledged|added|explained|wrote|--|—)(?:\s.*)?$", re.S)
# a weekday the role ran into: "Former national security adviser, Wednesday"
_ROLE_WEEKDAY = re.compile(rf"(?:,\s*|\s+on\s+|\s+){_WEEKDAY}\s*$")
# words a cut-off role ends on: "former chief U" (cut at "U.S."), "former federal prosecutor now"
_DANGLING = frozenset({
    "u", "now", "who", "that", "which", "the", "a", "an", "of", "to", "on", "in", "at", "and",
    "or", "for", "with", "by", "from", "between", "sitting", "working", "serving", "living",
})
# words that are no role alone: "former", "another"
_ONLY_MODIFIERS = frozenset({"former", "another", "then", "now", "chief", "top", "senior", "one", "a", "the"})
# a leading word that describes another person or several: "another journalist", "two originally ..."
_OTHER_LEAD = re.compile(
    r"^(?:another|two|three|four|five|six|seven|eight|nine|ten|both|several|many)\s+", re.I)
_SMALL = frozenset({"of", "the", "and", "for", "on", "to", "a", "an", "his", "her", "their", "its"})
# title classes that are no office: forms of address, jobs, parties (and no title at all)
_NOT_OFFICE = frozenset({None, "mr", "ms", "job", "party"})
# where an office is looked for: among a role's first words ("Deputy national security adviser")
_OFFICE_START = 3


def _office_start(words: list[str]) -> int:
    """Where the first office of a role's first words starts ("Prime minister" -> 0,
    "Singapore-based scholar" -> 1), -1 when none."""
    from digests.extract import lexicon as lx

    low = [w.lower().rstrip(",;:") for w in words]
    for i in range(min(_OFFICE_START, len(words))):
        for k in range(min(5, len(words) - i), 0, -1):
            if lx.TITLE_CLASS.get(" ".join(low[i : i + k])) not in _NOT_OFFICE:
                return i
    return -1


def _office_end(words: list[str]) -> int:
    """The end of the office a role's first words name ("White House press secretary" -> 4,
    "Prime minister of Norway" -> 2), 0 when none: the words up to it are one title, shown in
    one letter case whichever way the article wrote them."""
    from digests.extract import lexicon as lx

    low = [w.lower().rstrip(",;:") for w in words]
    # the title ends at the first comma: "Foreign Minister, Japan"
    upto = next((j + 1 for j, w in enumerate(words) if w.endswith((",", ";", ":"))), len(words))
    end = 0
    for i in range(min(_OFFICE_START, upto)):
        for k in range(min(5, upto - i), 0, -1):
            if lx.TITLE_CLASS.get(" ".join(low[i:i + k])) not in _NOT_OFFICE:
                end = max(end, i + k)
                break
    return end


_ABBREV = re.compile(r"[A-Z][a-z]{0,4}\.?")


def _expand_abbreviations(words: list[str]) -> str | None:
    """A role written only as abbreviated titles, spelt out ("Lt. Col." -> "Lieutenant Colonel",
    "Sens." -> "Senator"), or None when a word is not a known title abbreviation."""
    from digests.extract import lexicon as lx  # the store reads the extractor's title table

    out = []
    for w in words:
        key = w.lower().rstrip(".")
        full = lx.TITLE_WORDS.get(key)
        if full is None or full == key:
            return None
        if full.endswith("s") and lx.TITLE_WORDS.get(key[:-1]) == full[:-1]:
            full = full[:-1]  # "Sens." before one person's name: a senator
        out.append(full)
    return " ".join(out).title()


def _spell_titles(words: list[str]) -> list[str]:
    """Abbreviated titles inside a role spelt out ("South Carolina Republican Sen." -> "...
    Senator", "Pentagon Press Secretary Rear Adm." -> "... Rear Admiral"), a title written twice
    in a row once ("Sen. Sen."); other words as written."""
    out: list[str] = []
    for w in words:
        bare = w.rstrip(",;:")
        if bare.endswith(".") and _ABBREV.fullmatch(bare):
            spelt = _expand_abbreviations([bare])
            if spelt is not None:
                w = spelt + w[len(bare):]  # "Rep., Maryland": the comma stays
        if not out or out[-1] != w:
            out.append(w)
    return out


def display_role(role: str | None) -> str | None:
    """A stored role as it is shown, or None when nothing readable is left: a clause or weekday
    it ran into cut off ("..., Wednesday", "... said on MSNBC Monday"), words it was cut on
    dropped ("former chief U"), another person's description left out ("another journalist",
    "two originally from ..."), abbreviated titles spelt out ("Sen." -> "Senator", "Republican
    Sen." -> "Republican Senator") and an office a role written with a capital opens with in title
    case ("Prime minister" -> "Prime Minister"; "prime minister of Norway" stays as written)."""
    if not role:
        return None
    text = " ".join(role.split()).strip(" ,;:")
    text = _ROLE_CLAUSE.sub("", text)
    text = _ROLE_WEEKDAY.sub("", text).strip(" ,;:")
    if _OTHER_LEAD.match(text) or not looks_like_role(text):
        return None  # (a store written before roles had to read as roles: "Canada acted so meek")
    words = text.split()
    written = len(words)
    while words and words[-1].lower().rstrip(".,") in _DANGLING:
        words.pop()
    if not words or (all(w.lower() in _ONLY_MODIFIERS for w in words) and words != ["Chief"]):
        return None
    words = _spell_titles(words)
    if all(_ABBREV.fullmatch(w) for w in words) and any(w.endswith(".") or len(w) <= 3 for w in words):
        spelt = _expand_abbreviations(words)
        if spelt is not None:
            return spelt
    # a role written in lower case stays so ("Singapore-based scholar"); one whose capital opens its
    # office has the office in title case ("Prime minister" -> "Prime Minister", "Former national
    # security adviser" -> "Former National Security Adviser"; not "Singapore-based scholar")
    office = _office_end(words) if words[0][:1].isupper() else 0
    if office and words[0].lower() not in _ONLY_MODIFIERS and _office_start(words) > 0:
        office = 0  # the office starts after the first word: its capital is a name's ("Singapore-based")
    if office:
        words[:office] = [w if w.lower() in _SMALL else w[:1].upper() + w[1:] for w in words[:office]]
        return " ".join(words)
    if len(words) == 1 and words[0].islower() and len(words) < written:
        return None  # one lower-case word left of a cut-off phrase ("state now")
    return " ".join(words)


def credit_role(quote_role: str | None, entity_role: str | None, affiliation: str | None) -> str | None:
    """The role a credit shows for one quotation ("Foreign Minister, Japan"): the quotation's role
    as shown (:func:`display_role`), else the speaker's in its article, with the body the speaker
    is affiliated to when the role does not name it; None with neither."""
    role = display_role(quote_role) or display_role(entity_role)
    if role and affiliation and affiliation.lower() not in role.lower():
        return f"{role}, {affiliation}"
    return role or affiliation or None


def most_shown(roles: Mapping[str, int]) -> str | None:
    """The role shown most often (one role in two letter cases is one, shown as most often
    written; ties to the alphabetically first), or None."""
    folded: Counter[str] = Counter()
    for written, n in roles.items():
        folded[written.casefold()] += n
    if not folded:
        return None
    most = min(folded.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return min((r for r in roles if r.casefold() == most), key=lambda r: (-roles[r], r))
