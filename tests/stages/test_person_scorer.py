"""The trained person-or-not scorer: name features, the shipped model, the rules switch, training."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from heartline.stages import characters
from heartline.stages.characters import _score_names, lower_case_uses
from heartline.stages.person_features import FEATURES, person_records

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"

# Invented: two people, a town, a feast day and a boat.
_STORY = """Orla Vantreen came home to Brindleford at Candlemas. Orla said nothing at first.

"Where is Kasimir?" she asked.

Kasimir said he was busy, and went back to mending the Gullwing. He looked up when Orla called.
"Orla!" he said. He had not seen her since Candlemas.
"""


def _records(run, text: str) -> dict[str, dict[str, float]]:
    results = run(text)
    stats = _score_names(results["document"], results["mentions"], results["quote_spans"])
    records = person_records(results["document"], results["mentions"].items, stats, results["quote_spans"],
                             lower_case_uses(results["document"].story.text, results["mentions"]))
    return {r.key: dict(zip(FEATURES, r.values)) for r in records}


def test_the_shipped_model_loads_offline_and_matches_the_features() -> None:
    model = characters.load_person_model()
    assert model is not None
    assert tuple(model["scorer"]["features"]) == FEATURES
    assert model["scorer"]["classes"] == ["no", "yes"]
    assert model["card"]["cross_validation"]["split"].startswith("by document")
    assert len(model["card"]["data_sha256"]) == 16


def _cast(text: str) -> set[str]:
    from heartline.api import default_pipeline
    from heartline.formats.text import story_from_text

    results = default_pipeline(("parse", "quotes", "mentions", "characters")).run(
        story=story_from_text(text, title="Test"))
    return {c.name for c in results["names"].characters}


def test_the_scorer_keeps_the_people_and_drops_the_town_and_feast(monkeypatch) -> None:
    monkeypatch.setenv("HEARTLINE_PERSONS", "trained")
    assert characters.person_scorer_name() == "trained"
    names = _cast(_STORY)
    # (the full name "Orla Vantreen", said once, is admitted by the scorer and names her)
    assert {"Orla Vantreen", "Kasimir"} <= names and "Brindleford" not in names
    monkeypatch.setenv("HEARTLINE_PERSONS_THRESHOLD", "0.5")  # a stricter veto takes the feast day too
    names = _cast(_STORY)
    assert {"Orla Vantreen", "Kasimir"} <= names
    assert not names & {"Brindleford", "Candlemas"}
    monkeypatch.delenv("HEARTLINE_PERSONS_THRESHOLD")
    monkeypatch.setenv("HEARTLINE_PERSONS", "rules")
    assert "Candlemas" not in _cast(_STORY)  # a feast day is nobody, by the votes alone too (DAYS_AND_FEASTS)


def test_the_scorer_decides_unless_the_votes_are_asked_for(monkeypatch) -> None:
    monkeypatch.delenv("HEARTLINE_PERSONS", raising=False)
    assert characters.person_scorer_name() == "trained"
    assert characters.person_model_card()["file"] == characters.PERSON_MODEL_FILE
    monkeypatch.setenv("HEARTLINE_PERSONS", "rules")
    assert characters.person_model_card() == {"scorer": "rules"}


def test_a_speaker_with_pronouns_and_a_place_after_a_preposition(run) -> None:
    f = _records(run, _STORY)
    assert f["kasimir"]["speech_subject"] > 0 and f["kasimir"]["followed_by_he_she"] > 0
    assert f["brindleford"]["place_prep"] == 1.0 and f["brindleford"]["place_ending"] == 1.0
    assert f["candlemas"]["calendar"] == 1.0
    assert f["orla"]["vocative"] > 0
    assert f["orla vantreen"]["words"] == 2.0


def test_the_determiner_and_an_imperative_are_seen(run) -> None:
    f = _records(run, "The Brannock was moored at the quay. Ask Tamsa about the Brannock. "
                      "Tamsa laughed when she heard.")
    assert f["brannock"]["after_the"] == 1.0
    assert f["tamsa"]["after_the"] == 0.0


def test_a_shop_head_and_a_possessive(run) -> None:
    f = _records(run, "Yselle walked past Pellow Bakery. Yselle's coat was wet, and she shivered.")
    assert f["pellow bakery"]["thing_head"] == 0.0 or "pellow bakery" in f  # the lexicon's heads decide
    assert f["yselle"]["possessive_s"] == 0.5
    assert f["yselle"]["subject"] >= 0.5


@pytest.mark.skipif(not (SHARED / "litbank" / "entities" / "brat").is_dir(),
                    reason="../shared/litbank is absent: nothing to train on")
def test_training_command_runs_on_a_tiny_slice(tmp_path) -> None:
    out = tmp_path / "persons.json"
    env = dict(os.environ, PYTHONHASHSEED="0")
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "train_persons.py"), "--shared", str(SHARED),
                           "--limit", "3", "--folds", "3", "--out", str(out)],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "pooled" in done.stdout and "gold PER proper names" in done.stdout
    model = json.loads(out.read_text())
    assert model["card"]["trained_on"] == "LitBank, 3 excerpts"
    assert tuple(model["scorer"]["features"]) == FEATURES


# Invented, wrapped by hand at about seventy characters as old e-texts are.
_WRAPPED = """It was late in the autumn when the carriage came up the long drive, and Mrs.
Orla Vantreen stepped down into the cold with her brother beside her.  Kasimir
Bellweather had not been to the house for many years, and he stood looking at
the windows for a long while before he would go in.  Nobody came to meet them.
The rooms were shut and dark, and the dust lay thick on every chair and table.
"""


def test_a_name_runs_on_across_a_hand_wrapped_line_end(run) -> None:
    from heartline.stages.mentions import hand_wrapped

    assert hand_wrapped(_WRAPPED)
    names = [" ".join(m.text.split()) for m in run(_WRAPPED)["mentions"].items if m.kind == "name"]
    assert "Mrs. Orla Vantreen" in names and "Kasimir Bellweather" in names


def test_short_lines_never_join_into_one_name(run) -> None:
    from heartline.stages.mentions import hand_wrapped

    text = "Who came to the party?\n\nOrla\nKasimir\nBrannock\n\nThat was all of them, and they left early.\n"
    assert not hand_wrapped(text)
    names = [m.text for m in run(text)["mentions"].items if m.kind == "name"]
    assert "Orla\nKasimir" not in names and not any("\n" in n for n in names)


def test_a_veto_spares_the_parts_of_a_kept_name() -> None:
    from heartline.stages.characters import vetoed

    accepted = ["brindleford", "orla", "orla vantreen", "vantreen", "kasimir bellweather", "bellweather"]
    p_of = {"brindleford": 0.1, "orla": 0.9, "orla vantreen": 0.2, "vantreen": 0.3,
            "kasimir bellweather": 0.2, "bellweather": 0.3}
    # "orla vantreen" is kept by the kept "orla" and "vantreen" by nothing kept whole: a single word
    # is spared only by a kept full name holding it
    assert sorted(vetoed(accepted, p_of, 0.5)) == ["bellweather", "brindleford", "kasimir bellweather", "vantreen"]
    assert vetoed(accepted, p_of, 0.05) == []
    assert vetoed(["dad"], {}, 0.5) == []  # a name the scorer does not judge is never refused


def test_the_scorer_admits_only_what_the_votes_hold_nothing_firm_against() -> None:
    from collections import Counter

    from heartline.stages.characters import _NameStats, admitted

    stats = {k: _NameStats(k) for k in ("quenby", "harrowgate", "quenby vell", "thirteen", "hath quenby",
                                        "marrowby")}
    stats["harrowgate"].other = 3.5  # a place's prepositions at every use: a firm case
    stats["marrowby"].person = 2.0  # the votes accept it already: nothing to admit
    p_of = {"quenby": 0.8, "harrowgate": 0.9, "quenby vell": 0.6, "thirteen": 0.9, "hath quenby": 0.9,
            "marrowby": 0.9, "unsure": 0.2}
    stats["unsure"] = _NameStats("unsure")
    lower = Counter({"hath": 4})
    assert admitted(stats, p_of, 0.5, lower) == ["quenby", "quenby vell"]
    assert admitted(stats, p_of, 0.7, lower) == ["quenby"]
    assert admitted(stats, p_of, 2.0, lower) == []  # the shipped switch-off


def test_a_name_said_once_without_votes_is_admitted_by_the_scorer(monkeypatch) -> None:
    text = ("The feast hall was loud. Tamsworth poured the wine and Tamsworth laughed at the jugglers.\n\n"
            "They drank to Qwenlisse, and then to the harvest.\n\n"
            "Tamsworth asked the steward for more bread.\n")
    monkeypatch.setenv("HEARTLINE_PERSONS_ACCEPT", "2")  # the votes refuse it (one use, no cue)
    assert "Qwenlisse" not in _cast(text)
    monkeypatch.setenv("HEARTLINE_PERSONS_ACCEPT", "0.01")  # a scorer sure enough takes it
    monkeypatch.setenv("HEARTLINE_PERSONS_THRESHOLD", "0.005")  # (and does not veto it again)
    assert "Qwenlisse" in _cast(text)


def test_the_words_a_name_stands_with(run) -> None:
    # invented: a village named with "the village of", and a person with kin, eyes and a mind verb
    text = ("Tamsin Orrow left the village of Brackenmere at dawn. Her cousin Ysolt followed her. "
            "Ysolt's eyes were red. Ysolt smiled at the son of Ravel, who had come from Brackenmere.\n")
    rec = _records(run, text)
    assert rec["brackenmere"]["of_place_noun"] > 0 and rec["brackenmere"]["owns_person_thing"] == 0
    assert rec["ysolt"]["person_noun_beside"] > 0
    assert rec["ysolt"]["owns_person_thing"] > 0
    assert rec["ysolt"]["mind_subject"] > 0
    assert rec["ravel"]["of_person_noun"] > 0


def test_a_name_with_a_land_or_body_head_is_no_person() -> None:
    from heartline.stages.person_features import thing_head

    # invented: a mountain, a relay station, a school and a squadron; "Ivy Peak" may be a woman
    assert thing_head(["hollin", "peak"]) and thing_head(["tarn", "relay"])
    assert thing_head(["oakvale", "middle"]) and thing_head(["heron", "squadron"])
    assert thing_head(["kellynch", "hall"])
    assert not thing_head(["ivy", "peak"]) and not thing_head(["peak"])


def test_a_mountain_is_no_character(monkeypatch) -> None:
    monkeypatch.setenv("HEARTLINE_PERSONS", "trained")
    names = _cast("Orla Vantreen climbed Hollin Peak. Hollin Peak loomed over her. Orla said she was tired.\n")
    assert "Orla Vantreen" in names and "Hollin Peak" not in names


def test_the_first_word_of_a_place_name_said_alone_is_the_place(run) -> None:
    text = ("Orla Vantreen flew out to Tarn Relay. The Tarn Relay was dark. "
            "She docked at Tarn at noon, and Orla said Tarn was cold.\n")
    results = run(text)
    stats = _score_names(results["document"], results["mentions"], results["quote_spans"])
    assert stats["tarn"].other >= 2
    assert stats["orla"].other < 2


def test_a_person_smiled_at_is_no_place(run) -> None:
    rec = _records(run, "Mira smiled at Tobin. Later Mira slept at Ostwick, and Tobin waited in Ostwick.\n")
    assert rec["tobin"]["strict_place_prep"] < 0.5
    assert rec["ostwick"]["strict_place_prep"] == 1.0


def test_someone_an_adjective_is_in_is_no_place(run) -> None:
    rec = _records(run, "Mira was interested in Tobin Vask. Tobin Vask was kind.\n")
    assert rec["tobin vask"]["strict_place_prep"] == 0.0


def test_a_word_written_in_lower_case_only_as_an_owner_counts_as_a_lower_case_use() -> None:
    from heartline.model import Mentions

    # invented: a dialect title opening a speech with a capital, and in lower case only as an owner
    text = ('"Gaffer\'s cart is stuck," said the boy.\n"Then the gaffer\'s horse can pull it," said Tod.\n'
            "Tod's dog barked at the gaffer’s horse.\n")
    lower = lower_case_uses(text, Mentions(()))
    assert lower["gaffer"] == 2  # both possessives, straight and curly apostrophe
    assert lower["gaffer's"] == 1
    assert lower["tod"] == 0  # a capitalised owner is no lower-case use


def test_a_capitalised_dialect_word_written_in_lower_case_as_an_owner_has_lower_case_uses(run) -> None:
    text = ('The cart stopped at the toll-gate on the hill.\n\n'
            '"Gaffer\'s niece is up on the load, and she says that is enough," the carter said.\n\n'
            '"Then the gaffer\'s niece can wait," said the keeper.\n\n'
            "Orsolya laughed at them both from the top of the load.\n")
    records = _records(run, text)
    assert records["gaffer"]["lower_uses"] > 0  # the scorer sees the lower-case owner
    assert records["orsolya"]["lower_uses"] == 0
