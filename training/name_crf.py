"""A linear-chain CRF for the name recogniser, trained with CRFsuite (python-crfsuite, MIT; training only).

The CRF reads exactly the recogniser's hashed features (lagebild/actors/names.py: Featurizer.token) over
the same stretches (names.segments), each stretch padded with one O word on either side so that the
label transitions into and out of a name are learnt as the decoder uses them. CRFsuite's weights are
then written into the recogniser's weight table, and its transitions into a separate 7 x 7 array, so
the shipped model and its decoder stay as they are: only the training objective changes (regularised
log-likelihood instead of perceptron updates, which fit the ~2,700 training sentences less noisily).
"""
from __future__ import annotations

import random
import tempfile
from collections import Counter
from pathlib import Path
from typing import Optional

import numpy as np

from lagebild.actors.lexicon import load_lexicon
from lagebild.actors.names import DIM, LABELS, Featurizer, segments, split_gazetteers

_PAD = {"pad": 1.0}   # the O word on either side of a stretch


def _items(feat: Featurizer, words: list[str], upos: Optional[list]) -> list[tuple[list[dict], list[int]]]:
    """Per stretch: CRFsuite items (hashed feature index -> count) and the stretch's word positions."""
    stretches = segments(words)
    phrases = feat.sentence_phrases(words, stretches)
    out = []
    for start, end in stretches:
        items = [dict((str(k), float(n)) for k, n in Counter(feat.token(words, i, upos, phrases).tolist()).items())
                 for i in range(start, end)]
        out.append((items, list(range(start, end))))
    return out


def train_crf(sentences: list[tuple[list[str], list[str], Optional[list]]], seed: int = 1,
              gazetteers: Optional[dict[str, np.ndarray]] = None, pos_dropout: float = 0.3,
              c1: float = 0.05, c2: float = 0.05, iterations: int = 150) -> tuple[np.ndarray, np.ndarray]:
    """(weights DIM x labels, transitions labels x labels) of a CRF over the sentences. A share
    `pos_dropout` of the sentences (chosen by `seed`) is seen without parts of speech, so that the
    model also serves unparsed text, as the perceptron's dropout does."""
    import pycrfsuite
    feat = Featurizer(load_lexicon(), *split_gazetteers(gazetteers))
    rng = random.Random(seed)
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    for words, labels, upos in sentences:
        tags = None if upos is None or rng.random() < pos_dropout else upos
        for items, positions in _items(feat, words, tags):
            trainer.append(pycrfsuite.ItemSequence([_PAD, *items, _PAD]),
                           ["O", *(labels[i] for i in positions), "O"])
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "names.crfsuite")
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()
        tagger.close()
    weights = np.zeros((DIM, len(LABELS)), dtype=np.float32)
    index = {label: k for k, label in enumerate(LABELS)}
    for (attr, label), w in info.state_features.items():
        if attr != "pad":
            weights[int(attr), index[label]] = w
    trans = np.zeros((len(LABELS), len(LABELS)), dtype=np.float32)
    for (prev, label), w in info.transitions.items():
        trans[index[prev], index[label]] = w
    return weights, trans
