"""Watches on real news: identity and whole-word matching against the substring matching that
feed bots use, counted on a folder of articles (default: ../shared/eval/realnews/allsides).

    python -m bench.sample_watches [--dir DIR] [--show N]

Every article is ingested into a temporary store (real extraction), the watches are added and
then applied to every stored article (a watch normally sees only articles stored after it), and
for each watch the script prints how many articles a case-folded substring search would alert
on, how many hold the words as whole words, and how many the watch alerts on (a quoted phrase:
the whole words; a person: their quotations and dated events naming them; a country or topic:
dated events about it); with ``--show``, the words around the first few substring matches the
watch does not alert on. The texts stay in the shared folder; nothing is copied.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tempfile
import time
from pathlib import Path

from digests.ingest import ingest_inputs
from digests.store import Store
from digests.watches import KIND_LABELS, AmbiguousWatch, mentions, parse_watch, phrase_tokens, scan_all

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "realnews" / "allsides"
# Words that sit inside other words ("assad" in "ambassador", "isis" in "crisis", "nato" in
# "senator"), people who share a surname with others, a country and a topic.
QUERIES = ('"assad"', '"isis"', '"nato"', '"iran"', '"Islamic State"',
           "Assad", "Putin", "Kerry", "Hillary Clinton", "Bill Clinton", "Obama",
           "Iran", "Israel", "immigration")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--show", type=int, default=0, help="print the context of N substring-only matches")
    args = parser.parse_args(argv)
    files = sorted(p for p in args.dir.glob("*") if p.is_file()) if args.dir.is_dir() else []
    if not files:
        print(f"no articles in {args.dir}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "watches.db") as store:
        started = time.perf_counter()
        ingest_inputs(store, [str(p) for p in files], out=io.StringIO(), err=io.StringIO(), progress=False)
        ingested = time.perf_counter() - started
        texts = {aid: f"{title}\n{text}" for aid, title, text, _ in store.articles_after(0, 10**6)}
        specs = {}
        for query in QUERIES:
            try:
                spec = parse_watch(store, query)
            except AmbiguousWatch as err:  # the user is asked which one: the most quoted, as /watch lists
                quoted = {name: quotes for name, _, quotes in store.people_rows(err.names)}
                best = sorted(err.names, key=lambda n: (-quoted.get(n, 0), n))[0]
                print(f"{query}: {len(err.names)} people match ({', '.join(err.names[:5])}"
                      f"{' ...' if len(err.names) > 5 else ''}); watching the most quoted, {best}")
                query = best
                spec = parse_watch(store, best)
            specs[query] = spec
            store.add_watch("bench:watches", spec.kind, spec.key, spec.label, query, "bench")
        store.rewind_watches()  # every watch sees every stored article, as if all arrived after it
        started = time.perf_counter()
        scan_all(store)
        scanned = time.perf_counter() - started
        hits = store.hits_by_query()
        per = 1000 * scanned / max(1, len(texts))
        print(f"{len(texts)} articles from {args.dir} (ingest {ingested:.1f} s; matching {len(specs)} "
              f"watches against all of them {scanned:.2f} s, {per:.2f} ms an article)")
        print(f"{'query':<18} {'watches':<28} {'substring':>9} {'words':>6} {'alerts':>6}")
        for query, spec in specs.items():
            needle = query.strip('"').lower()
            naive = {aid for aid, text in texts.items() if needle in text.lower()}
            words_key = " ".join(phrase_tokens(needle))
            words = {aid for aid, text in texts.items() if mentions(words_key, text)}
            ours = hits.get(query, set())
            shown = f"{spec.label} ({KIND_LABELS[spec.kind]})"
            print(f"{query[:18]:<18} {shown[:28]:<28} {len(naive):>9} {len(words):>6} {len(ours):>6}")
            for aid in sorted(naive - ours)[: args.show]:
                text = texts[aid]
                at = text.lower().index(needle)
                around = re.sub(r"\s+", " ", text[max(0, at - 50): at + len(needle) + 50])
                print(f"    {aid}: …{around}…")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
