"""Sentence-boundary and token F1 of lagebild's segmenter against UD German gold.

Each UD file is cut into pseudo-documents of 20 consecutive sentences joined by
one space (so boundaries must be found from punctuation and capitalisation, as
in running news text). Token spans come from the surface forms (multiword tokens
such as "zum" count once). GSD and PUD are news/web text; LIT is 19th-century prose.
"""
from __future__ import annotations

from pathlib import Path

from lagebild.text.segment import split_sentences

UD = Path(__file__).resolve().parents[2] / "shared" / "train" / "ud_german"
FILES = ["de_gsd-ud-test.conllu", "de_gsd-ud-dev.conllu", "de_pud-ud-test.conllu", "de_lit-ud-test.conllu"]
CHUNK = 20


def read_conllu(path: Path):
    """Yield (text, [surface tokens]) per sentence."""
    text, forms, skip_to = None, [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            text = line[9:]
        elif not line.strip():
            if text is not None:
                yield text, forms
            text, forms, skip_to = None, [], 0
        elif not line.startswith("#"):
            cols = line.split("\t")
            if "." in cols[0]:
                continue
            if "-" in cols[0]:
                a, b = map(int, cols[0].split("-"))
                forms.append(cols[1])
                skip_to = b
                continue
            if int(cols[0]) <= skip_to:
                continue
            forms.append(cols[1])


def gold_spans(text: str, forms: list[str], base: int) -> list[tuple[int, int]] | None:
    spans, pos = [], 0
    for f in forms:
        i = text.find(f, pos)
        if i < 0:
            return None
        spans.append((base + i, base + i + len(f)))
        pos = i + len(f)
    return spans


def prf(tp: int, gold: int, sys: int) -> str:
    p, r = tp / sys if sys else 0, tp / gold if gold else 0
    return f"P={p:.3f} R={r:.3f} F1={2 * p * r / (p + r) if p + r else 0:.3f}"


def main() -> None:
    if not UD.is_dir():
        print("../shared/train/ud_german not present: skipped")
        return
    print(f"{'file':<24} {'sentences':>9}  sentence boundaries              tokens")
    for name in FILES:
        sents = list(read_conllu(UD / name))
        g_b = s_b = tp_b = g_t = s_t = tp_t = 0
        for k in range(0, len(sents), CHUNK):
            chunk = sents[k:k + CHUNK]
            text, gold_bounds, gold_toks = "", set(), set()
            for t, forms in chunk:
                if text:
                    text += " "
                spans = gold_spans(t, forms, len(text))
                if spans:
                    gold_toks.update(spans)
                text += t
                gold_bounds.add(len(text))
            found = split_sentences(text, [(0, len(text))])
            sys_bounds = {s.end for s in found}
            sys_toks = {(t.start, t.end) for s in found for t in s.tokens}
            g_b += len(gold_bounds); s_b += len(sys_bounds); tp_b += len(gold_bounds & sys_bounds)
            g_t += len(gold_toks); s_t += len(sys_toks & {x for x in sys_toks}); tp_t += len(gold_toks & sys_toks)
        print(f"{name:<24} {len(sents):>9}  {prf(tp_b, g_b, s_b)}  {prf(tp_t, g_t, s_t)}")


if __name__ == "__main__":
    main()
