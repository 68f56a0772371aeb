"""Benchmark of lagebild's actor stage: event-actor coding, actor-country F1, GermEval names, speed.

1. ../shared/eval/events (150 dev sentences + the two seed articles):
   - actor accuracy: each gold actor whose words are found in its sentence/document is
     matched to the predicted mention overlapping those words; share with the right
     country (IGO compared as the guideline's IGO + org). Also coverage (found at all).
   - event actor accuracy: share of gold events whose source and target country sets are
     all right, among events where every actor was found.
   - per-sentence actor-country F1 over dev sentences that have gold events: gold = countries
     of the events' actors, predicted = countries of the actor mentions (kinds other than location:
     a state named as a place - "in der Türkei", "im Süden Israels", "über Ägypten nach Katar" - is
     no actor; and other than background: a state or organisation in no event of its sentence -
     "nach UN-Angaben", "die von Russland unterstützten Rebellen"; UNK left out on both sides).
     Also with background mentions counted (the earlier definition), on our own example articles
     (examples/gold_events.json), and for the whole system: predicted = countries of the actors of
     the default pipeline's events. The sentences are parsed first, as in the default pipeline.
   - seeds: every actor of every event coded right?
2. GermEval 2014 test, news half (sentences whose source line is not Wikipedia): strict
   span P/R/F1 for PER/ORG/LOC (outer labels; -deriv/-part and OTH ignored).
   The sentences are parsed by the syntax stage first, as in the default pipeline (--no-syntax: not).
   The stage includes the statistical name recogniser (lagebild/actors/names.py, trained on the GermEval
   2014 *dev* file) when its model file exists; `--no-names` measures the lexicons alone.
3. Speed: words/s of the actor stage alone on 10kGNAD test articles (median of runs), on unparsed and
   on parsed sentences (parsing not timed).

    .venv/bin/python benchmarks/actors.py [--speed-runs 3] [--errors]
Skips cleanly when ../shared is missing.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVENTS = SHARED / "eval" / "events"
SEEDS = SHARED / "seeds"
GERMEVAL = SHARED / "eval" / "germeval2014" / "NER-de-test.tsv"
CORPUS = SHARED / "corpus" / "10kgnad_test.jsonl"
EXAMPLES = ROOT / "examples"
sys.path.insert(0, str(ROOT))

from lagebild.actors import ActorTagger, is_background, split_country  # noqa: E402
from lagebild.actors.lexicon import build_lexicon  # noqa: E402
from lagebild.actors.names import spans_of  # noqa: E402
from lagebild.ingest import sources  # noqa: E402
from lagebild.model import Analysis, Document, Sentence, Token  # noqa: E402
from lagebild.stages import SYNTAX_STAGE  # noqa: E402  (LAGEBILD_SYNTAX picks the parser)
from lagebild.pipeline import Pipeline  # noqa: E402

SEED_FILES = {"SEED000": "000_c9c1153546be85de.txt", "SEED004": "004_802506acda7a8ab3.txt"}
NER_KINDS = {"state": "LOC", "seat": "LOC", "region": "LOC", "location": "LOC", "organisation": "ORG",
             "person": "PER"}


def gold_country(actor: dict) -> str:
    return actor.get("country") or "UNK"


def predicted_country(mention) -> str:
    return split_country(mention.country)[0]


def analyse_events(pipe: Pipeline) -> dict[str, Analysis]:
    out = {}
    for item in json.loads((EVENTS / "dev_sentences.json").read_text(encoding="utf-8")):
        out[item["id"]] = pipe(Document(item["id"], item["text"], date=item.get("dct")))
    for doc_id, name in SEED_FILES.items():
        docs = [d for d in sources.read_documents([SEEDS / name]) if isinstance(d, Document)]
        out[doc_id] = pipe(docs[0])
    return out


def find_actor(analysis: Analysis, actor: dict):
    """The predicted mentions overlapping any occurrence of the gold actor's words."""
    text, words = analysis.document.text, actor["text"]
    hits, start = [], text.find(words)
    while start >= 0:
        end = start + len(words)
        hits.append([m for m in analysis.actors if m.start < end and m.end > start])
        start = text.find(words, start + 1)
    return hits


def event_scores(gold: dict, analyses: dict[str, Analysis], show: bool) -> dict:
    found = right = total = 0
    ev_total = ev_found = ev_right = 0
    seed_ok = {k: [0, 0] for k in SEED_FILES}
    for doc_id, events in gold.items():
        analysis = analyses[doc_id]
        for event in events:
            ev_total += 1
            all_found = all_right = True
            for actor in event["source"] + event["target"]:
                total += 1
                occurrences = find_actor(analysis, actor)
                candidates = [m for occ in occurrences for m in occ]
                if not candidates:
                    all_found = False
                    if show:
                        print(f"  MISS {doc_id} {actor['text']!r} {gold_country(actor)}")
                    continue
                found += 1
                ok = any(predicted_country(m) == gold_country(actor) for m in candidates)
                right += ok
                all_right &= ok
                if show and not ok:
                    got = sorted({f"{m.text}={m.country}" for m in candidates})
                    print(f"  WRONG {doc_id} {actor['text']!r} gold={gold_country(actor)} got={got}")
                if doc_id in seed_ok:
                    seed_ok[doc_id][0] += ok
                    seed_ok[doc_id][1] += 1
            if all_found:
                ev_found += 1
                ev_right += all_right
    return {"actors": total, "found": found, "right": right, "events": ev_total,
            "events_found": ev_found, "events_right": ev_right, "seeds": seed_ok}


def counted(m, skip_kinds: tuple[str, ...], background: bool) -> bool:
    """Is the mention in the predicted set: not of a skipped kind, and not background unless `background`."""
    return m.kind not in skip_kinds and (background or not is_background(m))


def sentence_f1(gold: dict, analyses: dict[str, Analysis], skip_kinds: tuple[str, ...], background: bool) -> dict:
    tp = fp = fn = 0
    for doc_id, events in gold.items():
        if doc_id in SEED_FILES or not events:
            continue
        g = {gold_country(a) for e in events for a in e["source"] + e["target"]} - {"UNK"}
        p = {predicted_country(m) for m in analyses[doc_id].actors if counted(m, skip_kinds, background)} - {"UNK"}
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
    return _prf(tp, fp, fn)


def event_sentence_f1(gold: dict, analyses: dict[str, Analysis]) -> dict:
    """The same per-sentence F1 for the whole system: predicted = countries of the actors the default
    pipeline puts into events (the events stage chooses which mentions take part)."""
    tp = fp = fn = 0
    for doc_id, events in gold.items():
        if doc_id in SEED_FILES or not events:
            continue
        g = {gold_country(a) for e in events for a in e["source"] + e["target"]} - {"UNK"}
        p = {predicted_country(m) for e in analyses[doc_id].events for m in e.source + e.target} - {"UNK"}
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
    return _prf(tp, fp, fn)


def example_sentence_f1(pipe: Pipeline, skip_kinds: tuple[str, ...], background: bool) -> dict:
    """The per-sentence actor-country F1 on our own example articles (examples/gold_events.json, hand-coded;
    never used for tuning before this figure existed). An event's sentence is the one holding the first
    fragment of its README evidence (fragments split at '…'). Gold = countries of the required events there;
    countries of optional events and alternative dyads are allowed (no false positive, no miss); a side the
    README leaves open (null) allows any country in that sentence. UNK left out on both sides."""
    gold_file = json.loads((EXAMPLES / "gold_events.json").read_text(encoding="utf-8"))
    tp = fp = fn = unplaced = 0
    for doc in sources.read_documents([EXAMPLES]):
        if not isinstance(doc, Document) or doc.id not in gold_file:
            continue
        analysis = pipe(doc)
        gold: dict[int, set] = {}
        allowed: dict[int, set] = {}
        for event in gold_file[doc.id]:
            sentence = _evidence_sentence(analysis, event["evidence"])
            if sentence is None:
                unplaced += 1
                continue
            dyads = [(event["source"], event["target"])] + [(d["source"], d["target"]) for d in event.get("alt_dyads", [])]
            sides = [side for dyad in dyads for side in dyad]
            countries = {a["country"] for side in sides if side for a in side}
            allowed.setdefault(sentence, set()).update(countries | ({"*"} if None in sides else set()))
            if not event["optional"]:
                main = [side for side in (event["source"], event["target"]) if side]
                gold.setdefault(sentence, set()).update(a["country"] for side in main for a in side)
        for sentence, ok in allowed.items():
            g = gold.get(sentence, set()) - {"UNK"}
            p = {predicted_country(m) for m in analysis.actors
                 if m.sentence == sentence and counted(m, skip_kinds, background)} - {"UNK"}
            tp += len(g & p)
            fn += len(g - p)
            fp += 0 if "*" in ok else len(p - ok - g)
    return {**_prf(tp, fp, fn), "unplaced": unplaced}


def _evidence_sentence(analysis: Analysis, evidence: str) -> int | None:
    fragment = evidence.split("…")[0].strip()
    start = analysis.document.text.find(fragment) if fragment else -1
    if start < 0:
        return None
    return next((s.i for s in analysis.sentences if s.start <= start < s.end), None)


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


# ---- GermEval 2014 ----------------------------------------------------------
def germeval_news(path: Path):
    """Yield token lists and gold spans {(start, end, label)} of the news sentences."""
    news, tokens, labels = False, [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#"):
            news = "wikipedia.org" not in line
            continue
        if not line.strip():
            if tokens and news:
                yield tokens, _spans(labels)
            tokens, labels = [], []
            continue
        cols = line.split("\t")
        tokens.append(cols[1])
        labels.append(cols[2])


def _spans(labels: list[str]) -> set[tuple[int, int, str]]:
    return {span for span in spans_of(labels) if span[2] in ("PER", "ORG", "LOC")}


def sentence_of(words: list[str]) -> Sentence:
    toks, offset = [], 0
    for i, w in enumerate(words):
        toks.append(Token(i, offset, offset + len(w), w))
        offset += len(w) + 1
    text = " ".join(words)
    return Sentence(0, 0, len(text), text, tokens=toks)


def predicted_spans(tagger: ActorTagger, words: list[str], sentence: Sentence | None = None) -> set[tuple[int, int, str]]:
    """Named mentions as NER spans: persons by their name words only, organisations and places by name."""
    sentence = sentence or sentence_of(words)
    toks = sentence.tokens
    analysis = Analysis(Document("g", sentence.text), sentences=[sentence])
    tagger(analysis)
    by_start = {t.start: t.i for t in toks}
    by_end = {t.end: t.i + 1 for t in toks}
    spans = set()
    for m in analysis.actors:
        label = NER_KINDS.get(m.kind or "")
        if not label or m.start not in by_start or m.end not in by_end:
            continue
        first, last = by_start[m.start], by_end[m.end]
        whole = first, last
        if label != "PER" and last - first == 1 and _name_as_part(tagger, words[first]):
            continue   # GermEval: "EU-Kommission" holds a name as a part (ORGpart), it is no name itself
        if label == "PER":
            if not m.name:
                spans |= _lexicon_names(tagger, words, *whole, (first, first))
                continue
            first, last = _name_words(tagger, words, first, last, m.name)
        elif m.title and m.name != m.text:   # "die Regierung", "das Unternehmen": not a name ("der Berliner Zeitung" is)
            spans |= _lexicon_names(tagger, words, *whole, (first, first))
            continue
        if first < last:
            spans.add((first, last, label))
        spans |= _lexicon_names(tagger, words, *whole, (first, last))
    return spans


def _name_as_part(tagger: ActorTagger, word: str) -> bool:
    """A hyphen compound of a listed name and a common noun ("EU-Kommission", "UN-Sicherheitsrat"):
    GermEval tags such words ORGpart / LOCpart, not ORG / LOC (a name of its own, "Baden-Württemberg",
    "Mercedes-Benz", does not end in a common noun)."""
    from lagebild.syntax.hanta import word_tag
    head, _, tail = word.rpartition("-")
    return head in tagger.lex.prefixes and tail[:1].isupper() and word_tag(tail, known_only=True) == "NN"


def _lexicon_names(tagger: ActorTagger, words: list[str], first: int, last: int, name: tuple[int, int]) -> set:
    """Places and organisations the lexicon names inside a longer mention, outside its own name: the
    place that gave a group or an office its country ('die Menschen in Deutschland', 'Portugals
    Liga-Präsident', 'der Polizeichef von Kandahar')."""
    out, i = set(), first
    while i < last:
        if name[0] <= i < name[1]:
            i = name[1]
            continue
        for toks, entry in tagger.lex.phrases.get(words[i], ()):
            label = NER_KINDS.get(entry.kind)
            if label and i + len(toks) <= last and tuple(words[i:i + len(toks)]) == toks:
                out.add((i, i + len(toks), label))
                i += len(toks) - 1
                break
        i += 1
    return out


def _name_words(tagger: ActorTagger, words: list[str], first: int, last: int, name: str) -> tuple[int, int]:
    """The words of the person's name inside the mention ('Staats- und Parteichefs Hu Jintao',
    'Präsident Hamid Karsai in Kabul'): where the mention's name occurs, else after the title words."""
    toks = name.split()
    for k in range(first, last - len(toks) + 1):
        found = words[k:k + len(toks)]
        if found[:-1] == toks[:-1] and found[-1] in (toks[-1], toks[-1] + "s"):
            return k, k + len(toks)
    return _name_start(tagger, words, first, last), last


def _name_start(tagger: ActorTagger, words: list[str], first: int, last: int) -> int:
    """Skip the title, country words and articles before the name: 'US-Präsident Barack Obama'."""
    lex = tagger.lex
    while first < last - 1:
        w = words[first]
        if lex.title(w) or lex.adjectives.get(w.lower()) or w in lex.phrases or "-" in w and \
                lex.prefixes.get(w.split("-")[0]) or w[:1].islower():
            first += 1
        else:
            break
    return first


def germeval_scores(tagger: ActorTagger, parse: bool = True) -> dict:
    """Strict-span scores; the sentences are parsed first (as in the default pipeline) unless `parse` is off."""
    per = {k: [0, 0, 0] for k in ("PER", "ORG", "LOC", "ALL")}
    news = list(germeval_news(GERMEVAL))
    sentences = [sentence_of(words) for words, _ in news]
    if parse:
        Pipeline([SYNTAX_STAGE]).components[0].annotate(sentences)
    n = 0
    for (words, gold), sentence in zip(news, sentences):
        n += 1
        pred = predicted_spans(tagger, words, sentence)
        for label in ("PER", "ORG", "LOC"):
            g = {s for s in gold if s[2] == label}
            p = {s for s in pred if s[2] == label}
            for key in (label, "ALL"):
                per[key][0] += len(g & p)
                per[key][1] += len(p - g)
                per[key][2] += len(g - p)
    return {"sentences": n, **{k: _prf(*v) for k, v in per.items()}}


def speed(runs: int, limit: int = 300, parsed: bool = False) -> float:
    """Words/s of the actor stage alone; `parsed`: on sentences the syntax stage has parsed (as in the
    default pipeline: the name recogniser then also reads parts of speech), parsing not timed."""
    docs = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()[:limit]]
    seg = Pipeline(["segment", SYNTAX_STAGE] if parsed else ["segment"])
    analyses = [seg(Document(str(d["id"]), d["text"])) for d in docs]
    words = sum(len(s.tokens) for a in analyses for s in a.sentences)
    tagger = ActorTagger()
    rates = []
    for _ in range(runs):
        for a in analyses:
            a.actors.clear()
        t0 = time.perf_counter()
        for a in analyses:
            tagger(a)
        rates.append(words / (time.perf_counter() - t0))
    return statistics.median(rates)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--speed-runs", type=int, default=3)
    ap.add_argument("--errors", action="store_true", help="print every missed or wrongly coded gold actor")
    ap.add_argument("--no-names", action="store_true", help="without the statistical name recogniser")
    ap.add_argument("--no-syntax", action="store_true", help="GermEval sentences not parsed first")
    args = ap.parse_args()
    if not EVENTS.exists():
        print("../shared not found: skipping the actor benchmark")
        return
    builds = []
    for _ in range(5):
        t0 = time.perf_counter()
        build_lexicon()
        builds.append(time.perf_counter() - t0)
    print(f"lexicon build (all data files, uncached): median {statistics.median(builds):.3f} s of 5")
    tagger = ActorTagger(names=not args.no_names)
    pipe = Pipeline(["segment", SYNTAX_STAGE])   # as in the default pipeline: the stage reads the parse
    pipe.components.append(tagger)
    gold = json.loads((EVENTS / "events_dev.json").read_text(encoding="utf-8"))
    analyses = analyse_events(pipe)
    ev = event_scores(gold, analyses, args.errors)
    print(f"event actors: {ev['actors']} gold, found {ev['found']} ({ev['found'] / ev['actors']:.3f}), "
          f"country right {ev['right']} (accuracy {ev['right'] / max(ev['found'], 1):.3f} of found, "
          f"{ev['right'] / ev['actors']:.3f} of all)")
    print(f"events: {ev['events']}, all actors found {ev['events_found']}, "
          f"source+target countries right {ev['events_right']} "
          f"({ev['events_right'] / max(ev['events_found'], 1):.3f} of found)")
    for doc_id, (ok, n) in ev["seeds"].items():
        print(f"seed {doc_id}: {ok}/{n} event actors coded right")
    for label, skip, background in (
            ("actor mentions (all but locations and background)", ("location",), False),
            ("all mentions but locations (background counted: the session-2 definition)", ("location",), True),
            ("actor mentions without state modifiers (US-Luftangriff)", ("location", "modifier"), False)):
        f1 = sentence_f1(gold, analyses, skip, background)
        print(f"per-sentence actor-country, {label}: P={f1['P']:.3f} R={f1['R']:.3f} F1={f1['F1']:.3f} "
              f"(tp={f1['tp']} fp={f1['fp']} fn={f1['fn']})")
    for label, background in (("actor mentions", False), ("all but locations, background counted", True)):
        f1 = example_sentence_f1(pipe, ("location",), background)
        print(f"per-sentence actor-country, example articles (examples/gold_events.json), {label}: "
              f"P={f1['P']:.3f} R={f1['R']:.3f} F1={f1['F1']:.3f} (tp={f1['tp']} fp={f1['fp']} fn={f1['fn']}; "
              f"{f1['unplaced']} gold events not placed)")
    f1 = event_sentence_f1(gold, analyse_events(Pipeline()))
    print(f"per-sentence actor-country, actors of the default pipeline's events: P={f1['P']:.3f} "
          f"R={f1['R']:.3f} F1={f1['F1']:.3f} (tp={f1['tp']} fp={f1['fp']} fn={f1['fn']})")
    if GERMEVAL.exists():
        ge = germeval_scores(tagger, parse=not args.no_syntax)
        print(f"GermEval 2014 test, news half ({ge['sentences']} sentences, "
              f"{'unparsed' if args.no_syntax else 'parsed by the syntax stage'}), strict spans:")
        for k in ("PER", "ORG", "LOC", "ALL"):
            s = ge[k]
            print(f"  {k:4s} P={s['P']:.3f} R={s['R']:.3f} F1={s['F1']:.3f}")
    if CORPUS.exists() and args.speed_runs:
        for parsed in (False, True):
            print(f"speed (actor stage alone, 300 10kGNAD articles, {'parsed' if parsed else 'unparsed'}, "
                  f"median of {args.speed_runs}): {speed(args.speed_runs, parsed=parsed):,.0f} words/s")


if __name__ == "__main__":
    main()
