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

    def pipe(self, documents: Iterable[Union[Document, Failure]]) -> Iterator[Union[Analysis, Failure]]:
        """Analyse a stream; a failing document becomes a Failure, the stream goes on."""
        for doc in documents:
            if isinstance(doc, Failure):
                yield doc
                continue
            try:
                yield self(doc)
            except Exception as exc:  # one bad document must not stop the run
                yield Failure(doc.id, f"{type(exc).__name__}: {exc}")
