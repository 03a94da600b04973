"""Out-of-character talk in a roleplay log: "((brb, my cat is on the keyboard))".

Players of a roleplay chat write their own asides, about the game and each other, in
double brackets; only the in-character lines are the story.  ``blank_out_of_character``
gives back the text, same length and offsets, with every aside turned to spaces, and a
line that holds nothing but an aside (after its speaker's handle) blanked whole, so
that no stage reads it.

In-character lines mix speech with *actions* set in asterisks, whose subject is left out
because it is the typist's character: "*steps forward, sword drawn* Caddock. You lied."
Speech picks up after an action as it would after a tag, so a name opening the speech
there is called out (``after_action``).
"""
from __future__ import annotations

import re

from ..layout import CHAT_LINE

_ASIDE = re.compile(r"\(\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)\)")
_MIN_ASIDES = 2  # one stray "((" is a typo; a log's habit shows more than once


def blank_out_of_character(text: str) -> str:
    """``text`` with its double-bracket asides blanked, when it has several of them."""
    asides = list(_ASIDE.finditer(text))
    if len(asides) < _MIN_ASIDES:
        return text
    chars = list(text)
    for m in asides:
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        start, end = m.start(), m.end()
        line = text[line_start:line_end]
        chat = CHAT_LINE.match(line)
        rest = (line[:m.start() - line_start] + line[m.end() - line_start:]).strip()
        if chat and _ASIDE.sub("", chat.group("text")).strip() == "" or not rest:
            start, end = line_start, line_end  # the whole line is an aside
        for i in range(start, end):
            chars[i] = " "
    return "".join(chars)


# one or more *actions* (or _actions_) closing the stretch before a word, perhaps after speech
_ACTION_BEFORE = re.compile(r"(?:^|[.!?…,;:—-])\s*(?:[*_][^*_\n]+[*_]\s*)+$")


def after_action(before: str) -> bool:
    """Does the stretch of a line before a word end with an *action* that opens the line or
    follows the end of a sentence ("*sighs* Mira, ...", "No. *turns* Mira, ...")?"""
    return bool(_ACTION_BEFORE.search(before))


# Words a chat message may open on before it calls someone by a bare lower-case name, with
# no comma, as chat is typed: "also mia i owe you one", "ok tobin listen", "wait ren why".
CHAT_OPENERS = frozenset("""
also and anyway but btw ok okay oh omg so wait well yes yeah no lol ps hey hi sorry ugh um
""".split())


def chat_opener(before: str) -> bool:
    """Is the stretch of a chat message before a word one opening word ("also", "ok")?"""
    return before.strip().lower().rstrip(",.!") in CHAT_OPENERS


# an *action* (or _action_) inside a chat line: "*sets the cup down by Ivo*"
_ACTION = re.compile(r"(?<![\w*])[*_](?![\s*_])[^*_\n]+?(?<!\s)[*_](?![\w*])")


def action_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each *action* in a chat line's text, offsets within ``line``."""
    return [(m.start(), m.end()) for m in _ACTION.finditer(line)]


def acted_on(line: str, named: list[tuple[int, str]], speaker: str | None) -> str | None:
    """The one other character a chat line's *actions* name, whom the line's "you" then means
    ("*sets the cup down by Ivo* You look tired." is said to Ivo).  ``named``: (offset in
    ``line``, character) of the names in the line; None when the actions name nobody else,
    or more than one ("*steps between Ivo and Wenlock*": either may be spoken to)."""
    spans = action_spans(line)
    who = {cid for at, cid in named if cid != speaker and any(s <= at < e for s, e in spans)}
    return next(iter(who)) if len(who) == 1 else None
