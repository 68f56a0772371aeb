"""Negated / future / hypothetical, read from the verb chain around a trigger.

Konjunktiv I (reported speech: "Die Minister hätten ... bekräftigt" is II, but
"habe bekräftigt" is I) keeps the event as reported; only Konjunktiv II,
conditional clauses, possibility modals and adverbs make it hypothetical.
The word lists live in lang/de/events_modality.yaml.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Token
from .patterns import Modality
from .tree import Tree, feats, lemma


@dataclass(slots=True)
class Flags:
    negated: bool = False
    future: bool = False
    hypothetical: bool = False


def _konjunktiv2(tok: Token) -> bool:
    f = feats(tok)
    if lemma(tok) == "sollen" and f.get("Tense") == "Past":
        return True   # "sollte X angreifen": conditional whether or not the tagger saw Konjunktiv
    return f.get("Mood") == "Sub" and f.get("Tense") == "Past"


def _participle(tok: Token) -> bool:
    return tok.tag == "VVPP" or feats(tok).get("VerbForm") == "Part"


def _negates(tree: Tree, i: int, lex: Modality) -> bool:
    for c in tree.children(i):
        low = lemma(c)
        if low in lex.negators or (c.dep == "cc" and low in lex.neither):
            return True
        if c.dep == "det" and low in lex.negating_determiners:
            return True
    return False


def _chain_flags(tree: Tree, verb: int, lex: Modality, flags: Flags) -> None:
    for tok in tree.verb_chain(verb):
        low = lemma(tok)
        if _konjunktiv2(tok) and low not in ("haben", "sein"):
            # "würde", "könnte", "sollte": conditional, not reported speech
            flags.hypothetical = True
        elif tok.i != verb and tok.dep == "aux":
            if low in lex.hypothetical_aux:
                flags.hypothetical = True
            elif low == "werden" and _participle(tree.tokens[verb]):
                pass   # "angegriffen werden": passive, not future
            elif low in lex.future_aux:
                flags.future = True
        if _negates(tree, tok.i, lex):
            flags.negated = True
    if any(lemma(t) in lex.neither for t in tree.tokens[:verb]) and \
            any(lemma(c) in lex.nor for k in [verb, *(o.i for o in tree.children(verb, "obj"))] for c in tree.children(k)):
        flags.negated = True   # "weder ... verhängt noch Hilfe geleistet"
    for obj in tree.children(verb, "obj"):   # "keinen Kandidaten nominiert"
        if any(c.dep == "det" and lemma(c) in lex.negating_determiners for c in tree.children(obj.i)):
            flags.negated = True
    for c in tree.children(verb, "advmod"):
        if lemma(c) in lex.possibility_adverbs:
            flags.hypothetical = True
    if not flags.future and not flags.hypothetical:
        _stray_modal(tree, verb, lex, flags)
    tok = tree.tokens[verb]
    head = tree.head(verb)
    if tok.dep in ("advcl", "ccomp", "csubj") and any(lemma(m) in lex.conditional_marks for m in tree.children(verb, "mark")):
        flags.hypothetical = True
    # "kündigte an, ein Treffen abzuhalten" is planned; "kündigte an, dass sie zugestimmt hätten" is not
    if head is not None and tok.dep in ("xcomp", "obj"):
        hl = lemma(head)
        if hl in lex.hypothetical_heads:
            flags.hypothetical = True
        elif hl in lex.future_heads:
            flags.future = True


def is_condition(tree: Tree, verb: int, lex: Modality) -> bool:
    """The trigger's clause states a condition: "falls X angreift", "sollte X angegriffen werden"."""
    if any(lemma(m) in lex.conditional_marks for m in tree.children(verb, "mark")):
        return True
    for aux in tree.children(verb, "aux", "aux:pass"):
        if lemma(aux) == "sollen" and aux.i < verb:   # verb-first "sollte": a condition
            k = aux.i - 1
            while k >= 0 and tree.tokens[k].upos == "CCONJ":
                k -= 1
            return k < 0 or tree.tokens[k].text == "," or tree.tokens[k].upos == "SCONJ"
    return False


def _stray_modal(tree: Tree, verb: int, lex: Modality, flags: Flags) -> None:
    """A modal the parser hung elsewhere ("Die USA wollen ... ausbauen"): the finite modal
    left of an infinitive in the same clause, with no other verb between."""
    if _participle(tree.tokens[verb]):
        return
    for tok in reversed(tree.tokens[:verb]):
        if tok.upos == "VERB" or tok.upos == "SCONJ" or tok.text in (";", ":"):
            return
        if tok.upos == "AUX" and tok.head != verb:
            low = lemma(tok)
            if low in lex.future_aux and not _konjunktiv2(tok):
                flags.future = True
            elif low in lex.hypothetical_aux or _konjunktiv2(tok):
                flags.hypothetical = True
            return


def modality(tree: Tree, trigger: int, extra: tuple[int, ...], lex: Modality, verbal: bool = False) -> Flags:
    """Flags for the trigger; `extra` are the support word and, for nouns, the governing verb.
    `verbal`: the trigger was read as a verb whatever its tag ("Falls Russland ... angreift" tagged ADJ)."""
    flags = Flags()
    tok = tree.tokens[trigger]
    if verbal or tok.upos in ("VERB", "AUX"):
        _chain_flags(tree, trigger, lex, flags)
    else:
        if _negates(tree, trigger, lex):
            flags.negated = True
        verb = tree.clause_head(trigger)
        if verb != trigger and tree.tokens[verb].upos in ("VERB", "AUX"):
            _chain_flags(tree, verb, lex, flags)
            if lemma(tree.tokens[verb]) in lex.future_heads and tok.dep in ("obj", "nsubj"):
                flags.future = True
            # "kein Treffen" negates; "nicht" on the verb of an adjunct PP ("nicht nur im ...") does not
            if tok.dep not in ("obj", "nsubj", "iobj", "obl:arg"):
                flags.negated = _negates(tree, trigger, lex)
    for k in extra:
        if _negates(tree, k, lex):
            flags.negated = True
    return flags
