"""The pipeline: stages checked once at construction, results passed by name."""
from __future__ import annotations

import pytest

from heartline.api import DEFAULT_STAGES, default_pipeline
from heartline.errors import HeartlineError, PipelineError
from heartline.pipeline import Pipeline, Stage, registered, stage


def _never(**_kwargs):  # a stage body that must not run
    raise AssertionError("a stage ran although the pipeline is invalid")


def test_stage_needing_what_nothing_produces_fails_at_construction() -> None:
    st = Stage("greet", ("name",), "greeting", _never)
    with pytest.raises(PipelineError) as info:
        Pipeline([st], inputs=("story",))
    message = str(info.value)
    assert "greet" in message and "name" in message


def test_need_produced_only_by_a_later_stage_fails_at_construction() -> None:
    first = Stage("second_needs", ("upper",), "shout", _never)
    later = Stage("makes_upper", ("story",), "upper", _never)
    with pytest.raises(PipelineError, match="second_needs"):
        Pipeline([first, later])
    # the same two stages in the right order are fine
    Pipeline([later, first])


def test_pipeline_error_is_a_user_facing_heartline_error() -> None:
    assert issubclass(PipelineError, HeartlineError)


def test_results_flow_by_name_not_position() -> None:
    calls: list[tuple[str, dict]] = []

    def upper(story):
        calls.append(("upper", {"story": story}))
        return story.upper()

    def join(shout, story):  # declared needs in another order than the signature
        calls.append(("join", {"shout": shout, "story": story}))
        return f"{story}->{shout}"

    p = Pipeline([Stage("up", ("story",), "shout", upper),
                  Stage("join", ("story", "shout"), "joined", join)])
    out = p.run(story="hi")
    assert out["story"] == "hi"
    assert out["shout"] == "HI"
    assert out["joined"] == "hi->HI"
    assert [c[0] for c in calls] == ["upper", "join"]
    assert p.produces == ("story", "shout", "joined")


def test_run_without_a_declared_input_raises() -> None:
    p = Pipeline([Stage("up", ("story",), "shout", lambda story: story)], inputs=("story",))
    with pytest.raises(PipelineError, match="story"):
        p.run(other="x")


def test_progress_reports_every_stage_then_done() -> None:
    seen: list[tuple[str, int, int]] = []
    p = Pipeline([Stage("a", ("story",), "x", lambda story: 1),
                  Stage("b", ("x",), "y", lambda x: x + 1)])
    out = p.run(progress=lambda *a: seen.append(a), story="s")
    assert out["y"] == 2
    assert seen == [("a", 0, 2), ("b", 1, 2), ("done", 2, 2)]


def test_unknown_registered_stage_is_a_pipeline_error() -> None:
    with pytest.raises(PipelineError, match="no stage called"):
        registered("no_such_stage_anywhere")


def test_stage_decorator_registers_needs_and_product() -> None:
    @stage("pipeline_test_only_count", needs=("story",), produces="pipeline_test_count")
    def count(story):
        """Counts characters."""
        return len(story)

    st = registered("pipeline_test_only_count")
    assert st.needs == ("story",) and st.produces == "pipeline_test_count"
    assert st.doc == "Counts characters."
    assert Pipeline([st]).run(story="abcd")["pipeline_test_count"] == 4


def test_default_pipeline_is_consistent_and_produces_the_analysis_parts() -> None:
    p = default_pipeline()
    for name in ("scenes", "document", "quote_spans", "mentions", "cast", "coref", "speakers",
                 "links", "characters", "evidence", "relations", "tags"):
        assert name in p.produces


def test_default_pipeline_without_parse_is_refused() -> None:
    names = tuple(n for n in DEFAULT_STAGES if n != "parse")
    with pytest.raises(PipelineError, match="document"):
        default_pipeline(names)


def test_every_product_has_one_name() -> None:
    """No stage overwrites an earlier stage's result: each product is produced once."""
    from heartline.api import default_pipeline
    from heartline.errors import PipelineError
    from heartline.pipeline import Pipeline, Stage

    produced = [st.produces for st in default_pipeline().stages]
    assert len(produced) == len(set(produced))
    twice = [Stage("a", ("story",), "x", lambda story: 1), Stage("b", ("x",), "x", lambda x: 2)]
    with pytest.raises(PipelineError, match="already produced"):
        Pipeline(twice)


def test_rebind_runs_a_stage_again_on_other_products_and_skips_on_none() -> None:
    from heartline.pipeline import rebind

    @stage("pipeline_test_only_upper", needs=("story", "suffix"), produces="pipeline_test_upper")
    def upper(story, suffix):
        return story.upper() + suffix

    again = rebind("pipeline_test_only_upper", "pipeline_test_only_upper_again", {"story": "other"},
                   produces="pipeline_test_upper_again")
    assert again.needs == ("other", "suffix") and registered("pipeline_test_only_upper_again") is again
    make_other = Stage("other", ("story",), "other", lambda story: story[::-1] if story != "skip" else None)
    p = Pipeline([make_other, registered("pipeline_test_only_upper"), again], inputs=("story", "suffix"))
    out = p.run(story="ab", suffix="!")
    assert out["pipeline_test_upper"] == "AB!" and out["pipeline_test_upper_again"] == "BA!"
    assert p.run(story="skip", suffix="!")["pipeline_test_upper_again"] is None


def test_no_stage_runs_another_stage_inside_itself() -> None:
    """A stage that needs another stage's reading of other inputs declares it (``rebind``):
    no stage module calls the function of a stage registered in another module."""
    import inspect
    import pathlib

    import heartline.stages as stages_pkg
    from heartline.pipeline import _REGISTRY

    default_pipeline()  # registers every stage
    owners = {st.run.__name__: st.run.__module__ for st in _REGISTRY.values()
              if st.run.__module__.startswith("heartline.") and st.run.__name__ != "run"}
    calls = []
    for path in sorted(pathlib.Path(inspect.getfile(stages_pkg)).parent.glob("*.py")):
        module = f"heartline.stages.{path.stem}"
        source = path.read_text(encoding="utf-8")
        for fn, home in owners.items():
            if home != module and f"{fn}(" in source:
                calls.append(f"{module} calls {fn} of {home}")
    assert calls == []


def test_called_out_titles_are_read_by_probe_stages_only_when_needed() -> None:
    from heartline.formats.text import story_from_text

    plain = default_pipeline().run(story=story_from_text("Ann Vale smiled at Tom Reed. He smiled back.", title="T"))
    assert plain["probe_cast"] is None and plain["probe_speakers"] is None
    called = default_pipeline().run(story=story_from_text(
        "Rob Fenner knelt before Queen Alys.\n\n\"Stand, my lord Sheriff,\" she said. He rose.\n\n"
        "\"You are kind, madam,\" said Rob Fenner.", title="T"))
    assert called["probe_cast"] is not None and called["probe_speakers"]


def test_earlier_products_are_kept_out_of_the_garbage_collector_during_a_run_only() -> None:
    import gc

    seen: list[tuple[int, bool]] = []

    def first(story):
        return [story]  # a container, tracked by the collector

    def second(words):
        seen.append((gc.get_freeze_count(), any(o is words for o in gc.get_objects())))
        return len(words)

    pipe = Pipeline([Stage("first", ("story",), "words", first), Stage("second", ("words",), "count", second)])
    assert gc.get_freeze_count() == 0
    assert pipe.run(story="Vessarine")["count"] == 1
    # while the second stage ran, the first one's product was frozen out of the collector ...
    assert seen[0][0] > 0 and not seen[0][1]
    # ... and after the run nothing is left frozen, even when a stage fails
    assert gc.get_freeze_count() == 0
    with pytest.raises(AssertionError):
        Pipeline([Stage("first", ("story",), "words", first), Stage("never", ("words",), "x", _never)]).run(story="Vessarine")
    assert gc.get_freeze_count() == 0


def test_a_caller_that_froze_objects_itself_keeps_them_frozen() -> None:
    import gc

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        Pipeline([Stage("upper", ("story",), "upper", lambda story: story.upper())]).run(story="vessarine")
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
