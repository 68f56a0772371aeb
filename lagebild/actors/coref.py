"""Within-document coreference for actor mentions, each link with the rule that made it.

Surnames ("Biden" -> "US-Präsident Joe Biden") are linked while tagging (the
tagger keeps the document's names); this pass links what needs the finished
mention list: appositions, definite titles ("der Präsident") and subject
pronouns ("er", "sie") to the last fitting actor.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Optional

from ..lang import load_wordlist
from ..model import ActorMention
from .lexicon import GENERIC_RULE
from .tagger import BOTH, STATE_SECTORS

PARENTHESIS = re.compile(r"\([^()]*\)")
PRONOUN_WINDOW = 3         # sentences back that a pronoun may reach
TITLE_WINDOW = 8           # sentences back that "der Präsident" may reach
FEMALE_GROUP_KINDS = ("group", "organisation", "state")
REGIONS = frozenset({"WST", "EUR", "MEA", "AFR", "ASA", "UNK"})
# Civilians, refugees and the unknown are often foreigners in the sentence's country: leave them UNK.
CONTEXT_FREE_SECTORS = frozenset({"CVL", "REF", "MED", "UNK"})
# unnamed opposition and business people belong to the place the sentence names, if it names one country
LOCAL_SECTORS = frozenset({"OPP", "BUS"})
# the dateline gives the state of its officials and opposition, not of the armed groups or media
DATELINE_SECTORS = STATE_SECTORS | {"OPP", "PTY"}


DETERMINERS = load_wordlist("de", "definite_articles.txt")
# "andere Länder", "weitere Staaten": actors set apart from the ones named, so not coded by context
OTHERS = frozenset({"andere", "anderen", "anderer", "weitere", "weiteren", "weiterer", "übrige", "übrigen",
                    "sonstige", "sonstigen"})
# "die Verbündeten", "alle Verbündeten"; not "seine/unsere Verbündeten" (someone's allies)
ALLY_DETERMINERS = frozenset({"die", "den", "der", "alle", "allen", "westlichen", "westliche"})
# an owner after the group noun: "die Verbündeten des Kremls", "die Partner der Ukraine"
GENITIVE_STARTS = frozenset({"des", "der", "von"})
# the words between two coordinated titles: "die Regierung und die Opposition"
COORDINATION = re.compile(r"\s+(und|sowie|oder)\s+((die|der|den|dem|das|des)\s+)?")
UNCOORDINATED = frozenset({None, "UNK"})
# bodies, not persons: "der Minister und der Botschafter in Berlin" are not both of Germany
BODY_KINDS = frozenset({"group", "organisation"})
STATE_KINDS = frozenset({"person", "state", "seat", "group", "organisation"})


@dataclass
class Notes:
    """What the tagger saw around each mention, for the rules below."""
    definite: set[str] = field(default_factory=set)      # "der Präsident"
    female: set[str] = field(default_factory=set)
    quoted: set[str] = field(default_factory=set)        # inside quotation marks
    first_person: set[str] = field(default_factory=set)  # ich / wir
    both: set[str] = field(default_factory=set)          # "die beiden Führer"
    others: set[str] = field(default_factory=set)        # "andere Länder"
    text: str = ""                                       # the document text, for the words between mentions
    alliances: dict[str, str] = field(default_factory=dict)   # title base -> region (titles.yaml `region`)
    allies: dict[str, str] = field(default_factory=dict)       # "die Verbündeten" -> WST
    side_words: set[str] = field(default_factory=set)          # title bases for the sides of a conflict
    sides: set[str] = field(default_factory=set)               # "beide Kriegsparteien"

    def note(self, mention: ActorMention, draft, word_before: str, quoted: bool) -> None:
        before = word_before.lower()
        if draft.female:
            self.female.add(mention.id)
        if draft.title in self.alliances and draft.country is None and before in ALLY_DETERMINERS \
                and self._unowned(mention):
            # "die Verbündeten", "den Bündnispartnern": the (Western) alliance, not the states just named;
            # an owner ("seine Verbündeten", "die Verbündeten Russlands") makes them someone's allies
            self.allies[mention.id] = self.alliances[draft.title]
        if draft.title in self.side_words:
            self.sides.add(mention.id)
        plural = before == "die" and draft.kind == "person" and not draft.female   # "die Minister"
        if mention.id in self.allies:
            pass
        elif draft.title and (before in BOTH or plural):
            self.both.add(mention.id)
        elif draft.title and before in DETERMINERS:
            self.definite.add(mention.id)
        if draft.title and before in OTHERS:
            self.others.add(mention.id)
        if quoted:
            self.quoted.add(mention.id)
        if draft.first_person:
            self.first_person.add(mention.id)


    def _unowned(self, mention: ActorMention) -> bool:
        after = self.text[mention.end:mention.end + 40].split()
        return not after or after[0].lower() not in GENITIVE_STARTS and not after[0][:1].isupper()


def resolve(mentions: list[ActorMention], notes: Notes) -> list[ActorMention]:
    alliance_groups(mentions, notes.allies)
    generic_organisations(mentions)
    apposition(mentions, notes.text)
    late_antecedents(mentions)
    mentions = both_parties(mentions, notes.both, notes.sides)
    definite_titles(mentions, notes.definite)
    shared_place(mentions, notes.text)
    context_country(mentions, notes.others | notes.sides)   # the sides of a conflict: not the speaker's state
    quote_speakers(mentions, notes)
    pronouns(mentions, notes)
    finish(mentions)
    renumber(mentions)   # clones made by both_parties get their place in the a1, a2, ... sequence
    return mentions


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


def apposition(mentions: list[ActorMention], text: str) -> None:
    """'Antony Blinken, der US-Außenminister,' : the name takes the title's country and sector; also
    'der Präsident des Deutschen Fußballbundes (DFB), Reinhard Grindel' (parentheses skipped)."""
    persons = [m for m in mentions if m.kind == "person"]
    for left, right in zip(persons, persons[1:]):
        if left.sentence != right.sentence or right.start < left.end:
            continue
        gap = " ".join(PARENTHESIS.sub(" ", text[left.end:right.start]).split())
        if gap not in (",", ", der", ", die", ", dem", ", den", ", des"):
            continue
        if left.country in (None, "UNK") and right.country not in (None, "UNK") and not right.name:
            _copy(left, right, "apposition")
            left.title = left.title or right.title
        elif right.country in (None, "UNK") and left.country not in (None, "UNK") and (
                right.name is None or left.name is None):   # "der Chef der Ukip, Nigel Farage"
            _copy(right, left, "apposition")
            right.title = right.title or left.title


def generic_organisations(mentions: list[ActorMention]) -> None:
    """'das Militärbündnis' is NATO only when NATO was named before in the document; else UNK."""
    named: dict[str, ActorMention] = {}
    for m in mentions:
        if m.resolved_by != GENERIC_RULE:
            if m.country and m.kind != "location":
                named.setdefault(m.country, m)
            continue
        antecedent = named.get(m.country or "")
        if antecedent is None:
            m.country, m.name, m.resolved_by = "UNK", None, GENERIC_RULE + "+no-antecedent"
        else:
            m.antecedent, m.resolved_by = antecedent.id, GENERIC_RULE + "+coref-generic"


def late_antecedents(mentions: list[ActorMention]) -> None:
    """'Campbell' linked while tagging to 'Kurt Campbell', who got his country from an apposition later."""
    by_id = {m.id: m for m in mentions}
    for m in mentions:
        other = by_id.get(m.antecedent or "")
        if other is not None and m.country in (None, "UNK") and other.country not in (None, "UNK"):
            _copy(m, other, (m.resolved_by or "coref") + "+late")


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


def pronouns(mentions: list[ActorMention], notes: Notes) -> None:
    """Subject pronouns to the last compatible actor: 'er' a (not female) person, 'sie' a woman or a group."""
    female = notes.female
    for k, mention in enumerate(mentions):
        if mention.kind != "pronoun" or mention.id in notes.first_person:
            continue
        wants_female = mention.id in female
        for other in reversed(mentions[:k]):
            if mention.sentence - other.sentence > PRONOUN_WINDOW:
                break
            if other.kind in ("pronoun", "location", "modifier"):
                continue
            is_female = other.id in female
            if wants_female and (is_female or other.kind in FEMALE_GROUP_KINDS) \
                    or not wants_female and other.kind == "person" and not is_female:
                _copy(mention, other, "coref-pronoun")
                break


def shared_place(mentions: list[ActorMention], text: str) -> None:
    """ "die Regierung und die Opposition in Uganda": the place after the last conjunct locates each
    uncoded title before it (an appeal to both is not also to the speaker's own state)."""
    for left, right in zip(mentions, mentions[1:]):
        if left.sentence != right.sentence or left.country not in UNCOORDINATED or left.kind not in BODY_KINDS:
            continue
        if right.country in UNCOORDINATED or " in " not in right.text or not right.title:
            continue
        if COORDINATION.fullmatch(text[left.end:right.start]):
            left.country = right.country
            left.resolved_by = (left.resolved_by or "") + "+shared-place"


def alliance_groups(mentions: list[ActorMention], allies: dict[str, str]) -> None:
    for m in mentions:
        if m.id in allies:
            m.country = allies[m.id]
            m.resolved_by = (m.resolved_by or "") + "+alliance-region"


def context_country(mentions: list[ActorMention], others: frozenset[str] | set[str] = frozenset()) -> None:
    """A titled actor without a country takes the sentence's only state ('die Regierungstruppen in
    Aleppo'), else the dateline's state, else - in a sentence naming no state - the state the document
    is mostly about ('das Innenministerium')."""
    by_sentence: dict[int, set[str]] = {}
    places: dict[int, set[str]] = {}
    counts: dict[str, int] = {}
    for m in mentions:
        # a state adjective on a non-actor noun ("Übergreifen des syrischen Bürgerkriegs") is no cue
        # nor is a medium's state ("sagte der Minister der Agentur Reuters": not a British minister)
        if m.kind != "modifier" and m.country and len(m.country) == 3 and m.country.isalpha() \
                and m.country not in REGIONS and "MED" not in m.sector:
            by_sentence.setdefault(m.sentence, set()).add(m.country)
            counts[m.country] = counts.get(m.country, 0) + 1
            if m.kind == "location":
                places.setdefault(m.sentence, set()).add(m.country)
    top = max(counts, key=counts.get) if counts else None
    dominant = top if top and counts[top] >= 2 and 2 * counts[top] > sum(counts.values()) else None
    # "Hanoi - ...": local authorities of an agency report are the dateline's
    # (state actors only: the reporters, parties or armed groups in a "Genf - ..." report are anyone's)
    dateline = next((m.country for m in mentions if (m.resolved_by or "").endswith("+dateline")
                     and m.country and m.country.isalpha()), None)
    for m in mentions:
        if m.country not in (None, "UNK") or not m.title or m.kind == "pronoun" or m.id in others:
            continue
        if m.sector and m.sector[0] in CONTEXT_FREE_SECTORS:
            continue
        cues = by_sentence.get(m.sentence, set())
        where = places.get(m.sentence, set())
        if len(where) == 1 and not m.name and m.sector and m.sector[0] in LOCAL_SECTORS:
            # "Xi führte in Seattle Gespräche mit Wirtschaftsvertretern": the place's business people,
            # whatever other states the sentence names
            m.country = next(iter(where))
            m.resolved_by = (m.resolved_by or "") + "+place-country"
        elif len(cues) == 1:
            m.country = next(iter(cues))
            m.resolved_by = (m.resolved_by or "") + "+context-country"
        elif dateline and m.sector and m.sector[0] in DATELINE_SECTORS:
            m.country = dateline
            m.resolved_by = (m.resolved_by or "") + "+dateline-country"
        elif not cues and dominant:
            m.country = dominant
            m.resolved_by = (m.resolved_by or "") + "+document-country"


def quote_speakers(mentions: list[ActorMention], notes: Notes) -> None:
    """'ich'/'wir' inside a quotation: the person outside the quotes of that sentence, else of the sentence before."""
    for mention in mentions:
        if mention.id not in notes.first_person or mention.id not in notes.quoted:
            continue
        for sentence in (mention.sentence, mention.sentence - 1):
            speakers = [m for m in mentions if m.sentence == sentence and m.kind == "person"
                        and m.id not in notes.quoted and m.country not in (None, "UNK")]
            if speakers:
                _copy(mention, speakers[-1] if sentence < mention.sentence else speakers[0], "coref-quote-speaker")
                break


def both_parties(mentions: list[ActorMention], both: set[str], sides: set[str] = frozenset()) -> list[ActorMention]:
    """'die beiden Führer', 'beider Länder', 'die Minister': one mention per country of the last two states named.
    The sides of a conflict ('beide Kriegsparteien') are not the person who addresses them in that sentence."""
    out: list[ActorMention] = []
    for k, mention in enumerate(mentions):
        out.append(mention)
        if mention.id not in both or mention.country not in (None, "UNK"):
            continue
        earlier = mentions[:k]
        if mention.id in sides:
            earlier = [m for m in earlier if m.sentence != mention.sentence or m.kind != "person"]
        countries = _salient_states(earlier, mention.sentence)
        if not countries:
            continue
        mention.country, mention.antecedent = countries[0][0], countries[0][1].id
        mention.resolved_by = "coref-both" if len(countries) == 2 else "coref-plural"
        for code, other in countries[1:]:
            out.append(replace(mention, id=mention.id + "b", country=code, antecedent=other.id,
                               sector=list(mention.sector)))
    return out


def _salient_states(earlier: list[ActorMention], sentence: int) -> list[tuple[str, ActorMention]]:
    """The two states named most often in the last sentences (ties: the more recent), in text order."""
    counts: dict[str, int] = {}
    last: dict[str, tuple[int, ActorMention]] = {}
    for pos, other in enumerate(earlier):
        code = other.country
        if sentence - other.sentence > TITLE_WINDOW or other.kind not in STATE_KINDS:
            continue
        if code and len(code) == 3 and code not in REGIONS:
            counts[code] = counts.get(code, 0) + 1
            last[code] = (pos, other)
    top = sorted(counts, key=lambda c: (counts[c], last[c][0]), reverse=True)[:2]
    return [(c, last[c][1]) for c in sorted(top, key=lambda c: last[c][0])]


def renumber(mentions: list[ActorMention]) -> None:
    new_ids = {m.id: f"a{i}" for i, m in enumerate(mentions, 1)}
    for m in mentions:
        m.id = new_ids[m.id]
        if m.antecedent:
            m.antecedent = new_ids.get(m.antecedent, m.antecedent)


def finish(mentions: list[ActorMention]) -> None:
    for mention in mentions:
        if mention.country is None:
            mention.country = "UNK"
            mention.resolved_by = mention.resolved_by or "unresolved"
        if not mention.sector:
            mention.sector = ["UNK"]
