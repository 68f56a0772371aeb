"""Words per second of the whole pipeline and of each stage, single process.

Runs on ../shared/corpus/10kgnad_test.jsonl (948 Austrian news articles) when
present, else on examples/. Prints medians of --repeat runs (machines are noisy).
Target: >= 10,000 words/s for the whole pipeline per process.
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from lagebild.ingest import make_document, read_documents
from lagebild.model import Analysis, Document
from lagebild.pipeline import BATCH_SIZE, Pipeline

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "10kgnad_test.jsonl"


def load_documents() -> tuple[str, list[Document]]:
    if CORPUS.is_file():
        docs = []
        for line in CORPUS.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            docs.append(make_document(str(rec["id"]), rec["text"]))
        return str(CORPUS.relative_to(ROOT.parent)), docs
    return "examples/", [d for d in read_documents([ROOT / "examples"]) if isinstance(d, Document)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--stages", help="comma-separated stages (default: the standard pipeline), "
                                     "e.g. segment,syntax-graph,actors,time,events,quotes,events_quotes")
    args = ap.parse_args()
    name, docs = load_documents()
    pipeline = Pipeline(args.stages.split(",") if args.stages else None)
    words = sum(len(d.text.split()) for d in docs)
    stage_times = {c.name: [] for c in pipeline.components}
    totals, cpu = [], []
    for _ in range(args.repeat):
        per_stage = dict.fromkeys(stage_times, 0.0)
        t0, c0 = time.perf_counter(), time.process_time()
        # as Pipeline.pipe does it: batches of documents, stage after stage
        for b in range(0, len(docs), BATCH_SIZE):
            analyses = [Analysis(document=doc) for doc in docs[b:b + BATCH_SIZE]]
            for comp in pipeline.components:
                s = time.perf_counter()
                if hasattr(comp, "pipe_batch"):
                    comp.pipe_batch(analyses)
                else:
                    for analysis in analyses:
                        comp(analysis)
                per_stage[comp.name] += time.perf_counter() - s
        totals.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        for k, v in per_stage.items():
            stage_times[k].append(v)
    total = statistics.median(totals)
    print(f"corpus: {name}: {len(docs)} documents, {words} words (whitespace-separated)")
    print(f"{'stage':<12} {'median s':>9} {'words/s':>12}")
    for k, v in stage_times.items():
        med = statistics.median(v)
        print(f"{k:<12} {med:>9.3f} {words / med if med else float('inf'):>12,.0f}")
    print(f"{'pipeline':<12} {total:>9.3f} {words / total:>12,.0f}   (target >= 10,000; median of {args.repeat})")
    # Later runs see the same word forms again, so per-word caches (HanTa) are warm;
    # the first run is what a fresh process gets on new text.
    print(f"{'first run':<12} {totals[0]:>9.3f} {words / totals[0]:>12,.0f}   (cold caches)")
    # CPU seconds of this process: what a quiet machine's wall clock would show (the 2-core
    # development machine is shared, and other people's jobs stretch the wall clock)
    print(f"{'first run':<12} {cpu[0]:>9.3f} {words / cpu[0]:>12,.0f}   words per CPU-second (cold caches)")
    print(f"{'pipeline':<12} {statistics.median(cpu):>9.3f} {words / statistics.median(cpu):>12,.0f}   "
          f"words per CPU-second (median)")


if __name__ == "__main__":
    main()
