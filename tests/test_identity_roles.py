"""One role for one person everywhere: "Who is talking" and the quotation credits of every
digest show the role the person's identity is credited with most over the whole store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from digests.digest.build import build_digest
from digests.models import Article, Entity, Extraction, Quote
from digests.store import Store


def _save(store: Store, day: date, n: int, name: str, role: str) -> None:
    said = f"The harbour tariffs will stay in place for {n} more months, and we will not move on them"
    text = f'"{said}," {role} {name} said on Monday. The talks in Eastport went on.'
    s = text.index(name)
    q = text.index(said)
    store.save(
        Article(
            text=text,
            title=f"Harbour tariffs stay, {n}",
            source="The Pebble Gazette",
            url=f"https://pebble.example/{n}",
            published=day,
        ),
        Extraction(
            entities=[Entity(name=name, type="person", role=role, mentions=[(s, s + len(name))])],
            quotes=[
                Quote(speaker=name, speaker_role=role, kind="direct", text=said, start=q, end=q + len(said))
            ],
        ),
    )


def test_one_person_shows_one_role_in_every_digest(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "r.db")
    try:
        for n in range(3):
            _save(store, date(2026, 1, 5 + n), n, "Vera Holm", "Foreign Minister")
        _save(store, date(2026, 2, 3), 9, "Vera Holm", "Trade envoy")
        assert store.identity_roles(["Vera Holm"]) == {"Vera Holm": "Foreign Minister"}
        january = build_digest(store, date(2026, 1, 1), date(2026, 1, 31))
        february = build_digest(store, date(2026, 2, 1), date(2026, 2, 28))
        shown = [[sp.role for sp in d.speakers if sp.name == "Vera Holm"] for d in (january, february)]
        assert shown == [["Foreign Minister"], ["Foreign Minister"]]  # February's own was "Trade envoy"
        credits = {q.role for d in (january, february) for s in d.stories for q in s.quotes}
        assert credits == {"Foreign Minister"}
    finally:
        store.close()


def test_who_said_shows_the_identity_s_role_as_the_digest_does(tmp_path: Path) -> None:
    from digests.queries import who_said

    store = Store.open(tmp_path / "w.db")
    try:
        for n in range(3):
            _save(store, date(2026, 1, 5 + n), n, "Vera Holm", "Foreign Minister")
        # the latest quotation stored gives the name another role than the person's most credited
        _save(store, date(2026, 1, 9), 9, "Vera Holm", "Trade envoy")
        answer = who_said(store, "Vera Holm")
        assert answer.person is not None
        assert answer.person.role == "Foreign Minister"
        digest = build_digest(store, date(2026, 1, 1), date(2026, 1, 31))
        assert [sp.role for sp in digest.speakers if sp.name == "Vera Holm"] == [answer.person.role]
    finally:
        store.close()
