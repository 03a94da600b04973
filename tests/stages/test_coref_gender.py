"""``coref``: genders the names leave open (kinship names, local pronoun votes), and the
trained pronoun scorer, which overrules the rules only when clearly surer."""
from __future__ import annotations

from heartline.learn import LinearModel
from heartline.model import Character
from heartline.stages import coref, coref_scorer


def _person(name: str) -> Character:
    return Character(id=name.lower().replace(" ", "_"), name=name, aliases=(name,), gender="unknown", mentions=1)


def test_a_kinship_word_used_as_a_name_shows_a_gender() -> None:
    assert coref._name_gender(_person("Mum")) == "female"
    assert coref._name_gender(_person("Grandpa")) == "male"
    assert coref._name_gender(_person("Aunt Quillane")) == "female"
    assert coref._name_gender(_person("Uncle Vosk")) == "male"
    assert coref._name_gender(_person("Vosk")) == "unknown"
    assert coref._name_gender(_person("Doctor Vosk")) == "unknown"  # a title of either gender


def test_pronouns_with_one_named_person_to_go_back_to_show_their_gender(run, who) -> None:
    result = run("Vosk shut the gate. He was tired.\n\nVosk sat down by the fire. He sighed and closed his eyes.")
    assert result["coref"].genders[who(result, "Vosk")] == "male"


def test_an_object_pronoun_votes_nothing_for_its_own_clauses_subject(run, who) -> None:
    result = run("Quillane smiled at the door.\n\nVosk kissed her. Vosk thanked her.")
    votes = coref._local_votes(result["document"], result["mentions"], result["cast"].name_links)
    assert who(result, "Vosk") not in votes


def test_a_subordinate_clause_or_an_object_weighs_less_than_a_main_clause(run) -> None:
    from heartline.tokens import TokenIndex

    result = run("Vosk was the one she rang. She laughed. Vosk knew her number.")
    tokens = TokenIndex(result["document"])
    items = [m for m in result["mentions"].items if m.kind == "pronoun"]
    weights = [coref._vote_weight(tokens.at(m.start), tokens) for m in items]
    assert weights == [0.5, 1.0, 0.25]


def test_two_people_in_the_window_give_no_vote(run, who) -> None:
    result = run("Tom and Mia crossed the yard. She laughed.")
    votes = coref._local_votes(result["document"], result["mentions"], result["cast"].name_links)
    assert votes == {}


def test_the_trained_pronoun_scorer_is_on_unless_switched_off(monkeypatch) -> None:
    monkeypatch.delenv("HEARTLINE_COREF", raising=False)
    assert coref_scorer.scorer_name() == "trained"
    assert coref_scorer.load_scorer() is not None
    monkeypatch.setenv("HEARTLINE_COREF", "rules")
    assert coref_scorer.scorer_name() == "rules"
    assert coref.pronoun_scorer() is None


def test_candidates_carry_one_row_of_every_feature(run, mention) -> None:
    result = run("Tom saw Mia. Ann waved. She smiled.")
    cands = coref.narration_candidates(result["document"], result["mentions"], result["cast"],
                                       result["quote_spans"])
    she = mention(result, "She")
    (index, rows), = [c for c in cands if c[0] == she.index]
    assert sorted(cid for cid, _ in rows) == ["ann", "mia"]  # Tom is a man
    assert all(len(row) == len(coref_scorer.FEATURES) for _, row in rows)
    recency = coref_scorer.FEATURES.index("recency_rank")
    assert dict((cid, row[recency]) for cid, row in rows) == {"ann": 1.0, "mia": 0.5}


def _scorer_on(feature: str, weight: float) -> coref_scorer.Scorer:
    features = coref_scorer.FEATURES
    weights_yes = [weight if f == feature else 0.0 for f in features]
    model = LinearModel(features, ("no", "yes"), tuple(0.0 for _ in features), tuple(1.0 for _ in features),
                        (tuple(0.0 for _ in features), tuple(weights_yes)))
    return coref_scorer.Scorer({"scorer": model.to_json()})


def _row(**values: float) -> list[float]:
    return [values.get(f, 0.0) for f in coref_scorer.FEATURES]


def test_a_scorer_overrules_the_rules_only_when_clearly_surer() -> None:
    strong, weak = _scorer_on("recency_rank", 5.0), _scorer_on("recency_rank", 0.2)
    rules_pick, nearer = _row(rule_best=1.0), _row(recency_rank=1.0)
    assert strong.pick(["mia", "ann"], [rules_pick, nearer]) == "ann"  # 0.99 against 0.5
    assert weak.pick(["mia", "ann"], [rules_pick, nearer]) == "mia"  # 0.55 against 0.5: the rules stand
    assert strong.pick(["mia", "ann"], [_row(), _row()]) == "mia"  # a tie: the earlier candidate
    assert strong.pick([], []) is None


def test_the_trained_scorer_still_reads_a_plain_case(run, resolves_to, monkeypatch) -> None:
    monkeypatch.setenv("HEARTLINE_COREF", "trained")
    result = run("Tom rubbed his eyes. He yawned.")
    from heartline.model import Coreference  # noqa: F401
    links = coref.resolve_narration(result["document"], result["mentions"], result["cast"],
                                    result["quote_spans"]).links
    he = [m for m in result["mentions"].items if m.text == "He"][0]
    assert result["cast"].characters[0].id == "tom" and links[he.index] == "tom"


def _votes(result, known: dict[str, str] | None = None) -> dict[str, list[float]]:
    return coref._local_votes(result["document"], result["mentions"], result["cast"].name_links, known)


def test_a_person_of_the_other_known_gender_is_no_one_to_go_back_to(run, who) -> None:
    result = run("Orla and Vosk came home late.\n\nOrla hugged Vosk at the gate. He was shaking.")
    orla, vosk = who(result, "Orla"), who(result, "Vosk")
    assert vosk not in _votes(result)  # two people, and nothing known of either
    votes = _votes(result, {orla: "female", vosk: "unknown"})
    assert votes == {vosk: [1.0, 0.0]}  # Orla is a woman: the "He" can only be Vosk


def test_the_other_known_gender_explains_a_pronoun_of_its_own_beside(run, who) -> None:
    result = run("Orla and Vosk came home late.\n\nOrla hugged Vosk at the gate. She let go and he was shaking.")
    orla, vosk = who(result, "Orla"), who(result, "Vosk")
    votes = _votes(result, {orla: "female", vosk: "unknown"})
    assert votes.get(vosk, [0.0, 0.0])[0] > 0 and votes.get(vosk, [0.0, 0.0])[1] == 0


def test_a_main_subject_pronoun_votes_half_for_the_lone_previous_subject(run, who) -> None:
    result = run("Vosk and Brisco rode out.\n\nVosk met Brisco at the ford. He was tired.")
    vosk = who(result, "Vosk")
    assert _votes(result) == {vosk: [0.5, 0.0]}


def test_joint_subjects_give_no_parallel_vote(run) -> None:
    result = run("Tom and Mia crossed the yard. She laughed.")
    assert _votes(result) == {}

