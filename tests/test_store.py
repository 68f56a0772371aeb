"""Store contract: schema, idempotent batches, lossless documents, summary, transactions."""
from __future__ import annotations

import dataclasses

import pytest

from lagebild.model import Analysis, Document, ExcludedText
from lagebild.store import DedupConfig, Store, content_hash
from test_store_data import all_analyses, build

RUN = {"version": "0.1.0", "stages": ["test"], "settings": {"k": 1}}


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.duckdb") as s:
        yield s


def test_content_hash_normalises_line_ends_and_outer_space():
    a = Document(id="a", text="Zeile eins\r\nZeile zwei\n")
    b = Document(id="b", text="  Zeile eins\nZeile zwei")
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash(Document(id="c", text="Zeile eins\nZeile drei"))


def test_add_is_idempotent_by_content_hash(store):
    first = store.add(all_analyses(), RUN)
    again = store.add(all_analyses(), RUN)
    assert first == {"added": 3, "skipped": 0} and again == {"added": 0, "skipped": 3}
    assert store.has_document(content_hash(build("paris").document))
    assert not store.has_document("0" * 64)
    assert store.con.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
    # The same text twice inside one batch is stored once as well.
    twin = build("paris")
    twin.document.id = "paris-copy"
    assert store.add([twin], RUN) == {"added": 0, "skipped": 1}


def test_stored_hashes_are_known_after_reopen_and_prefix_twins_are_not(tmp_path):
    path = tmp_path / "h.duckdb"
    with Store(path) as s:
        s.add([build("paris")], RUN)
    stored = content_hash(build("paris").document)
    with Store(path) as s:
        assert s.has_document(stored)
        # Same first 64 bits (what the in-memory check compares), different document.
        assert not s.has_document(stored[:16] + ("0" if stored[16] != "0" else "1") + stored[17:])
        assert s.add([build("paris"), build("elysee")], RUN) == {"added": 1, "skipped": 1}
        assert s.has_document(content_hash(build("elysee").document))


def test_summary(store):
    store.add(all_analyses(), RUN)
    s = store.summary()
    assert s["documents"] == 3 and s["sentences"] == 8 and s["quotes"] == 2
    assert s["events_by_type"] == {"CONSULT": 3, "ASSAULT": 1, "REQUEST": 1}
    assert s["top_dyads"][0] == ("Olaf Scholz", "Emmanuel Macron", 3)
    assert dict(s["top_speakers"]) == {"Olaf Scholz": 1, "Emmanuel Macron": 1}


def test_documents_round_trip_unchanged(store):
    originals = all_analyses()
    originals[0].document.excluded = [ExcludedText("credit", 0, 6, "Scholz")]
    store.add(originals, RUN)
    stored = {doc.id: doc for _, doc in store.documents()}
    for a in originals:
        assert stored[a.id] == a.document


def test_sentence_text_view_cuts_by_code_points(store):
    store.add(all_analyses(), RUN)
    rows = store.con.execute("SELECT doc_id, i, text FROM sentence_text ORDER BY doc_id, i").fetchall()
    expected = [s.text for a in all_analyses() for s in a.sentences]
    assert [r[2] for r in rows] == expected      # umlauts and „“ before the spans must not shift them


def test_actors_are_canonical_across_documents(store):
    store.add(all_analyses(), RUN)
    actors = store.con.execute("SELECT name, country, learned FROM actors ORDER BY name").fetchall()
    assert actors == [("Emmanuel Macron", "FRA", False), ("Olaf Scholz", "DEU", False),
                      ("Russland", "RUS", True), ("Ukraine", "UKR", True)]
    mentions = store.con.execute("SELECT count(*) FROM mentions").fetchone()[0]
    assert mentions == sum(len(a.actors) for a in all_analyses())


def test_partial_dates_are_kept(store):
    a = build("angriff")
    a.events[0].date = "XXXX-03-19"
    store.add([a], RUN)
    rows = store.con.execute("SELECT local_id, date, date_precision, date_raw FROM events ORDER BY event_id").fetchall()
    assert [(r[0], r[2], r[3]) for r in rows] == [("e0", 0, "XXXX-03-19"), ("e1", 3, None), ("e2", 2, None)]
    assert str(rows[2][1]) == "2024-03-01"


def test_failed_batch_leaves_nothing_and_store_stays_usable(store):
    good, bad = build("paris"), build("elysee")
    bad.events[0].source = [dataclasses.replace(bad.actors[0], id="not-in-document-list")]
    bad.events[0].source[0].start = "not a number"   # breaks the Arrow conversion mid-batch
    with pytest.raises(Exception):
        store.add([good, bad], RUN)
    assert store.summary()["documents"] == 0
    assert store.add([good], RUN) == {"added": 1, "skipped": 0}
    assert store.con.execute("SELECT min(doc_id), count(*) FROM documents").fetchone() == (1, 1)


def test_runs_record_what_coded_what(store):
    store.add([build("paris")], RUN)
    store.add([build("elysee")], {**RUN, "version": "0.2.0"})
    rows = store.con.execute("""SELECT d.ext_id, r.version, r.settings FROM documents d
                                JOIN runs r USING (run_id) ORDER BY d.doc_id""").fetchall()
    assert rows == [("paris", "0.1.0", '{"settings": {"k": 1}}'), ("elysee", "0.2.0", '{"settings": {"k": 1}}')]


def test_path_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("LAGEBILD_DB", str(tmp_path / "env.duckdb"))
    with Store() as s:
        s.add([build("paris")], RUN)
    assert (tmp_path / "env.duckdb").exists()
    with Store(tmp_path / "env.duckdb", read_only=True) as s:
        assert s.summary()["documents"] == 1
        with pytest.raises(PermissionError):
            s.add([build("elysee")], RUN)


def test_dedup_settings_are_fixed_per_database(tmp_path):
    path = tmp_path / "d.duckdb"
    Store(path, dedup_config=DedupConfig(window_days=2)).close()
    with pytest.raises(ValueError, match="rebuild_dedup"):
        Store(path, dedup_config=DedupConfig(window_days=3))
    with Store(path) as s:
        assert s.dedup_config.window_days == 2


def test_empty_analysis_is_stored(store):
    store.add([Analysis(Document(id="leer", text="Kein Ereignis."))], RUN)
    assert store.summary()["documents"] == 1


def test_store_of_an_older_schema_is_migrated_keeping_its_data(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store(path) as s:
        s.add(all_analyses(), RUN)
        # what lagebild with store schema 1 wrote: no times.freq, no mentions.role
        s.con.execute("ALTER TABLE times DROP COLUMN freq")
        s.con.execute("ALTER TABLE mentions DROP COLUMN role")
        s.con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
        times = s.con.execute("SELECT count(*) FROM times").fetchone()[0]
        mentions = s.con.execute("SELECT count(*) FROM mentions").fetchone()[0]
    with Store(path) as s:
        assert s.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "3"
        assert s.con.execute("SELECT count(*) FROM times WHERE freq IS NULL").fetchone()[0] == times
        assert s.con.execute("SELECT count(*) FROM mentions WHERE role IS NULL").fetchone()[0] == mentions > 0
        assert s.add(all_analyses(), RUN)["skipped"] == 3
    with Store(path) as s:
        s.con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(RuntimeError, match="newer"):
        Store(path)
