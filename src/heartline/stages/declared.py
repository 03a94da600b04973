"""Stage ``declared_tags``: the author's relationship tags beside heartline's reading.

An archive download or header says which pairings the author tagged.  Each declared
tag is matched to the story's characters by name (any alias, either name order, a
fandom's "(Series)" disambiguation dropped) and checked against the relations: does the
text support it, as the same kind?  heartline's own pairings that the author did not
tag are listed too.  Nothing here changes the reading; it only compares.
"""
from __future__ import annotations

import re
from dataclasses import replace
from itertools import combinations

from ..model import Character, Relation, Story, TagCheck, Tags
from ..pipeline import stage
from .lexicon import TITLES
from .reader import READER_ID, ROLE_PREFIX, declared_relationships, is_reader_name, parse_pairing
from .tags import tag_name

_DISAMBIGUATION = re.compile(r"\s*\([^)]*\)\s*$")
_WORD = re.compile(r"[\w'’-]+")


def _words(name: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(name)]


def _key(name: str) -> str:
    return " ".join(_words(name))


def match_character(name: str, characters: tuple[Character, ...]) -> Character | None:
    """The character a tag's name means: an exact alias first (either word order), else
    the most mentioned character sharing a name word that is not a title."""
    if is_reader_name(name):
        return next((c for c in characters if c.id == READER_ID), None)
    name = ROLE_PREFIX.sub("", _DISAMBIGUATION.sub("", name).strip())
    key = _key(name)
    words = key.split()
    forms = {key, " ".join(reversed(words))}
    for c in characters:
        if forms & {_key(a) for a in (c.name,) + c.aliases}:
            return c
    content = {w for w in words if w not in TITLES and len(w) > 1}
    best, best_score = None, (0, 0)
    for c in characters:
        theirs = {w for a in (c.name,) + c.aliases for w in _words(a)}
        overlap = len(content & theirs)
        if overlap and (overlap, c.mentions) > best_score:
            best, best_score = c, (overlap, c.mentions)
    return best


def _kinds_between(a: str, b: str, relations: tuple[Relation, ...]) -> set[str]:
    return {r.kind for r in relations if {r.source, r.target} == {a, b}}


@stage("declared_tags", needs=("story", "characters", "relations", "tags"), produces="compared_tags")
def compare_tags(story: Story, characters: tuple[Character, ...], relations: tuple[Relation, ...],
                 tags: Tags) -> Tags:
    """heartline's tags with the author's relationship tags checked against the text."""
    checks: list[TagCheck] = []
    declared_pairs: set[frozenset[str]] = set()
    found_by_pair = {}
    # heartline's tags name people by their tag name, or by a name list's canonical name
    by_name = {**{tag_name(c): c.id for c in characters}, **{c.name: c.id for c in characters}}
    for tag in tags.relationships:
        names = [n.strip() for n in re.split(r"/| & ", tag)]
        if len(names) == 2 and all(n in by_name for n in names):
            found_by_pair[frozenset(by_name[n] for n in names)] = tag
    declared = declared_relationships(story)
    for tag in declared:
        parsed = parse_pairing(tag)
        if parsed is None:
            continue
        names, romantic = parsed
        matched = [match_character(n, characters) for n in names]
        missing = [n for n, c in zip(names, matched, strict=True) if c is None]
        ids = tuple(c.id for c in matched if c is not None)
        if missing:
            checks.append(TagCheck(tag, "unknown_name", characters=ids,
                                   note=f"no character in the text is called {', '.join(missing)}"))
            continue
        statuses = []
        found = ""
        for a, b in combinations(ids, 2):
            declared_pairs.add(frozenset((a, b)))
            kinds = _kinds_between(a, b, relations)
            found = found or found_by_pair.get(frozenset((a, b)), "")
            if romantic and "romantic" in kinds or not romantic and kinds & {"affection", "romantic"} \
                    and "romantic" not in kinds:
                statuses.append("agree")
            elif kinds:
                statuses.append("kind_differs")
            else:
                statuses.append("unsupported")
        status = min(statuses, key=("unsupported", "kind_differs", "agree").index)
        note = {"agree": "the text shows this",
                "kind_differs": "the text shows a feeling between them, of another kind",
                "unsupported": "the text shows no feeling between them"}[status]
        checks.append(TagCheck(tag, status, found, ids, note))
    if declared:
        for pair, tag in found_by_pair.items():
            if pair not in declared_pairs:
                checks.append(TagCheck(tag, "untagged", tag, tuple(sorted(pair)),
                                       "heartline finds this pairing; the author did not tag it"))
    return replace(tags, compared=tuple(checks))
