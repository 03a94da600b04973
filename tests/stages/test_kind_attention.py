"""The kind of a warm feeling from what the shared scenes show (issue 15): romance shown in a
paragraph both are named in, a guidance bond's nouns, each other's first partner
(``pair_features.ATTENTION_FEATURES``), read by the warm kind model."""
from __future__ import annotations

from heartline.stages.pair_features import ATTENTION_FEATURES, FEATURES, MODEL_FEATURES

# The blush and the one who caused it sit in two sentences of one paragraph; no sentence names both.
_BLUSHING = """Tavi Quennet waited by the fountain for an hour.

Tavi's cheeks flushed and burned. Ruel Corvell was walking across the square.

Ruel Corvell sat down beside Tavi Quennet on the fountain's wide stone lip.

Later Tavi Quennet walked home, and Ruel Corvell went to the bakery.
"""

# The same people, the same scenes, no romance shown on the body.
_WAITING = """Tavi Quennet waited by the fountain for an hour.

Tavi's boots were wet. Ruel Corvell was walking across the square.

Ruel Corvell sat down beside Tavi Quennet on the fountain's wide stone lip.

Later Tavi Quennet walked home, and Ruel Corvell went to the bakery.
"""

_LESSON = """Master Ormund Varn corrected his pupil Lisbeta Maro's stance twice before noon.

Lisbeta Maro bowed to Master Ormund Varn, and the master nodded to his pupil.

Ormund Varn walked Lisbeta Maro to the gate at dusk.
"""


def _records(run, text):
    return {(r.source, r.target): r for r in run(text)["pair_features"]}


def test_attention_features_are_read_by_no_polarity_model() -> None:
    # the shipped polarity model reads MODEL_FEATURES: the new features only feed the kind model
    assert not set(ATTENTION_FEATURES) & set(MODEL_FEATURES)
    assert set(ATTENTION_FEATURES) <= set(FEATURES)


def test_romance_shown_in_a_shared_paragraph_counts_across_sentences(run) -> None:
    blushing = _records(run, _BLUSHING)[("tavi_quennet", "ruel_corvell")]
    waiting = _records(run, _WAITING)[("tavi_quennet", "ruel_corvell")]
    assert blushing.feature("romance_scene") > 0
    assert blushing.feature("romance_words") == 0  # no single sentence holds both and the blush
    assert waiting.feature("romance_scene") == 0


def test_guidance_nouns_in_shared_sentences(run) -> None:
    recs = _records(run, _LESSON)
    assert recs[("lisbeta_maro", "ormund_varn")].feature("mentor_words") > 0
    assert _records(run, _WAITING)[("tavi_quennet", "ruel_corvell")].feature("mentor_words") == 0


def test_each_others_first_partner(run) -> None:
    rec = _records(run, _LESSON)[("lisbeta_maro", "ormund_varn")]
    assert rec.feature("partner_mutual") == rec.feature("partner_rank_source") * rec.feature("partner_rank_target")
    assert rec.feature("partner_mutual") == 1.0  # the only two people: each the other's first



# A blush read with its direction: the one who goes red feels it, for the one the nearest scope
# names (here the paragraph before: the line that caused it).
_RED_EARS = """Marit Olvedge set the tray down on the counter.

"You stayed up all night fixing my bicycle," said Marit Olvedge to Bastien Penhallow.

Bastien Penhallow turned scarlet, ears and all, and looked hard at the floor.

Later Marit Olvedge walked home, and Bastien Penhallow went to the bakery.
"""

# The same scenes, the ears only cold.
_COLD_EARS = _RED_EARS.replace("turned scarlet, ears and all,", "pulled his hat down over his ears")


def test_a_blush_is_felt_by_its_owner_for_the_one_named_nearest(run) -> None:
    flushed = _records(run, _BLUSHING)
    assert flushed[("tavi_quennet", "ruel_corvell")].feature("blush_for") > 0  # "Tavi's cheeks flushed"
    assert flushed[("ruel_corvell", "tavi_quennet")].feature("blush_for") == 0
    assert _records(run, _WAITING)[("tavi_quennet", "ruel_corvell")].feature("blush_for") == 0


def test_a_blush_no_feeling_word_names_reaches_the_paragraph_before(run) -> None:
    red = _records(run, _RED_EARS)
    assert red[("bastien_penhallow", "marit_olvedge")].feature("blush_for") > 0  # "scarlet, ears and all"
    assert red[("marit_olvedge", "bastien_penhallow")].feature("blush_for") == 0
    assert _records(run, _COLD_EARS)[("bastien_penhallow", "marit_olvedge")].feature("blush_for") == 0
