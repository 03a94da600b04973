"""The data heartline passes between stages, and the JSON contract of its output.

Every record is a frozen dataclass: a stage receives what earlier stages made and
returns something new, never edits in place.  Offsets are character offsets into
``Story.text`` (the decoded original text), end exclusive.

This module knows no algorithm; ``to_json`` here is the one place that defines the
``heartline/analysis/v2`` output (documented in docs/json-schema.md).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby
from operator import attrgetter
from typing import Any

SCHEMA = "heartline/analysis/v2"

FEELING_KINDS = ("romantic", "affection", "dislike", "hatred")
POSITIVE_KINDS = frozenset({"romantic", "affection"})
HOW_VALUES = ("narrated", "stated", "claimed", "implied", "denied")
SUBJECT_DEPS = ("nsubj", "nsubjpass")  # the dependency labels of a clause's subject


def polarity(kind: str) -> int:
    """+1 for the warm kinds, -1 for the hostile ones."""
    return 1 if kind in POSITIVE_KINDS else -1


# --------------------------------------------------------------------- reading
@dataclass(frozen=True)
class Scene:
    index: int
    start: int
    end: int
    chapter: int  # 0-based chapter the scene lies in (outputs count from 1: ``number``)
    title: str = ""  # heading of the chapter, when the scene opens one


@dataclass(frozen=True)
class WorkInfo:
    """What an archive or its author says about a work, kept verbatim and in the author's
    order (never normalised in place): the header of an AO3 or FanFicFare download, a
    plain-text ``Title:``/``Relationships:`` block, Markdown front matter, EPUB metadata."""

    archive: str = ""  # "ao3", "fanficfare", "gutenberg" or "" when none is recognised
    url: str = ""
    authors: tuple[str, ...] = ()
    fandoms: tuple[str, ...] = ()
    rating: str = ""
    warnings: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    relationships: tuple[str, ...] = ()  # the author's relationship tags
    characters: tuple[str, ...] = ()  # the author's character tags
    additional_tags: tuple[str, ...] = ()
    language: str = ""
    series: str = ""
    summary: str = ""
    notes: tuple[str, ...] = ()  # author's notes, disclaimers: kept, never read as story
    chapter_titles: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()  # any other "Label: value" field, in order

    @property
    def is_empty(self) -> bool:
        return self == WorkInfo()


@dataclass(frozen=True)
class Story:
    """The text heartline reads, and where in it the story proper lies.

    ``text`` is the decoded text of a plain file, or the prose a markup format (HTML,
    EPUB, .docx, Markdown) renders to: paragraphs parted by blank lines, chapter headings
    on lines of their own.  ``excluded`` spans inside the body are not prose (author's
    notes, chapter headings from markup): nothing is read from them."""

    source: str
    text: str
    title: str = ""
    metadata: Mapping[str, Any] = field(default_factory=dict)
    format: str = "text"  # "text", "markdown", "html", "epub", "docx"
    info: WorkInfo = field(default_factory=WorkInfo)
    chapters: tuple[tuple[int, str], ...] = ()  # (offset, title) of chapters the markup marks
    excluded: tuple[tuple[int, int], ...] = ()

    @cached_property
    def _excluded_starts(self) -> list[int]:
        return [s for s, _ in self.excluded]

    def is_excluded(self, offset: int) -> bool:
        """Whether ``offset`` lies in an excluded span (the spans are in text order and
        never overlap, so a bisection finds the only candidate)."""
        i = bisect_right(self._excluded_starts, offset) - 1
        return i >= 0 and offset < self.excluded[i][1]

    @property
    def body(self) -> tuple[int, int]:
        """Offsets of the story proper (an archive's licence text lies outside)."""
        start, end = self.metadata.get("body", (0, len(self.text)))
        return int(start), int(end)

    @property
    def words(self) -> int:
        start, end = self.body
        return len(self.text[start:end].split())


def _info_json(info: WorkInfo) -> dict[str, Any]:
    return {"url": info.url or None, "authors": list(info.authors), "fandoms": list(info.fandoms),
            "rating": info.rating or None, "warnings": list(info.warnings),
            "categories": list(info.categories), "language": info.language or None,
            "series": info.series or None, "summary": info.summary or None,
            "notes": list(info.notes), "chapter_titles": list(info.chapter_titles),
            "extra": {k: v for k, v in info.extra}}


# --------------------------------------------------------------------- parsing
@dataclass(frozen=True)
class Token:
    """One parsed token; ``head`` and indexes are positions in ``Document.tokens``."""

    index: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    sentence: int
    ent: str  # spaCy entity label or ""


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    first_token: int
    last_token: int  # exclusive
    scene: int
    paragraph: int


_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Document:
    story: Story
    scenes: tuple[Scene, ...]
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    paragraphs: tuple[tuple[int, int], ...]  # (start, end) offsets

    @cached_property
    def token_starts(self) -> tuple[int, ...]:
        """Each token's start offset, in token order: made once per document, not once per
        stage that looks tokens up by offset (sixteen times per run)."""
        return tuple(t.start for t in self.tokens)

    @cached_property
    def children(self) -> tuple[tuple[int, ...], ...]:
        """Each token's dependents (their indexes, in text order; the parse keeps each token's
        head only): made once per document, not once per stage that walks the tree down (a
        novel's 150,000 lists, three times)."""
        heads = list(map(attrgetter("head"), self.tokens))
        out: list[tuple[int, ...]] = [()] * len(heads)
        # the indexes sorted by their head (a stable sort: in text order within each head), one
        # group per head: the sort and the grouping run in C (a loop appending to a dict of
        # lists took 0.12-0.19 s on a novel, this 0.09 s)
        for head, group in groupby(sorted(range(len(heads)), key=heads.__getitem__), heads.__getitem__):
            out[head] = tuple(group)
        for i in [i for i, head in enumerate(heads) if head == i]:
            out[i] = tuple(k for k in out[i] if k != i)  # a root heads itself: not its own dependent
        return tuple(out)

    @cached_property
    def subject_indexes(self) -> tuple[int, ...]:
        """The indexes of the tokens that are a clause's subject (``tokens.is_subject``), in text
        order: made once per document, as the speakers' reading of described people walks a
        novel's subjects six times a run (each walk over all 150,000 tokens was 30 ms)."""
        return tuple(i for i, t in enumerate(self.tokens) if t.dep in SUBJECT_DEPS)

    @cached_property
    def lines(self) -> tuple[tuple[int, int, int], ...]:
        """Every non-blank line of the paragraphs: (start, end, paragraph), trimmed.  Made once per
        document: the quotes stage's three readers of letters each split a novel's paragraphs into
        lines again (0.1 s CPU each)."""
        text = self.story.text
        out = []
        for p_index, (p_start, p_end) in enumerate(self.paragraphs):
            for m in _LINE.finditer(text[p_start:p_end]):
                raw = m.group()
                lead = len(raw) - len(raw.lstrip())
                if raw.strip():
                    out.append((p_start + m.start() + lead, p_start + m.start() + len(raw.rstrip()), p_index))
        return tuple(out)

    @cached_property
    def span_heads(self) -> dict[tuple[int, int], int]:
        """A memo for ``TokenIndex.head_of_span``: (start, end) -> index of the span's head token, or
        -1 for a span with no token.  A mention's head is asked for ~7 times a run, by six stages (a
        novel's 130,000 look-ups at ~2.4 us each, two bisections and a walk); the answer is a pure
        function of the tokens, so it is kept here once it is found.  Only that memo ever writes it."""
        return {}

    def text_of(self, start: int, end: int) -> str:
        return self.story.text[start:end]

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.story.text[s.start:s.end]

    @cached_property
    def _scene_starts(self) -> tuple[int, ...] | None:
        """The scenes' starts, where the scenes run in order and do not overlap (then at most one
        holds an offset, found by bisection); None otherwise."""
        ordered = all(a.end <= b.start for a, b in zip(self.scenes, self.scenes[1:], strict=False)) \
            and all(s.start <= s.end for s in self.scenes)
        return tuple(s.start for s in self.scenes) if ordered else None

    def scene_at(self, offset: int) -> int:
        """The scene holding ``offset`` (else the last).  By bisection over the scenes' starts: a
        novel's quotes and described people ask ~20,000 times, and scanning its sixty chapters each
        time was 0.03 s a run."""
        starts = self._scene_starts
        if starts is not None:
            k = bisect_right(starts, offset) - 1
            if k >= 0 and offset < self.scenes[k].end:
                return self.scenes[k].index
        else:
            for scene in self.scenes:
                if scene.start <= offset < scene.end:
                    return scene.index
        return self.scenes[-1].index if self.scenes else 0


# --------------------------------------------------------------------- quotes
@dataclass(frozen=True)
class QuoteSpan:
    """A stretch of speech or writing, before anyone is credited with it.

    ``kind`` is ``speech`` (quotation marks), ``letter`` (a note, card or letter
    set off in the text, usually signed) or ``line`` (a prefixed chat/script line).
    """

    index: int
    start: int  # the quoted words, marks excluded
    end: int
    scene: int
    paragraph: int
    kind: str = "speech"
    signature: str = ""  # the signing name of a letter, as written
    prefix: str = ""  # the speaker prefix of a chat/script line, as written


# --------------------------------------------------------------------- mentions
@dataclass(frozen=True)
class Mention:
    """A stretch of text that may refer to a person.

    ``kind``: ``name`` (a proper name, perhaps with honorific or title),
    ``epithet`` ("the raven haired boy", an office: "the captain"), ``pronoun``,
    ``relational`` ("her boyfriend"), ``reference`` (a plain person noun in talk that
    points back like a pronoun: "honestly, the guy is hopeless") or ``speaker`` (a chat/script
    prefix or letter signature).
    ``key`` is the normalised name used to cluster names (empty for others).
    """

    index: int
    start: int
    end: int
    text: str
    kind: str
    sentence: int
    quote: int | None  # index of the QuoteSpan this lies in, if any
    key: str = ""
    gender: str = ""  # "male", "female" or "" when the mention itself shows none
    person: int = 3  # 1, 2 or 3 for pronouns
    honorific: str = ""
    title: str = ""
    head: str = ""  # head noun of an epithet or relational noun


@dataclass(frozen=True)
class Mentions:
    """Every mention of the story, in text order (``items[i].index == i``)."""

    items: tuple[Mention, ...]

    @cached_property
    def in_quotes(self) -> Mapping[int, tuple[Mention, ...]]:
        """The mentions inside each quote, by the quote's index, in text order (several
        speaker passes ask for them)."""
        inside: dict[int, list[Mention]] = {}
        for m in self.items:
            if m.quote is not None:
                inside.setdefault(m.quote, []).append(m)
        return {k: tuple(v) for k, v in inside.items()}


@dataclass(frozen=True)
class Character:
    id: str
    name: str
    aliases: tuple[str, ...]
    gender: str  # "male", "female", "nonbinary" or "unknown"
    mentions: int
    centrality: float = 0.0
    corrected: bool = False  # a person's correction (merge, split, rename) made or changed it


@dataclass(frozen=True)
class Cast:
    characters: tuple[Character, ...]
    name_links: Mapping[int, str]  # mention index -> character id, for names
    rejected: tuple[str, ...] = ()  # capitalised names judged not to be people

    def by_id(self, cid: str) -> Character:
        for c in self.characters:
            if c.id == cid:
                return c
        raise KeyError(cid)


@dataclass(frozen=True)
class Coreference:
    """Which character each mention refers to (only resolved mentions appear), and the
    gender of each character as resolution settled it."""

    links: Mapping[int, str]
    genders: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Quote:
    index: int
    start: int
    end: int
    text: str
    speaker: str | None
    addressee: str | None
    scene: int
    kind: str = "speech"
    # how the addressee was found: vocative, tag ("said to her"), look ("he glanced at me"),
    # turn (the conversation), answer (the one whose tagged quote answers it next), scene (the only
    # other person around: a guess), letter or dm
    addressed: str = ""
    # the pronoun of the speech tag ("she said"), which names the speaker: coreference takes
    # it as a fixed point once the speaker is known
    tag_pronoun: int | None = None
    # a speaker who is no character, as the speech tag describes them ("the old man",
    # "his mother", "said the captain"): ``speaker`` is then None
    speaker_description: str = ""


# --------------------------------------------------------------------- feelings
@dataclass(frozen=True)
class Evidence:
    """One sentence that shows (or denies) a feeling from one person to another."""

    experiencer: str
    target: str
    kind: str
    how: str  # narrated, stated, claimed, implied, denied
    start: int
    end: int
    text: str
    scene: int
    cue: str
    past: bool = False
    negated: bool = False
    hedged: bool = False
    question: bool = False
    speaker: str | None = None
    weight: float = 1.0
    # a claim the story later refutes ("In love with me? Nonsense."): kept so later stages
    # know the story said no, never counted as support
    refuted: bool = False


@dataclass(frozen=True)
class ArcStep:
    scene: int
    kind: str
    how: str
    past: bool = False

    @property
    def label(self) -> str:
        if self.how == "denied":
            return "denied"
        return f"{self.kind} (past)" if self.past else f"{self.kind} {self.how}"


@dataclass(frozen=True)
class Relation:
    source: str
    target: str
    kind: str
    how: str
    current: bool
    confidence: float
    arc: tuple[ArcStep, ...]
    evidence: tuple[Evidence, ...]
    corrected: bool = False  # added or changed by a person's correction
    reason: str = ""  # why a person added it (their words)


@dataclass(frozen=True)
class TagCheck:
    """One line of the comparison between the author's tags and heartline's reading."""

    tag: str  # the author's tag as written, or heartline's own for "untagged"
    status: str  # "agree", "kind_differs", "unsupported", "unknown_name" or "untagged"
    found: str = ""  # heartline's tag for the same pair, if it has one
    characters: tuple[str, ...] = ()  # ids of the characters the tag's names matched
    note: str = ""  # a readable reason


TAG_STATUSES = ("agree", "kind_differs", "unsupported", "unknown_name", "untagged")


@dataclass(frozen=True)
class Tags:
    characters: tuple[str, ...]
    relationships: tuple[str, ...]
    compared: tuple[TagCheck, ...] = ()
    additional: tuple[str, ...] = ()  # "Past A/B", "Minor A/B", "Mutual Pining", ...


@dataclass(frozen=True)
class Conversation:
    """Who talks to whom: the quotes one character addresses to another."""

    source: str
    target: str
    quotes: tuple[int, ...]  # indexes into Analysis.quotes

    @property
    def count(self) -> int:
        return len(self.quotes)


@dataclass(frozen=True)
class CorrectionOutcome:
    """What became of one correction a person made: applied, or stale (it matched nothing)."""

    action: str  # merge, split, not_character, rename, remove_relation, add_relation
    spec: tuple[tuple[str, Any], ...]  # the correction's fields, as written in the file
    applied: bool
    note: str  # what it changed, or why it matched nothing


@dataclass(frozen=True)
class CorrectionReport:
    file: str = ""  # the corrections file read ("" when none)
    outcomes: tuple[CorrectionOutcome, ...] = ()

    def to_json(self) -> dict[str, Any]:
        def item(o: CorrectionOutcome) -> dict[str, Any]:
            return {"action": o.action, **dict(o.spec), "note": o.note}

        return {"file": self.file or None,
                "applied": [item(o) for o in self.outcomes if o.applied],
                "stale": [item(o) for o in self.outcomes if not o.applied]}


def number(index: int) -> int:
    """A scene or chapter as people count it, from 1: the number every output shows (the
    terminal, ``ask``, the JSON, the report).  Inside the pipeline they are 0-based indexes."""
    return index + 1


@dataclass(frozen=True)
class Analysis:
    story: Story
    scenes: tuple[Scene, ...]
    characters: tuple[Character, ...]
    quotes: tuple[Quote, ...]
    relations: tuple[Relation, ...]
    tags: Tags
    mentions: Mapping[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    conversations: tuple[Conversation, ...] = ()
    corrections: CorrectionReport = field(default_factory=CorrectionReport)
    # the trained models this analysis used, by name: which scorer decided, and the model's
    # version and training-data hash (its card), so a result can be traced to its model
    models: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def character(self, cid: str | None) -> Character | None:
        for c in self.characters:
            if c.id == cid:
                return c
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "story": {
                "source": self.story.source,
                "title": self.story.title,
                "words": self.story.words,
                "format": self.story.format,
                "archive": self.story.info.archive or None,
                "metadata": _info_json(self.story.info),
                "declared_tags": {"relationships": list(self.story.info.relationships),
                                  "characters": list(self.story.info.characters),
                                  "additional": list(self.story.info.additional_tags)},
                "scenes": [
                    {"index": number(s.index), "start": s.start, "end": s.end,
                     "chapter": number(s.chapter), "title": s.title}
                    for s in self.scenes
                ],
            },
            "characters": [
                {"id": c.id, "name": c.name, "aliases": list(c.aliases),
                 "gender": c.gender, "mentions": c.mentions,
                 "centrality": round(c.centrality, 4), "corrected": c.corrected}
                for c in self.characters
            ],
            "quotes": [
                {"text": q.text, "start": q.start, "end": q.end, "speaker": q.speaker,
                 "addressee": q.addressee, "addressee_from": q.addressed or None,
                 "scene": number(q.scene), "kind": q.kind,
                 "speaker_description": q.speaker_description or None}
                for q in self.quotes
            ],
            "relations": [
                {"from": r.source, "to": r.target, "kind": r.kind, "how": r.how,
                 "current": r.current, "confidence": round(r.confidence, 3),
                 "arc": [{"scene": number(a.scene), "kind": a.kind, "how": a.how,
                          "past": a.past, "label": a.label} for a in r.arc],
                 "evidence": [{"text": e.text, "start": e.start, "end": e.end,
                               "scene": number(e.scene), "kind": e.kind, "how": e.how,
                               "cue": e.cue, "past": e.past} for e in r.evidence],
                 "corrected": r.corrected, "reason": r.reason or None}
                for r in self.relations
            ],
            "conversations": [
                {"from": c.source, "to": c.target, "count": c.count, "quotes": list(c.quotes)}
                for c in self.conversations
            ],
            "tags": {"characters": list(self.tags.characters),
                     "relationships": list(self.tags.relationships),
                     "additional": list(self.tags.additional),
                     "compared": [{"tag": t.tag, "status": t.status, "found": t.found or None,
                                   "characters": list(t.characters), "note": t.note}
                                  for t in self.tags.compared]},
            "corrections": self.corrections.to_json(),
            "models": {name: dict(info) for name, info in sorted(self.models.items())},
        }
