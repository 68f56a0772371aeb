"""Benchmark of lagebild's time stage against KRAUTS (vs HeidelTime) and WikiWarsDE, plus speed.

Runs lagebild (segment + time) on the raw texts with the document date from the gold
file, writes TIMEX3-tagged .tml files in the corpus format into a temp dir and scores
them, and HeidelTime's output, with ../shared/eval/krauts/score_timex.py (strict,
relaxed, value F1). WikiWarsDE's TIMEX2 keys (VAL) are written as TIMEX3 files the same
way, so the same scorer applies; there is no HeidelTime output for WikiWarsDE.
Speed: words/s of the time stage alone on the 10kGNAD test articles (median of runs).

    .venv/bin/python benchmarks/time.py [--speed-runs 5] [--keep DIR] [--errors]
Skips cleanly when ../shared is missing.
"""
from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from html import escape, unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
KRAUTS = SHARED / "eval" / "krauts"
WIKIWARS = SHARED / "eval" / "wikiwarsde"
CORPUS = SHARED / "corpus" / "10kgnad_test.jsonl"
SUBSETS = ("DieZeit", "Dolomiten-100", "Dolomiten-42")
sys.path.insert(0, str(ROOT))

from lagebild.model import Document  # noqa: E402
from lagebild.pipeline import Pipeline  # noqa: E402
import lagebild.time  # noqa: E402,F401  (registers the "time" stage until stages.py imports it)

_TEXT = re.compile(r"(<TEXT>)(.*)(</TEXT>)", re.S)
_DCT = re.compile(r"<DCT>.*?value=\"([^\"]*)\"", re.S)


def tag_body(pipeline: Pipeline, body: str, dct: str | None, doc_id: str) -> str:
    """The body with TIMEX3 tags around lagebild's expressions (text otherwise unchanged)."""
    analysis = pipeline(Document(id=doc_id, text=body, date=dct))
    times = sorted(analysis.times, key=lambda t: (t.start, -t.end))
    measured = [(t.start, t.end) for t in times if t.type == "DURATION"]
    out, pos = [], 0
    for k, t in enumerate(times, 1):
        attrs = f'tid="t{k}" type="{t.type}" value="{escape(t.value or "")}"'
        if t.mod:
            attrs += f' mod="{t.mod}"'
        if t.type != "DURATION" and any(t.start <= s and e <= t.end for s, e in measured):
            # "vor drei Jahren": TimeML (and KRAUTS) mark the duration "drei Jahren"; the
            # date it implies is a non-consuming TIMEX3 (the scorer skips those)
            out += [body[pos:t.start], f"<TIMEX3 {attrs}/>"]
            pos = t.start
            continue
        if t.start < pos:
            continue
        out += [body[pos:t.start], f"<TIMEX3 {attrs}>", body[t.start:t.end], "</TIMEX3>"]
        pos = t.end
    out.append(body[pos:])
    return "".join(out)


def score(gold_dir: Path, sys_dir: Path) -> dict[str, tuple[float, float, float]]:
    """Run the corpus scorer; {"strict"|"relaxed"|"value"|"type": (P, R, F1)}."""
    res = subprocess.run([sys.executable, str(KRAUTS / "score_timex.py"), str(gold_dir), str(sys_dir)],
                         capture_output=True, text=True, check=True).stdout
    figures = {}
    for line in res.splitlines():
        m = re.match(r"(\w+)\s+P=([\d.]+) R=([\d.]+) F1=([\d.]+)", line)
        if m:
            figures[m.group(1)] = tuple(float(x) for x in m.groups()[1:])
    return figures


def list_errors(gold_dir: Path, sys_dir: Path) -> None:
    """Print every value error (matched the scorer's way: first overlapping system tag):
    WRONG value, MISSed gold tag, SPURious system tag, with some context, then counts."""
    import collections
    import importlib.util
    spec = importlib.util.spec_from_file_location("score_timex", KRAUTS / "score_timex.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    counts = collections.Counter()
    for gold_path in sorted(gold_dir.iterdir()):
        text, gold = scorer.parse(str(gold_path))
        _, ours = scorer.parse(str(sys_dir / gold_path.name))
        used = set()

        def show(kind, s, e, detail):
            counts[kind] += 1
            context = text[max(0, s - 50):s] + "[" + text[s:e] + "]" + text[e:e + 30]
            print(f"{kind}\t{gold_path.name}\t{detail}\t{context!r}")
        for gs, ge, gv, gt in gold:
            k = next((k for k, (ss, se, _v, _t) in enumerate(ours) if k not in used and ss < ge and gs < se), None)
            if k is None:
                show("MISS", gs, ge, f"gold {gt} {gv}")
                continue
            used.add(k)
            if ours[k][2] != gv:
                show("WRONG", gs, ge, f"gold {gt} {gv} | ours {ours[k][3]} {ours[k][2]} on {text[ours[k][0]:ours[k][1]]!r}")
        for k, (ss, se, sv, st) in enumerate(ours):
            if k not in used:
                show("SPUR", ss, se, f"ours {st} {sv}")
    print("errors:", dict(counts))


def run_krauts(pipeline: Pipeline, out_root: Path) -> dict[str, dict[str, dict]]:
    results = {}
    for subset in SUBSETS:
        raw_dir = KRAUTS / f"KRAUTS_{subset}_raw-text"
        sys_dir = out_root / subset
        sys_dir.mkdir(parents=True, exist_ok=True)
        for path in sorted(raw_dir.iterdir()):
            raw = path.read_text(encoding="utf-8")
            gold = (KRAUTS / f"KRAUTS_{subset}" / path.name).read_text(encoding="utf-8")
            dct = _DCT.search(gold)
            m = _TEXT.search(raw)
            tagged = tag_body(pipeline, m.group(2), dct.group(1) if dct else None, path.name)
            (sys_dir / path.name).write_text(raw[:m.start(2)] + tagged + raw[m.end(2):], encoding="utf-8")
        results[subset] = {
            "lagebild": score(KRAUTS / f"KRAUTS_{subset}", sys_dir),
            "HeidelTime": score(KRAUTS / f"KRAUTS_{subset}", KRAUTS / f"KRAUTS_{subset}_Heideltime"),
        }
    # all three subsets pooled (micro-averaged), via links so the same scorer applies
    pooled = {name: out_root / f"all_{name}" for name in ("gold", "lagebild", "HeidelTime")}
    for subset in SUBSETS:
        sources = {"gold": KRAUTS / f"KRAUTS_{subset}", "lagebild": out_root / subset,
                   "HeidelTime": KRAUTS / f"KRAUTS_{subset}_Heideltime"}
        for name, src in sources.items():
            pooled[name].mkdir(exist_ok=True)
            for path in src.iterdir():
                link = pooled[name] / f"{subset}__{path.name}"
                if not link.exists():
                    link.symlink_to(path.resolve())
    results["KRAUTS (all)"] = {name: score(pooled["gold"], pooled[name]) for name in ("lagebild", "HeidelTime")}
    return results


def _wikiwars_doc(sgm: Path) -> tuple[str, str | None]:
    """Tag-stripped text (the key's offsets count in it) and the DATETIME as DCT."""
    raw = sgm.read_text(encoding="utf-8")
    dct = re.search(r"<DATETIME>\s*([\d-]+)", raw)
    return re.sub(r"<[^>]+>", "", raw), dct.group(1) if dct else None


def _as_tml(text: str, spans: list[tuple[int, int, str, str]]) -> str:
    out, pos = [], 0
    for k, (s, e, typ, val) in enumerate(sorted(spans, key=lambda x: (x[0], -x[1])), 1):
        if s < pos:
            continue        # nested/crossing spans cannot be written flat; keep the outer one
        out += [text[pos:s], f'<TIMEX3 tid="t{k}" type="{typ}" value="{escape(val)}">', text[s:e], "</TIMEX3>"]
        pos = e
    out.append(text[pos:])
    return "<TimeML>\n<TEXT>" + "".join(out) + "</TEXT>\n</TimeML>\n"


def run_wikiwars(pipeline: Pipeline, out_root: Path) -> dict[str, dict]:
    gold_dir, sys_dir = out_root / "wikiwars_gold", out_root / "wikiwars_sys"
    gold_dir.mkdir(parents=True, exist_ok=True)
    sys_dir.mkdir(parents=True, exist_ok=True)
    for sgm in sorted((WIKIWARS / "in").glob("*.sgm")):
        text, dct = _wikiwars_doc(sgm)
        key = (WIKIWARS / "key" / (sgm.stem + ".key.apf.xml")).read_text(encoding="utf-8")
        gold, drift = [], 0
        for tx in re.finditer(r'<timex2 ID="[^"]*"(?P<a>[^>]*)>(?P<b>.*?)</timex2>', key, re.S):
            val = re.search(r'VAL="([^"]*)"', tx.group("a"))
            cs = re.search(r'<charseq START="(\d+)" END="\d+">(.*?)</charseq>', tx.group("b"), re.S)
            if not cs:
                continue
            # the key's offsets drift from the stripped text (markup counted differently):
            # find the annotated words themselves, near where the offsets (plus drift so far) say
            words = unescape(cs.group(2))
            at = text.find(words, max(0, int(cs.group(1)) + drift - 40))
            if at < 0:
                continue
            drift = at - int(cs.group(1))
            gold.append((at, at + len(words), "DATE", val.group(1) if val else ""))
        analysis = pipeline(Document(id=sgm.stem, text=text, date=dct))
        ours = [(t.start, t.end, t.type, t.value or "") for t in analysis.times]
        (gold_dir / (sgm.stem + ".tml")).write_text(_as_tml(text, gold), encoding="utf-8")
        (sys_dir / (sgm.stem + ".tml")).write_text(_as_tml(text, ours), encoding="utf-8")
    return {"lagebild": score(gold_dir, sys_dir)}


def speed(runs: int) -> tuple[float, int]:
    """Median words/s of the time stage alone (sentences already split) on the 10kGNAD test set."""
    import json

    from lagebild.time import TimeTagger
    seg = Pipeline(["segment"])
    analyses = [seg(Document(id=str(i), text=json.loads(line)["text"], date="2016-01-15"))
                for i, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines())]
    words = sum(len(a.document.text.split()) for a in analyses)
    tagger = TimeTagger()
    rates = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for a in analyses:
            tagger(a)
        rates.append(words / (time.perf_counter() - t0))
    return statistics.median(rates), words


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--speed-runs", type=int, default=5)
    ap.add_argument("--keep", type=Path, help="write the .tml output here instead of a temp dir")
    ap.add_argument("--errors", action="store_true", help="list lagebild's KRAUTS value errors (all subsets)")
    args = ap.parse_args()
    if not KRAUTS.is_dir():
        print(f"skipped: {KRAUTS} not found (benchmarks need ../shared)")
        return 0
    pipeline = Pipeline(["segment", "time"])
    with tempfile.TemporaryDirectory() as tmp:
        out_root = args.keep or Path(tmp)
        rows = [(s, name, figs) for s, r in run_krauts(pipeline, out_root).items() for name, figs in r.items()]
        if args.errors:
            list_errors(out_root / "all_gold", out_root / "all_lagebild")
        if WIKIWARS.is_dir():
            rows += [("WikiWarsDE", "lagebild", run_wikiwars(pipeline, out_root)["lagebild"]),
                     ("WikiWarsDE", "HeidelTime", None)]
    print("| subset | system | strict F1 | relaxed F1 | value F1 | value P | value R |")
    print("|---|---|---|---|---|---|---|")
    for subset, name, f in rows:
        if f is None:
            print(f"| {subset} | {name} | n/a (no HeidelTime output for this corpus) | | | | |")
            continue
        print(f"| {subset} | {name} | {f['strict'][2]:.3f} | {f['relaxed'][2]:.3f} | {f['value'][2]:.3f} "
              f"| {f['value'][0]:.3f} | {f['value'][1]:.3f} |")
    if CORPUS.is_file() and args.speed_runs > 0:
        rate, words = speed(args.speed_runs)
        print(f"\nspeed: time stage {rate:,.0f} words/s (median of {args.speed_runs} runs, {words:,} words, "
              f"10kGNAD test, 1 process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
