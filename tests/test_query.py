"""Python query API and the `query` CLI commands on hand-coded articles."""
from __future__ import annotations

import datetime as dt
import json

import click
import pytest
from click.testing import CliRunner

from lagebild import query
from lagebild.store import Store
from lagebild.store.cli import COMMANDS
from test_store_data import all_analyses


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "q.duckdb"
    with Store(path) as s:
        s.add(all_analyses(), {"version": "t"})
    return path


@pytest.fixture
def store(db):
    with Store(db, read_only=True) as s:
        yield s


def test_events_by_actor_type_and_dates(store):
    rows = query.events(store, actor="Olaf Scholz", type="consult", start="2024-03-06", end="2024")
    assert [(r["document"], r["date"], r["trigger"]) for r in rows] == [("angriff", "2024-03-20", "traf")]
    assert rows[0]["evidence"] == "Scholz traf Macron am Mittwoch in Berlin."


def test_events_by_country_sector_role(store):
    assert {r["type"] for r in query.events(store, country="RUS")} == {"ASSAULT", "REQUEST"}
    assert query.events(store, country="RUS", role="target") == []
    assert len(query.events(store, sector="GOV")) == 5
    assert query.events(store, sector="MIL") == []


def test_events_by_text_and_factual(store):
    assert [r["type"] for r in query.events(store, text="Raketen")] == ["ASSAULT"]
    assert [r["type"] for r in query.events(store, country="RUS", factual=True)] == ["ASSAULT"]


def test_canonical_events_count_reports(store):
    rows = query.events(store, actor="Q61053", canonical=True)
    assert [(r["date"], r["n_mentions"], r["n_documents"], r["n_sources"]) for r in rows] == \
        [("2024-03-05", 2, 2, 2), ("2024-03-20", 1, 1, 1)]
    reports = query.evidence(store, rows[0]["event_id"])
    assert [r["document"] for r in reports] == ["paris", "elysee"]
    assert reports[1]["evidence"].startswith("Der französische Präsident Macron empfing")


def test_dyad_series(store):
    weeks = query.dyad_series(store, "DEU", "FRA", freq="week")
    assert [(w["period"], w["events"], w["mentions"], w["verbal_coop"]) for w in weeks] == \
        [(dt.date(2024, 3, 4), 1, 2, 1), (dt.date(2024, 3, 18), 1, 1, 1)]
    month = query.dyad_series(store, "Russland", "Ukraine", freq="month")
    # the negated request is left out; the attack counts as material conflict
    assert [(m["events"], m["material_conflict"], m["goldstein"]) for m in month] == [(1, 1, -10.0)]
    assert query.dyad_series(store, "UKR", "RUS", directed=True) == []
    with pytest.raises(ValueError):
        query.dyad_series(store, "DEU", "FRA", freq="fortnight")


def test_actor_profile(store):
    p = query.actor_profile(store, "Emmanuel Macron")
    assert p["actor"][0]["country"] == "FRA" and p["as_source"] == []
    assert [(r["type"], r["mentions"], r["events"]) for r in p["as_target"]] == [("CONSULT", 3, 2)]
    assert [(c["name"], c["mentions"]) for c in p["counterparts"]] == [("Olaf Scholz", 3)]
    assert [q["text"] for q in p["quotes"]] == ["Europa müsse mehr Munition liefern"]


def test_quotes_by_speaker_and_text(store):
    assert [q["text"] for q in query.quotes(store, speaker="Olaf Scholz")] == ["Wir stehen fest zusammen"]
    assert [q["speaker"] for q in query.quotes(store, text="Munition")] == ["Emmanuel Macron"]
    assert len(query.quotes(store)) == 2


def test_search_sentences_and_quotes(store):
    hits = query.search(store, '"französischen Präsidenten" OR Raketen')
    # stemming: "französischen Präsidenten" also finds "Der französische Präsident" (elysee)
    assert {h["document"] for h in hits} == {"paris", "elysee", "angriff"}
    assert all(h["score"] > 0 for h in hits)
    assert query.search(store, "Munition", kind="quotes")[0]["text"] == "Europa müsse mehr Munition liefern"
    assert query.search(store, "Wasserstoff") == []


def run_cli(*args):
    group = click.Group(commands={c.name: c for c in COMMANDS})
    result = CliRunner().invoke(group, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_query_commands(db):
    lines = run_cli("query", "events", "--db", db, "--country", "RUS", "--format", "jsonl").splitlines()
    assert [json.loads(x)["type"] for x in lines] == ["REQUEST", "ASSAULT"]   # by date; "2024-03" first
    series = run_cli("query", "dyad", "DEU", "FRA", "--db", db, "--format", "json")
    assert json.loads(series)[0]["period"] == "2024-03-01"
    assert json.loads(run_cli("query", "actor", "Olaf Scholz", "--db", db))["actor"][0]["name"] == "Olaf Scholz"
    assert "Munition" in run_cli("query", "search", "Munition", "--quotes", "--db", db)
    assert json.loads(run_cli("query", "summary", "--db", db))["documents"] == 3


def test_cli_missing_database_is_a_usage_error(tmp_path):
    group = click.Group(commands={c.name: c for c in COMMANDS})
    result = CliRunner().invoke(group, ["query", "summary", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no lagebild database" in result.output


def test_search_newest_first(store):
    hits = query.search(store, "Scholz", order="recent")
    assert [(h["document"], h["sentence"]) for h in hits] == [("angriff", 1), ("elysee", 0), ("paris", 2), ("paris", 0)]
    with pytest.raises(ValueError):
        query.search(store, "Scholz", order="random")
