"""Stage ``narrator``: a first-person narrator is a character, named by how others call them."""
from __future__ import annotations

_STORY = (
    "I had come to the lake house in June. Rosa was already there, reading on the porch.\n\n"
    + "I walked along the shore every morning and I counted the boats. I liked the quiet. "
      "I wrote letters that I never sent, and I slept badly. " * 6
    + '\n\n"Nick, come and sit," Rosa said to me.\n\n'
    '"In a minute," I said.\n\n'
    '"Nick, the tea is getting cold."\n\n'
    "I sat down beside her. I loved her, and I had loved her since the spring.\n"
)


def test_dense_first_person_narration_makes_the_narrator_a_character(run) -> None:
    result = run(_STORY)
    names = {c.id: c for c in result["cast"].characters}
    assert "nick" in names and "I" in names["nick"].aliases


def test_narrators_i_links_to_the_narrator(run, mention) -> None:
    result = run(_STORY)
    first_i = mention(result, "I")
    assert result["links"].links.get(first_i.index) == "nick"


def test_narrators_feelings_are_the_narrators(analyse) -> None:
    relations = {(r.source, r.target, r.kind) for r in analyse(_STORY).relations}
    assert ("nick", "rosa", "romantic") in relations


def test_third_person_story_has_no_narrator(run) -> None:
    text = "Tom walked to the lake. He liked the quiet. Mia waved at him and he waved back."
    assert all(c.id != "narrator" for c in run(text)["cast"].characters)
    assert len(run(text)["cast"].characters) == 2


def test_unnamed_narrator_is_still_a_character(run) -> None:
    text = ("I woke early. I made coffee and I watched the rain. I thought about the letter. "
            "I did not open it. I waited. " * 5 + "\n\nTom knocked at noon. I let him in.")
    ids = [c.id for c in run(text)["cast"].characters]
    assert "narrator" in ids and "tom" in ids


# The narrator's own broken quote calls a friend by name: the second part is the narrator's
# words too, so its vocative is whom the narrator speaks to, not the narrator's name.
_BROKEN_OWN_QUOTE = (
    "I had walked out with Oswin Tarrant that morning, and Dace Merrow came after us. "
    + "I kept my eyes on the hills and I said little. I counted the cairns as we passed. " * 6
    + "\n\n\"Ah!\" I said, \"and now, Dace, you had better go back.\"\n\n"
    "Dace shook his head. Dace walked on beside Oswin, and Dace whistled.\n\n"
    "\"Well,\" I said, \"stay then, Dace, and carry the rope.\"\n\n"
    "Dace took the rope from me.\n"
)


def test_the_second_part_of_the_narrators_own_quote_does_not_name_the_narrator(run) -> None:
    result = run(_BROKEN_OWN_QUOTE)
    dace = [c for c in result["cast"].characters if "Dace" in c.aliases]
    assert dace and "I" not in dace[0].aliases


# The author's note names the teller; a one-word quote that someone "told me" (an answer,
# a place) must not outvote it.
_NOTED = (
    "Title: The Ferry Ledger\nRating: General Audiences\n"
    "A/N: Told by Wenna Rook, who keeps the ferry ledger.\n\n"
    + "I have kept the ledger for twenty years and I write down every crossing. I know the tides. "
      "I know who pays late. " * 6
    + '\n\n"Kestlemouth," Ysolt Parrick told me, the first morning. "She came from Kestlemouth."\n\n'
    "Ysolt Parrick knows everything about the river. I let her talk.\n\n"
    '"You work too hard, Wenna," Ysolt said.\n\n'
    "I laughed at that and I went on writing.\n"
)


def test_an_authors_note_that_names_the_teller_names_the_narrator(run) -> None:
    result = run(_NOTED)
    tellers = [c for c in result["cast"].characters if "I" in c.aliases]
    assert [c.name for c in tellers] and "Wenna" in tellers[0].name


_FILLER = "I kept my eyes on the road and I said little. I counted the posts as we passed. " * 6


def _narrator_ids(result) -> list[str]:
    return [c.id for c in result["cast"].characters if "I" in c.aliases]


# Letters home: the narration itself calls out to the reader by name, and the letters' quoted
# greetings do too.  Whom the narration writes to is not the one who writes.
_LETTERS_HOME = (
    "I reached the harbour on the fourth day. " + _FILLER
    + "\n\nYou would laugh to see me now, Orla, with my boots full of sand. " + _FILLER
    + "\n\nThe captain read out the old letter again: \"Orla, the ice is breaking.\" "
    "Then he read the last line of it: \"Keep the lamp lit, Orla.\"\n\n"
    "I folded the map and I went below.\n"
)


def test_a_name_the_narration_calls_out_to_is_not_the_narrator(run) -> None:
    result = run(_LETTERS_HOME)
    orla = [c for c in result["cast"].characters if "Orla" in c.aliases]
    assert orla and "I" not in orla[0].aliases


# A visitor hails somebody else by full name at the door, with no "you" after it: whom the
# narration watches being greeted is not necessarily the one who tells it.
_GREETED_AT_THE_DOOR = (
    "I was born on a Friday, in the house by the mill. " + _FILLER
    + "\n\nThe tall woman knocked, and my mother opened the door.\n\n"
    "\"Mrs. Ada Thornbury, I believe,\" said the tall woman.\n\n"
    "\"Yes,\" said my mother.\n\n"
    "I was asleep upstairs, and I heard none of it.\n"
)


def test_a_full_name_hailed_without_being_spoken_to_names_nobody(run) -> None:
    result = run(_GREETED_AT_THE_DOOR)
    assert all("Thornbury" not in c.name for c in result["cast"].characters if "I" in c.aliases)


# The quotes around the narrator's own call out to a boy the narration keeps naming in the third
# person, once inside words the narrator is told to say: he is someone the narrator tells of.
_THE_BULLY = (
    "Corwin Hale was fourteen and I was ten. Corwin Hale ate too much. Corwin Hale bullied me. "
    "Corwin Hale had a pony. " + _FILLER
    + "\n\n\"Here she is, Corwin.\"\n\n"
    "\"What do you want?\" I asked.\n\n"
    "\"Say, 'What do you want, Corwin?'\"\n\n"
    "\"What do you want?\" I asked again.\n\n"
    "Corwin Hale struck me.\n"
)


def test_a_name_the_narration_uses_in_the_third_person_is_not_the_narrator(run) -> None:
    result = run(_THE_BULLY)
    corwin = [c for c in result["cast"].characters if "Corwin" in c.name]
    assert corwin and "I" not in corwin[0].aliases


# The narrator names themself in the narration, and the narration keeps using the name as a
# word ("came to be called Quellin"): a name the narrator gives themself is theirs, however
# often the narration says it.
_SELF_NAMED = (
    "My mother could not say my whole name, so I called myself Quellin, and came to be called "
    "Quellin by everyone. Quellin I stayed. " + _FILLER
    + "\n\nHadrik Pellam met us at the ford.\n\n"
    "\"Late again,\" said Hadrik.\n\n"
    "\"The road was bad,\" I said.\n"
)


def test_a_name_the_narrator_gives_themself_names_the_narrator(run) -> None:
    result = run(_SELF_NAMED)
    assert _narrator_ids(result) == ["quellin"]


def test_without_the_self_naming_the_named_word_is_not_the_narrator(run) -> None:
    # the same story with the self-naming sentence changed: Quellin is only talked about
    result = run(_SELF_NAMED.replace("so I called myself Quellin", "so I called the dog Quellin"))
    assert "quellin" not in _narrator_ids(result)


# '"Tell me your name!"' / '"Wessel, sir."': the answer gives the name, it calls no one, so the
# one named can say it.
_NAME_ASKED = (
    "The sergeant looked down at the boy in the road.\n\n"
    "\"Tell me your name!\" said the sergeant. \"Quick!\"\n\n"
    "\"Wessel, sir.\"\n\n"
    "Wessel stood very still. The sergeant laughed at Wessel.\n"
)


def test_a_name_given_in_answer_to_your_name_is_no_vocative(run) -> None:
    from heartline.stages.speakers import name_answer

    result = run(_NAME_ASKED)
    spans = result["quote_spans"]
    text = result["document"].story.text
    wessel = next(m for m in result["mentions"].items if m.text == "Wessel" and m.quote is not None)
    assert name_answer(text, spans, wessel.quote, wessel)
    asked = result["speakers"][wessel.quote]
    assert asked.addressee != "wessel"
    # the same answer without the question before it calls Wessel
    plain = run(_NAME_ASKED.replace("Tell me your name!", "Stand up!"))
    w2 = next(m for m in plain["mentions"].items if m.text == "Wessel" and m.quote is not None)
    assert not name_answer(plain["document"].story.text, plain["quote_spans"], w2.quote, w2)


def test_a_name_given_again_when_told_to_repeat_it_is_no_vocative(run) -> None:
    from heartline.stages.speakers import name_answer

    story = _NAME_ASKED.replace(
        "Wessel stood", "\"Louder,\" said the sergeant. \"Again!\"\n\n\"Wessel. Wessel, sir.\"\n\nWessel stood")
    result = run(story)
    text = result["document"].story.text
    said = [m for m in result["mentions"].items if m.text == "Wessel" and m.quote is not None]
    assert len({m.quote for m in said}) == 2
    assert all(name_answer(text, result["quote_spans"], m.quote, m) for m in said[1:])
    # without the first answer, the second is a call
    assert not name_answer(text, result["quote_spans"], said[-1].quote, said[1], again=False)
