"""``heartline batch`` and ``heartline search`` as a user runs them."""
from __future__ import annotations

import json

import pytest
from corpus_helpers import write_corpus

from heartline.cli import main


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clicorpus")
    write_corpus(folder / "stories", 2)
    db = folder / "cli.sqlite"
    assert main(["batch", str(folder / "stories"), "--db", str(db), "--json", str(folder / "summary.json")]) == 0
    return folder, db


def test_batch_prints_a_summary_and_writes_json(filled, capsys):
    folder, db = filled
    summary = json.loads((folder / "summary.json").read_text())
    assert (summary["done"], summary["skipped"], summary["failed"], summary["interrupted"]) == (2, 0, 0, False)
    assert main(["batch", str(folder / "stories"), "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith("finished: 0 done, 2 skipped, 0 failed")


def test_search_prints_ranked_works(filled, capsys):
    _, db = filled
    assert main(["search", "--db", str(db), "--kind", "romantic", "--central"]) == 0
    out = capsys.readouterr().out
    assert "  1. The Harbour, part " in out and "  2. The Harbour, part " in out


@pytest.mark.parametrize("argv, message", [
    (["batch", "{d}/stories", "--db", "{d}/x.sqlite", "--workers", "0"], "--workers must be 1 or more"),
    (["batch", "{d}/stories", "--db", "{d}/x.sqlite", "--address", "h:1"], "--address needs --engine ray"),
    (["batch", "{d}/absent", "--db", "{d}/x.sqlite"], "no such file or directory"),
    (["search", "--db", "{d}/absent.sqlite", "--pairing", "A/B"], "no database at"),
    (["search", "--db", "{d}/cli.sqlite", "--pairing", "A"], "give two names"),
])
def test_user_errors_are_one_line_and_exit_2(filled, capsys, argv, message):
    folder, _ = filled
    assert main([a.format(d=folder) for a in argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("heartline: error: ") and message in err and "Traceback" not in err
