"""A question in plain English → a typed ``Question``, or ``NotUnderstood``.

The grammar is a short list of patterns, not a language model: a question either fits
one of the forms in ``FORMS`` or is refused with that list, never guessed at.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

WARM = ("romantic", "affection")
ROMANTIC = ("romantic",)
HATE = ("hatred", "dislike")
DISLIKE = ("dislike", "hatred")
ANY_KIND = ("romantic", "affection", "dislike", "hatred")

# Verb phrase (base form, third person) → the kinds it asks about, most fitting first.
# "like" and "love" reach affection too (a friend, a daughter); the romantic phrases do not.
_VERBS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("like", "likes", WARM),
    ("love", "loves", WARM),
    ("adore", "adores", WARM),
    ("care about", "cares about", ("affection", "romantic")),
    ("care for", "cares for", ("affection", "romantic")),
    ("fancy", "fancies", ROMANTIC),
    ("have a crush on", "has a crush on", ROMANTIC),
    ("have feelings for", "has feelings for", ROMANTIC),
    ("have a thing for", "has a thing for", ROMANTIC),
    ("want to date", "wants to date", ROMANTIC),
    ("want to go out with", "wants to go out with", ROMANTIC),
    ("hate", "hates", HATE),
    ("detest", "detests", HATE),
    ("despise", "despises", HATE),
    ("loathe", "loathes", HATE),
    ("dislike", "dislikes", DISLIKE),
    ("resent", "resents", DISLIKE),
    ("not like", "does not like", DISLIKE),
)
# Copula phrases: "is X in love with Y", "who is in love with X".
_STATES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("in love with", ROMANTIC),
    ("crushing on", ROMANTIC),
    ("attracted to", ROMANTIC),
    ("sweet on", ROMANTIC),
    ("interested in", ROMANTIC),
    ("fond of", ("affection", "romantic")),
    ("friends with", ("affection",)),
    ("jealous of", DISLIKE),
)
_TOGETHER = (r"together|dating|a couple|an item|in love|in a relationship|seeing each other|"
             r"going out|married|lovers|a thing")

FORMS: tuple[str, ...] = (
    "who does X like? / love? / hate? / have a crush on?   (also: who is X in love with?)",
    "who likes X? / loves X? / hates X? / can't stand X?     (also: who is in love with X?)",
    "does X like Y? / love Y? / hate Y? / fancy Y?           (also: is X in love with Y?)",
    "are X and Y together?  (also: dating, a couple, in love; is X dating Y?)",
    "how does X feel about Y?  (also: what does X think of Y?)",
    "who said X likes Y?  / who knows X loves Y?  (who knows? after a yes/no question)",
    "who is X?",
    "who is in love in this story?  / list the couples",
    "list the characters",
)


@dataclass(frozen=True)
class Question:
    """A parsed question.  ``form`` is one of: who_feels (X → ?), who_feels_for (? → X),
    does (X → Y, yes/no), together (X ↔ Y, yes/no), how_feel (X → Y, everything),
    claims (who says X → Y), who_is, couples, characters."""

    text: str
    form: str
    subject: str | None = None  # X, as typed
    target: str | None = None  # Y, as typed
    kinds: tuple[str, ...] = ()  # the feelings asked about, most fitting first
    verb: str = ""  # the verb phrase as typed ("like", "have a crush on")


class NotUnderstood(ValueError):
    """The question fits none of ``FORMS``."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text


def _alternation(phrases) -> str:
    # Longest first, so "have a crush on" wins over a shorter phrase it contains.
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


_BASE = {base: kinds for base, _, kinds in _VERBS}
_THIRD = {third: kinds for _, third, kinds in _VERBS}
_STATE = dict(_STATES)
_V = _alternation(_BASE)
_V3 = _alternation(list(_THIRD) + ["likes", "loves"])
_S = _alternation(_STATE)
_CANT = r"(?:can'?t|cannot|can\s+not|couldn'?t)"
_NAME = r"(?P<{}>[^?]+?)"


def _x(name: str = "x") -> str:
    return _NAME.format(name)


# (form, pattern); tried in order, the first full match wins.  X and Y are lazy, so a
# verb phrase inside a name ("Lovelace") cannot be split unless the whole line fits.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (form, re.compile(p, re.IGNORECASE)) for form, p in (
        ("couples", r"who(?:'s|\s+is|\s+are)\s+(?:in\s+love|together|a\s+couple)"
                    r"(?:\s+(?:in|with)\s+(?:this|the)\s+(?:story|book|novel|text))?"),
        ("couples", r"(?:please\s+)?(?:list|show|name|give)(?:\s+me)?(?:\s+(?:the|all|all\s+the))?"
                    r"\s+(?:couples|pairings|pairs|ships|romances|romantic\s+relationships|relationships|love\s+stories)"),
        ("couples", r"(?:what|which|who)\s+are\s+the\s+(?:couples|pairings|pairs|ships|romances|relationships)"),
        ("couples", r"(?:who\s+loves\s+wh?om|who\s+is\s+dating\s+wh?om|are\s+there\s+any\s+(?:couples|romances))"),
        ("characters", r"(?:please\s+)?(?:list|show|name)(?:\s+me)?(?:\s+(?:the|all|all\s+the))?"
                       r"\s+(?:characters|people|cast)"),
        ("characters", r"(?:who|what)\s+are\s+the\s+(?:characters|people|cast)"
                       r"(?:\s+(?:in|of)\s+(?:this|the)\s+(?:story|book|novel))?"),
        ("characters", r"who(?:'s|\s+is)\s+in\s+(?:this|the)\s+(?:story|book|novel)"),
        ("how_feel", rf"how\s+(?:does|did)\s+{_x()}\s+feel\s+(?:about|towards?|for)\s+{_x('y')}"),
        ("how_feel", rf"what\s+(?:does|did)\s+{_x()}\s+(?:think|feel)\s+(?:of|about|for|towards?)\s+{_x('y')}"),
        ("how_feel", rf"how\s+(?:does|did)\s+{_x()}\s+(?:see|regard|view)\s+{_x('y')}"),
        ("how_feel", rf"what\s+(?:are|is|were|was)\s+{_x()}'s\s+feelings?\s+(?:for|about|towards?)\s+{_x('y')}"),
        ("claims", rf"who\s+(?:said|says|claims|claimed|thinks|thought|knows|knew|believes|told\s+\w+)"
                   rf"(?:\s+that)?\s+{_x()}\s+(?P<v3>{_V3})\s+{_x('y')}"),
        ("claims", rf"who\s+(?:said|says|claims|claimed|thinks|thought|knows|knew|believes|told\s+\w+)"
                   rf"(?:\s+that)?\s+{_x()}\s+(?:is|was)\s+(?P<s>{_S})\s+{_x('y')}"),
        ("claims_context", r"who\s+(?:knows|knew|said\s+so|says\s+so|said\s+it|says\s+it|else\s+knows)"),
        ("together", rf"(?:are|were)\s+{_x()}\s+and\s+{_x('y')}\s+(?P<t>{_TOGETHER})"),
        ("together", rf"(?:is|was)\s+{_x()}\s+(?:together|going\s+out|in\s+a\s+relationship)\s+with\s+{_x('y')}"),
        ("together", rf"(?:is|was)\s+{_x()}\s+(?:dating|seeing|married\s+to)\s+{_x('y')}"),
        ("together", rf"do\s+{_x()}\s+and\s+{_x('y')}\s+(?:love|like)\s+each\s+other"),
        ("does", rf"(?:does|did|do)\s+{_x()}\s+(?P<v>{_V})\s+{_x('y')}(?:\s+(?:back|too|as\s+well|at\s+all))?"),
        ("does", rf"(?:is|was)\s+{_x()}\s+(?:really\s+|still\s+)?(?P<s>{_S})\s+{_x('y')}"
                 r"(?:\s+(?:back|too|as\s+well))?"),
        ("does_cant", rf"{_CANT}\s+{_x()}\s+stand\s+{_x('y')}"),
        ("who_feels", rf"(?:who|whom)\s+(?:does|did|do)\s+{_x()}\s+(?P<v>{_V})"),
        ("who_feels", rf"who(?:'s|\s+is|\s+was)\s+{_x()}\s+(?P<s>{_S}|dating|seeing|with)"),
        ("who_feels_cant", rf"who\s+{_CANT}\s+{_x()}\s+stand"),
        ("who_feels_crush", rf"who(?:'s|\s+is|\s+was)\s+{_x()}'s\s+(?:crush|love\s+interest|love|lover|partner|"
                            rf"girlfriend|boyfriend|sweetheart|beloved)"),
        ("who_feels_for", rf"who\s+(?P<v3>{_V3})\s+{_x()}"),
        ("who_feels_for", rf"who(?:'s|\s+is|\s+was)\s+(?P<s>{_S}|dating|seeing)\s+{_x()}"),
        ("who_feels_for_cant", rf"who\s+{_CANT}\s+stand\s+{_x()}"),
        ("who_is", rf"(?:who(?:'s|\s+is|\s+was)|tell\s+me\s+about|what\s+about|describe)\s+{_x()}"),
    ))


def third_person(verb: str) -> str:
    """The verb phrase as it follows a name: "like" -> "likes", "in love with" -> "is in love with"."""
    if verb in _THIRD or verb == "can't stand":
        return verb
    for base, third, _ in _VERBS:
        if verb == base:
            return third
    return f"is {verb}" if verb else "feels for"


def _clean(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip("?!. ").strip()


def _name(raw: str | None) -> str | None:
    if raw is None:
        return None
    return raw.strip().strip('"').strip()


def _kinds_of(match: re.Match[str], form: str) -> tuple[tuple[str, ...], str]:
    groups = match.groupdict()
    if form.endswith("_cant"):
        return DISLIKE, "can't stand"
    if groups.get("v"):
        verb = re.sub(r"\s+", " ", groups["v"].lower())
        return _BASE[verb], verb
    if groups.get("v3"):
        verb = re.sub(r"\s+", " ", groups["v3"].lower())
        return _THIRD[verb], verb
    if groups.get("s"):
        state = re.sub(r"\s+", " ", groups["s"].lower())
        return _STATE.get(state, ROMANTIC), state
    if form == "who_feels_crush":
        return ROMANTIC, "in love with"
    if form == "together":
        return ROMANTIC, (groups.get("t") or "together").lower()
    if form == "how_feel":
        return ANY_KIND, "feel about"
    return (), ""


def parse_question(text: str) -> Question:
    """Parse one question; raise ``NotUnderstood`` when it fits no form."""
    cleaned = _clean(text)
    for form, pattern in _PATTERNS:
        match = pattern.fullmatch(cleaned)
        if not match:
            continue
        kinds, verb = _kinds_of(match, form)
        base = form.removesuffix("_cant").removesuffix("_crush")
        if base == "claims_context":
            return Question(text=text, form="claims", kinds=(), verb="")
        return Question(text=text, form=base, subject=_name(match.groupdict().get("x")),
                        target=_name(match.groupdict().get("y")), kinds=kinds, verb=verb)
    raise NotUnderstood(text)
