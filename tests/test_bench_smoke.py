"""The benchmark runs end to end at a tiny size, and its article generator is deterministic."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # bench/ is a top-level folder, not an installed package
    sys.path.insert(0, str(ROOT))

from bench.generator import OUTLETS, Corpus  # noqa: E402
from bench.run import REQUIRED_KEYS  # noqa: E402


def test_tiny_benchmark_completes_and_writes_every_key(tmp_path: Path) -> None:
    out = tmp_path / "bench-results.json"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.run",
            "--tiny",
            "--quiet",
            "--out",
            str(out),
            "--workdir",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    res = json.loads(out.read_text(encoding="utf-8"))
    missing = [k for k in REQUIRED_KEYS if k not in res]
    assert not missing, missing
    assert [s["articles"] for s in res["scales"]] == [60, 200]
    for scale in res["scales"]:
        for key in (
            "ingest",
            "who_said",
            "timeline",
            "digest",
            "peak_rss_mb",
            "db_kb_per_1k_articles",
            "facts",
        ):
            assert key in scale, (key, scale.get("error"))
    assert res["who_said"]["queries"] >= 30
    assert "extraction_articles_per_s" in res["targets"]
    assert "articles" in proc.stdout  # the table was printed
    assert not list(tmp_path.glob("geodigest-bench-*")), "the temporary database was not removed"


def test_generator_is_deterministic_and_prefix_stable() -> None:
    big, small = Corpus(5_000, seed=3), Corpus(200, seed=3)
    for i in (0, 17, 199):
        a, b = big.article(i), small.article(i)
        assert a.text == b.text == Corpus(5_000, seed=3).article(i).text
        assert a.published == b.published and a.url == b.url
    assert Corpus(5_000, seed=4).article(17).text != big.article(17).text


def test_generated_articles_vary_in_length_outlet_and_date() -> None:
    corpus = Corpus(600, seed=11)
    arts = list(corpus)
    words = [len(a.text.split()) for a in arts]
    assert min(words) >= 250 and max(words) <= 2_400
    assert len({a.source for a in arts}) == len(OUTLETS)
    days = {a.published for a in arts}
    assert len(days) > 150  # spread over the year, not bunched
    assert len({a.url for a in arts}) == len(arts)
    texts = "\n".join(a.text for a in arts)
    for form in ("PHOTO:", "Sign up", "\u201c", '"', " said", "per cent", "%", "percent"):
        assert form in texts, form
