"""Temporal and number vocabularies, read once from the resource files in ``resources/time/``.

Each file lists one alternative per line, in the manner of HeidelTime's pattern
files: a regular-expression fragment (most are plain words), optionally
``= value``, then ``@tags`` that name subsets. ``#`` starts a comment line.
A rule refers to a vocabulary as ``{months}`` or to a subset as ``{months@abbr}``;
normalisers look values up through the frozen ``Vocabulary`` objects below.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType


class VocabularyError(ValueError):
    """A resource file that does not parse, or a reference to a vocabulary that does not exist."""


@dataclass(frozen=True)
class Entry:
    """One line of a vocabulary file."""

    pattern: str
    value: str | None
    tags: frozenset[str]


@dataclass(frozen=True)
class Vocabulary:
    """A vocabulary file: its entries in file order, with values by lower-cased entry."""

    name: str
    entries: tuple[Entry, ...]

    def words(self, tag: str | None = None) -> tuple[str, ...]:
        """The entries (all, or those tagged ``tag``), in file order."""
        return tuple(e.pattern for e in self.entries if tag is None or tag in e.tags)

    def alternation(self, tag: str | None = None) -> str:
        """The entries as one regular-expression alternation, in file order."""
        words = self.words(tag)
        if not words:
            raise VocabularyError(f"{self.name}@{tag}: no entries")
        return "|".join(words)

    @property
    def values(self) -> Mapping[str, str]:
        """Lower-cased entry -> value, for entries that have one."""
        return _values(self)

    def number(self, key: str) -> int:
        """The value of ``key`` (lower-cased) as an integer; KeyError when it is not listed."""
        return int(self.values[key.lower()])


@cache
def _values(vocab: Vocabulary) -> Mapping[str, str]:
    return MappingProxyType({e.pattern.lower(): e.value for e in vocab.entries if e.value is not None})


_LINE = re.compile(
    r"^(?P<pattern>\S+(?:\s+(?![=@])\S+)*?)(?:\s+=\s+(?P<value>[^@]+?))?(?P<tags>(?:\s+@\w+)*)\s*$"
)
RESOURCES = "resources/time"


def parse_vocabulary(name: str, text: str) -> Vocabulary:
    """A vocabulary from the text of its file."""
    entries: list[Entry] = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = _LINE.match(line)
        if m is None:
            raise VocabularyError(f"{name}.txt line {n}: cannot read {raw!r}")
        try:
            re.compile(m["pattern"])
        except re.error as exc:
            raise VocabularyError(f"{name}.txt line {n}: {exc}") from None
        tags = frozenset(t[1:] for t in m["tags"].split())
        entries.append(Entry(m["pattern"], m["value"], tags))
    return Vocabulary(name, tuple(entries))


def read_resource(filename: str) -> str:
    """The text of a file in the temporal resources (package data)."""
    return resources.files("digests").joinpath(RESOURCES, filename).read_text(encoding="utf-8")


@cache
def vocabulary(name: str) -> Vocabulary:
    """The vocabulary ``resources/time/<name>.txt``, read once."""
    try:
        text = read_resource(f"{name}.txt")
    except FileNotFoundError:
        raise VocabularyError(f"no vocabulary named {name!r}") from None
    return parse_vocabulary(name, text)


MONTHS = vocabulary("months")
WEEKDAYS = vocabulary("weekdays")
SEASONS = vocabulary("seasons")
DAY_PARTS = vocabulary("day_parts")
HOLIDAYS = vocabulary("holidays")
NUMBERS = vocabulary("numbers")
ORDINALS = vocabulary("ordinals")
DECADES = vocabulary("decades")
UNITS = vocabulary("units")
FUTURE_CUES = vocabulary("future_cues")
PAST_VERBS = vocabulary("past_verbs")
NOT_PAST_ED = vocabulary("not_past_ed")
REPORTING_VERBS = vocabulary("reporting_verbs")
STATUS_CUES = vocabulary("status_cues")
NAMED_DAYS = vocabulary("named_days")


def hints(tag: str) -> tuple[str, ...]:
    """The cheap-test hints of ``resources/time/hints.txt`` tagged ``tag``, in file order, "·"
    read as a blank."""
    return tuple(w.replace("\u00b7", " ") for w in vocabulary("hints").words(tag))
