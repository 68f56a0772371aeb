import json
import os
import subprocess
import sys

import jsonschema
import pytest

from lagebild.schema import build_schema, load_schema, render, SCHEMA_PATH

ARTICLE = ("Titel: Treffen in Rom\nDatum: 2024-03-14\n\n"
           "Rom - Die Außenministerin traf am 13. März ihren italienischen Amtskollegen. "
           "„Wir stehen zusammen“, sagte sie. Foto: Erika Muster/dpa\n\nDie Gespräche dauerten drei Stunden.\n")


def run(*args, stdin=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "lagebild", *args], input=stdin, capture_output=True,
                          text=True, cwd=cwd, env={**os.environ, "COLUMNS": "120"})


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00binary")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "P7", "text": "Die Polizei nahm zwei Männer fest.",
                                                  "date": "2024-01-02"}) + "\n", encoding="utf-8")
    return tmp_path


def test_json_output_follows_the_schema_and_reports_failures(corpus):
    r = run("analyze", str(corpus / "a.txt"), str(corpus / "b.txt"), str(corpus / "c.jsonl"))
    assert r.returncode == 1
    out = json.loads(r.stdout)
    jsonschema.validate(out, load_schema())
    assert [d["id"] for d in out["documents"]] == ["a", "P7"]
    a = out["documents"][0]
    assert a["date"] == "2024-03-14" and a["title"] == "Treffen in Rom"
    assert all("Foto" not in s["text"] for s in a["sentences"])
    for s in a["sentences"]:
        assert a["text"][s["start"]:s["end"]] == s["text"]
    assert [f["id"] for f in out["failures"]] == [str(corpus / "b.txt")]
    assert "b.txt" in r.stderr and "1 of 3 document(s) failed" in r.stderr


def test_jsonl_from_stdin_maps_ids_one_to_one():
    lines = [{"id": "x1", "text": "Erster Text.", "date": "2024-01-01"}, {"id": "x2", "text": ""},
             {"id": "x3", "text": "Dritter Text.", "date": "kein Datum"}]
    r = run("analyze", "-", "--format", "jsonl", "--no-tokens", stdin="\n".join(map(json.dumps, lines)))
    out = [json.loads(line) for line in r.stdout.splitlines()]
    assert [o["id"] for o in out] == ["x1", "x2", "x3"]
    assert "error" in out[2] and "tokens" not in out[0]["sentences"][0]
    for o in out:
        jsonschema.validate(o, load_schema())
    assert r.returncode == 1


def test_out_file_format_from_suffix_and_date_option(corpus, tmp_path):
    target = tmp_path / "res.jsonl"
    r = run("analyze", str(corpus / "c.jsonl"), "--out", str(target), "--date", "2020-01-01")
    assert r.returncode == 0, r.stderr
    [doc] = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert doc["date"] == "2024-01-02"


def test_table_format(corpus):
    r = run("analyze", str(corpus / "a.txt"), "--format", "table")
    assert r.returncode == 0 and "a" in r.stdout and "2024-03-14" in r.stdout


def test_usage_errors_are_clear(corpus):
    r = run("analyze", str(corpus / "a.txt"), "--stages", "segment,nonsense")
    assert r.returncode == 2 and "unknown stage" in r.stderr
    r = run("analyze", str(corpus / "a.txt"), "--date", "morgen vielleicht")
    assert r.returncode == 2 and "not a date" in r.stderr


def test_shipped_schema_is_generated_from_the_dataclasses():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render(), "run `make schema`"
    assert build_schema()["$defs"]["Event"]["properties"]["type"]["enum"][0] == "AGREE"


def test_seed_articles(shared):
    seeds = sorted((shared / "seeds").glob("*.txt"))
    r = run("analyze", *map(str, seeds), "--no-tokens")
    assert r.returncode == 0, r.stderr
    docs = {d["id"][:3]: d for d in json.loads(r.stdout)["documents"]}
    assert docs["000"]["date"] is None and docs["004"]["date"] == "2024-07"
    for d in docs.values():
        for s in d["sentences"]:
            assert "Foto:" not in s["text"] and "Übersetzung vom" not in s["text"]
    first = docs["004"]["sentences"][0]["text"]
    assert first.endswith("in Japan.") and not first.startswith("date")


def test_analyze_into_store_and_summarise(tmp_path):
    art = tmp_path / "s.txt"
    art.write_text("Datum: 2024-03-04\n\nWashington - Die USA verhängten am Montag Sanktionen gegen Russland.\n",
                   encoding="utf-8")
    db = tmp_path / "t.duckdb"
    r = run("analyze", str(art), "--db", str(db), "--format", "table")
    assert r.returncode == 0, r.stderr
    r = run("analyze", str(art), "--db", str(db), "--format", "jsonl")   # already stored: not analysed again
    assert r.returncode == 0 and r.stdout == "" and "already in the store" in r.stderr
    r = run("summary", "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert "documents 1" in r.stdout and "SANCTION 1" in r.stdout and "USA->RUS 1" in r.stdout
