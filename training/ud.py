"""Read Universal Dependencies CoNLL-U files as surface tokens, and split them reproducibly.

lagebild's tokenizer keeps fused words ("im", "zur") whole, so multiword tokens
are merged back into one token here: it takes the analysis of the part whose
head lies outside the fusion (the preposition), the case/number/gender of the
article part (that is what tells a dative "im" from an accusative "ins"), and
the STTS tag APPRART where the parts are APPR + ART.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator


@dataclass
class UDToken:
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int        # sentence-local 0-based index, -1 for root
    dep: str
    space_after: bool = True


@dataclass
class UDSentence:
    sent_id: str
    tokens: list[UDToken] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        return [t.form for t in self.tokens]


def _feats(value: str) -> str:
    return "" if value == "_" else value


def _merge_feats(first: str, second: str) -> str:
    feats = dict(f.split("=", 1) for f in second.split("|") if f)
    feats.update(f.split("=", 1) for f in first.split("|") if f)
    return "|".join(f"{k}={v}" for k, v in sorted(feats.items()))


def _sentence(sent_id: str, lines: list[str]) -> UDSentence:
    words: dict[int, list[str]] = {}
    fusions: dict[int, tuple[int, list[str]]] = {}  # first word id -> (last id, line)
    for line in lines:
        cols = line.split("\t")
        if "-" in cols[0]:
            a, b = cols[0].split("-")
            fusions[int(a)] = (int(b), cols)
        elif "." not in cols[0]:  # skip empty nodes
            words[int(cols[0])] = cols
    # word id -> surface token index
    index: dict[int, int] = {}
    groups: list[tuple[list[int], list[str] | None]] = []
    wid = 1
    while wid <= max(words):
        if wid in fusions:
            last, cols = fusions[wid]
            ids = list(range(wid, last + 1))
            groups.append((ids, cols))
            wid = last + 1
        else:
            groups.append(([wid], None))
            wid += 1
    for ti, (ids, _) in enumerate(groups):
        for w in ids:
            index[w] = ti
    sent = UDSentence(sent_id)
    for ti, (ids, fusion) in enumerate(groups):
        outside = [w for w in ids if int(words[w][6]) not in ids] or ids
        main = words[outside[0]]
        head = int(main[6])
        form, lemma, upos, xpos, feats = main[1], main[2], main[3], main[4], _feats(main[5])
        misc = main[9]
        if fusion is not None:
            form, misc = fusion[1], fusion[9]
            parts = [words[w] for w in ids]
            if len(parts) == 2 and parts[0][4] == "APPR" and parts[1][4] == "ART":
                xpos = "APPRART"
            for part in parts:
                if part is not main:
                    feats = _merge_feats(feats, _feats(part[5]))
        sent.tokens.append(UDToken(
            form=form, lemma=lemma, upos=upos, xpos=xpos, feats=feats,
            head=-1 if head == 0 else index[head], dep=main[7],
            space_after="SpaceAfter=No" not in misc,
        ))
    return sent


def read_conllu(path: Path) -> Iterator[UDSentence]:
    sent_id, lines = "", []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.startswith("# sent_id"):
                sent_id = line.split("=", 1)[1].strip()
            elif line.startswith("#"):
                continue
            elif line:
                lines.append(line)
            elif lines:
                yield _sentence(sent_id, lines)
                sent_id, lines = "", []
    if lines:
        yield _sentence(sent_id, lines)


# The held-out test set: GSD-test, in blocks of BLOCK consecutive sentences
# (GSD has no document ids; consecutive sentences are the nearest thing),
# every third block. It is never used for training or model selection.
BLOCK = 25


def is_heldout(position: int) -> bool:
    return (position // BLOCK) % 3 == 2


def is_dev(position: int) -> bool:
    """Model-selection split carved from the training pool (every 12th block)."""
    return (position // BLOCK) % 12 == 5


@dataclass
class Splits:
    train: list[UDSentence]
    dev: list[UDSentence]
    heldout: list[UDSentence]


# Treebanks, with whether their XPOS column is STTS.
TREEBANKS = {
    "gsd-dev": ("de_gsd-ud-dev.conllu", True),
    "gsd-test": ("de_gsd-ud-test.conllu", True),
    "pud": ("de_pud-ud-test.conllu", False),
    "lit": ("de_lit-ud-test.conllu", True),
}


def load_splits(ud_dir: Path, use_lit: bool = False) -> Splits:
    """train/dev/heldout; tokens of treebanks without STTS get xpos ''."""
    splits = Splits([], [], [])
    pool: list[UDSentence] = []
    for name, (filename, stts) in TREEBANKS.items():
        if name == "lit" and not use_lit:
            continue
        for position, sent in enumerate(read_conllu(ud_dir / filename)):
            if not stts:
                for tok in sent.tokens:
                    tok.xpos = ""
            if name == "gsd-test" and is_heldout(position):
                splits.heldout.append(sent)
            else:
                pool.append(sent)
    for position, sent in enumerate(pool):
        (splits.dev if is_dev(position) else splits.train).append(sent)
    return splits
