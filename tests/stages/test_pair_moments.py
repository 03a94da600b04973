"""Which pairs the feeling judge weighs: moments shared in speech (``pair_features.speech_moments``),
on invented fixtures."""
from __future__ import annotations

from collections import defaultdict

from heartline.stages.pair_features import MIN_SHARED, speech_moments

# Orla talks about Bram in two sentences of one quote; the two never share a sentence of narration.
BACK = (
    "Orla Thistlewood sat by the fire in the long kitchen.\n\n"
    "\"Bram Oakridge brought me soup again,\" Orla said to the cat. \"Bram always remembers the salt.\"\n\n"
    "Up on the hill, Bram Oakridge mended the wall. Bram whistled as he worked."
)

# A letter from Wenna to Cedric tells of Father and Cedric together, twice.
BOTH = (
    "Cedric Fitch went for a soldier in the spring, and Wenna Kestle wrote to him.\n\n"
    "Bracken Hill, 3rd May\n\n"
    "Dear Cedric,\n\n"
    "Father keeps quiet, but he mended your old kite and hung it in the barn. "
    "Father keeps your letters in his coat. The hens are laying again.\n\n"
    "Your friend,\nWenna\n\n"
    "* * *\n\n"
    "Camp Ash, 20th May\n\n"
    "Dear Wenna,\n\n"
    "The food is poor and the mud is worse. Give the hens my regards.\n\n"
    "Yours,\nCedric\n"
)


def _inputs(results):
    index = results["document"]
    quote_sentences = {q.index: sorted({t.sentence for t in index.tokens if q.start <= t.start < q.end})
                       for q in results["speakers"]}
    tones = defaultdict(list)
    link = dict(results["links"].links)
    about = defaultdict(set)
    for m in results["mentions"].items:
        if m.quote is not None and m.person == 3 and m.index in link:
            about[m.quote].add(link[m.index])
    for q in results["speakers"]:
        if not q.speaker:
            continue
        heard = {q.addressee} if q.addressee else set()
        for other in sorted(heard | (about[q.index] - {q.speaker})):
            tones[(q.speaker, other)].append((0.0, q))
    return results["mentions"], link, results["speakers"], quote_sentences, dict(tones)


def test_a_quote_about_someone_is_a_moment_of_the_pair_read_the_other_way(run, who):
    r = run(BACK)
    orla, bram = who(r, "Orla Thistlewood"), who(r, "Bram Oakridge")
    args = _inputs(r)
    back = speech_moments(*args, rows=("back",))
    assert len(back[(bram, orla)]) >= MIN_SHARED  # the quote's two sentences, read Bram -> Orla
    assert (bram, orla) not in speech_moments(*args, rows=())
    records = {(x.source, x.target) for x in r["pair_features"]}
    assert (orla, bram) in records  # Orla's own talk about Bram, as before
    # the rows are off by default (SPEECH_MOMENTS: measured worse on the merged upstream), so
    # the pair read the other way has no record of its own
    assert (bram, orla) not in records


def test_a_letter_sentence_about_two_people_is_their_moment(run, who):
    r = run(BOTH)
    cedric, father = who(r, "Cedric Fitch"), who(r, "Father")
    assert cedric and father
    both = speech_moments(*_inputs(r), rows=("both",))
    # "Father ... your old kite", "Father keeps your letters": Cedric is the letter's "you"
    assert len(both[(father, cedric)]) >= 2 and both[(father, cedric)] == both[(cedric, father)]
    assert (father, cedric) not in {(x.source, x.target) for x in r["pair_features"]}  # off by default
