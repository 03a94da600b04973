"""Name resolution: every alias, case-insensitively, honorifics, word order, titles."""
from __future__ import annotations

import pytest

from askdata import tiny_analysis
from heartline.ask.names import AmbiguousName, NameIndex, UnknownName, normalise


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex(tiny_analysis()["characters"])


@pytest.mark.parametrize("typed, char_id", [
    ("Anna", "anna_bell"), ("anna bell", "anna_bell"), ("ANNA", "anna_bell"),
    ("Anna-chan", "anna_bell"), ("anna-san", "anna_bell"),  # honorifics, typed or not
    ("Bell Anna", "anna_bell"),  # family name first
    ("Bell", "anna_bell"),  # a surname alone
    ("Mr Alder", "mr_alder"), ("mr. alder", "mr_alder"), ("Alder", "mr_alder"),
    ("The tall man", "rex_stone"), ("tall man", "rex_stone"),  # epithets, with or without the article
    ("Captain Stone", "rex_stone"), ("Stone", "rex_stone"),
    ("Tom\u2019s", "tom_reed"),
])
def test_resolves_through_aliases(index, typed, char_id) -> None:
    assert index.resolve(typed).id == char_id


def test_a_title_two_people_hold_is_ambiguous(index) -> None:
    with pytest.raises(AmbiguousName) as exc:
        index.resolve("the captain")
    assert [m.id for m in exc.value.matches] == ["tom_reed", "rex_stone"]  # most mentioned first


def test_a_shared_surname_is_ambiguous(index) -> None:
    with pytest.raises(AmbiguousName) as exc:
        index.resolve("Reed")
    assert {m.id for m in exc.value.matches} == {"tom_reed", "cleo_reed"}


def test_unknown_names_get_the_nearest_candidates(index) -> None:
    with pytest.raises(UnknownName) as exc:
        index.resolve("Ana")
    assert exc.value.suggestions[0] == "Anna Bell"
    with pytest.raises(UnknownName) as exc:
        index.resolve("Zebediah")
    assert exc.value.suggestions == ()


def test_the_narrator_is_the_character_called_i() -> None:
    chars = tiny_analysis()["characters"] + [
        {"id": "edda", "name": "Edda", "aliases": ["Edda", "I"], "gender": "female", "mentions": 9,
         "centrality": 0.2}]
    assert NameIndex(chars).resolve("the narrator").id == "edda"


def test_normalise_drops_case_periods_possessive_and_articles() -> None:
    assert normalise("  The  Mr. Alder's ") == "mr alder"
