"""Which patterns a token can trigger: lemma lookup, made robust to the parser's typical slips.

Verbs by lemma (particle joined), with repairs for a particle read as a preposition, a lemma
spoiled by a truncated noun, or a past form lemmatised as participle; nouns by lemma or
compound tail (plural forms the lemmatiser kept); attributive participles by their form.
"""
from __future__ import annotations

from typing import Optional

from ..lang import load_wordlist
from ..model import Token
from .patterns import Pattern, PatternSet
from .tree import Tree, lemma

ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")
PLURAL_ENDINGS = ("se", "en", "n", "e", "s")
PARTICLES = {"vor", "zu", "an", "ab", "auf", "aus", "ein", "mit", "nach", "zurück", "fest", "frei", "bei", "los", "fort"}
PARTICLE_WINDOW = 15
# words that may stand between an attributive participle and its noun ("die vereinbarten beiden Abkommen")
# (weak forms: "beide Seiten" after a finite verb opens a new phrase)
ATTRIBUTIVE_FOLLOWERS = {"beiden", "sämtlichen", "vielen", "anderen"}
# inflected participles ("unterstützten", "verhängte") and the articles that open their noun phrase
ATTRIBUTIVE_ENDINGS = ("te", "ten", "tes", "tem", "ter", "ene", "enen", "enes", "enem", "ener")
ARTICLES = load_wordlist("de", "definite_articles.txt") | load_wordlist("de", "indefinite_articles.txt")


def _attributive(tok: Token, tree: Optional[Tree]) -> bool:
    """A participle or adjective before its noun ("die von Russland unterstützte Regierung")."""
    if tok.upos not in ("ADJ", "VERB"):
        return False
    if tok.dep not in ("amod", "acl"):
        return tree is not None and _extended_attribute(tok, tree)
    if tree is None:
        return True
    if _finite_past(tok, tree):
        return False
    head = tree.head(tok.i)
    # a capitalised word inside the sentence is a noun in German, whatever its tag ("Aktivist" as VVFIN)
    return head is None or head.i > tok.i and (head.upos in ("NOUN", "PROPN") or head.text[:1].isupper())


def _extended_attribute(tok: Token, tree: Tree) -> bool:
    """ "der von Russland unterstützten Regierung" read as a finite verb: an inflected participle
    between an article that has no noun yet and the noun it agrees with; only prepositional phrases,
    adverbs and adjectives stand between article and participle."""
    toks = tree.tokens
    if not tok.text.endswith(ATTRIBUTIVE_ENDINGS) or tok.i + 1 >= len(toks) or toks[tok.i + 1].upos != "NOUN":
        return False
    in_pp = False   # walking left: a noun is allowed only inside a PP (its preposition further left)
    for k in range(tok.i - 1, -1, -1):
        t = toks[k]
        if t.upos == "DET" and t.text.lower() in ARTICLES and not in_pp:
            return True
        if t.upos in ("NOUN", "PROPN", "NUM", "DET"):
            in_pp = True   # must be closed by a preposition before the article
        elif t.upos == "ADP":
            in_pp = False
        elif t.upos not in ("ADV", "ADJ"):
            return False
    return False


def _finite_past(tok: Token, tree: Tree) -> bool:
    """ "Polen und Litauen vereinbarten eine ...": a past-tense verb the parser took for an adjective.
    An attributive form follows an article, adjective or preposition; this one follows a noun."""
    if not tok.text.endswith(("te", "ten")) or tok.i == 0:
        return False
    prev = tree.tokens[tok.i - 1]
    nxt = tree.tokens[tok.i + 1] if tok.i + 1 < len(tree.tokens) else None
    if nxt is not None and nxt.tag == "PRF":
        return True   # "Zu den Angriffen bekannte sich ...": a reflexive right after it
    if nxt is not None and nxt.upos in ("DET", "PRON") and nxt.text.lower() not in ATTRIBUTIVE_FOLLOWERS:
        return True   # "Das beschlossen beide Regierungen": a new noun phrase follows, not the adjective's noun
    if prev.text == "," and nxt is not None and nxt.upos in ("NUM", "DET"):
        return True   # "..., nahm 20 Personen fest, wies 50 Personen aus": a list of finite verbs
    return prev.upos in ("PROPN", "NOUN", "PRON") and tree.preposition(prev.i) is None \
        and prev.dep not in ("nmod", "nmod:poss") and (nxt is None or nxt.upos != "NOUN")


def _clause_verb(tok: Token, tree: Tree) -> bool:
    """ "Falls Russland die NATO angreift": a verb tagged ADJ heading a subordinate clause, with a
    subject or object of its own and no copula."""
    if tok.upos != "ADJ" or tok.dep not in ("advcl", "acl", "acl:relcl", "parataxis"):
        return False
    deps = {c.dep for c in tree.children(tok.i)}
    return "cop" not in deps and bool(deps & {"nsubj", "obj", "iobj"})


def stranded_particle(tree: Tree, i: int) -> Optional[str]:
    """A verb particle at the end of the clause that the parser took for a preposition."""
    toks = tree.tokens
    for k in range(i + 1, min(len(toks), i + PARTICLE_WINDOW)):
        t = toks[k]
        if t.upos in ("VERB", "AUX", "SCONJ"):
            return None
        if t.upos in ("ADP", "ADV", "PART", "ADJ") and lemma(t) in PARTICLES \
                and (k + 1 == len(toks) or toks[k + 1].upos == "PUNCT"):
            return lemma(t)
    return None


def _particle_verb(patterns: PatternSet, tree: Tree, i: int, low: str) -> Optional[list[Pattern]]:
    """ "stimmten die Staats- und Regierungschefs zu": a truncated noun taken for a second particle
    spoils the joined lemma ("zustaatstimmen"); rebuild particle + verb from its end."""
    for prt in tree.children(i, "compound:prt"):
        particle = lemma(prt)
        if particle not in PARTICLES:
            continue
        for k in range(1, len(low) - 3):
            hit = patterns.verbs.get(particle + low[k:])
            if hit:
                return hit
    return None


def _finite_lemma(word: str) -> str:
    """HanTa's lemma for the word read as a finite verb ("bekannte" -> "bekennen"); strong verbs
    defeat the "-t" -> "-en" repair. HanTa comes with the syntax stage."""
    try:
        from ..syntax.hanta import hanta_lemma
    except ImportError:
        return ""
    return hanta_lemma(word, "VVFIN").lower()


def candidates(patterns: PatternSet, tok: Token, tree: Optional[Tree] = None) -> list[Pattern]:
    if _attributive(tok, tree):
        text = tok.text.lower()
        for ending in ADJ_ENDINGS:
            if not ending or text.endswith(ending):
                hit = patterns.adjs.get(text[: len(text) - len(ending)] if ending else text)
                if hit:
                    return hit
        return patterns.adjs.get(lemma(tok), [])
    if tok.upos in ("VERB", "AUX") or (tok.upos == "ADJ" and tok.dep in ("root", "conj", "ccomp", "xcomp")) \
            or (tree is not None and (_finite_past(tok, tree) or _clause_verb(tok, tree))):
        low = lemma(tok)   # a predicative participle ("hat sich bekannt") may be tagged ADJ
        hit = patterns.verbs.get(low)
        if hit is None and tok.upos == "ADJ":   # predicative adjectives are uninflected: the form is the lemma
            hit = patterns.verbs.get(tok.text.lower())
        particle = stranded_particle(tree, tok.i) if hit is None and tree is not None else None
        if particle is not None:   # "warf ... vor ," parsed as a preposition: still "vorwerfen"
            hit = patterns.verbs.get(particle + low)
        if hit is None and tree is not None:
            hit = _particle_verb(patterns, tree, tok.i, low)
        if hit is None:   # participle lemmatised with its "ge": "abgeschossen" -> "abgeschießen" -> "abschießen"
            prt = next((p for p in PARTICLES if low.startswith(p + "ge")), None)
            hit = patterns.verbs.get(prt + low[len(prt) + 2:]) if prt else None
        if hit is None and low.endswith(("eren", "elen")):
            hit = patterns.verbs.get(low[:-2] + "n")   # "lockerten" lemmatised "lockeren": "lockern"
        if hit is None and low.endswith("t"):
            # past forms the lemmatiser left as participle: "bekräftigt" -> "bekräftigen"
            hit = patterns.verbs.get(low[:-1] + "en") or patterns.verbs.get(_finite_lemma(tok.text))
        elif hit is None and low.endswith("e") and tok.upos != "AUX":
            # Konjunktiv I of reported speech left unlemmatised: "zusammenarbeite" -> "zusammenarbeiten"
            hit = patterns.verbs.get(low + "n") or patterns.verbs.get(_finite_lemma(tok.text))
        return hit or []
    if tok.upos in ("NOUN", "PROPN"):
        hit = patterns.for_noun(tok.lemma or tok.text) or patterns.for_noun(tok.text)
        for ending in PLURAL_ENDINGS:   # lemmatiser misses: "Zugeständnisse" left as it is
            if hit or len(tok.text) < 6:
                break
            if tok.text.endswith(ending):
                hit = patterns.for_noun(tok.text[: -len(ending)])
        return hit
    return []
