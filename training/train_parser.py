"""Train lagebild's biaffine dependency parser (lagebild/syntax/biaffine.py).

    .venv/bin/pip install -e '.[train]'           # PyTorch (CPU) for training only
    .venv/bin/python training/train_parser.py     # ~10-20 min on 2 cores; writes lagebild/syntax/model/parser.*

Reads the same UD German splits as train_syntax.py (held-out third of GSD-test never
used) and runs the shipped spaCy model's tok2vec,
tagger and morphologizer over them, so the parser is trained on *predicted* tags and
morphology as it meets them at run time. To make the training-set tags look like the
error-prone ones of unseen text, a share of them is replaced at random (TAG_NOISE).
Fixed seeds; torch runs on one thread.

Settings (sizes, 60 epochs, averaging) were chosen with ``--model-selection``: the dev split
held out and the epoch best on it kept. The shipped model is then trained the same way on the
training pool *and* the dev split, and its last epoch is shipped: with ~40k words every
sentence counts (held-out LAS 76.43 -> 77.27, see benchmarks/results/syntax.md).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
from ud import load_splits  # noqa: E402

from lagebild.syntax import biaffine  # noqa: E402
from lagebild.syntax.biaffine import MORPH_FEATURES, SHAPE_BUCKETS, SUFFIX_BUCKETS, WORD_BUCKETS  # noqa: E402

UD_DIR = ROOT.parent / "shared" / "train" / "ud_german"
MODEL_DIR = ROOT / "lagebild" / "syntax" / "model"
SEED = 1234
TAG_NOISE = 0.05


def tagged_docs(sentences, nlp):
    """Run the spaCy model without its parser over gold-tokenised sentences."""
    from spacy.tokens import Doc

    docs = (Doc(nlp.vocab, words=s.words, sent_starts=[True] + [False] * (len(s.words) - 1)) for s in sentences)
    for name, proc in nlp.pipeline:
        if name != "parser":
            docs = proc.pipe(docs, batch_size=256)
    return list(docs)


def examples(sentences, docs, vocab, labels):
    upos = {u: i for i, u in enumerate(vocab.tables["upos"])}
    out = []
    for sent, doc in zip(sentences, docs):
        tensor, hashed, feats = biaffine.doc_inputs(doc, vocab)
        heads = [t.head + 1 for t in sent.tokens]  # 0 = root
        deps = [labels.get(t.dep, 0) for t in sent.tokens]
        tags = [upos.get(t.upos, 0) for t in sent.tokens]
        out.append((tensor, hashed, feats, np.array(heads), np.array(deps), np.array(tags)))
    return out


class Parser(nn.Module):
    def __init__(self, vocab, n_labels, tensor_dim, args):
        super().__init__()
        self.emb_word = nn.Embedding(WORD_BUCKETS, args.word_dim)
        self.emb_suffix = nn.Embedding(SUFFIX_BUCKETS, 32)
        self.emb_shape = nn.Embedding(SHAPE_BUCKETS, 16)
        self.emb_upos = nn.Embedding(len(vocab.tables["upos"]), 24)
        self.emb_tag = nn.Embedding(len(vocab.tables["tag"]), 24)
        self.emb_morph = nn.ModuleList(nn.Embedding(len(vocab.tables[f]), 12) for f in MORPH_FEATURES)
        in_dim = tensor_dim + args.word_dim + 32 + 16 + 24 + 24 + 12 * len(MORPH_FEATURES)
        self.proj = nn.Linear(in_dim, args.proj_dim)
        self.root = nn.Parameter(torch.zeros(args.proj_dim))
        self.lstm = nn.LSTM(args.proj_dim, args.hidden, num_layers=args.layers, bidirectional=True,
                            batch_first=True, dropout=args.dropout if args.layers > 1 else 0.0)
        out = 2 * args.hidden
        self.arc_dep = nn.Linear(out, args.arc_dim)
        self.arc_head = nn.Linear(out, args.arc_dim)
        self.lab_dep = nn.Linear(out, args.lab_dim)
        self.lab_head = nn.Linear(out, args.lab_dim)
        self.arc_u = nn.Parameter(torch.zeros(args.arc_dim, args.arc_dim))
        self.arc_v = nn.Parameter(torch.zeros(args.arc_dim))
        self.lab_u = nn.Parameter(torch.zeros(n_labels, args.lab_dim + 1, args.lab_dim + 1))
        # optional UPOS head on the same states (multi-task; its tags can replace the tagger's)
        self.tag_out = nn.Linear(out, len(vocab.tables["upos"])) if args.tag_weight else None
        self.drop = nn.Dropout(args.dropout)
        self.act = nn.LeakyReLU(0.1)

    def forward(self, tensor, hashed, feats, lengths):
        parts = [tensor, self.emb_word(hashed[..., 0]), self.emb_suffix(hashed[..., 1]),
                 self.emb_shape(hashed[..., 2]), self.emb_upos(feats[..., 0]), self.emb_tag(feats[..., 1])]
        parts += [emb(feats[..., 2 + i]) for i, emb in enumerate(self.emb_morph)]
        x = self.act(self.proj(self.drop(torch.cat(parts, dim=-1))))
        x = torch.cat([self.root.expand(x.shape[0], 1, -1), x], dim=1)
        packed = pack_padded_sequence(x, lengths + 1, batch_first=True, enforce_sorted=False)
        states, _ = pad_packed_sequence(self.lstm(packed)[0], batch_first=True, total_length=x.shape[1])
        states = self.drop(states)
        ad, ah = self.drop(self.act(self.arc_dep(states))), self.drop(self.act(self.arc_head(states)))
        ld, lh = self.drop(self.act(self.lab_dep(states))), self.drop(self.act(self.lab_head(states)))
        arcs = (ad @ self.arc_u) @ ah.transpose(1, 2) + (ah @ self.arc_v).unsqueeze(1)
        tags = self.tag_out(states[:, 1:]) if self.tag_out is not None else None
        return arcs, ld, lh, tags

    def label_scores(self, ld, lh, heads):
        """ld/lh: (B, T, d); heads: (B, T) head index per position -> (B, T, n_labels)."""
        head_vecs = torch.gather(lh, 1, heads.unsqueeze(-1).expand(-1, -1, lh.shape[-1]))
        ones = torch.ones(*ld.shape[:2], 1)
        d1, h1 = torch.cat([ld, ones], -1), torch.cat([head_vecs, ones], -1)
        return torch.einsum("btd,lde,bte->btl", d1, self.lab_u, h1)


def batchify(batch, noise_tables=None, rng=None):
    lengths = torch.tensor([len(b[0]) for b in batch])
    T = int(lengths.max())
    tdim = batch[0][0].shape[1]
    tensor = torch.zeros(len(batch), T, tdim)
    hashed = torch.zeros(len(batch), T, 3, dtype=torch.long)
    feats = torch.zeros(len(batch), T, batch[0][2].shape[1], dtype=torch.long)
    heads = torch.zeros(len(batch), T + 1, dtype=torch.long)
    deps = torch.zeros(len(batch), T + 1, dtype=torch.long)
    tags = torch.zeros(len(batch), T, dtype=torch.long)
    mask = torch.zeros(len(batch), T + 1, dtype=torch.bool)
    for b, (tv, hs, fs, hd, dp, tg) in enumerate(batch):
        n = len(tv)
        tensor[b, :n] = torch.from_numpy(tv)
        hashed[b, :n] = torch.from_numpy(hs)
        f = fs.copy()
        if noise_tables is not None:
            hit = rng.random(f.shape) < TAG_NOISE
            sizes = np.array(noise_tables)
            f[hit] = (rng.random(f.shape) * sizes).astype(np.int64)[hit]
        feats[b, :n] = torch.from_numpy(f)
        heads[b, 1:n + 1] = torch.from_numpy(hd)
        deps[b, 1:n + 1] = torch.from_numpy(dp)
        tags[b, :n] = torch.from_numpy(tg)
        mask[b, 1:n + 1] = True
    return tensor, hashed, feats, lengths, heads, deps, mask, tags


def evaluate(model, data, labels_list) -> tuple[float, float, float, float]:
    """UAS, LAS (all tokens) with the numpy decoder's tree constraint; UPOS accuracy of the
    tagger's input tags and of the tag head (-1 without one)."""
    model.eval()
    right_h = right_l = total = right_in = right_head = 0
    with torch.no_grad():
        for start in range(0, len(data), 64):
            batch = data[start:start + 64]
            tensor, hashed, feats, lengths, heads, deps, mask, tags = batchify(batch)
            arcs, ld, lh, tag_scores = model(tensor, hashed, feats, lengths)
            words = mask[:, 1:]
            right_in += int(((feats[..., 0] == tags) & words).sum())
            if tag_scores is not None:
                right_head += int(((tag_scores.argmax(-1) == tags) & words).sum())
            pred_heads = torch.zeros_like(heads)
            for b, n in enumerate(lengths.tolist()):
                pred_heads[b, 1:n + 1] = torch.tensor(biaffine.decode(arcs[b, :n + 1, :n + 1].numpy()))
            lab = model.label_scores(ld, lh, pred_heads).argmax(-1)
            ok_h = (pred_heads == heads) & mask
            right_h += int(ok_h.sum())
            right_l += int((ok_h & (lab == deps)).sum())
            total += int(mask.sum())
    model.train()
    head_acc = 100 * right_head / total if model.tag_out is not None else -1.0
    return 100 * right_h / total, 100 * right_l / total, 100 * right_in / total, head_acc


def export(model, vocab, labels_list, args, out_dir: Path) -> None:
    sd = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    w = {"emb_word": sd["emb_word.weight"], "emb_suffix": sd["emb_suffix.weight"],
         "emb_shape": sd["emb_shape.weight"], "emb_upos": sd["emb_upos.weight"], "emb_tag": sd["emb_tag.weight"],
         "proj_w": sd["proj.weight"], "proj_b": sd["proj.bias"], "root": sd["root"],
         "arc_dep_w": sd["arc_dep.weight"], "arc_dep_b": sd["arc_dep.bias"],
         "arc_head_w": sd["arc_head.weight"], "arc_head_b": sd["arc_head.bias"],
         "lab_dep_w": sd["lab_dep.weight"], "lab_dep_b": sd["lab_dep.bias"],
         "lab_head_w": sd["lab_head.weight"], "lab_head_b": sd["lab_head.bias"],
         "arc_u": sd["arc_u"], "arc_v": sd["arc_v"], "lab_u": sd["lab_u"]}
    for i, f in enumerate(MORPH_FEATURES):
        w[f"emb_{f}"] = sd[f"emb_morph.{i}.weight"]
    for layer in range(args.layers):
        for d, suffix in (("f", ""), ("b", "_reverse")):
            for part in ("w_ih", "w_hh", "b_ih", "b_hh"):
                torch_name = f"lstm.{part.replace('w_', 'weight_').replace('b_', 'bias_')}_l{layer}{suffix}"
                w[f"lstm{layer}_{d}_{part}"] = sd[torch_name]
    # float16 on disk halves the size; inference computes in float32
    np.savez_compressed(out_dir / "parser.npz", **{k: v.astype(np.float16) for k, v in w.items()})
    meta = {"vocab": vocab.tables, "labels": labels_list, "lstm_layers": args.layers,
            "trained_with": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items() if k != "out"}, "seed": SEED}
    (out_dir / "parser.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=60)
    ap.add_argument("--hidden", type=int, default=96)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--proj-dim", type=int, default=128)
    ap.add_argument("--word-dim", type=int, default=48)
    ap.add_argument("--arc-dim", type=int, default=128)
    ap.add_argument("--lab-dim", type=int, default=32)
    ap.add_argument("--dropout", type=float, default=0.33)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--ema", type=float, default=0.998,
                    help="decay of the weight average that is evaluated and shipped (0: none)")
    ap.add_argument("--tag-weight", type=float, default=0.0,
                    help="weight of a UPOS head's loss on the BiLSTM states (0: no head)")
    ap.add_argument("--fraction", type=float, default=1.0,
                    help="train on this share of the training sentences (learning curves)")
    ap.add_argument("--model-selection", dest="with_dev", action="store_false",
                    help="keep the model-selection split out of training and ship the epoch best on it "
                         "(for comparing variants; the shipped model also trains on it and is the last epoch)")
    ap.add_argument("--spacy-model", type=Path, help="read tags from this spaCy model instead of the shipped one")
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    args = ap.parse_args()
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    # one thread: as fast as two on a busy 2-core machine, and runs repeat exactly
    torch.set_num_threads(1)
    if not UD_DIR.exists():
        sys.exit(f"needs {UD_DIR}")
    from lagebild import syntax

    if args.spacy_model:
        syntax.MODEL_DIR = args.spacy_model
    nlp = syntax.load_model()
    splits = load_splits(UD_DIR)
    t0 = time.time()
    train_docs, dev_docs = tagged_docs(splits.train, nlp), tagged_docs(splits.dev, nlp)
    vocab = biaffine.FeatureVocab.build(train_docs)
    labels_list = sorted({t.dep for s in splits.train for t in s.tokens})
    labels = {l: i for i, l in enumerate(labels_list)}
    train = examples(splits.train, train_docs, vocab, labels)
    dev = examples(splits.dev, dev_docs, vocab, labels)
    if args.fraction < 1.0:
        train = random.Random(SEED).sample(train, round(len(train) * args.fraction))
    if args.with_dev:
        train = train + dev
    print(f"features: {time.time() - t0:.0f}s, {len(train)} train / {len(dev)} dev sentences, "
          f"{sum(len(x[0]) for x in train)} training words", flush=True)
    noise_tables = [len(vocab.tables["upos"]), len(vocab.tables["tag"])] + [len(vocab.tables[f]) for f in MORPH_FEATURES]
    model = Parser(vocab, len(labels_list), train[0][0].shape[1], args)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.9))
    rng = np.random.default_rng(SEED)
    best, best_state = -1.0, None
    # an exponential moving average of the weights: steadier than any single step on ~40k words
    average = torch.optim.swa_utils.AveragedModel(
        model, multi_avg_fn=torch.optim.swa_utils.get_ema_multi_avg_fn(args.ema)) if args.ema else None
    for epoch in range(args.epochs):
        t1 = time.time()
        random.shuffle(train)
        total_loss = 0.0
        for start in range(0, len(train), args.batch):
            tensor, hashed, feats, lengths, heads, deps, mask, tags = batchify(
                train[start:start + args.batch], noise_tables, rng)
            arcs, ld, lh, tag_scores = model(tensor, hashed, feats, lengths)
            # padded heads may not be chosen
            T = arcs.shape[1]
            pad = torch.arange(T)[None, :] > lengths[:, None]
            arcs = arcs.masked_fill(pad[:, None, :], -1e9)
            arc_loss = nn.functional.cross_entropy(arcs[mask], heads[mask])
            lab_loss = nn.functional.cross_entropy(model.label_scores(ld, lh, heads)[mask], deps[mask])
            loss = arc_loss + lab_loss
            if tag_scores is not None:
                loss = loss + args.tag_weight * nn.functional.cross_entropy(tag_scores[mask[:, 1:]], tags[mask[:, 1:]])
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            if average is not None:
                average.update_parameters(model)
            total_loss += loss.item()
        scored = average.module if average is not None else model
        uas, las, upos_in, upos_head = evaluate(scored, dev, labels_list)
        print(f"epoch {epoch + 1}: loss {total_loss:.1f}  dev UAS {uas:.2f} LAS {las:.2f}  "
              f"UPOS tagger {upos_in:.2f} head {upos_head:.2f}  {time.time() - t1:.0f}s", flush=True)
        if args.with_dev or las > best:  # with the dev split trained on, the last epoch is shipped
            best, best_state = las, {k: v.clone() for k, v in scored.state_dict().items()}
    model.load_state_dict(best_state)
    args.out.mkdir(parents=True, exist_ok=True)
    export(model, vocab, labels_list, args, args.out)
    print(f"best dev LAS {best:.2f}; written to {args.out}")


if __name__ == "__main__":
    main()
