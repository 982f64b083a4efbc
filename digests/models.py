"""The engine's value objects: articles and the facts extracted from them.

Every fact carries its provenance: the article it came from (``article_id``,
filled in when the article is stored) and character offsets into the article
text exactly as stored (``start``/``end``, Python string indices).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field

EntityType = Literal["person", "org", "place", "other"]
QuoteKind = Literal["direct", "partial", "indirect"]
EventStatus = Literal[
    "occurred", "planned", "reported", "cancelled", "postponed", "denied", "proposed", "possible"
]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    @classmethod
    def trusted(cls, **values: Any) -> Self:
        """An instance of values already of their fields' types, built without validation.

        For results the engine builds itself (extraction's entities, events): the same
        instance, fields and JSON as ``cls(**values)``, at less cost. Values are
        taken as given (lists are not copied, numbers not coerced); an unknown field name
        still raises, as ``extra="forbid"`` does.
        """
        shape = _SHAPES.get(cls)
        if shape is None:
            shape = _SHAPES[cls] = _shape(cls)
        names, template, factories = shape
        obj = _new(cls)
        if len(values) == len(names) and tuple(values) == names:
            # every field given, in the declared order (how the engine builds its facts): the
            # keyword dict is the instance's own, no defaults to fill
            _set_dict(obj, values)
        else:
            data = template.copy()  # every field in order: defaults, and a marker where one is required
            data.update(values)  # a given field keeps its place; an unknown one is added at the end
            if len(data) != len(template):
                unknown = sorted(set(values) - set(template))
                raise TypeError(f"{cls.__name__} has no field {', '.join(unknown)}")
            for name, factory in factories:
                if name not in values:
                    data[name] = factory()
            _set_dict(obj, data)
        _set_fields_set(obj, set(values))
        _set_extra(obj, None)
        _set_private(obj, None)
        return obj


_new = object.__new__  # what ``cls.__new__(cls)`` finds for a model (BaseModel defines no __new__)
# a frozen instance's state set as pydantic's own model_construct sets it (``object.__setattr__``), by
# the setters of BaseModel's four slots themselves: the same stores, without looking each name up
_set_dict, _set_fields_set, _set_extra, _set_private = (
    BaseModel.__dict__[name].__set__
    for name in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
)


_Shape = tuple[tuple[str, ...], dict[str, Any], tuple[tuple[str, Any], ...]]
#: each model's fields for ``_Frozen.trusted``: (the field names in order; the fields with their
#: defaults, in order; the fields whose default comes from a factory), read once per model
_SHAPES: dict[type[BaseModel], _Shape] = {}


def _shape(cls: type[BaseModel]) -> _Shape:
    """A model's fields for ``trusted``: their names in order, defaults by name in order (None
    where required or made by a factory), and the (name, factory) pairs."""
    template: dict[str, Any] = {}
    factories: list[tuple[str, Any]] = []
    for name, f in cls.model_fields.items():
        template[name] = None if f.is_required() or f.default_factory is not None else f.default
        if f.default_factory is not None:
            factories.append((name, f.default_factory))
    return tuple(template), template, tuple(factories)


class Article(_Frozen):
    """One news article as read: metadata plus the body text facts index into."""

    title: str
    text: str
    url: str | None = None
    source: str | None = None  # the outlet ("The Straits Times")
    published: date | None = None
    origin: str | None = None  # the path or URL it was read from
    published_from: str | None = None  # where the date came from: "json-ld", "url", "front matter" ...
    language: str | None = None  # ISO 639-1, None when it could not be told

    @property
    def content_hash(self) -> str:
        """Hash of the normalised body text: the identity of an article without a URL."""
        return hashlib.sha256(normalise_for_hash(self.text).encode("utf-8")).hexdigest()

    @property
    def key(self) -> str:
        """Stable identity: the canonical URL when there is one, else the content hash."""
        if self.url:
            return "url:" + canonical_url(self.url)
        return "text:" + self.content_hash


class Entity(_Frozen):
    """A person, organisation or place, with every form the text uses for it."""

    name: str
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    role: str | None = None
    affiliation: str | None = None
    country: str | None = None  # ISO 3166 alpha-2 for countries and places in them
    mentions: list[tuple[int, int]] = Field(default_factory=list)


class Quote(_Frozen):
    """A quotation or reported statement and who made it."""

    speaker: str | None
    text: str
    kind: QuoteKind
    start: int
    end: int
    cue: str | None = None
    speaker_span: tuple[int, int] | None = None
    speaker_role: str | None = None
    paragraph: int = 0


class TimeExpression(_Frozen):
    """A temporal expression with its TIMEX3 type and value."""

    text: str
    start: int
    end: int
    type: TimexType
    value: str
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER ...


class Event(_Frozen):
    """A dated statement of something that happened or will happen."""

    date: str  # TIMEX3 calendar value at the text's granularity: 2026, 2026-04, 2026-01-05
    date_end: str | None = None
    status: EventStatus
    text: str
    start: int
    end: int
    entities: list[str] = Field(default_factory=list)
    paragraph: int = 0
    cue: str | None = None  # the words the status rests on ("postponed", "media reported", "will")
    # the words it is shown in (digests.extract.shown), decided at extraction: on /timeline, the whole
    # sentence of a cut clause; in "Coming up", the clause of its date or of a state's end with its
    # pronoun named. Empty: its own words.
    sentence: str = ""
    shown: str = ""


class Figure(_Frozen):
    """A number with what it measures: money, counts, durations, percentages."""

    text: str
    value: float
    unit: str | None = None  # ISO currency code, "percent", "years", "days", or a counted noun
    measures: str | None = None
    approximate: bool = False
    start: int
    end: int


class Extraction(_Frozen):
    """Everything extraction reads out of one article."""

    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)


class StoredArticle(_Frozen):
    """An article as kept in the store, with its id and fact counts."""

    id: int
    key: str
    title: str
    url: str | None
    source: str | None
    published: date | None
    ingested_at: datetime
    counts: dict[str, int] = Field(default_factory=dict)


_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid)$", re.I)


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop fragments, tracking parameters and trailing slashes."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(url.strip())
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)))
    path = parts.path.rstrip("/") or "/"
    host = (parts.hostname or "").lower()
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    scheme = parts.scheme.lower()
    if scheme == "http":
        scheme = "https"
    return urlunsplit((scheme, host, path, query, ""))


def normalise_for_hash(text: str) -> str:
    """Text reduced to what identifies an article: NFKC, straight quotes, one space, lower case."""
    text = unicodedata.normalize("NFKC", text)
    # four str.replace passes run at memory speed; str.translate (a dict or a maketrans table alike)
    # looks up every character of a non-ASCII text, about 0.3-1 ms per article
    text = text.replace("\u2018", "'").replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split()).lower()
