"""Stages ``coref`` and ``speech_coref``: which character each mention points at.

``coref`` works on the narration: names come from the cast; epithets ("the white
haired jounin") go to a character named in the epithet or to the nearest person of
the right gender who is not already named in the same sentence; he/she/his/her go to
the most salient earlier person of that gender, preferring the last subject for a
subject pronoun (centering's old rule), and never the subject of their own clause
for an object pronoun ("Sasuke saw him").

``speech_coref`` runs once speakers are known: inside a quote "I" is the speaker,
"you" the addressee, and he/she the last person of that gender talked about who is
neither of them.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Cast, Coreference, Document, Mention, Quote
from ..pipeline import stage
from .mentions import Mentions
from .tokens import TokenIndex, is_subject

_WINDOW_SENTENCES = 12


@dataclass(frozen=True)
class _Seen:
    character: str
    sentence: int
    subject: bool
    scene: int


def _gender_ok(cast_gender: dict[str, str], cid: str, gender: str) -> bool:
    return not gender or cast_gender.get(cid, "unknown") in (gender, "unknown")


def _name_token_index(cast: Cast) -> dict[str, list[str]]:
    """Lower-cased name word -> characters whose names contain it."""
    index: dict[str, list[str]] = {}
    for c in cast.characters:
        words = set()
        for alias in c.aliases:
            for w in alias.replace("-", " ").split():
                words.add(w.lower().rstrip("."))
        for w in words:
            index.setdefault(w, []).append(c.id)
    return index


@stage("coref", needs=("document", "mentions", "cast"), produces="coref")
def resolve_narration(document: Document, mentions: Mentions, cast: Cast) -> Coreference:
    """Link names, epithets and third-person pronouns of the narration to characters."""
    tokens = TokenIndex(document)
    gender = {c.id: c.gender for c in cast.characters}
    by_word = _name_token_index(cast)
    links: dict[int, str] = dict(cast.name_links)
    history: list[_Seen] = []
    items = mentions.items
    sentences = document.sentences

    def named_in_sentence(sentence: int, skip: Mention) -> set[str]:
        return {links[m.index] for m in items
                if m.sentence == sentence and m.index in links and m.kind == "name"
                and not (skip.start <= m.start < skip.end)}

    for pos, m in enumerate(items):
        scene = sentences[m.sentence].scene if sentences else 0
        if m.index in links:
            if m.quote is None:
                history.append(_Seen(links[m.index], m.sentence, is_subject(tokens.head_of(m)), scene))
            continue
        if m.kind == "epithet":
            cid = _resolve_epithet(m, pos, items, links, history, by_word, gender, scene,
                                   named_in_sentence(m.sentence, m), sentences)
        elif m.kind == "pronoun" and m.person == 3 and m.quote is None:
            cid = _resolve_pronoun(m, tokens, history, gender, links, items, scene)
        else:
            continue
        if cid:
            links[m.index] = cid
            history.append(_Seen(cid, m.sentence, is_subject(tokens.head_of(m)), scene))
    return Coreference(links)


def _resolve_epithet(m, pos, items, links, history, by_word, gender, scene, exclude, sentences):
    if m.key:  # an epithet built on a name: "the raven haired Uchiha"
        owners = by_word.get(m.key.lower(), [])
        if len(owners) == 1:
            return owners[0]
        if owners:
            recent = [h.character for h in reversed(history) if h.character in owners]
            return recent[0] if recent else None
    for h in reversed(history):
        if h.scene != scene or m.sentence - h.sentence > _WINDOW_SENTENCES:
            break
        if h.character not in exclude and _gender_ok(gender, h.character, m.gender):
            return h.character
    # cataphora: "A blond boy's voice ... Naruto was so good at being annoying"
    for nxt in items[pos + 1:]:
        if nxt.sentence - m.sentence > _WINDOW_SENTENCES or (
                sentences and sentences[nxt.sentence].scene != scene):
            break
        if nxt.kind == "name" and nxt.quote is None and nxt.index in links:
            cid = links[nxt.index]
            if cid not in exclude and _gender_ok(gender, cid, m.gender):
                return cid
    return None


def _resolve_pronoun(m, tokens: TokenIndex, history, gender, links, items, scene):
    tok = tokens.at(m.start)
    candidates = [h for h in reversed(history[-40:])
                  if h.scene == scene and m.sentence - h.sentence <= _WINDOW_SENTENCES
                  and _gender_ok(gender, h.character, m.gender)]
    if not candidates:
        return None
    if tok is not None and tok.dep in ("dobj", "pobj", "dative", "iobj") and m.key not in ("his", "hers"):
        # binding: "Sasuke looked at him" - him is not Sasuke
        clause_subjects = {links.get(o.index) for o in items
                           if o.sentence == m.sentence and o.start < m.start and o.index in links
                           and is_subject(tokens.head_of(o))
                           and tokens.head_of(o) is not None and tokens.head_of(o).head == tok.head}
        # object of a preposition: the clause head is the preposition's head
        if tok.dep == "pobj":
            prep = tokens.document.tokens[tok.head]
            clause_subjects |= {links.get(o.index) for o in items
                                if o.sentence == m.sentence and o.start < m.start and o.index in links
                                and is_subject(tokens.head_of(o))
                                and tokens.head_of(o).head == prep.head}
        rest = [h for h in candidates if h.character not in clause_subjects]
        candidates = rest or candidates
        return candidates[0].character
    if is_subject(tok) or m.key in ("his", "her", "hers", "himself", "herself"):
        for h in candidates:
            if h.subject and m.sentence - h.sentence <= 2:
                return h.character
    return candidates[0].character


@stage("speech_coref", needs=("mentions", "cast", "coref", "speakers"), produces="links")
def resolve_speech(mentions: Mentions, cast: Cast, coref: Coreference,
                   speakers: tuple[Quote, ...]) -> Coreference:
    """Resolve I/me/you and he/she inside quotes from who speaks to whom."""
    gender = {c.id: c.gender for c in cast.characters}
    links = dict(coref.links)
    by_index = {q.index: q for q in speakers}
    recent_talked_about: list[str] = []
    for m in mentions.items:
        if m.quote is None:
            if m.index in links:
                recent_talked_about.append(links[m.index])
            continue
        quote = by_index.get(m.quote)
        if quote is None:
            continue
        if m.index in links:
            recent_talked_about.append(links[m.index])
            continue
        if m.kind != "pronoun":
            continue
        if m.person == 1 and quote.speaker:
            links[m.index] = quote.speaker
        elif m.person == 2 and quote.addressee:
            links[m.index] = quote.addressee
        elif m.person == 3:
            for cid in reversed(recent_talked_about[-12:]):
                if cid not in (quote.speaker, quote.addressee) and _gender_ok(gender, cid, m.gender):
                    links[m.index] = cid
                    break
    return Coreference(links)
