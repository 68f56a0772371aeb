"""The DuckDB schema. Compact by design (<= 150 bytes per event on disk):
integer ids, dates as DATE + precision, codes as low-cardinality VARCHAR that
DuckDB dictionary-compresses, and no copy of any text that can be cut from
``documents.text`` by its offsets (sentences, triggers, mentions, quotes).
"""
from __future__ import annotations

SCHEMA_VERSION = 3

# How a store written by an older lagebild is brought up to SCHEMA_VERSION: version -> statements
# that lead to the next version (run in one transaction at open; data is kept).
MIGRATIONS = {
    1: "ALTER TABLE times ADD COLUMN freq VARCHAR;",      # contract 1.2: TimeExpression.freq
    2: "ALTER TABLE mentions ADD COLUMN role VARCHAR;",   # contract 1.3: ActorMention.role (NULL: unknown)
}

DDL = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER, started TIMESTAMP, version VARCHAR, stages VARCHAR[], settings VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    doc_id INTEGER, revision BIGINT, run_id INTEGER, ext_id VARCHAR, content_hash VARCHAR,
    date DATE, date_precision UTINYINT, date_raw VARCHAR, date_source VARCHAR,
    title VARCHAR, source VARCHAR, url VARCHAR, path VARCHAR, text VARCHAR,
    body VARCHAR, excluded VARCHAR, metadata VARCHAR, stages VARCHAR[], added TIMESTAMP);
CREATE TABLE IF NOT EXISTS sentences (
    doc_id INTEGER, i INTEGER, "start" INTEGER, "end" INTEGER, paragraph INTEGER);
CREATE TABLE IF NOT EXISTS actors (
    actor_id INTEGER, key VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR[],
    registry_id VARCHAR, kind VARCHAR, learned BOOLEAN);
CREATE TABLE IF NOT EXISTS mentions (
    doc_id INTEGER, idx INTEGER, local_id VARCHAR, sentence INTEGER, "start" INTEGER, "end" INTEGER,
    text VARCHAR, actor_id INTEGER, title VARCHAR, sector VARCHAR[], kind VARCHAR,
    resolved_by VARCHAR, antecedent VARCHAR, role VARCHAR);
CREATE TABLE IF NOT EXISTS events (
    event_id BIGINT, doc_id INTEGER, local_id VARCHAR, type VARCHAR, sentence INTEGER,
    trigger_start INTEGER, trigger_end INTEGER, trigger_text VARCHAR,
    evidence_start INTEGER, evidence_end INTEGER, src_actor INTEGER, tgt_actor INTEGER,
    mode VARCHAR, contexts VARCHAR[], date DATE, date_precision UTINYINT, date_raw VARCHAR,
    date_text VARCHAR, date_source VARCHAR, location VARCHAR,
    negated BOOLEAN, future BOOLEAN, hypothetical BOOLEAN,
    cameo VARCHAR, quad_class UTINYINT, intensity REAL, rule VARCHAR, confidence REAL,
    signature BIGINT, canon_id BIGINT);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id BIGINT, role UTINYINT, pos UTINYINT, mention_idx INTEGER, actor_id INTEGER);
CREATE TABLE IF NOT EXISTS quotes (
    quote_id BIGINT, doc_id INTEGER, local_id VARCHAR, form VARCHAR, sentences INTEGER[],
    cue_start INTEGER, cue_end INTEGER, cue_text VARCHAR, content_starts INTEGER[], content_ends INTEGER[],
    speaker_mention INTEGER, speaker_actor INTEGER, addressee_mention INTEGER, addressee_actor INTEGER,
    date DATE, date_precision UTINYINT, date_raw VARCHAR, date_text VARCHAR,
    rule VARCHAR, confidence REAL);
CREATE TABLE IF NOT EXISTS times (
    doc_id INTEGER, local_id VARCHAR, sentence INTEGER, "start" INTEGER, "end" INTEGER, type VARCHAR,
    value VARCHAR, mod VARCHAR, anchor VARCHAR, role VARCHAR, rule VARCHAR, freq VARCHAR);
"""

# Tables whose rows belong to one document: replaced as a whole on recode.
DOC_TABLES = ("sentences", "mentions", "events", "quotes", "times")

ROLE_SOURCE, ROLE_TARGET = 0, 1

# Readable views: the text of every record, cut from its document.
VIEWS = """
CREATE OR REPLACE VIEW sentence_text AS
    SELECT s.doc_id, s.i, s."start", s."end", s.paragraph,
           substr(d.text, s."start" + 1, s."end" - s."start") AS text
    FROM sentences s JOIN documents d USING (doc_id);
CREATE OR REPLACE VIEW canonical_events AS
    SELECT c.*, m.n_mentions, m.n_documents, m.n_sources, m.first_date, m.last_date, m.evidence
    FROM events c JOIN (
        SELECT e.canon_id, count(*) AS n_mentions, count(DISTINCT e.doc_id) AS n_documents,
               count(DISTINCT d.source) AS n_sources, min(e.date) AS first_date, max(e.date) AS last_date,
               list({'event_id': e.event_id, 'doc_id': e.doc_id, 'sentence': e.sentence}
                    ORDER BY e.event_id) AS evidence
        FROM events e JOIN documents d USING (doc_id) GROUP BY e.canon_id) m
      ON c.event_id = m.canon_id;
"""
