"""Stage ``people``: the final character list, once coreference has run.

The cast stage knew only names; now every epithet resolved to a person joins their
aliases ("the raven haired Reed"), pronouns count towards how often they appear
and settle a gender the names left open, and centrality is each person's share of
all resolved mentions (the most mentioned person scores 1).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..model import Cast, Character, Coreference, Mentions
from ..pipeline import stage
from .lexicon import FEMALE_PRONOUNS, MALE_PRONOUNS


@stage("people", needs=("cast", "mentions", "links"), produces="characters")
def finalise_characters(cast: Cast, mentions: Mentions, links: Coreference) -> tuple[Character, ...]:
    """Characters with epithet aliases, mention counts, gender and centrality."""
    counts: Counter[str] = Counter()
    epithets: dict[str, Counter[str]] = {}
    male: Counter[str] = Counter()
    female: Counter[str] = Counter()
    for m in mentions.items:
        cid = links.links.get(m.index)
        if cid is None:
            continue
        counts[cid] += 1
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
