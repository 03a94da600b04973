"""Stage ``tags``: archive-style relationship and character tags."""
from __future__ import annotations

from heartline.model import Character, Relation
from heartline.stages.tags import make_tags, relationship_tag


def char(cid: str, name: str, centrality: float = 0.0) -> Character:
    return Character(id=cid, name=name, aliases=(name,), gender="unknown", mentions=1,
                     centrality=centrality)


def relation(src: str, tgt: str, kind: str = "romantic", current: bool = True,
             confidence: float = 0.8) -> Relation:
    return Relation(source=src, target=tgt, kind=kind, how="narrated", current=current,
                    confidence=confidence, arc=(), evidence=())


CAST = (char("zed", "Zed"), char("ann", "Ann"), char("bo", "bo"))


def test_relationship_tag_format_and_order() -> None:
    assert relationship_tag("Zed", "Ann", True) == "Ann/Zed"
    assert relationship_tag("Zed", "Ann", False) == "Ann & Zed"
    assert relationship_tag("bo", "Ann", True) == "Ann/bo"  # case does not decide the order
    assert relationship_tag("Ann", "bo", True) == "Ann/bo"


def test_mutual_romance_is_one_tag() -> None:
    tags = make_tags(CAST, (relation("zed", "ann"), relation("ann", "zed")))
    assert tags.relationships == ("Ann/Zed",)


def test_one_sided_romance_is_tagged() -> None:
    assert make_tags(CAST, (relation("zed", "ann"),)).relationships == ("Ann/Zed",)


def test_strong_affection_is_a_platonic_tag() -> None:
    tags = make_tags(CAST, (relation("zed", "ann", "affection", confidence=0.6),))
    assert tags.relationships == ("Ann & Zed",)


def test_weak_affection_is_not_tagged() -> None:
    assert make_tags(CAST, (relation("zed", "ann", "affection", confidence=0.3),)).relationships == ()


def test_romance_and_affection_on_one_pair_give_only_the_romantic_tag() -> None:
    rels = (relation("zed", "ann", "affection"), relation("ann", "zed", "romantic"))
    assert make_tags(CAST, rels).relationships == ("Ann/Zed",)


def test_past_romance_is_not_a_pairing() -> None:
    assert make_tags(CAST, (relation("zed", "ann", current=False),)).relationships == ()


def test_hostility_is_not_a_pairing() -> None:
    rels = (relation("zed", "ann", "hatred"), relation("ann", "zed", "dislike"))
    assert make_tags(CAST, rels).relationships == ()


def test_relation_to_an_unknown_character_is_ignored() -> None:
    assert make_tags(CAST, (relation("zed", "ghost"),)).relationships == ()


def test_romantic_tags_come_before_platonic_ones() -> None:
    rels = (relation("ann", "bo", "affection"), relation("zed", "ann"))
    assert make_tags(CAST, rels).relationships == ("Ann/Zed", "Ann & bo")


def test_character_tags_are_people_in_relations_or_central() -> None:
    cast = (char("zed", "Zed", 1.0), char("ann", "Ann", 0.1), char("bo", "bo", 0.05),
            char("cy", "Cy", 0.1))
    tags = make_tags(cast, (relation("bo", "ann", "dislike"),))
    assert tags.characters == ("Zed", "Ann", "bo")


def test_at_most_twelve_character_tags() -> None:
    cast = tuple(char(f"c{i}", f"C{i}", 1.0) for i in range(20))
    assert len(make_tags(cast, ()).characters) == 12


# --------------------------------------------------------------------- stories
def test_mutual_love_story_gives_one_alphabetical_tag(run) -> None:
    assert run("Zed loved Ann. Ann loved Zed.")["tags"].relationships == ("Ann/Zed",)


def test_mutual_care_story_gives_an_ampersand_tag(run) -> None:
    assert run("Mia cared about Tom. Tom cared about Mia.")["tags"].relationships == ("Mia & Tom",)


def test_past_love_story_gives_no_tag(run) -> None:
    assert run("Years ago Tom had liked Ann, but that was over.")["tags"].relationships == ()
