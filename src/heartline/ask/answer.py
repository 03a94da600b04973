"""A parsed question and an analysis → an ``Answer`` with its evidence.

Everything here reads the analysis/v2 dict (through ``StoryFacts``); nothing looks at
the text again.  Each answer says how sure it is (the relation's confidence), and when
the analysis holds nothing, the answer says so instead of guessing.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .facts import StoryFacts
from .names import AmbiguousName, CharacterRef, UnknownName, normalise
from .question import FORMS, ROMANTIC, Question
from .question import third_person as _third
from .verdict import Reading, combine, read_relation

_PRESENT = {"romantic": "is in love with", "affection": "is fond of",
            "dislike": "dislikes", "hatred": "hates"}
_PAST = {"romantic": "was in love with", "affection": "was fond of",
         "dislike": "disliked", "hatred": "hated"}
_KIND_WORD = {"romantic": "romantic", "affection": "affection (not romance)",
              "dislike": "dislike", "hatred": "hatred"}
_PRONOUNS = {"he", "him", "she", "her", "they", "them", "it"}
_LIST_LIMIT = 8  # relations named in one list answer
_CITE_LIMIT = 3  # evidence items shown per relation


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str  # the sentence(s) shown to a person
    verdict: str | None = None  # for the yes/no forms
    characters: tuple[str, ...] = ()  # canonical names the answer is about
    relations: tuple[Mapping[str, Any], ...] = ()  # as in analysis/v2
    evidence: tuple[Mapping[str, Any], ...] = ()  # cited items, with from/to/chapter/speaker
    form: str | None = None
    status: str = "answered"  # answered | unknown_name | ambiguous_name | not_understood
    confidence: float | None = None
    notes: tuple[str, ...] = field(default=())  # further lines: arcs, feelings over time

    @property
    def answered(self) -> bool:
        return self.status == "answered"

    def to_json(self) -> dict[str, Any]:
        return {"question": self.question, "answer": self.answer, "verdict": self.verdict,
                "characters": list(self.characters), "relations": [dict(r) for r in self.relations],
                "evidence": [dict(e) for e in self.evidence], "form": self.form,
                "status": self.status, "confidence": self.confidence, "notes": list(self.notes)}


# ------------------------------------------------------------------ wording
def sureness(confidence: float | None) -> str:
    if confidence is None:
        return "no evidence"
    word = ("very sure" if confidence >= 0.9 else "fairly sure" if confidence >= 0.7
            else "somewhat sure" if confidence >= 0.5 else "not sure")
    return f"confidence {confidence:.2f}, {word}"


def _sure(confidence: float | None) -> str:
    """The sureness as a sentence of its own."""
    return sureness(confidence)[0].upper() + sureness(confidence)[1:] + "."


def _scenes(items: Sequence[Mapping[str, Any]]) -> str:
    scenes = sorted({e["scene"] for e in items})
    if not scenes:
        return ""
    return ("scene " if len(scenes) == 1 else "scenes ") + ", ".join(map(str, scenes))


def _join(names: Sequence[str], last: str = "and") -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {last} " + names[-1]


def _claimants(facts: StoryFacts, relation: Mapping[str, Any]) -> list[str]:
    said = [facts.speaker_at(e["start"], e["end"]) for e in relation["evidence"] if e["how"] == "claimed"]
    names = []
    for speaker in said:
        if speaker and speaker != relation["from"] and facts.name(speaker) not in names:
            names.append(facts.name(speaker))
    return names


def how_phrase(facts: StoryFacts, relation: Mapping[str, Any], how: str | None = None) -> str:
    how = how or relation["how"]
    owner = facts.name(relation["from"])
    if how == "narrated":
        return "the narration says so"
    if how == "stated":
        return f"{owner} says so"
    if how == "claimed":
        names = _claimants(facts, relation)
        return f"{_join(names)} {'says' if len(names) == 1 else 'say'} so" if names else "others say so"
    if how == "implied":
        return "only behaviour shows it; no one says it"
    return f"{owner} denies it, though the text shows it"


def arc_text(relation: Mapping[str, Any]) -> str:
    return " -> ".join(f"{a['label']} (scene {a['scene']})" for a in relation.get("arc", ()))


def feelings_text(relation: Mapping[str, Any]) -> str:
    """Each distinct feeling the evidence shows, with where: "romantic (scenes 1, 5), denied (scene 1)"."""
    groups: dict[str, list[Mapping[str, Any]]] = {}
    # The arc too: evidence lists the sentences that show the feeling, and may leave out
    # those of a state it passed through.
    for item in [*relation["evidence"], *relation.get("arc", ())]:
        denied = item.get("how") == "denied" or item.get("label") == "denied"
        label = "denied" if denied else f"{item['kind']} (past)" if item.get("past") else item["kind"]
        groups.setdefault(label, []).append(item)
    return "; ".join(f"{label} ({_scenes(items)})" for label, items in groups.items())


# ------------------------------------------------------------------ evidence
def _cite(facts: StoryFacts, relation: Mapping[str, Any], kinds: Sequence[str | None] | None = None,
          past: bool | None = None, first: bool = False, limit: int | None = _CITE_LIMIT) -> list[dict[str, Any]]:
    """The evidence that best shows the state asked about; falls back to all of it."""
    items = list(relation["evidence"])
    chosen = [e for e in items if (kinds is None or e["kind"] in kinds)
              and (past is None or bool(e.get("past")) == past)]
    chosen = chosen or items
    if limit is not None and len(chosen) > limit:
        if first:
            chosen = chosen[:limit]
        else:
            # The end state's own kind of evidence first (the owner's words for "stated"),
            # then the latest of the rest; shown in text order.
            own = [e for e in chosen if e["how"] == relation["how"]][-max(1, limit - 1):]
            rest = [e for e in chosen if e not in own][-(limit - len(own)):] if limit > len(own) else []
            chosen = sorted(own + rest, key=lambda e: e["start"])
    return [facts.cite(relation, e) for e in chosen]


def _cite_reading(facts: StoryFacts, reading: Reading) -> list[dict[str, Any]]:
    rel = reading.relation
    if rel is None:
        return []
    if reading.verdict == "used to":
        return _cite(facts, rel, [reading.kind], past=True if reading.earlier else None, first=True)
    if reading.verdict == "denies it":
        denial = [facts.cite(rel, e) for e in rel["evidence"] if e["how"] == "denied"][-1:]
        cited = _cite(facts, rel, [reading.kind], limit=2)
        return cited + [d for d in denial if d not in cited]
    return _cite(facts, rel, [reading.kind] if reading.kind else None, past=False if rel.get("current", True) else None)


# ------------------------------------------------------------------ forms
class _Forms:
    def __init__(self, facts: StoryFacts, question: Question, resolve: Callable[[str], CharacterRef]):
        self.facts = facts
        self.q = question
        self.resolve = resolve

    def answer(self, text: str, **kw: Any) -> Answer:
        return Answer(question=self.q.text, answer=text, form=self.q.form, **kw)

    # who does X like? / who likes X?
    def who_feels(self, outgoing: bool = True) -> Answer:
        person = self.resolve(self.q.subject or "")
        kinds = self.q.kinds
        rows: list[tuple[Reading, str]] = []
        for rel in self.facts.relations:
            if (rel["from"] if outgoing else rel["to"]) != person.id:
                continue
            reading = read_relation(rel, kinds)
            if reading.verdict in ("yes", "hinted", "denies it", "used to"):
                rows.append((reading, rel["to"] if outgoing else rel["from"]))
        rows.sort(key=lambda r: (r[0].verdict == "used to", kinds.index(r[0].kind) if r[0].kind in kinds else 9,
                                 -r[0].shown["confidence"]))
        rows = rows[:_LIST_LIMIT]
        verb = self.q.verb or "feel for"
        if not rows:
            who = f"no one {person.name} {_third(verb)}" if outgoing else f"no one who {_third(verb)} {person.name}"
            return self.answer(f"I don't know: the analysis shows {who}.", characters=(person.name,))
        parts = []
        for reading, other in rows:
            rel = reading.shown
            label = _KIND_WORD[reading.feeling]
            if reading.verdict == "used to":
                label = f"{reading.kind}, in the past only"
            elif reading.verdict != "yes":
                label += f", {reading.verdict}"
            parts.append(f"{self.facts.name(other)} ({label}: {how_phrase(self.facts, rel)}; "
                         f"{sureness(rel['confidence'])})")
        head = (f"{person.name} {_third(verb)}: " if outgoing else f"Who {_third(verb)} {person.name}: ")
        cited = [e for reading, _ in rows for e in _cite_reading(self.facts, reading)]
        names = [person.name] + [self.facts.name(o) for _, o in rows]
        return self.answer(head + "; ".join(parts) + ".", characters=tuple(dict.fromkeys(names)),
                           relations=tuple(r.shown for r, _ in rows), evidence=tuple(cited),
                           confidence=max(r.shown["confidence"] for r, _ in rows),
                           notes=tuple(f"{self.facts.name(r.shown['from'])} -> {self.facts.name(r.shown['to'])}: "
                                       f"{arc_text(r.shown)}" for r, _ in rows if r.shown.get("arc")))

    def who_feels_for(self) -> Answer:
        return self.who_feels(outgoing=False)

    # does X like Y?
    def does(self) -> Answer:
        x, y = self.resolve(self.q.subject or ""), self.resolve(self.q.target or "")
        reading = read_relation(self.facts.relation(x.id, y.id), self.q.kinds)
        text = self._verdict_sentence(x, y, reading)
        return self._pair_answer(text, reading.verdict, [reading], (x, y))

    def _verdict_sentence(self, x: CharacterRef, y: CharacterRef, reading: Reading) -> str:
        rel, kind = reading.relation, reading.kind
        if rel is None or kind is None:  # one is None only when both are (verdict "unknown")
            back = self.facts.relation(y.id, x.id)
            also = (f" (It does show {y.name} -> {x.name}: {back['kind']}, {back['how']}.)" if back else "")
            return f"Unknown. The analysis shows no feeling of {x.name} for {y.name} either way.{also}"
        cited = _cite_reading(self.facts, reading)
        where = _scenes([e for e in cited if e["how"] == rel["how"]] or cited)
        sure = _sure(rel["confidence"])
        if reading.verdict == "yes":
            which = (", as affection rather than romance" if kind == "affection" and "romantic" in self.q.kinds
                     else "")
            return (f"Yes{which}. {x.name} {_PRESENT[kind]} {y.name}: {how_phrase(self.facts, rel)} ({where}). "
                    f"{sure}")
        if reading.verdict == "hinted":
            return (f"Hinted. Only behaviour suggests {x.name} {_PRESENT[kind]} {y.name}; no one says it "
                    f"({where}). {sure}")
        if reading.verdict == "denies it":
            return (f"Denies it. {x.name} says otherwise, but the text shows {x.name} {_PRESENT[kind]} "
                    f"{y.name} ({where}). {sure}")
        if reading.verdict == "used to":
            now = ""
            if rel.get("current", True) and rel["kind"] != kind:
                now = f"; by the end {x.name} {_PRESENT[rel['kind']]} {y.name}: {how_phrase(self.facts, rel)}"
            elif not rel.get("current", True):
                now = "; it is over by the end"
            return f"Used to. {x.name} {_PAST[kind]} {y.name} ({where}){now}. {sure}"
        verb = _PRESENT[kind] if rel.get("current", True) else _PAST[kind]
        return f"No. {x.name} {verb} {y.name} instead: {how_phrase(self.facts, rel)} ({where}). {sure}"

    def _pair_answer(self, text: str, verdict: str | None, readings: list[Reading],
                     people: Sequence[CharacterRef]) -> Answer:
        rels = [r.relation for r in readings if r.relation is not None]
        notes = tuple(f"{self.facts.name(r['from'])} -> {self.facts.name(r['to'])}: {arc_text(r)}"
                      for r in rels if r.get("arc"))
        cited = [e for r in readings for e in _cite_reading(self.facts, r)]
        return self.answer(text, verdict=verdict, characters=tuple(dict.fromkeys(p.name for p in people)),
                           relations=tuple(rels), evidence=tuple(cited),
                           confidence=min((r["confidence"] for r in rels), default=None)
                           if len(rels) == len(readings) else None, notes=notes)

    # are X and Y together?
    def together(self) -> Answer:
        x, y = self.resolve(self.q.subject or ""), self.resolve(self.q.target or "")
        if x.id == y.id:
            raise _SamePerson(x.name)
        ab = read_relation(self.facts.relation(x.id, y.id), ROMANTIC)
        ba = read_relation(self.facts.relation(y.id, x.id), ROMANTIC)
        verdict = combine([ab.verdict, ba.verdict])
        if verdict == "yes":
            text = (f"Yes. {x.name} and {y.name} are in love both ways ({how_phrase(self.facts, ab.shown)}; "
                    f"{how_phrase(self.facts, ba.shown)}). "
                    f"{_sure(min(ab.shown['confidence'], ba.shown['confidence']))}")
        else:
            text = (f"{verdict.capitalize()}. {x.name} -> {y.name}: {self._side(ab)}; "
                    f"{y.name} -> {x.name}: {self._side(ba)}.")
        return self._pair_answer(text, verdict, [ab, ba], (x, y))

    def _side(self, reading: Reading) -> str:
        rel = reading.relation
        if rel is None:
            return "no feeling shown"
        if reading.verdict == "used to":
            return f"in love once, no longer ({_scenes(_cite_reading(self.facts, reading))})"
        if reading.verdict == "no":
            return f"{rel['kind']} rather than romance ({how_phrase(self.facts, rel)})"
        word = {"yes": "in love", "hinted": "in love, hinted only",
                "denies it": "in love, but denies it"}[reading.verdict]
        return f"{word} ({how_phrase(self.facts, rel)}; {sureness(rel['confidence'])})"

    # how does X feel about Y?
    def how_feel(self) -> Answer:
        x, y = self.resolve(self.q.subject or ""), self.resolve(self.q.target or "")
        rel = self.facts.relation(x.id, y.id)
        if rel is None:
            back = self.facts.relation(y.id, x.id)
            also = f" (It does show {y.name} -> {x.name}: {back['kind']}, {back['how']}.)" if back else ""
            return self.answer(f"I don't know: the analysis shows no feeling of {x.name} for {y.name}.{also}",
                               characters=(x.name, y.name))
        verb = _PRESENT[rel["kind"]] if rel["current"] else _PAST[rel["kind"]]
        text = (f"{x.name} {verb} {y.name}" + ("" if rel["current"] else " (over by the end)")
                + f": {how_phrase(self.facts, rel)} ({sureness(rel['confidence'])}). "
                f"Feelings shown: {feelings_text(rel)}.")
        if rel.get("arc"):
            text += f" Arc: {arc_text(rel)}."
        return self.answer(text, characters=(x.name, y.name), relations=(rel,),
                           evidence=tuple(_cite(self.facts, rel, limit=None)), confidence=rel["confidence"])

    # who said X likes Y?
    def claims(self) -> Answer:
        x, y = self.resolve(self.q.subject or ""), self.resolve(self.q.target or "")
        rel = self.facts.relation(x.id, y.id)
        if rel is None:
            return self.answer(f"No one, as far as the analysis shows: it finds no feeling of {x.name} "
                               f"for {y.name} at all.", characters=(x.name, y.name))
        items = [e for e in rel["evidence"] if not self.q.kinds or e["kind"] in self.q.kinds] or list(rel["evidence"])
        spoken = [e for e in items if e["how"] in ("claimed", "stated", "denied")]
        cited = [self.facts.cite(rel, e) for e in (spoken or items)]
        if not spoken:
            source = ("the narration says it" if any(e["how"] == "narrated" for e in items)
                      else "only behaviour shows it")
            text = f"No one says it aloud; {source} ({_scenes(items)})."
        else:
            by_speaker: dict[str, list[dict[str, Any]]] = {}
            for item in cited:
                speaker = item["speaker"] or (rel["from"] if item["how"] in ("stated", "denied") else None)
                by_speaker.setdefault(self.facts.name(speaker) if speaker else "someone unidentified",
                                      []).append(item)
            parts = []
            for speaker, said in by_speaker.items():
                denials = [i for i in said if i["how"] == "denied"]
                affirms = [i for i in said if i["how"] != "denied"]
                if denials and affirms and denials[0]["start"] < affirms[-1]["start"]:
                    verb = f"denied it ({_scenes(denials)}), then says so"
                elif denials and not affirms:
                    verb = "denies it"
                else:
                    verb = "says so"
                last = (affirms or denials)[-1]
                parts.append(f"{speaker} {verb}: \"{_short(last['text'])}\" ({_scenes([last])})")
            text = "; ".join(parts) + "."
        speakers = [self.facts.name(e["speaker"]) for e in cited if e["speaker"]]
        return self.answer(text, characters=tuple(dict.fromkeys([x.name, y.name, *speakers])),
                           relations=(rel,), evidence=tuple(cited), confidence=rel["confidence"])

    # who is X?
    def who_is(self) -> Answer:
        person = self.resolve(self.q.subject or "")
        c = self.facts.character(person.id)
        order = [ch["id"] for ch in self.facts.analysis.get("characters", ())]
        rank = order.index(person.id) + 1
        role = ("a lead" if c.get("centrality", 0) >= 0.5 else "a main character"
                if c.get("centrality", 0) >= 0.2 else "a minor character")
        others = [a for a in c.get("aliases", ()) if a != c["name"]]
        also = f" (also {', '.join(repr(a) for a in others[:6])})" if others else ""
        text = (f"{c['name']}{also}: {role}, gender {c.get('gender', 'unknown')}, {c.get('mentions', 0)} mentions, "
                f"{_ordinal(rank)} most mentioned of {len(order)} (centrality {c.get('centrality', 0):.2f}).")
        outgoing = [r for r in self.facts.relations if r["from"] == person.id][:3]
        incoming = [r for r in self.facts.relations if r["to"] == person.id][:3]
        if outgoing:
            text += " Feels: " + "; ".join(_short_rel(self.facts, r, r["to"]) for r in outgoing) + "."
        if incoming:
            text += " Felt by: " + "; ".join(_short_rel(self.facts, r, r["from"]) for r in incoming) + "."
        if not outgoing and not incoming:
            text += " The analysis shows no feelings to or from them."
        rels = outgoing + incoming
        cited = [e for r in rels for e in _cite(self.facts, r, [r["kind"]], limit=1)]
        names = [c["name"], *(self.facts.name(r["to"]) for r in outgoing),
                 *(self.facts.name(r["from"]) for r in incoming)]
        return self.answer(text, characters=tuple(dict.fromkeys(names)), relations=tuple(rels),
                           evidence=tuple(cited))

    # who is in love in this story?
    def couples(self) -> Answer:
        romantic = [r for r in self.facts.relations if r["kind"] == "romantic"]
        current = [r for r in romantic if r["current"]]
        past = [r for r in romantic if not r["current"]]
        if not romantic:
            return self.answer("No one, as far as the analysis shows: it finds no romantic feeling.")
        seen: set[frozenset[str]] = set()
        parts = []
        for rel in current:
            pair = frozenset((rel["from"], rel["to"]))
            if pair in seen:
                continue
            seen.add(pair)
            back = self.facts.relation(rel["to"], rel["from"])
            if back and back["kind"] == "romantic" and back["current"]:
                parts.append(f"{self.facts.name(rel['from'])} and {self.facts.name(rel['to'])} (both ways; "
                             f"{sureness(min(rel['confidence'], back['confidence']))})")
            else:
                parts.append(f"{self.facts.name(rel['from'])} -> {self.facts.name(rel['to'])} (one way, "
                             f"{rel['how']}; {sureness(rel['confidence'])})")
        text = ("In love: " + "; ".join(parts[:_LIST_LIMIT]) + "." if parts
                else "No one at the end of the story.")
        if past:
            text += " In the past only: " + "; ".join(
                f"{self.facts.name(r['from'])} -> {self.facts.name(r['to'])}" for r in past[:_LIST_LIMIT]) + "."
        shown = current + past
        names = [self.facts.name(i) for r in shown for i in (r["from"], r["to"])]
        tags = [t for t in self.facts.analysis.get("tags", {}).get("relationships", ()) if "/" in t]
        return self.answer(text, characters=tuple(dict.fromkeys(names)), relations=tuple(shown),
                           evidence=tuple(e for r in shown for e in _cite(self.facts, r, ["romantic"], limit=1)),
                           notes=(f"Tags: {', '.join(tags)}",) if tags else ())

    def characters(self) -> Answer:
        chars = list(self.facts.analysis.get("characters", ()))
        shown = chars[:15]
        text = (f"{len(chars)} characters, most mentioned first: "
                + ", ".join(f"{c['name']} ({c.get('mentions', 0)})" for c in shown)
                + (", ..." if len(chars) > len(shown) else "") + ".")
        return self.answer(text, characters=tuple(c["name"] for c in shown))


class _SamePerson(ValueError):
    pass


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split()).strip('"\u201c\u201d ')
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _short_rel(facts: StoryFacts, rel: Mapping[str, Any], other: str) -> str:
    state = rel["kind"] + ("" if rel["current"] else ", past")
    return f"{state} {'for' if other == rel['to'] else 'from'} {facts.name(other)} ({rel['how']})"


def forms_help() -> str:
    return "I can answer questions of these forms:\n" + "\n".join(f"  {f}" for f in FORMS)


def answer(facts: StoryFacts, question: Question,
           resolve: Callable[[str], CharacterRef] | None = None) -> Answer:
    """Answer one parsed question; unknown and ambiguous names become answers too."""
    forms = _Forms(facts, question, resolve or facts.names.resolve)
    try:
        if question.form == "claims" and (question.subject is None or question.target is None):
            return Answer(question.text, "Who knows what? Ask 'who said X likes Y?', or ask 'who knows?' "
                          "right after a yes/no question.", form="claims", status="not_understood")
        return getattr(forms, question.form)()
    except UnknownName as exc:
        if normalise(exc.name) in _PRONOUNS:
            return Answer(question.text, f"Who is '{exc.name}'? Name them: a pronoun works only right after "
                          f"a question that named two people.", form=question.form, status="unknown_name")
        hint = (f"; did you mean {_join(exc.suggestions, 'or')}?" if exc.suggestions
                else " in this story.")
        return Answer(question.text, f"No character called '{exc.name}'{hint}", form=question.form,
                      status="unknown_name", characters=exc.suggestions)
    except AmbiguousName as exc:
        names = [m.name for m in exc.matches]
        return Answer(question.text, f"'{exc.name}' could be {_join(names[:6], 'or')}; ask again with a "
                      f"fuller name.", form=question.form, status="ambiguous_name", characters=tuple(names))
    except _SamePerson as exc:
        return Answer(question.text, f"That names {exc} twice; ask about two people.", form=question.form,
                      status="not_understood", characters=(str(exc),))
