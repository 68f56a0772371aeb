"""Why an event was (or was not) coded: parse, actor mentions, matches and near misses.

    from lagebild.events.explain import explain
    rich.print(explain("Russland griff die Ukraine an."))

The owner's `lagebild explain "SENTENCE"` command prints this renderable.
"""
from __future__ import annotations

import importlib
from typing import Optional

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..model import Analysis, Document
from ..pipeline import Pipeline, available_stages
from .coder import EventCoder

BEFORE_EVENTS = ("segment", "syntax", "actors", "time")


def _analyse(text: str, date: Optional[str]) -> Analysis:
    for name in BEFORE_EVENTS[1:]:
        try:   # stages register on import
            importlib.import_module(f"lagebild.{name}")
        except ImportError:
            pass
    stages = [s for s in BEFORE_EVENTS if s in available_stages()]
    return Pipeline(stages)(Document("explain", text, date=date))


def _parse_table(sentence) -> Table:
    table = Table(title=f"Satz {sentence.i}: parse", show_lines=False, expand=False)
    for col in ("i", "Wort", "Lemma", "UPOS", "Kopf", "Relation", "Merkmale"):
        table.add_column(col)
    for t in sentence.tokens:
        table.add_row(str(t.i), t.text, t.lemma or "", t.upos or "", str(t.head), t.dep or "", t.morph or "")
    return table


def _actor_table(mentions) -> Table:
    table = Table(title="Akteure")
    for col in ("id", "Text", "Land", "Sektor", "Art", "Name", "Antezedens"):
        table.add_column(col)
    for m in mentions:
        table.add_row(m.id, m.text, m.country or "", ",".join(m.sector), m.kind or "", m.name or "", m.antecedent or "")
    return table


def _names(mentions) -> str:
    return ", ".join(f"{m.text} [{m.country or 'UNK'}]" for m in mentions) or "—"


def explain(text: str, date: Optional[str] = None) -> Group:
    analysis = _analyse(text, date)
    coder = EventCoder()
    by_id = {m.id: m for m in analysis.actors}
    parts: list = []
    if "syntax" not in analysis.stages:
        parts.append(Text("Kein Syntaxmodell: ohne Parse werden keine Muster geprüft.", style="bold red"))
    for sent in analysis.sentences:
        mentions = [m for m in analysis.actors if m.sentence == sent.i]
        parts.append(_parse_table(sent))
        parts.append(_actor_table(mentions))
        if sent.tokens and sent.tokens[0].dep is None:
            continue
        matches, misses = coder.match_sentence(sent, mentions, by_id)
        hits = Table(title="Treffer (kodierte Ereignisse)")
        for col in ("Regel", "Typ", "CAMEO", "Auslöser", "Quelle", "Ziel", "über", "Konfidenz"):
            hits.add_column(col)
        for m in matches:
            p = m.pattern
            hits.add_row(p.id, p.type, p.cameo, sent.tokens[m.trigger].text, _names(m.source), _names(m.target),
                         f"{m.slots.get('source') or '—'} / {m.slots.get('target') or '—'}", f"{m.confidence:.2f}")
        near = Table(title="Beinahe-Treffer (Auslöser gefunden, Muster nicht erfüllt)")
        for col in ("Regel", "Auslöser", "Grund"):
            near.add_column(col)
        for miss in misses:
            near.add_row(miss.pattern.id, sent.tokens[miss.trigger].text, miss.reason)
        parts.extend(t for t in (hits, near) if t.row_count)
        if not matches and not misses:
            parts.append(Text("Kein Auslöser eines Musters in diesem Satz.", style="dim"))
    return Group(Panel(Text(text), title="lagebild explain"), *parts)
