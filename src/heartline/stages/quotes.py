"""Stage ``quotes``: find what characters say and write, before crediting anyone.

Speech is what stands between quotation marks: straight or curly double quotes, or
single quotes in texts that use them for dialogue (British style).  A quote left open
at the end of a paragraph closes there (the convention for multi-paragraph speech).
Letters, notes and cards are found from their signature line ("- Name") and the
first-person paragraphs above it; from a closing formula over a name ("Yours ever,"
then "Rob"), reaching up to their salutation ("Dear Ann,"); and, in a text whose
paragraphs are not indented, from a run of indented paragraphs that ends in a name.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter

from ..layout import CHAT_LINE, TIMESTAMP
from ..model import Document, QuoteSpan
from ..pipeline import stage
from .lexicon import NOT_NAMES, SPEECH_VERBS, TITLES

_OPEN_CLOSE = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c"}
_DOUBLE_STRAIGHT = '"'
_SINGLE_OPEN = ("\u2018", "'")
_SINGLE_CLOSE = ("\u2019", "'")

# "- Stone Mia", "~ Love, Tom", "-Anna" at the end of a line
_SIGNATURE = re.compile(
    r"(?:^|(?<=[.!?…\s]))[ \t]*[-–—~]+[ \t]*(?:(?:love|yours|with love|sincerely|regards),?[ \t]+)?"
    r"(?P<name>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3})[ \t]*$",
    re.MULTILINE,
)
_FIRST_SECOND = re.compile(r"\b(?:I|me|my|mine|I'm|I've|I'll|I'd|you|your|yours)\b", re.IGNORECASE)
_THIRD = re.compile(r"\b(?:he|she|him|his|her|hers|they)\b", re.IGNORECASE)


def _uses_single_quotes(text: str) -> bool:
    doubles = text.count('"') + text.count("\u201c")
    singles = len(re.findall(r"(?:^|[\s(\[—–-])[\u2018'](?=[A-Za-z])", text, re.MULTILINE))
    return singles > 10 and singles > 3 * doubles


def _double_spans(para: str):
    i, n = 0, len(para)
    while i < n:
        ch = para[i]
        if ch == _DOUBLE_STRAIGHT:
            close = para.find(_DOUBLE_STRAIGHT, i + 1)
            end = close if close != -1 else n
            yield i + 1, end
            i = end + 1
        elif ch in _OPEN_CLOSE:
            close = para.find(_OPEN_CLOSE[ch], i + 1)
            end = close if close != -1 else n
            yield i + 1, end
            i = end + 1
        else:
            i += 1


# A single quote that no closing mark after punctuation ends within its paragraph ('the word ‘Keep’ on
# the gate'): closed at its first closing mark after a letter and before no letter, when that falls
# within this many words (a term or a short exclamation); a longer one runs on to the paragraph's end as
# before (speech going on into the next paragraph, where "the girls’ room" must not end it).  LitBank's
# single-quote excerpts: 10 spans ran to their paragraph's end, swallowing the narration, none a gold quote;
# 7 now close (with ``_narrated_term`` read for single quotes too).  Measured: CoNLL 49.8 -> 49.9, he/she in
# narration right 5087 -> 5091 (wrong 1436 -> 1439), in speech 336 -> 333 (12 pronouns the runaway spans held
# are narration's now: speech none 144 -> 136), speakers held out 5 folds 80.0 / 85.2 / 95.3 -> 80.1 / 85.3 /
# 95.3, 10 folds 80.3 / 84.5 / 95.0 unchanged; the 41 golds' eval byte-identical.
_SINGLE_PLAIN_CLOSE_WORDS = 3


def _single_spans(para: str):
    i, n = 0, len(para)
    while i < n:
        ch = para[i]
        starts_word = i + 1 < n and para[i + 1].isalpha()
        after_space = i == 0 or para[i - 1] in " \t\n([—–-"
        if ch in _SINGLE_OPEN and starts_word and after_space:
            j = i + 1
            end = n
            while j < n:
                if para[j] in _SINGLE_CLOSE and (j + 1 == n or not para[j + 1].isalpha()) \
                        and para[j - 1] in ",.!?;:—–-…":
                    end = j
                    break
                j += 1
            if end == n and _SINGLE_PLAIN_CLOSE_WORDS:
                plain = next((k for k in range(i + 2, n) if para[k] in _SINGLE_CLOSE and para[k - 1].isalpha()
                              and (k + 1 == n or not para[k + 1].isalpha())), None)
                if plain is not None and len(para[i + 1:plain].split()) <= _SINGLE_PLAIN_CLOSE_WORDS:
                    end = plain
            yield i + 1, end
            i = end + 1
        else:
            i += 1


def _letter_spans(document: Document, taken: list[tuple[int, int]]):
    """Signed letters: the signature plus the first-person paragraphs above it."""
    text = document.story.text
    paragraphs = document.paragraphs
    for match in _SIGNATURE.finditer(text):
        sig_start = match.start()
        name = match.group("name").strip()
        if any(s <= sig_start < e for s, e in taken):
            continue
        # the paragraph holding the signature
        p = next((i for i, (s, e) in enumerate(paragraphs) if s <= sig_start <= e), None)
        if p is None:
            continue
        start_p = _personal_paragraphs_above(document, p, sig_start)
        if start_p is None:
            continue
        start = paragraphs[start_p][0]
        end = sig_start
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            yield start, end, name, start_p


# ------------------------------------------------------------------ letters without a dash
# The signing name on a line of its own: one to four capitalised words ("Tom Reed",
# "N. WINKLE", "Ann."), perhaps with an editor's "(signed)" beside it.
_NAME_LINE = re.compile(r"[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3}")
# an office under the name ("Sergeant of the Watch"): short, no sentence punctuation
_OFFICE_LINE = re.compile(r"[A-Z][\w'’-]*(?:[ \t]+[\w'’-]+){0,6}")
_EDITORIAL = re.compile(r"\[[^\]\n]*\]|\([^)\n]*\)")
# the formula a letter ends with: "Yours ever,", "Love", "Your loving sister,", "under my hand,"
_CLOSING = re.compile(
    r"(?i:(?:yours|ever yours|forever yours|always yours|love|with love|all my love|lots of love"
    r"|much love|sincerely|faithfully|affectionately|fondly|warmly|cheers|regards|kind regards"
    r"|best wishes|believe me)\b[^.!?\n]{0,30}"
    r"|your\b(?:[ \t]+[\w'’-]+){0,3}?[ \t]+(?:friend|servant|sister|brother|son|daughter|mother|father"
    r"|wife|husband|cousin|niece|nephew|aunt|uncle|love|own)(?:,[^.!?\n]{0,20})?"
    r"|.*\b(?:by|under) my (?:own )?hand),?")
# the line a letter opens with: "Dear Ann,", "My lord Provost,", "To the Provost, ..., these:"
_SALUTATION = re.compile(
    r"(?:(?i:my|dear|dearest|darling|hi|hey|hello)\b|(?i:" + "|".join(map(re.escape, TITLES)) + r")\.?[ \t])"
    r"[^.!?\n]{0,40}[,:!]|To[ \t][^\n]{1,120}[,:]")
_QUOTE_MARKS = ('"', "\u201c", "\u201d", "\u00ab")
_UP_TO_SALUTATION = 60  # lines a letter closed by a formula may reach up for its salutation


def is_salutation(line: str) -> bool:
    """Does this line open a letter ("Dear Ann,", "To the Provost of the Fens, these:")?"""
    line = line.strip()
    return bool(_SALUTATION.fullmatch(line)) and not _CLOSING.fullmatch(line)


def letter_opening(text: str, start: int, end: int) -> int:
    """Where the superscription and salutation lines opening a letter end (``start``
    when it opens with neither): the person they name is the one it is written to."""
    opening = start
    for m in re.finditer(r"[^\n]+", text[start:end]):
        if m.group().strip() and not (is_salutation(m.group()) or _opens_letter(m.group())):
            break
        opening = start + m.end()
    return opening


def _signer(line: str) -> str | None:
    """The name a signature line reads as, without editorial notes or a closing full stop."""
    name = _EDITORIAL.sub("", line).strip()
    if not _NAME_LINE.fullmatch(name):
        return None
    words = [w.strip(".").lower() for w in name.split()]
    if any(w in NOT_NAMES for w in words) or all(w in TITLES for w in words):
        return None  # "The End", "Amen", a bare "Captain"
    return name[:-1] if name.endswith(".") and len(name.split()[-1]) > 2 else name


def _is_editorial(line: str) -> bool:
    return _EDITORIAL.sub("", line).strip() == ""


def _lines(document: Document) -> tuple[tuple[int, int, int], ...]:
    """Every non-blank line of the story's paragraphs: (start, end, paragraph), trimmed (kept
    in the document: ``Document.lines``)."""
    return document.lines


def _signature_below(text: str, lines, i: int) -> tuple[str, int] | None:
    """The name signed under line ``i``, past editorial notes: (name, end of its line)."""
    j = i + 1
    while j < len(lines) and _is_editorial(text[lines[j][0]:lines[j][1]]):
        j += 1
    if j == len(lines) or text.count("\n", lines[i][1], lines[j][0]) > 2:
        return None  # more than a blank line between: the name is not under it
    name = _signer(text[lines[j][0]:lines[j][1]])
    return (name, lines[j][1]) if name else None


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in taken)


def _indented(text: str, offset: int) -> bool:
    lead = text[text.rfind("\n", 0, offset) + 1:offset]
    return lead.strip() == "" and ("\t" in lead or len(lead) >= 2)


# Measured and dropped (issue 16, session 19, on 53c1e61): an unsigned first- or second-person text set
# off by indentation right under a paragraph whose named subject writes (write, scribble, scrawl, jot,
# pen: "Wistan scribbled a line on a napkin." over an indented verse) read as that person's letter,
# addressed only by its own words (no guess from the narration: the one named just before was as often
# not the one it was for).  3 such texts in the 39 fics, all in one story, which did not move; the
# held-out judge pooled lenient / strict 0.725 / 0.644 -> 0.723 / 0.642 (one story down by refit noise).
def _set_off_letters(document: Document, taken: list[tuple[int, int]]):
    """Letters set off by indentation: a run of indented paragraphs whose last line, past
    editorial notes and an office line, is a name.  Only where the story's other
    paragraphs are not indented; a run whose words are only a closing formula is left
    to ``_closed_letters``, which finds the letter above it."""
    text, paragraphs = document.story.text, document.paragraphs
    indented = [_indented(text, s) for s, _ in paragraphs]
    lines = _lines(document)
    for i, j in _indented_runs(document, lines, indented):
        in_run = lines[j][2] - lines[i][2] + 1
        others, others_indented = len(paragraphs) - in_run, sum(indented) - in_run
        if others_indented * 2 >= others:
            continue  # the story indents its own paragraphs: indentation sets nothing off
        signed = _signed_run(text, lines[i:j + 1])
        if signed is None:
            continue
        last, name = signed
        start, end = lines[i][0], lines[i + last][1]
        personal = _FIRST_SECOND.search(text[start:end]) or is_salutation(text[start:lines[i][1]])
        if personal and not _CLOSING.fullmatch(text[start:end]) and not _overlaps(taken, start, lines[j][1]):
            yield start, end, name, lines[i][2]


def _indented_runs(document: Document, lines, indented: list[bool]):
    """(first, last) line of every run of consecutive indented paragraphs in one scene."""
    i = 0
    while i < len(lines):
        if not indented[lines[i][2]]:
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and indented[lines[j + 1][2]] and lines[j + 1][2] - lines[j][2] <= 1 \
                and document.scene_at(lines[j + 1][0]) == document.scene_at(lines[i][0]):
            j += 1
        yield i, j
        i = j + 1


def _signed_run(text: str, run) -> tuple[int, str] | None:
    """(index of the letter's last line, signing name) of a run of lines ending in a signature."""
    def line(k: int) -> str:
        return text[run[k][0]:run[k][1]]

    k = len(run) - 1
    while k > 0 and _is_editorial(line(k)):
        k -= 1  # "[Sealed in red wax]"
    if k > 1 and not _signer(line(k)) and _OFFICE_LINE.fullmatch(line(k)):
        k -= 1  # "Sergeant of the Watch" under the name
    name = _signer(line(k))
    k -= 1
    while k > 0 and _is_editorial(line(k)):
        k -= 1  # "(signed)" above the name
    return (k, name) if name and k >= 0 else None


def _closed_letters(document: Document, taken: list[tuple[int, int]]):
    """Letters that end in a closing formula over a name ("Yours ever," / "Rob"), indented
    or not.  They begin at their salutation, else at the first-person paragraphs above."""
    text = document.story.text
    lines = _lines(document)
    for i, (s, e, p) in enumerate(lines):
        if not _CLOSING.fullmatch(text[s:e]):
            continue
        signed = _signature_below(text, lines, i)
        if not signed or _overlaps(taken, s, signed[1]):
            continue
        k = _salutation_above(document, lines, i, taken)
        if k is not None:
            yield lines[k][0], e, signed[0], lines[k][2]
            continue
        start_p = _personal_paragraphs_above(document, p, s)
        if start_p is not None:
            yield document.paragraphs[start_p][0], e, signed[0], start_p


def _salutation_above(document: Document, lines, i: int, taken) -> int | None:
    """The line where the letter closed at line ``i`` opens: a salutation beginning a
    paragraph a little above, with no dialogue, no other letter and no scene break in
    between (and over it, a superscription)."""
    text = document.story.text
    scene = document.scene_at(lines[i][0])
    opening = None
    for k in range(i - 1, max(-1, i - 1 - _UP_TO_SALUTATION), -1):
        s, e, p = lines[k]
        line = text[s:e]
        if document.scene_at(s) != scene or any(q in line for q in _QUOTE_MARKS) \
                or _CLOSING.fullmatch(line) or _overlaps(taken, s, e):
            break
        if s == document.paragraphs[p][0] and is_salutation(line):
            opening = k
        elif opening is not None:
            break
    return opening


def _personal_paragraphs_above(document: Document, p: int, sig_start: int) -> int | None:
    """The first paragraph of a letter closed at ``sig_start`` in paragraph ``p``: the
    first-person paragraphs above, up to narration (third person, dialogue) or a new
    scene.  None when nothing above speaks as I or to you."""
    text, paragraphs = document.story.text, document.paragraphs
    scene = document.scene_at(sig_start)
    first = p
    if text[paragraphs[p][0]:sig_start].strip() == "":
        first = p - 1  # the signature stands alone: the letter is above it
    if first < 0:
        return None
    start_p = first
    personal = bool(_FIRST_SECOND.search(text[paragraphs[first][0]:sig_start]))
    while start_p - 1 >= 0:
        s, e = paragraphs[start_p - 1]
        body = text[s:e]
        if document.scene_at(s) != scene or '"' in body or "\u201c" in body:
            break
        mine, theirs = len(_FIRST_SECOND.findall(body)), len(_THIRD.findall(body))
        if theirs >= mine and (theirs or len(body) > 100):
            break
        personal = personal or mine > 0
        start_p -= 1
    return start_p if personal else None


# ------------------------------------------------------------------ letters framed by a scene
# An epistolary story lays each letter out as its own section: maybe a heading and a
# place and date, then a greeting ("Dear Ann,", "Dearest Ann,", "Ann,"), the body, and a
# sign-off ("Yours, / Rob", "Love, Rob", "Your Rob", "— R.", or the name alone closing
# the section).  The whole body is the writer's, quoted speech inside it included.
_BARE_SALUTATION = re.compile(r"[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?[ \t]*,")
_GREETING_WORDS = frozenset({"my", "dear", "dearest", "darling", "hi", "hey", "hello", "to", "own"})
# the closing and the name on one line: "Love, Rob", "Yours ever, Rob", "Your Rob"
_ONE_LINE_SIGN_OFF = re.compile(
    r"(?i:yours(?:[ \t]+(?:ever|always|truly|sincerely))?|ever[ \t]+yours|always[ \t]+yours|love"
    r"|all[ \t]+my[ \t]+love|with[ \t]+love|your(?:[ \t]+(?:own|loving|devoted|dearest))?)"
    r",?[ \t]+(?P<name>[A-Z][\w'’-]*\.?(?:[ \t]+[A-Z][\w'’-]*\.?)?)")
_DASH_SIGN_OFF = re.compile(r"[-–—~]+[ \t]*(?P<name>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3})")
_FRAME_LINES = 80  # lines a framed letter may run to


_EMPHASIS = re.compile(r"^([*_]{1,2})(?P<inner>\S(?:.*\S)?)\1$")


def _plain(line: str) -> tuple[str, bool]:
    """A line without the emphasis marks around it ("*Oswy,*" -> "Oswy,"), and whether it had them."""
    m = _EMPHASIS.match(line.strip())
    return (m.group("inner"), True) if m else (line.strip(), False)


def _opens_letter(line: str) -> bool:
    line = _plain(line)[0]
    return is_salutation(line) or bool(_BARE_SALUTATION.fullmatch(line)) \
        and line[:-1].lower() not in NOT_NAMES


def _sign_off(text: str, lines, k: int, last_of_scene: bool, set_off: bool = False) -> tuple[str, int] | None:
    """(name, index of the letter's last line) when line ``k`` signs a letter off.  A name
    alone signs only at the end of its section, or where the letter is set in italics and
    so is the name ("*Oswy,*" ... "*T.*")."""
    line, emphasised = _plain(_EDITORIAL.sub("", text[lines[k][0]:lines[k][1]]))
    for pattern in (_ONE_LINE_SIGN_OFF, _DASH_SIGN_OFF):
        m = pattern.fullmatch(line)
        if m and _signer(m.group("name")):
            return m.group("name"), k - 1
    name = _signer(line)
    if name is None:
        return None
    above = _plain(text[lines[k - 1][0]:lines[k - 1][1]])[0] if k > 0 else ""
    if _CLOSING.fullmatch(above):
        return name, k - 1  # "Yours ever," over "Rob": the closing stays in the letter
    return (name, k - 1) if last_of_scene or (set_off and emphasised) else None


def _framed_letters(document: Document) -> list[tuple[int, int, str, int]]:
    """Letters laid out as sections: (start, end, signing name, paragraph of the greeting).

    The greeting must open a paragraph among the section's first three lines, and the
    sign-off must follow within the section; the letter is everything in between."""
    text = document.story.text
    lines = _lines(document)
    by_scene: dict[int, list[int]] = {}
    for k, (s, _e, _p) in enumerate(lines):
        by_scene.setdefault(document.scene_at(s), []).append(k)
    found = []
    for scene in sorted(by_scene):
        ks = by_scene[scene]
        pos = 0
        while pos < len(ks):
            opening = next((j for j in range(pos, min(pos + 3, len(ks)))
                            if lines[ks[j]][0] == document.paragraphs[lines[ks[j]][2]][0]
                            and _opens_letter(text[lines[ks[j]][0]:lines[ks[j]][1]])), None)
            if opening is None:
                break
            signed = None
            for j in range(opening + 2, min(opening + _FRAME_LINES, len(ks))):
                signed = _sign_off(text, lines, ks[j], j == len(ks) - 1,
                                   _plain(text[lines[ks[opening]][0]:lines[ks[opening]][1]])[1])
                if signed:
                    break
            if signed is None:
                break
            name, last = signed
            k0 = ks[opening]
            found.append((lines[k0][0], lines[last][1], name, lines[k0][2]))
            pos = ks.index(last) + 2  # a reply may follow in the same section
    return found


def greeting_names(text: str, start: int, opening: int) -> list[str]:
    """The words the greeting lines of a letter (``start`` to ``letter_opening``) call their
    reader by ("Dear Ann," -> ["Ann"], "*Oswy,*" -> ["Oswy"], "Dear Diary," -> ["Diary"])."""
    return [w for line in text[start:opening].splitlines() if line.strip() and _opens_letter(line)
            for w in _greeted(_plain(line)[0])]


def _greeted(line: str) -> list[str]:
    """The names a greeting line calls ("Dearest Ann," -> ["Ann"])."""
    words = re.findall(r"[A-Z][\w'’-]+", line)
    return [w for w in words if w.lower() not in _GREETING_WORDS and w.lower() not in NOT_NAMES
            and w.lower().rstrip(".") not in TITLES]


_NEAR_LETTER = 600  # characters of narration around a letter where its writer may be shown writing it


def _expand_initials(text: str, letters: list[tuple[int, int, str, int]]) -> list[tuple[int, int, str, int]]:
    """A correspondent signing with an initial ("— M.") is the one correspondent, signer or
    greeted, whose name starts with it; else the one person of that initial the narration
    just around the letter names ("Ysolde Tarrant put down her pen" over "Y.")."""
    names: list[str] = []
    for start, _end, name, _p in letters:
        names.append(name)
        names.extend(_greeted(text[start:text.find("\n", start) if "\n" in text[start:] else len(text)]))
    full = sorted({n for n in names if len(n.rstrip(".")) > 1})
    out = []
    for start, end, name, p in letters:
        core = name.rstrip(".")
        if len(core) == 1:
            fits = [n for n in full if n.startswith(core)]
            if not fits:
                around = text[max(0, start - _NEAR_LETTER):start] + " " + text[end:end + _NEAR_LETTER // 2]
                fits = sorted({m.group() for m in re.finditer(
                    r"(?<![\w'’])" + core + r"[a-z][\w'’-]+(?:[ \t]+[A-Z][a-z][\w'’-]+)?", around)
                    if m.group().split()[0].lower() not in NOT_NAMES and m.group().split()[0].lower() not in TITLES},
                    key=lambda n: (-len(n), n))
            if len({f.split()[0] for f in fits}) == 1:
                name = fits[0]
        out.append((start, end, name, p))
    return out


# A word or two the narration sets in quotation marks inside its own sentence ('sat a girl, "pretty"
# and proud'; 'the "Old Mill" was shut'): a term quoted, not speech.  Read as narration, so nobody
# is made its speaker and the turn-taking after it does not count a turn (LitBank: 55 such spans in the
# excerpts are no gold quote, 2 are).  The shape: at most ``_TERM_WORDS`` words, no stop, comma or dash
# inside, a word of the sentence (maybe with a comma) right before the opening mark and a lower-case word
# right after the closing one, and the word before no speech verb ('he said "Fine" to her' is speech).
# Measured (issue 16, with the layout's speech lines): LitBank quotes found exact precision 85.2 -> 88.3, he/she
# in narration right 5051 -> 5087 (wrong 1431 -> 1436, none 622 -> 581), in speech 333 -> 336, CoNLL 49.8 and
# PER 85.5 kept; speakers held out 5 folds B3 / found / explicit 79.8 / 84.9 / 95.2 -> 80.0 / 85.2 / 95.3,
# 10 folds 79.9 / 84.2 / 95.0 -> 80.3 / 84.5 / 95.0 (a scare-quoted word no longer a turn of whoever the
# narration names: a described speaker's tagged quote right after one had gone to the named man).  The 41
# golds' eval byte-identical; five dev fics lose a span ("the firm", a song's title); the feeling judge held
# out pooled lenient / strict 0.722 / 0.639 -> 0.724 / 0.634 (mean 0.709 / 0.619 -> 0.711 / 0.614), the
# stories that moved (secret_identity, nonbinary_bard, ensemble_party ...) none of the five: refit noise.
# Read in texts that use single quotes for speech too (``_SINGLE_PLAIN_CLOSE_WORDS``).  Measured and dropped:
# a term with the comma or stop American style sets inside its closing mark ('the "Old Mill," where'), taken
# when a word stood right before the opening mark and no he/she/the tag word followed: quotes exact precision
# 88.4 -> 90.0 but speakers held out 5 folds 80.1 / 85.3 / 95.3 -> 79.6 / 85.0 / 95.7, 10 folds 80.3 / 84.5 /
# 95.0 -> 80.2 / 84.3 / 95.6, PER recall 88.6 -> 88.5.
_NARRATED_TERMS = True
_TERM_WORDS = 3
_TERM_INNER_STOP = re.compile(r"[.!?,;:…—–]|--")
_TERM_BEFORE = re.compile(r"[A-Za-z],?\s*$")
_TERM_AFTER = re.compile(r"[ \t]*\n?[ \t]*[a-z]")


def _narrated_term(document: Document, starts: list[int], s: int, e: int) -> bool:
    """Whether the quoted words ``text[s:e]`` are a term the narration quotes (``_NARRATED_TERMS``)."""
    text = document.story.text
    inner = text[s:e]
    if e >= len(text) or text[e] not in "\"\u201d'\u2019" or not 1 <= len(inner.split()) <= _TERM_WORDS \
            or _TERM_INNER_STOP.search(inner):
        return False
    if not _TERM_BEFORE.search(text, max(0, s - 4), s - 1) or not _TERM_AFTER.match(text, e + 1):
        return False
    k = bisect.bisect_left(starts, s - 1) - 1  # the word before the opening mark (past a comma)
    if k >= 0 and document.tokens[k].text == ",":
        k -= 1
    return k < 0 or document.tokens[k].lemma.lower() not in SPEECH_VERBS


@stage("quotes", needs=("document",), produces="quote_spans")
def find_quotes(document: Document) -> tuple[QuoteSpan, ...]:
    """Every quotation and signed letter, with offsets of the words inside the marks."""
    text = document.story.text
    single = _uses_single_quotes(text)
    found: list[tuple[int, int, int, str, str]] = []  # start, end, paragraph, kind, signature/prefix
    framed = _expand_initials(text, _framed_letters(document))
    for s, e, name, p_index in framed:
        found.append((s, e, p_index, "letter", name))
    chat = _chat_lines(document)
    chat.update(_play_lines(document))
    starts = [t.start for t in document.tokens]
    for p_index, (p_start, p_end) in enumerate(document.paragraphs):
        if _overlaps([(s, e) for s, e, *_ in framed], p_start, p_end):
            continue  # speech reported in a letter is the letter's
        if p_index in chat:
            s, e, handle = chat[p_index]
            found.append((s, e, p_index, "line", handle))
            continue
        para = text[p_start:p_end]
        spans = _single_spans(para) if single else _double_spans(para)
        for s, e in spans:
            if _NARRATED_TERMS and _narrated_term(document, starts, p_start + s, p_start + e):
                continue
            if text[p_start + s:p_start + e].strip():
                found.append((p_start + s, p_start + e, p_index, "speech", ""))
    taken = [(s, e) for s, e, *_ in found]
    for s, e, name, p_index in _letter_spans(document, taken):
        if not _overlaps(taken, s, e):
            found.append((s, e, p_index, "letter", name))
    taken = [(s, e) for s, e, *_ in found]
    for letters in (_set_off_letters, _closed_letters):
        for s, e, name, p_index in letters(document, taken):
            if not _overlaps(taken, s, e):
                found.append((s, e, p_index, "letter", name))
                taken.append((s, e))
    found.sort()
    return tuple(
        QuoteSpan(index=i, start=s, end=e, scene=document.scene_at(s), paragraph=p, kind=kind,
                  signature=sig if kind == "letter" else "", prefix=sig if kind == "line" else "")
        for i, (s, e, p, kind, sig) in enumerate(found)
    )


# ------------------------------------------------------------------ plays and scripts
# A speaker prefix in capitals: "ROMEO" on a line of its own, or "ROMEO. But soft!" /
# "HAMLET: Words, words, words." opening the speech.
_SPEAKER_NAME = r"[A-Z][A-Z'’\-]*(?: (?:[A-Z][A-Z'’\-]*|of|de|la|le|van|von))*"
# a screenplay's extension after the cue ("MARA (V.O.)", "MARA (CONT'D)"): how the line is
# heard, not part of the name
_EXTENSION = r"(?:[ \t]*\((?:V\.O\.|O\.S\.|O\.C\.|CONT['’]D|V\.O|O\.S|O\.C)\))?"
_SPEAKER_ALONE = re.compile(rf"^[ \t]*(?P<name>{_SPEAKER_NAME}){_EXTENSION}[ \t]*[.:]?[ \t]*$")
_SPEAKER_INLINE = re.compile(rf"^[ \t]*(?P<name>{_SPEAKER_NAME})[ \t]*[.:][ \t]+(?P<text>\S)")
# stage directions: narration, not speech
_DIRECTION = re.compile(
    r"^[ \t]*(?:[\[(_]"
    r"|(?i:enter|exit|exeunt|re-enter|re-?enters?|exits|enters|flourish|alarums?|music|dies|falls"
    r"|aside|within|sound|trumpets?|noise)\b"
    r"|[A-Z]{2,}(?: [A-Z]{2,})* [a-z]+s\b)")  # "JULIET appears above at a window"
_BRACKETED = re.compile(r"^[ \t]*[\[(][^\])\n]{1,80}[\])][ \t]*(?=\S)")
_ENTRANCE = re.compile(r"^[ \t]*(?:enter|exit|exeunt|re-enter)\b", re.IGNORECASE)
_DIRECTION_LINE = re.compile(r"\n(?=" + _DIRECTION.pattern[1:] + ")")
# (a screenplay's scene heading, "EXT. MILL YARD - NIGHT", and its transitions, "FADE IN:", "CUT TO:", are
# no speakers)
_NOT_SPEAKERS = frozenset({"ACT", "SCENE", "PROLOGUE", "EPILOGUE", "THE END", "FINIS", "END",
                           "CHAPTER", "PART", "BOOK", "INTERLUDE", "CONTENTS", "DRAMATIS PERSONAE",
                           "INT", "EXT", "INT/EXT", "EXT/INT", "I/E", "FADE", "CUT", "DISSOLVE", "SMASH"})
_MIN_PLAY_SPEECHES = 8


def is_chat_line(text: str, start: int, kind: str) -> bool:
    """A chat message ("[21:17] mia.k: ..."), not a play's speech (its prefix in capitals,
    or on the line above): chat writes names in lower case and says "love" lightly."""
    if kind != "line":
        return False
    prefix = text[text.rfind("\n", 0, start) + 1:start].strip().rstrip(":.*_").strip()
    # a script's cue is a bare name in capitals; an emoji or sparkle beside it is a chat's
    decorated = any(not (ch.isalnum() or ch.isspace() or ch in ".:[]-'’()") for ch in prefix)
    return bool(prefix) and (not prefix.isupper() or decorated)


def _column(text: str, offset: int) -> int:
    """How far into its line ``offset`` stands (spaces and tabs before it)."""
    return offset - (text.rfind("\n", 0, offset) + 1)


def _speaker_name(name: str) -> bool:
    words = name.split()
    return (any(c.isalpha() for c in name) and len(name) <= 40 and len(words) <= 4
            and name.upper() == name and words[0] not in _NOT_SPEAKERS
            and not re.fullmatch(r"[IVXLC]+\.?", name))


def _play_lines(document: Document) -> dict[int, tuple[int, int, str]]:
    """Speeches of a play or script: paragraph -> (start, end, speaker as written).

    Read only when the text is laid out as one: at least eight speeches under capital
    speaker prefixes, two speakers with several each.  A speech runs on over paragraphs
    until the next prefix, an entrance or exit, or a new scene; stage directions
    ("Enter ROMEO", "[Aside]") stay narration."""
    text = document.story.text
    found: dict[int, tuple[int, int, str]] = {}
    turns: Counter[str] = Counter()  # how often each prefix takes the floor
    speaker: str | None = None
    scene = -1
    prefixes = {m.group("name").lower() for p_start, p_end in document.paragraphs
                if (m := _SPEAKER_INLINE.match(text[p_start:p_end]))}
    cue_column = speech_column = -1  # a screenplay's layout: where the cue and its speech stand
    for p_index, (p_start, p_end) in enumerate(document.paragraphs):
        para = text[p_start:p_end]
        if document.scene_at(p_start) != scene:
            speaker, scene = None, document.scene_at(p_start)
        column = _column(text, p_start)
        alone = _SPEAKER_ALONE.match(para)
        # A screenplay sets the cue deep, its speech less deep and the action at the margin: a
        # line back at the margin after an indented speech is action, the narration ("Nell sets
        # the cup down."), and the speech has ended; a word in capitals there ("LATER") is no cue.
        margin = 0 < speech_column < cue_column and column + (alone.start("name") if alone else 0) < speech_column
        if alone and "\n" not in para and _speaker_name(alone.group("name")) and not margin:
            speaker = alone.group("name")
            turns[speaker] += 1
            cue_column, speech_column = column + alone.start("name"), -1
            continue
        if margin:
            speaker = None
        inline = _SPEAKER_INLINE.match(para)
        if inline and _key_line(para[inline.start("text"):], prefixes - {inline.group("name").lower()}):
            continue  # "Q: Det. Lark. A: C. Tallis.": a key to the roles
        if inline and _speaker_name(inline.group("name")):
            speaker = inline.group("name")
            turns[speaker] += 1
            found[p_index] = (p_start + inline.start("text"), p_end, speaker)
            continue
        if speaker is None:
            continue
        aside = _BRACKETED.match(para)
        if aside:  # "[Aside to GREGORY] Is the law of our side?"
            p_start += aside.end()
            para = text[p_start:p_end]
        if _DIRECTION.match(para):
            nl = para.find("\n")
            if nl == -1 or _DIRECTION.match(para[nl + 1:]):
                if _ENTRANCE.match(para):
                    speaker = None
                continue
            p_start += nl + 1  # "Re-enter TYBALT" on its own line, then the speech goes on
            para = text[p_start:p_end]
        # the speech, up to a stage direction line inside it
        cut = _DIRECTION_LINE.search(para)
        end = p_start + cut.start() if cut else p_end
        if text[p_start:end].strip():
            found[p_index] = (p_start, end, speaker)
            if speech_column < 0:
                speech_column = _column(text, p_start)
    # a play is turns: two speakers who each take the floor three times.  Paragraphs
    # under one capitalised heading ("THE FIRST WINTER" over a letter) are not a play.
    if sum(turns.values()) < _MIN_PLAY_SPEECHES or sum(1 for n in turns.values() if n >= 3) < 2:
        return {}
    return found


# "DM: tom → mia" heads a section of private messages; it is not somebody called DM talking
_SECTION_LABELS = frozenset({"dm", "dms", "pm", "pms", "private chat", "direct messages", "note", "notes"})



def _plain_decoration(m: re.Match) -> bool:
    """Decoration around a handle is symbols and emoji ("✨", "🌙", "**"), never sentence
    punctuation: "...well:" or "Wait, Tom:" open prose, not a message."""
    deco = m.group("before") + (m.group("after") or "")
    return not any(ch in ",;!?…" for ch in deco)


# the one who tells a roleplay's story ("[GM] The fog lifts over the quay.")
_NARRATING = frozenset({"gm", "narrator", "storyteller", "game master"})
# a name in bold opening a chat message: the line's writer voices that person (a game
# master's non-player characters, "**Orla:** Welcome in.")
_VOICED = re.compile(r"(?:\*\*|__)(?P<name>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3})"
                     r"(?::(?:\*\*|__)|(?:\*\*|__):)[ \t]+(?=\S)")


def _key_line(message: str, other_handles: set[str]) -> bool:
    """A transcript's key ("Q: Det. Lark. A: C. Tallis."): after one role's name, another
    role of the same log is given its name, in a line that is no sentence."""
    for handle in sorted(other_handles):
        m = re.search(r"(?:^|[.;,][ \t]+)" + re.escape(handle) + r"[ \t]*:[ \t]*[A-Z]", message, re.IGNORECASE)
        if m and m.start() > 0 and len(message) <= 80:
            return True
    return False


def _chat_lines(document: Document) -> dict[int, tuple[int, int, str]]:
    """Chat-log and transcript lines: paragraph -> (start, end, handle).

    A line counts when it has a timestamp, or when it belongs to a run of at least three
    "handle: text" lines in which some handle speaks twice: a lone "Note: ..." or
    "Warning: ..." line is not a conversation.  A lone line of a handle that chats in such
    a run, dressed the same way, is a message too (a text read on a phone in the prose)."""
    text = document.story.text
    hits: dict[int, tuple[int, int, str, bool]] = {}
    for p_index, (p_start, p_end) in enumerate(document.paragraphs):
        line = text[p_start:p_end]
        if "\n" in line:
            continue
        m = CHAT_LINE.match(line)
        if m and m.group("handle").lower() not in _SECTION_LABELS and _plain_decoration(m):
            start, handle = p_start + m.start("text"), m.group("handle")
            voiced = _VOICED.match(line, m.start("text"))
            if voiced:  # "[GM] **Orla:** ..." the game master speaking as somebody else
                start, handle = p_start + voiced.end(), voiced.group("name")
            elif handle.lower() in _NARRATING:
                continue  # the game master's own lines tell the story: narration
            hits[p_index] = (start, p_end, handle, bool(TIMESTAMP.match(line)))
    out: dict[int, tuple[int, int, str]] = {}
    run: list[int] = []
    for hit in [*sorted(hits), None]:
        if run and (hit is None or hit != run[-1] + 1):
            handles = [hits[i][2].lower() for i in run]
            conversation = len(run) >= 3 and len(set(handles)) < len(handles)
            for i in run:
                if _key_line(text[hits[i][0]:hits[i][1]], set(handles) - {hits[i][2].lower()}):
                    continue  # "Q: Det. Lark. A: C. Tallis.": who holds each role, not a message
                if conversation or hits[i][3]:
                    out[i] = hits[i][:3]
            run = []
        if hit is not None:
            run.append(hit)
    # a lone message between paragraphs of prose ("**mia.k:** did you tell her") from a
    # handle that chats elsewhere in the story, decorated as it is there, is a message too
    known = {(hits[i][2].lower(), _decoration(text, document.paragraphs[i])) for i in out}
    for i in sorted(set(hits) - set(out)):
        if (hits[i][2].lower(), _decoration(text, document.paragraphs[i])) in known \
                and not _key_line(text[hits[i][0]:hits[i][1]], {h for h, _ in known} - {hits[i][2].lower()}):
            out[i] = hits[i][:3]
    return dict(sorted(out.items()))


def _decoration(text: str, paragraph: tuple[int, int]) -> str:
    """How a chat line dresses its handle: what stands before and after it ("**", "[", ":")."""
    m = CHAT_LINE.match(text[paragraph[0]:paragraph[1]])
    if m is None:
        return ""
    return re.sub(r"[\w.@\- ]", "", text[paragraph[0] + m.start():paragraph[0] + m.start("text")])
