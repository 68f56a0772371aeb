"""The name recogniser trained as a CRF (training/name_crf.py): its weights and transitions drive the
shipped decoder unchanged, and survive the model file."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("pycrfsuite")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))

from name_crf import train_crf  # noqa: E402

from lagebild.actors.names import NameModel, _hashes, load_model, save  # noqa: E402


def _sentences():
    out = []
    for first, last, firm in [("Kerstin", "Zwiebelhuber", "Blaukraut"), ("Jonas", "Beispielmann", "Rotkohl"),
                              ("Mira", "Quendel", "Grünspan")]:
        words = f"Gestern sprach {first} {last} mit der Firma {firm} in Oberwiesenfeld .".split()
        out.append((words, ["O", "O", "B-PER", "I-PER", "O", "O", "O", "B-ORG", "O", "B-LOC", "O"], None))
    return out


def test_crf_learns_invented_names_and_the_model_round_trips(tmp_path):
    gaz = {"g_given": _hashes(["Kerstin", "Jonas", "Mira", "Tilda"])}
    weights, trans = train_crf(_sentences() * 3, gazetteers=gaz, c1=0.0, c2=0.01)
    assert trans.shape == (7, 7) and weights.any()
    path = tmp_path / "names.bin"
    save(path, weights, gaz, trans)
    model = load_model.__wrapped__(path)
    assert isinstance(model, NameModel)
    assert model.spans("Gestern sprach Tilda Quendel mit der Firma Blaukraut in Oberwiesenfeld .".split()) == [
        (2, 4, "PER"), (7, 8, "ORG"), (9, 10, "LOC")]


def test_crf_transitions_are_kept_apart_from_the_weight_table(tmp_path):
    weights, trans = train_crf(_sentences(), c1=0.0, c2=0.01)
    save(tmp_path / "names.bin", weights, None, trans)
    model = load_model.__wrapped__(tmp_path / "names.bin")
    # every invented person has two words: after B-PER the CRF learnt I-PER, not O
    b_per, i_per = 1, 2
    assert model.trans[b_per, i_per] > model.trans[b_per, 0]
    assert model.trans[0, i_per] < -1e8   # the decoder's constraint still applies
