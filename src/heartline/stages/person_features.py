"""Features of a capitalised name for the person-or-not scorer (``characters`` stage).

Each name (a mention ``key``: "ann vale", "kellynch") gets one record: its uses in the
document described by fractions and counts (spaCy's entity labels, a title or honorific
before it, a speech verb it is the subject of, a he/she that follows it, a place
preposition or "the" before it, possessive and vocative uses, the sentence start) plus
what the word itself looks like (a month or weekday, a common given name, a place-like
ending "-shire", "-ton", a place or thing head "Street", "Hall") and the rules' own votes
(``characters._NameStats``).  The scorer (``bench/train_persons.py``, trained on LitBank's
entity layer) turns a record into the probability that the name is a person's.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from ..model import Document, Mention, QuoteSpan
from ..tokens import TokenIndex, is_subject
from .given_names import name_gender
from .lexicon import (
    FAMILY_RELATIONS,
    FEMALE_PRONOUNS,
    FRIEND_RELATIONS,
    HOUSEHOLD_NOUNS,
    KIN_WORDS,
    MALE_PRONOUNS,
    NON_PERSON_HEADS,
    OFFICES,
    PERSON_NOUNS,
    ROMANTIC_RELATIONS,
    SPEECH_VERBS,
    TITLES,
    in_dictionary,
)


class _Stats(Protocol):
    key: str
    mentions: list[Mention]
    person: float
    other: float


FEATURES = (
    "bias",
    "log_uses",
    "words",
    "rule_person",
    "rule_other",
    "rule_margin",
    "ent_person",
    "ent_place",
    "ent_org",
    "ent_time",
    "ent_other",
    "ent_none",
    "titled",
    "honorific",
    "speech_subject",
    "subject",
    "object",
    "possessor",
    "compound",
    "place_prep",
    "of_object",
    "after_the",
    "after_possessive",
    "possessive_s",
    "followed_by_he_she",
    "vocative",
    "in_quote",
    "sentence_initial",
    "all_sentence_initial",
    "initial_verb",
    "propn",
    "given_name",
    "calendar",
    "place_ending",
    "thing_head",
    "plural_of_other",
    "lower_uses",
    "all_caps",
    "office",
    "short",
    "dictionary_word",
    "given_and_dictionary",
    "in_longer_name",
    "has_shorter_name",
    "head_dictionary",
    "plural_tag",
    "ent_group",
    "of_place_noun",
    "of_person_noun",
    "person_noun_beside",
    "place_noun_beside",
    "owns_person_thing",
    "mind_subject",
    "strict_place_prep",
    "known_place",
)

_PLACE_PREPS = frozenset("in at to from into near through across towards toward inside outside "
                         "within beyond upon onto".split())
# prepositions that take a place and hardly ever a person ("at Brackenmere", "out of Brackenmere";
# one says "to Ann", "from Ann", "with Ann")
_STRICT_PLACE_PREPS = frozenset("in at into near across inside outside within beyond throughout".split())
# verbs aimed "at" or "in" someone: "smiled at Ann", "confided in Ann" (no place); an adjective's
# "in" is none either ("interested in Ann")
_AIMED_VERBS = frozenset("smile grin laugh look glance stare glare scowl frown wink wave nod point shout yell "
                         "snap sneer beam blink gaze peer jab swipe throw hurl aim grab lunge rage believe "
                         "confide trust delight rejoice interest".split())
_PLACE_ENTS = frozenset("GPE LOC FAC".split())
_ORG_ENTS = frozenset("ORG NORP PRODUCT WORK_OF_ART EVENT LAW LANGUAGE".split())
_GROUP_ENTS = frozenset({"NORP"})
_TIME_ENTS = frozenset("DATE TIME".split())
# days and feasts: never a person, alone or in the plural ("on Thursdays", "since Candlemas"); the
# months are left out (April, May, June are given names too)
DAYS_AND_FEASTS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday christmas easter michaelmas lent advent "
    "whitsun whitsuntide candlemas midsummer yule martinmas lammas shrovetide epiphany".split())
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december christmas easter michaelmas lent advent whitsun "
    "whitsuntide candlemas midsummer yule".split())
# endings of English place names: "Oakshire", "Brambleton", "Hartford", "Ashbury"
_PLACE_ENDINGS = ("shire", "ton", "ford", "bury", "borough", "burgh", "burg", "ham", "field", "wick",
                  "land", "port", "mouth", "minster", "caster", "chester", "dale", "ville", "stead")
_POSSESSIVES = frozenset("his her my your their our its".split())
_HE_SHE = MALE_PRONOUNS | FEMALE_PRONOUNS
# nouns of a person: "the son of Ravel", "her cousin Ysolt", "Ysolt, the blacksmith's wife"
_PERSON_NOUNS = (PERSON_NOUNS | FAMILY_RELATIONS | FRIEND_RELATIONS | ROMANTIC_RELATIONS | KIN_WORDS | OFFICES
                 | HOUSEHOLD_NOUNS
                 | frozenset("woman man friend wife husband child children heir daughter son cousin nurse".split()))
# nouns of a place: "the village of Brackenmere", "Brackenmere, a village in the north"
_PLACE_NOUNS = (NON_PERSON_HEADS - frozenset("day night eve exam exams party ball festival war battle treaty act "
                                             "chronicles times gazette magazine news paper journal book books "
                                             "clan family army navy guard ramen company corporation".split())
                | frozenset("parish province region district state capital port harbour harbor shore coast "
                            "planet moon star continent land lands country".split()))
# what a person has and a place has not: "Ysolt's eyes", "Ravel's mother"
_PERSON_THINGS = (FAMILY_RELATIONS | FRIEND_RELATIONS | ROMANTIC_RELATIONS | frozenset(
    "eye eyes face hand hands head hair voice heart mind arm arms shoulder shoulders lip lips mouth cheek cheeks "
    "brow forehead smile look glance gaze tone feet foot knee knees finger fingers name wife husband life "
    "death letter letters opinion manner temper nose chin neck back".split()))
# verbs of a mind or a body: only a person (or an animal) is their subject
_MIND_VERBS = frozenset(
    "think know feel smile laugh nod look see hear want wish love hate hope cry weep sigh frown shrug glance "
    "stare remember believe wonder fear grin blush sob kiss marry die suppose forget understand decide "
    "promise pray sit walk run".split())
# heads of place and body names the lexicon's NON_PERSON_HEADS lacks: "Hollin Peak", "Marrow Ridge",
# "Tarn Relay", "Oakvale Middle" (a school), "Harbour Command"; only after a word no given-name list
# holds ("Ivy Peak" may be a woman)
# Words that are also common English surnames or given names (Marsh, Heath, Moor, Glen, Cliff)
# are left out: "Odo Marsh" is a man as often as "Hollin Marsh" is a bog.
LAND_HEADS = frozenset("""
peak peaks ridge rock rocks cliffs point cape harbour harbor port relay base reach moors
fen fens pass falls spring springs crossing wharf quay dock docks bridge gorge canyon hollow
middle high elementary primary intelligence command squadron division council ministry bureau agency
institute society league union flight rescue patrol service unit
""".split())


# Places of the real world that stories name and no given-name list holds: continents, countries,
# regions, states and great cities.  Names as often a person's (Victoria, Georgia, Florence, Washington,
# Lincoln, Chester, Lancaster, Jordan, Israel, Sydney, Austin, India, Paris, Devon, Kent) are left out, and so are
# the planets, which are gods and characters too (Mars, Venus, Mercury).
KNOWN_PLACES = frozenset(w.strip() for w in """
africa, america, antarctica, arabia, asia, australia, europe, eurasia, oceania, scandinavia, siberia,
earth,
afghanistan, albania, algeria, argentina, armenia, austria, belgium, bengal, bohemia, bolivia, brazil,
bulgaria, burma, cambodia, canada, chile, china, colombia, congo, croatia, cuba, cyprus, denmark, egypt,
england, ethiopia, finland, france, germany, ghana, greece, greenland, guatemala, haiti, holland, hungary,
iceland, indonesia, iran, iraq, ireland, italy, jamaica, japan, kenya, korea, laos, latvia, lebanon,
liberia, libya, lithuania, luxembourg, malaya, malta, mexico, mongolia, morocco, nepal, netherlands,
nigeria, norway, pakistan, palestine, panama, persia, peru, poland, portugal, prussia, romania, roumania,
russia, scotland, serbia, siam, spain, sudan, sweden, switzerland, syria, tibet, uganda, ukraine,
uruguay, venezuela, vietnam, wales, yugoslavia, zanzibar, zimbabwe,
alsace, anatolia, andalusia, aquitaine, bavaria, brittany, burgundy, castile, catalonia, flanders, galicia,
gascony, lombardy, normandy, picardy, provence, saxony, silesia, sicily, sardinia, corsica, crete, tuscany,
transylvania, wallachia, westphalia, languedoc, guienne, macedonia, mesopotamia, judea, galilee,
alabama, alaska, arizona, arkansas, california, colorado, connecticut, delaware, florida, hawaii, idaho,
illinois, indiana, iowa, kansas, kentucky, louisiana, maine, maryland, massachusetts, michigan, minnesota,
mississippi, missouri, montana, nebraska, nevada, new hampshire, new jersey, new mexico, new york, ohio,
oklahoma, oregon, pennsylvania, rhode island, tennessee, texas, utah, vermont, wisconsin, wyoming,
north carolina, south carolina, north dakota, south dakota,
amsterdam, athens, baghdad, bangkok, barcelona, beijing, peking, berlin, bombay, mumbai, bordeaux, boston,
brussels, budapest, buenos aires, busan, cairo, calcutta, kolkata, chicago, constantinople, copenhagen,
damascus, debrecen, delhi, dublin, edinburgh, geneva, genoa, glasgow, hamburg, havana, hong kong, istanbul,
jerusalem, johannesburg, kabul, kyoto, lagos, leipzig, lima, lisbon, liverpool, london, los angeles,
lyons, madrid, manchester, marseilles, melbourne, milan, montreal, moscow, munich, nagasaki, nairobi,
naples, new orleans, ottawa, oxford, cambridge, palermo, petersburg, philadelphia, prague, quebec,
rangoon, rome, rotterdam, san francisco, seoul, shanghai, singapore, smyrna, stockholm, tehran, tokyo,
toronto, trieste, tunis, turin, vancouver, venice, vienna, warsaw, zurich, bristol, birmingham, brighton,
cornwall, dorset, surrey, sussex, yorkshire, lancashire, northumberland, cumberland
""".replace("\n", " ").split(",") if w.strip())


def thing_head(words: Sequence[str]) -> bool:
    """Whether a name of two or more words ends in a place or thing head ("Kellynch Hall",
    "Marrow Ridge"): a place, a building or a body of people, not a person."""
    return len(words) > 1 and (words[-1] in NON_PERSON_HEADS
                               or (words[-1] in LAND_HEADS and not name_gender(words[0])))


# uses beyond this count as this many: LitBank's excerpts are 2,000 words, a story or novel is longer
_MANY_USES = 20


@dataclass(frozen=True)
class PersonRecord:
    key: str
    values: tuple[float, ...]


def _place_ending(word: str) -> bool:
    return len(word) > 5 and word.endswith(_PLACE_ENDINGS)


def _context(f: dict[str, float], tok, first, tokens) -> None:
    """The words a name stands with: the noun an "of" before it hangs on ("the village of
    Brackenmere", "the son of Ravel"), a person or place noun beside it (an apposition, "her cousin
    Ysolt", "Brackenmere, a village"), what it owns ("Ysolt's eyes") and the verb it is the subject
    of when only a mind or a body does that ("Ysolt smiled")."""
    head = tokens[tok.head]
    ruler = tokens[head.head] if head.head != head.index else None
    aimed = ruler is not None and (ruler.lemma.lower() in _AIMED_VERBS or ruler.pos == "ADJ")
    if tok.dep == "pobj" and ((head.lemma.lower() in _STRICT_PLACE_PREPS and not aimed) or (
            head.lemma == "of" and head.index > 0 and tokens[head.index - 1].text.lower() == "out")):
        f["strict_place_prep"] += 1
    if tok.dep == "pobj" and head.lemma == "of" and head.head != head.index:
        ruler = tokens[head.head].lemma.lower()
        if ruler in _PLACE_NOUNS:
            f["of_place_noun"] += 1
        elif ruler in _PERSON_NOUNS:
            f["of_person_noun"] += 1
    near = []
    if tok.dep == "appos" and tok.head != tok.index:
        near.append(head)
    lo, hi = max(0, tok.index - 8), min(len(tokens), tok.index + 9)
    near += [t for t in tokens[lo:hi] if t.head == tok.index and t.dep == "appos"]
    if first.index > 0:
        prev = tokens[first.index - 1]
        if prev.text.islower() and prev.pos == "NOUN":
            near.append(prev)  # "her cousin Ysolt", "the woman Ravel"
    lemmas = {t.lemma.lower() for t in near if t.text[:1].islower()}
    if lemmas & _PERSON_NOUNS:
        f["person_noun_beside"] += 1
    elif lemmas & _PLACE_NOUNS:
        f["place_noun_beside"] += 1
    if tok.dep == "poss" and head.lemma.lower() in _PERSON_THINGS:
        f["owns_person_thing"] += 1
    if is_subject(tok) and head.lemma.lower() in _MIND_VERBS:
        f["mind_subject"] += 1


def person_records(document: Document, items: Sequence[Mention], stats: Mapping[str, _Stats],
                   quote_spans: tuple[QuoteSpan, ...] = (),
                   lower_words: Mapping[str, int] | None = None) -> list[PersonRecord]:
    """One record per name key with at least one ``name`` mention, in key order."""
    index = TokenIndex(document)
    tokens = document.tokens
    text = document.story.text
    lower_words = lower_words or {}
    first_token = {s.index: s.first_token for s in document.sentences}
    longer_words = {w for key in stats if " " in key for w in key.split()}
    out = []
    for key in sorted(stats):
        st = stats[key]
        ms = [m for m in st.mentions if m.kind == "name"]
        if not ms:
            continue
        f = dict.fromkeys(FEATURES, 0.0)
        n = len(ms)
        for m in ms:
            inside = index.span(m.start, m.end)
            ents = {t.ent for t in inside}
            if "PERSON" in ents:
                f["ent_person"] += 1
            elif ents & _PLACE_ENTS:
                f["ent_place"] += 1
            elif ents & _ORG_ENTS:
                f["ent_org"] += 1
            elif ents & _TIME_ENTS:
                f["ent_time"] += 1
            elif ents - {""}:
                f["ent_other"] += 1
            else:
                f["ent_none"] += 1
            f["titled"] += bool(m.title)
            f["honorific"] += bool(m.honorific)
            f["in_quote"] += m.quote is not None
            tok = index.head_of(m)
            first = index.at(m.start)
            if tok is None or first is None:
                continue
            f["propn"] += tok.pos == "PROPN"
            f["plural_tag"] += tok.tag == "NNPS"  # "the Brahmins", "two Englishmen": a people, a kind
            f["ent_group"] += bool(ents & _GROUP_ENTS)
            head = tokens[tok.head]
            if is_subject(tok):
                f["subject"] += 1
                if head.lemma in SPEECH_VERBS:
                    f["speech_subject"] += 1
            elif tok.dep in ("dobj", "dative"):
                f["object"] += 1
            elif tok.dep == "pobj":
                if head.lemma in _PLACE_PREPS:
                    f["place_prep"] += 1
                elif head.lemma == "of":
                    f["of_object"] += 1
            elif tok.dep == "poss":
                f["possessor"] += 1
            elif tok.dep == "compound":
                f["compound"] += 1
            if tok.index + 1 < len(tokens) and tokens[tok.index + 1].text in ("'s", "’s", "'", "’"):
                f["possessive_s"] += 1
            _context(f, tok, first, tokens)
            sent_first = first_token.get(m.sentence, -1)
            prev = tokens[first.index - 1] if first.index > 0 else None
            initial = first.index == sent_first or (prev is not None and prev.text in '"“‘\'(—')
            if initial and not m.title:
                f["sentence_initial"] += 1
                if first.pos == "VERB" or first.tag == "VB":
                    f["initial_verb"] += 1  # "Tell Orla ...": an imperative, not a name
            if prev is not None and not m.title:
                low = prev.text.lower()
                if low == "the":
                    f["after_the"] += 1
                elif low in _POSSESSIVES:
                    f["after_possessive"] += 1
            before = text[max(0, m.start - 2):m.start]
            after = text[m.end:m.end + 1]
            if (before.endswith(", ") or before[-1:] in ('"', "“")) and after in (",", "!", "?", '"', "”"):
                f["vocative"] += 1
            for nxt in items[m.index + 1:m.index + 8]:
                if nxt.sentence != m.sentence or (nxt.kind == "name" and nxt.start >= m.end):
                    break
                if nxt.kind == "pronoun" and nxt.quote == m.quote and nxt.key in _HE_SHE:
                    f["followed_by_he_she"] += 1
                    break
        for name in ("of_place_noun", "of_person_noun", "person_noun_beside", "place_noun_beside",
                     "owns_person_thing", "mind_subject", "strict_place_prep"):
            f[name] /= n
        for name in ("ent_person", "ent_place", "ent_org", "ent_time", "ent_other", "ent_none", "titled",
                     "honorific", "in_quote", "propn", "subject", "speech_subject", "object", "place_prep",
                     "of_object", "possessor", "compound", "possessive_s", "sentence_initial", "initial_verb",
                     "after_the", "after_possessive", "vocative", "followed_by_he_she", "plural_tag", "ent_group"):
            f[name] /= n
        words = key.split()
        # a run of two capitalised words is a name wherever it stands; one may be a sentence's first word
        f["all_sentence_initial"] = float(f["sentence_initial"] >= 1.0 and len(words) == 1)
        if len(words) > 1:
            f["sentence_initial"] = 0.0
        f["in_longer_name"] = float(len(words) == 1 and key in longer_words)
        f["has_shorter_name"] = float(len(words) > 1 and (words[0] in stats or words[-1] in stats))
        f["bias"] = 1.0
        f["log_uses"] = math.log1p(min(n, _MANY_USES))
        f["words"] = float(min(len(words), 4))
        f["rule_person"] = math.log1p(max(0.0, st.person))
        f["rule_other"] = math.log1p(max(0.0, st.other))
        f["rule_margin"] = max(-5.0, min(5.0, st.person - st.other))
        f["given_name"] = float(bool(words) and bool(name_gender(words[0])))
        f["calendar"] = float(any(w in _CALENDAR for w in words))
        f["place_ending"] = float(any(_place_ending(w) for w in words))
        f["thing_head"] = float(bool(words) and words[-1] in NON_PERSON_HEADS or thing_head(words))
        f["plural_of_other"] = float(bool(words) and words[-1].endswith("s") and key[:-1] in stats)
        f["lower_uses"] = math.log1p(max(0, lower_words.get(key, 0)) / n) if len(words) == 1 else 0.0
        f["all_caps"] = float(all(m.text.isupper() for m in ms))
        f["office"] = float(bool(words) and (words[-1] in OFFICES or words[-1] in TITLES))
        f["short"] = float(len(re.sub(r"\W", "", key)) <= 2)
        # "Lantern", "Ledger": a word the dictionary holds and no given-name list does
        common = [w for w in words if in_dictionary(w.strip("'’")) and not name_gender(w)]
        f["dictionary_word"] = len(common) / max(1, len(words))
        # "Hollin Peak", "Gannet Flight": a name whose last word is a common noun
        f["head_dictionary"] = float(len(words) > 1 and words[-1] in common)
        f["known_place"] = float(key in KNOWN_PLACES and not name_gender(words[0]))
        f["given_and_dictionary"] = float(bool(words) and bool(name_gender(words[0])) and in_dictionary(words[0]))
        out.append(PersonRecord(key, tuple(f[name] for name in FEATURES)))
    return out
