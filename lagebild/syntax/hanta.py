"""HanTa (Hanover Tagger, LGPL, pretrained on TIGER) as a cheap source of knowledge.

The UD training data here is small (~40k words); HanTa knows far more German
word forms. Two uses, both cached per word so that the cost is paid once per
distinct word in a process:
- ``hanta_tags``: a spaCy component that puts HanTa's context-free STTS guess
  into ``token.tag_`` (and optionally its lemma into ``token.lemma_``) *before*
  the CNN, which reads them as input features (the trained tagger overwrites
  TAG with its own contextual STTS afterwards);
- :func:`hanta_lemma`: HanTa's lemma for a word given the STTS tag our model chose.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

# Bounds the per-process caches; news vocabularies rarely come near it.
CACHE_LIMIT = 500_000


@lru_cache(maxsize=1)
def tagger():
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


def _plain(tag: str) -> str:
    """HanTa writes 'VV(FIN)', 'ADJ(A)'; STTS is 'VVFIN', 'ADJA'."""
    return tag.replace("(", "").replace(")", "")


_hanta_tag_of: dict[str, str] = {}  # STTS -> HanTa's spelling, filled lazily
_word_tags: dict[tuple[str, bool], str] = {}
_lemmas: dict[tuple[str, str], str] = {}


def clear_caches() -> None:
    """Forget cached guesses (benchmarks measure the cold start with this)."""
    _word_tags.clear()
    _lemmas.clear()


def word_tag(word: str, initial: bool = False, known_only: bool = False) -> str:
    """HanTa's most likely STTS tag for the word out of context ('' if none).

    ``initial``: the word opens a sentence, so its capital letter says nothing
    ("Gestern" is an adverb there, not a noun). ``known_only``: '' for words
    outside HanTa's lexicon, whose analysis costs ~1.5 ms each (the long tail
    of new word forms made that the bottleneck of the whole stage)."""
    key = (word, initial)
    tag = _word_tags.get(key)
    if tag is None:
        t = tagger()
        if known_only and t.normalize(word) not in t.cache:
            return ""
        guesses = t.tag_word(word, cutoff=0, casesensitive=not initial)
        tag = _plain(guesses[0][0]) if guesses else ""
        if len(_word_tags) >= CACHE_LIMIT:
            _word_tags.clear()
        _word_tags[key] = tag
    return tag


def hanta_lemma(word: str, stts: str) -> str:
    key = (word, stts)
    lemma = _lemmas.get(key)
    if lemma is None:
        t = tagger()
        if not _hanta_tag_of:
            _hanta_tag_of.update((_plain(h), h) for h in t.tag2int)
        lemma = t.analyze(word, pos=_hanta_tag_of.get(stts, "EMPTY"))[0]
        if len(_lemmas) >= CACHE_LIMIT:
            _lemmas.clear()
        _lemmas[key] = lemma
    return lemma


@Language.factory("hanta_tags", default_config={"lemmas": False, "initial_caseless": False, "known_only": False})
def make_hanta_tags(nlp: Language, name: str, lemmas: bool, initial_caseless: bool, known_only: bool):
    return HantaTags(lemmas, initial_caseless, known_only)


class HantaTags:
    """Puts HanTa's context-free STTS guess into TAG and, if asked, its lemma into LEMMA.

    ``initial_caseless``: the first word of a sentence (after opening punctuation)
    is looked up ignoring its capital letter; ``known_only``: only words in
    HanTa's lexicon get a guess (speed)."""

    def __init__(self, lemmas: bool, initial_caseless: bool, known_only: bool) -> None:
        self.lemmas = lemmas
        self.initial_caseless = initial_caseless
        self.known_only = known_only

    def __call__(self, doc):
        initial = self.initial_caseless
        for token in doc:
            tag = token.tag_ = word_tag(token.text, initial, self.known_only)
            initial = initial and token.is_punct
            if self.lemmas:
                token.lemma_ = hanta_lemma(token.text, tag)
        return doc

    def pipe(self, docs, batch_size: int = 0):
        return map(self, docs)
