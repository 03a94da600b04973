"""One numbering everywhere: scenes and chapters count from 1 in the JSON, the terminal,
``ask`` and the report, so the same sentence is "scene 2" wherever it is shown."""
from __future__ import annotations

from heartline.ask import answer_question
from heartline.ask.render import render as render_answer
from heartline.report.graph_export import write_graphml_per_chapter
from heartline.report.html import report_data
from heartline.report.terminal import render
from storybook import INN, INN_HATRED


def test_the_same_sentence_has_the_same_scene_everywhere(analyse, tmp_path) -> None:
    analysis = analyse(INN)
    data = analysis.to_json()
    # A story with no chapter headings: three scenes, all in chapter 1.
    assert [(s["index"], s["chapter"]) for s in data["story"]["scenes"]] == [(1, 1), (2, 1), (3, 1)]
    hatred = next(r for r in data["relations"] if r["kind"] == "hatred")
    [evidence] = [e for e in hatred["evidence"] if e["text"] == INN_HATRED]
    assert evidence["scene"] == 2
    assert all(a["scene"] >= 1 for r in data["relations"] for a in r["arc"])
    assert all(q["scene"] >= 1 for q in data["quotes"])

    assert f'[scene 2] "{INN_HATRED}"' in render(analysis)

    answer = answer_question(data, "does Tobin hate Doran?")
    assert any(e["text"] == INN_HATRED and (e["scene"], e["chapter"]) == (2, 1) for e in answer["evidence"])

    # The report takes the JSON's numbers as they are (its script prints "scene " + number).
    page = report_data(data, analysis.story.text)
    assert [s["index"] for s in page["story"]["scenes"]] == [1, 2, 3]
    assert any(e["scene"] == 2 for r in page["relations"] for e in r["evidence"] if e["text"] == INN_HATRED)

    assert [p.name for p in write_graphml_per_chapter(data, tmp_path)] == ["chapter-01.graphml"]


def test_ask_prints_the_numbers_the_json_holds(analyse) -> None:
    from heartline.ask.session import Session
    analysis = analyse(INN)
    answer = Session(analysis.to_json()).ask("does Tobin hate Doran?")
    text = render_answer(answer)
    assert "[scene 2, chapter 1, offset" in text and "scene 0" not in text and "chapter 0" not in text
