"""Answer logic on a hand-built analysis: verdicts, lists, claims, names, the JSON shape."""
from __future__ import annotations

import pytest

from askdata import tiny_analysis
from heartline.ask import answer_question
from heartline.ask.session import Session


@pytest.fixture()
def ask():
    session = Session(tiny_analysis())
    return session.ask


@pytest.mark.parametrize("question, verdict, characters", [
    ("does Anna love Tom?", "yes", ["Anna Bell", "Tom Reed"]),
    ("does Tom like Anna?", "hinted", ["Tom Reed", "Anna Bell"]),
    ("is Cleo in love with Tom?", "denies it", ["Cleo Reed", "Tom Reed"]),
    ("does Tom love Cleo?", "used to", ["Tom Reed", "Cleo Reed"]),
    ("is Rex in love with Anna?", "used to", ["Rex Stone", "Anna Bell"]),  # romantic, then affection
    ("does Rex like Anna?", "yes", ["Rex Stone", "Anna Bell"]),  # "like" reaches affection
    ("does Rex like Tom?", "no", ["Rex Stone", "Tom Reed"]),  # hatred is a clear no
    ("does Rex hate Tom?", "yes", ["Rex Stone", "Tom Reed"]),
    ("does Anna like Rex?", "unknown", ["Anna Bell", "Rex Stone"]),  # no evidence is not a no
    ("are Anna and Tom together?", "hinted", ["Anna Bell", "Tom Reed"]),  # the weaker side decides
    ("are Cleo and Tom a couple?", "used to", ["Cleo Reed", "Tom Reed"]),  # Tom's side is past only
    ("are Anna and Rex together?", "unknown", ["Anna Bell", "Rex Stone"]),  # one side shows nothing
    ("are Rex and Tom dating?", "no", ["Rex Stone", "Tom Reed"]),
])
def test_yes_no_verdicts(ask, question, verdict, characters) -> None:
    a = ask(question)
    assert a.status == "answered"
    assert a.verdict == verdict, a.answer
    assert list(a.characters) == characters
    assert a.answer.lower().startswith(verdict.split()[0])


def test_used_to_says_what_it_is_now(ask) -> None:
    a = ask("is Rex in love with Anna?")
    assert "by the end Rex Stone is fond of Anna Bell" in a.answer
    assert [e["text"] for e in a.evidence] == ["Rex had adored Anna years ago."]


def test_yes_cites_its_evidence_with_chapter_offset_and_speaker(ask) -> None:
    a = ask("does Anna love Tom?")
    [item] = a.evidence
    assert item == {"from": "anna_bell", "to": "tom_reed", "text": "I love you, Tom,", "start": 10, "end": 26,
                    "scene": 1, "kind": "romantic", "how": "stated", "cue": "love", "past": False,
                    "chapter": 1, "speaker": "anna_bell"}
    assert a.confidence == 0.93 and "very sure" in a.answer


def test_unknown_mentions_the_other_direction(ask) -> None:
    a = ask("does Anna like Rex?")
    assert a.relations == () and a.evidence == () and a.confidence is None
    assert "Rex Stone -> Anna Bell: affection" in a.answer


def test_who_does_x_like_lists_romance_first_and_says_which(ask) -> None:
    a = ask("who does Rex like?")
    assert a.characters == ("Rex Stone", "Anna Bell")
    assert "affection" in a.answer and "in the past" not in a.answer
    a = ask("who does Tom love?")
    assert a.characters == ("Tom Reed", "Anna Bell", "Cleo Reed")  # current first, past after
    assert "Anna Bell (romantic, hinted" in a.answer and "Cleo Reed (romantic, in the past only" in a.answer


def test_who_likes_x_and_who_hates_x(ask) -> None:
    assert ask("who loves Tom?").characters == ("Tom Reed", "Anna Bell", "Cleo Reed")
    hated = ask("who hates Tom?")
    assert hated.characters == ("Tom Reed", "Rex Stone")
    assert [r["kind"] for r in hated.relations] == ["hatred"]


def test_nobody_is_an_answer_not_a_guess(ask) -> None:
    a = ask("who does Anna hate?")
    assert a.status == "answered" and a.answer.startswith("I don't know")
    assert a.relations == () and a.evidence == ()


def test_how_does_x_feel_gives_every_feeling_and_the_arc(ask) -> None:
    a = ask("how does Rex feel about Anna?")
    assert a.verdict is None
    assert "romantic (past) (scene 1)" in a.answer and "affection (scene 2)" in a.answer
    assert "Arc: romantic (past) (scene 1) -> affection narrated (scene 2)" in a.answer
    assert len(a.evidence) == 2 and a.evidence[1]["chapter"] == 2


def test_who_said_it_names_the_claimants_and_the_denial(ask) -> None:
    a = ask("who said Cleo loves Tom?")
    assert a.characters == ("Cleo Reed", "Tom Reed", "Rex Stone")
    assert 'Rex Stone says so: "Cleo is crazy about Tom."' in a.answer
    assert 'Cleo Reed denies it: "I do not love him."' in a.answer


def test_who_knows_follows_the_last_pair(ask) -> None:
    ask("is Cleo in love with Tom?")
    a = ask("who knows?")
    assert a.form == "claims" and "Rex Stone says so" in a.answer


def test_pronouns_follow_the_last_pair_by_gender(ask) -> None:
    ask("does Anna love Tom?")
    a = ask("does he like her back?")
    assert a.characters == ("Tom Reed", "Anna Bell") and a.verdict == "hinted"


def test_pronouns_without_a_previous_question_ask_for_names(ask) -> None:
    a = ask("does he like her?")
    assert a.status == "unknown_name" and "Name them" in a.answer


def test_who_is_gives_name_aliases_gender_centrality_feelings(ask) -> None:
    a = ask("who is the tall man?")
    assert a.characters[0] == "Rex Stone"
    for part in ("'Captain Stone'", "male", "8 mentions", "4th most mentioned of 5", "hatred for Tom Reed"):
        assert part in a.answer


def test_couples_lists_the_romantic_relations(ask) -> None:
    a = ask("who is in love in this story?")
    assert "Anna Bell and Tom Reed (both ways" in a.answer
    assert "Cleo Reed -> Tom Reed (one way, denied" in a.answer
    assert "In the past only: Tom Reed -> Cleo Reed" in a.answer
    assert all(r["kind"] == "romantic" for r in a.relations)


def test_unknown_name_gives_one_line_with_candidates(ask) -> None:
    a = ask("does Anah like Tom?")
    assert a.status == "unknown_name" and a.verdict is None
    assert a.answer == "No character called 'Anah'; did you mean Anna Bell?"


def test_ambiguous_name_lists_the_people(ask) -> None:
    a = ask("who does the captain love?")
    assert a.status == "ambiguous_name"
    assert a.characters == ("Tom Reed", "Rex Stone")
    assert "could be Tom Reed or Rex Stone" in a.answer


def test_out_of_grammar_lists_the_forms(ask) -> None:
    a = ask("why is the sky blue?")
    assert a.status == "not_understood"
    assert "who does X like?" in a.answer and "are X and Y together?" in a.answer


def test_json_shape_for_the_web_app() -> None:
    data = answer_question(tiny_analysis(), "does Anna love Tom?")
    assert {"question", "answer", "verdict", "characters", "relations", "evidence"} <= set(data)
    assert data["question"] == "does Anna love Tom?" and data["verdict"] == "yes"
    assert data["characters"] == ["Anna Bell", "Tom Reed"]
    assert data["relations"] == [tiny_analysis()["relations"][0]]  # the analysis/v2 relation, unchanged
    assert data["evidence"][0]["text"] == "I love you, Tom,"
    not_yes_no = answer_question(tiny_analysis(), "who is Tom?")
    assert not_yes_no["verdict"] is None
