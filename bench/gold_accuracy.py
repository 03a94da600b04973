"""Score heartline against every gold answer in shared/gold/ and on LitBank; write docs/accuracy.md.

Run from the repository root with the project's virtual environment:

    .venv/bin/python bench/gold_accuracy.py [--shared ../shared] [--out docs/accuracy.md] [--no-litbank]

The LitBank section comes from ``bench/litbank.py`` (100 excerpts, about a minute more);
``--no-litbank`` leaves it out.

``--shared`` and ``--out`` are read relative to the current directory when given; their
defaults are relative to the repository root, so the script works from anywhere.  Each
story is analysed with ``heartline.api.analyze`` and scored with ``heartline.eval.score``,
exactly as ``heartline eval`` does, so the numbers here are the numbers ``heartline eval``
prints.  The parser model is loaded once before the first story, so the times in the table
are analysis times only.  Expect about two minutes on a small machine (the novels dominate).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # "python bench/gold_accuracy.py" puts bench/, not the root, on the path
    sys.path.insert(0, str(ROOT))
DEFAULT_SHARED = ROOT.parent / "shared"
DEFAULT_OUT = ROOT / "docs" / "accuracy.md"

try:
    from heartline.api import analyze
    from heartline.eval import PRF, Edge, Score, gold_text_path, load_gold, score
    from heartline.errors import HeartlineError
except ImportError as exc:  # run with a Python that does not have heartline installed
    sys.exit(f"gold_accuracy: cannot import heartline ({exc}); run it with the project's "
             f"environment: .venv/bin/python bench/gold_accuracy.py")


# ------------------------------------------------------------------ running
def _git(*args: str) -> str:
    try:
        out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return ""
    return out.stdout.strip()


def commit_label() -> str:
    """Short commit, plus ``+dirty`` when src/ has uncommitted changes."""
    commit = _git("rev-parse", "--short", "HEAD") or "unknown"
    if _git("status", "--porcelain", "--", "src/"):
        commit += "+dirty"
    return commit


def find_golds(shared: Path) -> list[Path]:
    gold_dir = shared / "gold"
    if not shared.is_dir():
        sys.exit(f"gold_accuracy: shared folder not found: {shared}\n"
                 f"The development texts and gold answers live outside the repository (see README.md, "
                 f"'Data and credits'); pass their location with --shared PATH.")
    if not gold_dir.is_dir():
        sys.exit(f"gold_accuracy: no gold/ folder in {shared}; pass the shared folder with --shared PATH.")
    golds = sorted(gold_dir.glob("*.gold.json"))
    if not golds:
        sys.exit(f"gold_accuracy: no *.gold.json files in {gold_dir}")
    return golds


def run_one(gold_path: Path) -> dict:
    gold = load_gold(gold_path)
    text_path = gold_text_path(gold_path, gold)
    started = time.perf_counter()
    analysis = analyze(text_path)
    seconds = time.perf_counter() - started
    return {
        "name": gold_path.name[: -len(".gold.json")],
        "text": text_path.relative_to(gold_path.resolve().parent.parent).as_posix(),
        "cast": str(gold.get("cast", "complete")),
        "gold_relations": len(gold.get("relations", [])),
        "words": analysis.story.words,
        "seconds": seconds,
        "score": score(analysis.to_json(), gold),
        "implied": _implied_edges(gold),
    }


def _implied_edges(gold) -> list[tuple[str, str, str]]:
    """The required gold relations whose end state the text only implies (issue 9 asks for their recall)."""
    return [(str(r["from"]), str(r["to"]), str(r["kind"])) for r in gold.get("relations", [])
            if r.get("how") == "implied" and not r.get("optional")]


def _implied_section(results) -> list[str]:
    lines = ["## Implied feelings", "",
             "Recall of the required gold relations whose `how` is `implied` (behaviour shows the feeling, no "
             "feeling word), strict (same from, to and kind):", "",
             "| text | implied gold relations | found |", "|---|---|---|"]
    found_all = total_all = 0
    for r in results:
        missed = {(e.source, e.target, e.kind) for e in r["score"].missed_relations}
        edges = r["implied"]
        found = sum(1 for e in edges if e not in missed)
        found_all, total_all = found_all + found, total_all + len(edges)
        names = ", ".join(f"{a} → {b}" + ("" if (a, b, k) in missed else " ✓") for a, b, k in edges) or "–"
        lines.append(f"| {r['name']} | {len(edges)}: {names} | {_frac(found, len(edges))} |")
    lines += [f"| **all** | {total_all} | {_frac(found_all, total_all)} |", ""]
    return lines


# ------------------------------------------------------------------ writing
def _frac(n: int, d: int) -> str:
    return f"{n}/{d} ({n / d:.2f})" if d else "–"


def _prf(p) -> str:
    return f"{p.precision:.2f} / {p.recall:.2f} / {p.f1:.2f}"


def _end(s: Score, key: str, label: str) -> str:
    """A gold id shown as its gold name; an unmapped end keeps its ``?predicted name``."""
    return s.gold_names.get(key, label or key)


def _edge(s: Score, e: Edge) -> str:
    return f"{_end(s, e.source, e.source_label)} → {_end(s, e.target, e.target_label)} ({e.kind})"


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def mean_section(results: list[dict]) -> list[str]:
    """Per-story means: the generalisation targets are stated as the mean over the fics."""
    lines = ["## Means per story", "",
             "| texts | mean strict F1 | mean lenient F1 | lowest lenient F1 | character recall | splits per story "
             "| false characters per story |", "|---|---|---|---|---|---|---|"]
    for label, cast in (("fics (complete cast)", "complete"), ("novels (partial cast)", "partial")):
        chosen = [r["score"] for r in results if r["cast"] == cast]
        if not chosen:
            continue
        lines.append(
            f"| {label}, {len(chosen)} | {_mean(s.strict.f1 for s in chosen):.3f} "
            f"| {_mean(s.lenient.f1 for s in chosen):.3f} | {min(s.lenient.f1 for s in chosen):.2f} "
            f"| {_frac(sum(s.characters_found for s in chosen), sum(s.characters_required for s in chosen))} "
            f"| {_mean(len(s.splits) for s in chosen):.2f} | {_mean(len(s.false_characters) for s in chosen):.2f} |")
    return lines + [""]


def render_held_out(results: list[dict], rows, thresholds, fics, novels) -> str:
    """The feeling judge scored on each story by a model never trained on it, beside the rules
    and the shipped model (trained on every story, the story itself included)."""
    shipped = {r["name"]: r["score"] for r in results}
    lines = ["## Leave one story out: does what was learned carry to other stories?", "",
             "Each story is scored by the rules scorer alone, by a feeling judge trained on every *other* story "
             "(held out), and by the shipped judge (trained on all, this one included). A gain that shows only "
             "in the shipped column is fitted to that story; the held-out column is what an unseen story of the "
             f"same shape can expect. Thresholds chosen on the held-out predictions: {thresholds}. "
             "Mean F1, strict / lenient; `bench/train_judge.py --dry-run` prints the same table.", "",
             "| text | rules | judge, held out | shipped |", "|---|---|---|---|"]
    for row in rows:
        s = shipped.get(row.name)
        ship = f"{s.strict.f1:.2f} / {s.lenient.f1:.2f}" if s else "–"
        lines.append(f"| {row.name} | {row.rules_strict:.2f} / {row.rules_lenient:.2f} "
                     f"| {row.judge_strict:.2f} / {row.judge_lenient:.2f} | {ship} |")
    for label, m, cast in (("fics", fics, "complete"), ("novels", novels, "partial")):
        if m:
            ship = [shipped[r.name] for r in rows if r.cast == cast and r.name in shipped]
            lines.append(f"| **mean of {m['stories']} {label}** | {m['rules_strict']:.3f} / {m['rules_lenient']:.3f} "
                         f"| {m['judge_strict']:.3f} / {m['judge_lenient']:.3f} "
                         f"| {_mean(s.strict.f1 for s in ship):.3f} / {_mean(s.lenient.f1 for s in ship):.3f} |")
            lines.append(f"| **{label} pooled** (counts summed) | {m['pooled_rules_strict']:.3f} / "
                         f"{m['pooled_rules_lenient']:.3f} | {m['pooled_judge_strict']:.3f} / "
                         f"{m['pooled_judge_lenient']:.3f} | {PRF.pooled(s.strict for s in ship).f1:.3f} / "
                         f"{PRF.pooled(s.lenient for s in ship).f1:.3f} |")
    return "\n".join(lines + ["", ""])


def _pooled_cell(card_scores: dict, scorer: str) -> str:
    """" (pooled S / L)" from a judge card's held-out scores; empty for a card written before they were kept."""
    if f"pooled_{scorer}_lenient" not in card_scores:
        return ""
    return (f" (pooled {card_scores[f'pooled_{scorer}_strict']:.3f} / "
            f"{card_scores[f'pooled_{scorer}_lenient']:.3f})")


def scorers_section() -> list[str]:
    """Every trained scorer beside the rules it can replace, on the same split, from the
    shipped models' cards (written by the training commands when the models were made)."""
    from heartline.models import load_shipped_file

    def card(name: str) -> dict:
        return (load_shipped_file(f"{name}.json") or {}).get("card", {})

    lines = ["## Trained scorers against the rules", "",
             "Each decision heartline learns, measured against the hand rules it replaces on the same split "
             "(from the shipped models' cards; the training commands write them). A trained scorer is the "
             "default only where it measures better; each has a switch back to the rules.", "",
             "| decision | trained scorer (switch) | measured on | rules | trained | default |",
             "|---|---|---|---|---|---|"]
    judge = card("feeling_judge").get("held_out", {})
    for group, label in (("fics", "39 dev fics"), ("novels", "2 dev novels")):
        m = judge.get(group)
        if m:
            lines.append(
                f"| feelings: which pairs, what kind | feeling judge + sentence reader (`HEARTLINE_JUDGE=rules`) "
                f"| {label}, leave one story out, mean F1 strict / lenient (pooled: counts summed) "
                f"| {m['rules_strict']:.3f} / {m['rules_lenient']:.3f}{_pooled_cell(m, 'rules')} "
                f"| {m['judge_strict']:.3f} / {m['judge_lenient']:.3f}{_pooled_cell(m, 'judge')} | trained |")
    cv = card("speaker_scorer").get("cross_validation", {})
    if cv:
        r, t = cv["fold_mean"]["rules"], cv["fold_mean"]["trained"]
        lines.append(
            f"| who speaks a quote | speaker scorer (`HEARTLINE_SPEAKERS=rules`) | LitBank, {cv['folds']} folds by "
            f"document, fold mean: B³ / accuracy on explicit quotes | {r['b3']:.1f} / {r['acc_explicit']:.1f} "
            f"| {t['b3']:.1f} / {t['acc_explicit']:.1f} | trained |")
    cv = card("person_scorer").get("cross_validation", {})
    if cv:
        lines.append(
            f"| which names are people | person scorer, a veto on the votes (`HEARTLINE_PERSONS=rules`) "
            f"| LitBank, {cv['folds']} folds by document, PER proper names F1 (P / R) "
            f"| {cv['rules']['f1']:.1f} ({cv['rules']['precision']:.1f} / {cv['rules']['recall']:.1f}) "
            f"| {cv['trained']['f1']:.1f} ({cv['trained']['precision']:.1f} / {cv['trained']['recall']:.1f}) "
            f"| trained |")
    return lines + ["", ""]


def render(results: list[dict], command: str, when: dt.datetime, commit: str,
           load_seconds: float, litbank_section: str = "") -> str:
    lines = [
        "# Accuracy against the gold answers and LitBank",
        "",
        f"Generated {when:%Y-%m-%d %H:%M} UTC at commit `{commit}` "
        f"(Python {platform.python_version()}, {os.cpu_count()} CPUs; times exclude loading the "
        f"parser, {load_seconds:.1f} s once). Regenerate with:",
        "",
        "```",
        command,
        "```",
        "",
        "The texts and gold answers live outside the repository, in `../shared` (`corpus/`, `gold/`); the "
        "same numbers come from `heartline eval ../shared/gold/NAME.gold.json`.",
        "",
        "| text | cast | character recall | main recall | splits | false characters | alias purity "
        "| strict P / R / F1 | lenient P / R / F1 | seconds |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        s: Score = r["score"]
        lines.append(
            f"| {r['name']} ({r['words']:,} words) | {r['cast']} "
            f"| {_frac(s.characters_found, s.characters_required)} "
            f"| {_frac(s.main_found, s.main_required)} "
            f"| {len(s.splits)} | {len(s.false_characters)} "
            f"| {_frac(s.alias_pure, s.alias_counted)} "
            f"| {_prf(s.strict)} ({s.strict.correct}/{s.strict.predicted} right, "
            f"{s.strict.found}/{s.strict.required} found) "
            f"| {_prf(s.lenient)} | {r['seconds']:.1f} |")
    if len(results) > 1:
        scores = [r["score"] for r in results]
        strict, lenient = PRF.pooled(s.strict for s in scores), PRF.pooled(s.lenient for s in scores)
        lines.append(
            f"| **all {len(results)}, pooled** | | "
            f"{_frac(sum(s.characters_found for s in scores), sum(s.characters_required for s in scores))} "
            f"| {_frac(sum(s.main_found for s in scores), sum(s.main_required for s in scores))} "
            f"| {sum(len(s.splits) for s in scores)} | {sum(len(s.false_characters) for s in scores)} "
            f"| {_frac(sum(s.alias_pure for s in scores), sum(s.alias_counted for s in scores))} "
            f"| {_prf(strict)} ({strict.correct}/{strict.predicted} right, "
            f"{strict.found}/{strict.required} found) "
            f"| {_prf(lenient)} | {sum(r['seconds'] for r in results):.1f} |")
    lines += [
        "",
        "Columns: *character recall* = gold characters found / gold characters (optional ones left out); "
        "*main* the same for the leads; *splits* = gold characters that two or more predicted characters "
        "map to; *false characters* = predicted characters whose names are all in the gold's "
        "`not_characters`; *alias purity* = of the names on predicted characters that the gold knows, the "
        "share that belong to the gold character they map to; *strict* = the (from, to, kind) triple must "
        "match, *lenient* = same ordered pair and same polarity (romantic/affection vs dislike/hatred). "
        "The pooled row sums the counts over all texts (micro-average). *seconds* is the wall-clock time of "
        "`analyze` on the machine named above, parsing included; it varies with the machine's load, so read it "
        "as an order of magnitude.",
        "",
        *mean_section(results),
        *_implied_section(results),
        *scorers_section(),
        *([litbank_section] if litbank_section else []),
        "Who speaks on the development fics themselves (silver, from the gold's stated feelings' evidence "
        "quotes; `bench/fic_speakers.py`) is measured in [fic-speakers.md](fic-speakers.md).",
        "",
        "## What went wrong, text by text",
        "",
    ]
    for r in results:
        s = r["score"]
        lines.append(f"### {r['name']} (`{r['text']}`)")
        lines.append("")
        items = [
            ("Missed characters", [f"{s.gold_names.get(g, g)} (`{g}`)" for g in s.missed_characters]),
            ("Split characters", [f"{s.gold_names.get(g, g)} ← "
                                  + ", ".join(f"\"{s.predicted_names.get(p, p)}\"" for p in pids)
                                  for g, pids in s.splits.items()]),
            ("False characters", [f"\"{s.predicted_names.get(p, p)}\"" for p in s.false_characters]),
            ("False-positive relations (strict)", [_edge(s, e) for e in s.false_positives]),
            ("Missed relations (strict)", [_edge(s, e) for e in s.missed_relations]),
        ]
        for heading, entries in items:
            if not entries:
                lines.append(f"- {heading}: none")
                continue
            lines.append(f"- {heading} ({len(entries)}):")
            lines += [f"  - {x}" for x in entries]
        extra = []
        if s.neutral:
            extra.append(f"{len(s.neutral)} prediction(s) on optional pairs or people, neither right nor wrong")
        if s.not_current:
            extra.append(f"{s.not_current} relation(s) predicted as past (`current: false`), not scored")
        if s.unscored:
            extra.append(f"{s.unscored} relation(s) touching people outside the partial cast, not scored")
        if extra:
            lines.append(f"- Not counted: {'; '.join(extra)}.")
        lines.append("")
    lines += [
        "## How these are scored",
        "",
        "By the reference rules in `../shared/gold/README.md` (\"Scoring\"), implemented once in "
        "`src/heartline/eval.py`. Names are compared case-insensitively with periods dropped; each predicted "
        "character maps to the gold character it shares the most names with. Only the end state of the text "
        "is scored: relations heartline marks `current: false` (past feelings) are skipped, and a gold "
        "relation is the feeling as it stands at the end. Gold relations and characters marked `optional` "
        "(unnamed people such as \"her mother\", edges careful readers could disagree on) are neither "
        "required nor errors. The fics have a `complete` cast, so every predicted edge outside the gold "
        "relations counts against precision, including edges to people the gold does not know; the novels "
        "have a `partial` cast (the people who matter), so predicted relations touching someone outside it "
        "are not scored. `how`, `arc`, `confidence` and `evidence` are not in these numbers.",
        "",
        "## Reading the numbers",
        "",
        "These are development texts, not a test set: the three fics (valentine, group_chat, winter_court) "
        "and the two Austen novels (Northanger Abbey, Sense and Sensibility) are the texts heartline's rules "
        "were written and tuned against, so the numbers here overstate how well it does on a story it has "
        "never seen. Five texts are also too few for small differences to mean much; one relation more or "
        "less moves a fic's F1 by several points. group_chat (a chat log: handles as speakers, a handle "
        "that changes mid-story, DMs, lower-case names) and winter_court (first person, an archive header, "
        "titles that change hands) test the shapes of issue 9; winter_court's remaining misses are "
        "feelings shown only by behaviour or said without a feeling word, which the rules do not read "
        "yet." + _partial_note(results),
        "",
    ]
    return "\n".join(lines)


def _partial_note(results: list[dict]) -> str:
    """The novels: how many of their gold relations are required, hence how coarse their recall is."""
    parts = [f"{r['name']} requires {r['score'].strict.required} of its {r['gold_relations']} gold relations"
             for r in results if r["cast"] == "partial"]
    if not parts:
        return ""
    return (" The novels' casts are partial and most of their gold relations are optional ("
            + "; ".join(parts) + "), so one relation found or missed moves a novel's recall by a large step, "
            "and precision there counts only predictions between people the gold lists.")


def _command(argv: list[str]) -> str:
    return " ".join([".venv/bin/python bench/gold_accuracy.py", *argv])


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description="Score heartline on every gold file and write a report.")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                        help="the shared folder holding gold/ and corpus/ (default: ../shared)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="where to write the report (default: docs/accuracy.md)")
    parser.add_argument("--no-litbank", action="store_true",
                        help="leave out the LitBank section (bench/litbank.py)")
    parser.add_argument("--no-held-out", action="store_true",
                        help="leave out the leave-one-story-out view of the feeling judge (bench/train_judge.py)")
    args = parser.parse_args(argv)
    golds = find_golds(args.shared.resolve())

    from heartline.stages.parse import load_parser

    started = time.perf_counter()
    load_parser()
    load_seconds = time.perf_counter() - started

    results = []
    for gold_path in golds:
        print(f"gold_accuracy: {gold_path.name} ...", file=sys.stderr, flush=True)
        try:
            results.append(run_one(gold_path))
        except HeartlineError as exc:
            sys.exit(f"gold_accuracy: {exc}")
        r = results[-1]
        print(f"  {r['seconds']:.1f} s, strict F1 {r['score'].strict.f1:.2f}", file=sys.stderr, flush=True)

    litbank_section = ""
    if not args.no_litbank:
        from bench import litbank

        docs = litbank.run(litbank.find_litbank(args.shared.resolve()),
                           log=lambda msg: print(msg, file=sys.stderr, flush=True))
        litbank_section = litbank.render_markdown(litbank.summary(docs))

    held_out_section = ""
    if not args.no_held_out:
        from bench import train_judge

        print("gold_accuracy: leave-one-story-out view (every story read again) ...", file=sys.stderr, flush=True)
        stories = train_judge.held_out_readings(train_judge.collect(golds), args.shared.resolve())
        rows, thresholds, fics, novels = train_judge.held_out_view(stories, incumbent=train_judge.shipped_thresholds())
        print(train_judge.render_rows(rows, fics, novels, thresholds))
        held_out_section = render_held_out(results, rows, thresholds, fics, novels)

    when = dt.datetime.now(dt.timezone.utc)
    report = render(results, _command(argv), when, commit_label(), load_seconds,
                    held_out_section + litbank_section)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(f"gold_accuracy: wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
