"""The itinerary PDF read back with pypdf: days, local times, zones, people, text.

Test missions come in through the core (a mission file imported into a real SQLite
file under tmp_path) and the PDF is rendered in reportlab's invariant mode.
"""

from __future__ import annotations

import copy
import io
import re
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from missionplanner.errors import NotFoundError
from missionplanner.export.itinerary import ItineraryRenderer
from missionplanner.export.paper import Paper
from missionplanner.progress import Cancelled, Progress
from missionplanner.services.documents import export_itinerary
from missionplanner.services.dossier import load_dossier
from missionplanner.store.database import Database, open_database

GENERATED = datetime(2026, 9, 1, 8, 30)
DatabaseFrom = Callable[[Path, dict[str, Any]], Database]
PageTexts = Callable[[PdfReader], list[str]]
WholeText = Callable[[PdfReader], str]
DaySections = Callable[[PdfReader], dict[str, str]]
ODD_ORGANIZATION = "AT&T <Latam> & Partners"
CYRILLIC = "Директор по развитию"
GREEK = "Λάμπρος Παπαδόπουλος"
CHINESE = "华为技术有限公司"

MISSION_FILE: dict[str, Any] = {
    "format": "missionplanner/1",
    "organizations": [
        {
            "id": "org-att",
            "name": ODD_ORGANIZATION,
            "city": "Santiago",
            "country": "CL",
            "contacts": [
                {
                    "id": "c-zoe",
                    "name": "Zoë Özdemir",
                    "title": CYRILLIC,
                    "phone": "+56 2 2940 1750",
                }
            ],
        },
        {
            "id": "org-huawei",
            "name": CHINESE,
            "city": "Santiago",
            "country": "CL",
            "contacts": [{"id": "c-lambros", "name": GREEK, "phone": "+56 2 2631 8200"}],
        },
        {
            "id": "org-nandu",
            "name": "Ñandú Ventures",
            "city": "Medellín",
            "country": "CO",
            "contacts": [{"id": "c-sergio", "name": "Sergio Escobar", "phone": "+57 604 320 3430"}],
        },
    ],
    "missions": [
        {
            "id": "m-test",
            "title": "Andes test mission",
            "organizer": "Invest Atlanta",
            "home_timezone": "America/New_York",
            "participants": [
                {"id": "p-cesar", "name": "Cesar Vence", "role": "Mission lead"},
                {"id": "p-zoe", "name": "Zoë Özdemir", "role": "Analyst"},
                {"id": "p-late", "name": "Manolo Constain", "role": "Joins in Medellín"},
            ],
            "stops": [
                {
                    "id": "s-scl",
                    "city": "Santiago",
                    "country": "CL",
                    "timezone": "America/Santiago",
                    "arrive": "2026-10-05",
                    "depart": "2026-10-07",
                    "hotel": "Hotel Ñandú Santiago",
                },
                {
                    "id": "s-mde",
                    "city": "Medellín",
                    "country": "CO",
                    "timezone": "America/Bogota",
                    "arrive": "2026-10-08",
                    "depart": "2026-10-09",
                    "hotel": "Hotel Poblado Medellín",
                },
            ],
            "travel": [
                {
                    "id": "t-overnight",
                    "from": "Santiago (SCL)",
                    "to": "Medellín (MDE)",
                    "carrier": "LATAM",
                    "reference": "LA 570",
                    "depart": "2026-10-07T22:00",
                    "depart_timezone": "America/Santiago",
                    "arrive": "2026-10-08T02:25",
                    "arrive_timezone": "America/Bogota",
                    "participants": ["p-cesar", "p-zoe"],
                },
                {
                    "id": "t-late-joiner",
                    "from": "Bogotá (BOG)",
                    "to": "Medellín (MDE)",
                    "carrier": "Avianca",
                    "reference": "AV 9301",
                    "depart": "2026-10-08T06:00",
                    "depart_timezone": "America/Bogota",
                    "arrive": "2026-10-08T07:00",
                    "arrive_timezone": "America/Bogota",
                    "participants": ["p-late"],
                },
                {
                    "id": "t-cesar-only",
                    "from": "Medellín (MDE)",
                    "to": "Bogotá (BOG)",
                    "carrier": "Avianca",
                    "reference": "AV 9322",
                    "depart": "2026-10-09T08:00",
                    "depart_timezone": "America/Bogota",
                    "arrive": "2026-10-09T09:05",
                    "arrive_timezone": "America/Bogota",
                    "participants": ["p-cesar"],
                },
            ],
            "meetings": [
                {
                    "id": "mt-att",
                    "title": "Briefing with AT&T <Latam>: <b>not bold</b>",
                    "stop": "s-scl",
                    "organizations": ["org-att"],
                    "contacts": ["c-zoe"],
                    "start": "2026-10-06T10:00",
                    "end": "2026-10-06T11:30",
                    "venue": "Torre Ñandú, sala 5 < 6",
                    "address": "Av. Apoquindo 3000, Las Condes",
                    "status": "confirmed",
                    "notes": "<b>not bold</b>\n5 < 6",
                    "attendees": ["p-cesar"],
                },
                {
                    "id": "mt-huawei",
                    "title": "Huawei workshop",
                    "stop": "s-scl",
                    "organizations": ["org-huawei"],
                    "contacts": ["c-lambros"],
                    "start": "2026-10-06T15:00",
                    "end": "2026-10-06T16:15",
                    "venue": "Huawei Chile",
                    "status": "requested",
                    "attendees": ["p-zoe"],
                },
                {
                    "id": "mt-cancelled",
                    "title": "Dinner that was called off",
                    "stop": "s-scl",
                    "start": "2026-10-06T20:00",
                    "end": "2026-10-06T22:00",
                    "status": "cancelled",
                },
                {
                    "id": "mt-medellin",
                    "title": "Ñandú Ventures in Medellín",
                    "stop": "s-mde",
                    "organizations": ["org-nandu"],
                    "contacts": ["c-sergio"],
                    "start": "2026-10-08T09:30",
                    "end": "2026-10-08T11:00",
                    "venue": "Ruta N",
                    "address": "Calle 67 # 52-20, Medellín",
                    "status": "confirmed",
                },
            ],
        }
    ],
}

DAYS = {
    "2026-10-05": "Monday 5 October 2026",
    "2026-10-06": "Tuesday 6 October 2026",
    "2026-10-07": "Wednesday 7 October 2026",
    "2026-10-08": "Thursday 8 October 2026",
    "2026-10-09": "Friday 9 October 2026",
}


# --- fixtures and helpers -------------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path, database_from: DatabaseFrom) -> Iterator[Database]:
    with database_from(tmp_path / "plan.sqlite", MISSION_FILE) as database:
        yield database


def render(
    db: Database,
    mission_id: str = "m-test",
    participant_id: str | None = None,
    paper: Paper = Paper.LETTER,
) -> PdfReader:
    renderer = ItineraryRenderer(
        load_dossier(db, mission_id),
        paper,
        participant_id=participant_id,
        generated=GENERATED,
        invariant=True,
    )
    out = io.BytesIO()
    pages = renderer.render(out)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert len(reader.pages) == pages
    return reader


@pytest.fixture(scope="module")
def day_sections(whole_text: WholeText) -> DaySections:
    """The text of each day, from its heading to the next day's heading."""

    def split(reader: PdfReader) -> dict[str, str]:
        text = whole_text(reader)
        found = sorted(
            (text.find(heading), key) for key, heading in DAYS.items() if heading in text
        )
        sections = {}
        for index, (start, key) in enumerate(found):
            end = found[index + 1][0] if index + 1 < len(found) else len(text)
            sections[key] = text[start:end]
        return sections

    return split


# --- days, times and zones ------------------------------------------------------------


def test_every_day_has_its_heading_with_the_city(db: Database, day_sections: DaySections) -> None:
    sections = day_sections(render(db))
    assert list(sections) == list(DAYS)
    assert "Tuesday 6 October 2026 · Santiago" in sections["2026-10-06"]
    assert "Thursday 8 October 2026 · Medellín" in sections["2026-10-08"]
    assert "Wednesday 7 October 2026 · Santiago → Medellín" in sections["2026-10-07"]


def test_meetings_appear_on_their_day_in_local_time_with_the_zone(
    db: Database, day_sections: DaySections
) -> None:
    sections = day_sections(render(db))
    tuesday, thursday = sections["2026-10-06"], sections["2026-10-08"]
    # Santiago is on summer time (-03) in October; Medellín is always -05.
    assert "10:00–11:30 UTC-03" in tuesday
    assert "Briefing with AT&T <Latam>: <b>not bold</b>" in tuesday
    assert "15:00–16:15 UTC-03" in tuesday
    assert "Huawei workshop" in tuesday
    assert "9:30–11:00 UTC-05" in thursday
    assert "Ñandú Ventures in Medellín" in thursday
    assert "Huawei workshop" not in thursday
    assert "UTC-05" not in tuesday


def test_organizations_venue_address_and_contact_phones_are_shown(
    db: Database, day_sections: DaySections
) -> None:
    tuesday = day_sections(render(db))["2026-10-06"]
    assert ODD_ORGANIZATION in tuesday
    assert "Torre Ñandú, sala 5 < 6, Av. Apoquindo 3000, Las Condes" in tuesday
    assert f"Zoë Özdemir ({CYRILLIC}) +56 2 2940 1750" in tuesday
    assert f"{GREEK} +56 2 2631 8200" in tuesday


def test_a_meeting_not_yet_confirmed_says_so(db: Database, day_sections: DaySections) -> None:
    tuesday = day_sections(render(db))["2026-10-06"]
    assert "Huawei workshop (requested)" in tuesday
    assert "Briefing with AT&T <Latam>: <b>not bold</b> (" not in tuesday


def test_cancelled_meetings_are_left_out(db: Database, whole_text: WholeText) -> None:
    assert "Dinner that was called off" not in whole_text(render(db))
    assert "called off" not in whole_text(render(db, participant_id="p-zoe"))


def test_a_day_with_a_zone_change_says_so_with_both_abbreviations(
    db: Database, day_sections: DaySections
) -> None:
    sections = day_sections(render(db))
    assert (
        "Time zone change: Santiago UTC-03 → Medellín UTC-05 (clocks go back 2 h)"
        in sections["2026-10-07"]
    )
    for key in ("2026-10-05", "2026-10-06", "2026-10-08", "2026-10-09"):
        assert "Time zone change" not in sections[key]


def test_a_clock_change_in_one_city_is_a_zone_change_too(
    tmp_path: Path, database_from: DatabaseFrom, whole_text: WholeText
) -> None:
    data = copy.deepcopy(MISSION_FILE)
    mission = data["missions"][0]
    mission.update(id="m-dst", travel=[], meetings=[])
    # Santiago's clocks go from -04 to -03 at midnight starting 6 September 2026.
    mission["stops"] = [dict(mission["stops"][0], arrive="2026-09-05", depart="2026-09-07")]
    mission["meetings"] = [
        {
            "id": "mt-sunday",
            "title": "Sunday working breakfast",
            "stop": "s-scl",
            "start": "2026-09-06T09:00",
            "end": "2026-09-06T10:00",
        }
    ]
    with database_from(tmp_path / "dst.sqlite", data) as database:
        text = whole_text(render(database, "m-dst"))
    assert "Saturday 5 September 2026 · Santiago Day 1 of 3 Time zone change" not in text
    assert (
        "Sunday 6 September 2026 · Santiago Day 2 of 3 Time zone change: "
        "Santiago UTC-04 → UTC-03 (clocks go forward 1 h)"
    ) in text
    assert "09:00–10:00 UTC-03 Sunday working breakfast" in text


def test_clocks_going_back_at_midnight_are_announced_on_that_day(
    tmp_path: Path,
    database_from: DatabaseFrom,
    days_mission_file: dict[str, Any],
    whole_text: WholeText,
) -> None:
    """Santiago's clocks go back at 24:00 on Saturday 3 April 2027: 23:00 happens twice."""
    with database_from(tmp_path / "days.sqlite", days_mission_file) as database:
        text = whole_text(render(database, "m-late"))
    saturday = text.split("Saturday 3 April 2027")[1].split("Sunday 4 April 2027")[0]
    assert saturday.startswith(
        " · Santiago Day 3 of 7 Time zone change: Santiago UTC-03 → UTC-04 (clocks go back 1 h)"
    )
    sunday = text.split("Sunday 4 April 2027")[1].split("Monday 5 April 2027")[0]
    assert "Time zone change" not in sunday


def test_travel_shows_both_local_times_and_the_duration(
    db: Database, day_sections: DaySections
) -> None:
    sections = day_sections(render(db))
    wednesday = sections["2026-10-07"]
    assert "Santiago (SCL) → Medellín (MDE)" in wednesday
    assert "22:00 UTC-03 → 02:25 UTC-05 +1 day" in wednesday
    assert "Flight LATAM LA 570 · 6 h 25 min" in wednesday
    assert "arrives 02:25 UTC-05 on Thu 8 Oct (+1 day)" in wednesday
    # The next day starts with the arrival, in the arrival's zone.
    assert "2:25 UTC-05 Arrival in Medellín (MDE)" in sections["2026-10-08"]
    friday = sections["2026-10-09"]
    assert "08:00 UTC-05 → 09:05 UTC-05" in friday
    assert "Flight Avianca AV 9322 · 1 h 5 min" in friday
    assert "Travelling Cesar Vence" in friday


def test_the_hotel_for_each_night(db: Database, day_sections: DaySections) -> None:
    sections = day_sections(render(db))
    for key in ("2026-10-05", "2026-10-06"):
        assert "Night Hotel Ñandú Santiago" in sections[key]
    assert "Night On board LATAM LA 570" in sections["2026-10-07"]
    assert "Hotel Ñandú Santiago" not in sections["2026-10-07"]
    assert "Night Hotel Poblado Medellín" in sections["2026-10-08"]
    # The mission ends on the 9th: no night there.
    assert "Night" not in sections["2026-10-09"].split("Delegation contacts")[0]


def test_a_day_without_appointments_says_so(db: Database, day_sections: DaySections) -> None:
    assert "No appointments planned." in day_sections(render(db))["2026-10-05"]


# --- one participant ------------------------------------------------------------------


def test_a_participant_itinerary_holds_only_what_that_person_attends(
    db: Database, whole_text: WholeText
) -> None:
    reader = render(db, participant_id="p-zoe")
    text = whole_text(reader)
    assert "Itinerary of Zoë Özdemir" in text
    assert "Huawei workshop" in text  # hers
    assert "Ñandú Ventures in Medellín" in text  # the whole delegation's
    assert "LA 570" in text  # everyone flies
    assert "Briefing with AT&T" not in text  # Cesar's alone
    assert "AV 9322" not in text  # Cesar's alone
    assert reader.metadata is not None
    assert reader.metadata.title == "Itinerary of Zoë Özdemir: Andes test mission"

    cesar = whole_text(render(db, participant_id="p-cesar"))
    assert "Briefing with AT&T" in cesar
    assert "AV 9322" in cesar
    assert "Huawei workshop" not in cesar


def test_someone_joining_late_does_not_move_the_delegation(
    db: Database, day_sections: DaySections
) -> None:
    thursday = day_sections(render(db))["2026-10-08"]
    assert "Thursday 8 October 2026 · Medellín Day 4 of 5" in thursday
    assert "Bogotá (BOG) → Medellín (MDE)" in thursday
    assert "Travelling Manolo Constain" in thursday


def test_a_personal_itinerary_runs_from_that_persons_first_trip(
    db: Database, whole_text: WholeText
) -> None:
    reader = render(db, participant_id="p-late")
    text = whole_text(reader)
    assert DAYS["2026-10-05"] not in text and DAYS["2026-10-06"] not in text
    assert "Hotel Ñandú Santiago" not in text
    assert "8 October 2026 · Medellín · Organized by Invest Atlanta" in text
    assert "Thursday 8 October 2026 · Bogotá → Medellín Day 1 of 1" in text
    assert "Ñandú Ventures in Medellín" in text  # the whole delegation's meeting
    assert "Night Hotel Poblado Medellín" in text


def test_a_late_joiner_is_where_his_own_flight_took_him_until_the_others_come(
    tmp_path: Path,
    database_from: DatabaseFrom,
    days_mission_file: dict[str, Any],
    whole_text: WholeText,
) -> None:
    with database_from(tmp_path / "days.sqlite", days_mission_file) as database:
        text = whole_text(render(database, "m-late", participant_id="p-manolo"))
        whole = whole_text(render(database, "m-late"))
    assert "Saturday 3 April 2027 · Miami → Bogotá Day 1 of 4" in text
    # He waits in Bogotá for the others: not in Santiago, not at their hotel.
    assert "Sunday 4 April 2027 · Bogotá Day 2 of 4" in text
    assert "Monday 5 April 2027 · Bogotá Day 3 of 4" in text
    assert "Hotel Plaza Santiago" not in text
    assert "Night Hotel La Candelaria" in text
    # The delegation's own itinerary stays in Santiago until Monday.
    assert "Saturday 3 April 2027 · Santiago Day 3 of 7" in whole
    assert "Sunday 4 April 2027 · Santiago Day 4 of 7" in whole


def test_an_unknown_participant_or_mission_is_not_found(db: Database, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no participant with the id “p-nobody”"):
        export_itinerary(db, "m-test", tmp_path / "out.pdf", participant_id="p-nobody")
    with pytest.raises(NotFoundError, match="no mission with the id “m-nothing”"):
        export_itinerary(db, "m-nothing", tmp_path / "out.pdf")
    assert list(tmp_path.glob("*.pdf")) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


# --- text comes out exactly as typed ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        ODD_ORGANIZATION,
        "<b>not bold</b>",
        "5 < 6",
        "Medellín",
        "Ñandú",
        "Zoë",
        "Özdemir",
        CYRILLIC,
        GREEK,
        CHINESE,
    ],
)
def test_markup_and_every_script_come_back_character_for_character(
    db: Database, text: str, whole_text: WholeText
) -> None:
    assert text in whole_text(render(db))


def test_no_character_is_drawn_as_a_missing_glyph(db: Database, whole_text: WholeText) -> None:
    text = whole_text(render(db))
    assert "\ufffd" not in text
    assert "&amp;" not in text and "&lt;" not in text


# --- document structure -------------------------------------------------------------------


def test_page_n_of_m_is_right_on_every_page(db: Database, page_texts: PageTexts) -> None:
    reader = render(db)
    texts = page_texts(reader)
    assert len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text


def test_the_outline_has_each_day_on_the_page_where_it_starts(
    db: Database, page_texts: PageTexts
) -> None:
    reader = render(db)
    texts = page_texts(reader)
    entries = {
        item.title: reader.get_destination_page_number(item)
        for item in reader.outline
        if not isinstance(item, list)
    }
    titles = [
        "Mon 5 Oct · Santiago",
        "Tue 6 Oct · Santiago",
        "Wed 7 Oct · Santiago → Medellín",
        "Thu 8 Oct · Medellín",
        "Fri 9 Oct · Medellín → Bogotá",
    ]
    for title, heading in zip(titles, DAYS.values(), strict=True):
        page = entries[title]
        assert page is not None
        assert heading in texts[page]


def test_metadata_names_the_mission_and_the_organizer(db: Database) -> None:
    reader = render(db)
    assert reader.metadata is not None
    assert reader.metadata.title == "Itinerary: Andes test mission"
    assert reader.metadata.author == "Invest Atlanta"


@pytest.mark.parametrize(("paper", "size"), [(Paper.LETTER, (612, 792)), (Paper.A4, (595, 842))])
def test_letter_and_a4(db: Database, paper: Paper, size: tuple[int, int]) -> None:
    page = render(db, paper=paper).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size


def test_a_day_longer_than_a_page_flows_on_and_loses_nothing(
    tmp_path: Path, database_from: DatabaseFrom, page_texts: PageTexts
) -> None:
    data = copy.deepcopy(MISSION_FILE)
    mission = data["missions"][0]
    mission["meetings"] = [
        {
            "id": f"mt-{n:02d}",
            "title": f"Back-to-back meeting number {n:02d}",
            "stop": "s-scl",
            "organizations": ["org-att", "org-huawei"],
            "contacts": ["c-zoe", "c-lambros"],
            "start": f"2026-10-06T{7 + n // 4:02d}:{(n % 4) * 15:02d}",
            "end": f"2026-10-06T{7 + n // 4:02d}:{(n % 4) * 15 + 14:02d}",
            "venue": "A long venue name, " * 4,
            "address": "Av. Apoquindo 3000, Las Condes, Santiago",
        }
        for n in range(48)
    ]
    with database_from(tmp_path / "long.sqlite", data) as database:
        reader = render(database)
    texts = page_texts(reader)
    text = " ".join(texts)
    for n in range(48):
        assert f"Back-to-back meeting number {n:02d}" in text
    pages_of_tuesday = [i for i, t in enumerate(texts) if "Back-to-back" in t]
    assert len(pages_of_tuesday) >= 3
    # Too long for any page, the day starts where it is rather than leaving a page empty…
    assert pages_of_tuesday[0] == 0
    assert "Back-to-back meeting number 00" in texts[0]
    # …and every page it runs onto is headed with its date again.
    for index in pages_of_tuesday[1:]:
        assert texts[index].count("Tuesday 6 October 2026 · Santiago (continued)") == 1
        assert "Day 2 of 5" not in texts[index]


def test_cancelling_stops_the_export_and_leaves_no_file(db: Database, tmp_path: Path) -> None:
    steps: list[str] = []
    progress = Progress(report=steps.append, cancelled=lambda: len(steps) >= 3)
    target = tmp_path / "itinerary.pdf"
    target.write_bytes(b"the previous version")
    with pytest.raises(Cancelled):
        export_itinerary(db, "m-test", target, progress=progress)
    assert target.read_bytes() == b"the previous version"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_export_writes_the_file_and_returns_its_page_count(
    db: Database, tmp_path: Path, flat: Callable[[str], str]
) -> None:
    target = tmp_path / "itinerary.pdf"
    pages = export_itinerary(db, "m-test", target, paper="a4", generated=GENERATED)
    reader = PdfReader(target)
    assert len(reader.pages) == pages
    assert "Generated 2026-09-01 08:30" in flat(reader.pages[0].extract_text())


# --- the demo missions --------------------------------------------------------------------

DAY_HEADING = re.compile(r"Day (\d+) of (\d+)")


@pytest.mark.parametrize(
    ("mission_id", "participant_id"),
    [
        ("m-atl-latam-2027", None),
        ("m-atl-latam-2027", "p-cesar-vence"),
        ("m-cali-california-2027", None),
        ("m-rutan-miami-2026", None),
        ("m-arg-atlanta-2026", None),
        ("m-rutan-china-2027", None),
        ("m-rutan-china-2027", "p-sin-kit-i"),
    ],
)
def test_demo_itineraries_hold_at_most_two_days_a_page(
    demo_file: Path,
    tmp_path: Path,
    mission_id: str,
    participant_id: str | None,
    page_texts: PageTexts,
) -> None:
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_file, path)
    with open_database(path) as database:
        reader = render(database, mission_id, participant_id)
        dossier = load_dossier(database, mission_id)
    texts = page_texts(reader)
    seen: list[int] = []
    for text in texts:
        days = [int(number) for number, _ in DAY_HEADING.findall(text)]
        assert len(days) <= 2, text[:200]
        seen += days
    total = int(DAY_HEADING.findall(texts[0])[0][1])
    assert seen == list(range(1, total + 1))
    # Compact too: never more pages than one for every two days, plus the contacts.
    assert len(texts) <= (total + 1) // 2 + 1
    # Every meeting that is not cancelled is there, none that is.
    text = " ".join(texts)
    for meeting in dossier.meetings:
        named = meeting.info.attendee_ids
        if participant_id and named and participant_id not in named:
            continue
        title = " ".join(meeting.info.title.split())
        assert (title in text) != meeting.cancelled, title
