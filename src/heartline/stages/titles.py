"""Stage ``titles``: a title called out to someone names them.

"Stand, my lord Sheriff", "Mistress Steward, there is chalk on your sleeve": a name made only of a
title or an office is, when it is called out, whoever is spoken to; so it joins the
person it is always said to.  And a bare title called out ("Take it, Sergeant of the
Watch") names the one addressed, who holds that office from then on: the ``coref``
stage follows the office to them.

Who is addressed is read by attributing the speakers once with those names left out,
so that a title cannot be its own addressee.  Stories with no such name skip this.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..model import Cast, Document, Mention, QuoteSpan
from ..pipeline import stage
from .coref import resolve_narration
from .lexicon import OFFICES, TITLES, only_titles
from .mentions import Mentions
from .speakers import attribute_speakers, is_vocative

_MIN_SHARE = 2 / 3  # of its call-outs a title-only name must say to one person


def _bare_title(m: Mention) -> bool:
    """ "Captain" alone: a title with no name after it."""
    return m.kind == "name" and not m.title and m.key in TITLES and m.key in OFFICES


@stage("titles", needs=("document", "quote_spans", "mentions", "narrated_cast"), produces="titled_cast")
def bind_titles(document: Document, quote_spans: tuple[QuoteSpan, ...], mentions: Mentions,
                narrated_cast: Cast) -> Cast:
    """The cast with title-only names joined to the person they are said to."""
    cast = narrated_cast
    text = document.story.text
    title_only = {c.id for c in cast.characters if c.aliases and all(only_titles(a.split()) for a in c.aliases)}
    links = dict(cast.name_links)
    called = [m for m in mentions.items
              if m.quote is not None and m.index in links
              and (links[m.index] in title_only or _bare_title(m))
              and is_vocative(text, quote_spans[m.quote], m)]
    if not called:
        return cast
    # who is spoken to, when the titles are no one yet
    probe = {i: cid for i, cid in links.items() if cid not in title_only}
    for m in called:
        probe.pop(m.index, None)
    probe_cast = replace(cast, name_links=probe)
    quotes = attribute_speakers(document, quote_spans, mentions, probe_cast,
                                resolve_narration(document, mentions, probe_cast))
    addressee = {q.index: q.addressee for q in quotes}
    titled = {(links[m.index], m.title) for m in mentions.items if m.title and m.index in links}
    said_to: dict[str, Counter[str]] = {}
    for m in called:
        to = addressee.get(m.quote)
        if not to or to in title_only:
            continue
        if _bare_title(m) and (to, m.key) in titled:
            # the office is theirs from here on, since the story names them with it
            # ("Sergeant Vosk")
            links[m.index] = to
        elif links[m.index] in title_only:
            # a title-only name ("Sheriff", "Mistress Steward") joins whom it is always said to
            said_to.setdefault(links[m.index], Counter())[to] += 1
    joined: dict[str, str] = {}
    for cid, votes in said_to.items():
        (person, n), = votes.most_common(1)
        if n >= _MIN_SHARE * sum(votes.values()):
            joined[cid] = person
    if not joined and links == dict(cast.name_links):
        return cast
    return _join(cast, mentions, links, joined)


def _join(cast: Cast, mentions: Mentions, links: dict[int, str], joined: dict[str, str]) -> Cast:
    """Move each joined character's names to the person it stands for, and give everyone
    the names now linked to them (a called-out "Captain" goes with the office)."""
    links = {i: joined.get(cid, cid) for i, cid in links.items()}
    surface: dict[str, Counter[str]] = {}
    named: set[str] = set()
    for m in mentions.items:
        if m.index in links and m.kind in ("name", "speaker"):
            form = " ".join(m.text.split())
            surface.setdefault(links[m.index], Counter())[form] += 1
            named.add(form)
    characters = []
    for c in cast.characters:
        if c.id in joined:
            continue
        names = surface.get(c.id, Counter())
        aliases = tuple(sorted(names, key=lambda a: (-names[a], a)))
        aliases += tuple(a for a in c.aliases if a not in named)  # a narrator's "I"
        mentions_now = sum(1 for cid in links.values() if cid == c.id)
        characters.append(replace(c, aliases=aliases or c.aliases, mentions=mentions_now or c.mentions))
    return replace(cast, characters=tuple(characters), name_links=links)
