"""The "events" stage: PLOVER events from the parsed, actor-tagged sentences."""
from __future__ import annotations

from typing import Callable, Optional

from ..model import ActorMention, Analysis, Event, Sentence, Trigger
from .arguments import UNCODED, SentenceActors
from .context import ContextTargets, context_target, load_context_targets, thing_word
from .gapping import gapped, successive
from .match import Match, NearMiss, SentenceMatcher
from .modality import is_condition, modality
from .patterns import Modality, PatternSet, load_modality, load_patterns
from .places import event_location
from .tree import CLAUSE_DEPS, SUBJ, Tree, lemma

VERBAL_QUADS = (1, 3)
VERBAL_CONFLICT = 3
BACKGROUND_PREPS = ("nach", "vor", "seit", "während", "bei", "infolge")
OBJECT_DEPS = ("obj", "iobj", "obl:arg")
# the clause a request asks for (not its adverbial clauses: "forderte ..., nachdem X angegriffen hatte")
REQUESTED_DEPS = ("ccomp", "xcomp")
# Support word close enough to show in the trigger span ("verhängte Sanktionen").
TRIGGER_GAP = 4
# Unnamed actors that belong to the place of the event (see _local_groups).
LOCAL_SECTORS = frozenset({"CVL", "OPP", "BUS"})
PLACE_KINDS = ("person", "group")


def _date_function() -> Optional[Callable]:
    """The time stage's event_date, when that stage is installed."""
    try:
        from ..time import event_date
    except ImportError:
        return None
    return event_date


class EventCoder:
    name = "events"

    def __init__(self, patterns: Optional[PatternSet] = None, lex: Optional[Modality] = None,
                 context: Optional[ContextTargets] = None) -> None:
        self.patterns = patterns or load_patterns()
        self.lex = lex or load_modality()
        self.context = context or load_context_targets()
        self.event_date = _date_function()

    def __call__(self, analysis: Analysis) -> None:
        by_id = {m.id: m for m in analysis.actors}
        by_sentence: dict[int, list[ActorMention]] = {}
        for m in analysis.actors:
            by_sentence.setdefault(m.sentence, []).append(m)
        for sent in analysis.sentences:
            if not sent.tokens or sent.tokens[0].dep is None:
                continue   # not parsed: nothing to match
            tree = Tree(sent.tokens, self.lex.object_control)
            actors = SentenceActors(sent, by_sentence.get(sent.i, []), by_id)
            matches, _ = self.match_tree(tree, actors)
            for m in matches:
                if not self.context_resolved(analysis, tree, m):
                    continue
                event = self.event(analysis, sent, tree, actors, m, len(analysis.events))
                if event is not None:
                    analysis.events.append(event)

    def context_resolved(self, analysis: Analysis, tree: Tree, m: Match) -> bool:
        """Fill an empty target of a rejection or criticism from the document ("wies die Vorwürfe
        zurück": whoever made them); False when the pattern is no event without that target."""
        if m.target or m.pattern.type not in self.context.applies_to:
            return True
        word = thing_word(tree, m.trigger, m.support)
        m.target = context_target(self.context, m.pattern.type, word, m.source, analysis.events)
        return bool(m.target) or m.pattern.group not in self.context.resolve_or_drop

    def match_sentence(self, sent: Sentence, mentions: list[ActorMention],
                       by_id: dict[str, ActorMention]) -> tuple[list[Match], list[NearMiss]]:
        return self.match_tree(Tree(sent.tokens, self.lex.object_control), SentenceActors(sent, mentions, by_id))

    def match_tree(self, tree: Tree, actors: SentenceActors) -> tuple[list[Match], list[NearMiss]]:
        matcher = SentenceMatcher(tree, actors, self.lex)
        matches: list[Match] = []
        misses: list[NearMiss] = []
        for tok in tree.tokens:
            m = matcher.match_token(self.patterns, tok.i, misses)
            if m is not None:
                matches.append(m)
        for m in list(matches):   # "X nominierte A, Y B, Z C": one verb, three events
            matches += gapped(tree, actors, m) + successive(tree, actors, m)
        suspicions = [t.i for t in tree.tokens if t.upos in ("VERB", "ADJ") and lemma(t) in self.lex.suspicion_verbs]
        return _prune(tree, matches, suspicions), misses

    def event(self, analysis: Analysis, sent: Sentence, tree: Tree, actors: SentenceActors,
              m: Match, n: int) -> Optional[Event]:
        """The event of one match; None when it names no actor and is only a condition, not
        the main statement (guideline rule d: "sollte ein Schiff beschossen werden, ...")."""
        p, toks = m.pattern, sent.tokens
        trig = toks[m.trigger]
        start, end = trig.start, trig.end
        if m.support is not None and abs(m.support - m.trigger) <= TRIGGER_GAP:
            start, end = min(start, toks[m.support].start), max(end, toks[m.support].end)
        clause = tree.clause_head(m.trigger)
        evidence = tree.span(clause)
        extra = tuple(k for k in (m.support,) if k is not None)
        flags = modality(tree, m.trigger, extra, self.lex, verbal=p.kind == "verb")
        if not _named(m) and is_condition(tree, clause, self.lex):
            return None
        date = (None, None, "none")
        if self.event_date is not None:
            date = self.event_date(analysis, sent.i, evidence)
        anchors = tuple(dict.fromkeys(k for k in (m.trigger, m.support, clause) if k is not None))
        _uncode_borrowed(m.source, m.target)
        location = event_location(tree, anchors, actors, _token_range(tree, clause))
        if location:
            _local_groups(m.source + m.target, location)
        return Event(
            id=f"E{n}", type=p.type, sentence=sent.i,
            trigger=Trigger(analysis.document.text[start:end], start, end), evidence=evidence,
            source=list(m.source), target=list(m.target), mode=p.mode,
            date=date[0], date_text=date[1], date_source=date[2] or "none",
            location=location,
            negated=flags.negated, future=flags.future, hypothetical=flags.hypothetical,
            cameo=p.cameo, quad_class=p.quad, intensity=p.intensity, rule=p.id, confidence=m.confidence,
        )


def _uncode_borrowed(source: list[ActorMention], target: list[ActorMention]) -> None:
    """A title coded only by the sentence's one state ("Der Präsident besuchte Japan") took that state
    from its own target: it acts on the state, so it is not of it; its country is unknown."""
    targets = {t.country for t in target if t.kind in ("state", "seat", "person", "organisation")}
    for a in source:
        if (a.resolved_by or "").endswith("+context-country") and a.country in targets:
            a.country = None
            a.resolved_by = a.resolved_by.removesuffix("+context-country")


def _local_groups(mentions: list[ActorMention], location: str) -> None:
    """Unnamed civilians, dissidents or business people of no stated country take the country where the
    event happens ("in Havanna wurden Dissidenten festgenommen" -> CUB; the guideline resolves actors
    from context). Officials and armed groups are left alone: they often act abroad."""
    for a in mentions:
        if a.country in UNCODED and not a.name and a.kind in PLACE_KINDS and set(a.sector) <= LOCAL_SECTORS:
            a.country = location
            a.resolved_by = (a.resolved_by or "") + "+event-place"


def _named(m: Match) -> bool:
    return any(a.country not in UNCODED for a in m.source + m.target)


def _token_range(tree: Tree, head: int) -> tuple[int, int]:
    idx = tree.subtree(head)
    return min(idx), max(idx) + 1


def _object_of(tree: Tree, i: int, verbs: set[int]) -> bool:
    """Token i (or the first conjunct it is coordinated with) hangs on one of `verbs` as object."""
    while tree.tokens[i].dep == "conj" and tree.head(i) is not None:
        i = tree.head(i).i
    tok = tree.tokens[i]
    if tok.head in verbs:
        return tok.dep in OBJECT_DEPS and tree.preposition(i) is None
    head = tree.head(i)   # misparsed object ("das Atomwaffen- und Raketenprogramm") one level down
    return head is not None and head.head in verbs and head.dep in ("obj", "advmod") and tok.dep == "conj"


def _talked_about(tree: Tree, matches: list[Match]) -> set[int]:
    """Event nouns whose own actor is the target of an accusation, rejection or threat in the sentence:
    "verurteilten die Zusammenarbeit zwischen Serbien und Belarus", "Die Manöver Serbiens sind Anlass zu
    Sorge" - what the accusation is about, not a reported event (guideline: accusations are ACCUSE only;
    a praised release stays a release).
    Nouns in a PP of time ("nach dem Angriff Russlands") stay: that is background, reported as fact."""
    addressed = {m.id for x in matches if x.pattern.quad == VERBAL_CONFLICT for m in x.target}
    out = set()
    for n in matches:
        if n.pattern.kind == "verb" or n.pattern.quad in VERBAL_QUADS \
                or tree.preposition(n.trigger) in BACKGROUND_PREPS:
            continue
        if any(m.id in addressed for m in n.source + n.target):
            out.add(n.trigger)
    return out


def _prune(tree: Tree, matches: list[Match], suspicions: list[int]) -> list[Match]:
    """Drop what one construction coded twice and the alleged acts inside an accusation."""
    # "verhängte Sanktionen": the support noun is the same event; "schlug die Proteste nieder" is another
    types = {m.trigger: m.pattern.type for m in matches}
    support = {m.support for m in matches if m.support is not None and types.get(m.support, m.pattern.type) == m.pattern.type}
    # "forderte Verhandlungen", "verteidigte das Abkommen", "kritisierte die Zusammenarbeit X":
    # the noun is what a verbal act is about (an accusation codes only the ACCUSE, guideline);
    # a material act on it ("schlug die Proteste nieder") leaves the noun's event standing
    about = {x.trigger for x in matches if x.pattern.kind == "verb" and x.pattern.quad in VERBAL_QUADS}
    support |= {m.trigger for m in matches if m.pattern.kind == "noun" and _object_of(tree, m.trigger, about)}
    support |= _talked_about(tree, matches)
    alleged: set[int] = set()
    for k in suspicions:   # "wird verdächtigt, die Anschläge finanziert zu haben" (no agent: no ACCUSE match)
        for c in tree.children(k, *CLAUSE_DEPS):
            alleged.update(tree.subtree(c.i))
    for m in matches:
        if m.pattern.type == "REQUEST" and m.pattern.kind == "verb":
            # "rief die Verbündeten auf, der Ukraine Waffen zu liefern": what is asked for has not happened
            for c in tree.children(m.trigger, *REQUESTED_DEPS):
                alleged.update(tree.subtree(c.i))
        if m.pattern.claim:
            for c in tree.children(m.trigger, *CLAUSE_DEPS):
                alleged.update(tree.subtree(c.i))
            if tree.tokens[m.trigger].dep == "aux" and tree.head(m.trigger) is not None:
                # "Die Regierung müsse handeln, sagte X": the demand, not the cooperation
                alleged.update(k for k in tree.subtree(tree.head(m.trigger).i) if k != m.trigger)
    verbs = {m.trigger: m for m in matches if m.pattern.kind == "verb"}
    # "Der Luftangriff tötete zehn Menschen": an event noun as the active subject of a same-type verb
    caused_by = {m.trigger for m in matches if m.pattern.kind == "noun" and tree.tokens[m.trigger].dep == "nsubj"}
    # "Bei dem Anschlag auf die Kaserne wurden drei Soldaten getötet": the victims' verb is the attack itself
    occasions = {m.pattern.type for m in matches if m.pattern.kind == "noun" and tree.preposition(m.trigger) == "bei"}
    out, seen = [], set()
    for m in matches:
        if m.trigger in support or m.trigger in alleged:
            continue
        if m.pattern.kind == "verb" and any(n.trigger in caused_by and n.pattern.type == m.pattern.type
                                            and n.trigger != m.support
                                            for n in matches if tree.tokens[n.trigger].head == m.trigger):
            continue   # the noun event is the one
        if m.pattern.kind == "verb" and m.pattern.type in occasions and not _named(m):
            continue
        head = verbs.get(tree.tokens[m.trigger].head) if m.pattern.kind == "noun" else None
        if head is not None and tree.tokens[m.trigger].dep not in SUBJ and head.pattern.type == m.pattern.type:
            # "bei einem US-Luftangriff getötet": one event, the noun adds who did it
            head.source = head.source or m.source
            head.target = head.target or m.target
            continue
        key = (m.pattern.type, frozenset(a.id for a in m.source), frozenset(a.id for a in m.target))
        if key in seen:
            continue
        seen.add(key)
        out.append(m)
    return out
