"""Stage ``narrator``: a first-person narrator is a character.

When the narration (outside quotes and letters) keeps saying "I", the "I" is a person
of the story whose name only others say.  The name is found where others speak to
the narrator: a vocative in a quote the narrator hears ('"Nick," she said to me') or
in the quotes that answer the narrator's own ('"...," I said.').  If that name is
already a character, the narrator is that character; otherwise a character "the
narrator" is added.  Every first-person pronoun of the narration then points at it.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..model import Cast, Character, Document, Mentions, QuoteSpan
from ..pipeline import stage
from .characters import character_slug
from .handles import link_handles
from .reader import find_reader
from .speakers import is_vocative

_MIN_SHARE = 8.0  # first-person pronouns per 1,000 words of narration
_MIN_COUNT = 25
# ... or this many, with at least _MIN_TAGGED quotes the narration tags "I said" / "said I"
_MIN_COUNT_TAGGED = 10
_MIN_TAGGED = 2
_TOLD_ME = re.compile(r"^\W{0,3}\s*(?:\w+\s+){0,3}?(?:said|says|asked|asks|told|tells|called|calls|cried|"
                      r"whispered|whispers|replied|replies)\s+(?:to\s+)?me\b", re.IGNORECASE)
_SAYING = (r"(?:say|said|says|ask|asked|asks|answer|answered|answers|reply|replied|replies|cry|cried|"
           r"whisper|whispered|murmur|murmured|exclaim|exclaimed|call|called|shout|shouted|add|added|"
           r"began|begin|returned|protest|protested|suggest|suggested|remark|remarked|tell|told|tells)")
_YOU_ARE = re.compile(r"\b(?:you['’]re|you are|are you|aren['’]t you)\s+$", re.IGNORECASE)
# An author's note or summary that names the narrator: "Told by Wenna Rook, who ...",
# "narrated by Corin", "from Wenna's point of view", "Corin's POV", "POV: Wenna".
_NAME_WORDS = r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
_NOTED_NARRATOR = (
    re.compile(r"\b(?:[Tt]old|[Nn]arrated|[Ss]een)\s+(?:by|through the eyes of|from the (?:point of view|perspective|"
               r"POV) of)\s+" + _NAME_WORDS),
    re.compile(r"\b(?:[Ff]rom\s+)?" + _NAME_WORDS + r"['’]s\s+(?:POV|[Pp]oint of [Vv]iew|[Pp]erspective)\b"),
    re.compile(r"\bPOV\s*:\s*" + _NAME_WORDS),
)
_I_SAID = re.compile(r"^\W{0,3}\s*(?:I\s+" + _SAYING + r"|" + _SAYING + r"\s+I)\b")


# The narrator naming themself: a name that ends one of these, where the "I" is the
# narrator's (the narration, or a quote the narration tags "I said"), is the narrator's own.
# Rows: (id, pattern up to the name, invented example, where it counts, note).  The name
# itself must be a name mention of a cast character that starts right after the match.
_SELF_NAMING = (
    ("called_myself", r"\b(?:called|call|calls|named|name)\s+myself\s+$",
     "so I called myself Tibb, and Tibb I stayed", "narration",
     "a child's own short form of their name"),
    ("my_name_is", r"\b[Mm]y\s+(?:first\s+|last\s+|Christian\s+|real\s+)?name\s+(?:is|was|'s|’s)\s+$",
     "My name is Odessa Vanno; I keep the lamp", "both",
     "the narrator introducing themself, in the telling or to someone's face"),
    ("call_me", r"\b(?:[Cc]all|called|calls)\s+me\s+$",
     "the others called me Tullo, after my father", "narration",
     "what others call the narrator; a vocative-free form of being named"),
    ("christened", r"\b(?:I\s+was|was\s+I)\s+(?:christened|named|baptized|baptised)\s+$",
     "I was christened Aldo, for a saint", "narration", "the narrator's given name"),
    ("i_comma", r"(?:^|[.;:!?]\s+|\n\s*)I,\s+$",
     "I, Marek Doss, being of sound mind", "narration", "an oath or a testament's self-naming"),
    ("i_am", r"\b(?:I\s+am|I['’]m)\s+$",
     '"I am Merrit," I said, "the new clerk."', "quote",
     "the narrator telling someone their name, in their own quote"),
)
_SELF_NAMING_RE = tuple((row_id, re.compile(pattern), where) for row_id, pattern, _, where, _ in _SELF_NAMING)
_SELF_NAMED_VOTE = 3  # outweighs a name merely called out twice
# Session 17 (narrname): ties the narrator to the named character in 4 LitBank excerpts (Great
# Expectations "I called myself", A Princess of Mars "My name is", King Solomon's Mines, Black
# Beauty); coref B3 54.1 -> 54.2, CEAFe precision 47.9 -> 48.1; dev fics byte-identical.  Alone it
# cost held-out speaker B3 80.1 -> 79.8: the named narrator's answers to "your name?" ("X, sir.")
# read as vocatives of themself; with ``speakers.name_answer`` 80.2 / 85.7 / 95.3 (10 folds 80.7 ->
# 80.7), shipped 80.6 unchanged.
@stage("narrator", needs=("document", "mentions", "quote_spans", "names"), produces="narrated_cast")
def find_narrator(document: Document, mentions: Mentions, quote_spans: tuple[QuoteSpan, ...],
                  names: Cast) -> Cast:
    """The cast, with a first-person narrator added or recognised and its "I"s linked."""
    names = link_handles(document, mentions, quote_spans, names)
    reader = find_reader(document, mentions, quote_spans, names, is_vocative)
    if reader is not None:
        names = reader
    text = document.story.text
    first_person = [m for m in mentions.items
                    if m.kind == "pronoun" and m.person == 1 and m.quote is None]
    by_section = point_of_view(document, names, first_person)
    if by_section is not None:
        return by_section
    start, end = document.story.body
    in_quotes = sum(q.end - q.start for q in quote_spans)
    in_lines = sum(q.end - q.start for q in quote_spans if q.kind == "line")
    if in_lines > 0.5 * (end - start):
        return names  # a play or a chat log: every "I" is inside somebody's line
    narration_words = max(1, (end - start - in_quotes) // 6)
    # the narration tagging quotes "I said" / "said I" is the narrator speaking: a short
    # excerpt (a novel's first chapter) with fewer "I"s than _MIN_COUNT is still told by one
    tagged = sum(1 for q in quote_spans if _I_SAID.match(text[q.end:q.end + 60]))
    enough = len(first_person) >= _MIN_COUNT or (tagged >= _MIN_TAGGED and len(first_person) >= _MIN_COUNT_TAGGED)
    if not enough or len(first_person) * 1000 / narration_words < _MIN_SHARE:
        return names

    by_quote: dict[int, list] = {}
    for m in mentions.items:
        if m.quote is not None and m.kind == "name" and m.index in names.name_links:
            by_quote.setdefault(m.quote, []).append(m)
    votes: Counter[str] = Counter()
    narrator_quotes = set()
    for q in quote_spans:
        tail = text[q.end:q.end + 60]
        if _I_SAID.match(tail):
            narrator_quotes.add(q.index)
            if q.index + 1 < len(quote_spans) and _continues(text, q, quote_spans[q.index + 1]):
                # '"Ah!" I said, "and now, Ren, ..."': the rest of the narrator's own words, whose
                # vocative is whom the narrator speaks to
                narrator_quotes.add(q.index + 1)
        if _TOLD_ME.match(tail):  # '"Nick," she said to me'
            for m in by_quote.get(q.index, []):
                if not _calls(text, q, m):
                    continue
                votes[names.name_links[m.index]] += 2
    # the quotes answering the narrator's own speak to the narrator; each counts once, even
    # when it stands between two of the narrator's
    answering = sorted({j for i in narrator_quotes for j in (i - 1, i + 1)
                        if 0 <= j < len(quote_spans) and j not in narrator_quotes})
    for j in answering:
        for m in by_quote.get(j, []):
            if not _calls(text, quote_spans[j], m):
                continue
            votes[names.name_links[m.index]] += 1

    # the narrator's name is the one others keep calling out, and the narration never
    # uses (it says "I"): vocatives of a name that lives inside quotes
    inside: Counter[str] = Counter()
    outside: Counter[str] = Counter()
    called: Counter[str] = Counter()
    hailed: set[str] = set()  # called out, then spoken to: "Pia Marsh, if you ..."
    for m in mentions.items:
        cid = names.name_links.get(m.index)
        if cid is None or m.kind != "name":
            continue
        (inside if m.quote is not None else outside)[cid] += 1
    for q in quote_spans:
        for m in by_quote.get(q.index, []):
            if not _calls(text, q, m):
                continue
            called[names.name_links[m.index]] += 1
            if text[m.end:m.end + 1] == "," and _SPOKEN_TO.search(text, m.end, q.end):
                hailed.add(names.name_links[m.index])
    for cid, n in called.items():
        if n >= 2 and outside[cid] <= max(2, inside[cid] // 4):
            votes[cid] += n
        elif n == 1 and cid in hailed and outside[cid] == 0 and inside[cid] == 1 and " " in _name_of(names, cid):
            # a full name called out once, and never used by the narration ("PIA MARSH, if
            # you touched my things ..."): whom the narrator's family shouts at is the narrator
            votes[cid] += 2
    # '"You're Mr. Voss," the woman said': a name others tell to someone's face, and the
    # narration never uses, is the narrator's own
    for q in quote_spans:
        for m in by_quote.get(q.index, []):
            cid = names.name_links[m.index]
            if outside[cid] == 0 and _YOU_ARE.search(text, max(q.start, m.start - 12), m.start):
                votes[cid] += 2

    # whom the narration itself names in the third person far more than anyone calls
    # them, or calls out to ("There, Ysolde, the sun ..." in a letter home: the reader), is
    # someone the narrator tells of or tells to, not the narrator
    addressed = _addressed_by_narration(text, mentions, names)
    for cid in list(votes):
        if outside[cid] > max(2, 2 * inside[cid]) or cid in addressed:
            del votes[cid]
    # a name the narrator gives themself stands, however often the narration uses it
    for cid, n in _self_named(text, mentions, names, narrator_quotes).items():
        votes[cid] += n

    # the author's word on who tells it outweighs what the quotes suggest
    noted, noted_name = _noted_narrator(document, names)
    narrator_id = noted
    if votes and narrator_id is None and noted_name is None:
        ranked = votes.most_common(2)
        best, count = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        if count >= 2 and count > runner_up:  # a tie names nobody
            narrator_id = best
    characters = list(names.characters)
    if narrator_id is None and noted_name is not None:
        # named by the note only: the narrator takes that name
        narrator_id = character_slug(noted_name, {c.id for c in characters})
        characters.append(Character(id=narrator_id, name=noted_name, aliases=(noted_name, "I"),
                                    gender="unknown", mentions=0))
    elif narrator_id is None:
        narrator_id = "narrator"
        characters.append(Character(id=narrator_id, name="the narrator", aliases=("I",),
                                    gender="unknown", mentions=0))
    else:
        characters = [replace(c, aliases=c.aliases + ("I",)) if c.id == narrator_id else c
                      for c in characters]
    links = dict(names.name_links)
    for m in first_person:
        links[m.index] = narrator_id
    return Cast(characters=tuple(characters), name_links=links, rejected=names.rejected)


def _self_named(text: str, mentions: Mentions, names: Cast, narrator_quotes: set[int]) -> Counter[str]:
    """Votes for the characters whose name the narrator gives themself (``_SELF_NAMING``): in the
    narration ("I called myself Tibb") or in their own tagged quotes ('"I am Merrit," I said')."""
    out: Counter[str] = Counter()
    for m in mentions.items:
        cid = names.name_links.get(m.index)
        if cid is None or m.kind != "name":
            continue
        if m.quote is None:
            where = "narration"
        elif m.quote in narrator_quotes:
            where = "quote"
        else:
            continue
        if text[m.end:m.end + 2] in ("'s", "’s"):
            continue  # "my name is Odessa's to give": a possessive, not the name
        before = text[max(0, m.start - 40):m.start]
        for _, pattern, counts in _SELF_NAMING_RE:
            if counts in (where, "both") and pattern.search(before):
                out[cid] += _SELF_NAMED_VOTE
                break
    return out


_SPOKEN_TO = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)


def _calls(text: str, quote: QuoteSpan, m) -> bool:
    """A vocative of ``quote`` said to its hearer: not one inside a quote within the quote
    ("Say, 'Good day, Master Voss'": the words the hearer is told to say, to the speaker)."""
    if not is_vocative(text, quote, m):
        return False
    before = text[quote.start:m.start]
    depth = 0
    for k, ch in enumerate(before):
        if ch not in "'\"‘’“”":
            continue
        left = before[k - 1] if k else " "
        right = before[k + 1] if k + 1 < len(before) else " "
        if left.isalnum() and right.isalnum():
            continue  # an apostrophe: "don't"
        if ch in "‘“" or (ch in "'\"" and not left.isalnum() and left not in ".,!?;:"):
            depth += 1
        elif depth:
            depth -= 1
    return depth == 0


_NARRATION_VOCATIVE_BEFORE = re.compile(r"(?:,|\bdear|\bO|\bOh)\s*$")
_NARRATION_VOCATIVE_AFTER = re.compile(r"\s*[,:;!?]")


def _addressed_by_narration(text: str, mentions: Mentions, names: Cast) -> set[str]:
    """Characters the narration, outside quotes, calls out to by name ("I have no friend,
    Ysolde: ...", "There, Ysolde, the sun ..."): whom the story is told to."""
    out = set()
    for m in mentions.items:
        cid = names.name_links.get(m.index)
        if cid is None or m.kind != "name" or m.quote is not None:
            continue
        if (_NARRATION_VOCATIVE_BEFORE.search(text, max(0, m.start - 8), m.start)
                and _NARRATION_VOCATIVE_AFTER.match(text, m.end)):
            out.add(cid)
    return out


def _alias_index(names: Cast) -> dict[str, str]:
    """Each name and alias of the cast, lower-cased, to its character's id."""
    return {a.lower(): c.id for c in names.characters for a in (c.name,) + c.aliases}


def _noted_narrator(document: Document, names: Cast) -> tuple[str | None, str | None]:
    """Whom an author's note or the summary says tells the story: (the character id, if the
    cast knows the name by its full form or else its first or last word; the name as written)."""
    story = document.story
    notes = list(story.info.notes) + [story.info.summary]
    start, _ = story.body
    notes.append(story.text[:start])
    by_alias = _alias_index(names)
    for note in notes:
        for pattern in _NOTED_NARRATOR:
            for found in pattern.finditer(note):
                words = found.group("name").split()
                for form in (" ".join(words), words[0], words[-1]):
                    if form.lower() in by_alias:
                        return by_alias[form.lower()], " ".join(words)
                return None, " ".join(words)
    return None, None


def _continues(text: str, first: QuoteSpan, second: QuoteSpan) -> bool:
    """Is ``second`` the rest of a quote a speech tag broke ('"Ah!" I said, "and ...'): in the
    same paragraph, the tag between them short and ending on a comma?"""
    between = text[first.end:second.start]  # the marks included: spans leave them out
    return "\n" not in between and len(between) <= 40 and between.rstrip(" \"'“”‘’").endswith(",")


def _name_of(cast: Cast, cid: str) -> str:
    return next((c.name for c in cast.characters if c.id == cid), "")


# ------------------------------------------------------------------ point-of-view sections
_HEADER_NAME = r"(?P<name>[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*)?)"
_DECOR = "—–-~*=#_[](){}<>|•·:♡♥✦★☆ \t"
# "POV: Wenna", "Wenna's POV", "Wenna POV", "(Wenna's point of view)"
_POV_WORD = re.compile(r"^(?:pov|point of view)[ \t]*[:\-–—][ \t]*" + _HEADER_NAME + r"$"
                       r"|^" + _HEADER_NAME.replace("name", "name2") + r"(?:'s|’s)?[ \t]+(?:pov|point of view)$",
                       re.IGNORECASE)


def _header_name(line: str) -> tuple[str, bool] | None:
    """The name a point-of-view header gives, and whether the header says "POV" outright
    ("POV: Wenna") rather than naming alone ("— CORIN —", "~Corin~", "Corin")."""
    core = line.strip().strip(_DECOR).strip()
    if not core or len(core) > 40:
        return None
    said = _POV_WORD.match(core)
    if said:
        return re.sub(r"['’]s$", "", said.group("name") or said.group("name2")), True
    bare = re.fullmatch(_HEADER_NAME, core)
    return (bare.group("name"), False) if bare else None


def point_of_view(document: Document, names: Cast, first_person: list) -> Cast | None:
    """Sections whose headers name their point of view ("— CORIN —", "POV: Wenna", "Wenna's
    POV", "~Corin~", a name alone at the top of a scene) each have their own "I": the
    person the header names.  None when the story has no such headers (one narrator)."""
    text = document.story.text
    by_alias = _alias_index(names)
    scene_starts = {s.start for s in document.scenes}
    headers: list[tuple[int, str, str]] = []  # (offset, character id or "", name as written)
    for p_start, p_end in document.paragraphs:
        line = text[p_start:p_end]
        if "\n" in line.strip():
            continue
        found = _header_name(line)
        if found is None:
            continue
        name, said = found
        cid = by_alias.get(name.lower())
        decorated = line.strip() != name
        at_top = p_start in scene_starts or any(
            0 < p_start - s < 3 and not text[s:p_start].strip() for s in scene_starts)
        if said or (cid and (decorated or at_top)):
            headers.append((p_start, cid or "", name))
    if len({h[2].lower() for h in headers}) < 2:
        return None
    characters = list(names.characters)
    ids = {c.id for c in characters}
    links = dict(names.name_links)
    sections = []
    for i, (at, cid, name) in enumerate(headers):
        if not cid:
            display = name.title() if name.isupper() else name
            cid = re.sub(r"\W+", "_", display.lower()).strip("_") or "narrator"
            if cid not in ids:
                characters.append(Character(id=cid, name=display, aliases=(display,), gender="unknown", mentions=0))
                ids.add(cid)
                by_alias_cid = cid
                by_alias[name.lower()] = by_alias_cid
        end = headers[i + 1][0] if i + 1 < len(headers) else len(text)
        sections.append((at, end, cid))
    told = set()
    for m in first_person:
        for at, end, cid in sections:
            if at <= m.start < end:
                links[m.index] = cid
                told.add(cid)
    if len(told) < 2:
        return None
    characters = [replace(c, aliases=c.aliases + ("I",)) if c.id in told and "I" not in c.aliases else c
                  for c in characters]
    return Cast(characters=tuple(characters), name_links=links, rejected=names.rejected)
