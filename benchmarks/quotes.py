"""Quotation attribution on SpkAtt-2023 Task 2 (German Wikinews), scored by the shared task's scorer.

    .venv/bin/python benchmarks/quotes.py [--split dev|train|both] [--stages segment,quotes] [--keep DIR]

The gold data is pre-tokenised: the text is rebuilt from the tokens (one space between
tokens) with a char -> "sentence:token" map, run through lagebild, and the predicted
character spans are mapped back to gold tokens. SpkAtt conventions matched here:
a direct Message includes its quotation marks; Frame is the cue's sentence minus the
message and the final punctuation; lagebild's FreeIndirect (Konjunktiv continuation)
is SpkAtt's IndirectFreeIndirect. Prints cue / message / roles / joint F1, the speaker
attribution accuracy of direct quotes, and words/s of the quotes stage alone.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPKATT = ROOT.parent / "shared" / "eval" / "spkatt"
BASELINE_JOINT_F1 = 0.3891
TARGET_JOINT_F1 = 0.60
CLOSE_MARKS = {"“", "”", '"', "«", "»", "‘", "’", "‹", "›", "''"}
OPEN_MARKS = {"„", "“", '"', "»", "«", "‚", "›", "``", "‹"}
FORM = {"FreeIndirect": "IndirectFreeIndirect"}
# SpkAtt labels: thought is almost always annotated "ST", sources like laut/zufolge/Angaben "SW".
STWR = {"speech": "Speech", "thought": "ST", "writing": "Writing"}
SW_RULES = {"laut", "nach_angaben", "zufolge", "wie_mitteilte", "demnach", "indirect_noun", "hiess_es"}

sys.path.insert(0, str(ROOT))
from lagebild.model import Document  # noqa: E402
from lagebild.pipeline import Pipeline, available_stages  # noqa: E402
from lagebild.quotes import QuoteFinder, default_lexicon  # noqa: E402


NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "“", "”", "‘", "«", "‹", "%"}
NO_SPACE_AFTER = {"(", "[", "„", "‚", "»", "›"}


def rebuild(gold: dict) -> tuple[str, list[tuple[int, int, str]], list[list[str]]]:
    """Text as it was printed (no space before punctuation or closing marks, none after
    opening marks, one space elsewhere) and each token's char span."""
    parts, spans, pos = [], [], 0
    sentences = [s["Tokens"] for s in gold["Sentences"]]
    prev = ""
    straight_open = False
    for si, toks in enumerate(sentences):
        for ti, tok in enumerate(toks):
            glue = tok in NO_SPACE_BEFORE or prev in NO_SPACE_AFTER
            if tok == '"':
                glue = straight_open          # a closing straight quote sticks to the word before
                straight_open = not straight_open
            elif prev == '"' and straight_open:
                glue = True
            if parts and not glue:
                parts.append(" ")
                pos += 1
            spans.append((pos, pos + len(tok), f"{si}:{ti}"))
            parts.append(tok)
            pos += len(tok)
            prev = tok
    return "".join(parts), spans, sentences


class TokenMap:
    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        self.spans = spans
        self.starts = [s for s, _, _ in spans]

    def ids(self, start: int, end: int) -> list[int]:
        import bisect
        k = max(bisect.bisect_right(self.starts, start) - 1, 0)
        out = []
        while k < len(self.spans) and self.spans[k][0] < end:
            if self.spans[k][1] > start:
                out.append(k)
            k += 1
        return out


def convert(analysis, tmap: TokenMap, sentences: list[list[str]]) -> list[dict]:
    lex = default_lexicon()
    text = analysis.document.text
    words = [text[s:e] for s, e, _ in tmap.spans]
    sent_of = [int(t.split(":")[0]) for _, _, t in tmap.spans]
    out = []
    for q in analysis.quotes:
        message: set[int] = set()
        for a, b in q.content:
            ids = tmap.ids(a, b)
            if q.form == "Direct" and ids:
                if ids[0] > 0 and words[ids[0] - 1] in OPEN_MARKS:
                    ids.insert(0, ids[0] - 1)
                if ids[-1] + 1 < len(words) and words[ids[-1] + 1] in CLOSE_MARKS:
                    ids.append(ids[-1] + 1)
            message.update(ids)
        cue: set[int] = set()
        stwr = "Speech"
        if q.cue:
            cue_words = q.cue.text.split()
            cue = {k for k in tmap.ids(q.cue.start, q.cue.end) if words[k] in cue_words}
            for w in cue_words:
                hit = lex.cues(w)
                if hit:
                    stwr = STWR[hit[0].stwr]
                    break
        if q.rule in SW_RULES:
            stwr = "SW"
        who = q.speaker_span or ((q.speaker.start, q.speaker.end) if q.speaker else None)
        source = set(tmap.ids(*who)) if who else set()
        addr = set(tmap.ids(q.addressee.start, q.addressee.end)) if q.addressee else set()
        frame: set[int] = set()
        if cue and q.rule not in ("nested",):
            for s in {sent_of[k] for k in cue}:
                ks = [k for k in range(len(words)) if sent_of[k] == s]
                while ks and words[ks[-1]] in (".", "!", "?", ":"):
                    ks.pop()
                frame.update(k for k in ks if k not in message)
        if q.rule == "nested":
            frame = set()
        if q.form == "Reported":     # SpkAtt: a reported act has its verb in the Message, no Cue/Frame
            cue, frame = set(), set()

        def ids(ks: set[int]) -> list[str]:
            return [tmap.spans[k][2] for k in sorted(ks)]

        out.append({"Message": ids(message), "Cue": ids(cue), "Source": ids(source), "Addr": ids(addr),
                    "Frame": ids(frame), "Form": FORM.get(q.form, q.form), "STWR": stwr,
                    "IsNested": q.rule == "nested", "HasNested": False, "rule": q.rule})
    return out


def run_split(split: str, stages: list[str], keep: Path | None) -> dict:
    gold_dir = SPKATT / "data" / split
    pipe = Pipeline(stages)
    finder = next(c for c in pipe.components if isinstance(c, QuoteFinder))
    pred_dir = keep / split if keep else Path(tempfile.mkdtemp(prefix=f"spkatt_{split}_"))
    pred_dir.mkdir(parents=True, exist_ok=True)
    quote_time, n_words = 0.0, 0
    direct_total = direct_found = direct_right = direct_exact = 0
    errors: list[str] = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text, spans, sentences = rebuild(gold)
        analysis = None
        # time the quotes stage alone: run the others, then it
        doc = Document(id=path.stem, text=text)
        from lagebild.model import Analysis
        analysis = Analysis(document=doc)
        for c in pipe.components:
            t0 = time.perf_counter()
            c(analysis)
            if c is finder:
                quote_time += time.perf_counter() - t0
            analysis.stages.append(c.name)
        n_words += sum(1 for w in text.split() if any(ch.isalnum() for ch in w))
        tmap = TokenMap(spans)
        pred = convert(analysis, tmap, sentences)
        name = unicodedata.normalize("NFC", path.name)
        (pred_dir / name).write_text(json.dumps({"Annotations": pred}, ensure_ascii=False), encoding="utf-8")
        # speaker attribution of direct quotes (gold: Direct, not nested, with a Source)
        for g in gold["Annotations"]:
            if g["Form"] != "Direct" or g["IsNested"] or not g["Source"]:
                continue
            direct_total += 1
            gm = set(g["Message"])
            best = max(pred, key=lambda p: len(gm & set(p["Message"])), default=None)
            if best is None or not gm & set(best["Message"]):
                continue
            direct_found += 1
            if set(g["Source"]) & set(best["Source"]):
                direct_right += 1
            else:
                errors.append(_error(path.stem, gold, g, best))
            if set(g["Source"]) == set(best["Source"]):
                direct_exact += 1
    proc = subprocess.run([sys.executable, str(SPKATT / "score_quotes.py"), str(gold_dir), str(pred_dir), "--json",
                           "--quiet"], capture_output=True, text=True, check=True)
    scores = json.loads(proc.stdout)["headline"]
    return {"scores": scores, "words": n_words, "quote_seconds": quote_time, "direct_total": direct_total,
            "direct_found": direct_found, "direct_right": direct_right, "direct_exact": direct_exact,
            "pred_dir": str(pred_dir), "errors": errors}


def _error(doc: str, gold: dict, g: dict, best: dict) -> str:
    """One wrong direct-quote speaker: the frame sentence(s), the gold and the predicted source."""
    sents = gold["Sentences"]

    def words(ids: list[str]) -> str:
        return " ".join(sents[int(s)]["Tokens"][int(t)] for s, t in (x.split(":") for x in ids))

    frame_s = sorted({int(x.split(":")[0]) for x in g["Source"] + g["Cue"] + g["Message"][:1]})
    context = " / ".join(" ".join(sents[s]["Tokens"]) for s in frame_s)
    return (f"{doc}: gold [{words(g['Source'])}] predicted [{words(best['Source'])}] rule {best.get('rule')}\n"
            f"    {context[:400]}")


def speed(stages: list[str], repeats: int = 5) -> float:
    """Median words/s of the quotes stage alone on the dev texts (segmentation done beforehand)."""
    from lagebild.model import Analysis
    pre = Pipeline([s for s in stages if s != "quotes"])
    docs = []
    for path in sorted((SPKATT / "data" / "dev").glob("*.json")):
        text = rebuild(json.loads(path.read_text(encoding="utf-8")))[0]
        docs.append((pre(Document(id=path.stem, text=text)), sum(1 for w in text.split() if any(c.isalnum() for c in w))))
    finder = QuoteFinder()
    rates = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for a, _ in docs:
            a.quotes.clear()
            finder(a)
        rates.append(sum(n for _, n in docs) / (time.perf_counter() - t0))
    return statistics.median(rates)


def _usable_stages() -> list[str]:
    """The earlier stages that exist and can start here (a stage whose model is missing is left out)."""
    have, usable = available_stages(), []
    from lagebild.stages import SYNTAX_STAGE  # LAGEBILD_SYNTAX picks the parser

    for name in ("segment", SYNTAX_STAGE, "actors", "time"):
        if name not in have:
            continue
        try:
            Pipeline([name])
        except Exception as exc:  # e.g. a parser model that has not been trained on this machine
            print(f"stage {name} left out: {type(exc).__name__}: {exc}")
            continue
        usable.append(name)
    return usable


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="both", choices=["dev", "train", "both"])
    ap.add_argument("--stages", default=None, help="comma-separated; default: the available ones + quotes")
    ap.add_argument("--keep", type=Path, default=None, help="write prediction JSONs here")
    ap.add_argument("--errors", action="store_true", help="list the wrong direct-quote speakers")
    args = ap.parse_args()
    if not SPKATT.is_dir():
        print(f"SpkAtt data not found at {SPKATT}", file=sys.stderr)
        return 1
    stages = args.stages.split(",") if args.stages else _usable_stages() + ["quotes"]
    print(f"stages: {', '.join(stages)}")
    splits = ["train", "dev"] if args.split == "both" else [args.split]
    for split in splits:
        r = run_split(split, stages, args.keep)
        h = r["scores"]
        print(f"\n== SpkAtt-2023 Task 2, {split} ({r['words']} words)  predictions: {r['pred_dir']}")
        print(f"{'':10s} {'P':>6s} {'R':>6s} {'F1':>6s}")
        for key in ("cue", "message", "roles", "joint", "form", "stwr", "simplified_source"):
            print(f"{key:10s} {h[key + '_p']:6.3f} {h[key + '_r']:6.3f} {h[key + '_f1']:6.3f}")
        print(f"joint F1 {h['joint_f1']:.3f}   baseline (QUiTE, dev) {BASELINE_JOINT_F1:.2f}   target {TARGET_JOINT_F1:.2f}")
        if r["direct_total"]:
            print(f"direct quotes with a gold speaker: {r['direct_total']}, found {r['direct_found']}; speaker right "
                  f"(overlap) {r['direct_right'] / max(r['direct_found'], 1):.3f}, exact "
                  f"{r['direct_exact'] / max(r['direct_found'], 1):.3f} of those found")
        if args.errors:
            print("\n".join(r["errors"]))
    print(f"\nquotes stage alone: {speed(stages):,.0f} words/s (median of 5, dev texts)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
