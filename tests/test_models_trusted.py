"""``_Frozen.trusted``: the engine's own results built without validation are the same models."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from digests.extract import extract
from digests.models import Entity, Event, Extraction


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
