"""Stage ``titles``: a title called out to someone names them.

"Stand, my lord Sheriff", "Mistress Steward, there is chalk on your sleeve": a name made only of a
title or an office is, when it is called out, whoever is spoken to; so it joins the
person it is always said to.  And a bare title called out ("Take it, Sergeant of the
Watch") names the one addressed, who holds that office from then on: the ``coref``
stage follows the office to them.

Who is addressed is read by attributing the speakers once with those names left out,
so that a title cannot be its own addressee: ``title_calls`` makes that probe cast, and
the pipeline runs ``coref`` and ``speakers`` on it as ``probe_coref`` and
``probe_speakers`` (see ``api.py``).  Stories with no such name skip all three.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..model import Cast, Document, Mention, Mentions, Quote, QuoteSpan
from ..pipeline import stage
from .lexicon import OFFICES, TITLES, only_titles
from .speakers import is_vocative

_MIN_SHARE = 2 / 3  # of its call-outs a title-only name must say to one person


def _bare_title(m: Mention) -> bool:
    """ "Captain" alone: a title with no name after it."""
    return m.kind == "name" and not m.title and m.key in TITLES and m.key in OFFICES


def _called_titles(document: Document, quote_spans: tuple[QuoteSpan, ...], mentions: Mentions,
                   cast: Cast) -> tuple[set[str], list[Mention]]:
    """The title-only characters, and the mentions where a title is called out to someone."""
    text = document.story.text
    title_only = {c.id for c in cast.characters if c.aliases and all(only_titles(a.split()) for a in c.aliases)}
    links = cast.name_links
    called = [m for m in mentions.items
              if m.quote is not None and m.index in links
              and (links[m.index] in title_only or _bare_title(m))
              and is_vocative(text, quote_spans[m.quote], m)]
    return title_only, called


@stage("title_calls", needs=("document", "quote_spans", "mentions", "narrated_cast"), produces="probe_cast")
def probe_cast(document: Document, quote_spans: tuple[QuoteSpan, ...], mentions: Mentions,
               narrated_cast: Cast) -> Cast | None:
    """The cast with the called-out titles linked to no one, for the pipeline to read who
    is spoken to (``probe_coref``, ``probe_speakers``); None when no title is called out."""
    title_only, called = _called_titles(document, quote_spans, mentions, narrated_cast)
    if not called:
        return None
    probe = {i: cid for i, cid in narrated_cast.name_links.items() if cid not in title_only}
    for m in called:
        probe.pop(m.index, None)
    return replace(narrated_cast, name_links=probe)


@stage("titles", needs=("document", "quote_spans", "mentions", "narrated_cast", "probe_speakers"),
       produces="titled_cast")
def bind_titles(document: Document, quote_spans: tuple[QuoteSpan, ...], mentions: Mentions,
                narrated_cast: Cast, probe_speakers: tuple[Quote, ...] | None) -> Cast:
    """The cast with title-only names joined to the person they are said to."""
    cast = narrated_cast
    if probe_speakers is None:
        return cast
    title_only, called = _called_titles(document, quote_spans, mentions, cast)
    links = dict(cast.name_links)
    addressee = {q.index: q.addressee for q in probe_speakers}
    titled = {(links[m.index], m.title) for m in mentions.items if m.title and m.index in links}
    said_to: dict[str, Counter[str]] = {}
    for m in called:
        to = addressee.get(m.quote) if m.quote is not None else None
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
