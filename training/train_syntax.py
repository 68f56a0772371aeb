"""Rebuild lagebild's German analysis model from ../shared/train/ud_german.

    .venv/bin/python training/train_syntax.py       # the shipped model (~8-15 min on 2 cores)
    .venv/bin/python training/train_parser.py       # then its dependency parser (biaffine, reads this model's tags)

Alternatives measured in benchmarks/results/syntax.md (built under build/syntax/, not installed):

    ... train_syntax.py --no-install --features none            # no HanTa input features
    ... train_syntax.py --no-install --features tags            # HanTa STTS only (keeps trainable lemmatizer)
    ... train_syntax.py --no-install --name=-w96 --components.tok2vec.model.encode.width=96
    ... train_syntax.py --no-install --initial-caseless --name=-caseless  # "Gestern" -> ADV for HanTa
    ... train_syntax.py --no-install --lit                      # + LIT (CC BY-NC-SA: never shipped)
    ... train_syntax.py --no-install --name=-d1 --training.dropout=0.1   # the first shipped model
    ... train_syntax.py --no-install --name=-d2 --training.dropout=0.2
    ... train_syntax.py --no-install --name=-d4 --training.dropout=0.4

The shipped model uses dropout 0.3 (syntax.cfg): with ~40k training words the
CNN overfits at 0.1; 0.3 was best on the dev split and on UD LIT (never trained
on), see benchmarks/results/syntax.md. model-best is the step with the best dev
score (1,400 of 1,600 for the shipped model).

Steps: read CoNLL-U (fused words merged, see ud.py), split (held-out third of
GSD-test never used; dev for model selection carved from the training pool),
write spaCy DocBins, `spacy train` with syntax.cfg (+ HanTa feature variant,
see write_config) and fixed seeds (system.seed, PYTHONHASHSEED), write the
treebank lemma table, then copy model-best into lagebild/syntax/model/.
Multi-threaded BLAS can make runs differ in the last decimals.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
from collections import Counter, defaultdict
import sys
from pathlib import Path

import spacy
from thinc.api import Config
from spacy.tokens import Doc, DocBin

from ud import UDSentence, load_splits

# "-known": HanTa guesses only for words in its lexicon (the rest cost ~1.5 ms each)
FEATURES = ("none", "tags", "tags-known", "tags+lemmas")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
UD_DIR = ROOT.parent / "shared" / "train" / "ud_german"
MODEL_DIR = ROOT / "lagebild" / "syntax" / "model"
SEED = 1234


def to_doc(vocab, sent: UDSentence) -> Doc:
    toks = sent.tokens
    return Doc(
        vocab,
        words=[t.form for t in toks],
        spaces=[t.space_after for t in toks],
        pos=[t.upos for t in toks],
        # "" marks a missing STTS tag (PUD), which the tagger then ignores
        tags=[t.xpos for t in toks],
        morphs=[t.feats for t in toks],
        lemmas=[t.lemma for t in toks],
        heads=[i if t.head < 0 else t.head for i, t in enumerate(toks)],
        deps=[t.dep for t in toks],
        sent_starts=[i == 0 for i in range(len(toks))],
    )


def write_docbin(sents: list[UDSentence], path: Path) -> None:
    vocab = spacy.blank("de").vocab
    DocBin(docs=(to_doc(vocab, s) for s in sents)).to_disk(path)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lit", action="store_true", help="also train on LIT (CC BY-NC-SA)")
    ap.add_argument("--features", choices=FEATURES, default="tags-known",
                    help="HanTa guesses given to the CNN as input features")
    ap.add_argument("--initial-caseless", action="store_true",
                    help="look up sentence-initial words in HanTa ignoring their capital (measured: a wash)")
    ap.add_argument("--name", default="", help="suffix for the work folder of a variant")
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "syntax")
    ap.add_argument("--max-steps", type=int, default=None)
    ap.add_argument("--no-install", action="store_true", help="do not copy into lagebild/syntax/model")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--fraction", type=float, default=1.0,
                    help="train on this share of the training sentences (learning curves; same "
                         "sample as train_parser.py --fraction)")
    # anything else is passed to `spacy train` as config overrides, e.g. --training.dropout=0.2
    args, overrides = ap.parse_known_args()

    work = args.work / f"{'with-lit' if args.lit else 'no-lit'}-{args.features}{args.name}"
    work.mkdir(parents=True, exist_ok=True)
    splits = load_splits(UD_DIR, use_lit=args.lit)
    if args.fraction < 1.0:
        splits.train = random.Random(SEED).sample(splits.train, round(len(splits.train) * args.fraction))
    write_docbin(splits.train, work / "train.spacy")
    write_docbin(splits.dev, work / "dev.spacy")
    print(f"train {len(splits.train)} sentences, dev {len(splits.dev)}, held out {len(splits.heldout)}")

    config = write_config(work / "config.cfg", args.features, args.initial_caseless)
    cmd = [sys.executable, "-m", "spacy", "train", str(config), "--code", str(HERE / "spacy_code.py"),
           "--output", str(work / "out"),
           "--paths.train", str(work / "train.spacy"), "--paths.dev", str(work / "dev.spacy")]
    if args.max_steps:
        cmd += ["--training.max_steps", str(args.max_steps)]
    cmd += overrides
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), OPENBLAS_NUM_THREADS=str(args.threads),
               PYTHONHASHSEED="0")
    subprocess.run(cmd, check=True, env=env)
    write_lemma_table(splits.train + splits.dev, work / "out" / "model-best" / "lemmas.tsv")
    if not args.no_install:
        install(work / "out" / "model-best", MODEL_DIR)


def write_lemma_table(sents: list[UDSentence], path: Path) -> None:
    """Most frequent lemma of each (form, UPOS) in the training data (ties: alphabetical)."""
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for sent in sents:
        for t in sent.tokens:
            if t.lemma and "\t" not in t.form + t.lemma:
                counts[(t.form, t.upos)][t.lemma] += 1
    with open(path, "w", encoding="utf-8") as f:
        f.write("# form<TAB>upos<TAB>lemma, from UD German training data (CC BY-SA, see LICENCE.md)\n")
        for (form, upos), lemmas in sorted(counts.items()):
            lemma = min(lemmas, key=lambda lem: (-lemmas[lem], lem))
            f.write(f"{form}\t{upos}\t{lemma}\n")


def write_config(path: Path, features: str, initial_caseless: bool = False) -> Path:
    """syntax.cfg plus HanTa's context-free guesses (STTS, lemma) as CNN input features."""
    config = Config().from_disk(HERE / "syntax.cfg", interpolate=False)
    if features != "none":
        lemmas = features == "tags+lemmas"
        pipeline = config["nlp"]["pipeline"]
        # lemmas.py does the output lemmas (better, see results); LEMMA may hold HanTa's guess
        pipeline.remove("trainable_lemmatizer")
        del config["components"]["trainable_lemmatizer"]
        config["training"]["score_weights"]["lemma_acc"] = None
        config["nlp"]["pipeline"] = ["hanta_tags"] + pipeline
        config["components"]["hanta_tags"] = {"factory": "hanta_tags", "lemmas": lemmas,
                                              "initial_caseless": initial_caseless,
                                              "known_only": features.endswith("-known")}
        embed = config["components"]["tok2vec"]["model"]["embed"]
        embed["attrs"] = embed["attrs"] + ["TAG"] + (["LEMMA"] if lemmas else [])
        embed["rows"] = embed["rows"] + [200] + ([5000] if lemmas else [])
        # run during training too, so that the CNN sees HanTa's guesses on the predicted docs
        config["training"]["annotating_components"] = ["hanta_tags"]
    config.to_disk(path)
    return path


def install(src: Path, dest: Path) -> None:
    keep = {"LICENCE.md"}
    if dest.exists():
        for p in dest.iterdir():
            if p.name not in keep:
                shutil.rmtree(p) if p.is_dir() else p.unlink()
    shutil.copytree(src, dest, dirs_exist_ok=True)
    meta = json.loads((dest / "meta.json").read_text(encoding="utf-8"))
    meta.update(name="lagebild_de_syntax", license="CC BY-SA 4.0 (see LICENCE.md)",
                description="German UPOS/STTS/morphology/UD dependencies for lagebild",
                sources=[{"name": "UD German GSD (dev + 2/3 of test)", "license": "CC BY-SA 4.0"},
                         {"name": "UD German PUD", "license": "CC BY-SA 3.0"}])
    (dest / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    size = sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
    print(f"installed {src} -> {dest} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
