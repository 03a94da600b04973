"""The trained speaker scorer: candidate records, the shipped model, the rules switch, training."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from heartline.errors import HeartlineError
from heartline.stages import speakers
from heartline.stages.speaker_features import FEATURES, choose, speaker_records

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"

# Invented: two people talking, one tag by name, one by pronoun, one untagged turn.
_TALK = """Mia came into the kitchen. Tom was making tea by the window.

"You're up early," Tom said.

"I couldn't sleep," she said, and sat down.

"Bad dreams?"

"Tom, don't," Mia said.
"""


def _records(results):
    return speaker_records(results["document"], results["quote_spans"], results["mentions"],
                           results["cast"], results["coref"], results["speakers"])


def _record(records, quote: int, cid: str):
    found = [r for r in records if r.quote == quote and r.candidate == cid]
    assert found, f"no record for {cid} on quote {quote}: {[(r.quote, r.candidate) for r in records]}"
    return found[0]


def test_the_shipped_model_loads_offline_and_matches_the_features() -> None:
    model = speakers.load_model()
    assert model is not None
    assert tuple(model["scorer"]["features"]) == FEATURES
    assert model["scorer"]["classes"] == ["no", "yes"]
    assert model["card"]["cross_validation"]["split"].startswith("by document")


def test_the_scorer_names_the_speakers_of_an_invented_talk(run) -> None:
    assert speakers.scorer_name() == "trained"
    got = [(q.text, q.speaker) for q in run(_TALK)["speakers"]]
    assert got == [("You're up early,", "tom"), ("I couldn't sleep,", "mia"),
                   ("Bad dreams?", "tom"), ("Tom, don't,", "mia")]


def test_a_speech_tag_subject_is_marked(run) -> None:
    records = _records(run('Mia and Tom sat on the wall.\n\n"Hello," Mia said.'))
    mia, tom = _record(records, 0, "mia"), _record(records, 0, "tom")
    assert mia.feature("tag_subject") == 1.0 and mia.feature("tag_speech_subject") == 1.0
    assert tom.feature("tag_subject") == 0.0
    assert mia.explicit


def test_a_name_called_out_is_a_vocative_not_a_speaker(run) -> None:
    records = _records(run('Mia and Tom sat on the wall.\n\n"Tom, wait!" Mia shouted.'))
    assert _record(records, 0, "tom").feature("vocative") == 1.0
    assert _record(records, 0, "mia").feature("vocative") == 0.0


def test_turn_taking_features_read_the_previous_quote(run) -> None:
    records = _records(run(_TALK))
    # quote 2 ("Bad dreams?") has no tag: Mia spoke the one before, and was spoken to by Tom first
    assert _record(records, 2, "mia").feature("spoke_prev") == 1.0
    assert _record(records, 2, "tom").feature("spoke_prev2_not_prev") == 1.0
    assert _record(records, 2, "tom").feature("implicit_spoke_prev2_not_prev") == 1.0
    # the "she" of quote 1 fits Mia, not Tom
    assert _record(records, 1, "mia").feature("tag_pronoun_agrees") == 1.0
    # and a pronoun tag marks the candidate of the other gender as unfit
    assert _record(records, 1, "tom").feature("tag_pronoun_unfit") == 1.0


def test_choose_takes_the_most_likely_candidate_per_quote(run) -> None:
    records = _records(run(_TALK))
    probs = [[0.9, 0.1] if r.candidate == "mia" else [0.2, 0.8] for r in records]
    offered = {r.quote for r in records if r.candidate == "tom"}
    assert offered and all(cid == "tom" for q, (cid, _) in choose(records, probs).items() if q in offered)


def test_the_rules_switch(monkeypatch) -> None:
    monkeypatch.setenv("HEARTLINE_SPEAKERS", "rules")
    assert speakers.scorer_name() == "rules"
    monkeypatch.setenv("HEARTLINE_SPEAKERS", "oracle")
    with pytest.raises(HeartlineError):
        speakers.scorer_name()


def test_the_rules_never_read_a_model_out_of_step_with_the_code(monkeypatch) -> None:
    """A feature added to the code makes the shipped model refuse to load; retraining runs
    the analysis with the rules, which must not touch the model file at all."""
    def stale() -> None:
        raise HeartlineError("the shipped speaker_scorer.json was trained on other features")
    monkeypatch.setattr(speakers, "load_model", stale)
    monkeypatch.setenv("HEARTLINE_SPEAKERS", "rules")
    assert speakers.scorer_name() == "rules"
    monkeypatch.setenv("HEARTLINE_SPEAKERS", "trained")
    with pytest.raises(HeartlineError):
        speakers.scorer_name()


@pytest.mark.skipif(not (SHARED / "litbank" / "entities" / "brat").is_dir(),
                    reason="../shared/litbank is absent: nothing to train on")
def test_training_command_runs_on_a_tiny_litbank_slice(tmp_path) -> None:
    out = tmp_path / "speakers.json"
    env = dict(os.environ, PYTHONHASHSEED="0")
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "train_speakers.py"), "--shared", str(SHARED),
                           "--limit", "6", "--folds", "2", "--out", str(out), "--misses", str(tmp_path / "misses.json")],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "mean" in done.stdout and "trained B3" in done.stdout and "acc expl" in done.stdout
    assert "candidate recall" in done.stdout
    model = json.loads(out.read_text())
    assert tuple(model["scorer"]["features"]) == FEATURES
    assert model["card"]["trained_on"] == "LitBank, 6 excerpts"
    # --misses: the held-out misses listed, and counted by kind, cause and turn relation
    listed = json.loads((tmp_path / "misses.json").read_text())
    assert listed and f"held-out misses: {len(listed)}" in done.stdout
    assert all({"excerpt", "quote", "explicit", "cause", "turn", "gold", "pick", "text"} <= set(row) for row in listed)


# ---------------------------------------------------------------- explicit quotes (issue 16)
def _explicit(results):
    from heartline.stages.speaker_features import explicit_quotes
    return explicit_quotes(results["document"], results["quote_spans"], results["mentions"], results["coref"])


def test_a_speech_verb_beside_the_quote_makes_it_explicit_before_or_after(run) -> None:
    results = run('Ivo and Petra sat on the wall.\n\n"Come along," said Ivo.\n\n'
                  'Petra said, "I am coming."\n\n"Are you?"\n\nPetra stood up. "Yes."')
    texts = [q.text for q in results["speakers"]]
    explicit = {texts[i] for i in _explicit(results)}
    assert explicit == {"Come along,", "I am coming."}


def test_a_speech_verb_sharing_its_subject_leads_into_the_quote(run) -> None:
    results = run('Ivo and Petra sat on the wall. Ivo looked at Petra.\n\n'
                  'Ivo shrugged and said, "Nobody asked me."\n\nPetra shrugged. "Nobody will."')
    texts = [q.text for q in results["speakers"]]
    assert {texts[i] for i in _explicit(results)} == {"Nobody asked me."}


def test_a_speech_verb_of_manner_before_the_saying_conjunct_still_leads_in(run) -> None:
    # Invented: "laughed" is a speech verb, but its lead-in (' through her tears and said, "') does not
    # fit; the conjoined "said" does, so the second quote is Bex's, not going on with Orla's
    results = run('Orla and Bex sat on the pier.\n\n"The tide is late," Orla said, and Bex laughed '
                  'through her tears and said, "It always is."\n')
    texts = [q.text for q in results["speakers"]]
    assert {texts[i] for i in _explicit(results)} == {"The tide is late,", "It always is."}
    assert [q.speaker for q in results["speakers"]] == ["orla", "bex"]


def test_a_paragraph_of_narration_ending_in_a_colon_leads_into_the_quote_after_it(run) -> None:
    results = run('Fenwick and Ysolde sat on the wall. Fenwick looked at Ysolde.\n\n'
                  'Fenwick turned and said, as if going on with some old quarrel:\n\n"Nobody asked me."\n\n'
                  'Ysolde looked at the river.\n\n"Nobody will."')
    texts = [q.text for q in results["speakers"]]
    assert {texts[i] for i in _explicit(results)} == {"Nobody asked me."}
    records = _records(results)
    assert _record(records, 0, "fenwick").feature("explicit_speaker") == 1.0
    # a paragraph that does not end in a colon leads into nothing
    results = run('Fenwick and Ysolde sat on the wall. Fenwick looked at Ysolde.\n\n'
                  'Fenwick turned and said nothing for a while.\n\n"Nobody asked me."')
    assert not _explicit(results)


def test_the_explicit_speaker_is_a_feature_of_its_own(run) -> None:
    records = _records(run('Ivo and Petra sat on the wall. Ivo looked at Petra.\n\nPetra said, "I am coming."'))
    petra, ivo = _record(records, 0, "petra"), _record(records, 0, "ivo")
    assert petra.explicit and petra.feature("explicit_speaker") == 1.0 and petra.feature("explicit_lead_in") == 1.0
    assert ivo.feature("explicit_speaker") == 0.0 and ivo.feature("explicit_other") == 1.0


# ---------------------------------------------------------------- candidate recall (issue 16)
_LONG = """Petra Vane kept the lighthouse. Petra Vane had kept it for years.

The storm came in at dusk.

The sea rose over the rocks.

The lamp swung in its cage.

The rain beat on the glass.

"Is anyone up there?" Ivo called from the stairs.

"Go home, Ivo."
"""


def test_the_scene_cast_is_offered_beyond_the_paragraph_window(run) -> None:
    records = _records(run(_LONG))
    offered = {r.candidate for r in records if r.quote == 0}
    assert "petra_vane" in offered  # named five paragraphs back only, and not the rules' choice
    petra = _record(records, 0, "petra_vane")
    assert petra.feature("is_rules") == 0.0 and petra.feature("in_wide") == 0.0
    assert petra.feature("no_mention_near") == 1.0 and petra.feature("scene_count") > 0


def test_the_one_called_by_the_previous_quote_and_the_next_speaker_are_candidates(run) -> None:
    results = run('Ivo climbed the stairs.\n\n"Petra?"\n\n"Here."\n\n"You said that, Ivo," Petra said.')
    records = _records(results)
    second = _record(records, 1, "petra")
    assert second.feature("called_in_prev") == 1.0
    assert _record(records, 1, "petra").feature("spoke_next") == 1.0



def test_an_unresolved_tag_pronoun_still_gives_its_gender_and_the_turn(run) -> None:
    from heartline.model import Coreference
    from heartline.stages.speakers import rule_speakers

    r = run('Liesl met Pavo and Maelle at the gate. Liesl tied her scarf. Maelle tied her boots. '
            'Pavo rubbed his hands.\n\n"You came," Liesl said to Maelle.\n\n'
            '"I said I would," Maelle said.\n\n"Then walk with me," she said.\n')
    q = r["quote_spans"][-1]
    pron = next(m for m in r["mentions"].items if m.quote is None and m.kind == "pronoun" and m.start > q.end)
    coref = Coreference({k: v for k, v in r["coref"].links.items() if k != pron.index}, r["coref"].genders)
    rules = rule_speakers(r["document"], r["quote_spans"], r["mentions"], r["cast"], coref)
    records = speaker_records(r["document"], r["quote_spans"], r["mentions"], r["cast"], coref, rules)
    last = q.index
    assert _record(records, last, "liesl").feature("loose_pronoun_agrees") == 1.0
    assert _record(records, last, "liesl").feature("pronoun_turn") == 1.0
    assert _record(records, last, "maelle").feature("pronoun_turn") == 0.0
    assert _record(records, last, "pavo").feature("loose_pronoun_disagrees") == 1.0
    # resolved, the pronoun is no loose one
    resolved = speaker_records(r["document"], r["quote_spans"], r["mentions"], r["cast"], r["coref"], r["speakers"])
    assert all(rec.feature("loose_pronoun_agrees") == 0.0 for rec in resolved)


def test_a_quote_going_on_in_its_paragraph_keeps_every_candidate(run) -> None:
    # Invented: Orla speaks, Bex sighs, and the next quote of the paragraph has no tag of its own
    records = _records(run('Orla and Bex sat on the pier.\n\n"The tide is late," Orla said, and Bex sighed. '
                           '"It always is."\n'))
    assert _record(records, 1, "orla").feature("goes_on") == 1.0
    bex = _record(records, 1, "bex")  # offered still, and marked as the other one
    assert bex.feature("goes_on_other") == 1.0 and bex.feature("goes_on") == 0.0


def test_a_pronoun_tag_in_an_exchange_marks_the_one_spoken_to(run) -> None:
    # Invented: Liesl speaks to Maelle; in a new paragraph "she" answers: the one spoken to, by turn
    r = run('Liesl met Maelle at the gate.\n\n"You came," Liesl said to Maelle.\n\n'
            '"I said I would," she said.\n')
    records = _records(r)
    assert r["speakers"][0].addressee == "maelle"
    assert _record(records, 1, "maelle").feature("pronoun_addressed_prev") == 1.0
    liesl = _record(records, 1, "liesl")
    assert liesl.feature("pronoun_spoke_prev_new_para") == 1.0 and liesl.feature("pronoun_addressed_prev") == 0.0


def test_the_second_pass_reads_the_turns_of_the_first_scorers_speakers(run, monkeypatch) -> None:
    from heartline.stages import speaker_features

    results = run(_TALK)
    model = speakers.load_model()
    assert model is not None and model.get("second")  # the shipped model has both scorers
    seen = []
    real = speaker_features.speaker_records

    def spy(document, quote_spans, mentions, cast, coref, quotes, going_on=False, drop_unfit=False, explicit_by=None,
            contexts=None):
        seen.append(tuple(q.speaker for q in quotes))
        return real(document, quote_spans, mentions, cast, coref, quotes, going_on, drop_unfit, explicit_by,
                    contexts)

    monkeypatch.setattr(speaker_features, "speaker_records", spy)
    rules = speakers.rule_speakers(results["document"], results["quote_spans"], results["mentions"],
                                   results["cast"], results["coref"])
    # a first scorer that picks Tom everywhere: the second pass reads Tom as every earlier speaker
    first = {**model["scorer"], "weights": [[0.0] * len(FEATURES), [0.0] * len(FEATURES)]}
    first["weights"][1][FEATURES.index("bias")] = 1.0
    tom_first = {**model, "scorer": first}
    out = speakers.rescore(results["document"], results["quote_spans"], results["mentions"], results["cast"],
                           results["coref"], rules, tom_first)
    assert len(seen) == 2 and seen[0] == tuple(q.speaker for q in rules)
    assert len(out) == len(rules)
    assert len(speakers.rescore(results["document"], results["quote_spans"], results["mentions"], results["cast"],
                                results["coref"], rules, {**model, "second": None})) == len(rules)
    assert len(seen) == 3  # one pass only without a second scorer


def test_a_pick_that_was_the_addressee_changes_places_with_the_rules_speaker(run) -> None:
    quotes = run(_TALK)["speakers"]
    q = next(q for q in quotes if q.addressee is not None and q.speaker is not None)
    swapped = speakers.with_picks(quotes, {q.index: (q.addressee, 0.9)})
    got = next(s for s in swapped if s.index == q.index)
    assert (got.speaker, got.addressee) == (q.addressee, q.speaker)
    assert [s for s in swapped if s.index != q.index] == [s for s in quotes if s.index != q.index]


def test_the_second_pass_keeps_a_quote_going_on_in_its_paragraph_with_its_speaker(run) -> None:
    # Invented: with the first pass's speakers read as the conversation, a quote with no tag after
    # another quote of its paragraph has that quote's speaker as its only candidate
    r = run('Orla and Bex sat on the pier.\n\n"The tide is late," Orla said, and Bex sighed. "It always is."\n')
    records = speaker_records(r["document"], r["quote_spans"], r["mentions"], r["cast"], r["coref"],
                              r["speakers"], going_on=True)
    assert {rec.candidate for rec in records if rec.quote == 1} == {"orla"}
    assert [q.speaker for q in r["speakers"]] == ["orla", "orla"]


def test_a_quote_does_not_go_on_past_narration_that_names_someone_else_acting(run) -> None:
    # Invented: past the first quote's tag clause, the narration has Bex (by name) turn to the window;
    # the untagged quote after it is no longer held to Orla's turn, and every candidate stays
    r = run('Orla and Bex sat on the pier.\n\n"The tide is late," said Orla. Bex turned to the water. '
            '"It always is."\n')
    records = speaker_records(r["document"], r["quote_spans"], r["mentions"], r["cast"], r["coref"],
                              r["speakers"], going_on=True)
    assert {rec.candidate for rec in records if rec.quote == 1} >= {"orla", "bex"}
    assert _record(records, 1, "orla").feature("goes_on") == 0.0
    # a he/she there is not read: coreference's nearest person of the gender is no sure reading
    r = run('Orla and Bex sat on the pier.\n\n"The tide is late," said Orla. She turned to the water. '
            '"It always is."\n')
    records = speaker_records(r["document"], r["quote_spans"], r["mentions"], r["cast"], r["coref"],
                              r["speakers"], going_on=True)
    assert {rec.candidate for rec in records if rec.quote == 1} == {"orla"}


def test_unfit_candidates_are_marked_in_the_first_pass_and_dropped_in_the_second(run) -> None:
    r = run(_TALK)
    first = _records(r)
    assert _record(first, 1, "tom").feature("tag_pronoun_unfit") == 1.0
    assert _record(first, 1, "mia").feature("tag_pronoun_unfit") == 0.0
    second = speaker_records(r["document"], r["quote_spans"], r["mentions"], r["cast"], r["coref"],
                             r["speakers"], going_on=True, drop_unfit=True)
    assert not [rec for rec in second if rec.quote == 1 and rec.candidate == "tom"]


def test_a_quote_kept_going_on_follows_the_speaker_chosen_for_the_quote_before() -> None:
    from heartline.stages.speaker_features import SpeakerRecord

    def rec(quote: int, cid: str, goes_on: float = 0.0) -> SpeakerRecord:
        values = [0.0] * len(FEATURES)
        values[FEATURES.index("goes_on")] = goes_on
        return SpeakerRecord(quote, cid, tuple(values))

    # the second pass offered quote 1 only the first pass's speaker of quote 0 ("ivo"); this choice
    # reads quote 0 as Petra's, so quote 1 goes on with Petra
    records = (rec(0, "ivo"), rec(0, "petra"), rec(1, "ivo", goes_on=1.0))
    best = choose(records, [[0.6, 0.4], [0.2, 0.8], [0.1, 0.9]])
    assert best[0][0] == "petra" and best[1][0] == "petra"
    # with more than one candidate the quote is chosen as any other
    records = (rec(0, "ivo"), rec(0, "petra"), rec(1, "ivo", goes_on=1.0), rec(1, "wren"))
    assert choose(records, [[0.6, 0.4], [0.2, 0.8], [0.1, 0.9], [0.5, 0.5]])[1][0] == "ivo"


# Invented: a run of untagged turns between two tagged ones, in consecutive paragraphs.
_RUN = """Wren and Calder stood at the gate of the old mill.

"We should go in," Wren said.

"It's locked."

"Then we climb."

"You climb. I'll watch," Calder said.
"""


def test_untagged_turns_alternate_from_the_tagged_turns_around_them(run) -> None:
    from heartline.stages.speaker_features import exchange_turns, explicit_quotes

    r = run(_RUN)
    explicit = explicit_quotes(r["document"], r["quote_spans"], r["mentions"], r["coref"])
    assert explicit == frozenset({0, 3})
    turns = exchange_turns(r["quote_spans"], r["speakers"], explicit, r["document"].story.text,
                           r["document"].paragraphs)
    # counted from Wren's turn before: an odd number of turns away is the other party (Calder, who
    # speaks the tagged turn three away), an even number Wren; counted back from Calder's turn, the same
    assert turns == {1: ("calder", "calder"), 2: ("wren", "wren")}
    records = _records(r)
    assert _record(records, 2, "wren").feature("run_before") == 1.0
    assert _record(records, 2, "calder").feature("run_before") == 0.0
    assert _record(records, 1, "calder").feature("run_both") == 1.0


def test_two_paragraphs_of_narration_end_a_run_of_turns(run) -> None:
    from heartline.stages.speaker_features import exchange_turns, explicit_quotes

    text = _RUN.replace('"Then we climb."', 'The wind rose over the weir.\n\nA heron lifted off the bank.\n\n'
                        '"Then we climb."')
    r = run(text)
    explicit = explicit_quotes(r["document"], r["quote_spans"], r["mentions"], r["coref"])
    turns = exchange_turns(r["quote_spans"], r["speakers"], explicit, r["document"].story.text,
                           r["document"].paragraphs)
    assert turns[1][0] == "calder" and turns[1][1] is None  # the tagged turn after is in another run
    assert turns[2][0] is None  # "Then we climb." opens a new run


def test_a_run_with_three_tagged_speakers_is_no_exchange_of_two(run) -> None:
    from heartline.stages.speaker_features import exchange_turns, explicit_quotes

    text = _RUN.replace('"It\'s locked."', '"It\'s locked," Bryn said.')
    r = run("Bryn came too. " + text)
    explicit = explicit_quotes(r["document"], r["quote_spans"], r["mentions"], r["coref"])
    assert exchange_turns(r["quote_spans"], r["speakers"], explicit, r["document"].story.text,
                          r["document"].paragraphs) == {}


def test_explicit_and_implicit_quotes_have_scorers_of_their_own() -> None:
    from heartline.learn import LinearModel
    from heartline.stages.speaker_features import QuoteScorer

    def model(feature: str) -> LinearModel:
        weights = [0.0] * len(FEATURES)
        weights[FEATURES.index(feature)] = 1.0
        return LinearModel(FEATURES, ("no", "yes"), (0.0,) * len(FEATURES), (1.0,) * len(FEATURES),
                           ((0.0,) * len(FEATURES), tuple(weights)))

    scorer = QuoteScorer(model("tag_subject"), model("spoke_prev2"))
    tagged = [0.0] * len(FEATURES)
    tagged[FEATURES.index("explicit_other")] = 1.0
    tagged[FEATURES.index("spoke_prev2")] = 1.0
    untagged = [0.0] * len(FEATURES)
    untagged[FEATURES.index("spoke_prev2")] = 1.0
    p = scorer.probabilities([tagged, untagged])
    assert p[0][1] == 0.5  # the explicit quote's scorer reads the tag, not the turn two back
    assert p[1][1] > 0.7
    data = {**scorer.to_json("scorer"), "second": None}
    again = QuoteScorer.from_model(data, "scorer")
    assert again.probabilities([tagged, untagged]).tolist() == p.tolist()
    # a model file with one scorer per pass scores every quote with it
    alone = QuoteScorer.from_model({"scorer": model("tag_subject").to_json()}, "scorer")
    assert alone.probabilities([untagged])[0][1] == 0.5


def test_a_pronoun_tag_marks_the_one_it_is_said_to_unfit(run) -> None:
    records = _records(run('Ralph and Walter sat on the wall.\n\n"A cold night," said he to Walter.'))
    assert _record(records, 0, "walter").feature("tag_pronoun_unfit") == 1.0
    assert _record(records, 0, "ralph").feature("tag_pronoun_unfit") == 0.0


def test_a_pronoun_tag_marks_the_quotes_vocative_unfit(run) -> None:
    records = _records(run('Ralph and Walter sat on the wall.\n\n"Walter, look," he said.'))
    assert _record(records, 0, "walter").feature("tag_pronoun_unfit") == 1.0
    assert _record(records, 0, "ralph").feature("tag_pronoun_unfit") == 0.0


def test_a_speech_verb_reporting_a_that_clause_is_no_tag_of_the_quote_before(run) -> None:
    results = run('Ivo and Hedda sat on the wall.\n\n"Is the ferry late?" Hedda answered that it was not.\n\n'
                  '"Is the ferry late?" Hedda answered.')
    texts = [q.text for q in results["speakers"]]
    assert [texts[i] for i in sorted(_explicit(results))] == ["Is the ferry late?"]
    assert sorted(_explicit(results)) == [1]


def test_a_pronoun_tag_reading_is_marked_apart_from_a_name_and_a_reply_marks_the_other_party(run) -> None:
    # Invented: Liesl speaks to Maelle; in a new paragraph "she replied": coreference reads the nearest
    # woman, the last speaker, while a reply verb points to the one spoken to
    records = _records(run('Liesl met Maelle at the gate.\n\n"You came," Liesl said to Maelle.\n\n'
                           '"I said I would," she replied.\n'))
    liesl, maelle = _record(records, 1, "liesl"), _record(records, 1, "maelle")
    assert liesl.feature("explicit_speaker") == 1.0  # coreference's reading, the premise of the features
    assert liesl.feature("explicit_pronoun") == 1.0 and maelle.feature("explicit_pronoun") == 0.0
    assert liesl.feature("explicit_pronoun_spoke_prev_new_para") == 1.0
    assert maelle.feature("reply_other_party") == 1.0 and liesl.feature("reply_other_party") == 0.0
    # "said" is no reply verb; a name in the tag is no pronoun reading
    records = _records(run('Liesl met Maelle at the gate.\n\n"You came," Liesl said to Maelle.\n\n'
                           '"I said I would," she said.\n'))
    assert _record(records, 1, "maelle").feature("reply_other_party") == 0.0
    records = _records(run('Liesl met Maelle at the gate.\n\n"You came," Liesl said to Maelle.\n\n'
                           '"I said I would," Maelle replied.\n'))
    maelle = _record(records, 1, "maelle")
    assert maelle.feature("explicit_speaker") == 1.0 and maelle.feature("explicit_pronoun") == 0.0
    assert maelle.feature("reply_other_party") == 0.0


def test_the_one_acting_after_the_last_turn_is_marked_apart_from_who_spoke_it(run) -> None:
    # Invented: Bram's turn, then narration past its tag; the untagged turn after it goes to whoever that
    # narration puts in motion last: Bram going on, or Marit answering
    records = _records(run('Bram and Marit sat by the stove. Marit was cold.\n\n"Not yet," Bram said. He put a log on the '
                           'fire and waited.\n\n"It will catch soon."\n'))
    bram, marit = _record(records, 1, "bram"), _record(records, 1, "marit")
    assert bram.feature("spoke_prev") == 1.0  # the premise: the rules give Bram the tagged turn
    assert bram.feature("spoke_prev_acted") == 1.0 and bram.feature("other_acted_after_prev") == 0.0
    assert marit.feature("spoke_prev_acted") == 0.0 and marit.feature("other_acted_after_prev") == 0.0
    records = _records(run('Bram and Marit sat by the stove. Marit was cold.\n\n"Not yet," Bram said. Marit pulled her '
                           'shawl tighter.\n\n"Then I will wait."\n'))
    bram, marit = _record(records, 1, "bram"), _record(records, 1, "marit")
    assert marit.feature("other_acted_after_prev") == 1.0 and marit.feature("spoke_prev_acted") == 0.0
    assert bram.feature("spoke_prev_acted") == 0.0 and bram.feature("other_acted_after_prev") == 0.0


def test_the_one_acting_after_the_last_turn_reads_neither_a_tagged_turn_nor_the_tag_clause(run) -> None:
    # the turn after is tagged: the tag decides, not the turn-taking
    records = _records(run('Bram and Marit sat by the stove. Marit was cold.\n\n"Not yet," Bram said. Marit pulled her '
                           'shawl tighter.\n\n"Then I will wait," she said.\n'))
    assert _record(records, 1, "marit").feature("other_acted_after_prev") == 0.0
    # only the tag clause follows the last turn: a listener's reaction there is no actor's turn
    records = _records(run('Bram and Marit sat by the stove. Marit was cold.\n\n"Not yet." Marit pulled her shawl '
                           'tighter.\n\n"Then I will wait."\n'))
    assert all(r.feature("other_acted_after_prev") == 0.0 and r.feature("spoke_prev_acted") == 0.0
               for r in records if r.quote == 1)


def test_an_untagged_turn_between_two_turns_of_one_speaker_marks_who_holds_the_floor(run) -> None:
    # Invented: Bram speaks, Marit only acts, Bram goes on untagged, then speaks again by his tag
    text = ('Bram and Marit sat by the stove. Marit was cold.\n\n"Show me the map," Bram said.\n\n'
            'Marit fetched it from the shelf.\n\n"Now read it."\n\n"Aloud," Bram said.\n')
    records = _records(run(text))
    bram, marit = _record(records, 1, "bram"), _record(records, 1, "marit")
    assert bram.feature("spoke_prev") == 1.0 and bram.feature("spoke_next") == 1.0  # the premise
    assert bram.feature("holds_the_floor") == 1.0 and marit.feature("holds_the_floor") == 0.0
    # a tagged turn is the tag's to decide
    records = _records(run(text.replace('"Now read it."', '"Now read it," she said.')))
    assert all(r.feature("holds_the_floor") == 0.0 for r in records if r.quote == 1)


def test_a_split_quotes_tag_is_the_main_speech_verbs_subject_not_a_clause_timing_it(run) -> None:
    # Invented: '"…," Ysolde said, as he finished, "…"': "finish" is a speech verb, but "as he
    # finished" only times Ysolde's tag; the second half is hers
    from heartline.stages.speaker_features import explicit_mentions
    r = run('Brannoc told Ysolde the whole tale of the mill.\n\n'
            '"Oh, Brannoc," Ysolde said, as he finished, "you are too kind to them."\n')
    said = explicit_mentions(r["document"], r["quote_spans"], r["mentions"], r["coref"])
    texts = {q.index: q.text for q in r["speakers"]}
    assert {texts[i]: m.text for i, m in said.items()} == {"Oh, Brannoc,": "Ysolde",
                                                          "you are too kind to them.": "Ysolde"}
    # a subordinate speech verb under a verb that is no speech verb is the quote's own tag
    r = run('Brannoc asked Ysolde about the mill.\n\nBrannoc looked put out when she answered, "No."\n')
    said = explicit_mentions(r["document"], r["quote_spans"], r["mentions"], r["coref"])
    assert [m.text for m in said.values()] == ["she"]


def test_a_reply_verbs_pronoun_does_not_fit_the_one_who_spoke_the_turn_before(run) -> None:
    # Invented: Liesl speaks in the paragraph before; "she replied" answers her, so Liesl does not fit the
    # tag even where coreference reads her, the nearest woman
    records = _records(run('Liesl met Maelle at the gate.\n\n"You came," Liesl said to Maelle.\n\n'
                           '"I said I would," she replied.\n'))
    assert _record(records, 1, "liesl").feature("tag_pronoun_unfit") == 1.0
    assert _record(records, 1, "maelle").feature("tag_pronoun_unfit") == 0.0
    # "said" is no reply verb: nothing is marked
    records = _records(run('Liesl met Maelle at the gate.\n\n"You came," Liesl said to Maelle.\n\n'
                           '"I said I would," she said.\n'))
    assert _record(records, 1, "liesl").feature("tag_pronoun_unfit") == 0.0
    # a paragraph before with two speakers has no one turn for the reply to answer
    records = _records(run('Liesl met Maelle at the gate.\n\n"You came," Liesl said to Maelle. '
                           '"Of course," Maelle said.\n\n"I said I would," she replied.\n'))
    assert _record(records, 2, "liesl").feature("tag_pronoun_unfit") == 0.0
    assert _record(records, 2, "maelle").feature("tag_pronoun_unfit") == 0.0


# Invented: the speaker set off from "said" by an aside, which the parser reads as a conjunct of
# the verb before (and "said" as subjectless).
_ASIDE = ("These ways did not please Tamsel; but he was Oskel's friend. The end of it was that, when the "
          "two Varrens, after an hour at the Quilbys' house, started to stroll back to Mr. Hesketh's, and "
          "Oskel, as the gate was shut behind them, said, \u201cWell, Tamsel, what do you think of my "
          "friend Quilby?\u201d\n\n\u201cVery much,\u201d Tamsel said.\n")


def test_a_speaker_set_off_by_an_aside_is_explicit(run, monkeypatch) -> None:
    from heartline.stages import speaker_features
    results = run(_ASIDE)
    assert _record(_records(results), 0, "oskel").feature("explicit_speaker") == 1.0
    assert results["speakers"][0].speaker == "oskel"
    monkeypatch.setattr(speaker_features, "_ASIDE_TAG", False)
    assert _record(_records(results), 0, "oskel").feature("explicit_speaker") == 0.0


def test_a_second_subject_after_an_aside_is_not_the_explicit_speaker(run) -> None:
    # Invented: two subjects of one "said"; the second, a conjunct of the first, is no lone speaker
    from heartline.stages.speaker_features import _after_aside
    results = run("Oskel and Tamsel sat by the stove.\n\nOskel and Tamsel, laughing, said, \u201cNot again.\u201d\n")
    toks = results["document"].tokens
    second = [t for t in toks if t.text == "Tamsel"][-1]
    assert second.dep == "conj" and _after_aside(second, toks) is None
    assert _record(_records(results), 0, "oskel").feature("explicit_speaker") == 1.0


def _explicit_by(results) -> dict[str, str]:
    from heartline.stages.speaker_features import explicit_mentions
    found = explicit_mentions(results["document"], results["quote_spans"], results["mentions"], results["coref"])
    text = results["document"].story.text
    texts = {q.index: text[q.start:q.end] for q in results["quote_spans"]}
    return {texts[i]: m.text for i, m in found.items()}


def test_a_speech_verbs_short_object_before_a_colon_or_dash_leads_into_the_quote(run) -> None:
    results = run('Ivo and Ysolde sat on the wall.\n\nIvo repeated the question: "Where were you?"\n\n'
                  'Ysolde shrugged. "Out."\n\nYsolde whispered the answer -- "Nowhere you know."\n\n'
                  'Ivo said nothing, and then Ysolde stood up: "Goodnight."')
    assert _explicit_by(results) == {"Where were you?": "Ivo", "Nowhere you know.": "Ysolde"}


def test_an_object_lead_in_is_off_with_its_switch(run, monkeypatch) -> None:
    from heartline.stages import speaker_features
    monkeypatch.setattr(speaker_features, "_OBJECT_LEAD_IN", False)
    results = run('Ivo and Ysolde sat on the wall.\n\nIvo repeated the question: "Where were you?"')
    assert _explicit_by(results) == {}


def test_a_quote_between_dashes_belongs_to_the_lead_in_not_the_clause_after(run) -> None:
    results = run('Ivo and Ysolde sat on the wall. Anselm stood by the gate.\n\n'
                  'When Ivo called the roll -- "Ysolde, Anselm, and the dog" -- his voice shook, '
                  'and Ysolde laughed and said, "Here."')
    assert _explicit_by(results)["Ysolde, Anselm, and the dog"] == "Ivo"
