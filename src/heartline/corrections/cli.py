"""``heartline correct STORY ACTION ...``: record a fix in the story's corrections file.

Every later ``analyze``, ``ask`` and ``batch`` of the story applies it.  ``list`` shows
the file; ``--check`` analyses the story and says which corrections matched and which
are stale.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import FEELING_KINDS, HOW_VALUES
from .file import Correction, Corrections, append_correction, load_corrections, sidecar_path


def _correction(args: argparse.Namespace) -> Correction | None:
    a = args.action
    if a == "merge":
        return Correction("merge", (("names", tuple(args.names)),))
    if a == "split":
        return Correction("split", (("alias", args.alias), ("from", args.source)))
    if a == "not-character":
        return Correction("not_character", (("name", args.name),))
    if a == "rename":
        return Correction("rename", (("from", args.old), ("to", args.new)))
    if a == "remove-relation":
        return Correction("remove_relation", (("from", args.source), ("to", args.target), ("kind", args.kind)))
    if a == "add-relation":
        if not args.reason.strip():
            raise InputError("add-relation needs a --reason (what in the text shows it)")
        return Correction("add_relation", (("from", args.source), ("to", args.target), ("kind", args.kind),
                                           ("how", args.how), ("reason", " ".join(args.reason.split()))))
    return None  # list


def _file(args: argparse.Namespace) -> Path:
    return Path(args.corrections) if args.corrections else sidecar_path(args.story)


def _describe(c: Correction) -> str:
    from .file import format_item

    return format_item(c.to_yaml_item())[2:].strip()


def run_correct(args: argparse.Namespace) -> int:
    from ..cli import write_json

    story = Path(args.story)
    if not story.is_file():
        raise InputError(f"{args.story}: no such story file")
    path = _file(args)
    correction = _correction(args)
    if correction is not None:
        # checked the same way the file is read, so a fix that would break the file is refused
        from .file import parse_item

        parse_item(correction.to_yaml_item(), "this correction")
        append_correction(path, correction, story.name)
    corrections = load_corrections(path) if path.exists() else Corrections(str(path))
    data: dict[str, Any] = {"file": str(path), "added": correction.to_yaml_item() if correction else None,
            "corrections": [c.to_yaml_item() for c in corrections.items]}
    if args.check:
        from ..api import analyze

        report = analyze(story, corrections=corrections).corrections.to_json()
        data.update(applied=report["applied"], stale=report["stale"])
    if args.json:
        write_json(data, args.json)
    if args.json == "-":
        return 0
    if correction is not None:
        print(f"recorded in {path}: {_describe(correction)}")
    else:
        print(f"{path}: {len(corrections.items)} correction{'s' if len(corrections.items) != 1 else ''}")
        for c in corrections.items:
            print(f"  {_describe(c)}")
    if args.check:
        for item in data["applied"]:
            print(f"  applied: {item['note']}")
        for item in data["stale"]:
            print(f"  STALE:   {item['note']}  ({item['action']})")
    return 0


def register_cli(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("correct", help="fix heartline's reading of a story; later runs keep the fix",
                              description="Record a correction in the story's corrections file "
                                          "(STORY.heartline.yaml unless --corrections says otherwise). "
                                          "analyze, ask and batch apply it from then on.")
    p.add_argument("story", help="the story file")
    p.add_argument("--corrections", metavar="FILE", help="the corrections file (default: STORY.heartline.yaml)")
    p.add_argument("--check", action="store_true", help="analyse the story and say which corrections apply "
                                                        "and which are stale (match nothing)")
    p.add_argument("--json", metavar="PATH", help="write the file's corrections as JSON ('-' for stdout)")
    # the same options after ACTION too ("correct s.txt merge A B --check"); SUPPRESS keeps
    # the values given before it
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--corrections", metavar="FILE", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    common.add_argument("--check", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    common.add_argument("--json", metavar="PATH", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser

    def add_parser(name: str, **kw):
        return add(name, parents=[common], **kw)

    actions.add_parser = add_parser
    a = actions.add_parser("merge", help="these names are one person (the later join the first)")
    a.add_argument("names", nargs="+", metavar="NAME")
    a = actions.add_parser("split", help="this name is somebody else: split it off")
    a.add_argument("alias")
    a.add_argument("--from", dest="source", metavar="NAME", help="the character it is split from")
    a = actions.add_parser("not-character", help="this name is not a person of the story")
    a.add_argument("name")
    a = actions.add_parser("rename", help="call a character by another name")
    a.add_argument("old")
    a.add_argument("new")
    a = actions.add_parser("remove-relation", help="FROM does not feel that for TO")
    a.add_argument("source", metavar="FROM")
    a.add_argument("target", metavar="TO")
    a.add_argument("--kind", choices=FEELING_KINDS, help="only this kind of feeling (default: any)")
    a = actions.add_parser("add-relation", help="FROM feels KIND for TO, for a reason you give")
    a.add_argument("source", metavar="FROM")
    a.add_argument("target", metavar="TO")
    a.add_argument("--kind", choices=FEELING_KINDS, required=True)
    a.add_argument("--reason", required=True, help="what in the text shows it")
    a.add_argument("--how", choices=HOW_VALUES, default="implied", help="how the text shows it (default implied)")
    actions.add_parser("list", help="show the corrections recorded for the story")
    for sub in actions.choices.values():
        sub.set_defaults(func=run_correct)
    p.set_defaults(func=run_correct)
