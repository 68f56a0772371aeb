"""Background mentions: states and organisations a sentence names that take part in none of its events.

Runs after coreference on parsed sentences (unparsed ones are left alone). A mention that a rule of
``lang/de/actor_roles.yaml`` matches gets role "background" and the rule id ("B-...") in ``resolved_by``; kind and country
stay what they are (a state stays a state for name recognition and for the events stage, which may
still take it where the parse makes it an argument). ``is_background`` tells such mentions. Each rule reads the mention's place in the dependency tree: the noun or verb it hangs
from, the preposition that introduces it, the words of its noun phrase.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..lang import datafile as df
from ..lang import load_wordlist
from ..model import ActorMention, Sentence, Token
from .lexicon import DATA_DIR, Lexicon

ROLES_FILE = DATA_DIR / "actor_roles.yaml"
CANDIDATE_KINDS = frozenset({"state", "seat", "organisation", "region", "modifier"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass"})
NOUN_PHRASE_DEPS = frozenset({"appos", "flat", "flat:name", "compound"})
DATIVE_STARTS = frozenset({"der", "dem", "einer", "einem", "gegenüber"})
AGENT_PREPOSITIONS = frozenset({"von", "vom"})
RANK_PREPOSITIONS = frozenset({"hinter", "vor"})
INDEFINITE = load_wordlist("de", "indefinite_articles.txt")
GOAL_PREPOSITIONS = frozenset({"zu", "für", "nach"})
ARTICLES = load_wordlist("de", "definite_articles.txt")
DETERMINERS = ARTICLES | INDEFINITE
RELATIVE_PRONOUNS = load_wordlist("de", "relative_pronouns.txt")
MAX_UP = 8            # heads climbed from a medium to its speech verb
RANK_REACH = 4        # tokens after a ranked state within which the rank noun stands
LIST_KEYS = ("info_nouns", "source_prepositions", "channel_verbs", "stance_nouns", "former_words", "rank_nouns",
             "domain_nouns")


@dataclass(frozen=True, slots=True)
class RoleRules:
    examples: tuple[tuple[str, str, str], ...]   # (rule id, example sentence, background mention)
    info_nouns: tuple[str, ...]
    source_prepositions: frozenset[str]
    channel_verbs: frozenset[str]
    stance_nouns: frozenset[str]
    former_words: tuple[str, ...]
    rank_nouns: frozenset[str]
    domain_nouns: tuple[str, ...]


@lru_cache(maxsize=4)
def load_role_rules(path: Path = ROLES_FILE) -> RoleRules:
    data = df.read(path)
    df.check_fields(path, data, getattr(data, "line", 1), ("rules",) + LIST_KEYS, ("rules",) + LIST_KEYS)
    if not isinstance(data["rules"], list):
        df.fail(path, data.lines["rules"], "rules must be a list of {id, example, mention}")
    examples = []
    for rule, line in zip(data["rules"], getattr(data["rules"], "lines", [])):
        df.check_fields(path, rule, line, ("id", "example", "mention"), ("id", "example", "mention"))
        if rule["mention"] not in rule["example"]:
            df.fail(path, line, f"rule {rule['id']}: its mention {rule['mention']!r} is not in its example")
        examples.append((rule["id"], rule["example"], rule["mention"]))
    lists = {key: [w.lower() for w in df.strings(path, data, key)] for key in LIST_KEYS}
    return RoleRules(tuple(examples), tuple(lists["info_nouns"]),
                     frozenset(lists["source_prepositions"]), frozenset(lists["channel_verbs"]),
                     frozenset(lists["stance_nouns"]), tuple(lists["former_words"]), frozenset(lists["rank_nouns"]),
                     tuple(lists["domain_nouns"]))


def mark_background(sentences: list[Sentence], mentions: list[ActorMention], lex: Lexicon,
                    rules: Optional[RoleRules] = None) -> None:
    rules = rules or load_role_rules()
    by_sentence: dict[int, list[ActorMention]] = {}
    for m in mentions:
        if m.kind in CANDIDATE_KINDS:
            by_sentence.setdefault(m.sentence, []).append(m)
    for sentence in sentences:
        found = by_sentence.get(sentence.i)
        if not found or not sentence.tokens or sentence.tokens[0].head is None:
            continue
        tree = _Phrases(sentence.tokens)
        for m in found:
            span = tree.span(m.start, m.end)
            rule = span and _rule(tree, m, span[0], span[1], lex, rules)
            if rule:
                m.resolved_by = _with_rule(m.resolved_by, rule)
                m.role = "background"


def is_background(mention: ActorMention) -> bool:
    """Did a rule of actor_roles.yaml mark the mention as background? (its id is in ``resolved_by``)"""
    return mention.role == "background"


def _with_rule(resolved_by: Optional[str], rule: str) -> str:
    """The rule appended; a trailing '+context-country' stays last (the events stage reads it there)."""
    if not resolved_by:
        return rule
    base, sep, last = resolved_by.rpartition("+")
    if sep and last == "context-country":
        return f"{base}+{rule}+{last}"
    return f"{resolved_by}+{rule}"


class _Phrases:
    """The parsed tokens of one sentence with their children."""

    def __init__(self, tokens: list[Token]) -> None:
        self.toks = tokens
        self.words = [t.text for t in tokens]
        self.kids: list[list[Token]] = [[] for _ in tokens]
        for t in tokens:
            if t.head is not None and 0 <= t.head < len(tokens):
                self.kids[t.head].append(t)

    def span(self, start: int, end: int) -> Optional[tuple[int, int]]:
        inside = [t.i for t in self.toks if t.start < end and start < t.end]
        return (inside[0], inside[-1]) if inside else None

    def head_of(self, first: int, last: int) -> int:
        """The token of first..last whose head lies outside the span."""
        for k in range(first, last + 1):
            h = self.toks[k].head
            if h is None or h < first or h > last:
                return k
        return last

    def parent(self, k: int) -> Optional[Token]:
        h = self.toks[k].head
        return self.toks[h] if h is not None and 0 <= h < len(self.toks) else None

    def top_of_phrase(self, k: int) -> int:
        """Up through appositions and name parts: 'der Agentur AFP' -> 'Agentur'."""
        for _ in range(MAX_UP):   # bounded: a malformed parse may loop
            parent = self.parent(k)
            if self.toks[k].dep not in NOUN_PHRASE_DEPS or parent is None:
                break
            k = parent.i
        return k

    def cases(self, k: int) -> set[str]:
        return {c.text.lower() for c in self.kids[k] if c.dep == "case"}

    def before(self, first: int) -> str:
        """The word before the mention, an article skipped: 'gegenüber dem Iran' -> 'gegenüber'."""
        k = first - 1
        if k > 0 and self.words[k].lower() in ARTICLES:
            k -= 1
        return self.words[k].lower() if k >= 0 else ""

    def lemma(self, k: int) -> str:
        return (self.toks[k].lemma or self.words[k]).lower()


def _rule(tree: _Phrases, m: ActorMention, first: int, last: int, lex: Lexicon, rules: RoleRules) -> Optional[str]:
    head = tree.head_of(first, last)
    if _has_relative_clause(tree, last, head):
        return None   # 'nach Angaben der Regierung, die nun Unterkünfte bereitstellen will': it acts there
    if _info_source(tree, m, first, last, head, rules):
        return "B-INFO-SOURCE"
    if "MED" in m.sector and _channel(tree, first, head, rules):
        return "B-CHANNEL"
    if _attributive_agent(tree, first, last, head):
        return "B-ATTRIBUTIVE-AGENT"
    if tree.before(first) == "gegenüber" and _stance_noun(tree, first, head, rules):
        return "B-STANCE-OBJECT"
    if m.kind == "organisation" and _former_office(tree, head, lex, rules):
        return "B-FORMER-OFFICE"
    if m.kind == "organisation" and _prospect(tree, first, head):
        return "B-PROSPECT"
    if m.kind == "modifier" and _domain_noun(tree, first, last, m, lex, rules):
        return "B-DOMAIN"
    if tree.before(first) in RANK_PREPOSITIONS and any(
            w.lower() in rules.rank_nouns for w in tree.words[last + 1:last + 1 + RANK_REACH]):
        return "B-RANKING"
    return None


def _has_relative_clause(tree: _Phrases, last: int, head: int) -> bool:
    """By the parse, or by the words: the parser may hang the clause on the noun before."""
    words = tree.words
    return any(c.dep == "acl:relcl" for c in tree.kids[head]) or \
        last + 2 < len(words) and words[last + 1] == "," and words[last + 2] in RELATIVE_PRONOUNS


def _info_source(tree: _Phrases, m: ActorMention, first: int, last: int, head: int, rules: RoleRules) -> bool:
    """'nach UNO-Angaben', 'US-Informationen zufolge', 'laut Angaben der Regierung'. Only the compound
    modifier or the genitive: after 'aus'/'von' ('Angaben aus Moskau') the place may also take part, as
    with 'Kritik aus China' (actor_places.yaml)."""
    if m.kind == "modifier":
        noun = first
    else:
        parent = tree.parent(head)
        if parent is None or tree.toks[head].dep != "nmod" or tree.cases(head):
            return False
        noun = parent.i
    if tree.toks[noun].upos not in ("NOUN", "PROPN"):
        return False
    word = tree.words[noun].lower().rsplit("-", 1)[-1]
    if not word.endswith(rules.info_nouns):
        return False
    after = max(noun, last) + 1
    return bool(tree.cases(noun) & rules.source_prepositions) \
        or noun > 0 and tree.words[noun - 1].lower() in rules.source_prepositions \
        or after < len(tree.words) and tree.words[after].lower() == "zufolge"


def _channel(tree: _Phrases, first: int, head: int, rules: RoleRules) -> bool:
    """A medium given the words, not their speaker: 'sagte er der Agentur AFP', 'gegenüber der Zeitung'."""
    top = tree.top_of_phrase(head)
    if tree.toks[top].dep in SUBJECT_DEPS:
        return False
    k = first - 1   # back over the medium's adjectives and title to the article: 'der staatlichen Agentur AFP'
    while k > 0 and (k == top or tree.toks[k].upos == "ADJ"):
        k -= 1
    if k < 0 or tree.words[k].lower() not in DATIVE_STARTS \
            or any("Case=Nom" in (tree.toks[j].morph or "") for j in (k, top)):
        return False   # 'das berichtet der Guardian': a nominative article or noun is the speaker's
    node = tree.parent(top)
    for _ in range(MAX_UP):
        if node is None:
            return False
        if node.upos in ("VERB", "AUX"):
            return tree.lemma(node.i) in rules.channel_verbs
        node = tree.parent(node.i)
    return False


def _attributive_agent(tree: _Phrases, first: int, last: int, head: int) -> bool:
    """'die von Russland unterstützten Separatisten': 'von' + agent + participle before its noun, the
    agent hanging from the participle and the participle from the noun ('von Deutschland und anderen
    Ländern unterstützt' is a passive agent and stays)."""
    if first == 0 or tree.words[first - 1].lower() not in AGENT_PREPOSITIONS:
        return False
    j = last + 1
    while j < len(tree.words) and j - last <= 3 and tree.words[j].isalpha() and tree.words[j].islower():
        j += 1
    if j == last + 1 or j >= len(tree.words) or tree.toks[j].upos not in ("NOUN", "PROPN"):
        return False
    participle = tree.toks[j - 1]
    if tree.toks[head].head == participle.i and participle.head == j and participle.dep == "amod":
        return True
    # by the words, where the tagger took the participle for a finite verb: an article before
    # "von" and an inflected participle before the noun ("die von X unterstützten Separatisten")
    return first >= 2 and tree.words[first - 2].lower() in DETERMINERS \
        and participle.text.endswith(("te", "ten", "ter", "tes", "tem", "ene", "enen", "ener", "enes", "enem"))


def _stance_noun(tree: _Phrases, first: int, head: int, rules: RoleRules) -> bool:
    """'eine härtere Gangart gegenüber China': the noun the 'gegenüber' phrase modifies."""
    parent = tree.parent(head)
    if parent is not None and parent.upos == "NOUN" and tree.lemma(parent.i) in rules.stance_nouns:
        return True
    k = first - 1 - (tree.words[first - 1].lower() in ARTICLES)   # the word before 'gegenüber'
    return k > 0 and tree.words[k - 1].lower() in rules.stance_nouns


def _domain_noun(tree: _Phrases, first: int, last: int, m: ActorMention, lex: Lexicon, rules: RoleRules) -> bool:
    """'des syrischen Bürgerkriegs', 'im ukrainischen Grenzgebiet', 'US-Wahlkampf': the state whose
    territory or internal affairs the noun names (its geographic nouns as in actor_places.yaml)."""
    word = tree.words[first]
    if m.end < tree.toks[first].end:   # hyphen prefix: the noun is the rest of the word
        noun, at = word.rsplit("-", 1)[-1], first
    else:
        parent = tree.parent(last)
        if parent is None or parent.i <= last or tree.toks[last].dep != "amod":
            return False
        noun, at = parent.text, parent.i
    # a territory only where it is the place ('im ukrainischen Grenzgebiet'), not where its authority
    # acts ('das Gouverneursamt der russischen Grenzregion meldete')
    return noun.lower().endswith(rules.domain_nouns) or noun in lex.geo_nouns and bool(tree.cases(at))


def _prospect(tree: _Phrases, first: int, head: int) -> bool:
    """'ein Schritt zu einer EU-Armee', 'Pläne für eine europäische Armee': a body that does not exist yet,
    named with an indefinite article as the goal of a noun, cannot act."""
    words = tree.words
    if first < 3 or words[first - 1].lower() not in INDEFINITE or words[first - 2].lower() not in GOAL_PREPOSITIONS:
        return False
    parent = tree.parent(head)
    return parent is not None and parent.upos == "NOUN" or tree.toks[first - 3].upos == "NOUN"


def _former_office(tree: _Phrases, head: int, lex: Lexicon, rules: RoleRules) -> bool:
    """'den ehemaligen Präsidenten der UN-Vollversammlung': the body of an office its holder left."""
    title = tree.parent(head)
    if title is None or tree.toks[head].dep != "nmod" or not lex.title(title.text):
        return False
    # by the word's stem: the lemmatiser gives 'früh' for 'früheren'
    return title.text.startswith("Ex-") or any(
        c.dep == "amod" and tree.words[c.i].lower().startswith(rules.former_words) for c in tree.kids[title.i])
