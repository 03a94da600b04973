"""Stage ``mentions``: every stretch of text that may point at a person.

Names are runs of capitalised tokens, taken with the title before them ("Colonel
Brandon", "Mr. Darcy") and the honorific after them ("Mia-chan"); whether a name
is a *person* is decided later, by the ``characters`` stage, from all its uses at once.
Epithets ("the raven haired boy"), relational nouns ("her boyfriend") and pronouns
are found here too, and resolved by ``coref``.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from ..model import Document, Mention, Mentions, QuoteSpan, Token
from ..pipeline import stage
from ..tokens import TokenIndex
from .given_names import name_gender
from .lexicon import (
    BUILD_WORDS,
    DESCRIPTOR_SUFFIXES,
    DESCRIPTOR_WORDS,
    FAMILY_RELATIONS,
    FEMALE_PRONOUNS,
    FIRST_PERSON,
    FRIEND_RELATIONS,
    GENDER_NOUNS,
    HONORIFICS,
    MALE_PRONOUNS,
    NOT_NAMES,
    OFFICES,
    PERSON_NOUNS,
    RELATION_GENDER,
    ROMANTIC_RELATIONS,
    SECOND_PERSON,
    STYLES,
    TITLES,
    in_dictionary,
)
from .quotes import is_chat_line

_HONORIFIC = re.compile(r"-(" + "|".join(sorted(HONORIFICS, key=lambda w: (-len(w), w))) + r")\b", re.IGNORECASE)
# "Ling-gege", "Wei-ge": a lower-case word the dictionary lacks, hyphened onto a name, is a form of
# address of another language (the lexicon holds only the Japanese ones): the name, with a suffix
_ADDRESS_SUFFIX = re.compile(r"-(?P<w>[a-z]{2,10})\b(?!-)")
_NAME_TOKEN = re.compile(r"^[A-Z][a-zà-ÿ'’]*(?:[A-Z][a-zà-ÿ]+)*$")
_RELATIONAL = sorted(ROMANTIC_RELATIONS | FRIEND_RELATIONS | FAMILY_RELATIONS, key=lambda w: (-len(w), w))
# (shapes) "He's my friend", "It's my mom": the 's after a pronoun is "is" or "has", never an
# owner's; the noun's owner is the "my" after it
_CONTRACTED = r"(?!(?:He|She|It|That|There|Here|Who|What|Where|When|How|Why|Let)['’]s\b)"
# Measured and dropped (issue 17, letters): a relative named as an owner ("Your aunt's cough is
# worse. She keeps me at her bedside") as a mention too -- the "she" after it then went to the
# aunt, but shipped novels 0.756 -> 0.734 lenient (northanger_abbey .75 -> .71), soulmate_marks
# .86 -> .80, fics 0.768 -> 0.767, nothing up: the owner's "'s" stays outside the mention.
_RELATIONAL_RE = re.compile(
    r"\b(?P<owner>[Hh]er|[Hh]is|[Mm]y|[Yy]our|[Tt]heir|[Oo]ur|" + _CONTRACTED + r"[A-Z][\w'’-]+(?:'s|’s))\s+"
    r"(?P<mods>(?:[a-z]+\s+){0,2}?)(?P<noun>" + "|".join(re.escape(w) for w in _RELATIONAL) + r")\b(?!['’]?s\b)")
# "the raven haired Reed", "that green clad stranger", "a particular blond boy": an
# appearance word makes the phrase point at one person; "a young lady" points at nobody
_EPITHET_RE = re.compile(
    r"\b(?P<det>[Tt]he|[Tt]hat|[Aa]|[Tt]his)\s+(?P<mods>(?:(?!(?:the|a|an|that|this|of|to|in|on|and|with)\b)[a-z'’]+[-\s]){0,3}?)"
    r"(?P<desc>(?!(?:he|she|they|we|i|you|it|who)\s)[a-z]+[-\s](?:" + "|".join(DESCRIPTOR_SUFFIXES) + r")|"
    + "|".join(sorted(DESCRIPTOR_WORDS, key=lambda w: (-len(w), w))) + r")"
    r"\s+(?P<head>[A-Za-z]+)\b")

# "the captain", "my captain", "the new captain": an office, meaning whoever holds it
_OFFICE_RE = re.compile(
    r"\b(?P<det>[Tt]he|[Mm]y|[Oo]ur|[Yy]our|[Hh]is|[Hh]er|[Tt]heir)\s+(?:(?:new|old|late|former|acting)\s+)?"
    r"(?P<head>" + "|".join(sorted(OFFICES, key=lambda w: (-len(w), w))) + r")\b(?![-\w])")
_TALKED_OF_RE = re.compile(r"\b(?:[Tt]he|[Tt]hat|[Tt]his) (?P<noun>guy|man|woman|girl|boy|lad|lass|bloke|dude)\b"
                           r"(?![-\w])(?!\s+(?:who|that|with|from|in|at|on|of)\b)")
_TALKED_OF_GENDER = {"guy": "male", "man": "male", "boy": "male", "lad": "male", "bloke": "male", "dude": "male",
                     "woman": "female", "girl": "female", "lass": "female"}
# "Her Majesty", "Your Royal Highness": a style standing for the holder of a rank
_STYLE_OWNER = re.compile(r"(?:\b(?P<owner>[Hh]er|[Hh]is|[Yy]our|[Tt]heir)\s+)$")
_STYLE_GENDER = {"her": "female", "his": "male"}


def _styles(runs, text: str):
    """Fold the possessive into a style ("Her" + "Majesty"): the run becomes a name whose
    key is the style, with the gender the possessive shows."""
    for start, end, core, title, honorific in runs:
        words = [w.lower() for w in core]
        owner = _STYLE_OWNER.search(text, max(0, start - 8), start)
        if (not title and words and words[-1] in STYLES and owner
                and all(w in ("royal", "imperial", "serene") for w in words[:-1])):
            yield owner.start("owner"), end, (core[-1],), "", owner.group("owner").lower()
        else:
            yield start, end, core, title, honorific


def _quote_index(quotes: tuple[QuoteSpan, ...], starts: list[int], offset: int) -> int | None:
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and quotes[i].start <= offset < quotes[i].end:
        return quotes[i].index
    return None


def _sentence_of(document: Document, starts: list[int], offset: int) -> int:
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _plain(word: str) -> str:
    """Lower case with straight apostrophes: "I’m" and "I'm" are one stop word."""
    return word.lower().replace("\u2019", "'")


# after "Mrs." almost any capitalised word is a name ("Mrs. March"), but not these
_NEVER_AFTER_TITLE = frozenset("i the a an and or but of in on at to for with from by".split())


def _is_name_token(tok: Token, sentence_first: int, prev: Token | None) -> bool:
    if not _NAME_TOKEN.match(tok.text) or _plain(tok.text) in NOT_NAMES:
        return False
    if tok.pos == "PROPN" or tok.ent == "PERSON":
        return True
    # a capitalised word inside a sentence that the tagger did not call a proper noun:
    # still a name if it is not sentence-initial and not after an opening quote
    sentence_initial = tok.index == sentence_first or (prev is not None and prev.text in '"“‘\'(—')
    return not sentence_initial and tok.pos in ("NOUN", "ADJ", "VERB", "ADV", "X", "INTJ")


def _diminutive(words: list[Token], i: int) -> bool:
    """ "A-Qiu", "A-Yuan": the "A-" that makes a Chinese given name intimate is part of the name
    (the article "A" is never joined to the next word by a hyphen)."""
    return (words[i].text == "A" and i + 2 < len(words) and words[i + 1].text == "-"
            and words[i + 1].start == words[i].end and words[i + 2].start == words[i + 1].end
            and bool(_NAME_TOKEN.match(words[i + 2].text)))


# the small words inside a family name: "Henry van Doren", "Madame de Ferrand", "Ana da Silva"
_PARTICLES = frozenset("van von de du da di del della der den ten ter le la".split())
_ELIDED = re.compile(r"^[dl]['’][A-Z][a-zà-ÿ'’]+$")  # "d'Estrelle", "l'Aubray"
_REGNAL = re.compile(r"^(?:X{0,2})(?:IX|IV|V?I{1,3}|V|X)$")  # "Henry VIII", "Louis XIV"
_INITIAL = re.compile(r"^[A-Z]\.$")
_ORDINALS = frozenset("First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth".split())
_ROYAL = frozenset("king queen emperor empress pope prince princess duke".split())


def _spaced(text: str, a: Token, b: Token) -> bool:
    return text[a.end:b.start] == " "


def _saint(words: list[Token], i: int, last: int, text: str) -> bool:
    """ "St. Aubrey", "St Ives": a saint's abbreviation joined to the name after it."""
    return (words[i].text in ("St.", "St", "Ste.", "Ste") and i + 1 < last and _spaced(text, words[i], words[i + 1])
            and bool(_NAME_TOKEN.match(words[i + 1].text)) and _plain(words[i + 1].text) not in NOT_NAMES)


def _name_part(words: list[Token], i: int, last: int, core: list[str], title: str, text: str) -> list[Token]:
    """Tokens that go on a name though they are no capitalised word: "St. Aubrey", a family name's
    particle ("van Doren", "de Ferrand"), an elided one ("d'Estrelle"), a ruler's number ("Henry
    VIII", "Louis the Fourteenth").  Empty where none."""
    tok = words[i]
    nxt = words[i + 1] if i + 1 < last else None
    if _saint(words, i, last, text) and nxt is not None:
        return [tok, nxt]
    if not (core or title):
        return []
    if tok.text in _PARTICLES and nxt is not None and _spaced(text, tok, nxt) \
            and _NAME_TOKEN.match(nxt.text) and _plain(nxt.text) not in NOT_NAMES:
        return [tok, nxt]
    if _ELIDED.match(tok.text):
        return [tok]
    if core and _INITIAL.match(tok.text) and nxt is not None and _spaced(text, words[i - 1], tok) \
            and _spaced(text, tok, nxt) and _NAME_TOKEN.match(nxt.text) and _plain(nxt.text) not in NOT_NAMES:
        return [tok]  # a middle initial: "Gildas T. Quarrington"
    if len(core) == 1 and (name_gender(core[0]) or title in _ROYAL):
        if tok.text != "I" and _REGNAL.match(tok.text):
            return [tok]
        if tok.text == "the" and nxt is not None and nxt.text in _ORDINALS and _spaced(text, tok, nxt):
            return [tok, nxt]
    return []


@dataclass(frozen=True)
class _Run:
    first_token: int
    last_token: int  # exclusive


_WRAPPED_LINE = 40  # characters: a line this long that ends mid-sentence is prose wrapped by hand


def hand_wrapped(text: str) -> bool:
    """Whether the text is prose wrapped by hand (an old e-text): at least half of its lines are
    40 to 85 characters long and run on into the next line.  Stories written with one
    paragraph a line, chats, verse and headers are not."""
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) < 5:
        return False
    running = sum(1 for i in filled if i + 1 < len(lines) and lines[i + 1].strip()
                  and _WRAPPED_LINE <= len(lines[i].rstrip()) <= 85)
    return running >= 0.45 * len(filled)


def _joins(text: str, end: int, start: int, wrapped: bool) -> bool:
    """Whether two words of one name may stand apart as ``text[end:start]`` does: one or two
    spaces, or, in hand-wrapped prose, a single line break after a long line."""
    gap = text[end:start]
    if gap in (" ", "  "):
        return True
    return wrapped and gap == "\n" and end - (text.rfind("\n", 0, end) + 1) >= _WRAPPED_LINE


def _wrapped_sentences(document: Document, wrapped: bool) -> list[_Run]:
    """Sentences, rejoined where the parser cut at a hand-wrapped line end ("Mrs." at the end of
    one line, "Ann Vale" on the next): in hand-wrapped prose, a single line break after a long
    line that ends in a word, not in punctuation (the parser may take each such line for a
    paragraph).  A name may run on across such a cut."""
    tokens = document.tokens
    text = document.story.text
    runs: list[_Run] = []
    for sent in document.sentences:
        if sent.first_token >= sent.last_token:
            continue
        if runs and wrapped:
            last = tokens[runs[-1].last_token - 1]
            gap = text[last.end:tokens[sent.first_token].start]
            line_start = text.rfind("\n", 0, last.end) + 1
            if (gap.count("\n") == 1 and not gap.strip() and (last.text[:1].isalpha())
                    and last.end - line_start >= _WRAPPED_LINE):
                runs[-1] = _Run(runs[-1].first_token, sent.last_token)
                continue
        runs.append(_Run(sent.first_token, sent.last_token))
    return runs


def _name_mentions(document: Document):
    """Yield (start, end, core_tokens, title, honorific) for capitalised runs."""
    tokens = document.tokens
    text = document.story.text
    wrapped = hand_wrapped(text)
    for sent in _wrapped_sentences(document, wrapped):
        # the words of the sentence: a line break the parser kept as a token is no word
        words = [t for t in tokens[sent.first_token:sent.last_token] if not t.text.isspace()]
        if not words:
            continue
        first, last = words[0].index, len(words)
        i = 0
        while i < last:
            tok = words[i]
            prev = words[i - 1] if i > 0 else None
            title = ""
            t_low = tok.text.lower().rstrip(".")
            if t_low in TITLES and tok.text[0].isupper() and i + 1 < last \
                    and _joins(text, tok.end, words[i + 1].start, wrapped) \
                    and (_NAME_TOKEN.match(words[i + 1].text) or _saint(words, i + 1, last, text)
                         or _ELIDED.match(words[i + 1].text)) \
                    and _plain(words[i + 1].text) not in _NEVER_AFTER_TITLE:
                title = t_low
                start = tok.start
                i += 1
                tok = words[i]
                # stacked titles ("Detective Inspector Penn", "Lieutenant Commander Ode"):
                # the last one is the office the person is called by
                while i + 1 < last and tok.text.lower().rstrip(".") in TITLES \
                        and tok.text[0].isupper() and text[words[i - 1].end:tok.start] == " " \
                        and _NAME_TOKEN.match(words[i + 1].text) \
                        and text[tok.end:words[i + 1].start] == " " \
                        and _plain(words[i + 1].text) not in _NEVER_AFTER_TITLE:
                    title = tok.text.lower().rstrip(".")
                    i += 1
                    tok = words[i]
            elif _is_name_token(tok, first, prev) or _diminutive(words, i) or _saint(words, i, last, text):
                start = tok.start
            else:
                i += 1
                continue
            core: list[str] = []
            end = start
            while i < last:
                tok = words[i]
                part = _name_part(words, i, last, core, title, text)
                if part:
                    if core and text[end:tok.start] != " ":
                        break
                    core.extend(w.text for w in part)
                    end = part[-1].end
                    i += len(part)
                    continue
                if not _NAME_TOKEN.match(tok.text) or (
                        _plain(tok.text) in NOT_NAMES and not (title and not core)
                        and not (not core and _diminutive(words, i))):
                    break
                if core and tok.start > end + 1:
                    break  # a gap wider than one space ends the name
                if core and not (text[end:tok.start] == " " or _joins(text, end, tok.start, wrapped)):
                    break  # one space, or a line end in hard-wrapped text
                core.append(tok.text)
                end = tok.end
                i += 1
                # "Anne-Marie", "Stone-Hart": a hyphen joining two capitalised words
                while (i + 1 < last and words[i].text == "-" and words[i].start == end
                       and words[i + 1].start == end + 1 and _NAME_TOKEN.match(words[i + 1].text)
                       and words[i + 1].text.lower() not in HONORIFICS):
                    core[-1] = core[-1] + "-" + words[i + 1].text
                    end = words[i + 1].end
                    i += 2
                # "Mia-chan": spaCy splits the suffix off; keep it with the name
                m = _HONORIFIC.match(text, end) or _ADDRESS_SUFFIX.match(text, end)
                if m and (m.re is _HONORIFIC or not in_dictionary(m.group(1))):
                    honorific = m.group(1).lower()
                    end = m.end()
                    while i < last and words[i].start < end:
                        i += 1
                    yield start, end, tuple(core), title, honorific
                    core = []
                    break
            if core:
                yield start, end, tuple(core), title, ""


_HANDLE_IN_CHAT = re.compile(
    r"\b(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?|[Hh]e|[Ss]he|[Tt]hey) (?:is|are|goes by) "
    r"(?P<handle>[\w.@-]{2,32}) (?:in|on) the (?:group ?chat|chat|gc|server|channel)\b")
_HANDLE_CHANGE = re.compile(
    r"^[ \t]*(?P<old>[\w.@\-]{1,32}(?: [\w.\-]{1,20}){0,4}) (?:changed|set) (?:their|his|her|the) "
    r"(?:display |nick)?(?:name|nickname|handle) to [\"“']?(?P<new>[^\"”'\n]{1,60}?)[\"”']?[ \t.]*$",
    re.MULTILINE | re.IGNORECASE)
_FULL_NAME = re.compile(r"\b[A-Z][a-z'’-]+ [A-Z][a-z'’-]+\b")
_WHOS_WHO = re.compile(r"^\s*(?P<handle>[\w.@\-]{2,32})\s*(?:=|:=|->|—|–)\s*"
                       r"(?P<name>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3})",
                       re.MULTILINE)


def _whos_who(text: str) -> dict[str, str]:
    """Handle -> name key: from a who's-who key ("mia.k = Mia Kerr, stage manager"), from
    the narration ("She is breadhead in the chat"), and through handle changes
    ("mia.k changed their name to "bake sale queen"": the new handle is the same person)."""
    key_of = {m.group("handle").lower(): " ".join(m.group("name").split()).lower()
              for m in _WHOS_WHO.finditer(text)}
    for m in _HANDLE_IN_CHAT.finditer(text):
        handle = m.group("handle").lower()
        if m.group("name")[0].isupper() and m.group("name").lower() not in ("he", "she", "they"):
            key_of.setdefault(handle, " ".join(m.group("name").split()).lower())
            continue
        # "He is flourboy in the chat": the last full name before it in the paragraph
        para_start = text.rfind("\n\n", 0, m.start()) + 1
        names = _FULL_NAME.findall(text, para_start, m.start())
        if names:
            key_of.setdefault(handle, " ".join(names[-1].split()).lower())
    for m in _HANDLE_CHANGE.finditer(text):
        old, new = m.group("old").lower(), " ".join(m.group("new").split()).lower()
        key_of[new] = key_of.get(old, old)
    return key_of


# "Sweet Mara", "Gentle Mercutio", "Poor Elinor": words of address, never part of a name
_ADDRESS_ADJECTIVES = frozenset(
    "sweet sweetest gentle dear dearest fair poor noble good brave kind beloved lovely pretty "
    "darling wretched cruel foolish silly".split())


# "Tell Osk I said so", "Kiss Mother for me": a letter's requests open on a verb
_REQUEST_VERBS = frozenset("tell ask give send kiss hug thank remind warn forgive let bring".split())


# "in Botany Ysolde passed me a pencil", "during Chemistry Corvin Thimbleby ...": a lesson or a
# place named after "in" runs into the name after it; where the name is also found alone, the
# word before it is a dictionary word no name list knows and the two are found together only
# there ("Young Lem", said again and again, is a name), the word is the preposition's, not the
# name's.  Measured on the 41 golds: diary_entries .59 -> .67 lenient (.47 -> .44 strict: its
# boy, one character now, is read a friend, not a sweetheart), splits 21 -> 20, nothing else moved.
# Dropped: "at", "after", "before" as well (a full name said once after "before", a given name
# that is also a dictionary word, lost its first word: a split more in nonbinary_bard).
_PLACE_TIME_PREPS = frozenset("in during".split())


def _after_a_preposition(text: str, start: int) -> bool:
    """Is the word before ``start`` one of ``_PLACE_TIME_PREPS``?"""
    before = text[max(0, start - 12):start].split()
    return bool(before) and before[-1].lower() in _PLACE_TIME_PREPS


def _strip_common_words(runs, text: str, lowercase: Counter):
    """ "Poor Elinor", "Dear Tom": a leading word the text also writes in lower case is no
    part of the name; nor is a request's verb before a name the text also uses alone, nor a
    lesson or a place named after a preposition ("in Botany Ysolde": ``_PLACE_TIME_PREPS``)."""
    runs = list(runs)
    alone = Counter(core[0] for _s, _e, core, _t, _h in runs if len(core) == 1)
    whole = Counter(tuple(core) for _s, _e, core, _t, _h in runs)
    for start, end, core, title, honorific in runs:
        while not title and len(core) > 1 and (core[0].lower() in _ADDRESS_ADJECTIVES or (
                core[0].lower() in _REQUEST_VERBS and alone.get(core[1], 0) and not alone.get(core[0], 0)) or (
                _after_a_preposition(text, start) and whole[tuple(core)] == 1 and alone.get(core[1], 0)
                and not name_gender(core[0]) and in_dictionary(core[0].lower())) or (
                lowercase.get(core[0].lower(), 0) >= 3
                and lowercase.get(core[0].lower(), 0) >= 3 * alone.get(core[0], 0)
                and not name_gender(core[0]))):
            start = text.index(core[1], start + len(core[0]))
            core = core[1:]
        yield start, end, core, title, honorific


def _pronoun_mentions(document: Document, chat: tuple[tuple[int, int], ...] = ()):
    """``chat``: spans of chat lines, where a lower-case "i" is "I" ("i hate him")."""
    for tok in document.tokens:
        low = tok.text.lower()
        if low == "i" and tok.text == "i" and any(s <= tok.start < e for s, e in chat):
            yield tok, "", 1
            continue
        if tok.pos not in ("PRON", "DET") and low not in ("her", "his"):
            continue
        if low in MALE_PRONOUNS:
            yield tok, "male", 3
        elif low in FEMALE_PRONOUNS:
            yield tok, "female", 3
        elif low in FIRST_PERSON and (low != "i" or tok.text == "I"):
            yield tok, "", 1
        elif low in SECOND_PERSON:
            yield tok, "", 2


# words a name never is, however a chat line spells it
_NEVER_LOWERCASE_NAMES = frozenset(
    "i a an the and or but so if of in on at to for with from by is are was were be been am do "
    "did done have has had not no yes ok okay lol omg me my you your he she him her his they them "
    "we us our it its this that what who why how when where here there all any some just like "
    "love hate will may can could would should must might shall sir dear".split())


# "a girl named oriel", "her name is tamzin": a word the text introduces as a name, written in
# lower case (a chat line, a lower-case story) and said perhaps only once
_INTRODUCED = re.compile(r"\b(?:named|called|(?:her|his|their|my) name(?: is|['’]s))\s+"
                         r"(?P<w>[a-z][a-z'’-]{1,30})(?![\w@.-]\w)")


def introduced_names(text: str) -> set[str]:
    """Lower-case words the text introduces as a name ("named oriel", "her name is tamzin"),
    where the word is no English word (a "girl called trouble" names no one)."""
    return {m.group("w") for m in _INTRODUCED.finditer(text)
            if m.group("w") not in _NEVER_LOWERCASE_NAMES and m.group("w") not in NOT_NAMES
            and not in_dictionary(m.group("w"))}


def _lowercase_chat_names(document: Document, quote_spans: tuple[QuoteSpan, ...], runs, lowercase):
    """Names in chat lines written in lower case ("i love ann", "rob finch"): a word the
    text capitalises as a name elsewhere and never writes in lower case in its narration."""
    capitalised = Counter(w.lower() for _s, _e, core, _t, _h in runs for w in core)
    # a stray lower-case spelling in the narration ("DM: tom → mia") does not make it a word
    known = {w for w, n in capitalised.items()
             if w not in _NEVER_LOWERCASE_NAMES and lowercase.get(w, 0) * 3 <= n}
    known |= introduced_names(document.story.text)
    if not known:
        return []
    tokens = document.tokens
    starts = [t.start for t in tokens]
    text = document.story.text
    found = []
    for q in quote_spans:
        if not is_chat_line(text, q.start, q.kind):
            continue
        i = bisect.bisect_left(starts, q.start)
        core: list[str] = []
        start = end = 0
        while i <= len(tokens):
            tok = tokens[i] if i < len(tokens) and tokens[i].start < q.end else None
            if tok is not None and tok.text.islower() and tok.text.isalpha() and tok.text in known \
                    and (not core or text[end:tok.start] == " "):
                if not core:
                    start = tok.start
                core.append(tok.text)
                end = tok.end
            elif core:
                found.append((start, end, tuple(core), "", ""))
                core = []
                continue  # look at this token again as a possible first word
            if tok is None:
                break
            i += 1
    return found


# "BRANNOCH DORN, you get back here": a full name shouted at the start of a line of talk
_SHOUTED = re.compile(r"(?P<name>[A-Z]{2,}(?:['’][A-Z]+)?(?: [A-Z]{2,}(?:['’][A-Z]+)?){1,2}),")


def _shouted_names(text: str, quote_spans: tuple[QuoteSpan, ...]):
    """Names shouted in capitals as a quote's first words ("DORIAN OSTRY, come here!"): two or
    three words before a comma, none of them an English word."""
    for q in quote_spans:
        at = q.start
        while at < q.end and not text[at].isalnum():
            at += 1
        m = _SHOUTED.match(text, at, q.end)
        if not m:
            continue
        words = m.group("name").split()
        if any(in_dictionary(w.lower()) or _plain(w) in NOT_NAMES or w.lower() in TITLES for w in words):
            continue
        yield m.start("name"), m.end("name"), tuple(w.title() for w in words), "", ""


# "MR. VILLARS", "TOM", "SALLIE McBRIDE": a name set in capitals (a letter's heading, a chapter
# title, a shout), with the title before it
_CAPITALS = re.compile(r"(?<![\w'’.@\[-])(?P<run>(?:[A-Z][A-Za-z]*[A-Z]\.?|[A-Z]\.)"
                       r"(?:[ ](?:Mc|Mac|O['’])?[A-Z]{2,}(?:['’][A-Z]+)?){0,6})(?![\w'’@\]-])(?![ \t]*[:\]])")


# a line that is nothing but a name in capitals, perhaps with a note in brackets: a script's cue
_CUE_LINE = re.compile(r"[ \t]*[A-Z](?:[A-Z '’-]|\.(?= ))*(?:\([^)\n]*\))?[ \t]*")
_CAPITALS_STOP = NOT_NAMES | _NEVER_AFTER_TITLE | _NEVER_LOWERCASE_NAMES


def _heading(line: str) -> bool:
    """A line of capitals that is a heading, not a script's cue: four words or more, or a
    possessive ("A LETTER FOR ILSABET QUENNEL", "ILSABET QUENNEL'S DIARY")."""
    words = re.sub(r"\([^)]*\)", " ", line).split()
    return len(words) >= 4 or any(w.endswith(("'S", "’S")) for w in words)


def _initial_names(document: Document, runs, lowercase: Counter[str]):
    """A capitalised word the tagger took for no name, most often a sentence's or a quote's first word
    read as a verb or a noun ("‘Quarrender?’ he said", "Vantreen nodded"), where the text names somebody
    by that very word elsewhere: the word is found as a name at least twice, has three letters or more,
    is no title and is never written in lower case.  (Being in the dictionary is no bar: it holds many
    family names.)"""
    text = document.story.text
    uses = Counter(core[0].lower() for _s, _e, core, _t, _h in runs if len(core) == 1)
    uses.update(w.lower() for _s, _e, core, _t, _h in runs if len(core) > 1 for w in core)
    written_low = set(re.findall(r"(?<![\w'’-])[a-z][a-z'’]+\b", text))
    known = {w for w, n in uses.items() if n >= 2 and len(w) >= 3 and w not in NOT_NAMES and not lowercase.get(w)
             and w not in written_low and w not in TITLES}
    taken = sorted((s, e) for s, e, *_ in runs)
    starts = [s for s, _e in taken]
    for tok in document.tokens:
        if tok.text.lower() not in known or not _NAME_TOKEN.match(tok.text) or text[tok.end:tok.end + 1] == ":":
            continue  # ("Q:", "VALE:" open a line of a transcript: the quotes stage's speakers)
        at = bisect.bisect_right(starts, tok.start) - 1
        if at >= 0 and taken[at][0] <= tok.start < taken[at][1]:
            continue  # inside a name already found
        yield tok.start, tok.end, (tok.text,), "", ""


def _capital_names(text: str, runs, quote_spans: tuple[QuoteSpan, ...], lowercase: Counter[str]):
    """Names written in capitals: "TOM" where the text also writes "Tom" as a name, "MR. VILLARS"
    (a title before it), "SALLIE McBRIDE".  The first word must be a name the text writes with one
    capital elsewhere, or follow a title and be no English word; the words after it may also be
    no English word.  A line prefix ("VALE:", "[HEX]") is a speaker's, found by the quotes stage,
    and a quote's opening shout is ``_shouted_names``'s.  An English word, or one the narration
    writes in lower case ("DIARY", "ASKED"), is no name unless a given-name list holds it."""
    known = {w.lower() for _s, _e, core, _t, _h in runs for w in core} - NOT_NAMES
    known = {w for w in known if name_gender(w) or not (lowercase.get(w) or in_dictionary(w))}
    quote_starts = {q.start for q in quote_spans}
    for m in _CAPITALS.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = len(text) if text.find("\n", m.end()) < 0 else text.find("\n", m.end())
        if _CUE_LINE.fullmatch(text, line_start, line_end) and not _heading(text[line_start:line_end]):
            continue  # a screenplay's cue ("        JUNO" over the line JUNO speaks): the quotes stage's
        # a run of capitals may hold several names and the words between them ("MR. VILLARS TO
        # LADY HOWARD"): cut it at every word that is never a name
        segment: list[re.Match[str]] = []
        for w in list(re.finditer(r"\S+", m.group("run"))) + [None]:
            word = w.group().lower().rstrip(".") if w is not None else ""
            if w is not None and word not in _CAPITALS_STOP and word not in TITLES:
                segment.append(w)
                continue
            if segment:
                found = _capital_name(text, m.start("run"), segment, known, quote_starts, lowercase)
                if found:
                    yield found
            segment = [w] if w is not None and word in TITLES else []


def _capital_name(text: str, offset: int, segment: list[re.Match[str]], known: set[str],
                  quote_starts: set[int], lowercase: Counter[str]):
    words = [w.group() for w in segment]
    trim = 1 if len(words) > 1 and words[-1].endswith(".") else 0  # "HOWARD." ends a sentence
    words[-1] = words[-1][:len(words[-1]) - trim]
    if len(words) == 1 and words[0].endswith(".") and words[0][:-1].lower() not in TITLES:
        words[0], trim = words[0][:-1], 1
    title = ""
    if words[0].lower().rstrip(".") in TITLES and len(words) > 1:
        title, words = words[0].lower().rstrip("."), words[1:]
    elif words[0].endswith("."):
        return None
    lows = [w.lower() for w in words]
    if any(c.islower() for c in words[0]) or len(words[0]) < 2 or any(w in TITLES or _REGNAL.match(w.upper())
                                                                       for w in lows):
        return None  # "McBRIDE" only after a given name; "I", "A." are no names
    start, end = offset + segment[0].start(), offset + segment[-1].end() - trim
    if {start - 1, start - 2} & quote_starts and len(words) > 1:
        return None  # '"DORIAN OSTRY, come here"': _shouted_names
    if not (lows[0] in known or (title and not in_dictionary(lows[0]) and not lowercase.get(lows[0]))):
        return None
    if not all(w in known or not (in_dictionary(w) or lowercase.get(w)) for w in lows[1:]):
        return None
    return start, end, tuple(w[:2] + w[2:].title() if w[:2] == "Mc" else w.title() for w in words), title, ""


# a roleplay log's game master ("[GM] Fog rolls in over the quay", "Pinned by GM: ...") tells
# the story and voices everyone else: the narration, not a person of the story
_NARRATING_HANDLES = frozenset({"gm", "dm", "narrator", "storyteller"})


@stage("mentions", needs=("document", "quote_spans"), produces="mentions")
def find_mentions(document: Document, quote_spans: tuple[QuoteSpan, ...]) -> Mentions:
    """Names, epithets, relational nouns and pronouns, in text order."""
    text = document.story.text
    q_starts = [q.start for q in quote_spans]
    s_starts = [s.start for s in document.sentences]
    raw: list[dict] = []

    body_start, body_end = document.story.body
    story = document.story

    def add(start: int, end: int, kind: str, **fields) -> None:
        if not body_start <= start < body_end or story.is_excluded(start):
            return  # an archive header, an author's note: nobody in them is in the story
        raw.append(dict(start=start, end=end, text=text[start:end], kind=kind,
                        sentence=_sentence_of(document, s_starts, start),
                        quote=_quote_index(quote_spans, q_starts, start), **fields))

    name_spans: list[tuple[int, int]] = []
    # lower-case spellings in the narration only: chat lines write every name in lower case
    narration, last = [], 0
    for q in quote_spans:
        narration.append(text[last:q.start])
        last = max(last, q.end)
    narration.append(text[last:])
    # (a handle in the narration, "mia.k added ...", is no lower-case use of "mia")
    lowercase = Counter(re.findall(r"(?<![\w.@])[a-z][a-z'’]+(?![\w@]|\.\w)", " ".join(narration)))
    runs = list(_strip_common_words(_name_mentions(document), text, lowercase))
    runs += _lowercase_chat_names(document, quote_spans, runs, lowercase)
    runs += _shouted_names(text, quote_spans)
    runs += _initial_names(document, runs, lowercase)
    runs += list(_capital_names(text, runs, quote_spans, lowercase))
    for start, end, core, title, honorific in _styles(runs, text):
        key = " ".join(core).lower()
        if honorific in ("her", "his", "your", "their"):  # a style: "Her Majesty"
            add(start, end, "name", key=key, gender=_STYLE_GENDER.get(honorific, ""),
                person=2 if honorific == "your" else 3)
            continue
        gender = TITLES.get(title, "") or HONORIFICS.get(honorific, "")
        add(start, end, "name", key=key, title=title, honorific=honorific, gender=gender)
        name_spans.append((start, end))

    for m in _EPITHET_RE.finditer(text):
        head = m.group("head")
        low = head.lower()
        is_name_head = head[0].isupper() and low not in NOT_NAMES
        if low not in PERSON_NOUNS and not is_name_head and not (
                m.group("desc").endswith(DESCRIPTOR_SUFFIXES) and not in_dictionary(low)):
            # (after "white haired", a word no English dictionary holds is a kind of person
            # the story's world has: a fandom's rank or people)
            continue
        if m.group("det").lower() == "a" and m.group("desc") in BUILD_WORDS:
            continue
        add(m.start(), m.end(), "epithet", head=low if not is_name_head else head,
            gender=GENDER_NOUNS.get(low, ""), key=low if is_name_head else "")

    # "I never liked the guy": in talk, a plain person noun points back like a pronoun
    for m in _TALKED_OF_RE.finditer(text):
        if _quote_index(quote_spans, q_starts, m.start()) is not None:
            noun = m.group("noun").lower()
            add(m.start(), m.end(), "reference", head=noun, gender=_TALKED_OF_GENDER.get(noun, ""))

    tokens = TokenIndex(document)
    for m in _OFFICE_RE.finditer(text):
        head = m.group("head")
        tok = tokens.at(m.start("head"))
        if tok is None or tok.start != m.start("head") or tok.pos not in ("NOUN", "PROPN") \
                or tok.dep in ("amod", "compound"):
            continue  # "her general good humour", "the chief concern": not an office
        add(m.start(), m.end(), "epithet", head=head, gender=GENDER_NOUNS.get(head, ""))

    # chat handles: each line's prefix names its speaker; a who's-who key ("mia.k = Mia
    # Kerr") gives the handle the person's name, so both fall into one character
    key_of = _whos_who(text)
    for q in quote_spans:
        if q.kind == "line" and q.prefix:
            at = text.rfind(q.prefix, max(0, q.start - len(q.prefix) - 40), q.start)
            if at != -1 and q.prefix.split()[-1].lower() not in _NARRATING_HANDLES:
                handle = q.prefix
                add(at, at + len(handle), "speaker", key=key_of.get(handle.lower(), handle.lower()))

    for m in _RELATIONAL_RE.finditer(text):
        noun = m.group("noun").lower()
        owner = m.group("owner")
        add(m.start(), m.end(), "relational", head=noun, gender=RELATION_GENDER.get(noun, ""),
            key=owner)

    chat = tuple((q.start, q.end) for q in quote_spans if is_chat_line(text, q.start, q.kind))
    for tok, gender, person in _pronoun_mentions(document, chat):
        add(tok.start, tok.end, "pronoun", gender=gender, person=person, key=tok.text.lower())

    raw.sort(key=lambda r: (r["start"], -r["end"]))
    return Mentions(tuple(Mention(index=i, **r) for i, r in enumerate(raw)))
