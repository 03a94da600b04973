"""LitBank readers, token alignment and scoring, on a three-sentence excerpt made up here
(and, where ../shared is present, on the real files)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from bench.litbank import (
    Excerpt,
    Prediction,
    align_tokens,
    character_to_entity,
    described_speaker,
    enclosing_mention,
    excerpt_names,
    excerpt_text,
    inner_quote_span,
    match_by_overlap,
    read_coref_tsv,
    read_entity_ann,
    read_excerpt,
    read_quote_tsv,
    read_sentences,
    score_excerpt,
    summary,
)

TOKENISED = "“ Hello , Tom , ” said Mary .\nTom laughed at his sister .\n"
ORIGINAL = "Chapter 1\n\n“Hello, Tom,” said\nMary.\n\nTom laughed at his sister.\n"
# token indices: 0 “ 1 Hello 2 , 3 Tom 4 , 5 ” 6 said 7 Mary 8 . | 9 Tom 10 laughed 11 at 12 his 13 sister 14 .
_LINE2 = TOKENISED.index("\n") + 1
ANN = "".join(f"{tid}\t{label} {start} {start + len(surface)}\t{surface}\n" for tid, label, start, surface in [
    ("T1", "PER", TOKENISED.index("Tom"), "Tom"), ("T2", "PER", TOKENISED.index("Mary"), "Mary"),
    ("T3", "PER", _LINE2, "Tom"), ("T4", "PER", TOKENISED.index("his sister"), "his sister"),
    ("T5", "FAC", 0, "“")])
COREF = ("MENTION\tT1\t0\t3\t0\t3\tTom\tPER\tPROP\n"
         "MENTION\tT2\t0\t7\t0\t7\tMary\tPER\tPROP\n"
         "MENTION\tT3\t1\t0\t1\t0\tTom\tPER\tPROP\n"
         "MENTION\tT6\t1\t3\t1\t3\this\tPER\tPRON\n"
         "MENTION\tT4\t1\t3\t1\t4\this sister\tPER\tNOM\n"
         "COREF\tT1\tTom-0\nCOREF\tT3\tTom-0\nCOREF\tT6\tTom-0\nCOREF\tT2\tMary-1\nCOREF\tT4\tMary-1\n")
QUOTES = "QUOTE\tQ1\t0\t0\t0\t5\t“ Hello , Tom , ”\nATTRIB\tQ1\tMary-1\n"


def _excerpt() -> Excerpt:
    sentences = read_sentences(TOKENISED)
    starts = Excerpt("x", sentences).sentence_starts
    return Excerpt("x", sentences, tuple(read_entity_ann(ANN, TOKENISED)),
                   tuple(read_coref_tsv(COREF, starts)), tuple(read_quote_tsv(QUOTES, starts)))


def test_readers_turn_offsets_and_rows_into_flat_token_spans():
    ex = _excerpt()
    assert ex.sentence_starts == [0, 9]
    assert (3, 3, "PER") in ex.entities and (12, 13, "PER") in ex.entities and (0, 0, "FAC") in ex.entities
    his_sister = next(m for m in ex.mentions if m.kind == "NOM")
    assert (his_sister.first, his_sister.last, his_sister.entity) == (12, 13, "Mary-1")
    assert ex.quotes[0].first == 0 and ex.quotes[0].last == 5 and ex.quotes[0].speaker == "Mary-1"


def test_an_entity_ending_inside_a_token_is_widened_to_that_token():
    tom = TOKENISED.index("Tom")
    assert read_entity_ann(f"T1\tPER {tom} {tom + 2}\tTo\n", TOKENISED) == [(3, 3, "PER")]
    assert read_entity_ann(f"T1\tPER {tom + 1} {tom + 3}\tom\n", TOKENISED) == [(3, 3, "PER")]


def test_tokens_align_to_the_original_whatever_its_spacing():
    tokens = _excerpt().tokens
    spans = align_tokens(tokens, ORIGINAL)
    assert [ORIGINAL[s:e] for s, e in spans] == tokens
    assert ORIGINAL[spans[7][0]:spans[7][1]] == "Mary" and spans[7][0] == ORIGINAL.index("Mary")
    assert excerpt_text(ORIGINAL, tokens) == ORIGINAL[ORIGINAL.index("“"):].rstrip("\n") + "\n"
    with pytest.raises(ValueError):
        align_tokens(["Nobody", "here"], ORIGINAL)


def test_a_gold_quote_loses_its_marks_to_compare_with_heartline():
    tokens = _excerpt().tokens
    spans = align_tokens(tokens, ORIGINAL)
    s, e = inner_quote_span(tokens, spans, 0, 5)
    assert ORIGINAL[s:e] == "Hello, Tom,"


def test_overlap_matching_is_one_to_one_largest_first():
    assert match_by_overlap([(0, 10), (20, 30)], [(5, 25), (0, 9)]) == {0: 1, 1: 0}
    assert match_by_overlap([(0, 10)], [(10, 20)]) == {}


def test_characters_map_to_the_chain_most_of_their_mentions_fall_in_or_else_by_name():
    entity_of = {(1, 2): "Tom-0", (3, 4): "Tom-0", (5, 6): "Mary-1"}
    clusters = {"tom": frozenset({(1, 2), (3, 4), (5, 6)}), "mrs_long": frozenset({(9, 9)})}
    assert character_to_entity(clusters, entity_of, ["Tom-0", "Mary-1", "Mrs__Long-9"]) == {
        "tom": "Tom-0", "mrs_long": "Mrs__Long-9"}


def test_a_cut_description_is_the_gold_mention_it_is_the_edge_of():
    # "keeper" (14, 20) ends "the toll-keeper" (4, 20); "the lame ostler" (30, 45) starts "the lame ostler,
    # who ..." (30, 70); the whole sentence (0, 100) holds both but starts and ends with neither
    gold = [(4, 20), (30, 70), (32, 47), (50, 56), (0, 100)]
    assert enclosing_mention((14, 20), gold) == (4, 20)
    assert enclosing_mention((30, 45), gold) == (30, 70)
    assert enclosing_mention((4, 30), [(4, 20), (4, 40), (0, 30)]) == (0, 30)  # the shortest that holds it
    assert enclosing_mention((39, 44), [(30, 70)]) is None  # inside, at neither edge
    assert enclosing_mention((60, 62), [(50, 56)]) is None


def test_described_speakers_map_by_the_enclosing_gold_mention_when_widened():
    # the described speaker's descriptions are the heads LitBank's mentions end with; its one "him" is
    # another person's: exact spans alone map it to that other person, the enclosing mentions to its own chain
    entity_of = {(4, 20): "the_toll-keeper-5", (60, 80): "the_toll-keeper-5", (90, 93): "Orvel-2"}
    clusters = {"~0~keeper": frozenset({(14, 20), (74, 80), (90, 93)})}
    assert character_to_entity(clusters, entity_of, entity_of.values()) == {"~0~keeper": "Orvel-2"}
    assert character_to_entity(clusters, entity_of, entity_of.values(), widen=clusters) == {
        "~0~keeper": "the_toll-keeper-5"}
    assert character_to_entity(clusters, entity_of, entity_of.values(), widen=["someone"]) == {
        "~0~keeper": "Orvel-2"}


def test_scoring_a_prediction():
    ex = _excerpt()
    text = ORIGINAL
    spans = align_tokens(ex.tokens, text)
    tom1, mary, tom2 = spans[3], spans[7], spans[9]
    his = spans[12]
    sister = (spans[12][0], spans[13][1])
    prediction = Prediction(
        names=frozenset({tom1, mary, tom2}),
        nominals=frozenset({sister}),
        spacy_person=frozenset({tom1}),
        clusters={"tom": frozenset({tom1, tom2, his}), "mary": frozenset({mary})},  # "his sister" missed
        quotes=(((text.index("Hello"), text.index("”")), "mary"), ((0, 7), None)),
    )
    doc = score_excerpt(ex, text, prediction)
    assert (doc.names.precision, doc.names.recall) == (1.0, 1.0)
    assert (doc.spacy_names.precision, doc.spacy_names.recall) == (1.0, 1 / 3)
    assert (doc.per.precision, doc.per.recall) == (1.0, 1.0)
    assert (doc.all_types.precision, doc.all_types.recall) == (1.0, 4 / 5)  # the FAC is a miss
    assert doc.muc.recall == pytest.approx(2 / 3)  # Tom's two links found, Mary's one missed
    assert doc.b3.precision == 1.0
    assert (doc.quotes_exact.precision, doc.quotes_exact.recall) == (0.5, 1.0)
    assert doc.found_quotes == 1 and doc.speaker_right == 1
    assert doc.explicit_found == 0  # the prediction marks no quote explicit
    pooled = summary([doc, doc])
    assert pooled["speaker"]["accuracy_all"] == 100.0 and pooled["per_names"]["f1"] == 100.0
    explicit = score_excerpt(ex, text, replace(prediction, explicit=frozenset({prediction.quotes[0][0]})))
    assert (explicit.explicit_found, explicit.explicit_right) == (1, 1)
    assert summary([explicit])["speaker"]["accuracy_explicit"] == 100.0


def test_real_litbank_excerpts_align_with_their_novels(litbank):
    names = excerpt_names(litbank)
    assert len(names) == 100
    ex = read_excerpt(litbank, "1342_pride_and_prejudice")
    assert any(q.speaker == "Mrs_Bennet-7" for q in ex.quotes)
    original = (litbank / "original" / "1342_pride_and_prejudice.txt").read_text(encoding="utf-8")
    text = excerpt_text(original, ex.tokens)
    spans = align_tokens(ex.tokens, text)
    first_bennet = next(m for m in ex.mentions if m.entity == "Mr_Bennet-6" and m.kind == "PROP")
    assert text[spans[first_bennet.first][0]:spans[first_bennet.last][1]] == "Mr. Bennet"


def test_a_character_maps_by_its_names_before_its_pronouns():
    # heartline gave Kitty three pronouns that are really Mrs Bennet's; her name decides
    entity_of = {(0, 5): "Kitty-36", (10, 12): "Mrs_Bennet-7", (20, 22): "Mrs_Bennet-7", (30, 32): "Mrs_Bennet-7"}
    clusters = {"kitty": frozenset({(0, 5), (10, 12), (20, 22), (30, 32)})}
    assert character_to_entity(clusters, entity_of, entity_of.values()) == {"kitty": "Mrs_Bennet-7"}
    assert character_to_entity(clusters, entity_of, entity_of.values(), frozenset({(0, 5)})) == {
        "kitty": "Kitty-36"}


def test_a_name_is_scored_as_the_phrase_litbank_draws() -> None:
    from bench.litbank import name_phrase
    from heartline.api import default_pipeline
    from heartline.formats.text import story_from_text

    text = ("Yesterday old Quarrie met the late Wilmot Quarle at the gate. My dear Quarrie, said Tamsworth, "
            "the sainted Wilmot Quarle is dead. Poor Tamsworth sighed.")
    doc = default_pipeline(("parse",)).run(story=story_from_text(text, title="T"))["document"]

    def phrase(name: str, nth: int = 0) -> str:
        at = -1
        for _ in range(nth + 1):
            at = text.index(name, at + 1)
        s, e = name_phrase(doc, at, at + len(name))
        return text[s:e]

    assert phrase("Quarrie") == "old Quarrie"
    assert phrase("Wilmot Quarle") == "the late Wilmot Quarle"
    assert phrase("Quarrie", 1) == "Quarrie"  # "my dear": the address stays out
    assert phrase("Wilmot Quarle", 1) == "the sainted Wilmot Quarle"
    assert phrase("Tamsworth", 1) == "Tamsworth"  # "poor" is not taken in


def test_a_title_standing_as_a_name_is_a_common_noun_to_litbank() -> None:
    from bench.litbank import common_noun_name

    assert common_noun_name("Doctor") and common_noun_name("Her Majesty") and common_noun_name("Mother")
    assert not common_noun_name("Dr. Quarle") and not common_noun_name("Quarrie")
    # the article or describing word that name_phrase takes in before a title changes nothing
    assert common_noun_name("the Judge") and common_noun_name("the late Queen") and common_noun_name("dear General")
    assert not common_noun_name("the Quarrie") and not common_noun_name("old Quarrie")


def test_a_pronoun_is_scored_right_when_it_goes_to_its_chains_character():
    ex = _excerpt()
    text = ORIGINAL
    spans = align_tokens(ex.tokens, text)
    tom1, mary, tom2, his = spans[3], spans[7], spans[9], spans[12]
    base = Prediction(names=frozenset({tom1, mary, tom2}), nominals=frozenset(), spacy_person=frozenset(),
                      clusters={"tom": frozenset({tom1, tom2}), "mary": frozenset({mary})}, quotes=())
    right = score_excerpt(ex, text, replace(base, pronouns=((his, "tom", False),)))
    wrong = score_excerpt(ex, text, replace(base, pronouns=((his, "mary", False),)))
    none = score_excerpt(ex, text, replace(base, pronouns=((his, None, False),)))
    assert right.pronouns == {"narration_right": 1}
    assert wrong.pronouns == {"narration_wrong": 1}
    assert none.pronouns == {"narration_none": 1}
    pooled = summary([right, wrong])["pronouns"]
    assert pooled["narration"] == {"right": 1, "wrong": 1, "none": 0, "accuracy": 50.0}
    assert pooled["speech"]["accuracy"] == 0.0  # none in speech


def test_name_phrase_reads_across_a_line_break_and_takes_of_a_place() -> None:
    from bench.litbank import name_phrase
    from heartline.api import default_pipeline
    from heartline.formats.text import story_from_text

    # (two spaces: the parser keeps a whitespace token between the words, as it does a hard-wrapped
    # line's break in LitBank's texts)
    text = ("At the gate stood old  Quarrie, and beside him Tamsworth of Brackley Cross, "
            "and the Warden of Brackley nodded.")
    doc = default_pipeline(("parse",)).run(story=story_from_text(text, title="T"))["document"]

    def phrase(name: str) -> str:
        at = text.index(name)
        s, e = name_phrase(doc, at, at + len(name))
        return text[s:e]

    assert phrase("Quarrie") == "old  Quarrie"
    assert phrase("Tamsworth") == "Tamsworth of Brackley Cross"
    assert phrase("Warden") == "the Warden"  # an office's "of" stays out (a common noun to LitBank)


def test_a_described_speaker_is_found_by_its_description_not_rebuilt_from_it():
    # the speakers stage keyed "a gaunt tinsmith" first met in the narration by its head noun
    texts = {"~2~tinsmith": "a gaunt tinsmith", "~3~old tinsmith": "the old tinsmith"}
    assert described_speaker(2, "a gaunt tinsmith", texts) == "~2~tinsmith"
    # the same words in another scene are another speaker; an unknown description is rebuilt
    assert described_speaker(3, "a gaunt tinsmith", texts) == "~3~gaunt tinsmith"
    assert described_speaker(3, "the old tinsmith", texts) == "~3~old tinsmith"


def test_a_one_quote_voice_is_found_by_its_quote():
    # two "said another" of one scene are two speakers: each quote finds the voice of its own index
    texts = {"~1~another@4": "another", "~1~another@9": "another", "~1~old tinsmith": "the old tinsmith"}
    assert described_speaker(1, "another", texts, 4) == "~1~another@4"
    assert described_speaker(1, "another", texts, 9) == "~1~another@9"
    # a one-quote voice is never some other quote's speaker
    assert described_speaker(1, "another", texts, 5) == "~1~another"
    assert described_speaker(1, "the old tinsmith", texts, 4) == "~1~old tinsmith"
