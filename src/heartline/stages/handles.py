"""Chat handles the prose ties to a name, and handles shown as they are typed.

A chat fic often says in its narration who a handle is: "Mara had been swampwitch_ since
year nine", "Tom, or flourboy as the chat knew him", "lighthouseboy was Tomás". The
handle's character and the named one are then one person (the named one keeps its name
and gains the handle as an alias).  A handle nobody names stays a character of its own,
called by the handle exactly as typed ("swampwitch_", "DO NOT REPLY"), never Title-Cased.

Used by the ``narrator`` stage after the cast is formed.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Cast, Character, Document, QuoteSpan

_NAME = r"(?P<name>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2})"
# NAME <link> HANDLE: "Mara had been swampwitch_", "Tom, or flourboy", "Mara (swampwitch_)"
_NAME_THEN_HANDLE = re.compile(
    _NAME + r"(?:,?[ \t]+(?:had been|has been|have been|was|is|became|becomes|goes by|went by|going by|"
    r"was known as|is known as|also known as|known as|a\.?k\.?a\.?|posts as|posted as|or)|[ \t]*[=(])[ \t]*[\"“'‘]?$")
# HANDLE <link> NAME: "swampwitch_ was Mara", "swampwitch_ (Mara)", "swampwitch_ = Mara"
_HANDLE_THEN_NAME = re.compile(r"^[\"”'’]?(?:,?[ \t]+(?:was|is|being|meant)[ \t]+|[ \t]*(?:=|:=|->|→|\(|—|–)[ \t]*)"
                               + _NAME)


def link_handles(document: Document, mentions, quote_spans: tuple[QuoteSpan, ...], cast: Cast) -> Cast:
    cast = _link_named_handles(document, mentions, quote_spans, cast)
    return link_roles(document, mentions, quote_spans, cast)


# ------------------------------------------------------------------ transcript roles
# A transcript heads each section with who holds each role: "Q: Det. Lark. A: C. Tallis.",
# "INTERVIEWER: Dr Ama Reyes", "Present: Det. Lark (INTERVIEWER)".  The role's lines are then
# that person's, in that section only: the next interview's "A:" is somebody else.
_ROLE_THEN_NAME = r"(?<![\w.]){role}[ \t]*[:=][ \t]*(?P<who>[^\n:;]{{1,60}})"
_NAME_THEN_ROLE = r"(?P<who>[^\n:;(]{{1,60}})\([ \t]*{role}[ \t]*\)"


def _named_in(segment: str, aliases: list[tuple[str, str]], last: bool) -> str | None:
    """The character whose alias stands in ``segment`` (the first or last, the longest at a place)."""
    hits = []
    for alias, cid in aliases:
        for m in re.finditer(r"(?<![\w])" + re.escape(alias) + r"(?![\w])", segment):
            hits.append((m.start(), -len(alias), cid))
    if not hits:
        # "C. Tallis", "Det. Lark": an initial or abbreviated title before a family name
        # that only one character's full name ends in
        owners: dict[str, set[str]] = {}
        for alias, cid in aliases:
            if " " in alias:
                owners.setdefault(alias.split()[-1], set()).add(cid)
        for m in re.finditer(r"[A-Z][\w'’-]+", segment):
            if len(owners.get(m.group(), ())) == 1:
                hits.append((m.start(), 0, next(iter(owners[m.group()]))))
    if not hits:
        return None
    hits.sort()
    return hits[-1][2] if last else hits[0][2]


def link_roles(document: Document, mentions, quote_spans: tuple[QuoteSpan, ...], cast: Cast) -> Cast:
    """Role prefixes ("Q", "A", "INTERVIEWER") linked, section by section, to the person a
    header line gives the role."""
    text = document.story.text
    aliases = sorted({(a, c.id) for c in cast.characters for a in (c.name,) + c.aliases
                      if len(a) >= 3 and a[0].isupper()}, key=lambda x: (-len(x[0]), x[0], x[1]))
    by_scene: dict[int, list] = {}
    for m in mentions.items:
        if m.kind == "speaker":
            by_scene.setdefault(document.scene_at(m.start), []).append(m)
    links = dict(cast.name_links)
    moved: dict[str, int] = {}  # role character -> mentions taken from it
    for scene_index in sorted(by_scene):
        scene = document.scenes[scene_index]
        first_line = min(q.start for q in quote_spans if q.kind == "line" and q.scene == scene_index) \
            if any(q.kind == "line" and q.scene == scene_index for q in quote_spans) else scene.end
        roles = sorted({m.text for m in by_scene[scene_index]})
        header = text[scene.start:text.rfind("\n", scene.start, first_line) + 1 or first_line]
        for line in re.finditer(r"[^\n]+", text[scene.start:scene.end]):
            # or a key line naming two roles at once ("Q: Det. Lark. A: C. Tallis.")
            if sum(bool(re.search(r"(?<![\w.])" + re.escape(r) + r"[ \t]*:", line.group())) for r in roles) >= 2:
                header = text[scene.start:scene.start + line.end()]
                break
        for role in roles:
            cid = None
            for pattern, last in ((_ROLE_THEN_NAME, False), (_NAME_THEN_ROLE, True)):
                for found in re.finditer(pattern.format(role=re.escape(role)), header):
                    who = re.split(r"\.[ \t]+(?=\w{1,15}[ \t]*:)", found.group("who"))[0]
                    cid = cid or _named_in(who, aliases, last)
            if cid is None:
                continue
            for m in by_scene[scene_index]:
                if m.text == role and links.get(m.index) != cid:
                    old = links.get(m.index)
                    if old is not None:
                        moved[old] = moved.get(old, 0) + 1
                    links[m.index] = cid
    if links == dict(cast.name_links):
        return cast
    still = set(links.values())
    characters = tuple(c for c in cast.characters if c.id in still or c.id not in moved)
    return Cast(characters=characters, name_links=links, rejected=cast.rejected)


def _link_named_handles(document: Document, mentions, quote_spans: tuple[QuoteSpan, ...], cast: Cast) -> Cast:
    text = document.story.text
    speaker_of: dict[str, str] = {}  # handle as typed -> its character
    for m in mentions.items:
        cid = cast.name_links.get(m.index)
        if m.kind == "speaker" and cid is not None:
            speaker_of.setdefault(m.text, cid)
    if not speaker_of:
        return cast
    by_alias: dict[str, str] = {}
    for c in cast.characters:
        for alias in (c.name,) + c.aliases:
            by_alias.setdefault(alias.lower(), c.id)
    in_quote = [(q.start, q.end) for q in quote_spans]
    merge: dict[str, str] = {}  # handle character -> named character
    for handle, hid in speaker_of.items():
        if hid in merge or not re.search(r"\w", handle):
            continue
        pattern = re.compile(r"(?<![\w.@])" + re.escape(handle) + r"(?![\w@])", re.IGNORECASE)
        for hit in pattern.finditer(text):
            if any(s <= hit.start() < e for s, e in in_quote):
                continue
            line_start = text.rfind("\n", 0, hit.start()) + 1
            line_end = text.find("\n", hit.end())
            before = _NAME_THEN_HANDLE.search(text[max(line_start, hit.start() - 60):hit.start()])
            after = _HANDLE_THEN_NAME.match(text[hit.end():line_end if line_end != -1 else len(text)])
            target = None
            for found in (before, after):
                if found and target is None:
                    target = by_alias.get(found.group("name").lower())
            if target is not None and target != hid and target not in speaker_of.values():
                merge[hid] = target
                break
    # "lys.fenn", "hy.bell": a handle built from a name of one person and no other's, or whose
    # first word is one person's name
    words: dict[str, set[str]] = {}
    for c in cast.characters:
        if c.id in speaker_of.values():
            continue
        for alias in (c.name,) + c.aliases:
            for w in re.findall(r"[^\W\d_]+", alias.lower()):
                if len(w) >= 2:
                    words.setdefault(w, set()).add(c.id)
    for handle, hid in speaker_of.items():
        if hid in merge or " " in handle.strip():
            continue
        parts = [p for p in re.split(r"[._\-@\d]+", handle.lower()) if p]
        owners = {cid for p in parts if len(parts) > 1 for cid in words.get(p, ())}
        if len(owners) > 1:
            # "Brannoch_the_Bold": the handle's first word is the name, the rest an epithet
            owners = set(words.get(parts[0], ()))
        if len(owners) == 1:
            merge[hid] = owners.pop()
    handle_ids = set(speaker_of.values())
    characters: list[Character] = []
    gained: dict[str, list[str]] = {}
    counted: dict[str, int] = {}
    for c in cast.characters:
        if c.id in merge:
            gained.setdefault(merge[c.id], []).extend((c.name,) + c.aliases)
            counted[merge[c.id]] = counted.get(merge[c.id], 0) + c.mentions
    for c in cast.characters:
        if c.id in merge:
            continue
        if c.id in gained:
            extra = tuple(a for a in dict.fromkeys(gained[c.id]) if a not in c.aliases and a != c.name
                          and a in speaker_of)
            c = replace(c, aliases=c.aliases + extra, mentions=c.mentions + counted[c.id])
        elif c.id in handle_ids and not c.corrected:
            typed = [h for h, cid in speaker_of.items() if cid == c.id]
            if typed and all(a in speaker_of for a in c.aliases) and c.name not in typed:
                c = replace(c, name=typed[0])  # "swampwitch_", "DO NOT REPLY": as typed
        characters.append(c)
    links = {i: merge.get(cid, cid) for i, cid in cast.name_links.items()}
    return Cast(characters=tuple(characters), name_links=links, rejected=cast.rejected)
