"""Stage ``evidence`` and ``feelings``: precision of issue 15, who feels it and whether it holds
(a pet name alone, a love said of the past, the subject of a cue said in a quote).  Invented names."""
from __future__ import annotations

INTRO = "Wenna Orley met Bram Haddow at the fair. "


def evidence(run, text: str, exp: str = "wenna_orley", tgt: str = "bram_haddow"):
    return [e for e in run(text)["evidence"] if (e.experiencer, e.target) == (exp, tgt)]


def relation(run, text: str, exp: str = "wenna_orley", tgt: str = "bram_haddow"):
    return [r for r in run(text)["rule_relations"] if (r.source, r.target) == (exp, tgt) and r.current]


def test_one_pet_name_alone_is_no_relation(run) -> None:
    once = INTRO + '"What\'s your name, sweetheart?" Wenna Orley asked Bram Haddow.'
    assert [e.cue for e in evidence(run, once)] == ["sweetheart"]
    assert relation(run, once) == []


def test_a_pet_name_that_recurs_is_a_relation(run) -> None:
    twice = INTRO + ('"Come here, sweetheart," Wenna Orley said to Bram Haddow.\n\n'
                     'He came. She kept hold of his sleeve.\n\n'
                     '"Sleep well, sweetheart," Wenna Orley told Bram Haddow.')
    assert [e.cue for e in evidence(run, twice)] == ["sweetheart", "sweetheart"]
    assert [r.kind for r in relation(run, twice)] == ["romantic"]


def test_a_love_said_with_did_is_of_the_past(run) -> None:
    found = evidence(run, INTRO + '"I did love you," Wenna Orley told Bram Haddow.')
    assert [(e.kind, e.past) for e in found] == [("romantic", True)]
    found = evidence(run, INTRO + '"I love you," Wenna Orley told Bram Haddow.')
    assert [(e.kind, e.past) for e in found] == [("romantic", False)]


CHAT = """who's who:
wen.o = Wenna Orley
bramble = Bram Haddow

[19:01] wen.o: who is coming to the fair
[19:02] bramble: me
[19:03] wen.o: I will hate bram for the rest of my days
"""


def test_a_time_stamp_is_not_the_subject_of_a_chat_line(run) -> None:
    found = evidence(run, CHAT)
    assert [(e.kind, e.how) for e in found] == [("hatred", "stated")]


FIRESIDE = "Simon Barlow and Nora Walsh sat by the fire. Greta Carr poured tea.\n\n"
SPLIT = FIRESIDE + '"Simon," said Greta Carr, "adores you, Nora."'


def test_a_cue_in_a_broken_quote_takes_its_subject_from_the_first_part(run) -> None:
    """The parser may hang the second part of a quote on the speech tag and give its verb the
    speaker for a subject; the subject is then the name the first part was, not the speaker."""
    from heartline.stages.evidence import _Reader, _spoken_subject

    r = run(SPLIT)
    reader = _Reader(r["document"], r["mentions"], dict(r["links"].links), r["speakers"], r["cast"])
    by_text = {t.text: t for t in r["document"].tokens}
    cue, tag_subject = by_text["adores"], [t for t in r["document"].tokens if t.text == "Greta"][-1]
    got = _spoken_subject(reader, cue, tag_subject)
    assert got is not None and reader.who[got.index] == "simon_barlow"
    said = [t for t in r["document"].tokens if t.text == "Nora"][-1]
    assert _spoken_subject(reader, cue, said) is said  # a subject inside the quote stands
    alone = run(FIRESIDE + '"Well," said Greta Carr, "adores you."')
    reader = _Reader(alone["document"], alone["mentions"], dict(alone["links"].links), alone["speakers"], alone["cast"])
    cue = next(t for t in alone["document"].tokens if t.text == "adores")
    tag_subject = [t for t in alone["document"].tokens if t.text == "Greta"][-1]
    assert _spoken_subject(reader, cue, tag_subject) is None  # "Well," names nobody


def test_of_two_subjects_the_verb_takes_the_nearest_before_it() -> None:
    """ "Greta kissed Nora, and Hal kissed Simon" misparsed with "Nora" and "Hal" both
    subjects of the second "kissed": Hal kissed Simon, not Nora."""
    from heartline.model import Cast, Document, Mentions, Story, Token
    from heartline.stages.evidence import _Reader

    words = [("Greta", "Greta", "PROPN", "amod", 2), ("kissed", "kiss", "VERB", "amod", 2),
             ("Nora", "Nora", "PROPN", "nsubj", 6), (",", ",", "PUNCT", "punct", 2),
             ("and", "and", "CCONJ", "cc", 2), ("Hal", "Hal", "PROPN", "nsubj", 6),
             ("kissed", "kiss", "VERB", "ROOT", 6), ("Simon", "Simon", "PROPN", "dobj", 6)]
    text, tokens = "", []
    for i, (word, lemma, pos, dep, head) in enumerate(words):
        start = len(text) + (0 if word == "," or not text else 1)
        text = text + ("" if word == "," or not text else " ") + word
        tokens.append(Token(i, start, start + len(word), word, lemma, pos, pos, dep, head, 0, ""))
    doc = Document(story=Story(source="<t>", text=text), scenes=(), tokens=tuple(tokens), sentences=(),
                   paragraphs=())
    reader = _Reader(doc, Mentions(()), {}, (), Cast((), {}))
    subject = reader.subject(tokens[6])
    assert subject is not None and subject.text == "Hal"


def test_a_trait_shown_about_a_thing_is_no_dislike(run) -> None:
    base = "Nora Walsh won the cup. Simon Barlow sat with her all evening. "
    plain = run(base + "Nora Walsh was insufferable.")["evidence"]
    about = run(base + "Nora Walsh was insufferable about it.")["evidence"]
    assert [(e.target, e.kind) for e in plain] == [("nora_walsh", "dislike")]
    assert about == ()

