"""Clause-level checks on the parser's subject/object labels (after arguments.py).

A parser trained on ~40k words confuses subject and object where no
determiner proves the case ("die", "das" are nominative or accusative), and
it often leaves a clause without subject ("Am Anfang steht die Musik": obj)
or gives it two. German clause structure settles these: a finite clause has
exactly one subject, which is nominative and agrees in number with the finite
verb. Each rule has an id and an example it fixes; benchmarks/results/syntax.md
lists what each one is worth and the rules that were measured and dropped
(number agreement between two ambiguous nominals: the predicted Number is too
unreliable; "und" + verb sharing the first verb's subject: as often wrong as right).
"""
from __future__ import annotations

from typing import Callable, Optional

from ..lang import data_path, datafile
from ..model import Token

NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
SUBJECTS = frozenset({"nsubj", "nsubj:pass", "csubj", "csubj:pass", "expl"})
FINITE_AUX = frozenset({"aux", "aux:pass", "cop"})

RULES = {
    # a bare nominal that can only be dative is obl:arg in UD German (not obj, iobj or nsubj)
    "CL-DATIVE": "Das Urteil gefällt dem Minister nicht .",
    # a bare time phrase ("wenige Tage", "drei Wochen") is an adverbial, not a subject or object
    # (lang/de/time_nominals.yaml); then the clause's real subject can be found
    "CL-TIME-NP": "Wenige Tage vor der Wahl hat die Regierung den Bericht zurückgewiesen .",
    # finite clause without subject: the object that can be nominative and agrees is the subject
    # (also in a coordinated "sein" perfect, which has no object: "und ist keine Ware angekommen")
    "CL-NEEDS-SUBJ": "Am Anfang steht immer die Musik .",
    # same with two objects: the first one that can be nominative and agrees
    "CL-TWO-OBJ": "Positive Aussagen belasten die Beziehungen .",
    # nsubj:pass on a verb without passive auxiliary: an active subject
    "CL-PASS-AUX": "Die Minister hätten die Bedeutung des Bündnisses bekräftigt .",
    # two subjects, no object: the later one is the object (when it can be accusative)
    "CL-ONE-SUBJ": "Die guten Zahlen schoben die Börsen nach vorn .",
    # "sein" heading a clause with a nominal "object": the nominal is the predicate, "sein" its copula
    "CL-COPULA": "Er sagte , dass es eine andere Assistentin ist .",
    # "Russlands Präsident Putin kritisierte ...": a name in -s right before a noun without
    # article is its prenominal genitive (nmod:poss), the noun heads the phrase
    "CL-GEN-NAME": "Frankreichs Außenminister empfing den Gast .",
    # only "sein" is a copula in UD German: a "hat" parsed as copula of a nominal is the verb's auxiliary
    "CL-HABEN-AUX": "Die Weltbank hat Moldau einen Kredit gewährt .",
    # UD German: an auxiliary or copula is AUX (the parser sees the clause, the tagger a window)
    "UP-AUX": "Das Haus soll verkauft werden .",
    # ... and only then: "haben", "sein", "werden" or a modal heading its own clause is VERB
    "UP-VERB": "Die Stadt hat einen neuen Bürgermeister .",
    # the STTS tagger says adjective (ADJA/ADJD), the UPOS head says ADV/NOUN/VERB: ADJ
    # (STTS is the more accurate of the two heads; measured only for these classes)
    "UP-ADJ": "Die Lage bleibt angespannt .",
}
# Rules in force; benchmarks/syntax.py --without RULE measures each one's share.
ENABLED = set(RULES)

# (token index, children) -> the cases its form or determiner allows, None if unknown
CaseLookup = Callable[[list[Token], list[list[int]], int], Optional[frozenset]]


def _load_time_nominals() -> tuple[frozenset, frozenset]:
    path = data_path("de", "time_nominals.yaml")
    data = datafile.check_fields(path, datafile.read(path), 1, ("nouns", "modifiers"), ("nouns", "modifiers"))
    return tuple(frozenset(w.lower() for w in datafile.strings(path, data, key)) for key in ("nouns", "modifiers"))


TIME_NOUNS, TIME_MODIFIERS = _load_time_nominals()


def time_phrase(tokens: list[Token], children: list[list[int]], i: int) -> bool:
    """ "wenige Tage", "drei Wochen", "jeden Montag": a bare noun phrase that names a time."""
    if (tokens[i].lemma or tokens[i].text).lower() not in TIME_NOUNS:
        return False
    kids = children[i]
    if any(tokens[k].dep == "case" for k in kids):
        return False
    return any(tokens[k].dep == "nummod" or (tokens[k].lemma or "").lower() in TIME_MODIFIERS
               or tokens[k].text.lower().rstrip("emnrs") in TIME_MODIFIERS for k in kids)


def feats(tok: Token) -> dict[str, str]:
    return dict(f.split("=", 1) for f in (tok.morph or "").split("|") if "=" in f)


def is_finite(tok: Token) -> bool:
    """STTS *FIN, or a mood (the morphologizer often leaves VerbForm out)."""
    morph = tok.morph or ""
    return (tok.tag or "").endswith("FIN") or "Mood=" in morph or "VerbForm=Fin" in morph


def finite_token(tokens: list[Token], kids: list[int], i: int) -> Optional[int]:
    """The finite verb of the clause headed by i: i itself or one of its auxiliaries."""
    if is_finite(tokens[i]):
        return i
    return next((c for c in kids if tokens[c].dep in FINITE_AUX and is_finite(tokens[c])), None)


def number(tokens: list[Token], children: list[list[int]], i: int) -> Optional[str]:
    """Grammatical number of a nominal; nominals coordinated with "und"/"sowie" are plural
    (a conjunct without conjunction is mostly an apposition: "die Musik, der Rhythmus")."""
    if any(tokens[c].dep == "conj" and any(tokens[k].dep == "cc" for k in children[c]) for c in children[i]):
        return "Plur"
    return feats(tokens[i]).get("Number")


def fix_clauses(tokens: list[Token], children: list[list[int]], cases: CaseLookup) -> None:
    def may_be_nom(i: int, _: list[list[int]]) -> bool:
        return "Nom" in (cases(tokens, children, i) or {"Nom"})

    def may_be_acc(i: int, _: list[list[int]]) -> bool:
        return "Acc" in (cases(tokens, children, i) or {"Acc"})

    for i, verb in enumerate(tokens):
        if verb.upos not in ("VERB", "AUX") or verb.dep in FINITE_AUX:
            continue
        kids = children[i]
        if "CL-DATIVE" in ENABLED:
            for c in kids:
                if tokens[c].dep in ("obj", "iobj", "nsubj") and tokens[c].upos in NOMINAL \
                        and cases(tokens, children, c) == {"Dat"} \
                        and not any(tokens[k].dep == "case" for k in children[c]):
                    tokens[c].dep = "obl:arg"                                # CL-DATIVE
        if any(tokens[c].dep == "aux:pass" or (tokens[c].dep == "mark" and tokens[c].text.lower() == "zu")
               for c in kids):
            continue  # passives and zu-infinitives: arguments.py
        fin = finite_token(tokens, kids, i)
        if fin is None or feats(tokens[fin]).get("Mood") == "Imp":
            continue
        if "CL-TIME-NP" in ENABLED:
            args = [c for c in kids if tokens[c].dep in ("nsubj", "obj") and tokens[c].upos in NOMINAL]
            for c in args:
                if len(args) > 1 and time_phrase(tokens, children, c):
                    tokens[c].dep = "obl"                                    # CL-TIME-NP
                    args = [a for a in args if a != c]
        if "CL-PASS-AUX" in ENABLED:
            for c in kids:  # no werden-passive here (checked above): a passive subject is a subject
                if tokens[c].dep == "nsubj:pass":
                    tokens[c].dep = "nsubj"                                  # CL-PASS-AUX
        subj = sorted(c for c in kids if tokens[c].dep in SUBJECTS)
        obj = sorted(c for c in kids if tokens[c].dep == "obj" and tokens[c].upos in NOMINAL)
        verb_number = feats(tokens[fin]).get("Number")
        if not subj and obj and (not _shares_subject(tokens, children, i) or _sein_perfect(tokens, kids, i)):
            first = next((o for o in obj if may_be_nom(o, children)
                          and number(tokens, children, o) in (None, verb_number)), None)
            if first is not None and ("CL-NEEDS-SUBJ" if len(obj) == 1 else "CL-TWO-OBJ") in ENABLED:
                tokens[first].dep = "nsubj"                                  # CL-NEEDS-SUBJ, CL-TWO-OBJ
        elif "CL-ONE-SUBJ" in ENABLED and not obj and len(subj) == 2 \
                and all(tokens[c].dep == "nsubj" and tokens[c].upos in NOMINAL for c in subj) \
                and tokens[subj[0]].text.lower() != "es" and may_be_acc(subj[1], children) \
                and not _apposition_like(tokens, subj):
            # "Es kommt eine neue Dimension hinzu": a fronted "es" is no competing subject
            tokens[subj[1]].dep = "obj"                                      # CL-ONE-SUBJ


def _sein_perfect(tokens: list[Token], kids: list[int], i: int) -> bool:
    """"und ist ... keine Ware angekommen": a perfect with "sein" takes no accusative object,
    so its object is its own subject even where a coordinated verb could share one."""
    return (tokens[i].tag or "") == "VVPP" and any(
        tokens[c].dep == "aux" and tokens[c].lemma == "sein" for c in kids)


def _shares_subject(tokens: list[Token], children: list[list[int]], i: int) -> bool:
    """A coordinated verb whose first conjunct has a subject ("kam und sah die Stadt")."""
    verb = tokens[i]
    if verb.dep != "conj" or verb.head is None or verb.head < 0:
        return False
    return any(tokens[c].dep in SUBJECTS for c in children[verb.head])


def _apposition_like(tokens: list[Token], pair: list[int]) -> bool:
    """Two nominals with only punctuation or names between them: 'Hund " Emiliy "' is one subject."""
    a, b = pair
    return all(tokens[k].upos in ("PUNCT", "PROPN") for k in range(a + 1, b))


def settle_pos(tokens: list[Token]) -> None:
    """UP-AUX: a VERB in an aux/aux:pass/cop relation is AUX. UP-VERB, the converse: an AUX
    outside those relations is VERB (GSD: 1,809 of 1,813 AUX are aux/cop; with the transition
    parser's trees this cost more than it gained, with the graph parser's it gains on GSD;
    UD LIT, which tags main-verb "haben"/"sein" AUX against the UD guideline, loses).
    UP-ADJ: an STTS adjective that UPOS calls ADV/NOUN/VERB is ADJ."""
    for t in tokens:
        if "UP-AUX" in ENABLED and t.upos == "VERB" and t.dep in FINITE_AUX:
            t.upos = "AUX"
        elif "UP-VERB" in ENABLED and t.upos == "AUX" and t.dep not in FINITE_AUX and t.dep:
            t.upos = "VERB"
        elif "UP-ADJ" in ENABLED and t.tag in ("ADJA", "ADJD") and t.upos in ("ADV", "NOUN", "VERB"):
            t.upos = "ADJ"


PREDICATIVE = frozenset({"NOUN", "PROPN", "ADJ"})


def false_copulas(tokens: list[Token]) -> None:
    """CL-HABEN-AUX: "hat" as copula of a nominal that hangs on a later verb of the same
    clause becomes that verb's aux; the nominal's subject moves to the verb with it."""
    if "CL-HABEN-AUX" not in ENABLED:
        return
    for i, t in enumerate(tokens):
        if t.dep != "cop" or t.lemma != "haben" or t.head is None or t.head < 0:
            continue
        verb = tokens[t.head].head
        # same clause only: "hat ... gewährt" with no punctuation between them
        if verb is None or not i < t.head < verb or tokens[verb].upos != "VERB" \
                or any(tokens[k].upos == "PUNCT" for k in range(i + 1, verb)):
            continue
        for c in tokens:
            if c.head == t.head and c.dep in ("nsubj", "nsubj:pass"):
                c.head = verb
        t.head, t.dep = verb, "aux"


def copula_as_dependent(tokens: list[Token]) -> None:
    """CL-COPULA: UD makes the predicate the head of a copula clause; the parser often makes
    "ist" the head and the predicate its obj. Re-hang the clause on the predicate."""
    if "CL-COPULA" not in ENABLED:
        return
    for i, t in enumerate(tokens):
        if t.upos != "AUX" or t.lemma != "sein" or t.dep in FINITE_AUX:
            continue
        kids = [k for k, c in enumerate(tokens) if c.head == i]
        pred = [k for k in kids if tokens[k].dep in ("obj", "xcomp") and tokens[k].upos in PREDICATIVE]
        subj = [k for k in kids if tokens[k].dep == "nsubj"]
        if not pred and len(subj) == 2 and tokens[subj[1]].upos in PREDICATIVE:
            pred = subj[1:]  # "Er ist der Präsident": the later of two nominatives is the predicate
        if len(pred) != 1:
            continue
        p = pred[0]
        tokens[p].head, tokens[p].dep = t.head, t.dep
        for k in kids:
            if k != p:
                tokens[k].head = p
        t.head, t.dep = p, "cop"


# "Paris", "Kongress", "Cyprus", "Los": names whose -s is not a genitive ending
NOT_GENITIVE = ("ss", "is", "us", "os")


def genitive_names(tokens: list[Token]) -> None:
    """CL-GEN-NAME: "Frankreichs Außenminister" hangs on the noun, the name is its nmod:poss."""
    if "CL-GEN-NAME" not in ENABLED:
        return
    for i in range(len(tokens) - 1):
        name, noun = tokens[i], tokens[i + 1]
        if name.upos != "PROPN" or noun.upos != "NOUN" or not name.text.endswith("s") \
                or name.text.endswith(NOT_GENITIVE) or name.head == i + 1 \
                or name.dep in ("flat", "flat:name") or name.dep.startswith("nmod"):
            continue
        kids = [k for k, t in enumerate(tokens) if t.head == i and k > i + 1]
        if any(tokens[k].dep == "det" for k, t in enumerate(tokens) if t.head == i + 1) \
                or any(t.head == i and t.dep in ("det", "case") for t in tokens):
            continue  # "des Präsidenten" / "von Paris": not a bare prenominal genitive
        if _descends_from(tokens, i + 1, i):
            noun.head, noun.dep = name.head, name.dep
        elif noun.head != name.head:
            continue
        for k in kids:
            tokens[k].head = i + 1
        name.head, name.dep = i + 1, "nmod:poss"


def _descends_from(tokens: list[Token], k: int, ancestor: int) -> bool:
    for _ in range(len(tokens)):
        k = tokens[k].head
        if k is None or k < 0:
            return False
        if k == ancestor:
            return True
    return False
