"""From argument tokens to the actor mentions that head them.

An argument phrase is usually named by a mention that covers its head token
("US-Präsident Joe Biden"). When it is not ("das Raketenprogramm Nordkoreas",
"Staats- und Regierungschefs aus Japan"), the actor named inside the phrase is
taken, one dependency level at a time, with lower confidence. Coordinated
actors ("Blinken und Austin") are all kept; pronouns take their antecedent's
country so that the event is coded even when the mention only says "er".
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Optional

from ..lang import load_wordlist
from ..model import ActorMention, Sentence
from ..text.segment import dateline_length
from .tree import NESTED_DEPS, Tree, feats, lemma

UNCODED = (None, "", "UNK")
NESTED_DEPTH = 3
SETTING_PREPS = {"in", "auf", "bei", "nach", "seit", "vor", "während", "unter", "neben", "ab", "bis", "um", "trotz",
                 "wegen", "laut", "im", "am"}
QUANTIFIERS = {"tausend", "tausende", "hundert", "hunderte", "dutzend", "dutzende", "zehntausend", "zehntausende",
               "hunderttausend", "hunderttausende", "million", "millionen", "zahlreich", "mehrere"}
# the possessive genitives ("der Staat, dessen Präsident ...") are never the argument themselves
RELATIVE_PRONOUNS = load_wordlist("de", "relative_pronouns.txt") - {"deren", "dessen"}
COORDINATORS = {"und", "sowie", ","}
ARGUMENT_DEPS = ("nsubj", "nsubj:pass", "obj", "iobj")
# third-person possessives ("seine Streitkräfte", "ihre Truppen"), and codings lent by the context only
POSSESSIVES = {"sein", "seine", "ihr", "ihre"}
BORROWED = ("context-country", "dateline-country")


def resolve_coreference(mention: ActorMention, by_id: dict[str, ActorMention]) -> ActorMention:
    """A copy carrying the antecedent's coding when the mention itself has none."""
    if mention.country not in UNCODED or not mention.antecedent:
        return mention
    seen, m = {mention.id}, mention
    while m.antecedent and m.antecedent not in seen and m.antecedent in by_id:
        seen.add(m.antecedent)
        m = by_id[m.antecedent]
        if m.country not in UNCODED:
            return replace(mention, country=m.country, sector=list(m.sector) or list(mention.sector),
                           name=mention.name or m.name)
    return mention


class SentenceActors:
    """Actor mentions of one sentence, indexed by the tokens they cover."""

    def __init__(self, sentence: Sentence, mentions: Iterable[ActorMention], by_id: dict[str, ActorMention]) -> None:
        self.by_token: list[list[ActorMention]] = [[] for _ in sentence.tokens]
        skip = dateline_length(sentence.tokens)
        for m in mentions:
            m = resolve_coreference(m, by_id)
            for t in sentence.tokens[skip:]:
                if t.start < m.end and m.start < t.end:
                    self.by_token[t.i].append(m)

    def modifier(self, i: int) -> list[ActorMention]:
        """Actor named in a compound or prefix of the word itself ("US-Luftangriff")."""
        return [m for m in self.by_token[i] if m.kind == "modifier"]

    def direct(self, tree: Tree, i: int) -> list[ActorMention]:
        tok = tree.tokens[i]
        if lemma(tok) in QUANTIFIERS and i + 1 < len(tree.tokens) and tree.tokens[i + 1].upos in ("NOUN", "PROPN"):
            return self.direct(tree, i + 1)   # "Tausende Georgier": the people, not the number
        clause = tree.head(i)
        if tok.upos == "PRON" and clause is not None and clause.dep in ("acl", "acl:relcl") and (
                feats(tok).get("PronType") == "Rel" or tok.text.lower() in RELATIVE_PRONOUNS):
            # relative pronoun: the noun the relative clause modifies
            noun = tree.head(clause.i)
            if noun is not None and noun.i < i:
                return self.direct(tree, noun.i)
        return list(self.by_token[i])

    def nested(self, tree: Tree, i: int, avoid: set[str]) -> list[ActorMention]:
        """Breadth-first below token i: the closest level that names an actor not in `avoid` (countries)."""
        level = [i]
        for _ in range(NESTED_DEPTH):
            # not into PPs that say where or when ("auf den Gazastreifen", "seit 2014")
            # ("Israels Siedlungsbau": a name read as determiner)
            level = sorted(c.i for k in level for c in tree.children(k)
                           if (c.dep in NESTED_DEPS or c.dep in ("det", "dep") and c.upos == "PROPN")
                           and tree.preposition(c.i) not in SETTING_PREPS)
            for k in level:   # the first actor named inside (with its conjuncts), not every one
                found = [m for c in self._conjuncts(tree, k) for m in self.by_token[c] if m.country not in avoid]
                if found:
                    return _unique(found)
        return []

    def resolve(self, tree: Tree, i: int, nested: bool = True, avoid: Optional[set[str]] = None,
                places: bool = False) -> tuple[list[ActorMention], bool]:
        """Actors heading token i's phrase and its conjuncts; second value: found only by nesting.
        A place named as where something happens ("in Tokio") is an actor only if `places`."""
        avoid = avoid or set()
        out: list[ActorMention] = []
        by_nesting = False
        for k in self._conjuncts(tree, i):
            # "die Hafenstadt Odessa", "die Partei Alternative für Deutschland": an apposition names the
            # phrase itself, and its own coding beats one the head noun only borrowed from the context
            named = [m for c in tree.children(k, "appos", "flat", "flat:name") for m in self.by_token[c.i]]
            found = self.direct(tree, k)
            if not found or named and all(_lent(m) for m in found) and not all(_lent(m) for m in named):
                found = named or found
            found = [self.possessed(tree, k, m) for m in found]
            if found:   # "Führer Japans und der Vereinigten Staaten": conjuncts inside the mention's phrase
                inside = [c for t in tree.subtree(k) if t != k and self.by_token[t]
                          for c in tree.children(t, "conj")]
                # "zwischen deutschen und französischen Soldaten": each adjective names a party
                inside += [a for a in tree.children(k, "amod") if self.by_token[a.i]]
                for c in inside:   # an uncoded conjunct ("den Regierungschefs der Staaten") is named inside
                    own = self.by_token[c.i]
                    found = found + (self.nested(tree, c.i, avoid) or own
                                     if nested and all(m.country in UNCODED for m in own) else own)
            if nested and (not found or all(m.country in UNCODED for m in found)):
                inner = self.nested(tree, k, avoid)
                if inner:
                    found, by_nesting = inner, True
            out.extend(found)
        if not places:
            out = [m for m in out if m.kind != "location"]
        return _unique(out), by_nesting

    def possessed(self, tree: Tree, k: int, m: ActorMention) -> ActorMention:
        """ "Das Ministerium erklärte, seine Streitkräfte hätten ...": a group with a possessive
        pronoun in reported speech belongs to the speaker, whatever country the context lent it."""
        if not _lent(m) or not any(lemma(c) in POSSESSIVES for c in tree.children(k, "det:poss", "nmod:poss", "det")):
            return m
        verb = tree.clause_head(k)
        head = tree.head(verb)
        if verb == k or head is None or tree.tokens[verb].dep not in ("ccomp", "parataxis"):
            return m
        owners = [o for s in tree.children(head.i, "nsubj") for o in self.by_token[s.i] if not _lent(o)]
        if not owners:
            return m
        return replace(m, country=owners[0].country, resolved_by=(m.resolved_by or "") + "+possessor")

    def _conjuncts(self, tree: Tree, i: int) -> list[int]:
        out, stack = [], [i]
        while stack:
            k = stack.pop(0)
            out.append(k)
            stack.extend(c.i for c in tree.children(k, "conj") if c.upos in ("NOUN", "PROPN", "PRON", "ADJ", "X")
                         and not _comparison(tree, c.i))
        for k in list(out):   # "mit dem Kanzler, der Außenministerin Y und den Botschaftern": each link
            out += [j for j in self.coordinated_after(tree, k) if j not in out]
        return out

    def coordinated_after(self, tree: Tree, i: int) -> list[int]:
        """Actors coordinated with token i by "und"/"sowie"/comma whatever the parse attached them to
        ("Kritik Polens und Litauens"): a conjunction, an article or adjectives, then an actor word
        that is no other verb's argument and stands under no preposition."""
        toks, out, k = tree.tokens, [], i
        while True:
            while k + 1 < len(toks) and self.by_token[k + 1] and self.by_token[k + 1] == self.by_token[k]:
                k += 1   # to the end of this mention
            j = k + 1
            if j >= len(toks) or toks[j].text.lower() not in COORDINATORS:
                return out
            j += 1
            while j < len(toks) and toks[j].upos in ("DET", "ADJ") and not self.by_token[j]:
                j += 1
            if j >= len(toks) or not self.by_token[j] or tree.preposition(j) is not None:
                return out
            head = tree.head(j)
            if toks[j].dep in ARGUMENT_DEPS and head is not None and head.i != tree.tokens[i].head:
                return out   # "Scholz traf Macron und Biden sprach ...": the next clause's subject
            out.append(j)
            k = j


def _lent(m: ActorMention) -> bool:
    return m.country in UNCODED or (m.resolved_by or "").endswith(BORROWED)


def _comparison(tree: Tree, k: int) -> bool:
    """ "von Deutschland ... als erster Schritt": a phrase after "als"/"wie" that the parser
    coordinated is a predicate, not another party."""
    return any(lemma(c) in ("als", "wie") for c in tree.children(k, "cc", "case", "mark"))


def _unique(mentions: list[ActorMention]) -> list[ActorMention]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        if m.id not in seen:
            seen.add(m.id)
            out.append(m)
    return out
