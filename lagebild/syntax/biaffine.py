"""Graph-based dependency parser (biaffine, Dozat & Manning 2017) run in numpy.

Why not spaCy's own parser: with ~40k training words its greedy transition
parser loses whole clauses after one wrong move; a graph parser scores every
head for every word at once and decodes the best tree (benchmarks/results/
syntax.md has the figures). Training needs PyTorch (training/train_parser.py);
running needs numpy only, so the package does not depend on torch.

Input per token: spaCy's tok2vec vector (the shared CNN the tagger and
morphologizer run on anyway), hashed lower-case form, suffix and shape, and
embeddings of the predicted UPOS, STTS and the morphological features that
carry German clause structure (case above all). Encoder: a BiLSTM; then
biaffine arc scores and bilinear label scores.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

# Morphological features given to the parser (the ones German argument structure rests on).
MORPH_FEATURES = ("Case", "Number", "Person", "VerbForm", "Mood", "PronType", "Gender")
WORD_BUCKETS, SUFFIX_BUCKETS, SHAPE_BUCKETS = 16384, 4096, 512
# Sentences per recurrent batch, sorted by length: 64 keeps the matrices in cache (measured 32-256)
CHUNK = 64


class FeatureVocab:
    """Symbol tables for the discrete features (UPOS, STTS, each morphological feature)."""

    def __init__(self, tables: dict[str, list[str]]) -> None:
        self.tables = tables
        self.index = {k: {v: i for i, v in enumerate(vs)} for k, vs in tables.items()}
        self._cache: dict[tuple[int, int, int], list[int]] = {}  # (POS, TAG, MORPH) hashes -> ids

    @classmethod
    def build(cls, docs) -> "FeatureVocab":
        seen: dict[str, set[str]] = {"upos": set(), "tag": set(), **{f: set() for f in MORPH_FEATURES}}
        for doc in docs:
            for tok in doc:
                seen["upos"].add(tok.pos_)
                seen["tag"].add(tok.tag_)
                feats = tok.morph.to_dict()
                for f in MORPH_FEATURES:
                    seen[f].add(feats.get(f, ""))
        # index 0 is "unknown / absent" in every table
        return cls({k: [""] + sorted(v - {""}) for k, v in seen.items()})

    def ids(self, doc) -> np.ndarray:
        """(n_tokens, 2 + len(MORPH_FEATURES)) int array: upos, tag, morph features."""
        from spacy.attrs import MORPH, POS, TAG

        rows = doc.to_array([POS, TAG, MORPH]).tolist()
        cache, strings = self._cache, doc.vocab.strings
        out = []
        for pos, tag, morph in rows:
            key = (pos, tag, morph)
            row = cache.get(key)
            if row is None:
                row = cache[key] = self._row(strings[pos] if pos else "", strings[tag] if tag else "",
                                             strings[morph] if morph else "")
            out.append(row)
        return np.asarray(out, dtype=np.int64).reshape(len(doc), 2 + len(MORPH_FEATURES))

    def _row(self, upos: str, tag: str, morph: str) -> list[int]:
        feats = dict(f.split("=", 1) for f in morph.split("|") if "=" in f)
        return [self.index["upos"].get(upos, 0), self.index["tag"].get(tag, 0)] + [
            self.index[f].get(feats.get(f, ""), 0) for f in MORPH_FEATURES]


def hashed_ids(doc) -> np.ndarray:
    """(n_tokens, 3) bucket ids of lower-case form, suffix and shape (spaCy's stable hashes)."""
    from spacy.attrs import LOWER, SHAPE, SUFFIX

    arr = doc.to_array([LOWER, SUFFIX, SHAPE]).astype(np.uint64)
    buckets = np.array([WORD_BUCKETS, SUFFIX_BUCKETS, SHAPE_BUCKETS], dtype=np.uint64)
    return (arr % buckets).astype(np.int64).reshape(len(doc), 3)


def doc_inputs(doc, vocab: FeatureVocab) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What the parser reads of one tagged spaCy Doc: tok2vec vectors, hashed ids, feature ids."""
    return doc.tensor.astype(np.float32), hashed_ids(doc), vocab.ids(doc)


# ---------------------------------------------------------------- numpy inference

def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)


def _leaky_relu(x: np.ndarray) -> np.ndarray:
    return np.where(x > 0, x, 0.1 * x)


class BiaffineParser:
    """Loads ``parser.npz`` + ``parser.json`` written by training/train_parser.py."""

    def __init__(self, directory: Path) -> None:
        meta = json.loads((directory / "parser.json").read_text(encoding="utf-8"))
        self.vocab = FeatureVocab(meta["vocab"])
        self.labels: list[str] = meta["labels"]
        self.layers: int = meta["lstm_layers"]
        with np.load(directory / "parser.npz") as data:
            self.w = {k: data[k].astype(np.float32) for k in data.files}
        # the four MLPs (arc/label x dependent/head) as one matmul
        mlps = ("arc_dep", "arc_head", "lab_dep", "lab_head")
        self._mlp_w = np.concatenate([self.w[f"{m}_w"] for m in mlps]).T.copy()
        self._mlp_b = np.concatenate([self.w[f"{m}_b"] for m in mlps])
        self._arc_dim, self._lab_dim = len(self.w["arc_dep_b"]), len(self.w["lab_dep_b"])
        self._lstm_weights_cache = [self._lstm_weights(layer) for layer in range(self.layers)]
        lab_u = self.w["lab_u"]  # (labels, d+1, d+1) -> (d+1, labels * (d+1)) for one matmul
        self._lab_u = lab_u.transpose(1, 0, 2).reshape(lab_u.shape[1], -1)

    # -- encoder
    def _embed(self, tensor: np.ndarray, hashed: np.ndarray, feats: np.ndarray) -> np.ndarray:
        w = self.w
        parts = [tensor, w["emb_word"][hashed[:, 0]], w["emb_suffix"][hashed[:, 1]], w["emb_shape"][hashed[:, 2]],
                 w["emb_upos"][feats[:, 0]], w["emb_tag"][feats[:, 1]]]
        parts += [w[f"emb_{f}"][feats[:, 2 + i]] for i, f in enumerate(MORPH_FEATURES)]
        x = np.concatenate(parts, axis=1)
        return _leaky_relu(x @ w["proj_w"].T + w["proj_b"])

    def _lstm_weights(self, layer: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Both directions stacked, gates reordered from torch's (i, f, g, o) to (i, f, o, g):
        one sigmoid over the first three quarters, one tanh over the last."""
        def reorder(m: np.ndarray) -> np.ndarray:
            i, f, g, o = np.split(m, 4, axis=0)
            return np.concatenate([i, f, o, g], axis=0)

        w_ih, w_hh, bias = [], [], []
        for d in "fb":
            prefix = f"lstm{layer}_{d}"
            w_ih.append(reorder(self.w[f"{prefix}_w_ih"]).T)
            w_hh.append(reorder(self.w[f"{prefix}_w_hh"]).T)
            bias.append(reorder(self.w[f"{prefix}_b_ih"] + self.w[f"{prefix}_b_hh"]))
        return np.stack(w_ih), np.stack(w_hh), np.stack(bias)[:, None, None, :]

    def _encode(self, x: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """BiLSTM over x (batch, time, dim), padded at the end.

        The backward direction runs over each sentence reversed within its own length, so
        both directions see their padding only after the real words and run as one
        batched recurrence without masks."""
        batch, steps, _ = x.shape
        t = np.arange(steps)[None, :]
        rev = np.clip(lengths[:, None] - 1 - t, 0, None)  # reversed position of step t
        rows = np.arange(batch)[:, None]
        for layer in range(self.layers):
            w_ih, w_hh, bias = self._lstm_weights_cache[layer]
            hidden = w_hh.shape[1]
            both = np.stack([x, x[rows, rev]]).reshape(2, batch * steps, -1)
            # one big matmul per direction (a broadcast 4-d matmul would loop over sentences)
            gates_x = (both @ w_ih).reshape(2, batch, steps, -1) + bias  # (2, batch, time, 4H)
            h = np.zeros((2, batch, hidden), dtype=np.float32)
            c = np.zeros_like(h)
            out = np.empty((2, batch, steps, hidden), dtype=np.float32)
            for step in range(steps):
                g = gates_x[:, :, step] + h @ w_hh
                sig = _sigmoid(g[..., :3 * hidden])
                c = sig[..., hidden:2 * hidden] * c + sig[..., :hidden] * np.tanh(g[..., 3 * hidden:])
                h = sig[..., 2 * hidden:] * np.tanh(c)
                out[:, :, step] = h
            x = np.concatenate([out[0], out[1][rows, rev]], axis=2)
        return x

    # -- scoring
    def parse(self, inputs: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> list[tuple[list[int], list[str]]]:
        """Heads (-1 = root) and labels for each sentence's inputs (see :func:`doc_inputs`)."""
        from threadpoolctl import threadpool_limits

        results: list = [None] * len(inputs)
        order = sorted(range(len(inputs)), key=lambda k: len(inputs[k][0]))
        # One BLAS thread: the matrices are small, and the pipeline scales out by processes;
        # a second thread fighting for the same two cores made it several times slower.
        with threadpool_limits(limits=1, user_api="blas"):
            # similar lengths together: little padding in the recurrent loop
            for start in range(0, len(order), CHUNK):
                chunk = order[start:start + CHUNK]
                for k, res in zip(chunk, self._parse_batch([inputs[k] for k in chunk])):
                    results[k] = res
        return results

    def _parse_batch(self, inputs):
        w = self.w
        lengths = np.array([len(t) for t, _, _ in inputs])
        steps = int(lengths.max()) + 1  # position 0 is the artificial root
        # all words embedded at once, then placed after each sentence's root position
        embedded = self._embed(*(np.concatenate(parts) for parts in zip(*inputs)))
        x = np.zeros((len(inputs), steps, embedded.shape[1]), dtype=np.float32)
        x[:, 0] = w["root"]
        rows = np.repeat(np.arange(len(inputs)), lengths)
        cols = np.concatenate([np.arange(1, n + 1) for n in lengths])
        x[rows, cols] = embedded
        states = self._encode(x, lengths + 1)
        a, l = self._arc_dim, self._lab_dim
        mlp = _leaky_relu(states @ self._mlp_w + self._mlp_b)
        arc_dep, arc_head = mlp[..., :a], mlp[..., a:2 * a]
        lab_dep, lab_head = mlp[..., 2 * a:2 * a + l], mlp[..., 2 * a + l:]
        # s[b, i, j] = score of head j for dependent i
        scores = (arc_dep @ w["arc_u"]) @ arc_head.transpose(0, 2, 1) + (arc_head @ w["arc_v"])[:, None, :]
        trees = [decode(scores[b, :n + 1, :n + 1]) if n else [] for b, n in enumerate(lengths)]
        # label l of word i with head j: [dep_i 1] . U_l . [head_j 1], all words in one matmul
        dep = np.concatenate([lab_dep[b, 1:n + 1] for b, n in enumerate(lengths)])
        head = np.concatenate([lab_head[b, heads] for b, heads in enumerate(trees)])
        ones = np.ones((len(dep), 1), np.float32)
        dep1, head1 = np.concatenate([dep, ones], axis=1), np.concatenate([head, ones], axis=1)
        n_labels = len(self.labels)
        lab_scores = ((dep1 @ self._lab_u).reshape(len(dep), n_labels, -1) * head1[:, None, :]).sum(axis=2)
        best = lab_scores.argmax(axis=1).tolist()
        out, pos = [], 0
        for heads in trees:
            out.append(([h - 1 for h in heads], [self.labels[k] for k in best[pos:pos + len(heads)]]))
            pos += len(heads)
        return out


def decode(scores: np.ndarray) -> list[int]:
    """Best tree over positions 1..n (0 = root) with exactly one word on the root.

    Greedy heads first; the Chu-Liu/Edmonds algorithm only where they form a cycle."""
    s = scores.copy()
    np.fill_diagonal(s, -np.inf)
    # one root: the word that loses least by taking it
    best_other = np.max(s[1:, 1:], axis=1)
    root_child = 1 + int(np.argmax(s[1:, 0] - best_other))
    s[1:, 0] = -np.inf
    s[root_child, :] = -np.inf
    s[root_child, 0] = 0.0
    heads = s.argmax(axis=1)
    heads[0] = -1
    if _find_cycle(heads) is None:
        return heads[1:].tolist()
    return chu_liu_edmonds(s)[1:]


def chu_liu_edmonds(scores: np.ndarray) -> list[int]:
    """Maximum spanning arborescence rooted at 0; scores[i, j] = score of head j for i."""
    n = scores.shape[0]
    heads = scores.argmax(axis=1)
    heads[0] = -1
    cycle = _find_cycle(heads)
    if cycle is None:
        return heads.tolist()
    in_cycle = np.zeros(n, dtype=bool)
    in_cycle[cycle] = True
    cycle_score = sum(scores[v, heads[v]] for v in cycle)
    rest = [v for v in range(n) if not in_cycle[v]]
    m = len(rest)  # contracted node gets index m
    index = {v: k for k, v in enumerate(rest)}
    sub = np.full((m + 1, m + 1), -np.inf)
    enter_from: dict[int, int] = {}   # outside head -> cycle node it enters
    leave_to: dict[int, int] = {}     # outside dependent -> cycle node it hangs on
    for v in rest:
        for u in rest:
            if u != v:
                sub[index[v], index[u]] = scores[v, u]
        # the cycle as head of v: its best member
        members = scores[v, cycle]
        best = int(np.argmax(members))
        sub[index[v], m] = members[best]
        leave_to[v] = cycle[best]
    for u in rest:
        # u as head of the cycle: break the cycle where it gains most
        gains = [scores[v, u] - scores[v, heads[v]] for v in cycle]
        best = int(np.argmax(gains))
        sub[m, index[u]] = cycle_score + gains[best]
        enter_from[u] = cycle[best]
    sub_heads = chu_liu_edmonds(sub)
    result = heads.copy()
    for v in rest:
        h = sub_heads[index[v]]
        if h >= 0:
            result[v] = leave_to[v] if h == m else rest[h]
    u = rest[sub_heads[m]]
    result[enter_from[u]] = u
    result[0] = -1
    return result.tolist()


def _find_cycle(heads: np.ndarray) -> list[int] | None:
    n = len(heads)
    state = [0] * n
    state[0] = 2
    for start in range(1, n):
        path, v = [], start
        while v >= 0 and state[v] == 0:
            state[v] = 1
            path.append(v)
            v = int(heads[v])
        if v >= 0 and state[v] == 1:
            return path[path.index(v):]
        for p in path:
            state[p] = 2
    return None
