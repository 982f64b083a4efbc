"""What an ingest run tells its user: the counts of a batch, its closing line and the notes
said about one input (no publication date, a language the extractor does not read)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Copy:
    """An article whose text is stored already as another article, under another link: nothing of
    it is stored (a page syndicated under a second address)."""

    label: str  # the input or link it was read from
    article_id: int  # the stored article it copies
    url: str | None  # that article's link


@dataclass
class IngestReport:
    """What a batch did: articles new, updated, unchanged; copies of other stored articles (not
    stored); inputs or articles that failed."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)
    copies: list[Copy] = field(default_factory=list)  # texts stored already under another link

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return self.failed == 0

    @property
    def stored(self) -> int:
        """Articles read and saved (whatever their status)."""
        return self.new + self.updated + self.unchanged

    def merge(self, other: IngestReport) -> None:
        """Add another report's counts and messages to this one."""
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.failed += other.failed
        self.errors += other.errors
        self.warnings += other.warnings
        self.article_ids += other.article_ids
        self.copies += other.copies

    def summary(self) -> str:
        """One line for the end of a batch: the counts, why inputs failed (the commonest reasons
        first) and how many warnings were printed, so that a long run's scrolled-away lines are
        not missed: "2 articles: 1 new, 0 updated, 1 unchanged; 3 failed: 2 empty file, 1 binary
        file; 1 warning" (", 1 copy of another stored article (stored nothing)" after the
        unchanged, when there is one)."""
        read = self.stored + len(self.copies)
        noun = "article" if read == 1 else "articles"
        line = f"{read} {noun}: {self.new} new, {self.updated} updated, {self.unchanged} unchanged"
        if self.copies:
            line += (", 1 copy of another stored article (stored nothing)" if len(self.copies) == 1
                     else f", {len(self.copies)} copies of other stored articles (stored nothing)")
        if self.failed:
            line += f"; {self.failed} failed"
            reasons = Counter(failure_reason(e) for e in self.errors).most_common()
            if reasons:
                named = ", ".join(f"{n} {why}" for why, n in reasons[:MAX_REASONS])
                rest = sum(n for _, n in reasons[MAX_REASONS:])
                line += f": {named}" + (f", {rest} other" if rest else "")
        if self.warnings:
            line += f"; {len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}"
        return line


MAX_REASONS = 4  # failure reasons a summary names; the others are counted together
# where the short reason of an error line ends: its explanation in brackets, after a colon or comma
_REASON_END = re.compile(r" \(|: |, |; ")


def failure_reason(error: str) -> str:
    """The short reason of an error line "PATH: reason (detail)": "binary file", "empty file",
    "HTTP 404" (the input named at the front, and the details after the reason, dropped)."""
    reason = error.split(": ", 1)[1] if ": " in error else error
    reason = reason.removeprefix("skipped: ")  # a feed entry: its own reason
    return _REASON_END.split(reason, 1)[0].strip() or reason


def undated_note(label: str, undated: int = 1, total: int = 1) -> str:
    """The one line said when articles carry no publication date (relative dates cannot be placed)."""
    what = "no publication date" if total == 1 else f"{undated} of {total} articles have no publication date"
    return (
        f"{label}: {what}: events dated only relatively (\"on Monday\", \"next week\") are dropped; "
        "give --published YYYY-MM-DD or a 'published:' line in front matter"
    )


def language_note(label: str, language: str) -> str:
    """The one line said when an article is stored without facts because of its language."""
    return (
        f"{label}: written in '{language}': stored (title, source, date, link) without facts; "
        "the extractor reads English only"
    )
