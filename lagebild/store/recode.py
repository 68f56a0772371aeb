"""Re-code stored documents with the current pipeline (text and spans unchanged).

Each batch is swapped in one transaction. Documents already coded by this
version and these stages (by ``analyze`` or an earlier recode) are skipped, so a killed recode is finished by
running it again, with nothing missing and nothing twice.
"""
from __future__ import annotations

from typing import Callable, Iterable

from ..pipeline import Pipeline
from .store import Store


def recode(store: Store, stages: Iterable[str] | None = None, batch_size: int = 64, everything: bool = False,
           settings: dict | None = None, progress: Callable[[int], None] | None = None) -> dict[str, int]:
    from .. import __version__

    pipeline = Pipeline(stages)
    run = {"version": __version__, "stages": pipeline.stage_names, "settings": settings or {}}
    where, params = "TRUE", []
    if not everything:
        where = "run_id NOT IN (SELECT run_id FROM runs WHERE version = ? AND stages = ?)"
        params = [run["version"], run["stages"]]
    done = failed = 0
    batch = []
    for doc_id, document in store.documents(where, params):
        try:
            batch.append((doc_id, pipeline(document)))
        except Exception:  # a document the new pipeline cannot code keeps its old coding
            failed += 1
            continue
        if len(batch) >= batch_size:
            store.replace_many(batch, run)
            done += len(batch)
            progress and progress(len(batch))
            batch = []
    if batch:
        store.replace_many(batch, run)
        done += len(batch)
        progress and progress(len(batch))
    return {"recoded": done, "failed": failed}
