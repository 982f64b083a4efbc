"""The bundled demo corpus is present, well-formed and as varied as issue 2 asks."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from digests.demo import demo_paths

FRONT = re.compile(r"\A---\n(?P<meta>.*?)\n---\n(?P<body>.*)\Z", re.S)


def _parse(path: Path) -> tuple[dict[str, str], list[str]]:
    text = path.read_text(encoding="utf-8")
    match = FRONT.match(text)
    assert match, f"{path.name}: no front matter"
    meta = dict(line.split(": ", 1) for line in match["meta"].splitlines())
    paragraphs = [p for p in match["body"].split("\n\n") if p.strip()]
    return meta, paragraphs


def test_demo_paths_sorted_and_enough() -> None:
    paths = demo_paths()
    assert len(paths) >= 14
    assert paths == sorted(paths)
    assert all(p.suffix == ".md" and p.is_file() for p in paths)


@pytest.mark.parametrize("path", demo_paths(), ids=lambda p: p.name)
def test_article_shape(path: Path) -> None:
    meta, paragraphs = _parse(path)
    assert {"title", "source", "url", "published"} <= meta.keys()
    assert re.match(r"https://[a-z0-9-]+\.example/", meta["url"])
    date.fromisoformat(meta["published"])
    assert paragraphs[0].strip() == meta["title"], "the title line repeats the front matter title"
    # one paragraph per line: no paragraph spans several lines
    assert all("\n" not in p.strip() for p in paragraphs)
    words = sum(len(p.split()) for p in paragraphs)
    assert 300 <= words <= 700, words


def test_corpus_variety() -> None:
    metas = [_parse(p)[0] for p in demo_paths()]
    assert len({m["source"] for m in metas}) >= 3
    assert len({m["published"] for m in metas}) >= 6
    assert len({m["url"] for m in metas}) == len(metas)


def test_house_styles_present() -> None:
    texts = [p.read_text(encoding="utf-8") for p in demo_paths()]
    blob = "\n".join(texts)
    for honorific in ("Mr Xi", "Dr Lee", "Ms Takaichi", "Prof Tan"):
        assert honorific in blob
    assert any("(Meridian Wire) -" in t for t in texts)
    # a quotation running over paragraphs: a paragraph that opens a quote and never closes it
    assert any(re.search(r'^"[^"\n]*$', t, re.M) for t in texts)
    for furniture in ("Sign up for our newsletter", "PHOTO:", "Read more:"):
        assert furniture in blob
