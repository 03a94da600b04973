"""First-person speech tags: "said I." read as a tag, and a short first-person chapter whose
narration tags its own quotes "I said" told by a narrator."""
from __future__ import annotations

from heartline.stages.parse import load_parser
from heartline.stages.speaker_features import explicit_quotes


def test_said_i_before_a_full_stop_is_the_pronoun_and_the_stop() -> None:
    # spaCy alone keeps "I." together as an initial (a proper noun)
    words = [(t.text, t.tag_) for t in load_parser()('"Not yet," said I. "Wait."')]
    assert ("I", "PRP") in words and ("I.", "NNP") not in words


def test_runs_of_initials_stay_whole() -> None:
    assert "R.I.P." in [t.text for t in load_parser()("The stone said R.I.P. and nothing more.")]


def test_an_initial_after_a_capitalised_word_stays_an_initial() -> None:
    for text in ("Present: Capt. I. Ghelbrand and the clerk.", "Odo I. Pellistrow came in."):
        words = [t.text for t in load_parser()(text)]
        assert "I." in words and "I" not in words, words
    # after a lower-case word it is the pronoun again
    assert "I" in [t.text for t in load_parser()("Tam laughed, and so did I. Then we slept.")]


# invented: a narrator whom another calls "Quillan", tagging a quote "said I."
_SAID_I = (
    "I went down to the quay at dawn. I looked for the ferry and I found only gulls. "
    "I waited by the rail. I thought of home. " * 6
    + '\n\n"You are early, Quillan," Brannoc said.\n\n'
    '"Not early enough," said I.\n\n'
    "Brannoc laughed and rowed on.\n"
)


def test_a_quote_tagged_said_i_is_the_narrators(run) -> None:
    result = run(_SAID_I)
    spoken = {q.text: q.speaker for q in result["speakers"]}
    narrator = next(c.id for c in result["cast"].characters if "I" in c.aliases)
    assert spoken["Not early enough,"] == narrator != "brannoc"
    # read from its tag, not guessed from the turns
    own = next(q.index for q in result["quote_spans"] if result["document"].story.text[q.start:q.end].startswith("Not"))
    explicit = explicit_quotes(result["document"], result["quote_spans"], result["mentions"], result["coref"])
    assert own in explicit


# invented: a short opening with about a dozen "I"s in its narration, fewer than a long story
# needs, but two quotes its narration tags "I said" / "I asked"
_SHORT_TOLD = (
    "I had not seen Ferrow Dunmarch in a year. I knocked, and Ferrow opened the door.\n\n"
    '"Come in," Ferrow said.\n\n'
    '"Is the kettle on?" I asked.\n\n'
    '"Always," said Ferrow. "Sit down."\n\n'
    '"Thank you," I said, and I sat by the fire. I warmed my hands. I watched the rain, '
    "and I listened to the clock. I was tired, and I said nothing for a long while.\n"
)


def test_a_short_narration_that_tags_its_own_quotes_has_a_narrator(run) -> None:
    result = run(_SHORT_TOLD)
    told = [c.id for c in result["cast"].characters if "I" in c.aliases]
    assert told and "ferrow_dunmarch" not in told
    first_i = next(m for m in result["mentions"].items if m.text == "I" and m.quote is None)
    assert result["links"].links.get(first_i.index) == told[0]


def test_as_few_is_without_tags_has_no_narrator(run) -> None:
    text = _SHORT_TOLD.replace(" I asked", " asked Tamsk").replace(" I said,", " said Tamsk,")
    assert not [c.id for c in run(text)["cast"].characters if "I" in c.aliases]
