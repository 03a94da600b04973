"""Stage ``kinship``: which pairs of characters the text says are family, and which friends.

Family is not romance: a brother's "I love you, you daft thing" is a sibling's love.  The
``evidence`` stage already turns a romantic cue between kin into affection where the cue
stands; this stage gives the same fact to the trained judge, which decides the kind of
feelings no cue names.  A pair is kin where the text says so anywhere in the story, not
only in the sentence of a feeling: "his sister, Sefa" (or "Bexley's son Odo") naming its
person in the narration, a speaker's "my little brother" and the one the
talk then speaks of, a child's "Night, Mum" to the one spoken to (the rules are the
evidence stage's, ``_resolve_relational`` and ``_kin_pairs``, read over the whole story).
A pair is friends where a friendship noun ("her best friend", "his teammate") resolves,
named or clear, from one to the other, and a couple where a partner noun ("her girlfriend",
"my husband Bram") does.

A fan work's header may declare its pairings: the archive's "A/B" (romantic, or "A x Reader")
and "A & B" (platonic).  The author's own tags are strong, general evidence of the kind of a
bond, so the pairs they name travel here too (a tag marked as over, "past A/B", names none);
a story without a header simply declares nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Cast, Coreference, Document, Mentions, Quote
from ..pipeline import stage
from .declared import match_character
from .evidence import _kin_pairs, _Reader, _resolve_relational
from .lexicon import FRIEND_RELATIONS, ROMANTIC_RELATIONS
from .reader import declared_relationships, parse_pairing

# A declared pairing the tag itself says is over: "past A/B", "former A/B", "ex A/B", "A/B (past)".
_PAST_TAG = re.compile(r"^\s*(?:past|former|ex)\b[\s-]*|\(\s*(?:past|former|ex)\b[^)]*\)", re.IGNORECASE)


@dataclass(frozen=True)
class Kinship:
    """Unordered pairs, each as a sorted (id, id) tuple, in sorted order."""

    kin: tuple[tuple[str, str], ...] = ()
    friends: tuple[tuple[str, str], ...] = ()
    couples: tuple[tuple[str, str], ...] = ()  # a partner noun links them ("her girlfriend, Wren")
    declared_romantic: tuple[tuple[str, str], ...] = ()  # the author's "A/B" tags
    declared_platonic: tuple[tuple[str, str], ...] = ()  # the author's "A & B" tags
    declares: bool = False  # the story's header declares any relationship tag

    def are_couple(self, a: str, b: str) -> bool:
        return (min(a, b), max(a, b)) in self.couples

    def declared(self, a: str, b: str) -> str:
        """``romantic``, ``platonic`` or ``""``: what the author's tags call the pair."""
        key = (min(a, b), max(a, b))
        if key in self.declared_romantic:
            return "romantic"
        return "platonic" if key in self.declared_platonic else ""

    def are_kin(self, a: str, b: str) -> bool:
        return (min(a, b), max(a, b)) in self.kin

    def are_friends(self, a: str, b: str) -> bool:
        return (min(a, b), max(a, b)) in self.friends


def _pairs(pairs) -> tuple[tuple[str, str], ...]:
    return tuple(sorted({(min(a, b), max(a, b)) for a, b in pairs if a != b}))


@stage("kinship", needs=("document", "mentions", "cast", "links", "speakers"), produces="kinship")
def find_kinship(document: Document, mentions: Mentions, cast: Cast, links: Coreference,
                 speakers: tuple[Quote, ...]) -> Kinship:
    """The pairs the whole story says are family, and those it says are friends."""
    link = dict(links.links)
    reader = _Reader(document, mentions, link, speakers, cast, dict(links.genders))
    relational = list(_resolve_relational(reader, mentions, link, {}))
    # a kin noun in the narration counts where it names its person ("Ysolde's brother, Tobin"): one
    # resolved from the people around it ("her dad" when only her sweetheart is near) is too
    # often the one in the scene rather than the absent parent
    named = [r for r in relational if r[3] == "named"]
    kin = _pairs(tuple(sorted(p)) for p in _kin_pairs(reader, named) if len(p) == 2)
    friends = _pairs((owner, referent) for m, owner, referent, basis in relational
                     if m.head in FRIEND_RELATIONS and basis != "guess")
    couples = _pairs((owner, referent) for m, owner, referent, basis in relational
                     if m.head in ROMANTIC_RELATIONS and basis != "guess")
    kin_set = set(kin)
    declared = declared_relationships(document.story)
    romantic, platonic = declared_pairs(declared, cast)
    return Kinship(kin, tuple(p for p in friends if p not in kin_set), tuple(p for p in couples if p not in kin_set),
                   romantic, tuple(p for p in platonic if p not in set(romantic)), bool(declared))


Pairs = tuple[tuple[str, str], ...]


def declared_pairs(tags: tuple[str, ...], cast: Cast) -> tuple[Pairs, Pairs]:
    """The pairs the author's relationship tags name: (romantic "A/B", platonic "A & B"), each
    end matched to the cast as ``declared_tags`` matches it; a past pairing names none."""
    romantic: list[tuple[str, str]] = []
    platonic: list[tuple[str, str]] = []
    for tag in tags:
        parsed = parse_pairing(tag)
        if parsed is None or _PAST_TAG.search(tag):
            continue
        names, is_romantic = parsed
        matched = [match_character(n, cast.characters) for n in names]
        ids = sorted({c.id for c in matched if c is not None})
        if len(ids) != len(names):
            continue  # a name the story never uses: the tag says nothing of its people
        pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]]
        (romantic if is_romantic else platonic).extend(pairs)
    return _pairs(romantic), _pairs(platonic)
