"""Within-document coreference for actor mentions, each link with the rule that made it.

Surnames ("Biden" -> "US-Präsident Joe Biden") are linked while tagging (the
tagger keeps the document's names); this pass links what needs the finished
mention list: appositions, definite titles ("der Präsident") and subject
pronouns ("er", "sie") to the last fitting actor.
"""
from __future__ import annotations

from typing import Optional

from ..model import ActorMention

PRONOUN_WINDOW = 3         # sentences back that a pronoun may reach
TITLE_WINDOW = 8           # sentences back that "der Präsident" may reach
FEMALE_GROUP_KINDS = ("group", "organisation", "state")
REGIONS = frozenset({"WST", "EUR", "MEA", "AFR", "ASA", "UNK"})
# Civilians, refugees and the unknown are often foreigners in the sentence's country: leave them UNK.
CONTEXT_FREE_SECTORS = frozenset({"CVL", "REF", "UNK"})


def _copy(target: ActorMention, source: ActorMention, rule: str) -> None:
    target.country = source.country
    target.sector = list(source.sector)
    target.name = target.name or source.name
    target.registry_id = target.registry_id or source.registry_id
    target.resolved_by = rule
    target.antecedent = source.id


def _title_head(title: Optional[str]) -> str:
    """'US-Außenministerin' -> 'außenministerin'; the part after a hyphen prefix, lower case."""
    return (title or "").rsplit("-", 1)[-1].lower()


def _fits_title(head: str, other: ActorMention) -> bool:
    if other.kind != "person" or not other.country or other.country == "UNK":
        return False
    for title in (other.title, ):
        other_head = _title_head(title)
        if other_head and (other_head.endswith(head) or other_head.endswith(head.removesuffix("in"))):
            return True
    return False


def apposition(mentions: list[ActorMention], words_between: dict[tuple[str, str], str]) -> None:
    """'Antony Blinken, der US-Außenminister,' : the name takes the title's country and sector."""
    for left, right in zip(mentions, mentions[1:]):
        if left.sentence != right.sentence or left.kind != "person" or right.kind != "person":
            continue
        gap = words_between.get((left.id, right.id))
        if gap not in (",", ", der", ", die", ", dem", ", den", ", des"):
            continue
        if left.country in (None, "UNK") and right.country not in (None, "UNK") and not right.name:
            _copy(left, right, "apposition")
            left.title = left.title or right.title
        elif right.country in (None, "UNK") and left.country not in (None, "UNK") and right.name is None:
            _copy(right, left, "apposition")


def definite_titles(mentions: list[ActorMention], definite: set[str]) -> None:
    """'der Präsident', 'die Ministerin' -> the last earlier person with that title."""
    for k, mention in enumerate(mentions):
        if mention.id not in definite or mention.name or mention.country not in (None, "UNK"):
            continue
        head = _title_head(mention.title)
        for other in reversed(mentions[:k]):
            if mention.sentence - other.sentence > TITLE_WINDOW:
                break
            if _fits_title(head, other):
                _copy(mention, other, "coref-title")
                mention.title = mention.title
                break


def pronouns(mentions: list[ActorMention], female: set[str]) -> None:
    """Subject pronouns to the last compatible actor: 'er' a (not female) person, 'sie' a woman or a group."""
    for k, mention in enumerate(mentions):
        if mention.kind != "pronoun":
            continue
        wants_female = mention.id in female
        for other in reversed(mentions[:k]):
            if mention.sentence - other.sentence > PRONOUN_WINDOW:
                break
            if other.kind == "pronoun" or other.country in (None, "UNK") or other.kind == "location":
                continue
            is_female = other.id in female
            if wants_female and (is_female or other.kind in FEMALE_GROUP_KINDS) \
                    or not wants_female and other.kind == "person" and not is_female:
                _copy(mention, other, "coref-pronoun")
                break


def context_country(mentions: list[ActorMention]) -> None:
    """A titled actor without a country takes the sentence's only state: 'die Regierungstruppen in Aleppo'."""
    by_sentence: dict[int, set[str]] = {}
    for m in mentions:
        if m.country and len(m.country) == 3 and m.country.isalpha() and m.country not in REGIONS:
            by_sentence.setdefault(m.sentence, set()).add(m.country)
    for m in mentions:
        if m.country not in (None, "UNK") or not m.title or m.kind == "pronoun":
            continue
        if m.sector and m.sector[0] in CONTEXT_FREE_SECTORS:
            continue
        cues = by_sentence.get(m.sentence, set())
        if len(cues) == 1:
            m.country = next(iter(cues))
            m.resolved_by = (m.resolved_by or "") + "+context-country"


def finish(mentions: list[ActorMention]) -> None:
    for mention in mentions:
        if mention.country is None:
            mention.country = "UNK"
            mention.resolved_by = mention.resolved_by or "unresolved"
        if not mention.sector:
            mention.sector = ["UNK"]
