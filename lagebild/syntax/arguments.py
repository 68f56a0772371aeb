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
from .clauses import NOMINAL, copula_as_dependent, false_copulas, fix_clauses, genitive_names, settle_pos

CASES = frozenset({"Nom", "Acc", "Dat", "Gen"})

RULES = {
    # auxiliaries take no arguments in UD: a subject hung on "wurde" belongs to the participle
    "ARG-AUX-HEAD": "Die Ukraine wurde von Russland angegriffen .",
    # nsubj that cannot be nominative and obj that can: swapped back
    "ARG-SWAP": "Den Vertrag unterzeichneten am Montag beide Seiten .",
    # nsubj that cannot be nominative, no obj: it is the object
    "ARG-SUBJ-ACC": "Den Präsidenten empfing der Kanzler .",
    # two nsubj, one only nominative: the other one is the object
    "ARG-TWO-SUBJ": "Das sagte er .",
    # obj that can only be nominative, no nsubj: it is the subject
    "ARG-OBJ-NOM": "Gesagt hat das er .",
    # werden-passive: no accusative object; the patient is nsubj:pass
    "ARG-PASS": "Drei Demonstranten wurden festgenommen .",
    # zu-infinitive clauses have no overt subject in UD German
    "ARG-ZU-INF": "Er warf Russland vor , die Waffenruhe gebrochen zu haben .",
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


AUX_DEPS = frozenset({"aux", "aux:pass", "cop"})
# What an auxiliary may govern in UD; anything else moves to the auxiliary's head.
AUX_OWN_DEPS = frozenset({"punct", "fixed", "conj", "cc", "goeswith", "reparandum"})


def lift_from_auxiliaries(tokens: list[Token]) -> None:
    """ARG-AUX-HEAD: dependents of an aux/aux:pass/cop token are re-attached to that token's head."""
    for t in tokens:
        h = t.head
        if h is None or h < 0 or t.dep in AUX_OWN_DEPS:
            continue
        aux = tokens[h]
        if aux.dep in AUX_DEPS and aux.head is not None and aux.head >= 0 and aux.head != t.i:
            t.head = aux.head


def fix_arguments(tokens: list[Token]) -> None:
    false_copulas(tokens)
    copula_as_dependent(tokens)
    genitive_names(tokens)
    lift_from_auxiliaries(tokens)
    children: list[list[int]] = [[] for _ in tokens]
    for i, t in enumerate(tokens):
        if t.head is not None and t.head >= 0:
            children[t.head].append(i)
    for i, verb in enumerate(tokens):
        if verb.upos in ("VERB", "AUX"):
            _fix_verb(tokens, children, children[i])
    fix_clauses(tokens, children, possible_cases)
    settle_pos(tokens)


def _fix_verb(tokens: list[Token], children: list[list[int]], kids: list[int]) -> None:

    def args(dep: str) -> list[int]:
        return [c for c in kids if tokens[c].dep == dep and tokens[c].upos in NOMINAL]

    def cases(i: int) -> frozenset[str] | None:
        return possible_cases(tokens, children, i)

    subj, obj = args("nsubj"), args("obj")
    if any(tokens[c].dep == "aux:pass" for c in kids):
        if obj and not subj and not args("nsubj:pass") and "Nom" in (cases(obj[0]) or {"Nom"}):
            tokens[obj[0]].dep = "nsubj:pass"                                       # ARG-PASS
        return
    if subj and any(tokens[c].dep == "mark" and tokens[c].text.lower() == "zu" for c in kids):
        if not obj and "Acc" in (cases(subj[0]) or {"Acc"}):
            tokens[subj[0]].dep = "obj"                                             # ARG-ZU-INF
        return
    not_nom = [c for c in subj if (cs := cases(c)) is not None and "Nom" not in cs and "Acc" in cs]
    if len(subj) == 1 and len(obj) == 1:
        s_cases, o_cases = cases(subj[0]), cases(obj[0])
        if (not_nom and "Nom" in (o_cases or {"Nom"})) or (o_cases == {"Nom"} and s_cases != o_cases):
            tokens[subj[0]].dep, tokens[obj[0]].dep = "obj", "nsubj"                # ARG-SWAP
    elif not_nom and not obj:
        tokens[not_nom[0]].dep = "obj"                                              # ARG-SUBJ-ACC
    elif len(subj) == 2 and not obj and {"Nom"} in (cases(subj[0]), cases(subj[1])):
        other = subj[1] if cases(subj[0]) == {"Nom"} else subj[0]
        if "Acc" in (cases(other) or {"Acc"}):
            tokens[other].dep = "obj"                                               # ARG-TWO-SUBJ
    elif len(obj) == 1 and not subj and cases(obj[0]) == {"Nom"}:
        tokens[obj[0]].dep = "nsubj"                                                # ARG-OBJ-NOM
