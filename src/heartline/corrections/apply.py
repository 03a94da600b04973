"""Stages that apply a person's corrections inside the analysis, so everything after them
(coreference, speakers, feelings, tags, the conversation graph) reads the corrected cast.

People fixes (merge, split, not_character, rename) act on the cast once names are found
and the narrator is known, before coreference; relation fixes (remove_relation,
add_relation) act on the feelings before tags.  Each stage pair is a pure step that
reports what it did (``*_corrections``) and one that hands the corrected result on
under the usual name.  A correction that matches nothing is reported as stale, never
dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from ..model import Cast, Character, CorrectionOutcome, CorrectionReport, Mentions, Relation
from ..pipeline import stage
from .file import Correction, Corrections

CAST_ACTIONS = ("merge", "split", "not_character", "rename")
RELATION_ACTIONS = ("remove_relation", "add_relation")


def name_key(name: str) -> str:
    return " ".join(name.replace("’", "'").replace(".", "").casefold().split())


def find_character(name: str, characters: tuple[Character, ...] | list[Character]) -> Character | None:
    """The character a person means by ``name``: its display name, its id, else the most
    mentioned character using it as an alias."""
    key = name_key(name)
    for c in characters:
        if name_key(c.name) == key or c.id == name.strip():
            return c
    holders = [c for c in characters if key in {name_key(a) for a in c.aliases}]
    return max(holders, key=lambda c: c.mentions) if holders else None


def _slug(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "character"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}_{n}", n + 1
    return slug


_T = TypeVar("_T")


@dataclass(frozen=True)
class Applied(Generic[_T]):
    """A corrected result and, for each correction it concerned (by its place in the
    file), what became of it."""

    value: _T
    outcomes: tuple[tuple[int, CorrectionOutcome], ...]


def _outcome(c: Correction, applied: bool, note: str) -> CorrectionOutcome:
    return CorrectionOutcome(c.action, tuple((k, list(v) if isinstance(v, tuple) else v)
                                             for k, v in c.fields if v is not None), applied, note)


class _CastEditor:
    def __init__(self, cast: Cast, mentions: Mentions):
        self.characters = list(cast.characters)
        self.links = dict(cast.name_links)
        self.rejected = list(cast.rejected)
        self.mentions = mentions

    def cast(self) -> Cast:
        return Cast(tuple(self.characters), self.links, tuple(self.rejected))

    def _put(self, old: Character, new: Character | None) -> None:
        i = self.characters.index(old)
        if new is None:
            del self.characters[i]
        else:
            self.characters[i] = new

    def _relink(self, old_id: str, new_id: str) -> None:
        for m, cid in self.links.items():
            if cid == old_id:
                self.links[m] = new_id

    def merge(self, c: Correction) -> tuple[bool, str]:
        names = c.get("names")
        found = [find_character(n, self.characters) for n in names]
        missing = [n for n, ch in zip(names, found, strict=True) if ch is None]
        if missing:
            return False, f"no character is called {', '.join(missing)}"
        present = [ch for ch in found if ch is not None]  # all of them: none is missing
        into = present[0]
        others = [ch for ch in dict.fromkeys(present[1:]) if ch.id != into.id]
        if not others:
            return True, f"already one character, {into.name}"
        aliases = list(into.aliases)
        gender = into.gender
        for other in others:
            aliases += [a for a in other.aliases if a not in aliases]
            gender = gender if gender != "unknown" else other.gender
            self._relink(other.id, into.id)
            self._put(other, None)
        merged = replace(into, aliases=tuple(aliases), gender=gender, corrected=True,
                         mentions=into.mentions + sum(o.mentions for o in others))
        self._put(into, merged)
        return True, f"{', '.join(o.name for o in others)} merged into {into.name}"

    def split(self, c: Correction) -> tuple[bool, str]:
        alias = c.get("alias")
        key = name_key(alias)
        source = find_character(c.get("from"), self.characters) if c.get("from") else None
        if c.get("from") and source is None:
            return False, f"no character is called {c.get('from')}"
        if source is None:
            holders = [ch for ch in self.characters if key in {name_key(a) for a in ch.aliases}]
            source = max(holders, key=lambda ch: ch.mentions) if holders else None
        if source is None:
            return False, f"no character is called {alias}"
        moved = [i for i, cid in self.links.items()
                 if cid == source.id and name_key(self.mentions.items[i].text) == key]
        if not moved:
            return False, f"the text never calls {source.name} {alias!r}"
        new_id = _slug(alias, {ch.id for ch in self.characters})
        for i in moved:
            self.links[i] = new_id
        forms = [a for a in source.aliases if name_key(a) != key]
        rest = source.mentions - len(moved)
        if any(cid == source.id for cid in self.links.values()):
            self._put(source, replace(source, aliases=tuple(forms), mentions=max(rest, 1), corrected=True))
        else:
            self._put(source, None)
        self.characters.append(Character(new_id, alias, (alias,), "unknown", len(moved), corrected=True))
        return True, f"{alias} split off {source.name} ({len(moved)} mention{'s' if len(moved) != 1 else ''})"

    def not_character(self, c: Correction) -> tuple[bool, str]:
        name = c.get("name")
        ch = find_character(name, self.characters)
        if ch is None:
            return False, f"no character is called {name}"
        self.links = {i: cid for i, cid in self.links.items() if cid != ch.id}
        self._put(ch, None)
        self.rejected.append(ch.name)
        return True, f"{ch.name} is not a character"

    def rename(self, c: Correction) -> tuple[bool, str]:
        old, new = c.get("from"), c.get("to")
        ch = find_character(old, self.characters)
        if ch is None:
            return False, f"no character is called {old}"
        new_id = _slug(new, {x.id for x in self.characters if x.id != ch.id})
        self._relink(ch.id, new_id)
        aliases = ch.aliases if any(name_key(a) == name_key(new) for a in ch.aliases) else (new,) + ch.aliases
        self._put(ch, replace(ch, id=new_id, name=new, aliases=aliases, corrected=True))
        return True, f"{ch.name} is now called {new}"


def _numbered(corrections: Corrections, actions: tuple[str, ...]):
    return [(i, c) for i, c in enumerate(corrections.items) if c.action in actions]


@stage("correct_cast", needs=("titled_cast", "mentions", "corrections"), produces="cast_corrections")
def correct_cast(titled_cast: Cast, mentions: Mentions, corrections: Corrections = Corrections()) -> Applied[Cast]:
    """The cast with a person's merges, splits, renames and not-a-character marks applied."""
    cast = titled_cast
    todo = _numbered(corrections, CAST_ACTIONS)
    if not todo:
        return Applied(cast, ())
    editor = _CastEditor(cast, mentions)
    outcomes = []
    for i, c in todo:
        applied, note = getattr(editor, c.action)(c)
        outcomes.append((i, _outcome(c, applied, note)))
    return Applied(editor.cast(), tuple(outcomes))


@stage("corrected_cast", needs=("cast_corrections",), produces="cast")
def corrected_cast(cast_corrections: Applied[Cast]) -> Cast:
    """The corrected cast, under the name later stages read."""
    return cast_corrections.value


def _edit_relations(relations: list[Relation], characters: tuple[Character, ...],
                    c: Correction) -> tuple[bool, str]:
    a, b = find_character(c.get("from"), characters), find_character(c.get("to"), characters)
    if a is None or b is None:
        missing = [n for n, ch in ((c.get("from"), a), (c.get("to"), b)) if ch is None]
        return False, f"no character is called {', '.join(missing)}"
    kind = c.get("kind")
    same = [r for r in relations if r.source == a.id and r.target == b.id]
    if c.action == "remove_relation":
        gone = [r for r in same if kind is None or r.kind == kind]
        if not gone:
            what = f"{kind} feeling" if kind else "feeling"
            return False, f"heartline finds no {what} from {a.name} to {b.name}"
        for r in gone:
            relations.remove(r)
        return True, f"removed {a.name} -> {b.name} ({', '.join(r.kind for r in gone)})"
    added = Relation(a.id, b.id, kind, c.get("how") or "implied", True, 1.0, (), (),
                     corrected=True, reason=c.get("reason") or "")
    if same:
        old = same[0]
        relations[relations.index(old)] = replace(old, kind=kind, how=c.get("how") or old.how, current=True,
                                                  corrected=True, reason=added.reason)
        return True, (f"{a.name} -> {b.name} was already found as {kind}" if old.kind == kind
                      else f"{a.name} -> {b.name} is {kind}, not {old.kind}")
    relations.insert(0, added)
    return True, f"added {a.name} -> {b.name} ({kind})"


@stage("correct_relations", needs=("characters", "judged_relations", "corrections"), produces="relation_corrections")
def correct_relations(characters: tuple[Character, ...], judged_relations: tuple[Relation, ...],
                      corrections: Corrections = Corrections()) -> Applied[tuple[Relation, ...]]:
    """The relations with a person's removals and additions applied."""
    relations = judged_relations
    todo = _numbered(corrections, RELATION_ACTIONS)
    if not todo:
        return Applied(relations, ())
    edited = list(relations)
    outcomes = []
    for i, c in todo:
        applied, note = _edit_relations(edited, characters, c)
        outcomes.append((i, _outcome(c, applied, note)))
    return Applied(tuple(edited), tuple(outcomes))


@stage("corrected_relations", needs=("relation_corrections",), produces="relations")
def corrected_relations(relation_corrections: Applied[tuple[Relation, ...]]) -> tuple[Relation, ...]:
    """The corrected relations, under the name later stages read."""
    return relation_corrections.value


def correction_report(corrections: Corrections, *applied: Applied[Any]) -> CorrectionReport:
    """Every correction of the file, in file order, applied or stale."""
    outcomes = sorted((pair for a in applied for pair in a.outcomes), key=lambda p: p[0])
    return CorrectionReport(corrections.file, tuple(o for _, o in outcomes))
