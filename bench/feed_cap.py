"""CPU time and peak memory of reading one feed of N entries (default 10,000) over the fake web.

    PYTHONPATH=.:tests python -m bench.feed_cap [N]

One run a process (peak RSS is the process's). The feed is read as `/ingest` reads it, with
FetchPolicy's cap of 100 entries, without fetching the linked pages.
"""

from __future__ import annotations

import resource
import sys
import time


def main(entries: int) -> str:
    from httpfake import FakeWeb  # tests/httpfake.py: the fake web the tests use

    from digests.fetch import FetchPolicy
    from digests.sources import read_source

    web = FakeWeb().start()
    try:
        body = " ".join(["The harbour ministry said on Tuesday that it would close the northern port after a "
                         "dispute with the unions, officials said."] * 4)
        items = "".join(
            f"<item><title>Port story {i}</title><link>{web.base}/a/{i}</link>"
            f"<pubDate>Tue, 10 Mar 2026 09:30:00 GMT</pubDate><description>{body} {i}</description></item>"
            for i in range(entries)
        )
        xml = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
               f"<link>{web.base}/</link><description>x</description>{items}</channel></rss>")
        web.page("/feed.rss", xml, "application/rss+xml")
        notes: list[str] = []
        policy = FetchPolicy(allow_private=True, max_bytes=200_000_000)
        start = time.process_time()
        articles = read_source(web.url("/feed.rss"), fetch_full=False, warn=notes.append, policy=policy)
        cpu = time.process_time() - start
    finally:
        web.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return (f"entries {entries:,} bytes {len(xml):,} articles {len(articles)} cpu {cpu:.2f} s "
            f"peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
