"""The reader of a reader-insert ("x Reader") fic is a character.

Second-person fan fiction tells the story to "you": the narration says "you" where a
novel says "she", and the dialogue calls the reader by a placeholder the reader fills in
with their own name, written with a slash: "Y/N" for the name, "L/N" for the last
name, "F/N", in brackets or not, with an honorific or not.  When the narration keeps
saying "you" (and seldom "I"), the "you" is one
person of the story: a character with the display name "Reader", whose aliases are the
placeholders as written.  Every "you" of the narration points at it; a placeholder said
in a quote calls the reader (the speakers stage makes the reader that quote's addressee);
a nickname the others keep calling the reader by (as a first-person narrator's name is
found, in the quotes that answer the reader's own) is the reader's too.

This module is used by the ``narrator`` stage; it knows nothing else of the pipeline.
"""
from __future__ import annotations

import re
from collections import Counter

from ..model import Cast, Character, Document, Mention, QuoteSpan

READER_ID = "reader"
READER_NAME = "Reader"

# a placeholder, bracketed or not, perhaps with an honorific: a name the reader fills in
PLACEHOLDER = re.compile(
    r"(?<![\w/])(?:[(\[{]\s*)?(?:[YyFfLlMmNn]/[Nn])(?:\s*[)\]}])?(?:-(?:chan|kun|san|sama|senpai|ssi|ah|ya|"
    r"nee|nii|sensei|dono))?(?![\w/])")
_MIN_SHARE = 10.0  # narration "you"s per 1,000 words of narration
_MIN_COUNT = 25
_MIN_WITH_PLACEHOLDER = 8  # "you"s enough where the text also writes a placeholder
# Measured and dropped (issue 17, session 10): a plural "you" of the narration ("the two of you",
# "you both", "one of you") left off the reader: no story's score moved
# (the one reader-insert fic of the development set held at 0.67 lenient).
_SAYING = (r"(?:say|ask|answer|reply|cry|whisper|murmur|mutter|mumble|exclaim|call|shout|yell|add|"
           r"begin|protest|suggest|remark|tell|snap|hiss|laugh|sigh|groan|insist|manage|blurt|squeak)")
# '"...," you say' / '"...," you tell him'
_YOU_SAID = re.compile(r"^\W{0,3}\s*(?:you\s+" + _SAYING + r"|" + _SAYING + r"\s+you\b)", re.IGNORECASE)


# A reader-insert posted outside an archive often names its pairing in the title only ("Harbour
# Lights | Dario Vance x Reader", "Odo x f!Reader (part 2)"): where the header declares no
# relationship, a title part that pairs someone with the reader is the author's pairing.  Only a
# part with the reader on one side counts: "Sun x Moon" may name the story, not its people.
_TITLE_PARTS = re.compile(r"\s*(?:[|:–—]|\s-\s)\s*")
# "A x B": a pairing written with an x, as reader-inserts write it ("barista!Dario x gn!reader")
X_PAIRING = re.compile(r"\s+[x×]\s+", re.IGNORECASE)
# "pilot!Dario", "f!Reader": an AU role or the reader's gender before a name
ROLE_PREFIX = re.compile(r"^[\w-]+!\s*")
_READER_WORDS = frozenset({"reader", "reader-insert", "reader insert", "you"})  # or a placeholder
_TRAILING_NOTE = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*$")


def is_reader_name(name: str) -> bool:
    """Whether a tag's name is the reader: "Reader", "f!Reader", "You", "(Y/N)", "Reader (gn)"."""
    bare = ROLE_PREFIX.sub("", _TRAILING_NOTE.sub("", name).strip())
    return bare.lower() in _READER_WORDS or is_placeholder(bare) or is_placeholder(name)


def parse_pairing(tag: str) -> tuple[list[str], bool] | None:
    """"A/B" -> ([A, B], romantic); "A x B" (a reader-insert's "Dario Vance x Reader") -> romantic too;
    "A & B" -> ([A, B], platonic); else None."""
    if "/" in tag:
        names = [n.strip() for n in tag.split("/")]
        romantic = True
    elif X_PAIRING.search(tag):
        names = [n.strip() for n in X_PAIRING.split(tag)]
        romantic = True
    elif "&" in tag:
        names = [n.strip() for n in tag.split("&")]
        romantic = False
    else:
        return None
    names = [n for n in names if n]
    return (names, romantic) if len(names) >= 2 else None


def declared_relationships(story) -> tuple[str, ...]:
    """The author's relationship tags; where there are none, a reader-insert's pairing its title
    names ("Dario Vance x Reader")."""
    if story.info.relationships:
        return story.info.relationships
    out = []
    for part in _TITLE_PARTS.split(story.title or ""):
        part = part.strip()
        note = _TRAILING_NOTE.search(part)
        if note and not is_placeholder(note.group()):  # "(part 2)", not "(Y/N)"
            part = part[:note.start()]
        names = [n.strip() for n in X_PAIRING.split(part)]
        if len(names) >= 2 and all(names) and any(is_reader_name(n) for n in names):
            out.append(part)
    return tuple(out)


def declares_reader(story) -> bool:
    """Does the author pair someone with the reader ("Dario Vance/Reader", "Odo x f!Reader")?"""
    return any(parsed is not None and any(is_reader_name(n) for n in parsed[0])
               for parsed in map(parse_pairing, declared_relationships(story)))


def placeholders(text: str, start: int = 0, end: int | None = None) -> list[re.Match]:
    """Every reader placeholder between ``start`` and ``end``."""
    return list(PLACEHOLDER.finditer(text, start, len(text) if end is None else end))


def is_placeholder(name: str) -> bool:
    return bool(PLACEHOLDER.fullmatch(name.strip()))


def placeholder_vocative(text: str, quote: QuoteSpan) -> bool:
    """Does the quote call the reader by a placeholder ("(Y/N)," / "Go home, L/N.")?"""
    inner = text[quote.start:quote.end]
    for m in PLACEHOLDER.finditer(inner):
        before, after = inner[:m.start()].rstrip(), inner[m.end():].lstrip()
        at_start = before == "" or before[-1] in ",!?.…" or before.lower().endswith(("hey", "oh", "hi"))
        at_end = after == "" or after[0] in ",!?.…;—-"
        if at_start and at_end:
            return True
    return False


def find_reader(document: Document, mentions, quote_spans: tuple[QuoteSpan, ...], names: Cast,
                vocative) -> Cast | None:
    """The cast with the reader added, when the narration is told to "you"; else None.
    ``vocative``: the speakers stage's test for a name said to someone."""
    text = document.story.text
    start, end = document.story.body
    second = [m for m in mentions.items if m.kind == "pronoun" and m.person == 2 and m.quote is None
              and start <= m.start < end and not document.story.is_excluded(m.start)]
    first = [m for m in mentions.items if m.kind == "pronoun" and m.person == 1 and m.quote is None]
    in_quotes = sum(q.end - q.start for q in quote_spans)
    narration_words = max(1, (end - start - in_quotes) // 6)
    written = [m for m in placeholders(text, start, end) if not document.story.is_excluded(m.start())]
    # a placeholder in the text, or the author's "Dario x Reader", says it is a reader-insert: a
    # drabble of a few hundred words says "you" fewer times than a story must to show it alone
    told = bool(written) or declares_reader(document.story)
    needed = _MIN_WITH_PLACEHOLDER if told else _MIN_COUNT
    if len(second) < needed or len(second) < 2 * len(first):
        return None
    if not told and len(second) * 1000 / narration_words < _MIN_SHARE:
        return None

    forms = list(dict.fromkeys(m.group().strip() for m in written))
    nickname = _reader_nickname(text, mentions, quote_spans, names, vocative)
    merged = {nickname} if nickname else set()
    aliases = tuple(forms) + ("you",)
    characters = []
    for c in names.characters:
        if c.id in merged or all(is_placeholder(a) for a in (c.name,) + c.aliases):
            aliases += tuple(dict.fromkeys(a for a in (c.name,) + c.aliases if a not in aliases))
            merged.add(c.id)
            continue
        characters.append(c)
    reader = Character(id=READER_ID, name=READER_NAME, aliases=aliases, gender="unknown",
                       mentions=len(second) + len(written))
    characters.insert(0, reader)
    links = {i: (READER_ID if cid in merged else cid) for i, cid in names.name_links.items()}
    for m in second:
        links[m.index] = READER_ID
    return Cast(characters=tuple(characters), name_links=links, rejected=names.rejected)


def _reader_nickname(text: str, mentions, quote_spans: tuple[QuoteSpan, ...], names: Cast,
                     vocative) -> str | None:
    """A name the others call the reader by ("Morning, Trouble"): called out in the quotes
    next to the reader's own, and living in the quotes rather than the narration."""
    by_quote: dict[int, list[Mention]] = {}
    inside: Counter[str] = Counter()
    outside: Counter[str] = Counter()
    for m in mentions.items:
        cid = names.name_links.get(m.index)
        if cid is None or m.kind != "name":
            continue
        (inside if m.quote is not None else outside)[cid] += 1
        if m.quote is not None:
            by_quote.setdefault(m.quote, []).append(m)
    readers = {q.index for q in quote_spans if q.kind == "speech" and _YOU_SAID.match(text[q.end:q.end + 60])}
    votes: Counter[str] = Counter()
    for i in readers:
        for j in (i - 1, i + 1):
            if 0 <= j < len(quote_spans) and j not in readers:
                for m in by_quote.get(j, []):
                    if vocative(text, quote_spans[j], m):
                        votes[names.name_links[m.index]] += 1
    called: Counter[str] = Counter()
    for q in quote_spans:
        for m in by_quote.get(q.index, []):
            if vocative(text, q, m):
                called[names.name_links[m.index]] += 1
    ranked = sorted(((2 * n + called[cid], cid) for cid, n in votes.items()
                     if 2 * n + called[cid] >= 4 and outside[cid] <= max(2, inside[cid] // 4)), reverse=True)
    return ranked[0][1] if ranked else None
