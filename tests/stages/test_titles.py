"""Stage ``titles``: a title called out to someone names them."""
from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import pytest

from heartline.api import DEFAULT_STAGES, default_pipeline
from heartline.formats.text import story_from_text
from heartline.stages import titles


@cache
def _before_titles(text: str) -> Mapping[str, Any]:
    """The results of the stages that run before ``titles``."""
    names = DEFAULT_STAGES[:DEFAULT_STAGES.index("titles")]
    return default_pipeline(names).run(story=story_from_text(text, title="Test"))


_SHERIFF = ("Rob Fenner rode up to the hall at noon and knelt before Queen Alys.\n\n"
            '"Stand, my lord Sheriff, and be welcome," she said. He rose and kissed her hand.\n\n'
            '"You are kind, madam," said Rob Fenner.\n\n'
            '"You have ridden far today, Sheriff."')
_CHANCELLOR = ("Ann Vale came into the counting room with her ledgers. Tom Reed looked up from his desk.\n\n"
               '"Mistress Chancellor, there is chalk on your sleeve," he said.\n\n'
               "Ann Vale laughed and wiped it away.")


@pytest.mark.parametrize("text,person,title", [
    (_SHERIFF, "Rob Fenner", "Sheriff"),
    (_CHANCELLOR, "Ann Vale", "Mistress Chancellor"),
], ids=["my-lord-sheriff", "mistress-chancellor"])
def test_title_only_name_called_out_joins_the_person_it_is_said_to(run, text, person, title) -> None:
    cast = {c.name: c.aliases for c in run(text)["cast"].characters}
    assert title in cast[person]
    assert [name for name, aliases in cast.items() if title in aliases] == [person]


_NEW_CAPTAIN = ("Captain Reed had kept the watch for twenty years, and the captain was tired. "
                "Queen Alys sent him home to his orchards.\n\n"
                "That spring Tom Fenner came before Queen Alys in the great hall, and she gave him "
                "the silver whistle of the watch.\n\n"
                '"Take it, Captain of our Watch," she said.\n\n'
                "He bowed. That night the captain walked the walls alone.\n\n"
                "By summer everyone called him Captain Fenner.")


def test_bare_title_called_out_to_someone_never_named_with_it_stays_put(run, mention) -> None:
    text = _NEW_CAPTAIN.replace("\n\nBy summer everyone called him Captain Fenner.", "")
    result = run(text)
    assert result["cast"].name_links.get(mention(result, "Captain").index) != "tom_fenner"


def test_bare_title_called_out_names_the_one_addressed(run, mention) -> None:
    result = run(_NEW_CAPTAIN)
    assert result["cast"].name_links[mention(result, "Captain").index] == "tom_fenner"


def test_a_title_called_out_is_among_the_new_holders_names(run) -> None:
    aliases = {c.id: c.aliases for c in run(_NEW_CAPTAIN)["cast"].characters}
    assert "Captain" in aliases["tom_fenner"]


def test_office_passes_to_the_one_a_bare_title_is_called_out_to(run, resolves_to) -> None:
    result = run(_NEW_CAPTAIN)
    assert resolves_to(result, "the captain", 0) == "captain_reed"  # before the handover
    assert resolves_to(result, "the captain", 1) == "tom_fenner"


def test_story_without_title_only_names_keeps_its_cast_and_reads_no_speakers() -> None:
    results = _before_titles('"Tom, wait!" Mia shouted. Tom stopped at the gate and looked back at Mia.')
    assert results["probe_cast"] is None and results["probe_coref"] is None and results["probe_speakers"] is None
    cast = results["narrated_cast"]
    assert titles.bind_titles(results["document"], results["quote_spans"], results["mentions"], cast, None) is cast
