"""Stage ``pair_features``: one feature record for each ordered pair of characters.

The feeling judge (stage ``judge``) decides from these records which pairs hold a feeling
at the end of the story.  A record joins what the rule cues found (the ``evidence`` stage:
weights by kind, denials, past feelings, the other direction) with how the two people
share the story: sentences and paragraphs where both are present, who talks to whom, who
talks about whom, who acts on whom, and how warm or cold the words around them are
(VADER's general-English valence lexicon, shipped inside the ``vaderSentiment`` package).
Fan fiction shows most feelings without naming them (a blanket tugged up, a fork passed
back and forth); interaction and its tone are what such stories leave a reader.

Every feature is a number with a name in ``FEATURES``; the judge's model file lists the
names it was trained on, so a model and the code that feeds it can never disagree
silently.  Candidate evidence sentences (the warmest and coldest moments the two share)
travel with each record so a judged feeling is backed by the text like any other.
"""
from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ..model import Cast, Coreference, Document, Evidence, Mentions, Quote, Relation, Token, polarity
from ..pipeline import stage
from ..tokens import TokenIndex, is_subject
from .kinship import Kinship
from .sentence_reader import Reading

# Characters named fewer times than this take part in no pair: a passer-by has no relation
# a reader would tag, and pairs grow with the square of the cast.
MIN_MENTIONS = 2
# A pair the judge weighs shares at least this many moments (sentences, words said to or
# about the other); below it the rules' reading stands alone: in one shared sentence every
# share and rank feature is at its maximum and says nothing of a bond.  (Measured and dropped,
# session 12: 1, held out fics 0.600 / 0.697 -> 0.591 / 0.692, novels 0.576 -> 0.477 strict.)
# Measured and dropped (issue 16, session 16, on 7b3208b; judge refit leave-one-story-out, at the fixed
# thresholds warm 0.35 cold 0.45 from fics strict / lenient 0.626 / 0.718, micro-pooled lenient 0.732,
# novels 0.673 / 0.726): a record for a pair below MIN_SHARED whose one moment is the source's own --
# their quote to or about the target: 0.618 / 0.709, pooled 0.723 (+100 fic records; pirate_crew
# .63 -> .70 up, body_swap, enemies_to_lovers, haunted_house, lowercase_tumblr, poetry_prose,
# same_names down); a narrated sentence with the source a subject: 0.616 / 0.708, pooled 0.723
# (+200 records; chat_rpg, cultivation_sect, pirate_crew up, fake_dating .50 -> .36, same_names
# .52 -> .36 down); a shared moment with a rule cue of this direction: 0.619 / 0.712, pooled 0.726
# (+8 records; ensemble_party up, four down).  The gold pairs the new records cover (of the 24
# no-record misses held out, 3 by the quote row, 2 by the subject row, none by the cue row) are
# judged none at 0.84-0.97: one quote or sentence leaves every share, rank and reading feature
# near its floor, and mostly no unit of theirs covers the gold evidence
# (the rest of the 24 are coreference's: a pronoun in talk of an absent person left unresolved or
# given to the speaker's neighbour, a name of unknown gender, a transcript's redacted speaker).
# Measured and dropped (issue 16, session 20, on 7cd9b00; held out from fics pooled strict / lenient
# 0.652 / 0.741, mean 0.640 / 0.731, novels 0.611 / 0.722, chosen warm 0.375 cold 0.65): MIN_SHARED 3
# (the many two-moment pairs with no feeling, 187 of 220 records, as noise): chosen 0.275 / 0.5 0.648
# / 0.732, at 0.375 / 0.65 0.643 / 0.726 (4 up / 9 down: slow_reveal_villain .60 -> .22), novels
# 0.646 / 0.701 -- 33 gold warm or cold records have two moments; the false verdicts have more.
MIN_SHARED = 2
# At most this many of the most mentioned characters take part (a novel has hundreds of
# names; the feelings readers tag are among its people who matter).
MAX_CHARACTERS = 40

BASE_FEATURES = (
    "bias",
    # how the two share the story
    "cooc_sentences", "cooc_paragraphs", "cooc_share",
    "talk_to", "talk_from", "talk_about", "talked_about_by",
    "acts_on", "acted_on_by",
    "share_source", "share_target", "rank_source", "rank_target", "narrator_source", "narrator_target",
    "partner_rank_source", "partner_rank_target", "of_source_sentences", "of_target_sentences", "story_size",
    # words around them (counts of the word classes below in shared sentences and in speech)
    "romance_words", "family_words", "hostile_words", "care_words",
    # the tone of what they share (VADER compound in [-1, 1])
    "tone_mean", "tone_warm", "tone_cold", "speech_tone", "speech_warm", "speech_cold",
    # the rule cues, this direction and the other
    "rule_romantic", "rule_affection", "rule_dislike", "rule_hatred", "rule_denied", "rule_past",
    "rule_implied", "rule_stated", "rule_claimed", "rule_refuted",
    "back_positive", "back_negative",
    "rule_relation_positive", "rule_relation_negative", "rule_relation_past", "rule_confidence",
    # who leads the point of view: how often each is a subject, against the most frequent subject
    "pov_source", "pov_target",
    # how much of the story's feeling the cues already name, for a pair they leave silent
    # (``cue_coverage``)
    "cued_story",
)
# The sentence reader's verdicts (stage ``sentence_reader``), this direction and the other:
# computed by ``reader_values`` so training can recompute them with a held-out reader.
READ_FEATURES = (
    "read_units", "read_warm_max", "read_warm_sum", "read_warm_top", "read_cold_max", "read_cold_sum",
    "read_cold_top", "read_warm_back", "read_cold_back", "read_warm_lead", "read_cold_lead",
    "read_romantic_sum", "read_romantic_share",
)
# Taken out (issue 16, session 17, so that a refit of the speaker model no longer moves the judge through
# them): read_speaks_warm / read_speaks_cold, the warmth and coldness the sentence reader finds in the
# experiencer's own quotes, hang on who the speaker model says spoke each
# quote, and a speaker refit (41d89e4: 455c591's model against the shipped one) moved read_speaks_warm in 1,211
# of 1,613 records (with the held-out reader's refit); what they say is in read_warm_* / read_cold_* and
# read_warm_owned as well. Measured (the polarity model fitted with the two held at 0) with the judge refit
# leave-one-story-out at warm 0.35 / cold 0.45 on 9daa0ec,
# on the records of three speaker models (shipped 41d89e4, 455c591, ceaa93c), fics pooled strict / lenient
# with -> without them: shipped 0.639 / 0.722 -> 0.647 / 0.727 (slow_reveal_villain .40 -> .60,
# enemies_to_lovers .50 -> .55, fake_dating .46 -> .50, ensemble_party .80 -> .84 lenient up; subtext_only .67
# -> .57 down), 455c591's 0.645 / 0.729 -> 0.643 / 0.727 (idol_group .84 -> .80, lowercase_tumblr .83 -> .77
# down), ceaa93c's 0.642 / 0.726 -> 0.646 / 0.728; mean of the three 0.642 / 0.726 -> 0.646 / 0.727, and pooled
# lenient across the three speaker models spread 0.007 -> 0.002; novels 0.673 / 0.726 unchanged.
# Measured and dropped in the same way (mean of the three speaker models, pooled strict / lenient from 0.642 /
# 0.726): the share features counted over narration mentions only (no I / you / me of a quote linked to its
# speaker or addressee) 0.640 / 0.720 on two models; over all but first and second person in quotes 0.635 /
# 0.718 on two; log1p(mentions) / log1p(top) 0.635 / 0.718 on two; share_* held 0 0.636 / 0.718 on two;
# read_warm_lead / read_cold_lead held 0, 0.642 / 0.725; talk_about / talked_about_by held 0, 0.638 / 0.724;
# talk_to / talk_from without the quotes whose addressee is the scene's only other person (a guess), 0.643 /
# 0.725 (idol_group .14 apart between models); speech_tone / speech_warm / speech_cold held 0 beside these
# two, 0.634 / 0.716, novels 0.673 / 0.726 -> 0.646 / 0.646 (VADER on the quotes carries signal).
# Between two speaker models only 2 to 8 of ~1,600 records change verdict in any variant: the swing is
# pairs at a threshold (a warm probability of 0.503 against 0.500 at LONE_WARM), not one feature's drift.
# Counted, not built (issue 16, session 15, on e83d370): how the readings are gathered per pair is not
# where the held-out misses lie.  Ranking the fics' gold warm pairs above pairs with no feeling (850
# pairs with a record, held-out reader), read_warm_max gives AUC 0.80, the mean 0.63, and every sum
# or top -- top-3 (read_warm_top) 0.83, top-2, the sum, the sum of squares, the sum of odds, the sum
# above 0.1 / 0.2 / 0.3, the chance that at least one unit is warm (1 - prod(1 - p)) -- 0.82 to 0.83;
# for hostile pairs 0.72 to 0.76 (read_cold_top 0.76).
# Measured and dropped (issue 16, session 18, on 8289cf8, held out fics pooled strict / lenient 0.645 /
# 0.726 at warm 0.275 cold 0.65): the sums (``read_*_sum``, ``read_*_lead``) over each unit's excess above
# a base level, sum(max(0, p - c)), so a pair's many lukewarm units do not add up to a feeling: c 0.2 for
# warm and cold 0.639 / 0.721 (1 up / 5 down); re-chosen thresholds move to warm 0.325 cold 0.35, 0.651 /
# 0.733 (7 up / 3 down against the baseline's 0.643 / 0.726 there), but at warm 0.3 cold 0.5 0.645 / 0.726
# against 0.646 / 0.727 (1 up / 3 down): a threshold's move, not a gain; cold only, c 0.2: 0.639 / 0.721
# (chosen 0.650 / 0.732 at 0.325 / 0.35); c 0.1 for both 0.644 / 0.725 (1 down).
# The top-3 means over each unit's net reading (read_warm_top over max(0, warm - cold), read_cold_top the
# other way, so a unit read both ways counts for neither): 0.642 / 0.723, novels 0.690 / 0.746 -> 0.667 /
# 0.722 (fics 1 up / 3 down: found_family_ship .84 -> .78), the same at re-chosen thresholds.
# Measured and dropped (issue 16, session 16, on 7b3208b, the 27 held-out direction errors: 18
# FN-reverse-found, 9 FP-judge-reverse; held out at warm 0.35 / cold 0.45 from fics 0.626 / 0.718
# strict / lenient, pooled lenient F 0.732, novels 0.673 / 0.726 unchanged by all): the reader's
# verdict on a unit against the same unit read the other way (a sentence or quote is read once per
# direction), as the pair's best margin ``read_warm_edge`` / ``read_cold_edge`` (max of this
# reading's warmth minus the mirror's): 0.622 / 0.712, pooled 0.725; the warm margin alone 0.621 /
# 0.714, pooled 0.728; the warmest (coldest) unit read at least 0.1 warmer (colder) this way than the
# other: 0.621 / 0.714, pooled 0.726.  Readings of the target's own words (``Q:speaker=T``) left out
# of every reader feature: 0.623 / 0.716, pooled 0.730.  ``read_warm_lead`` / ``read_cold_lead``
# held at 0: 0.625 / 0.718, pooled 0.732 -- the leads carry nothing held out.  All 18 misses are
# pairs the gold relates both ways (15 required, 3 optional): the weaker side's evidence is thin or
# read lukewarm (2 of them a quote credited to the wrong speaker), not a unit read the wrong way
# round; the 9 false ones are one-sided feelings the judge took as returned.
# How late in the story the two still share a unit (issue 16, session 20, helper mutual: the mutual
# bonds the judge held under its bar): the feelings asked for are the ones held at the end, and a pair the
# story keeps showing together to its close (the couple at the wedding, the friends in the last scene)
# holds one far oftener than a pair whose scenes end early (a suspect questioned in chapter two, a guest
# gone by the dessert).  ``read_late``: the log of 1 + the pair's units each weighed by how near the end it
# starts, exp(-(1 - position) / LATE_SCALE), the position a share of the story's extent (the end of its
# last unit of any pair); from the readings, as the other reader features, so a training cache
# recomputes it.  Measured held out on 7cd9b00 (judge refit per story, fresh cache; thresholds chosen
# warm 0.375 / cold 0.65 as before): fics pooled strict / lenient 0.652 / 0.741 -> 0.669 / 0.755, mean
# 0.640 / 0.731 -> 0.652 / 0.740, lowest .43 -> .46, novels 0.611 / 0.722 unchanged; 11 up (idol_group
# .74 -> .84, wattpad_style .57 -> .71, noir_detective .74 -> .82, unreliable_gossip .44 -> .53,
# long_multichapter .91 -> 1.0), 6 down (cultivation_sect .73 -> .60, secret_identity .91 -> .80,
# soulmate_marks .77 -> .67, reader_cafe .89 -> .82, chat_rpg, fake_dating).  Better than the baseline at
# every warm threshold from 0.25 to 0.45 (cold 0.65).  The scale was picked among three and the form among
# several, so part of the gain is the pick: LATE_SCALE 0.05 / 0.2 give 0.649 / 0.739 and 0.658 / 0.743 at
# 0.375 / 0.65 (best grid points 0.661 / 0.746 and 0.660 / 0.745); a hard cut, the log count of units from
# 0.67 / 0.8 / 0.9 / 0.95 of the extent on, 0.644 / 0.728, 0.654 / 0.743, 0.659 / 0.749, 0.642 / 0.731;
# where the pair's last unit starts (share of the extent) alone 0.649 / 0.735 (best 0.652 / 0.739), beside
# the 0.8 count 0.646 / 0.732 (best 0.661 / 0.745, cultivation_sect .73 -> .40).
# How much of it holds (session 20, helper latecheck, fb3aaee's cache; bench/train_judge.py --drop-others 2
# --seed 1/2/3, each story's judge trained without two more stories, the same draws for every variant):
# fics pooled strict / lenient at 0.375 / 0.65 without -> with read_late 0.647 / 0.740 -> 0.657 / 0.746,
# 0.648 / 0.742 -> 0.658 / 0.747, 0.642 / 0.734 -> 0.655 / 0.744: the paired gain +0.010..0.013 strict,
# +0.005..0.010 lenient (unperturbed +0.017 / +0.014): two thirds (strict) to half (lenient) of it holds,
# the rest the luck of the fit; at each side's own best grid point +0.015..0.018 / +0.009..0.010
# (unperturbed +0.010 / +0.008; the bench keeps 0.375 / 0.65 there, within KEEP_MARGIN).  Up in every
# draw: long_multichapter, pirate_crew, script_format, noir_detective, time_travel; down in every one:
# cultivation_sect (-.13), secret_identity, soulmate_marks.  Two pre-registered forms that pick no scale,
# each measured once, mean over the four runs at 0.375 / 0.65 and at the thresholds chosen with those as
# incumbent: 0.05 and 0.2 side by side 0.653 / 0.745 and 0.660 / 0.749; one feature, the mean of the 0.1
# and 0.2 logs, 0.658 / 0.746 and 0.663 / 0.751; 0.1 alone 0.660 / 0.748 and 0.663 / 0.751 (without
# 0.647 / 0.739): neither beats 0.1 alone, which stays.
LATE_FEATURES = ("read_late",)
LATE_SCALE = 0.1
# The features the judge's polarity model reads.
MODEL_FEATURES: tuple[str, ...] = BASE_FEATURES + READ_FEATURES + LATE_FEATURES
# What the whole story says the two are (stage ``kinship``): family ("her brother", "Night,
# Mum") or friends ("his best friend").  Family is not romance: the judge applies it as a
# rule (``judge.family_kind``).  Measured leave-one-story-out as features of the polarity
# model and of the kind model they lowered the held-out F1 (the kin rules' misreadings, a
# "his dad" resolved to the wrong person, weigh more there than in the rule), so no model reads them.
KIN_FEATURES = ("kin_stated", "friends_stated")
# What speaks of the kind of a warm bond beyond the pair's own cues: the author's declared
# pairings ("A/B" romantic, "A & B" platonic; ``declared_story`` where the header declares any,
# so an undeclared pair of a tagged story reads as such), a partner noun linking the two ("her
# girlfriend"), and the other direction's cues by kind (a kiss returned).
KIND_FEATURES = ("declared_romantic", "declared_platonic", "declared_story", "couple_stated",
                 "back_romantic", "back_affection", "back_dislike", "back_hatred")
# What the scenes the two share show beyond their shared sentences (``ATTENTION_CLASSES``), read
# by the warm kind model only: romance shown where the point of view dwells on someone ("Her
# cheeks burned. Dario was still smiling at her.": the blush and the one who caused it sit in
# two sentences of one paragraph), a guidance bond's nouns ("her master", "his pupil") in the
# sentences the two share, and how far each is the other's first partner in the story (measured:
# bench/train_judge.py beside WARM_KIND_FEATURES).  Measured and dropped: the share of the two's
# shared paragraphs that name no one else (a couple's scenes alone, a friend's in company): held
# out fics strict 0.570 -> 0.568 beside these, same_names down, none up; alone 0.559 -> 0.555.
# Measured and dropped (issue 17, a pair-level romance reading, on d88c431, held out at warm 0.325
# cold 0.6 from fics strict / lenient 0.570 / 0.658, novels 0.600 / 0.722), as warm kind features:
# "romance_cues", phrase rows of romance-scene behaviour a lemma class cannot hold (held or laced
# hands, a racing heart, a look at the lips, a blush, a date, "more than friends", jealousy, a caught
# breath) counted over the paragraphs both are named in, the same both ways: fics 0.564 / 0.658,
# novels 0.667 / 0.722 (found_family_ship .60 -> .50, poetry_prose .40 -> .27 strict down,
# northanger_abbey .53 -> .67 up); counted over those paragraphs and the ones either side, with a
# blush to the ears, a hand not let go and a heart sign: fics 0.563, novels 0.600
# (jealousy_misdirection .80 -> .67, poetry_prose down, none up).  The rows fire 25 to 52 times in
# the 39 fics, as often on a nurse's or a grandmother's held hand as on a lover's.  Beside it
# "romance_tagged", the header's additional tags calling the work a romance (Slow Burn, Pining,
# Friends to Lovers): fics 0.555 / 0.657 (unreliable_gossip .40 -> .10, secret_identity .62 -> .46,
# haunted_house, jealousy_misdirection, sense_and_sensibility down; poetry_prose up): fitted, it
# lowers romance (a tagged story's undeclared pairs are friends), a proxy of the dev headers.
# Also dropped, "partner_free": partner_mutual where neither of the two shows romance with a third
# person (a current romantic cue either way, the author's "A/C", a partner noun), else 0 (one
# romance at a time: the free closest pair as the likeliest couple): fics 0.562 / 0.658, novels
# unchanged; poetry_prose .40 -> .53 up, unreliable_gossip .40 -> .20, volleyball_nicknames .53 ->
# .40, wattpad_style .57 -> .48 strict down.  Held out, kind confusions (gold romance read as
# affection / affection read as romance) 20 / 8 at base: 21 / 9 with the widened romance_cues,
# 20 / 12 with partner_free (it makes close friends lovers).  Of the 20, 17 have no romance cue,
# romance_scene word or declared pairing either way: the romance lies in subtext no row names (a
# foot touched under a table, ears gone red, a jumper borrowed); a leave-one-story-out kind model
# on the gold warm pairs ranked all three candidates up, the judge's held-out view did not.
# ``blush_for`` (``BLUSH_ROWS``) is read by no model: ``judge.blush_kind`` applies it as a rule.
ATTENTION_FEATURES = ("romance_scene", "mentor_words", "partner_mutual", "blush_for")
# Warmth the experiencer owns (issue 15, warm verdicts on pairs the gold leaves empty), read by
# ``judge.decide``'s floor only: the best reading among the units of this direction where the
# experiencer holds the attitude -- their own words to or about the target, or a narrated sentence
# where they are a subject, the narrator, or the subject of the verb that links them to the target
# ("Ilsabet watched him go", "Ilsabet and Corvin were married in June"; not "Corvin handed her the
# map", not "'Ilsabet is a dear,' Corvin said"; ``owns``).  Two people who share scenes read warm
# where a third person's feeling or the target's act is the warm thing; one who cares shows it in
# units of their own.  Measured and
# dropped as features of the polarity model (issue 15, on f252d29, held out at fixed thresholds warm
# 0.3 cold 0.35 from fics 0.600 / 0.697 strict / lenient, novels 0.576 / 0.743): this maximum 0.596 /
# 0.696 (slow_reveal_villain .77 -> .67 down); the share of the pair's quotes that are questions (an
# interrogation, an interview) 0.598 / 0.697; the share of the experiencer's own quotes that are
# questions 0.600 / 0.699, novels 0.557 / 0.721; the share of units naming a third person 0.592 /
# 0.692; the share of narrated units with no verb linking the two 0.597 / 0.696; units whose linking
# verb is the experiencer's gaze, care, memory, touch... (ETcls) 0.597 / 0.690, the target's (TEcls)
# 0.597 / 0.693; units with the experiencer the subject of a verb of thought (think, remember, miss)
# 0.596 / 0.695; as sentence-reader marks, "no linking verb" 0.601 / 0.693, "a third person named"
# 0.594 / 0.694.  Among the judge's held-out warm verdicts on pairs without a rule relation (98
# right, 66 wrong), none of these ranks right above wrong better than AUC 0.58 (read_warm_top: 0.64).
# Measured and dropped (session 13, on 3feb6df), narrower owned roles in ``owns``: a narrated sentence
# where the target is the subject of a clause of its own and no verb links the two ("Tam laughs at
# something Odile said") not the experiencer's: shipped fics lenient / strict 0.758 / 0.659 -> 0.744 /
# 0.647 (tp 232 -> 223, fp 115 -> 104; 7 stories up, 9 down: cultivation_sect, enemies_to_lovers,
# pirate_crew, poetry_prose, subtext_only down); only where the experiencer is the subject of "be"
# alone ("Odile is tall, and Tam ..."): nothing moved; of "be" or a reporting verb (say, tell, ask,
# write): only lowercase_tumblr moved (.77 -> .83 shipped, .71 -> .77 held out), a one-story rule.
OWNED_FEATURES = ("read_warm_owned",)
FEATURES: tuple[str, ...] = (BASE_FEATURES + READ_FEATURES + KIN_FEATURES + KIND_FEATURES + ATTENTION_FEATURES
                             + OWNED_FEATURES + LATE_FEATURES)
# Word classes for ``ATTENTION_FEATURES``: general English, each a lemma list with an invented example.
ATTENTION_CLASSES = {
    # "her cheeks flushed", "his heart stuttered", "she couldn't stop staring": romance shown on
    # the body, counted in the paragraphs both are named in
    "romance_scene": frozenset("""kiss lips blush flush redden heartbeat flutter swoon stare gaze ogle crush flirt
        date darling sweetheart beloved lover cuddle snuggle nuzzle caress embrace breathless""".split()),
    # "the master corrected her stance", "his favourite pupil": guidance and care across ranks
    "mentor_words": frozenset("""master disciple teacher student mentor apprentice pupil tutor protege
        shifu sensei senpai senior junior elder""".split()),
}
# A blush and whom it is for (``blush_for``, applied by ``judge.blush_kind``): the one who blushes
# feels it, for the others named in the nearest of its sentence, its paragraph and the paragraph
# before (the line that caused it is often the paragraph before: "'You spent six hours.' / Ivo's
# ears had gone pink."), shared among them.  Unlike the symmetric ``romance_scene`` it has a
# direction, and it reads the blush no lemma names ("turned scarlet, ears and all").  A blush said
# in a quote is left out.  Rows: (id, the words, what must stand near them, whose blush it is, example).
@dataclass(frozen=True)
class BlushRow:
    id: str
    words: frozenset[str]
    near: frozenset[str]  # a word of these within BLUSH_WINDOW tokens in the sentence; empty: none needed
    owner: str  # "subject": the word's subject; "part": the body part's possessor, else the sentence's subject
    example: str


# Looked at in the dev stories and not built (issue 15, kind): a hand "did not let go" (7 fires, 5
# romances, but its owner is rarely a parsed subject: a hand or a "who" holds on); a pledge (evidence's
# _PLEDGE, "would swim a river for him": 2 romances, 3 friendships); a vow of harm as hatred ("I'll
# end him": 14 of 15 fires are jokes).
BLUSH_WINDOW = 6
BLUSH_ROWS: tuple[BlushRow, ...] = (
    BlushRow("blush:verb", frozenset("blush flush redden colour color".split()), frozenset(), "subject",
             "Tam blushed and looked at the floor."),
    BlushRow("blush:part", frozenset("ear ears cheek cheeks face neck".split()),
             frozenset("red pink crimson scarlet hot burn burning colour color flush redden pinker redder".split()),
             "part", "The tips of Ivo's ears went pink. / Tam turned scarlet, ears and all."),
)
# How many of a direction's best readings a record keeps as candidate evidence, per polarity.
READINGS_KEPT = 3


# Word classes whose presence around two people tells what kind of bond it is.  General
# English only: each is a lemma list with an invented example of the use it stands for.
WORD_CLASSES = {
    # "she kissed him goodnight", "their first date"
    "romance_words": frozenset("""kiss lips blush flush date boyfriend girlfriend husband wife marry married
        wedding lover darling sweetheart crush flirt romance romantic beloved fiance fiancee honeymoon
        heartbeat""".split()),
    # "her little brother", "Mum hugged him"
    "family_words": frozenset("""mother father mum mom dad mam ma pa sister brother son daughter aunt uncle
        cousin gran granny grandma grandpa grandmother grandfather niece nephew sibling family twin
        parent""".split()),
    # "he sneered at her", "a threat"
    "hostile_words": frozenset("""sneer glare snap snarl hiss threaten threat insult mock scorn spit shove
        slap punch hit curse rival enemy liar traitor betray contempt revenge sabotage""".split()),
    # "she tucked the blanket round him", "saved him a seat"
    "care_words": frozenset("""hug hold squeeze tuck blanket gently softly protect worry comfort help
        save share thank grateful promise trust carry steady smile grin laugh""".split()),
}



# lemma -> the classes of ``WORD_CLASSES`` and ``ATTENTION_CLASSES`` it is in: one lookup per token
# of the story instead of one per class
_CLASSES_OF: dict[str, tuple[str, ...]] = {}
for _name, _members in (*WORD_CLASSES.items(), *ATTENTION_CLASSES.items()):
    for _lemma in _members:
        _CLASSES_OF[_lemma] = _CLASSES_OF.get(_lemma, ()) + (_name,)

@dataclass(frozen=True)
class Moment:
    """A sentence two characters share, with its tone: a candidate piece of evidence."""

    start: int
    end: int
    scene: int
    tone: float
    source_speaks: bool  # a quote of the source's, said to or about the target


@dataclass(frozen=True)
class PairRecord:
    source: str
    target: str
    values: tuple[float, ...]  # in the order of FEATURES
    moments: tuple[Moment, ...]  # the warmest and coldest shared sentences, in text order
    readings: tuple[Reading, ...] = ()  # the sentence reader's warmest and coldest readings, in text order

    def feature(self, name: str) -> float:
        return self.values[FEATURES.index(name)]


@lru_cache(maxsize=1)
def _analyzer():
    from .vader import FastAnalyzer
    return FastAnalyzer()  # VADER's scores, each sentence's words lower-cased once (see .vader)


@lru_cache(maxsize=16384)
def tone(text: str) -> float:
    """VADER's compound valence of a sentence, -1 (cold) to 1 (warm).  Kept per text: the pair
    records and the sentence reader read many of the same sentences and quotes (a novel: 5,500
    calls, 4,000 texts).  (A text with no word of VADER's lexicon scores 0 without a word-by-word
    pass: ``FastAnalyzer`` passes over such words itself.)"""
    return float(_analyzer().polarity_scores(text)["compound"])


def _log(n: float) -> float:
    return math.log1p(max(0.0, n))


class _Presence:
    """Where each character is present: sentences, paragraphs, subjects."""

    def __init__(self, document: Document, index: TokenIndex, mentions: Mentions, links: dict[int, str]):
        self.sentences: dict[str, set[int]] = defaultdict(set)
        self.subject_sentences: dict[str, set[int]] = defaultdict(set)
        self.in_quote: dict[int, set[str]] = defaultdict(set)  # quote index -> characters spoken of
        self.mentions: Counter[str] = Counter()
        self.at_token: dict[int, str] = {}  # head token of a narration mention -> its character
        for m in mentions.items:
            cid = links.get(m.index)
            if cid is None:
                continue
            self.mentions[cid] += 1
            if m.quote is not None:
                if m.person == 3:
                    self.in_quote[m.quote].add(cid)
                continue
            self.sentences[cid].add(m.sentence)
            head = index.head_of(m)
            if head is not None:
                self.at_token[head.index] = cid
            if is_subject(head):
                self.subject_sentences[cid].add(m.sentence)
        self.paragraphs: dict[str, set[int]] = {
            cid: {document.sentences[s].paragraph for s in ss} for cid, ss in self.sentences.items()}


def _blush_owner(document: Document, presence: _Presence, tok: Token, row: BlushRow) -> str | None:
    """Whose blush ``tok`` shows (see ``BLUSH_ROWS``), or None."""
    sent = document.sentences[tok.sentence]
    tokens = document.tokens[sent.first_token:sent.last_token]
    if row.near and not any(t.lemma.lower() in row.near or t.text.lower() in row.near for t in tokens
                            if t.index != tok.index and abs(t.index - tok.index) <= BLUSH_WINDOW):
        return None
    if row.owner == "part":
        for t in tokens:
            if t.head == tok.index and t.dep == "poss" and t.index in presence.at_token:
                return presence.at_token[t.index]
    subjects = [t for t in tokens if t.dep in ("nsubj", "nsubjpass") and t.index in presence.at_token]
    if row.owner == "subject":
        subjects = [t for t in subjects if t.head == tok.index]
    return presence.at_token[subjects[0].index] if subjects else None


def _blushes(document: Document, presence: _Presence,
             speakers: tuple[Quote, ...]) -> defaultdict[tuple[str, str], float]:
    """(one who blushes, one it is for) -> how many blushes: the others named in the nearest of the
    blush's sentence, its paragraph and the paragraph before, a blush shared among them.  A blush
    said in a quote ("your ears went red") is left out: its owner is the narration's to find."""
    quoted = sorted((q.start, q.end) for q in speakers)
    by_word = {w: row for row in BLUSH_ROWS for w in row.words}
    in_sentence: dict[int, set[str]] = defaultdict(set)
    in_paragraph: dict[int, set[str]] = defaultdict(set)
    for cid, sentences in presence.sentences.items():
        for i in sentences:
            in_sentence[i].add(cid)
            in_paragraph[document.sentences[i].paragraph].add(cid)
    out: defaultdict[tuple[str, str], float] = defaultdict(float)
    for tok in document.tokens:
        row = by_word.get(tok.lemma.lower()) or by_word.get(tok.text.lower())
        if row is None or (row.owner == "subject" and tok.pos != "VERB"):
            continue
        at = bisect.bisect_right(quoted, (tok.start, math.inf)) - 1
        if at >= 0 and quoted[at][0] <= tok.start < quoted[at][1]:
            continue
        owner = _blush_owner(document, presence, tok, row)
        if owner is None:
            continue
        p = document.sentences[tok.sentence].paragraph
        for scope in (in_sentence[tok.sentence], in_paragraph[p], in_paragraph[p - 1]):
            others = sorted(scope - {owner})
            if others:
                for other in others:
                    out[(owner, other)] += 1 / len(others)
                break
    return out


def _rule_sums(evidence: tuple[Evidence, ...]) -> dict[tuple[str, str], defaultdict[str, float]]:
    """Evidence weights (floats) per pair, by kind, by how, and by sign."""
    sums: dict[tuple[str, str], defaultdict[str, float]] = defaultdict(lambda: defaultdict(float))
    for e in evidence:
        c = sums[(e.experiencer, e.target)]
        if e.refuted:
            c["refuted"] += e.weight
            continue
        if e.how == "denied":
            c["denied"] += e.weight
            continue
        if e.negated or e.question:
            continue
        if e.past:
            c["past"] += e.weight
            continue
        c[e.kind] += e.weight
        c[e.how] += e.weight
        c["positive" if polarity(e.kind) > 0 else "negative"] += e.weight
    return sums


def _top(values: list[float], n: int = 3) -> float:
    best = sorted(values, reverse=True)[:n]
    return sum(best) / n if best else 0.0


def owns(reading: Reading) -> bool:
    """Whether the experiencer holds the attitude of ``reading``'s unit (``OWNED_FEATURES``): it is
    their quote, or a narrated sentence with them the narrator, a subject (or a subject's conjunct:
    "Ilsabet and Corvin were married"), or the subject of the verb linking them to the target.  A
    unit where they are only spoken to, spoken of or acted on is not theirs."""
    features = reading.features
    if "Q:speaker=E" in features:
        return True
    if reading.unit != "sentence":
        return False
    return ("E:narrator" in features or "E:nsubj" in features or "E:conj" in features
            or any(f.startswith("ET:") for f in features))


def reader_values(readings: tuple[Reading, ...]) -> dict[tuple[str, str], tuple[dict[str, float], tuple[Reading, ...]]]:
    """Per ordered pair: the ``READ_FEATURES`` values and the best readings to show."""
    by_pair: dict[tuple[str, str], list[Reading]] = defaultdict(list)
    for r in readings:
        by_pair[(r.source, r.target)].append(r)
    extent = max((r.end for r in readings), default=1) or 1
    out = {}
    for (a, b), mine in by_pair.items():
        back = by_pair.get((b, a), [])
        warm = [r.warm for r in mine]
        cold = [r.cold for r in mine]
        warm_back = [r.warm for r in back]
        cold_back = [r.cold for r in back]
        values = {
            "read_units": _log(len(mine)),
            "read_warm_max": max(warm),
            "read_warm_sum": _log(sum(warm)),
            "read_warm_top": _top(warm),
            "read_cold_max": max(cold),
            "read_cold_sum": _log(sum(cold)),
            "read_cold_top": _top(cold),
            "read_warm_back": max(warm_back, default=0.0),
            "read_cold_back": max(cold_back, default=0.0),
            "read_warm_lead": _log(sum(warm)) - _log(sum(warm_back)),
            "read_cold_lead": _log(sum(cold)) - _log(sum(cold_back)),
            "read_romantic_sum": _log(sum(r.romantic for r in mine)),
            "read_romantic_share": sum(r.romantic for r in mine) / max(1e-3, sum(warm)),
            "read_warm_owned": max((r.warm for r in mine if owns(r)), default=0.0),
            "read_late": _log(sum(math.exp(-(1 - r.start / extent) / LATE_SCALE) for r in mine)),
        }
        best = sorted(mine, key=lambda r: (-r.warm, r.start))[:READINGS_KEPT]
        best += sorted(mine, key=lambda r: (-r.cold, r.start))[:READINGS_KEPT]
        kept = tuple(sorted(set(best), key=lambda r: (r.start, r.end, r.unit)))
        out[(a, b)] = (values, kept)
    return out


_NO_READING: tuple[dict[str, float], tuple[Reading, ...]] = (
    {f: 0.0 for f in READ_FEATURES + OWNED_FEATURES + LATE_FEATURES}, ())


def with_readings(records: tuple[PairRecord, ...], readings: tuple[Reading, ...]) -> tuple[PairRecord, ...]:
    """``records`` with their sentence-reader features recomputed from ``readings`` (training
    scores the readings with a reader that never saw the story)."""
    read = reader_values(readings)
    base = len(BASE_FEATURES)
    rest = base + len(READ_FEATURES)
    # the features between the reader's two groups (a record made before OWNED_FEATURES existed,
    # as a training cache keeps it, ends there)
    end = rest + len(KIN_FEATURES) + len(KIND_FEATURES) + len(ATTENTION_FEATURES)
    out = []
    for rec in records:
        values, kept = read.get((rec.source, rec.target), _NO_READING)
        row = (rec.values[:base] + tuple(float(values[f]) for f in READ_FEATURES) + rec.values[rest:end]
               + tuple(float(values[f]) for f in OWNED_FEATURES + LATE_FEATURES))
        out.append(PairRecord(rec.source, rec.target, row, rec.moments, kept))
    return tuple(out)


@stage("pair_features", needs=("document", "mentions", "cast", "links", "speakers", "evidence", "rule_relations",
                               "sentence_readings", "kinship"),
       produces="pair_features")
def pair_features(document: Document, mentions: Mentions, cast: Cast, links: Coreference,
                  speakers: tuple[Quote, ...], evidence: tuple[Evidence, ...],
                  rule_relations: tuple[Relation, ...],
                  sentence_readings: tuple[Reading, ...] = (),
                  kinship: Kinship | None = None) -> tuple[PairRecord, ...]:
    """A feature record for every ordered pair among the characters who matter."""
    link = dict(links.links)
    index = TokenIndex(document)
    presence = _Presence(document, index, mentions, link)
    ranked = sorted((c for c in cast.characters if presence.mentions[c.id] >= MIN_MENTIONS),
                    key=lambda c: (-presence.mentions[c.id], c.id))[:MAX_CHARACTERS]
    if len(ranked) < 2:
        return ()
    top = presence.mentions[ranked[0].id]
    rank = {c.id: i for i, c in enumerate(ranked)}
    narrator = {c.id for c in cast.characters if "I" in c.aliases}
    sentence_words: list[Counter[str]] = [Counter() for _ in document.sentences]
    paragraph_words: Counter[int] = Counter()  # paragraph -> romance shown in it (ATTENTION_CLASSES)
    for tok in document.tokens:
        for cls in _CLASSES_OF.get(tok.lemma.lower(), ()):
            sentence_words[tok.sentence][cls] += 1
            if cls == "romance_scene":
                paragraph_words[document.sentences[tok.sentence].paragraph] += 1
    partners = {a.id: sorted((b.id for b in ranked if b.id != a.id),
                             key=lambda b: (-len(presence.sentences[a.id] & presence.sentences[b]), rank[b]))
                for a in ranked}
    story_size = math.log10(max(1000, document.story.words) / 1000)
    pov_top = max(1, max(len(presence.subject_sentences[c.id]) for c in ranked))
    read = reader_values(sentence_readings)

    quote_words: dict[int, Counter[str]] = {}
    quote_sentences: dict[int, list[int]] = {}
    for q in speakers:
        quote_sentences[q.index] = sorted({t.sentence for t in index.span(q.start, q.end)})
        quote_words[q.index] = sum((sentence_words[i] for i in quote_sentences[q.index]), Counter())

    talk: Counter[tuple[str, str]] = Counter()
    about: Counter[tuple[str, str]] = Counter()
    speech_tones: dict[tuple[str, str], list[tuple[float, Quote]]] = defaultdict(list)
    for q in speakers:
        if not q.speaker:
            continue
        spoken_of = presence.in_quote.get(q.index, set())
        heard = {q.addressee} if q.addressee else set()
        if not heard and not spoken_of:
            continue
        t = tone(q.text[:600])
        for other in heard:
            talk[(q.speaker, other)] += 1
            speech_tones[(q.speaker, other)].append((t, q))
        for other in spoken_of - heard - {q.speaker}:
            about[(q.speaker, other)] += 1
            speech_tones[(q.speaker, other)].append((t, q))

    sentence_tone: dict[int, float] = {}

    def tone_of(s: int) -> float:
        if s not in sentence_tone:
            sentence_tone[s] = tone(document.sentence_text(s)[:600])
        return sentence_tone[s]

    rules = _rule_sums(evidence)
    relations = {(r.source, r.target): r for r in rule_relations}
    in_speech = speech_moments(mentions, link, speakers, quote_sentences, speech_tones)
    blushes = _blushes(document, presence, speakers)
    records = []
    for a in ranked:
        for b in ranked:
            if a.id == b.id:
                continue
            sa, sb = presence.sentences[a.id], presence.sentences[b.id]
            shared = sorted(sa & sb)
            spoken = speech_tones.get((a.id, b.id), [])
            r = rules.get((a.id, b.id), defaultdict(float))
            moments_shared = set(shared).union(*(quote_sentences[q.index] for _, q in spoken))
            moments_shared |= in_speech.get((a.id, b.id), set())
            if len(moments_shared) < MIN_SHARED:
                continue
            paragraphs = presence.paragraphs.get(a.id, set()) & presence.paragraphs.get(b.id, set())
            tones = [tone_of(s) for s in shared]
            acts = len(presence.subject_sentences[a.id] & sb)
            acted = len(presence.subject_sentences[b.id] & sa)
            back = rules.get((b.id, a.id), defaultdict(float))
            rel = relations.get((a.id, b.id))
            live = rel is not None and rel.current
            words: Counter[str] = Counter()
            for sent in shared:
                words.update(sentence_words[sent])
            for _, q in spoken:
                words.update(quote_words[q.index])
            values = {
                "bias": 1.0,
                "partner_rank_source": 1 / (1 + partners[a.id].index(b.id)),
                "partner_rank_target": 1 / (1 + partners[b.id].index(a.id)),
                "of_source_sentences": len(shared) / max(1, len(sa)),
                "of_target_sentences": len(shared) / max(1, len(sb)),
                "story_size": story_size,
                **{cls: _log(words[cls]) for cls in WORD_CLASSES},
                "cooc_sentences": _log(len(shared)),
                "cooc_paragraphs": _log(len(paragraphs)),
                "cooc_share": len(shared) / max(1, min(len(sa), len(sb))),
                "talk_to": _log(talk[(a.id, b.id)]),
                "talk_from": _log(talk[(b.id, a.id)]),
                "talk_about": _log(about[(a.id, b.id)]),
                "talked_about_by": _log(about[(b.id, a.id)]),
                "acts_on": _log(acts),
                "acted_on_by": _log(acted),
                "share_source": presence.mentions[a.id] / top,
                "share_target": presence.mentions[b.id] / top,
                "rank_source": 1 / (1 + rank[a.id]),
                "rank_target": 1 / (1 + rank[b.id]),
                "narrator_source": float(a.id in narrator),
                "narrator_target": float(b.id in narrator),
                "tone_mean": sum(tones) / len(tones) if tones else 0.0,
                "tone_warm": _log(sum(1 for t in tones if t >= 0.5)),
                "tone_cold": _log(sum(1 for t in tones if t <= -0.5)),
                "speech_tone": sum(t for t, _ in spoken) / len(spoken) if spoken else 0.0,
                "speech_warm": _log(sum(1 for t, _ in spoken if t >= 0.5)),
                "speech_cold": _log(sum(1 for t, _ in spoken if t <= -0.5)),
                "rule_romantic": _log(r["romantic"]),
                "rule_affection": _log(r["affection"]),
                "rule_dislike": _log(r["dislike"]),
                "rule_hatred": _log(r["hatred"]),
                "rule_denied": _log(r["denied"]),
                "rule_past": _log(r["past"]),
                "rule_implied": _log(r["implied"]),
                "rule_stated": _log(r["stated"] + r["narrated"]),
                "rule_claimed": _log(r["claimed"]),
                "rule_refuted": _log(r["refuted"]),
                "back_positive": _log(back["positive"]),
                "back_negative": _log(back["negative"]),
                "rule_relation_positive": float(rel is not None and live and polarity(rel.kind) > 0),
                "rule_relation_negative": float(rel is not None and live and polarity(rel.kind) < 0),
                "rule_relation_past": float(rel is not None and not rel.current),
                "rule_confidence": rel.confidence if rel is not None else 0.0,
                "pov_source": len(presence.subject_sentences[a.id]) / pov_top,
                "pov_target": len(presence.subject_sentences[b.id]) / pov_top,
                "cued_story": 0.0,  # filled in by cue_coverage
            }
            read_values, read_kept = read.get((a.id, b.id), _NO_READING)
            values.update(read_values)
            values["kin_stated"] = float(kinship is not None and kinship.are_kin(a.id, b.id))
            values["friends_stated"] = float(kinship is not None and kinship.are_friends(a.id, b.id))
            declared = kinship.declared(a.id, b.id) if kinship is not None else ""
            values["declared_romantic"] = float(declared == "romantic")
            values["declared_platonic"] = float(declared == "platonic")
            values["declared_story"] = float(kinship is not None and kinship.declares)
            values["couple_stated"] = float(kinship is not None and kinship.are_couple(a.id, b.id))
            for kind in ("romantic", "affection", "dislike", "hatred"):
                values[f"back_{kind}"] = _log(back[kind])
            values["romance_scene"] = _log(sum(paragraph_words[p] for p in paragraphs))
            values["mentor_words"] = _log(words["mentor_words"])
            values["partner_mutual"] = values["partner_rank_source"] * values["partner_rank_target"]
            values["blush_for"] = _log(blushes[(a.id, b.id)])
            moments = [Moment(document.sentences[s].start, document.sentences[s].end,
                              document.sentences[s].scene, t, False) for s, t in zip(shared, tones, strict=True)]
            moments += [Moment(q.start, q.end, q.scene, t, True) for t, q in spoken]
            warmest = sorted(moments, key=lambda m: (-m.tone, m.start))[:3]
            coldest = sorted(moments, key=lambda m: (m.tone, m.start))[:3]
            kept = sorted(set(warmest) | set(coldest), key=lambda m: (m.start, m.end, m.source_speaks))
            records.append(PairRecord(a.id, b.id, tuple(float(values[f]) for f in FEATURES), tuple(kept),
                                      read_kept))
    return cue_coverage(tuple(records), rule_relations)


def cue_coverage(records: tuple[PairRecord, ...], rule_relations: tuple[Relation, ...]) -> tuple[PairRecord, ...]:
    """``records`` with ``cued_story`` filled in: for a pair the cues give no current relation, the
    current relations the cues found among the people the judge weighs, per person (0 for a pair with
    a cue relation of its own).  A story that says its feelings outright ("I love you", "she hated
    him") leaves fewer unsaid: where the cues already relate most of the cast, a pair they pass over
    is seldom a bond, while in a story of subtext nearly every bond is the judge's to find.  Counted
    held out (issue 16, thresholds 0.275 / 0.65): of the judge's warm verdicts on uncued pairs, in the
    nine fics whose cues hold five or more true relations 10 were right and 16 false, in the other 30
    83 right and 32 false.  The polarity model weighs it; measured leave-one-story-out (judge refit per
    story) from fics pooled strict / lenient 0.645 / 0.726 (mean 0.631 / 0.720, thresholds chosen warm
    0.275 cold 0.65): 0.650 / 0.738 (mean 0.637 / 0.730, chosen warm 0.2 cold 0.7); at warm 0.2 cold 0.7
    both ways 0.635 / 0.718 -> 0.650 / 0.738, 9 stories up, 3 down (winter_court .75 -> .92, group_chat
    .78 -> .88, slow_reveal_villain .60 -> .73 up; unreliable_gossip .47 -> .42, northanger_abbey
    .67 -> .62 down); at warm 0.275 cold 0.65 both ways 0.645 / 0.726 -> 0.641 / 0.730 (4 up / 7 down):
    the feature lets a lower warm threshold through without the false verdicts of the cue-rich stories.
    Novels lenient 0.746 -> 0.701 (northanger_abbey; its 40 weighed people leave the ratio low).  False
    relations held out 64 -> 56 (FP-judge-unrelated 27 -> 22), misses 97 -> 98.  Shipped (retrained):
    fics lenient / strict 0.759 / 0.665 -> 0.767 / 0.672, 9 up / 4 down, village_mystery .50 -> .46.
    Measured and dropped beside it: ``cued_source``, the log count of current cue relations the
    experiencer holds towards others: 0.645 / 0.731 (chosen 0.275 / 0.65; 5 up / 7 down)."""
    # Other normalisations, measured and dropped (cuenorm, on merge18; cued_story recomputed on one
    # cache; held out fics pooled strict / lenient, novels lenient; per person: 0.652 / 0.741, 0.722,
    # chosen 0.375 / 0.65): per person who holds or receives a cue relation 0.643 / 0.732, 0.701
    # (5 up / 9 down); log count of cue relations the pair's two people hold 0.637 / 0.727, 0.746
    # (7 up / 10 down); share of the pair's own units inside a cue relation's evidence 0.641 / 0.727,
    # 0.746; among the N most mentioned, per min(N, people): N=8 0.649 / 0.743, 0.701 (8 up / 9 down;
    # at 0.375 / 0.65 0.649 / 0.742, 0.722) but N=6 0.648 / 0.737 and N=10 0.646 / 0.737, so no
    # gain; among people with a quarter of the lead's mentions 0.643 / 0.733, 0.683; the feature
    # held constant 0.646 / 0.730, 0.746.  The novels' fall is one borderline pair that moves with
    # any refit.
    people = {rec.source for rec in records} | {rec.target for rec in records}
    live = {(r.source, r.target) for r in rule_relations
            if r.current and r.source in people and r.target in people and r.source != r.target}
    per_person = len(live) / max(1, len(people))
    at = FEATURES.index("cued_story")
    return tuple(PairRecord(rec.source, rec.target,
                            rec.values[:at] + (0.0 if (rec.source, rec.target) in live else per_person,)
                            + rec.values[at + 1:], rec.moments, rec.readings)
                 for rec in records)


# ---- Moments in speech: which pairs the judge weighs (the coref branch's candidate conditions) ----
# Each row: (id, what counts as a moment of the pair (a, b) beyond the sentences both are named
# in and the quotes a says to or about b, invented example).
SPEECH_MOMENT_ROWS = (
    ("back", "a quote b says to or about a: the sentence reader reads it both ways",
     '"Wenna brought me soup again," Tobin wrote: Wenna and Tobin'),
    ("both", "a sentence of a quote or letter that refers to both, the speaker's I and the "
             "addressee's you included",
     '"Father oiled your old bicycle," Ysolde wrote to Tobin: Father and Tobin'),
)
# The rows read (measured leave-one-story-out on 097d8f3, judge retrained each time: fics held out
# strict / lenient 0.517 / 0.616 with none, 0.514 / 0.619 "back" alone, 0.514 / 0.619 "both" alone,
# 0.520 / 0.627 both rows; novels 0.353 / 0.602 -> 0.365 / 0.619.  Dropped: a single moment with
# any rule cue of the pair, 0.515 / 0.623; a paragraph both are named in, 0.520 / 0.624.)
# Off by default: on the merged session-7 upstream (speakers, names, evidence rows) both rows gave
# held out 0.522 / 0.621 and none 0.534 / 0.623 (novels 0.388 / 0.618 with, 0.360 / 0.603 without);
# shipped, none gave fics 0.669 / 0.547 against 0.648 / 0.539 and novels 0.676 against 0.618.
# Narrower, measured on 2489e2d with two features that told the judge how a record came to be
# ("speech_moments", the log count of moments in speech beyond the pair's own; "speech_only", the
# record stands on them alone), judge retrained each time, held out fics strict / lenient (none:
# 0.534 / 0.623, novels 0.360 / 0.603): both rows 0.525 / 0.620 (novels 0.388 / 0.618; 9 fics up,
# 16 down); "heard", a quote b says to a (a its addressee) only, 0.534 / 0.619 (6 up, 7 down); both
# rows only for a pair with a moment of its own, 0.530 / 0.622 (novels 0.347 / 0.583); both rows only
# for a pair with a rule cue either way, 0.536 / 0.625 (novels unchanged; 9 up, 9 down), and with the
# relational change of coref, 0.533 / 0.621 held out, shipped fics 0.671 / 0.550 -> 0.668 / 0.551
# lenient / strict, novels 0.676 either way, slow_reveal_villain .33 -> .18 lenient (10 fics up,
# 10 down).  All within the judge's retraining noise: the moments in speech stay off, and so do
# the two features (bench/coref_misses.py --no-pair tables why the pairs have no record).
# Re-measured on f252d29 (session 12, issue 15: 27 gold relations have no record held out), judge
# refit each time, held out at the fixed thresholds 0.3 / 0.35, fics strict / lenient (none 0.600 /
# 0.697, novels 0.576 / 0.743): "back" 0.600 / 0.697, novels 0.530 / 0.702 (4 fics up, 6 down);
# "both" 0.602 / 0.694, novels 0.530 / 0.702 (6 up, 11 down); both rows read in letters only (a
# letter's writer, its recipient and the absent it speaks of; 21 more records in letters_war, 2 in
# winter_court, 1 in group_chat) 0.602 / 0.696, novels 0.541 / 0.702, shipped eval scores
# unchanged: the new records of the letters' gold pairs are judged none (0.86-0.89), so a
# record alone finds nothing; MIN_SHARED 1 0.591 / 0.692, novels 0.477 / 0.702 (8 up, 9 down).
# Every refit cost northanger_abbey .75 -> .67 lenient.  The rest of the no-record misses are
# coreference's long tail, one story each (a person only spoken of as "him" where he is absent,
# "my father" never linked to his name, a redacted transcript speaker, a surname-first record name).
# Re-measured (issue 16, session 20, on 7cd9b00, the 24 fic no-record misses held out; fics pooled
# strict / lenient 0.652 / 0.741, thresholds 0.375 / 0.65 chosen both times): "back" 0.646 / 0.732,
# mean 0.640 / 0.731 -> 0.633 / 0.722, novels unchanged, 2 up / 7 down (idol_group .74 -> .62); +377
# records, no-record misses 24 -> 20 but the four new gold records judged none at 0.83-0.97 (their one-way
# direction: the target is spoken of in the experiencer's words only as an unresolved pronoun, kin
# noun or title, or the feeling is told only in the other's letters), FN below threshold
# 61 -> 69, false relations 48 -> 47.  Of the 24 (bench/coref_misses.py --no-pair), by first cause: an
# end read as several characters (a surname-first record name, an alias, same-named people) or
# merged by the gold's own aliases 5; a pronoun of an absent person in talk, a letter or the
# narrator's memory unresolved or given to someone present 6; a quote's I / you given to no one (an
# unlabelled verse, a transcript's withheld speaker) 3; a name of unknown gender 4 (two named once);
# a title or kin noun not linked 2; a tag's he/she given to the wrong person 1; a crowd as the
# experiencer 1; one moment, both ends resolved, 2.
# Only the 4 one-moment pairs could gain from a record, and the reader reads their units w 0.05-0.43.
SPEECH_MOMENTS: tuple[str, ...] = ()


def speech_moments(mentions: Mentions, links: dict[int, str], speakers: tuple[Quote, ...],
                   quote_sentences: dict[int, list[int]],
                   speech_tones: dict[tuple[str, str], list[tuple[float, Quote]]],
                   rows: tuple[str, ...] | None = None) -> dict[tuple[str, str], set[int]]:
    """Sentences of speech two people share, per ordered pair, by ``SPEECH_MOMENT_ROWS``: a
    pair that shares only such moments had no record, so the judge never weighed it."""
    rows = SPEECH_MOMENTS if rows is None else rows
    out: dict[tuple[str, str], set[int]] = defaultdict(set)
    if "back" in rows:
        for (speaker, other), spoken in sorted(speech_tones.items()):
            for _, q in spoken:
                out[(other, speaker)].update(quote_sentences[q.index])
    if "both" in rows:
        said = {q.index for q in speakers if q.speaker}
        referred: dict[int, set[str]] = defaultdict(set)  # sentence of a quote -> people it refers to
        for m in mentions.items:
            cid = links.get(m.index)
            if cid is not None and m.quote is not None and m.quote in said:
                referred[m.sentence].add(cid)
        for s, people in sorted(referred.items()):
            ordered = sorted(people)
            for x in ordered:
                for y in ordered:
                    if x != y:
                        out[(x, y)].add(s)
    return out
