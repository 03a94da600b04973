"""Ask real questions of two novels and write the answers into docs/ask.md.

Run from the repository root with the project's virtual environment:

    .venv/bin/python bench/ask_table.py [--shared ../shared] [--cache-dir DIR] [--doc docs/ask.md]

Each novel is analysed once (through ``heartline ask``'s cache, so a second run takes
seconds).  Each question carries what a reader of the novel would answer and a check
of heartline's answer against that; the table marks the ones that fail **wrong**.
The section between the ``ask-table`` markers in the doc is replaced; nothing else.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from heartline.ask import Session, cached_analysis  # noqa: E402

Check = Callable[[dict[str, Any]], bool]


@dataclass(frozen=True)
class Row:
    question: str
    expected: str  # what a reader of the novel would answer
    check: Check  # is heartline's answer that?


def verdict(*wanted: str) -> Check:
    return lambda a: a["verdict"] in wanted


def verdict_kind(wanted: str, kind: str) -> Check:
    return lambda a: a["verdict"] == wanted and any(r["kind"] == kind for r in a["relations"])


def _is(name: str, shown: str) -> bool:
    """The analysis may name a person by part of their name ("Edward" for Edward Ferrars)."""
    return shown == name or f" {shown} " in f" {name} "


def first_named(name: str) -> Check:
    """The first person the answer names after the one asked about."""
    return lambda a: a["status"] == "answered" and len(a["characters"]) > 1 and _is(name, a["characters"][1])


def names(*wanted: str) -> Check:
    return lambda a: a["status"] == "answered" and all(any(_is(w, c) for c in a["characters"]) for w in wanted)


def names_without(wanted: tuple[str, ...], wrong_pairs: tuple[str, ...]) -> Check:
    """All of ``wanted`` named, and none of the pairs ("A -> B") a reader would reject."""
    return lambda a: names(*wanted)(a) and not any(p in a["answer"] for p in wrong_pairs)


def is_character(name: str) -> Check:
    return lambda a: a["status"] == "answered" and bool(a["characters"]) and _is(name, a["characters"][0])


def arc_from_hostile_to_romantic(a: dict[str, Any]) -> bool:
    rel = a["relations"][0] if a["relations"] else None
    if not rel or rel["kind"] != "romantic" or not rel["current"]:
        return False
    kinds = [e["kind"] for e in rel["evidence"]]
    return any(k in ("dislike", "hatred") for k in kinds[: max(1, len(kinds) // 2)])


def said_by(name: str) -> Check:
    return lambda a: a["status"] == "answered" and f"{name} says so" in a["answer"]


NOVELS: dict[str, list[Row]] = {
    "pride_and_prejudice.txt": [
        Row("who does Elizabeth love?", "Mr. Darcy", first_named("Fitzwilliam Darcy")),
        Row("does Darcy love Elizabeth?", "yes (romantic: he proposes twice)", verdict_kind("yes", "romantic")),
        Row("does Elizabeth hate Darcy?", "used to (dislike at first, love at the end)", verdict("used to")),
        Row("how does Elizabeth feel about Darcy?", "dislike at first, then love", arc_from_hostile_to_romantic),
        Row("who said Darcy loves Elizabeth?", "Darcy himself (both proposals); Charlotte suspects it",
            said_by("Fitzwilliam Darcy")),
        Row("are Jane and Bingley together?", "yes (engaged at the end)", verdict("yes")),
        Row("who loves Jane?", "Mr. Bingley", first_named("Mr Bingley")),
        Row("who does Lydia love?", "Wickham (she elopes with him)", first_named("Mr Wickham")),
        Row("who does Mr Collins love?", "Charlotte Lucas (he marries her after Elizabeth refuses him)",
            first_named("Charlotte Lucas")),
        Row("who hates Darcy?", "Wickham; Elizabeth, for a while", names("Mr Wickham")),
        Row("does Caroline Bingley love Darcy?", "yes (she hopes to marry him)", verdict_kind("yes", "romantic")),
        Row("who is Lizzy?", "Elizabeth Bennet", is_character("Elizabeth Bennet")),
        Row("who is in love in this story?", "Elizabeth and Darcy, Jane and Bingley, Lydia and Wickham",
            names_without(("Elizabeth Bennet", "Fitzwilliam Darcy", "Jane Bennet", "Mr Bingley", "Lydia Bennet",
                           "Mr Wickham"), ("Jane Bennet -> Mr Bennet",))),
    ],
    "sense_and_sensibility.txt": [
        Row("who does Elinor love?", "Edward Ferrars", first_named("Edward Ferrars")),
        Row("does Edward love Elinor?", "yes (he marries her)", verdict_kind("yes", "romantic")),
        Row("is Marianne in love with Willoughby?", "used to (she marries Colonel Brandon)", verdict("used to")),
        Row("who loves Marianne?", "Colonel Brandon; Willoughby too, though he marries for money",
            first_named("Colonel Brandon")),
        Row("does Brandon love Marianne?", "yes", verdict_kind("yes", "romantic")),
        Row("are Marianne and Brandon together?", "yes (married at the end)", verdict("yes")),
        Row("who is Lucy?", "Lucy Steele, secretly engaged to Edward", is_character("Lucy Steele")),
        Row("how does Marianne feel about Willoughby?", "in love, then heartbroken: past at the end",
            lambda a: bool(a["relations"]) and not a["relations"][0]["current"]),
        Row("does Elinor like Lucy?", "no (polite rivals)", verdict("no")),
        Row("who is in love in this story?", "Elinor and Edward, Marianne and Brandon (Marianne and Willoughby "
            "in the past), Lucy and Robert Ferrars",
            names_without(("Elinor Dashwood", "Edward Ferrars", "Marianne Dashwood", "Colonel Brandon"),
                          ("Elinor -> John Willoughby",))),
    ],
}


def _cell(text: str, limit: int = 260) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _second_question_seconds(story: Path, cache_dir: Path) -> float:
    """Wall time of a whole ``heartline ask`` command answered from the cache."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "heartline.cli", "ask", str(story), "who is in love in this story?",
                    "--cache-dir", str(cache_dir)], check=True, capture_output=True, cwd=REPO)
    return time.perf_counter() - started


def build_section(shared: Path, cache_dir: Path) -> str:
    out: list[str] = []
    wrong_total = total = 0
    timings: list[str] = []
    for filename, rows in NOVELS.items():
        story = shared / "corpus" / "novels" / filename
        started = time.perf_counter()
        analysis, hit = cached_analysis(story, cache_dir=cache_dir)
        first = time.perf_counter() - started
        second = _second_question_seconds(story, cache_dir)
        timings.append(f"{filename}: analysis {'(already cached) ' if hit else ''}{first:.1f} s; "
                       f"a later `heartline ask` command, from the cache, {second:.2f} s")
        session = Session(analysis)
        title = analysis.get("story", {}).get("title") or filename
        out += [f"### {title} (`{filename}`)", "",
                "| # | question | heartline's answer | verdict | expected (a reader) | right? |",
                "|---|---|---|---|---|---|"]
        for i, row in enumerate(rows, 1):
            answer = session.ask(row.question).to_json()
            ok = row.check(answer)
            total += 1
            wrong_total += not ok
            out.append(f"| {i} | {_cell(row.question)} | {_cell(answer['answer'])} | {answer['verdict'] or ''} "
                       f"| {_cell(row.expected)} | {'right' if ok else '**wrong**'} |")
        out.append("")
    head = [f"{total - wrong_total} of {total} answers right, {wrong_total} **wrong**. The wrong ones are the "
            "analysis's mistakes passed on faithfully (a relation missed or given the wrong kind, a nickname "
            "split into a separate character, a name given to the wrong person), not the question-answering's: "
            "each answer is correct for the analysis it reads.", "",
            "Timing (this machine, generated by the script): " + "; ".join(timings) + ".", ""]
    return "\n".join(head + out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--cache-dir", type=Path, default=None, help="analysis cache (default: the user's)")
    parser.add_argument("--doc", type=Path, default=REPO / "docs" / "ask.md")
    args = parser.parse_args(argv)
    if not (args.shared / "corpus" / "novels").is_dir():
        print(f"no novels under {args.shared}/corpus/novels", file=sys.stderr)
        return 2
    from heartline.ask.cache import default_cache_dir

    section = build_section(args.shared, args.cache_dir or default_cache_dir())
    doc = args.doc.read_text(encoding="utf-8")
    pattern = re.compile(r"(<!-- ask-table:start -->\n).*?(<!-- ask-table:end -->)", re.S)
    if not pattern.search(doc):
        print(f"{args.doc}: no ask-table markers", file=sys.stderr)
        return 2
    args.doc.write_text(pattern.sub(lambda m: m.group(1) + section + "\n" + m.group(2), doc), encoding="utf-8")
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
