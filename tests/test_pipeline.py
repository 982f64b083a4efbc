"""The extraction pipeline and the Doc every stage reads."""

from __future__ import annotations

from datetime import date

import pytest

from digests.extract import extract
from digests.extract.pipeline import DEFAULT, Pipeline, PipelineError, registered, run
from digests.extract.text import build_doc, parse_document, sentence_spans, word_shape

ARTICLE = (
    "Leaders meet in Lisbon\n"
    "Sign up for our newsletter: the week in Europe\n"
    'LISBON – Prime Minister Ana Duarte said on Monday that the talks "went well".\n'
    "The delegations met in the capital, where Gov. Maria Santos signed the deal. "
    "It covers 12 ports and US$3 billion of trade.\n"
)


def test_default_order_is_checked_and_printable() -> None:
    assert DEFAULT.names == ["furniture", "entities", "quotations", "times", "events", "shown", "figures"]
    table = DEFAULT.analyze().splitlines()
    assert table[0].split() == ["stage", "requires", "assigns"]
    assert any(row.startswith("figures") and "calendar_spans" in row for row in table)


def test_a_stage_before_what_it_requires_is_refused() -> None:
    with pytest.raises(PipelineError, match=r"events.*requires"):
        Pipeline(["furniture", "entities", "events", "times"])
    with pytest.raises(PipelineError, match="no stage named"):
        Pipeline(["furniture", "nonsense"])
    with pytest.raises(PipelineError, match="already assigned"):
        Pipeline(["furniture", "furniture"])


def test_stages_get_earlier_results_as_arguments() -> None:
    found = run(ARTICLE, date(2026, 1, 7))
    assert set(found) >= {"doc", "published", "furniture", "entities", "quotes", "times", "figures"}
    assert found["furniture"] == frozenset({1})
    # figures leave the numbers of dates alone: the times stage hands its spans on
    assert all(isinstance(s, tuple) for s in found["calendar_spans"])
    assert [f.text for f in found["figures"]] == ["12 ports", "US$3 billion"]


def test_a_shorter_pipeline_runs_alone() -> None:
    facts = extract(ARTICLE, date(2026, 1, 7), Pipeline(["furniture", "entities"]))
    assert any(e.name == "Ana Duarte" for e in facts.entities)
    assert facts.quotes == [] and facts.times == []
    assert registered("quotations").requires == ("doc", "entities")


def test_one_sentence_splitter_keeps_gov_with_the_name() -> None:
    lead = "The delegations met in the capital, where Gov. Maria Santos signed the deal. It covers 12 ports."
    spans = sentence_spans(lead)
    assert [lead[a:b] for a, b in spans] == [
        "The delegations met in the capital, where Gov. Maria Santos signed the deal.",
        "It covers 12 ports.",
    ]


def test_plural_titles_before_several_names_do_not_end_a_sentence() -> None:
    text = (
        "Sens. Lara Quint and Olu Bamidele wrote to the ministry. "
        "Reps. Tomas Ferreira and Ina Vos backed them, and Govs. Pia Lund and Ed Marr agreed."
    )
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Sens. Lara Quint and Olu Bamidele wrote to the ministry.",
        "Reps. Tomas Ferreira and Ina Vos backed them, and Govs. Pia Lund and Ed Marr agreed.",
    ]


def test_plural_academic_and_courtesy_titles_do_not_end_a_sentence() -> None:
    text = (
        "Drs. Noor Haddad and Ivo Bren ran the trial. "
        "Profs. Lin Aukes and Mo Grey disagreed, as did Messrs. Abe Tor and Kit Lam. Then it ended."
    )
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Drs. Noor Haddad and Ivo Bren ran the trial.",
        "Profs. Lin Aukes and Mo Grey disagreed, as did Messrs. Abe Tor and Kit Lam.",
        "Then it ended.",
    ]


def test_tokens_carry_offsets_shape_sentence_and_paragraph() -> None:
    doc = parse_document(ARTICLE)
    toks = doc.tokens
    for t in toks:
        assert ARTICLE[t.start : t.end] == t.text
        assert t.lower == t.text.lower()
    gov = next(t for t in toks if t.text == "Gov")
    maria = next(t for t in toks if t.text == "Maria")
    assert gov.sentence == maria.sentence and gov.paragraph == 3
    assert gov.shape == "Xxx" and word_shape("US$3") == "XX$d" and word_shape("2026") == "dddd"
    assert "title" in doc.flags(next(t for t in toks if t.lower == "minister"))
    assert "calendar" in doc.flags(next(t for t in toks if t.text == "Monday"))


def test_writes_lower_knows_whole_words_written_in_lower_case() -> None:
    doc = build_doc("Talks went well. The well-known talks' end; Rotterdam-based x_talks EU-wide.")
    assert all(doc.writes_lower(w) for w in ("went", "well", "well-known", "talks'", "end"))
    # "talks" is only written capitalised, before an apostrophe or after "x_"; "he" only inside "The"
    assert not any(doc.writes_lower(w) for w in ("talks", "wide", "based", "he", "rotterdam", "x_talks"))
    # asked twice, answered the same (the answer is kept on the Doc)
    assert doc.writes_lower("end") and not doc.writes_lower("wide")


def test_extraction_holds_off_the_cycle_collector_and_restores_it() -> None:
    import gc

    from digests.extract import pipeline

    seen: list[bool] = []

    @pipeline.stage("_gc_probe", requires=("doc",), assigns=("_gc_probe",))
    def _probe(doc: object) -> bool:
        seen.append(gc.isenabled())
        return True

    try:
        probe = Pipeline(["_gc_probe"])
        assert gc.isenabled()
        run(ARTICLE, date(2026, 1, 7), probe)
        assert seen == [False] and gc.isenabled()
        gc.disable()  # a caller that turned it off keeps it off
        run(ARTICLE, date(2026, 1, 7), probe)
        assert not gc.isenabled()
    finally:
        gc.enable()
        pipeline._REGISTRY.pop("_gc_probe", None)


def test_extraction_frees_the_doc_before_the_cycle_collector_resumes(monkeypatch: pytest.MonkeyPatch) -> None:
    """``extract`` keeps its result and frees the ``Doc`` and the stages' results before cyclic
    collection resumes, so the collection then due walks only the result (not the article again)."""
    import gc
    import weakref

    from digests.extract import pipeline

    docs: list[weakref.ref[object]] = []
    alive_at_enable: list[bool] = []
    real_build = pipeline.build_doc
    real_enable = gc.enable

    def build(text: str) -> object:
        doc = real_build(text)
        docs.append(weakref.ref(doc))
        return doc

    def enable() -> None:
        alive_at_enable.extend(ref() is not None for ref in docs)
        real_enable()

    monkeypatch.setattr(pipeline, "build_doc", build)
    monkeypatch.setattr(pipeline.gc, "enable", enable)
    found = extract(ARTICLE, date(2026, 1, 7))
    assert found.quotes and found.times  # the result is whole
    assert alive_at_enable == [False] and gc.isenabled()
    # ``run`` hands the caller the results themselves: the Doc lives on with them
    assert run(ARTICLE, date(2026, 1, 7))["doc"].text
