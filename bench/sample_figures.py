"""Figures on real articles (issue 13): a seeded sample to judge, the judged labels re-checked.

    python -m bench.sample_figures [--dir ../shared/eval/realnews/allsides] [--seed 41] [--n 100] [--show]
    python -m bench.sample_figures --save /tmp/figures-before.json
    python -m bench.sample_figures --against /tmp/figures-before.json [--show]

Extracts every article of the folder and reports, with counts:

- with ``--show``, a seeded random draw of ``--n`` extracted figures (uniform over all the
  folder's figures, in file order), each printed with its file, offsets, value, unit, what it
  measures and its sentence, the figure in [[ ]], to judge by hand;
- the judged samples (``--labels``, default bench/figure_labels.csv) counted by verdict, and
  re-checked against the extraction as it is now: a judged figure is right now when the figure
  now at its offsets (the one overlapping it most) reads as the judge wrote it should (``want``:
  "-" no figure, else its value and unit and, after "|", what it counts; "" the judged reading);
- ``--save FILE`` keeps every figure of the folder (offsets, value, unit, measures, no text);
  ``--against FILE`` counts and lists the figures that differ from a saved run, with their
  sentences (``--show``), to read whether a change turned wrong readings right.

Verdicts: ``right`` (a quantity with the right value, unit and what it counts), ``identifier``
(a number that names a thing, no quantity), ``value`` (wrong value, unit or scale: "$1.5
billion" read as 1.5), ``subject`` (wrong thing counted), ``date`` (part of a date, a time,
an age used as a name), ``other``. Only file names, offsets, values and verdicts are kept in
the repository, never the texts (``../shared`` holds them; absent, the script says so).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections import Counter
from pathlib import Path

from digests.extract import extract
from digests.extract.text import sentence_spans
from digests.sources import read_path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "eval" / "realnews" / "allsides"
VERDICTS = ("right", "identifier", "value", "subject", "date", "other")

# (file, start, end, value, unit, measures)
Row = tuple[str, int, int, float, str | None, str | None]


def figures_of(folder: Path) -> tuple[list[Row], dict[str, str]]:
    """Every figure of the folder's articles, file by file, and the texts by file name."""
    rows: list[Row] = []
    texts: dict[str, str] = {}
    for p in sorted(folder.glob("*.txt")):
        art = read_path(p)
        texts[p.name] = art.text
        for f in extract(art.text, art.published).figures:
            rows.append((p.name, f.start, f.end, f.value, f.unit, f.measures))
    return rows, texts


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]``, the figure marked [[ ]], on one line."""
    lo, hi = max(0, start - 200), min(len(text), end + 200)
    for s, e in sentence_spans(text):
        if s <= start < e:
            lo, hi = s, max(e, end)
            break
    return " ".join(f"{text[lo:start]}[[{text[start:end]}]]{text[end:hi]}".split())


def reading(value: float, unit: str | None) -> str:
    """A figure's value and unit as the labels write them: "1500000000 USD", "12 percent", "40"."""
    v = f"{value:.6g}" if value != int(value) else str(int(value))
    return f"{v} {unit}" if unit else v


def found_at(rows: list[Row], file: str, start: int, end: int) -> Row | None:
    """The figure of ``file`` at exactly ``start:end``, else the one overlapping it most."""
    best, best_overlap = None, 0
    for r in rows:
        if r[0] != file:
            continue
        if (r[1], r[2]) == (start, end):
            return r
        overlap = min(r[2], end) - max(r[1], start)
        if overlap > best_overlap:
            best, best_overlap = r, overlap
    return best


def right_now(label: dict[str, str], now: Row | None) -> bool:
    """Whether the figure now at a judged place reads as the judge wrote it should."""
    want = label["want"].strip()
    if want == "-":
        return now is None
    if now is None:
        return False
    if not want:
        want = reading(float(label["value"]), label["unit"] or None)
    value, _, measures = (w.strip() for w in want.partition("|"))
    if measures and (now[5] or "").lower() != measures.lower():
        return False
    return reading(now[3], now[4]) == value


def _key(r: Row) -> tuple[str, int, int]:
    return (r[0], r[1], r[2])


def main(argv: list[str] | None = None) -> int:
    """Print the report; returns 0."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--seed", type=int, default=41)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--show", action="store_true", help="print the sample (or the changes) to judge")
    ap.add_argument("--labels", type=Path, default=ROOT / "bench" / "figure_labels.csv")
    ap.add_argument("--save", type=Path, help="keep every figure of the folder (no text) in this file")
    ap.add_argument("--against", type=Path, help="count the figures that differ from a saved run")
    args = ap.parse_args(argv)
    if not any(args.dir.glob("*.txt")):
        print(f"no articles in {args.dir}")
        return 0
    rows, texts = figures_of(args.dir)
    print(f"articles={len(texts)} figures={len(rows)}")
    if args.save:
        args.save.write_text(json.dumps(rows), encoding="utf-8")
        print(f"saved to {args.save}")
    if args.against:
        before = [tuple(r) for r in json.loads(args.against.read_text(encoding="utf-8"))]
        old = {_key(r): r for r in before}  # type: ignore[arg-type]
        new = {_key(r): r for r in rows}
        gone = [r for k, r in old.items() if k not in new or new[k] != r]
        came = [r for k, r in new.items() if k not in old or old[k] != r]
        files = {r[0] for r in gone} | {r[0] for r in came}
        print(
            f"against {args.against}: {len(gone)} figures gone or changed, {len(came)} new or changed, "
            f"in {len(files)} articles"
        )
        if args.show:
            for tag, group in (("-", gone), ("+", came)):
                for r in sorted(group, key=_key):  # type: ignore[arg-type]
                    text = texts.get(r[0], "")
                    print(
                        f"{tag} {r[0]}\t{r[1]}\t{r[2]}\t{reading(r[3], r[4])}\t{r[5] or ''}\t"
                        f"{sentence_of(text, r[1], r[2])[:400]}"
                    )
    elif args.show:
        picked = random.Random(args.seed).sample(rows, min(args.n, len(rows)))
        print(f"## {len(picked)} figures (of {len(rows)}, seed {args.seed})")
        for i, (file, s, e, value, unit, measures) in enumerate(picked, 1):
            print(
                f"{i}\t{file}\t{s}\t{e}\t{reading(value, unit)}\t{measures or ''}\t"
                f"{sentence_of(texts[file], s, e)[:400]}"
            )
    if args.labels.exists():
        with args.labels.open(encoding="utf-8") as fh:
            labels = list(csv.DictReader(fh))
        for seed in sorted({r["seed"] for r in labels}):
            judged = [r for r in labels if r["seed"] == seed]
            counts = Counter(r["verdict"] for r in judged)
            now = sum(right_now(r, found_at(rows, r["file"], int(r["start"]), int(r["end"]))) for r in judged)
            print(
                f"seed {seed}: judged {len(judged)}: "
                + ", ".join(f"{v} {counts[v]}" for v in VERDICTS if counts[v])
                + f"; right now {now}/{len(judged)}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
