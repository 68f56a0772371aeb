"""Lemmas: the treebank's own lemma for word forms it has seen, HanTa for the rest.

Measured on the held-out split (benchmarks/results/syntax.md): spaCy's trainable
lemmatizer learns too little from ~40k words; HanTa knows German morphology but
not UD's conventions for closed-class words ("das" as SCONJ -> "dass", "Ihrem"
-> "Ihr"), which the table from the training data supplies. Proper names keep
their form (UD convention; HanTa would turn "Syrien" into "Syrie").
"""
from __future__ import annotations

from pathlib import Path

from ..lang import LanguageDataError
from .hanta import hanta_lemma

KEEP_FORM = frozenset({"PROPN", "NUM", "PUNCT", "SYM", "X"})


def load_table(path: Path) -> dict[tuple[str, str], str]:
    """form<TAB>upos<TAB>lemma lines; '#' comments."""
    table: dict[tuple[str, str], str] = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 3 or not all(cols):
                raise LanguageDataError(f"{path}:{n}: expected 'form<TAB>upos<TAB>lemma', got {line!r}")
            table[(cols[0], cols[1])] = cols[2]
    return table


class Lemmatizer:
    def __init__(self, table: dict[tuple[str, str], str]) -> None:
        self.table = table

    def __call__(self, form: str, upos: str, stts: str) -> str:
        lemma = self.table.get((form, upos))
        if lemma is not None:
            return lemma
        if upos in KEEP_FORM:
            return form
        return hanta_lemma(form, stts)
