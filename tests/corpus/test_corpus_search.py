"""Searching a corpus database: names through aliases, either order, ranked by how
central the pair is, one evidence line each; the same on PostgreSQL."""
from __future__ import annotations

import json

import pytest
from corpus_helpers import story_text

from heartline.api import analyze_text
from heartline.corpus.record import record_from_analysis
from heartline.corpus.schema import open_database
from heartline.corpus.search import SearchQuery, parse_pairing, render_hits, search
from heartline.corpus.store import save_work
from heartline.errors import HeartlineError

# Anna Bell/Tom Pike in the background of another couple's story.
BACKGROUND = """Title: The Mill

Ruth Carver loved Daniel Ash. Every evening Ruth walked down to the mill where Daniel worked. "I love you, \
Daniel," Ruth said by the wheel. Daniel smiled at her. "I love you too, Ruth," Daniel said.

* * *

Anna Bell passed them on the bridge with her basket. Anna had a crush on Tom Pike, but Tom was away at sea.

* * *

Ruth and Daniel married in the spring. Ruth adored Daniel, and Daniel adored Ruth. "You are my whole heart, \
Ruth," Daniel said.

* * *

Daniel kissed Ruth under the apple trees, and the whole village came to dance.
"""


@pytest.fixture(scope="module")
def records():
    # story_text(0): Anna Bell/Tom Pike is the central couple, Hugo Vale a friend.
    return [record_from_analysis(analyze_text(story_text(0), source="/c/harbour.txt"), "h1"),
            record_from_analysis(analyze_text(BACKGROUND, source="/c/mill.txt"), "h2")]


@pytest.fixture
def db(db_url, records):
    engine = open_database(db_url)
    for record in records:
        save_work(engine, record)
    yield engine
    engine.dispose()


def _titles(hits):
    return [h.title for h in hits]


def test_pairing_in_any_case_and_order_ranks_the_central_couple_first(db):
    hits = search(db, SearchQuery(pairing=parse_pairing("tom/ANNA BELL")))
    assert _titles(hits) == ["The Harbour, part 0", "The Mill"]
    assert hits[0].centrality > hits[1].centrality
    assert hits[0].pair == ("Tom Pike", "Anna Bell")                 # in the order asked
    assert hits[0].central and not hits[1].central
    assert {(f.source, f.target) for f in hits[0].feelings} == {("Anna Bell", "Tom Pike"), ("Tom Pike", "Anna Bell")}
    assert "Tom" in hits[0].evidence and hits[0].evidence_scene is not None


def test_central_keeps_only_works_where_the_pair_leads(db):
    assert _titles(search(db, SearchQuery(pairing=parse_pairing("Anna/Tom"), central=True))) == \
        ["The Harbour, part 0"]
    hits = search(db, SearchQuery(kind="romantic", central=True))
    assert {(h.title, frozenset(h.pair)) for h in hits} == {
        ("The Harbour, part 0", frozenset({"Anna Bell", "Tom Pike"})),
        ("The Mill", frozenset({"Ruth Carver", "Daniel Ash"}))}


def test_ampersand_asks_for_a_platonic_pair(db):
    assert search(db, SearchQuery(pairing=parse_pairing("Anna & Tom"))) == []


def test_how_and_character_filters(db):
    hits = search(db, SearchQuery(how="implied"))
    # the mill's feeling is shown by behaviour alone; the judge also finds a weak implied warmth
    # in a harbour story: every hit, and only hits, hold an implied feeling
    assert "The Mill" in _titles(hits)
    assert all(any(f.how == "implied" for f in h.feelings) for h in hits)
    mill = hits[_titles(hits).index("The Mill")]
    assert [(f.source, f.how) for f in mill.feelings] == [("Daniel Ash", "implied")]
    hits = search(db, SearchQuery(character="hugo"))
    assert _titles(hits) == ["The Harbour, part 0"] and hits[0].pair[0] == "Hugo Vale"
    assert search(db, SearchQuery(character="Nobody Here")) == []


def test_limit(db):
    assert len(search(db, SearchQuery(kind="romantic", limit=1))) == 1


def test_bad_pairing_and_values_are_user_errors(db):
    with pytest.raises(HeartlineError, match="two names"):
        parse_pairing("Anna")
    with pytest.raises(HeartlineError, match="--kind"):
        search(db, SearchQuery(kind="lust"))


def test_rendered_hits_show_pair_feelings_and_one_evidence_line(db):
    text = render_hits(search(db, SearchQuery(pairing=parse_pairing("Anna/Tom"))))
    assert "  1. The Harbour, part 0  [/c/harbour.txt]" in text
    assert "centrality" in text and "Anna Bell -> Tom Pike: romantic" in text and "[scene " in text
    assert render_hits([]) == "no works match"


def test_cli_search_json(db_url, db, capsys):
    from heartline.cli import main

    assert main(["search", "--db", db_url, "--pairing", "Anna/Tom", "--json", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["title"] for r in data["results"]] == ["The Harbour, part 0", "The Mill"]
    assert data["results"][0]["evidence"]["text"] and data["query"]["pairing"] == "Anna/Tom"
