"""Issue 15, the lowest-scoring stories by their general causes: a romance only denied, another's
word passed on, "never stopped", literal kin nouns, past and current pieces of one cue, and a
claim against the experiencer's own words.  Invented names and sentences."""
from __future__ import annotations

from types import SimpleNamespace

from heartline.model import Evidence
from heartline.stages.feelings import aggregate_feelings

INTRO = "Ysolde Fenwick met Dario Prewitt and Odo Marsh at the fair. "
PAIR = ("ysolde_fenwick", "dario_prewitt")


def pair_evidence(run, text: str, pair: tuple[str, str] = PAIR) -> list[Evidence]:
    return [e for e in run(text)["evidence"] if (e.experiencer, e.target) == pair]


def pair_relation(run, text: str, pair: tuple[str, str] = PAIR):
    found = [r for r in run(text)["rule_relations"] if (r.source, r.target) == pair]
    return found[0] if found else None


# --- a romance its owner only denies (feelings._protested) -------------------------------

def test_a_love_only_denied_is_a_denied_romance(run) -> None:
    r = pair_relation(run, INTRO + '"I don\'t love you, Dario," Ysolde said.')
    assert r is not None and (r.kind, r.how, r.current) == ("romantic", "denied", True)


def test_love_denied_as_ended_is_no_protest(run) -> None:
    r = pair_relation(run, INTRO + '"I don\'t love you anymore, Dario," Ysolde said.')
    assert r is None or not r.current


def test_one_weak_denial_alone_is_not_enough(run) -> None:
    # "like" weighs 0.7: one "I don't like you" stays under a short story's threshold
    assert pair_relation(run, INTRO + '"I don\'t like you, Dario," Ysolde said.') is None


def test_a_denial_answering_a_refuted_rumour_is_believed(run) -> None:
    text = INTRO + ('"People say Ysolde Fenwick loves Dario Prewitt," said Odo Marsh.\n\n'
                    '"I do not love Dario Prewitt," said Ysolde Fenwick.')
    r = pair_relation(run, text)
    assert r is None or not r.current


# --- another's word passed on (evidence._relayed) ----------------------------------------

def test_a_claim_passed_on_weighs_less(run) -> None:
    relayed = pair_evidence(run, INTRO + '"Odo told me you\'re dating Dario Prewitt," Wenna Halt said to Ysolde.')
    direct = pair_evidence(run, INTRO + '"You\'re dating Dario Prewitt," Wenna Halt said to Ysolde.')
    assert [e.how for e in relayed] == ["claimed"] and [e.how for e in direct] == ["claimed"]
    assert relayed[0].weight <= 0.3 * direct[0].weight + 1e-9


def test_a_claim_passed_on_in_narration_is_claimed_and_makes_no_relation(run) -> None:
    text = INTRO + "Later, Odo Marsh said that Ysolde Fenwick loved Dario Prewitt."
    assert [e.how for e in pair_evidence(run, text)] == ["claimed"]
    assert pair_relation(run, text) is None


def test_the_experiencers_own_word_reported_is_not_passed_on(run) -> None:
    text = INTRO + "Later, Ysolde Fenwick said that she loved Dario Prewitt."
    assert [(e.how, e.weight) for e in pair_evidence(run, text)] == [("narrated", 1.0)]


# --- "never stopped" / "stopped" ------------------------------------------------------------

def test_never_stopped_adoring_goes_on(run) -> None:
    [e] = pair_evidence(run, INTRO + "Ysolde Fenwick never stopped adoring Dario Prewitt.")
    assert (e.kind, e.negated, e.past) == ("romantic", False, False)


def test_stopped_hating_has_ended(run) -> None:
    [e] = pair_evidence(run, INTRO + "Ysolde Fenwick stopped hating Dario Prewitt after the war.")
    assert (e.kind, e.negated, e.past) == ("hatred", False, True)


# --- kin nouns predicated ------------------------------------------------------------------

def test_a_literal_kin_noun_is_no_feeling(run) -> None:
    assert pair_evidence(run, INTRO + "Ysolde Fenwick is Odo Marsh's daughter.",
                         ("odo_marsh", "ysolde_fenwick")) == []


def test_my_sister_said_of_someone_stays_fondness(run) -> None:
    found = pair_evidence(run, INTRO + '"Ysolde Fenwick is my sister," Odo said to Dario.',
                          ("odo_marsh", "ysolde_fenwick"))
    assert [(e.kind, e.how) for e in found] == [("affection", "stated")]


# --- aggregation over invented evidence ------------------------------------------------------

def _doc(words: int = 2000):
    return SimpleNamespace(story=SimpleNamespace(words=words))


def _ev(start: int, kind: str, how: str, cue: str, weight: float, past: bool = False) -> Evidence:
    return Evidence(experiencer="ysolde", target="dario", kind=kind, how=how, start=start, end=start + 10,
                    text="...", scene=0, cue=cue, past=past, weight=weight)


def test_a_past_piece_does_not_make_a_current_one_a_repeat() -> None:
    # "I liked him first" (past), then "I've liked him since May" (current): 0.7 x 1.3 counts whole
    evidence = (_ev(10, "romantic", "stated", "liked", 0.7, past=True), _ev(50, "romantic", "stated", "liked", 0.7))
    [r] = aggregate_feelings(_doc(), evidence)
    assert (r.kind, r.current) == ("romantic", True)


def test_others_claims_do_not_outweigh_the_experiencers_own_words() -> None:
    evidence = (_ev(10, "dislike", "claimed", "loathes", 1.0), _ev(30, "dislike", "claimed", "can't stand", 1.0),
                _ev(50, "affection", "stated", "fond", 0.7))
    [r] = aggregate_feelings(_doc(), evidence)
    assert r.kind == "affection"
    assert all(e.how != "claimed" for e in r.evidence)


# --- what is talk passed on (evidence._hearsay) -------------------------------------------

def test_hearsay_is_talk_passed_on() -> None:
    from heartline.stages.evidence import _hearsay

    def said(text: str) -> bool:
        return _hearsay(text, 0, len(text))
    assert said("People say Ysolde is sweet on Dario.")
    assert said('"Everyone says Odo carries a torch for her," Wenna said.')
    assert said("Apparently Dario adores her.")
    assert not said('"No," they said. "I could never hate Dario."')  # a speech tag, singular they
    assert not said('"The stairs do creak," said Odo.')
    assert not said("Ysolde would have walked through fire for her, and they were both too proud to say so.")
    assert not said("Ysolde read the letter out the way monks say a prayer.")


def test_a_crush_is_never_family_love(run) -> None:
    # "Odo's mother" has only Ysolde near it to stand for; a crush on her says she is no family
    text = ("Odo Marsh walked Ysolde Fenwick home from the market. Odo's mother baked bread every winter, and"
            " the loaves went to the whole lane. Years ago Odo had a crush on Ysolde, but that was long past.")
    crushes = [e for e in run(text)["evidence"] if e.cue == "crush"]
    assert [(e.experiencer, e.kind, e.past) for e in crushes] == [("odo_marsh", "romantic", True)]
