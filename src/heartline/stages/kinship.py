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
named or clear, from one to the other.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Cast, Coreference, Document, Mentions, Quote
from ..pipeline import stage
from .evidence import _kin_pairs, _Reader, _resolve_relational
from .lexicon import FRIEND_RELATIONS


@dataclass(frozen=True)
class Kinship:
    """Unordered pairs, each as a sorted (id, id) tuple, in sorted order."""

    kin: tuple[tuple[str, str], ...] = ()
    friends: tuple[tuple[str, str], ...] = ()

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
    kin_set = set(kin)
    return Kinship(kin, tuple(p for p in friends if p not in kin_set))
