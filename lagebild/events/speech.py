"""Who says an accusation, and who is judged by an evaluative word.

Accusations are often made in reported speech: "Die Regierung habe die Ermittlungen
behindert, sagte er" accuses the government, and the accuser is the subject of
the speech verb, not of the reported clause. Evaluative predicates ("nannte es
unverantwortlich", "Das Vorgehen X sei inakzeptabel") work the same way. The verb
lists live in lang/de/events_modality.yaml (speech_verbs, judging_verbs).
"""
from __future__ import annotations

from typing import Optional

from ..model import Token
from .patterns import Modality
from .tree import NOMINAL, Tree, feats, lemma

REPORTING_DEPS = ("ccomp", "parataxis", "advcl", "xcomp", "conj")
CLAUSE_END = (",", ";", ":", ".", "–", "(")


def _predicate(tree: Tree, i: int) -> int:
    """The clause's predicate: a verb, a predicative adjective ("sei skandalös") itself, or the verb
    an auxiliary belongs to ("muss ... kooperieren")."""
    tok = tree.tokens[i]
    if tok.upos == "AUX" and tok.dep in ("aux", "cop") and tree.head(i) is not None:
        return tree.head(i).i
    return i if tok.upos == "ADJ" else tree.clause_head(i)


def speech_verb(tree: Tree, i: int, lex: Modality) -> Optional[Token]:
    """The speech verb that reports the clause of token i: above it ("sagte, X habe ...") or
    hung below it by the parser ("X habe ..., sagte er")."""
    clause = _predicate(tree, i)
    k = clause
    for _ in range(3):
        tok, head = tree.tokens[k], tree.head(k)
        if head is None or tok.dep not in REPORTING_DEPS or head.upos not in ("VERB", "AUX"):
            break
        if lemma(head) in lex.speech_verbs:
            return head
        k = head.i
    return next((c for c in tree.children(clause, "parataxis", "ccomp", "conj", "advcl")
                 if c.i > clause and c.upos == "VERB" and lemma(c) in lex.speech_verbs), None)


def is_reported(tree: Tree, i: int, lex: Modality) -> bool:
    """The clause of token i is reported speech: a Konjunktiv in its verb chain, or a speech verb."""
    clause = _predicate(tree, i)
    if any(feats(t).get("Mood") == "Sub" for t in tree.verb_chain(clause)):
        return True
    return speech_verb(tree, i, lex) is not None


def speaker_tokens(tree: Tree, i: int, lex: Modality) -> list[Token]:
    """Candidates for who says it: the speech verb's subject, then the nominals after the verb
    ("hieß es in einer Erklärung der UNO")."""
    verb = speech_verb(tree, i, lex)
    if verb is None:
        return []
    out = [t for t in tree.logical_subject(verb.i) if t.i != i]
    for tok in tree.tokens[verb.i + 1:]:
        if tok.text in CLAUSE_END or tok.upos in ("VERB", "SCONJ"):
            break
        if tok.upos in NOMINAL + ("ADJ",) and tok.i != i:   # a name the tagger took for an adjective
            out.append(tok)
    return out


def judging_verb(tree: Tree, i: int, lex: Modality) -> Optional[Token]:
    """ "nannte es unverantwortlich", "bezeichnete ihn als unfähig": the verb the adjective i complements."""
    head = tree.head(i)
    if head is not None and head.upos == "VERB" and lemma(head) in lex.judging_verbs:
        return head
    return None


def judge_tokens(tree: Tree, i: int, lex: Modality) -> list[Token]:
    verb = judging_verb(tree, i, lex)
    return tree.logical_subject(verb.i) if verb is not None else speaker_tokens(tree, i, lex)


def judged_tokens(tree: Tree, i: int, lex: Modality) -> list[Token]:
    verb = judging_verb(tree, i, lex)
    if verb is not None:   # the object, however labelled ("nannte die Angriffe der Armee unverantwortlich")
        return [t for t in tree.logical_object(verb.i) or tree.bare(verb.i, "obl:arg", "obl", "iobj")
                if t.i != i and t.i > verb.i]
    return list(tree.children(i, "nsubj", "nsubj:pass"))
