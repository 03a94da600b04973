"""Stage ``people``: the final character list, once coreference has run.

The cast stage knew only names; now every epithet resolved to a person joins their
aliases ("the raven haired Reed"), pronouns count towards how often they appear
and settle a gender the names left open, and centrality is each person's share of
all resolved mentions (the most mentioned person scores 1).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..model import Cast, Character, Coreference, Document, Mention, Mentions
from ..pipeline import stage
from .lexicon import FEMALE_PRONOUNS, MALE_PRONOUNS

# "the Alchemist", "the late King", "old Quarrie": the words before a one-word name that the
# text always says with it, when they are written in lower case (so never part of the name)
_ARTICLE_FORM = re.compile(r"(?:(?<![\w'’])(?P<det>the(?: late| old| young)?|old|young) )$")


def article_forms(mentions: list[Mention], text: str) -> Counter[str]:
    """How the text writes a one-word name with the lower-case article or describer before it
    ("the Alchemist", "the late King", "old Quarrie"): a form people call the person by, kept as
    an alias beside the bare word.  Titled names ("Mrs Vane") and speaker prefixes are left out."""
    out: Counter[str] = Counter()
    for m in mentions:
        if m.kind != "name" or m.title or m.honorific or " " in m.key:
            continue
        before = _ARTICLE_FORM.search(text, max(0, m.start - 16), m.start)
        if before:
            out[f"{before.group('det')} {' '.join(m.text.split())}"] += 1
    return out



@stage("people", needs=("cast", "mentions", "links", "document"), produces="characters")
def finalise_characters(cast: Cast, mentions: Mentions, links: Coreference,
                        document: Document | None = None) -> tuple[Character, ...]:
    """Characters with epithet aliases, the article forms of their names ("the Alchemist"),
    mention counts, gender and centrality."""
    counts: Counter[str] = Counter()
    epithets: dict[str, Counter[str]] = {}
    named: dict[str, list[Mention]] = {}
    male: Counter[str] = Counter()
    female: Counter[str] = Counter()
    for m in mentions.items:
        cid = links.links.get(m.index)
        if cid is None:
            continue
        counts[cid] += 1
        if m.kind == "name":
            named.setdefault(cid, []).append(m)
        if m.kind == "epithet":
            epithets.setdefault(cid, Counter())[" ".join(m.text.split())] += 1
        elif m.kind == "pronoun" and m.person == 3:
            if m.key in MALE_PRONOUNS:
                male[cid] += 1
            elif m.key in FEMALE_PRONOUNS:
                female[cid] += 1
    top = max(counts.values(), default=1)
    out = []
    for c in cast.characters:
        aliases = c.aliases + tuple(a for a in sorted(epithets.get(c.id, {}))
                                    if a not in c.aliases)
        if document is not None:
            forms = article_forms(named.get(c.id, []), document.story.text)
            aliases += tuple(a for a in sorted(forms, key=lambda a: (-forms[a], a)) if a not in aliases)
        gender = c.gender
        if gender == "unknown":
            if male[c.id] >= 2 and male[c.id] >= 3 * female[c.id]:
                gender = "male"
            elif female[c.id] >= 2 and female[c.id] >= 3 * male[c.id]:
                gender = "female"
        out.append(replace(c, aliases=aliases, gender=gender, mentions=counts[c.id] or c.mentions,
                           centrality=counts[c.id] / top))
    out.sort(key=lambda c: (-c.mentions, c.name))
    return tuple(out)
