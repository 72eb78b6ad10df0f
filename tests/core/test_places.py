"""The offline gazetteer places cities in their zones, or says why it cannot."""

from __future__ import annotations

import pytest

from missionplanner.domain.places import locate, search
from missionplanner.errors import ValidationError


@pytest.mark.parametrize(
    ("city", "country", "zone"),
    [
        ("Santiago", "CL", "America/Santiago"),
        ("Bogotá", "CO", "America/Bogota"),
        ("Bogota", "co", "America/Bogota"),
        ("Medellín", "CO", "America/Bogota"),
        ("MEDELLIN", "CO", "America/Bogota"),
        ("Cali", "CO", "America/Bogota"),
        ("Atlanta", "US", "America/New_York"),
        ("San Francisco", "US", "America/Los_Angeles"),
        ("Miami", "US", "America/New_York"),
        ("Beijing", "CN", "Asia/Shanghai"),
        ("Santiago de Chile", "CL", "America/Santiago"),
    ],
)
def test_known_cities_get_their_zone_and_coordinates(city: str, country: str, zone: str) -> None:
    place = locate(city, country)
    assert place.timezone == zone
    assert -90 <= place.latitude <= 90 and -180 <= place.longitude <= 180


def test_santiago_in_chile_is_the_capital_not_a_namesake() -> None:
    place = locate("Santiago", "CL")
    assert round(place.latitude) == -33 and round(place.longitude) == -71


def test_unknown_city_asks_for_the_zone() -> None:
    with pytest.raises(ValidationError, match="give its time zone"):
        locate("Atlantis", "US")


def test_city_in_several_zones_asks_for_the_zone() -> None:
    with pytest.raises(ValidationError, match="several places called Springfield"):
        locate("Springfield", "US")


def test_unknown_country_code_is_explained() -> None:
    with pytest.raises(ValidationError, match="is not a country"):
        locate("Bogotá", "XX")


def test_search_completes_city_names_ignoring_accents() -> None:
    names = [(p.city, p.country) for p in search("medel")]
    assert ("Medellín", "CO") in names
