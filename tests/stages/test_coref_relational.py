"""Relational nouns resolved in coreference ("your mother", "his sister Ann"), on invented fixtures."""
from __future__ import annotations

SURNAME = (
    "Cedric Quarrie came home on the late train. Mrs Quarrie was waiting at the gate, and she "
    "took his bag without a word. Wenna Flagg met him later by the mill.\n\n"
    "\"Your mother looks tired, Cedric,\" Wenna said to him. \"You should stay a while.\"\n\n"
    "Cedric Quarrie nodded. Wenna Flagg walked him back up the lane."
)

APPOSITIVE = (
    "Dobbyn Drury sat by the fire. Dobbyn Drury had a cousin, Corliss Merrow, who never wrote.\n\n"
    "He thought of his cousin Corliss all evening. Corliss Merrow did not come."
)

KIN_NAME = (
    "Cedric Fitch went for a soldier in the spring, and Wenna Kestle wrote to him.\n\n"
    "Bracken Hill, 3rd May\n\n"
    "Dear Cedric,\n\n"
    "Father says nothing, but he mended your old kite and hung it in the barn. "
    "Father misses you, I think. Orla Trethow asked after you at church, and Orla laughed when I "
    "told her you had gone for a soldier.\n\n"
    "Your friend,\nWenna\n\n"
    "* * *\n\n"
    "Camp Ash, 20th May\n\n"
    "Dear Wenna,\n\n"
    "Tell your father thank you for the kite. I know what that means, from him. "
    "Tell Orla Trethow I am a very fine soldier.\n\n"
    "Yours,\nCedric\n\n"
    "* * *\n\n"
    "Bracken Hill, 9th June\n\n"
    "Dear Cedric,\n\n"
    "Father read your letter twice. Orla says hello.\n\n"
    "Your friend,\nWenna\n"
)


def test_your_mother_is_the_one_woman_of_the_owners_surname(run, mention, who):
    r = run(SURNAME)
    tobin, mrs = who(r, "Cedric Quarrie"), who(r, "Mrs Quarrie")
    assert tobin and mrs
    m = next(x for x in r["mentions"].items if x.kind == "relational" and x.text == "Your mother")
    assert r["links"].links.get(m.index) == mrs


def test_a_name_right_after_the_noun_is_the_referent(run, who):
    r = run(APPOSITIVE)
    pell = who(r, "Corliss Merrow")
    m = next(x for x in r["mentions"].items if x.kind == "relational" and x.text.endswith("cousin"))
    assert r["links"].links.get(m.index) == pell


def test_your_father_is_whom_the_owner_calls_father(run, who):
    r = run(KIN_NAME)
    father = who(r, "Father")
    assert father
    m = next(x for x in r["mentions"].items if x.kind == "relational" and x.text == "your father")
    assert r["links"].links.get(m.index) == father


def test_an_unnamed_relative_stays_unresolved(run, who):
    # no other Brisk, no kin name, no name after it: the woman nearby is no guess to make
    r = run("Ann Brisk sat with Bea Holm in the kitchen. Ann's mother had gone to town, and she "
            "would be late. Bea Holm laughed at that. Ann Brisk did not.")
    assert who(r, "Bea Holm")
    m = next(x for x in r["mentions"].items if x.kind == "relational" and x.text == "Ann's mother")
    assert m.index not in r["links"].links


def test_a_married_namesake_is_no_sister_and_a_man_called_after_it_no_sister(run, who):
    text = ("Wenna Quarrie kept the shop with Mrs Quarrie, who was seventy. Wenna Quarrie had a sister "
            "in the city.\n\n"
            "\"If you are teasing my sister, Mr. Drury,\" Wenna said, \"I will know.\"\n\n"
            "Dobbyn Drury laughed. Wenna Quarrie wrote to her sister that night.")
    r = run(text)
    assert who(r, "Mrs Quarrie") and who(r, "Dobbyn Drury")
    for m in r["mentions"].items:
        if m.kind == "relational" and m.head == "sister":
            assert m.index not in r["links"].links, m.text


def test_a_full_names_possessive_owns_the_noun(run, who):
    # "Walter Quarrie's sister": the noun opens at the family name inside the full name; the one
    # other woman Quarrie is the sister
    text = ("Walter Quarrie kept the ferry with Harriet Quarrie. Harriet Quarrie kept the books, and she "
            "kept them well. Walter Quarrie was proud of her; he said so often. "
            "Mildred Flagg came down to the slip every morning.\n\n"
            "Mildred Flagg had always liked Walter Quarrie's sister better than the ferry. "
            "Harriet Quarrie waved, and Walter Quarrie rang the bell.")
    r = run(text)
    harriet = who(r, "Harriet Quarrie")
    assert harriet and who(r, "Walter Quarrie")
    m = next(x for x in r["mentions"].items if x.kind == "relational" and x.head == "sister")
    assert r["links"].links.get(m.index) == harriet


def test_the_family_member_may_be_one_of_unknown_gender_but_never_one_of_two() -> None:
    from heartline.stages.coref import _one_of_the_family
    gender = {"aldous_trevithick": "male", "isolde_trevithick": "unknown", "rook_trevithick": "female"}
    # "your mother": the one Trevithick who could be a woman and is not the owner
    assert _one_of_the_family(["isolde_trevithick"], "female", gender) == "isolde_trevithick"
    assert _one_of_the_family(["aldous_trevithick", "isolde_trevithick"], "female", gender) == "isolde_trevithick"
    # "your father": a known man and one of no known gender could both be him
    assert _one_of_the_family(["aldous_trevithick", "isolde_trevithick"], "male", gender) is None
    assert _one_of_the_family(["rook_trevithick", "isolde_trevithick"], "female", gender) is None
    assert _one_of_the_family(["aldous_trevithick", "rook_trevithick"], "male", gender) == "aldous_trevithick"


# The mother is named once, in a letter's words; the story never shows her gender by a pronoun.
UNSEEN_MOTHER = (
    "Wilmet Trevithick came to the workshop with a letter that said only: *This is Isolde Trevithick's girl.*\n\n"
    "Master Bastian Oddfellow read it twice and set it down.\n\n"
    "\"Your mother mended my best lute when I was young,\" Bastian Oddfellow told Wilmet. \"Sit down.\"\n\n"
    "Wilmet Trevithick sat down."
)


def test_your_mother_may_be_the_one_of_the_surname_whose_gender_is_unseen(run, who):
    r = run(UNSEEN_MOTHER)
    isolde = who(r, "Isolde Trevithick")
    m = next((x for x in r["mentions"].items if x.kind == "relational" and x.text == "Your mother"), None)
    assert isolde and m is not None
    assert r["links"].links.get(m.index) == isolde
