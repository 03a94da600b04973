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


def test_past_romance_is_tagged_as_a_pairing_and_as_past() -> None:
    # AO3 keeps pre- and post-relationships as "/": an ended romance is tagged, not dropped
    tags = make_tags(CAST, (relation("zed", "ann", current=False),))
    assert tags.relationships == ("Ann/Zed",)
    assert "Past Ann/Zed" in tags.additional


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


def test_past_love_story_gives_a_past_tag(run) -> None:
    tags = run("Years ago Tom had liked Ann, but that was over.")["tags"]
    assert tags.relationships == ("Ann/Tom",)
    assert "Past Ann/Tom" in tags.additional


# --------------------------------------------------------------------- AO3 canonical forms
from heartline.model import ArcStep, Evidence  # noqa: E402
from heartline.namelist import CanonicalName, NameList  # noqa: E402
from heartline.stages.tags import family_name_first, sort_key, tag_name  # noqa: E402


def person(cid: str, name: str, aliases: tuple[str, ...] = (), centrality: float = 0.5,
           mentions: int = 10) -> Character:
    return Character(id=cid, name=name, aliases=(name,) + aliases, gender="unknown", mentions=mentions,
                     centrality=centrality)


def ev(src: str, tgt: str, scene: int, how: str = "narrated", kind: str = "romantic") -> Evidence:
    return Evidence(src, tgt, kind, how, 0, 1, "x", scene, "cue")


def test_names_sort_by_family_name_then_given_name() -> None:
    assert relationship_tag("Zoe Adams", "Amy Brown", True) == "Zoe Adams/Amy Brown"
    assert relationship_tag("Ben Stone", "Ann Stone", False) == "Ann Stone & Ben Stone"
    assert relationship_tag("Colonel Brandon", "Marianne Dashwood", True) == "Colonel Brandon/Marianne Dashwood"
    assert sort_key("Lady Ann Reed") == ("reed", "ann")  # titles do not sort
    assert sort_key("Tomás Ferreira") == ("ferreira", "tomas")


def test_single_names_sort_by_themselves() -> None:
    assert relationship_tag("Naru", "Hina", True) == "Hina/Naru"
    assert relationship_tag("Queen Odile", "Edda Corr", True) == "Edda Corr/Queen Odile"  # Corr < Odile


def test_family_name_first_names_keep_their_order_but_sort_by_family_name() -> None:
    # "Akiyama Rei" is family-name-first: family name Akiyama, so it comes before "Mori Ken"
    assert relationship_tag("Mori Ken", "Akiyama Rei", True, family_first={"Mori Ken", "Akiyama Rei"}) \
        == "Akiyama Rei/Mori Ken"
    # written given-name-first the same names would sort by Ken and Rei
    assert relationship_tag("Mori Ken", "Akiyama Rei", True) == "Mori Ken/Akiyama Rei"


def test_name_order_is_read_from_the_text() -> None:
    cast = (person("rei", "Akiyama Rei", ("Rei", "Rei-chan")),  # called by the last word: given name
            person("ken", "Mori Ken", ("Ken",)),
            person("yui", "Sato Yui"),  # no evidence: the story's majority says family-name-first
            person("tom", "Tom Reed", ("Mr. Reed", "Tom")))  # "Mr. Reed": Reed is the family name
    ff = family_name_first((c, c.name) for c in cast)
    assert ff == {"rei", "ken", "yui"}
    western = (person("ann", "Ann Bell", ("Ann",)), person("bo", "Bo Lake"), person("cy", "Cy Hart", ("Mr. Hart",)))
    assert family_name_first((c, c.name) for c in western) == set()


def test_a_clan_name_shared_and_always_first_is_a_family_name() -> None:
    cast = (person("a", "Kaze Aoi"), person("b", "Kaze Ren"), person("c", "Ann Bell", ("Ann",)))
    assert {"a", "b"} <= family_name_first((c, c.name) for c in cast)


def test_family_name_first_pair_in_tags() -> None:
    cast = (person("ken", "Mori Ken", ("Ken",), 1.0), person("rei", "Akiyama Rei", ("Rei",), 0.9))
    tags = make_tags(cast, (relation("ken", "rei"), relation("rei", "ken")))
    assert tags.relationships == ("Akiyama Rei/Mori Ken",)


def test_tag_names_are_the_fullest_personal_name() -> None:
    assert tag_name(person("q", "Queen", ("Queen Odile",))) == "Queen Odile"  # a single name keeps its title
    assert tag_name(person("s", "Lady Sera", ("Sera", "Lady Sera Vayne"))) == "Sera Vayne"
    assert tag_name(person("t", "Tom", ("the tall boy", "Tom-kun", "Tom Reed"))) == "Tom Reed"
    assert tag_name(person("h", "pinsandneedles")) == "pinsandneedles"  # a handle stays a handle
    # a name the user's name list gives is used as written
    canon = person("k", "Ken", ("Mori Ken",))
    assert tag_name(canon, frozenset({"Ken"})) == "Ken"


def test_names_option_changes_the_names_used() -> None:
    cast = (person("ken", "Ken", ("Mori Ken",), 1.0), person("rei", "Rei", (), 0.9))
    names = NameList((CanonicalName("Ken"),))
    assert make_tags(cast, (relation("ken", "rei"),), names).relationships == ("Ken/Rei",)
    assert make_tags(cast, (relation("ken", "rei"),)).relationships == ("Mori Ken/Rei",)


def test_one_sided_pairing_is_tagged_with_one_sided_and_unrequited() -> None:
    cast = (person("a", "Ann Bell", centrality=1.0), person("t", "Tom Reed", centrality=0.8))
    tags = make_tags(cast, (relation("a", "t"), relation("t", "a", "affection")))
    assert tags.relationships == ("Ann Bell/Tom Reed",)
    assert tags.additional == ("One-sided Ann Bell/Tom Reed", "Unrequited Love")


def test_minor_pairing_is_a_background_one() -> None:
    cast = (person("lead", "Lee Ash", centrality=1.0), person("a", "Ann Bell", centrality=0.1),
            person("t", "Tom Reed", centrality=0.05))
    tags = make_tags(cast, (relation("a", "t"), relation("t", "a")))
    assert tags.relationships == ("Ann Bell/Tom Reed",)
    assert "Minor Ann Bell/Tom Reed" in tags.additional


def test_past_pairing_from_an_arc_that_ended() -> None:
    cast = (person("a", "Ann Bell", centrality=1.0), person("t", "Tom Reed", centrality=0.8))
    ended = Relation("a", "t", "hatred", "narrated", True, 0.8,
                     (ArcStep(0, "romantic", "narrated", past=True), ArcStep(2, "hatred", "narrated")), ())
    tags = make_tags(cast, (ended,))
    assert tags.relationships == ("Ann Bell/Tom Reed",) and tags.additional == ("Past Ann Bell/Tom Reed",)


def test_implied_pairing() -> None:
    cast = (person("a", "Ann Bell", centrality=1.0), person("t", "Tom Reed", centrality=0.8))
    hint = Relation("a", "t", "romantic", "implied", True, 0.5, (), (ev("a", "t", 0, "implied"),))
    assert "Implied Ann Bell/Tom Reed" in make_tags(cast, (hint,)).additional
    said = Relation("a", "t", "romantic", "stated", True, 0.5, (), (ev("a", "t", 0, "stated"),))
    assert not any(t.startswith("Implied") for t in make_tags(cast, (said,)).additional)


def test_arc_tags() -> None:
    cast = (person("a", "Ann Bell", centrality=1.0), person("t", "Tom Reed", centrality=0.8))
    friends = Relation("a", "t", "romantic", "stated", True, 0.9,
                       (ArcStep(0, "affection", "narrated"), ArcStep(3, "romantic", "stated")), ())
    enemies = Relation("t", "a", "romantic", "denied", True, 0.9,
                       (ArcStep(0, "hatred", "narrated"), ArcStep(2, "romantic", "denied")), ())
    tags = make_tags(cast, (friends, enemies))
    assert {"Denial", "Friends to Lovers", "Enemies to Lovers"} <= set(tags.additional)
    pining = (Relation("a", "t", "romantic", "stated", True, 0.9, (),
                       (ev("a", "t", 0), ev("a", "t", 2, "stated"))),
              Relation("t", "a", "romantic", "stated", True, 0.9, (),
                       (ev("t", "a", 1, "implied"), ev("t", "a", 2, "stated"))))
    assert "Mutual Pining" in make_tags(cast, pining).additional
    told_at_once = (Relation("a", "t", "romantic", "stated", True, 0.9, (), (ev("a", "t", 0, "stated"),)),
                    Relation("t", "a", "romantic", "stated", True, 0.9, (), (ev("t", "a", 0, "stated"),)))
    assert "Mutual Pining" not in make_tags(cast, told_at_once).additional
