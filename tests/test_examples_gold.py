"""examples/gold_events.json is a well-formed transcription of examples/README.md.

Structure only: the accuracy on it is measured by benchmarks/examples.py.
"""
import json
import re
from pathlib import Path

import pytest
import yaml

from lagebild.ingest.sources import read_documents
from lagebild.model import Document, PLOVER_TYPES, SECTORS

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "examples" / "gold_events.json"
LANG = ROOT / "lagebild" / "lang" / "de"
EVENT_KEYS = {"type", "source", "target", "optional", "alternatives", "evidence"}
EXTRA_KEYS = {"alt_dyads", "date", "location", "future"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")


def _codes(name: str) -> set[str]:
    return set(yaml.safe_load((LANG / name).read_text(encoding="utf-8")))


COUNTRIES = _codes("countries.yaml")
CODES = COUNTRIES | _codes("regions.yaml") | {"IGO", "UNK"}


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def _events(gold):
    return [(doc, n, e) for doc, events in gold.items() for n, e in enumerate(events)]


def _check_side(side, where):
    if side is None:      # the README leaves the actors of an optional item open
        return
    assert isinstance(side, list), where
    for actor in side:
        assert set(actor) <= {"country", "sector", "org"}, where
        assert actor["country"] in CODES, f"{where}: unknown country {actor['country']}"
        assert actor["sector"] in SECTORS or actor["sector"] is None, f"{where}: sector {actor['sector']}"
        assert ("org" in actor) <= (actor["country"] == "IGO"), f"{where}: org on a non-IGO actor"


def test_every_document_id_exists(gold):
    ids = {d.id for d in read_documents([ROOT / "examples"]) if isinstance(d, Document)}
    assert set(gold) <= ids, f"not in examples/: {sorted(set(gold) - ids)}"
    assert ids <= set(gold), f"no gold for: {sorted(ids - set(gold))}"   # every example is coded


def test_events_are_well_formed(gold):
    for doc, n, e in _events(gold):
        where = f"{doc}[{n}]"
        assert EVENT_KEYS <= set(e) <= EVENT_KEYS | EXTRA_KEYS, f"{where}: keys {sorted(e)}"
        assert e["type"] in PLOVER_TYPES, f"{where}: type {e['type']}"
        assert all(t in PLOVER_TYPES and t != e["type"] for t in e["alternatives"]), where
        assert isinstance(e["optional"], bool), where
        assert isinstance(e["evidence"], str) and e["evidence"].strip(), where
        assert e["source"] is not None or e["optional"], f"{where}: only optional items may leave actors open"
        _check_side(e["source"], where)
        _check_side(e["target"], where)
        for dyad in e.get("alt_dyads", []):
            _check_side(dyad["source"], where)
            _check_side(dyad["target"], where)
        assert DATE.match(e.get("date", "2024")), f"{where}: date {e.get('date')}"
        assert e.get("location", "DEU") in COUNTRIES, f"{where}: location {e.get('location')}"


def test_every_document_has_required_events(gold):
    for doc, events in gold.items():
        assert any(not e["optional"] for e in events), doc
