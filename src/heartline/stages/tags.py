"""Stage ``tags``: archive-style tags from the relations, formed as AO3 forms its canonical ones.

Relationship tags: ``A/B`` for a romantic or sexual pairing (mutual or one-sided, current
or ended: the archive keeps pre- and post-relationships as ``/``), ``A & B`` for a strong
platonic one.  The two names are ordered by family name, then given name; a name written
family-name-first keeps its written order but sorts by its family name; a single name
sorts by itself.  Additional tags carry the nuance: ``Past A/B``, ``One-sided A/B``,
``Minor A/B``, ``Implied A/B``, and arc tags (``Denial``, ``Mutual Pining``, ``Friends to
Lovers``, ``Enemies to Lovers``) where the relations' arcs show them.  Character tags come
in order of prominence.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..model import Character, Relation, Tags
from ..namelist import NameList
from ..pipeline import stage
from .lexicon import HONORIFICS, TITLES

_PLATONIC_CONFIDENCE = 0.5
_MIN_SHARE = 0.05  # of the most mentioned person's mentions: below it, no platonic tag
_MINOR_CENTRALITY = 0.2  # a pairing of two people both below this is a background one
_MAX_CHARACTER_TAGS = 12

# Titles that stand before a family name ("Mr. Reed", "Captain Reed"); a queen or a lady
# is as often called by her given name, so those titles say nothing about name order.
_FAMILY_TITLES = frozenset(
    "mr mrs miss ms mx dr doctor professor prof mistress master colonel captain general major "
    "lieutenant sergeant admiral commander corporal detective inspector officer agent".split())
# Lower-case words a personal name may hold ("Ludwig van Beethoven").
_PARTICLES = frozenset("van von de da di del della der den du la le bin ibn al el ter".split())
_NOT_NAME_WORDS = frozenset("the a an i".split())
_WORD = re.compile(r"[^\s]+")


def _words(name: str) -> list[str]:
    return _WORD.findall(name.replace("’", "'"))


def _is_title(word: str) -> bool:
    return word.rstrip(".").lower() in TITLES


def _core(name: str) -> list[str]:
    """The name without leading titles ("Lady Ann Reed" → Ann Reed)."""
    words = _words(name)
    while words and _is_title(words[0]):
        words = words[1:]
    return words


def _is_name_form(alias: str) -> bool:
    """A written personal name: capitalised words (particles allowed), no epithet, no
    honorific suffix, no handle."""
    words = _words(alias)
    if not words or words[0].lower() in _NOT_NAME_WORDS:
        return False
    for w in words:
        if "-" in w and w.rsplit("-", 1)[1].lower() in HONORIFICS:
            return False
        if not (w[:1].isupper() or w.lower() in _PARTICLES) or not re.search(r"[^\W\d_]", w):
            return False
    return True


def tag_name(character: Character, canonical: frozenset[str] = frozenset()) -> str:
    """The name a tag gives a character: a name the user's name list or correction gives, else the
    fullest personal name the text uses ("Lady Ann Reed" → "Ann Reed"; a single name keeps
    its title: "Queen Ann")."""
    if character.name in canonical or character.corrected:
        return character.name  # a name a person chose is used as they wrote it
    shown = {w.casefold() for w in _core(character.name)}
    best, best_len = character.name, len(_core(character.name)) if _is_name_form(character.name) else -1
    for alias in character.aliases:
        if not _is_name_form(alias):
            continue
        core = _core(alias)
        if shown and not shown & {w.casefold() for w in core}:
            continue  # an alias sharing no word with the name may be a mis-merge: never name by it
        if len(core) > best_len:
            best, best_len = alias, len(core)
    core = _core(best)
    if len(core) >= 2:
        return " ".join(core)
    return best


def _name_order_vote(name: str, character: Character, first_words: dict[str, int],
                     last_words: set[str]) -> int:
    """+1 when the text shows this name written family-name-first, -1 when given-name-first,
    0 when it shows neither."""
    core = _core(name)
    if len(core) < 2:
        return 0
    first, last = core[0].casefold(), core[-1].casefold()
    for alias in character.aliases:
        words = _words(alias)
        if len(words) == 2 and words[0].rstrip(".").lower() in _FAMILY_TITLES:
            family = words[1].casefold()
            if family == last:
                return -1
            if family == first:
                return 1
    # a family name several characters share, always written first: a clan
    if first_words.get(first, 0) >= 2 and first not in last_words:
        return 1
    alone = {w.casefold() for a in character.aliases for w in [a.strip()] if len(_words(w)) == 1}
    if last in alone and first not in alone:
        return 1  # called by the last word alone: it is the given name
    if first in alone and last not in alone:
        return -1
    return 0


def family_name_first(named: Iterable[tuple[Character, str]]) -> set[str]:
    """Ids of the characters whose tag name is written family-name-first.  Each name
    votes from the text's own evidence; names without evidence follow the story's
    majority (a story writing names family-name-first writes them all so)."""
    named = list(named)
    cores = [_core(n) for _, n in named]
    first_words: dict[str, int] = {}
    last_words: set[str] = set()
    for core in cores:
        if len(core) >= 2:
            first_words[core[0].casefold()] = first_words.get(core[0].casefold(), 0) + 1
            last_words.add(core[-1].casefold())
    votes = {c.id: _name_order_vote(n, c, first_words, last_words) for c, n in named}
    majority = 1 if sum(votes.values()) > 0 else -1
    return {cid for cid, v in votes.items() if (v or majority) > 0}


def _fold(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", word.casefold())
                   if not unicodedata.combining(ch))


def sort_key(name: str, family_first: bool = False) -> tuple[str, str]:
    """(family name, given names) of a name, titles dropped; a single name sorts by itself."""
    core = _core(name) or _words(name) or [name]
    if len(core) == 1:
        return _fold(core[0]), ""
    if family_first:
        return _fold(core[0]), _fold(" ".join(core[1:]))
    return _fold(core[-1]), _fold(" ".join(core[:-1]))


def relationship_tag(a: str, b: str, romantic: bool, family_first: Iterable[str] = ()) -> str:
    """``A/B`` or ``A & B``, names in the archive's order.  ``family_first``: which of the
    two names are written family-name-first."""
    ff = set(family_first)
    # the archive writes the reader of a reader-insert last: "Dario Vance/Reader"
    first, second = sorted((a, b), key=lambda n: (n == "Reader", sort_key(n, n in ff), n.casefold()))
    return f"{first}/{second}" if romantic else f"{first} & {second}"


def _first_steps(r: Relation) -> list[str]:
    return [s.kind for s in r.arc if s.how != "denied"]


def _arc_tags(pair: list[Relation]) -> list[str]:
    """Tags the arcs of one pair's relations show."""
    tags: list[str] = []
    romantic_now = [r for r in pair if r.kind == "romantic" and r.current]
    if any(r.how == "denied" or any(s.how == "denied" for s in r.arc) for r in romantic_now):
        tags.append("Denial")
    if len({r.source for r in romantic_now}) == 2 and all(_pined(r) for r in romantic_now):
        tags.append("Mutual Pining")
    for r in romantic_now:
        steps = _first_steps(r)
        if steps and steps[0] == "affection":
            tags.append("Friends to Lovers")
        elif steps and steps[0] in ("dislike", "hatred"):
            tags.append("Enemies to Lovers")
    return tags


def _pined(r: Relation) -> bool:
    """The feeling shows (narrated, implied, claimed or denied) in a scene before its owner
    first says it, or is never said at all."""
    romantic = [e for e in r.evidence if e.kind == "romantic" and not e.past]
    said = [e.scene for e in romantic if e.how == "stated"]
    if not said:
        return bool(romantic)
    return any(e.scene < min(said) and e.how != "stated" for e in romantic)


@stage("tags", needs=("characters", "relations", "fandom_names"), produces="tags")
def make_tags(characters: tuple[Character, ...], relations: tuple[Relation, ...],
              fandom_names: NameList = NameList()) -> Tags:
    """Relationship, additional and character tags as fans write them on archives."""
    canonical = frozenset(e.name for e in fandom_names.entries)
    by_id = {c.id: c for c in characters}
    names = {c.id: tag_name(c, canonical) for c in characters}
    ff_ids = family_name_first((c, names[c.id]) for c in characters)
    family_first = {names[i] for i in ff_ids}
    most = max((c.mentions for c in characters), default=0)
    major = {c.id for c in characters if c.mentions >= _MIN_SHARE * most}

    def tag(a: str, b: str, romantic: bool) -> str:
        return relationship_tag(names[a], names[b], romantic, family_first)

    pairs: dict[frozenset[str], list[Relation]] = {}
    for r in relations:
        if r.source in by_id and r.target in by_id and r.source != r.target:
            pairs.setdefault(frozenset((r.source, r.target)), []).append(r)

    current: list[str] = []
    ended: list[str] = []
    additional: list[str] = []
    arc_tags: list[str] = []
    romantic_pairs = set()
    for pair, rels in pairs.items():
        a, b = sorted(pair)
        romantic = [r for r in rels if r.kind == "romantic"]
        was_romantic = [r for r in rels if any(s.kind == "romantic" and s.past for s in r.arc)]
        now = [r for r in romantic if r.current]
        if not romantic and not was_romantic:
            continue
        romantic_pairs.add(pair)
        rel_tag = tag(a, b, True)
        if now:
            current.append(rel_tag)
            if len({r.source for r in now}) == 1:
                additional.append(f"One-sided {rel_tag}")
                if any(r.source == now[0].target and r.kind != "romantic" and r.current for r in rels):
                    arc_tags.append("Unrequited Love")
        else:
            ended.append(rel_tag)
            additional.append(f"Past {rel_tag}")
        if max(by_id[a].centrality, by_id[b].centrality) < _MINOR_CENTRALITY:
            additional.append(f"Minor {rel_tag}")
        shown = [e for r in romantic for e in r.evidence if e.kind == "romantic" and e.how != "denied"]
        if shown and all(e.how == "implied" for e in shown):
            additional.append(f"Implied {rel_tag}")
        arc_tags.extend(_arc_tags(rels))

    platonic: list[str] = []
    for r in relations:
        pair = frozenset((r.source, r.target))
        if (r.current and r.kind == "affection" and r.confidence >= _PLATONIC_CONFIDENCE
                and pair not in romantic_pairs and r.source in major and r.target in major
                and r.source != r.target):
            platonic_tag = tag(r.source, r.target, False)
            if platonic_tag not in platonic:
                platonic.append(platonic_tag)

    tagged = {x for pair in romantic_pairs for x in pair}
    in_relations = tagged | {x for r in relations if r.current for x in (r.source, r.target)}
    chars = [names[c.id] for c in characters if c.id in in_relations or c.centrality >= 0.2]
    return Tags(characters=tuple(_unique(chars)[:_MAX_CHARACTER_TAGS]),
                relationships=tuple(_unique(current + ended + platonic)),
                additional=tuple(_unique(additional + arc_tags)))


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
