"""Stages and the pipeline that runs them.

A stage is a named function that declares which earlier results it needs and the
one result it produces (after Renard's ``needs``/``production``).  The pipeline
checks, before anything runs, that every need is produced by an earlier stage, so
a stage can be swapped or tested alone and a mis-ordered pipeline fails at once
with a clear message rather than half-way through a novel.
"""
from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .errors import PipelineError

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Stage:
    name: str
    needs: tuple[str, ...]
    produces: str
    run: Callable[..., Any]  # called with the needed results as keyword arguments
    doc: str = ""


_REGISTRY: dict[str, Stage] = {}


def stage(name: str, needs: Iterable[str], produces: str):
    """Register a function as a pipeline stage under ``name``."""

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        _REGISTRY[name] = Stage(name, tuple(needs), produces, fn, (fn.__doc__ or "").strip())
        return fn

    return register


def registered(name: str) -> Stage:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise PipelineError(f"no stage called {name!r}; known: {', '.join(sorted(_REGISTRY))}") from None


def rebind(of: str, name: str, inputs: Mapping[str, str], produces: str) -> Stage:
    """Register stage ``of`` a second time as ``name``, reading other products: ``inputs``
    maps a need of ``of`` to the product fed to it instead.  Where one of those products is
    None (nothing to run on), the run is skipped and the product is None.  A stage that
    needs another stage's reading of other inputs declares it this way, so the pipeline,
    not the stage, runs it, and both readings stay inspectable under their own names."""
    base = registered(of)
    needs = tuple(inputs.get(n, n) for n in base.needs)

    def run(**given: Any) -> Any:
        if any(given[inputs[n]] is None for n in inputs):
            return None
        return base.run(**{n: given[inputs.get(n, n)] for n in base.needs})

    _REGISTRY[name] = Stage(name, needs, produces, run, f"``{of}`` run on {', '.join(sorted(set(inputs.values())))}.")
    return _REGISTRY[name]


class Pipeline:
    """An ordered list of stages, checked once when built."""

    def __init__(self, stages: Iterable[Stage], inputs: Iterable[str] = ("story",),
                 defaults: Mapping[str, Any] | None = None):
        """``defaults``: values for optional inputs (a run may leave them out)."""
        self.stages = tuple(stages)
        self.defaults = dict(defaults or {})
        self.inputs = tuple(inputs) + tuple(n for n in self.defaults if n not in tuple(inputs))
        available = set(self.inputs)
        for st in self.stages:
            missing = [n for n in st.needs if n not in available]
            if missing:
                raise PipelineError(
                    f"stage {st.name!r} needs {', '.join(missing)}, which no earlier stage produces")
            if st.produces in available:
                # one name, one product: a later stage that overwrote an earlier result would hide
                # it from inspection and from any stage swapped in between
                raise PipelineError(f"stage {st.name!r} produces {st.produces!r}, which is already produced")
            available.add(st.produces)

    @property
    def produces(self) -> tuple[str, ...]:
        return self.inputs + tuple(st.produces for st in self.stages)

    def run(self, progress: Progress | None = None, **inputs: Any) -> Mapping[str, Any]:
        missing = [n for n in self.inputs if n not in inputs and n not in self.defaults]
        if missing:
            raise PipelineError(f"pipeline input missing: {', '.join(missing)}")
        results: dict[str, Any] = {**self.defaults, **inputs}
        # Every stage's product lives until the run ends, and a novel's document is a few
        # hundred thousand objects: each full collection of the cyclic garbage collector walked
        # them all again (10 full collections, 3 of the 22 s CPU of Pride and Prejudice).
        # What exists when a stage starts (the parser model, earlier products) is frozen out
        # of the collector until the run ends; the garbage a stage makes is collected as
        # before.  A run inside a run (or a caller that froze objects itself) leaves it alone.
        freeze = gc.isenabled() and gc.get_freeze_count() == 0
        try:
            for i, st in enumerate(self.stages):
                if progress:
                    progress(st.name, i, len(self.stages))
                if freeze:
                    gc.freeze()
                results[st.produces] = st.run(**{n: results[n] for n in st.needs})
        finally:
            if freeze:
                gc.unfreeze()
        if progress:
            progress("done", len(self.stages), len(self.stages))
        return results
