"""Capitals for a story written all in lower case (tumblr style: "ren says nothing. i laugh."),
and for the lower-case messages of a chat fic ("tell odalys i said hi").

Every later stage finds names by their capital letter, so an all-lower-case story would
have nobody in it.  When the text is of that shape, ``recase`` gives back the same text,
letter for letter at the same offsets, with the capitals ordinary prose would have: the
first word of each sentence, the pronoun "I", and the words that behave like names.

A lower-case word is taken for a name when it is no English dictionary word (nor a
common given name the parser tags as a proper noun), recurs, is the subject or owner
of something at least once ("mira laughs", "mira's coat"), and never follows a
determiner ("the dorn" is a thing).  So is a non-dictionary word the text introduces as a
name, said perhaps once ("a woman named oriel").  A title just before such a name ("ms.") and a
non-dictionary word just before or after it (a first name or family name said once)
are capitalised with it.

A chat fic's prose is written with capitals, but its messages are typed in lower case:
"ilka you up?", "i miss ysolde so much".  A name the prose also writes ("Ilka
Dorrow sits...") is found in the messages as it stands (``mentions`` reads a lower-case
word the text capitalises elsewhere); a person who lives only in the messages, though,
would be nobody.  ``recase_messages`` gives the messages (only the text after each
handle) the capitals of such names: a word the prose never writes, that behaves like a
name in the messages as ``name_words`` tests it (no dictionary word, recurring, a subject
or owner once, never after a determiner).  Nothing else changes: a message is not prose.
"""
from __future__ import annotations

import re
from collections import Counter

from ..layout import CHAT_LINE
from .given_names import name_gender
from .lexicon import KIN_WORDS, NOT_NAMES, PERSON_NOUNS, TITLES, in_dictionary

_SENTENCE_START = re.compile(r"(?:\A|[.!?]['\"”’)]*\s+|\n\s*)[\"“‘'(*~_-]*(?P<c>[A-Za-z])")
_PRONOUN_I = re.compile(r"(?<![\w'’@#/.-])(?P<i>[iI])(?=['’](?:m|d|ll|ve)\b|[\s,.!?;:)\"”—-])")
_DETERMINERS = frozenset("a an the every each another this these those".split())


def lower_case_story(text: str) -> bool:
    """Whether the text is written in lower case throughout: most of its sentences open
    with a small letter and it writes the pronoun "i" small (if at all) three times as often as "I"."""
    starts = [m.group("c") for m in _SENTENCE_START.finditer(text)]
    if len(starts) < 20:
        return False
    small = sum(c.islower() for c in starts)
    pronouns = [m.group("i") for m in _PRONOUN_I.finditer(text)]
    small_i = sum(i == "i" for i in pronouns)
    return small >= 0.8 * len(starts) and small_i >= 3 * (len(pronouns) - small_i)


def name_words(tokens) -> set[str]:
    """The lower-case words of a parsed lower-case text that behave like names.

    ``tokens``: the parser's tokens in text order (``text``, ``lemma``, ``pos``, ``dep``)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    tokens = list(tokens)
    seen: Counter[str] = Counter()
    proper: Counter[str] = Counter()
    subject: Counter[str] = Counter()
    after_det: Counter[str] = Counter()
    lemma: dict[str, str] = {}
    prev = ""
    for tok in tokens:
        w = tok.text
        if w.isalpha() and w.islower() and len(w) >= 2 and w not in STOP_WORDS and w not in NOT_NAMES:
            seen[w] += 1
            lemma.setdefault(w, tok.lemma)
            proper[w] += tok.pos == "PROPN"
            subject[w] += tok.dep in ("nsubj", "nsubjpass", "poss")
            after_det[w] += prev in _DETERMINERS
        prev = w.lower()
    # called out mid-sentence (", marten." / ", marten?"): a name that is also a dictionary word
    called = _called_names(tokens, seen, after_det)
    names = set(called)
    for w, n in seen.items():
        if n < 2 or after_det[w] or not subject[w] or w in TITLES:
            continue
        if in_dictionary(w) or in_dictionary(lemma[w]):
            # "rob", "faith": a common given name only where the parser already reads a name
            if not (name_gender(w) and proper[w] * 2 > n):
                continue
        names.add(w)
    # a name the text introduces, said perhaps only once: "a woman named oriel", "her name is tamzin"
    for i, tok in enumerate(tokens):
        w = tok.text
        before = [t.text.lower() for t in tokens[max(0, i - 2):i]]
        if (before[-1:] in (["named"], ["called"]) or before[-2:] in (["name", "is"], ["name", "'s"], ["name", "’s"])) \
                and w.isalpha() and w.islower() and len(w) >= 2 and w not in STOP_WORDS and w not in NOT_NAMES \
                and w not in TITLES and not in_dictionary(w) and not in_dictionary(tok.lemma):
            names.add(w)
    # names said once next to a known one: "tobin" in "tobin ostry", "ostry" in "mira ostry"
    for i, tok in enumerate(tokens):
        if tok.text not in names:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(tokens):
                other = tokens[j].text
                if other.isalpha() and other.islower() and len(other) >= 2 and other not in STOP_WORDS \
                        and other not in NOT_NAMES and other not in TITLES and tokens[j].pos in ("PROPN", "NOUN") \
                        and not in_dictionary(other) and not in_dictionary(tokens[j].lemma) and not after_det[other]:
                    names.add(other)
    return names


# words of address that are no one's name: "babe", "man", "mom", "sweetheart"
_ADDRESS = KIN_WORDS | PERSON_NOUNS | frozenset("""
babe baby honey hon sweetie sweetheart darling dear dearest love lovey sugar pet angel doll
bro bruh bud buddy pal mate fam dude man boss chief champ sport kiddo kid sir madam miss
folks guys y'all everyone everybody people friend friends loser nerd idiot dummy
""".split())
_CALL_END = frozenset({",", ".", "?", "!", "…", "...", ";", "—", "-", "\"", "”"})


def _called_names(tokens: list, seen: Counter[str], after_det: Counter[str]) -> set[str]:
    """Lower-case words called out like a name, though the dictionary has them: a noun set
    off after a comma at the end of a clause, at least twice ("the boiler is a liar, marten." /
    "if you say so, marten, i'm not"), never after a determiner, and no word of address."""
    calls: Counter[str] = Counter()
    for i, tok in enumerate(tokens):
        w = tok.text
        if w not in seen or w in _ADDRESS or tok.pos not in ("NOUN", "PROPN"):
            continue
        before = tokens[i - 1].text if i > 0 else ""
        after = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if before == "," and (after in _CALL_END or i + 1 == len(tokens)):
            calls[w] += 1
    return {w for w, n in calls.items() if n >= 2 and not after_det[w]}


def recase(text: str, names: set[str], spans: tuple[tuple[int, int], ...] | None = None) -> str:
    """``text`` with capitals at sentence starts, on the pronoun "I", on each of ``names``
    and on a title before one ("ms. ostry" -> "Ms. Ostry"); same length, same offsets.
    ``spans``: where to recase (the story proper); elsewhere the text is left as it is."""
    chars = list(text)

    def inside(at: int) -> bool:
        return spans is None or any(s <= at < e for s, e in spans)

    for m in _SENTENCE_START.finditer(text):
        if inside(m.start("c")):
            chars[m.start("c")] = m.group("c").upper()
    for m in _PRONOUN_I.finditer(text):
        if inside(m.start("i")):
            chars[m.start("i")] = "I"
    if names:
        word = re.compile(r"(?<![\w'’@#/.-])(?P<w>" + "|".join(sorted(map(re.escape, names), key=len, reverse=True))
                          + r")(?![\w@-]|['’](?![sd]\b))")
        title = re.compile(r"(?<![\w'’])(?P<t>" + "|".join(sorted(TITLES, key=len, reverse=True))
                           + r")\.? $", re.IGNORECASE)
        for m in word.finditer(text):
            at = m.start("w")
            if not inside(at):
                continue
            chars[at] = text[at].upper()
            t = title.search(text, max(0, at - 16), at)
            if t:
                chars[t.start("t")] = text[t.start("t")].upper()
    return "".join(chars)


_MIN_MESSAGES = 3


def message_spans(text: str, paragraphs: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """Where the messages of a chat log's lines stand: the text after each handle.  A chat
    line is a paragraph of its own (``layout.paragraph_spans``), and a log has three or more:
    a "Note: ..." line, or a line of prose wrapped by hand, is no chat."""
    spans = []
    for start, end in paragraphs:
        line = text[start:end]
        m = CHAT_LINE.match(line) if "\n" not in line else None
        if m:
            spans.append((start + m.start("text"), start + m.end("text")))
    return tuple(spans) if len(spans) >= _MIN_MESSAGES else ()


def message_name_words(tokens, spans: tuple[tuple[int, int], ...]) -> set[str]:
    """The lower-case words of chat messages that behave like names there (``name_words``)
    and that the prose never writes, neither with a capital (``mentions`` finds those in
    the messages already) nor in lower case (an ordinary word)."""
    from bisect import bisect_right

    starts = [s for s, _ in spans]

    def in_message(at: int) -> bool:
        i = bisect_right(starts, at) - 1
        return i >= 0 and at < spans[i][1]

    inside = []
    prose: set[str] = set()  # every word of the prose, lower-cased
    for tok in tokens:
        if in_message(tok.start):
            inside.append(tok)
        elif tok.text.isalpha():
            prose.add(tok.text.lower())
    # a name the prose writes with its capital is found in the messages already (``mentions``),
    # and one it writes in lower case is an ordinary word
    return {w for w in name_words(inside) if w not in prose}


def recase_messages(text: str, tokens, paragraphs: tuple[tuple[int, int], ...]) -> str:
    """``text`` with capitals on the names only its chat messages hold, typed there in lower
    case ("i miss ysolde so much"); same length, same offsets."""
    spans = message_spans(text, paragraphs)
    if not spans:
        return text
    names = message_name_words(tokens, spans)
    if not names:
        return text
    chars = list(text)
    if names:
        word = re.compile(r"(?<![\w'’@#/.-])(?P<w>" + "|".join(sorted(map(re.escape, names), key=len, reverse=True))
                          + r")(?![\w@-]|['’](?![sd]\b))")
        for s, e in spans:
            for m in word.finditer(text, s, e):
                chars[m.start("w")] = text[m.start("w")].upper()
    return "".join(chars)
