"""heartline's one entry point: ``analyze`` a story, get an ``Analysis``.

The CLI, and every later shell (web app, batch runner), call this and nothing below it.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .corrections import apply as _corrections_stages  # noqa: F401  (registers its stages)
from .corrections.apply import correction_report
from .corrections.file import Corrections, find_corrections, load_corrections
from .formats import read_story
from .formats.language import check_story
from .formats.text import story_from_text
from .layout import segment_scenes
from .model import Analysis, Scene, Story
from .namelist import NameList
from .pipeline import Pipeline, Stage, rebind, registered
from .stages import (  # noqa: F401
    characters,
    conversations,
    coref,
    coref_scorer,
    declared,
    evidence,
    feelings,
    judge,
    kinship,
    mentions,
    narrator,
    pair_features,
    parse,
    people,
    quotes,
    sentence_reader,
    speakers,
    tags,
    titles,
)
from .stages.parse import parse_progress

Progress = Callable[[str, int, int], None]

# Who a called-out title ("Your Grace", "Captain") is said to is read with the titles linked
# to no one: the titles stage's probe cast, read by coref and the speakers a first time.
rebind("coref", "probe_coref", {"cast": "probe_cast"}, produces="probe_coref")
rebind("speakers", "probe_speakers", {"cast": "probe_cast", "coref": "probe_coref"}, produces="probe_speakers")

DEFAULT_STAGES = ("parse", "quotes", "mentions", "characters", "narrator",
                  "title_calls", "probe_coref", "probe_speakers", "titles", "correct_cast", "corrected_cast",
                  "coref", "speakers", "speech_coref", "people", "evidence", "feelings",
                  "sentence_reader", "kinship", "pair_features", "judge",
                  "correct_relations", "corrected_relations", "conversations", "tags", "declared_tags")


def _scenes_of_body(story: Story) -> tuple[Scene, ...]:
    """Scenes of the story proper.  Chapters the markup marks (HTML headings, EPUB
    documents) are taken as given; scene breaks inside them are read from the text."""
    start, end = story.body
    cuts = [start] + [at for at, _ in story.chapters if start < at < end] + [end]
    chapter_titles = dict(story.chapters)
    scenes: list[Scene] = []
    chapter = 0
    for a, b in zip(cuts, cuts[1:], strict=False):
        part = segment_scenes(story.text[a:b])
        if scenes:
            chapter = scenes[-1].chapter + 1
        for i, s in enumerate(part):
            title = chapter_titles.get(a, s.title) if i == 0 and a in chapter_titles else s.title
            scenes.append(Scene(index=len(scenes), start=s.start + a, end=s.end + a,
                                chapter=chapter + s.chapter, title=title))
    return tuple(scenes)


def _scenes_stage() -> Stage:
    return Stage("scenes", ("story",), "scenes", _scenes_of_body,
                 "Chapters and scene breaks of the story proper, as character offsets.")


def default_pipeline(names: tuple[str, ...] = DEFAULT_STAGES) -> Pipeline:
    return Pipeline([_scenes_stage()] + [registered(n) for n in names], inputs=("story",),
                    defaults={"fandom_names": NameList(), "corrections": Corrections()})


def models_used() -> dict[str, dict]:
    """The trained models a run uses, as the analysis JSON names them."""
    return {"feeling_judge": judge.model_card(), "speaker_scorer": speakers.model_card(),
            "person_scorer": characters.person_model_card(), "coref_scorer": coref_scorer.model_card()}


def analyze_story(story: Story, progress: Progress | None = None,
                  pipeline: Pipeline | None = None, names: NameList | None = None,
                  corrections: Corrections | str | Path | None = None,
                  lang_check: bool | None = None) -> Analysis:
    """Run the pipeline over a story already read.  ``names``: a fandom name list
    (``heartline.namelist.load_name_list``) mapping text names to canonical ones.
    ``corrections``: a person's fixes (a ``Corrections`` or a file); by default those in
    the corrections file beside the story, when it is a file on disk.  ``lang_check``:
    refuse a story that is plainly not English prose (``formats.language``); None follows
    ``HEARTLINE_LANG_CHECK`` (on unless set to ``off``)."""
    check_story(story, lang_check)
    if corrections is None:
        corrections = find_corrections(story.source)
    elif not isinstance(corrections, Corrections):
        corrections = load_corrections(corrections)
    pipeline = pipeline or default_pipeline()
    token = parse_progress.set((lambda done, total: progress("parse", done, total)) if progress else None)
    try:
        results = pipeline.run(progress=(lambda name, i, n: progress(name, -1, -1)) if progress else None,
                               story=story, fandom_names=names or NameList(), corrections=corrections)
    finally:
        parse_progress.reset(token)
    fixes = [results[k] for k in ("cast_corrections", "relation_corrections") if k in results]
    return Analysis(story=story, scenes=results["scenes"], characters=results["characters"],
                    quotes=results["speakers"], relations=results["relations"],
                    tags=results["compared_tags"], conversations=results.get("conversations", ()),
                    corrections=correction_report(corrections, *fixes), models=models_used())


def analyze(source: str | Path, progress: Progress | None = None,
            names: NameList | None = None, corrections: Corrections | str | Path | None = None,
            meta: str | Path | None = None, lang_check: bool | None = None) -> Analysis:
    """Read a story file (any format heartline reads) and analyse it.  ``meta``: a
    FanFicFare JSON metadata file (default: ``story.json`` beside ``story.txt``)."""
    return analyze_story(read_story(Path(source), meta=meta), progress=progress, names=names,
                         corrections=corrections, lang_check=lang_check)


def analyze_text(text: str, source: str = "<text>", title: str = "",
                 progress: Progress | None = None, names: NameList | None = None) -> Analysis:
    """Analyse a story given as a string."""
    return analyze_story(story_from_text(text, source=source, title=title), progress=progress,
                         names=names)
