"""Stage ``conversations``: who talks to whom.

Each quote with both a speaker and an addressee is one turn from the speaker to the
addressee; a conversation edge counts them and keeps the quotes as its evidence.  This
graph sits beside the feeling graph: people who talk a lot need not feel anything.
"""
from __future__ import annotations

from ..model import Character, Conversation, Quote
from ..pipeline import stage


@stage("conversations", needs=("speakers", "characters"), produces="conversations")
def find_conversations(speakers: tuple[Quote, ...],
                       characters: tuple[Character, ...]) -> tuple[Conversation, ...]:
    """Speaker → addressee edges, most turns first, with the indexes of their quotes."""
    known = {c.id for c in characters}
    turns: dict[tuple[str, str], list[int]] = {}
    for position, q in enumerate(speakers):
        if q.speaker and q.addressee and q.speaker != q.addressee and {q.speaker, q.addressee} <= known:
            turns.setdefault((q.speaker, q.addressee), []).append(position)
    edges = [Conversation(a, b, tuple(quotes)) for (a, b), quotes in turns.items()]
    edges.sort(key=lambda c: (-c.count, c.quotes[0]))
    return tuple(edges)
