"""Deterministic benchmark data: ``missionplanner/1`` mission files of a realistic shape.

Two files are written:

``missions-large.json``
    20,000 organizations with 2 contacts each, and 100 missions of 5 stops, 10
    participants, 100 meetings and the travel segments between the stops.
``mission-1000.json``
    One mission of 20 stops, 10 participants and 1,000 meetings, with the organizations
    its meetings refer to (identical to those of the large file, so the two files can be
    imported in either order, or alone).

Everything comes from seeded generators, so the same seed gives byte-identical files.
Meetings are in business hours (09:00-18:00 local, an occasional 08:00 briefing of the
whole delegation), so no local time falls in a clock-change gap. The delegation splits
into two or three tracks a day; a few deliberate extras (Saturday events, arrival-day
meetings, short gaps between venues, double bookings) give ``check`` something to find.

Use it as a module (``write_files``, ``large_file``, ``big_mission_file``) or from the
command line::

    uv run python benchmarks/generate.py --out DIR
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from missionplanner.domain.zones import resolve_local, to_local
from missionplanner.io.parse import FORMAT

SEED = 20260601
LARGE_FILE = "missions-large.json"
BIG_MISSION_FILE = "mission-1000.json"
BIG_MISSION_ID = "mission-1000"


@dataclass(frozen=True)
class City:
    name: str
    country: str
    zone: str
    latitude: float
    longitude: float
    airline: str  # a carrier code flying out of the city, for travel references


CITIES = (
    City("Santiago", "CL", "America/Santiago", -33.46, -70.65, "LA"),
    City("Valparaíso", "CL", "America/Santiago", -33.04, -71.63, "LA"),
    City("Concepción", "CL", "America/Santiago", -36.83, -73.05, "JA"),
    City("Bogotá", "CO", "America/Bogota", 4.61, -74.08, "AV"),
    City("Medellín", "CO", "America/Bogota", 6.25, -75.57, "AV"),
    City("Cali", "CO", "America/Bogota", 3.43, -76.52, "AV"),
    City("Barranquilla", "CO", "America/Bogota", 10.97, -74.78, "AV"),
    City("São Paulo", "BR", "America/Sao_Paulo", -23.55, -46.64, "G3"),
    City("Curitiba", "BR", "America/Sao_Paulo", -25.43, -49.27, "AD"),
    City("Mexico City", "MX", "America/Mexico_City", 19.43, -99.13, "AM"),
    City("Guadalajara", "MX", "America/Mexico_City", 20.68, -103.35, "Y4"),
    City("Querétaro", "MX", "America/Mexico_City", 20.59, -100.39, "AM"),
    City("Monterrey", "MX", "America/Monterrey", 25.68, -100.32, "VB"),
    City("Lima", "PE", "America/Lima", -12.04, -77.03, "LA"),
    City("Quito", "EC", "America/Guayaquil", -0.23, -78.52, "AV"),
    City("Panama City", "PA", "America/Panama", 8.99, -79.52, "CM"),
    City("San José", "CR", "America/Costa_Rica", 9.93, -84.08, "AV"),
    City("Buenos Aires", "AR", "America/Argentina/Buenos_Aires", -34.61, -58.38, "AR"),
    City("Montevideo", "UY", "America/Montevideo", -34.90, -56.19, "AR"),
    City("Atlanta", "US", "America/New_York", 33.75, -84.39, "DL"),
    City("Miami", "US", "America/New_York", 25.77, -80.19, "AA"),
    City("Boston", "US", "America/New_York", 42.36, -71.06, "B6"),
    City("Austin", "US", "America/Chicago", 30.27, -97.74, "UA"),
    City("San Francisco", "US", "America/Los_Angeles", 37.77, -122.42, "UA"),
    City("Toronto", "CA", "America/Toronto", 43.71, -79.40, "AC"),
    City("Montréal", "CA", "America/Toronto", 45.51, -73.59, "AC"),
    City("Madrid", "ES", "Europe/Madrid", 40.42, -3.70, "IB"),
    City("Barcelona", "ES", "Europe/Madrid", 41.39, 2.16, "VY"),
    City("Málaga", "ES", "Europe/Madrid", 36.72, -4.42, "IB"),
    City("Lisbon", "PT", "Europe/Lisbon", 38.73, -9.15, "TP"),
    City("Paris", "FR", "Europe/Paris", 48.85, 2.35, "AF"),
    City("London", "GB", "Europe/London", 51.51, -0.13, "BA"),
    City("Berlin", "DE", "Europe/Berlin", 52.52, 13.41, "LH"),
    City("Munich", "DE", "Europe/Berlin", 48.14, 11.58, "LH"),
    City("Düsseldorf", "DE", "Europe/Berlin", 51.22, 6.78, "EW"),
    City("Zürich", "CH", "Europe/Zurich", 47.37, 8.55, "LX"),
    City("Kraków", "PL", "Europe/Warsaw", 50.06, 19.94, "LO"),
    City("Tel Aviv", "IL", "Asia/Jerusalem", 32.08, 34.78, "LY"),
    City("Dubai", "AE", "Asia/Dubai", 25.08, 55.31, "EK"),
    City("Bengaluru", "IN", "Asia/Kolkata", 12.97, 77.59, "AI"),
    City("Singapore", "SG", "Asia/Singapore", 1.29, 103.85, "SQ"),
    City("Shanghai", "CN", "Asia/Shanghai", 31.22, 121.46, "MU"),
    City("Shenzhen", "CN", "Asia/Shanghai", 22.55, 114.07, "CZ"),
    City("Seoul", "KR", "Asia/Seoul", 37.57, 126.98, "KE"),
    City("Tokyo", "JP", "Asia/Tokyo", 35.69, 139.69, "JL"),
)

ORG_KINDS = (
    "innovation centre",
    "accelerator",
    "university",
    "government or trade office",
    "investment agency",
    "corporation",
    "corporation",
    "corporation",
    "startup",
    "startup",
    "investor",
    "event",
    "chamber or association",
    "other",
)
ORG_PREFIXES = (
    "Fundación",
    "Instituto",
    "Agência",
    "Cámara de Comercio",
    "Société",
    "Grupo",
    "Centro de Innovación",
    "Universidad",
    "Universidade",
    "Technische Hochschule",
    "Corporación",
    "Compañía",
    "Laboratório",
    "Parc Científic",
    "Asociación",
    "Red",
    "Fondo",
    "Incubadora",
)
ORG_CORES = (
    "Andina",
    "del Pacífico",
    "Austral",
    "Atlântica",
    "Nórdica",
    "Iberoamericana",
    "Tecnológica",
    "de Energías Limpias",
    "BioSalud",
    "Agroindustrial",
    "Logística Integral",
    "Minería Verde",
    "Fintech Alianza",
    "Ciberseguridad",
    "Química Fina",
    "Vinícola",
    "Acuícola",
    "Aeroespacial",
    "Automotriz",
    "Farmacéutica",
    "Digital",
    "Solar",
    "del Hidrógeno",
    "Portuária",
    "Têxtil",
)
SECTORS = (
    "agritech",
    "aerospace",
    "automotive",
    "biotech",
    "clean energy",
    "cybersecurity",
    "e-commerce",
    "education",
    "fintech",
    "food and beverage",
    "green hydrogen",
    "health",
    "logistics",
    "mining",
    "software",
    "tourism",
)
FIRST_NAMES = (
    "José",
    "María",
    "Sofía",
    "Andrés",
    "Camila",
    "Sebastián",
    "Valentina",
    "Martín",
    "Lucía",
    "Joaquín",
    "Mónica",
    "Raúl",
    "Inés",
    "João",
    "Conceição",
    "Zoë",
    "François",
    "Hélène",
    "Jürgen",
    "Małgorzata",
    "Søren",
    "Wei",
    "Mei-Ling",
    "Hiroshi",
    "Ji-woo",
    "Priya",
    "Amélie",
    "Cesar",
    "Natalia",
    "Emily",
    "David",
)
LAST_NAMES = (
    "González",
    "Muñoz",
    "Rodríguez",
    "Pérez",
    "Núñez",
    "Gómez",
    "Díaz",
    "Fernández",
    "Martínez-Kalínina",
    "Ibáñez",
    "Araújo",
    "Magalhães",
    "Conceição",
    "Müller",
    "Schäfer",
    "Dvořák",
    "Wójcik",
    "Lefèvre",
    "Zhang",
    "Chen",
    "Tanaka",
    "Kim",
    "Sharma",
    "O'Brien",
    "Smith",
    "Constain",
    "Vence",
)
TITLES = (
    "Director of International Affairs",
    "Gerente de Desarrollo de Negocios",
    "Head of Partnerships",
    "Chief Executive Officer",
    "Jefa de Innovación",
    "Investment Manager",
    "Diretora de Relações Institucionais",
    "Trade Commissioner",
    "Chief Technology Officer",
    "Responsable des partenariats",
)
ROLES = (
    "Head of delegation",
    "Senior Business Development Manager",
    "Investment specialist",
    "Sector lead, clean energy",
    "Sector lead, software",
    "Logistics coordinator",
    "Policy adviser",
    "Communications officer",
    "Company representative",
    "Company representative",
)
HOME_AGENCIES = (
    ("InvestChile", "America/Santiago"),
    ("ProColombia", "America/Bogota"),
    ("Agencia de Promoción de Medellín", "America/Bogota"),
    ("ApexBrasil", "America/Sao_Paulo"),
    ("Georgia Department of Economic Development", "America/New_York"),
    ("ICEX España", "Europe/Madrid"),
)
MEETING_TITLES = (
    "Reunión con {org}",
    "Meeting with {org}",
    "Visita a {org}",
    "Roundtable on {sector} at {org}",
    "Almuerzo de trabajo con {org}",
    "Briefing by {org}",
    "Apresentação de {org}",
)
VENUE_WORDS = ("Sede", "Oficinas", "Campus", "Hub", "Torre", "Edificio", "Centro de Convenciones")
STREETS = (
    "Av. Apoquindo",
    "Carrera 7",
    "Calle 10 Sur",
    "Avenida Paulista",
    "Paseo de la Reforma",
    "Peachtree Street NE",
    "Calle de Alcalá",
    "Nanjing Road",
    "Friedrichstraße",
    "Rua Augusta",
)
ACTIONS = (
    "Send the sector brochure and the incentives summary",
    "Enviar propuesta de memorando de entendimiento",
    "Schedule a follow-up call with the technical team",
    "Compartir datos de costos de instalación",
    "Introduce them to the free-zone operator",
    "Invite them to the investor day",
)

# Meeting lengths and the gaps between one track's meetings, in minutes.
DURATIONS = (30, 45, 60, 60, 60, 90)
GAPS = (0, 15, 30, 30, 45, 60, 60, 90)
DAY_START = 9 * 60
DAY_END = 18 * 60


# --- helpers ----------------------------------------------------------------------------


def _rng(seed: int, *parts: object) -> random.Random:
    """An independent generator for one record, so records do not depend on each other."""
    return random.Random("/".join(str(part) for part in (seed, *parts)))


def _slug(text: str) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch if ch.isalnum() else "-" for ch in ascii_text.lower()).strip("-")


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


PHONE_REGIONS = ("CL", "CO", "BR", "MX", "US", "CN", "ES", "DE", "GB", "JP", "AE", "ZA")


def _phone(rng: random.Random) -> str:
    """A valid international number: a region's example number with new last digits."""
    import phonenumbers

    region = rng.choice(PHONE_REGIONS)
    example = phonenumbers.example_number(region)
    digits = str(example.national_number)
    tail = f"{rng.randint(0, 9999):04d}"
    number = phonenumbers.parse(f"+{example.country_code}{digits[:-4]}{tail}")
    if not phonenumbers.is_valid_number(number):
        number = example
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _minute(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M")


def _distance_km(a: City, b: City) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


# --- organizations ----------------------------------------------------------------------


def organization_id(index: int) -> str:
    return f"org-{index:05d}"


def organization(seed: int, index: int) -> dict[str, Any]:
    """Organization ``index`` with its two contacts; the same for a seed in every file."""
    rng = _rng(seed, "organization", index)
    city = rng.choice(CITIES)
    name = f"{rng.choice(ORG_PREFIXES)} {rng.choice(ORG_CORES)} {city.name}"
    org_id = organization_id(index)
    sectors = rng.sample(SECTORS, rng.randint(1, 3))
    slug = _slug(name)[:40].strip("-")
    contacts = []
    for number in (1, 2):
        person = _person(rng)
        contacts.append(
            {
                "id": f"{org_id}-c{number}",
                "name": person,
                "title": rng.choice(TITLES),
                "email": f"{_slug(person).replace('-', '.')}@{slug}.example",
                "phone": _phone(rng),
                "notes": rng.choice(("", "", "Prefers Spanish.", "Met at the last trade fair.")),
            }
        )
    return {
        "id": org_id,
        "name": name,
        "kind": rng.choice(ORG_KINDS),
        "city": city.name,
        "country": city.country,
        "website": f"https://www.{slug}.example",
        "profile": (
            f"{name} works in {', '.join(sectors)} in {city.name}. "
            f"Founded in {rng.randint(1950, 2022)}, about {rng.randint(5, 5000)} staff. "
            "Interested in partners for expansion into new markets and joint R&D projects."
        ),
        "sectors": sectors,
        "contacts": contacts,
    }


# --- missions ---------------------------------------------------------------------------


@dataclass
class _Stop:
    id: str
    city: City
    arrive: date
    depart: date


class _MissionBuilder:
    def __init__(
        self,
        seed: int,
        mission_id: str,
        *,
        stops: int,
        meetings: int,
        participants: int,
        stay: tuple[int, int],
        start: date,
        organizations: int,
    ) -> None:
        self.seed = seed
        self.rng = _rng(seed, "mission", mission_id)
        self.id = mission_id
        self.n_stops = stops
        self.n_meetings = meetings
        self.n_participants = participants
        self.stay = stay
        self.start = start
        self.n_orgs = organizations
        self.org_cache: dict[int, dict[str, Any]] = {}
        self.referenced: set[int] = set()

    def org(self, index: int) -> dict[str, Any]:
        if index not in self.org_cache:
            self.org_cache[index] = organization(self.seed, index)
        return self.org_cache[index]

    def build(self) -> dict[str, Any]:
        rng = self.rng
        agency, home_zone = rng.choice(HOME_AGENCIES)
        route = rng.sample(CITIES, self.n_stops)
        participants = [
            {
                "id": f"{self.id}-p{n + 1:02d}",
                "name": _person(rng),
                "role": ROLES[n % len(ROLES)],
                "organization": agency if n < 6 else f"Empresa {rng.choice(ORG_CORES)} S.A.",
                "email": f"participant{n + 1}@{_slug(agency)}.example",
                "phone": _phone(rng),
            }
            for n in range(self.n_participants)
        ]
        self.participant_ids = [p["id"] for p in participants]
        self.participant_names = [p["name"] for p in participants]
        stops, travel = self._stops_and_travel(route)
        meetings = self._meetings(stops)
        first, last = stops[0].arrive, stops[-1].depart
        return {
            "id": self.id,
            "title": f"{agency} mission to {route[0].name} and {len(route) - 1} more cities, "
            f"{first:%B %Y}",
            "organizer": agency,
            "direction": rng.choice(("outbound", "outbound", "inbound")),
            "status": rng.choice(("draft", "planned", "confirmed")),
            "objectives": "Meet investors and partners; promote the region's sectors "
            f"({', '.join(rng.sample(SECTORS, 3))}). Trip {first} – {last}.",
            "home_timezone": home_zone,
            "participants": participants,
            "stops": [
                {
                    "id": s.id,
                    "city": s.city.name,
                    "country": s.city.country,
                    "timezone": s.city.zone,
                    "arrive": s.arrive.isoformat(),
                    "depart": s.depart.isoformat(),
                    "hotel": f"Hotel {rng.choice(ORG_CORES)} {s.city.name}",
                    "notes": "",
                }
                for s in stops
            ],
            "travel": travel,
            "meetings": meetings,
        }

    def _stops_and_travel(self, route: Sequence[City]) -> tuple[list[_Stop], list[dict[str, Any]]]:
        rng = self.rng
        stops: list[_Stop] = []
        travel: list[dict[str, Any]] = []
        arrive = self.start
        for position, city in enumerate(route):
            depart = arrive + timedelta(days=rng.randint(*self.stay) - 1)
            stop = _Stop(f"{self.id}-s{position + 1:02d}", city, arrive, depart)
            stops.append(stop)
            if position + 1 == len(route):
                break
            segment, arrive = self._segment(position, stop, route[position + 1])
            travel.append(segment)
        return stops, travel

    def _segment(self, position: int, stop: _Stop, to: City) -> tuple[dict[str, Any], date]:
        rng = self.rng
        origin = stop.city
        distance = _distance_km(origin, to)
        if distance < 350:
            mode, hours, carrier = "car", distance / 70 + 0.5, ""
        elif distance < 700 and origin.country == to.country:
            mode, hours, carrier = "train", distance / 180 + 0.5, ""
        else:
            mode, hours, carrier = "flight", 1.5 + distance / 780, origin.airline
        minutes = max(60, round(hours * 60 / 5) * 5)
        depart_local = datetime.combine(stop.depart, datetime.min.time()) + timedelta(
            minutes=rng.randrange(7 * 60, 13 * 60, 15)
        )
        depart_utc = resolve_local(depart_local, origin.zone).utc
        arrive_local = to_local(depart_utc + timedelta(minutes=minutes), to.zone)
        arrive_local = arrive_local.replace(tzinfo=None)
        everyone = rng.random() < 0.8
        travellers = (
            [] if everyone else sorted(rng.sample(self.participant_ids, self.n_participants - 1))
        )
        segment = {
            "id": f"{self.id}-t{position + 1:02d}",
            "from": origin.name,
            "to": to.name,
            "mode": mode,
            "carrier": carrier,
            "reference": str(rng.randint(100, 9999)) if carrier else "",
            "depart": _minute(depart_local),
            "depart_timezone": origin.zone,
            "arrive": _minute(arrive_local),
            "arrive_timezone": to.zone,
            "participants": travellers,
        }
        return segment, arrive_local.date()

    def _meeting_days(self, stops: Sequence[_Stop]) -> list[tuple[_Stop, date]]:
        """Full days of each stay, weekdays only, and now and then a Saturday."""
        days = []
        for stop in stops:
            day = stop.arrive + timedelta(days=1)
            while day < stop.depart:
                if day.weekday() < 5 or (day.weekday() == 5 and self.rng.random() < 0.15):
                    days.append((stop, day))
                day += timedelta(days=1)
        return days

    def _meetings(self, stops: Sequence[_Stop]) -> list[dict[str, Any]]:
        rng = self.rng
        days = self._meeting_days(stops)
        if not days:
            raise ValueError(f"{self.id}: the stays are too short for any meetings")
        quota = [self.n_meetings // len(days)] * len(days)
        for index in range(self.n_meetings % len(days)):
            quota[index] += 1
        meetings: list[dict[str, Any]] = []
        for (stop, day), wanted in zip(days, quota, strict=True):
            meetings.extend(self._day(stop, day, wanted, len(meetings)))
        # An arrival-day meeting now and then: it may clash with the flight in.
        for stop in stops[1:]:
            if rng.random() < 0.3 and meetings:
                victim = rng.randrange(len(meetings))
                meetings[victim] = self._meeting(
                    int(meetings[victim]["id"].rsplit("-m", 1)[1]) - 1,
                    stop,
                    stop.arrive,
                    16 * 60,
                    60,
                    rng.sample(self.participant_ids, 3),
                )
        return meetings

    def _day(self, stop: _Stop, day: date, wanted: int, numbered: int) -> list[dict[str, Any]]:
        rng = self.rng
        out: list[dict[str, Any]] = []
        if wanted and rng.random() < 0.3:
            # An early briefing of the whole delegation (empty attendees).
            out.append(self._meeting(numbered, stop, day, 8 * 60, 45, [], kind="briefing"))
        people = list(self.participant_ids)
        rng.shuffle(people)
        tracks = rng.choice((2, 3, 3))
        groups = [people[i::tracks] for i in range(tracks)]
        clocks = [DAY_START + rng.choice((0, 0, 15, 30)) for _ in groups]
        # Some days are spent at one venue (a fair, a conference): no moving between meetings.
        venue = f"Centro de Convenciones {stop.city.name}" if rng.random() < 0.3 else None
        track = 0
        while len(out) < wanted:
            duration = rng.choice(DURATIONS)
            open_tracks = [t for t in range(tracks) if clocks[t] + duration <= DAY_END]
            if not open_tracks:
                # The day is full: squeeze one in anyway (a double booking for check).
                start = rng.randrange(DAY_START, DAY_END - 60, 15)
                attendees = rng.sample(self.participant_ids, 2)
                out.append(self._meeting(numbered + len(out), stop, day, start, 60, attendees))
                continue
            track = open_tracks[track % len(open_tracks)]
            group = groups[track]
            attendees = group if rng.random() < 0.6 else rng.sample(group, max(1, len(group) - 1))
            if rng.random() < 0.02:
                # Someone from another track joins: a likely double booking for check.
                attendees = [*attendees, rng.choice([p for p in people if p not in group])]
            meeting = self._meeting(
                numbered + len(out), stop, day, clocks[track], duration, sorted(attendees)
            )
            if venue:
                meeting["venue"] = venue
            out.append(meeting)
            clocks[track] += duration + rng.choice(GAPS)
            track += 1
        return out

    def _meeting(
        self,
        number: int,
        stop: _Stop,
        day: date,
        start_minute: int,
        duration: int,
        attendees: list[str],
        kind: str | None = None,
    ) -> dict[str, Any]:
        rng = self.rng
        meeting_id = f"{self.id}-m{number + 1:04d}"
        org_indices = [rng.randrange(self.n_orgs) for _ in range(1 if rng.random() < 0.8 else 2)]
        org_indices = list(dict.fromkeys(org_indices))
        self.referenced.update(org_indices)
        orgs = [self.org(i) for i in org_indices]
        contacts = [c["id"] for o in orgs for c in o["contacts"][: rng.randint(0, 2)]]
        main = orgs[0]
        start = datetime.combine(day, datetime.min.time()) + timedelta(minutes=start_minute)
        end = start + timedelta(minutes=duration)
        kind = kind or rng.choice(("meeting",) * 7 + ("site visit", "reception", "event"))
        title = rng.choice(MEETING_TITLES).format(org=main["name"], sector=main["sectors"][0])
        if kind == "briefing":
            title = f"Delegation briefing, {stop.city.name}"
        follow_ups = []
        if rng.random() < 0.3:
            for k in range(rng.randint(1, 2)):
                item: dict[str, Any] = {
                    "action": rng.choice(ACTIONS),
                    "owner": rng.choice(self.participant_names),
                    "due": (day + timedelta(days=rng.randint(3, 21))).isoformat(),
                    "done": rng.random() < 0.2,
                }
                if rng.random() < 0.5:  # the others get derived ids on import
                    item = {"id": f"{meeting_id}-f{k + 1}", **item}
                follow_ups.append(item)
        return {
            "id": meeting_id,
            "title": title,
            "kind": kind,
            "stop": stop.id,
            "organizations": [o["id"] for o in orgs],
            "contacts": contacts,
            "start": _minute(start),
            "end": _minute(end),
            "timezone": stop.city.zone,
            # A few venues differ from back-to-back neighbours: tight connections for check.
            "venue": f"{rng.choice(VENUE_WORDS)} {main['name']}"[:300],
            "address": f"{rng.choice(STREETS)} {rng.randint(1, 3000)}, {stop.city.name}",
            "status": rng.choice(("proposed", "requested", "confirmed", "confirmed", "held"))
            if rng.random() > 0.03
            else "cancelled",
            "objectives": f"Present the {main['sectors'][0]} offer; explore a soft-landing visit.",
            "talking_points": "Incentives; talent pipeline; next trade fair.",
            "notes": rng.choice(("", "", "Interpreter needed.", "Bring printed brochures.")),
            "attendees": attendees,
            "follow_ups": follow_ups,
        }


def _first_monday(rng: random.Random, first: date, last: date) -> date:
    day = first + timedelta(days=rng.randrange((last - first).days))
    return day - timedelta(days=day.weekday())


# --- files ------------------------------------------------------------------------------


def large_file(
    seed: int = SEED,
    *,
    organizations: int = 20_000,
    missions: int = 100,
    stops: int = 5,
    meetings: int = 100,
    participants: int = 10,
) -> dict[str, Any]:
    """The contents of the large file (organizations and many ordinary missions)."""
    rng = _rng(seed, "large")
    mission_list = []
    for n in range(missions):
        start = _first_monday(rng, date(2026, 1, 12), date(2027, 11, 1))
        builder = _MissionBuilder(
            seed,
            f"mission-{n + 1:03d}",
            stops=stops,
            meetings=meetings,
            participants=participants,
            stay=(5, 7),
            start=start,
            organizations=organizations,
        )
        mission_list.append(builder.build())
    return {
        "format": FORMAT,
        "organizations": [organization(seed, i) for i in range(organizations)],
        "missions": mission_list,
    }


def big_mission_file(
    seed: int = SEED,
    *,
    meetings: int = 1_000,
    stops: int = 20,
    participants: int = 10,
    organizations: int = 20_000,
) -> dict[str, Any]:
    """One mission with many meetings, and the organizations its meetings refer to."""
    builder = _MissionBuilder(
        seed,
        BIG_MISSION_ID,
        stops=stops,
        meetings=meetings,
        participants=participants,
        stay=(7, 9),
        start=date(2026, 4, 13),
        organizations=organizations,
    )
    mission = builder.build()
    return {
        "format": FORMAT,
        "organizations": [builder.org(i) for i in sorted(builder.referenced)],
        "missions": [mission],
    }


def write_json(path: Path, contents: dict[str, Any]) -> int:
    """Write ``contents`` the way the app writes mission files; returns the size in bytes."""
    text = json.dumps(contents, ensure_ascii=False, indent=2) + "\n"
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


def write_files(out: Path, seed: int = SEED) -> dict[str, Path]:
    """Write both benchmark files into ``out``; returns their paths by role."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"large": out / LARGE_FILE, "big_mission": out / BIG_MISSION_FILE}
    write_json(paths["large"], large_file(seed))
    write_json(paths["big_mission"], big_mission_file(seed))
    return paths


def _summary(contents: dict[str, Any]) -> str:
    orgs = contents["organizations"]
    missions = contents["missions"]
    return (
        f"{len(orgs):,} organizations, {sum(len(o['contacts']) for o in orgs):,} contacts, "
        f"{len(missions):,} missions, "
        f"{sum(len(m['stops']) for m in missions):,} stops, "
        f"{sum(len(m['participants']) for m in missions):,} participants, "
        f"{sum(len(m['travel']) for m in missions):,} travel segments, "
        f"{sum(len(m['meetings']) for m in missions):,} meetings, "
        f"{sum(len(mt['follow_ups']) for m in missions for mt in m['meetings']):,} follow-ups"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the files")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, make in ((LARGE_FILE, large_file), (BIG_MISSION_FILE, big_mission_file)):
        began = time.perf_counter()
        contents = make(args.seed)
        size = write_json(args.out / name, contents)
        took = time.perf_counter() - began
        print(f"{name}: {size / 1e6:.1f} MB in {took:.1f} s; {_summary(contents)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
