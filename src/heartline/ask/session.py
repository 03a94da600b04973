"""A conversation about one story: questions may lean on the one before.

"does he like her back?" and "who knows?" only make sense after a question that
named two people; the session remembers that pair and nothing else.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from .answer import Answer, answer, forms_help
from .facts import StoryFacts
from .names import CharacterRef, normalise
from .question import NotUnderstood, Question, parse_question

_PRONOUN_GENDER = {"he": "male", "him": "male", "she": "female", "her": "female",
                   "they": None, "them": None}


class Session:
    def __init__(self, analysis: Mapping[str, Any]):
        self.facts = StoryFacts.from_json(analysis)
        self._pair: tuple[CharacterRef, CharacterRef] | None = None
        self._kinds: tuple[str, ...] = ()

    def ask(self, text: str) -> Answer:
        try:
            question = parse_question(text)
        except NotUnderstood:
            return Answer(text, forms_help(), status="not_understood")
        question, bound = self._bind(question)
        resolved: list[CharacterRef] = []

        def resolve(name: str) -> CharacterRef:
            ref = bound.get(name) or self.facts.names.resolve(name)
            resolved.append(ref)
            return ref

        result = answer(self.facts, question, resolve=resolve)
        if result.answered and len(resolved) == 2 and question.form in ("does", "together", "how_feel", "claims"):
            self._pair = (resolved[0], resolved[1])
            self._kinds = question.kinds
        return result

    def _bind(self, question: Question) -> tuple[Question, dict[str, CharacterRef]]:
        """Names the last question supplies: pronouns, and the pair for "who knows?"."""
        if self._pair is None:
            return question, {}
        a, b = self._pair
        if question.form == "claims" and question.subject is None:
            return replace(question, subject="\0x", target="\0y", kinds=self._kinds), {"\0x": a, "\0y": b}
        slots = [s for s in (question.subject, question.target) if s and normalise(s) in _PRONOUN_GENDER]
        if not slots:
            return question, {}
        bound: dict[str, CharacterRef] = {}
        for slot in slots:
            gender = _PRONOUN_GENDER[normalise(slot)]
            fits = [p for p in (a, b) if gender and self.facts.character(p.id).get("gender") == gender]
            if len(fits) == 1:
                bound[slot] = fits[0]
        if len(slots) == 2 and len(bound) < 2 and question.subject != question.target:
            # "does he like her back?" with no genders to go by: "back" turns the pair round.
            swap = " back" in f" {question.text.lower().rstrip('?')} ".replace("?", " ")
            first, second = (b, a) if swap else (a, b)
            bound = {slots[0]: first, slots[1]: second}  # two slots: the subject, then the target
        return question, bound


def answer_question(analysis: Mapping[str, Any], question: str) -> dict[str, Any]:
    """One question about an analysis/v2 dict → the answer as JSON (the web app's entry point)."""
    return Session(analysis).ask(question).to_json()


__all__ = ["Session", "answer_question", "forms_help"]
