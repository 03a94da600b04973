"""Stage ``tags``: archive-style tags from the relations.

``A/B`` for a romantic pairing (mutual or one-sided), ``A & B`` for a strong platonic
one, names in alphabetical order as archives write them; character tags in order of
prominence.  Past feelings are not tagged as current pairings.
"""
from __future__ import annotations

from ..model import Character, Relation, Tags
from ..pipeline import stage

_PLATONIC_CONFIDENCE = 0.5
_MIN_SHARE = 0.05  # of the most mentioned person's mentions
_MAX_CHARACTER_TAGS = 12


def relationship_tag(a: str, b: str, romantic: bool) -> str:
    first, second = sorted((a, b), key=str.casefold)
    return f"{first}/{second}" if romantic else f"{first} & {second}"


@stage("tags", needs=("characters", "relations"), produces="tags")
def make_tags(characters: tuple[Character, ...], relations: tuple[Relation, ...]) -> Tags:
    """Relationship and character tags as fans write them on archives."""
    # a pairing is tagged only between people who matter to the story
    most = max((c.mentions for c in characters), default=0)
    names = {c.id: c.name for c in characters if c.mentions >= _MIN_SHARE * most}
    romantic: list[str] = []
    platonic: list[str] = []
    romantic_pairs = set()
    for r in relations:
        if not r.current or r.source not in names or r.target not in names:
            continue
        pair = frozenset((r.source, r.target))
        if r.kind == "romantic":
            tag = relationship_tag(names[r.source], names[r.target], True)
            romantic_pairs.add(pair)
            if tag not in romantic:
                romantic.append(tag)
    for r in relations:
        pair = frozenset((r.source, r.target))
        if (r.current and r.kind == "affection" and r.confidence >= _PLATONIC_CONFIDENCE
                and pair not in romantic_pairs and r.source in names and r.target in names):
            tag = relationship_tag(names[r.source], names[r.target], False)
            if tag not in platonic:
                platonic.append(tag)
    in_relations = {x for r in relations if r.current for x in (r.source, r.target)}
    chars = [c.name for c in characters if c.id in in_relations or c.centrality >= 0.2]
    return Tags(characters=tuple(chars[:_MAX_CHARACTER_TAGS]),
                relationships=tuple(romantic + platonic))
