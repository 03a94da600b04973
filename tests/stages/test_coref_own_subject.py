"""``coref._OWN_SUBJECT_AGREES``: a subject or possessive he/she whose own sentence already made
someone of unknown gender its subject counts that person's gender as agreeing, so a man of
known gender (a title) a sentence back does not take it on his gender alone."""
from __future__ import annotations

from heartline.model import Mention
from heartline.stages import coref
from heartline.stages.coref import _named_here

TEXT = ("Kestrin and Ilsabet waited on the harbour steps. Mr. Pardew counted the crates in a loud, slow voice. "
        'Kestrin laughed the moment Ilsabet dropped her hat; when he read his list — "Three barrels of '
        'salt" — the gulls rose.')  # two pronouns only: too few for Kestrin's gender to be learnt


def _he_with(agrees: bool, run, resolves_to, monkeypatch, surface: str = "he") -> str | None:
    monkeypatch.setattr(coref, "_OWN_SUBJECT_AGREES", agrees)
    monkeypatch.setenv("HEARTLINE_TEST_OWN_SUBJECT", str(agrees))  # the test cache keys on HEARTLINE_*
    return resolves_to(run(TEXT), surface)


def test_the_sentences_own_subject_of_unknown_gender_takes_its_he(run, resolves_to, who, monkeypatch) -> None:
    kestrin = who(run(TEXT), "Kestrin")
    assert kestrin is not None
    assert _he_with(True, run, resolves_to, monkeypatch) == kestrin


def test_without_it_the_titled_man_takes_it(run, resolves_to, monkeypatch) -> None:
    assert _he_with(False, run, resolves_to, monkeypatch) == "mr_pardew"



def _m(index: int, start: int, kind: str, key: str, gender: str = "") -> Mention:
    return Mention(index=index, start=start, end=start + 3, text=key, kind=kind, sentence=4, quote=None,
                   key=key, gender=gender)


def test_named_here_wants_the_subject_named_and_never_called_by_the_other_gender() -> None:
    he = _m(9, 50, "pronoun", "he", "male")
    # "Kestrin wept ...; when he spoke": named before the pronoun
    assert _named_here("kestrin", he, [_m(1, 0, "name", "kestrin")], {1: "kestrin"})
    # "She had poached his supplier; he ...": called "she" only, never named
    assert not _named_here("kestrin", he, [_m(1, 0, "pronoun", "she", "female")], {1: "kestrin"})
    # named, but also called "she" in the sentence
    assert not _named_here("kestrin", he, [_m(1, 0, "name", "kestrin"), _m(2, 20, "pronoun", "she", "female")],
                           {1: "kestrin", 2: "kestrin"})
    # named only after the pronoun, or in another sentence
    assert not _named_here("kestrin", he, [_m(1, 60, "name", "kestrin")], {1: "kestrin"})
    other = Mention(index=1, start=0, end=3, text="Kestrin", kind="name", sentence=3, quote=None, key="kestrin")
    assert not _named_here("kestrin", he, [other], {1: "kestrin"})
