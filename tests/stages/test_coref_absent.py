"""``coref.absent_topic``: a he/she in talk whose window holds only the speaker and the one spoken
to goes to the latest person of its known gender the scene's narration made a subject."""
from __future__ import annotations

from heartline.stages import coref
from heartline.stages.coref import absent_topic

GENDERS = {"ivo": "male", "brannick": "male", "kestle": "male", "mara": "female", "sefa": "female", "dana": "unknown"}


def test_the_latest_subject_of_the_scene_of_the_pronouns_gender() -> None:
    topics = [("brannick", 0, 1), ("ivo", 1, 3), ("mara", 1, 4), ("kestle", 1, 5)]
    # Kestle speaks; Ivo, the scene's earlier subject, is talked about
    assert absent_topic(topics, 1, 6, {"kestle", "mara"}, GENDERS, "male") == "ivo"
    assert absent_topic(topics, 1, 6, {"mara"}, GENDERS, "male") == "kestle"
    assert absent_topic(topics, 1, 6, {"kestle"}, GENDERS, "female") == "mara"


def test_nobody_from_an_earlier_scene_nor_of_unknown_gender() -> None:
    topics = [("brannick", 0, 1), ("dana", 1, 2), ("mara", 1, 3)]
    # Brannick's scene is over, and Dana's gender is not known to be the pronoun's
    assert absent_topic(topics, 1, 6, {"mara"}, GENDERS, "male") is None
    assert absent_topic(topics, 1, 6, set(), GENDERS, "") is None  # a pronoun of no gender (they) takes no one
    assert absent_topic([], 0, 6, set(), GENDERS, "male") is None


def test_nobody_named_as_subject_too_long_ago() -> None:
    topics = [("ivo", 0, 3), ("mara", 0, 20)]
    assert absent_topic(topics, 0, 3 + coref._ABSENT_SENTENCES, {"mara"}, GENDERS, "male") == "ivo"
    assert absent_topic(topics, 0, 4 + coref._ABSENT_SENTENCES, {"mara"}, GENDERS, "male") is None


STORY = ("Ivo Brannick's letter came on a grey Monday. He wrote that the orchard was sold. "
         "He asked after his bees, and he signed it with his full name. "
         "Sefa took the letter up to Mara Kestle. She found her in the scullery, scrubbing pans. "
         "Mara set her brush down. Sefa waited by her door. Mara dried her hands on her apron. "
         "Sefa gave her the letter and she read it twice.\n\n"
         "\u201cHe never once wrote to me,\u201d Mara said. \u201cNot in ten years.\u201d\n\n"
         "\u201cMara,\u201d Sefa said gently.\n\n"
         "\u201cSefa, I mended his nets for ten winters and I still miss him.\u201d")


def _his(run, resolves_to, monkeypatch, on: bool) -> str | None:
    monkeypatch.setattr(coref, "_ABSENT_TOPIC", on)
    monkeypatch.setenv("HEARTLINE_TEST_ABSENT_TOPIC", str(on))  # the test cache keys on HEARTLINE_*
    return resolves_to(run(STORY), "him")


def test_talk_about_the_absent_man_reaches_him(run, resolves_to, monkeypatch) -> None:
    ivo = resolves_to(run(STORY), "Ivo Brannick")
    assert ivo is not None
    assert _his(run, resolves_to, monkeypatch, True) == ivo
    assert _his(run, resolves_to, monkeypatch, False) != ivo
