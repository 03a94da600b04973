"""Stage ``judge``: which ordered pairs hold a feeling at the end of the story, and of what kind.

The ``feelings`` stage is the *rules* scorer: it reports a pair when its cue evidence
passes a hand-set support threshold.  This stage is the *trained* scorer: a logistic
model over each pair's feature record (``pair_features``) decides none / warm / hostile,
and a second model decides the kind (romantic or affection; hatred or dislike), reading a
few features that speak of the kind of a bond (the model names them; among them the author's
declared pairings, "A/B" or "A & B", where the story's header has them).  Between two people
the story says are kin (stage ``kinship``) a warm feeling the judge finds is affection.  Both were
trained on the development stories' gold answers and measured leave-one-story-out
(``bench/train_judge.py``; the model card sits in the model file).

Where the cues gave a pair a relation, current or past, it stands as the rules read it: a
cue is specific ("no longer loved her", "came to hate him") where the judge's evidence is
diffuse, and measured leave-one-story-out, letting the judge overrule the cues gained
nothing.  Only the kind of a current warm one is reviewed: where the kind model holds the
other warm kind likelier by the model's margin (``review_kinds``; an "I love you" between
two the author tags "A & B"), the relation takes that kind.  A person in love with two people at
the end keeps the likelier romance only (``one_romance``), and a pair the author declares
romantic in the header ("A/B") is romantic unless the judge holds it hostile.  The judge decides the pairs
the cues left without a relation (but not one whose feeling the story refutes, a rumour scoffed at; nor a
warm one no single shared moment shows: ``decide``'s reading floor; one shared moment the
sentence reader reads as plainly warm lowers the bar, ``strong_reading``; a warmth the other
direction does not return needs more, ``LONE_BACK``); a feeling it finds
there is ``implied`` (or as the pair's sub-threshold cues show it) and its evidence is the
cues, else the warmest (or coldest) sentences the two share.  ``HEARTLINE_JUDGE=rules`` runs the rules scorer alone.
"""
from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from ..learn import LinearModel
from ..model import ArcStep, Document, Evidence, Relation, polarity
from ..models import card, load_shipped, scorer_choice
from ..pipeline import stage
from .pair_features import FEATURES, MODEL_FEATURES, PairRecord

MODEL_FILE = "feeling_judge.json"
# Judged evidence names what the judge read, as a cue id does for the rules.
WARM_MOMENT = "judge:warm-moment"
COLD_MOMENT = "judge:cold-moment"
# a sentence the sentence reader found showing the feeling (stage ``sentence_reader``)
WARM_READING = "judge:warm-reading"
COLD_READING = "judge:cold-reading"
_MOMENTS_SHOWN = 3
# One romance at a time: where a person is read as in love with two or more people at the end
# of the story, the romance goes to the one whose pair is likeliest romantic by the kind model,
# weighted by how much the other person is in the story (the square root of their share of the
# most named person's mentions: a minor name does not outweigh a lead); a rival this much weaker
# becomes affection (``one_romance``).  Across the 41 gold stories no person holds two current
# romantic feelings (107 people hold one), while the readings that gave someone a second were a
# friend's "I like you", a teasing "your girlfriend", a love the cues read at a flatmate.
# Measured on 8b41fc8: held out (judge retrained per story, thresholds as chosen, warm 0.3, cold
# 0.6), fics strict 0.533 -> 0.538, lenient 0.640 unchanged, novels unchanged; up college_roommates
# .56 -> .67, ensemble_party .27 -> .36, jealousy_misdirection .67 -> .80; down same_names .33 ->
# .25 (the cues gave one of two namesakes a kiss meant for the other), wattpad_style .60 -> .57
# (its love interest split in two: one half kept romance).  Shipped, fics strict 0.553 -> 0.559,
# lenient 0.672 -> 0.673, novels unchanged; the same five stories.  Measured and dropped: the kind
# model's probability alone (margins 0 to 0.3: novels strict 0.482 -> 0.423, a husband's love
# given to the wife the novel names twice; margin 0: fics 0.518), weighted by the target's rank
# among the source's partners or the target's rank in the cast (fics 0.529 to 0.535, script_format
# down), a rival at least 0.4 weaker only (fics 0.537).
ONE_ROMANCE_MARGIN = 0.15
# DECLARED notes.  A pair the author's header declares romantic ("A/B") is warm, romantic, unless
# the judge holds it hostile (``decide``): of the 36 declared pairs with a gold label in the
# development stories all 36 are warm (35 romantic), where the judge left 3 without a feeling (a
# pairing shown in a few scenes, or one-sided).  In ``one_romance`` a declared pairing the story
# shows warm outweighs an undeclared one (``_romance_weight``), but one romantic by the tag alone
# (``declared_only``) takes the romance from nobody: a header may declare a political marriage
# the story never warms.  Measured on top of one_romance, held out: fics strict / lenient 0.538 /
# 0.640 -> 0.543 / 0.644, novels unchanged (they have no header); up ensemble_party .36 -> .43
# strict (.45 -> .52 lenient), pirate_crew .35 -> .44 (.47 -> .56); none down.  Shipped, fics
# 0.559 / 0.673 -> 0.563 / 0.676; up pirate_crew .35 -> .44 (.47 -> .56), script_format .71 -> .78
# (.82 -> .89); none down.  Measured and dropped: a tag-only romance as a rival too (held out
# 0.542 / 0.644: winter_court .73 -> .61 strict, its queen's love for her secretary given up to
# the declared marriage); no weight for the declared pairing (0.538 to 0.540, pirate_crew down).
# Measured and dropped (issue 15, strict kind; on c471ba2, thresholds warm 0.325 cold 0.6 either
# way): a romance its owner never says (how claimed or implied), met by affection the other way,
# made affection.  Across the 41 gold stories a romance is returned as romance (102 of 126) or not
# at all (15), as affection only 3 times; but which of the two readings is wrong does not show.
# Held out fics strict 0.570 -> 0.576, lenient 0.655 unchanged, novels strict 0.529 -> 0.471; up
# ensemble_party .45 -> .55, found_family_ship .60 -> .70, soulmate_marks .67 -> .83; down
# group_chat .80 -> .74, valentine .83 -> .76 (there the other way's affection is the wrong one,
# the romance right), sense_and_sensibility .59 -> .47.  Shipped fics strict 0.596 -> 0.606, novels
# 0.602 -> 0.549 (same_names and volleyball_nicknames up too).  Any romance so met, stated ones
# too: held out fics 0.578 / 0.654, novels strict 0.412 (five fics up, four down, both novels
# down); only where the other way's affection is as confident: 0.570 (two up, three down).  (Kept
# on branch kindcue-unreturned.)  Also measured and dropped for the same wrong kinds (held out fics
# strict from 0.570), as warm kind features: a current romance cue between the two either way 0.566
# (secret_identity down), the other way's rule relation kind 0.570 (nothing moved), back_romantic
# 0.564 (novels 0.471), kin_stated and friends_stated 0.567 (northanger_abbey up, same_names and
# sense_and_sensibility down); body words (thumb stomach neck mouth ear lean red) in romance_scene
# 0.564 (poetry_prose down).
# A blush for the other (``pair_features.BLUSH_ROWS``: "scarlet, ears and all", "her cheeks flushed",
# its owner the one who blushes, for the one named nearest) makes a current warm feeling romance,
# unless the two are kin (``blush_kind``); at least one whole blush (the log of 1 + 1), not one
# shared among several people near it.  In the 39 fics a whole blush falls on 11 gold warm pairs, 9
# romances; in the novels on 6, 3 romances (two of the others sisters, kept by kin).  Measured on
# f252d29, held out at fixed thresholds warm 0.3 cold 0.35: fics strict / lenient 0.600 / 0.697 ->
# 0.605 / 0.697, novels 0.576 / 0.743 -> 0.638 / 0.743; up cultivation_sect .50 -> .67, subtext_only
# .29 -> .43, northanger_abbey .62 -> .75; down jealousy_misdirection .71 -> .57 (a friend's blush
# the story sets as a decoy).  Shipped: fics 0.637 / 0.744 -> 0.642 / 0.744, novels 0.598 / 0.756 ->
# 0.661 / 0.756, the same four stories.  Measured and dropped: ``blush_for`` as a warm kind feature
# (WARM_KIND_FEATURES) instead: held out fics strict 0.598, novels 0.586 to 0.638 as the scope
# varied (paragraph and the one before, every one named there: poetry_prose .47 -> .35 and
# jealousy_misdirection down, sense_and_sensibility down with the nearest scope): ~11 pairs with a
# blush are too few for the fitted weight to carry it.
BLUSH_ROMANCE = math.log(2) - 1e-9
# A hostile feeling the judge finds needs one unit the sentence reader reads as cold in this
# direction at least this much (``read_cold_max``), unless the polarity model is sure of it by
# ``COLD_SURE``: the warm feeling has its reading floor (``decide``), the hostile one had none, and
# a pair that shares scenes with talk among family and teasing ("the traitor", a murmured
# "every night") came out hostile with no cold moment at all, every shown moment a tone moment.
# A hostility the plot shows (a poisoner's patience) can leave the reader cold-blind: a sure model
# keeps it.  Measured on e21b796, shipped: fics lenient / strict 0.758 / 0.659 -> 0.760 / 0.661,
# novels 0.756 / 0.661 unchanged; up lowercase_tumblr .71 -> .77 (lucia -> ren), same_names .58 ->
# .60 (.38 -> .40 strict), none down.  Held out (judge refit per story, fixed thresholds warm 0.3 cold
# 0.35): fics 0.609 / 0.705 -> 0.611 / 0.707 strict / lenient, novels 0.649 / 0.702 unchanged; up
# interview_transcript .56 -> .59, long_multichapter .77 -> .83, lowercase_tumblr .67 -> .71; down
# idol_group .80 -> .74 lenient (.60 -> .53 strict).  Without the sure-model exception: shipped
# slow_reveal_villain .77 -> .67 (its poisoner's dislike, p 0.68, no unit read cold above 0.17),
# held out same_names up too; at a floor of 0.2 held out only interview_transcript and same_names
# moved (up); at 0.12 nothing moved.  Held out, the floor at 0.25 / 0.35 (sure 0.6): fics 0.612 / 0.707
# and 0.612 / 0.708 (0.35 adds noir_detective up), sure at 0.5: 0.610 / 0.706 (interview_transcript up only).
COLD_FLOOR = (0.3, 0.6)
# A reading shown as evidence must be at least this probable (else the tone moments are shown).
READING_SHOWN = 0.2
# A one-sided warmth the judge finds (issue 16, FP-judge-unrelated and FP-judge-reverse): where the
# polarity model holds the other direction warm below LONE_BACK (the target shows nothing back),
# the judge's warm verdict needs LONE_WARM, not the plain threshold (``decide``'s ``lone``).  A
# feeling no cue names is read from what two people share, and what they share is the same both
# ways; where only one direction reads warm, the warmth is mostly a third person's scene or the
# target's kindness landing on the source ("the inspector thanked her", "Hob passed her the map"),
# while a one-sided love a reader would tag is usually said (pining, a confession) and so is the
# cues' to find.  It never touches a rule relation nor a pair the author declares ("A/B").  Held
# out (each story judged by a judge trained without it) on e21b796, judged warm verdicts without a
# rule relation whose other direction is below 0.2: 9 right, 13 unrelated, 5 hostile in the gold,
# 2 the other way only, 7 optional.  Measured held out at fixed thresholds warm 0.3 cold 0.35: fics
# strict / lenient 0.609 / 0.705 -> 0.618 / 0.712, novels 0.649 / 0.702 unchanged; up (strict /
# lenient) arranged_marriage .71 / .86 -> .77 / .92, long_multichapter .77 -> .83, slow_reveal_villain
# .67 -> .73, time_travel .62 -> .67, lowercase_tumblr .67 -> .71, idol_group, interview_transcript,
# noir_detective, nonbinary_bard, fake_dating, unreliable_gossip; down enemies_to_lovers .57 -> .50,
# found_family_ship .84 -> .78, same_names .44 -> .36 lenient (.24 -> .27 strict), reader_cafe .84
# -> .78 lenient.  Shipped, fics 0.758 / 0.659 -> 0.761 / 0.661 lenient / strict, novels unchanged,
# false positives 115 -> 96, true 232 -> 226; 11 stories up (lowercase_tumblr .71 -> .83,
# village_mystery .53 -> .62, interview_transcript .59 -> .67), 7 down (cultivation_sect .83 -> .73,
# enemies_to_lovers .67 -> .55, letters_war .83 -> .73, jealousy_misdirection .80 -> .71).  The
# neighbours (back 0.2 to 0.3, warm 0.45 to 0.5) give held out 0.614 to 0.618 / 0.709 to 0.712; warm
# 0.6 loses (0.701 lenient: true one-sided pairs go too).  It holds at other judge thresholds (held
# out, fics strict / lenient without -> with): warm 0.4 cold 0.7, 0.610 / 0.704 -> 0.616 / 0.712;
# 0.35 / 0.5, 0.600 / 0.693 -> 0.608 / 0.704; 0.25 / 0.35, 0.604 / 0.697 -> 0.619 / 0.712 (novels
# 0.594 / 0.646 -> 0.610 / 0.663).  Measured and dropped: a cue of the other
# direction (back_positive) counted as returned: 0.617 / 0.711; the bar as a sum, p + w * back >= s
# (w 1, s 0.6 to 0.8; w 0.5, s 0.5 to 0.6): 0.609 to 0.617 / 0.697 to 0.711.  Also dropped, the same
# bar for hostile verdicts (other direction held hostile below 0.2, this one needing 0.6): held out
# 0.620 / 0.714 (5 fics up, idol_group and village_mystery .50 -> .40 lenient down), but shipped
# fics unchanged and novels 0.756 / 0.661 -> 0.683 / 0.583 (a novel's hostility is one-sided: a
# snub the heroine never returns).  Exempting a pair with a warm cue of its own this way (rule_affection,
# rule_romantic: 0.614 / 0.710), an implied cue (0.615 / 0.711) or warm words the source says to the
# target (read_speaks_warm: 0.612 / 0.708) loses: those are as often the target's words misread.
# Also dropped: at most two judged warm verdicts per person (a hub who meets everyone, an inspector,
# a secretary), held out 0.621 / 0.713 but same_names .36 -> .30 lenient, one-story gains.
LONE_BACK = 0.25
LONE_WARM = 0.5
# A warm feeling the judge finds that nothing answers (no current relation the other way, the cues'
# or the judge's own) needs a unit its owner owns (``pair_features.owns``: their words, their act) read
# warm at least this much, not the plain WARM_OWNED_FLOOR (0.4) (``returned_or_owned``; issue 16,
# FP-judge-unrelated / -reverse).  A one-sided warmth a reader would tag is the experiencer's own and
# plain ("she kept his letters under her pillow"); one the judge builds from shared scenes, with the
# owner's best moment read lukewarm, is mostly a third person's scene or the target's kindness landing
# on the source.  Unlike LONE_BACK it asks of the other direction's final verdict, not its probability,
# and of the owned moment, not the pair's probability.  Measured held out (bench/judge_gates.py,
# fixed warm 0.3 cold 0.35) from fics 0.623 / 0.715 strict / lenient, novels 0.628 / 0.681: 0.45 no
# change; 0.5 0.625 / 0.718 (time_travel .67 -> .73, village_mystery .50 -> .53); 0.55 0.626 / 0.720,
# novels unchanged, up group_chat .80 -> .82, secret_identity .71 -> .77, time_travel .67 -> .73,
# village_mystery .50 -> .53 (lenient), none down; 0.6 0.625 / 0.718 (6 up, slow_reveal_villain .73 ->
# .60 down: a poisoner's feigned care); 0.7 0.625 / 0.719 (7 up / 2 down, body_swap .57 -> .46).  Asked
# of the other direction's probability instead (below 0.25 / 0.3 / 0.4, floor 0.5): 0.623 / 0.716,
# 0.625 / 0.718, 0.626 / 0.719.  At 0.55 across other fixed thresholds (without -> with): warm 0.25 cold
# 0.35, 0.620 / 0.712 -> 0.623 / 0.716 (4 up, none down); 0.35 / 0.5, 0.609 / 0.703 -> 0.612 / 0.708
# (ensemble_party up, idol_group .71 -> .62 down); 0.4 / 0.7, 0.613 / 0.707 -> 0.616 / 0.712 (the
# same); 0.325 / 0.7, 0.616 / 0.711 -> 0.622 / 0.719 (5 up, none down).  bench/train_judge.py keeps
# warm 0.3 / cold 0.35.  Shipped (no refit): fics lenient / strict 0.766 / 0.669 -> 0.767 / 0.668,
# novels 0.756 / 0.661 unchanged, false relations 93 -> 91, true 228 -> 227; up ensemble_party .82 ->
# .86, secret_identity .83 -> .91; down soulmate_marks .86 -> .77 (a gold one-sided affection lost, its
# owned moment lukewarm).  Measured and dropped beside it (held out from 0.626 / 0.720): the same bar
# for hostile verdicts nothing answers (read_cold_max 0.4 / 0.5 / 0.6, not COLD_FLOOR's 0.3): 0.625 /
# 0.718, 0.626 / 0.719, 0.626 / 0.719 (noir_detective, same_names, fake_dating up; village_mystery .53
# -> .43 down); an owned floor of 0.45 / 0.5 for every judged warm verdict no cue backs either way:
# 0.627 / 0.722 (secret_identity, reader_cafe up; noir_detective .74 -> .67 down), 0.625 / 0.718 (2 up
# / 3 down).
UNRETURNED_OWNED = 0.55
# A warm feeling returned (issue 16, FN-reverse-found): where the polarity model holds a pair warm at
# least RETURNED_WARM[0] and the other direction is a current warm relation it holds warm at least
# RETURNED_WARM[1], the pair is warm though no moment of its own passes ``decide``'s reading floors
# (``returned_warmth``): a love returned is often shown through the other's words ("I love you," and a
# hand taken back), and a pair this sure either way is mostly the two sides of one bond.  Unlike the
# reciprocity measured and dropped below (a lower threshold for such pairs: half the pairs it added were
# wrong) it asks more of the pair, not less, and waives only the floors.  Measured held out (issue 16,
# session 19, on 8289cf8, bench/judge_gates.py's models, warm 0.275 / cold 0.65 as chosen): fics pooled
# strict / lenient 0.645 / 0.726 -> 0.647 / 0.731, mean 0.631 / 0.720 -> 0.634 / 0.727; up body_swap,
# elven_court, nonbinary_bard (3 gold returned loves), down ensemble_party (a guest's warmth back);
# (0.45 to 0.5) x (0.7 to 0.8) the same; 0.55 / 0.8 0.645 / 0.729; back 0.9 0.646 / 0.727.
RETURNED_WARM = (0.5, 0.75)
# Measured and dropped there (same view, from 0.645 / 0.726): the hostile twin, a pair hostile from
# P(cold) 0.25 / 0.3 where the other direction is a current hostile relation: 0.643 / 0.727
# (slow_reveal_villain up, chat_rpg down), from 0.35 to 0.5: 0.644 / 0.725 (chat_rpg down only); and the
# other way round for FP-judge-reverse, a judged warm verdict with no warm cue of its own dropped where
# the other direction is a cue's warm relation the model holds warmer by 0.1 / 0.2 / 0.3: 0.631 / 0.713,
# 0.631 / 0.713, 0.636 / 0.717 (returned warmth without a cue is mostly right).
# Measured and dropped (issue 16, session 15, with bench/judge_gates.py: held out at fixed warm 0.3 /
# cold 0.35 from fics 0.623 / 0.715 strict / lenient, novels 0.628 / 0.681).  Of the fics' judged warm
# verdicts without a rule relation, those on a pair the author does not declare in a story that declares
# pairings ("A/B" tags) are right 23 times, unrelated 21, hostile 2; in stories declaring nothing 54 / 17
# / 6.  But a higher bar for them loses: P(warm) 0.5 0.610 / 0.704 (4 up / 6 down: idol_group .78 ->
# .62, pirate_crew .70 -> .56, secret_identity .71 -> .60, script_format, body_swap; up ensemble_party
# .70 -> .76, winter_court .80 -> .86, time_travel, enemies_to_lovers), 0.6 0.607 / 0.702, 0.7 0.608 /
# 0.705.  A veto by the polarity model on the cues' relations (FP-rule-*; dropped where the held-out
# P(none) is at least 0.5 / 0.6 / 0.7): 0.620 / 0.710, 0.618 / 0.710, 0.618 / 0.710 (interview_transcript
# .62 -> .53, wattpad_style .71 -> .65, valentine .89 -> .85 down; sense_and_sensibility up); claimed or
# implied cues only: 0.622 / 0.714 (valentine down); at 0.8 and above nothing moves.
# Measured and dropped (issue 15, warm verdicts on hostile pairs): a judged warm pair whose plain
# moments (sentence-reader units at 0.4 or more) are as often cold as warm, the last of them cold,
# made hostile (or left without a feeling).  Shipped, with the reader that saw every story, it
# turned 4 of 11 gold-hostile warm verdicts and no true one: fics 0.696 / 0.588 -> 0.709 / 0.593
# lenient / strict, up arranged_marriage .71 -> .86, enemies_to_lovers .62 -> .77, nonbinary_bard
# .67 -> .83, same_names .61 -> .67, none down.  Held out (each story read by a reader that never
# saw it) it fired on two other pairs, both truly warm: fics 0.647 -> 0.643 lenient (same_names
# .56 -> .47, wattpad_style .62 -> .52); with two cold moments or more cold than warm, 0.645.  The
# shipped gain was the reader's memory of the stories.  Also dropped: the same rule on pairs the
# judge leaves undecided (shipped, two cold moments: 4 stories up, 4 down, novels 0.726 -> 0.661).


def load_model() -> dict[str, Any] | None:
    """The shipped judge, or None when the package carries none (the rules then decide)."""
    return load_shipped(MODEL_FILE, "polarity", MODEL_FEATURES, "bench/train_judge.py")


def scorer_name() -> str:
    """``trained`` or ``rules``: which scorer decides the relations in this run (the rules
    without reading the model file, so a model out of step with the code can be retrained)."""
    return scorer_choice("HEARTLINE_JUDGE", lambda: load_model() is not None)


def probabilities(records: tuple[PairRecord, ...], model: dict[str, Any]):
    """Per record: (none, warm, cold) probabilities, and each kind model's (a model reads
    the features it names, all of them or a few)."""
    out = []
    for part in ("polarity", "warm_kind", "cold_kind"):
        columns = [FEATURES.index(f) for f in model[part]["features"]]
        rows = [[rec.values[i] for i in columns] for rec in records]
        out.append(LinearModel.from_json(model[part]).probabilities(rows))
    return tuple(out)


# Measured and dropped (issue 16, session 19, helper verdict, on e2d5031): a learned warm verdict in place
# of the hand gates (reading floors, strong_reading, LONE_BACK / LONE_WARM, UNRETURNED_OWNED,
# RETURNED_WARM).  A logistic model (L2 1, fixed) over the polarity model's warm and cold log-odds,
# read_warm_max, read_warm_owned, read_units, the other direction's warm log-odds, whether the cues give
# the other direction a current warm relation, and declared_romantic; trained in bench/train_judge.py
# on the pairs the cues leave open, on out-of-fold polarity probabilities (5 folds by story inside each
# held-out story's training set); its probability met the warm threshold and the gates stood aside.
# Held out, fics pooled strict / lenient from 0.652 / 0.741 (mean 0.640 / 0.731, novels 0.611 / 0.722
# at warm 0.375 cold 0.65): 0.647 / 0.741 at 0.375 (mean 0.641 / 0.735; 0.646 / 0.743 at 0.4, 0.649 /
# 0.739 at 0.425), novels 0.529 / 0.647; 7 stories up / 9 down; misses 101 -> 96 but false relations
# 48 -> 56 (FN-reverse-found 16 -> 13, FP-judge-unrelated 15 -> 20, FP-judge-reverse 10 -> 13).  It
# changes 23 pairs, 6 true warm gained and 5 lost: the gates' inputs hold no more than the gates
# read from them.  Inner leave-one-story-out instead of 5 folds: 0.642 / 0.737 (0.645 / 0.738 at 0.4).
# Inputs added: cued_story 0.644 / 0.737 (novels 0.572 / 0.683), read_warm_max among <= 6 units
# (strong_reading's shape) 0.642 / 0.734, back_positive 0.642 / 0.737 (novels 0.471 / 0.588).  Five
# inputs (warm log-odds, owned reading, back log-odds, back cue, declared): 0.651 / 0.747 at 0.375 but
# 0.743 / 0.737 at 0.35 / 0.4, novels 0.572 / 0.683, and with inner leave-one-out 0.646 / 0.742: fold
# noise.  Beside the gates, not instead: the gates and its probability >= 0.1 to 0.3, nothing moves;
# the gates or >= 0.5, 0.647 / 0.743 (novels 0.590 / 0.701), >= 0.55 to 0.8, 0.645 / 0.741.
def decide(records: tuple[PairRecord, ...], probs, thresholds: dict[str, float],
           classes: dict[str, tuple[str, ...]], warm_reading: float = 0.0,
           strong: tuple[float, float, float] | None = None,
           owned_reading: float = 0.0,
           cold_floor: tuple[float, float] = (0.0, 0.0),
           lone: tuple[float, float] | None = None) -> list[tuple[PairRecord, int, str, float]]:
    """(record, polarity, kind, confidence) for each pair the judge holds a feeling.  A warm
    feeling also needs one unit the sentence reader reads as showing warmth in this direction
    with at least ``warm_reading`` probability (``read_warm_max``): a pair warm only by
    standing in the story together, with no moment of its own, is left without a feeling.
    ``strong`` (reading, warm, units): a pair that shares at most ``units`` units and has one read
    warm in its direction at least at ``reading`` is warm from ``warm`` up, below the threshold:
    one moment that plainly shows the feeling carries a pair the story shows together only a few
    times (a couple seen together twice).  Among many units (a novel's pair) the best of them is
    warm by chance, so there it carries nothing.  ``owned_reading``: the warm feeling also needs a
    unit the experiencer owns (``pair_features.owns``: their words, a sentence they are the subject
    of) read warm at least this much: two people who only share warm scenes, a third person's love
    or the target's kindness, are left without a feeling.  ``cold_floor`` (reading, sure): a hostile
    feeling needs a unit read cold in its direction at least at ``reading``, unless its probability
    is ``sure`` or more (``COLD_FLOOR``).  ``lone`` (back, warm): a pair whose
    other direction the polarity model holds warm below ``back`` (no record that way: 0) is warm
    only from ``warm`` up (``LONE_BACK``, ``LONE_WARM``): one-sided warmth no cue names is mostly
    shared scenes read in the wrong direction."""
    p, pw, pc = probs
    back = _back_warmth(records, p)
    out = []
    for i, rec in enumerate(records):
        p_warm, p_cold = float(p[i][1]), float(p[i][2])
        warm = _warm_enough(rec, p_warm, p_cold, thresholds, strong)
        if warm and _shown(rec, warm_reading, owned_reading) and _returned(rec, p_warm, back[i], lone):
            out.append((rec, 1, classes["warm_kind"][int(pw[i].argmax())], round(p_warm, 3)))
        elif not warm and p_cold >= thresholds["cold"] and _cold_shown(rec, p_cold, cold_floor):
            out.append((rec, -1, classes["cold_kind"][int(pc[i].argmax())], round(p_cold, 3)))
        elif rec.feature("declared_romantic") > 0:
            out.append((rec, 1, "romantic", round(p_warm, 3)))  # the author's "A/B" (DECLARED notes)
    return out


# Counted (issue 16, session 20, helper mutual, on 7cd9b00, held out at warm 0.375 / cold 0.65): of the 63
# FN-below misses 19 are hostile, 32 sit at P(warm) < 0.2, 8 at 0.2 to 0.375, 4 are held by the gates; of the
# 22 that are both directions of one bond 16 sit under 0.2, pushed down as the pairs with no feeling are (no
# cue either way, few units, a lukewarm best three), not by the share features.  Ranked by min(P(warm),
# the other way's), the pairs neither direction reaches are mostly unrelated ones, and a unit's warmth read
# both ways (the max over shared units of the lesser reading) ranks warm over none below P(warm) (AUC 0.61
# against 0.68 among the pairs the judge leaves under 0.375), adding nothing.  What did separate them is
# time: see ``pair_features.LATE_FEATURES``.
# Measured and dropped (session 12, issue 15's FN-reverse-found: 16 gold relations held out found only
# the other way): a pair whose other direction is judged warm, warm itself from a lower threshold
# (reciprocity).  Held out on f252d29 (each story judged by a judge trained without it, thresholds
# 0.3 / 0.35), over the 41 gold stories the pairs it adds are true / false / optional / hostile in
# the gold: from 0.25, 7 / 9 / 2 / 0; from 0.2, 9 / 15 / 4 / 1; from 0.3 (the reading floor
# alone waived), 2 / 6 / 1 / 0 -- under half of them right, where the relations shipped now are
# two thirds right; the false ones fall on ensemble casts (a party's guests, a detective's office).
# Re-measured beside the one-sided bar (LONE_BACK; session 13, held out at 0.3 / 0.35 from fics
# 0.618 / 0.712): warm from 0.2 where the other way is 0.6 or more, 0.620 / 0.713, from 0.25 at
# 0.5, 0.619 / 0.712: same_names .36 -> .43 lenient up, ensemble_party .73 -> .70 and
# northanger_abbey .67 -> .59 to .62 down (a guest's, a sister's warmth returned by no one).
# Measured and dropped (issue 16, session 16, FP-judge-reverse; bench/judge_gates.py held out at warm
# 0.35 / cold 0.45 from fics 0.626 / 0.718): a judged warm verdict (no cue's) dropped where every unit
# of the pair read warm (0.3 or more) this way is read warmer still the other way (the same sentence
# or quote: the warmth is the other's): 0.622 / 0.712 (winter_court up; ensemble_party .80 -> .67,
# same_names .52 -> .45, subtext_only .67 -> .57 down); with a margin of 0.1 0.625 / 0.718 (1 up, 1
# down), 0.2 0.624 / 0.717; read-warm floor 0.2 0.623 / 0.713; hostile verdicts too (margin 0.1) 0.625 /
# 0.718.  The reader's two readings of one unit do not tell whose feeling it is well enough to veto.
# Measured and dropped (issue 16, session 19, village_mystery's detective: a suspect's warmth for the
# victim, told to the inspector, reads as warmth for the inspector; bench/judge_gates.py
# held out at 0.375 / 0.65 from fics pooled 0.652 / 0.741): a judged warm verdict dropped where every
# unit read warm (0.4) this way is a quote whose object roles name a third person (O:dobj/pobj) and none
# the target: 0.649 / 0.739 (idol_group .74 -> .67 down, none up); with narration units too 0.647 /
# 0.736; at a 0.3 floor 0.649 / 0.739 (pirate_crew down).  The held-out verdicts on village_mystery rest
# on other units as well, so the filter never reaches them.
def _warm_enough(rec: PairRecord, p_warm: float, p_cold: float, thresholds: dict[str, float],
                 strong: tuple[float, float, float] | None) -> bool:
    """Whether the polarity model holds the pair warm (``decide``'s strong moments included)."""
    carried = (strong is not None and rec.feature("read_warm_max") >= strong[0] and p_warm >= strong[1]
               and rec.feature("read_units") <= math.log1p(strong[2]))
    return (p_warm >= thresholds["warm"] or carried) and p_warm >= p_cold


def _back_warmth(records: tuple[PairRecord, ...], p) -> list[float]:
    """Per record: the polarity model's warm probability of the other direction (0 with no record)."""
    at = {(rec.source, rec.target): i for i, rec in enumerate(records)}
    return [float(p[at[(rec.target, rec.source)]][1]) if (rec.target, rec.source) in at else 0.0
            for rec in records]


def _returned(rec: PairRecord, p_warm: float, back: float, lone: tuple[float, float] | None) -> bool:
    """Whether a pair held warm passes ``decide``'s ``lone`` bar: the other direction warm enough,
    or this one warm enough alone; the author's declared pairing ("A/B") is exempt."""
    return (lone is None or back >= lone[0] or p_warm >= lone[1]
            or rec.feature("declared_romantic") > 0)


def _shown(rec: PairRecord, warm_reading: float, owned_reading: float) -> bool:
    """Whether a pair the polarity model holds warm has the moments ``decide`` asks for."""
    return rec.feature("read_warm_max") >= warm_reading and rec.feature("read_warm_owned") >= owned_reading


def _cold_shown(rec: PairRecord, p_cold: float, cold_floor: tuple[float, float]) -> bool:
    """Whether a pair the polarity model holds hostile has the cold moment ``decide`` asks for."""
    return rec.feature("read_cold_max") >= cold_floor[0] or p_cold >= cold_floor[1]


def declared_only(records: tuple[PairRecord, ...], probs, thresholds: dict[str, float], warm_reading: float = 0.0,
                  strong: tuple[float, float, float] | None = None,
                  owned_reading: float = 0.0) -> frozenset[tuple[str, str]]:
    """The declared pairs ``decide`` holds romantic by the author's tag alone: the judge would not
    have found them warm (no shared moment read warm, or too little warmth).  (``decide``'s
    ``lone`` bar never holds a declared pair back, so it plays no part here.)"""
    p = probs[0]
    return frozenset((rec.source, rec.target) for i, rec in enumerate(records)
                     if rec.feature("declared_romantic") > 0
                     and not (_warm_enough(rec, float(p[i][1]), float(p[i][2]), thresholds, strong)
                              and _shown(rec, warm_reading, owned_reading)))


def strong_reading(model: dict[str, Any]) -> tuple[float, float, float] | None:
    """The model's (reading, warm, units) for ``decide``'s strong moments, or None."""
    floor = model.get("floor", {})
    if "strong_reading" not in floor:
        return None
    return float(floor["strong_reading"]), float(floor["strong_warm"]), float(floor["strong_units"])


def cold_floor(model: dict[str, Any]) -> tuple[float, float]:
    """The model's (reading, sure) for ``decide``'s cold floor; ``COLD_FLOOR`` for a model saved
    before it had one."""
    floor = model.get("floor", {})
    return float(floor.get("cold_reading", COLD_FLOOR[0])), float(floor.get("cold_sure", COLD_FLOOR[1]))


def family_kind(rec: PairRecord, kind: str) -> str:
    """Family is not romance: between two people the story says are kin, a warm feeling the
    judge found is affection, unless a cue of the pair's own says the love is romantic (the
    ``evidence`` stage keeps a romantic cue between kin only for "in love with" or a courtship)."""
    if kind == "romantic" and rec.feature("kin_stated") > 0 and rec.feature("rule_romantic") <= 0:
        return "affection"
    return kind


def blush_kind(relations: list[Relation], records: tuple[PairRecord, ...]) -> list[Relation]:
    """``relations`` with a current affection romantic where its owner blushes for the other
    (``pair_features.BLUSH_ROWS``: a whole blush, no one else named as near), unless the two are kin."""
    row_of = {(rec.source, rec.target): rec for rec in records}
    out = []
    for r in relations:
        rec = row_of.get((r.source, r.target))
        if (rec is not None and r.current and r.kind == "affection" and rec.feature("blush_for") >= BLUSH_ROMANCE
                and rec.feature("kin_stated") <= 0):
            r = replace(r, kind="romantic", evidence=tuple(replace(e, kind="romantic") if e.kind == "affection" else e
                                                           for e in r.evidence))
        out.append(r)
    return out


def review_kinds(relations: tuple[Relation, ...], records: tuple[PairRecord, ...], warm_kind_probs,
                 classes: tuple[str, ...], margin: float) -> list[Relation]:
    """The rules' warm relations with their kind reviewed by the kind model: where the model
    holds the other warm kind likelier by at least ``margin`` (the author tags the two "A & B",
    or the pair kisses where the cue said "care"), the relation takes that kind, and so does
    the evidence shown for it.  Kin keep affection unless a cue of their own says romantic."""
    row_of = {(rec.source, rec.target): i for i, rec in enumerate(records)}
    out = []
    for r in relations:
        i = row_of.get((r.source, r.target))
        if i is None or not r.current or r.kind not in classes:
            out.append(r)
            continue
        probs = warm_kind_probs[i]
        best = classes[int(probs.argmax())]
        best = family_kind(records[i], best)
        if best != r.kind and float(probs[classes.index(best)] - probs[classes.index(r.kind)]) >= margin:
            out.append(replace(r, kind=best, evidence=tuple(replace(e, kind=best) if e.kind == r.kind else e
                                                            for e in r.evidence)))
        else:
            out.append(r)
    return out


def _romance_weight(rec: PairRecord) -> float:
    """How much the pair's romance weighs against a rival: the target's share of the story; a
    pairing the author declares ("A/B") outweighs any the story's words alone suggest."""
    return math.sqrt(max(0.0, rec.feature("share_target"))) + (1.0 if rec.feature("declared_romantic") > 0 else 0.0)


def one_romance(relations: list[Relation], records: tuple[PairRecord, ...], warm_kind_probs,
                classes: tuple[str, ...], margin: float,
                unshown: frozenset[tuple[str, str]] = frozenset()) -> list[Relation]:
    """``relations`` with each person's current romantic feelings cut to one: a romantic relation
    at least ``margin`` weaker (the kind model's romantic probability times ``_romance_weight``)
    than the same person's strongest is affection, and so is the evidence shown for it.  A
    relation without a pair record (the two share too little to be weighed) is left as it is
    and is no rival; one in ``unshown`` (romantic by the author's tag alone) can lose its romance
    but takes none from a romance the story shows."""
    if "romantic" not in classes:
        return relations
    col = classes.index("romantic")
    strength = {(rec.source, rec.target): float(warm_kind_probs[i][col]) * _romance_weight(rec)
                for i, rec in enumerate(records)}
    def romance(r: Relation) -> bool:
        return r.current and r.kind == "romantic" and (r.source, r.target) in strength

    best: dict[str, float] = {}
    for r in relations:
        if romance(r) and (r.source, r.target) not in unshown:
            best[r.source] = max(best.get(r.source, 0.0), strength[(r.source, r.target)])
    out = []
    for r in relations:
        if romance(r) and r.source in best and best[r.source] - strength[(r.source, r.target)] >= margin:
            r = replace(r, kind="affection", evidence=tuple(replace(e, kind="affection") if e.kind == "romantic" else e
                                                            for e in r.evidence))
        out.append(r)
    return out


def model_card() -> dict[str, Any]:
    """Which scorer decides relations in this run, and the shipped judge's version and hash."""
    scorer = scorer_name()
    return card(MODEL_FILE, scorer, load_model() if scorer == "trained" else None)


def judge(records: tuple[PairRecord, ...], rule_relations: tuple[Relation, ...],
          evidence: tuple[Evidence, ...], document: Document | None, model: dict[str, Any],
          probs=None) -> tuple[Relation, ...]:
    """Relations decided by ``model`` (a judge as saved by bench/train_judge.py)."""
    if not records:
        return rule_relations
    if probs is None:
        probs = probabilities(records, model)
    classes = {part: tuple(model[part]["classes"]) for part in ("warm_kind", "cold_kind")}
    floor = model.get("floor", {})  # a model saved before a floor existed has none of it
    ruled = {(r.source, r.target): r for r in rule_relations}
    judged = [_judged_relation(rec, family_kind(rec, kind), sign, confidence, evidence, document)
              for rec, sign, kind, confidence in decide(records, probs, model["thresholds"], classes,
                                                        float(floor.get("warm_reading", 0.0)),
                                                        strong_reading(model), float(floor.get("warm_owned", 0.0)),
                                                        cold_floor(model), (LONE_BACK, LONE_WARM))
              if _open_to_judge(ruled.get((rec.source, rec.target)), sign) and not rec.feature("rule_refuted")]
    turned = {(r.source, r.target) for r in judged}
    kept = tuple(_after_the_past(r, [j for j in judged if (j.source, j.target) == (r.source, r.target)])
                 if (r.source, r.target) in turned else r for r in rule_relations)
    judged = [j for j in judged if (j.source, j.target) not in ruled]
    judged = returned_or_owned(judged, rule_relations, records, UNRETURNED_OWNED)
    judged += returned_warmth(records, probs, kept, judged, ruled, classes["warm_kind"], evidence, document)
    margin = model.get("review", {}).get("warm_margin")
    reviewed = list(kept) if margin is None else \
        review_kinds(kept, records, probs[1], classes["warm_kind"], float(margin))
    unshown = declared_only(records, probs, model["thresholds"], float(floor.get("warm_reading", 0.0)),
                            strong_reading(model), float(floor.get("warm_owned", 0.0)))
    out = one_romance(blush_kind(reviewed + judged, records), records, probs[1], classes["warm_kind"],
                      ONE_ROMANCE_MARGIN, unshown)
    out.sort(key=lambda r: (-r.confidence, r.source, r.target))
    return tuple(out)


def returned_warmth(records: tuple[PairRecord, ...], probs, kept: tuple[Relation, ...], judged: list[Relation],
                    ruled: dict[tuple[str, str], Relation], warm_kinds: tuple[str, ...],
                    evidence: tuple[Evidence, ...], document: Document | None) -> list[Relation]:
    """Warm verdicts for the pairs the polarity model holds warm at ``RETURNED_WARM[0]`` whose other
    direction is a current warm relation it holds warm at ``RETURNED_WARM[1]`` (or the cues' with no
    record), though their own moments fall under ``decide``'s reading floors."""
    p, pw = probs[0], probs[1]
    at = {(rec.source, rec.target): i for i, rec in enumerate(records)}
    warm_now = {(r.source, r.target) for r in (*kept, *judged) if r.current and polarity(r.kind) > 0}
    taken = {(r.source, r.target) for r in judged} | set(ruled)
    out = []
    for i, rec in enumerate(records):
        pair, back = (rec.source, rec.target), (rec.target, rec.source)
        if pair in taken or back not in warm_now or rec.feature("rule_refuted"):
            continue
        p_warm, p_cold = float(p[i][1]), float(p[i][2])
        p_back = float(p[at[back]][1]) if back in at else 1.0
        if p_warm >= RETURNED_WARM[0] and p_warm >= p_cold and p_back >= RETURNED_WARM[1]:
            kind = family_kind(rec, warm_kinds[int(pw[i].argmax())])
            out.append(_judged_relation(rec, kind, 1, round(p_warm, 3), evidence, document))
    return out


def returned_or_owned(judged: list[Relation], rule_relations: tuple[Relation, ...],
                      records: tuple[PairRecord, ...], owned: float) -> list[Relation]:
    """``judged`` without the warm verdicts nothing answers and their owner never plainly shows
    (``UNRETURNED_OWNED``): no current relation the other way, cue's or judge's, and no unit the
    experiencer owns read warm at ``owned``; the author's declared pairing ("A/B") is exempt."""
    row_of = {(rec.source, rec.target): rec for rec in records}
    answered = {(r.source, r.target) for r in rule_relations if r.current} | {(r.source, r.target) for r in judged}
    out = []
    for r in judged:
        rec = row_of.get((r.source, r.target))
        if (rec is not None and polarity(r.kind) > 0 and (r.target, r.source) not in answered
                and rec.feature("declared_romantic") <= 0 and rec.feature("read_warm_owned") < owned):
            continue
        out.append(r)
    return out


def _open_to_judge(ruled: Relation | None, sign: int) -> bool:
    """Whether the judge's verdict of polarity ``sign`` may stand on a pair the rules read as
    ``ruled``: on a pair the cues left without a relation, and (issue 16) on a pair the cues show
    only a past feeling for when the judge finds it hostile now: "I liked him once" says nothing of
    today, and a fondness that soured (a friend who turned, a lover left) is the hostile story's
    commonest shape.  A current rule relation stands as the cues read it."""
    if ruled is None:
        return True
    return not ruled.current and sign < 0


def _after_the_past(past: Relation, judged: list[Relation]) -> Relation:
    """The judge's current hostile feeling on a pair whose cues showed only a past one: the
    past feeling opens the arc, its evidence stays beside the judge's."""
    now = judged[0]
    first = past.arc[0] if past.arc else ArcStep(scene=past.evidence[0].scene if past.evidence else 0,
                                                 kind=past.kind, how=past.how, past=True)
    last = ArcStep(scene=now.evidence[-1].scene if now.evidence else first.scene, kind=now.kind, how=now.how)
    return replace(now, arc=(first, last), evidence=tuple(past.evidence) + tuple(now.evidence))


def _judged_relation(rec: PairRecord, kind: str, sign: int, confidence: float,
                     evidence: tuple[Evidence, ...], document: Document | None) -> Relation:
    """A relation the judge found: backed by the pair's cue evidence of that polarity when
    there is some, else by the warmest or coldest sentences the two share."""
    cues = [e for e in evidence if e.experiencer == rec.source and e.target == rec.target
            and polarity(e.kind) == sign and not (e.past or e.negated or e.question or e.refuted)]
    if cues:
        how = _plainest(cues)
        shown = tuple(replace(e, kind=kind) if e.kind != kind else e for e in cues)
    else:
        how = "implied"
        text = document.story.text if document is not None else ""
        readings = sorted((r for r in rec.readings if (r.warm if sign > 0 else r.cold) >= READING_SHOWN),
                          key=lambda r: (-(r.warm if sign > 0 else r.cold), r.start))[:_MOMENTS_SHOWN]
        if readings:
            readings.sort(key=lambda r: (r.start, r.end))
            shown = tuple(Evidence(rec.source, rec.target, kind, "implied", r.start, r.end,
                                   text[r.start:r.end].strip(), r.scene,
                                   WARM_READING if sign > 0 else COLD_READING,
                                   speaker=rec.source if "Q:speaker=E" in r.features else None,
                                   weight=round(r.warm if sign > 0 else r.cold, 3))
                          for r in readings)
            return Relation(rec.source, rec.target, kind, how, True, confidence, (), shown)
        ranked = sorted(rec.moments, key=lambda m: (-sign * m.tone, m.start))[:_MOMENTS_SHOWN]
        ranked.sort(key=lambda m: m.start)
        text = document.story.text if document is not None else ""
        shown = tuple(Evidence(rec.source, rec.target, kind, "implied", m.start, m.end,
                               text[m.start:m.end].strip(), m.scene,
                               WARM_MOMENT if sign > 0 else COLD_MOMENT, weight=abs(m.tone))
                      for m in ranked)
    return Relation(rec.source, rec.target, kind, how, True, confidence, (), shown)


def _plainest(cues: list[Evidence]) -> str:
    for how in ("stated", "narrated", "claimed", "implied"):
        if any(e.how == how for e in cues):
            return how
    return cues[-1].how


@stage("judge", needs=("document", "pair_features", "rule_relations", "evidence"), produces="judged_relations")
def judge_relations(document: Document, pair_features: tuple[PairRecord, ...],
                    rule_relations: tuple[Relation, ...], evidence: tuple[Evidence, ...]) -> tuple[Relation, ...]:
    """The end-state relations: the trained judge's, or the rules' where it is switched off."""
    model = load_model() if scorer_name() == "trained" else None
    if model is None:
        return rule_relations
    return judge(pair_features, rule_relations, evidence, document, model)
