"""Full-text index: German stemming, query syntax, crash repair, re-indexing."""
from __future__ import annotations

import sqlite3

from lagebild.store import Store
from lagebild.store.fts import BackgroundIndex, to_fts_query
from lagebild.store.textkey import stemmed_text
from test_store_data import all_analyses, build

RUN = {"version": "t"}


def test_query_syntax_is_stemmed():
    assert to_fts_query("Präsidenten") == '"prasident"'
    assert to_fts_query('"französischen Präsidenten" OR Raketen') == '"franzos prasident" OR "rak"'
    assert to_fts_query("Verteid* NOT Munition") == '"verteid"* NOT "munition"'
    assert to_fts_query("OR und") == '"und"'
    assert to_fts_query("  ") == ""


def test_stemming_finds_other_word_forms(tmp_path):
    with Store(tmp_path / "f.duckdb") as s:
        s.add(all_analyses(), RUN)
        assert sorted(d for d, _, _ in s.fts.search("Präsident")) == [1, 2]
        assert [(d, i) for d, i, _ in s.fts.search("Rakete")] == [(3, 0)]
        assert [(d, i) for d, i, _ in s.fts.search("Munitionen", kind="quotes")] == [(2, 0)]
        assert s.fts.search("Raketen", kind="quotes") == []
        assert s.fts.search("Panzerhaubitze") == []


def test_index_catches_up_after_a_crash_between_commits(tmp_path, monkeypatch):
    path = tmp_path / "c.duckdb"
    with Store(path) as s:
        s.add([build("paris")], RUN)
    # Simulate a process killed after the DuckDB commit but before the index commit.
    with Store(path) as s:
        # The index transaction, staged alongside the DuckDB write, is dropped instead of committed.
        monkeypatch.setattr(BackgroundIndex, "finish", BackgroundIndex.abandon)
        s.add([build("angriff")], RUN)
        monkeypatch.undo()
    side = sqlite3.connect(str(path) + ".fts")
    assert side.execute("SELECT count(*) FROM indexed").fetchone() == (1,)
    side.close()
    with Store(path) as s:   # opening repairs
        assert [(d, i) for d, i, _ in s.fts.search("Raketen")] == [(2, 0)]


def test_reindexing_a_document_replaces_its_rows(tmp_path):
    with Store(tmp_path / "r.duckdb") as s:
        s.add([build("paris")], RUN)
        a = build("paris")
        a.sentences = a.sentences[:1]          # re-coded with fewer sentences
        s.replace(1, a, RUN)
        assert s.fts.search("zusammen") == [] and len(s.fts.search("Paris")) == 1
        # A delete with other values than were indexed would leave stale terms behind.
        s.fts.db.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, sentence_fts, 'row')")
        terms = {t for (t,) in s.fts.db.execute("SELECT term FROM temp.vocab")}
        assert terms == set(stemmed_text(a.sentences[0].text).split())
