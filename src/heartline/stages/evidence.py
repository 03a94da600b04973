"""Stage ``evidence``: every sentence that shows one person feeling something for another.

Cues are words (love, like, crush on, hate, revenge on, annoying, interested in, thank,
miss, her boyfriend, like a sister to me, an arm through hers ...) read through the
dependency parse: the experiencer is the subject
(or the possessor of a cue noun), the target the object or the object of the cue's
preposition, both mapped to characters through coreference.  Each hit records *how*
the text gives the feeling away: the narrator says it (``narrated``), the experiencer
says or writes it (``stated``), someone else says it (``claimed``), behaviour shows it
(``implied``), or the experiencer says it is not so (``denied``); and whether it is
negated, hedged, asked, or past ("had chased after", "used to", "anymore").
Acts that show a feeling without naming it (a hand on an arm, broth brought, a step
between someone and harm) are the ``BEHAVIOUR_ROWS``: weak, ``implied`` evidence.
"""
from __future__ import annotations

import bisect
import heapq
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from operator import itemgetter

from ..model import (
    Cast,
    Coreference,
    Document,
    Evidence,
    Mention,
    Mentions,
    Quote,
    Token,
    polarity,
)
from ..pipeline import stage
from .lexicon import (
    CARE_OBJECTS,
    FAMILY_RELATIONS,
    FIRST_PERSON,
    FRIEND_RELATIONS,
    INSULT_NOUNS,
    MARRIAGE_RELATIONS,
    ROMANTIC_RELATIONS,
    TOUCHED_PARTS,
)
from .quotes import is_chat_line


@dataclass(frozen=True)
class Cue:
    kind: str
    weight: float
    preps: tuple[str, ...] = ()  # prepositions that introduce the target
    implied: bool = False  # behaviour rather than a feeling word
    reverse: bool = False  # the subject causes the feeling in the object ("X annoys Y")
    needs_prep: bool = False  # only counts with one of ``preps`` ("crush on")
    negative_idiom: bool = False  # only counts negated, and then means the feeling ("can't stand")
    platonic: bool = False  # warm regard, romance only where the pair has a romance cue of its own
    heads: tuple[str, ...] = ()  # a noun that counts only as the object of one of these verbs ("have a thing for")
    witnessed: bool = False  # only from the narrator or the one who feels it: "he's sweet on you" is a tease
    shown: str = ""  # a behaviour row's id: the act is told, so the evidence is ``implied`` wherever it is told
    supposed: bool = False  # said under "if", and the supposition is the cue ("if you hurt her, ...")


VERB_CUES: dict[str, Cue] = {
    "love": Cue("romantic", 1.0), "adore": Cue("romantic", 0.9), "fancy": Cue("romantic", 0.8),
    "like": Cue("romantic", 0.7), "crush": Cue("romantic", 1.0, ("on",), needs_prep=True),
    "date": Cue("romantic", 0.8), "marry": Cue("romantic", 0.5), "woo": Cue("romantic", 0.8),
    "court": Cue("romantic", 0.5), "kiss": Cue("romantic", 0.6, implied=True),
    "chase": Cue("romantic", 0.6, ("after",), needs_prep=True),
    "pine": Cue("romantic", 0.8, ("for", "after"), needs_prep=True),
    "hate": Cue("hatred", 1.0), "loathe": Cue("hatred", 1.0), "despise": Cue("hatred", 1.0),
    "detest": Cue("hatred", 1.0), "abhor": Cue("hatred", 1.0),
    "dislike": Cue("dislike", 1.0), "resent": Cue("dislike", 0.8),
    "stand": Cue("dislike", 1.0, negative_idiom=True), "bear": Cue("dislike", 0.8, negative_idiom=True),
    "stomach": Cue("dislike", 0.8, negative_idiom=True),
    "annoy": Cue("dislike", 0.6, reverse=True), "irritate": Cue("dislike", 0.6, reverse=True),
    "disgust": Cue("dislike", 0.6, reverse=True),
    "glare": Cue("dislike", 0.4, ("at",), implied=True, needs_prep=True),
    "care": Cue("affection", 0.8, ("about", "for"), needs_prep=True),
    "cherish": Cue("affection", 0.8), "treasure": Cue("affection", 0.6),
    "thank": Cue("affection", 0.35), "protect": Cue("affection", 0.4, implied=True),
    "hug": Cue("affection", 0.3, implied=True), "embrace": Cue("affection", 0.3, implied=True),
    "admire": Cue("affection", 0.5), "trust": Cue("affection", 0.4),
    "miss": Cue("affection", 0.4),  # "I missed you": longing, not the word for it
    # hostility in plain English: "she couldn't abide the man", "he envied her"
    "abide": Cue("dislike", 1.0, negative_idiom=True), "tolerate": Cue("dislike", 0.7, negative_idiom=True),
    "envy": Cue("dislike", 0.5), "scorn": Cue("dislike", 0.8), "disdain": Cue("dislike", 0.8),
    "distrust": Cue("dislike", 0.6), "mistrust": Cue("dislike", 0.6),
    # love in idiom: "Tam fell for him in a week", "she doted on the boy"
    "fall": Cue("romantic", 0.9, ("for",), needs_prep=True, witnessed=True),
    "dote": Cue("affection", 0.8, ("on", "upon"), needs_prep=True),
}
# Measured and dropped (issue 16, session 17, on 6767880): any other verb whose word is in one of
# Empath's warm (love, affection) or cold (hate, anger, disgust) categories (``stages/empath.py``),
# subject feeling for object, as a weak ``implied`` cue of its own (``emp:warm`` / ``emp:cold``,
# weight 0.3, with the behaviour rows' rule: alone never a relation).  These tables already hold
# nearly every such word the stories use: 25 new cues in all 41 stories (9 of them "kill": "I'll kill you",
# said in fun, or a murder), one on a gold quote; the held-out judge at warm 0.275 / cold 0.65, fics pooled
# lenient 0.726 -> 0.720, strict 0.645 -> 0.642, 0 stories up / 4 down, novels unchanged.  Without
# "kill" and "pity" (Empath files pity under disgust): 12 cues, pooled 0.722 / 0.644, 0 up / 3
# down; plus Empath adjectives with a preposition ("attracted to"): 18 cues, still one on gold.
# Of the fic golds' relations whose evidence holds an Empath warm or cold word, 3 of 114 hold no
# word these tables start on.
# Behaviour and plain regard that generalise (issue 15, recall): each row (lemma, cue), with an
# invented example.  Behaviour is ``implied`` and weak alone: one sneer is a bad day, several a feud.
VERB_CUES.update({
    # "Ynes longed for Dario all winter", "he ached for her", "she yearned for him"
    "long": Cue("romantic", 0.7, ("for",), needs_prep=True, witnessed=True),
    "yearn": Cue("romantic", 0.7, ("for",), needs_prep=True, witnessed=True),
    "ache": Cue("romantic", 0.6, ("for",), needs_prep=True, witnessed=True),
    # "she worshipped her elder cousin", "he idolised Ynes", "I respect him"
    "worship": Cue("affection", 0.6), "idolize": Cue("affection", 0.6), "idolise": Cue("affection", 0.6),
    "respect": Cue("affection", 0.4),
    # "Dario worried about Ynes", "she fretted over him": care for someone's sake
    "worry": Cue("affection", 0.4, ("about", "for", "over"), needs_prep=True, implied=True),
    "fret": Cue("affection", 0.3, ("about", "for", "over"), needs_prep=True, implied=True),
    # "he shielded her from the blast", "she defended Dario to the council", "comforted him"
    "shield": Cue("affection", 0.4, implied=True), "defend": Cue("affection", 0.4, implied=True),
    "comfort": Cue("affection", 0.3, implied=True), "console": Cue("affection", 0.3, implied=True),
    # "Ynes sneered at Dario", "he scoffed at her", "she mocked him", "he belittled her"
    "sneer": Cue("dislike", 0.4, ("at",), implied=True, needs_prep=True),
    "scoff": Cue("dislike", 0.4, ("at",), implied=True, needs_prep=True),
    "mock": Cue("dislike", 0.4, implied=True), "taunt": Cue("dislike", 0.4, implied=True),
    "belittle": Cue("dislike", 0.5, implied=True), "humiliate": Cue("dislike", 0.5, implied=True),
    "snub": Cue("dislike", 0.5, implied=True), "spurn": Cue("dislike", 0.5, implied=True),
})
# Doom wished on someone (issue 15, the lowest stories): a wish for a person's death or ruin,
# or a vow to watch it, is hatred though no feeling word is said.  Each row: (id, the verbs,
# the words of doom that must follow the person within a few words, whether the verb must be a
# vow -- will, shall, would, "want to see" -- and the cue), with an invented example.
@dataclass(frozen=True)
class DoomRow:
    id: str
    verbs: frozenset[str]
    doom: frozenset[str]
    vowed: bool
    cue: Cue
    example: str


DOOM_ROWS: tuple[DoomRow, ...] = (
    DoomRow("doom:wished-dead", frozenset({"want", "wish"}),
            frozenset({"dead", "hanged", "drowned", "buried"}), False, Cue("hatred", 0.9),
            "Odo had wanted Ynes dead for years."),
    DoomRow("doom:see-you-hang", frozenset({"see", "watch"}),
            frozenset({"hang", "hanged", "burn", "rot", "die", "drown", "drowned", "dead", "suffer", "beg",
                       "crawl", "bleed", "ruined", "grovel"}), True, Cue("hatred", 0.8),
            "\"I shall live to watch Dario hang for this.\""),
)
_DOOM_VERBS = frozenset().union(*(row.verbs for row in DOOM_ROWS))
_VOW_AUX = frozenset({"will", "shall", "would", "'ll", "’ll", "'d", "’d"})
# "I'd sooner see Dario marry a goat": a refusal weighed against something, not a vow
_PREFERENCE = frozenset({"sooner", "rather"})
# Harm done to someone or to what they own: "sabotaged Dario", "sabotaged Dario's kite",
# "wrecked her bicycle".
# ("ruining my life", "spoiled my evening" are as often fond hyperbole: not read)
_OWNED_HARM = frozenset({"sabotage", "wreck"})
_OWNED_HARM_CUE = Cue("dislike", 0.5, implied=True)


# Feelings shown, not named (issue 15, recall): what someone does to or for another, read off the
# parse.  Each row: its id (the evidence's ``cue``, so the sentence reader learns it across
# stories), the verbs (lemmas), where the one it is done to or for stands (``target``), what the
# verb's object must be (``objects``, empty: anything) and its prepositions, the kind and weight,
# whether only a "would" makes it count, and an invented example.  The one who acts feels it, the
# one acted on or for is its target.  Behaviour is weak: each row is ``implied`` and under the
# short-text threshold alone (a pat on the arm is manners); repeated, or beside a cue, it counts,
# and the judge weighs it with everything else.
#   target "part":    the owner of the body part that is the object ("squeezed Ynes's shoulder")
#   target "onto":    a person, or the owner of a body part, after one of the prepositions
#                     ("put a hand on Dario's arm", "leaned her head against his shoulder")
#   target "dative":  the one a care object is brought, made or given to or for
#                     ("brought Ynes a cup of tea", "made soup for him", "handed her his coat")
#   target "dobj":    the person who is the object ("tucked Dario in", "fed the boy")
#   target "between": a person after "between" ("put himself between Ynes and the door")
@dataclass(frozen=True)
class BehaviourRow:
    id: str
    verbs: frozenset[str]
    target: str
    objects: frozenset[str]
    preps: tuple[str, ...]
    cue: Cue
    example: str
    note: str = ""
    vow: bool = False  # only as a supposition with "would" and somewhere to go: a pledge, not an errand
    weak: bool = True  # behaviour: alone it is a feature the judge weighs, not a relation (``feelings``)


_TOUCH_SHOWN = 0.3
BEHAVIOUR_ROWS: tuple[BehaviourRow, ...] = (
    BehaviourRow("touch:part", frozenset("squeeze ruffle stroke pat cup caress clasp kiss touch".split()), "part",
                 TOUCHED_PARTS, (), Cue("affection", _TOUCH_SHOWN, implied=True, shown="touch:part"),
                 "Ynes squeezed Dario's shoulder.",
                 "a kiss on the hand or head is tenderness; between kin it stays affection"),
    BehaviourRow("touch:hand-on", frozenset("put lay rest place".split()), "onto",
                 frozenset("hand hands palm arm head cheek".split()), ("on", "against", "over", "around", "round"),
                 Cue("affection", _TOUCH_SHOWN, implied=True, shown="touch:hand-on"),
                 "Dario put a hand on Ynes's arm.",
                 "one's own hand on one's own knee is skipped: the owner is the one who acts"),
    BehaviourRow("touch:lean", frozenset("lean rest nestle".split()), "onto", frozenset(),
                 ("against", "on", "into"), Cue("affection", _TOUCH_SHOWN, implied=True, shown="touch:lean"),
                 "Ynes leaned her head against Dario's shoulder."),
    BehaviourRow("touch:cling", frozenset("cling hold".split()), "onto", frozenset(), ("to", "onto"),
                 Cue("affection", _TOUCH_SHOWN, implied=True, shown="touch:cling"),
                 "Ynes held on to Dario in the crowd.", "\"hold\" needs its \"on\""),
    BehaviourRow("care:gift", frozenset("bring fetch make cook pour hand give buy knit mend save carry leave send "
                                        "pack wrap set".split()), "dative", CARE_OBJECTS, ("for", "to"),
                 Cue("affection", 0.3, implied=True, shown="care:gift"),
                 "Ynes brought Dario a bowl of broth.",
                 "food, drink, warmth or a small gift; a file or a key handed over is not care"),
    BehaviourRow("care:tend", frozenset("feed tuck carry cover nurse".split()), "dobj", frozenset(), (),
                 Cue("affection", 0.3, implied=True, shown="care:tend"),
                 "Dario carried Ynes, asleep, up to bed."),
    BehaviourRow("protect:between", frozenset("put place throw step stand get move plant".split()), "between",
                 frozenset(), ("between",), Cue("affection", 0.4, implied=True, shown="protect:between"),
                 "Dario stepped between Ynes and the hound.",
                 "the first person after \"between\" is the one shielded"),
    BehaviourRow("protect:if-harmed", frozenset("hurt harm break upset wrong trifle toy mess make".split()),
                 "if-harmed", frozenset({"cry", "weep", "miserable", "unhappy", "sad"}), ("with",),
                 Cue("affection", 0.5, implied=True, shown="protect:if-harmed", supposed=True),
                 "\"If you hurt Ynes, I will drown you in the well,\" said Dario.",
                 "said in a quote: the speaker guards the one who might be harmed; the threat itself is no "
                 "feeling for the one spoken to (a jest as often as not)", weak=False),
    BehaviourRow("protect:save", frozenset("rescue save guard".split()), "dobj", frozenset(), (),
                 Cue("affection", 0.4, implied=True, shown="protect:save"),
                 "Ynes pulled Dario out of the river and saved him."),
    BehaviourRow("pledge:follow", frozenset({"follow"}), "dobj", frozenset(), ("into", "to", "through", "off"),
                 Cue("affection", 0.6, implied=True, shown="pledge:follow"),
                 "Dario would follow Ynes to the ends of the earth.", "\"followed him to the station\" is an errand",
                 vow=True, weak=False),
) + (
    # Hostile acts (issue 15, warm verdicts on hostile pairs): harm done to a person on purpose
    # (poisoned, framed, blackmailed, plotted against) shows a hostility no feeling word names, as
    # a gift shows care; unlike a touch it is no manners, so one act counts (not weak).  "sabotage"
    # and "wreck" are ``_OWNED_HARM``'s.  Measured: on the 41 golds the rows change no score (they
    # fire three times, in the novels, two of them negated), so they are for the stories we do not
    # have.  Measured and dropped: blows and threats (slap punch kick shove
    # strike hit threaten) as a row: 5 of its 6 fires were jests, childhood scrapes or "if you make
    # her cry again, I will punch you" (a guarding threat, ``protect:if-harmed``).
    BehaviourRow("harm:scheme", frozenset("poison frame blackmail betray swindle defraud extort".split()),
                 "dobj", frozenset(), (), Cue("dislike", 0.5, implied=True, shown="harm:scheme"),
                 "Odo poisoned Dario's wine to be rid of him; then framed Ynes for it.",
                 "the object must be a person: \"poisoned the well\" is no one's", weak=False),
    BehaviourRow("harm:plot-against", frozenset("plot scheme conspire intrigue turn".split()), "onto", frozenset(),
                 ("against",), Cue("dislike", 0.5, implied=True, shown="harm:plot-against"),
                 "Odo plotted against Dario all winter.", "the person after \"against\"", weak=False),
)
# the ids of the rows that are behaviour only (touch, care, protection): see ``feelings``
SHOWN_ONLY: frozenset[str] = frozenset(row.id for row in BEHAVIOUR_ROWS if row.weak)
_BEHAVIOUR_BY_VERB: dict[str, tuple[BehaviourRow, ...]] = {}
for _row in BEHAVIOUR_ROWS:
    for _verb in sorted(_row.verbs):
        _BEHAVIOUR_BY_VERB[_verb] = _BEHAVIOUR_BY_VERB.get(_verb, ()) + (_row,)
ADJ_CUES: dict[str, Cue] = {
    "interested": Cue("romantic", 0.8, ("in",), needs_prep=True),
    "fond": Cue("affection", 0.7, ("of",), needs_prep=True),
    "attached": Cue("affection", 0.6, ("to",), needs_prep=True),
    "grateful": Cue("affection", 0.6, ("to", "for"), needs_prep=True),
    "thankful": Cue("affection", 0.6, ("to", "for"), needs_prep=True),
    "proud": Cue("affection", 0.4, ("of",), needs_prep=True),
    "angry": Cue("dislike", 0.4, ("at", "with"), needs_prep=True),
    "furious": Cue("dislike", 0.5, ("at", "with"), needs_prep=True),
    "jealous": Cue("dislike", 0.3, ("of",), needs_prep=True),
    "sick": Cue("dislike", 0.4, ("of",), needs_prep=True),
    # "mad about him", "sweet on the baker's boy", "half gone on you", "smitten with Ila"
    "mad": Cue("romantic", 0.8, ("about",), needs_prep=True, witnessed=True),
    "crazy": Cue("romantic", 0.8, ("about",), needs_prep=True, witnessed=True),
    "nuts": Cue("romantic", 0.7, ("about",), needs_prep=True, witnessed=True),
    "sweet": Cue("romantic", 0.8, ("on",), needs_prep=True, witnessed=True),
    "keen": Cue("romantic", 0.6, ("on",), needs_prep=True, witnessed=True),
    "gone": Cue("romantic", 0.9, ("on",), needs_prep=True, witnessed=True),  # not "gone for the doctor"
    "smitten": Cue("romantic", 0.9, ("with", "by"), needs_prep=True, witnessed=True),
    "besotted": Cue("romantic", 0.9, ("with", "by"), needs_prep=True, witnessed=True),
    "infatuated": Cue("romantic", 0.9, ("with",), needs_prep=True, witnessed=True),
    "enamoured": Cue("romantic", 0.9, ("of", "with"), needs_prep=True, witnessed=True),
    "enamored": Cue("romantic", 0.9, ("of", "with"), needs_prep=True, witnessed=True),
    # loyalty and debt as warmth: "devoted to her brother", "loyal to the captain"
    "devoted": Cue("affection", 0.8, ("to",), needs_prep=True),
    "loyal": Cue("affection", 0.6, ("to",), needs_prep=True),
    "indebted": Cue("affection", 0.5, ("to",), needs_prep=True),
    "hostile": Cue("dislike", 0.6, ("to", "towards", "toward"), needs_prep=True),
    "envious": Cue("dislike", 0.4, ("of",), needs_prep=True),
    "contemptuous": Cue("dislike", 0.7, ("of",), needs_prep=True),
}
ADJ_CUES.update({
    # "Ynes was worried about Dario", "protective of her sister", "soft on him"
    "worried": Cue("affection", 0.4, ("about", "for"), needs_prep=True, implied=True),
    "protective": Cue("affection", 0.6, ("of", "towards", "toward"), needs_prep=True),
    "soft": Cue("affection", 0.5, ("on",), needs_prep=True),
    # "she was kind to him", "gentle with her": behaviour, weak alone
    "kind": Cue("affection", 0.3, ("to", "towards", "toward"), needs_prep=True, implied=True),
    "gentle": Cue("affection", 0.3, ("with",), needs_prep=True, implied=True),
    # "wary of Dario", "suspicious of her", "annoyed with him", "disgusted by him", "cruel to her"
    "wary": Cue("dislike", 0.4, ("of",), needs_prep=True),
    "suspicious": Cue("dislike", 0.4, ("of",), needs_prep=True),
    "annoyed": Cue("dislike", 0.4, ("with", "at", "by"), needs_prep=True),
    "irritated": Cue("dislike", 0.4, ("with", "at", "by"), needs_prep=True),
    "disgusted": Cue("dislike", 0.6, ("with", "by"), needs_prep=True),
    "cruel": Cue("dislike", 0.5, ("to", "towards", "toward"), needs_prep=True, implied=True),
    "rude": Cue("dislike", 0.4, ("to", "towards", "toward"), needs_prep=True, implied=True),
    "cold": Cue("dislike", 0.4, ("to", "towards", "toward"), needs_prep=True, implied=True),
})
# "the annoying X": the scene's point-of-view character dislikes X
TRAIT_ADJ: dict[str, Cue] = {
    "annoying": Cue("dislike", 0.6), "irritating": Cue("dislike", 0.6),
    "insufferable": Cue("dislike", 0.7), "obnoxious": Cue("dislike", 0.6),
    "hateful": Cue("dislike", 0.6), "detestable": Cue("dislike", 0.8), "odious": Cue("dislike", 0.8),
    "worst": Cue("dislike", 0.7),  # "she is the worst neighbour anyone could have"
}
NOUN_CUES: dict[str, Cue] = {
    "crush": Cue("romantic", 1.0, ("on",), needs_prep=True),
    "feeling": Cue("romantic", 0.8, ("for", "towards", "toward"), needs_prep=True),
    "love": Cue("romantic", 0.8, ("for", "with"), needs_prep=True),
    "affection": Cue("affection", 0.7, ("for", "towards", "toward"), needs_prep=True),
    "tenderness": Cue("affection", 0.7, ("for", "towards", "toward"), needs_prep=True),
    "devotion": Cue("romantic", 0.6, ("to",), needs_prep=True),
    "attachment": Cue("romantic", 0.6, ("to", "for"), needs_prep=True),
    "esteem": Cue("affection", 0.5, ("for",), needs_prep=True),
    "friendship": Cue("affection", 0.6, ("for", "with"), needs_prep=True),
    "revenge": Cue("hatred", 1.0, ("on", "against"), needs_prep=True),
    "vengeance": Cue("hatred", 1.0, ("on", "against"), needs_prep=True),
    "hatred": Cue("hatred", 1.0, ("for", "of", "towards", "toward"), needs_prep=True),
    "contempt": Cue("dislike", 0.8, ("for",), needs_prep=True),
    "dislike": Cue("dislike", 0.8, ("of", "for", "to"), needs_prep=True),  # "took a dislike to him"
    "aversion": Cue("dislike", 0.6, ("to", "for", "towards", "toward"), needs_prep=True),
    "loathing": Cue("hatred", 0.9, ("for", "of", "towards", "toward"), needs_prep=True),
    "grudge": Cue("dislike", 0.8, ("against",), needs_prep=True),
    "antipathy": Cue("dislike", 0.8, ("for", "to", "towards", "toward"), needs_prep=True),
    "animosity": Cue("dislike", 0.8, ("for", "towards", "toward", "against"), needs_prep=True),
    "resentment": Cue("dislike", 0.7, ("of", "for", "towards", "toward", "against"), needs_prep=True),
    "distaste": Cue("dislike", 0.6, ("for",), needs_prep=True),
    "disdain": Cue("dislike", 0.7, ("for",), needs_prep=True),
    "scorn": Cue("dislike", 0.7, ("for",), needs_prep=True),
    "fondness": Cue("affection", 0.7, ("for",), needs_prep=True),
    "gratitude": Cue("affection", 0.5, ("to", "towards", "toward"), needs_prep=True),
    "loyalty": Cue("affection", 0.6, ("to",), needs_prep=True),
    # idioms that need their verb: "carrying a torch for Ila", "has a thing for her", "a soft spot for him"
    "torch": Cue("romantic", 0.9, ("for",), needs_prep=True, heads=("carry", "hold", "bear"), witnessed=True),
    "thing": Cue("romantic", 0.7, ("for",), needs_prep=True, heads=("have", "get"), witnessed=True),
    "spot": Cue("affection", 0.6, ("for",), needs_prep=True, heads=("have", "get")),
}
NOUN_CUES.update({
    # "her longing for Dario", "a yearning for him", "his admiration for her", "respect for Ynes"
    "longing": Cue("romantic", 0.7, ("for",), needs_prep=True),
    "yearning": Cue("romantic", 0.7, ("for",), needs_prep=True),
    "admiration": Cue("affection", 0.5, ("for",), needs_prep=True),
    "respect": Cue("affection", 0.4, ("for",), needs_prep=True),
    # "her jealousy of Dario", "his distrust of her", "open hostility towards him", "disgust for him"
    "jealousy": Cue("dislike", 0.4, ("of", "towards", "toward"), needs_prep=True),
    "envy": Cue("dislike", 0.4, ("of",), needs_prep=True),
    "distrust": Cue("dislike", 0.5, ("of", "for"), needs_prep=True),
    "suspicion": Cue("dislike", 0.4, ("of",), needs_prep=True),
    "hostility": Cue("dislike", 0.7, ("to", "towards", "toward", "for"), needs_prep=True),
    "disgust": Cue("dislike", 0.6, ("for", "at", "with"), needs_prep=True),
    "rivalry": Cue("dislike", 0.4, ("with",), needs_prep=True),
})
# Nouns that insult whoever they are predicated of: "Odo was a toad" (see lexicon.INSULT_NOUNS)
_INSULT = Cue("dislike", 0.6)
# Pledges: what one would do for someone ("I'd swim a cold river for Odo", "would die for
# you", "I'd do anything for him") is warmth.
_SACRIFICE_VERBS = frozenset(
    "die kill walk run jump go fight bleed burn lie swim crawl cross step take give do".split())
_ANYTHING = frozenset("anything everything".split())
_PLEDGE = Cue("affection", 0.7, platonic=True)
# "insufferable about the prize", "annoying over dinner": conduct over a thing, not a person's trait
_CONDUCT_PREPS = frozenset({"about", "over"})
# "hate his guts", "I always hated that smile of hers": the feeling is for the owner
_BODY_PARTS = frozenset("gut guts face mouth voice smile smirk laugh eye eyes".split())
# "never could abide the sight of Odo", "loathed the very thought of him"
_SIGHT_OF = frozenset("sight thought sound smell".split())
_RELATIVES = frozenset("who whom that which".split())
# "not trusting" someone is distrust
_DISTRUST = Cue("dislike", 0.6, negative_idiom=True)
# "I never liked Tom", "I don't like her at all": not liking said this firmly is dislike,
# where "I don't like her!" alone is the familiar denial of a crush
_NOT_LIKING = Cue("dislike", 0.7, negative_idiom=True)
_NOT_AT_ALL = re.compile(r"^[^.?!;]{0,30}?\b(?:at all|one bit|in the least|(?<!as )(?:very )?much)\b",
                         re.IGNORECASE)
_THAT_WAY = re.compile(r"^[^.?!;]{0,30}?\b(?:that way|like that|in that way)\b", re.IGNORECASE)
# faults found in the same breath: "I don't like him. He's a liar."
_CRITICISM = re.compile(
    r"\b(?:arrogant|rude|selfish|cruel|conceited|vain|smug|sly|liar|cheat|coward|snob|boor|bore|"
    r"creep|brute|insolent|spiteful|nasty|pompous|annoying|irritating|insufferable|"
    r"obnoxious|hateful|too fond of|" + "|".join(sorted(INSULT_NOUNS)) + r")\b", re.IGNORECASE)
# talk of a crush around a denial: "You like him!" "I do not like him one bit!" is still a crush
_ROMANCE_TALK = re.compile(
    r"\b(?:crush\w*|in love|boyfriend|girlfriend|sweetheart|fancy|fancies|kiss\w*|blush\w*|"
    r"dating|like-like|admit it)\b", re.IGNORECASE)
# "came to like him", "I have grown to like you": a regard arrived at, not a crush
_TURN_VERBS = frozenset({"come", "grow", "learn"})
_REGARD = Cue("affection", 0.6, platonic=True)
_TURNED = re.compile(r"\b(?:come|came|comes|coming|grow|grown|grew|grows|growing|learn\w*) to like$",
                     re.IGNORECASE)
# "Ann was all the family I had", "like a brother to me", "the sister I never had"
_KIN = FAMILY_RELATIONS | FRIEND_RELATIONS | {"family"}
# the kin a cherished one is likened to or called ("he is like a son to me", "you're my brother")
_CLOSE_KIN = frozenset({"daughter", "son", "sister", "brother"})
_NEAREST = frozenset({"close", "near"})
# a miss of aim, not of a person: "swung and missed him by an inch"; and how a person is missed
_MISSED_BADLY = frozenset({"much", "so", "terribly", "dreadfully", "exceedingly", "badly", "sorely",
                           "already"})
_MISSED_AIM = re.compile(
    r"\b(?:shot|shots|aim\w*|arrows?|bullets?|blades?|blows?|punch\w*|swing|swung|swip\w*|"
    r"kick\w*|thr[eo]w\w*|strikes?|struck|narrowly|barely)\b", re.IGNORECASE)
# touch that shows warmth: "squeezed my hand", "slipped her arm through his", "linked arms with"
_HAND_VERBS = frozenset({"squeeze", "clasp", "press"})
_ARM_VERBS = frozenset({"put", "slip", "link", "thread", "tuck", "draw", "pass"})
_ARM_PREPS = ("through", "in", "into", "under", "with")
_TOUCH = Cue("affection", 0.3, implied=True)
# what a relational noun in narration makes of each mention in the talk around it
_OTHER_VOICE = 0.5
_PAST_ADVERBS = frozenset("before once formerly previously".split())
_ENDED = frozenset("anymore longer".split())
_LONG_AGO = re.compile(r"\b(?:years|months|weeks|long|ages) ago\b|\blong past\b|\bin the past\b|"
                       r"\bback then\b|\bas a (?:child|boy|girl|kid|teenager)\b", re.IGNORECASE)
_HYPOTHETICAL = frozenset("make let want wish hope try pretend seem expect fear imagine".split())
_STOP_VERBS = frozenset({"stop", "cease", "quit"})
_HEDGES = frozenset("might may could maybe perhaps probably possibly".split())
_NEGATORS = frozenset("not n't never no".split())
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_CLIMB = ("xcomp", "conj", "acomp", "attr", "dobj", "pobj", "prep", "aux", "relcl", "advcl", "pcomp")
_HIDDEN_CRUSH = re.compile(
    r"\b(?:know|guess|tell)\b[^.?!]*\bwho\b[^.?!]*\bI\s+(?:like|love|fancy|have a crush on)\b", re.IGNORECASE)
# Terms of endearment said to someone: "for what purpose, love?", "my darling", "dear
# heart".  A pet name shows the feeling without naming it, so it is implied evidence,
# weak alone (shopkeepers say "love" too) and strong when it recurs.
_ROMANTIC_ENDEARMENT = re.compile(
    r"(?:^|[,;:!?.—–-]\s*|\b(?:o|oh|my|sweet|dear)\s+)"
    r"(?P<cue>my\s+(?:love|darling|sweet|heart|beloved|dearest\s+love)|darling|sweetheart|beloved|"
    r"dear\s+heart|sweet\s+love|babe|love)(?=\s*[,.!?;:—–-]|\s*$)",
    re.IGNORECASE)
# Alone, one pet name stays under the short-text threshold (0.35 x the romance preference 1.3 <
# 0.5): "What's your name, sweetheart?" to a stranger, "Oh, love." from a landlady; said again, it
# passes.
_ENDEARMENT_WEIGHT = 0.35
_CASUAL_LOVE = frozenset({"love", "loves", "loved", "loving", "like", "likes", "liked"})
# "in love", and the school-yard "like like" ("what if i like like you"): romance said plainly
_IN_LOVE = re.compile(r"\bin love\b|\blike[ -]like\b", re.IGNORECASE)
_TEXTSPEAK_LOVE = re.compile(r"\b(?:ily|ilysm|ilu|ly2|love (?:u|ya)|luv (?:u|ya)|lov u)\b", re.IGNORECASE)
# a confession that needs no feeling word, said to the one it is about: "It's always been you."
_ALWAYS_YOU = re.compile(
    r"\bit(?:'s|’s|\s+has|\s+had|\s+was|\s+is)\s+(?:(?:always|only)\s+(?:been\s+)?|been\s+)you\b"
    r"(?:\s+all\s+along)?(?=\s*(?:[,.!;…—–-]|$))", re.IGNORECASE)
# "it was always you who ...", "it's been you and me": a fact about someone, not a confession
_NOT_CONFESSION = re.compile(r"[,\s]*(?:\w+[,\s]+)?(?:who|that|and)\b", re.IGNORECASE)
# "free on friday? just the two of us": an evening for two asked for; "milk, no sugar -
# yes, I noticed": knowing someone's small ways unasked.  Both are courtship, implied.
_JUST_US = re.compile(r"\bjust (?:us|the two of us|you and me|you and I)\b", re.IGNORECASE)
_KNOWN_WAYS = re.compile(r"\bdon'?t ask how I know\b|\bhow you take (?:it|your (?:coffee|tea))\b",
                         re.IGNORECASE)
# "any excuse to see her", "he rode ten miles on the thinnest excuse to visit Ann":
# seeking pretexts to be near someone is courtship
_PRETEXT = re.compile(r"\bexcuses? to (?:see|visit|give|bring|send|talk to|speak to|call on|be near|"
                      r"sit (?:by|with|near)|dance with|walk with)\b", re.IGNORECASE)
# Sending someone away (issue 15, the lowest stories): "Go away, Dario.", "Now get off my
# porch.", "Get out of my kitchen, Odo." said to someone is a coldness shown: at 0.5 one such
# command makes a dislike in a short story (measured: at 0.4 it moved no story; at 0.5 three up,
# one down, on a quote given to the wrong speaker), and needs company in a novel.  Only a
# command that opens a sentence of the quote counts: "she told Dario to get lost" reports one,
# "come in or go away" offers a choice.  Rows: (id, pattern, invented example).
DISMISSALS: tuple[tuple[str, str, str], ...] = (
    ("dismiss:go-away", r"go away|go home and stay there|get lost|clear off|shove off|push off|bugger off|"
                        r"sod off|piss off|buzz off|leave me alone|get away from me|stay away from me",
     '"Go away, Dario," said Ynes.'),
    ("dismiss:get-out", r"get out(?: of (?:my|our) \w+)?|get off (?:my|our) \w+",
     '"Now get off my porch, Odo."'),
)


def _opening_cue(rows: tuple[tuple[str, str, str], ...], openers: str, end: str = "") -> re.Pattern[str]:
    """A cue of ``rows`` (id, pattern, example) that opens a sentence of a quote, or follows a dash,
    after any of the ``openers`` ("Now get off my porch", "Oh, honestly, it's a little sad")."""
    return re.compile(r"(?:^|[.!?…]\s+|[—–]\s*)\W*" + openers
                      + r"(?P<cue>" + "|".join(pattern for _id, pattern, _example in rows) + ")" + end, re.IGNORECASE)


_DISMISSAL = _opening_cue(DISMISSALS, r"(?:(?:now|just|please|oh|so),?\s+)?", r"\b")
_DISMISSAL_WEIGHT = 0.5
# Put-downs (issue 17): contempt said to someone's face, the sneer of a rival or a bully that names
# no feeling: "Honestly, it's a little sad.", "You're pathetic, Dario.", "Nobody asked you."  The
# one spoken to is the target.  Only a remark that stands as a sentence of its own counts (the
# adjective ends it, or an "honestly" or a name called after it): "it's sad that the mill closed"
# pities the mill.  "sad" needs a belittling hedge ("a little", "kind of"): a bare "It's so sad."
# is sympathy.  Measured (on f252d29): the rows fire once in the 39 fics and the novels, a rival's
# sneer at the reader of a reader-insert: reader_cafe L .74 -> .84, S .63 -> .74, no story down;
# fics 0.744 / 0.637 -> 0.746 / 0.640.  Rows: (id, pattern, invented example).
PUT_DOWNS: tuple[tuple[str, str, str], ...] = (
    ("putdown:pity",
     r"(?:it|that|this|you|which)\s*(?:'s|’s|'re|’re|\s+is|\s+are)\s+(?:(?:honestly|frankly|really|just|actually|"
     r"almost|so|pretty|kind of|kinda|sort of|a little|a bit|a tiny bit)\s+)*?"
     r"(?:(?:a little|a bit|kind of|kinda|sort of|honestly|frankly)\s+sad|pathetic|pitiful)"
     r"(?=\s*(?:,\s*(?:honestly|frankly|really|tbh|though|you know|isn't it|aren't you|(?-i:[A-Z])[\w'’-]*)\s*){0,2}"
     r"(?:[.!?…]|,?\s*$))",
     '"It\'s a little sad, honestly," Ynes told Dario.'),
    ("putdown:nobody-asked", r"(?:nobody|no one|no-one) (?:asked|cares about) (?:you|your opinion)|who asked you",
     '"Nobody asked you, Dario," said Ynes.'),
)
_PUT_DOWN = _opening_cue(PUT_DOWNS, r"(?:(?:oh|well|honestly|frankly|god|look|and|but|so),?\s+)*")
_PUT_DOWN_WEIGHT = 0.5
# Hostility in idiom (issue 16): fixed phrases that name a dislike without a feeling word.  Each
# row: (id, pattern, kind, weight, invented example); the one after the idiom (``tgt``) is its
# target, the subject of the idiom's verb its experiencer.  Denied ("hasn't got it in for you")
# or asked, it is no evidence.
HOSTILE_IDIOMS: tuple[tuple[str, str, str, float, str], ...] = (
    ("idiom:it-in-for",
     r"\b(?:has|have|had|having|'s|’s|'d|’d)\s+(?:(?:always|really|clearly|obviously|just|had|got|been)\s+){0,2}"
     r"it\s+in\s+for\s+(?P<tgt>[\w'’-]+)",
     "dislike", 0.7, "Ever since the spring fair Odo's had it in for Dario."),
    ("idiom:took-against", r"\b(?:take|takes|took|taken|taking)\s+against\s+(?P<tgt>[\w'’-]+)",
     "dislike", 0.7, "Ynes took against Dario the moment he opened his mouth."),
    ("idiom:down-her-nose",
     r"\b(?:look|looks|looked|looking|peer|peers|peered|peering)\s+down\s+(?:his|her|their|my|your)\s+"
     r"(?:\w+\s+)?nose\s+at\s+(?P<tgt>[\w'’-]+)",
     "dislike", 0.5, "Ynes looked down her long nose at Dario."),
    # contempt that outlives its target (issue 15): "I'll dance on Odo's grave", "he spat on his
    # father's grave"; the grave's owner is the target ("your dad's grave": the dad)
    ("idiom:on-his-grave",
     r"\b(?:spit|spits|spat|spitting|dance|dances|danced|dancing|piss|pisses|pissed|pissing)\s+"
     r"(?:\w+\s+)?on\s+(?:(?:my|your|his|her|their|our)\s+(?=[\w'’-]+['’]s\b))?(?P<tgt>[\w'’-]+?)"
     r"(?:\s+[\w'’-]+?)?(?:['’]s)?\s+(?:grave|tomb|headstone)\b",
     "hatred", 0.8, "Ynes swore she would dance on Odo's grave."),
    # charity that takes effort (issue 15): "Ynes tries to be civil with Odo", "she has tried so hard to
    # like him", "I did try to see the good in Dario".  One tries to like only someone one does not;
    # the subject of "try" is the one who dislikes, the one to be liked the target.  Measured: fires
    # twice in the 39 fics, both on gold hostile pairs (one already found), never in the novels;
    # shipped fics 0.744 / 0.637 -> 0.746 / 0.640, village_mystery .43 -> .53, none down
    ("idiom:tried-to-like",
     r"\b(?:try|tries|tried|trying)\s+(?:(?:very|so|really|awfully|terribly|ever\s+so)\s+)?(?:hard\s+)?"
     r"to\s+(?:like|be\s+(?:fair|civil|kind|charitable|polite|nice)\s+(?:to|about|with)|think\s+well\s+of|"
     r"get\s+(?:on|along)\s+with|warm\s+to|(?:find|see)\s+(?:the|some|any)\s+good\s+in)\s+(?P<tgt>[\w'’-]+)",
     "dislike", 0.5, "Ynes had tried very hard to be civil to Odo, and given it up by June."),
)
_HOSTILE_IDIOM = [(row_id, re.compile(pattern, re.IGNORECASE), kind, weight)
                  for row_id, pattern, kind, weight, _example in HOSTILE_IDIOMS]
# Words every match of a row holds (by row id; a row not named here is read in every sentence): a
# sentence without one is not searched (a novel's 6,000 sentences x 5 rows cost 0.2 s CPU to search)
_HOSTILE_IDIOM_WORDS = {
    "idiom:it-in-for": re.compile(r"it\s+in\s+for", re.IGNORECASE),
    "idiom:took-against": re.compile(r"against", re.IGNORECASE),
    "idiom:down-her-nose": re.compile(r"nose\s+at", re.IGNORECASE),
    "idiom:on-his-grave": re.compile(r"grave|tomb|headstone", re.IGNORECASE),
    "idiom:tried-to-like": re.compile(r"(?:try|tries|tried|trying)\s", re.IGNORECASE),
}
_CARE_FOR_HAPPINESS = re.compile(r"\b(?:deserves?|want\w*)\b[^.?!]{0,20}\b(?:be happy|happiness)\b",
                                 re.IGNORECASE)


class _Reader:
    """The parse of one document with token -> character links, and helpers over it."""

    def __init__(self, document: Document, mentions: Mentions, links: dict[int, str],
                 quotes: tuple[Quote, ...], cast: Cast, genders: dict[str, str] | None = None):
        self.doc = document
        self.genders = {c.id: c.gender for c in cast.characters}
        self.genders.update({k: v for k, v in (genders or {}).items() if v != "unknown"})
        self.tokens = document.tokens
        self.children = document.children
        starts = document.token_starts
        self.token_starts = starts
        self.who: dict[int, str] = {}
        for m in mentions.items:
            cid = links.get(m.index)
            if cid is None:
                continue
            i = bisect.bisect_left(starts, m.start)
            while i < len(self.tokens) and self.tokens[i].start < m.end:
                self.who.setdefault(i, cid)
                i += 1
        self.quotes = quotes
        self.quote_starts = [q.start for q in quotes]

    def token_at(self, offset: int) -> Token | None:
        i = bisect.bisect_right(self.token_starts, offset) - 1
        return self.tokens[i] if i >= 0 else None

    def quote_at(self, offset: int) -> Quote | None:
        i = bisect.bisect_right(self.quote_starts, offset) - 1
        if i >= 0 and self.quotes[i].start <= offset < self.quotes[i].end:
            return self.quotes[i]
        return None

    def kids(self, tok: Token, *deps: str) -> list[Token]:
        return [self.tokens[i] for i in self.children[tok.index] if not deps or self.tokens[i].dep in deps]

    def person(self, tok: Token | None) -> str | None:
        """The character a token stands for, following appositions ("the boy ...: Name")."""
        if tok is None:
            return None
        if tok.index in self.who:
            return self.who[tok.index]
        for k in self.kids(tok, "appos", "compound", "poss"):
            if k.dep != "poss" and k.index in self.who:
                return self.who[k.index]
        # "the lad she had her eye on: Tom Reed"
        sent = self.doc.sentences[tok.sentence]
        j = tok.index + 1
        while j < sent.last_token and j < tok.index + 10:
            if self.tokens[j].text == ":" and j + 1 < sent.last_token and j + 1 in self.who:
                return self.who[j + 1]
            j += 1
        return None

    def possessive_owner(self, tok: Token) -> str | None:
        """Whom "mine" or "yours" stands for ("linked his arm with mine"): no mention marks them,
        so the speaker or addressee of the quote, or the narrator's "I" nearby."""
        quote = self.quote_at(tok.start)
        if tok.text.lower() == "yours":
            return quote.addressee if quote is not None else None
        if quote is not None:
            return quote.speaker
        return self.narrating_i(tok)

    def narrating_i(self, tok: Token, paragraph: int | None = None) -> str | None:
        """The person of the nearest "I" or "me" of the narration before ``tok`` (200 tokens back at
        most; with ``paragraph``, none before that paragraph): a first-person narrator, a diarist."""
        for j in range(tok.index - 1, max(-1, tok.index - 200), -1):
            t = self.tokens[j]
            if paragraph is not None and self.doc.sentences[t.sentence].paragraph != paragraph:
                break
            if t.text.lower() in FIRST_PERSON and j in self.who and self.quote_at(t.start) is None:
                return self.who[j]
        return None

    def conjuncts(self, tok: Token | None) -> list[Token | None]:
        """A token and the tokens coordinated with it ("Mia and Ann")."""
        if tok is None:
            return [None]
        out: list[Token | None] = [tok]
        todo = [tok]
        while todo:
            for k in self.kids(todo.pop(), "conj"):
                out.append(k)
                todo.append(k)
        return out

    def subject(self, tok: Token) -> Token | None:
        t = tok
        for _ in range(5):
            subs = self.kids(t, *_SUBJECT_DEPS)
            if subs:
                # two subjects is a misparse ("Ann kissed Mia, and Ida kissed Rob" with "Mia" and
                # "Ida" both on the second verb): the one nearest before the verb is its own
                before = [s for s in subs if s.index < t.index]
                return before[-1] if before else subs[0]
            if t.dep not in _CLIMB or t.head == t.index:
                return None
            t = self.tokens[t.head]
        return None

    def prep_object(self, tok: Token, preps: tuple[str, ...]) -> Token | None:
        # the parser sometimes calls a "for" or "to" with its object a "dative" ("would die for her")
        for p in self.kids(tok, "prep", "prt", "dative"):
            if p.lemma in preps:
                objs = self.kids(p, "pobj")
                if objs:
                    return objs[0]
                if tok.dep == "relcl":  # "the man Ann was interested in"
                    return self.tokens[tok.head]
                if self.tokens[tok.head].dep == "relcl":
                    return self.tokens[self.tokens[tok.head].head]
        return None

    def negated(self, tok: Token) -> bool:
        for t in (tok, self.tokens[tok.head]) if tok.dep in ("xcomp", "acomp", "attr") else (tok,):
            for k in self.kids(t):
                if k.dep == "neg" or k.lemma in ("never",):
                    return True
        sent = self.doc.sentences[tok.sentence]
        for j in range(max(sent.first_token, tok.index - 4), tok.index):
            if self.tokens[j].lemma == "without":
                return True
        return False

    def modifiers(self, tok: Token) -> set[str]:
        words = {k.lemma for k in self.kids(tok)}
        if tok.dep in ("xcomp", "acomp", "attr"):
            words |= {k.lemma for k in self.kids(self.tokens[tok.head])}
        return words


def _conditional(reader: _Reader, tok: Token) -> bool:
    """An if-clause, "were to", or would/could/should: a feeling supposed, not had."""
    verb = reader.tokens[tok.head] if tok.dep in ("xcomp", "pcomp") else tok
    for t in (tok, verb):
        if any(k.dep == "mark" and k.lemma in ("if", "unless") for k in reader.kids(t)):
            return True
        if any(k.lemma in ("would", "could", "should") for k in reader.kids(t, "aux")) \
                and tok.lemma in ("marry", "love", "hate", "like"):
            return True
    return verb.lemma == "be" and tok.dep == "xcomp"  # "were to marry"


def _is_question(document: Document, tok: Token, quote: Quote | None) -> bool:
    sent = document.sentences[tok.sentence]
    text = document.story.text[sent.start:sent.end].rstrip(" \"'”’")
    if quote is not None:
        tail = document.story.text[tok.end:min(quote.end, sent.end + 1)]
        cut = re.search(r"[.!?]", tail)
        return bool(cut and cut.group() == "?")
    return text.endswith("?")


def _focal_characters(document: Document, mentions: Mentions, links: dict[int, str]) -> dict[int, Counter]:
    focal: dict[int, Counter] = defaultdict(Counter)
    for m in mentions.items:
        if m.quote is None and m.index in links and m.kind in ("name", "pronoun"):
            focal[document.sentences[m.sentence].scene][links[m.index]] += 1
    return focal


@stage("evidence", needs=("document", "mentions", "cast", "links", "speakers"), produces="evidence")
def find_evidence(document: Document, mentions: Mentions, cast: Cast, links: Coreference,
                  speakers: tuple[Quote, ...]) -> tuple[Evidence, ...]:
    """Every feeling cue with its experiencer and target resolved to characters."""
    reader = _Reader(document, mentions, dict(links.links), speakers, cast, dict(links.genders))
    focal = _focal_characters(document, mentions, dict(links.links))
    first = _cue_evidence(reader, focal)
    # a regard said as "I like you" pairs no one: else it would make the pair's pledges romance
    romance = _romances(_plain_liking(reader, first))
    relational = list(_resolve_relational(reader, mentions, dict(links.links), romance))
    for m, _owner, referent, basis in relational:
        if basis == "guess" and m.head not in FAMILY_RELATIONS:
            continue  # a guessed friend or lover would carry the guess into every cue
        head = reader.token_at(m.end - 1)
        if head is not None:
            reader.who.setdefault(head.index, referent)  # "loved her sister" now has a target
    found = _cue_evidence(reader, focal, romance) if relational or romance else first
    found.extend(_quote_cues(reader, speakers))
    found.extend(_pretexts(reader))
    found.extend(_relational_evidence(reader, relational))
    found.extend(_rekindling(reader, speakers))
    found.extend(_hearts(reader, speakers))
    found.extend(_ill_wishes(reader))
    found.extend(_hostile_idioms(reader))
    found.extend(_refusals(reader))
    found.extend(_both_ways(reader))
    found.extend(_sent_love(reader))
    found.extend(_praised(reader))
    found = _casual_love(reader, found)
    found = _plain_liking(reader, found)
    found = _boasted_love(reader, found)
    found = _family_love(found, _kin_pairs(reader, relational) | _best_friends(relational))
    found = _ended_by_a_turn(found)
    found = _unmasked(found)
    found = _refuted_rumours(reader, found)
    found = _platonic_love(reader, found, speakers)
    found = _mock_sweetness(reader, found)
    found.sort(key=lambda e: (e.start, e.experiencer, e.target))
    return tuple(found)


# "my little brother", "your mum", "my big sis": kin a speaker names
_KIN_WORDS = {"brother": "male", "bro": "male", "sister": "female", "sis": "female", "mum": "female",
              "mom": "female", "mother": "female", "mama": "female", "dad": "male", "father": "male",
              "papa": "male", "son": "male", "daughter": "female", "twin": "", "sibling": "",
              "grandma": "female", "gran": "female", "grandpa": "male", "grandmother": "female",
              "grandfather": "male", "cousin": "", "aunt": "female", "uncle": "male"}
_KIN_PHRASE = re.compile(r"\b(?P<owner>my|your)\s+(?:(?:little|big|baby|kid|older|younger|elder|twin|"
                         r"half|step|dear|darling|stupid|idiot)[\s-]+)?(?P<kin>" + "|".join(_KIN_WORDS) + r")\b",
                         re.IGNORECASE)
# a child's address to a parent or grandparent: "Night, Mum.", "I love you, Father."  ("Son" is
# left out: elders call any young man so.)
_KIN_VOCATIVE = re.compile(r"(?:^|[,.!?]\s*)(?P<kin>mum|mom|mama|mamma|mummy|mommy|mother|dad|daddy|papa|"
                           r"father|sis|bro|brother|sister|grandma|gran|granny|nana|grandpa|grandmother|"
                           r"grandfather)\s*(?:[,.!?…]|$)", re.IGNORECASE)


def _kin_pairs(reader: _Reader, relational) -> set[frozenset[str]]:
    """Pairs the text says are family, wherever it says so: "his sister" resolved to a
    person, a speaker's "my little brother" and the one the same talk then calls him, a
    child's "Night, Mum" to the one spoken to."""
    pairs: set[frozenset[str]] = set()
    for m, owner, referent, basis in relational:
        # in talk, "your father" is as often someone absent: only the narration's word counts
        if m.head in FAMILY_RELATIONS and basis != "guess" and owner != referent and m.quote is None:
            pairs.add(frozenset((owner, referent)))
    text = reader.doc.story.text
    for i, q in enumerate(reader.quotes):
        if not q.speaker or q.kind == "letter":
            continue
        body = text[q.start:q.end]
        if q.addressee and q.addressee != q.speaker and _KIN_VOCATIVE.search(body):
            pairs.add(frozenset((q.speaker, q.addressee)))
        for k in _KIN_PHRASE.finditer(body):
            if k.group("owner").lower() == "your":
                continue
            at = q.start + k.start()
            before, after = body[:k.start()].rstrip(), body[k.end():].lstrip()
            nxt = reader.quotes[i + 1] if i + 1 < len(reader.quotes) else None
            goes_on = after == "," and nxt is not None and nxt.speaker == q.speaker \
                and text[nxt.start:nxt.start + 1].islower()  # '"My brother," she said, "is late."'
            if (before == "" or before.endswith(",")) and (after == "" or after[0] in ",.!?…") and not goes_on:
                if q.addressee and q.addressee != q.speaker:
                    pairs.add(frozenset((q.speaker, q.addressee)))  # "Come here, my little brother."
                continue
            # "My little brother is late again. I adore him.": the one the talk then calls him/her
            gender = _KIN_WORDS[k.group("kin").lower()]
            if not gender or not (before == "" or before[-1] in ".!?…"):
                continue  # only "My brother ..." opening a sentence, with a pronoun to follow
            talked = _talked_of_after(reader, q, at, gender)
            if talked and talked != q.speaker:
                pairs.add(frozenset((q.speaker, talked)))
    return pairs


def _talked_of_after(reader: _Reader, q: Quote, at: int, gender: str) -> str | None:
    """The person the first third-person pronoun after ``at`` stands for, in the speaker's
    quotes of the same paragraph or the next."""
    # the quotes from ``q`` on, found by bisection (they are in text order): scanning all of a novel's
    # quotes for each kin phrase cost 0.16 s CPU
    quotes = reader.quotes
    for k in range(bisect.bisect_left(reader.quote_starts, q.start), len(quotes)):
        other = quotes[k]
        if other.start > q.end + 80:
            break
        if other.speaker != q.speaker:
            continue
        for i in range(bisect.bisect_left(reader.token_starts, max(at, other.start)), len(reader.tokens)):
            tok = reader.tokens[i]  # (by index: a slice copied the rest of a novel's tokens for each quote)
            if tok.start >= other.end or tok.start > at + 120:
                break
            low = tok.text.lower()
            if low in ("him", "he", "his", "her", "she", "them", "they") and tok.index in reader.who:
                if not gender or (gender == "male") == (low in ("him", "he", "his")):
                    return reader.who[tok.index]
    return None


def _best_friends(relational) -> set[frozenset[str]]:
    """(shapes) Pairs the narration calls best friends ("Zuleika had been his best friend since
    school"): their love is a friend's, as a family's is (``_family_love``), unless the pair
    courts in the text (a kiss, a crush, "in love")."""
    return {frozenset((owner, referent)) for m, owner, referent, basis in relational
            if m.head in FRIEND_RELATIONS and m.quote is None and basis != "guess" and owner != referent
            and re.search(r"\bbest\b|bestfriend|best-friend", m.text, re.IGNORECASE)}


def _family_love(found: list[Evidence], kin: set[frozenset[str]]) -> list[Evidence]:
    """Love between siblings, parents and children is family love: affection, not romance,
    unless the text says it is romance ("in love with")."""
    if not kin:
        return found
    # a pair courting or married in the text is no family, whatever a kin word said of them: in a
    # novel "his sister" is also the sister-in-law, and a kin word can resolve to the wrong person
    courting = {frozenset((e.experiencer, e.target)) for e in found if e.kind == "romantic" and not e.negated
                and (e.cue.lower().split()[-1] in _COURTSHIP_CUES or _IN_LOVE.search(e.text))}
    return [replace(e, kind="affection") if e.kind == "romantic" and frozenset((e.experiencer, e.target)) in kin
            and frozenset((e.experiencer, e.target)) not in courting and not _IN_LOVE.search(e.text) else e
            for e in found]


# cues that only a courtship or a marriage gives ("his wife", "engaged to her", "kissed him", "a crush
# on her": nobody has a crush on their mother, so a kin word resolved to a crush is resolved wrong)
_COURTSHIP_CUES = frozenset("""wife husband spouse marry married marrying marries marriage engaged engagement
    fiance fiancé fiancee fiancée bride groom kiss kissed kissing kisses lover boyfriend girlfriend
    courting courtship crush""".split())


def _casual_love(reader: _Reader, found: list[Evidence]) -> list[Evidence]:
    """In a chat line "I love ann" is how friends talk; it is romance only where the same
    pair has a romance cue of its own ("in love with", "crush", "kiss", "boyfriend"); so is
    "you love me" said back.  What others say of a third person ("she likes you") is gossip
    about romance, and stays romance."""
    romance = {(e.experiencer, e.target) for e in found
               if e.kind == "romantic" and not e.negated and e.cue.lower() not in _CASUAL_LOVE}
    out = []
    text = reader.doc.story.text
    for e in found:
        at = text.find(e.cue, e.start, e.end)  # the sentence may open before the message does
        quote = reader.quote_at(at if at != -1 else e.start)
        own = quote is not None and (e.how == "stated" or e.target == quote.speaker)  # "I love X", "you love me"
        if (e.kind == "romantic" and own and e.cue.lower() in _CASUAL_LOVE and quote is not None
                and is_chat_line(reader.doc.story.text, quote.start, quote.kind)
                and (e.experiencer, e.target) not in romance
                and not _IN_LOVE.search(reader.doc.story.text[e.start:e.end])):
            e = replace(e, kind="affection")
        out.append(e)
    return out


# "I like that baker's boy", "Odo? I do like him", "I find I like you, Ynes": liking said in one's own voice is
# a regard as often as a crush (issue 17).  It stays romance where the two court in the text (a
# romance cue of their own either way that is no casual "love"/"like"), where a crush is talked of
# around it (``_ROMANCE_TALK``), or where one of these rows says how it is meant.  Rows: (id,
# pattern on the sentence after the cue, invented example, note).  Measured on 58da024: shipped fics
# strict 0.635 -> 0.643 (two stories up, none down; lenient 0.745 and novels unchanged); without
# "like:since" a rival's long-kept crush read as regard (one story down).
LIKING_ROMANCE_ROWS: tuple[tuple[str, re.Pattern[str], str, str], ...] = (
    ("like:that-way", _THAT_WAY, '"I like Dario that way, Odo."', "liking someone in a way named"),
    ("like:like-like", re.compile(r"^\W*like\b", re.IGNORECASE), '"I like like him, Ynes."',
     "the school-yard doubled like"),
    ("like:since", re.compile(r"^[^.?!;]{0,20}?\bsince\b", re.IGNORECASE),
     '"I\'ve liked him since the spring fair."', "a liking held for years is a crush kept"),
    ("like:more-than", re.compile(r"^[^.?!;]{0,30}?\bmore than (?:a |just )?(?:friends?|that)\b", re.IGNORECASE),
     '"I like you more than a friend should."', "beyond friendship"),
)


def _plain_liking(reader: _Reader, found: list[Evidence]) -> list[Evidence]:
    """ "I like that baker's boy", said by the one who likes: a regard (affection), unless the two court
    in the text, a crush is talked of around it, or a ``LIKING_ROMANCE_ROWS`` row says so.
    What others say ("she likes you") stays romance: gossip is about crushes."""
    courting = _courting(found, _CASUAL_LOVE)
    # a crush denied before ("I don't like Mia!" read as a denial, not a firm dislike): the
    # liking confessed after it is that crush owned
    courting |= {frozenset((e.experiencer, e.target)) for e in found if e.kind == "romantic" and e.how == "denied"}
    text = reader.doc.story.text
    out = []
    for e in found:
        if (e.kind == "romantic" and e.how == "stated" and e.speaker == e.experiencer
                and e.cue.lower() in _LIKES and frozenset((e.experiencer, e.target)) not in courting):
            tok = _cue_token(reader, e)
            if tok is not None and not _romance_talk_near(reader, tok) and not any(
                    pattern.search(text[tok.end:reader.doc.sentences[tok.sentence].end])
                    for _id, pattern, _example, _note in LIKING_ROMANCE_ROWS):
                e = replace(e, kind="affection")
        out.append(e)
    return out


_LIKES = frozenset({"like", "likes", "liked", "liking"})
# Measured and dropped (issue 17): narrated liking ("Ynes liked him at once") read the same way:
# shipped fics 0.745 / 0.643 unchanged, no story moved.

# "Ynes adores me, obviously", "Go on, you love me": love claimed by the one it is for, of themselves, is a boast or
# a tease between friends; romance only where the two court in the text or a crush is talked of.
_BOAST_CUES = _CASUAL_LOVE | frozenset({"adore", "adores", "adored"})


def _boasted_love(reader: _Reader, found: list[Evidence]) -> list[Evidence]:
    """ "Ynes adores me," said by the one adored: affection, unless the two court in the text or
    a crush is talked of around it."""
    courting = _courting(found, _BOAST_CUES)
    out = []
    for e in found:
        if (e.kind == "romantic" and e.how == "claimed" and e.speaker is not None and e.speaker == e.target
                and e.cue.lower() in _BOAST_CUES and frozenset((e.experiencer, e.target)) not in courting):
            tok = _cue_token(reader, e)
            if tok is not None and not _romance_talk_near(reader, tok):
                e = replace(e, kind="affection")
        out.append(e)
    return out


def _courting(found: list[Evidence], casual: frozenset[str]) -> set[frozenset[str]]:
    """Pairs with a current romance cue of their own either way, none of the ``casual`` cues."""
    return {frozenset((e.experiencer, e.target)) for e in found
            if e.kind == "romantic" and not (e.negated or e.past or e.refuted)
            and e.cue.lower() not in casual and e.weight >= 0.5}


def _cue_token(reader: _Reader, e: Evidence) -> Token | None:
    """The token an evidence's cue word starts at (its unit may open before the quote does)."""
    at = reader.doc.story.text.find(e.cue, e.start, e.end)
    return reader.token_at(at) if at != -1 else None


def _romance_talk_near(reader: _Reader, tok: Token) -> bool:
    """Talk of a crush (``_ROMANCE_TALK``) in the quote around ``tok`` or the three sentences
    of its scene before it."""
    doc, text = reader.doc, reader.doc.story.text
    sent = doc.sentences[tok.sentence]
    quote = reader.quote_at(tok.start)
    first = doc.sentences[max(0, tok.sentence - 3)]
    while first.scene != sent.scene:
        first = doc.sentences[first.index + 1]
    around = text[min(first.start, quote.start if quote is not None else sent.start):
                  max(sent.end, quote.end if quote is not None else sent.end)]
    return bool(_ROMANCE_TALK.search(around))


# "In love with me? Nonsense.", "Me, in love with him?": the rumour repeated back in disbelief
_SCOFF = re.compile(r"(?:^|[.!?]\s+)\W*(?P<me>me\W+)?in love with (?P<obj>me|him|her)\s*[!?]", re.IGNORECASE)


def _refuted_rumours(reader: _Reader, found: list[Evidence]) -> list[Evidence]:
    """A claim that X loves Y, scoffed at later by Y ("In love with me? Nonsense.") or X
    ("Me, in love with her?"), was a rumour: the claims before the scoff are marked refuted.
    So is hearsay ("people say Ann is sweet on Rex") that its owner denies."""
    denials = {(e.experiencer, e.target, polarity(e.kind)) for e in found if e.how == "denied" and not e.question}
    found = [replace(e, refuted=True) if e.how == "claimed" and not e.refuted and _hearsay(e.text, 0, len(e.text))
             and (e.experiencer, e.target, polarity(e.kind)) in denials else e for e in found]
    text = reader.doc.story.text
    scoffs: list[tuple[int, str | None, str | None]] = []  # (offset, experiencer refuted, target refuted)
    for q in reader.quotes:
        if not q.speaker:
            continue
        for m in _SCOFF.finditer(text[q.start:q.end]):
            if m.group("obj").lower() == "me":
                scoffs.append((q.start + m.start(), None, q.speaker))
            elif m.group("me"):
                scoffs.append((q.start + m.start(), q.speaker, None))
    if not scoffs:
        return found
    return [replace(e, refuted=True) if e.how == "claimed" and e.kind == "romantic" and any(
        e.start < at and exp in (None, e.experiencer) and tgt in (None, e.target) for at, exp, tgt in scoffs)
        else e for e in found]


def _ended_by_a_turn(found: list[Evidence]) -> list[Evidence]:
    """ "I used to loathe you ... I've come to like you, rather": a warmth arrived at
    says the hostility shown before it is over, so that hostility is past."""
    turns = [(e.experiencer, e.target, e.start) for e in found if _TURNED.search(e.cue)]
    if not turns:
        return found
    return [replace(e, past=True) if not e.past and polarity(e.kind) < 0 and any(
        (e.experiencer, e.target) == (exp, tgt) and e.start < at for exp, tgt, at in turns) else e
        for e in found]


# Measured and dropped (issue 16, session 19, FP-rule: a love its owner ends with the verb left out):
# "I adored him once. I don't any longer." (an elided "I/she don't/didn't any more|any longer" right
# after a stated or narrated piece) making the pair's earlier pieces past, with "he had wasted a
# summer resenting her" past too.  Held out on a fresh cache (0.375 / 0.65) the one false relation
# it removes (a romance told as long over) is traded for threshold-edge flips of the
# refit: fics pooled 0.652 / 0.741 -> 0.649 / 0.735 strict / lenient, novels 0.722 unchanged; as a
# denial piece instead of past marking, the judge read the ended love as hostile (0.647 / 0.736).

# A hostility its owner says reaches back ("I have loathed you from the start", "I always
# despised you"): the warmth the owner showed the same person before it was a front (a false
# friend, a poisoner's kindness), and is refuted, as care the text calls feigned is.
_ALL_ALONG = re.compile(r"\b(?:since|all along|always|from the (?:start|first|beginning|day|moment))\b",
                        re.IGNORECASE)


def _unmasked(found: list[Evidence]) -> list[Evidence]:
    """ "Love you, Dario!" ... "I've hated you since we were twelve, Dario.": the warmth the
    owner showed before saying their hostility reaches back is refuted."""
    masks = [(e.experiencer, e.target, e.start) for e in found
             if polarity(e.kind) < 0 and e.how == "stated" and e.speaker == e.experiencer
             and not (e.negated or e.past or e.question or e.refuted or e.hedged) and _ALL_ALONG.search(e.text)]
    if not masks:
        return found
    return [replace(e, refuted=True) if polarity(e.kind) > 0 and not e.negated and any(
        (e.experiencer, e.target) == (exp, tgt) and e.start < at for exp, tgt, at in masks) else e
        for e in found]


def _cue_evidence(reader: _Reader, focal, romance: dict[str, set[str]] | None = None) -> list[Evidence]:
    """Evidence from cue words; ``romance`` (who is paired with whom, from a first reading)
    tells a firm "I never liked Tom" from a crush denied, and a regard from a romance."""
    romance = romance or {}
    found: list[Evidence] = []
    for tok in reader.tokens:
        if tok.lemma not in _CUE_WORDS and tok.text.lower() not in _CUE_WORDS:
            continue  # no matcher starts on this word (most of a novel's tokens)
        cue, exp_tok, tgt_tok, exp_id = _match_cue(reader, tok, focal)
        if cue is None:
            cue, exp_tok, tgt_tok = _linear_cue(reader, tok)
            exp_id = None
            if cue is None:
                continue
        exp_tok = _spoken_subject(reader, tok, exp_tok)
        cue = _grateful(reader, tok, _family_tempered(reader, tok, tgt_tok, cue))
        # "Mia and Ann loved Tom and Rex": every conjunct feels it, for every conjunct
        experiencers = [exp_id] if exp_id else [reader.person(t) for t in reader.conjuncts(exp_tok)]
        targets = [reader.person(t) for t in reader.conjuncts(tgt_tok)]
        for exp in experiencers:
            for tgt in targets:
                if cue.reverse:
                    exp, tgt = tgt, exp
                if not exp or not tgt or exp == tgt:
                    continue
                evidence = _evidence(reader, tok, _paired(reader, tok, cue, exp, tgt, romance), exp, tgt)
                if evidence is not None and cue is _REGARD:  # "come to like": name the turn
                    text = reader.doc.story.text
                    evidence = replace(evidence, cue=text[reader.tokens[tok.index - 2].start:tok.end])
                if evidence is not None:
                    found.append(evidence)
    return found


def _spoken_subject(reader: _Reader, tok: Token, subject: Token | None) -> Token | None:
    """The subject of a cue said in a quote is said in it too.  The parser hangs a quote broken
    by its speech tag on the tag ('"Simon Barlow," said Greta, "is sweet on you."'), giving the
    cue the speaker for a subject: then the subject is the name the first part of the quote
    was ("Simon Barlow,"), or there is none."""
    quote = reader.quote_at(tok.start)
    if quote is None or subject is None or reader.quote_at(subject.start) is not None:
        return subject
    said = [k for k in reader.kids(reader.tokens[subject.head], *_SUBJECT_DEPS) if reader.quote_at(k.start) is quote]
    if said:  # "[21:40] ann: I will ...": the time stamp read as a second subject
        return said[0]
    if quote.kind == "line":
        return subject  # "ann: love you": the prefix is the one who speaks, and feels
    i = bisect.bisect_left(reader.quote_starts, quote.start) - 1
    before = reader.quotes[i] if i >= 0 else None
    if before is None or before.speaker != quote.speaker or quote.start - before.end > 120 \
            or not reader.doc.story.text[before.start:before.end].rstrip().endswith(","):
        return None
    # the tokens of ``before``, by index up to its end (a slice of the rest, read to the end, cost a
    # novel's whole token list for each such cue)
    words = []
    for i in range(bisect.bisect_left(reader.token_starts, before.start), len(reader.tokens)):
        t = reader.tokens[i]
        if t.start >= before.end:
            break
        if t.pos != "PUNCT":
            words.append(t)
    named = [t for t in words if t.index in reader.who]
    return named[-1] if named and len(words) <= 4 and not any(t.pos in ("VERB", "AUX") for t in words) \
        else None


def _paired(reader: _Reader, tok: Token, cue: Cue, exp: str, tgt: str, romance: dict[str, set[str]]) -> Cue:
    """The cue as this pair reads it: a regard is romance between people the text pairs
    anyway; "like" firmly negated is dislike between people it does not."""
    if tok.lemma == "trust" and reader.negated(tok):
        return _DISTRUST  # "I don't trust him"
    if cue.platonic:
        return replace(cue, kind="romantic") if tgt in romance.get(exp, set()) else cue
    if tok.lemma == "like" and cue.kind == "romantic" and _plain_dislike(reader, tok, exp, tgt, romance):
        return _NOT_LIKING
    return cue


_OVER = re.compile(r"\b(?:anymore|any more|any longer|no longer)\b", re.IGNORECASE)


def _romances(found: list[Evidence]) -> dict[str, set[str]]:
    """Who is paired with whom: a current romance cue, unless a later one says it is over
    ("I don't love Tom any more")."""
    live: dict[tuple[str, str], bool] = {}
    for e in sorted(found, key=lambda e: e.start):
        if e.kind != "romantic" or e.past or e.weight < 0.5:
            continue
        if not e.negated:
            live[(e.experiencer, e.target)] = True
        elif _OVER.search(e.text):
            live[(e.experiencer, e.target)] = False
    romance: dict[str, set[str]] = defaultdict(set)
    for (exp, tgt), on in live.items():
        if on:
            romance[exp].add(tgt)
            romance[tgt].add(exp)
    return romance


_VERB_FORMS = {form: lemma for lemma in ("love", "adore", "hate", "loathe", "despise", "detest", "dislike")
               for form in (lemma, lemma + "s", lemma.rstrip("e") + "ed", lemma.rstrip("e") + "ing")}


def _linear_cue(reader: _Reader, tok: Token):
    """The small parser sometimes reads "Tom hated Rex." as a noun phrase; a cue verb
    between two people, with nothing else between, still says who feels what."""
    lemma = _VERB_FORMS.get(tok.text.lower())
    if lemma is None or tok.pos in ("VERB", "AUX") and reader.kids(tok, *_SUBJECT_DEPS):
        return None, None, None
    sent = reader.doc.sentences[tok.sentence]
    before = reader.tokens[tok.index - 1] if tok.index - 1 >= sent.first_token else None
    after = reader.tokens[tok.index + 1] if tok.index + 1 < sent.last_token else None
    if before is None or after is None or before.index not in reader.who or after.index not in reader.who:
        return None, None, None
    return VERB_CUES[lemma], before, after


def _grateful(reader: _Reader, tok: Token, cue: Cue) -> Cue:
    """ "I loved him for that", "I love you for it": love for a deed is gratitude, a
    warmth, not romance."""
    if cue.kind != "romantic" or tok.lemma not in ("love", "adore"):
        return cue
    for prep in reader.kids(tok, "prep"):
        if prep.lemma == "for" and any(o.lemma in ("that", "this", "it") for o in reader.kids(prep, "pobj")):
            return replace(cue, kind="affection")
    return cue


def _family_tempered(reader: _Reader, tok: Token, target: Token | None, cue: Cue) -> Cue:
    """Love for a brother, or love "like a brother", is family love, not romance."""
    if cue.kind != "romantic" or target is None:
        return cue
    family = target.lemma in FAMILY_RELATIONS or reader.tokens[target.head].lemma in FAMILY_RELATIONS \
        and target.dep == "appos"
    if family and target.lemma in FAMILY_RELATIONS:
        # "he loved her daughter": her family, not his; it is romance
        owner = next((reader.person(p) for p in reader.kids(target, "poss")), None)
        subject = reader.subject(tok)
        feeler = reader.person(subject) if subject is not None else None
        family = not (owner and feeler and owner != feeler)
    for prep in reader.kids(tok, "prep"):
        if prep.lemma == "like" and any(o.lemma in FAMILY_RELATIONS for o in reader.kids(prep, "pobj")):
            family = True
    return Cue("affection", cue.weight, cue.preps, cue.implied, cue.reverse, cue.needs_prep) if family else cue


def _match_cue(reader: _Reader, tok: Token, focal):
    lemma = tok.lemma
    turn = _come_to_like(reader, tok)
    if turn is not None:
        return _REGARD, turn[0], turn[1], None
    touch = _touch(reader, tok)
    if touch is not None:
        return _TOUCH, touch[0], touch[1], None
    shown = _behaviour(reader, tok)
    if shown is not None:
        return shown
    glad = _glad_idiom(reader, tok)
    if glad is not None:
        return glad
    if tok.pos in ("VERB", "AUX") and lemma in VERB_CUES:
        cue = VERB_CUES[lemma]
        if lemma == "miss" and not _longing(reader, tok):
            return None, None, None, None
        if lemma == "like" and (reader.kids(tok, "xcomp") or tok.tag == "IN"):
            return None, None, None, None
        if lemma == "like" and any(k.lemma in ("would", "should") for k in reader.kids(tok, "aux")):
            return None, None, None, None  # "I should like that": a wish, not a feeling
        if lemma == "fancy" and (reader.kids(tok, "ccomp") or any(
                k.lemma == "so" for k in reader.kids(tok))):
            return None, None, None, None  # "she fancied it was so": imagining
        target = None
        if cue.preps:
            target = reader.prep_object(tok, cue.preps)
        if target is None and not cue.needs_prep:
            objs = reader.kids(tok, "dobj")
            target = objs[0] if objs else None
            if target is None and tok.dep == "relcl":
                target = reader.tokens[tok.head]
            if target is None:  # "Ann was loved by Tom": the agent feels it for the subject
                passive, agent = reader.kids(tok, "nsubjpass"), _agent(reader, tok)
                if passive and agent is not None:
                    return cue, agent, passive[0], None
        if target is not None and target.lemma in _RELATIVES and tok.dep == "relcl":
            target = reader.tokens[tok.head]  # "Rex, whom Ann adored"
        target = _owner_of(reader, target)
        return (cue, reader.subject(tok), target, None) if target is not None else (None,) * 4
    pledge = _pledge(reader, tok)
    if pledge is not None:
        return pledge
    harm = _owned_harm(reader, tok)
    if harm is not None:
        return harm
    doom = _doom_wished(reader, tok)
    if doom is not None:
        return doom
    if tok.pos == "VERB" and lemma == "ask" and any(k.lemma == "out" for k in reader.kids(tok, "prt")):
        objs = reader.kids(tok, "dobj")
        if objs:
            return Cue("romantic", 0.8), reader.subject(tok), objs[0], None
    adjective = lemma if tok.pos == "ADJ" else tok.text.lower() if tok.text.lower() == "gone" else None
    if adjective in ADJ_CUES:
        cue = ADJ_CUES[adjective]
        target = reader.prep_object(tok, cue.preps)
        if target is not None:
            exp_id = _fragment_subject(reader, tok)
            return cue, None if exp_id else reader.subject(tok), target, exp_id
    heads = NOUN_CUES[lemma].heads if lemma in NOUN_CUES else ()
    if tok.pos == "NOUN" and lemma in NOUN_CUES and (
            not heads or tok.dep == "dobj" and reader.tokens[tok.head].lemma in heads):
        cue = NOUN_CUES[lemma]
        target = reader.prep_object(tok, cue.preps)
        if target is None and tok.dep == "dobj":  # "get revenge on X", "have a crush on X"
            target = reader.prep_object(reader.tokens[tok.head], cue.preps)
        head = reader.tokens[tok.head]
        if target is None and tok.dep == "pobj" and head.text.lower() == "in" and head.head != head.index:
            # "I'm in love with Ann as well": the parser hangs "with Ann" on the verb
            verb = reader.tokens[head.head]
            target = reader.prep_object(verb, cue.preps)
            if target is not None:
                return cue, reader.subject(verb), target, None
        if target is not None:
            poss = reader.kids(tok, "poss")
            return cue, poss[0] if poss else reader.subject(tok), target, None
    insult = tok.pos == "NOUN" and lemma in INSULT_NOUNS and tok.dep == "attr"
    if insult or (lemma in TRAIT_ADJ or tok.text.lower() in TRAIT_ADJ) and tok.pos in ("ADJ", "VERB"):
        target = reader.subject(tok)
        head = reader.tokens[tok.head]
        if target is None and tok.dep == "amod" and head.dep == "attr":
            target = reader.subject(reader.tokens[head.head])  # "she is the worst neighbour"
        trait = _INSULT if insult else TRAIT_ADJ[lemma if lemma in TRAIT_ADJ else tok.text.lower()]
        if any(p.lemma in _CONDUCT_PREPS for p in reader.kids(tok, "prep")):
            target = None  # "Rex was insufferable about it": smug over a thing, not a trait another dislikes
        if target is not None and reader.person(target):
            scene = reader.doc.sentences[tok.sentence].scene
            quote = reader.quote_at(tok.start)
            if quote is not None:
                return trait, None, target, quote.speaker
            counts = focal.get(scene, Counter())
            tid = reader.person(target)
            for cid, _n in counts.most_common(2):
                if cid != tid:
                    return trait, None, target, cid
    kin = _like_kin(reader, tok)
    if kin is not None:
        return Cue("affection", 0.8), kin[0], kin[1], None
    # "Ann was his friend", "she's like my own child to me": the possessor feels for the subject
    if tok.pos == "NOUN" and (lemma in FRIEND_RELATIONS or lemma in _CLOSE_KIN):
        if tok.dep in ("attr", "pobj"):
            poss = reader.kids(tok, "poss")
            head = reader.tokens[tok.head]
            if tok.dep == "pobj" and head.lemma != "like":
                return None, None, None, None
            if tok.dep == "attr" and lemma not in FRIEND_RELATIONS \
                    and not (poss and poss[0].text.lower() in ("my", "our")):
                # "Ann is Odo's daughter": a fact of birth, not a feeling; "Ann is my sister",
                # said of one who is not, is the speaker's fondness
                return None, None, None, None
            subj = reader.subject(tok)
            if poss and subj is not None:
                return Cue("affection", 0.8), poss[0], subj, None
    return None, None, None, None


# Relief or thanks put as a kiss that will not happen (issue 15): "I could kiss you, Dario!" when
# the key turns is gladness, not courtship (and as often said through gritted teeth).  Rows:
# (id, verbs, invented example); the verb with "could" and "you" for its object, in a quote.
GLAD_IDIOMS: tuple[tuple[str, frozenset[str], str], ...] = (
    ("glad:could-kiss", frozenset({"kiss", "hug"}), '"I could kiss you, Dario," said Ynes, when the key turned.'),
)
_GLAD_VERBS = frozenset().union(*(verbs for _id, verbs, _example in GLAD_IDIOMS))
_GLAD = Cue("affection", 0.3, implied=True)

# Every word ``_match_cue`` or ``_linear_cue`` can start on, as a lemma or a lower-cased text: each
# matcher first asks for its word in one of these tables, so a token in none of them matches nothing
# and ``_cue_evidence`` skips it (a novel's 150,000 tokens went through every matcher, twice: a
# fifth of the analysis after the parse).  A matcher reading a new table adds it here; the test
# ``test_cue_words_cover_every_match`` runs the matchers on every token of its fixtures to check.
_CUE_WORDS: frozenset[str] = frozenset().union(
    {"like", "gone", "ask"}, _HAND_VERBS, _ARM_VERBS, _BEHAVIOUR_BY_VERB, _GLAD_VERBS,
    VERB_CUES, _VERB_FORMS, _SACRIFICE_VERBS, _OWNED_HARM, _DOOM_VERBS, ADJ_CUES, NOUN_CUES, INSULT_NOUNS,
    TRAIT_ADJ, _KIN, FRIEND_RELATIONS, _CLOSE_KIN)


def _glad_idiom(reader: _Reader, tok: Token):
    """ "I could kiss you": (cue, the speaker, the one spoken to, None), or None."""
    if tok.pos != "VERB" or tok.lemma not in _GLAD_VERBS or reader.quote_at(tok.start) is None:
        return None
    if not any(a.lemma == "could" for a in reader.kids(tok, "aux")) or reader.negated(tok):
        return None
    you = [o for o in reader.kids(tok, "dobj") if o.text.lower() == "you"]
    return (_GLAD, reader.subject(tok), you[0], None) if you else None


def _owned_harm(reader: _Reader, tok: Token):
    """ "sabotaged Dario", "sabotaged Dario's kite", "wrecked her bicycle": harm done to someone
    or to what they own is a hostility to them.  (cue, experiencer, target, None) or None."""
    if tok.pos != "VERB" or tok.lemma not in _OWNED_HARM:
        return None
    for obj in reader.kids(tok, "dobj"):
        if obj.index in reader.who:
            return _OWNED_HARM_CUE, reader.subject(tok), obj, None
        owners = [p for p in reader.kids(obj, "poss") if p.index in reader.who]
        if owners:
            return _OWNED_HARM_CUE, reader.subject(tok), owners[0], None
    return None


def _doom_wished(reader: _Reader, tok: Token):
    """ "had wanted Ynes dead", "I'll watch Dario hang": a death or ruin wished on the person
    named right after the verb.  Read off the words (the parser hangs "dead" anywhere).
    (cue, experiencer, target, None) or None."""
    if tok.pos not in ("VERB", "AUX") or tok.lemma not in _DOOM_VERBS:
        return None
    sent = reader.doc.sentences[tok.sentence]
    if any(t.text.lower() in _PREFERENCE for t in reader.tokens[sent.first_token:tok.index]):
        return None
    end = min(sent.last_token, tok.index + 8)
    person = next((j for j in range(tok.index + 1, end) if j in reader.who), None)
    if person is None or any(reader.tokens[j].pos in ("VERB", "AUX") for j in range(tok.index + 1, person)):
        return None
    while person + 1 < end and reader.who.get(person + 1) == reader.who[person]:
        person += 1  # "Lu Ling": the whole name
    after = reader.tokens[person + 1] if person + 1 < sent.last_token else None
    word = after.text.lower() if after is not None else ""
    head = reader.tokens[tok.head]
    vowed = any(a.text.lower() in _VOW_AUX or a.lemma in _VOW_AUX for a in reader.kids(tok, "aux")) or (
        tok.dep == "xcomp" and head.lemma in ("want", "wish", "like", "love", "live"))
    for row in DOOM_ROWS:
        if tok.lemma in row.verbs and (vowed or not row.vowed) and word in row.doom:
            return row.cue, reader.subject(tok), reader.tokens[person], None
    return None


def _agent(reader: _Reader, verb: Token) -> Token | None:
    """The one after "by" in a passive ("was adored by Tom")."""
    for agent in reader.kids(verb, "agent"):
        objs = reader.kids(agent, "pobj")
        if objs:
            return objs[0]
    return None


def _owner_of(reader: _Reader, target: Token | None) -> Token | None:
    """The person a feeling for a part or a sight of them is for: "hated his guts", "never could
    abide the sight of Odo"."""
    if target is None or target.index in reader.who:
        return target
    if target.lemma in _BODY_PARTS:
        poss = reader.kids(target, "poss")
        if poss and poss[0].index in reader.who:
            return poss[0]
    if target.lemma in _SIGHT_OF:
        for prep in reader.kids(target, "prep"):
            objs = reader.kids(prep, "pobj") if prep.lemma == "of" else []
            if objs:
                return objs[0]
    return target


def _pledge(reader: _Reader, tok: Token):
    """ "I'd swim a cold river for Odo", "would die for you", "I'd do anything for him": warmth
    for the one it is done for.  (cue, experiencer, target, None) or None."""
    if tok.pos != "VERB":
        return None
    aux = reader.kids(tok, "aux")
    # "would": the pledge is a supposition ("I'll go for Ann" is an errand)
    would = any(a.lemma == "would" or a.text.lower() in ("'d", "’d") for a in aux)
    if tok.lemma in _SACRIFICE_VERBS and would:
        if tok.lemma in ("do", "give") and not any(o.lemma in _ANYTHING for o in reader.kids(tok, "dobj")):
            return None
        target = reader.prep_object(tok, ("for",))
        for place in [] if target is not None else reader.kids(tok, "prep"):
            for obj in reader.kids(place, "pobj"):  # "swim a cold river for Odo": "for" hangs on "river"
                target = target or reader.prep_object(obj, ("for",))
        if target is not None and target.index in reader.who:
            return _PLEDGE, reader.subject(tok), target, None
        return None
    return None


def _come_to_like(reader: _Reader, tok: Token) -> tuple[Token | None, Token] | None:
    """ "came to like him", "I have grown to like you": (experiencer, target).  Read off
    the words, as the parser often takes this "like" for a preposition."""
    i = tok.index
    if tok.text.lower() != "like" or i < 2 or i + 1 >= len(reader.tokens):
        return None
    to, verb, target = reader.tokens[i - 1], reader.tokens[i - 2], reader.tokens[i + 1]
    if to.text.lower() != "to" or verb.lemma not in _TURN_VERBS or verb.sentence != tok.sentence:
        return None
    if target.sentence != tok.sentence or reader.person(target) is None:
        return None
    return reader.subject(verb), target


def _touch(reader: _Reader, tok: Token) -> tuple[Token | None, Token] | None:
    """ "squeezed my hand", "slipped her arm through his", "linked arms with Tom": (the one
    who touches, the one touched)."""
    if tok.pos != "VERB":
        return None
    if tok.lemma in _HAND_VERBS:
        if tok.lemma == "press" and reader.kids(tok, "prep"):
            return None  # "pressed her hand to her heart": her own hand, somewhere
        for obj in reader.kids(tok, "dobj"):
            poss = reader.kids(obj, "poss")
            if obj.lemma == "hand" and poss:
                return reader.subject(tok), poss[0]
        return None
    arms = [o for o in reader.kids(tok, "dobj") if o.lemma == "arm"] if tok.lemma in _ARM_VERBS else []
    for holder in (tok, *arms[:1]):
        for prep in reader.kids(holder, "prep"):
            objs = reader.kids(prep, "pobj") if prep.lemma in _ARM_PREPS else []
            if arms and objs:
                poss = reader.kids(objs[0], "poss") if objs[0].lemma == "arm" else []
                touched = poss[0] if poss else objs[0]
                if touched.index not in reader.who and touched.text.lower() in ("mine", "yours"):
                    owner = reader.possessive_owner(touched)  # "through mine": my arm, so me
                    if owner:
                        reader.who[touched.index] = owner
                return reader.subject(tok), touched
    return None


def _part_owner(reader: _Reader, tok: Token, parts: frozenset[str]) -> Token | None:
    """The person a token stands for, or the owner of the body part it names ("Dario's arm",
    "the back of Ynes's head", "against his")."""
    if tok.index in reader.who:
        return tok
    if tok.lemma == "back" or tok.lemma == "top" or tok.lemma == "nape":  # "the back of Ynes's head"
        for prep in reader.kids(tok, "prep"):
            for obj in reader.kids(prep, "pobj") if prep.lemma == "of" else []:
                return _part_owner(reader, obj, parts)
    if tok.lemma in parts:
        poss = [p for p in reader.kids(tok, "poss") if p.index in reader.who]
        if poss:
            return poss[0]
        for prep in reader.kids(tok, "prep"):  # "the hand of Dario"
            for obj in reader.kids(prep, "pobj") if prep.lemma == "of" else []:
                if obj.index in reader.who:
                    return obj
    return None


def _behaviour(reader: _Reader, tok: Token):
    """An act that shows a feeling (``BEHAVIOUR_ROWS``): (cue, the one who acts, the one
    acted on or for, None), or None; for a guarding threat, (cue, None, the one guarded, the speaker)."""
    rows = _BEHAVIOUR_BY_VERB.get(tok.lemma, ()) if tok.pos == "VERB" else ()
    for row in rows:
        if row.target == "if-harmed":
            guarded = _if_harmed(reader, tok, row)
            if guarded is not None:
                return row.cue, None, guarded[1], guarded[0]
            continue
        target = _behaviour_target(reader, tok, row)
        if target is not None:
            return row.cue, reader.subject(tok), target, None
    return None


def _if_harmed(reader: _Reader, tok: Token, row: BehaviourRow) -> tuple[str, Token] | None:
    """ "If you hurt her, ...", "if you make Ynes weep", "if you toy with Ynes": said in
    a quote, (the speaker, the one guarded)."""
    quote = reader.quote_at(tok.start)
    if quote is None or quote.speaker is None or not any(k.lemma == "if" for k in reader.kids(tok, "mark")):
        return None
    if tok.lemma == "make":  # "make my sister cry"
        for comp in reader.kids(tok, "ccomp", "xcomp", "acomp"):
            if comp.lemma in row.objects:
                subjects = reader.kids(comp, "nsubj") or reader.kids(tok, "dobj")
                if subjects and subjects[0].pos in ("PRON", "PROPN") and subjects[0].index in reader.who \
                        and reader.who[subjects[0].index] != quote.speaker:
                    return quote.speaker, subjects[0]
        return None
    guarded = reader.prep_object(tok, row.preps) if tok.lemma in ("trifle", "toy", "mess") else next(
        iter(reader.kids(tok, "dobj")), None)
    if guarded is None and tok.lemma == "break":  # "if you break her heart"
        return None
    if guarded is not None and guarded.lemma == "heart":
        guarded = next((p for p in reader.kids(guarded, "poss")), None)
    if guarded is not None and guarded.pos in ("PRON", "PROPN") and guarded.index in reader.who \
            and reader.who[guarded.index] != quote.speaker:
        return quote.speaker, guarded  # a guessed "my sister" would carry the guess: names and pronouns only
    return None


# A greeting or a tenderness, not a courtship: the person kissed or patted "on" one of these
# parts ("kissed Ynes on both cheeks", "kissed him on the forehead", "patted Dario on the head").
# The lips and the mouth are not here: "kissed her on the mouth" stays a kiss.
GREETING_PARTS = frozenset("cheek cheeks forehead brow temple hand hands knuckles head hair".split())


def _touched_on(reader: _Reader, tok: Token, objs: list[Token]) -> Token | None:
    """The person touched "on" a greeting part: "kissed Ynes on both cheeks"."""
    people = [o for o in objs if o.index in reader.who]
    if not people:
        return None
    for prep in reader.kids(tok, "prep") + reader.kids(people[0], "prep"):
        if prep.lemma == "on" and any(o.lemma in GREETING_PARTS for o in reader.kids(prep, "pobj")):
            return people[0]
    return None


def _behaviour_target(reader: _Reader, tok: Token, row: BehaviourRow) -> Token | None:
    objs = reader.kids(tok, "dobj")
    if row.target == "part":
        for obj in objs:
            owner = _part_owner(reader, obj, row.objects) if obj.lemma in row.objects else None
            if owner is None and obj.lemma == "top":  # "kissed the top of Ynes's head"
                owner = _part_owner(reader, obj, row.objects)
            if owner is not None:
                return owner
        return _touched_on(reader, tok, objs)
    if row.target == "dobj":
        if row.vow and not (_would(reader, tok) and (any(
                p.lemma in row.preps for p in reader.kids(tok, "prep")) or any(
                a.lemma in ("anywhere", "everywhere") for a in reader.kids(tok, "advmod")))):
            return None
        if tok.lemma in ("carry", "cover") and not reader.kids(tok, "prep", "advmod", "prt"):
            return None  # "carried the boy" is a task until it goes somewhere: "back to bed", "over"
        if tok.lemma == "tuck" and not any(k.lemma == "in" for k in reader.kids(tok, "prt", "prep", "advmod")):
            return None
        if tok.lemma == "feed" and any(k.lemma == "to" for k in reader.kids(tok, "prep")):
            return None  # "I'll feed you to the geese": a threat
        return next((o for o in objs if o.index in reader.who), None)
    if row.target == "dative":
        if not any(o.lemma in row.objects for o in objs):
            return None
        for k in reader.kids(tok, "dative"):
            if k.index in reader.who:
                return k
        return reader.prep_object(tok, row.preps) if _is_person(reader, reader.prep_object(tok, row.preps)) \
            else None
    if row.target == "onto":
        if row.objects and not any(o.lemma in row.objects for o in objs):
            return None
        if tok.lemma == "hold" and not any(k.lemma == "on" for k in reader.kids(tok, "prt", "advmod", "prep")):
            return None  # "held on to Dario", not "held it to the light"
        holders = [tok] + [o for o in objs if row.objects]
        for holder in holders:
            for prep in reader.kids(holder, "prep"):
                for obj in reader.kids(prep, "pobj") if prep.lemma in row.preps else []:
                    owner = _part_owner(reader, obj, TOUCHED_PARTS)
                    if owner is None and obj.text.lower() in ("his", "hers", "mine", "yours"):
                        owner = obj if obj.index in reader.who else None
                    if owner is not None:
                        return owner
        return None
    if row.target == "between":
        for prep in reader.kids(tok, "prep"):
            if prep.lemma == "between":
                return next((o for o in reader.kids(prep, "pobj") if o.index in reader.who), None)
        return None
    return None


def _would(reader: _Reader, tok: Token) -> bool:
    return any(a.lemma == "would" or a.text.lower() in ("'d", "’d") for a in reader.kids(tok, "aux"))


def _is_person(reader: _Reader, tok: Token | None) -> bool:
    return tok is not None and tok.index in reader.who


def _longing(reader: _Reader, tok: Token) -> bool:
    """ "I miss you", "she missed Tom", "missed her terribly": a person missed, not a miss
    of aim ("missed him by an inch") nor a visit missed ("sorry to have missed you", "in
    missing him"), which older prose tells in the perfect or the gerund."""
    if any(p.lemma == "by" for p in reader.kids(tok, "prep")):
        return False
    sent = reader.doc.sentences[tok.sentence]
    if _MISSED_AIM.search(reader.doc.story.text[sent.start:sent.end]):
        return False
    objects = reader.kids(tok, "dobj")
    if not objects or objects[0].index not in reader.who:
        return False  # "miss this chance", "miss the train"
    if reader.modifiers(tok) & _MISSED_BADLY:
        return True
    aux = reader.kids(tok, "aux")
    perfect = any(k.lemma == "have" or k.text.lower() == "having" for k in aux)
    # "just to miss him" is a visit missed; "I'm going to miss you" is not
    infinitive = any(k.text.lower() == "to" for k in aux) and reader.tokens[tok.head].lemma != "go"
    return not (perfect or infinitive) and tok.tag != "VBG" and tok.dep != "pcomp"


def _like_kin(reader: _Reader, tok: Token) -> tuple[Token, Token | None] | None:
    """ "Ann was the closest I ever had to a sister", "she's like a sister to me", "the
    sister I never had": (the one who has, the one had)."""
    if tok.pos != "NOUN" or tok.lemma not in _KIN:
        return None
    head = reader.tokens[tok.head]
    if tok.dep == "pobj" and head.lemma == "to":
        thing = reader.tokens[head.head]
        if thing.dep == "relcl" and thing.lemma == "have":  # "the nearest I had to a brother"
            thing = reader.tokens[thing.head]
        if thing.lemma == "thing" and any(a.lemma in _NEAREST for a in reader.kids(thing, "amod")):
            haver = _haver(reader, thing) or _haver(reader, tok)
            return (haver, reader.subject(thing)) if haver is not None else None
    if tok.dep == "pobj" and head.lemma == "like" and not reader.kids(tok, "poss"):
        verb = reader.tokens[head.head]
        for holder in (tok, head, verb):
            for prep in reader.kids(holder, "prep"):
                objs = reader.kids(prep, "pobj") if prep.lemma == "to" else []
                if objs:
                    return objs[0], reader.subject(verb)
    if tok.dep == "attr":
        for rel in reader.kids(tok, "relcl"):
            wished = rel.lemma == "have" and reader.negated(rel) or \
                rel.lemma == "want" and "always" in reader.modifiers(rel)
            subjects = reader.kids(rel, *_SUBJECT_DEPS)
            if wished and subjects:
                return subjects[0], reader.subject(tok)
    return None


def _haver(reader: _Reader, noun: Token) -> Token | None:
    """The subject of "I had" in "the closest thing I had", "a sister I ever had"."""
    for rel in reader.kids(noun, "relcl"):
        subjects = reader.kids(rel, *_SUBJECT_DEPS)
        if rel.lemma == "have" and subjects:
            return subjects[0]
    return None


def _fragment_subject(reader: _Reader, tok: Token) -> str | None:
    """ "I never liked Rob. Much too proud of you.": a fragment of speech with no subject goes on
    about the person the speaker's previous sentence was about, who is not the speaker."""
    quote = reader.quote_at(tok.start)
    if quote is None or not quote.speaker or tok.sentence == 0:
        return None

    def spoken(t: Token) -> bool:
        return quote.start <= t.start < quote.end

    root = tok
    while root.dep == "conj" and root.head != root.index:
        root = reader.tokens[root.head]
    sent = reader.doc.sentences[tok.sentence]
    # the parser may hang the fragment on the speech tag ('..., far too proud of you," she said')
    if root.pos != "ADJ" or root.head != root.index and spoken(reader.tokens[root.head]) or any(
            t.dep in _SUBJECT_DEPS and spoken(t) for t in reader.tokens[sent.first_token:sent.last_token]):
        return None
    prev = reader.doc.sentences[tok.sentence - 1]
    people = [t for t in reader.tokens[prev.first_token:prev.last_token]
              if t.index in reader.who and reader.who[t.index] != quote.speaker
              and _said_by(reader, t, quote.speaker)]
    for deps in (("dobj", "pobj", "attr"), _SUBJECT_DEPS):
        for t in people:
            if t.dep in deps:
                return reader.who[t.index]
    return None


def _said_by(reader: _Reader, tok: Token, speaker: str) -> bool:
    """Whether a token is in the words of ``speaker`` (this quote or the one before the tag)."""
    quote = reader.quote_at(tok.start)
    return quote is not None and quote.speaker == speaker


def _finds_fault(reader: _Reader, tok: Token) -> bool:
    """A fault found by the same voice in the rest of the sentence or the next one."""
    sentences, text = reader.doc.sentences, reader.doc.story.text
    end = sentences[min(tok.sentence + 1, len(sentences) - 1)].end
    quote = reader.quote_at(tok.start)
    voice = quote.speaker if quote is not None else None
    for m in _CRITICISM.finditer(text, tok.end, end):
        there = reader.quote_at(m.start())
        if (there.speaker if there is not None else None) == voice:
            return True
    return False


def _plain_dislike(reader: _Reader, tok: Token, exp: str, tgt: str, romance: dict[str, set[str]]) -> bool:
    """ "I never liked Tom", "I don't like her at all", "I don't like him. He's a liar.": not
    liking said firmly, where no crush is in the air.  "I don't like her!" when teased
    about a crush, or said of one the pair is paired with elsewhere, stays a denial."""
    if not reader.negated(tok) or _conditional(reader, tok):
        return False
    doc, text = reader.doc, reader.doc.story.text
    sent = doc.sentences[tok.sentence]
    quote = reader.quote_at(tok.start)
    if _is_question(doc, tok, quote) or reader.modifiers(tok) & _ENDED:
        return False
    after = text[tok.end:sent.end]
    if _THAT_WAY.search(after):
        return False  # "I never liked Tom that way"
    firm = reader.modifiers(tok) & {"never", "just", "simply"}  # "I just don't like Rob"
    # (Dropped, issue 15: a flat not-liking of someone not addressed ("I don't like Odo, Ma.", no
    # "!") as firm.  It fires in one development story only, and turns the plain denial "'I don't
    # like Mia,' Tom said." into a dislike.)
    # (Measured and dropped, issue 16: "still" as firm.  Not liking someone still, said again, is a
    # stepchild's dislike as often as a crush denied once more: one story up in the rules, one down.)
    if not (firm or _NOT_AT_ALL.search(after) or _finds_fault(reader, tok)):
        return False
    if tgt in romance.get(exp, set()):
        return False
    return not _romance_talk_near(reader, tok)


# sarcasm marked as fans mark it: "/s", a closing "NOT", or an "oh"/"wow" before a cue
# shouted in capitals ("oh I LOVE rob. truly the best")
_SARCASM_MARK = re.compile(r"(?:^|\s)/s\b|\bNOT[.!]*\s*$")
_SARCASM_OPENER = re.compile(r"^\W*(?:oh|ohh+|wow|great|ah yes|yeah right|sure)\b", re.IGNORECASE)


def _sarcastic(reader: _Reader, tok: Token, quote: Quote | None) -> bool:
    """A warm cue said with a sneer: the words mean the opposite, so they are no evidence."""
    if quote is None:
        return False
    sent = reader.doc.sentences[tok.sentence]
    text = reader.doc.story.text
    said = text[max(sent.start, quote.start):min(sent.end, quote.end)]
    rest = text[max(sent.start, quote.start):quote.end]  # "/s" or "NOT." may close the message
    shouted = tok.text.isupper() and len(tok.text) > 2
    return bool(_SARCASM_MARK.search(rest) or (shouted and _SARCASM_OPENER.search(said)))


# "a loveless match", "married without love", "no love lost between them"
_LOVELESS = re.compile(r"\b(?:loveless|without love|no love (?:in|between|lost)|not for love)\b", re.IGNORECASE)


def _loveless(reader: _Reader, tok: Token) -> bool:
    """A marriage the text says in the same or the next sentence had no love in it."""
    sentences = reader.doc.sentences
    here = sentences[tok.sentence]
    nxt = sentences[min(tok.sentence + 1, len(sentences) - 1)]
    return bool(_LOVELESS.search(reader.doc.story.text[here.start:nxt.end]))


def _evidence(reader: _Reader, tok: Token, cue: Cue, exp: str, tgt: str) -> Evidence | None:
    doc = reader.doc
    sent = doc.sentences[tok.sentence]
    quote = reader.quote_at(tok.start)
    if polarity(cue.kind) > 0 and _sarcastic(reader, tok, quote):
        return None
    if tok.lemma == "marry" and _loveless(reader, tok):
        return None
    mods = reader.modifiers(tok)
    negated = reader.negated(tok) or _disclaimed(reader, tok)
    hearsay = _hearsay(doc.story.text, sent.start, sent.end)
    if cue.witnessed and (quote is not None and quote.speaker != exp or hearsay):
        return None  # "she's mad about you", said by a third: gossip's idiom, too often a tease
    if cue.negative_idiom:  # "I can't stand her" says the feeling; "I can stand her" says nothing
        if not negated:
            return None
        negated = False
    question = _is_question(doc, tok, quote)
    hedged = bool(mods & _HEDGES)
    aux = {k.lemma for k in reader.kids(tok, "aux")}
    past = bool(mods & _PAST_ADVERBS) or ("have" in aux and tok.tag == "VBN" and quote is None
                                          and any(k.text.lower() == "had" for k in reader.kids(tok, "aux")))
    if "always" in mods or "still" in mods or "since" in mods or _since_after(reader, tok):
        past = False  # "had always hated him", "had loved Ann since May": it has not stopped
    long_ago = bool(_LONG_AGO.search(doc.story.text[sent.start:sent.end]))
    if long_ago:
        past = True  # "Years ago Sam had a crush on Bryony, but that was long past."
    head = reader.tokens[tok.head]
    past = past or "use" in aux or (tok.dep == "xcomp" and head.lemma == "use")  # "used to like"
    if quote is not None and tok.tag == "VBD" and not aux:
        past = True
    if quote is not None and not negated and any(k.text.lower() == "did" for k in reader.kids(tok, "aux")):
        past = True  # "I did love you": said of then, not of now
    if tok.lemma == "miss":
        past = False  # "I missed you", said on meeting again: the longing is for now
    if cue.shown:
        # an act told in the past tense shows what is felt now ("You knitted me this scarf."); only
        # a time marked as gone ("once", "years ago", "used to") makes it past
        past = bool(mods & _PAST_ADVERBS) or long_ago or "use" in aux
    if cue.negative_idiom and "never" in mods and not long_ago:
        past = False  # "I never liked Rob", "she had never liked Tom": and does not now
    if head.lemma in _STOP_VERBS and tok.dep in ("xcomp", "pcomp", "dobj"):
        # "Ynes never once stopped adoring Dario": it goes on; "she stopped hating him": it ended
        negated, past = (False, False) if reader.negated(head) else (False, True)
    window = " ".join(t.text.lower() for t in reader.tokens[max(sent.first_token, tok.index - 4):tok.index])
    if (negated and mods & _ENDED) or "no longer" in window:
        # "I don't like Rob any more", "Tom no longer loved Ann": it was, and is no more
        past, negated = False, True
    weight = cue.weight
    first = reader.tokens[sent.first_token]
    if negated and first.pos == "AUX" and first.text.lower().endswith("n't"):
        question = True  # "Hadn't he liked her before -- ...": asked, yet asserted
    if question:
        if negated:  # "Hadn't he liked her before?" asserts what it asks
            negated = False
            weight *= 0.5
        else:
            weight *= 0.3
    if hedged:
        weight *= 0.8
    if head.lemma in _HYPOTHETICAL and tok.dep in ("ccomp", "xcomp"):
        weight *= 0.3  # "to make you hate me less", "I wish he loved me"
    elif _conditional(reader, tok) and not cue.supposed:
        weight *= 0.3  # "if I were to marry you", "she might do worse than marry him"
    relayed = _relayed(reader, tok, exp)
    feigned = polarity(cue.kind) > 0 and _feigned(reader, tok) or _called_untrue(reader, tok)
    speaker = quote.speaker if quote is not None else None
    if cue.shown and not hearsay and not relayed and not negated:
        how = "implied"  # an act told, by the narrator or in a quote ("she brought me soup"), shows it
    elif quote is None:
        # "What they said: that Ann was sweet on Rex": the narrator passing on talk is a claim
        how = "claimed" if hearsay or relayed else "implied" if cue.implied else "narrated"
    elif speaker == exp and not relayed:
        how = "denied" if negated else "stated"
    else:
        how = "claimed"
    if how == "claimed" and hearsay:
        weight *= _HEARSAY  # "people say she's sweet on him": hearsay weighs less than a witness
    if relayed:
        weight *= _RELAYED  # "Odo told me you're dating Ynes": another's word, passed on
    return Evidence(experiencer=exp, target=tgt, kind=cue.kind, how=how, start=sent.start,
                    end=sent.end, text=doc.story.text[sent.start:sent.end].strip(), scene=sent.scene,
                    cue=cue.shown or tok.text, past=past, negated=negated, hedged=hedged, question=question,
                    speaker=speaker, weight=weight,
                    refuted=feigned or quote is not None and _mistaken(reader, tok))


# Care put on (issue 15, the lowest stories): a warm cue the text itself calls a pretence is
# no warmth (a poisoner's kindness, a spy's devotion).  Data: the verbs a pretended feeling
# hangs from ("pretended to adore Dario", "feigned concern for Ynes"), and the words that call a
# feeling or an act false ("false fondness for him", "mock sympathy for him", "falsely kind to
# her").  Such evidence is kept and marked ``refuted``: never counted.  "Then she hugged me and
# pretended she hadn't" hides a true act, and is no pretence of the act: only a cue that is the
# object of the pretence counts.
_FEIGN_VERBS = frozenset("pretend feign fake counterfeit simulate".split())
_FEIGN_WORDS = frozenset("false falsely fake feigned pretended sham mock mocking counterfeit insincere "
                         "insincerely hollow".split())


# A feeling the same sentence calls untrue (issue 15, refuted gossip): "It was never true that
# Odo loved Ynes", "It isn't true that she hates you", "People said Odo adored her, but it was a
# lie."  The claim is kept and marked ``refuted``.
_UNTRUE_ADJ = frozenset("true so".split())
_UNTRUE_AFTER = re.compile(r"\b(?:but|and|which)\s+(?:it|that|this)?\s*(?:was|is|'s|’s|were)\s+(?:all\s+)?"
                           r"(?:a lie|lies|untrue|false|not true|never true|nonsense|rubbish|a rumou?r|gossip)\b",
                           re.IGNORECASE)


def _called_untrue(reader: _Reader, tok: Token) -> bool:
    """Whether the clause of a cue is what a negated "it is true that" frames, or the words after
    it in its sentence call it a lie."""
    t = tok
    for _ in range(4):  # up to the clause the cue stands in: "loved", or "was" of "was in love"
        if t.dep == "ccomp" and t.head != t.index:
            head = reader.tokens[t.head]
            if any(a.lemma in _UNTRUE_ADJ for a in reader.kids(head, "acomp")) and reader.negated(head):
                return True
            break
        if t.head == t.index:
            break
        t = reader.tokens[t.head]
    sent = reader.doc.sentences[tok.sentence]
    return bool(_UNTRUE_AFTER.search(reader.doc.story.text, tok.end, sent.end))


def _feigned(reader: _Reader, tok: Token) -> bool:
    """Whether a cue is the thing pretended ("pretended to love her") or is called false
    ("feigned affection for him", "falsely kind")."""
    head = reader.tokens[tok.head]
    if head.lemma in _FEIGN_VERBS and tok.dep in ("xcomp", "dobj") and head.index != tok.index:
        return True  # "pretended to care for her"; not "pretended she hadn't" (a ccomp: the hiding)
    return any(m.text.lower() in _FEIGN_WORDS or m.lemma in _FEIGN_WORDS for m in reader.kids(tok, "amod", "advmod"))


# "I'm not saying I adore him, mind", "I won't say I like him": a feeling its owner declines
# to say is the owner's denial (the feeling a reader may well see through; ``feelings`` decides).
_DISCLAIM_VERBS = frozenset("say admit claim".split())


def _disclaimed(reader: _Reader, tok: Token) -> bool:
    """Whether a cue is what a negated "say" or "admit" of its own subject declines to say."""
    if tok.dep != "ccomp" or tok.head == tok.index:
        return False
    head = reader.tokens[tok.head]
    if head.lemma not in _DISCLAIM_VERBS or not reader.negated(head):
        return False
    own, said = reader.subject(head), reader.subject(tok)
    return own is not None and said is not None and own.text.lower() == said.text.lower() == "i"


# Another's word or belief passed on (issue 15): "Odo told me you're dating Ynes", "Ynes
# thinks you fancy me", "Dario says she can't stand you".  The feeling is that third person's
# claim, once removed: it weighs less than a claim made to one's face.  The speaker's own
# belief ("I think you like him") and the experiencer's own words ("Ynes says she loves him")
# stay what they were.
_RELAY_VERBS = frozenset("tell say think believe reckon claim swear insist suppose".split())
_RELAYED = 0.3


def _relayed(reader: _Reader, tok: Token, exp: str) -> bool:
    t = tok
    for _ in range(3):
        if t.dep not in ("ccomp", "xcomp", "advcl") or t.head == t.index:
            return False
        t = reader.tokens[t.head]
        if reader.quote_at(t.start) is not reader.quote_at(tok.start):
            return False  # the quote's own tag ('"He hates me," said Ann') passes nothing on
        if t.lemma in _RELAY_VERBS and t.pos in ("VERB", "AUX"):
            subj = reader.kids(t, "nsubj")
            if not subj or subj[0].text.lower() in ("i", "we", "you"):
                return False
            who = reader.person(subj[0])
            if who is None:  # unresolved: "she says she loves him" is her own word
                own = reader.subject(tok)
                return own is None or own.text.lower() != subj[0].text.lower()
            return who != exp
    return False


def _since_after(reader: _Reader, tok: Token) -> bool:
    """ "had loathed him since the hearing ended": a "since" just after the cue and its object
    (which the parser may hang on a clause further on) says the feeling has not stopped."""
    sent = reader.doc.sentences[tok.sentence]
    for j in range(tok.index + 1, min(sent.last_token, tok.index + 4)):
        t = reader.tokens[j]
        if t.text.lower() == "since":
            return True
        if t.pos in ("VERB", "AUX") or t.text in (",", ";", ".", "!", "?"):
            return False
    return False


# "they say", "rumour has it", "apparently": a claim passed on, not seen
_RUMOUR = re.compile(r"\b(?:rumou?r\w*|gossip\w*|word is|the talk is|apparently|supposedly|allegedly|"
                     r"I(?:'ve| have)? heard|(?:people|they|everyone|everybody|folk|folks)\b[^.?!;:]{0,30}?"
                     r"\b(?:says?|said|saying|talk|talking))\b", re.IGNORECASE)
_HEARSAY = 0.5
# Not talk passed on (issue 15): a speech tag after a quote ('"No," they said.', '"They do
# creak," said Odo'), an infinitive ("were too proud to say so"), a manner ("the way
# monks say a prayer").
_TAG_BEFORE = re.compile(r"[,!?.\u2014-][\"\u201d\u2019]\s*$")  # a closing quote mark just before
_NOT_TALK_BEFORE = re.compile(r"\b(?:to|the way|way|like|as)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


def _hearsay(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] passes on talk ("people say", "rumour has it", "apparently")."""
    for m in _RUMOUR.finditer(text, start, end):
        said = m.group()
        if re.search(r"[,\"\u201c\u201d]", said):
            continue  # the gap crossed a quote or a clause: '"They do creak," said Odo'
        before = text[max(start, m.start() - 30):m.start()]
        if _TAG_BEFORE.search(before):
            continue  # '"No," they said.'
        if re.search(r"\b(?:say|says|said|saying|talk|talking)$", said, re.IGNORECASE) and (
                _NOT_TALK_BEFORE.search(text[max(start, m.end() - len(said.split()[-1]) - 25):
                                             m.end() - len(said.split()[-1])])):
            continue  # "were too proud to say so", "the way monks say a prayer"
        return True
    return False
_THOUGHT = frozenset("think believe assume suppose figure".split())


def _mistaken(reader: _Reader, tok: Token) -> bool:
    """ "I thought you hated me": a belief the speaker says they held, which the saying of it
    says was wrong."""
    t = tok
    for _ in range(3):
        if t.dep not in ("ccomp", "xcomp", "conj") or t.head == t.index:
            return False
        t = reader.tokens[t.head]
        if t.lemma in _THOUGHT and t.tag == "VBD":
            subj = reader.kids(t, "nsubj")
            return bool(subj) and subj[0].text.lower() in ("i", "we") and not reader.negated(t)
    return False


def _quote_cues(reader: _Reader, quotes: tuple[Quote, ...]):
    """Speech acts that show a feeling for the person spoken to or about."""
    text = reader.doc.story.text
    for q in quotes:
        if not q.speaker or _names_its_speaker(reader, q):
            continue
        body = text[q.start:q.end]
        if q.addressee and _HIDDEN_CRUSH.search(body):
            # "Guess who I like?" - teasing the one she likes
            yield _speech_evidence(reader, q, q.speaker, q.addressee, "romantic", "implied", 0.6, "who I like")
        m = _CARE_FOR_HAPPINESS.search(body)
        if m:
            about = [reader.who[t.index] for t in reader.tokens
                     if q.start <= t.start < q.start + m.start() and t.index in reader.who]
            about = [c for c in about if c not in (q.speaker, q.addressee)]
            if about:
                yield _speech_evidence(reader, q, q.speaker, about[-1], "affection", "stated", 0.5, m.group())
        platonic = _TEXTSPEAK_LOVE.search(body) if q.addressee else None
        if platonic:  # "ily", "love u": how friends sign off, not a declaration
            yield _speech_evidence(reader, q, q.speaker, q.addressee, "affection", "stated", 0.7,
                                   platonic.group())
        endearment = _ROMANTIC_ENDEARMENT.search(body) if q.addressee else None
        if endearment:
            yield _speech_evidence(reader, q, q.speaker, q.addressee, "romantic", "implied", _ENDEARMENT_WEIGHT,
                                   " ".join(endearment.group("cue").split()))
        for pattern, weight in ((_JUST_US, 0.5), (_KNOWN_WAYS, 0.4)):
            shown = pattern.search(body) if q.addressee else None
            if shown:
                yield _speech_evidence(reader, q, q.speaker, q.addressee, "romantic", "implied", weight,
                                       " ".join(shown.group().split()))
        confession = _confession(body) if q.addressee else None
        if confession:
            yield _speech_evidence(reader, q, q.speaker, q.addressee, "romantic", "stated", 0.8, confession)
        for pattern, weight in ((_DISMISSAL, _DISMISSAL_WEIGHT), (_PUT_DOWN, _PUT_DOWN_WEIGHT)):
            shown = pattern.search(body) if q.addressee and q.addressee != q.speaker else None
            if shown:
                yield _speech_evidence(reader, q, q.speaker, q.addressee, "dislike", "implied", weight,
                                       " ".join(shown.group("cue").split()))
        if q.addressee and re.match(r"\W*(thanks|thank you)\b", body, re.IGNORECASE):
            weight = _thanks_weight(body)
            if weight:
                yield _speech_evidence(reader, q, q.speaker, q.addressee, "affection", "stated", weight, "thanks")


_CALL_ENDS = frozenset({",", ".", "!", "?", "…", "—", "–", '"', "”", "’"})
_QUOTE_OPENS = frozenset({"", '"', "“", "‘", "'"})
_INNER_QUOTE = re.compile(r'["“”]')


def _names_its_speaker(reader: _Reader, q: Quote) -> bool:
    """ "Go away, Dario," credited to Dario: a quote calls by name the one it is credited to, so
    it was said to them, not by them (a speaker naming themselves, "Ynes sees all", is no call).
    What it says of its speaker's feelings is then unknown."""
    if q.kind != "speech":
        return False  # a letter's signature ("Yours, Dario") or a chat handle is the writer's own
    text = reader.doc.story.text
    i = bisect.bisect_left(reader.token_starts, q.start)
    tokens = reader.tokens[i:bisect.bisect_left(reader.token_starts, q.end)]
    for j, t in enumerate(tokens):
        if reader.who.get(t.index) != q.speaker or _INNER_QUOTE.search(text, q.start, t.start):
            continue  # a quote within the quote calls someone else's words
        before = tokens[j - 1].text if j else ""
        after = tokens[j + 1].text if j + 1 < len(tokens) else "."
        if before == "," and after in _CALL_ENDS and "\n" not in text[tokens[j - 1].end:t.start] \
                and not (j >= 2 and tokens[j - 2].index in reader.who):
            return True  # "..., Dario." (not a radio call's "Tern, Dario.": the caller names themselves)
        if before in _QUOTE_OPENS and after in (",", "!"):
            return True  # "Dario, ..." (a bare "Dario." may answer a question)
    return False


# Thanks that are manners, not warmth (issue 15, the novels): rows (id, pattern read from the
# opening of the quote, weight of the thanks, invented example).  A refusal ("No, thank you.",
# "Thank you, but I shall walk") thanks for nothing taken; thanks to a "sir", a "ma'am" or a
# "Mr. Ambry" are the courtesy owed a stranger or a superior, too weak alone to make a fondness.
THANKS_ROWS: tuple[tuple[str, str, float, str], ...] = (
    ("thanks:refusal", r"\W*no,?\s+thank(?:s| you)\b|\W*thank(?:s| you)\b[^.!?\n]{0,30}?[,;:—–-]\s*but\b",
     0.0, '"Thank you, but I had rather walk," said Ynes to Dario.'),
    ("thanks:formal", r"\W*thank(?:s| you)\b[,;:—–-]?\s*(?:(?:kindly|very much|so much)\W+)?"
                      r"(?:sir|ma'?am|ma’am|madam|miss|mister|mr|mrs|ms|dr|doctor|officer|your (?:grace|honou?r|"
                      r"majesty|highness|lordship|ladyship))\b",
     0.25, '"Thank you, sir," said Dario to the innkeeper.'),
)
_THANKS = 0.5
# Measured and dropped (issue 17): formal thanks at 0.0 (a reader-insert's "Thanks, Mr. <name>."
# still made a warm pair through the judge, and the manager's fondness for the reader was lost:
# reader_cafe L 0.71 -> 0.65); the row's id as the cue id, so the sentence reader could tell the
# two apart: no change shipped or held out.


def _thanks_weight(body: str) -> float:
    """The weight of thanks opening a quote: the first row that matches, else the usual."""
    for _id, pattern, weight, _example in THANKS_ROWS:
        if re.match(pattern, body, re.IGNORECASE):
            return weight
    return _THANKS


def _pretexts(reader: _Reader):
    """Someone seeking an excuse to see or give to someone: the one before "excuse" in the
    sentence, the first person after the verb."""
    text = reader.doc.story.text
    for sent in reader.doc.sentences:
        for m in _PRETEXT.finditer(text, sent.start, sent.end):
            people = [(t.start, reader.who[t.index]) for t in reader.tokens[sent.first_token:sent.last_token]
                      if t.index in reader.who]
            after = [cid for at, cid in people if m.end() <= at <= m.end() + 12]
            before = [cid for at, cid in people if at < m.start()]
            if not after:
                continue
            seekers = [cid for cid in before if cid != after[0]]
            if not seekers:
                continue
            quote = reader.quote_at(m.start())
            speaker = quote.speaker if quote is not None else None
            how = "implied" if quote is None else ("stated" if speaker == seekers[-1] else "claimed")
            yield Evidence(seekers[-1], after[0], "romantic", how, sent.start, sent.end,
                           text[sent.start:sent.end].strip(), sent.scene, m.group(), speaker=speaker,
                           weight=0.7)


def _confession(body: str) -> str | None:
    """ "It's always been you.": the words of the confession, if the quote makes one."""
    for m in _ALWAYS_YOU.finditer(body):
        if not _NOT_CONFESSION.match(body, m.end()):
            return " ".join(m.group().split())
    return None


def _speech_evidence(reader, q: Quote, exp, tgt, kind, how, weight, cue) -> Evidence:
    return Evidence(experiencer=exp, target=tgt, kind=kind, how=how, start=q.start, end=q.end,
                    text=reader.doc.story.text[q.start:q.end].strip(), scene=q.scene, cue=cue,
                    speaker=q.speaker, weight=weight)


def _resolve_relational(reader: _Reader, mentions: Mentions, links: dict[int, str],
                        romance: dict[str, set[str]]):
    """Who "her boyfriend", "his sister", "my friend Sam" stand for: (mention, owner,
    referent, basis) for each one the text makes clear; basis is "named" ("my friend Sam"),
    "clear" (nobody else is near) or "guess" (the likeliest of several)."""
    by_start: dict[int, Mention] = {}
    for m in mentions.items:
        if m.kind in ("pronoun", "name") and m.index in links:
            by_start.setdefault(m.start, m)
    sentence_of = [m.sentence for m in mentions.items]  # non-decreasing: mentions are in text order
    for m in mentions.items:
        if m.kind != "relational":
            continue
        owner_m = by_start.get(m.start)
        owner = links.get(owner_m.index) if owner_m else None
        if owner is None:
            continue
        referent, basis = _appositive(reader, m, owner), "named"
        if referent is None and links.get(m.index) not in (None, owner):
            referent = links[m.index]  # named upstream ("your mother" to Brannoc Marrick: Mrs Marrick)
        if referent is None:
            referent, margin = _referent(reader, m, owner, romance, mentions, links, sentence_of)
            basis = "clear" if margin >= 3 else "guess"
        if referent is not None:
            yield m, owner, referent, basis


def _relational_evidence(reader: _Reader, relational):
    """Being someone's boyfriend or friend is itself evidence of the feeling."""
    doc = reader.doc
    for m, owner, referent, basis in relational:
        if m.head not in ROMANTIC_RELATIONS and m.head not in FRIEND_RELATIONS:
            continue  # family: a fact, the feeling must come from elsewhere
        quote = reader.quote_at(m.start)
        sent = doc.sentences[m.sentence]
        text = doc.story.text[sent.start:sent.end].strip()
        kind = "romantic" if m.head in ROMANTIC_RELATIONS else "affection"
        if kind == "romantic" and basis == "guess":
            continue  # a guessed husband or lover would invent a couple; a named one is evidence
        how = "narrated" if quote is None else ("stated" if quote.speaker == owner else "claimed")
        # "her friend Bryony" names the friend; "her friend" leaves the reader to work it out
        weight = 0.9 if basis == "named" else 0.5
        # Measured and dropped (steady3, on steady2 with its scratch judge): a spouse noun counting
        # only when the spouse is named (appositive or linked upstream), not when the one man near is
        # "clear": fics unchanged, sense_and_sensibility strict .50 -> .20, same_names L .56 -> .54;
        # the false couple it aimed at (an unnamed husband's "his" gone to the nearest man) only
        # turned from romance to affection, an error either way.
        weight *= 0.5 if m.head in MARRIAGE_RELATIONS else 1.0
        yield Evidence(owner, referent, kind, how, sent.start, sent.end, text, sent.scene, m.text,
                       weight=weight)
        if kind == "romantic":
            yield Evidence(referent, owner, kind, "implied", sent.start, sent.end, text, sent.scene,
                           m.text, weight=weight * 0.8)


def _appositive(reader: _Reader, m: Mention, owner: str) -> str | None:
    """ "his friend Sam Ortiz", "her husband, John": the name right after the noun."""
    rest = reader.doc.story.text[m.end:m.end + 2]
    offset = m.end + (2 if rest == ", " else 1 if rest[:1] == " " else 0)
    if offset == m.end:
        return None
    i = bisect.bisect_left(reader.token_starts, offset)
    if i >= len(reader.tokens) or reader.tokens[i].start != offset:
        return None
    tok = reader.tokens[i]
    cid = reader.who.get(tok.index) if tok.text[:1].isupper() else None
    return cid if cid != owner else None


def _referent(reader: _Reader, m: Mention, owner: str, romance: dict[str, set[str]],
              mentions: Mentions, links: dict[int, str],
              sentence_of: list[int] | None = None) -> tuple[str | None, float]:
    """The named person a relational noun stands for, from the people around it: each
    mention counts once, closer ones more.  Speech counts for speech and narration for
    narration; only where narration leaves nobody does the talk around it count ("she
    left to meet her boyfriend" after a talk that named him).  Returns the person and how
    far ahead of the next candidate they are."""
    nearby = mentions.items
    if sentence_of is not None:  # only the 15 sentences either side count: bisect, not scan, a novel
        nearby = nearby[bisect.bisect_left(sentence_of, m.sentence - 15):
                        bisect.bisect_right(sentence_of, m.sentence + 15)]
    scores = _candidates(reader, m, owner, romance, nearby, links, same_voice=True)
    if not scores and m.quote is None:
        # narration around a quote is mostly the people talking, seldom the one talked of,
        # so speech leans on narration no further than it did
        scores = _candidates(reader, m, owner, romance, nearby, links, same_voice=False)
    if not scores:
        return None, 0.0
    ranked = heapq.nlargest(2, scores.items(), key=itemgetter(1))  # as Counter.most_common(2)
    best, value = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    margin = value / runner_up if runner_up else float("inf")
    # only a clear winner: a guess between several people would be noise
    return (best, margin) if value >= 0.5 and margin >= 2 else (None, 0.0)


def _candidates(reader: _Reader, m: Mention, owner: str, romance: dict[str, set[str]],
                nearby, links: dict[int, str], same_voice: bool) -> defaultdict[str, float]:
    """Who a relational noun may stand for, scored by the mentions of one voice.  In its own
    voice closer mentions count more; in the other voice the talk is one stretch, each
    mention in it counting the same, and less."""
    doc = reader.doc
    scene = doc.sentences[m.sentence].scene
    scores: defaultdict[str, float] = defaultdict(float)
    for o in nearby:
        cid = links.get(o.index)
        if cid is None or cid == owner or o.kind == "relational":
            continue
        if ((o.quote is None) == (m.quote is None)) != same_voice:
            continue
        if o.kind == "pronoun" and o.person != 3:
            continue  # "his wife, I thought": the one telling is not the one told of
        if doc.sentences[o.sentence].scene != scene or abs(o.sentence - m.sentence) > 15:
            continue
        if m.start <= o.start < m.end:
            continue
        if not same_voice:
            scores[cid] += _OTHER_VOICE
        else:
            scores[cid] += 3.0 if o.sentence == m.sentence else 1.0 / (1 + abs(o.sentence - m.sentence))
    for cid in list(scores):
        if m.gender and reader.genders.get(cid, "unknown") not in (m.gender, "unknown"):
            del scores[cid]
        elif m.quote is not None and m.head in ROMANTIC_RELATIONS and owner in romance.get(cid, set()):
            # "go and ring your girlfriend": said to someone, it is the one the text pairs them with
            scores[cid] *= 3.0
        elif m.head in ROMANTIC_RELATIONS and romance.get(cid, set()) - {owner}:
            if same_voice:
                scores[cid] *= 0.2  # already someone else's sweetheart
            else:
                del scores[cid]  # and only talked of: too little to outweigh that
    return scores


# ---- Platonic love and a rekindled romance (issue 17 shapes; appended as one block) ----
# A warm word said with a qualifier that takes the romance out of it is regard, not love:
# "she loves him in the least romantic sense", "love u too. non-romantically.",
# "I adore him - not like that", "she loves Orsolya platonically".  Read in the rest of the
# cue's sentence and at the head of the sentence after it.
_PLATONIC_QUALIFIER = re.compile(
    r"\b(?:platonic(?:ally)?|non-?romantic(?:ally)?|un-?romantic(?:ally)?|not romantic(?:ally)?"
    r"|(?:the|a|in the) least romantic|in a (?:non-?romantic|platonic|friendly|brotherly|sisterly) (?:way|sense)"
    r"|not in (?:a|that) (?:romantic |kissing )?(?:way|sense)|not that kind of (?:love|way)"
    r"|not like (?:that|this)\b|not like\s*(?:—|–|--|-|\.\.\.|…|,?\s*you know)|no homo"
    # "I love you like a brother", "loved him like her own son": a kin's love by its own simile
    r"|\blike (?:a|an|my|me|your|yer|his|her|their|our) (?:own )?(?:(?:little|big|kid|baby|older|younger|elder)\s)?"
    r"(?:" + "|".join(sorted(FAMILY_RELATIONS | {"child", "kid", "sibling", "parent"})) + r")s?\b)", re.IGNORECASE)
_LEADING_QUALIFIER = re.compile(r"^\W*(?:\w+\W+){0,2}?(?=" + _PLATONIC_QUALIFIER.pattern[2:] + ")",
                                re.IGNORECASE)
# "I'm aro", "i'm aromantic", "I am aroace": a person who says they feel no romance; their
# love is regard.  "Orsolya is aro" in narration says it of Orsolya.
_SELF_ARO = re.compile(r"\bI(?:'m|’m| am)\s+(?:(?:also|a|an|totally|very|so|just)\s+)?"
                       r"(?:aro|aromantic|aroace|aro-ace|aro/ace)\b", re.IGNORECASE)
_NAMED_ARO = re.compile(r"\b(?:is|'s|’s)\s+(?:(?:also|a|an|totally|very)\s+)?"
                        r"(?:aro|aromantic|aroace|aro-ace|aro/ace)\b", re.IGNORECASE)


def _aromantic(reader: _Reader, quotes: tuple[Quote, ...]) -> set[str]:
    """Who the text says feels no romance: a speaker of "I'm aro", or the person named as the
    subject of "is aro" in narration."""
    text = reader.doc.story.text
    aro = {q.speaker for q in quotes if q.speaker and _SELF_ARO.search(text, q.start, q.end)}
    for sent in reader.doc.sentences:
        for m in _NAMED_ARO.finditer(text, sent.start, sent.end):
            if reader.quote_at(m.start()) is not None:
                continue
            before = [t for t in reader.tokens[sent.first_token:sent.last_token]
                      if t.end <= m.start() and t.pos != "PUNCT"]
            if before and before[-1].index in reader.who:
                aro.add(reader.who[before[-1].index])
    return aro


def _qualified_platonic(reader: _Reader, e: Evidence, starts: list[int]) -> bool:
    """Whether the words after the cue, or the head of the next sentence, unsay the romance."""
    text = reader.doc.story.text
    at = text.find(e.cue, e.start, e.end) if e.cue else -1
    if _PLATONIC_QUALIFIER.search(text, e.start if at < 0 else at, e.end):
        return True
    i = bisect.bisect_left(starts, e.end)
    if i >= len(reader.doc.sentences):
        return False
    after = reader.doc.sentences[i]
    if after.start - e.end > 40 or after.paragraph != reader.doc.sentences[i - 1].paragraph:
        return False
    return bool(_LEADING_QUALIFIER.match(text[after.start:after.end]))


def _platonic_love(reader: _Reader, found: list[Evidence], quotes: tuple[Quote, ...]) -> list[Evidence]:
    """Romance cues made regard: qualified as platonic where said, or felt by someone who says
    they are aromantic (a partner word naming such a person is regard too)."""
    aro = _aromantic(reader, quotes)
    starts = [s.start for s in reader.doc.sentences]
    out = []
    for e in found:
        if e.kind == "romantic" and (
                e.experiencer in aro
                or (e.cue.lower().split()[-1:] and e.cue.lower().split()[-1] in ROMANTIC_RELATIONS
                    and e.target in aro)
                or _qualified_platonic(reader, e, starts)):
            e = replace(e, kind="affection")
        out.append(e)
    return out


# The one who wants an ended romance back, to the one they want: "I miss us", "I want us
# back", "take me back", "can we try again?", "give us another chance", "get back together".
_REKINDLE = re.compile(
    r"\b(?:I miss us|I want us(?:\s+(?:back|again))?(?=\s*(?:[.,!?;…—–-]|$))|take me back"
    r"|we\s+(?:\w+\s+){0,2}?(?:try|start) (?:again|over)(?= with (?:you|us)|\s*[.,!?;…—–-]|$)"
    r"|give (?:us|me) (?:another|a second|one more) (?:chance|shot|go)"
    r"|(?:we|us)\s+(?:\w+\s+){0,2}?get back together)\b", re.IGNORECASE)


def _rekindling(reader: _Reader, quotes: tuple[Quote, ...]):
    """A wish to have an ended romance back, said to the one it is about."""
    text = reader.doc.story.text
    for q in quotes:
        if not q.speaker or not q.addressee or q.speaker == q.addressee:
            continue
        m = _REKINDLE.search(text, q.start, q.end)
        if m:
            yield _speech_evidence(reader, q, q.speaker, q.addressee, "romantic", "stated", 0.7,
                                   " ".join(m.group().split()))


# Warm words said with a mock sweetness the speech tag points out are sarcasm that shows the
# hostility under them: '"Thanks, Orsolya," he said, sweet as arsenic.', 'she said saccharinely',
# 'with false cheer'.  Read in the tag after the quote (or before it) in the same paragraph.
_MOCK_SWEET = re.compile(
    r"\b(?:sweet as (?:syrup|poison|arsenic|sugar|treacle|honey|saccharine|cyanide)|saccharine(?:ly)?|syrupy"
    r"|with (?:false|fake|mock|poisonous|acid|brittle) (?:sweetness|cheer|cheerfulness|warmth|politeness)"
    r"|falsely (?:bright|sweet|warm|cheerful)|too sweetly|poisonously sweet)\b", re.IGNORECASE)
_TAG_REACH = 80


def _mock_sweet_quote(reader: _Reader, q: Quote) -> bool:
    """Whether the narration beside a quote, up to the next quote in its paragraph, says it was
    said with mock sweetness."""
    text = reader.doc.story.text
    para_end = text.find("\n", q.end)
    para_end = len(text) if para_end < 0 else para_end
    para_start = text.rfind("\n", 0, q.start) + 1
    i = bisect.bisect_right(reader.quote_starts, q.start)
    after_end = min(para_end, q.end + _TAG_REACH,
                    reader.quotes[i].start if i < len(reader.quotes) else para_end)
    before_start = max(para_start, q.start - _TAG_REACH,
                       reader.quotes[i - 2].end if i >= 2 and reader.quotes[i - 2].end <= q.start else 0)
    return bool(_MOCK_SWEET.search(text, q.end, max(q.end, after_end))
                or _MOCK_SWEET.search(text, before_start, q.start))


def _mock_sweetness(reader: _Reader, found: list[Evidence]) -> list[Evidence]:
    """A warm cue its own speaker says with mock sweetness is a sneer: dislike, implied."""
    out = []
    for e in found:
        q = reader.quote_at(e.start) or reader.quote_at(e.start + 1)
        if (q is not None and polarity(e.kind) > 0 and e.speaker == e.experiencer == q.speaker
                and _mock_sweet_quote(reader, q)):
            e = replace(e, kind="dislike", how="implied", weight=min(e.weight, 0.5))
        out.append(e)
    return out


# A heart closing a message or line said to one person: "see you thursday ♡", "night, Orsolya <3".
# Friends send hearts too, so it is regard, implied and weak alone; sent again it counts.
_HEART_SIGN_OFF = re.compile(r"(?:♡|♥|❤️?|💕|💖|💗|💓|💞|💘|😘|🥰|<3)[\s♡♥❤️💕💖💗💓💞💘😘🥰<3]*$")


def _hearts(reader: _Reader, quotes: tuple[Quote, ...]):
    """A heart signing off what a speaker says to one addressee."""
    text = reader.doc.story.text
    for q in quotes:
        if q.speaker and q.addressee and q.speaker != q.addressee \
                and _HEART_SIGN_OFF.search(text[q.start:q.end].rstrip()):
            yield _speech_evidence(reader, q, q.speaker, q.addressee, "affection", "implied", 0.35, "heart")


# An ill wish in one's own voice: "I hope Orsolya stubs a toe", "i hope she trips on the stairs",
# "I hope his kettle breaks", "I hope you rot".  Dislike from the one hoping for the one wished on.
_ILL_WISH = re.compile(
    r"\bI (?:just |really |sincerely )?hope (?:(?P<who>he|she|they|you|[A-Z][\w'’-]+)\s+(?:\w+\s+){0,2}?"
    r"(?:steps? on|stubs?|chokes?|trips?|rots?|suffers?|falls? (?:down|over|off|in)|gets? (?:hit|fired|dumped|"
    r"food poisoning|hives|stung|bitten)|loses? (?:his|her|their) (?:job|keys|phone))"
    r"|(?P<owner>his|her|their|your)\s+(?:\w+\s+)?(?:runs? out|breaks?|explodes?|leaks?|catches fire))\b",
    re.IGNORECASE)


def _ill_wishes(reader: _Reader):
    """Each ill wish whose hoper (the "I") and object (the one it falls on) are people."""
    text = reader.doc.story.text
    for sent in reader.doc.sentences:
        for m in _ILL_WISH.finditer(text, sent.start, sent.end):
            me = reader.token_at(m.start())
            who = m.start("who") if m.group("who") else m.start("owner")
            them = reader.token_at(who)
            exp = reader.who.get(me.index) if me is not None else None
            tgt = reader.who.get(them.index) if them is not None else None
            if not exp or not tgt or exp == tgt:
                continue
            quote = reader.quote_at(m.start())
            how = "stated" if quote is None or quote.speaker == exp else "claimed"
            yield Evidence(exp, tgt, "dislike", how, sent.start, sent.end, text[sent.start:sent.end].strip(),
                           sent.scene, " ".join(m.group().split()), speaker=quote.speaker if quote else None,
                           weight=0.6)


# A refusal of all help, in one's own voice (issue 15): "Help Odo? Not if Odo was on fire.", "I
# wouldn't spit on Dario if he were on fire", "she wouldn't lift a finger for him".  Not one
# warm word is denied there, so no feeling cue reads it; the refusal is the dislike, from the
# speaker (or the subject of "would") to the one refused.  The crush-denial's "not if you were
# the last man on earth" is left out: it refuses a courtship, not a person.  Rows: (id, pattern
# with ``who`` the one refused, invented example).  _DIRE: the straits in which help is still refused.
_DIRE = "drowning|sinking|dying|on fire|burning|starving|bleeding"
REFUSALS: tuple[tuple[str, str, str], ...] = (
    ("refuse:not-if-dire",
     r"\bnot (?:even )?if (?P<who>he|she|they|you|[A-Z][\w'’-]+) (?:was|were|lay|is) (?:" + _DIRE + r")\b",
     '"Throw Odo a line? Not if Odo was sinking."'),
    ("refuse:not-spit-on",
     r"\b(?:would|'d|’d|will|'ll|’ll)(?:n't|n’t| not| never)\s+(?:even\s+)?(?:spit on|piss on|lift a finger for|"
     r"cross the (?:street|road) for|throw a rope to|give the time of day to)\s+(?P<who>him|her|them|you|"
     r"[A-Z][\w'’-]+)\b",
     '"I wouldn\'t spit on Dario if he were on fire."'),
    # (Measured and dropped: forgiveness withheld, "I do not forgive Odo", "she can't forgive him":
    # one story up lenient and down strict, on a pronoun given to the wrong man.)
    # Scorn weighed: something vile preferred to the one spoken to, or anything to being them.
    # Without a ``who`` the one refused is the one addressed.  ("I'd sooner see Dario marry a
    # fisherman" refuses a match, not a person: the row needs a vile thing.)  Measured and dropped:
    # "I'd sooner see you drowned" (a ruin preferred): on the dev stories it found no pair the
    # other rows miss and gave one dislike to a wrongly guessed addressee.
    ("scorn:sooner-vile",
     r"\b(?:I'd|I’d|I would) (?:sooner|rather) (?:kiss|marry|wed|be sweet on|be seen with|dance with|"
     r"share a \w+ with) (?:a|an|the) (?:\w+ ){0,2}?(?:rat|toad|barnacle|goat|pig|hog|snake|eel|slug|leech|"
     r"worm|corpse|maggot|cockroach)s?\b",
     '"Marry you? I\'d sooner kiss a wet toad," said Ynes.'),
    ("scorn:sooner-than-be",
     r"\b(?:I'd|I’d|I would) (?:sooner|rather) [^.?!\n]{1,60}? than be (?P<who>you|him|her|[A-Z][\w'’-]+)\b",
     '"I\'d rather sleep in a ditch than be you, Dario," said Ynes.'),
)
_REFUSAL = re.compile("|".join(f"(?P<row{i}>{pattern})".replace("(?P<who>", f"(?P<who{i}>")
                               for i, (_id, pattern, _example) in enumerate(REFUSALS)), re.IGNORECASE)
_REFUSAL_WEIGHT = 0.6
# Words one of which every match of a row holds (a row's each, so no two overlap): a sentence with
# none of them is not searched (the one pattern over a novel's 6,000 sentences cost 0.15 s CPU)
_REFUSAL_WORDS = tuple(re.compile(words, re.IGNORECASE) for words in (
    r"not (?:even )?if ", r"(?:would|'d|’d|will|'ll|’ll)(?:n't|n’t| not| never)", r"sooner", r"rather"))


def _refusals(reader: _Reader):
    """Each refusal of help whose refuser (the speaker, else the subject of "would") and the one
    refused are two people; none inside talk of a crush ("fancy Odo? not if Odo was starving")."""
    text = reader.doc.story.text
    word_starts = sorted(w.start() for words in _REFUSAL_WORDS for w in words.finditer(text))
    for sent in reader.doc.sentences:
        k = bisect.bisect_left(word_starts, sent.start)
        if k == len(word_starts) or word_starts[k] >= sent.end:
            continue  # none of the rows' words: no row matches here
        for m in _REFUSAL.finditer(text, sent.start, sent.end):
            row = next(i for i in range(len(REFUSALS)) if m.group(f"row{i}") is not None)
            quote = reader.quote_at(m.start())
            said = m.group(f"who{row}") if f"who{row}" in m.groupdict() else None
            if said is None or said.lower() == "you":
                tgt = quote.addressee if quote is not None else None  # "I'd sooner kiss a toad": the one addressed
            else:
                them = reader.token_at(m.start(f"who{row}"))
                tgt = reader.who.get(them.index) if them is not None else None
            verb = reader.token_at(m.start())
            if verb is not None and verb.dep == "aux":
                verb = reader.tokens[verb.head]  # "wouldn't spit on": the main verb's subject
            exp = reader.person(reader.subject(verb)) if verb is not None else None
            if quote is not None and _ROMANCE_TALK.search(text[quote.start:m.start()] + " " + text[m.end():quote.end]):
                continue  # the talk around a crush; the row's own "kiss a toad" is not that talk
            if (exp is None or exp == tgt) and quote is not None:
                exp = quote.speaker  # "Not if Odo was on fire.": the one saying it refuses
            if not exp or not tgt or exp == tgt:
                continue
            how = "stated" if quote is None or quote.speaker == exp else "claimed"
            yield Evidence(exp, tgt, "dislike", how, sent.start, sent.end, text[sent.start:sent.end].strip(),
                           sent.scene, REFUSALS[row][0], speaker=quote.speaker if quote else None,
                           weight=_REFUSAL_WEIGHT)


def _hostile_idioms(reader: _Reader):
    """Each ``HOSTILE_IDIOMS`` phrase whose experiencer (the subject of its verb) and target are
    people, read as any verb cue is (``_evidence``: past, hedged, asked, hearsay), the row's id its cue."""
    text = reader.doc.story.text
    # where each row's words stand: a sentence with none of them in it cannot match the row
    word_starts = {row_id: [w.start() for w in words.finditer(text)] for row_id, words in _HOSTILE_IDIOM_WORDS.items()}
    for sent in reader.doc.sentences:
        for row_id, pattern, kind, weight in _HOSTILE_IDIOM:
            starts = word_starts.get(row_id)
            if starts is not None:
                k = bisect.bisect_left(starts, sent.start)
                if k == len(starts) or starts[k] >= sent.end:
                    continue
            for m in pattern.finditer(text, sent.start, sent.end):
                verb, them = reader.token_at(m.start()), reader.token_at(m.start("tgt"))
                if verb is None or them is None:
                    continue
                if verb.dep == "aux" and verb.head != verb.index:
                    verb = reader.tokens[verb.head]  # an auxiliary ("'s had it in for"): the main verb's subject
                if re.search(r"\b(?:not|n't|n’t|never|no)\s+(?:\w+\s+)?$", text[sent.start:m.start()], re.IGNORECASE):
                    continue  # "he hasn't got it in for you": the parse does not always see the "not"
                exp, tgt = reader.person(reader.subject(verb)), reader.who.get(them.index)
                if not exp or not tgt or exp == tgt:
                    continue
                evidence = _evidence(reader, verb, Cue(kind, weight), exp, tgt)
                if evidence is not None and not evidence.negated:  # denied, it is no evidence
                    yield replace(evidence, cue=row_id)


# Hostility both ways (issue 16): "their mutual antipathy", "Ynes and Odo loathed each other",
# "they couldn't stand one another".  A hostile noun cue that "mutual" qualifies, or a hostile
# verb cue whose object is "each other" / "one another", is felt by each of two people for the
# other: the conjoined subjects, else the only two people the sentence names.
_MUTUAL = frozenset({"mutual", "reciprocal"})
_EACH_OTHER = frozenset({"other", "another"})
_HOSTILE_NOUNS: dict[str, Cue] = {k: c for k, c in NOUN_CUES.items() if polarity(c.kind) < 0} | {
    "enmity": Cue("dislike", 0.8), "hate": Cue("hatred", 1.0)}


def _both_ways(reader: _Reader):
    """Evidence in both directions for each cue of hostility two people share."""
    for tok in reader.tokens:
        if tok.pos in ("NOUN", "ADJ") and tok.lemma in _HOSTILE_NOUNS and any(  # the parser calls some nouns ADJ
                k.lemma in _MUTUAL for k in reader.kids(tok, "amod")):
            cue, subjects = _HOSTILE_NOUNS[tok.lemma], []
        elif tok.pos == "VERB" and tok.lemma in VERB_CUES and polarity(VERB_CUES[tok.lemma].kind) < 0 and any(
                o.lemma in _EACH_OTHER for o in reader.kids(tok, "dobj", "pobj")):
            cue, subjects = VERB_CUES[tok.lemma], reader.conjuncts(reader.subject(tok))
        else:
            continue
        people = list(dict.fromkeys(p for p in (reader.person(t) for t in subjects) if p))
        if len(people) != 2:
            sent = reader.doc.sentences[tok.sentence]
            people = list(dict.fromkeys(reader.who[i] for i in range(sent.first_token, sent.last_token)
                                        if i in reader.who))
        if len(people) != 2:
            continue
        for exp, tgt in (people, people[::-1]):
            evidence = _evidence(reader, tok, replace(cue, needs_prep=False, preps=()), exp, tgt)
            if evidence is not None:
                yield evidence


# ---- Love sent in a letter or a message (issue 17 shapes: letters) ----
# "Your mother sends her love", "Orla sent love and a cake", "send Ivo my love", "give my love
# to Ivo": love passed on is regard, from the one sending it to the one it goes to (the one
# named after "to", else the one the letter or the line is for).  Regards are left alone:
# "give him my fondest regards" is as often sarcasm as not.
_SENT_LOVE = re.compile(
    r"\b(?P<verb>sends?|sent|sending)\s+(?:(?:you|him|her|them|us|me)\s+)?(?:(?:all\s+)?(?:his|her|their|its)\s+)?"
    r"(?:(?:best|warmest|fondest|dearest|much)\s+)?love\b(?:\s+to\s+(?P<to>\w+))?"
    r"|\b(?:give|send)\s+(?P<them>\w+(?:\s+\w+)?)\s+(?:all\s+)?my\s+(?:(?:best|warmest|fondest)\s+)?love\b"
    r"|\b(?:give|send)\s+(?:all\s+)?my\s+(?:(?:best|warmest|fondest)\s+)?love\s+to\s+(?P<to2>\w+)",
    re.IGNORECASE)
_SENT_LOVE_WEIGHT = 0.6


def _sent_love(reader: _Reader):
    """Each message of love passed on whose sender and receiver are people."""
    text = reader.doc.story.text
    for m in _SENT_LOVE.finditer(text):
        quote = reader.quote_at(m.start())
        if quote is None:
            continue  # a letter or a line says it; narration of the same is a deed, read elsewhere
        if m.group("verb"):
            verb = reader.token_at(m.start("verb"))
            subjects = reader.kids(verb, "nsubj") if verb is not None else []
            sender = reader.person(subjects[0]) if subjects else None
            to = m.start("to") if m.group("to") else None
            receiver = reader.person(reader.token_at(to)) if to is not None else quote.addressee
        else:
            sender = quote.speaker
            at = m.start("them") if m.group("them") else m.start("to2")
            them = reader.token_at(at)
            receiver = reader.person(them) if them is not None else None
            if m.group("them") and them is not None and receiver is None:
                nxt = reader.token_at(m.end("them") - 1)
                receiver = reader.person(nxt) if nxt is not None else None
        if not sender or not receiver or sender == receiver:
            continue
        first = reader.token_at(m.start())
        if first is None:
            continue
        sent = reader.doc.sentences[first.sentence]
        how = "stated" if sender == quote.speaker else "claimed"
        yield Evidence(sender, receiver, "affection", how, sent.start, sent.end,
                       text[sent.start:sent.end].strip(), sent.scene, " ".join(m.group().split()),
                       speaker=quote.speaker, weight=_SENT_LOVE_WEIGHT)


# ---- Praise past compare (issue 17 shapes: letters and diaries) ----
# "Wenna is the finest lad living", "Osk's the kindest man in the world": a person praised past
# all others, in the words of a letter's writer, a speaker or a diarist, is the praiser's warmth
# for them.  A letter or a diary tells of its people only through its writer, who names them so
# and seldom with a feeling verb.  The praiser is the one whose words they are: the quote's (or
# letter's) speaker, or in narration the "I" who tells it; a third-person narrator praising
# someone has no one to give the warmth to, so there it is nothing.  Row: (id, pattern, invented
# example); the subject before the copula (``who``) is the target ("one of them, Wenna, is ...").
PRAISE_ROWS: tuple[tuple[str, str, str], ...] = (
    ("praise:best-alive",
     r"(?P<who>[\w'’-]+),?\s+(?P<cop>is|was|'s|’s)\s+(?:simply\s+|just\s+|quite\s+)?the\s+"
     r"(?:best|finest|kindest|dearest|bravest|truest|sweetest|loveliest|nicest|gentlest|loyalest|most\s+\w+)\s+"
     r"(?:fellow|man|woman|friend|person|girl|boy|chap|soul|creature|lad|lass|sister|brother|mother|father)\s+"
     r"(?:alive|living|in\s+the\s+(?:world|whole\s+world|universe)|on\s+(?:earth|the\s+planet)"
     r"|I\s+(?:ever\s+)?(?:know|knew|have\s+ever\s+(?:known|met)|ever\s+met)|that\s+ever\s+lived)\b",
     "Wenna is the kindest soul alive, though she cannot keep a secret."),
)
_PRAISE = [(row_id, re.compile(pattern, re.IGNORECASE)) for row_id, pattern, _example in PRAISE_ROWS]
_PRAISE_WEIGHT = 0.6


def _praised(reader: _Reader):
    """Each ``PRAISE_ROWS`` phrase whose target and praiser are two people, read as a verb cue
    is (``_evidence``: denied, asked or hearsay it is nothing; said in the past, past)."""
    text = reader.doc.story.text
    for row_id, pattern in _PRAISE:
        for m in pattern.finditer(text):
            who, cop = reader.token_at(m.start("who")), reader.token_at(m.start("cop"))
            if who is None or cop is None:
                continue
            target = reader.who.get(who.index)
            quote = reader.quote_at(m.start())
            praiser = quote.speaker if quote is not None else \
                reader.narrating_i(who, reader.doc.sentences[who.sentence].paragraph)
            if not target or not praiser or praiser == target:
                continue
            evidence = _evidence(reader, cop, Cue("affection", _PRAISE_WEIGHT, platonic=True), praiser, target)
            if evidence is not None and not evidence.negated and not evidence.question:
                yield replace(evidence, cue=row_id)
