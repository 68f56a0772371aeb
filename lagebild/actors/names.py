"""A small statistical name recogniser (PER / ORG / LOC) for names the lexicons do not know.

A linear-chain model (constrained Viterbi) over hashed features, trained as a
CRF (training/name_crf.py; an averaged perceptron, ``train`` below, also works): the
word, its shape and affixes, its neighbours, the previous label, the parser's
part of speech and HanTa's tags of the word and of its compound head when the
sentence was parsed, what the actor lexicon says about each word (given name,
title, state, place, registry surname), word gazetteers
(GeoNames city names, given names, surnames, words of listed names) and name
gazetteers: the longest listed organisation, place or person name starting at
a word marks its words by position and category. Features are hashed (crc32)
into a fixed table and the gazetteers travel as hashes, so the model file holds
numbers only, no words. Trained by ``training/train_names.py`` (GermEval 2014,
CC BY 4.0; see models/LICENCE.md); the tagger uses it when the model file exists.
"""
from __future__ import annotations

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


def _hash(text: str) -> int:
    return zlib.crc32(text.encode())


def _hashes(names) -> np.ndarray:
    return np.unique(np.fromiter((_hash(n) for n in names), dtype=np.uint32))


MAX_PHRASE = 7   # words of the longest gazetteer name that is looked up


class Featurizer:
    def __init__(self, lex: Lexicon, gazetteers: Optional[dict[str, np.ndarray]] = None,
                 phrases: Optional[dict[str, np.ndarray]] = None) -> None:
        self.lex = lex
        self.given = load_wordlist("de", "given_names.txt")
        # word hash -> names of the gazetteers that list it
        self.gazetteers: dict[int, tuple[str, ...]] = {}
        for name, hashes in (gazetteers or {}).items():
            for h in hashes.tolist():
                self.gazetteers[h] = self.gazetteers.get(h, ()) + (name,)
        self._cache: dict[tuple[str, str], np.ndarray] = {}
        # name gazetteers ("p_<category>" arrays): phrase hash -> categories, and the hashes of the
        # proper prefixes of longer names ("p_prefix"), so that a lookup stops where no name goes on
        self.phrases: dict[int, tuple[str, ...]] = {}
        self.prefixes: frozenset[int] = frozenset()
        for name, hashes in (phrases or {}).items():
            if name == "p_prefix":
                self.prefixes = frozenset(hashes.tolist())
                continue
            for h in hashes.tolist():
                self.phrases[h] = self.phrases.get(h, ()) + (name[2:],)

    def sentence_phrases(self, words: list[str], stretches: list[tuple[int, int]]) -> dict[int, np.ndarray]:
        out: dict[int, np.ndarray] = {}
        if self.phrases:
            for start, end in stretches:
                out.update(self.phrase_features(words, start, end))
        return out

    def phrase_features(self, words: list[str], start: int, end: int) -> dict[int, np.ndarray]:
        """Feature indices of the words that a gazetteer name covers (the longest name from each
        word), by position: where in the name the word stands (B, I, L; U for a one-word name) and
        the name's category. Only names inside the stretch [start, end) are looked up."""
        marks: dict[int, list[str]] = {}
        phrases = self.phrases
        for i in range(start, end):
            text = words[i]
            key = _hash(text)
            best = (1, phrases[key]) if key in phrases else None
            for k in range(i + 1, min(i + MAX_PHRASE, end)):
                if key not in self.prefixes:
                    break
                text += " " + words[k]
                key = _hash(text)
                if key in phrases:
                    best = (k + 1 - i, phrases[key])
            if best is None:
                continue
            n, categories = best
            for k in range(i, i + n):
                where = "U" if n == 1 else "B" if k == i else "L" if k == i + n - 1 else "I"
                marks.setdefault(k, []).extend(f"{where}|{c}" for c in categories)
        return {k: _phrase_index(tuple(v)) for k, v in marks.items()}

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
        out.extend(self.gazetteers.get(_hash(word), ()))
        return out

    def of(self, word: str, role: str) -> np.ndarray:
        key = (word, role)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        low = word.lower()
        feats = [f"s={_shape(word)}", f"l={low}", *self.lexical(word)]
        if role == "c":
            feats += [f"w={word}", f"p3={low[:3]}", f"s3={low[-3:]}", f"s2={low[-2:]}", f"len={min(len(word), 12)}",
                      f"p4={low[:4]}", f"s4={low[-4:]}", f"s5={low[-5:]}"]
            if "-" in word:   # "Fußball-Bundesliga", "Paris-Match": the parts of a hyphenated name
                head, _, tail = low.rpartition("-")
                feats += [f"hh={head}", f"ht={tail}"]
        else:
            feats += [f"s3={low[-3:]}"]
        idx = np.fromiter((zlib.crc32(f"{role}|{f}".encode()) % DIM for f in feats), dtype=np.int64)
        if len(self._cache) < 200_000:
            self._cache[key] = idx
        return idx

    def token(self, words: list[str], i: int, upos: Optional[list] = None,
              phrases: Optional[dict[int, np.ndarray]] = None) -> np.ndarray:
        parts = [self.of(words[i], "c")]
        if phrases and i in phrases:
            parts.append(phrases[i])
        parts.append(self.of(words[i - 1], "p") if i > 0 else _START)
        if i + 1 < len(words):
            parts.append(self.of(words[i + 1], "n"))
        if i > 1:
            parts.append(self.of(words[i - 2], "pp"))
        if upos is not None:   # the parser's part of speech (PROPN), when the sentence was parsed
            parts.append(_pos_features(upos, i))
            parts.append(_lexicon_tag(words[i], i == 0))
        return np.concatenate(parts)


@lru_cache(maxsize=4096)
def _phrase_index(marks: tuple[str, ...]) -> np.ndarray:
    return np.fromiter((_hash(f"gp|{m}") % DIM for m in marks), dtype=np.int64)


@lru_cache(maxsize=100_000)
def _lexicon_tag(word: str, initial: bool) -> np.ndarray:
    """HanTa's out-of-context STTS tag, '' for words outside its lexicon: a known common noun is
    rarely a name; and the tag of the word's compound head (below). Only for parsed sentences, whose
    syntax stage has HanTa loaded and these cached."""
    from ..syntax.hanta import word_tag
    tag = word_tag(word, known_only=True)
    return np.array([_hash(f"ht|{tag}") % DIM, _hash(f"hti|{initial}|{tag}") % DIM,
                     _hash(f"hh|{_compound_head_tag(word)}") % DIM], dtype=np.int64)


MIN_HEAD, MIN_MODIFIER = 4, 3   # letters of a compound's head and of what comes before it


def _compound_head_tag(word: str) -> str:
    """The STTS tag of the longest ending of an unknown word that HanTa knows as a word of its own:
    "Getreidemangel", "Gemeindebehörde", "Wasserknappheit" end in known common nouns (NN), so they are
    German compounds, not names, which rarely end in one; "known" for a known word, "none" when no
    ending is known (most foreign surnames and brands). A dictionary lookup per ending, not HanTa's costly
    analysis of the unknown word."""
    from ..syntax.hanta import _plain, tagger
    hanta = tagger()
    known, low = hanta.cache, word.lower()
    if low in known:
        return "known"
    for k in range(MIN_MODIFIER, len(low) - MIN_HEAD + 1):
        guesses = known.get(low[k:])
        if guesses:
            return _plain(_tag_names(hanta)[max(guesses, key=lambda g: g[1])[0]])
    return "none"


@lru_cache(maxsize=1)
def _tag_names(hanta) -> dict[int, str]:
    return {number: tag for tag, number in hanta.tag2int.items()}


@lru_cache(maxsize=4096)
def _pos_key(prev: Optional[str], cur: Optional[str], nxt: Optional[str]) -> np.ndarray:
    feats = (f"u|{cur}", f"up|{prev}", f"un|{nxt}", f"upc|{prev}|{cur}")
    return np.fromiter((_hash(f) % DIM for f in feats), dtype=np.int64)


def _pos_features(upos: list, i: int) -> np.ndarray:
    return _pos_key(upos[i - 1] if i > 0 else "<s>", upos[i], upos[i + 1] if i + 1 < len(upos) else "</s>")


_START = np.array([zlib.crc32(b"p|<s>") % DIM], dtype=np.int64)
_TAG = np.array([[zlib.crc32(f"t|{prev}|{i}".encode()) % DIM for i in range(2)] for prev in LABELS], dtype=np.int64)


def _allowed(prev: int, label: int) -> bool:
    name = LABELS[label]
    return not name.startswith("I-") or LABELS[prev][2:] == name[2:]


_NEG = -1e9
# transition constraints: I-X only after B-X or I-X; a lower-case word never begins a name
_ALLOWED = np.array([[0.0 if _allowed(p, k) else _NEG for k in range(len(LABELS))] for p in range(len(LABELS))],
                    dtype=np.float32)
_LOWER = np.array([_NEG if lab.startswith("B-") else 0.0 for lab in LABELS], dtype=np.float32)


def segments(words: list[str]) -> list[tuple[int, int]]:
    """Stretches that may hold names: capitalised words, a lower-case word between two of them
    ("Zentralanstalt für Meteorologie", "Welt am Sonntag") and a number next to one ("Schalke 04",
    "1. FC Köln"); every other word is O without scoring."""
    out, start, n = [], None, len(words)
    for i, w in enumerate(words):
        after = start is not None and words[i - 1][:1].isupper()
        before = i + 1 < n and words[i + 1][:1].isupper()
        inside = w[:1].isupper() or (after and before) or (w[:1].isdigit() and (after or before))
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, len(words)))
    return out


def viterbi(emissions: np.ndarray, trans: np.ndarray, lower: list[bool]) -> list[int]:
    """Best label sequence for one segment that starts and ends next to O (trans[prev, label])."""
    score = trans[_O] + emissions[0] + (_LOWER if lower[0] else 0.0)
    if len(emissions) == 1:   # the common case: one capitalised word
        return [int((score + trans[:, _O]).argmax())]
    back = []
    for i in range(1, len(emissions)):
        cand = score[:, None] + trans
        best = cand.argmax(axis=0)
        score = cand[best, np.arange(len(LABELS))] + emissions[i] + (_LOWER if lower[i] else 0.0)
        back.append(best)
    label = int((score + trans[:, _O]).argmax())
    out = [label]
    for best in reversed(back):
        label = int(best[label])
        out.append(label)
    return out[::-1]


class NameModel:
    def __init__(self, weights: np.ndarray, lex: Optional[Lexicon] = None,
                 gazetteers: Optional[dict[str, np.ndarray]] = None, trans: Optional[np.ndarray] = None) -> None:
        self.weights = weights.astype(np.float32)
        self.feat = Featurizer(lex or load_lexicon(), *split_gazetteers(gazetteers))
        # a CRF-trained model keeps its label transitions apart; the perceptron's are weight rows
        self.trans = transitions(self.weights) if trans is None else trans.astype(np.float32) + _ALLOWED
        self.alone = self.trans[_O] + self.trans[:, _O]   # O before and after

    def labels(self, words: list[str], upos: Optional[list] = None) -> list[int]:
        if upos is not None and not any(upos):
            upos = None   # an unparsed sentence
        out = [_O] * len(words)
        stretches = segments(words)
        if not stretches:
            return out
        phrases = self.feat.sentence_phrases(words, stretches)
        emissions = self.emissions(words, [i for start, end in stretches for i in range(start, end)], upos, phrases)
        alone = (emissions + self.alone).argmax(axis=1).tolist()   # the best label of a one-word stretch
        row = 0
        for start, end in stretches:
            if end - start == 1:   # the common case: one capitalised word between O's
                out[start] = alone[row]
            else:
                lower = [words[i][:1].islower() for i in range(start, end)]
                out[start:end] = viterbi(emissions[row:row + end - start], self.trans, lower)
            row += end - start
        return out

    def emissions(self, words: list[str], positions: list[int], upos: Optional[list],
                  phrases: Optional[dict[int, np.ndarray]] = None) -> np.ndarray:
        """Label scores of the words at `positions`: one gather and one segmented sum for the sentence."""
        feats = [self.feat.token(words, i, upos, phrases) for i in positions]
        offsets = np.cumsum([0] + [len(f) for f in feats[:-1]])
        return np.add.reduceat(self.weights[np.concatenate(feats)], offsets, axis=0)

    def spans(self, words: list[str], upos: Optional[list] = None) -> list[tuple[int, int, str]]:
        return spans_of([LABELS[k] for k in self.labels(words, upos)])


def split_gazetteers(arrays: Optional[dict[str, np.ndarray]]) -> tuple[dict, dict]:
    """The model file's word gazetteers ("g_*") and name gazetteers ("p_*")."""
    arrays = arrays or {}
    return ({k: v for k, v in arrays.items() if k.startswith("g_")},
            {k: v for k, v in arrays.items() if k.startswith("p_")})


def transitions(weights: np.ndarray) -> np.ndarray:
    """trans[prev, label]: the weights of the previous-label features, plus the constraints."""
    return weights[_TAG].sum(axis=1) + _ALLOWED


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
        return NameModel(data["weights"], gazetteers={k: data[k] for k in data.files if k[:2] in ("g_", "p_")},
                         trans=data["trans"] if "trans" in data.files else None)


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


def train(sentences: list[tuple[list[str], list[str], Optional[list]]], epochs: int = 12, seed: int = 1,
          gazetteers: Optional[dict[str, np.ndarray]] = None, pos_dropout: float = 0.2) -> np.ndarray:
    """Structured averaged perceptron (Viterbi decoding) over (words, labels, upos) sentences. A share
    `pos_dropout` of the sentences is seen without parts of speech in each epoch, so that the model
    also serves unparsed text."""
    feat = Featurizer(load_lexicon(), *split_gazetteers(gazetteers))
    weights = np.zeros((DIM, len(LABELS)), dtype=np.float32)
    totals = np.zeros_like(weights)
    step, rng = 1, random.Random(seed)
    data = [(words, [LABELS.index(lab) for lab in labels], upos) for words, labels, upos in sentences]

    def update(idx: np.ndarray, label: int, delta: float) -> None:
        np.add.at(weights[:, label], idx, delta)
        np.add.at(totals[:, label], idx, delta * step)

    for _ in range(epochs):
        rng.shuffle(data)
        for words, gold, upos in data:
            tags = None if upos is None or rng.random() < pos_dropout else upos
            trans = transitions(weights)
            stretches = segments(words)
            phrases = feat.sentence_phrases(words, stretches)
            for start, end in stretches:
                feats = [feat.token(words, i, tags, phrases) for i in range(start, end)]
                emissions = np.stack([weights[idx].sum(axis=0) for idx in feats])
                guess = viterbi(emissions, trans, [words[i][:1].islower() for i in range(start, end)])
                truth = gold[start:end]
                if guess == truth:
                    continue
                for k, (g, p) in enumerate(zip(truth, guess)):
                    if g != p:
                        update(feats[k], g, 1.0)
                        update(feats[k], p, -1.0)
                for seq, delta in ((truth, 1.0), (guess, -1.0)):   # label bigrams, O before and after
                    for prev, label in zip([_O] + seq, seq + [_O]):
                        update(_TAG[prev], label, delta)
            step += 1
    return weights - totals / step


def save(path: Path, weights: np.ndarray, gazetteers: Optional[dict[str, np.ndarray]],
         trans: Optional[np.ndarray] = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays = {"weights": weights.astype(np.float16), **(gazetteers or {})}
    if trans is not None:
        arrays["trans"] = trans.astype(np.float32)
    with open(path, "wb") as handle:   # a handle, so numpy does not append ".npz"
        np.savez_compressed(handle, **arrays)
