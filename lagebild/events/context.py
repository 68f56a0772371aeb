"""Targets from the document: "Der Kreml wies die Vorwürfe zurück" aims at whoever made them.

A rejection or criticism of a thing (an accusation, a threat, a proposal, an agreement, an attack)
names no actor, but the article named the actor behind that thing before: the source of the latest
earlier event of the kind that makes such a thing (lagebild/lang/de/events_context.yaml).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..lang import datafile as df
from ..lang import LanguageDataError
from ..model import PLOVER_TYPES, ActorMention, Analysis, Event
from .arguments import UNCODED
from .patterns import COMPOUND_MIN, LANG_DIR, parse_example
from .tree import Tree, lemma

CONTEXT_FILE = "events_context.yaml"
PARTIES = ("source", "both")
RULE_FIELDS = ("id", "nouns", "applies_to", "answers", "parties", "example")


@dataclass(frozen=True)
class ContextRule:
    id: str
    nouns: frozenset[str]
    applies_to: frozenset[str]
    answers: frozenset[str]
    parties: str
    example: str

    def names(self, word: str) -> bool:
        return word in self.nouns or any(len(n) >= COMPOUND_MIN and word.endswith(n) for n in self.nouns)


@dataclass(frozen=True)
class ContextTargets:
    resolve_or_drop: frozenset[str]
    rules: tuple[ContextRule, ...]

    @property
    def applies_to(self) -> frozenset[str]:
        return frozenset(t for r in self.rules for t in r.applies_to)

    def rule_for(self, event_type: str, word: str) -> Optional[ContextRule]:
        return next((r for r in self.rules if event_type in r.applies_to and r.names(word)), None)


def _types(path: Path, line: int, values) -> frozenset[str]:
    if not isinstance(values, list) or not all(v in PLOVER_TYPES for v in values):
        raise LanguageDataError(f"{path}:{line}: expected a list of PLOVER types, got {values!r}")
    return frozenset(values)


def _rule(path: Path, entry) -> ContextRule:
    line = getattr(entry, "line", 0)
    if not isinstance(entry, dict) or set(entry) != set(RULE_FIELDS):
        raise LanguageDataError(f"{path}:{line}: a rule needs exactly the fields {list(RULE_FIELDS)}")
    if entry["parties"] not in PARTIES:
        raise LanguageDataError(f"{path}:{line}: {entry['id']}: parties must be one of {list(PARTIES)}")
    nouns = entry["nouns"]
    if not isinstance(nouns, list) or not nouns or not all(isinstance(n, str) for n in nouns):
        raise LanguageDataError(f"{path}:{line}: {entry['id']}: nouns must be a list of lemmas")
    try:
        parse_example(entry["example"])
    except ValueError as exc:
        raise LanguageDataError(f"{path}:{line}: {entry['id']}: {exc}") from None
    return ContextRule(entry["id"], frozenset(n.lower() for n in nouns), _types(path, line, entry["applies_to"]),
                       _types(path, line, entry["answers"]), entry["parties"], entry["example"])


@lru_cache(maxsize=4)
def load_context_targets(lang_dir: Path = LANG_DIR) -> ContextTargets:
    path = lang_dir / CONTEXT_FILE
    data = df.read(path)
    if not isinstance(data, dict) or set(data) != {"resolve_or_drop", "rules"}:
        raise LanguageDataError(f"{path}: expected the keys resolve_or_drop, rules")
    rules = tuple(_rule(path, e) for e in data["rules"])
    ids = [r.id for r in rules]
    if len(ids) != len(set(ids)):
        raise LanguageDataError(f"{path}: duplicate rule id")
    return ContextTargets(frozenset(data["resolve_or_drop"]), rules)


def thing_word(tree: Tree, trigger: int, support: Optional[int]) -> Optional[str]:
    """The lemma of what was rejected or criticised: the support word, else the trigger's object."""
    if support is not None:
        return lemma(tree.tokens[support]).lower()
    obj = next(tree.children(trigger, "obj"), None)
    return lemma(obj).lower() if obj is not None else None


def _countries(mentions: list[ActorMention]) -> set[str]:
    return {m.country for m in mentions if m.country not in UNCODED}


def context_target(ctx: ContextTargets, event_type: str, word: Optional[str], source: list[ActorMention],
                   earlier: list[Event]) -> list[ActorMention]:
    """The actors behind the thing `word`, from the latest earlier event that made such a thing,
    made by another side than `source` (nobody rejects his own proposal)."""
    rule = ctx.rule_for(event_type, word) if word else None
    if rule is None:
        return []
    own = _countries(source)
    for event in reversed(earlier):
        if event.type not in rule.answers or event.negated:
            continue
        makers = _countries(event.source)
        if not makers or makers & own:
            continue
        parties = event.source + (event.target if rule.parties == "both" else [])
        return [m for m in parties if m.country not in own and m.country not in UNCODED]
    return []


def _covered(tokens, start: int, end: int) -> list[int]:
    return [t.i for t in tokens if start <= t.start and t.end <= end]


def event_thing(ctx: ContextTargets, tree: Tree, event: Event) -> Optional[str]:
    """thing_word for a finished event, which keeps only its trigger span: that span is the trigger
    word, or trigger and support word at its two ends ("wies die Vorwürfe"); the first reading a rule
    knows is taken."""
    span = _covered(tree.tokens, event.trigger.start, event.trigger.end)
    if not span:
        return None
    ends = dict.fromkeys((span[0], span[-1]))
    readings = [(i, k) for i in ends for k in ends if k != i] + [(i, None) for i in ends]
    words = (thing_word(tree, i, k) for i, k in readings)
    return next((w for w in words if w and ctx.rule_for(event.type, w)), None)


def resolve_late_targets(ctx: ContextTargets, analysis: Analysis) -> None:
    """Run the lookup again once every event is known: events coded from quotations (added after the
    events stage) and quote speakers taken as sources can be the maker of the thing, or the rejecting side."""
    pending = [e for e in analysis.events if not e.target and e.type in ctx.applies_to]
    if not pending:
        return
    ordered = sorted(analysis.events, key=lambda e: e.trigger.start)
    sentences = {s.i: s for s in analysis.sentences}
    trees: dict[int, Tree] = {}   # only the sentences that hold such an event
    for event in pending:
        sent = sentences.get(event.sentence)
        if sent is None or not sent.tokens or sent.tokens[0].dep is None:
            continue   # not parsed: no object to read
        if sent.i not in trees:
            trees[sent.i] = Tree(sent.tokens)
        tree = trees[sent.i]
        earlier = [e for e in ordered if e.trigger.start < event.trigger.start]
        target = context_target(ctx, event.type, event_thing(ctx, tree, event), event.source, earlier)
        if target:
            event.target = target
            event.rule += "+context"
