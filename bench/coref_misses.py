"""Why a missed gold relation is missed, as far as coreference goes.

For every gold relation that an eval JSON lists as missed, the gold evidence sentences are
found in heartline's analysis, and the mentions heartline resolved there are set beside the
relation's two ends.  Each end that no resolved mention in the evidence stands for is put
down to a cause: a pronoun left unresolved or given to someone else, a possessive, singular
or plural "they", "we", an epithet or relational noun, a name not linked, a person missing
from the cast, or no mention of them in the sentence at all.

Run from the repository root:

    .venv/bin/python bench/coref_misses.py EVAL.json [--shared ../shared] [--only NAME ...] [-v]

``EVAL.json`` is ``heartline eval --json`` output (its "missed" lists are read).  Only the
golds with evidence (the fics) are looked at.

With ``--litbank CACHE`` (a ``bench/train_coref.py --cache`` file, made there when missing) it
classifies instead every he/she/his/her that LitBank puts in a person's chain, in narration and
in speech: right; left unresolved or given to someone else, and then why: the chain is no
character of ours, our character's gender is unknown or wrong, or it went to another person
of the same gender (for narration: whether the right person or the one taken was the last
subject, centering's rule).  LitBank's plural they/them/we in person chains are counted too
(heartline makes no mention of them).
"""
from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from heartline.api import default_pipeline  # noqa: E402
from heartline.corrections.file import Corrections  # noqa: E402
from heartline.eval import gold_text_path, load_gold, map_characters  # noqa: E402
from heartline.formats import read_story  # noqa: E402
from heartline.namelist import NameList  # noqa: E402

UP_TO_EVIDENCE = ("parse", "quotes", "mentions", "characters", "narrator",
                  "title_calls", "probe_coref", "probe_speakers", "titles", "correct_cast", "corrected_cast",
                  "coref", "speakers", "speech_coref", "people", "evidence")

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
THEY = {"they", "them", "their", "theirs", "themself", "themselves"}
WE = {"we", "us", "our", "ours", "ourselves"}
POSSESSIVE = {"his", "her", "hers", "their", "theirs"}


def _norm(text: str) -> tuple[str, list[int]]:
    out, where = [], []
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            ch = " "
        ch = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-"}.get(ch, ch)
        out.append(ch.lower())
        where.append(i)
    return "".join(out), where


def find_spans(quote: str, text: str, norm) -> list[tuple[int, int]]:
    nq, _ = _norm(quote.strip())
    nq = nq.strip(" .\"'")
    if not nq:
        return []
    ntext, where = norm
    out = []
    for m in re.finditer(re.escape(nq), ntext):
        out.append((where[m.start()], where[m.end() - 1] + 1))
    if not out and "..." in nq:  # an elided quote: the first part
        return find_spans(quote.split("...")[0], text, norm)
    return out


def gender_of(word: str) -> str:
    w = word.lower()
    return "male" if w in MALE else "female" if w in FEMALE else ""


def classify(end: str, gold_chars: dict, pred_of_gold: dict, sents, ments, links, mapping, text,
             genders) -> tuple[str, list[str]]:
    """The cause one end of a relation is missing from the evidence sentences."""
    pcid = pred_of_gold.get(end)
    g = gold_chars[end]
    ggender = g.get("gender", "")
    notes = []
    if pcid is None:
        return "character not in cast", notes
    words = [text[m.start:m.end] for m in ments]
    # mentions in the sentences, grouped
    pronouns = [m for m in ments if m.kind == "pronoun" and m.person == 3]
    fitting = [m for m in pronouns if gender_of(m.text) == ggender]
    if fitting:
        wrong = [m for m in fitting if links.get(m.index) and links.get(m.index) != pcid]
        unres = [m for m in fitting if m.index not in links]
        notes = [f"{m.text}->{mapping.get(links.get(m.index), links.get(m.index))}" for m in fitting]
        kg = genders.get(pcid, "unknown")
        if kg not in (ggender,):
            return f"gender unknown/wrong ({kg})", notes
        if unres:
            return ("possessive unresolved" if all(m.text.lower() in POSSESSIVE for m in unres)
                    else "pronoun unresolved"), notes
        if wrong:
            return ("possessive to wrong character" if all(m.text.lower() in POSSESSIVE for m in wrong)
                    else "pronoun to wrong character"), notes
    lowered = [w.lower() for w in re.findall(r"[A-Za-z']+", " ".join(s[2] for s in sents))]
    if ggender == "nonbinary" and any(w in THEY for w in lowered):
        return "singular they", notes
    names = [m for m in ments if m.kind == "name"]
    if any(mapping.get(links.get(m.index)) == end for m in ments):
        return "present (resolved)", notes
    if any(m.index not in links for m in names):
        unl = [m.text for m in names if m.index not in links]
        return "name not linked", unl
    epi = [m for m in ments if m.kind in ("epithet", "relational") and mapping.get(links.get(m.index)) != end]
    if epi:
        return ("epithet unresolved" if any(m.index not in links for m in epi) else "epithet to wrong character",
                [f"{m.text}->{mapping.get(links.get(m.index))}" for m in epi])
    if any(w in THEY for w in lowered):
        return "plural they", notes
    if any(w in WE for w in lowered):
        return "we", notes
    firsts = [m for m in ments if m.kind == "pronoun" and m.person in (1, 2)]
    if firsts:
        return ("speech I/you to wrong/no one",
                [f"{m.text}->{mapping.get(links.get(m.index), links.get(m.index))}" for m in firsts])
    if fitting:
        return "pronoun to wrong character", notes
    return "no mention in sentence", words[:6]


def litbank_classes(cache: Path, shared: Path) -> Counter:
    """Error classes of LitBank's gold-chained he/she/his/her (see the module's doc)."""
    from bench.train_coref import collect, gold_mapping, read_on
    from bench.training import cached, litbank_folder
    from heartline.stages import coref

    analyses = cached(cache, lambda: collect(litbank_folder(shared, "coref_misses"), None))
    out: Counter = Counter()
    last_subject = coref_scorer_feature("last_subject")
    for _name, excerpt, text, products in analyses:
        res = read_on(products, coref.pronoun_scorer())
        prediction, to_entity, pron = gold_mapping(excerpt, text, res)
        char_of: dict[str, str] = {}
        for cid, e in sorted(to_entity.items()):
            char_of.setdefault(e, cid)
        sizes = Counter(m.entity for m in excerpt.mentions)
        for m in excerpt.mentions:
            word = " ".join(excerpt.tokens[m.first:m.last + 1]).lower()
            if m.category == "PER" and m.kind == "PRON" and (word in THEY or word in WE):
                out[f"plural/they ({'we' if word in WE else 'they'}) in a person chain"] += 1
        genders = res["coref"].genders
        cands = {}
        for index, rows in coref.narration_candidates(products["document"], products["mentions"],
                                                      products["cast"], products["quote_spans"],
                                                      scorer=coref.pronoun_scorer()):
            cands[index] = {cid: row for cid, row in rows}
        by_span = {(mm.start, mm.end): mm for mm in products["mentions"].items}
        for span, cid, in_quote in prediction.pronouns:
            entity = pron.get(span)
            if entity is None or sizes[entity] < 2:
                continue
            where = "speech" if in_quote else "narration"
            if cid is not None and to_entity.get(cid) == entity:
                out[f"{where}: right"] += 1
                continue
            outcome = "none" if cid is None else "wrong"
            right = char_of.get(entity)
            word = text[span[0]:span[1]].lower()
            g = "male" if word in MALE else "female"
            if right is None:
                why = "referent no character"
            elif genders.get(right, "unknown") == "unknown":
                why = "referent gender unknown"
            elif genders.get(right) != g:
                why = "referent gender wrong"
            else:
                why = "same-gender other" if outcome == "wrong" else "referent not among candidates"
                row = cands.get(getattr(by_span.get(span), "index", -1), {})
                if not in_quote and row:
                    if right in row and row[right][last_subject]:
                        why += " (right one was the last subject)"
                    elif cid in row and row[cid][last_subject]:
                        why += " (the taken one was the last subject)"
                    elif right not in row:
                        why += " (right one not a candidate)"
            out[f"{where}: {outcome}: {why}"] += 1
    return out


def evidence_sentences(relation: dict | None, text: str, norm, doc, starts: list[int]) -> set[int]:
    """The indices of the sentences a gold relation's evidence quotes fall in."""
    out: set[int] = set()
    for ev in (relation or {}).get("evidence", []):
        for x, y in find_spans(ev, text, norm):
            i = bisect.bisect_right(starts, x) - 1
            while i < len(doc.sentences) and doc.sentences[i].start < y:
                if i >= 0:
                    out.add(i)
                i += 1
    return out


def read_gold_story(pipeline, gpath: Path, gold: dict):
    """The pipeline's results for a gold story, its text, the character mapping (predicted id
    -> gold id or None) and, per gold id, the first predicted character mapped to it."""
    story = read_story(gold_text_path(gpath, gold))
    res = pipeline.run(story=story, fandom_names=NameList(), corrections=Corrections())
    chars = [{"id": c.id, "name": c.name, "aliases": list(c.aliases)} for c in res["characters"]]
    mapping = map_characters(chars, gold["characters"])
    pred_of_gold: dict[str, str] = {}
    for pid in sorted(mapping):
        if mapping[pid] is not None:
            pred_of_gold.setdefault(mapping[pid], pid)
    return res, story.text, mapping, pred_of_gold


def _moments(res, links: dict[int, str]) -> tuple[dict, dict, dict, dict]:
    """Where each character is present, as ``pair_features`` counts it: narration sentences;
    quotes said (speaker -> addressee and people spoken of); and, for the causes, every quote a
    character is referred to in (speaker, addressee, or a resolved mention, I/you included)."""
    narr: dict[str, set[int]] = defaultdict(set)
    in_quote: dict[str, set[int]] = defaultdict(set)
    counts: Counter = Counter()
    for m in res["mentions"].items:
        cid = links.get(m.index)
        if cid is None:
            continue
        counts[cid] += 1
        if m.quote is None:
            narr[cid].add(m.sentence)
        else:
            in_quote[cid].add(m.quote)
    said: dict[tuple[str, str], int] = Counter()
    spoken_of: dict[int, set[str]] = defaultdict(set)
    for m in res["mentions"].items:
        if m.quote is not None and m.person == 3 and m.index in links:
            spoken_of[m.quote].add(links[m.index])
    for q in res["speakers"]:
        if not q.speaker:
            continue
        in_quote[q.speaker].add(q.index)
        if q.addressee:
            in_quote[q.addressee].add(q.index)
        heard = {q.addressee} if q.addressee else set()
        for other in sorted(heard | (spoken_of.get(q.index, set()) - {q.speaker})):
            said[(q.speaker, other)] += 1
    return narr, in_quote, said, counts


def _speech_moments(res, links: dict[int, str]) -> dict[tuple[str, str], set[int]]:
    """``pair_features.speech_moments`` for one analysed story, inputs rebuilt as that stage builds them."""
    from heartline.stages.pair_features import speech_moments
    from heartline.tokens import TokenIndex

    index = TokenIndex(res["document"])
    quote_sentences = {q.index: sorted({t.sentence for t in index.span(q.start, q.end)}) for q in res["speakers"]}
    about: dict[int, set[str]] = defaultdict(set)
    for m in res["mentions"].items:
        if m.quote is not None and m.person == 3 and m.index in links:
            about[m.quote].add(links[m.index])
    tones: dict[tuple[str, str], list] = defaultdict(list)
    for q in res["speakers"]:
        if not q.speaker:
            continue
        heard = {q.addressee} if q.addressee else set()
        for other in sorted(heard | (about[q.index] - heard - {q.speaker})):
            tones[(q.speaker, other)].append((0.0, q))
    return speech_moments(res["mentions"], links, res["speakers"], quote_sentences, dict(tones))


def no_pair_wanted(listing: str) -> dict[str, list[tuple[str, str, str]]]:
    """The relations ``--no-pair`` explains, per story: (from, to, kind) from lines of
    ``/tmp/hl/misses.py``-style output ("name ('a', 'b') kind NO_PAIR_RECORD"), or (from, to, "")
    from ``bench/judge_errors.py --pairs`` lines ("name FN-no-record a -> b ..."; the kind is the
    gold's), so the held-out judge's own list can be read without another script."""
    wanted: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for line in listing.splitlines():
        mt = re.match(r"(\S+) \('([^']+)', '([^']+)'\) (\S+) NO_PAIR_RECORD", line)
        if mt:
            wanted[mt.group(1)].append((mt.group(2), mt.group(3), mt.group(4)))
            continue
        mt = re.match(r"(\S+)\s+FN-no-record\s+(\S+) -> (\S+)", line)
        if mt:
            wanted[mt.group(1)].append((mt.group(2), mt.group(3), ""))
    return wanted


def no_pair(misses: Path, shared: Path, only: list[str] | None, verbose: bool) -> int:
    """Why the ``NO_PAIR_RECORD`` misses of ``/tmp/hl/misses.py``-style output (or the
    ``FN-no-record`` lines of ``bench/judge_errors.py --pairs``) have no pair record:
    per relation, how the two share the story (one moment, only the other direction speaks, ...),
    and per end, why it is absent from the gold evidence sentences (``classify``'s causes, and
    "speaker or addressee of a quote there"); both tallied at the end."""
    from heartline.stages.pair_features import MIN_MENTIONS, MIN_SHARED
    wanted = no_pair_wanted(misses.read_text())
    pipeline = default_pipeline(UP_TO_EVIDENCE)
    causes: Counter = Counter()
    end_causes: Counter = Counter()
    split_causes: Counter = Counter()
    for name in sorted(wanted):
        if only and name not in only:
            continue
        gpath = shared / "gold" / f"{name}.gold.json"
        gold = load_gold(gpath)
        res, text, mapping, pred_of_gold = read_gold_story(pipeline, gpath, gold)
        links = dict(res["links"].links)
        genders = dict(res["links"].genders)
        gold_chars = {c["id"]: c for c in gold["characters"]}
        narr, in_quote, said, counts = _moments(res, links)
        in_speech = _speech_moments(res, links)
        doc = res["document"]
        starts = [s.start for s in doc.sentences]
        norm = _norm(text)
        grels = {(r["from"], r["to"], r["kind"]): r for r in gold["relations"]}
        by_sent = defaultdict(list)
        for m in res["mentions"].items:
            by_sent[m.sentence].append(m)
        for a_g, b_g, want in wanted[name]:
            r = grels.get((a_g, b_g, want)) if want else next(
                (g for (f, t, _k), g in grels.items() if (f, t) == (a_g, b_g)), None)
            kind = want or (r["kind"] if r is not None else "?")
            a, b = pred_of_gold.get(a_g), pred_of_gold.get(b_g)
            shared_s = narr[a] & narr[b] if a and b else set()
            quotes_ab = said[(a, b)] if a and b else 0
            common_q = in_quote[a] & in_quote[b] if a and b else set()
            para_a = {doc.sentences[s].paragraph for s in narr[a]} if a else set()
            para_b = {doc.sentences[s].paragraph for s in narr[b]} if a and b else set()
            sent_ix = evidence_sentences(r, text, norm, doc, starts)
            if a is None or b is None:
                cause = "character missing"
            elif counts[a] < MIN_MENTIONS or counts[b] < MIN_MENTIONS:
                cause = f"fewer than {MIN_MENTIONS} mentions"
            elif len(shared_s) + quotes_ab >= MIN_SHARED:
                cause = "shares enough (record dropped elsewhere)"
            elif len(shared_s | in_speech.get((a, b), set())) + quotes_ab >= MIN_SHARED:
                cause = "shares enough once the moments in speech count (pair_features.SPEECH_MOMENT_ROWS)"
            elif len(shared_s) + quotes_ab == 1:
                cause = "one shared moment only"
            elif said[(b, a)]:
                cause = "only the other direction speaks (b says to/about a)"
            elif common_q:
                cause = "both referred to in the same quote/letter, neither speaking of the other"
            elif para_a & para_b:
                cause = "same paragraph, different sentences"
            else:
                cause = "never together"
            # what the evidence sentences show of each end
            ends = []
            ments = [m for i in sorted(sent_ix) for m in by_sent[i]]
            for end, pid in ((a_g, a), (b_g, b)):
                if pid is None:
                    ends.append(f"{end}:no character")
                    continue
                here = [m for m in ments if links.get(m.index) == pid]
                words = sorted({text[m.start:m.end] + ("(q)" if m.quote is not None else "") for m in here})
                sp = sorted({q.index for q in res["speakers"] if q.speaker == pid
                             and any(m.quote == q.index for m in ments)})
                ends.append(f"{end}:{','.join(words) or '-'}{' speaker' if sp else ''}")
            causes[cause] += 1
            # why each end is absent from the gold evidence sentences (``classify``'s causes)
            found = {mapping.get(links.get(m.index)) for m in ments if m.index in links}
            sents = [(i, doc.sentences[i].start, text[doc.sentences[i].start:doc.sentences[i].end])
                     for i in sorted(sent_ix)]
            whys = []
            for end in (a_g, b_g):
                if not sent_ix:
                    why = "evidence not located"
                elif end in found:
                    why = "present (resolved)"
                elif pred_of_gold.get(end) is not None and any(
                        pred_of_gold[end] in (q.speaker, q.addressee)
                        and any(m.quote == q.index for m in ments) for q in res["speakers"]):
                    why = "speaker or addressee of a quote there"
                else:
                    why, _notes = classify(end, gold_chars, pred_of_gold, sents, ments, links, mapping, text,
                                           genders)
                whys.append(why)
                end_causes[why] += 1
            # a gold person read as several characters: the counts above are the first one's only
            splits = [f"{end}={'+'.join(ids)}" for end in (a_g, b_g)
                      if len(ids := sorted(p for p, g in mapping.items() if g == end)) > 1]
            if splits:
                split_causes["split: " + ", ".join(s.split("=")[0] for s in splits)] += 1
            print(f"{name} {a_g}->{b_g} {kind}: {cause}; ends: {whys[0]} / {whys[1]}; narr shared {len(shared_s)}, "
                  f"a->b quotes {quotes_ab}, b->a {said[(b, a)] if a and b else 0}, same quote {len(common_q)}; "
                  f"evidence: {' | '.join(ends)}{'; split ' + ' '.join(splits) if splits else ''}")
            if verbose:
                for i in sorted(sent_ix):
                    print("   |", text[doc.sentences[i].start:doc.sentences[i].end].replace("\n", " ")[:200])
                print("   unresolved:", sorted({text[m.start:m.end] for m in ments if m.index not in links})[:12])
    for cause, n in causes.most_common():
        print(f"{n:4d}  {cause}")
    print("the ends in the gold evidence sentences:")
    for cause, n in end_causes.most_common():
        print(f"{n:4d}  {cause}")
    print(f"relations with an end read as several characters: {sum(split_causes.values())}")
    return 0


def coref_scorer_feature(name: str) -> int:
    from heartline.stages.coref_scorer import FEATURES
    return FEATURES.index(name)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("eval_json", nargs="?")
    ap.add_argument("--litbank", type=Path, help="classify LitBank's pronouns; the train_coref cache file")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--no-pair", type=Path,
                    help="misses.py or judge_errors.py --pairs output: explain its pairs with no record")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args(argv)
    if args.litbank:
        classes = litbank_classes(args.litbank, args.shared)
        for cause, n in sorted(classes.items()):
            print(f"{n:5d}  {cause}")
        return 0
    if args.no_pair:
        return no_pair(args.no_pair, args.shared, args.only, args.v)
    if not args.eval_json:
        ap.error("EVAL.json is needed (or --litbank CACHE)")
    data = json.loads(Path(args.eval_json).read_text())
    pipeline = default_pipeline(UP_TO_EVIDENCE)
    causes: Counter = Counter()
    rel_causes: Counter = Counter()
    per_story: dict[str, Counter] = defaultdict(Counter)
    for key, x in sorted(data.items()):
        name = Path(key).name.removesuffix(".gold.json")
        if args.only and name not in args.only:
            continue
        gpath = args.shared / "gold" / f"{name}.gold.json"
        gold = load_gold(gpath)
        if gold.get("cast") != "complete":
            continue
        missed = x["relations"]["missed"]
        if not missed:
            continue
        res, text, mapping, pred_of_gold = read_gold_story(pipeline, gpath, gold)
        links = dict(res["links"].links)
        genders = dict(res["links"].genders)
        doc = res["document"]
        by_sent = defaultdict(list)
        for m in res["mentions"].items:
            by_sent[m.sentence].append(m)
        starts = [s.start for s in doc.sentences]
        norm = _norm(text)
        gold_chars = {c["id"]: c for c in gold["characters"]}
        grels = {(r["from"], r["to"], r["kind"]): r for r in gold["relations"]}
        for mrel in missed:
            r = grels.get((mrel["from"], mrel["to"], mrel["kind"]))
            if r is None:
                continue
            sent_ix = evidence_sentences(r, text, norm, doc, starts)
            if not sent_ix:
                causes["evidence not located"] += 1
                continue
            sents = [(i, doc.sentences[i].start, text[doc.sentences[i].start:doc.sentences[i].end])
                     for i in sorted(sent_ix)]
            ments = [m for i in sorted(sent_ix) for m in by_sent[i]]
            found = {mapping.get(links.get(m.index)) for m in ments if m.index in links}
            ends = []
            for end in (r["from"], r["to"]):
                if end in found:
                    continue
                cause, notes = classify(end, gold_chars, pred_of_gold, sents, ments, links, mapping, text, genders)
                role = "exp" if end == r["from"] else "tgt"
                ends.append((role, end, cause, notes))
                causes[cause] += 1
                per_story[name][cause] += 1
            rel_causes["both ends present" if not ends else
                       "one end missing" if len(ends) == 1 else "both ends missing"] += 1
            if args.v and ends:
                print(f"## {name}: {r['from']}->{r['to']} {r['kind']}")
                for role, end, cause, notes in ends:
                    print(f"   {role} {end}: {cause} {notes}")
                for _i, _s, s in sents:
                    print("   |", s.replace("\n", " ")[:240])
                print("   resolved:", sorted(f"{text[m.start:m.end]}->{mapping.get(links[m.index])}"
                                             for m in ments if m.index in links)[:12])
        print(f"coref_misses: {name}: {dict(per_story[name])}", file=sys.stderr)
    print("relations:", dict(rel_causes))
    for cause, n in causes.most_common():
        print(f"{n:4d}  {cause}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
