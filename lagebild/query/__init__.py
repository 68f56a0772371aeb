"""Questions analysts ask of the store, answered in well under a second on millions of events.

    from lagebild.store import Store
    from lagebild import query
    with Store(path, read_only=True) as store:
        query.events(store, actor="Olaf Scholz", type="CONSULT", start="2024-01", end="2024-06")
        query.dyad_series(store, "DEU", "FRA", freq="month")
        query.actor_profile(store, "Emmanuel Macron")
        query.quotes(store, speaker="Olaf Scholz")
        query.search(store, "Munition liefern")
"""
from .events import evidence, events
from .profile import actor_profile, quotes
from .search import search
from .series import dyad_series

__all__ = ["events", "evidence", "dyad_series", "actor_profile", "quotes", "search"]
