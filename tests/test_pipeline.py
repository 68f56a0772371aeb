"""Pipeline mechanics: order, batching, and one bad document not taking others down."""
import pytest

from lagebild import pipeline
from lagebild.model import Document
from lagebild.pipeline import Failure, Pipeline


class Fragile:
    """Fails on documents saying KAPUTT; records how it was called."""
    name = "test_fragile"
    calls: list = []

    def __call__(self, analysis):
        if "KAPUTT" in analysis.document.text:
            raise ValueError("kaputt")
        Fragile.calls.append(("one", analysis.id))

    def pipe_batch(self, analyses):
        for a in analyses:
            if "KAPUTT" in a.document.text:
                raise ValueError("kaputt")
        Fragile.calls.append(("batch", [a.id for a in analyses]))


@pytest.fixture(autouse=True)
def fragile_stage():
    """Registered for these tests only: `lagebild stages` must not list it elsewhere."""
    pipeline.register(Fragile.name)(Fragile)
    Fragile.calls.clear()
    yield
    pipeline._FACTORIES.pop(Fragile.name)


def docs(*texts):
    return [Document(id=f"d{i}", text=t) for i, t in enumerate(texts)]


def test_batches_keep_input_order_and_failures_in_place():
    items = docs("Eins.", "Zwei.", "Drei.")
    items.insert(1, Failure("unreadable.txt", "no such file"))
    out = list(Pipeline(["segment", "test_fragile"]).pipe(items, batch_size=2))
    assert [o.id for o in out] == ["d0", "unreadable.txt", "d1", "d2"]
    assert [a.stages for a in out if not isinstance(a, Failure)] == [["segment", "test_fragile"]] * 3
    assert ("batch", ["d1", "d2"]) in Fragile.calls


def test_a_failing_document_does_not_fail_its_batch():
    out = list(Pipeline(["segment", "test_fragile"]).pipe(docs("Eins.", "KAPUTT hier.", "Drei."), batch_size=8))
    assert [type(o).__name__ for o in out] == ["Analysis", "Failure", "Analysis"]
    assert out[1].id == "d1" and "ValueError: kaputt" in out[1].reason
    assert [s.text for s in out[2].sentences] == ["Drei."]
