"""Look-ups over a parsed document that several stages share."""
from __future__ import annotations

import bisect
from typing import TypeGuard

from .model import SUBJECT_DEPS, Document, Mention, Token


class TokenIndex:
    """Find tokens by character offset, and the syntactic head of a span."""

    def __init__(self, document: Document):
        self.document = document
        self.tokens = document.tokens
        self.starts = document.token_starts
        self.heads = document.span_heads

    def at(self, offset: int) -> Token | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.tokens[i] if i >= 0 else None

    def span(self, start: int, end: int) -> list[Token]:
        # the tokens starting in [start, end): both ends by bisection (called for every mention)
        i = bisect.bisect_left(self.starts, start)
        return list(self.tokens[i:bisect.bisect_left(self.starts, end, i)])

    def head_of_span(self, start: int, end: int) -> Token | None:
        """The token of the span whose head lies outside it ("Mia-chan" -> "chan"); kept in the
        document's memo (``Document.span_heads``), as every stage asks again for the same mentions."""
        found = self.heads.get((start, end))
        if found is None:
            found = self.heads[(start, end)] = self._head_index(start, end)
        return self.tokens[found] if found >= 0 else None

    def _head_index(self, start: int, end: int) -> int:
        inside = self.span(start, end)
        for tok in inside:
            head = self.tokens[tok.head]
            if head.index == tok.index or not (start <= head.start < end):
                return tok.index
        return inside[-1].index if inside else -1

    def head_of(self, m: Mention) -> Token | None:
        return self.head_of_span(m.start, m.end)


def is_subject(tok: Token | None) -> TypeGuard[Token]:
    return tok is not None and tok.dep in SUBJECT_DEPS
