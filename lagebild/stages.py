"""The standard pipeline: which stages run by default, in this order.

Each stage's module registers its factory when imported; ``load_all`` imports
them all (also the optional ones, so ``--stages`` can name them).
"""
from __future__ import annotations

import os
from importlib import import_module

# LAGEBILD_SYNTAX picks the syntax stage of the default pipeline ("syntax" or
# "syntax-graph") so that benchmarks and users can compare the two parsers
# without spelling out every stage.
SYNTAX_STAGE = os.environ.get("LAGEBILD_SYNTAX", "syntax")
DEFAULT_STAGES = ["segment", SYNTAX_STAGE, "actors", "time", "events", "quotes", "events_quotes"]

# stage module -> imported for its @register side effect
_MODULES = ["lagebild.text.segment", "lagebild.syntax", "lagebild.actors", "lagebild.time",
            "lagebild.events", "lagebild.quotes"]


def load_all() -> None:
    for module in _MODULES:
        import_module(module)
