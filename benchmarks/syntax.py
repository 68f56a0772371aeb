"""German analysis (lagebild.syntax): accuracy on the held-out UD split, and speed.

    .venv/bin/python benchmarks/syntax.py [--model DIR] [--parser graph|transition] [--no-rules] [--without RULE ...]
                                          [--split heldout|dev|lit] [--hanta] [--speed]

``--parser graph`` (default; the stage ``syntax-graph``) or ``transition`` (spaCy's parser,
the default pipeline's stage ``syntax``); ``--parser-dir DIR`` reads another graph parser.

Accuracy: the held-out third of UD German GSD-test (training/ud.py), gold
tokens given to the component, all tokens counted (punctuation included).
Lemmas are compared with gold lemmas whose separable particles were joined
the same way ("kündigte ... an" -> "ankündigen"). Verb arguments: arcs whose head is a verb (VERB/AUX; gold POS for gold arcs,
predicted POS for predicted arcs), grouped subj (nsubj, nsubj:pass),
obj (obj, iobj), obl (obl, obl:*); an arc is right when dependent, head and
group match. Speed: articles of ../shared/corpus/10kgnad_test.jsonl segmented
by lagebild's segmenter, then only the syntax stage timed, chunk after chunk
of unseen articles: the first chunk (HanTa caches cold, as at the start of a
run) and the median of the later ones (steady state).

Rules (arguments.py, clauses.py) were chosen on ``--split dev`` (the model-selection
split) and ``--split lit`` (UD German LIT, literary text never trained on: a second,
independent check), never on the held-out split; ``--without RULE`` measures one
clause rule's share.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))

from ud import UDSentence, load_splits, read_conllu  # noqa: E402

from lagebild import syntax  # noqa: E402
from lagebild.lang import LanguageDataError, data_path  # noqa: E402
from lagebild.syntax import clauses  # noqa: E402
from lagebild.syntax.hanta import clear_caches  # noqa: E402
from lagebild.model import Analysis, Document, Sentence, Token  # noqa: E402

SHARED = ROOT.parent / "shared"
UD_DIR = SHARED / "train" / "ud_german"
CORPUS = SHARED / "corpus" / "10kgnad_test.jsonl"
RESULTS = ROOT / "benchmarks" / "results" / "syntax.md"
from lagebild.pipeline import BATCH_SIZE as PIPE_BATCH  # noqa: E402

GRAPH = [True]  # which parser the analyzers use (set from --parser)
GROUPS = {"nsubj": "subj", "nsubj:pass": "subj", "obj": "obj", "iobj": "obj"}


def group(dep: str) -> str | None:
    return GROUPS.get(dep) or ("obl" if dep.split(":")[0] == "obl" else None)


def as_sentence(i: int, ud: UDSentence) -> Sentence:
    tokens, pos = [], 0
    for j, t in enumerate(ud.tokens):
        tokens.append(Token(j, pos, pos + len(t.form), t.form))
        pos += len(t.form) + (1 if t.space_after else 0)
    return Sentence(i, 0, pos, " ".join(ud.words), tokens=tokens)


def verb_arcs(heads, deps, upos) -> set[tuple[int, int, str]]:
    return {(i, h, group(d)) for i, (h, d) in enumerate(zip(heads, deps))
            if group(d) and h >= 0 and upos[h] in ("VERB", "AUX")}


def prf(right: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = right / predicted if predicted else 0.0
    r = right / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def joined_gold_lemmas(ud: UDSentence) -> list[str]:
    """Gold lemmas under lagebild's convention: separable particles joined to the verb."""
    toks = [Token(i, 0, 0, t.form, upos=t.upos, lemma=t.lemma, head=t.head, dep=t.dep)
            for i, t in enumerate(ud.tokens)]
    syntax.join_particles(toks)
    return [t.lemma for t in toks]


def score(gold: list[UDSentence], pred: list[Sentence]) -> dict:
    c = Counter()
    for g, s in zip(gold, pred):
        for gt, pt, gold_lemma in zip(g.tokens, s.tokens, joined_gold_lemmas(g)):
            c["tokens"] += 1
            c["upos"] += gt.upos == pt.upos
            c["lemma"] += gold_lemma == pt.lemma
            c["feats"] += gt.feats == (pt.morph or "")
            c["tag"] += bool(gt.xpos) and gt.xpos == pt.tag
            c["uas"] += gt.head == pt.head
            c["las"] += gt.head == pt.head and gt.dep == pt.dep
        garcs = verb_arcs([t.head for t in g.tokens], [t.dep for t in g.tokens], [t.upos for t in g.tokens])
        parcs = verb_arcs([t.head for t in s.tokens], [t.dep for t in s.tokens], [t.upos for t in s.tokens])
        for name, keep in (("subj", {"subj"}), ("obj", {"obj"}), ("obl", {"obl"}), ("subj+obj", {"subj", "obj"})):
            ga = {a for a in garcs if a[2] in keep}
            pa = {a for a in parcs if a[2] in keep}
            c[f"{name}_gold"] += len(ga)
            c[f"{name}_pred"] += len(pa)
            c[f"{name}_right"] += len(ga & pa)
    n = c["tokens"]
    out = {k: 100 * c[k] / n for k in ("upos", "tag", "lemma", "feats", "uas", "las")}
    for name in ("subj", "obj", "obl", "subj+obj"):
        out[name] = prf(c[f"{name}_right"], c[f"{name}_pred"], c[f"{name}_gold"])
    out["tokens"] = n
    return out


def accuracy(heldout: list[UDSentence], case_rules: bool = True) -> dict:
    sents = [as_sentence(i, u) for i, u in enumerate(heldout)]
    syntax.SyntaxAnalyzer(case_rules=case_rules, graph=GRAPH[0]).annotate(sents)
    return score(heldout, sents)


def hanta_baseline(heldout: list[UDSentence]) -> dict:
    """HanTa (pretrained, LGPL) UPOS via STTS -> UPOS, and its lemmas."""
    from HanTa import HanoverTagger as ht

    tagger = ht.HanoverTagger("morphmodel_ger.pgz")
    upos_of = load_stts_upos()
    c, t0 = Counter(), time.perf_counter()
    for u in heldout:
        for gt, (_, lemma, tag) in zip(u.tokens, tagger.tag_sent(u.words, taglevel=1)):
            stts = tag.replace("(", "").replace(")", "")
            c["tokens"] += 1
            c["upos"] += upos_of.get(stts) == gt.upos
            c["tag"] += bool(gt.xpos) and stts == gt.xpos
            c["lemma"] += lemma == gt.lemma
    secs = time.perf_counter() - t0
    n = c["tokens"]
    return {"upos": 100 * c["upos"] / n, "tag": 100 * c["tag"] / n, "lemma": 100 * c["lemma"] / n,
            "words_per_s": n / secs}


def load_stts_upos() -> dict[str, str]:
    path = data_path("de", "stts_upos.tsv")
    table = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 2:
            raise LanguageDataError(f"{path}:{n}: expected 'stts<TAB>upos', got {line!r}")
        table[cols[0]] = cols[1]
    return table


# --- speed -----------------------------------------------------------------

def corpus_analyses(n_docs: int) -> list[Analysis]:
    from lagebild.text.segment import Segmenter

    seg, out = Segmenter(), []
    with open(CORPUS, encoding="utf-8") as f:
        for line, _ in zip(f, range(n_docs)):
            rec = json.loads(line)
            a = Analysis(Document(id=str(rec.get("id", len(out))), text=rec["text"]))
            seg(a)
            out.append(a)
    return out


def _work(analyses: list[Analysis]) -> list[Analysis]:
    analyzer = syntax.SyntaxAnalyzer(graph=GRAPH[0])
    # batches of documents, as Pipeline.pipe runs the stage
    for start in range(0, len(analyses), PIPE_BATCH):
        analyzer.pipe_batch(analyses[start:start + PIPE_BATCH])
    return analyses


def _warm(_: int) -> bool:
    syntax.SyntaxAnalyzer(graph=GRAPH[0])
    return True


def _rates(run, chunks: list[list[Analysis]]) -> tuple[float, float]:
    """words/s on the first chunk (HanTa caches cold) and the median over the later,
    unseen chunks (steady state: caches warm, but new word forms keep coming)."""
    rates = []
    for chunk in chunks:
        words = sum(len(s.tokens) for a in chunk for s in a.sentences)
        t0 = time.perf_counter()
        run(chunk)
        rates.append(words / (time.perf_counter() - t0))
    return rates[0], statistics.median(rates[1:])


def speed(n_docs: int, runs: int) -> dict:
    analyses = corpus_analyses(n_docs * (runs + 1))
    chunks = [analyses[i * n_docs:(i + 1) * n_docs] for i in range(runs + 1)]
    syntax.SyntaxAnalyzer(graph=GRAPH[0])
    clear_caches()
    single = _rates(_work, chunks)
    clear_caches()  # the workers are forked from here: they start cold too
    with mp.get_context("fork").Pool(2) as pool:
        pool.map(_warm, range(2))
        double = _rates(lambda chunk: pool.map(_work, [chunk[0::2], chunk[1::2]]), chunks)
    words = sum(len(s.tokens) for a in analyses for s in a.sentences)
    return {"docs": len(analyses), "words": words, "chunk": n_docs, "single": single, "double": double}


def evaluation_split(name: str) -> list[UDSentence]:
    if name == "lit":  # CC BY-NC-SA: measured on, never trained on or shipped
        return list(read_conllu(UD_DIR / "de_lit-ud-test.conllu"))
    splits = load_splits(UD_DIR)
    return splits.dev if name == "dev" else splits.heldout


def model_size_mb() -> float:
    return sum(p.stat().st_size for p in syntax.MODEL_DIR.rglob("*") if p.is_file()) / 1e6


def report(acc: dict, hanta: dict | None, spd: dict | None) -> str:
    lines = [f"{acc['split']}: {acc['tokens']} tokens",
             f"UPOS {acc['upos']:.2f}  STTS {acc['tag']:.2f}*  lemma {acc['lemma']:.2f}  "
             f"FEATS(all) {acc['feats']:.2f}  UAS {acc['uas']:.2f}  LAS {acc['las']:.2f}"]
    for name in ("subj", "obj", "obl", "subj+obj"):
        p, r, f = acc[name]
        lines.append(f"verb {name:8s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    if hanta:
        lines.append(f"HanTa baseline: UPOS {hanta['upos']:.2f}  STTS {hanta['tag']:.2f}*  "
                     f"lemma {hanta['lemma']:.2f}  {hanta['words_per_s']:.0f} words/s")
    if spd:
        lines.append(f"speed ({spd['docs']} articles in chunks of {spd['chunk']}, {spd['words']} words, syntax "
                     f"stage only), words/s first chunk (cold) / later chunks (median): "
                     f"single process {spd['single'][0]:.0f} / {spd['single'][1]:.0f}, "
                     f"n_process=2 {spd['double'][0]:.0f} / {spd['double'][1]:.0f}")
    lines.append(f"model size {model_size_mb():.1f} MB   (* STTS: share of all tokens incl. those without gold STTS = none here)")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", type=Path, help="evaluate another model directory")
    ap.add_argument("--parser", choices=("graph", "transition"), default="graph",
                    help="dependencies from the biaffine graph parser (stage syntax-graph) or spaCy's (syntax)")
    ap.add_argument("--parser-dir", type=Path, help="directory with another graph parser (parser.npz)")
    ap.add_argument("--no-rules", action="store_true", help="without the case rules (arguments.py)")
    ap.add_argument("--without", action="append", default=[], choices=sorted(clauses.RULES),
                    help="switch one clause rule off (repeatable)")
    ap.add_argument("--split", choices=("heldout", "dev", "lit"), default="heldout",
                    help="dev/lit: the splits the rules were chosen on (never heldout)")
    ap.add_argument("--hanta", action="store_true", help="also measure the HanTa baseline")
    ap.add_argument("--speed", action="store_true")
    ap.add_argument("--docs", type=int, default=150)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if not UD_DIR.exists():
        sys.exit(f"needs {UD_DIR}")
    if args.model:
        syntax.MODEL_DIR = args.model
    if args.parser_dir:
        syntax.PARSER_DIR = args.parser_dir
    GRAPH[0] = args.parser == "graph"
    clauses.ENABLED.difference_update(args.without)
    heldout = evaluation_split(args.split)
    acc = accuracy(heldout, case_rules=not args.no_rules)
    acc["split"] = {"heldout": "held-out (GSD-test, every third block of 25 sentences)",
                    "dev": "dev split (model selection)", "lit": "UD German LIT (all)"}[args.split]
    hanta = hanta_baseline(heldout) if args.hanta else None
    spd = speed(args.docs, args.runs) if args.speed and CORPUS.exists() else None
    print(report(acc, hanta, spd))


if __name__ == "__main__":
    main()
