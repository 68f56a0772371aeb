"""Find and code actor mentions in tokenised sentences.

One left-to-right pass per sentence; at each token a handful of dict lookups
(phrase by first token, hyphen prefix, adjective, title, registry name). A
mention is grown around its core: country modifiers before a title ("Japans",
"japanischen", "US-"), a name after it, a genitive or "in <seat>" after that.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..lang import load_wordlist
from ..model import ActorMention, Analysis, Token
from .lexicon import GENERIC_RULE, Entry, Lexicon, Term, Title, occupant

NAME_PARTICLES = frozenset({"de", "van", "von", "der", "zu", "da", "di", "la", "le", "bin", "ibn", "el", "al"})
GENITIVE_ARTICLES = frozenset({"der", "des"})
DEFINITE_ARTICLES = load_wordlist("de", "definite_articles.txt")
DETERMINERS = DEFINITE_ARTICLES | {w.capitalize() for w in DEFINITE_ARTICLES}   # also opening a sentence
PLACE_KINDS = ("state", "seat", "region", "location")
VISIT_REACH = 6   # tokens between a visit noun and the place preposition
GEO_LINKS = frozenset({"zu", "zur", "zum", "zwischen"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
COORDINATORS = ("und", "oder")
DASHES = frozenset({"-", "–", "—"})
BOTH = frozenset({"beide", "beiden", "beider"})
PRONOUNS = {"er": "m", "Er": "m", "ihm": "m", "ihn": "m", "sie": "f", "Sie": "f", "ich": "1", "Ich": "1", "wir": "1", "Wir": "1"}
MAX_NAME = 5
QUOTES = frozenset({"„", "“", "”", '"', "«", "»", "‚", "‘", "’"})
NOT_NAMES = frozenset({
    "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag", "Sonnabend",
    "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
    "November", "Dezember", "Der", "Die", "Das", "Ein", "Eine", "Und", "In", "Am", "Im", "Auf",
})


@dataclass(slots=True)
class Draft:
    """A mention under construction (token indices are sentence-local, end exclusive)."""
    first: int
    last: int
    country: Optional[str] = None
    sector: Optional[str] = None
    kind: Optional[str] = None
    name: Optional[str] = None
    title: Optional[str] = None
    female: bool = False
    registry: Optional[Term] = None
    rule: str = ""
    antecedent: Optional[str] = None
    first_person: bool = False
    char_end: Optional[int] = None    # mention ends inside its last token ("US" of "US-Luftangriff")
    extra: list["Draft"] = field(default_factory=list)   # coordinated adjectives: "US-amerikanischen und japanischen"


class SentenceTagger:
    """Codes the mentions of one sentence; ``known`` carries the document's names for surname coreference."""

    def __init__(self, lex: Lexicon, date: Optional[str], known: dict[str, ActorMention]) -> None:
        self.lex = lex
        self.date = date
        self.known = known
        self.stop_surnames = load_wordlist("de", "actor_surname_stop.txt")
        self.given_names = load_wordlist("de", "given_names.txt")
        self.honorifics = load_wordlist("de", "actor_honorifics.txt")

    def tag(self, tokens: list[Token], names=None) -> list[Draft]:
        self.words = [t.text for t in tokens]
        self.upos = [t.upos for t in tokens]
        drafts: list[Draft] = []
        i, n = 0, len(self.words)
        while i < n:
            draft = self._at(i)
            if draft is None:
                i += 1
                continue
            if drafts and self._coordinated_place(drafts[-1], draft):
                draft.kind, draft.rule = "location", draft.rule + "+P-COORD"
            # the further states of "US-iranischen" after the first, in the order they are named
            drafts.append(draft)
            drafts.extend(draft.extra)
            i = draft.last
        if names is not None:
            spans = names.spans(self.words, self.upos)
            # a person span of the recogniser replaces a word-rule person only when it is all capitalised
            persons = [s for s in spans if s[2] == "PER" and all(w[:1].isupper() for w in self.words[s[0]:s[1]])]
            inner = {d.first: d for d in drafts if _inside_longer_name(d, spans, self.words)}
            drafts = [d for d in drafts if not _inside_organisation_name(d, spans) and not _weak_person(d, persons)
                      and d.first not in inner]
            for d in drafts:
                if _named_institution(d, spans):
                    d.name, d.rule = " ".join(self.words[d.first:d.last]), d.rule + "+named"
            drafts.extend(self._model_names(spans, drafts, inner))
        return drafts

    def _model_names(self, spans: list[tuple[int, int, str]], drafts: list[Draft],
                     inner: dict[int, Draft]) -> list[Draft]:
        """Names the statistical recogniser finds where the lexicons found nothing; an organisation
        name that extends a listed one by its own words ("Audi AG") keeps its country and sector (`inner`)."""
        taken = [False] * len(self.words)
        for d in drafts:
            taken[d.first:d.last] = [True] * (d.last - d.first)
        out = []
        for first, last, label in spans:
            if label == "PER" and last - first > 1 and self.words[first] in self.honorifics:
                first += 1   # "Frau Sommaruga": the name is "Sommaruga"
            if any(taken[first:last]):
                continue
            # A capitalised adverb or verb opening the sentence ("Erneut forderte er ...") is no
            # name: with a parse, a one-word name must be a noun.
            if last - first == 1 and self.upos[first] not in (None, "PROPN", "NOUN", "X"):
                continue
            text = " ".join(self.words[first:last])
            if label == "PER":
                draft = Draft(first, last, kind="person", name=text, rule="name-model")
                self._code_name(draft, last)
            else:
                draft = Draft(first, last, None, "UNK", "organisation" if label == "ORG" else "location", text,
                              rule="name-model")
                known = next((d for d in inner.values() if first <= d.first and d.last <= last), None)
                if label == "ORG" and known is not None and known.kind == "organisation" and \
                        known.name == " ".join(self.words[known.first:known.last]):   # not "Union" for CDU/CSU
                    draft.country, draft.sector, draft.rule = known.country, known.sector, "name-model+" + known.rule
            out.append(draft)
        return out

    # ---- the core at position i -------------------------------------------
    def _at(self, i: int) -> Optional[Draft]:
        w = self.words[i]
        if w.endswith("-") and i + 2 < len(self.words) and self.words[i + 1] in COORDINATORS:
            hit = self._title_at(i + 2)   # "Staats- und Regierungschefs": one mention
            if hit:
                return self._title_mention(i, i + 2, hit[0], hit[1], None, "coordinated-compound")
        modifiers = self._country_modifiers(i)
        if modifiers:
            return modifiers
        codes = self._adjective_codes(w) if w[:1].islower() or "-" in w else None
        if codes:   # "US-iranischen Vorbereitungen": the states as modifiers; the events stage decides
            draft = Draft(i, i + 1, codes[0], "GOV", "modifier", self.lex.country_names.get(codes[0]),
                          rule="adjective-modifier")
            draft.extra = [Draft(i, i + 1, c, "GOV", "modifier", self.lex.country_names.get(c),
                                 rule="adjective-modifier") for c in codes[1:]]
            return draft
        person = self._registry_name(i)
        if person:
            return person
        phrase = self._phrase(i)
        if phrase and not (phrase[1].kind == "location" and w in self.known):   # a person named earlier wins
            toks, entry = phrase
            draft = Draft(i, i + len(toks), entry.code, entry.sector, entry.kind, entry.name, rule=entry.rule)
            place_rule = self._place_use(i, entry.kind) if entry.kind in PLACE_KINDS else None
            if place_rule:
                draft.kind = "location"
                draft.rule += "+" + place_rule
            elif entry.kind in PLACE_KINDS and i == 0 and draft.last < len(self.words) \
                    and self.words[draft.last] in DASHES:   # "Tokio - Die USA und Japan ...": a dateline
                draft.kind, draft.rule = "location", draft.rule + "+dateline"
            self._attach_topic(draft)
            return draft
        if "-" in w:
            prefixed = self._prefixed(i)
            if prefixed:
                return prefixed
        hit = self.lex.title(w) if w[:1].isupper() else None
        if hit:
            title, rule = hit
            return self._title_mention(i, i, title, rule, None, "")
        if w in PRONOUNS and (w.islower() or i == 0 or PRONOUNS[w] == "1" or self.words[i - 1] in QUOTES):
            return Draft(i, i + 1, kind="pronoun", female=PRONOUNS[w] == "f", rule="pronoun",
                         first_person=PRONOUNS[w] == "1")
        if w in self.given_names:
            named = self._given_name(i)
            if named:
                return named
        if w[:1].isupper() and w not in NOT_NAMES:
            return self._surname(i) or self._apposition_name(i)
        return None

    def _given_name(self, i: int) -> Optional[Draft]:
        """'Reinhard Grindel': a given name and capitalised words after it, coded by registry or coreference."""
        end = i + 1
        while end < len(self.words) and end - i < MAX_NAME - 1 and self._name_part(end, False):
            end += 1
        if end == i + 1 or not self.words[end - 1][:1].isupper():
            return None
        draft = Draft(i, end, kind="person", name=" ".join(self.words[i:end]), rule="given-name")
        self._code_name(draft, end)
        return draft

    def _apposition_name(self, i: int) -> Optional[Draft]:
        """'Jonas Beispielmann, der kenianische Außenminister,': a name the coref pass codes from its title."""
        end = i
        while end < len(self.words) and end - i < MAX_NAME - 1 and self._name_part(end, end == i):
            end += 1
        k = end + 1
        if end - i < 2 or k >= len(self.words) or self.words[end] != ",":
            return None
        if i == 0 and self.words[i] not in self.given_names:   # "Auch Jürgen W., der ...": sentence-initial word
            return None
        if self.words[k] in DETERMINERS:
            k += 1
        if self._title_at(k) or self._country_modifiers(k):
            return Draft(i, end, kind="person", name=" ".join(self.words[i:end]), rule="apposition-name")
        return None

    def _place_use(self, i: int, kind: str) -> Optional[str]:
        """The rule by which the place word at i names a place, not an actor (actor_places.yaml)."""
        words, lex = self.words, self.lex
        k = i - 1
        while k > 0 and i - k <= 2 and words[k].isalpha() and words[k].islower() \
                and words[k] not in lex.place_preps:   # "im kommunistischen Kuba"
            k -= 1
        k -= k > 0 and words[k] in DETERMINERS   # "in der Türkei", "nach dem Irak"
        if k >= 0 and words[k] in lex.place_preps:
            return None if kind in ("state", "seat") and self._visit_before(k) else "P-PREP"
        # "im Süden Israels", "im Zentrum des Gazastreifens", "an der Grenze zu Syrien / zur Türkei"
        k = i - 1
        if k > 0 and words[k] in DETERMINERS and words[k - 1] in GEO_LINKS:
            k -= 1
        if k > 0 and (words[k] in GEO_LINKS or words[k] in GENITIVE_ARTICLES):
            k -= 1
        return "P-GEO-NOUN" if k >= 0 and words[k] in lex.geo_nouns else None

    def _coordinated_place(self, before: Draft, draft: Draft) -> bool:
        """'nach Frankreich und Deutschland': a state coordinated with a place is a place too."""
        if before.kind != "location" or draft.kind not in PLACE_KINDS or draft.kind == "location":
            return False
        between = [w for w in self.words[before.last:draft.first] if w not in DETERMINERS]
        return between in (["und"], ["oder"], [","], ["sowie"])

    def _visit_before(self, k: int) -> bool:
        """A visit noun shortly before position k in the same clause ("Besuch von Obama in ...")."""
        for j in range(k - 1, max(k - VISIT_REACH, 0) - 1, -1):
            w = self.words[j]
            if w in (",", ";", ":") or w in DASHES:
                return False
            if w[:1].isupper() and w.lower().endswith(self.lex.visit_nouns):
                return True
        return False

    def _phrase(self, i: int) -> Optional[tuple[tuple[str, ...], Entry]]:
        for toks, entry in self.lex.phrases.get(self.words[i], ()):
            if tuple(self.words[i:i + len(toks)]) == toks:
                return toks, entry
        return None

    # ---- "Japans Außenministerin", "japanischen Streitkräften", "US-Außenminister" -----------
    def _country_modifiers(self, i: int) -> Optional[Draft]:
        """Country words that modify a following title; None when no title follows."""
        phrase = self._phrase(i)
        if phrase and phrase[1].kind in ("state", "region") and _is_genitive(phrase[0], phrase[1]):
            j = i + len(phrase[0])
            hit = self._title_at(j)
            if hit:
                return self._title_mention(i, j, hit[0], hit[1], phrase[1].code, "genitive+title")
            return None
        codes = self._adjective_codes(self.words[i])
        if not codes:
            return None
        j = i + 1
        hit = self._title_at(j)
        if hit:
            return self._title_mention(i, j, hit[0], hit[1], codes[-1], "adjective+title")
        # coordinated: "US-amerikanischen und japanischen Streitkräften"
        if j + 1 < len(self.words) and self.words[j] in ("und", "oder", ","):
            second = self._adjective_codes(self.words[j + 1])
            hit = self._title_at(j + 2) if second else None
            if hit:
                draft = self._title_mention(j + 1, j + 2, hit[0], hit[1], second[-1], "adjective+title")
                draft.extra.append(Draft(i, i + 1, codes[-1], hit[0].sector, hit[0].kind,
                                         self.lex.country_names.get(codes[-1]), hit[0].base,
                                         rule="coordinated-adjective"))
                return draft
        return None

    def _adjective_codes(self, word: str) -> list[str]:
        """'japanischen' -> [JPN]; 'amerikanisch-japanischen' -> [USA, JPN]; 'US-amerikanischen' -> [USA]."""
        code = self.lex.adjectives.get(word.lower())
        if code:
            return [code]
        if "-" not in word:
            return []
        codes = []
        for part in word.split("-"):
            code = self.lex.adjectives.get(part.lower()) or self.lex.adjectives.get(part.lower() + "en")
            prefix = self.lex.prefixes.get(part)
            if code:
                codes.append(code)
            elif prefix is not None and prefix.kind == "state":
                codes.append(prefix.code)
            else:
                return []
        return list(dict.fromkeys(codes))

    def _title_at(self, j: int) -> Optional[tuple[Title, str]]:
        if j >= len(self.words) or not self.words[j][:1].isupper():
            return None
        return self.lex.title(self.words[j])

    def _prefixed(self, i: int) -> Optional[Draft]:
        """'US-Außenminister', 'EU-Kommission', 'IS-Miliz', 'CSU-Chef', 'Nato-Generalsekretär'."""
        w = self.words[i]
        prefix, _, rest = w.partition("-")
        entry = self.lex.prefixes.get(prefix)
        if entry is None or not rest:
            return None
        hit = self.lex.title(rest[:1].upper() + rest[1:])
        if hit is None:
            organ = self.lex.phrases.get(rest)
            if organ and organ[0][1].code == entry.code:   # "UN-Vollversammlung"
                e = organ[0][1]
                return Draft(i, i + 1, e.code, e.sector, e.kind, w, rule="prefix+lexicon-organ")
            if (entry.kind == "state" or entry.code.startswith("IGO:")) and rest[:1].isupper():
                # "US-Luftangriff", "EU-Sanktionen", "G7-Gipfel": the state or IGO as modifier
                return Draft(i, i + 1, entry.code, entry.sector, "modifier", entry.name, rule="prefix-modifier",
                             char_end=len(prefix))
            return None
        title, rule = hit
        if entry.kind == "organisation" and not entry.code.startswith("IGO:") and entry.sector != "GOV":
            # a party's or armed group's chief belongs to the party/group: "CSU-Chef" PTY, "IS-Kämpfer" REB
            title = Title(w, entry.sector, title.kind, title.female)
        return self._title_mention(i, i, title, "prefix+" + rule, entry.code, "", full_word=w)

    # ---- title + name + post-modifiers ---------------------------------------------------
    def _title_mention(self, first: int, j: int, title: Title, rule: str, code: Optional[str],
                       how: str, full_word: Optional[str] = None) -> Draft:
        draft = Draft(first, j + 1, code, title.sector, title.kind, None, full_word or title.base,
                      female=title.female, rule="+".join(p for p in (how, rule) if p))
        if title.kind == "person":
            self._attach_name(draft)
        both = first > 0 and self.words[first - 1].lower() in BOTH   # "beide Seiten in Tokio": Tokio is the venue
        if draft.country is None and not both:
            self._attach_country_after(draft)
        if draft.country is None and draft.registry is None:
            draft.country = "UNK" if draft.kind != "person" or draft.name else None
        self._attach_topic(draft)
        return draft

    def _attach_topic(self, draft: Draft) -> None:
        """'Sonderberichterstatter für die Palästinensergebiete', 'Kommission gegen Straffreiheit in
        Guatemala': the state is the topic, not the actor; it joins the mention without coding it."""
        k = draft.last
        if draft.kind not in ("person", "organisation", "group") or k >= len(self.words) \
                or self.words[k] not in ("für", "gegen"):
            return
        k += 1
        while k < len(self.words) and k - draft.last < 5 and not self._phrase(k) and self.words[k] != ",":
            k += 1
        phrase = self._phrase(k) if k < len(self.words) else None
        if phrase and phrase[1].kind in PLACE_KINDS and k - draft.last <= 4:
            draft.last = k + len(phrase[0])
            draft.rule += "+topic"

    def _attach_name(self, draft: Draft) -> None:
        k = draft.last
        person = self._registry_name(k)
        if person:
            person.first = draft.first
            self._merge_person(draft, person)
            return
        end = k
        while end < len(self.words) and end - k < MAX_NAME and self._name_part(end, end == k):
            end += 1
        while end > k and self.words[end - 1].lower() in NAME_PARTICLES:
            end -= 1
        if end == k:
            return
        draft.last, draft.name = end, " ".join(self.words[k:end])
        self._code_name(draft, end)

    def _code_name(self, draft: Draft, end: int) -> None:
        """A name the registry does not know in full: its surname in the registry or earlier in the document."""
        if " " in (draft.name or ""):   # "Peter Fischer" is not Heinz Fischer: full names must match in full
            draft.rule += "+name:unknown"
            return
        known = self.known.get(self.words[end - 1])
        terms = self._valid_terms(self.lex.surnames.get(_strip_genitive(self.words[end - 1], self.lex), []))
        if terms and len({t.name for t in terms}) == 1 and (draft.country in (None, terms[0].country)):
            draft.registry = terms[0]
            draft.name = terms[0].name
            draft.country = draft.country or terms[0].country
            draft.rule += "+name:registry-surname"
        elif known is not None and draft.country in (None, known.country):
            draft.country = draft.country or known.country
            draft.antecedent = known.id
            draft.rule += "+name:coref-surname"
        else:
            draft.rule += "+name:unknown"

    def _name_part(self, k: int, first: bool) -> bool:
        w = self.words[k]
        if not _name_like(w, first) or w in self.lex.phrases and self._phrase(k):
            return False
        return w in self.lex.surnames or self.lex.title(w) is None

    def _merge_person(self, draft: Draft, person: Draft) -> None:
        """Title before a registry name: the registry codes the person, the title's country wins if given."""
        draft.last, draft.name, draft.registry = person.last, person.name, person.registry
        if draft.country is None:
            draft.country = person.country
        draft.sector = draft.sector if draft.sector not in (None, "UNK") else person.sector
        draft.rule += "+name:" + person.rule

    def _attach_country_after(self, draft: Draft) -> None:
        """'Führer Japans', 'Präsident der USA', 'Regierung in Peking', 'Regierung von Kishida'."""
        k = draft.last
        if k < len(self.words) and self.words[k] in GENITIVE_ARTICLES | {"in", "von", "aus"}:
            phrase = self._phrase(k + 1)
            if phrase and phrase[1].kind in PLACE_KINDS:
                draft.country = phrase[1].code
                draft.last = k + 1 + len(phrase[0])
                draft.rule += "+" + self.words[k] + "-country"
                held_by = occupant(self.lex, " ".join(phrase[0]), self.date)
                if held_by and draft.sector in STATE_SECTORS:   # "die Führung der Krim" in 2015
                    draft.country = held_by
                    draft.rule += "+P-OCCUPIED"
                self._second_country(draft)
                return
            person = self._registry_name(k + 1) if self.words[k] == "von" else None
            if person:
                draft.country, draft.last = person.country, person.last
                draft.rule += "+von-person"
            elif self.words[k] in GENITIVE_ARTICLES:
                self._attach_body(draft, k + 1)
            return
        phrase = self._phrase(k) if k < len(self.words) else None
        if phrase and phrase[1].kind in ("state", "region") and _is_genitive(phrase[0], phrase[1]):
            draft.country = phrase[1].code
            draft.last = k + len(phrase[0])
            draft.rule += "+genitive-country"

    def _attach_body(self, draft: Draft, k: int) -> None:
        """'Chef der europafeindlichen Ukip', 'Koordinator des Nationalen Sicherheitsrates', 'Präsident
        des Deutschen Fußballbundes': the title belongs to a national body, named or with a state adjective."""
        while k < len(self.words) - 1 and self.words[k][:1].islower() and self.words[k].isalpha() \
                and self.words[k] not in DETERMINERS:   # attributive adjectives
            k += 1
        phrase = self._phrase(k) if k < len(self.words) else None
        if phrase and phrase[1].kind == "organisation" and phrase[1].code != "UNK" \
                and phrase[1].rule != GENERIC_RULE:
            entry = phrase[1]
            draft.country, draft.last = entry.code, k + len(phrase[0])
            if not entry.code.startswith("IGO:") and entry.sector != "GOV" and draft.kind == "person":
                draft.sector = entry.sector   # the party's chief belongs to the party
            draft.rule += "+genitive-body"
            return
        word = self.words[k] if k + 1 < len(self.words) else ""
        code = self.lex.adjectives.get(word.lower()) if word[:1].isupper() else None
        if code and self.words[k + 1][:1].isupper() and code in self.lex.codes:   # "des Deutschen Fußballbundes"
            draft.country, draft.last = code, k + 2
            draft.rule += "+genitive-national-body"

    def _second_country(self, draft: Draft) -> None:
        """'Staats- und Regierungschefs aus Japan und den Vereinigten Staaten': one mention per country."""
        k = draft.last
        if k + 1 >= len(self.words) or self.words[k] not in COORDINATORS:
            return
        k += 1 + (self.words[k + 1] in DETERMINERS)
        phrase = self._phrase(k) if k < len(self.words) else None
        if phrase and phrase[1].kind in PLACE_KINDS and phrase[1].code != draft.country:
            draft.last = k + len(phrase[0])
            draft.extra.append(Draft(draft.first, draft.last, phrase[1].code, draft.sector, draft.kind,
                                     draft.name, draft.title, draft.female, rule=draft.rule + "+second-country"))

    # ---- people named without a title ------------------------------------------------------
    def _registry_name(self, i: int) -> Optional[Draft]:
        if i >= len(self.words):
            return None
        for toks, terms in self.lex.names.get(self.words[i], ()):
            n = len(toks)
            if tuple(self.words[i:i + n]) == toks or (
                    n > 1 and tuple(self.words[i:i + n - 1]) == toks[:-1]
                    and _strip_genitive(self.words[i + n - 1], self.lex) == toks[-1]):
                if n == 1 and toks[0] in self.stop_surnames:
                    continue
                return self._person(i, i + n, terms, "registry-name")
        return None

    def _person(self, first: int, last: int, terms: list[Term], rule: str) -> Optional[Draft]:
        valid = self._valid_terms(terms)
        if valid:
            term = max(valid, key=lambda t: t.start)
        else:
            term = _nearest(terms, self.date)
            rule += "-out-of-office"
        return Draft(first, last, term.country, term.sector, "person", term.name, term.office,
                     female=term.office.endswith("in"), registry=term, rule=rule)

    def _valid_terms(self, terms: list[Term]) -> list[Term]:
        return self.lex.terms_at(terms, self.date)

    def _surname(self, i: int) -> Optional[Draft]:
        w = self.words[i]
        base = _strip_genitive(w, self.lex)
        known = self.known.get(base)
        if known is not None:
            return Draft(i, i + 1, known.country, known.sector[0] if known.sector else None, "person",
                         known.name, known.title, rule="coref-surname", antecedent=known.id)
        if base in self.stop_surnames or base not in self.lex.surnames:
            return None
        terms = self.lex.surnames[base]
        valid = self._valid_terms(terms) or terms
        if len({t.name for t in valid}) > 1:
            countries = {t.country for t in valid}
            if len(countries) != 1:
                return None
            return Draft(i, i + 1, countries.pop(), valid[0].sector, "person", None, None, rule="registry-surname-ambiguous")
        draft = self._person(i, i + 1, valid, "registry-surname")
        return draft


def _inside_organisation_name(draft: Draft, spans: list[tuple[int, int, str]]) -> bool:
    """A place word inside a longer organisation name ("VfB Stuttgart", "Landesbank Baden-Württemberg",
    "Financial Times Deutschland") is part of that name, not a place or state of its own."""
    if draft.kind not in PLACE_KINDS:
        return False
    return any(label == "ORG" and first <= draft.first and draft.last <= last and last - first > draft.last - draft.first
               for first, last, label in spans)


def _inside_longer_name(draft: Draft, spans: list[tuple[int, int, str]], words: list[str]) -> bool:
    """A listed organisation or a word-rule person inside a longer name the recogniser reads, all of
    whose words are capitalised or numbers, is part of that name: 'Bayer Leverkusen', 'Union
    Investment' (not the CDU/CSU), 'Google Inc.', 'FC Carl Zeiss Jena', 'Wolfgang Wagner' (not the
    Wagner group)."""
    if draft.title or not (draft.kind == "organisation" or draft.kind == "person" and
                           draft.rule.startswith(WEAK_PERSON_RULES)):
        return False
    return any(label in ("ORG", "PER") and first <= draft.first and draft.last <= last and
               last - first > draft.last - draft.first and
               all(w[:1].isupper() or w[:1].isdigit() for w in words[first:last])
               for first, last, label in spans)


def _named_institution(draft: Draft, spans: list[tuple[int, int, str]]) -> bool:
    """An institution mention built from a title whose words the recogniser reads as one organisation
    name ('der Berliner Zeitung', 'das Bundesjustizministerium'): German news treats it as a proper
    name, so it gets one (`name`), keeping title, country and sector."""
    return draft.kind == "organisation" and bool(draft.title) and not draft.name and draft.char_end is None \
        and (draft.first, draft.last, "ORG") in spans


WEAK_PERSON_RULES = ("given-name", "registry-surname", "coref-surname", "apposition-name")


def _weak_person(draft: Draft, spans: list[tuple[int, int, str]]) -> bool:
    """A person found only by a word-level rule (a given name and the capitalised words after it, a lone
    surname) yields to a different person span of the recogniser over it: 'Johanna Weitkamps' not
    'Johanna Weitkamps Leitung', 'Hans-Rudolf Merz' not the registry's 'Merz'."""
    if draft.kind != "person" or not draft.rule.startswith(WEAK_PERSON_RULES):
        return False
    return any(label == "PER" and first < draft.last and draft.first < last and (first, last) != (draft.first, draft.last)
               for first, last, label in spans)


def _nearest(terms: list[Term], date: Optional[str]) -> Term:
    if not date:
        return max(terms, key=lambda t: t.start)
    return min(terms, key=lambda t: min(abs(_days(t.start) - _days(date)),
                                          abs(_days(t.end or "2100-01-01") - _days(date))))


def _days(date: str) -> int:
    parts = [int(p) for p in date.split("-")] + [1, 1]
    return parts[0] * 372 + parts[1] * 31 + parts[2]


def _is_genitive(toks: tuple[str, ...], entry: Entry) -> bool:
    last = toks[-1]
    return last.endswith("s") and " ".join(toks) != entry.name and last != "USA"


def _strip_genitive(word: str, lex: Lexicon) -> str:
    """'Bidens' -> 'Biden', 'Bans' -> 'Ban' (when the bare form is a registry surname)."""
    if word.endswith("s") and word not in lex.surnames and word[:-1] in lex.surnames:
        return word[:-1]
    return word


def _name_like(word: str, first: bool) -> bool:
    if word in NOT_NAMES:
        return False
    if word[:1].isupper():
        return word.isalpha() or "-" in word or word.endswith(".") and len(word) <= 3
    return not first and (word in NAME_PARTICLES or word.startswith(("al-", "el-", "bin-")))
