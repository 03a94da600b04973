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

from ..model import Cast, Character, Document, QuoteSpan
from ..pipeline import stage
from .mentions import Mentions
from .speakers import is_vocative

_MIN_SHARE = 8.0  # first-person pronouns per 1,000 words of narration
_MIN_COUNT = 25
_TOLD_ME = re.compile(r"^\W{0,3}\s*(?:\w+\s+){0,3}?(?:said|says|asked|asks|told|tells|called|calls|cried|"
                      r"whispered|whispers|replied|replies)\s+(?:to\s+)?me\b", re.IGNORECASE)
_SAYING = (r"(?:say|said|says|ask|asked|asks|answer|answered|answers|reply|replied|replies|cry|cried|"
           r"whisper|whispered|murmur|murmured|exclaim|exclaimed|call|called|shout|shouted|add|added|"
           r"began|begin|returned|protest|protested|suggest|suggested|remark|remarked|tell|told|tells)")
_I_SAID = re.compile(r"^\W{0,3}\s*(?:I\s+" + _SAYING + r"|" + _SAYING + r"\s+I)\b")
@stage("narrator", needs=("document", "mentions", "quote_spans", "names"), produces="cast")
def find_narrator(document: Document, mentions: Mentions, quote_spans: tuple[QuoteSpan, ...],
                  names: Cast) -> Cast:
    """The cast, with a first-person narrator added or recognised and its "I"s linked."""
    text = document.story.text
    first_person = [m for m in mentions.items
                    if m.kind == "pronoun" and m.person == 1 and m.quote is None]
    start, end = document.story.body
    in_quotes = sum(q.end - q.start for q in quote_spans)
    in_lines = sum(q.end - q.start for q in quote_spans if q.kind == "line")
    if in_lines > 0.5 * (end - start):
        return names  # a play or a chat log: every "I" is inside somebody's line
    narration_words = max(1, (end - start - in_quotes) // 6)
    if len(first_person) < _MIN_COUNT or len(first_person) * 1000 / narration_words < _MIN_SHARE:
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
        if _TOLD_ME.match(tail):  # '"Nick," she said to me'
            for m in by_quote.get(q.index, []):
                if not is_vocative(text, q, m):
                    continue
                votes[names.name_links[m.index]] += 2
    for i in sorted(narrator_quotes):  # the quotes answering the narrator's own speak to the narrator
        for j in (i - 1, i + 1):
            if 0 <= j < len(quote_spans) and j not in narrator_quotes:
                for m in by_quote.get(j, []):
                    if not is_vocative(text, quote_spans[j], m):
                        continue
                    votes[names.name_links[m.index]] += 1

    # the narrator's name is the one others keep calling out, and the narration never
    # uses (it says "I"): vocatives of a name that lives inside quotes
    inside: Counter[str] = Counter()
    outside: Counter[str] = Counter()
    called: Counter[str] = Counter()
    for m in mentions.items:
        cid = names.name_links.get(m.index)
        if cid is None or m.kind != "name":
            continue
        (inside if m.quote is not None else outside)[cid] += 1
    for q in quote_spans:
        for m in by_quote.get(q.index, []):
            if not is_vocative(text, q, m):
                continue
            called[names.name_links[m.index]] += 1
    for cid, n in called.items():
        if n >= 2 and outside[cid] <= max(2, inside[cid] // 4):
            votes[cid] += n

    narrator_id = None
    if votes:
        best, count = votes.most_common(1)[0]
        if count >= 2:
            narrator_id = best
    characters = list(names.characters)
    if narrator_id is None:
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
