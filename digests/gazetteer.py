"""The gazetteer: countries, their names, demonyms, capitals and cities, from one table.

``resources/gazetteer.tsv`` holds every form news text uses for a country, one a
line; fact extraction (``digests.extract``) and digest scopes (``digests.topics``)
both read it through this module, so a country has one name everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from types import MappingProxyType

import pycountry

#: kinds of form that name one country (a digest counts them; extraction reads them as places)
COUNTRY_KINDS = frozenset({"name", "country", "demonym", "people", "capital", "seat", "territory", "part"})


@dataclass(frozen=True)
class Form:
    """One line of the table: how text names a place, the country's code ('' for a region)."""

    form: str
    code: str
    kind: str
    ambiguous: bool = False
    part: str = ""  # of a demonym: the part of the country it names ("Scottish": Scotland)


@cache
def forms() -> tuple[Form, ...]:
    """Every line of the table, in file order (read once)."""
    text = resources.files("digests").joinpath("resources/gazetteer.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        fourth = cols[3] if len(cols) > 3 else ""
        part = fourth if cols[2] == "demonym" and fourth != "ambiguous" else ""
        out.append(Form(cols[0], cols[1], cols[2], fourth == "ambiguous", part))
    return tuple(out)


@cache
def by_kind(*kinds: str) -> Mapping[str, str]:
    """Form (as written) -> code, for the forms of ``kinds``; read-only."""
    return MappingProxyType({f.form: f.code for f in forms() if f.kind in kinds})


@cache
def _names() -> Mapping[str, str]:
    return MappingProxyType({f.code: f.form for f in forms() if f.kind == "name"})


@cache
def _lower_forms() -> Mapping[str, str]:
    """Lower-case form -> code over the country kinds: what a reader may type or text may say."""
    return MappingProxyType({f.form.lower(): f.code for f in forms() if f.kind in COUNTRY_KINDS and f.code})


@cache
def counted_forms() -> Mapping[str, str]:
    """Lower-case form -> code for counting countries in text: country kinds, ambiguous forms left out."""
    ambiguous = {f.form.lower() for f in forms() if f.ambiguous}
    return MappingProxyType({k: v for k, v in _lower_forms().items() if k not in ambiguous})


@cache
def country_forms(code: str) -> tuple[str, ...]:
    """Lower-case forms that name the country ``code`` in text (names, demonyms, capitals), ambiguous
    ones left out, longest first."""
    found = {form for form, c in counted_forms().items() if c == code.upper()}
    return tuple(sorted(found, key=lambda f: (-len(f), f)))


def display_names() -> Mapping[str, str]:
    """Lower-case display name -> code ("south korea" -> "KR")."""
    return _lower_names()


@cache
def _lower_names() -> Mapping[str, str]:
    return MappingProxyType({n.lower(): c for c, n in _names().items()})


def country_name(code: str) -> str:
    """The one display name of an ISO 3166 alpha-2 code ("KR" -> "South Korea")."""
    code = code.upper()
    name = _names().get(code)
    if name is not None:
        return name
    c = pycountry.countries.get(alpha_2=code)
    return code if c is None else str(getattr(c, "common_name", None) or c.name)


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """The ISO alpha-2 code of a country named in any common way ("Seoul", "Korea, Republic of", "KR")."""
    key = " ".join(name.strip().lower().split())
    if not key:
        return None
    code = _lower_forms().get(key)
    if code:
        return code
    if len(key) == 2 and key.isalpha():
        c = pycountry.countries.get(alpha_2=key.upper())
        return c.alpha_2 if c else None
    try:
        c = pycountry.countries.lookup(key)
    except LookupError:
        return None
    return str(c.alpha_2)


def part_of(name: str) -> str | None:
    """The code of the country a name is a part of ("Scotland" -> "GB"), None when it names no part
    (a whole country, a city, or nothing known)."""
    key = " ".join(name.strip().lower().split())
    return _parts().get(key)


def part_forms(name: str) -> tuple[str, ...]:
    """The demonyms the table gives a part of a country ("Scotland" -> ("Scottish",)), so that what
    is Scottish is found with Scotland; none for a name that is no part."""
    key = " ".join(name.strip().lower().split())
    return tuple(f.form for f in forms() if f.part and f.part.lower() == key)


@cache
def _parts() -> Mapping[str, str]:
    return MappingProxyType({f.form.lower(): f.code for f in forms() if f.kind == "part" and f.code})


def place_country(name: str) -> str | None:
    """ISO code of a country, capital or city name as written, '' for regions, None if unknown."""
    for kinds in (("name", "country", "part", "region"), ("capital",), ("city",)):
        code = by_kind(*kinds).get(name)
        if code is not None:
            return code
    return None
