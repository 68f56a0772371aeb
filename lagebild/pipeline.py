"""The chain of stages: Document -> sentences/tokens -> syntax -> actors -> times/events/quotes.

A component is any callable ``component(analysis) -> None`` that reads what the
earlier stages put into the :class:`~lagebild.model.Analysis` and adds its own
records. Components have a ``name``; the pipeline records which ones ran so
that a consumer can tell "no events found" from "event stage not run".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Protocol, Union

from .model import Analysis, Document


class Component(Protocol):
    """A stage. It may also offer ``pipe_batch(analyses)``: the same work over several
    documents at once, for stages whose models run faster on larger batches (the parser)."""
    name: str

    def __call__(self, analysis: Analysis) -> None: ...


@dataclass(slots=True)
class Failure:
    """A document that could not be analysed; the run goes on without it."""
    id: str
    reason: str
    where: str | None = None    # file and line, when that says more than the id

    def __str__(self) -> str:
        if self.where and self.where != self.id:
            return f"{self.where} (id {self.id}): {self.reason}"
        return f"{self.id}: {self.reason}"


# Documents analysed together by stages that offer pipe_batch: enough sentences for the
# parser's batches (~20 per news article), few enough that output keeps streaming.
BATCH_SIZE = 16

# name -> factory. Registering makes a stage available; which stages run by
# default, and in which order, is said in one place: ``lagebild.stages``.
_FACTORIES: dict[str, Callable[[], Component]] = {}


def register(name: str) -> Callable[[Callable[[], Component]], Callable[[], Component]]:
    def wrap(factory: Callable[[], Component]) -> Callable[[], Component]:
        _FACTORIES[name] = factory
        return factory
    return wrap


def default_stages() -> list[str]:
    from .stages import DEFAULT_STAGES

    return list(DEFAULT_STAGES)


def available_stages() -> list[str]:
    _load_builtin_stages()
    order = default_stages()
    return order + sorted(n for n in _FACTORIES if n not in order)


def _load_builtin_stages() -> None:
    from .stages import load_all

    load_all()


class Pipeline:
    def __init__(self, stages: Iterable[str] | None = None) -> None:
        _load_builtin_stages()
        names = list(stages) if stages is not None else default_stages()
        unknown = [n for n in names if n not in _FACTORIES]
        if unknown:
            raise ValueError(f"unknown stage(s) {unknown}; available: {list(_FACTORIES)}")
        self.components: list[Component] = [_FACTORIES[n]() for n in names]

    @property
    def stage_names(self) -> list[str]:
        return [c.name for c in self.components]

    def __call__(self, document: Document) -> Analysis:
        analysis = Analysis(document=document)
        for component in self.components:
            component(analysis)
            analysis.stages.append(component.name)
        return analysis

    def pipe(self, documents: Iterable[Union[Document, Failure]],
             batch_size: int = BATCH_SIZE) -> Iterator[Union[Analysis, Failure]]:
        """Analyse a stream, in input order; a failing document becomes a Failure, the stream goes on."""
        batch: list[Document] = []
        for doc in documents:
            if isinstance(doc, Failure):
                yield from self._batch(batch)
                batch = []
                yield doc
                continue
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        yield from self._batch(batch)

    def _batch(self, documents: list[Document]) -> Iterator[Union[Analysis, Failure]]:
        analyses = [Analysis(document=doc) for doc in documents]
        try:
            for component in self.components:
                pipe_batch = getattr(component, "pipe_batch", None)
                if pipe_batch is not None and len(analyses) > 1:
                    pipe_batch(analyses)
                else:
                    for analysis in analyses:
                        component(analysis)
                for analysis in analyses:
                    analysis.stages.append(component.name)
        except Exception:
            # one bad document must not take its batch down: analyse them one by one
            yield from map(self._one, documents)
            return
        yield from analyses

    def _one(self, document: Document) -> Union[Analysis, Failure]:
        try:
            return self(document)
        except Exception as exc:  # one bad document must not stop the run
            return Failure(document.id, f"{type(exc).__name__}: {exc}")
