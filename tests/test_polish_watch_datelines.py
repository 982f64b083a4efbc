"""A words watch's "Mentioned:" line is the sentence holding the words, without the dateline that
opens its paragraph ("LIMA (Andes Wire) — "), which events already drop. Articles of our own
(tests/data/watches/datelines.json)."""

from __future__ import annotations

import json
from pathlib import Path

from digests.commands import CommandContext, handle
from digests.store import Store
from digests.watches import scan_all
from tests.fakes import save_article

DATA = json.loads((Path(__file__).parent / "data" / "watches" / "datelines.json").read_text(encoding="utf-8"))


def test_a_mention_line_drops_the_dateline_of_its_paragraph(tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.db") as store:
        ctx = CommandContext(platform="console", user_id="U1", channel_id="desk", can_manage=True)
        assert handle(store, "watch", 'add "Port of Callao"', ctx).kind == "answer"
        urls = {save_article(store, spec): spec for spec in DATA["articles"]}
        assert scan_all(store) == len(urls)
        rows = store.db.execute("SELECT article_id, fact FROM watch_hits ORDER BY id").fetchall()
    shown = {urls[aid]["key"]: json.loads(fact) for aid, fact in rows}
    for key, spec in ((spec["key"], spec) for spec in DATA["articles"]):
        (fact,) = shown[key]
        assert (fact["kind"], fact["text"]) == ("mention", spec["expect"]), key
