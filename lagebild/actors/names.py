"""A small statistical name recogniser (PER / ORG / LOC) for names the lexicons do not know.

Greedy left-to-right averaged perceptron over hashed features: the word, its
shape and affixes, its neighbours, the previous label and what the actor
lexicon says about each word (given name, title, state, place, registry
surname). Features are hashed (crc32) into a fixed table, so the model file
holds weights only, no words. Trained with ``python -m lagebild.actors.names
train GERMEVAL.tsv`` (GermEval 2014, CC BY 4.0); the tagger uses it when the
model file exists.
"""
from __future__ import annotations

import argparse
import random
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Optional

import numpy as np

from .lexicon import Lexicon, load_lexicon
from ..lang import load_wordlist

LABELS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
DIM = 1 << 17
# ".bin" so that the packaging rules ship it; the content is a numpy .npz archive
MODEL_PATH = Path(__file__).parent / "models" / "names.bin"
_O = 0


def _shape(word: str) -> str:
    out = []
    for ch in word[:6]:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


class Featurizer:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.given = load_wordlist("de", "given_names.txt")
        self._cache: dict[tuple[str, str], np.ndarray] = {}

    def lexical(self, word: str) -> list[str]:
        lex, out = self.lex, []
        if word in self.given:
            out.append("given")
        if word in lex.surnames:
            out.append("surname")
        if word.lower() in lex.adjectives:
            out.append("adj")
        phrases = lex.phrases.get(word)
        if phrases:
            out.append("phrase:" + phrases[0][1].kind)
        if word[:1].isupper() and lex.title(word):
            out.append("title")
        if "-" in word and word.split("-")[0] in lex.prefixes:
            out.append("prefix")
        return out

    def of(self, word: str, role: str) -> np.ndarray:
        key = (word, role)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        low = word.lower()
        feats = [f"s={_shape(word)}", f"l={low}", *self.lexical(word)]
        if role == "c":
            feats += [f"w={word}", f"p3={low[:3]}", f"s3={low[-3:]}", f"s2={low[-2:]}", f"len={min(len(word), 12)}"]
        else:
            feats += [f"s3={low[-3:]}"]
        idx = np.fromiter((zlib.crc32(f"{role}|{f}".encode()) % DIM for f in feats), dtype=np.int64)
        if len(self._cache) < 200_000:
            self._cache[key] = idx
        return idx

    def token(self, words: list[str], i: int) -> np.ndarray:
        parts = [self.of(words[i], "c")]
        parts.append(self.of(words[i - 1], "p") if i > 0 else _START)
        if i + 1 < len(words):
            parts.append(self.of(words[i + 1], "n"))
        if i > 1:
            parts.append(self.of(words[i - 2], "pp"))
        return np.concatenate(parts)


_START = np.array([zlib.crc32(b"p|<s>") % DIM], dtype=np.int64)
_TAG = np.array([[zlib.crc32(f"t|{prev}|{i}".encode()) % DIM for i in range(2)] for prev in LABELS], dtype=np.int64)


def _allowed(prev: int, label: int) -> bool:
    name = LABELS[label]
    return not name.startswith("I-") or LABELS[prev][2:] == name[2:]


def _best(scores: np.ndarray, prev: int) -> int:
    for label in np.argsort(-scores):
        if _allowed(prev, int(label)):
            return int(label)
    return _O


class NameModel:
    def __init__(self, weights: np.ndarray, lex: Optional[Lexicon] = None) -> None:
        self.weights = weights.astype(np.float32)
        self.feat = Featurizer(lex or load_lexicon())

    def labels(self, words: list[str]) -> list[int]:
        out, prev = [], _O
        for i, w in enumerate(words):
            if not w[:1].isupper() and prev == _O:   # names start with a capital letter
                out.append(_O)
                prev = _O
                continue
            idx = np.concatenate([self.feat.token(words, i), _TAG[prev]])
            prev = _best(self.weights[idx].sum(axis=0), prev)
            out.append(prev)
        return out

    def spans(self, words: list[str]) -> list[tuple[int, int, str]]:
        return spans_of([LABELS[k] for k in self.labels(words)])


def spans_of(labels: list[str]) -> list[tuple[int, int, str]]:
    spans, start, kind = [], None, None
    for i, label in enumerate(list(labels) + ["O"]):
        tag, _, typ = label.partition("-")
        if start is not None and (tag != "I" or typ != kind):
            spans.append((start, i, kind))
            start = None
        if tag == "B":
            start, kind = i, typ
    return spans


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> Optional[NameModel]:
    if not path.exists():
        return None
    with np.load(path) as data:
        return NameModel(data["weights"])


# ---- training ------------------------------------------------------------------------------
def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """GermEval 2014 TSV: outer labels, PER/ORG/LOC only (OTH and -deriv/-part become O)."""
    out, words, labels = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#"):
            continue
        if not line.strip():
            if words:
                out.append((words, labels))
            words, labels = [], []
            continue
        cols = line.split("\t")
        label = cols[2]
        words.append(cols[1])
        labels.append(label if label[2:] in ("PER", "ORG", "LOC") else "O")
    return out


def train(sentences: list[tuple[list[str], list[str]]], epochs: int = 12, seed: int = 1) -> np.ndarray:
    feat = Featurizer(load_lexicon())
    weights = np.zeros((DIM, len(LABELS)), dtype=np.float32)
    totals = np.zeros_like(weights)
    step, rng = 1, random.Random(seed)
    data = [(words, [LABELS.index(lab) for lab in labels]) for words, labels in sentences]
    for _ in range(epochs):
        rng.shuffle(data)
        for words, gold in data:
            prev = _O
            for i, g in enumerate(gold):
                if not words[i][:1].isupper() and prev == _O and g == _O:
                    continue
                idx = np.concatenate([feat.token(words, i), _TAG[prev]])
                guess = _best(weights[idx].sum(axis=0), prev)
                if guess != g:
                    for label, delta in ((g, 1.0), (guess, -1.0)):
                        np.add.at(weights[:, label], idx, delta)
                        np.add.at(totals[:, label], idx, delta * step)
                prev = g   # teacher forcing: the gold previous label
                step += 1
    return weights - totals / step


def main() -> None:
    ap = argparse.ArgumentParser(description="train the name recogniser")
    ap.add_argument("command", choices=["train"])
    ap.add_argument("data", type=Path, help="GermEval 2014 TSV (e.g. ../shared/eval/germeval2014/NER-de-dev.tsv)")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args()
    weights = train(read_conll(args.data), args.epochs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "wb") as handle:   # a handle, so numpy does not append ".npz"
        np.savez_compressed(handle, weights=weights.astype(np.float16))
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
