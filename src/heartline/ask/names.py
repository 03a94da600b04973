"""A name as a reader types it → the character(s) of an analysis it means.

Matching goes from strict to loose and stops at the first step that finds anyone:
the whole name against every alias, then the same without honorific suffixes, then
every typed word inside one alias (so a surname, a given name, a title, or a
family-name-first order all match).  No match gives the nearest names (difflib);
several matches are ambiguous and are reported, never picked from.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Japanese honorific suffixes as fan fiction writes them ("Mia-chan"): typed or not,
# they name the same person.
_HONORIFIC = re.compile(
    r"-(?:kun|chan|san|sama|senpai|sempai|sensei|teme|dono|hime|tan|chin|bo|nee|nii|"
    r"neechan|niichan|oneesan|oniisan|oneechan|oniichan|kohai|kouhai|shi|ue)$")
_ARTICLES = {"the", "a", "an", "that", "this", "my", "our", "his", "her", "their", "your"}
# Words that are a role, not a name: kept for matching ("the captain"), but never
# offered alone as a suggestion.
_NARRATOR_WORDS = {"narrator", "the narrator", "i", "me", "myself"}


def normalise(name: str) -> str:
    """Lower case, straight apostrophes, no periods or possessive, spaces collapsed,
    no leading article."""
    text = name.replace("\u2019", "'").replace("\u2018", "'").lower()
    text = re.sub(r"'s\b$", "", text.strip())
    text = re.sub(r"[.,;:!?\"()]", " ", text)
    words = text.split()
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def _without_honorifics(norm: str) -> str:
    return " ".join(_HONORIFIC.sub("", w) for w in norm.split())


def _words(norm: str) -> frozenset[str]:
    return frozenset(_without_honorifics(norm).replace("-", " ").split())


@dataclass(frozen=True)
class CharacterRef:
    id: str
    name: str


class UnknownName(LookupError):
    """No character has this name; ``suggestions`` are the nearest display names."""

    def __init__(self, name: str, suggestions: Sequence[str]):
        super().__init__(name)
        self.name = name
        self.suggestions = tuple(suggestions)


class AmbiguousName(LookupError):
    """Several characters answer to this name; ``matches`` lists them, most central first."""

    def __init__(self, name: str, matches: Sequence[CharacterRef]):
        super().__init__(name)
        self.name = name
        self.matches = tuple(matches)


class NameIndex:
    """Every alias of every character, ready to resolve typed names."""

    def __init__(self, characters: Iterable[Mapping[str, Any]]):
        self.characters = [c for c in characters]
        self.by_id = {c["id"]: c for c in self.characters}
        # Characters arrive most mentioned first; keep that order for listings.
        self._order = {c["id"]: i for i, c in enumerate(self.characters)}
        self._forms: list[tuple[str, str]] = []  # (normalised alias, id)
        for c in self.characters:
            for alias in {c["name"], *c.get("aliases", ())}:
                norm = normalise(alias)
                if norm:
                    self._forms.append((norm, c["id"]))

    def ref(self, char_id: str) -> CharacterRef:
        return CharacterRef(char_id, self.by_id[char_id]["name"])

    def _refs(self, ids: Iterable[str]) -> list[CharacterRef]:
        return [self.ref(i) for i in sorted(set(ids), key=self._order.__getitem__)]

    def _matching(self, query: str) -> list[str]:
        exact = [cid for form, cid in self._forms if form == query]
        if exact:
            return exact
        bare = _without_honorifics(query)
        plain = [cid for form, cid in self._forms if _without_honorifics(form) == bare]
        if plain:
            return plain
        if query in _NARRATOR_WORDS:
            return [cid for form, cid in self._forms if form == "i"]
        words = _words(query)
        return [cid for form, cid in self._forms if words and words <= _words(form)]

    def resolve(self, name: str) -> CharacterRef:
        """The one character ``name`` means; ``UnknownName`` or ``AmbiguousName`` otherwise."""
        query = normalise(name)
        ids = self._matching(query)
        refs = self._refs(ids)
        if len(refs) == 1:
            return refs[0]
        if refs:
            raise AmbiguousName(name, refs)
        raise UnknownName(name, self.suggest(query))

    def suggest(self, query: str, limit: int = 3) -> list[str]:
        """Display names of the characters whose aliases (or alias words) are nearest."""
        candidates: dict[str, str] = {}
        for form, cid in self._forms:
            candidates.setdefault(form, cid)
            for word in _words(form):
                if len(word) >= 3:
                    candidates.setdefault(word, cid)
        close = difflib.get_close_matches(query, list(candidates), n=10, cutoff=0.6)
        names: list[str] = []
        for form in close:
            name = self.by_id[candidates[form]]["name"]
            if name not in names:
                names.append(name)
        return names[:limit]
