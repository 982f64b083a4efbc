"""``_Frozen.trusted``: the engine's own results built without validation are the same models."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from digests.extract import extract
from digests.models import Entity, Event, Extraction, Figure, TimeExpression


def test_trusted_equals_validated_with_defaults_filled() -> None:
    values = {"name": "Ana Ruiz", "type": "person", "aliases": ["Ana Ruiz", "Ms Ruiz"], "mentions": [(4, 12)]}
    made = Entity.trusted(**values)
    checked = Entity(**values)  # type: ignore[arg-type]
    assert made == checked
    assert made.model_dump_json() == checked.model_dump_json()
    assert made.model_fields_set == checked.model_fields_set
    assert list(made.__dict__) == list(checked.__dict__)  # the fields in their declared order
    assert made.role is None and made.country is None


def test_trusted_gives_each_instance_its_own_default_lists() -> None:
    a = Event.trusted(date="2026-03-02", status="planned", text="The council will vote.", start=0, end=22)
    b = Event.trusted(date="2026-03-02", status="planned", text="The council will vote.", start=0, end=22)
    assert a.entities == [] and a.entities is not b.entities


def test_trusted_refuses_unknown_fields_and_stays_frozen() -> None:
    with pytest.raises(TypeError, match="nmae"):
        Entity.trusted(nmae="Ana Ruiz", type="person")
    made = Entity.trusted(name="Ana Ruiz", type="person")
    with pytest.raises(ValidationError):
        made.name = "Someone Else"  # type: ignore[misc]
    assert made.model_copy(update={"name": "B"}).name == "B" and made.name == "Ana Ruiz"


def test_an_extraction_round_trips_through_validation() -> None:
    text = (
        "Mayor Ana Ruiz of Portvale said on Monday that the council will vote on the harbour plan "
        "on March 12.\nThe Portvale Harbour Authority welcomed the plan, Ruiz said."
    )
    facts = extract(text, date(2026, 3, 2))
    assert facts.entities and facts.events
    assert Extraction.model_validate_json(facts.model_dump_json()) == facts


def test_trusted_with_every_field_in_order_equals_validated() -> None:
    # the fast path: every field given in the declared order, as the engine builds its facts
    entity = {
        "name": "Ana Ruiz",
        "type": "person",
        "aliases": ["Ana Ruiz"],
        "role": "Mayor",
        "affiliation": None,
        "country": "GB",
        "mentions": [(4, 12)],
    }
    event = {
        "date": "2026-03-12",
        "date_end": None,
        "status": "planned",
        "text": "the council will vote",
        "start": 3,
        "end": 24,
        "entities": ["Ana Ruiz"],
        "paragraph": 1,
        "cue": "will",
        "sentence": "",
        "shown": "the council will vote",
    }
    timex = {"text": "March 12", "start": 40, "end": 48, "type": "DATE", "value": "2026-03-12", "mod": None}
    for model, values in ((Entity, entity), (Event, event), (TimeExpression, timex)):
        assert list(values) == list(model.model_fields)
        made = model.trusted(**values)
        checked = model(**values)
        assert made == checked
        assert made.model_dump_json() == checked.model_dump_json()
        assert made.model_fields_set == checked.model_fields_set
        assert list(made.__dict__) == list(checked.__dict__)
    # the same fields out of order take the general path, to the same instance
    shuffled = dict(reversed(list(event.items())))
    assert Event.trusted(**shuffled) == Event(**event)
    assert list(Event.trusted(**shuffled).__dict__) == list(Event.model_fields)


def test_figures_built_without_validation_equal_validated_ones() -> None:
    text = (
        "The Portvale council approved US$300 billion in spending, up 4.5 percent, for 12 nautical "
        "miles of sea wall.\nAbout 1,200 workers and three contractors will spend 21 consecutive "
        "years on it, at 2 million barrels a day."
    )
    figures = extract(text, date(2026, 3, 2)).figures
    assert len(figures) >= 5
    for fig in figures:
        checked = Figure(**fig.model_dump())
        assert type(fig.value) is float
        assert fig == checked
        assert fig.model_dump_json() == checked.model_dump_json()
