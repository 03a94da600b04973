"""Stage ``speakers``: who says each quote, and to whom."""
from __future__ import annotations

import pytest

from heartline.stages.speakers import is_vocative


def credits(run, text: str) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.speaker, q.addressee) for q in run(text)["speakers"]]


@pytest.mark.parametrize("text", [
    '"Hello," Mia said.',
    '"Hello," said Mia.',
    "\u201cHello,\u201d Mia whispered.",
])
def test_speech_tag_after_the_quote_names_the_speaker(run, text) -> None:
    assert credits(run, text) == [("Hello,", "mia", None)]


def test_subject_before_the_quote_in_the_same_paragraph(run) -> None:
    assert credits(run, 'Mia sighed. "I am tired."') == [("I am tired.", "mia", None)]


def test_pronoun_speech_tag(run) -> None:
    got = credits(run, 'Tom stood up.\n\n"Let us go," he said.')
    assert [s for _t, s, _a in got] == ["tom"]


def test_vocative_is_the_addressee(run) -> None:
    assert credits(run, '"Tom, wait!" Mia shouted.') == [("Tom, wait!", "mia", "tom")]


def test_vocative_after_hey(run) -> None:
    assert credits(run, '"Hey, Mia," said Tom.') == [("Hey, Mia,", "tom", "mia")]


def test_a_name_talked_about_is_not_an_addressee(run) -> None:
    text = 'Ann sat down. "I saw Rex at the market today," Ann said.'
    assert credits(run, text)[0][2] != "rex"


def test_quote_split_by_its_tag_has_one_speaker(run) -> None:
    got = credits(run, '"Wait," Mia said, "I forgot my keys."')
    assert [s for _t, s, _a in got] == ["mia", "mia"]


def test_speaker_tag_never_makes_the_speaker_their_own_addressee(run) -> None:
    got = credits(run, '"Mia, it is me," Mia said.')
    assert [s for _t, s, _a in got] == ["mia"]
    assert got[0][2] != "mia"


def test_alternating_dialogue_without_tags_continues_turn_taking(run) -> None:
    text = ('Mia sat with Tom.\n\n"Where were you?" Mia asked.\n\n"At home," Tom said.\n\n'
            '"Why?"\n\n"I was tired."\n\n"You could have called."')
    assert [s for _t, s, _a in credits(run, text)] == ["mia", "tom", "mia", "tom", "mia"]
    # the other party of each line is the addressee, once the exchange has begun
    assert [a for _t, _s, a in credits(run, text)][1:] == ["mia", "tom", "mia", "tom"]


def test_turn_taking_from_the_first_untagged_reply(run) -> None:
    text = ('Tom and Mia stood at the door.\n\n"Ready?" Tom asked.\n\n"Yes."\n\n"Good."\n\n'
            '"Let us go then."')
    assert [s for _t, s, _a in credits(run, text)] == ["tom", "mia", "tom", "mia"]


def test_first_question_of_a_two_person_scene_is_addressed_to_the_other(run) -> None:
    text = 'Mia sat with Tom.\n\n"Where were you?" Mia asked.\n\n"At home," Tom said.'
    assert credits(run, text)[0] == ("Where were you?", "mia", "tom")


def test_said_to_names_the_addressee(run) -> None:
    assert credits(run, '"Hello," Mia said to Tom.') == [("Hello,", "mia", "tom")]


def test_told_names_the_addressee(run) -> None:
    assert credits(run, '"Mia really likes you," Ann told Tom.') == [
        ("Mia really likes you,", "ann", "tom")]


def test_said_to_him_resolves_the_pronoun(run) -> None:
    text = 'Tom and Ann sat down.\n\n"Mia really likes you," Ann said to him.'
    assert credits(run, text) == [("Mia really likes you,", "ann", "tom")]


def test_second_half_of_a_split_quote_keeps_the_addressee(run) -> None:
    got = credits(run, '"Tom," Mia said, "you are late."')
    assert got == [("Tom,", "mia", "tom"), ("you are late.", "mia", "tom")]


def test_speech_continued_into_the_next_paragraph_keeps_its_speaker(run) -> None:
    text = '"It was long ago," Mia said. "We were young.\n\n"Then the war came."\n\nAnn nodded.'
    assert [s for _t, s, _a in credits(run, text)] == ["mia", "mia", "mia"]


# --------------------------------------------------------------------- letters
def test_letter_writer_is_the_signature_and_reader_the_person_named(run) -> None:
    text = "Mia left early. Tom found a note on his desk.\n\nI love you, Tom. I will wait for you.\n\n- Mia"
    got = run(text)["speakers"]
    assert [(q.kind, q.speaker, q.addressee) for q in got] == [("letter", "mia", "tom")]


def test_letter_reader_is_the_person_reading_it(run) -> None:
    text = "Mia Stone left a note for Tom. Tom found it on his desk.\n\nI love you. I always have.\n\n- Mia Stone"
    got = run(text)["speakers"]
    assert [(q.kind, q.speaker, q.addressee) for q in got] == [("letter", "mia_stone", "tom")]


def test_letter_signed_by_someone_not_otherwise_named(run) -> None:
    text = "Tom read the note.\n\nI love you. I will wait for you forever.\n\n- Mia Stone"
    result = run(text)
    assert "Mia Stone" in [c.name for c in result["characters"]]
    assert [(q.speaker, q.addressee) for q in result["speakers"]] == [("mia_stone", "tom")]


def test_indented_letter_writer_is_its_signature_and_reader_the_one_it_is_addressed_to(run) -> None:
    # the letter names Mia Kerr more often, but it is written to the one its superscription names
    text = ("I knew Tom Reed's hand the moment the steward set the paper before me. "
            "Ann Vale was Reeve of Dunmarsh then.\n\n"
            "  To Ann Vale, Reeve of Dunmarsh, at her mill by the weir, these:\n\n"
            "  My lady Reeve,\n\n"
            "  On the third night I shall leave the river gate open for you. Mia Kerr holds the key "
            "with me, and Mia Kerr will say nothing.\n\n"
            "  Tom Reed\n  Sergeant of the Watch\n\n"
            "I read it twice and put it down.")
    got = run(text)["speakers"]
    assert [(q.kind, q.speaker, q.addressee) for q in got] == [("letter", "tom_reed", "ann_vale")]


@pytest.mark.parametrize("first, second", [("rex", "ann"), ("ann", "rex")])
def test_letter_naming_two_people_equally_is_for_the_one_named_first(run, first, second) -> None:
    # a tie between the people a letter names goes to the first named, never to the order of a set
    # (which varies with PYTHONHASHSEED); both orders, so that neither name can win by itself
    text = (f"The note lay on the desk.\n\nI saw {first.title()} at the market. "
            f"Tell {second.title()} I said hello.\n\n- Mia")
    got = run(text)["speakers"]
    assert [(q.kind, q.speaker, q.addressee) for q in got] == [("letter", "mia", first)]


def test_letter_closed_by_a_formula_is_from_the_name_under_it_to_the_one_greeted(run) -> None:
    text = ("Ann found the note pushed under her door.\n\n"
            "Dear Ann,\nI am sorry for everything. Please come home.\nYours ever,\nRob Fenner")
    got = run(text)["speakers"]
    assert [(q.kind, q.speaker, q.addressee) for q in got] == [("letter", "rob_fenner", "ann")]


# --------------------------------------------------------------------- vocatives and the speaker
def test_pronoun_tagged_speaker_named_in_the_quote_is_the_addressee(run) -> None:
    text = 'Tom and Mia sat in the kitchen.\n\n"I am tired," Mia said.\n\n"Sit down, Mia," he said.'
    assert credits(run, text)[1] == ("Sit down, Mia,", "tom", "mia")


def test_turn_taking_speaker_named_in_the_quote_is_the_addressee(run) -> None:
    # turn-taking alone would give the fifth line to Mia, but it calls her by name
    text = ('Mia sat with Tom.\n\n"Where were you?" Mia asked.\n\n"At home," Tom said.\n\n'
            '"Why?"\n\n"I was tired."\n\n"Oh, Mia, you should have called."')
    assert credits(run, text)[-1] == ("Oh, Mia, you should have called.", "tom", "mia")


def test_pronoun_speaker_named_in_the_first_quote_is_the_other_person_present(run) -> None:
    # the narration's "she" is no longer Mia, whom the quote calls by name (coref's tag rule)
    text = 'Ann watched Mia. Mia looked pale.\n\n"Sit down, Mia," she said.'
    assert credits(run, text) == [("Sit down, Mia,", "ann", "mia")]


def test_explicit_name_tag_is_kept_even_when_the_quote_names_the_speaker(run) -> None:
    text = 'Tom and Mia stood at the door.\n\n"Who is there?" Tom asked.\n\n"Mia, it is me," Mia said.'
    got = credits(run, text)
    assert [s for _t, s, _a in got] == ["tom", "mia"]
    assert got[1][2] != "mia"


# --------------------------------------------------------------------- same-paragraph pronoun tags
def test_pronoun_tag_after_an_interruption_keeps_the_paragraphs_speaker(run) -> None:
    text = 'Tom sat with Mia.\n\n"Thanks," she said, and Tom nodded. "Do not wait," she added.'
    assert [s for _t, s, _a in credits(run, text)] == ["mia", "mia"]


def test_pronoun_tag_keeps_the_speaker_over_a_nearer_person_of_the_same_gender(run, monkeypatch) -> None:
    # "she" after "Mia nodded" is still Ann, who spoke first in the paragraph: the rules' reading.  The
    # trained scorer (retrained with described speakers) takes the narration's reading here, Mia; forcing
    # the rules' reading on it measured worse on LitBank held out (B3 71.9 against 72.3)
    monkeypatch.setenv("HEARTLINE_SPEAKERS", "rules")
    text = 'Ann sat with Mia.\n\n"Thanks," she said, and Mia nodded. "Do not wait," she added.'
    assert [s for _t, s, _a in credits(run, text)] == ["ann", "ann"]


# --------------------------------------------------------------------- narration before a quote
# enough "I" in the narration that the story has a first-person narrator
_FIRST_PERSON = ("I kept the books at the mill that winter. I liked the work and I was good at it. "
                 "I counted the sacks, I wrote the tallies, and I slept well. " * 5)


def test_main_clause_subject_before_a_quote_wins_over_a_subordinate_one(run) -> None:
    # "I" is the last subject before the quote, but only in a clause hanging from Rob's
    text = (_FIRST_PERSON + "\n\nRob Fenner set a mug of tea on my desk, as he had done every night "
            'since I was twelve. "Drink it."')
    assert [s for _t, s, _a in credits(run, text)] == ["rob_fenner"]


def test_untagged_quote_after_narration_is_the_narrations_last_actor(run) -> None:
    # turn-taking would give the last line back to Mia; the paragraph before put Tom in motion
    text = ('Mia and Tom sat by the fire.\n\n"Is the gate shut?" Mia asked.\n\n"It is," Tom said.\n\n'
            'Mia poured the wine. Tom rose and went to the window.\n\n"The snow has stopped."')
    assert [s for _t, s, _a in credits(run, text)] == ["mia", "tom", "tom"]


@pytest.mark.parametrize("story,narration,looked_at", [
    ("", ("Ann Vale talked about the harvest, and Mia Kerr listened. Tom Reed said nothing for a long "
          "while. Then he glanced at Mia Kerr."), "mia_kerr"),
    # first person: without the look, the turn gives the line to Ann, who spoke to him last
    (_FIRST_PERSON, ('"The roads are bad," Ann Vale said to Tom Reed.\n\n'
                     "Tom Reed did not answer her. Then he glanced at me."), "narrator"),
], ids=["third-person", "first-person"])
def test_the_one_looked_at_before_a_quote_is_its_addressee(run, story, narration, looked_at) -> None:
    text = story + "\n\n" + narration + '\n\n"You should not have come back," he said.'
    assert credits(run, text)[-1] == ("You should not have come back,", "tom_reed", looked_at)


@pytest.mark.parametrize("gesture", ["beckoned Mia Kerr into the hall and said quietly:", "nudged Mia Kerr."])
def test_the_one_the_speakers_gesture_takes_as_object_is_the_addressee(run, gesture) -> None:
    # Ann spoke to Tom last, so the turn would give his answer to her; his gesture picks out Mia
    text = ('Ann Vale, Mia Kerr and Tom Reed waited in the yard.\n\n"Is the cart ready?" Ann Vale asked Tom Reed.'
            f'\n\nTom Reed looked at the sky for a long while. Then he {gesture}\n\n"We leave before dawn."')
    assert credits(run, text)[-1] == ("We leave before dawn.", "tom_reed", "mia_kerr")


@pytest.mark.parametrize("form,addressee", [
    ("my lord", "rob_fenner"),  # the queen spoke last, but "my lord" is not said to her
    ("my lady", "queen_alys"),  # the form fits the one the turn gives: kept
])
def test_form_of_address_must_fit_the_addressees_gender(run, form, addressee) -> None:
    text = ("Queen Alys sat by the fire with Mia Kerr. Rob Fenner came in from the snow.\n\n"
            '"Is the north road open?" Queen Alys asked.\n\n'
            '"It is, madam," said Rob Fenner. "I rode it this morning."\n\n'
            '"Then go and rest," said Queen Alys.\n\n'
            f'"Sleep well, {form}," Mia Kerr said.')
    assert credits(run, text)[-1] == (f"Sleep well, {form},", "mia_kerr", addressee)


@pytest.mark.parametrize("story,addressee", [
    (_FIRST_PERSON, "narrator"),
    ("Mia walked by the river all afternoon.", None),  # no narrator: nobody to hear it
], ids=["first-person", "third-person"])
def test_talk_with_nobody_else_in_view_is_to_a_first_person_narrator(run, story, addressee) -> None:
    text = (story + "\n\nRob Fenner came in out of the rain and shook the water from his coat.\n\n"
            '"The river is rising," he said.')
    assert credits(run, text)[-1] == ("The river is rising,", "rob_fenner", addressee)


@pytest.mark.parametrize("between,speaker", [
    # narration in between goes on about Mia: "she" is Mia, not the one Mia spoke to
    ("Ann Vale said nothing. Mia Kerr pulled her shawl tighter and looked up at the clouds.\n\n", "mia_kerr"),
    # straight after, the two alternate: the one spoken to answers (``answered_turns`` over the scorer,
    # which follows coreference's "she" = the last-named woman)
    ("", "ann_vale"),
], ids=["narration-between", "no-narration"])
def test_pronoun_tag_after_narration_follows_the_narration(run, between, speaker) -> None:
    text = ('Mia Kerr and Ann Vale sat on the steps.\n\n"It will rain tonight," Mia Kerr said to Ann Vale.\n\n'
            + between + '"I should go in," she said.')
    assert [s for _t, s, _a in credits(run, text)] == ["mia_kerr", speaker]


def test_pronoun_tag_straight_after_alternates_by_the_rules(monkeypatch) -> None:
    monkeypatch.setenv("HEARTLINE_SPEAKERS", "rules")
    from heartline.api import default_pipeline
    from heartline.formats.text import story_from_text

    text = ('Mia Kerr and Ann Vale sat on the steps.\n\n"It will rain, Ann," Mia Kerr said to Ann Vale.\n\n'
            '"I should go in," she said.')
    quotes = default_pipeline().run(story=story_from_text(text, title="Test"))["speakers"]
    assert [q.speaker for q in quotes] == ["mia_kerr", "ann_vale"]


def test_an_untagged_quote_in_the_paragraph_of_the_one_before_goes_on_with_its_speaker(run) -> None:
    text = ('Nell Ashby and Corin Vale walked home.\n\n"You should talk to her," Nell Ashby said, and Corin Vale '
            'stopped to look at the river. "She is not angry with you."')
    assert [s for _t, s, _a in credits(run, text)] == ["nell_ashby", "nell_ashby"]


# --------------------------------------------------------------------- titles said to someone
@pytest.mark.parametrize("text,surface,called", [
    ('"Stand up, Captain of our Watch." Mia knelt.', "Captain", True),  # a title's own of-phrase
    ('"Stand, my lord Sheriff, and be welcome." Mia knelt.', "Sheriff", True),  # after "my lord"
    ('"The Captain of our Watch is late." Mia knelt.', "Captain", False),  # talked about
])
def test_is_vocative_for_titles(run, mention, text, surface, called) -> None:
    result = run(text)
    m = mention(result, surface)
    assert is_vocative(text, result["quote_spans"][m.quote], m) is called


def test_pronoun_tag_after_the_last_speaker_acts_in_narration_is_that_speaker(run) -> None:
    # Ann answers, then the narration follows Ann: "she said" goes on with her, not back to Mia
    text = ('"Are you coming?" Mia asked.\n\n"I don\'t know." Ann stood up and walked to the window. '
            'She looked out at the rain for a long time.\n\n"I am going now," she said.')
    assert [s for _t, s, _a in credits(run, text)] == ["mia", "ann", "ann"]


def test_pronoun_tag_with_no_narration_between_still_alternates(run) -> None:
    text = '"Are you coming?" Mia asked.\n\n"I don\'t know," Ann said.\n\n"Then I am going now," she said.'
    assert [s for _t, s, _a in credits(run, text)] == ["mia", "ann", "mia"]


@pytest.mark.parametrize("asker,answer", [
    # the turn before ends in narration: the story moved on, "she" is the one it was about
    ("Mia", '"I don\'t know," Ann said. Ann looked down at her shoes.\n\n"Then I am going now," she said.'),
    # the tag names the one spoken to: not her
    ("Mia", '"I don\'t know," Ann said.\n\n"Then I am going now," she said to Mia.'),
    # the one spoken to is a man: "she" cannot be his answer
    ("Tom", '"I don\'t know," Ann said.\n\n"Then I am going now," she said.'),
], ids=["narration-after", "named-in-tag", "other-gender"])
def test_an_answered_turn_needs_a_bare_exchange_of_one_gender(run, asker, answer) -> None:
    text = f'"Are you coming?" {asker} asked.\n\n' + answer
    assert [s for _t, s, _a in credits(run, text)][-1] == "ann"


def test_pronoun_tag_with_no_narration_between_alternates_by_the_rules(run, monkeypatch) -> None:
    monkeypatch.setenv("HEARTLINE_SPEAKERS", "rules")
    text = '"Are you coming?" Mia asked.\n\n"I don\'t know," Ann said.\n\n"Then I am going now," she said.'
    assert [s for _t, s, _a in credits(run, text)] == ["mia", "ann", "mia"]


@pytest.mark.parametrize("line, name", [
    ("*draws her sword* Rex Hollin. You came back.", "Rex Hollin"),
    ("*does not look up* Mia, go home.", "Mia"),
])
def test_a_name_right_after_a_role_play_emote_is_called(line, name) -> None:
    from heartline.model import Mention, QuoteSpan

    text = f'"{line}"'
    at = text.index(name)
    q = QuoteSpan(index=0, start=1, end=len(text) - 1, scene=0, paragraph=0)
    m = Mention(index=0, start=at, end=at + len(name), text=name, kind="name", sentence=0, quote=0)
    assert is_vocative(text, q, m)


def test_a_name_after_an_emote_that_goes_on_is_not_called() -> None:
    from heartline.model import Mention, QuoteSpan

    text = '"*shrugs* Rex Hollin is late again."'
    at = text.index("Rex Hollin")
    q = QuoteSpan(index=0, start=1, end=len(text) - 1, scene=0, paragraph=0)
    m = Mention(index=0, start=at, end=at + 10, text="Rex Hollin", kind="name", sentence=0, quote=0)
    assert not is_vocative(text, q, m)


def test_narration_ending_on_a_bystander_does_not_take_the_pronoun_tag(run, monkeypatch) -> None:
    # the rules' convention; the scorer retrained with described speakers gives this invented case to Rex
    # (a known weakness, see the speak branch report)
    monkeypatch.setenv("HEARTLINE_SPEAKERS", "rules")
    # the narration after Mia's quote ends on Rex, asleep: "he asked" is still Tom, whom Mia spoke to
    text = ('Tom sat by the fire.\n\n"Tom? Can I talk to you?" Mia asked. "It is about Rex." Tom put his book away. '
            'Rex was asleep in the corner.\n\n"What about him?" he asked.')
    assert [s for _t, s, _a in credits(run, text)][-1] == "tom"


# ------------------------------------------------------------------ a tag pronoun coreference left unresolved
from heartline.model import Coreference, Quote, QuoteSpan  # noqa: E402
from heartline.stages.speakers import pronoun_turn, rule_speakers, unlinked_tag_pronoun  # noqa: E402
from heartline.tokens import TokenIndex  # noqa: E402

# Invented: two women talk; the last "she said" is the one under test.
_TWO_WOMEN = """Liesl met Pavo and Maelle at the gate. Liesl tied her scarf. Maelle tied her boots.
Pavo rubbed his hands.

"You came," Liesl said to Maelle.

"I said I would," Maelle said.

"Then walk with me," she said.
"""


def _unlinked(results, last_pronoun: bool = True):
    """The results' coreference with the last quote's tag pronoun left unresolved."""
    q = results["quote_spans"][-1]
    pron = next(m for m in results["mentions"].items if m.quote is None and m.kind == "pronoun" and m.start > q.end)
    links = {k: v for k, v in results["coref"].links.items() if k != pron.index}
    return pron, Coreference(links, results["coref"].genders)


def test_an_unresolved_tag_pronoun_is_found_as_the_tags_subject(run) -> None:
    r = run(_TWO_WOMEN)
    pron, coref = _unlinked(r)
    tag = [m for m in r["mentions"].items if m.quote is None and m.start > r["quote_spans"][-1].end]
    assert unlinked_tag_pronoun(tag, coref.links, TokenIndex(r["document"])) == pron
    # resolved, it is no unlinked pronoun
    assert unlinked_tag_pronoun(tag, r["coref"].links, TokenIndex(r["document"])) is None


def test_an_unresolved_she_said_takes_the_turn_of_the_one_spoken_to(run) -> None:
    r = run(_TWO_WOMEN)
    pron, coref = _unlinked(r)
    quotes = rule_speakers(r["document"], r["quote_spans"], r["mentions"], r["cast"], coref)
    assert [q.speaker for q in quotes] == ["liesl", "maelle", "liesl"]
    # the pronoun is handed on, so that speech coreference links it to her
    assert quotes[-1].tag_pronoun == pron.index


def _q(index: int, speaker: str | None, addressee: str | None) -> Quote:
    return Quote(index=index, start=0, end=0, text="", speaker=speaker, addressee=addressee, scene=0, kind="speech")


def _span(index: int, paragraph: int) -> QuoteSpan:
    return QuoteSpan(index=index, start=10 * index, end=10 * index + 5, scene=0, paragraph=paragraph, kind="speech")


def test_pronoun_turn_alternates_and_keeps_to_the_pronouns_gender() -> None:
    spans = (_span(0, 0), _span(1, 1), _span(2, 2))
    gender = {"liesl": "female", "maelle": "female", "pavo": "male"}
    talk = [_q(0, "liesl", "maelle"), _q(1, "maelle", "liesl")]
    assert pronoun_turn("female", talk, spans, spans[2], gender) == "liesl"  # the one spoken to answers
    # a he skips the women of the exchange
    mixed = [_q(0, "pavo", "maelle"), _q(1, "maelle", "pavo")]
    assert pronoun_turn("male", mixed, spans, spans[2], gender) == "pavo"
    assert pronoun_turn("female", mixed, spans, spans[2], gender) == "maelle"
    # in the paragraph of the last quote, its speaker goes on
    same = (_span(0, 0), _span(1, 1), _span(2, 1))
    assert pronoun_turn("female", talk, same, same[2], gender) == "maelle"
    # nobody of the exchange fits: no guess
    assert pronoun_turn("male", talk, spans, spans[2], gender) is None
    # a narrator is never "she"
    assert pronoun_turn("female", talk, spans, spans[2], gender, frozenset({"liesl"})) == "maelle"


# ------------------------------------------------------------------ an inverted tag the parser reads as an object
from heartline.stages.speakers import inverted_tag_mention  # noqa: E402

# Invented: Liesl speaks to Maelle, and a third person breaks in with an inverted tag.
_BREAK_IN = """Liesl met Pavo and Maelle at the gate. Liesl tied her scarf. Maelle tied her boots.
Pavo rubbed his hands.

"You came back!" Liesl said to Maelle.

"Nobody asked you!" interrupted Pavo, harshly.
"""


def test_an_inverted_tag_read_as_an_object_still_names_the_speaker(run) -> None:
    r = run(_BREAK_IN)
    tokens = TokenIndex(r["document"])
    q0, q1 = r["quote_spans"]

    def tag(q):
        return [m for m in r["mentions"].items if m.quote is None and q.end < m.start < q.end + 40]

    found = inverted_tag_mention(tag(q1), r["coref"].links, tokens, q1.end)
    assert found is not None and r["coref"].links[found.index] == "pavo"
    # "Liesl said": the parser made her the subject already, nothing to mend
    assert inverted_tag_mention(tag(q0), r["coref"].links, tokens, q0.end) is None
    # the rules give the break-in to Pavo, not to Maelle whose turn it would be
    quotes = rule_speakers(r["document"], r["quote_spans"], r["mentions"], r["cast"], r["coref"])
    assert [q.speaker for q in quotes] == ["liesl", "pavo"]


def test_a_sentence_after_a_quote_is_its_tag_only_when_saying_is_its_main_verb(run) -> None:
    from heartline.stages.speaker_features import explicit_quotes

    # Invented: "That was all she said" is narration about the quote, not its tag; "She said it twice" is a tag
    r = run('Wren and Odile stood by the door.\n\n"Go home, Odile," Wren said.\n\n'
            '"I will not." That was all she said.\n\n"Go." She said it twice.\n')
    explicit = explicit_quotes(r["document"], r["quote_spans"], r["mentions"], r["coref"])
    assert 0 in explicit and 1 not in explicit and 2 in explicit


def test_speakers_picked_by_the_scorer_make_the_turns_the_addressees_follow(run) -> None:
    from heartline.stages.speakers import rule_speakers

    # Invented: whom Wren answers is whoever spoke before her, as the picked speakers have it
    r = run('Ivo and Petra sat by the fire with Wren.\n\n"Cold tonight."\n\n"It is," Wren said.\n')
    picked = rule_speakers(r["document"], r["quote_spans"], r["mentions"], r["cast"], r["coref"], {0: "petra"})
    assert [(q.speaker, q.addressee) for q in picked] == [("petra", "wren"), ("wren", "petra")]


# --------------------------------------------------------------------- one sentence split by its tag
def _spans_and_quotes(text: str, speakers: list[str]):
    from heartline.model import Quote, QuoteSpan

    spans, quotes, pos = [], [], 0
    for k, who in enumerate(speakers):
        start = text.index('"', pos) + 1
        end = text.index('"', start)
        pos = end + 1
        spans.append(QuoteSpan(index=k, start=start, end=end, scene=0, paragraph=text.count("\n\n", 0, start)))
        quotes.append(Quote(index=k, start=start, end=end, text=text[start:end], speaker=who, addressee=None,
                            scene=0))
    return tuple(spans), tuple(quotes)


@pytest.mark.parametrize("text,expected", [
    # '"A," he said, "b."': one sentence, one speaker
    ('"Yes," he said to Orla, "at once."', ["bram", "bram"]),
    # the tag ends its sentence: the second part may be another's (the scorer decides)
    ('"Yes," he said. "At once."', ["bram", "orla"]),
    # the first part ends its own sentence
    ('"Yes!" he said, "at once."', ["bram", "orla"]),
    # a new paragraph
    ('"Yes," he said,\n\n"at once."', ["bram", "orla"]),
], ids=["split", "tag-ends-sentence", "first-ends-sentence", "new-paragraph"])
def test_a_sentence_split_by_its_tag_is_one_speakers(text, expected) -> None:
    from heartline.stages.speakers import split_sentences

    spans, quotes = _spans_and_quotes(text, ["bram", "orla"])
    assert [q.speaker for q in split_sentences(text, spans, quotes)] == expected


def test_words_said_to_nobody_have_no_addressee(run) -> None:
    # Rex spoke last, so turn-taking would make him the one spoken to; the tag says no one is
    text = ('Mia and Bram sat on the wall. "Lovely evening," said Rex, and walked on to the mill.\n\n'
            '"I can\'t stand him," Bram said, to nobody. "I can\'t stand his hat either."\n\n'
            '"Nor I," said Mia.')
    got = credits(run, text)
    assert [(s, a) for _t, s, a in got[1:3]] == [("bram", None), ("bram", None)]
    results = run(text)
    assert [(e.experiencer, e.target) for e in results["evidence"] if e.kind == "dislike"][:1] == [("bram", "rex")]


# --------------------------------------------------------------------- spoken of, not spoken to
@pytest.mark.parametrize("line", [
    '"Tom Reed has been lying to you all winter," he said.',  # the look would give it to Tom
    '"I will not sit at a table with Tom Reed," he said.',
])
def test_one_spoken_of_in_the_third_person_is_not_the_one_looked_at(run, line) -> None:
    text = ("Ann Vale sat by the fire with Mia Kerr. Rob Fenner came in from the snow.\n\n"
            "Then he glanced at Tom Reed.\n\n" + line)
    got = credits(run, text)[-1]
    assert got[1] == "rob_fenner"
    assert got[2] not in ("tom_reed", "rob_fenner")


def test_the_turn_passes_over_the_one_spoken_of(run) -> None:
    # turn-taking gives Rob's answer to Ann, who asked, but it speaks of her
    text = ('Ann Vale, Mia Kerr and Rob Fenner sat by the fire.\n\n"Is the gate shut?" Ann Vale asked.\n\n'
            '"It is," Rob Fenner said.\n\n"Where is the key?"\n\n"Ann Vale has it."')
    got = credits(run, text)[-1]
    assert got[:2] == ("Ann Vale has it.", "rob_fenner")
    assert got[2] != "ann_vale"


def test_two_speakers_in_one_paragraph_speak_to_each_other(run) -> None:
    # Invented: a third person named in the paragraph was the addressee guessed for both ('scene')
    text = ('Quennel read out the forms under the arch and nobody fainted. Orla cried '
            'as soon as Bex reached the gate; when she said her part — "I choose you on every day there '
            'is" — her voice shook, and Bex laughed through his tears and said, "Every day, you hopeless gull," '
            'which Quennel had not written down.')
    got = credits(run, text)
    assert [(g[1], g[2]) for g in got] == [("orla", "bex"), ("bex", "orla")]
