"""Stage ``conversations``: who talks to whom, counted, with the quotes as evidence."""
from __future__ import annotations

from heartline.model import Character, Quote
from heartline.stages.conversations import find_conversations

CAST = tuple(Character(i, i.title(), (i.title(),), "unknown", 1) for i in ("ann", "tom", "cy"))


def q(i: int, speaker, addressee) -> Quote:
    return Quote(i, i, i + 1, "x", speaker, addressee, 0)


def test_speaker_to_addressee_counts_with_quote_indexes() -> None:
    quotes = (q(0, "tom", "ann"), q(1, "ann", "tom"), q(2, "tom", "ann"), q(3, "cy", None),
              q(4, None, "ann"), q(5, "ann", "ann"), q(6, "ghost", "ann"), q(7, "cy", "tom"))
    edges = find_conversations(quotes, CAST)
    assert [(c.source, c.target, c.count, c.quotes) for c in edges] == [
        ("tom", "ann", 2, (0, 2)), ("ann", "tom", 1, (1,)), ("cy", "tom", 1, (7,))]


def test_a_story_gives_conversations_in_the_json(analyse) -> None:
    data = analyse('"Hello, Tom," Ann said.\n\n"Hello, Ann," Tom said.\n\n"Bye, Tom," Ann said.').to_json()
    talk = {(c["from"], c["to"]): c for c in data["conversations"]}
    assert talk[("ann", "tom")]["count"] == 2
    assert all(data["quotes"][i]["speaker"] == "ann" for i in talk[("ann", "tom")]["quotes"])
