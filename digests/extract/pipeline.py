"""The extraction pipeline: named stages run in order over one ``Doc``.

Modelled on spaCy's ``Language`` pipeline. Each stage is registered with what it
``requires`` (the names of earlier results, or ``doc`` and ``published``) and
what it ``assigns``; ``Pipeline`` checks the order once, when it is built, and
hands every stage the earlier results it asked for as keyword arguments, so no
stage reaches another through module state. ``DEFAULT.analyze()`` prints the table.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from digests.extract.text import Doc, build_doc, flag_furniture, is_caption

#: names every stage may require without a stage assigning them
GIVEN = ("doc", "published", "learned", "title")


class PipelineError(ValueError):
    """A pipeline whose stages are out of order, duplicated or unknown."""


@dataclass(frozen=True)
class Stage:
    """One step: ``func(**{name: value for name in requires})`` returns one value per ``assigns``."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    func: Callable[..., Any]
    doc: str = ""

    def __call__(self, results: Mapping[str, Any]) -> dict[str, Any]:
        """Run the stage on what earlier ones found; the names it assigns, with their values."""
        out = self.func(**{r: results[r] for r in self.requires})
        if len(self.assigns) == 1:
            return {self.assigns[0]: out}
        return dict(zip(self.assigns, out, strict=True))


_REGISTRY: dict[str, Stage] = {}


def stage(
    name: str, *, requires: Iterable[str], assigns: Iterable[str]
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``func`` as the stage ``name`` (a decorator, like spaCy's ``Language.component``)."""

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        if name in _REGISTRY:
            raise PipelineError(f"stage {name!r} is registered twice")
        summary = (func.__doc__ or "").strip().splitlines()
        _REGISTRY[name] = Stage(name, tuple(requires), tuple(assigns), func, summary[0] if summary else "")
        return func

    return register


def registered(name: str) -> Stage:
    """The stage registered as ``name``."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise PipelineError(f"no stage named {name!r}; known: {', '.join(sorted(_REGISTRY))}") from None


class Pipeline:
    """Stages in order, checked when built: each requirement is assigned by an earlier stage."""

    def __init__(self, names: Iterable[str]) -> None:
        self.stages: tuple[Stage, ...] = tuple(registered(n) for n in names)
        known = set(GIVEN)
        for st in self.stages:
            missing = [r for r in st.requires if r not in known]
            if missing:
                raise PipelineError(
                    f"stage {st.name!r} requires {', '.join(missing)}, which no earlier stage assigns"
                )
            twice = [a for a in st.assigns if a in known]
            if twice:
                raise PipelineError(
                    f"stage {st.name!r} assigns {', '.join(twice)}, already assigned before it"
                )
            known.update(st.assigns)

    @property
    def names(self) -> list[str]:
        """The stage names, in order."""
        return [s.name for s in self.stages]

    def run(
        self, doc: Doc, published: date | None = None, learned: Collection[int] = (), title: str = ""
    ) -> dict[str, Any]:
        """Every stage in order over ``doc``; the results by name (the given ones included).

        ``learned``: hashes of lines the article's outlet repeats (``digests.furniture``); ``title``:
        the article's headline (whose subject names a pronoun an event's words open with).
        """
        results: dict[str, Any] = {"doc": doc, "published": published, "learned": learned, "title": title}
        with _no_cycle_collection():
            for st in self.stages:
                results.update(st(results))
        return results

    def analyze(self) -> str:
        """A printable table: each stage, what it requires and what it assigns."""
        rows = [("stage", "requires", "assigns")]
        rows += [(s.name, ", ".join(s.requires), ", ".join(s.assigns)) for s in self.stages]
        w0 = max(len(r[0]) for r in rows)
        w1 = max(len(r[1]) for r in rows)
        return "\n".join(f"{a:<{w0}}  {b:<{w1}}  {c}".rstrip() for a, b, c in rows)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while the stages run.

    The stages build no reference cycles (plain objects are freed by reference counting as
    usual), but they keep every match, token and span of the article alive until the end;
    each full collection would walk all of them again, and on a long text (several MB) those
    walks made the cost per MB grow with the length. Collection resumes afterwards (``run_into``
    lets the caller keep what it needs and drop the rest first, so that the collection the
    allocations made due does not walk the ``Doc`` and the stages' results one more time).
    """
    if not gc.isenabled():  # the caller turned it off (or another extraction is running)
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


# The stages. Each wraps one extractor module; the imports stay inside so that a
# module's own import cost is paid where it is used.


@stage("furniture", requires=("doc", "learned"), assigns=("furniture", "captions"))
def _furniture(doc: Doc, learned: Collection[int]) -> tuple[frozenset[int], frozenset[int]]:
    """Page furniture (sign-up lines, credits, bylines, captions, lines the outlet repeats): flagged, kept.

    Also the furniture paragraphs that are photo captions, whose facts the later stages keep
    (read once here rather than by each of them).
    """
    furniture = flag_furniture(doc, learned)
    text = doc.text
    captions = frozenset(
        p.index for p in doc.paragraphs if p.furniture and is_caption(text[p.start : p.end])
    )
    return furniture, captions


@stage("entities", requires=("doc", "furniture"), assigns=("entities",))
def _entities(doc: Doc, furniture: frozenset[int]) -> Any:
    """People, organisations and places, merged across their mentions."""
    from digests.extract.entities import find_entities

    return find_entities(doc)


@stage("quotations", requires=("doc", "entities"), assigns=("quotes",))
def _quotations(doc: Doc, entities: Any) -> Any:
    """Direct and reported speech, attributed to a speaker by an ordered list of sieves."""
    from digests.extract.quotes import find_quotes

    return find_quotes(doc, entities)


@stage(
    "times",
    requires=("doc", "furniture", "captions", "entities", "published"),
    assigns=("times", "calendar_spans", "tense_cues"),
)
def _times(
    doc: Doc, furniture: frozenset[int], captions: frozenset[int], entities: Any, published: date | None
) -> Any:
    """Dates, durations and clock times, normalised against the publication date; none inside a
    person's name ("Theresa May")."""
    from digests.extract.times import outside_names, scan_times

    # one scan of the text gives all three (the tense cues of the sentences it read, for events)
    scan = scan_times(doc, published, captions)
    return scan._replace(times=outside_names(scan.times, entities))


@stage(
    "events",
    requires=("doc", "captions", "times", "tense_cues", "entities", "published"),
    assigns=("events",),
)
def _events(
    doc: Doc, captions: frozenset[int], times: Any, tense_cues: Any, entities: Any, published: date | None
) -> Any:
    """Dated happenings: a sentence's time expression with its status (held, planned...)."""
    from digests.extract.events import find_events

    return find_events(doc, times, entities, published, captions=captions, cues=tense_cues)


@stage("shown", requires=("doc", "events", "times", "entities", "published", "title"), assigns=("shown",))
def _shown(doc: Doc, events: Any, times: Any, entities: Any, published: date | None, title: str) -> Any:
    """The events with the words each is shown in: the whole sentence of a cut clause (/timeline),
    the clause of its date or of a state's end with its pronoun named ("Coming up")."""
    from digests.extract.shown import shown_events

    return shown_events(doc, events, times, entities, published, title)


@stage("figures", requires=("doc", "furniture", "captions", "calendar_spans"), assigns=("figures",))
def _figures(doc: Doc, furniture: frozenset[int], captions: frozenset[int], calendar_spans: Any) -> Any:
    """Money, counts, durations and percentages, leaving the numbers of dates alone."""
    from digests.extract.figures import find_figures

    return find_figures(doc, calendar_spans, captions)


#: The default order. Stages that read ``Paragraph.furniture`` require ``furniture``.
DEFAULT = Pipeline(["furniture", "entities", "quotations", "times", "events", "shown", "figures"])


def run(
    text: str, published: date | None = None, pipeline: Pipeline = DEFAULT, learned: Collection[int] = (),
    title: str = "",
) -> dict[str, Any]:
    """Build the ``Doc`` for ``text`` and run ``pipeline`` over it; the results by name."""
    with _no_cycle_collection():
        return pipeline.run(build_doc(text), published, learned, title)


T = TypeVar("T")


def run_into(
    text: str,
    keep: Callable[[Mapping[str, Any]], T],
    published: date | None = None,
    pipeline: Pipeline = DEFAULT,
    learned: Collection[int] = (),
    title: str = "",
) -> T:
    """``keep(run(text, published, pipeline, learned, title))``, with the results (the ``Doc``, its
    tokens and spans, every stage's output) freed before the cyclic collector resumes: its
    next pass then walks only what ``keep`` made, not the whole article again (on the
    benchmark's articles that pass took 0.2-0.5 ms an article, now a few microseconds)."""
    with _no_cycle_collection():
        return keep(pipeline.run(build_doc(text), published, learned, title))

