"""Fandom name lists: a user's map from the names a text uses to canonical ones.

Fans tag with an archive's canonical names ("Kerr Mia") while a fic says
"Mia"; a name list, given with ``--names FILE``, bridges the two.  heartline ships
none for any real fandom: the user writes or downloads their own.  YAML or JSON::

    Anna Bell:                 # canonical name → its aliases
      aliases: [Annie, Miss Bell]
      gender: female           # optional: male, female, nonbinary
    Tom Reed: [Tommy, Reed]    # or just the aliases

Matching is case-insensitive; a two-word canonical name also matches in either order.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from heartline.errors import InputError
from heartline.userfiles import parse_json, parse_yaml, read_user_text

_GENDERS = {"male": "male", "m": "male", "he": "male", "female": "female", "f": "female",
            "she": "female", "nonbinary": "nonbinary", "non-binary": "nonbinary", "they": "nonbinary",
            "unknown": "unknown"}


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").lower().split())


@dataclass(frozen=True)
class CanonicalName:
    name: str
    aliases: tuple[str, ...] = ()
    gender: str = "unknown"

    @property
    def forms(self) -> frozenset[str]:
        forms = {_key(self.name)} | {_key(a) for a in self.aliases}
        words = self.name.split()
        if len(words) == 2:
            forms.add(_key(f"{words[1]} {words[0]}"))
        return frozenset(f for f in forms if f)


@dataclass(frozen=True)
class NameList:
    entries: tuple[CanonicalName, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.entries)

    def match(self, surfaces: dict[str, int]) -> CanonicalName | None:
        """The entry that most of these surface forms (form → count) belong to."""
        best, best_count = None, 0
        for entry in self.entries:
            forms = entry.forms
            count = sum(n for s, n in surfaces.items() if _key(s) in forms)
            if count > best_count:
                best, best_count = entry, count
        return best


def _entry(name: str, value: object, source: str) -> CanonicalName:
    if value is None:
        return CanonicalName(str(name))
    if isinstance(value, str):
        return CanonicalName(str(name), (value,))
    if isinstance(value, list):
        return CanonicalName(str(name), tuple(str(v) for v in value if v is not None))
    if isinstance(value, dict):
        aliases = value.get("aliases", [])
        if isinstance(aliases, str):
            aliases = [aliases]
        gender = str(value.get("gender", "unknown")).strip().lower()
        if gender not in _GENDERS:
            raise InputError(f"{source}: {name}: unknown gender {gender!r} (use male, female or nonbinary)")
        return CanonicalName(str(name), tuple(str(a) for a in aliases or [] if a is not None), _GENDERS[gender])
    raise InputError(f"{source}: {name}: expected a list of aliases or a mapping with 'aliases'")


def parse_name_list(data: object, source: str = "<names>") -> NameList:
    if isinstance(data, dict):
        items = list(data.items())
    elif isinstance(data, list):  # [{name: ..., aliases: [...]}, ...]
        items = []
        for item in data:
            if not isinstance(item, dict) or "name" not in item:
                raise InputError(f"{source}: each list item needs a 'name'")
            items.append((item["name"], {k: v for k, v in item.items() if k != "name"}))
    else:
        raise InputError(f"{source}: expected a mapping of canonical names to aliases")
    return NameList(tuple(_entry(str(k), v, source) for k, v in items))


def load_name_list(path: str | Path) -> NameList:
    """Read a YAML or JSON name list; any problem is one ``InputError`` line."""
    source = str(path)
    raw = read_user_text(path, "name list")
    data = parse_json(raw, source) if source.lower().endswith(".json") else parse_yaml(raw, source)
    if data is None:
        return NameList()
    return parse_name_list(data, source)
