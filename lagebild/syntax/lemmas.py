"""Lemmas: the treebank's own lemma for word forms it has seen, then HanTa's knowledge.

Measured on the held-out split (benchmarks/results/syntax.md): spaCy's trainable
lemmatizer learns too little from ~40k words; HanTa knows German morphology but
not UD's conventions for closed-class words ("das" as SCONJ -> "dass", "Ihrem"
-> "Ihr"), which the table from the training data supplies. Proper names keep
their form (UD convention; HanTa would turn "Syrien" into "Syrie").

HanTa itself is not asked at run time: its analysis costs 0.2-1 ms a word and
news brings new word forms all the time. ``training/build_lemma_lexicon.py``
asks it once for every form of its lexicon (``lang/de/lemma_forms.tsv``) and
learns suffix rules from those answers (``lang/de/lemma_suffixes.tsv``). A form
outside the lexicon is lemmatised by its longest known compound head
("Verteidigungsministerinnen" -> "Verteidigungs" + "ministerin"), else by the
longest matching suffix rule.
"""
from __future__ import annotations

from pathlib import Path

from ..lang import LanguageDataError, data_path, load_wordlist

KEEP_FORM = frozenset({"PROPN", "NUM", "PUNCT", "SYM", "X"})
NOUN_TAGS = frozenset({"NN", "NE"})
# "auf|ge|wacht" -> "auf" + "wachen": the participle's ge- (and zu- of "anzuerkennen")
# sits between a separable prefix and the head the lexicon knows.
INFIXES = {"VVPP": "ge", "VVIZU": "zu"}
MIN_HEAD = 4       # shortest compound head trusted ("Staats|chef", not "Donauha|fen")
MAX_SUFFIX = 7     # longest suffix rule (training/build_lemma_lexicon.py)
CACHE_LIMIT = 500_000


def word_class(stts: str) -> str:
    """Coarse class of an STTS tag: a form the lexicon knows under a sibling tag
    ("wusste" as VVFIN when our tagger said VMFIN) still tells its lemma."""
    if stts in NOUN_TAGS:
        return "N"
    if stts[:2] in ("VV", "VA", "VM"):
        return "V"
    return "ADJ" if stts in ("ADJA", "ADJD") else stts

Table = dict[tuple[str, str], str]


def _read_tsv(path: Path, columns: int):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != columns or not all(cols[:columns - 1]):
                raise LanguageDataError(f"{path}:{n}: expected {columns} tab-separated columns, got {line!r}")
            yield n, cols


def load_table(path: Path) -> Table:
    """form<TAB>upos<TAB>lemma lines; '#' comments."""
    table: Table = {}
    for n, cols in _read_tsv(path, 3):
        if not cols[2]:
            raise LanguageDataError(f"{path}:{n}: empty lemma")
        table[(cols[0], cols[1])] = cols[2]
    return table


def load_suffix_rules(path: Path) -> dict[tuple[str, str], tuple[int, str]]:
    """stts<TAB>suffix<TAB>letters to strip<TAB>text to append."""
    rules = {}
    for n, (stts, suffix, strip, append) in _read_tsv(path, 4):
        if not strip.isdigit():
            raise LanguageDataError(f"{path}:{n}: strip count {strip!r} is not a number")
        rules[(stts, suffix)] = (int(strip), append)
    return rules


def _cased(lemma: str, form: str, stts: str) -> str:
    """Nouns keep a capital, other words lose one they only had at a sentence start."""
    if stts in NOUN_TAGS:
        return lemma[:1].upper() + lemma[1:]
    if form[:1].isupper() and form[1:2].islower():
        return lemma[:1].lower() + lemma[1:]
    return lemma


class Lemmatizer:
    def __init__(self, table: Table, forms: Table | None = None,
                 suffixes: dict[tuple[str, str], tuple[int, str]] | None = None) -> None:
        self.table = table
        self.forms = forms if forms is not None else load_table(data_path("de", "lemma_forms.tsv"))
        self.suffixes = suffixes if suffixes is not None else load_suffix_rules(data_path("de", "lemma_suffixes.tsv"))
        self._cache: dict[tuple[str, str, str], str] = {}
        self.prefixes = load_wordlist("de", "separable_prefixes.txt")
        self.by_class: Table = {}
        for (low, stts), lemma in self.forms.items():
            self.by_class.setdefault((low, word_class(stts)), lemma)

    def __call__(self, form: str, upos: str, stts: str) -> str:
        lemma = self.table.get((form, upos))
        if lemma is not None:
            return lemma
        if upos in KEEP_FORM:
            return form
        key = (form, upos, stts)
        lemma = self._cache.get(key)
        if lemma is None:
            lemma = self.guess(form, stts)
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            self._cache[key] = lemma
        return lemma

    def guess(self, form: str, stts: str) -> str:
        low = form.lower()
        lemma = self.forms.get((low, stts))
        if lemma is None and stts not in INFIXES:   # a finite verb's lemma is no participle's
            lemma = self.by_class.get((low, word_class(stts)))
        if lemma is None:
            lemma = self._compound(form, low, stts)
        if lemma is None:
            lemma = self._suffix_rule(form, low, stts)
        return _cased(lemma, form, stts)

    def _compound(self, form: str, low: str, stts: str) -> str | None:
        for i in range(2, len(low) - MIN_HEAD + 1):
            if not low[i].isalpha():
                continue
            head = self.forms.get((low[i:], stts))
            if head is None:
                continue
            prefix = form[:i]
            infix = INFIXES.get(stts)
            if infix and prefix.lower().endswith(infix):
                prefix = prefix[: -len(infix)]
            if stts in NOUN_TAGS:
                # "US-Behörden" -> "US-Behörde"; "Staatschefs" -> "Staatschef"
                head = head[:1].upper() + head[1:] if prefix.endswith("-") else head[:1].lower() + head[1:]
            return prefix + head
        return None

    def _suffix_rule(self, form: str, low: str, stts: str) -> str:
        infix = INFIXES.get(stts)
        if infix:
            # "ge|schmeckt" -> "schmecken", "runter|ge|wirtschaftet" -> "runter" + "wirtschaften":
            # the rules are learned from whole lexicon forms, whose ge- the edit cannot express
            for i in range(0, len(low) - len(infix) - 3):
                if low.startswith(infix, i) and (i == 0 or low[:i] in self.prefixes):
                    rest = form[i + len(infix):]
                    return form[:i] + self._by_rule(rest, rest.lower(), "VVINF" if infix == "zu" else stts)
        return self._by_rule(form, low, stts)

    def _by_rule(self, form: str, low: str, stts: str) -> str:
        for n in range(min(MAX_SUFFIX, len(low) - 1), 0, -1):
            rule = self.suffixes.get((stts, low[-n:]))
            if rule is not None:
                strip, append = rule
                return form[: len(form) - strip] + append
        return form
