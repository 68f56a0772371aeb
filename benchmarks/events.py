"""Event coding measured on ../shared/eval/events (150 news sentences + the two seed articles).

    .venv/bin/python benchmarks/events.py [--speed N] [--no-quotes] [--out DIR] [--errors]

Each P-sentence is analysed as its own document with its publication date; each
seed file as one document (header and photo credit handled by ingestion). The
predictions are written as JSON (to build/events/, never into the repository)
and scored by the data set's own score_events.py, for the sentences, the seeds
and both together. --speed N: the events stage alone, timed on N articles of
../shared/corpus/10kgnad_test.jsonl after the earlier stages ran (median of 5).
--errors: a breakdown of the dyad-level errors by kind (missing type, wrong type,
wrong source, wrong target, wrong source and target, spurious), then every error
with its id and rule (the sentences stay in the data set; read them there).
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval" / "events"
SEEDS = {"SEED000": "000_c9c1153546be85de.txt", "SEED004": "004_802506acda7a8ab3.txt"}
sys.path.insert(0, str(ROOT))

from lagebild.ingest.text import make_document  # noqa: E402
from lagebild.model import Analysis, Event  # noqa: E402
from lagebild.pipeline import Pipeline, available_stages  # noqa: E402
from lagebild.stages import DEFAULT_STAGES as STAGES  # noqa: E402  (LAGEBILD_SYNTAX picks the parser)


def _register_stages() -> None:
    """Stages register on import; lagebild/stages.py may not list them all yet."""
    import importlib
    for name in ("syntax", "actors", "time", "events", "quotes"):
        try:
            importlib.import_module(f"lagebild.{name}")
        except ImportError as exc:
            print(f"stage {name} not available: {exc}", file=sys.stderr)


def actor_json(m) -> dict:
    country = m.country or "UNK"
    out = {"text": m.text, "country": "IGO" if country.startswith("IGO") else country,
           "sector": (m.sector or ["UNK"])[0]}
    if country.startswith("IGO:"):
        out["org"] = country[4:]
    return out


def event_json(e: Event) -> dict:
    return {"type": e.type, "mode": e.mode, "trigger": e.trigger.text, "rule": e.rule,
            "source": [actor_json(m) for m in e.source], "target": [actor_json(m) for m in e.target],
            # the guideline's date is the one the sentence states, not the publication date
            "date": e.date if e.date_source in ("clause", "paragraph") else None, "location": e.location, "negated": e.negated, "future": e.future,
            "hypothetical": e.hypothetical}


def documents():
    for item in json.loads((EVAL / "dev_sentences.json").read_text(encoding="utf-8")):
        yield item["id"], make_document(item["id"], item["text"], date=item.get("dct"))
    for doc_id, name in SEEDS.items():
        text = (SHARED / "seeds" / name).read_text(encoding="utf-8")
        yield doc_id, make_document(doc_id, text, read_header=True, date_source="header")


def score(gold: Path, pred: Path, ids: list[str], workdir: Path) -> dict:
    id_file = workdir / f"ids_{len(ids)}_{ids[0]}.txt"
    id_file.write_text("\n".join(ids) + "\n", encoding="utf-8")
    res = subprocess.run([sys.executable, str(EVAL / "score_events.py"), str(gold), str(pred),
                          "--ids", str(id_file), "--json"], capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def _countries(actors: list[dict]) -> frozenset:
    return frozenset(a.get("country") or "UNK" for a in actors or [])


def error_kinds(gold: list[dict], pred: list[dict]) -> list[tuple[str, dict, dict]]:
    """Dyad errors of one document: (kind, gold event or {}, predicted event or {})."""
    def key(e):
        return e["type"], _countries(e.get("source")), _countries(e.get("target"))
    gold = [e for e in gold if not e.get("negated")]
    pred = [e for e in pred if not e.get("negated")]
    for g in list(gold):   # exact dyad matches are no error
        hit = next((p for p in pred if key(p) == key(g)), None)
        if hit is not None:
            gold.remove(g)
            pred.remove(hit)
    out = []
    for g in gold:
        same = [p for p in pred if p["type"] == g["type"]]
        if same:
            p = max(same, key=lambda p: (_countries(p.get("source")) == _countries(g.get("source")))
                    + (_countries(p.get("target")) == _countries(g.get("target"))))
            src = _countries(p.get("source")) != _countries(g.get("source"))
            tgt = _countries(p.get("target")) != _countries(g.get("target"))
            kind = "wrong source and target" if src and tgt else "wrong source" if src else "wrong target"
        elif pred:
            p, kind = pred[0], "wrong type"
        else:
            out.append(("missing", g, {}))
            continue
        pred.remove(p)
        out.append((kind, g, p))
    out.extend(("spurious", {}, p) for p in pred)
    return out


def _event_line(e: dict) -> str:
    if not e:
        return "-"
    side = lambda xs: "+".join(sorted(_countries(xs))) or "()"  # noqa: E731
    return f"{e['type']} {side(e.get('source'))}->{side(e.get('target'))} [{e.get('trigger')}] {e.get('rule') or ''}"


def print_errors(gold: dict, pred: dict, ids: list[str]) -> None:
    from collections import Counter
    errors = [(i, *err) for i in ids for err in error_kinds(gold.get(i, []), pred.get(i, []))]
    print("\nerror breakdown (dyad level):")
    for kind, n in Counter(e[1] for e in errors).most_common():
        print(f"  {kind:26s} {n:3d}")
    for i, kind, g, p in sorted(errors, key=lambda e: (e[1], e[0])):
        print(f"{i:8s} {kind:26s} gold {_event_line(g)}  |  pred {_event_line(p)}")


def speed(pipeline_stages: list[str], n_docs: int) -> tuple[float, int]:
    """Words per second of the events stage alone, median of 5 runs."""
    from lagebild.events import EventCoder
    before = Pipeline([s for s in pipeline_stages if s not in ("events", "quotes", "events_quotes")])
    docs = []
    with open(SHARED / "corpus" / "10kgnad_test.jsonl", encoding="utf-8") as f:
        for n, line in zip(range(n_docs), f):
            rec = json.loads(line)
            docs.append(before(make_document(str(rec["id"]), rec["text"])))
    words = sum(len(s.tokens) for a in docs for s in a.sentences)
    coder, runs = EventCoder(), []
    for _ in range(5):
        for a in docs:
            a.events = []
        t = time.perf_counter()
        for a in docs:
            coder(a)
        runs.append(time.perf_counter() - t)
    return words / statistics.median(runs), words


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "build" / "events"))
    ap.add_argument("--speed", type=int, default=0, help="articles for the speed run (0: skip)")
    ap.add_argument("--no-quotes", action="store_true", help="without the quotes stage and its events")
    ap.add_argument("--errors", action="store_true", help="dyad errors by kind, and each error")
    args = ap.parse_args()
    if not EVAL.is_dir():
        sys.exit(f"{EVAL} not found")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    _register_stages()
    stages = [s for s in STAGES if s in available_stages()
              and not (args.no_quotes and s in ("quotes", "events_quotes"))]
    pipeline = Pipeline(stages)
    pred: dict[str, list[dict]] = {}
    analyses: dict[str, Analysis] = {}
    for doc_id, doc in documents():
        analyses[doc_id] = a = pipeline(doc)
        pred[doc_id] = [event_json(e) for e in a.events]
    pred_file = out / "pred.json"
    pred_file.write_text(json.dumps(pred, ensure_ascii=False, indent=1), encoding="utf-8")
    gold = EVAL / "events_dev.json"
    sentence_ids = sorted(i for i in pred if i.startswith("P"))
    print(f"stages: {' '.join(stages)}; predictions: {pred_file}")
    print(f"{'set':10s} {'level':12s} {'P':>6s} {'R':>6s} {'F1':>6s}   tp  fp  fn")
    for name, ids in (("sentences", sentence_ids), ("seeds", sorted(SEEDS)), ("all", sentence_ids + sorted(SEEDS))):
        for level, v in score(gold, pred_file, ids, out).items():
            print(f"{name:10s} {level:12s} {v['P']:6.3f} {v['R']:6.3f} {v['F1']:6.3f}  {v['tp']:3d} {v['fp']:3d} {v['fn']:3d}")
    if args.errors:
        print_errors(json.loads(gold.read_text(encoding="utf-8")), pred, sentence_ids + sorted(SEEDS))
    if args.speed:
        wps, words = speed(stages, args.speed)
        print(f"speed: events stage alone {wps:,.0f} words/s (median of 5 runs, {words} words, {args.speed} articles)")


if __name__ == "__main__":
    main()
