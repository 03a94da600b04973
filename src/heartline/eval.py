"""Score a heartline analysis against a hand-made gold file.

The rules are the reference ones in ``shared/gold/README.md`` ("Scoring"); this
module must give the same numbers as anyone else who follows them, so every
choice the README leaves open is made here once, deterministically, and written
down in the docstring of the function that makes it.

Everything here is a pure function over plain JSON-like dicts: the prediction is
``Analysis.to_json()`` output (or any dict of that shape read back from disk), the
gold is what :func:`load_gold` returns.  Nothing from the pipeline is imported, so
scoring a saved analysis needs no parser.

Conventions used throughout:

* a ratio whose denominator is 0 is reported as 0.0 (nothing to credit);
* an end of a predicted relation that maps to no gold character is written
  ``?<predicted id>`` in triples (so two unmapped people never merge) and shown as
  ``?<predicted name>`` when printed.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import GoldError
from .model import FEELING_KINDS, polarity
from .userfiles import parse_json, read_user_text

CASTS = ("complete", "partial")
UNMAPPED = "?"

__all__ = [
    "Edge",
    "map_characters",
    "PRF",
    "Score",
    "format_score",
    "gold_text_path",
    "load_gold",
    "normalise_name",
    "score",
    "score_to_json",
]


# ------------------------------------------------------------------ gold files
def load_gold(path: str | Path) -> dict[str, Any]:
    """Read and check a gold file, so that scoring never trips over a bad one.

    Only the shape scoring relies on is checked (characters with ids, names and
    aliases; relations between known ids with a known kind; ``cast`` and
    ``not_characters`` when present).  A missing ``cast`` is read as
    ``complete``, the stricter of the two.  Every problem becomes a one-line
    :class:`GoldError` naming the file.
    """
    p = Path(path)
    raw = read_user_text(p, "gold file", missing="gold file not found", error=GoldError)
    gold = parse_json(raw, str(p), error=GoldError)
    problem = _shape_problem(gold)
    if problem:
        raise GoldError(f"{p}: {problem}")
    return gold


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _shape_problem(gold: Any) -> str | None:
    """The first thing wrong with the gold's shape, or None when it will score."""
    if not isinstance(gold, dict):
        return "gold must be a JSON object"
    for key in ("characters", "relations"):
        if key not in gold:
            return f"missing '{key}'"
        if not isinstance(gold[key], list):
            return f"'{key}' must be a list"
    if gold.get("cast", "complete") not in CASTS:
        return f"'cast' must be one of {', '.join(CASTS)}"
    not_chars = gold.get("not_characters", [])
    if not isinstance(not_chars, list) or not all(isinstance(n, str) for n in not_chars):
        return "'not_characters' must be a list of strings"
    ids: set[str] = set()
    for i, char in enumerate(gold["characters"]):
        problem = _character_problem(char)
        if problem:
            return f"characters[{i}]: {problem}"
        if char["id"] in ids:
            return f"characters[{i}]: duplicate id '{char['id']}'"
        ids.add(char["id"])
    for i, rel in enumerate(gold["relations"]):
        problem = _relation_problem(rel, ids)
        if problem:
            return f"relations[{i}]: {problem}"
    return None


def _character_problem(char: Any) -> str | None:
    if not isinstance(char, dict):
        return "must be an object"
    for key in ("id", "name"):
        if not isinstance(char.get(key), str) or not char[key].strip():
            return f"'{key}' must be a non-empty string"
    aliases = char.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        return "'aliases' must be a list of strings"
    return None


def _relation_problem(rel: Any, ids: set[str]) -> str | None:
    if not isinstance(rel, dict):
        return "must be an object"
    for key in ("from", "to"):
        if rel.get(key) not in ids:
            return f"'{key}' must be the id of a gold character, got {rel.get(key)!r}"
    if rel.get("kind") not in FEELING_KINDS:
        return f"'kind' must be one of {', '.join(FEELING_KINDS)}, got {rel.get('kind')!r}"
    return None


def gold_text_path(gold_path: str | Path, gold: Mapping[str, Any]) -> Path:
    """Where the gold's story lives.

    ``text`` is relative to the root of shared/, and gold files live in
    shared/gold/, so the root is the parent of the gold file's folder.  Raises
    GoldError when ``text`` is absent or names no file.
    """
    text = gold.get("text")
    if not isinstance(text, str) or not text.strip():
        raise GoldError(f"{gold_path}: gold has no 'text' path")
    path = Path(gold_path).resolve().parent.parent / text
    if not path.is_file():
        raise GoldError(f"{gold_path}: text {text!r} not found (looked at {path})")
    return path


# ------------------------------------------------------------------ names
_CURLY = str.maketrans({"\u2018": "'", "\u2019": "'", ".": None})


def normalise_name(s: str) -> str:
    """README rule 1: case-insensitive, periods dropped, curly apostrophes made
    straight, runs of whitespace collapsed ("Mr. Ferrars" == "mr ferrars")."""
    return " ".join(s.translate(_CURLY).casefold().split())


def _names(char: Mapping[str, Any]) -> frozenset[str]:
    """A character's name plus aliases, normalised, empties dropped."""
    raw = [char.get("name") or "", *(char.get("aliases") or [])]
    return frozenset(n for n in (normalise_name(str(r)) for r in raw) if n)


# ------------------------------------------------------------------ results
@dataclass(frozen=True)
class Edge:
    """One directed relation triple.  ``source``/``target`` are gold ids, or
    ``?<predicted id>`` for a predicted person mapped to no gold character;
    the labels are what is printed and take no part in equality."""

    source: str
    target: str
    kind: str
    source_label: str = field(default="", compare=False)
    target_label: str = field(default="", compare=False)

    @property
    def pair(self) -> tuple[str, str]:
        return (self.source, self.target)

    def show(self) -> str:
        return f"{self.source_label or self.source} -> {self.target_label or self.target}  {self.kind}"


@dataclass(frozen=True)
class PRF:
    """Counts behind one precision/recall pair.

    ``correct`` of ``predicted`` scored predictions were right; ``found`` of
    ``required`` gold relations were found.  Kept as counts so runs can be summed.
    """

    correct: int
    predicted: int
    found: int
    required: int

    @property
    def precision(self) -> float:
        return _ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.found, self.required)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @classmethod
    def pooled(cls, prfs: Iterable[PRF]) -> PRF:
        """The counts of several texts summed (micro-average), as the gold README's pooled row."""
        prfs = list(prfs)
        return cls(sum(p.correct for p in prfs), sum(p.predicted for p in prfs),
                   sum(p.found for p in prfs), sum(p.required for p in prfs))


def _ratio(n: int, d: int) -> float:
    return n / d if d else 0.0


@dataclass(frozen=True)
class Score:
    """Everything ``heartline eval`` reports for one text.

    Characters: ``characters_found``/``characters_required`` over gold characters
    not marked optional (``main_*`` the same for ``main`` ones); ``missed_characters``
    are their gold ids; ``splits`` maps a gold id to the 2+ predicted ids mapped to
    it (optional gold characters included: two predicted people for one is still
    a split); ``false_characters`` are predicted ids whose names all lie in
    ``not_characters``; ``mapping`` is predicted id -> gold id or None.

    Alias purity: over predicted characters mapped to a gold character, the share
    of their (distinct, normalised) names that are names of that same gold
    character, counting only names the gold knows: names of ANY gold character
    (optional ones included) or in ``not_characters``.  A name the gold has never
    heard of is neither pure nor impure, since the gold lists sample surface forms
    and cannot judge it.  Micro-averaged: ``alias_pure`` / ``alias_counted``.

    Relations: ``strict`` and ``lenient`` counts (see :func:`score`);
    ``true_positives``/``false_positives``/``missed_relations`` are the strict
    lists, ``neutral`` the scored-but-ignored predictions (optional pair or
    optional person), ``not_current`` how many predicted relations were skipped as
    past and ``unscored`` how many deduplicated triples a partial cast left out
    because an end maps to no gold character.
    """

    cast: str
    characters_found: int
    characters_required: int
    main_found: int
    main_required: int
    missed_characters: tuple[str, ...]
    splits: Mapping[str, tuple[str, ...]]
    false_characters: tuple[str, ...]
    alias_pure: int
    alias_counted: int
    mapping: Mapping[str, str | None]
    predicted_names: Mapping[str, str]
    gold_names: Mapping[str, str]
    strict: PRF
    lenient: PRF
    true_positives: tuple[Edge, ...]
    false_positives: tuple[Edge, ...]
    missed_relations: tuple[Edge, ...]
    neutral: tuple[Edge, ...]
    not_current: int
    unscored: int

    @property
    def character_recall(self) -> float:
        return _ratio(self.characters_found, self.characters_required)

    @property
    def main_recall(self) -> float:
        return _ratio(self.main_found, self.main_required)

    @property
    def alias_purity(self) -> float:
        return _ratio(self.alias_pure, self.alias_counted)


# ------------------------------------------------------------------ mapping
def map_characters(
    predicted: Iterable[Mapping[str, Any]], gold: Iterable[Mapping[str, Any]]
) -> dict[str, str | None]:
    """README rule 2: each predicted character goes to the gold character it
    shares the most normalised names with (None when it shares none).

    Ties are broken, in order, by: the predicted character's own ``name`` being
    one of the candidate's names; then the candidate that comes first in the gold
    file.  So the result never depends on set or dict ordering.
    """
    gold_list = [(str(g["id"]), _names(g)) for g in gold]
    mapping: dict[str, str | None] = {}
    for pred in predicted:
        names = _names(pred)
        own = normalise_name(str(pred.get("name") or ""))
        best: tuple[int, int, int] | None = None
        best_id: str | None = None
        for index, (gid, gnames) in enumerate(gold_list):
            shared = len(names & gnames)
            if not shared:
                continue
            key = (shared, int(own in gnames), -index)
            if best is None or key > best:
                best, best_id = key, gid
        mapping[str(pred.get("id"))] = best_id
    return mapping


def _alias_counts(
    predicted: Iterable[Mapping[str, Any]],
    mapping: Mapping[str, str | None],
    gold_names: Mapping[str, frozenset[str]],
    not_characters: frozenset[str],
) -> tuple[int, int]:
    """(pure, counted) for alias purity; see :class:`Score`."""
    known = frozenset().union(not_characters, *gold_names.values())
    pure = counted = 0
    for pred in predicted:
        gid = mapping.get(str(pred.get("id")))
        if gid is None:
            continue
        names = _names(pred) & known
        counted += len(names)
        pure += len(names & gold_names[gid])
    return pure, counted


# ------------------------------------------------------------------ relations
def _is_current(rel: Mapping[str, Any]) -> bool:
    """README rule 3: only the end state counts; a missing ``current`` is true."""
    return rel.get("current", True) is not False


def _predicted_edges(
    relations: Iterable[Mapping[str, Any]],
    mapping: Mapping[str, str | None],
    labels: Mapping[str, str],
) -> tuple[list[Edge], int]:
    """Current predicted relations as deduplicated triples after mapping, in
    first-seen order; also how many were skipped as not current."""
    seen: dict[Edge, None] = {}
    skipped = 0
    for rel in relations:
        if not _is_current(rel):
            skipped += 1
            continue
        src, tgt = _end(rel.get("from"), mapping, labels), _end(rel.get("to"), mapping, labels)
        edge = Edge(src[0], tgt[0], str(rel.get("kind")), src[1], tgt[1])
        seen.setdefault(edge, None)
    return list(seen), skipped


def _end(pid: Any, mapping: Mapping[str, str | None], labels: Mapping[str, str]) -> tuple[str, str]:
    """(key, label) of one relation end: the gold id when mapped, else
    ``?<predicted id>`` / ``?<predicted name>`` (an id absent from the
    prediction's characters is simply an unmapped person)."""
    pid = str(pid)
    gid = mapping.get(pid)
    if gid is not None:
        return gid, gid
    return UNMAPPED + pid, UNMAPPED + labels.get(pid, pid)


def _is_unmapped(key: str) -> bool:
    return key.startswith(UNMAPPED)


def _lenient_key(edge: Edge) -> tuple[str, str, int]:
    return (edge.source, edge.target, polarity(edge.kind))


def score(prediction: Mapping[str, Any], gold: Mapping[str, Any]) -> Score:
    """Score one analysis against one gold, by README rules 2-4.

    Relations, step by step:

    1. predicted relations with ``current: false`` are skipped;
    2. each end is mapped; the (from, to, kind) triples are deduplicated (a
       self-relation after mapping is an ordinary prediction, hence an error);
    3. with a ``partial`` cast, triples with an unmapped end are not scored;
    4. required gold relations are those not marked optional and touching no
       optional character;
    5. per mode, a scored triple is correct when it matches a required gold
       relation (strict: same triple; lenient: same ordered pair and polarity);
       otherwise it is neutral when it lies on the ordered pair of an optional
       gold relation or touches an optional gold character, and wrong otherwise
       (with a ``complete`` cast, unmapped ends included);
    6. precision = correct / (correct + wrong); recall = required gold relations
       matched by some scored triple (same test) / required; F1 their harmonic mean.
    """
    gold_chars = list(gold.get("characters", []))
    pred_chars = list(prediction.get("characters", []))
    cast = str(gold.get("cast", "complete"))
    gold_names = {str(g["id"]): _names(g) for g in gold_chars}
    not_chars = frozenset(normalise_name(n) for n in gold.get("not_characters", []))
    optional_chars = {str(g["id"]) for g in gold_chars if g.get("optional")}
    pred_labels = {str(p.get("id")): str(p.get("name") or p.get("id")) for p in pred_chars}

    mapping = map_characters(pred_chars, gold_chars)
    mapped_to: dict[str, list[str]] = {}
    for pid, gid in mapping.items():
        if gid is not None:
            mapped_to.setdefault(gid, []).append(pid)

    required_chars = [g for g in gold_chars if str(g["id"]) not in optional_chars]
    main_chars = [g for g in required_chars if g.get("main")]
    missed = tuple(str(g["id"]) for g in required_chars if str(g["id"]) not in mapped_to)
    splits = {gid: tuple(pids) for gid, pids in mapped_to.items() if len(pids) > 1}
    false_chars = tuple(
        str(p.get("id")) for p in pred_chars if _names(p) and _names(p) <= not_chars
    )
    pure, counted = _alias_counts(pred_chars, mapping, gold_names, not_chars)

    required, optional_pairs = _gold_relations(gold, optional_chars)
    edges, not_current = _predicted_edges(prediction.get("relations", []), mapping, pred_labels)
    unscored = 0
    if cast == "partial":
        kept = [e for e in edges if not (_is_unmapped(e.source) or _is_unmapped(e.target))]
        unscored = len(edges) - len(kept)
        edges = kept

    def neutral(e: Edge) -> bool:
        return e.pair in optional_pairs or e.source in optional_chars or e.target in optional_chars

    strict_set, scored = set(required), set(edges)
    tp = [e for e in edges if e in strict_set]
    fp = [e for e in edges if e not in strict_set and not neutral(e)]
    ignored = [e for e in edges if e not in strict_set and neutral(e)]
    missed_rel = tuple(g for g in required if g not in scored)
    strict = PRF(len(tp), len(tp) + len(fp), len(required) - len(missed_rel), len(required))
    lenient = _lenient_prf(edges, required, neutral)

    return Score(
        cast=cast,
        characters_found=len(required_chars) - len(missed),
        characters_required=len(required_chars),
        main_found=sum(str(g["id"]) in mapped_to for g in main_chars),
        main_required=len(main_chars),
        missed_characters=missed,
        splits=splits,
        false_characters=false_chars,
        alias_pure=pure,
        alias_counted=counted,
        mapping=mapping,
        predicted_names=pred_labels,
        gold_names={str(g["id"]): str(g["name"]) for g in gold_chars},
        strict=strict,
        lenient=lenient,
        true_positives=tuple(tp),
        false_positives=tuple(fp),
        missed_relations=missed_rel,
        neutral=tuple(ignored),
        not_current=not_current,
        unscored=unscored,
    )


def _gold_relations(
    gold: Mapping[str, Any], optional_chars: set[str]
) -> tuple[list[Edge], set[tuple[str, str]]]:
    """Required gold triples (deduplicated, file order) and the ordered pairs of
    optional ones.  A relation touching an optional character is never required."""
    required: dict[Edge, None] = {}
    optional_pairs: set[tuple[str, str]] = set()
    for rel in gold.get("relations", []):
        edge = Edge(str(rel["from"]), str(rel["to"]), str(rel["kind"]))
        if rel.get("optional") or edge.source in optional_chars or edge.target in optional_chars:
            optional_pairs.add(edge.pair)
        else:
            required.setdefault(edge, None)
    return list(required), optional_pairs


def _lenient_prf(
    edges: list[Edge], required: list[Edge], neutral: Callable[[Edge], bool]
) -> PRF:
    """Lenient counts: a prediction is right when its (pair, polarity) is that of
    a required gold relation; a gold relation is found when some scored
    prediction has its pair and polarity."""
    lenient_set = {_lenient_key(g) for g in required}
    correct = sum(_lenient_key(e) in lenient_set for e in edges)
    wrong = sum(_lenient_key(e) not in lenient_set and not neutral(e) for e in edges)
    predicted_keys = {_lenient_key(e) for e in edges}
    found = sum(_lenient_key(g) in predicted_keys for g in required)
    return PRF(correct, correct + wrong, found, len(required))


# ------------------------------------------------------------------ output
def format_score(score: Score, title: str) -> str:
    """A terminal block: what went wrong first (for reading), then the three
    compact number lines last (for grepping and comparing runs)."""
    lines = [f"== {title} =="]
    lines += _list_block("missed characters", [_gold_label(score, g) for g in score.missed_characters])
    lines += _list_block(
        "split characters",
        [f"{g} <- {', '.join(_pred_label(score, p) for p in pids)}" for g, pids in score.splits.items()],
    )
    lines += _list_block("false characters", [_pred_label(score, p) for p in score.false_characters])
    lines += _list_block("false positive relations", [e.show() for e in score.false_positives])
    lines += _list_block("missed relations", [e.show() for e in score.missed_relations])
    lines += _number_lines(score)
    return "\n".join(lines)


def _list_block(heading: str, items: list[str]) -> list[str]:
    if not items:
        return []
    return [f"{heading} ({len(items)}):", *(f"  {item}" for item in items)]


def _gold_label(score: Score, gid: str) -> str:
    name = score.gold_names.get(gid, "")
    return f"{gid} ({name})" if name and name != gid else gid


def _pred_label(score: Score, pid: str) -> str:
    return f'"{score.predicted_names.get(pid, pid)}"'


def _number_lines(s: Score) -> list[str]:
    return [
        f"characters  recall {s.characters_found}/{s.characters_required} = "
        f"{s.character_recall:.3f}  main {s.main_found}/{s.main_required}  "
        f"splits {len(s.splits)}  false {len(s.false_characters)}  "
        f"alias purity {s.alias_purity:.3f}",
        _prf_line("strict  ", s.strict),
        _prf_line("lenient ", s.lenient),
    ]


def _prf_line(mode: str, prf: PRF) -> str:
    return f"relations   {mode} P {prf.precision:.3f} R {prf.recall:.3f} F1 {prf.f1:.3f}"


def score_to_json(score: Score) -> dict[str, Any]:
    """The score as plain JSON for ``--json``: counts and ratios (4 decimals),
    the mapping and the lists, edges as {from, to, kind}."""
    return {
        "cast": score.cast,
        "characters": {
            "found": score.characters_found,
            "required": score.characters_required,
            "recall": round(score.character_recall, 4),
            "main_found": score.main_found,
            "main_required": score.main_required,
            "main_recall": round(score.main_recall, 4),
            "missed": list(score.missed_characters),
            "splits": {g: list(p) for g, p in score.splits.items()},
            "false": list(score.false_characters),
            "alias_pure": score.alias_pure,
            "alias_counted": score.alias_counted,
            "alias_purity": round(score.alias_purity, 4),
            "mapping": dict(score.mapping),
        },
        "relations": {
            "strict": _prf_json(score.strict),
            "lenient": _prf_json(score.lenient),
            "true_positives": [_edge_json(e) for e in score.true_positives],
            "false_positives": [_edge_json(e) for e in score.false_positives],
            "missed": [_edge_json(e) for e in score.missed_relations],
            "neutral": [_edge_json(e) for e in score.neutral],
            "not_current": score.not_current,
            "unscored": score.unscored,
        },
    }


def _prf_json(prf: PRF) -> dict[str, Any]:
    return {
        "correct": prf.correct,
        "predicted": prf.predicted,
        "found": prf.found,
        "required": prf.required,
        "precision": round(prf.precision, 4),
        "recall": round(prf.recall, 4),
        "f1": round(prf.f1, 4),
    }


def _edge_json(edge: Edge) -> dict[str, str]:
    return {
        "from": edge.source_label or edge.source,
        "to": edge.target_label or edge.target,
        "kind": edge.kind,
    }
