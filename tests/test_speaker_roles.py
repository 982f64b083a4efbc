"""What the store counts for identities as facts are written (schema v20): the roles of each
speaker's quotations (``speaker_roles``), what a digest's "one role per person" reads instead of
every quotation of that person in the store, and the types and countries the entities give each
name (``name_kinds``), read instead of every entity of the name. The counts must equal the facts
as stored after any write."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from digests.digest.build import build_digest
from digests.models import Article, Entity, EntityType, Extraction, Quote
from digests.store import SCHEMA_VERSION, Store

# the rows the table must hold: the quotations of each speaker LEFT JOIN the entities of the
# speaker's name in the same article, grouped (what the digest counted before version 20)
_RECOUNTED = (
    "SELECT q.speaker, COALESCE(q.speaker_role, ''), COALESCE(e.role, ''), COALESCE(e.affiliation, ''), "
    "count(*) FROM quotes q LEFT JOIN entities e ON e.article_id = q.article_id AND e.name = q.speaker "
    "WHERE q.speaker IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
)


_KINDS_RECOUNTED = (
    "SELECT name, type, COALESCE(country, ''), count(*) FROM entities GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
)


def _rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in store.db.execute(sql).fetchall()]


def _consistent(store: Store) -> bool:
    """Whether both tables hold what the facts stored give."""
    kinds = _rows(store, "SELECT name, type, country, uses FROM name_kinds ORDER BY 1, 2, 3")
    return _kept(store) == _recounted(store) and kinds == _rows(store, _KINDS_RECOUNTED)


def _kept(store: Store) -> list[tuple[object, ...]]:
    return [
        tuple(r)
        for r in store.db.execute(
            "SELECT name, quote_role, entity_role, affiliation, uses FROM speaker_roles ORDER BY 1, 2, 3, 4"
        ).fetchall()
    ]


def _recounted(store: Store) -> list[tuple[object, ...]]:
    return [tuple(r) for r in store.db.execute(_RECOUNTED).fetchall()]


def _article(n: int, day: date, text: str = "") -> Article:
    return Article(
        text=text or f"The ferry union met the port board in Eastport on day {n}, and talks went on.",
        title=f"Ferry talks, day {n}",
        source="The Pebble Gazette",
        url=f"https://pebble.example/ferry/{n}",
        published=day,
    )


def _quote(speaker: str | None, role: str | None = None, n: int = 0) -> Quote:
    said = f"We will sail again {n}"
    return Quote(speaker=speaker, speaker_role=role, kind="direct", text=said, start=0, end=5)


def _person(
    name: str, role: str | None = None, affiliation: str | None = None, kind: EntityType = "person"
) -> Entity:
    return Entity(name=name, type=kind, role=role, affiliation=affiliation, mentions=[(0, 4)])


def _said(name: str, role: str, n: int) -> Extraction:
    """``name`` quoted once, with ``role`` as the entity's."""
    return Extraction(entities=[_person(name, role)], quotes=[_quote(name, None, n)])


def test_the_counts_follow_saves_replacements_deletes_and_cascades(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        # a speaker with an entity (two quotations, one with a role of its own), one without any,
        # one whose name two entities of the article give (each counts, as the join does), a
        # quotation of nobody, and an organisation speaking
        first, _ = store.save(
            _article(1, date(2026, 3, 2)),
            Extraction(
                entities=[
                    _person("Vera Holm", "Foreign Minister", "Ministry of Harbours"),
                    _person("Ida Lind", "union leader"),
                    _person("Ida Lind", None, "Ferry Union"),
                    _person("Port Board", kind="org"),
                ],
                quotes=[
                    _quote("Vera Holm", None, 1),
                    _quote("Vera Holm", "minister", 2),
                    _quote("Ole Brandt", "skipper", 3),
                    _quote("Ida Lind", None, 4),
                    _quote(None, None, 5),
                    _quote("Port Board", None, 6),
                ],
            ),
        )
        assert _consistent(store)
        assert ("Ida Lind", "", "union leader", "", 1) in _kept(store)
        assert ("Ole Brandt", "skipper", "", "", 1) in _kept(store)
        second, _ = store.save(
            _article(2, date(2026, 3, 3)),
            Extraction(entities=[_person("Vera Holm", "Trade envoy")], quotes=[_quote("Vera Holm", None, 7)]),
        )
        assert _consistent(store)
        # the same link with another text: its facts replaced
        store.save(
            _article(1, date(2026, 3, 2), "The ferry union and the port board agreed on new rotas."),
            Extraction(entities=[_person("Ole Brandt", "captain")], quotes=[_quote("Ole Brandt", None, 8)]),
        )
        assert _consistent(store)
        # entities deleted before their quotations, and quotations before their entities
        with store.transaction():
            store.db.execute("DELETE FROM entities WHERE article_id = ?", [second])
        assert _consistent(store)
        with store.transaction():
            store.db.execute("DELETE FROM quotes WHERE article_id = ?", [first])
        assert _consistent(store)
        # a whole article through the foreign keys' cascade, then the rest through delete_article
        with store.transaction():
            store.db.execute("DELETE FROM articles WHERE id = ?", [first])
        assert _consistent(store)
        assert store.delete_article(second)
        assert _kept(store) == [] == _recounted(store)
        assert _consistent(store) and not _rows(store, "SELECT * FROM name_kinds")


def test_copied_facts_are_counted(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        src, _ = store.save(
            _article(1, date(2026, 3, 2)),
            _said("Vera Holm", "Foreign Minister", 1),
        )
        with store.transaction():
            copy = store.insert_article(_article(2, date(2026, 3, 3)))
            store.copy_facts([(copy, src)])
        assert _kept(store) == [("Vera Holm", "", "Foreign Minister", "", 2)] == _recounted(store)
        assert _consistent(store)


def test_the_role_follows_new_quotations(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.save(
            _article(1, date(2026, 1, 5)),
            _said("Vera Holm", "Trade envoy", 1),
        )
        assert store.identity_roles(["Vera Holm"]) == {"Vera Holm": "Trade envoy"}
        later = [
            store.save(
                _article(n, date(2026, 2, n)),
                Extraction(quotes=[_quote("Vera Holm", "Foreign Minister", n), _quote("Vera Holm", n=-n)]),
            )[0]
            for n in (2, 3)
        ]
        # two quotations credited 'Foreign Minister', two with no role of their own: one person,
        # one role, in the digest of either month
        assert store.identity_roles(["Vera Holm"]) == {"Vera Holm": "Foreign Minister"}
        for since, until in ((date(2026, 1, 1), date(2026, 1, 31)), (date(2026, 2, 1), date(2026, 2, 28))):
            digest = build_digest(store, since, until)
            assert [(sp.name, sp.role) for sp in digest.speakers] == [("Vera Holm", "Foreign Minister")]
        for aid in later:
            store.delete_article(aid)
        assert store.identity_roles(["Vera Holm"]) == {"Vera Holm": "Trade envoy"}


def test_an_identity_counts_the_roles_of_all_its_names(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        for n in range(2):
            store.save(
                _article(n, date(2026, 1, 5 + n)),
                _said("Vera Holm", "Trade envoy", n),
            )
        for n in range(2, 5):
            credit = Extraction(quotes=[_quote("Holm", "Foreign Minister", n)])
            store.save(_article(n, date(2026, 1, 5 + n)), credit)
        assert store.identities_for(["Holm"]) == {"Holm": "Vera Holm"}
        # the bare surname's three credits outweigh the full name's two
        assert store.identity_roles(["Vera Holm", "Holm"]) == {
            "Vera Holm": "Foreign Minister",
            "Holm": "Foreign Minister",
        }


def test_a_version_19_store_gets_its_roles_counted_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store.open(path) as store:
        for n, role in enumerate(("Foreign Minister", "Foreign Minister", "Trade envoy")):
            store.save(
                _article(n, date(2026, 1, 5 + n)),
                _said("Vera Holm", role, n),
            )
        counted = _kept(store)
        # put the file back as version 19 left it: no table, no triggers
        for trigger in ("quote_ai", "quote_ad", "entity_ai", "entity_ad"):
            store.db.execute(f"DROP TRIGGER speaker_roles_{trigger}")
        store.db.execute("DROP TRIGGER name_kinds_ai")
        store.db.execute("DROP TRIGGER name_kinds_ad")
        store.db.execute("DROP TABLE speaker_roles")
        store.db.execute("DROP TABLE name_kinds")
        store.db.execute("UPDATE meta SET value = '19' WHERE key = 'schema_version'")
        store.db.conn.commit()
    assert SCHEMA_VERSION >= 20  # (21: the words events are shown in, filled again from the text)
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert _kept(store) == counted == [
            ("Vera Holm", "", "Foreign Minister", "", 2),
            ("Vera Holm", "", "Trade envoy", "", 1),
        ]
        assert store.identity_roles(["Vera Holm"]) == {"Vera Holm": "Foreign Minister"}
        assert _consistent(store)
        # and counts on from there
        for n in (3, 4):
            store.save(
                _article(n, date(2026, 1, 5 + n)),
                _said("Vera Holm", "Trade envoy", n),
            )
        assert _consistent(store)
        assert store.identity_roles(["Vera Holm"]) == {"Vera Holm": "Trade envoy"}


def test_a_bare_name_given_only_as_a_place_joins_the_person_once_it_is_given_as_one(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.save(_article(1, date(2026, 1, 5)), _said("Jim Jordan", "Congressman", 1))
        place, _ = store.save(
            _article(2, date(2026, 1, 6)),
            Extraction(entities=[_person("Jordan", kind="place")], quotes=[_quote("Jordan", n=2)]),
        )
        assert store.identities_for(["Jordan"]) == {"Jordan": "Jordan"}  # the country is no person's
        store.delete_article(place)
        store.save(_article(3, date(2026, 1, 7)), _said("Jordan", "Congressman", 3))
        assert store.identities_for(["Jordan"]) == {"Jordan": "Jim Jordan"}
        assert _consistent(store)
