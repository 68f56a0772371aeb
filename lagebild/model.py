"""The data contract between lagebild's stages and towards its users.

Every stage reads and extends an :class:`Analysis`. All spans are character
offsets ``[start, end)`` into ``Document.text`` exactly as it was given (after
decoding), so every record can be traced back to the words it came from.
The JSON form (``to_dict``) is described by ``schema/analysis.schema.json``;
bump ``SCHEMA_VERSION`` whenever that form changes.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any, Optional

SCHEMA_VERSION = "1.3"   # 1.1: Quote.speaker_span; 1.2: TimeExpression.freq; 1.3: ActorMention.role

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "REJECT", "ACCUSE", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# CAMEO-style quad classes: 1 verbal cooperation, 2 material cooperation,
# 3 verbal conflict, 4 material conflict.
QUAD_CLASSES = (1, 2, 3, 4)
SECTORS = (
    "GOV", "MIL", "LEG", "JUD", "COP", "SPY", "PTY", "OPP", "REB", "CVL",
    "BUS", "MED", "REF", "NGO", "REL", "UNK",
)
QUOTE_FORMS = ("Direct", "Indirect", "FreeIndirect", "Reported")
# What a mention is in its sentence: an actor; a place ("in Tokio"); or background, a state or body
# named but not acting (the source of a figure, the medium spoken to: lang/de/actor_roles.yaml)
MENTION_ROLES = ("actor", "place", "background")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
# How a date was found: in the event's own clause, in the paragraph that
# scopes it, from the publication date, or not at all.
DATE_SOURCES = ("clause", "paragraph", "document", "none")
DOC_DATE_SOURCES = ("metadata", "header", "option", "unknown")

Span = tuple[int, int]


class Record:
    """Mixin: JSON-ready dict form for the contract dataclasses."""

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


def _plain(value: Any) -> Any:
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(slots=True)
class Token(Record):
    i: int                      # index within the sentence
    start: int
    end: int
    text: str
    # Filled by the language analysis stage; None until it has run.
    upos: Optional[str] = None
    tag: Optional[str] = None   # STTS
    lemma: Optional[str] = None
    morph: Optional[str] = None  # UD FEATS string, e.g. "Case=Nom|Number=Sing"
    head: Optional[int] = None   # sentence-local index of the head, -1 for root
    dep: Optional[str] = None


@dataclass(slots=True)
class Sentence(Record):
    i: int
    start: int
    end: int
    text: str
    paragraph: int = 0
    tokens: list[Token] = field(default_factory=list)


@dataclass(slots=True)
class ExcludedText(Record):
    """Text kept out of the analysis (headers, photo credits, translation notes)."""
    kind: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Document(Record):
    id: str
    text: str
    date: Optional[str] = None               # ISO date, possibly partial: 2024, 2024-07, 2024-07-15
    date_source: str = "unknown"             # one of DOC_DATE_SOURCES
    title: Optional[str] = None
    source: Optional[str] = None             # publisher / feed
    url: Optional[str] = None
    path: Optional[str] = None               # file it was read from, if any
    # Regions of ``text`` that carry the article body; analysis only looks here.
    body: list[Span] = field(default_factory=list)
    excluded: list[ExcludedText] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.body:
            self.body = [(0, len(self.text))]


@dataclass(slots=True)
class ActorMention(Record):
    id: str
    text: str
    start: int
    end: int
    sentence: int
    name: Optional[str] = None          # canonical name ("Joe Biden", "Japan")
    country: Optional[str] = None       # ISO 3166 alpha-3, IGO short name, region code or UNK
    sector: list[str] = field(default_factory=list)
    title: Optional[str] = None         # "Präsident", "Außenministerin"
    registry_id: Optional[str] = None
    kind: Optional[str] = None          # person / state / organisation / group
    resolved_by: Optional[str] = None   # rule that coded or resolved this mention
    antecedent: Optional[str] = None    # mention id this one corefers with
    role: str = "actor"                 # one of MENTION_ROLES


@dataclass(slots=True)
class Trigger(Record):
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Event(Record):
    id: str
    type: str                               # one of PLOVER_TYPES
    sentence: int
    trigger: Trigger
    evidence: Span                          # usually the sentence, or the clause
    source: list[ActorMention] = field(default_factory=list)
    target: list[ActorMention] = field(default_factory=list)
    mode: Optional[str] = None
    contexts: list[str] = field(default_factory=list)
    date: Optional[str] = None              # ISO, possibly partial ("XXXX-01-13" for unknown year)
    date_text: Optional[str] = None
    date_source: str = "none"               # one of DATE_SOURCES
    location: Optional[str] = None
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    cameo: Optional[str] = None
    quad_class: Optional[int] = None
    intensity: Optional[float] = None       # Goldstein-like, -10 .. +10
    rule: str = ""
    confidence: float = 0.0


@dataclass(slots=True)
class Quote(Record):
    id: str
    form: str                               # one of QUOTE_FORMS
    sentences: list[int]
    cue: Optional[Trigger]
    content: list[Span]                     # may be interrupted by the speech tag
    speaker: Optional[ActorMention] = None
    # All the words that name the speaker ("US-Präsident Joe Biden"), where
    # ``speaker`` is the (often shorter) coded actor mention ("Biden").
    speaker_span: Optional[Span] = None
    addressee: Optional[ActorMention] = None
    date: Optional[str] = None
    date_text: Optional[str] = None
    rule: str = ""
    confidence: float = 0.0


@dataclass(slots=True)
class TimeExpression(Record):
    id: str
    text: str
    start: int
    end: int
    sentence: int
    type: str                               # one of TIMEX_TYPES
    value: Optional[str] = None             # TIMEX3 value: 2023-01-13, XXXX-01-13, P3D, ...
    mod: Optional[str] = None               # START / MID / END / APPROX / BEFORE / AFTER
    anchor: Optional[str] = None            # what a relative value was resolved against
    role: str = "date"                      # date / reference / duration / set
    rule: str = ""
    freq: Optional[str] = None              # TIMEX3 freq of a SET: "2X" for "zweimal im Jahr" (value P1Y)


@dataclass(slots=True)
class Analysis(Record):
    """Everything lagebild knows about one document."""
    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)    # which pipeline stages ran

    @property
    def id(self) -> str:
        return self.document.id

    def to_dict(self, tokens: bool = True) -> dict[str, Any]:
        doc = self.document
        sentences = []
        for s in self.sentences:
            d = {"i": s.i, "start": s.start, "end": s.end, "text": s.text, "paragraph": s.paragraph}
            if tokens:
                d["tokens"] = [_plain(t) for t in s.tokens]
            sentences.append(d)
        return {
            "schema_version": SCHEMA_VERSION,
            "id": doc.id,
            "date": doc.date,
            "date_source": doc.date_source,
            "title": doc.title,
            "source": doc.source,
            "url": doc.url,
            "path": doc.path,
            "text": doc.text,
            "excluded": [_plain(x) for x in doc.excluded],
            "metadata": _plain(doc.metadata),
            "stages": list(self.stages),
            "sentences": sentences,
            "actors": [_plain(a) for a in self.actors],
            "events": [_plain(e) for e in self.events],
            "quotes": [_plain(q) for q in self.quotes],
            "times": [_plain(t) for t in self.times],
        }


__all__ = [
    "SCHEMA_VERSION", "PLOVER_TYPES", "QUAD_CLASSES", "SECTORS", "QUOTE_FORMS", "MENTION_ROLES", "TIMEX_TYPES",
    "DATE_SOURCES", "DOC_DATE_SOURCES", "Span", "Token", "Sentence", "ExcludedText", "Document",
    "ActorMention", "Trigger", "Event", "Quote", "TimeExpression", "Analysis", "asdict",
]
