"""Stage ``feelings``: from evidence sentences to one relation per ordered pair.

For each experiencer -> target pair the evidence is read in story order:
- the *current* kind is the best supported kind among evidence that is neither past,
  negated nor a bare question, later evidence counting more (the end state is what a
  reader remembers), romance outranking friendship when both are shown;
- a feeling its owner denies while others see it (claims, narration) is ``denied``;
  a denial the text never contradicts removes the feeling;
- a feeling shown only in the past ("had chased after her") is kept with
  ``current: false``;
- the ``arc`` lists the states in order where they change (denied -> stated).
Long texts need more evidence before a pair is reported: one stray "like" in a novel
is noise, in a 3,000-word fic it may be the story.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict

from ..model import ArcStep, Document, Evidence, Relation, polarity
from ..pipeline import stage
from .evidence import SHOWN_ONLY

_KIND_PREFERENCE = {"romantic": 1.3, "hatred": 1.1, "affection": 1.0, "dislike": 1.0}
_HOW_ORDER = ("stated", "narrated", "claimed", "implied")
# Romance names the kind of a warm pair where its support is at least this share of friendship's.
_ROMANCE_SHARE = 0.5
_RETURNED = 0.6  # share of the usual support that behaviour answering a warmth needs
# Behaviour (a hand on an arm, tea brought, a step between someone and harm: the evidence
# stage's ``SHOWN_ONLY`` rows) is weak: a pair with nothing else needs this many times the usual
# support to be a relation, and beside other evidence it never tips the pair over the threshold;
# below it the acts are features the judge weighs.  A kind nurse, a poisoner pouring tea and a
# lover do the same things.
_SHOWN_ONLY = 2.0


def min_support(words: int) -> float:
    """Evidence weight a pair needs before it is reported, growing slowly with length."""
    return 0.5 + 0.75 * math.log10(max(1.0, words / 5_000))


def _arc(evidence: list[Evidence]) -> tuple[ArcStep, ...]:
    """The states a feeling goes through, in story order.  Repeats of a state merge; an
    owner's own admission replaces the claims and narration before it in the same state,
    so a denial followed by an admission reads "denied -> romantic stated"."""
    steps: list[ArcStep] = []
    # a passing "thanks" in a love story is not a turn of the arc: only kinds with a fair
    # share of the evidence make steps
    totals: dict[str, float] = defaultdict(float)
    for e in evidence:
        totals[e.kind] += e.weight
    top = max(totals.values(), default=0.0)
    for e in evidence:
        if e.question or e.weight < 0.45 or (e.negated and e.how != "denied"):
            continue
        if totals[e.kind] < 0.3 * top and e.how != "denied":
            continue
        step = ArcStep(scene=e.scene, kind=e.kind, how=e.how, past=e.past)
        if steps and steps[-1].kind == step.kind and steps[-1].past == step.past \
                and "denied" not in (steps[-1].how, step.how):
            if step.how == "stated" and steps[-1].how != "stated":
                steps[-1] = step
            continue
        if steps and steps[-1].label == step.label:
            continue
        steps.append(step)
    return tuple(steps) if len(steps) > 1 else ()


def _relation(source: str, target: str, evidence: list[Evidence], words: int,
              lenience: float = 1.0, rumoured: bool = False) -> Relation | None:
    evidence.sort(key=lambda e: e.start)
    # later evidence counts more, among the evidence of a current feeling only: a past
    # crush told afterwards does not make today's friendship older
    live = [e for e in evidence if not e.past and not e.negated and e.how != "denied"]
    first_live = live[0].start if live else 0
    n = len(live)
    span = max(1, live[-1].start - first_live) if live else 1
    scores: dict[str, float] = defaultdict(float)
    past_scores: dict[str, float] = defaultdict(float)
    # the experiencer's own words outweigh what others claim of them: "Ynes loathes me," says
    # Odo; "I've grown so fond of the old goat," says Ynes.  A claim of the other polarity
    # counts nothing.
    own = {polarity(e.kind) for e in live if e.how == "stated" and not e.question}
    if len(own) == 1:
        evidence = [e for e in evidence if not (e.how == "claimed" and polarity(e.kind) not in own)]
    denial_at = -1
    seen_cues: dict[str, int] = defaultdict(int)
    for i, e in enumerate(evidence):
        if e.how == "denied" or (e.negated and e.how == "narrated" and not e.question and not e.past):
            # the owner's denial, or the narrator's "she had never cared for him"
            denial_at = max(denial_at, i)
            continue
        if e.negated:
            continue
        # the same word again adds less each time: ten polite "thank you"s are no friendship;
        # behaviour that recurs (a pet name, coffee every morning) is a pattern, and fades slower
        # a past piece and a current one are tallied apart: "I liked him first" told of then does
        # not make "I've liked him since May" a repeat
        cue = f"{e.cue.lower()}|{e.kind}|{e.past}"
        repeat = (0.7 if e.how == "implied" else 0.5) ** seen_cues[cue]
        seen_cues[cue] += 1
        recency = 0.6 + 0.8 * (e.start - first_live) / span if n > 1 else 1.0
        if e.past:
            past_scores[e.kind] += e.weight * repeat
        else:
            scores[e.kind] += e.weight * repeat * recency * _KIND_PREFERENCE[e.kind]
    support = sum(scores.values())
    needed = min_support(words) * lenience
    shown = [e for e in live if e.cue in SHOWN_ONLY]
    if shown and len(shown) == len(live):
        needed *= _SHOWN_ONLY  # behaviour and nothing else
    elif shown:
        # behaviour never tips a pair over the threshold (nor, coming first, lends the words after
        # it the weight of recency): the pair must stand without it; the judge weighs the acts
        without = _relation(source, target, [e for e in evidence if e not in shown], words, lenience, rumoured)
        if without is None or not without.current:
            return without
    if not scores and not past_scores and not rumoured:
        protested = _protested(source, target, evidence, needed)
        if protested is not None:
            return protested
    if support < needed * 0.999:
        if sum(past_scores.values()) >= needed * 0.999:
            kind = max(past_scores, key=lambda k: past_scores[k])
            kept = [e for e in evidence if e.past and e.kind == kind]
            return Relation(source, target, kind, kept[-1].how, False,
                            _confidence(sum(past_scores.values())), _arc(evidence), tuple(kept))
        return None
    kind = max(scores, key=lambda k: (scores[k], k == "romantic"))
    if kind == "affection" and scores.get("romantic", 0.0) >= _ROMANCE_SHARE * scores["affection"]:
        # a romance cue is specific where a friend's words are diffuse ("thank you", "her friend",
        # "I missed you" are said to lovers too): shown beside them, it names the kind
        kind = "romantic"
    # hostile and warm evidence both present: the side with more support wins
    if any(polarity(k) != polarity(kind) for k in scores):
        same = sum(v for k, v in scores.items() if polarity(k) == polarity(kind))
        other = support - same
        if other > same:
            kind = max((k for k in scores if polarity(k) != polarity(kind)), key=lambda k: scores[k])
    chosen = [e for e in evidence if e.kind == kind and not e.negated and not e.past]
    last_positive = max(i for i, e in enumerate(evidence) if e in chosen)
    how = _how(chosen)
    current = True
    if denial_at > last_positive:
        # the owner's last word denies it.  Where others say they see it, the denial is the
        # familiar one a reader sees through; where only narration or the owner showed it,
        # the feeling has ended ("I cannot still love her").
        others_see = any(e.how == "claimed" and not e.negated and not e.past for e in evidence) or any(
            e.how in ("narrated", "implied") and not e.negated and not e.past
            for e in evidence[denial_at + 1:])
        how, current = ("denied", True) if others_see else (how, False)
    shown, seen = [], set()
    for e in evidence:  # one sentence may show a feeling twice ("love" and "her friend")
        if (e in chosen or e.how == "denied" or e.past) and (e.start, e.end) not in seen:
            seen.add((e.start, e.end))
            shown.append(e)
    return Relation(source, target, kind, how, current, _confidence(support), _arc(evidence),
                    tuple(shown))


# A romance its owner denies and nothing else in the story shows (issue 15): "I don't like
# you, Ysolde." / "I will never fall for Dario." / "I never loved Dario,
# and you can print that."  Said of oneself, a denial of love is how fiction shows it; the reader
# is meant to see through it.  Ended love ("not any more"), a plain dislike ("I never liked
# him at all": the evidence stage reads that as dislike) and a denial answering a rumour the
# story refutes (README: a denial the reader believes is no relation) are no protest.
_PROTEST = 0.6
_PROTEST_CUES = re.compile(r"^(?:lov|lik|fanc|fall|fell|crush|pin|adore)", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\bI\b")
_ENDED = re.compile(r"\b(?:anymore|any more|any longer|no longer)\b", re.IGNORECASE)


def _protested(source: str, target: str, evidence: list[Evidence], needed: float) -> Relation | None:
    protests = [e for e in evidence
                if e.kind == "romantic" and e.negated and not e.past and not e.question
                and not e.refuted and _PROTEST_CUES.match(e.cue) and not _ENDED.search(e.text)
                and (e.how == "denied" or e.how == "narrated" and _FIRST_PERSON.search(e.text))]
    support = sum(e.weight for e in protests) * _PROTEST
    if not protests or support < needed * 0.999:
        return None
    return Relation(source, target, "romantic", "denied", True, _confidence(support), (), tuple(protests))


def _how(chosen: list[Evidence]) -> str:
    """How the end state shows: the plainest way among the last scene's evidence (the
    owner saying it, then the narrator, then others, then behaviour)."""
    strong = [e for e in chosen if not e.question and e.weight >= 0.45] or chosen
    last_scene = strong[-1].scene
    final = [e for e in strong if e.scene == last_scene]
    for h in _HOW_ORDER:
        if any(e.how == h for e in final):
            return h
    return final[-1].how


def _confidence(support: float) -> float:
    return round(1 - math.exp(-support), 3)


@stage("feelings", needs=("document", "evidence"), produces="rule_relations")
def aggregate_feelings(document: Document, evidence: tuple[Evidence, ...]) -> tuple[Relation, ...]:
    """One relation per ordered pair, with its end state, arc and evidence."""
    pairs: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    rumoured: set[tuple[str, str]] = set()
    for e in evidence:
        if e.refuted:
            rumoured.add((e.experiencer, e.target))
            continue  # a rumour the story refutes supports nothing
        pairs[(e.experiencer, e.target)].append(e)
    words = document.story.words
    # a denial that answers a rumour is believed: it is no protest
    found = {(s, t): r for (s, t), ev in pairs.items()
             if (r := _relation(s, t, list(ev), words, rumoured=(s, t) in rumoured))}
    # kindness answering a friendship already shown the other way ("Ann was all the family I
    # had" / Ann linked her arm with mine) needs less of itself to be believed
    for (s, t), ev in pairs.items():
        back = found.get((t, s))
        if (s, t) in found or back is None or not back.current or back.kind != "affection":
            continue
        if any(e.how == "implied" and e.kind == "affection" for e in ev):
            r = _relation(s, t, list(ev), words, _RETURNED)
            if r is not None and r.kind == "affection":
                found[(s, t)] = r
    relations = list(found.values())
    relations.sort(key=lambda r: (-r.confidence, r.source, r.target))
    return tuple(relations)
