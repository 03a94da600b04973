"""Stage ``quotes``: find what characters say and write, before crediting anyone.

Speech is what stands between quotation marks: straight or curly double quotes, or
single quotes in texts that use them for dialogue (British style).  A quote left open
at the end of a paragraph closes there (the convention for multi-paragraph speech).
Letters, notes and cards are found from their signature line ("- Name") and the
first-person paragraphs above it.
"""
from __future__ import annotations

import re
from collections import Counter

from ..model import Document, QuoteSpan
from ..pipeline import stage
from .scenes import CHAT_LINE, TIMESTAMP

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
        scene = document.scene_at(sig_start)
        first = p
        own_start, _ = paragraphs[p]
        if text[own_start:sig_start].strip() == "":
            first = p - 1  # the signature stands alone: the letter is above it
        # walk up through the letter: stop at narration (third person, dialogue) or a new scene
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
        if not personal:
            continue
        start = paragraphs[start_p][0]
        end = sig_start
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            yield start, end, name, start_p


@stage("quotes", needs=("document",), produces="quote_spans")
def find_quotes(document: Document) -> tuple[QuoteSpan, ...]:
    """Every quotation and signed letter, with offsets of the words inside the marks."""
    text = document.story.text
    single = _uses_single_quotes(text)
    found: list[tuple[int, int, int, str, str]] = []  # start, end, paragraph, kind, signature/prefix
    chat = _chat_lines(document)
    chat.update(_play_lines(document))
    for p_index, (p_start, p_end) in enumerate(document.paragraphs):
        if p_index in chat:
            s, e, handle = chat[p_index]
            found.append((s, e, p_index, "line", handle))
            continue
        para = text[p_start:p_end]
        spans = _single_spans(para) if single else _double_spans(para)
        for s, e in spans:
            if text[p_start + s:p_start + e].strip():
                found.append((p_start + s, p_start + e, p_index, "speech", ""))
    taken = [(s, e) for s, e, *_ in found]
    for s, e, name, p_index in _letter_spans(document, taken):
        found.append((s, e, p_index, "letter", name))
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
_SPEAKER_ALONE = re.compile(rf"^[ \t]*(?P<name>{_SPEAKER_NAME})[ \t]*[.:]?[ \t]*$")
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
_NOT_SPEAKERS = frozenset({"ACT", "SCENE", "PROLOGUE", "EPILOGUE", "THE END", "FINIS", "END",
                           "CHAPTER", "PART", "BOOK", "INTERLUDE", "CONTENTS", "DRAMATIS PERSONAE"})
_MIN_PLAY_SPEECHES = 8


def is_chat_line(text: str, start: int, kind: str) -> bool:
    """A chat message ("[21:17] mia.k: ..."), not a play's speech (its prefix in capitals,
    or on the line above): chat writes names in lower case and says "love" lightly."""
    if kind != "line":
        return False
    prefix = text[text.rfind("\n", 0, start) + 1:start].strip().rstrip(":.").strip()
    return bool(prefix) and not prefix.isupper()


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
    speaker: str | None = None
    scene = -1
    for p_index, (p_start, p_end) in enumerate(document.paragraphs):
        para = text[p_start:p_end]
        if document.scene_at(p_start) != scene:
            speaker, scene = None, document.scene_at(p_start)
        alone = _SPEAKER_ALONE.match(para)
        if alone and "\n" not in para and _speaker_name(alone.group("name")):
            speaker = alone.group("name")
            continue
        inline = _SPEAKER_INLINE.match(para)
        if inline and _speaker_name(inline.group("name")):
            speaker = inline.group("name")
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
    counts = Counter(name for *_, name in found.values())
    if len(found) < _MIN_PLAY_SPEECHES or sum(1 for n in counts.values() if n >= 3) < 2:
        return {}
    return found


# "DM: tom → mia" heads a section of private messages; it is not somebody called DM talking
_SECTION_LABELS = frozenset({"dm", "dms", "pm", "pms", "private chat", "direct messages", "note", "notes"})



def _chat_lines(document: Document) -> dict[int, tuple[int, int, str]]:
    """Chat-log and transcript lines: paragraph -> (start, end, handle).

    A line counts when it has a timestamp, or when it belongs to a run of at least three
    "handle: text" lines in which some handle speaks twice: a lone "Note: ..." or
    "Warning: ..." line is not a conversation."""
    text = document.story.text
    hits: dict[int, tuple[int, int, str, bool]] = {}
    for p_index, (p_start, p_end) in enumerate(document.paragraphs):
        line = text[p_start:p_end]
        if "\n" in line:
            continue
        m = CHAT_LINE.match(line)
        if m and m.group("handle").lower() not in _SECTION_LABELS:
            hits[p_index] = (p_start + m.start("text"), p_end, m.group("handle"),
                             bool(TIMESTAMP.match(line)))
    out: dict[int, tuple[int, int, str]] = {}
    run: list[int] = []
    for p_index in sorted(hits) + [None]:
        if run and (p_index is None or p_index != run[-1] + 1):
            handles = [hits[i][2].lower() for i in run]
            conversation = len(run) >= 3 and len(set(handles)) < len(handles)
            for i in run:
                if conversation or hits[i][3]:
                    out[i] = hits[i][:3]
            run = []
        if p_index is not None:
            run.append(p_index)
    return out
