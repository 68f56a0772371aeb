"""Case checks on the parser's subject/object labels.

German marks subject and object by case, not position ("Den Präsidenten
empfing der Kanzler"), and a parser trained on ~40k words often trusts word
order. Where a determiner or pronoun proves the case (lang/de/case_forms.tsv),
these rules relabel; each rule has an id and an example it fixes.
"""
from __future__ import annotations

from functools import lru_cache

from ..lang import LanguageDataError, data_path
from ..model import Token

CASES = frozenset({"Nom", "Acc", "Dat", "Gen"})
NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})

RULES = {
    "ARG-SWAP": "Den Präsidenten empfing der Kanzler .",   # nsubj and obj swapped back
    "ARG-OBJ-NOM": "Gestern rief er die Ministerin an .",   # obj with nominative-only case -> nsubj
    "ARG-SUBJ-ACC": "Ihn kritisierte am Montag scharf .",    # nsubj that cannot be nominative -> obj
}


@lru_cache(maxsize=1)
def case_forms() -> dict[str, frozenset[str]]:
    path = data_path("de", "case_forms.tsv")
    forms: dict[str, frozenset[str]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        cases = frozenset(cols[1].split(",")) if len(cols) == 2 else frozenset()
        if not cases or not cases <= CASES:
            raise LanguageDataError(f"{path}:{n}: expected 'form<TAB>Nom,Acc,...', got {line!r}")
        forms[cols[0].lower()] = cases
    return forms


def possible_cases(tokens: list[Token], children: list[list[int]], i: int) -> frozenset[str] | None:
    """Cases the nominal at i can have, if its own form or its determiner restricts them."""
    forms = case_forms()
    tok = tokens[i]
    if tok.upos == "PRON":
        return forms.get(tok.text.lower())
    for c in children[i]:
        if tokens[c].dep in ("det", "det:poss") and c < i:
            return forms.get(tokens[c].text.lower())
    return None


def fix_arguments(tokens: list[Token]) -> None:
    children: list[list[int]] = [[] for _ in tokens]
    for t in tokens:
        if t.head is not None and t.head >= 0:
            children[t.head].append(t.i)
    for verb in tokens:
        if verb.upos not in ("VERB", "AUX"):
            continue
        subj = [c for c in children[verb.i] if tokens[c].dep == "nsubj" and tokens[c].upos in NOMINAL]
        obj = [c for c in children[verb.i] if tokens[c].dep == "obj" and tokens[c].upos in NOMINAL]
        s_cases = possible_cases(tokens, children, subj[0]) if len(subj) == 1 else None
        o_cases = possible_cases(tokens, children, obj[0]) if len(obj) == 1 else None
        s_not_nom = s_cases is not None and "Nom" not in s_cases
        o_nom_only = o_cases == frozenset({"Nom"})
        if subj and obj and len(subj) == len(obj) == 1:
            if (s_not_nom and (o_cases is None or "Nom" in o_cases)) or (o_nom_only and s_cases != o_cases):
                tokens[subj[0]].dep, tokens[obj[0]].dep = "obj", "nsubj"           # ARG-SWAP
        elif obj and not subj and o_nom_only:
            tokens[obj[0]].dep = "nsubj"                                            # ARG-OBJ-NOM
        elif subj and not obj and s_not_nom and "Acc" in s_cases:
            tokens[subj[0]].dep = "obj"                                             # ARG-SUBJ-ACC
