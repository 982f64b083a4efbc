"""Temporal rules as records, read once from ``resources/time/rules.toml``.

A rule is data: its name, a pattern written with named sub-patterns and
vocabularies, the words (or digit runs) that trigger it, the name of the
normaliser that turns a match into TIMEX3 values, and examples that run as
tests. The trigger table the scanner uses is built here from the records.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

from digests.extract import vocab
from digests.extract.numbers import NUMBER, WORD_NUMBER


class RuleError(ValueError):
    """A rule record that does not load: a bad field, an unknown reference, a pattern that fails."""


@dataclass(frozen=True)
class DigitTrigger:
    """A run of digits that triggers a rule: its width (4, or 2 for one or two digits) and context."""

    width: int
    window: tuple[int, int]
    prev: str = ""  # the character before is one of these
    next: str = ""  # the character after is one of these
    near: str = ""  # this text is within three characters
    clock: bool = False  # a clock time follows (":30", " pm", " GMT")


@dataclass(frozen=True)
class Example:
    """A sentence, its publication date, an expression in it and the value the rules give it."""

    text: str
    published: str
    expr: str
    value: str


@dataclass(frozen=True)
class Rule:
    """One temporal rule (see the head of rules.toml for the fields)."""

    name: str
    priority: int  # position in the file: breaks ties between equally long overlapping matches
    source: str  # the pattern as written, with its references
    regex: re.Pattern[str]
    triggers: tuple[tuple[str, bool], ...]  # (lower-case word, whether a prefix of the word will do)
    window: tuple[int, int]
    digits: tuple[DigitTrigger, ...]
    normaliser: str
    examples: tuple[Example, ...]
    calendar: bool = False  # its matches are dates or clock times (figures leave their numbers alone)
    start_filter: bool = True  # try the pattern only where a match can start (starts.py)


_FIELDS = frozenset(
    ("name", "pattern", "triggers", "window", "digits", "normaliser", "examples", "calendar", "start_filter")
)
_REF = re.compile(r"\{([a-z_]+)(?:@([a-z_]+))?\}")
_BUILTIN = {"number": NUMBER, "word_number": WORD_NUMBER}


def expand(source: str, patterns: Mapping[str, str], _seen: tuple[str, ...] = ()) -> str:
    """``source`` with every ``{name}`` / ``{vocab@tag}`` replaced by its regular expression."""

    def sub(m: re.Match[str]) -> str:
        name, tag = m[1], m[2]
        if tag is None and name in _BUILTIN:
            return _BUILTIN[name]
        if tag is None and name in patterns:
            if name in _seen:
                raise RuleError(f"sub-pattern {name!r} refers to itself")
            return expand(patterns[name], patterns, (*_seen, name))
        try:
            return vocab.vocabulary(name).alternation(tag)
        except vocab.VocabularyError as exc:
            raise RuleError(f"{m[0]}: {exc}") from None

    return _REF.sub(sub, source)


def _trigger_words(spec: str) -> list[tuple[str, bool]]:
    prefix = spec.endswith("*")
    spec = spec.rstrip("*")
    m = _REF.fullmatch(spec)
    words = vocab.vocabulary(m[1]).words(m[2]) if m else (spec,)
    return [(w.lower(), prefix) for w in words]


def _field(raw: Mapping[str, Any], key: str, kind: type, name: str) -> Any:
    value = raw.get(key)
    if not isinstance(value, kind):
        raise RuleError(f"rule {name!r}: {key!r} missing or not a {kind.__name__}")
    return value


def _window(value: Any, name: str) -> tuple[int, int]:
    if not (
        isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) and v >= 0 for v in value)
    ):
        raise RuleError(f"rule {name!r}: window must be [before, after]")
    return value[0], value[1]


def parse_rules(text: str) -> tuple[Rule, ...]:
    """The rules of a rules file, in order."""
    return _rules_of(tomllib.loads(text))


def _rules_of(data: Mapping[str, Any]) -> tuple[Rule, ...]:
    patterns = data.get("patterns", {})
    rules: list[Rule] = []
    seen: set[str] = set()
    for i, raw in enumerate(data.get("rule", [])):
        name = _field(raw, "name", str, f"#{i}")
        if name in seen:
            raise RuleError(f"rule {name!r} listed twice")
        seen.add(name)
        unknown = set(raw) - _FIELDS
        if unknown:
            raise RuleError(f"rule {name!r}: unknown fields {sorted(unknown)}")
        source = _field(raw, "pattern", str, name)
        try:
            regex = re.compile(expand(source, patterns))
        except re.error as exc:
            raise RuleError(f"rule {name!r}: {exc}") from None
        triggers = tuple(w for spec in raw.get("triggers", []) for w in _trigger_words(spec))
        window = _window(raw["window"], name) if triggers else (0, 0)
        digits = tuple(
            DigitTrigger(
                width=d["width"],
                window=_window(d["window"], name),
                prev=d.get("prev", ""),
                next=d.get("next", ""),
                near=d.get("near", ""),
                clock=d.get("clock", False),
            )
            for d in raw.get("digits", [])
        )
        if not triggers and not digits:
            raise RuleError(f"rule {name!r}: no triggers")
        examples = tuple(
            Example(e["text"], e["published"], e["expr"], e["value"]) for e in raw.get("examples", [])
        )
        if not examples:
            raise RuleError(f"rule {name!r}: no examples")
        rules.append(
            Rule(
                name=name,
                priority=i,
                source=source,
                regex=regex,
                triggers=triggers,
                window=window,
                digits=digits,
                normaliser=_field(raw, "normaliser", str, name),
                examples=examples,
                calendar=bool(raw.get("calendar", False)),
                start_filter=bool(raw.get("start_filter", True)),
            )
        )
    return tuple(rules)


@cache
def _shipped() -> Mapping[str, Any]:
    return MappingProxyType(tomllib.loads(vocab.read_resource("rules.toml")))


@cache
def rules() -> tuple[Rule, ...]:
    """The temporal rules shipped with the package, read once."""
    return _rules_of(_shipped())


def subpattern(name: str) -> str:
    """The regular expression of a named sub-pattern of the shipped rules (``[patterns]``)."""
    return expand("{" + name + "}", _shipped().get("patterns", {}))


@dataclass(frozen=True)
class TriggerUse:
    """A trigger word and the rules it opens a window for: (rule name, before, after)."""

    word: str
    prefix: bool  # a word beginning so will do ("years" for "year")
    always: bool  # look for it even when no token of the text is the word (several words, or "-end")
    uses: tuple[tuple[str, int, int], ...]


@cache
def trigger_table() -> tuple[TriggerUse, ...]:
    """Every trigger word once, with the rules it triggers, derived from the rule records."""
    uses: dict[str, list[tuple[str, int, int]]] = {}
    prefix: dict[str, bool] = {}
    for rule in rules():
        left, right = rule.window
        for word, pre in rule.triggers:
            # right: room for the patterns' look-aheads
            uses.setdefault(word, []).append((rule.name, left, max(right, 16)))
            prefix[word] = prefix.get(word, False) or pre
    return tuple(TriggerUse(w, prefix[w], " " in w or w[0] == "-", tuple(u)) for w, u in uses.items())


@cache
def by_name() -> Mapping[str, Rule]:
    """The rules by name."""
    return MappingProxyType({r.name: r for r in rules()})
