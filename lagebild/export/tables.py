"""Export tables as SQL over the store: raw events, canonical events, POLECAT- and GDELT-style rows,
quotes. Every row carries its evidence sentence and document id, which GDELT, ICEWS and POLECAT lack."""
from __future__ import annotations

from ..query.events import event_select
from ..query.sql import cut, iso_date, quote_text

_COUNTS = """LEFT JOIN (SELECT canon_id, count(*) AS n_mentions, count(DISTINCT doc_id) AS n_documents,
                               count(DISTINCT d2.source) AS n_sources
                        FROM events JOIN documents d2 USING (doc_id) GROUP BY canon_id) n
             ON n.canon_id = e.event_id"""
_FROM = """FROM events e JOIN documents d USING (doc_id)
           LEFT JOIN actors sa ON sa.actor_id = e.src_actor LEFT JOIN actors ta ON ta.actor_id = e.tgt_actor"""
_EVIDENCE = cut("e.evidence_start", "e.evidence_end")

POLECAT = f"""
SELECT e.event_id AS event_id, {iso_date('e')} AS event_date, e.type AS event_type, e.mode AS event_mode,
       e.contexts AS contexts, sa.name AS actor_name, sa.country AS actor_country, sa.sector AS actor_sector,
       ta.name AS recipient_name, ta.country AS recipient_country, ta.sector AS recipient_sector,
       e.location AS placename, d.source AS source_publisher, d.ext_id AS story_id, d.url AS story_url,
       'de' AS language, n.n_mentions AS num_mentions, n.n_documents AS num_articles,
       e.doc_id AS document_id, e.sentence AS sentence_index, {_EVIDENCE} AS evidence_sentence
{_FROM} {_COUNTS}"""

GDELT = f"""
SELECT e.event_id AS GLOBALEVENTID, CAST(strftime(e.date, '%Y%m%d') AS INTEGER) AS SQLDATE,
       e.date_precision AS DatePrecision,
       sa.country || coalesce(sa.sector[1], '') AS Actor1Code, sa.name AS Actor1Name,
       sa.country AS Actor1CountryCode, sa.sector[1] AS Actor1Type1Code,
       ta.country || coalesce(ta.sector[1], '') AS Actor2Code, ta.name AS Actor2Name,
       ta.country AS Actor2CountryCode, ta.sector[1] AS Actor2Type1Code,
       e.cameo AS EventCode, left(e.cameo, 3) AS EventBaseCode, left(e.cameo, 2) AS EventRootCode,
       e.quad_class AS QuadClass, e.intensity AS GoldsteinScale,
       n.n_mentions AS NumMentions, n.n_sources AS NumSources, n.n_documents AS NumArticles,
       e.location AS ActionGeo_FullName, d.url AS SOURCEURL, d.ext_id AS DocumentId,
       e.doc_id AS DocumentKey, e.sentence AS SentenceIndex, {_EVIDENCE} AS EvidenceSentence
{_FROM} {_COUNTS}"""

EVENTS = event_select()



def canonical(where: str) -> str:
    """Canonical events: filtered inside (on the events relation), counted outside."""
    return f"SELECT e.*, n.n_mentions, n.n_documents, n.n_sources FROM ({event_select()} {where}) e {_COUNTS}"


QUOTES = f"""
SELECT q.quote_id, d.ext_id AS document, q.doc_id, {iso_date('q')} AS date, q.form,
       a.name AS speaker, a.country AS speaker_country, ad.name AS addressee,
       coalesce(q.cue_text, {cut('q.cue_start', 'q.cue_end')}) AS cue, {quote_text()} AS text,
       q.sentences, q.rule, q.confidence
FROM quotes q JOIN documents d USING (doc_id)
LEFT JOIN actors a ON a.actor_id = q.speaker_actor LEFT JOIN actors ad ON ad.actor_id = q.addressee_actor"""

# name -> SQL given its WHERE clause (over events ``e`` or quotes ``q``)
TABLES = {
    "events": lambda where: f"{EVENTS} {where} ORDER BY e.event_id",
    "canonical": lambda where: f"{canonical(where)} ORDER BY e.event_id",
    "polecat": lambda where: f"{POLECAT} {where} ORDER BY e.event_id",
    "gdelt": lambda where: f"{GDELT} {where} ORDER BY e.event_id",
    "quotes": lambda where: f"{QUOTES} {where} ORDER BY q.quote_id",
}
EVENT_TABLES = ("events", "canonical", "polecat", "gdelt")
# One row per real-world event (deduplicated, not negated or hypothetical) unless asked for raw rows.
EVENT_DATA_TABLES = ("polecat", "gdelt")
