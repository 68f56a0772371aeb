"""Exports: formats, POLECAT/GDELT tables with evidence, filters."""
from __future__ import annotations

import csv
import json

import click
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from lagebild.export import export
from lagebild.store import Store
from lagebild.store.cli import COMMANDS
from test_store_data import all_analyses


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "e.duckdb") as s:
        s.add(all_analyses(), {"version": "t"})
        yield s


def test_gdelt_table_is_canonical_and_factual(store, tmp_path):
    n = export(store, "gdelt", tmp_path / "g.parquet")
    rows = pq.read_table(tmp_path / "g.parquet").to_pylist()
    assert n == len(rows) == 3            # 5 raw events: one duplicate report, one negated
    first = rows[0]
    assert (first["SQLDATE"], first["Actor1Code"], first["Actor2Code"], first["EventCode"], first["EventRootCode"],
            first["QuadClass"], first["GoldsteinScale"], first["NumMentions"], first["NumArticles"]) == \
        (20240305, "DEUGOV", "FRAGOV", "040", "04", 1, 1.0, 2, 2)
    assert first["DocumentId"] == "paris" and first["EvidenceSentence"].endswith("Emmanuel Macron getroffen.")


def test_polecat_table_raw_and_filtered(store, tmp_path):
    assert export(store, "polecat", tmp_path / "p.jsonl", raw=True) == 5
    rows = [json.loads(x) for x in (tmp_path / "p.jsonl").read_text().splitlines()]
    assert rows[2]["event_type"] == "ASSAULT" and rows[2]["contexts"] == ["military"]
    assert rows[2]["actor_country"] == "RUS" and rows[2]["recipient_name"] == "Ukraine"
    assert rows[2]["language"] == "de" and rows[2]["story_id"] == "angriff"
    assert rows[2]["evidence_sentence"] == "Russland hat die Ukraine in der Nacht erneut mit Raketen angegriffen."
    assert rows[4]["event_date"] == "2024-03"        # month precision survives the export
    assert export(store, "polecat", tmp_path / "f.jsonl", country="RUS", start="2024-03-19", end="2024-03-19") == 1


def test_csv_flattens_lists(store, tmp_path):
    export(store, "events", tmp_path / "e.csv")
    rows = list(csv.DictReader(open(tmp_path / "e.csv", encoding="utf-8")))
    assert len(rows) == 5 and rows[2]["contexts"] == "military" and rows[0]["source_sector"] == "GOV"


def test_canonical_and_quotes_tables(store, tmp_path):
    assert export(store, "canonical", tmp_path / "c.parquet") == 4
    counts = [r["n_mentions"] for r in pq.read_table(tmp_path / "c.parquet").to_pylist()]
    assert counts == [2, 1, 1, 1]
    assert export(store, "canonical", tmp_path / "c2.parquet", actor="Russland") == 2
    assert export(store, "quotes", tmp_path / "q.csv") == 2
    texts = [r["text"] for r in csv.DictReader(open(tmp_path / "q.csv", encoding="utf-8"))]
    assert texts == ["Wir stehen fest zusammen", "Europa müsse mehr Munition liefern"]


def test_bad_arguments(store, tmp_path):
    with pytest.raises(ValueError, match="unknown table"):
        export(store, "icews", tmp_path / "x.csv")
    with pytest.raises(ValueError, match="unknown format"):
        export(store, "events", tmp_path / "x.xlsx")
    with pytest.raises(ValueError, match="takes no filters"):
        export(store, "quotes", tmp_path / "x.csv", country="DEU")


def test_cli_export(store, tmp_path):
    store.close()
    group = click.Group(commands={c.name: c for c in COMMANDS})
    out = tmp_path / "cli.csv"
    result = CliRunner().invoke(group, ["export", "gdelt", str(out), "--db", store.path, "--type", "ASSAULT"])
    assert result.exit_code == 0, result.output
    assert [r["EventCode"] for r in csv.DictReader(open(out, encoding="utf-8"))] == ["195"]
