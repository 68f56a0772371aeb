"""Rebuild lagebild's German analysis model from ../shared/train/ud_german.

    .venv/bin/python training/train_syntax.py            # shipped model (no LIT)
    .venv/bin/python training/train_syntax.py --lit      # alternative incl. LIT (CC BY-NC-SA: not shipped)
    .venv/bin/python training/train_syntax.py --no-hanta # alternative without HanTa input features

Steps: read CoNLL-U (fused words merged, see ud.py), split (held-out third of
GSD-test never used), write spaCy DocBins, `spacy train` with syntax.cfg and
fixed seeds, then copy the best model, stripped of what inference does not
need, into lagebild/syntax/model/.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
from collections import Counter, defaultdict
import sys
from pathlib import Path

import spacy
from thinc.api import Config
from spacy.tokens import Doc, DocBin

from ud import UDSentence, load_splits

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
UD_DIR = ROOT.parent / "shared" / "train" / "ud_german"
MODEL_DIR = ROOT / "lagebild" / "syntax" / "model"


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
    ap.add_argument("--no-hanta", action="store_true", help="no HanTa STTS guesses as CNN input")
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "syntax")
    ap.add_argument("--max-steps", type=int, default=None)
    ap.add_argument("--no-install", action="store_true", help="do not copy into lagebild/syntax/model")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("overrides", nargs="*", help="extra spaCy config overrides, e.g. --training.dropout=0.2")
    args = ap.parse_args()

    work = args.work / (("with-lit" if args.lit else "no-lit") + ("" if args.no_hanta else "-hanta"))
    work.mkdir(parents=True, exist_ok=True)
    splits = load_splits(UD_DIR, use_lit=args.lit)
    write_docbin(splits.train, work / "train.spacy")
    write_docbin(splits.dev, work / "dev.spacy")
    print(f"train {len(splits.train)} sentences, dev {len(splits.dev)}, held out {len(splits.heldout)}")

    config = write_config(work / "config.cfg", hanta=not args.no_hanta)
    cmd = [sys.executable, "-m", "spacy", "train", str(config), "--code", str(HERE / "spacy_code.py"),
           "--output", str(work / "out"),
           "--paths.train", str(work / "train.spacy"), "--paths.dev", str(work / "dev.spacy")]
    if args.max_steps:
        cmd += ["--training.max_steps", str(args.max_steps)]
    cmd += args.overrides
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


def write_config(path: Path, hanta: bool) -> Path:
    """syntax.cfg, or syntax.cfg with HanTa's context-free STTS guess as a CNN input feature."""
    config = Config().from_disk(HERE / "syntax.cfg", interpolate=False)
    if hanta:
        config["nlp"]["pipeline"] = ["hanta_tags"] + config["nlp"]["pipeline"]
        config["components"]["hanta_tags"] = {"factory": "hanta_tags"}
        embed = config["components"]["tok2vec"]["model"]["embed"]
        embed["attrs"] = embed["attrs"] + ["TAG"]
        embed["rows"] = embed["rows"] + [200]
        # run during training too, so that the CNN sees HanTa's tags on the predicted docs
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
    size = sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
    print(f"installed {src} -> {dest} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
