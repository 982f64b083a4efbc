"""Speakers on real articles (issue 12): names per person, bad speaker strings, a seeded sample.

    python -m bench.sample_speakers [--dir ../shared/eval/realnews/allsides] [--seed 12] [--show]

Extracts every article of the folder and reports, with counts:

- the 20 most quoted people, a person being read from the texts alone (:class:`PersonKeys`: a
  bare surname is the one full name its article, or the folder after the same title, writes
  with it), and the share of each one's quotations under its most used name, and under one
  identity of a store holding the folder (digests.store.identities: what /who-said and "Who is
  talking" count by, checked here against a count that does not use it);
- speaker strings that begin with a title word, a cue word or a sentence-opening word
  ("State John Kerry", "Said Obama"): fragments that are not names;
- with ``--show``, a seeded random sample of 100 attributed quotations to judge by hand, as
  file name, offsets, speaker and context (printed only: keep labels as file + offsets + the
  right speaker in bench/speaker_labels.csv, never the texts);
- the judged sample (``--labels``) scored against the extraction as it is now: a quotation is
  right when it is still found at its offsets with the judged speaker (the same person: "Obama"
  for "Barack Obama", "John F. Kerry" for "John Kerry"), or, judged "-" (a scare quote, no
  speaker), when it is gone or has no speaker;
- the judged sample of quotations without a speaker (``--none-labels``; ``--show-none`` prints a
  new one to judge): how many name a speaker in the text ("-" when the text names nobody),
  and from it the share of all quotations that have no speaker where the text names one
  (bench/speaker_none_labels.csv was drawn with seed 12; bench/speaker_none_labels_13.csv, a
  second sample drawn with ``--seed 13`` after the fixes of December 2026, is read with
  ``--none-labels bench/speaker_none_labels_13.csv``; a named body's statement counts as named;
  bench/speaker_labels_16.csv and bench/speaker_none_labels_16.csv were drawn with ``--seed 16``
  after the fixes of that round and judged before any fix against them;
  bench/speaker_labels_18.csv and bench/speaker_none_labels_18.csv likewise with ``--seed 18``,
  and bench/speaker_labels_19.csv and bench/speaker_none_labels_19.csv with ``--seed 19``,
  and bench/speaker_labels_20.csv and bench/speaker_none_labels_20.csv with ``--seed 20``,
  and bench/speaker_labels_21.csv and bench/speaker_none_labels_21.csv with ``--seed 21``,
  and bench/speaker_labels_22.csv and bench/speaker_none_labels_22.csv with ``--seed 22``,
  and bench/speaker_labels_23.csv and bench/speaker_none_labels_23.csv with ``--seed 23``,
  and bench/speaker_labels_24.csv and bench/speaker_none_labels_24.csv with ``--seed 24`` (a
  body's unnamed officials or sources judged nobody, as "a senior official said" is), and
  bench/speaker_labels_25.csv and bench/speaker_none_labels_25.csv with ``--seed 25``, and
  bench/speaker_labels_26.csv and bench/speaker_none_labels_26.csv with ``--seed 26``, and
  bench/speaker_labels_27.csv and bench/speaker_none_labels_27.csv with ``--seed 27``;
  a speaker written "A|B" is a joint statement, right under either name).
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from digests.extract import extract, titles
from digests.extract import lexicon as lx
from digests.extract.titles import title_class
from digests.extract.written import Written
from digests.sources import read_path
from digests.store import Store

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "eval" / "realnews" / "allsides"
_INITIAL = re.compile(r"^(?:[A-Z]\.)+$")
_ARTICLE_CAP = re.compile(r"^[AaEe]l-")


def _core(name: str) -> tuple[str, ...]:
    """The name without initials, an Arabic article in one case: ("Donald", "Trump") for "Donald
    J. Trump", ("al-Moallem",) for "Al-Moallem"."""
    return tuple(_ARTICLE_CAP.sub(r"al-", w) for w in name.split() if not _INITIAL.match(w))


_CAP = r"[A-Z][a-z][\w'’-]*"


def _title_word(word: str) -> bool:
    """A title or honorific as written before a name ("President", "Sen.", "Mr.")."""
    low = word.lower().rstrip(".")
    return low in lx.TITLE_CLASS or low in lx.TITLE_WORDS


def _body_name(name: str) -> bool:
    """A name that is no person's by its words: a lower-case word inside ("Department of State"),
    a leading "The", or an organisation's head word last ("New York Times", "State Department")."""
    words = name.split()
    return (
        words[0] == "The"
        or any(w.islower() for w in words[1:])
        or (len(words) > 1 and (words[-1] in lx.ORG_HEADS or name in lx.KNOWN_ORGS))
    )


class PersonKeys:
    """Who a quotation's speaker is, read from the texts alone (independent of the extraction's
    entities and of the store's identities, which it checks): a full name is its first and last
    word; a bare surname is the one full name the folder writes after the titles the article gives
    it ("President Trump" in the article, "President Donald Trump" in the folder), else the one
    full name the same article writes with it ("Donald Trump ... Trump said"); otherwise the
    surname alone (unresolved)."""

    def __init__(self, texts: dict[str, str], bodies: Iterable[str] = ()) -> None:
        self.texts = texts
        # names the extraction types as organisations: a body's key is its whole name
        self.bodies = frozenset(bodies)
        self._folder: dict[tuple[str, str], set[str]] = {}

    def _firsts(self, text: str, surname: str) -> set[str]:
        pat = re.compile(rf"\b({_CAP})\s+(?:[A-Z]\.\s*)*{re.escape(surname)}\b")
        return {
            m.group(1)
            for m in pat.finditer(text)
            if not _title_word(m.group(1))
            and m.group(1) not in lx.STOP_CAPS
            and m.group(1).lower() not in lx.CUE_FORMS
        }

    def _titles(self, text: str, surname: str) -> set[str]:
        pat = re.compile(rf"\b([A-Za-z][\w-]*\.?)\s+{re.escape(surname)}\b")
        return {m.group(1).lower().rstrip(".") for m in pat.finditer(text) if _title_word(m.group(1))}

    def _titled_firsts(self, title: str, surname: str) -> set[str]:
        key = (title, surname)
        if key not in self._folder:
            pat = re.compile(
                rf"(?i:\b{re.escape(title)}\.?)\s+({_CAP})\s+(?:[A-Z]\.\s*)*{re.escape(surname)}\b"
            )
            self._folder[key] = {
                m.group(1)
                for t in self.texts.values()
                if surname in t
                for m in pat.finditer(t)
                if not _title_word(m.group(1))
            }
        return self._folder[key]

    def key(self, file: str, speaker: str) -> str:
        """The person a speaker string of ``file`` is, as "First Last" or a bare surname; a body
        ("The New York Times", "Department of Homeland Security") is its whole name, "The" left off."""
        if speaker in self.bodies or _body_name(speaker):
            return speaker[4:] if speaker.startswith("The ") else speaker
        core = [w for w in _core(speaker) if not _title_word(w)] or list(_core(speaker))
        if len(core) >= 2 or not core:
            return " ".join(core[:1] + core[-1:])
        surname = core[0]
        titled: set[str] = set()
        for title in self._titles(self.texts[file], surname):
            titled |= self._titled_firsts(title, surname)
        firsts = self._firsts(self.texts[file], surname)
        # the title wins: "President Trump" beside "first lady Melania Trump" is not Melania
        for pick in (titled, firsts, titled & firsts):
            if len(pick) == 1:
                return f"{next(iter(pick))} {surname}"
        return surname


def found_speaker(
    quotes: list[tuple[str, int, int, str | None, str]], file: str, start: int, end: int
) -> str | None:
    """The speaker the extraction now gives the judged words: the quotation of ``file`` at exactly
    ``start:end``, else the one that overlaps it most, covering at least half of one of the two
    (None if none does)."""
    best, best_overlap = None, 0
    for name, s, e, sp, _ in quotes:
        if name != file:
            continue
        if (s, e) == (start, end):
            return sp  # the judged quotation itself, though another one covers it as well
        overlap = min(e, end) - max(s, start)
        if overlap > best_overlap and overlap * 2 >= min(e - s, end - start):
            best, best_overlap = sp, overlap
    return best


def _acronym(name: str) -> str:
    """The capitals that open the words of a body's name: "KCNA" for "Korean Central News Agency"."""
    words = name.split()
    return "".join(w[0] for w in words if w[:1].isupper()) if len(words) > 2 else ""


def same_person(found: str | None, judged: str) -> bool:
    """Whether an extracted speaker is the judged one ("-": no speaker is right; "A|B": a joint
    statement, where either named speaker is right)."""
    if "|" in judged:
        return any(same_person(found, j) for j in judged.split("|"))
    if judged == "-":
        return found is None
    if found is None:
        return False
    got, want = _core(found), _core(judged)
    return (
        got == want
        or _acronym(found) == judged
        or _acronym(judged) == found
        or (len(got) == 1 and got[-1] == want[-1])
        or (len(want) == 1 and got[-1] == want[-1])  # judged "Al-Moallem", found "Walid al-Moallem"
        or (len(got) >= 2 and got[0] == want[0] and got[-1] == want[-1])
    )


_LEGISLATURE = {"state", "defense", "defence", "house", "senate", "majority", "minority", "security"}
_ONE_PERSON = {"pol", "mil", "rel", "job", "prof", "acad", "spouse", "party"}
_POSSESSED = re.compile(r"['’]s?\s+(.+)$")


class FolderWords:
    """What the folder's texts write around a title word, for :func:`bad_speaker`: whether a
    title word is also someone's surname ("Peter King"), whether the words before a title name
    a body ("the Peshmerga" of "Peshmerga Commander")."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.text = "\n".join(texts)
        self._lower = frozenset(re.findall(r"\b[a-z][\w'’-]*", self.text))
        self._written = Written(self.text)

    def surname(self, word: str) -> bool:
        """Whether the folder writes ``word`` after a first name."""
        return titles.written_as_surname(self._written, word, self._lower.__contains__)

    def body(self, words: list[str]) -> bool:
        """Whether the folder writes ``words`` after "the" with no title following."""
        return titles.written_as_body(self._written, words)


def _spelt(word: str) -> str:
    low = word.lower().rstrip(".,")
    return lx.TITLE_WORDS.get(low, low)


def title_only(name: str, folder: FolderWords | None = None) -> bool:
    """A title with no name: every word a title or honorific ("Mr. President", "Vice President",
    "Rear Adm"), or one title word the folder never writes as a surname ("President"; "King" may
    be Peter King's), or a body and an office ("Peshmerga Commander": the folder writes "the
    Peshmerga")."""
    words = name.split()
    spelt = [_spelt(w) for w in words]
    if all(title_class(w) is not None for w in spelt):
        abbreviated = words[0].lower().rstrip(".") in lx.TITLE_WORDS
        if len(words) >= 2 or abbreviated or "." in words[0] or words[0].isupper():
            return True
        return folder is not None and not folder.surname(words[0])
    return (
        folder is not None
        and len(words) >= 2
        and title_class(spelt[-1]) in {"pol", "mil", "rel"}
        and folder.body(words[:-1])
    )


def bad_speaker(name: str, folder: FolderWords | None = None) -> bool:
    """A speaker string that is no name: a title alone (:func:`title_only`: "Mr. President",
    "Peshmerga Commander"), or it opens with a title word, a cue word, a subordinator or a
    sentence-opening word ("State John Kerry", "Said Obama", "Although Mueller's team"), ends in
    a title ("White House Director"), glues an abbreviated country to a bare surname ("U.S.
    Trump"), or describes one person by an office through a possessive ("President Obama's
    ambassador"); a named body's possessive ("Trump's lawyers", "Lee's office") is a speaker.
    ``folder`` (the texts the speakers come from) tells a title from a surname."""
    words = name.split()
    first, last = words[0], words[-1]
    owned = _POSSESSED.search(name)
    if owned:
        head = owned.group(1).split()[-1].lower()
        return lx.TITLE_CLASS.get(head) in _ONE_PERSON or first in lx.STOP_CAPS
    if title_only(name, folder):
        return True
    if last in lx.ORG_HEADS or last in {"Republicans", "Democrats", "Report"} or not first[:1].isupper():
        return False  # an organisation or a group, not a person's name
    low = first.lower().rstrip(".")
    contraction = re.fullmatch(r"(\w+)['’](?:ve|re|ll|m|d)", first)
    if contraction and contraction.group(1) in lx.STOP_CAPS:
        return True  # a pronoun's contraction: "They've", "I'm"
    if len(words) < 2:
        return low in lx.CUE_FORMS or first in lx.STOP_CAPS
    if len(words) == 2 and "." in first and last[:1].isupper() and lx.place_country(first) is not None:
        return True  # "U.S. Trump" (not "U.S. military", a body)
    return (
        low in lx.TITLE_CLASS
        or low in lx.CUE_FORMS
        or first in lx.STOP_CAPS
        or low in _LEGISLATURE
        or _titled_tail(words)
    )


def _titled_tail(words: list[str]) -> bool:
    """A description ending in a title: a party ("Oklahoma Republican"), or an office after a
    place or a body ("White House Director"); "Peter King" and "Erik Prince" are names."""
    cls = lx.TITLE_CLASS.get(words[-1].lower().rstrip("."))
    if cls == "party":
        return True
    spelt = " ".join(lx.TITLE_WORDS.get(w.lower().rstrip("."), w.lower().rstrip(".")) for w in words)
    if spelt in lx.TITLE_CLASS:
        return True  # a title alone: "Rear Adm"
    before = " ".join(words[:-1])
    return cls in _ONE_PERSON and (
        lx.place_country(before) is not None
        or before in lx.KNOWN_ORGS
        or any(w in lx.ORG_HEADS for w in words[:-1])
    )


def main(argv: list[str] | None = None) -> int:
    """Print the report; returns 0."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--show", action="store_true", help="print the sample with context to judge")
    ap.add_argument("--labels", type=Path, default=ROOT / "bench" / "speaker_labels.csv")
    ap.add_argument("--show-none", action="store_true", help="print quotations without a speaker to judge")
    ap.add_argument("--none-labels", type=Path, default=ROOT / "bench" / "speaker_none_labels.csv")
    args = ap.parse_args(argv)
    files = sorted(args.dir.glob("*.txt"))
    if not files:
        print(f"no articles in {args.dir}")
        return 0
    quotes: list[tuple[str, int, int, str | None, str]] = []
    texts: dict[str, str] = {}
    bodies: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "speakers.db") as store:
        for p in files:
            art = read_path(p)
            facts = extract(art.text, art.published)
            store.save(art, facts)
            texts[p.name] = art.text
            bodies.update(e.name for e in facts.entities if e.type == "org")
            for q in facts.quotes:
                quotes.append((p.name, q.start, q.end, q.speaker, art.text))
        named = Counter(q[3] for q in quotes if q[3])
        in_store = store.identities_for(named)
    keys = PersonKeys(texts, bodies)
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for file, _, _, sp, _ in quotes:
        if sp:
            per[keys.key(file, sp)][sp] += 1
    print(f"articles={len(files)} quotations={len(quotes)} with_speaker={sum(named.values())}")
    print("top 20 people: quotations, share under the most used name, under one identity, names")
    shares, id_shares = [], []
    for key, names in sorted(per.items(), key=lambda kv: -sum(kv[1].values()))[:20]:
        total = sum(names.values())
        top = names.most_common(1)[0][1]
        by_identity: Counter[str] = Counter()
        for name, n in names.items():
            by_identity[in_store.get(name, name)] += n
        one = by_identity.most_common(1)[0][1]
        shares.append(top / total)
        id_shares.append(one / total)
        print(f"  {key}: {total} {top / total:.2f} {one / total:.2f} {dict(names.most_common(4))}")
    print(f"people at >= 95% under one name: {sum(s >= 0.95 for s in shares)}/{len(shares)}")
    print(f"people at >= 95% under one identity: {sum(s >= 0.95 for s in id_shares)}/{len(id_shares)}")
    folder = FolderWords(texts.values())
    bad = Counter({n: c for n, c in named.items() if bad_speaker(n, folder)})
    print(f"fragment speaker strings: {len(bad)} strings, {sum(bad.values())} quotations")
    print(f"  {dict(bad.most_common())}")
    rng = random.Random(args.seed)
    attributed = [q for q in quotes if q[3]]
    sample = rng.sample(attributed, min(100, len(attributed)))
    if args.show:
        for i, (name, s, e, sp, text) in enumerate(sample):
            ctx = text[max(0, s - 200) : e + 120].replace("\n", " | ")
            print(f"{i}\t{name}\t{s}\t{e}\t{sp}\t{ctx}")
    if args.labels.exists():
        with args.labels.open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        wrong = []
        for r in rows:
            found = found_speaker(quotes, r["file"], int(r["start"]), int(r["end"]))
            if not same_person(found, r["speaker"]):
                wrong.append((r, found))
        print(f"judged sample: speaker right {len(rows) - len(wrong)}/{len(rows)}")
        for r, found in wrong:
            print(f"  wrong: {r['file']} {r['start']}-{r['end']} judged {r['speaker']!r}, now {found!r}")
    none = [q for q in quotes if not q[3]]
    if args.show_none:
        for i, (name, s, e, _, text) in enumerate(random.Random(args.seed).sample(none, min(100, len(none)))):
            ctx = f"{text[max(0, s - 260) : s]}[[{text[s:e]}]]{text[e : e + 110]}".replace("\n", " | ")
            print(f"{i}\t{name}\t{s}\t{e}\t{ctx}")
    if args.none_labels.exists():
        with args.none_labels.open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        named = [r for r in rows if r["speaker"] != "-"]
        now = [found_speaker(quotes, r["file"], int(r["start"]), int(r["end"])) for r in rows]
        still = [r for r, f in zip(rows, now, strict=True) if f is None]
        missed = [r for r in still if r["speaker"] != "-"]
        right = sum(same_person(f, r["speaker"]) for r, f in zip(rows, now, strict=True) if f and r in named)
        share = len(none) / len(quotes) if quotes else 0.0
        est = share * len(missed) / len(still) if still else 0.0
        print(
            f"judged unattributed sample: {len(named)}/{len(rows)} name a speaker in the text; now "
            f"{len(missed)} of them still without one, {right} attributed right; quotations without "
            f"a speaker {len(none)}/{len(quotes)} ({share:.1%}), with a named one in the text about {est:.1%}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
