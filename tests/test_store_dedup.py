"""Cross-document deduplication: one canonical event per happening, raw mentions kept."""
from __future__ import annotations

import zlib

import pytest

from lagebild.store import DedupConfig, Store
from lagebild.store.textkey import analyse, analyse_many, signatures, similarity
from test_store_data import all_analyses, build

RUN = {"version": "t"}


def canon(store):
    return store.con.execute("SELECT local_id, doc_id, canon_id FROM events ORDER BY event_id").fetchall()


def test_same_event_in_two_articles_is_one_canonical_event(tmp_path):
    with Store(tmp_path / "d.duckdb") as s:
        s.add(all_analyses(), RUN)
        rows = s.con.execute("""SELECT event_id, n_mentions, n_documents, n_sources, len(evidence)
                                FROM canonical_events ORDER BY event_id""").fetchall()
        # paris + elysee report the same meeting; the later meeting and the attack stay apart
        assert rows[0] == (1, 2, 2, 2, 2)
        assert [r[1] for r in rows[1:]] == [1, 1, 1]
        assert s.con.execute("SELECT count(*) FROM events").fetchone()[0] == 5


def test_batches_dedup_against_stored_events(tmp_path):
    with Store(tmp_path / "d.duckdb") as s:
        s.add([build("paris")], RUN)
        s.add([build("elysee")], RUN)
        assert [c for _, _, c in canon(s)] == [1, 1]


def test_window_and_similarity_are_configurable(tmp_path):
    with Store(tmp_path / "w.duckdb", dedup_config=DedupConfig(window_days=20)) as s:
        s.add(all_analyses(), RUN)
        # 2024-03-20 meeting is now within the window of the 2024-03-05 cluster (shares Scholz, Macron)
        assert s.con.execute("SELECT n_mentions FROM canonical_events WHERE event_id = 1").fetchone() == (3,)
    with Store(tmp_path / "s.duckdb", dedup_config=DedupConfig(min_similarity=0.99)) as s:
        s.add(all_analyses(), RUN)
        assert s.con.execute("SELECT count(*) FROM canonical_events").fetchone() == (5,)
    with Store(tmp_path / "off.duckdb", dedup_config=DedupConfig(enabled=False)) as s:
        s.add(all_analyses(), RUN)
        assert all(eid == c for eid, c in s.con.execute("SELECT event_id, canon_id FROM events").fetchall())


def test_negated_events_are_never_merged(tmp_path):
    with Store(tmp_path / "n.duckdb") as s:
        a, b = build("paris"), build("elysee")
        b.events[0].negated = True
        s.add([a, b], RUN)
        assert [c for _, _, c in canon(s)] == [1, 2]


def test_rebuild_dedup_reclusters_everything(tmp_path):
    with Store(tmp_path / "r.duckdb") as s:
        s.add(all_analyses(), RUN)
        s.rebuild_dedup(DedupConfig(enabled=False))
        assert s.con.execute("SELECT count(*) FROM canonical_events").fetchone() == (5,)
        s.rebuild_dedup(DedupConfig())
        assert s.con.execute("SELECT count(*) FROM canonical_events").fetchone() == (4,)
    with Store(tmp_path / "r.duckdb") as s:
        assert s.dedup_config == DedupConfig()


def test_signature_similarity_tracks_shared_content_words():
    a, b, c, empty = signatures([analyse(text)[1] for text in [
        "Kanzler Scholz traf Präsident Macron in Paris zu Gesprächen über Munition",
        "Präsident Macron empfing Kanzler Scholz in Paris zu Gesprächen über Munition",
        "Die Raketen schlugen in einem Wohnviertel von Charkiw ein",
        "und der die das",
    ]])
    assert similarity(a, b) > 0.5 > similarity(a, c)
    assert empty == 0 and similarity(a, empty) == 0.0
    assert signatures([analyse("Kanzler Scholz")[1]])[0] == signatures([[zlib.crc32(b"kanzl") + 1,
                                                                          zlib.crc32(b"scholz") + 1]])[0] != 0


@pytest.mark.parametrize("window", [0, 1])
def test_dates_outside_window_split(tmp_path, window):
    with Store(tmp_path / "x.duckdb", dedup_config=DedupConfig(window_days=window)) as s:
        a, b = build("paris"), build("elysee")
        b.events[0].date = "2024-03-06"
        s.add([a, b], RUN)
        assert len({c for _, _, c in canon(s)}) == (2 if window == 0 else 1)


def test_batch_analysis_matches_word_by_word_analysis():
    # The vectorised tokenizer (RE2) must cut words exactly like Python's \w+: the FTS index
    # deletes rows by re-tokenising, and dedup compares signatures made either way.
    texts = ["„Wir bleiben hart“, sagte die Ministerin.", "", " ,;– ", "CO2-Ausstoß um 3,5 %",
             "snake_case und Straße—Öl…", "a\u0308b ² ½ Ⅻ", "Ende.\n\nNeuer Absatz\tmit Tab"]
    stemmed, sigs = analyse_many(texts)
    assert stemmed == [analyse(t)[0] for t in texts]
    assert list(sigs) == list(signatures([analyse(t)[1] for t in texts]))
