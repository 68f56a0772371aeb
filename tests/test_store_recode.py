"""Re-coding stored documents with the current pipeline."""
from __future__ import annotations

import click
from click.testing import CliRunner

from lagebild import __version__
from lagebild.store import Store
from lagebild.store.cli import COMMANDS
from lagebild.store.recode import recode
from test_store_data import all_analyses, build

OLD = {"version": "0.0.1", "stages": ["test"]}


def test_recode_swaps_records_keeps_documents(tmp_path):
    with Store(tmp_path / "r.duckdb") as s:
        s.add(all_analyses(), OLD)
        before = {d.id: d for _, d in s.documents()}
        assert recode(s, stages=["segment"], batch_size=2) == {"recoded": 3, "failed": 0}
        after = {d.id: d for _, d in s.documents()}
        assert after == before                       # text, spans, metadata unchanged
        rows = s.con.execute("""SELECT DISTINCT r.version, r.stages FROM documents JOIN runs r USING (run_id)""").fetchall()
        assert rows == [(__version__, ["segment"])]
        # the segmenter found the sentences again (and the title line); no event stage ran
        assert s.con.execute("SELECT count(*) FROM events").fetchone() == (0,)
        texts = [t for (t,) in s.con.execute("SELECT text FROM sentence_text WHERE doc_id = 3 ORDER BY i").fetchall()]
        assert texts[0] == "Russland hat die Ukraine in der Nacht erneut mit Raketen angegriffen."
        assert [d for d, _, _ in s.fts.search("Raketen")] == [3]
        assert recode(s, stages=["segment"]) == {"recoded": 0, "failed": 0}      # all done: resumable
        assert recode(s, stages=["segment"], everything=True)["recoded"] == 3


def test_recoding_a_cluster_anchor_reassigns_its_reports(tmp_path):
    with Store(tmp_path / "a.duckdb") as s:
        s.add([build("paris"), build("elysee")], OLD)
        assert s.con.execute("SELECT count(*) FROM canonical_events").fetchone() == (1,)
        recoded = build("paris")
        recoded.events = []
        s.replace(1, recoded, OLD)
        rows = s.con.execute("SELECT event_id, canon_id, n_mentions FROM canonical_events").fetchall()
        assert rows == [(2, 2, 1)]                  # elysee's report is now its own canonical event
        s.replace(1, build("paris"), OLD)            # and joins the re-coded paris event again
        assert s.con.execute("SELECT n_mentions FROM canonical_events").fetchall() == [(2,)]


def test_recode_cli(tmp_path):
    path = tmp_path / "c.duckdb"
    with Store(path) as s:
        s.add(all_analyses(), OLD)
    group = click.Group(commands={c.name: c for c in COMMANDS})
    result = CliRunner().invoke(group, ["recode", "--db", str(path), "--stages", "segment"])
    assert result.exit_code == 0, result.output
    assert "3 document(s) re-coded" in result.output
