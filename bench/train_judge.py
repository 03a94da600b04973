"""Train the feeling judge on the development gold, measure it leave-one-story-out, ship it.

    .venv/bin/python bench/train_judge.py [--shared ../shared] [--out src/heartline/models/feeling_judge.json]
                                          [--cache FILE] [--only NAME ...] [--dry-run]

Every gold story is analysed once (the rules scorer's relations and every pair's feature
record are kept).  Each ordered pair of predicted characters gets the label of the gold
relation between the gold characters they map to (README rule 2): warm, cold or none;
pairs touching optional gold characters or optional relations are left out, and so are
pairs with an unmapped end in a ``partial`` cast (novels).

Leave-one-story-out: for each story the models are trained on all the others and score
that story; the thresholds are then chosen on those held-out predictions (the only
quantities tuned on every story at once: two numbers).  The table printed compares the
rules scorer and the held-out judge per story, so a gain on one story that others do not
share shows as such.  The shipped model is trained on every story with those thresholds;
its card records the training data's hash and the held-out scores.  Deterministic: no
random state anywhere, so the same data gives the same file byte for byte.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

# one BLAS thread: the problem is tiny, and threads only fight over a small machine's cores
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


from bench.training import cached, write_model  # noqa: E402
from heartline import learn  # noqa: E402
from heartline.api import default_pipeline  # noqa: E402
from heartline.eval import PRF, gold_text_path, load_gold, map_characters, score  # noqa: E402
from heartline.formats import read_story  # noqa: E402
from heartline.model import Relation, polarity  # noqa: E402
from heartline.namelist import NameList  # noqa: E402
from heartline.corrections.file import Corrections  # noqa: E402
from heartline.stages.judge import COLD_FLOOR, judge, probabilities  # noqa: E402
from heartline.stages.pair_features import FEATURES, MODEL_FEATURES, PairRecord, with_readings  # noqa: E402
from heartline.stages import sentence_reader  # noqa: E402
from heartline.stages.sentence_reader import Reading  # noqa: E402

DEFAULT_SHARED = ROOT.parent / "shared"
DEFAULT_OUT = ROOT / "src" / "heartline" / "models" / "feeling_judge.json"
POLARITY = ("none", "warm", "cold")
WARM_KINDS = ("affection", "romantic")
COLD_KINDS = ("dislike", "hatred")
L2 = 4.0
# Measured and dropped (session 13, issue 16: the polarity model as a learner; held out fics strict /
# lenient 0.609 / 0.705, novels 0.649 / 0.702 at warm 0.3, cold 0.35, which the incumbent rule also
# keeps as chosen; figures at those fixed thresholds unless "chosen"; "n up / m down" counts fics and
# novels whose held-out lenient F1 moved).  None beat the baseline by 0.01 lenient: the learner sits on
# a plateau, and what moves is a handful of stories either way.
# - rare features' huge z-scores (rule_relation_past fires on 0.9% of rows, z 10.5; rule_refuted 0.4%,
#   z 21.6): standardised values clipped at +-2 / 3 / 4 / 6: 0.597 / 0.695, 0.611 / 0.707, 0.607 /
#   0.703, 0.612 / 0.708, novels 0.528 / 0.578, 0.541 / 0.596, 0.556 / 0.611, 0.667 / 0.667 (clip 3:
#   4 up / 7 down; a novel pair's counts are legitimately far out); a floor on the scale, max(sd, c x the
#   root mean square distance from the mean of the rows where the feature fires), so a rare binary
#   feature firing stands at 1/c: c 0.2 0.607 / 0.702, novels unchanged (village_mystery .50 -> .40 the
#   only move; chosen, warm 0.425 cold 0.7, 0.613 / 0.708, 11 up / 10 down), c 0.33 0.605 / 0.702,
#   c 0.5 0.600 / 0.695 (novels strict 0.523), c 1 0.610 / 0.704 (novels 0.544 / 0.600, 8 up / 10 down);
# - L2 1 / 2 / 8: 0.604 / 0.699 (5 up / 6 down), 0.609 / 0.705 (novels strict 0.596), 0.612 / 0.709
#   (novels 0.557 / 0.663, 4 up / 5 down); L2 chosen by nested leave-one-story-out (per held-out story,
#   the others' log-loss over 5 folds by story, grid 1 to 16) picks 16 for every story: 0.609 / 0.705,
#   novels 0.541 / 0.646 (6 up / 11 down);
# - class weights none / warm / cold 1 / 1.5 / 1: 0.614 / 0.705, novels 0.594 / 0.646, chosen (warm
#   0.525, cold 0.7) 0.617 / 0.711, novels unchanged, 11 up / 9 down; 1 / 1 / 1.5 0.602 / 0.694;
#   0.7 / 1 / 1 0.601 / 0.694 (5 up / 13 down);
# - a penalty per feature group (the group's standardised columns scaled, its penalty x k^2): rule and
#   back cues x4 0.610 / 0.704 (novels 0.628 / 0.681), x1/4 0.610 / 0.705 (novels 0.669 / 0.721; 2 up /
#   1 down); reader x2 0.611 / 0.706; how the two share the story x4 0.612 / 0.706 (novels 0.610 / 0.663);
# - a stacked model (one logistic per group: sharing, words and tone, rule cues, reader; their out-of-fold
#   warm and cold log-odds into a second logistic): 0.602 / 0.696, novels 0.517 / 0.567 (9 up / 15
#   down); chosen (warm 0.425, cold 0.25) 0.608 / 0.700, novels 0.554 / 0.607;
# - thresholds chosen on pooled counts (micro F1 strict + lenient over all 41 stories) instead of the mean
#   of per-story F1: a steadier pick across the variants above (warm 0.4 to 0.525, cold 0.65 to 0.7),
#   baseline 0.613 / 0.708, novels unchanged, but under the bar (and warm 0.4 / cold 0.7 shipped worse,
#   KEEP_MARGIN below); fics and novels pooled apart, then averaged: 0.603 / 0.694, novels 0.691 / 0.743.
# - a calibrated second stage over the polarity model's own out-of-fold outputs (warm and cold log-odds,
#   the other direction's warm log-odds, the pair's rank by warmth among the source's and the target's
#   pairs; 5 folds by story): 0.606 / 0.700, novels 0.610 / 0.663 (9 up / 13 down); chosen (warm 0.45,
#   cold 0.5) 0.617 / 0.713, novels unchanged, but same_names .44 -> .30 and the baseline itself scores
#   0.609 / 0.703 there, 0.613 / 0.708 at warm 0.425 / cold 0.7: most of the gain is the thresholds'
#   move; the other direction alone chosen 0.613 / 0.706 (novels 0.628 / 0.681), the ranks alone chosen
#   0.618 / 0.714 (novels 0.627 / 0.627, sense_and_sensibility .74 -> .59, same_names .44 -> .30).
# Measured and dropped (session 14, issue 16, on a2ca43d with bench/judge_bagging.py; held out fics
# strict / lenient 0.618 / 0.707, novels 0.649 / 0.702 at fixed warm 0.3 / cold 0.35; "chosen" 0.621 /
# 0.712 at warm 0.325 / cold 0.7; "n up / m down" counts the 41 stories' held-out lenient moves).  A
# bag of fits on parts of the training stories, folded into one linear model
# (``bench/judge_bagging.mean_linear``), is as noisy as the gains it shows:
# - 10 fits on random halves of the stories, every model bagged: 0.619 / 0.707, novels 0.444 / 0.644
#   (8 up / 7 down; cultivation_sect .73 -> .44); probabilities averaged instead of weights 0.622 /
#   0.707, novels 0.562 / 0.663; 10 bootstrap resamples 0.616 / 0.707, novels 0.557 / 0.663;
# - 20 halves: 0.625 / 0.709, novels 0.463 / 0.663; only the polarity model bagged (the kind models
#   one fit: the bagged kind models cost the novels' strict most) 0.625 / 0.709, novels 0.613 / 0.663
#   (7 up / 3 down), chosen 0.630 / 0.717 -- but the same with another seed for the halves 0.618 /
#   0.704, novels 0.594 / 0.644 (7 up / 9 down): the bag's own seed moves it as much as it gains;
# - spread (one story left out of every training set; nonbinary_bard, found_family_ship,
#   unreliable_gossip): the single fit moves 3 / 5 / 5 other stories by more than 0.05 lenient, the
#   20-halves polarity bag 6 / 9 / 7 (its halves are redrawn when the stories change); halves drawn
#   story by story (each story's own coin per member, so one story more or less leaves the other
#   draws alone), polarity only: 0.626 / 0.714, novels 0.594 / 0.644 (10 up / 6 down), and with
#   another seed 0.612 / 0.697, novels 0.613 / 0.663 (5 up / 9 down); both novels fall in every bag
#   (northanger_abbey .67 -> .59 / .62, sense_and_sensibility .74 -> .70); with the novels in every
#   member 0.619 / 0.704, novels 0.594 / 0.646 (7 up / 8 down), another seed 0.615 / 0.698, novels
#   unchanged (3 up / 7 down);
# - thresholds chosen by the median, the lower quartile of per-story F1, or the median of the best
#   points over 200 bootstrap resamples of the stories: the same point as the mean or worse (median on
#   the single fit warm 0.275 / cold 0.25: 0.616 / 0.704, novels 0.691 / 0.743, 3 up / 5 down).
# (The mean of the leave-one-story-out models was not run: 40 fits per held-out story; session 12's
# mean of ten leave-a-tenth-out fits, nearer the single fit still, scored as the single fit.)
READER_L2 = 12.0
READER_MIN_STORIES = 4
# Each class's weight is (balanced weight) ** this: 0 leaves the classes as they come, 1 balances them.
READER_CLASS_POWER = 0.5
# Measured and dropped (issue 16, session 18, helper misread, on 8289cf8; held out fics pooled strict /
# lenient from 0.645 / 0.726 at warm 0.275 cold 0.65, fixed and re-chosen alike unless said; "n up / m
# down" counts fics whose held-out lenient F1 moved by more than 0.005).  How the reader weighs its rows
# (a ``sample_weight`` per labelled reading in ``learn.fit_sparse``, the mean weight 1):
# - per story, n ** -0.5 / n ** -1 (n the story's labelled readings, so a long story does not
#   dominate): AUC warm 0.862 / 0.859, judge 0.643 / 0.721 (1 up / 4 down: body_swap .57 -> .50,
#   same_names .52 -> .45), 0.640 / 0.717 (2 up / 7 down);
# - the gold-evidence (feeling) rows x1.5 / x0.75: 0.635 / 0.718 (2 up / 6 down: found_family_ship
#   .84 -> .74), 0.637 / 0.719 (2 up / 6 down: nonbinary_bard .55 -> .40, soulmate_marks .77 -> .67);
# - READER_CLASS_POWER 0.3: reader AUC warm / cold 0.862 / 0.860 -> 0.865 / 0.870, yet judge 0.631 /
#   0.713, lowest .43 -> .40 (2 up / 9 down: idol_group .74 -> .59): a better-ranked unit is not a
#   better pair; the 39 FN-below-misread units (bench/judge_errors.py --pairs) are mostly long
#   sentences whose feeling is an act or a subtext no lemma carries, or curt lines whose hostility
#   is the situation's; 20 of their 39 pairs sit at P(none) >= 0.8, held there more by the bias and
#   how little the two share than by the reading.
# Measured and dropped (issue 16, session 15, on e83d370; held out at fixed thresholds, fics strict /
# lenient, from 0.623 / 0.715 at warm 0.3 cold 0.35, 0.618 / 0.711 at 0.25 / 0.5, 0.613 / 0.707 at
# 0.4 / 0.7): the L2 penalty of the reader's cue marks (``cue``, ``cuekind``, ``rcue``) scaled apart
# from READER_L2.  Held out, a unit with a romantic cue of its direction is 81% warm but read 0.49
# warm on average, one with a dislike cue 90% cold and read about 0.7: the penalty shrinks the cues.
# Scaled by 0.25 (cues trusted more): reader AUC warm 0.863, judge 0.616 / 0.708 (2 up / 5 down:
# cultivation_sect .73 -> .60) -- the judge reads the cues itself (``rule_*``) and counts them twice.
# By 2 / 4 / 16 (trusted less): 0.624 / 0.717, 0.626 / 0.720, 0.618 / 0.709 (novels 0.610 / 0.663);
# at 4 the reader's AUC falls to 0.855 and the same few stories move as at 0.25 (idol_group .78 -> .84,
# nonbinary_bard .55 -> .67, time_travel .67 -> .77 up; enemies_to_lovers .50 -> .46, reader_cafe .80
# -> .74 down), and at the other thresholds 0.622 / 0.716 (3 up / 3 down, novels 0.610 / 0.663) and
# 0.612 / 0.707 (2 up / 4 down): not a gain.  Beside sentence_reader's dropped tense marks: 0.623 / 0.713,
# 0.622 / 0.711, 0.609 / 0.700 (1 up / 6 down).  (A perturbation as small as READER_L2 12 -> 12.2 moves
# one story by 0.02 at one of the three thresholds: what these move is the mechanism's, not chance's.)
# The lemmas' penalty (``w:``) scaled the same
# way: by 2, reader AUC warm / cold 0.864 / 0.872 but judge 0.622 / 0.712, novels 0.557 / 0.663, and at
# 0.25 / 0.5 and 0.4 / 0.7 0.617 / 0.707 and 0.607 / 0.698 (2 up / 7 down); by 0.5, AUC 0.854 / 0.859,
# judge 0.619 / 0.712, 0.616 / 0.711, 0.609 / 0.706.  Also dropped there: warm and cold from a second,
# three-class reader (none / warm / cold, the two warm kinds and the two hostile ones pooled, so a warm
# word's weight is not split between affection and romance; the five-class reader kept for romance):
# AUC 0.859 / 0.867, judge 0.620 / 0.715, novels 0.603 / 0.703; at 0.25 / 0.5 0.616 / 0.711 (5 up /
# 5 down), at 0.4 / 0.7 0.610 / 0.708 (6 up / 5 down: nonbinary_bard .55 -> .40).
# (Measured and dropped: teaching every unit of a gold-related pair its kind at weight 0.3,
# distant supervision, lowered the held-out reader's AUC and the judge's F1.)
# Measured and dropped (issue 16, session 19, helper silver, on e2d5031; held out fics pooled strict /
# lenient 0.652 / 0.741, mean 0.640 / 0.731, novels 0.611 / 0.722 at warm 0.375 / cold 0.65): silver rows
# for the reader from novels no gold file reads, analysed by the rules alone (words 2,000-32,000 of
# emma, great_gatsby, jane_eyre, persuasion, pride_and_prejudice, wuthering_heights and 3,000 words of
# each of LitBank's 95 other texts, 480,000 words, 345 s): a unit on a live cue of its direction (not
# negated, past, hedged, asked, refuted; no relation noun, no cue id under 0.75 on the gold units --
# such cues name a labelled unit's polarity right 0.84 warm / 0.89 cold) labelled the cue's kind, a unit
# of a pair with no cue either way a sampled "none"; cue marks taken off the silver rows, each weighted
# x ``sample_weight`` in ``learn.fit_sparse``.  Only 151 silver feelings (2,047 nones at 1 in 8), and
# the reader's AUC did not move (warm 0.861-0.863, cold 0.861-0.864).  Weight 0.3: 0.648 / 0.738 chosen
# (warm 0.425 / cold 0.7; 4 up / 5 down), at the fixed thresholds 0.645 / 0.731 (4 up / 9 down:
# secret_identity .91 -> .77, space_callsigns .80 -> .67), FN-below-misread 41 -> 43; nones 1 in 16:
# 0.642 / 0.731 (2 up / 8 down); feelings only: 0.650 / 0.738 chosen, 0.643 / 0.733 fixed (1 up /
# 5 down); weight 0.1: 0.643 / 0.735 (1 up / 4 down); silver words in the vocabulary (seen in 4
# sources, gold or silver): 0.642 / 0.731, novels 0.590 / 0.701 (3 up / 9 down); the L2 penalty kept
# at the gold rows' count: 0.645 / 0.731 (4 up / 7 down).  Novels' feeling words and manners are not the fics'.
# The kind models read a few features that speak of the kind of a bond, not all of them:
# measured leave-one-story-out, a kind model over every feature (some 250 warm pairs to learn
# from) did little better than always answering affection (59% of warm pairs right), one
# over these 67%; the rule cues' own kind and the pair's standing in the story added nothing.
# The author's declared pairings ("A/B", "A & B") joined them: held out, fics strict 0.409 ->
# 0.454 (ten stories up, none down; lenient unchanged), as the kind model of the judge's own
# relations.  With them the model also reviews the rule cues' kind (``REVIEW_MARGIN``; without
# them a review gained nothing at any margin).  (Measured and dropped as kind features: the other
# direction's cues by kind (back_romantic: four stories up, four down), the kinship features
# (kin, friends, a partner noun; see pair_features.KIN_FEATURES), "the header declares tags".)
WARM_KIND_FEATURES = ("bias", "romance_words", "family_words", "care_words", "read_romantic_sum",
                      "read_romantic_share", "rule_romantic", "rule_affection",
                      "declared_romantic", "declared_platonic", "romance_scene", "mentor_words", "partner_mutual")
# The last three are pair_features.ATTENTION_FEATURES (issue 15, measured on 78c8642, thresholds
# warm 0.35 cold 0.5 chosen either way): held out fics strict 0.559 -> 0.570, lenient 0.652
# unchanged, novels strict 0.471 -> 0.529 (lenient 0.647 unchanged); up poetry_prose .14 -> .43,
# volleyball_nicknames .40 -> .53, sense_and_sensibility .47 -> .59 strict; none down.  Shipped
# (only the warm kind part retrained, the rest of the shipped judge kept): fics strict 0.588 ->
# 0.597, lenient 0.696 -> 0.696, novels strict 0.549 -> 0.602; up poetry_prose .24 -> .47,
# jealousy_misdirection .67 -> .80, sense_and_sensibility .53 -> .63, same_names .38 -> .40
# strict; down same_names lenient .61 -> .60.  Alone, each did less: romance_scene 0.558 (poetry_prose
# up, secret_identity .67 -> .50 down), mentor_words 0.562 (volleyball_nicknames up), partner_mutual
# 0.559 (nothing moved), romance_scene with mentor_words 0.562.  Measured and dropped: a romance
# floor, a judged warm pair romantic wherever the kind model gives romance at least 0.45 / 0.40
# (the 16 judged pairs read affection for a gold romance had it at 0.04 to 0.37): held out fics
# strict 0.570 -> 0.565 / 0.557, found_family_ship, same_names, arranged_marriage and
# unreliable_gossip down, none up.
# A rule relation's warm kind gives way to the kind model's where the model holds the other kind
# likelier by at least this much (``judge.review_kinds``).  Held out, fics strict: no review
# 0.454; margin 0.3 0.464 (valentine down), 0.4 0.463 (group_chat down), 0.5 0.464 (none down),
# 0.6 0.465 with the full KIND_FEATURES.
REVIEW_MARGIN = 0.5
# Measured and dropped on 8b41fc8 with judge.one_romance and the declared pairings in place (held out
# fics 0.543 / 0.644 strict / lenient at warm 0.3, cold 0.6):
# - REVIEW_MARGIN 0.2: 0.540 (noir_detective down); 0.3 to 0.8: no change;
# - a romantic cut other than the argmax for the judged kind (every kind probability shifted):
#   0.30 0.534 / 0.643 (7 up, 12 down), 0.35 0.533, 0.40 0.541, 0.45 0.544 / 0.644 (poetry_prose up,
#   found_family_ship and unreliable_gossip down), 0.55 0.539;
# - a judged affection made romantic where the other direction is romantic (only where judged, or
#   where the two directions' mean romantic probability is at least 0.5): 0.530 to 0.533
#   (found_family_ship, pirate_crew, volleyball_nicknames down: a misread romance spreads);
# - a judged affection dropped where the other direction is romantic (one-sided love read warm both
#   ways): 0.537 / 0.639 (novels lenient 0.603 -> 0.562); only where its romantic probability is
#   under 0.2: 0.543 / 0.645 (valentine alone up).
# (Of the gold warm pairs with a record, the held-out reader's romance sum ranks romantic above
# affection with AUC 0.55 and its romance share 0.50: the reader does not tell the two kinds apart
# at the pair level; the rule cues' romance (0.67), the declared pairing (0.65) and the romance
# word class (0.61) do.)
# Measured and dropped (leave-one-story-out on the merged main of 2026-12-05, whose held-out fics
# score 0.500 / 0.594 strict / lenient at thresholds warm 0.275, cold 0.45; "n up / m down" counts
# fics whose held-out F1 moved).  Added to the polarity model:
# - the other direction's rule relation (warm / hostile): 0.502 / 0.597, 6 up / 4 down;
# - the other direction's cues by kind (back_romantic, ...): 0.502 / 0.593, 5 up / 3 down;
# - the reader's warm and cold lead split into "ahead" and "behind": 0.492 / 0.582, 6 up / 10 down;
# - reader warmth and coldness in units the experiencer owns (subject of the sentence, or speaker)
#   against units the target owns: 0.486 / 0.579, 3 up / 14 down; the owned sums alone 0.497 / 0.591;
# - this direction's share of the pair's reader warmth: 0.499 / 0.594, 3 up / 2 down;
# - cold share of the reader's mass, units read mostly cold / mostly warm: 0.490 / 0.581, 4 up / 10 down;
# - the pair's rank among the source's and the target's pairs by reader warmth: 0.488 / 0.591,
#   5 up / 10 down (by coldness 0.485 / 0.582; warmth relative to the story's warmest pair
#   0.495 / 0.589; coldness relative to the person's coldest pair 0.500 / 0.600 but novels
#   lenient 0.658 -> 0.623).
# The polarity model itself: cold class weight 1.5 / 2 / 3 (cold threshold re-picked) 0.491 / 0.582,
# 0.487 / 0.575, 0.470 / 0.561; L2 8 / 16: 0.491 / 0.586, 0.480 / 0.574.
# A separate direction model (gold pairs felt one way only; antisymmetric differences of point of
# view, narrator, talk, acts, reader and cue sums) named the right direction of 31 of 42 held-out
# one-sided warm pairs; swapping or dropping the judge's direction by it never gained (best 0.499 /
# 0.593; dropping the weaker of two judged directions lost up to 0.04).
# The warm kind model: the reader's romance maximum, top-3, other direction, romance share of both
# directions, romance in units the experiencer owns, the pair's rank by romance among each person's
# pairs: at best 0.502 strict (one story up); a romantic cut other than the argmax (0.30 to 0.55)
# lost at every value (0.45: 2 down; 0.40: 4 down).  Re-measured in session 15 (on e83d370, held out at
# fixed warm 0.3 cold 0.35): the reader's romance maximum and the romantic share of both directions'
# warmth beside read_romantic_sum: fics strict 0.623 -> 0.620, novels strict 0.628 -> 0.576
# (poetry_prose .35 -> .24, sense_and_sensibility .63 -> .53); lenient unchanged.  Of the gold warm
# pairs with a record, the held-out reader's romance (sum, share, maximum, top-3, both directions)
# ranks romantic above affection with AUC 0.55 to 0.60 only.
# The sentence reader: experiencer- and target-owned copies of the word classes and tone: held-out AUC
# warm 0.852 / cold 0.838 (0.853 / 0.839 without); READER_L2 6 / 24: judge 0.485 / 0.580 and 0.491 /
# 0.585; READER_CLASS_POWER 1.0: AUC 0.828 / 0.797.
# A judged warm feeling needs one unit the (held-out) sentence reader reads as warm in its direction
# with at least this probability (``judge.decide``): a pair the polarity model holds warm from how
# the two share the story, with no moment of its own, is left out.  Held out, fics strict / lenient
# (thresholds unchanged, warm 0.275, cold 0.45): none 0.500 / 0.594; 0.30 0.497 / 0.592; 0.35
# 0.501 / 0.596; 0.40 0.504 / 0.599 (9 up: ensemble, group_chat, haunted, idol, interview, pirate,
# poetry, secret_identity, winter_court; 3 down: chat_rpg, found_family, unreliable_gossip); 0.45
# 0.503 / 0.597 (12 up / 5 down); 0.50 0.491 / 0.580.  Dropping the judged warm pair whose coldest
# unit outweighs its warmest instead: 0.493 / 0.587.
WARM_READING_FLOOR = 0.4
# Re-measured on e21b796 (issue 16, session 13; held out at fixed thresholds warm 0.3 cold 0.35, fics
# strict / lenient 0.609 / 0.705): the floors and the strong moments sit on a plateau.  WARM_READING_FLOOR
# 0.35 unchanged, 0.45 0.604 / 0.699; WARM_OWNED_FLOOR 0.3 0.608 / 0.703, 0.5 0.603 / 0.694;
# STRONG_READING 0.7 0.605 / 0.701, 0.9 0.611 / 0.703; STRONG_UNITS 3 0.610 / 0.702, 10 0.611 / 0.706
# (same_names alone up); STRONG_WARM 0.1 0.611 / 0.707 (one up, one down), 0.2 unchanged.  The reader
# (with sentence_reader's dropped conjoined-verb subjects in place, from 0.612 / 0.705):
# READER_MIN_STORIES 3 0.610 / 0.703 (2 up / 6 down), 5 0.609 / 0.705; READER_CLASS_POWER 0.7 0.605 /
# 0.699 (3 up / 11 down), 0.3 0.602 / 0.697.
# The judged warm feeling's unit read warm at WARM_READING_FLOOR must also be one the experiencer owns
# (``pair_features.owns``: their quote, a sentence they are the subject (or a subject's conjunct) or
# narrator of, or the subject of the verb linking them to the target) read warm at least at this
# (``judge.decide``): measured on
# f252d29 (issue 15), held out at the chosen thresholds (warm 0.3, cold 0.35 either way), fics strict /
# lenient 0.600 / 0.697 -> 0.602 / 0.699, novels 0.576 / 0.743 unchanged; up enemies_to_lovers .53 ->
# .57, ensemble_party .50 / .58 -> .52 / .61, village_mystery .27 / .40 -> .29 / .43; none down.  0.2:
# village_mystery alone up; 0.3 / 0.35: ensemble_party and village_mystery up; 0.45: 0.594 / 0.690.
# The experiencer's units narrowed to their quotes and the sentences whose linking verb they are the
# subject of (no narrator, no plain subject): 0.568 / 0.657 (9 up, 15 down: one's own feeling is
# mostly narrated); widened to sentences naming their eyes or hands ("E:poss"), or to any role but an
# object's: 0.602 / 0.699, enemies_to_lovers and village_mystery up.  Shipped (the shipped judge with
# this floor added, no refit): fics lenient / strict 0.744 / 0.637 -> 0.743 / 0.639, novels 0.756 /
# 0.598 unchanged, false relations 125 -> 122, true 225 unchanged; ensemble_party .67 / .58 -> .70 /
# .61 up, unreliable_gossip strict .47 -> .53 up, lenient .71 -> .67 down (a mutual couple's warm
# unit there is the target's act, a ring given to the experiencer; the experiencer's own answer has
# no unit).  Without the subject's conjunct among the owned roles: the same held out, shipped fics
# 0.742 / 0.638, true 225 -> 224 (ensemble_party down: "her brother ... grinned" parses as a conjunct).
# Measured and dropped beside it (held out, fixed thresholds warm 0.3 cold 0.35, from 0.602 / 0.699):
# the experiencer's questions not owned (an interrogator's "did you see him?"): no change; units naming
# a third person not owned: 0.602 / 0.692 (6 up, 6 down: idol_group .80 -> .67, noir_detective .76 ->
# .63, winter_court .75 -> .86); ownership as a sentence-reader mark ("own:E" / "own:none"): 0.598 /
# 0.696 (4 up, 8 down; at re-chosen thresholds 0.601 / 0.701 but novels 0.576 / 0.743 -> 0.530 / 0.702).
WARM_OWNED_FLOOR = 0.4
# A pair that shares at most STRONG_UNITS units, one of which the (held-out) sentence reader reads as
# warm in its direction at least at STRONG_READING, is judged warm from STRONG_WARM up, below the warm
# threshold (``judge.decide``): the polarity model weighs how much two people share the story, and a
# couple seen together in two scenes, one of them plainly loving, stayed under it.  Held out on 2489e2d
# (thresholds re-picked: warm 0.325, cold 0.45 as before), fics strict / lenient 0.534 / 0.623 ->
# 0.538 / 0.631, novels unchanged; 3 up (poetry_prose .27 -> .47, same_names .49 -> .56, subtext_only
# .57 -> .67), 1 down (found_family_ship .74 -> .70); shipped (in-sample) fics unchanged in the mean,
# 2 up (poetry_prose .47 -> .56, subtext_only .57 -> .67), 2 down (found_family_ship .74 -> .70,
# unreliable_gossip .78 -> .64).  Without the cap on units: held out 0.543 / 0.635, novels lenient 0.603 ->
# 0.604; 5 up (long_multichapter .55 -> .77, poetry_prose .27 -> .47, same_names .49 -> .56,
# subtext_only .57 -> .67, sense_and_sensibility .71 -> .74), 3 down (found_family_ship .74 -> .70,
# interview_transcript .62 -> .56, northanger_abbey .50 -> .47); of the 16 relations it adds, 6 right,
# 6 of the right polarity and the wrong kind, 2 reversed, 2 false.  The grid (reading 0.6 / 0.7 / 0.8 /
# 0.9, warm 0.10 to 0.25): 0.8 with warm 0.10 / 0.15 / 0.20 gave 0.541 / 0.634, 0.543 / 0.635,
# 0.538 / 0.629; 0.75 0.538 / 0.632; 0.9 at most 0.537 / 0.625; 0.6 and 0.7 lost (up to 17 stories down);
# the best three readings' mean (read_warm_top) instead of the best at 0.6 / 0.7: 0.541 / 0.629.  But
# shipped, uncapped, it added 11 false relations for one right (fics 0.669 / 0.547 -> 0.666 / 0.545,
# northanger_abbey .62 -> .53: among a novel pair's hundreds of units the best is warm by chance); a cap
# of 20 units: held out 0.536 / 0.630, shipped novels unchanged, fics 0.666; 10: 0.538 / 0.631 as 6.
# (Also dropped: of two directions both judged warm, dropping the one whose warm probability is at most
# 0.4 / 0.5 / 0.6 of the other's, or 0.2 to 0.5 below it: at best 0.543 / 0.636, 2 up, else up to 13 down.)
STRONG_UNITS = 6
STRONG_READING = 0.8
STRONG_WARM = 0.15
# Measured and dropped on the main of 2026-12-05 evening (097d8f3; held out fics 0.517 / 0.616
# strict / lenient at warm 0.25, cold 0.6; "n up / m down" as above).  Hostile feelings: the judge
# emits almost no hostile relation held out (its cold probability on the 39 gold-hostile pairs the
# rules leave is mostly under 0.15); the sentence reader has 111 cold units of 3171 labelled.
# - a sign model (warm or hostile, trained on gold-related pairs only, so the hostile fifth is not
#   drowned by the pairs with no feeling; 27 reader, tone, word-class and cue features; held-out
#   AUC 0.74) turning a judged-warm pair hostile at 0.5: 0.515 / 0.614, at 0.6 and above no change;
#   dropping the pair instead: 0.514 / 0.613 at 0.4;
# - a binary hostile-or-not model in place of the polarity model's cold probability, with its own
#   threshold: over 24 cold features 0.512 / 0.610; over all the polarity features 0.517 / 0.616;
# - the reader's cold classes weighted x1.5 / x2.5: cold AUC 0.834 / 0.830, judge 0.510 / 0.607 and
#   0.521 / 0.614 (10 up / 12 down); hatred taught as dislike: 0.515 / 0.615 (7 up / 10 down);
# - a quote the target says, on the experiencer's evidence, left unlabelled (15 of 276 positive
#   quote readings; mostly speaker misreads): reader AUC warm 0.868, cold 0.867 on its own labels,
#   judge 0.514 / 0.624 (thresholds warm 0.225, cold 0.5; 9 up / 10 down), shipped 0.513 / 0.647
#   against 0.525 / 0.643;
# - counts of directed hostile word classes (the experiencer's quotes with scorn or anger words or a
#   cold tone, the experiencer as subject of a scorn word): pair-level AUC hostile against none
#   0.51 to 0.58, where the reader's count of units read cold at 0.3 gives 0.68.
# Kind and direction:
# - one kind for two people warm to each other (266 of the 272 gold pairs warm both ways share it):
#   a judged direction taking the cue-read direction's kind 0.505 / 0.616 (4 down: a wrong romantic
#   cue spreads); two cue-read directions of different kinds both romantic: one novel up only;
# - the warm kind model without the word classes 0.512 / 0.616, with the other direction's cues by
#   kind 0.511 / 0.615; one more feature each (romance in both directions, its maximum, top-3 and
#   the share of warm units mostly romantic; touch, blush and gaze units; kin, friends, partner
#   noun; the pair's ranks): held-out kind accuracy 0.69 to 0.73 on 260 warm pairs against 0.70;
# - the reading floor over units the two have to themselves (no third person named): 0.512 / 0.611
#   at 0.4, 0.512 / 0.608 at 0.25;
# - the target leading the point of view while the source does not, and that times how far the
#   source's warm readings trail the target's: 0.521 / 0.619, 7 up / 7 down.
# - a character named by a kin word ("Gran", "Aunt Wenna") family to everyone (judge.family_kind):
#   shipped, one story up by 0.01; held out unchanged.
# Measured and dropped on 2489e2d (issues 15 and 16; held out 0.534 / 0.623 at warm 0.325, cold 0.45).
# Stability: training the judge without two of the other stories (three random draws) moved the held-out
# fics 0.534 / 0.623 to 0.533 / 0.627, 0.529 / 0.619, 0.531 / 0.618, the novels' lenient 0.603 to 0.556 /
# 0.603 / 0.618, and single stories by a mean range of 0.045 lenient (up to 0.21, noir_detective; 17 to
# 20 of 41 moved by more than 0.02).  Much of it is the warm threshold moving on a flat plateau (0.25 to
# 0.325 within 0.005 of each other in the mean): long_multichapter, poetry_prose and interview_transcript
# moved the same way in all three draws, as warm went 0.325 -> 0.30.  What did not steady it:
# - a bag of 10 fits on bootstrap resamples of the stories, probabilities averaged: 0.532 / 0.626 and
#   0.518 / 0.616 for two sets of seeds (the bag is itself seed-noisy: one bootstrap fit alone scores
#   0.509 to 0.516 strict and moves stories by a mean range of 0.091);
# - a bag of 10 fits each leaving out a different tenth of the stories: 0.531 / 0.621; under the same
#   three draws the same per-story spread as one fit (mean sd 0.017, range 0.038): the members are too alike;
# - thresholds chosen where the mean over a grid point and its neighbours is best: 0.530 / 0.620, the
#   spread unchanged (mean range 0.044 against 0.045);
# - L2 2: 0.534 / 0.620 (L2 8 and 16 were lower before, above).
# Direction and missed warm pairs (features added to the polarity model): the target's warm quotes to or
# about the experiencer and the experiencer's lead over them 0.531 / 0.621; warm readings of units whose
# linking verb has the experiencer as subject (ET) against the target (TE), and their difference
# 0.529 / 0.618; counts of units read warm at 0.4 and 0.6: 0.527 / 0.624 (threshold 0.225; 8 up / 16
# down); how far the other direction's best reading passes this one's, and the weaker direction's best
# 0.524 / 0.618.  Of the 32 reverse-direction FPs, 11 are rule cues read in the wrong direction (the judge
# does not overrule cues) and 21 the judge's: 9 where both directions are judged warm and the gold one is
# the likelier (the pair's shared units read warm both ways), 5 where the gold feeling is hostile one way
# and the reader reads the exchange as warm the other way, 7 with the reverse direction alone or stronger.
# Measured and dropped on 8b41fc8 (issues 15 and 16, warm against none; held out fics 0.533 / 0.640 strict /
# lenient at warm 0.3, cold 0.6, novels 0.482 / 0.603; "n up / m down" counts fics whose held-out lenient F1
# moved).  Of the judge's 81 false warm relations on the fics, 41 join two people related neither way, 12 are
# the reverse of a one-sided feeling, 17 are hostile pairs read warm; it misses 66 warm pairs, most with no
# unit read warm at 0.4.  Ceilings: the best warm threshold chosen per story 0.576 / 0.686; a perfect warm-
# or-none verdict on the pairs the judge decides 0.769 / 0.826: ranking, not the threshold, is what is short.
# - rows weighted per story by n ** -0.5 / n ** -1 (n its labelled pairs): 0.525 / 0.635 (4 up / 6 down),
#   0.523 / 0.631, novels 0.465 / 0.583 (7 up / 11 down); the novels' rows x0.3: 0.528 / 0.638 (3 up / 5 down);
# - trained only on the pairs it decides (no rule relation): 0.518 / 0.629, novels 0.451 / 0.566 (7 up /
#   14 down); those rows x0.3: 0.529 / 0.636; leaving out the warm rows no unit of which reads warm at 0.4
#   (the floor keeps them out anyway): 0.519 / 0.625 (9 up / 14 down), at 0.25 0.528 / 0.634;
# - leaving out any one of 19 feature groups: 0.520 to 0.538 strict, 0.624 to 0.645 lenient (the best,
#   without the partner ranks and shares or without the rule-relation features, 0.537 / 0.645 and 0.538 /
#   0.645, novels 0.471 / 0.588 for the latter): the model sits on a plateau, no group is noise to it;
# - more ways to sum the readings: the mean 0.527 / 0.635; best minus median (with the median) 0.529 /
#   0.633; noisy-or of the best three 0.527 / 0.636; best quote and best narrated sentence apart 0.528 /
#   0.638; the second best 0.532 / 0.639; min(best, the other direction's best) 0.532 / 0.640;
# - interactions the linear model cannot form: rank product 0.530 / 0.640, partner-rank product 0.528 /
#   0.639, each the other's first partner 0.531 / 0.642, best reading times partner-rank product 0.530 / 0.637;
# - per-story expected-F1 decision (judged warm pairs added best first while P(warm) >= c * F/2, F the F1
#   the model's own probabilities expect, c on the warm grid): 0.529 / 0.638 (9 up / 6 down);
# - a warm verdict only where P(warm) >= k * P(cold): k 1.5 / 2 / 3 / 5: 0.529 / 0.635, 0.525 / 0.633,
#   0.509 / 0.615, 0.478 / 0.582;
# - the warm probability from a binary model, warm against the rest: 0.528 / 0.629 (1 up / 7 down); warm
#   against none (hostile rows left out): 0.535 / 0.641 (4 up / 6 down);
# - READER_MIN_STORIES 3 / 6: 0.534 / 0.635 (1 up / 3 down), 0.529 / 0.636 (4 up / 8 down); the reader's
#   third-party links (OT:, TO:, OE:, EO:, someone else acting on one of the two): reader AUC warm 0.854,
#   cold 0.843 (0.853 / 0.842 without), the judge's table unchanged to the story.
# - a pair-level text model (one bag of every reading feature of the pair's units in this direction, sparse
#   logistic none / warm / hostile on the pair labels, L2 12, leave-one-story-out): alone it ranks the pairs
#   the judge decides better than the best reading (warm against none AUC 0.744 against 0.726) but below the
#   judge (0.781); its warm probability as a feature 0.532 / 0.633 (8 up / 6 down), warm and hostile 0.533 /
#   0.635, novels 0.500 / 0.562 (10 up / 7 down).
# Measured and dropped on 78c8642 (issue 16, direction and ranking; held out fics 0.559 / 0.652 strict /
# lenient at warm 0.35, cold 0.5, novels 0.471 / 0.647; thresholds re-picked each time; "n up / m down"
# counts fics whose held-out lenient F1 moved by more than 0.005).  bench/judge_errors.py sorts the
# errors: of the fics' misses 61 are pairs the judge weighed and held below its thresholds (many of
# them both directions of a mutual bond; on every feature here they look like the pairs with no
# feeling: 38 have a unit holding the gold's evidence that the held-out reader reads too weakly, 23
# none), 30 pairs with no record at all (upstream), 18 where the
# other direction was found; of the false relations 36 judged between two people related neither
# way, 13 judged reverses of a one-sided feeling, 13 judged warm where the gold is hostile (or the
# other way), 24 the cues' (the judge does not overrule them; of the cue relations whose held-out
# P(none) is at least 0.8, 1 right and 3 wrong, none in a fic).  Features added to the polarity model:
# - the scenes holding a unit read warm at 0.4 in this direction (log count): 0.556 / 0.649, 0 up /
#   3 down; as a share of the scenes the pair shares a unit in: 0.554 / 0.648, 5 up / 12 down;
# - the warmth of the experiencer's quotes whose subject is the target, the experiencer not one
#   ("you love her" said to the target is the target's feeling): 0.561 / 0.652, novels 0.500 / 0.625,
#   13 up / 9 down (slow_reveal_villain .33 -> .18, script_format .88 -> .71); its weight came out
#   warm (603 of 1644 records hold some: "you're the best" far more often than "you love her");
#   narrowed to a feeling verb whose subject is the target and object a third person: 0.553 / 0.647;
# - per shared unit, how far this direction's warmth passes the other direction's, summed: 0.558 /
#   0.655, 5 up / 6 down;
# - the warmth of units where the experiencer is neither a subject nor the speaker (another's glance
#   at them, the target's act): 0.559 / 0.651, novels 0.485 / 0.665, 5 up / 5 down;
# - the scenes, the quotes and the per-unit lead together: 0.564 / 0.651, novels 0.500 / 0.625,
#   8 up / 10 down.
# The sentence reader: each subject's and object's governor by word class (``E:nsubj:cls:touch``
# beside ``E:nsubj:kiss``): judge 0.558 / 0.651, novels 0.485 / 0.665, 2 up / 1 down.
# Measured and dropped on d88c431 (issue 15, affection on pairs the gold leaves empty; held out fics
# 0.570 / 0.658 strict / lenient at warm 0.325, cold 0.6, novels 0.600 / 0.722; thresholds re-picked
# each time; "n up / m down" counts fics whose held-out lenient F1 moved).  Of the fics' 40 judged
# warm verdicts on pairs related neither way, many read a unit whose warmth belongs to a third person
# named in it ("I love her," said to the secretary), thanks to staff, a detective's interviews, or
# rest on an upstream misreading (a hug resolved to the wrong man).  Focus: per unit, how far the
# pair's warm reading passes the experiencer's warmest reading toward anyone else named in the same
# unit.  Over the pairs the judge decides (no rule relation) it ranks warm above none better than the
# best reading (AUC 0.754 against 0.719; the count of units passing by 0.4, 0.879 against 0.822 for
# units read warm at 0.3), but the polarity model already holds it:
# - the best margin and the count of units passing by 0.4: 0.563 / 0.652, novels 0.646 / 0.764
#   (6 up / 10 down); the best margin alone 0.565 / 0.654 (6 up / 8 down); the count alone 0.564 /
#   0.660, novels 0.646 / 0.764 (11 up / 12 down: idol_group .67 -> .76, cultivation_sect .44 -> .60,
#   long_multichapter .91 -> .77, arranged_marriage .92 -> .86); passing by 0.3 0.568 / 0.660, novels
#   unchanged (5 up / 8 down); by 0.5 0.571 / 0.648 (13 up / 11 down).  (Kept on branch fpaff-focus.)
# - as a floor in ``judge.decide`` (a judged warm pair needs a unit passing by this much), no refit:
#   0.0 / 0.1 no change, 0.2 0.571 / 0.657, 0.3 0.569 / 0.656 (3 up / 3 down); shipped at 0.3 false
#   positives 120 -> 107 but true 209 -> 206, fics lenient 0.707 -> 0.702 (fake_dating .62 -> .50,
#   letters_war .83 -> .73 down; group_chat, winter_court, poetry_prose up); at 0.4 104 / 202, 0.695.
# - a floor on the best unit that is not one of the target's own quotes (the experiencer only its
#   listener), 0.3 / 0.4: no change (the best unit is almost never the target's quote).
# - how many of the cast each of the two shares a record with (a detective, a host, a secretary talk
#   to everyone): 0.568 / 0.661, novels 0.627 / 0.742 (9 up / 11 down).
COLD_KIND_FEATURES = ("bias", "hostile_words", "rule_dislike", "rule_hatred", "read_cold_sum", "read_cold_max",
                      "tone_cold", "speech_cold", "tone_mean")
WARM_GRID = [round(0.10 + 0.025 * i, 3) for i in range(21)]
COLD_GRID = [round(0.15 + 0.05 * i, 2) for i in range(12)]


@dataclass
class StoryData:
    name: str
    gold: dict
    characters: list[dict]
    records: tuple[PairRecord, ...]
    rule_relations: tuple[Relation, ...]
    labels: list[int | None]  # per record: index in POLARITY, None when not scored
    kinds: list[str | None]  # per record: the gold kind for warm/cold pairs
    readings: tuple[Reading, ...] = ()  # the sentence reader's units (features; probabilities refilled)
    reading_labels: tuple[int | None, ...] = ()  # per reading: index in sentence_reader.CLASSES, None when not known


def _label(rec: PairRecord, mapping: dict, gold: dict) -> tuple[int | None, str | None]:
    optional_chars = {c["id"] for c in gold["characters"] if c.get("optional")}
    ga, gb = mapping.get(rec.source), mapping.get(rec.target)
    if ga is None or gb is None:
        return (0, None) if gold.get("cast") == "complete" else (None, None)
    if ga == gb or ga in optional_chars or gb in optional_chars:
        return None, None
    for r in gold["relations"]:
        if (r["from"], r["to"]) == (ga, gb):
            if r.get("optional"):
                return None, None
            return (1 if polarity(r["kind"]) > 0 else 2), r["kind"]
    return 0, None


def _normalised(text: str) -> tuple[str, list[int]]:
    """``text`` lower-cased, quotes straightened, white space collapsed; and each kept
    character's offset in ``text``."""
    table = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-",
                           "\u2013": "-"})
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, ch in enumerate(text.translate(table).lower()):
        if ch.isspace():
            if not space and out:
                out.append(" ")
                where.append(i)
            space = True
            continue
        space = False
        out.append(ch)
        where.append(i)
    return "".join(out), where


def evidence_spans(quote: str, text: str, norm: tuple[str, list[int]] | None = None) -> list[tuple[int, int]]:
    """Where a gold evidence quote stands in the story text (every place; by its pieces
    where the quote skips words with an ellipsis)."""
    hay, where = norm if norm is not None else _normalised(text)
    needle = _normalised(quote)[0].strip(" *_~\"'")
    pieces = [needle] if needle in hay else [p.strip(" *_~\"'.,") for p in needle.replace("\u2026", "...").split("...")]
    spans = []
    for piece in pieces:
        if len(piece) < 8:
            continue
        at = hay.find(piece)
        while at >= 0:
            spans.append((where[at], where[at + len(piece) - 1] + 1))
            at = hay.find(piece, at + 1)
    return spans


# Measured and dropped (issue 16, session 15, FN-reverse-found / FP-judge-reverse; held out at fixed warm
# 0.3 / cold 0.35 from fics 0.623 / 0.715 strict / lenient, novels 0.628 / 0.681, reader warm AUC 0.861):
# a quote lying on the evidence of the other direction of a pair related both ways (A's "I love you, B"
# read as B's feeling for A) labelled none for this direction instead of left unknown, to teach the reader
# whose a declaration is: 202 more labelled readings, warm AUC 0.867, but the judge 0.617 / 0.712, novels
# strict 0.576 (lenient 1 up / 3 down: long_multichapter .91 -> .83, same_names .43 -> .29, body_swap .57
# -> .53; nonbinary_bard .55 -> .67); sentences too (330 more): AUC 0.862, 0.617 / 0.705 (2 up / 6 down).
def label_readings(readings: tuple[Reading, ...], mapping: dict, gold: dict, text: str) -> tuple[int | None, ...]:
    """Per reading (an index in ``sentence_reader.CLASSES``): the gold kind where it lies on an evidence quote of the gold relation in
    its direction; none where the gold holds no relation in its direction (the reverse of a
    one-sided feeling included) unless it shows another pair's feeling; unknown otherwise (a
    related pair's other sentences, the novels, optional people or relations)."""
    if gold.get("cast") != "complete" or not any(r.get("evidence") for r in gold["relations"]):
        return tuple(None for _ in readings)
    optional_chars = {c["id"] for c in gold["characters"] if c.get("optional")}
    norm = _normalised(text)
    relations = {(r["from"], r["to"]): r for r in gold["relations"]}
    spans = {key: [sp for q in r.get("evidence", []) for sp in evidence_spans(q, text, norm)]
             for key, r in relations.items()}
    out: list[int | None] = []
    for rd in readings:
        ga, gb = mapping.get(rd.source), mapping.get(rd.target)
        if ga is None or gb is None or ga == gb or ga in optional_chars or gb in optional_chars:
            out.append(None)
            continue
        rel = relations.get((ga, gb))
        on_other = any(a < rd.end and rd.start < b for key, sp in spans.items() if key not in ((ga, gb), (gb, ga))
                       for a, b in sp)
        if rel is None:
            # a unit that shows some other pair's feeling (one end not seen) teaches nothing of this pair
            out.append(None if on_other else 0)
        elif rel.get("optional") or not any(a < rd.end and rd.start < b for a, b in spans[(ga, gb)]):
            out.append(None)
        else:
            out.append(sentence_reader.CLASSES.index(rel["kind"]))
    return tuple(out)


def relabel(stories: list[StoryData], shared: Path) -> list[StoryData]:
    """The stories with their readings labelled afresh from the gold (a cache keeps the
    analysis, never the labels)."""
    out = []
    for s in stories:
        path = shared / "gold" / f"{s.name}.gold.json"
        text = read_story(gold_text_path(path, s.gold)).text
        mapping = map_characters(s.characters, s.gold["characters"])
        out.append(replace(s, reading_labels=label_readings(s.readings, mapping, s.gold, text)))
    return out


def _banned_words(golds: list[dict]) -> set[str]:
    """Every word of every gold name, alias and non-character: no model file holds one."""
    words: set[str] = set()
    for g in golds:
        for c in g["characters"]:
            for name in [c["name"], *c.get("aliases", [])]:
                words.update(w.lower() for w in name.replace("-", " ").replace("_", " ").split())
        for name in g.get("not_characters", []):
            text = name if isinstance(name, str) else str(name.get("name", ""))
            words.update(w.lower() for w in text.replace("-", " ").split())
    return {w.strip(".,'\"") for w in words}


def train_reader(stories: list[StoryData], banned: set[str]) -> dict:
    """The sentence reader trained on ``stories``' labelled readings."""
    rows, labels, seen_in = [], [], {}
    for s in stories:
        for rd, lab in zip(s.readings, s.reading_labels, strict=True):
            if lab is None:
                continue
            rows.append(rd.features)
            labels.append(lab)
            for f in rd.features:
                seen_in.setdefault(f, set()).add(s.name)
    least = min(READER_MIN_STORIES, max(1, len({s.name for s in stories if any(
        lab is not None for lab in s.reading_labels)})))
    vocabulary = sorted(f for f, where in seen_in.items()
                        if len(where) >= least and f.rsplit(":", 1)[-1] not in banned)
    classes = sentence_reader.CLASSES
    counts = [labels.count(c) for c in range(len(classes))]
    weights = [(len(labels) / (len(classes) * n)) ** READER_CLASS_POWER if n else 1.0 for n in counts]
    if len({lab for lab in labels}) < 2:
        model = learn.SparseModel((), classes, (0.0,) * len(classes), tuple(() for _ in classes))
    else:
        model = learn.fit_sparse(rows, labels, vocabulary, classes, l2=READER_L2, class_weight=weights)
    return {"reader": model.to_json(), "_rows": len(rows), "_data": learn.data_hash(
        [[len(r)] for r in rows], labels)}


def reader_held_out(stories: list[StoryData], banned: set[str]) -> list[StoryData]:
    """Each story's records with sentence-reader features from a reader that never saw it
    (leave-one-story-out; a story without labelled readings, a novel, is read by the reader
    trained on all the others)."""
    labelled = [s for s in stories if any(lab is not None for lab in s.reading_labels)]
    everyone = train_reader(labelled, banned) if labelled else None
    out = []
    for s in stories:
        model = train_reader([o for o in labelled if o is not s], banned) if s in labelled else everyone
        readings = sentence_reader.score(s.readings, model) if model is not None else tuple(
            replace(r, warm=0.0, cold=0.0, romantic=0.0) for r in s.readings)  # never a cached model's scores
        out.append(replace(s, records=with_readings(s.records, readings), readings=readings))
    return out


def held_out_readings(stories: list[StoryData], shared: Path) -> list[StoryData]:
    """The stories as the held-out view must see them: readings labelled from the gold, and
    each story's sentence-reader features from a reader trained without it.  Without this
    step the records carry the shipped reader's verdicts, which saw every story."""
    stories = relabel(stories, shared)
    return reader_held_out(stories, _banned_words([s.gold for s in stories]))


def reader_quality(stories: list[StoryData]) -> str:
    """Held-out readings: how well the warm (cold) probability ranks labelled readings."""
    lines = []
    sign = {i: polarity(k) if k != "none" else 0 for i, k in enumerate(sentence_reader.CLASSES)}
    for c, name in ((1, "warm"), (-1, "cold")):
        scored = sorted(((r.warm if c == 1 else r.cold), sign[lab] == c) for s in stories
                        for r, lab in zip(s.readings, s.reading_labels, strict=True)
                        if lab is not None)
        pos = sum(1 for _, y in scored if y)
        neg = len(scored) - pos
        if not pos or not neg:
            continue
        rank_sum = sum(i + 1 for i, (_, y) in enumerate(scored) if y)
        auc = (rank_sum - pos * (pos + 1) / 2) / (pos * neg)
        lines.append(f"{name}: {pos} positive of {len(scored)} labelled readings, held-out AUC {auc:.3f}")
    return "sentence reader " + "; ".join(lines)


def collect(golds: list[Path]) -> list[StoryData]:
    # the stories are read by the rules alone: the judge being trained must not need itself
    saved = os.environ.get("HEARTLINE_JUDGE")
    os.environ["HEARTLINE_JUDGE"] = "rules"
    try:
        return _collect(golds)
    finally:
        if saved is None:
            del os.environ["HEARTLINE_JUDGE"]
        else:
            os.environ["HEARTLINE_JUDGE"] = saved


def _collect(golds: list[Path]) -> list[StoryData]:
    pipeline = default_pipeline()
    out = []
    for path in golds:
        gold = load_gold(path)
        started = time.perf_counter()
        story = read_story(gold_text_path(path, gold))
        results = pipeline.run(story=story, fandom_names=NameList(), corrections=Corrections())
        chars = [{"id": c.id, "name": c.name, "aliases": list(c.aliases)} for c in results["characters"]]
        mapping = map_characters(chars, gold["characters"])
        records = results["pair_features"]
        labelled = [_label(r, mapping, gold) for r in records]
        name = path.name.removesuffix(".gold.json")
        out.append(StoryData(name, gold, chars, records, results["rule_relations"],
                             [lab for lab, _ in labelled], [k for _, k in labelled],
                             results["sentence_readings"]))
        print(f"train_judge: {name}: {len(records)} pairs, {time.perf_counter() - started:.1f} s",
              file=sys.stderr)
    return out


def _fit(rows, labels, classes, l2, features: tuple[str, ...] = MODEL_FEATURES) -> dict:
    """A fitted model over ``features`` (``rows`` hold every one of ``FEATURES``); where the
    data hold fewer than two classes (a tiny slice), one that always answers the class seen
    (or the first)."""
    columns = [FEATURES.index(f) for f in features]
    rows = [[row[i] for i in columns] for row in rows]
    if len(set(labels)) < 2:
        seen = labels[0] if labels else 0
        weights = [[(20.0 if c == seen and f == "bias" else 0.0) for f in features] for c in range(len(classes))]
        return learn.LinearModel(features, classes, (0.0,) * len(features), (1.0,) * len(features),
                                 tuple(tuple(w) for w in weights)).to_json()
    return learn.fit(rows, labels, features, classes, l2=l2).to_json()


def train(stories: list[StoryData], thresholds: dict[str, float]) -> dict:
    """The three models, trained on ``stories``."""
    rows, labels, warm_rows, warm_labels, cold_rows, cold_labels = [], [], [], [], [], []
    for s in stories:
        for rec, lab, kind in zip(s.records, s.labels, s.kinds):
            if lab is None:
                continue
            rows.append(rec.values)
            labels.append(lab)
            if lab == 1:
                warm_rows.append(rec.values)
                warm_labels.append(WARM_KINDS.index(kind))
            elif lab == 2:
                cold_rows.append(rec.values)
                cold_labels.append(COLD_KINDS.index(kind))
    return {
        "polarity": _fit(rows, labels, POLARITY, L2),
        "warm_kind": _fit(warm_rows, warm_labels, WARM_KINDS, L2, WARM_KIND_FEATURES),
        "cold_kind": _fit(cold_rows, cold_labels, COLD_KINDS, L2 * 2, COLD_KIND_FEATURES),
        "review": {"warm_margin": REVIEW_MARGIN},
        "floor": {"warm_reading": WARM_READING_FLOOR, "warm_owned": WARM_OWNED_FLOOR,
                  "strong_reading": STRONG_READING, "strong_warm": STRONG_WARM, "strong_units": STRONG_UNITS,
                  "cold_reading": COLD_FLOOR[0], "cold_sure": COLD_FLOOR[1]},
        "thresholds": thresholds,
        "_data": learn.data_hash(rows, labels),
        "_rows": len(rows),
    }


def score_relations(s: StoryData, relations: tuple[Relation, ...]):
    prediction = {"characters": s.characters,
                  "relations": [{"from": r.source, "to": r.target, "kind": r.kind, "current": r.current}
                                for r in relations]}
    return score(prediction, s.gold)


class HeldOutRow(NamedTuple):
    """One story scored by the rules and by a judge never trained on it: F1 strict / lenient, and
    the counts behind them (``PRF``), so that a group of stories can be pooled as well as averaged."""

    name: str
    cast: str | None
    rules_strict: float
    rules_lenient: float
    judge_strict: float
    judge_lenient: float
    counts: dict[str, PRF]


def table(stories: list[StoryData], probs: dict[str, tuple], models: dict[str, dict],
          thresholds: dict[str, float], rules: dict[str, object]) -> list[HeldOutRow]:
    rows = []
    for s in stories:
        model = dict(models[s.name], thresholds=thresholds)
        judged = score_relations(s, judge(s.records, s.rule_relations, (), None, model, probs[s.name]))
        r = rules[s.name]
        counts = {"rules_strict": r.strict, "rules_lenient": r.lenient,
                  "judge_strict": judged.strict, "judge_lenient": judged.lenient}
        rows.append(HeldOutRow(s.name, s.gold.get("cast"), r.strict.f1, r.lenient.f1, judged.strict.f1,
                               judged.lenient.f1, counts))
    return rows


def summary(rows: list[HeldOutRow], cast: str) -> dict[str, float]:
    """The mean over a cast's stories of each F1 (what the thresholds are chosen on), its pooled
    (micro) F1 beside it (issue 16 states its target pooled), and the lowest story's lenient F1."""
    chosen = [r for r in rows if r.cast == cast]
    if not chosen:
        return {}
    out: dict[str, float] = {}
    for key in ("rules_strict", "rules_lenient", "judge_strict", "judge_lenient"):
        out[key] = statistics.fmean(getattr(r, key) for r in chosen)
        out[f"pooled_{key}"] = PRF.pooled(r.counts[key] for r in chosen).f1
    out.update(judge_lenient_min=min(r.judge_lenient for r in chosen), stories=len(chosen))
    return out


# How much better (mean over the gold stories of held-out strict + lenient F1) another grid point must
# be for a refit to leave the thresholds the shipped model has.  The held-out optimum is a flat plateau
# (session 12: the best twenty points within 0.01 of each other) whose top wanders from refit to refit,
# while the shipped answers move a lot with it: after the session-12 merge the top, warm 0.4 / cold 0.7,
# was 0.0077 better held out than the shipped warm 0.3 / cold 0.35 and shipped the fics 0.753 / 0.657
# lenient / strict with two stories below 0.50, the novels 0.726; at the kept 0.3 / 0.35, 0.757 / 0.659,
# none below 0.50, novels 0.756.  Held out the two are fics 0.612 / 0.707 and 0.608 / 0.702 strict /
# lenient, novels 0.667 / 0.667 and 0.649 / 0.702.
KEEP_MARGIN = 0.01


def shipped_thresholds(path: Path = DEFAULT_OUT) -> dict[str, float] | None:
    """The thresholds of the judge model at ``path`` (None when there is none, or it has none)."""
    try:
        found = json.loads(path.read_text(encoding="utf-8")).get("thresholds")
    except (OSError, ValueError):
        return None
    return {"warm": float(found["warm"]), "cold": float(found["cold"])} if found else None


def dropped_others(names: list[str], k: int, seed: int) -> dict[str, frozenset[str]]:
    """Per story, ``k`` other stories its held-out judge also trains without (``--drop-others``):
    a perturbation of the training set that shows how much of a held-out difference is the fit's
    spread.  Drawn from ``seed`` over the sorted names alone, so two variants of the features
    measured with one seed leave out the same stories."""
    rng = random.Random(seed)
    ordered = sorted(names)
    return {n: frozenset(rng.sample([o for o in ordered if o != n], min(k, len(ordered) - 1)))
            for n in ordered} if k > 0 else {n: frozenset() for n in names}


def held_out_view(stories: list[StoryData], fixed: dict[str, float] | None = None,
                  incumbent: dict[str, float] | None = None, drop_others: int = 0, seed: int = 0):
    """Leave-one-story-out: per story (name, cast, rules strict, rules lenient, judge strict, judge lenient),
    the thresholds chosen on the held-out predictions (or ``fixed``, when given), and the fics' and novels'
    means.  The ``incumbent`` thresholds (the shipped model's) are kept unless a grid point beats them by
    more than ``KEEP_MARGIN``.  With ``drop_others`` each story's judge also trains without that many
    other stories drawn from ``seed`` (``dropped_others``)."""
    dropped = dropped_others([s.name for s in stories], drop_others, seed)
    held_out = {s.name: train([o for o in stories if o is not s and o.name not in dropped[s.name]], {})
                for s in stories}
    probs = {s.name: probabilities(s.records, held_out[s.name]) if s.records else () for s in stories}
    rules = {s.name: score_relations(s, s.rule_relations) for s in stories}
    best = None if fixed is None else ((), fixed)
    for tw in WARM_GRID if fixed is None else ():
        for tc in COLD_GRID:
            th = {"warm": tw, "cold": tc}
            # chosen on every gold story, the novels beside the fics: on the fics alone the plateau is
            # flat (session 11: the best ten grid points within 0.005 of each other) and its top fell
            # where the novels lost 0.08 lenient; over all 41, fics 0.605 / 0.696 -> 0.600 / 0.697
            # and novels 0.544 / 0.667 -> 0.576 / 0.743 strict / lenient held out
            key = (_pooled(stories, probs, held_out, th, rules), -abs(tw - 0.5), -abs(tc - 0.5))
            if best is None or key > best[0]:
                best = (key, th)
    thresholds = best[1]
    if fixed is None and incumbent is not None and \
            _pooled(stories, probs, held_out, incumbent, rules) >= best[0][0] - KEEP_MARGIN:
        thresholds = incumbent
    rows = table(stories, probs, held_out, thresholds, rules)
    return rows, thresholds, summary(rows, "complete"), summary(rows, "partial")


def render_rows(rows, fics, novels, thresholds) -> str:
    out = [f"{'story':28} {'rules strict':>12} {'rules lenient':>13} {'judge strict':>12} {'judge lenient':>13}"]
    for r in rows:
        mark = "+" if r.judge_lenient > r.rules_lenient + 1e-9 else "-" if r.judge_lenient < r.rules_lenient - 1e-9 else " "
        out.append(f"{r.name:28} {r.rules_strict:12.2f} {r.rules_lenient:13.2f} {r.judge_strict:12.2f} "
                   f"{r.judge_lenient:13.2f} {mark}")
    out.append(f"fics (mean of {fics['stories']}): rules {fics['rules_strict']:.3f} / {fics['rules_lenient']:.3f}, "
               f"judge held out {fics['judge_strict']:.3f} / {fics['judge_lenient']:.3f} "
               f"(lowest lenient {fics['judge_lenient_min']:.2f}); thresholds {thresholds}")
    out.append(f"fics (pooled): rules {fics['pooled_rules_strict']:.3f} / {fics['pooled_rules_lenient']:.3f}, "
               f"judge held out {fics['pooled_judge_strict']:.3f} / {fics['pooled_judge_lenient']:.3f}")
    if novels:
        out.append(f"novels (mean of {novels['stories']}): rules {novels['rules_strict']:.3f} / "
                   f"{novels['rules_lenient']:.3f}, judge held out {novels['judge_strict']:.3f} / "
                   f"{novels['judge_lenient']:.3f}")
    return "\n".join(out)



def _pooled(stories, probs, held_out, th: dict[str, float], rules) -> float:
    """Mean over the stories of held-out strict + lenient F1 at thresholds ``th``."""
    rows = table(stories, probs, held_out, th, rules)
    return round(statistics.fmean(r.judge_strict for r in rows) + statistics.fmean(r.judge_lenient for r in rows), 4)


def _thresholds(text: str) -> dict[str, float]:
    """``--thresholds 0.3,0.35`` -> {"warm": 0.3, "cold": 0.35}."""
    try:
        warm, cold = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("expected WARM,COLD, e.g. 0.3,0.35") from None
    return {"warm": warm, "cold": cold}


def _with_thresholds(view):
    """held_out_view's (rows, thresholds, fics, novels) in render_rows' order."""
    rows, thresholds, fics, novels = view
    return rows, fics, novels, thresholds


def gold_files(shared: Path, only: list[str] | None, tool: str) -> list[Path]:
    """The gold files under ``shared`` (``only`` these names when given); a tool needs two at
    least to hold one story out."""
    golds = sorted((shared / "gold").glob("*.gold.json"))
    if only:
        golds = [g for g in golds if g.name.removesuffix(".gold.json") in only]
    if len(golds) < 2:
        sys.exit(f"{tool}: need at least two gold stories (is --shared right?)")
    return golds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--cache", type=Path, help="keep the analysed stories here between runs (pickle)")
    ap.add_argument("--only", nargs="*", help="train on these gold names only (a CI-sized run)")
    ap.add_argument("--dry-run", action="store_true", help="measure, but write no model file")
    ap.add_argument("--thresholds", metavar="WARM,COLD", type=_thresholds,
                    help="measure held out at these thresholds too, beside the chosen ones: a refit re-chooses "
                         "them on a flat plateau, so two runs compare like for like only at fixed ones")
    ap.add_argument("--drop-others", metavar="K", type=int, default=0,
                    help="held out, train each story's judge without K further stories too (a spread check)")
    ap.add_argument("--seed", type=int, default=0, help="the draw of --drop-others' stories")
    args = ap.parse_args(argv)
    if args.drop_others and not args.dry_run:
        ap.error("--drop-others measures a perturbed fit: use it with --dry-run")
    golds = gold_files(args.shared, args.only, "train_judge")
    stories = cached(args.cache, lambda: collect(golds))

    stories = held_out_readings(stories, args.shared)
    banned = _banned_words([s.gold for s in stories])
    print(reader_quality(stories))
    incumbent = shipped_thresholds(args.out) if args.out.exists() else shipped_thresholds()
    perturb = {"drop_others": args.drop_others, "seed": args.seed}
    rows, thresholds, fics, novels = held_out_view(stories, incumbent=incumbent, **perturb)
    print(render_rows(rows, fics, novels, thresholds))
    if args.thresholds:
        print(f"\nat fixed thresholds {args.thresholds}:")
        print(render_rows(*_with_thresholds(held_out_view(stories, args.thresholds, **perturb))))
    if args.dry_run:
        return 0
    reader = train_reader([s for s in stories if any(lab is not None for lab in s.reading_labels)], banned)
    reader_card = {"trained_on": [s.name for s in stories if any(lab is not None for lab in s.reading_labels)],
                   "rows": reader.pop("_rows"), "data_sha256": reader.pop("_data"),
                   "learner": f"multinomial logistic regression over feature bags, L2 {READER_L2}, L-BFGS in numpy",
                   "vocabulary": f"features seen in at least {READER_MIN_STORIES} stories; no gold name's word",
                   "held_out": reader_quality(stories), "retrain": "bench/train_judge.py"}
    reader_out = args.out.with_name(sentence_reader.MODEL_FILE)
    write_model(reader_out, {"version": 1, "card": reader_card, **reader}, "train_judge", indent=0)
    final = train(stories, thresholds)
    card = {"trained_on": [s.name for s in stories], "rows": final.pop("_rows"), "data_sha256": final.pop("_data"),
            "learner": f"multinomial logistic regression, L2 {L2}, Newton's method in numpy",
            "held_out": {"fics": {k: round(v, 4) for k, v in fics.items()},
                         "novels": {k: round(v, 4) for k, v in novels.items()}},
            "retrain": "bench/train_judge.py"}
    final = {"version": 1, "card": card, **final}
    write_model(args.out, final, "train_judge")
    return 0


if __name__ == "__main__":
    sys.exit(main())
