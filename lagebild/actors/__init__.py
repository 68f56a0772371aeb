"""Actor recognition and coding: who acts (country + sector), from German news text.

``ActorTagger()(analysis)`` reads ``analysis.sentences[*].tokens`` and fills
``analysis.actors`` with :class:`~lagebild.model.ActorMention` records. IGOs are
coded ``country="IGO:<org>"`` (see :func:`split_country` for the events
guideline's ``country``/``org`` pair); regions use WST/EUR/MEA/AFR/ASA.

Mention kinds: person, state, seat (a capital or government building used for
the government), organisation, group, region, location (a place named as where
something happens: "in Tokio"), modifier (a state in an adjective or hyphen
prefix of a non-actor noun: "US-Luftangriff"), pronoun. A state or organisation that takes part
in no event of its sentence ("nach UN-Angaben", "die von Russland unterstützten Rebellen") keeps
its kind but is background. Every mention's ``role`` says which it is: ``actor``, ``place`` (kind
location) or ``background`` (rules in ``lang/de/actor_roles.yaml``, read from the parse, their ids
"B-..." in ``resolved_by``; :func:`is_background`). ``resolved_by`` names
the rules that coded the mention, joined by "+"; ``antecedent`` the mention a
coreference rule linked it to.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..model import ActorMention, Analysis
from ..pipeline import register
from . import coref, roles
from .lexicon import Lexicon, load_lexicon, surname_of
from .roles import is_background
from .tagger import QUOTES, Draft, SentenceTagger


def split_country(code: Optional[str]) -> tuple[str, Optional[str]]:
    """'IGO:UN' -> ('IGO', 'UN'); 'USA' -> ('USA', None); None -> ('UNK', None)."""
    if not code:
        return "UNK", None
    if code.startswith("IGO:"):
        return "IGO", code[4:]
    return code, None


class ActorTagger:
    name = "actors"

    def __init__(self, user_file: Optional[str | Path] = None, lexicon: Optional[Lexicon] = None,
                 names: bool = True) -> None:
        self.lex = lexicon or load_lexicon(user_file)
        # the statistical recogniser for names no lexicon knows (None when its model file is absent);
        # imported here so that "python -m lagebild.actors.names train" does not import itself twice
        from .names import load_model
        self.names = load_model() if names else None

    def __call__(self, analysis: Analysis) -> None:
        text = analysis.document.text
        known: dict[str, ActorMention] = {}
        mentions: list[ActorMention] = []
        notes = coref.Notes(text=text, alliances=self.lex.alliances, side_words=self.lex.sides)
        tagger = SentenceTagger(self.lex, analysis.document.date, known)
        for sentence in analysis.sentences:
            tokens = sentence.tokens
            if not tokens:
                continue
            quoted = _inside_quotes([t.text for t in tokens])
            drafts = sorted(tagger.tag(tokens, self.names), key=lambda d: d.first)
            for draft in drafts:
                mention = _mention(draft, tokens, text, sentence.i, f"a{len(mentions) + 1}")
                mentions.append(mention)
                before = tokens[draft.first - 1].text if draft.first > 0 else ""
                notes.note(mention, draft, before, quoted[draft.first])
            for mention in mentions[len(mentions) - len(drafts):]:
                if mention.kind == "person" and mention.name:
                    known[mention.name.split()[-1]] = mention
                    if mention.registry_id:   # "Xi" for "Xi Jinping"
                        term = self.lex.terms[mention.registry_id]
                        known.setdefault(surname_of(term, term.name) or "", mention)
        resolved = coref.resolve(mentions, notes)
        # after coreference: a background state still gives context to the titles around it
        for m in resolved:
            if m.kind == "location":
                m.role = "place"
        roles.mark_background(analysis.sentences, resolved, self.lex)
        analysis.actors.extend(resolved)


def _inside_quotes(words: list[str]) -> list[bool]:
    """For each token: is it inside quotation marks? („ always opens; other marks toggle.)"""
    inside, out = False, []
    for w in words:
        if w == "„":
            inside = True
            out.append(False)
            continue
        if w in QUOTES:
            inside = not inside
            out.append(False)
            continue
        out.append(inside)
    return out


def _mention(draft: Draft, tokens, text: str, sentence: int, mention_id: str) -> ActorMention:
    start, end = tokens[draft.first].start, tokens[draft.last - 1].end
    if draft.char_end is not None:
        end = tokens[draft.last - 1].start + draft.char_end
    return ActorMention(
        id=mention_id, text=text[start:end], start=start, end=end, sentence=sentence,
        name=draft.name, country=draft.country, sector=[draft.sector] if draft.sector else [],
        title=draft.title, registry_id=draft.registry.id if draft.registry else None,
        kind=draft.kind, resolved_by=draft.rule or None, antecedent=draft.antecedent)


@register("actors")
def _factory() -> ActorTagger:
    return ActorTagger()


__all__ = ["ActorTagger", "split_country", "load_lexicon", "is_background"]
