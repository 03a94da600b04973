"""Issue 15: minor people the cast used to lose (a dialogue tag the parser misreads, a name
introduced in lower case, a screenplay cue with an extension, "the Alchemist" as the text
calls them, "A-Qiu", a ship in italics).  Every name here is invented."""
from __future__ import annotations

from heartline.api import analyze_story
from heartline.formats.text import story_from_text
from heartline.stages.mentions import introduced_names
from heartline.stages.people import article_forms
from heartline.stages.truecase import name_words


def _analysis(text: str, source: str = "story.txt"):
    return analyze_story(story_from_text(text, source=source))


def _names(text: str, source: str = "story.txt") -> dict[str, tuple[str, ...]]:
    return {c.name: c.aliases for c in _analysis(text, source).characters}


def test_a_name_between_a_closing_quote_and_a_speech_verb_is_the_speaker(run) -> None:
    from heartline.stages.characters import _dialogue_tag, _score_names
    from heartline.tokens import TokenIndex

    def tag(text: str, name: str) -> bool:
        results = run(text)
        m = next(m for m in results["mentions"].items if m.text == name)
        doc = results["document"]
        return _dialogue_tag(m, TokenIndex(doc).head_of(m), doc.tokens, doc.story.text)

    text = ("The tavern was full. Bertrand wiped the counter and Bertrand frowned.\n\n"
            "“Do you hate him?” Wenlisse asked, leaning on the bar.\n\nBertrand shrugged.\n")
    assert tag(text, "Wenlisse")
    results = run(text)
    assert _score_names(results["document"], results["mentions"], results["quote_spans"])["wenlisse"].person >= 1.5
    assert not tag("“Do you hate him?” Wenlisse walked to the bar.\n", "Wenlisse")  # no speech verb
    assert not tag("The tavern was full. Wenlisse asked for ale.\n", "Wenlisse")  # no quote before it


def test_a_word_introduced_as_a_name_is_one_in_lower_case() -> None:
    text = "a girl named quillane came by. her name is tovrin. a dog called rex. his name is bob"
    assert introduced_names(text) == {"quillane", "tovrin"}  # "rex" and "bob" are English words


def test_a_chat_line_names_someone_it_introduces_in_lower_case() -> None:
    chat = ("[20:01] kit.o: guess who has a girlfriend\n"
            "[20:01] bea_b: who\n"
            "[20:02] kit.o: her name is quillane. she is coming saturday\n"
            "[20:02] bea_b: omg\n"
            "[20:03] kit.o: quillane made us soup and i love her\n"
            "[20:04] bea_b: tell quillane i said hi\n")
    names = {a.lower() for c in _analysis(chat, "chat.txt").characters for a in c.aliases}
    assert "quillane" in names


def test_a_lower_case_story_capitalises_a_name_it_introduces_once() -> None:
    class Tok:
        def __init__(self, text: str) -> None:
            self.text, self.lemma, self.pos, self.dep = text, text, "NOUN", "dobj"

    said_once = "she married a woman named quillane".split()
    assert "quillane" in name_words([Tok(w) for w in said_once])
    assert "quillane" not in name_words([Tok(w) for w in "she married a woman , quillane".split()])


def test_a_screenplay_cue_with_an_extension_is_the_speaker() -> None:
    script = "\n\n".join(
        f"                    {who}\n          {line}" for who, line in [
            ("YSOLT", "Are you there?"), ("BRANNE (V.O.)", "Always."), ("YSOLT", "Come home."),
            ("BRANNE (V.O.)", "I can't."), ("YSOLT", "Then I'll come to you."),
            ("BRANNE (CONT'D)", "Don't."), ("YSOLT", "Too late."), ("BRANNE (O.S.)", "Ysolt!"),
            ("YSOLT", "Here.")]) + "\n"
    analysis = _analysis("INT. KITCHEN - NIGHT\n\n" + script)
    speakers = {q.speaker for q in analysis.quotes if q.kind == "line"}
    assert {s.lower() for s in speakers if s} >= {"ysolt", "branne"}
    assert "BRANNE" in {c.name.upper() for c in analysis.characters}


def test_the_article_form_of_a_one_word_name_is_an_alias() -> None:
    class M:
        def __init__(self, start: int, text: str, kind: str = "name", title: str = "") -> None:
            self.start, self.end, self.text, self.kind, self.title = start, start + len(text), text, kind, title
            self.honorific, self.key = "", text.lower()

    text = "Then the Alchemist laughed. The late Alchemist? No: old Quarrie and Mrs Quarrie. The Alchemist"
    ms = [M(text.index("Alchemist"), "Alchemist"), M(text.index("Quarrie"), "Quarrie"),
          M(text.index("Quarrie", text.index("Mrs")) , "Quarrie", title="mrs"),
          M(text.rindex("Alchemist"), "Alchemist")]
    forms = article_forms(ms, text)
    assert forms == {"the Alchemist": 1, "old Quarrie": 1}  # "The Alchemist" opens a sentence: no article form


def test_a_person_known_by_an_epithet_keeps_the_form_the_text_uses() -> None:
    text = ("The Alchemist laughed over the harbour. Everyone feared the Alchemist.\n\n"
            "Corwenna Thale watched the Alchemist from the roof. “You will not win,” Corwenna said.\n\n"
            "The Alchemist smiled at her. Corwenna hated the Alchemist.\n")
    aliases = {a for al in _names(text).values() for a in al}
    assert "the Alchemist" in aliases


def test_a_chinese_intimate_prefix_is_part_of_the_name() -> None:
    text = ('"A-Qiu," said Wei Shuren, "come here." A-Qiu ran to him. Wei Shuren lifted A-Qiu up.\n\n'
            "A-Qiu laughed.\n")
    aliases = {a for al in _names(text).values() for a in al}
    assert "A-Qiu" in aliases and "Qiu" not in aliases


def test_a_name_in_italics_after_the_is_a_thing() -> None:
    text = ("Maelis Corran stood on the quay. The *Kittiwake* sailed at dawn. Maelis watched the "
            "*Kittiwake* go.\n\nThe *Kittiwake* was Hobart's boat. Hobart waved. Maelis waved back.\n")
    names = set(_names(text))
    assert "Kittiwake" not in names and "Hobart" in names


def test_the_late_before_a_name_votes_for_a_person(run) -> None:
    from heartline.stages.characters import _score_names

    def person(text: str, key: str) -> float:
        results = run(text)
        return _score_names(results["document"], results["mentions"], results["quote_spans"])[key].person

    late = person("Tamsworth read out the will of the late Wilmot Quarle twice.\n", "wilmot quarle")
    plain = person("Tamsworth read out the will of Wilmot Quarle twice.\n", "wilmot quarle")
    assert late >= plain + 1.5


def test_a_titled_surname_joins_the_one_full_name_the_text_titles_alike(run) -> None:
    text = ("Mr. Wilmot Quarle signed the deed. Corin Quarle watched from the window, and Corin said nothing.\n\n"
            "Mr. Quarle put down the pen. Corin left.\n")
    cast = {c.name: set(c.aliases) for c in run(text)["cast"].characters}
    holder = next(n for n, al in cast.items() if "Mr. Wilmot Quarle" in al)
    assert "Mr. Quarle" in cast[holder]
