"""List the quotation errors on the PolNeAR development set, by kind.

    python -m bench.quote_errors            # counts and every error with its context
    python -m bench.quote_errors --counts   # counts only
    python -m bench.quote_errors --save F   # also write the errors as JSON lines (to diff two runs)

It extracts each article of ../shared/eval/dev/polnear_dev.jsonl as ``score_dev.py`` does
(the text written to a file, read back, extracted with its publication date) and matches
direct and partial quotations against the gold direct quotations the way
``score_polnear.py`` does (span overlap of at least half both ways after trimming marks;
speaker right when its offsets meet the gold mention, or when both name the same
capitalised word and the gold mention is not a pronoun). Three kinds of error:

- ``extra``: a predicted quotation that meets no gold direct quotation (nor a mixed or
  indirect one, which the scorer ignores), sorted into rough kinds by its text;
- ``missed``: a gold direct quotation no prediction meets;
- ``speaker``: a matched quotation with the wrong speaker (``named`` or ``pronoun`` gold).

Texts are read from ../shared and printed to the terminal only; nothing is written into
the repository.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from digests.extract import extract
from digests.sources import read_path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev" / "polnear_dev.jsonl"
TRIM = set(" \t\n\"'`\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb.,;:!?\u2014-")
_NAME_TOKEN = re.compile(r"[A-Z][\w'\-]{2,}")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in TRIM:
        s += 1
    while e > s and text[e - 1] in TRIM:
        e -= 1
    return s, e


def _names(s: str | None) -> set[str]:
    return {t.lower() for t in _NAME_TOKEN.findall(s or "")}


def extra_kind(text: str, s: int, e: int) -> str:
    """A rough kind for a predicted quotation with no gold: what a reader would call it."""
    inner = text[s:e]
    words = inner.split()
    para_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", e)
    line = text[para_start : line_end if line_end >= 0 else len(text)]
    if para_start == 0 or (len(line.split()) <= 14 and not line.rstrip().endswith((".", '"', "”"))):
        return "headline or short line"
    if len(words) <= 4:
        caps = sum(1 for w in words if w[:1].isupper())
        return "title or name" if caps == len(words) else "short term"
    return "long quotation"


def score(arts: list[dict[str, Any]], preds: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Match predictions to gold; the counts and the errors."""
    c: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    for art in arts:
        text = art["text"]
        units, ignore = [], []
        for q in art["quotes"]:
            for f in q["quote_spans"]:
                s, e = _trim(text, f["start"], f["end"])
                if e > s:
                    (units if q["quote_type"] == "direct" else ignore).append((s, e, q))
        c["gold"] += len(units)
        used: set[int] = set()
        for p in preds.get(art["id"], []):
            ps, pe = _trim(text, int(p["start"]), int(p["end"]))
            if pe <= ps:
                continue
            best, best_ov = None, 0.0
            for i, (us, ue, _) in enumerate(units):
                if i in used:
                    continue
                ov = max(0, min(pe, ue) - max(ps, us))
                if ov == 0:
                    continue
                r = min(ov / (ue - us), ov / (pe - ps))
                if r >= 0.5 and r > best_ov:
                    best, best_ov = i, r
            if best is None:
                if any(max(0, min(pe, ue) - max(ps, us)) > 0 for us, ue, _ in ignore):
                    c["ignored"] += 1
                    continue
                c["pred"] += 1
                kind = extra_kind(text, ps, pe)
                c[f"extra: {kind}"] += 1
                errors.append({"id": art["id"], "error": "extra", "kind": kind, "start": ps, "end": pe,
                               "speaker": p.get("speaker")})  # fmt: skip
                continue
            c["pred"] += 1
            c["tp"] += 1
            used.add(best)
            us, ue, q = units[best]
            ok = False
            span = p.get("speaker_span") or [None, None]
            if span[0] is not None:
                ok = any(min(span[1], g["end"]) > max(span[0], g["start"]) for g in q["speaker_spans"])
            if not ok and q["speaker"] is None and not p.get("speaker"):
                ok = True
            if not ok and q["speaker"] and not q["speaker_is_pronoun"]:
                ok = bool(_names(p.get("speaker")) & _names(q["speaker"]))
            pron = "pronoun" if q["speaker_is_pronoun"] else "named"
            c[f"matched {pron}"] += 1
            if ok:
                c["tp_both"] += 1
                continue
            c[f"speaker: {pron}"] += 1
            errors.append({"id": art["id"], "error": "speaker", "kind": pron, "start": us, "end": ue,
                           "speaker": p.get("speaker"), "speaker_span": span,
                           "gold_speaker": q["speaker"],
                           "gold_span": [(sp["start"], sp["end"]) for sp in q["speaker_spans"]]})  # fmt: skip
        for i, (us, ue, q) in enumerate(units):
            if i not in used:
                c["missed"] += 1
                errors.append({"id": art["id"], "error": "missed", "kind": "", "start": us, "end": ue,
                               "gold_speaker": q["speaker"]})  # fmt: skip
    return {"counts": c, "errors": errors}


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(limit: int = 0) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """The dev articles and the extraction's direct and partial quotations of each."""
    arts = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    arts = arts[:limit] if limit else arts
    preds: dict[str, list[dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for a in arts:
            path = Path(tmp) / (a["id"].replace("/", "_") + ".txt")
            path.write_text(a["text"], encoding="utf-8")
            pub = date.fromisoformat(a["publication_date"][:10])
            article = read_path(path, published=pub)
            data = extract(article.text, pub).model_dump(mode="json")
            preds[a["id"]] = [q for q in data["quotes"] if q["kind"] in ("direct", "partial")]
    return arts, preds


def _show(err: dict[str, Any], text: str) -> str:
    s, e = err["start"], err["end"]
    lo = max(0, s - 160)
    hi = min(len(text), e + 120)
    ctx = (text[lo:s] + "[[" + text[s:e] + "]]" + text[e:hi]).replace("\n", " / ")
    head = f"{err['error']} {err['kind']} {err['id'].split('/')[-1]} @{s}"
    if err["error"] == "speaker":
        gs = "; ".join(text[a:b] for a, b in err["gold_span"])
        sp = err["speaker_span"]
        mention = text[sp[0] : sp[1]] if sp and sp[0] is not None else None
        head += f"\n   gold: {err['gold_speaker']!r} ({gs!r})  ours: {err['speaker']!r} (mention {mention!r})"
    elif err["error"] == "extra":
        head += f"  ours: {err.get('speaker')!r}"
    else:
        head += f"  gold: {err.get('gold_speaker')!r}"
    return f"{head}\n   ...{ctx}..."


def main(argv: list[str] | None = None) -> int:
    """Print the counts and (unless ``--counts``) each error."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--counts", action="store_true", help="the counts only")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--save", type=Path, help="write the errors as JSON lines here")
    args = ap.parse_args(argv)
    if not DEV.exists():
        print(f"no development set at {DEV}", file=sys.stderr)
        return 2
    arts, preds = run(args.limit)
    out = score(arts, preds)
    c = out["counts"]
    texts = {a["id"]: a["text"] for a in arts}
    if not args.counts:
        for err in sorted(out["errors"], key=lambda x: (x["error"], x["kind"], x["id"], x["start"])):
            print(_show(err, texts[err["id"]]))
    if args.save:
        args.save.write_text("".join(json.dumps(x) + "\n" for x in out["errors"]), encoding="utf-8")
    p, r, f = _prf(c["tp"], c["pred"], c["gold"])
    print(f"quote span          P={p:.3f} R={r:.3f} F1={f:.3f}")
    p, r, f = _prf(c["tp_both"], c["pred"], c["gold"])
    print(f"quote+speaker       P={p:.3f} R={r:.3f} F1={f:.3f}")
    print(", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
