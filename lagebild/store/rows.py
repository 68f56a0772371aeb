"""Analysis objects -> column batches (pyarrow) for bulk insert.

One Python pass per record appends to plain lists; pyarrow turns them into
typed columns and DuckDB ingests whole tables at once. Row-by-row INSERTs
would be two orders of magnitude slower.
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
from typing import Callable, Iterator, Optional

import pyarrow as pa

from ..model import ActorMention, Analysis, Trigger
from . import textkey
from .dates import split_date
from .schema import ROLE_SOURCE, ROLE_TARGET

I32, I64, U8, F32, STR, DATE = pa.int32(), pa.int64(), pa.uint8(), pa.float32(), pa.string(), pa.date32()
TYPES = {
    "documents": dict(doc_id=I32, revision=I64, run_id=I32, ext_id=STR, content_hash=STR, date=DATE,
                      date_precision=U8, date_raw=STR, date_source=STR, title=STR, source=STR, url=STR,
                      path=STR, text=STR, body=STR, excluded=STR, metadata=STR, stages=pa.list_(STR),
                      added=pa.timestamp("us")),
    "sentences": {"doc_id": I32, "i": I32, "start": I32, "end": I32, "paragraph": I32},
    "mentions": {"doc_id": I32, "idx": I32, "local_id": STR, "sentence": I32, "start": I32, "end": I32,
                 "text": STR, "actor_id": I32, "title": STR, "sector": pa.list_(STR), "kind": STR,
                 "resolved_by": STR, "antecedent": STR, "role": STR},
    "events": dict(event_id=I64, doc_id=I32, local_id=STR, type=STR, sentence=I32, trigger_start=I32,
                   trigger_end=I32, trigger_text=STR, evidence_start=I32, evidence_end=I32, src_actor=I32,
                   tgt_actor=I32, mode=STR, contexts=pa.list_(STR), date=DATE, date_precision=U8,
                   date_raw=STR, date_text=STR, date_source=STR, location=STR, negated=pa.bool_(),
                   future=pa.bool_(), hypothetical=pa.bool_(), cameo=STR, quad_class=U8, intensity=F32,
                   rule=STR, confidence=F32, signature=I64, canon_id=I64),
    "event_actors": dict(event_id=I64, role=U8, pos=U8, mention_idx=I32, actor_id=I32),
    "quotes": dict(quote_id=I64, doc_id=I32, local_id=STR, form=STR, sentences=pa.list_(I32),
                   cue_start=I32, cue_end=I32, cue_text=STR, content_starts=pa.list_(I32),
                   content_ends=pa.list_(I32), speaker_mention=I32, speaker_actor=I32,
                   addressee_mention=I32, addressee_actor=I32, date=DATE, date_precision=U8, date_raw=STR,
                   date_text=STR, rule=STR, confidence=F32),
    "times": {"doc_id": I32, "local_id": STR, "sentence": I32, "start": I32, "end": I32, "type": STR,
              "value": STR, "mod": STR, "anchor": STR, "role": STR, "rule": STR, "freq": STR},
}

_ROW_TYPES = {name: pa.struct(list(types.items())) for name, types in TYPES.items()}
ACTOR_TYPES = dict(actor_id=I32, key=STR, name=STR, country=STR, sector=pa.list_(STR), registry_id=STR,
                   kind=STR, learned=pa.bool_())

ActorResolver = Callable[[ActorMention], Optional[int]]


def _unless_span(text: str, value: str, start: int, end: int) -> str | None:
    """Text is stored only where it is not simply ``text[start:end]`` (e.g. normalised)."""
    return None if text[start:end] == value else value


def _referenced(analysis: Analysis) -> Iterator[ActorMention]:
    for e in analysis.events:
        yield from e.source
        yield from e.target
    for q in analysis.quotes:
        if q.speaker is not None:
            yield q.speaker
        if q.addressee is not None:
            yield q.addressee


class Batch:
    """Rows for one transaction; ids continue from the store's counters."""

    def __init__(self, next_doc: int, next_event: int, next_quote: int, revision: int,
                 resolve_actor: ActorResolver) -> None:
        self.rows: dict[str, list[tuple]] = {name: [] for name in TYPES}
        self.next_doc, self.next_event, self.next_quote = next_doc, next_event, next_quote
        self.revision = revision
        self.resolve_actor = resolve_actor
        # Distinct texts to analyse (event evidence, sentences) -> position; analysed all at once
        # in tables(), which also fills ``sentence_stems`` (every sentence, in order) for the FTS index.
        self.texts: dict[str, int] = {}
        self.evidence: list[int] = []   # position in ``texts`` of each event's evidence
        self.sentence_texts: list[int] = []   # and of each sentence
        self.sentence_stems: list[str] = []

    def add(self, analysis: Analysis, content_hash: str, run_id: int, doc_id: int | None = None) -> int:
        doc = analysis.document
        if doc_id is None:
            doc_id = self.next_doc
            self.next_doc += 1
        self.revision += 1
        date, precision, raw = split_date(doc.date)
        self.rows["documents"].append((
            doc_id, self.revision, run_id, doc.id, content_hash, date, precision, raw, doc.date_source,
            doc.title, doc.source, doc.url, doc.path, doc.text, json.dumps(doc.body),
            json.dumps([x.to_dict() for x in doc.excluded], ensure_ascii=False) if doc.excluded else "[]",
            json.dumps(doc.metadata, ensure_ascii=False, default=str) if doc.metadata else "{}",
            list(analysis.stages),
            dt.datetime.now()))
        self.rows["sentences"].extend((doc_id, s.i, s.start, s.end, s.paragraph) for s in analysis.sentences)
        texts, text = self.texts, doc.text
        self.sentence_texts += [texts.setdefault(text[s.start:s.end], len(texts)) for s in analysis.sentences]
        mention_index = self._mentions(analysis, doc_id)
        self._events(analysis, doc_id, mention_index)
        self._quotes(analysis, doc_id, mention_index)
        self.rows["times"].extend(
            (doc_id, t.id, t.sentence, t.start, t.end, t.type, t.value, t.mod, t.anchor, t.role, t.rule, t.freq)
            for t in analysis.times)
        return doc_id

    def _mentions(self, analysis: Analysis, doc_id: int) -> dict[str, tuple[int, int | None]]:
        """Store every mention once (also those only referenced by events/quotes): id -> (idx, actor)."""
        index: dict[str, tuple[int, int | None]] = {}
        text = analysis.document.text
        rows = self.rows["mentions"]
        resolve = self.resolve_actor
        for m in itertools.chain(analysis.actors, _referenced(analysis)):
            if m.id in index:
                continue
            actor = resolve(m)
            idx = len(index)
            index[m.id] = (idx, actor)
            start, end = m.start, m.end
            rows.append((doc_id, idx, m.id, m.sentence, start, end,
                         None if text[start:end] == m.text else m.text, actor, m.title, m.sector or [],
                         m.kind, m.resolved_by, m.antecedent, m.role))
        return index

    def _events(self, analysis: Analysis, doc_id: int, mentions: dict) -> None:
        # The hot loop of bulk ingest (one pass per event): locals only, no helper calls per field.
        text = analysis.document.text
        rows, actor_rows, evidence, texts = self.rows["events"], self.rows["event_actors"], self.evidence, self.texts
        event_id = self.next_event
        for e in analysis.events:
            src, tgt = e.source, e.target
            actor_rows += [(event_id, ROLE_SOURCE, pos, *mentions[m.id]) for pos, m in enumerate(src)]
            actor_rows += [(event_id, ROLE_TARGET, pos, *mentions[m.id]) for pos, m in enumerate(tgt)]
            date, precision, raw = split_date(e.date)
            t: Trigger = e.trigger
            ev_start, ev_end = e.evidence
            evidence.append(texts.setdefault(text[ev_start:ev_end], len(texts)))
            rows.append((
                event_id, doc_id, e.id, e.type, e.sentence, t.start, t.end,
                None if text[t.start:t.end] == t.text else t.text, ev_start, ev_end,
                mentions[src[0].id][1] if src else None, mentions[tgt[0].id][1] if tgt else None,
                e.mode, e.contexts or [], date, precision, raw, e.date_text, e.date_source, e.location,
                e.negated, e.future, e.hypothetical, e.cameo, e.quad_class, e.intensity, e.rule,
                e.confidence, 0, None))
            event_id += 1
        self.next_event = event_id

    def _quotes(self, analysis: Analysis, doc_id: int, mentions: dict) -> None:
        text = analysis.document.text
        rows = self.rows["quotes"]
        for q in analysis.quotes:
            speaker = mentions[q.speaker.id] if q.speaker else (None, None)
            addressee = mentions[q.addressee.id] if q.addressee else (None, None)
            cue = q.cue
            date, precision, raw = split_date(q.date)
            rows.append((
                self.next_quote, doc_id, q.id, q.form, list(q.sentences),
                cue.start if cue else None, cue.end if cue else None,
                _unless_span(text, cue.text, cue.start, cue.end) if cue else None,
                [s for s, _ in q.content], [e for _, e in q.content], speaker[0], speaker[1],
                addressee[0], addressee[1], date, precision, raw, q.date_text, q.rule, q.confidence))
            self.next_quote += 1

    def tables(self) -> dict[str, pa.Table]:
        """Typed Arrow tables; event signatures are computed here, vectorised over the batch.
        Rows go in as one struct array: a single C pass over the tuples, no per-column lists."""
        out = {}
        for name, rows in self.rows.items():
            if rows:
                out[name] = pa.Table.from_struct_array(pa.array(rows, type=_ROW_TYPES[name]))
        stemmed, signatures = textkey.analyse_many(list(self.texts))
        self.sentence_stems = [stemmed[i] for i in self.sentence_texts]
        if "events" in out:
            events = out["events"]
            out["events"] = events.set_column(events.schema.get_field_index("signature"), "signature",
                                              pa.array(signatures[self.evidence], I64))
        return out
