"""German language analysis: UPOS, STTS, lemma, morphology and UD dependencies.

A small spaCy model (HanTa's context-free STTS guess for each word in HanTa's
lexicon as an input feature, then tagger and morphologizer on one shared CNN;
trained by training/train_syntax.py on Universal Dependencies German, see
model/LICENCE.md) runs on the tokens the segmenter made: it never re-tokenises,
so every analysis stays on the segmenter's character offsets. Dependencies come
from the spaCy model's transition parser or, in the stage ``syntax-graph``, from a
biaffine graph parser over the CNN's vectors and the predicted tags (biaffine.py,
trained by training/train_parser.py). Lemmas come from lemmas.py (treebank table, then HanTa);
subject/object labels are checked against case where a determiner or pronoun
proves it (arguments.py); separable verb particles are joined into the verb's
lemma ("kündigte ... an" -> "ankündigen").

Konjunktiv is UD's ``Mood=Sub``; Konjunktiv I vs. II is told by ``Tense``
(Pres / Past), see :func:`konjunktiv`.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

from ..model import Analysis, Sentence, Token
from ..text.segment import dateline_length
from ..pipeline import register
from .arguments import fix_arguments
from .lemmas import Lemmatizer, load_table

MODEL_DIR = Path(__file__).resolve().parent / "model"
# Where parser.npz/parser.json are read from (None: MODEL_DIR); benchmarks point it elsewhere.
PARSER_DIR: Optional[Path] = None
# Sentences per batch in spaCy's components (the spaCy tokenizer is never used).
BATCH_SIZE = 256


# In the plain variant's model only (benchmarks/results/syntax.md); lemmas.py is better.
UNUSED_COMPONENTS = ["trainable_lemmatizer"]


@lru_cache(maxsize=2)
def load_model(with_parser: bool = True):
    """The spaCy pipeline, loaded once per process: tagger, morphologizer and (unless the
    graph parser replaces it) the transition parser."""
    if not (MODEL_DIR / "meta.json").exists():
        raise FileNotFoundError(f"German syntax model missing: {MODEL_DIR} (run training/train_syntax.py)")
    import spacy  # imported here: importing lagebild must stay cheap

    from . import hanta  # noqa: F401  registers the "hanta_tags" component

    return spacy.load(MODEL_DIR, exclude=UNUSED_COMPONENTS + ([] if with_parser else ["parser"]))


@lru_cache(maxsize=4)
def _biaffine(directory: Path):
    from .biaffine import BiaffineParser

    return BiaffineParser(directory)


def load_biaffine():
    """The graph parser (biaffine.py) of PARSER_DIR or MODEL_DIR."""
    directory = PARSER_DIR or MODEL_DIR
    if not (directory / "parser.npz").exists():
        raise FileNotFoundError(f"graph parser missing: {directory / 'parser.npz'} (run training/train_parser.py)")
    return _biaffine(directory)


@lru_cache(maxsize=1)
def load_lemmatizer() -> Lemmatizer:
    return Lemmatizer(load_table(MODEL_DIR / "lemmas.tsv"))


def _spaces(tokens: list[Token]) -> list[bool]:
    return [a.end < b.start for a, b in zip(tokens, tokens[1:])] + [False]


def join_particles(tokens: list[Token]) -> None:
    """'stimmten ... zu' -> lemma 'zustimmen' on the verb (particle keeps its own lemma)."""
    for tok in tokens:
        if tok.dep != "compound:prt" or tok.head is None or tok.head < 0:
            continue
        verb = tokens[tok.head]
        particle = (tok.lemma or tok.text).lower()
        if verb.upos in ("VERB", "AUX") and verb.lemma and particle.isalpha() \
                and not verb.lemma.startswith(particle):
            verb.lemma = particle + verb.lemma


def attach_dateline(tokens: list[Token], k: int) -> None:
    """The separately parsed dateline (tokens[:k]) hangs on the sentence's root as ``dep``:
    it says where the report comes from, it is no argument of the verb."""
    root = next((j for j in range(k, len(tokens)) if tokens[j].head == -1), None)
    if root is None:
        return
    for t in tokens[:k]:
        if t.head == -1:
            t.head, t.dep = root, "dep"


def konjunktiv(token: Token) -> Optional[int]:
    """1 for Konjunktiv I, 2 for Konjunktiv II, None for other moods."""
    feats = dict(f.split("=", 1) for f in (token.morph or "").split("|") if "=" in f)
    if feats.get("Mood") != "Sub":
        return None
    return 2 if feats.get("Tense") == "Past" else 1


@register("syntax")
class SyntaxAnalyzer:
    """``graph=True``: dependencies from the biaffine graph parser instead of spaCy's transition
    parser (better UD attachment, see benchmarks/results/syntax.md; the events stage is still tuned
    to the transition parser's output, so it is the stage ``syntax-graph``, not the default)."""
    name = "syntax"

    def __init__(self, case_rules: bool = True, graph: bool = False) -> None:
        self.nlp = load_model(with_parser=not graph)
        self.graph_parser = load_biaffine() if graph else None
        self.case_rules = case_rules
        self.lemmatize = load_lemmatizer()
        self._names: dict[int, str] = {}

    def __call__(self, analysis: Analysis) -> None:
        self.annotate(analysis.sentences)

    def pipe_batch(self, analyses: list[Analysis]) -> None:
        """Several documents' sentences in one stream: fuller batches for the CNN."""
        self.annotate(s for a in analyses for s in a.sentences)

    def annotate(self, sentences: Iterable[Sentence]) -> None:
        from spacy.attrs import DEP, HEAD, MORPH, POS, TAG
        from spacy.tokens import Doc

        sentences = [s for s in sentences if s.tokens]
        vocab, lemmatize, name = self.nlp.vocab, self.lemmatize, self._name
        # An agency dateline ("Tokio -") is parsed on its own: read with its sentence, the
        # parser takes the place for the subject of the clause after the dash.
        datelines = [dateline_length(s.tokens) for s in sentences]
        parts = []   # (tokens, offset in the sentence)
        for s, k in zip(sentences, datelines):
            parts += [(s.tokens[:k], 0), (s.tokens[k:], k)] if k else [(s.tokens, 0)]
        # sent_starts: one sentence per Doc, so the parser may not split it (one root)
        docs = (Doc(vocab, words=[t.text for t in toks], spaces=_spaces(toks),
                    sent_starts=[True] + [False] * (len(toks) - 1)) for toks, _ in parts)
        for _, proc in self.nlp.pipeline:
            docs = proc.pipe(docs, batch_size=BATCH_SIZE)
        if self.graph_parser:
            docs = list(docs)
            trees = iter(self._graph_parse(docs))
        for (toks, offset), doc in zip(parts, docs):
            # one array per part: much cheaper than spaCy's per-token properties
            rows = doc.to_array([POS, TAG, MORPH, DEP]).tolist()
            if self.graph_parser:   # heads within the part (-1: root) and labels
                heads, deps = next(trees)
            else:
                relative = doc.to_array(HEAD).astype("int64").tolist()  # signed offsets, 0: root
                heads = [-1 if h == 0 else i + h for i, h in enumerate(relative)]
                deps = [name(r[3]) for r in rows]
            for tok, (pos, tag, morph, _), head, dep in zip(toks, rows, heads, deps):
                tok.upos = name(pos)
                tok.tag = name(tag) or None
                tok.lemma = lemmatize(tok.text, tok.upos, tok.tag or "")
                tok.morph = name(morph) or None
                tok.head = -1 if head < 0 else offset + head
                tok.dep = dep
        for sent, k in zip(sentences, datelines):
            if k:
                attach_dateline(sent.tokens, k)
            if self.case_rules:
                fix_arguments(sent.tokens)
            join_particles(sent.tokens)

    def _graph_parse(self, docs) -> list[tuple[list[int], list[str]]]:
        from .biaffine import doc_inputs

        parser = self.graph_parser
        return parser.parse([doc_inputs(doc, parser.vocab) for doc in docs])

    def _name(self, key: int) -> str:
        """String of a spaCy hash, cached (POS/TAG/MORPH/DEP have few distinct values)."""
        value = self._names.get(key)
        if value is None:
            value = "" if key == 0 else self.nlp.vocab.strings[key]
            value = {"ROOT": "root", "_": ""}.get(value, value)
            self._names[key] = value
        return value


@register("syntax-graph")
def graph_syntax() -> SyntaxAnalyzer:
    return SyntaxAnalyzer(graph=True)
