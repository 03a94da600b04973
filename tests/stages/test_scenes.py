"""Scene, chapter and paragraph segmentation on small synthetic texts."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from heartline.model import Scene
from heartline.layout import (
    chapter_heading,
    is_break_line,
    paragraph_spans,
    segment_scenes,
)

_HERE = Path(__file__).resolve()
# The shared corpus sits beside the repository (../shared) or, on some
# machines, inside it (./shared); tests/stages/x.py → parents[2] is the repo.
_SHARED = next(
    (p for p in (_HERE.parents[3] / "shared", _HERE.parents[2] / "shared") if p.is_dir()),
    None,
)


def check_tiling(text: str, scenes: tuple[Scene, ...]) -> None:
    """The invariants every caller relies on."""
    assert scenes[0].start == 0
    assert scenes[-1].end == len(text)
    for a, b in zip(scenes, scenes[1:]):
        assert a.end == b.start
        assert b.chapter in (a.chapter, a.chapter + 1)
    assert [s.index for s in scenes] == list(range(len(scenes)))
    if re.search(r"[^\W_]", text):
        for s in scenes:
            assert re.search(r"[^\W_]", text[s.start:s.end]), s


def scene_texts(text: str) -> list[str]:
    scenes = segment_scenes(text)
    check_tiling(text, scenes)
    return [text[s.start:s.end].strip() for s in scenes]


def para(n: int, word: str = "word") -> str:
    return " ".join([word] * 8) + f" {n}."


# --------------------------------------------------------------------- helpers
@pytest.mark.parametrize(
    "line",
    ["***", "* * *", "~~~", "~", "xXx", "XxX", "o0o", "oOo", "-o-", "———", "___",
     "❦", "###", "---", "  * * *  ", "<hr>", "<hr />", "=-=-=", "§"],
)
def test_break_lines(line: str) -> None:
    assert is_break_line(line)


@pytest.mark.parametrize(
    "line",
    ["", "   ", "...", "?!", '"..."', "xxx", "XXX", "ox", "- Haruno Sakura",
     "Chapter 1", "He left.", "<3"],
)
def test_not_break_lines(line: str) -> None:
    assert not is_break_line(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("CHAPTER 1", "CHAPTER 1"),
        ("Chapter 2: The Storm", "Chapter 2: The Storm"),
        ("Chapter Two", "Chapter Two"),
        ("Chapter Twenty-One", "Chapter Twenty-One"),
        ("CHAPTER IV.", "CHAPTER IV."),
        ("CHAPTER XVI. Diana Is Invited to Tea", "CHAPTER XVI. Diana Is Invited to Tea"),
        ("CHAPTER I          Mrs. Rachel Lynde", "CHAPTER I Mrs. Rachel Lynde"),
        ("Chapter 3 The Long Night", "Chapter 3 The Long Night"),
        ("Part One", "Part One"),
        ("PART II", "PART II"),
        ("Book 1", "Book 1"),
        ("Act III", "Act III"),
        ("Ch. 4", "Ch. 4"),
        ("IV", "IV"),
        ("XII.", "XII."),
        ("  I  ", "I"),
        ("Prologue", "Prologue"),
        ("EPILOGUE", "EPILOGUE"),
        ("Epilogue: Ten Years Later", "Epilogue: Ten Years Later"),
        ("## Chapter 5", "Chapter 5"),
        ("**Chapter 6**", "Chapter 6"),
        ("[Chapter I.]", "Chapter I."),
    ],
)
def test_chapter_headings(line: str, expected: str) -> None:
    assert chapter_heading(line) == expected


@pytest.mark.parametrize(
    "line",
    ["Part one of the plan was simple.", "chapter 1", "Chapter and verse",
     "Part of her meaning was clear", "I went home.", "MIX", "CD", "L", "Epilogue, he said",
     "Book I read twice", "It was Chapter 1 that did it", "Chapter DIDI"],
)
def test_not_chapter_headings(line: str) -> None:
    assert chapter_heading(line) is None


# --------------------------------------------------------------------- breaks
@pytest.mark.parametrize("mark", ["***", "* * *", "~~~", "xXx", "o0o", "-o-", "———",
                                  "___", "❦", "###", "---", "<hr>"])
def test_each_ornament_breaks_a_scene(mark: str) -> None:
    text = f"{para(1)}\n\n{para(2)}\n\n{mark}\n\n{para(3)}\n"
    parts = scene_texts(text)
    assert len(parts) == 2
    assert parts[0].endswith(mark)  # break lines stay with the scene before
    assert parts[1] == para(3)
    assert {s.chapter for s in segment_scenes(text)} == {0}


def test_scene_starts_at_its_first_line() -> None:
    text = f"{para(1)}\n\n***\n\n\n{para(2)}\n"
    scenes = segment_scenes(text)
    assert scenes[1].start == text.index(para(2))


def test_two_blank_lines_break_a_scene() -> None:
    text = "\n\n".join(para(i) for i in range(4)) + "\n\n\n" + "\n\n".join(
        para(i) for i in range(4, 8)
    )
    parts = scene_texts(text)
    assert len(parts) == 2
    assert parts[1].startswith(para(4))


def test_double_blank_lines_everywhere_are_ignored() -> None:
    text = "\n\n\n".join(para(i) for i in range(10))
    assert len(segment_scenes(text)) == 1
    # ... but a longer run in such a text still breaks.
    text = "\n\n\n".join(para(i) for i in range(5)) + "\n\n\n\n\n" + "\n\n\n".join(
        para(i) for i in range(5, 10)
    )
    assert len(segment_scenes(text)) == 2


def test_single_newline_paragraphs_with_blank_line_break() -> None:
    long = "She walked along the shore for a long time, thinking about everything. " * 3
    lines = [f"{long}{i}" for i in range(20)]
    text = "\n".join(lines[:10]) + "\n\n" + "\n".join(lines[10:])
    parts = scene_texts(text)
    assert len(parts) == 2
    assert len(paragraph_spans(text)) == 20


# --------------------------------------------------------------------- chapters
@pytest.mark.parametrize(
    "heading",
    ["CHAPTER 1", "Chapter 2: Title", "Chapter Two", "CHAPTER IV.", "Part One", "PART II",
     "IV", "XII.", "Prologue", "Epilogue"],
)
def test_each_heading_opens_a_chapter(heading: str) -> None:
    text = f"{para(1)}\n\n{heading}\n\n{para(2)}\n\n{para(3)}\n"
    scenes = segment_scenes(text)
    check_tiling(text, scenes)
    assert len(scenes) == 2
    assert scenes[1].title == heading
    assert scenes[1].chapter == 1
    assert scenes[1].start == text.index(heading)
    assert scenes[0].title == ""


def test_chapters_and_scenes_together() -> None:
    text = (
        f"Chapter 1\n\n\n{para(1)}\n\n{para(2)}\n\n* * *\n\n{para(3)}\n\n\n\n"
        f"Chapter 2: Home\n\n{para(4)}\n\nxXx\n\n{para(5)}\n"
    )
    scenes = segment_scenes(text)
    check_tiling(text, scenes)
    assert [(s.chapter, s.title) for s in scenes] == [
        (0, "Chapter 1"), (0, ""), (1, "Chapter 2: Home"), (1, ""),
    ]


def test_heading_with_subtitle_line() -> None:
    text = f"CHAPTER SEVEN\nAMY'S VALLEY OF HUMILIATION\n\n{para(1)}\n\n{para(2)}\n"
    scenes = segment_scenes(text)
    assert scenes[0].title == "CHAPTER SEVEN: AMY'S VALLEY OF HUMILIATION"
    assert paragraph_spans(text)[0] == (text.index(para(1)), text.index(para(1)) + len(para(1)))


def test_stacked_headings_share_one_scene() -> None:
    text = f"{para(0)}\n\nPART ONE\n\n\nChapter 1\n\n{para(1)}\n"
    scenes = segment_scenes(text)
    check_tiling(text, scenes)
    assert len(scenes) == 2
    assert scenes[1].title == "PART ONE — Chapter 1"
    assert scenes[1].chapter == 1


def test_table_of_contents_is_not_chapters() -> None:
    toc = "Contents\n\nI\nII\nIII\n\n\n"
    body = "\n\n".join(f"{n}\n\n{para(i)}" for i, n in enumerate(["I", "II", "III"]))
    text = toc + body
    scenes = segment_scenes(text)
    check_tiling(text, scenes)
    assert [s.title for s in scenes] == ["", "I", "II", "III"]
    assert [s.chapter for s in scenes] == [0, 1, 2, 3]


def test_leading_blank_lines_and_break_merge_away() -> None:
    text = f"\n\n\n***\n\nChapter 1\n\n{para(1)}\n\n***\n\n"
    scenes = segment_scenes(text)
    check_tiling(text, scenes)
    assert len(scenes) == 1
    assert scenes[0].title == "Chapter 1" and scenes[0].chapter == 0


def test_wrapped_prose_line_that_looks_like_a_heading() -> None:
    wrapped = (
        "The plan had three stages and she had rehearsed each of them twice\n"
        "Part II\n"
        "was the hardest of them all, and she had never liked it very much at\n"
        "all, not since the first time her brother had explained it to her.\n"
    )
    text = (wrapped + "\n") * 3
    assert len(segment_scenes(text)) == 1
    assert len(paragraph_spans(text)) == 3


def test_text_without_words_is_one_scene() -> None:
    for text in ["***", "", "...\n\n* * *\n"]:
        scenes = segment_scenes(text)
        assert scenes == (Scene(index=0, start=0, end=len(text), chapter=0),)


# --------------------------------------------------------------------- paragraphs
def test_paragraphs_of_wrapped_text() -> None:
    p1 = "a line of a paragraph that is wrapped at a fixed width like this\nand goes on"
    p2 = "  Another paragraph, indented, that is also wrapped at the width of\nthe page.  "
    text = f"\n{p1}\n\n{p2}\n\n***\n\nChapter 2\n\nLast one.\n"
    spans = paragraph_spans(text)
    assert [text[a:b] for a, b in spans] == [p1, p2.strip(), "Last one."]


def test_each_line_is_a_paragraph_without_blank_lines() -> None:
    text = "First.\nSecond one.\n  Third.  \n"
    assert [text[a:b] for a, b in paragraph_spans(text)] == ["First.", "Second one.", "Third."]


def test_unwrapped_lines_in_one_block_are_paragraphs() -> None:
    long = "This is a long line of prose that clearly was never wrapped by hand at all, " * 2
    text = f"{long}\n[21:14] wren: ok\n[21:15] sam: no\n\n{long}"
    spans = paragraph_spans(text)
    assert [text[a:b] for a, b in spans][1:3] == ["[21:14] wren: ok", "[21:15] sam: no"]


# --------------------------------------------------------------------- real text
def test_pride_and_prejudice_has_61_chapters() -> None:
    if _SHARED is None:
        pytest.skip("shared corpus not found beside or inside the repository (../shared)")
    path = _SHARED / "corpus" / "novels" / "pride_and_prejudice.txt"
    if not path.is_file():
        pytest.skip(f"{path} is not there")
    from heartline.formats.text import read_story

    text = read_story(path).text
    scenes = segment_scenes(text)
    check_tiling(text, scenes)
    assert scenes[-1].chapter + 1 == 61
    titles = [s.title for s in scenes if s.title]
    assert titles[0].lower() == "chapter 1" and titles[-1].lower() == "chapter 61"


def test_chat_log_lines_in_a_block_are_paragraphs_of_their_own_in_order() -> None:
    prose = ("Ann ran the bakery on the corner of the square, and she was there before\n"
             "the sun every morning of the year, even on the coldest days of winter.\n")
    text = (prose * 3 + "\n" + prose + "[20:01] mia.k: ok who is coming\n[20:02] tomtom: me\n"
            "mia.k changed their name to \"queen\"\n\n" + prose)
    spans = paragraph_spans(text)
    assert list(spans) == sorted(spans)
    paragraphs = [text[s:e] for s, e in spans]
    assert "[20:01] mia.k: ok who is coming" in paragraphs and "[20:02] tomtom: me" in paragraphs
    assert prose.strip() in paragraphs  # the prose above the log is a paragraph of its own


# Wrapped prose set the old way, no blank line between paragraphs: one speech a line
_UNPARTED = (
    "The carter drew up at the bridge and looked back along the lane,\n"
    "where the rain had left the ruts brimming with brown water, and\n"
    "he waited there a long while for the others to come up with him.\n"
    '"The wheel is loose again, Miss." said the carter.\n'
    '"Then we stop at the forge." said the girl.\n'
    '"Aye," said the carter, and he climbed down and went round to the\n'
    "back to look at the wheel, which wobbled on its pin like a tooth, and\n"
    "he shook his head over it.\n"
    "The girl sat very still on the top of the load, her hands in her lap,\n"
    "and watched the swallows skimming the water under the old bridge.\n"
    "\n"
    "Nobody came along the lane for the best part of an hour after that,\n"
    "and the carter whistled to himself as he worked at the loose pin.\n"
)


def test_unparted_wrapped_text_starts_a_paragraph_at_each_speech_line() -> None:
    paras = [_UNPARTED[a:b] for a, b in paragraph_spans(_UNPARTED)]
    assert paras[1] == '"The wheel is loose again, Miss." said the carter.'
    assert paras[2] == '"Then we stop at the forge." said the girl.'
    assert paras[3].startswith('"Aye," said the carter')
    assert paras[0].endswith("to come up with him.")


def test_unparted_wrapped_text_ends_a_speech_paragraph_on_a_short_line() -> None:
    paras = [_UNPARTED[a:b] for a, b in paragraph_spans(_UNPARTED)]
    # the speech's paragraph ends on its short last line; the narration after it is its own
    assert paras[3].endswith("he shook his head over it.")
    assert paras[4].startswith("The girl sat very still")
    assert paras[5].startswith("Nobody came along")
    assert len(paras) == 6


def test_blank_parted_wrapped_text_keeps_a_wrapped_speech_line_in_its_paragraph() -> None:
    # Paragraphs parted by blank lines: a wrapped line that happens to open a quote after a
    # full stop is a line of the paragraph, not a new one.
    para1 = ("She read the letter twice over by the window, then folded it away.\n"
             '"Not yet," she told the cat, who did not care either way at all,\n'
             "and she went down to the kitchen to see about the evening meal.")
    para2 = ('"Is it the post?" her brother called up the stairs to her, and she\n'
             "said that it was nothing, nothing at all, only the bill from town.")
    text = "\n\n".join([para1, para2, para1, para2]) + "\n"
    assert [text[a:b] for a, b in paragraph_spans(text)] == [para1, para2, para1, para2]


def test_blank_parted_text_with_a_few_double_quoted_lines_keeps_its_paragraphs() -> None:
    # Single quotes for talk; a told story inside quotes a few double-quoted lines, each right under
    # a line that closed a sentence and none after a blank line: the text still parts by blank lines.
    para = ("'You will hear it all,' said the miller, and he leaned back against the wall,\n"
            "and told it the way his father had told it to him, years ago, by the fire.\n"
            '"Then the river rose," he said, and the children stopped their game to listen,\n'
            "for the river had risen in their own time too, and taken the lower field.")
    plain = ("'And the mill?' asked the youngest, who had not been born when the water came,\n"
             "and the miller laughed and said the mill had stood, as mills mostly do.")
    text = "\n\n".join([para, plain] * 3) + "\n"
    assert [text[a:b] for a, b in paragraph_spans(text)] == [para, plain] * 3
