"""Gapping: one verb for several subject-object pairs.

"Polen nominierte X, Ungarn seine Ministerin Y, Tschechien Z" states
three nominations; the later clauses have no verb of their own. After the
first object, comma-separated chunks without any verb that each start with an
actor and name a second one are read as further (subject, object) pairs of the
same event; a chunk naming a single actor is an apposition of the previous
object ("..., Jan Novak").
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from ..model import ActorMention
from .arguments import UNCODED, SentenceActors
from .match import Match
from .tree import Tree

SEPARATORS = (",", "und", "sowie")
CLAUSE_WORDS = ("VERB", "AUX", "SCONJ")


def _chunks(tree: Tree, start: int) -> Optional[list[list[int]]]:
    """Token indices after `start`, split at separators; None if a verb or subordinator follows."""
    chunks, cur = [], []
    for tok in tree.tokens[start:]:
        if tok.upos in CLAUSE_WORDS or tok.text in (";", ":"):
            return None
        if tok.text in SEPARATORS or tok.upos == "PUNCT":
            if cur:
                chunks.append(cur)
            cur = []
            continue
        cur.append(tok.i)
    if cur:
        chunks.append(cur)
    return chunks


def _mentions(actors: SentenceActors, idx: list[int]) -> list[ActorMention]:
    out: list[ActorMention] = []
    for k in idx:
        out += [m for m in actors.by_token[k] if m not in out and m.kind != "modifier"]
    return out


def gapped(tree: Tree, actors: SentenceActors, m: Match) -> list[Match]:
    """The further pairs of a gapped coordination; narrows `m` to its own object."""
    if m.pattern.kind != "verb" or "obj" not in m.pattern.target or not m.source:
        return []
    comma = next((t.i for t in tree.tokens[m.trigger + 1:] if t.text == ","), None)
    if comma is None:
        return []
    chunks = _chunks(tree, comma + 1)
    if not chunks:
        return []
    pairs: list[tuple[list[ActorMention], list[ActorMention]]] = []
    own = _mentions(actors, list(range(m.trigger + 1, comma)))
    for chunk in chunks:
        found = _mentions(actors, chunk)
        starts_with_actor = bool(actors.by_token[chunk[0]])
        if starts_with_actor and len(found) >= 2:
            pairs.append(([found[0]], [found[1]]))
        elif len(found) == 1 and pairs and all(t.country in UNCODED for t in pairs[-1][1]):
            pairs[-1] = (pairs[-1][0], found)   # ", Jan Novak": names the previous object
        elif not pairs:
            return []   # the first chunk is no gapped clause: an enumeration of objects
    if not pairs or not own:
        return []
    m.target = own[:1]
    return [replace(m, source=src, target=tgt) for src, tgt in pairs]


# "traf X und anschließend auch mit Y zusammen": a second meeting, not a joint one
SEQUENCE_ADVERBS = frozenset({"anschließend", "danach", "später", "dann", "zuvor", "vorher", "tags"})
SEQUENCE_FILLERS = frozenset({"und", ",", "auch", "noch", "zudem", "außerdem", "darauf"}) | SEQUENCE_ADVERBS


def successive(tree: Tree, actors: SentenceActors, m: Match) -> list[Match]:
    """A further partner PP after a sequence adverb ("und anschließend auch mit Y") is an event of its own
    (the guideline's joint event needs one occasion)."""
    if not m.target or "pp:mit" not in m.pattern.target:
        return []
    toks = tree.tokens
    end = max(t.end for t in m.target)
    i = next((t.i for t in toks if t.start >= end), len(toks))
    out, seen_adverb = [], False
    while i < len(toks):
        word = toks[i].text.lower()
        if word == "mit" and seen_adverb and i + 1 < len(toks):
            found = next((_mentions(actors, [j]) for j in range(i + 1, min(i + 5, len(toks)))
                          if _mentions(actors, [j])), [])
            if not found:
                break
            out.append(replace(m, target=found[:1]))
            i, seen_adverb = max(t.i for t in toks if t.start < found[0].end) + 1, False
            continue
        if word not in SEQUENCE_FILLERS:
            break
        seen_adverb = seen_adverb or word in SEQUENCE_ADVERBS
        i += 1
    return out
