"""The briefing pack read back with pypdf: order, contents, outline, links, text.

The test mission comes in through the core (a mission file imported into a real SQLite
file) and the pack is rendered once per module in reportlab's invariant mode; the tests
only read it.
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from missionplanner.errors import NotFoundError
from missionplanner.export.briefing import BriefingRenderer
from missionplanner.export.paper import Paper
from missionplanner.progress import Cancelled, Progress
from missionplanner.services.documents import export_briefing
from missionplanner.services.dossier import load_dossier
from missionplanner.store.database import Database, open_database

GENERATED = datetime(2026, 9, 1, 8, 30)
DatabaseFrom = Callable[[Path, dict[str, Any]], Database]
PageTexts = Callable[[PdfReader], list[str]]
CONFIDENTIAL = "Confidential: for the delegation & the Minister <only>"
ODD_ORGANIZATION = "AT&T <Latam> & Partners"
CYRILLIC = "Директор по развитию"
GREEK = "Λάμπρος Παπαδόπουλος"
CHINESE = "华为技术有限公司"
PROFILE_WORDS = [f"w{n:04d}" for n in range(1, 3001)]
DELEGATES = [f"Delegate {n:02d} Ñandú" for n in range(3, 61)]

BRIEFS = [
    "Briefing with AT&T <Latam> & Partners",
    "Overlapping call",
    "Huawei workshop",
    "Foundation deep dive",
    "Ñandú Ventures in Medellín",
]
DAYS = [
    "Monday 5 October 2026 · Santiago",
    "Tuesday 6 October 2026 · Santiago",
    "Wednesday 7 October 2026 · Santiago → Medellín",
    "Thursday 8 October 2026 · Medellín",
    "Friday 9 October 2026 · Medellín",
]

MISSION_FILE: dict[str, Any] = {
    "format": "missionplanner/1",
    "organizations": [
        {
            "id": "org-att",
            "name": ODD_ORGANIZATION,
            "kind": "corporation",
            "city": "Santiago",
            "country": "CL",
            "website": "https://example.org/att",
            "profile": "Partners of <b>not bold</b> fame; 5 < 6.",
            "sectors": ["telecom"],
            "contacts": [
                {
                    "id": "c-zoe",
                    "name": "Zoë Özdemir",
                    "title": CYRILLIC,
                    "email": "zoe@example.org",
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
            "contacts": [{"id": "c-sergio", "name": "Sergio Escobar", "phone": "+57 604 3203430"}],
        },
        {
            "id": "org-long",
            "name": "Long Profile Foundation",
            "city": "Santiago",
            "country": "CL",
            "profile": " ".join(PROFILE_WORDS),
        },
    ],
    "missions": [
        {
            "id": "m-earlier",
            "title": "Earlier visit to Santiago",
            "organizer": "Invest Atlanta",
            "stops": [
                {
                    "id": "s-earlier",
                    "city": "Santiago",
                    "country": "CL",
                    "timezone": "America/Santiago",
                    "arrive": "2025-03-10",
                    "depart": "2025-03-12",
                }
            ],
            "meetings": [
                {
                    "id": "mt-earlier",
                    "title": "First talks with the telecom partners",
                    "stop": "s-earlier",
                    "organizations": ["org-att"],
                    "start": "2025-03-11T10:00",
                    "end": "2025-03-11T11:00",
                    "status": "held",
                }
            ],
        },
        {
            "id": "m-brief",
            "title": "Andes briefing test",
            "organizer": "Invest Atlanta",
            "status": "confirmed",
            "objectives": "Open two investor leads.\nMeet Ñandú.",
            "home_timezone": "America/New_York",
            "participants": [
                {"id": "p-cesar", "name": "Cesar Vence", "role": "Mission lead"},
                {"id": "p-zoe", "name": "Zoë Özdemir", "role": "Analyst"},
                *[
                    {
                        "id": f"p-{n:02d}",
                        "name": name,
                        "role": "Company delegate",
                        "organization": f"Firm {n}",
                    }
                    for n, name in zip(range(3, 61), DELEGATES, strict=True)
                ],
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
                }
            ],
            "meetings": [
                {
                    "id": "mt-att",
                    "title": BRIEFS[0],
                    "stop": "s-scl",
                    "organizations": ["org-att"],
                    "contacts": ["c-zoe"],
                    "start": "2026-10-06T10:00",
                    "end": "2026-10-06T11:30",
                    "venue": "Torre Ñandú, sala 5 < 6",
                    "status": "confirmed",
                    "objectives": "Agree a pilot.",
                    "talking_points": "Why 5 < 6 matters",
                    "notes": "Bring <b>not bold</b> slides.\nFirst line\nSecond line",
                    "attendees": ["p-cesar"],
                    "follow_ups": [
                        {"action": "Send the deck to Zoë", "owner": "Cesar", "due": "2026-10-13"},
                        {"action": "Book the room", "owner": "Cesar", "done": True},
                    ],
                },
                {
                    "id": "mt-clash",
                    "title": BRIEFS[1],
                    "stop": "s-scl",
                    "start": "2026-10-06T11:00",
                    "end": "2026-10-06T12:00",
                    "status": "confirmed",
                    "attendees": ["p-cesar"],
                },
                {
                    "id": "mt-huawei",
                    "title": BRIEFS[2],
                    "stop": "s-scl",
                    "organizations": ["org-huawei"],
                    "contacts": ["c-lambros"],
                    "start": "2026-10-06T15:00",
                    "end": "2026-10-06T16:15",
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
                    "id": "mt-long",
                    "title": BRIEFS[3],
                    "stop": "s-scl",
                    "organizations": ["org-long"],
                    "start": "2026-10-07T10:00",
                    "end": "2026-10-07T11:00",
                    "status": "confirmed",
                    "attendees": ["p-cesar", "p-zoe", *[f"p-{n:02d}" for n in range(3, 61)]],
                },
                {
                    "id": "mt-medellin",
                    "title": BRIEFS[4],
                    "stop": "s-mde",
                    "organizations": ["org-nandu"],
                    "contacts": ["c-sergio"],
                    "start": "2026-10-08T09:30",
                    "end": "2026-10-08T11:00",
                    "status": "confirmed",
                },
            ],
        },
    ],
}


# --- fixtures and helpers -------------------------------------------------------------


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, database_from: DatabaseFrom) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("briefing") / "plan.sqlite"
    with database_from(path, MISSION_FILE) as database:
        yield database


def render(
    db: Database, mission_id: str = "m-brief", paper: Paper = Paper.A4, **options: Any
) -> PdfReader:
    renderer = BriefingRenderer(
        load_dossier(db, mission_id), paper, generated=GENERATED, invariant=True, **options
    )
    out = io.BytesIO()
    pages = renderer.render(out)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert len(reader.pages) == pages
    return reader


@pytest.fixture(scope="module")
def pack(db: Database) -> PdfReader:
    return render(db, confidential=CONFIDENTIAL)


@pytest.fixture(scope="module")
def texts(pack: PdfReader, page_texts: PageTexts) -> list[str]:
    return page_texts(pack)


def page_numbers(reader: PdfReader) -> dict[int, int]:
    """Page object number → page index."""
    return {
        page.indirect_reference.idnum: index
        for index, page in enumerate(reader.pages)
        if page.indirect_reference is not None
    }


def outline_tree(reader: PdfReader, items: list[Any] | None = None) -> list[Any]:
    """The outline as [(title, page index, [children])]."""
    tree: list[Any] = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            title, page, _ = tree[-1]
            tree[-1] = (title, page, outline_tree(reader, item))
        else:
            assert isinstance(item, Destination)
            tree.append((item.title, reader.get_destination_page_number(item), []))
    return tree


def brief_pages(texts: list[str]) -> list[int]:
    """The index of the page where each brief starts, in order."""
    found = []
    for number in range(1, len(BRIEFS) + 1):
        marker = f"MEETING BRIEF {number} OF {len(BRIEFS)}"
        pages = [i for i, text in enumerate(texts) if marker in text]
        assert len(pages) == 1, marker
        found.append(pages[0])
    return found


def text_between(texts: list[str], first: int, last: int) -> str:
    return " ".join(texts[first:last])


# --- order and structure --------------------------------------------------------------------


def test_the_cover_comes_first_then_contents_overview_schedule_briefs_and_appendix(
    pack: PdfReader, texts: list[str]
) -> None:
    assert "BRIEFING PACK" in texts[0] and "Andes briefing test" in texts[0]
    tree = outline_tree(pack)
    titles = [title for title, _, _ in tree]
    assert titles == [
        "Contents",
        "Mission overview",
        "Day-by-day schedule",
        "Meeting briefs",
        "Appendix",
    ]
    pages = [page for _, page, _ in tree]
    assert pages == sorted(pages) and len(set(pages)) == len(pages)
    assert pages[0] == 1
    for (title, page, _), expected in zip(tree, ["Contents", *titles[1:3]], strict=False):
        assert expected in texts[page], title
    assert brief_pages(texts)[0] == pages[3]
    appendix = texts[pages[4]]
    assert "Appendix" in appendix and "Organization directory" in appendix


def test_the_cover_names_title_organizer_cities_dates_status_and_generated_date(
    texts: list[str],
) -> None:
    cover = texts[0]
    for expected in (
        "Andes briefing test",
        "Invest Atlanta",
        "Santiago · Medellín",
        "5–9 October 2026",
        "Status: Confirmed",
        "60 participants · 5 meetings · 2 cities",
        "Generated 2026-09-01 08:30",
        CONFIDENTIAL,
    ):
        assert expected in cover
    assert "Page 1 of" not in cover


def test_each_brief_starts_on_a_new_page_in_time_order(texts: list[str]) -> None:
    starts = brief_pages(texts)
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for page, title in zip(starts, BRIEFS, strict=True):
        assert title in texts[page]
        # The brief's heading is at the top: nothing of the previous brief above it.
        before = texts[page].split("MEETING BRIEF")[0]
        assert all(other not in before for other in BRIEFS)


def contents_entries(pack: PdfReader, texts: list[str]) -> dict[str, int]:
    """Each contents entry's printed page number, read from the contents page text."""
    contents_page = outline_tree(pack)[0][1]
    raw = pack.pages[contents_page].extract_text()
    entries = {}
    for title in ["Mission overview", "Day-by-day schedule", "Meeting briefs", *BRIEFS]:
        match = re.search(re.escape(title) + r"\s*\n\s*(\d+)\s*(\n|$)", raw)
        assert match, title
        entries[title] = int(match.group(1))
    for title in ["Appendix", "Organization directory", "Schedule problems"]:
        match = re.search(r"(?m)^\s*" + re.escape(title) + r"\s*\n\s*(\d+)\s*$", raw)
        assert match, title
        entries[title] = int(match.group(1))
    return entries


def test_every_contents_number_is_the_page_where_that_brief_starts(
    pack: PdfReader, texts: list[str]
) -> None:
    entries = contents_entries(pack, texts)
    for title, start in zip(BRIEFS, brief_pages(texts), strict=True):
        assert entries[title] == start + 1, title
    tree = {title: page for title, page, _ in outline_tree(pack)}
    assert entries["Mission overview"] == tree["Mission overview"] + 1
    assert entries["Day-by-day schedule"] == tree["Day-by-day schedule"] + 1
    assert entries["Meeting briefs"] == brief_pages(texts)[0] + 1
    assert entries["Appendix"] == tree["Appendix"] + 1
    directory = next(i for i, t in enumerate(texts) if "Every organization the delegation" in t)
    assert entries["Organization directory"] == directory + 1
    problems = next(i for i, t in enumerate(texts) if "The schedule checks found" in t)
    assert entries["Schedule problems"] == problems + 1


def test_contents_links_go_to_the_pages_they_name(pack: PdfReader, texts: list[str]) -> None:
    contents_page = outline_tree(pack)[0][1]
    index = page_numbers(pack)
    targets = []
    for annotation in pack.pages[contents_page]["/Annots"]:
        link = annotation.get_object()
        assert link["/Subtype"] == "/Link"
        page = index[link["/Dest"][0].idnum]
        if not targets or targets[-1] != page:
            targets.append(page)
    entries = contents_entries(pack, texts)
    expected = []
    for title in [
        "Mission overview",
        "Day-by-day schedule",
        "Meeting briefs",
        *BRIEFS,
        "Appendix",
        "Organization directory",
        "Schedule problems",
    ]:
        page = entries[title] - 1
        if not expected or expected[-1] != page:
            expected.append(page)
    assert targets == expected


def test_schedule_rows_link_to_their_briefs(pack: PdfReader, texts: list[str]) -> None:
    index = page_numbers(pack)
    schedule = {title: page for title, page, _ in outline_tree(pack)}["Day-by-day schedule"]
    targets = {
        index[a.get_object()["/Dest"][0].idnum]
        for page in pack.pages[schedule : brief_pages(texts)[0]]
        for a in page.get("/Annots", [])
    }
    assert set(brief_pages(texts)) <= targets


def test_the_outline_has_each_day_and_each_meeting(pack: PdfReader, texts: list[str]) -> None:
    tree = {title: (page, children) for title, page, children in outline_tree(pack)}
    schedule_days = [title for title, _, _ in tree["Day-by-day schedule"][1]]
    assert schedule_days == DAYS
    for title, page, children in tree["Day-by-day schedule"][1]:
        assert title in texts[page] and children == []
    briefs = tree["Meeting briefs"][1]
    assert [title for title, _, _ in briefs] == [DAYS[1], DAYS[2], DAYS[3]]
    meetings = [(title, page) for _, _, children in briefs for title, page, _ in children]
    assert [title for title, _ in meetings] == BRIEFS
    assert [page for _, page in meetings] == brief_pages(texts)
    appendix = [title for title, _, _ in tree["Appendix"][1]]
    assert appendix == ["Organization directory", "Schedule problems"]


def test_page_n_of_m_is_right_on_every_page_but_the_cover(texts: list[str]) -> None:
    total = len(texts)
    assert total > 10
    for number, text in enumerate(texts, start=1):
        if number == 1:
            assert "Page " not in text
        else:
            assert f"Page {number} of {total}" in text
            assert text.startswith("Andes briefing test Briefing pack")


def test_metadata_names_the_mission_and_the_organizer(pack: PdfReader) -> None:
    assert pack.metadata is not None
    assert pack.metadata.title == "Andes briefing test"
    assert pack.metadata.author == "Invest Atlanta"
    assert pack.metadata.subject == "Briefing pack: Andes briefing test"


def test_the_confidentiality_line_is_on_the_cover_and_every_page(texts: list[str]) -> None:
    for text in texts:
        assert CONFIDENTIAL in text


def test_without_a_confidentiality_line_none_is_printed(
    db: Database, page_texts: PageTexts
) -> None:
    texts = page_texts(render(db))
    assert not any("Confidential" in text for text in texts)


@pytest.mark.parametrize(("paper", "size"), [(Paper.LETTER, (612, 792)), (Paper.A4, (595, 842))])
def test_letter_and_a4(db: Database, paper: Paper, size: tuple[int, int]) -> None:
    for page in render(db, paper=paper).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size


# --- what the sections hold ---------------------------------------------------------------


def test_the_overview_has_objectives_route_and_delegation(
    pack: PdfReader, texts: list[str]
) -> None:
    tree = {title: page for title, page, _ in outline_tree(pack)}
    overview = text_between(texts, tree["Mission overview"], tree["Day-by-day schedule"])
    for expected in ("Open two investor leads.", "Meet Ñandú.", "Route", "Delegation"):
        assert expected in overview
    # The route drawing: the cities in order with their dates.
    route = overview.split("Route", 1)[1]
    assert route.index("Santiago") < route.index("Medellín")
    assert "5–7 Oct" in route and "8–9 Oct" in route


def test_a_table_longer_than_a_page_flows_on_with_its_header_repeated(
    pack: PdfReader, texts: list[str]
) -> None:
    tree = {title: page for title, page, _ in outline_tree(pack)}
    pages = range(tree["Mission overview"], tree["Day-by-day schedule"])
    holding = [p for p in pages if any(name in texts[p] for name in DELEGATES)]
    assert len(holding) >= 2
    for page in holding:
        assert "Name Role Organization Email and phone" in texts[page]
    overview = " ".join(texts[p] for p in pages)
    for name in ["Cesar Vence", "Zoë Özdemir", *DELEGATES]:
        assert name in overview


def test_the_schedule_shows_local_times_with_zones_and_leaves_out_cancelled_meetings(
    pack: PdfReader, texts: list[str]
) -> None:
    tree = {title: page for title, page, _ in outline_tree(pack)}
    schedule = text_between(texts, tree["Day-by-day schedule"], brief_pages(texts)[0])
    assert "10:00–11:30 UTC-03" in schedule
    assert "09:30–11:00 UTC-05" in schedule
    assert "Time zone change: Santiago UTC-03 → Medellín UTC-05" in schedule
    assert "LA 570" in schedule
    assert "1 cancelled meeting is left out of this pack" in schedule
    assert all("Dinner that was called off" not in text for text in texts)


def test_clock_changes_at_midnight_are_announced_as_the_itinerary_does(
    tmp_path: Path,
    database_from: DatabaseFrom,
    days_mission_file: dict[str, Any],
    whole_text: Callable[[PdfReader], str],
) -> None:
    with database_from(tmp_path / "days.sqlite", days_mission_file) as database:
        april = whole_text(render(database, "m-late"))
        september = whole_text(render(database, "m-spring"))
    # Santiago's clocks go back at 24:00 on Saturday 3 April 2027.
    assert (
        "Saturday 3 April 2027 · Santiago Time zone change: "
        "Santiago UTC-03 → UTC-04 (clocks go back 1 h)"
    ) in april
    # A city's own clock change names the city once.
    assert (
        "Sunday 5 September 2027 · Santiago Time zone change: "
        "Santiago UTC-04 → UTC-03 (clocks go forward 1 h)"
    ) in september
    assert "Santiago UTC-04 → Santiago" not in september


def test_a_brief_has_when_where_who_organizations_contacts_and_texts(texts: list[str]) -> None:
    starts = brief_pages(texts)
    brief = text_between(texts, starts[0], starts[1])
    for expected in (
        "Tuesday 6 October 2026, 10:00–11:30 (UTC-03, local time in Santiago)",
        "Torre Ñandú, sala 5 < 6",
        "Delegation attending (1 of 60)",
        "Cesar Vence — Mission lead",
        ODD_ORGANIZATION,
        "Partners of <b>not bold</b> fame; 5 < 6.",
        f"Zoë Özdemir — {CYRILLIC}, {ODD_ORGANIZATION}",
        "zoe@example.org · +56 2 2940 1750",
        "Objectives Agree a pilot.",
        "Talking points Why 5 < 6 matters",
        "Send the deck to Zoë",
        "due Tue 13 Oct 2026",
    ):
        assert expected in brief, expected
    assert "Book the room" not in brief  # done: not an open follow-up


def test_earlier_meetings_with_the_same_organizations_are_listed(texts: list[str]) -> None:
    starts = brief_pages(texts)
    brief = text_between(texts, starts[0], starts[1])
    assert "Earlier meetings with these organizations" in brief
    assert (
        "Earlier visit to Santiago — Tue 11 Mar 2025, Santiago: "
        "First talks with the telecom partners (held)"
    ) in brief
    other = text_between(texts, starts[2], starts[3])
    assert "Earlier meetings" not in other


def test_line_breaks_in_notes_are_kept(pack: PdfReader, texts: list[str]) -> None:
    page = brief_pages(texts)[0]
    raw = pack.pages[page].extract_text()
    assert re.search(r"slides\.\s*\n\s*First line\s*\n\s*Second line", raw)


def test_a_3000_word_profile_flows_across_pages_without_losing_a_word(texts: list[str]) -> None:
    starts = brief_pages(texts)
    assert starts[4] - starts[3] >= 3
    brief = text_between(texts, starts[3], starts[4])
    words = [w for w in brief.split() if re.fullmatch(r"w\d{4}", w)]
    assert words == PROFILE_WORDS


def test_sixty_attendees_are_all_listed(texts: list[str]) -> None:
    starts = brief_pages(texts)
    brief = text_between(texts, starts[3], starts[4])
    # All sixty named one by one is the whole delegation: every name still listed.
    assert "Delegation attending: everyone (60)" in brief
    for name in ["Cesar Vence", "Zoë Özdemir", *DELEGATES]:
        assert name in brief


def test_the_appendix_lists_every_organization_met_and_the_problems(
    pack: PdfReader, texts: list[str]
) -> None:
    tree = {title: page for title, page, _ in outline_tree(pack)}
    appendix = " ".join(texts[tree["Appendix"] :])
    names = [ODD_ORGANIZATION, "Long Profile Foundation", "Ñandú Ventures", CHINESE]
    positions = [appendix.index(name) for name in names]
    assert positions == sorted(positions)
    assert "Schedule problems" in appendix
    assert "double-booked" in appendix and "Overlapping call" in appendix


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
    texts: list[str], text: str
) -> None:
    assert text in " ".join(texts[1:])


def test_no_markup_leaks_as_entities(texts: list[str]) -> None:
    whole = " ".join(texts)
    assert "&amp;" not in whole and "&lt;" not in whole and "\ufffd" not in whole


def test_chinese_is_drawn_with_the_chinese_font(pack: PdfReader, texts: list[str]) -> None:
    pages = [i for i, text in enumerate(texts) if CHINESE in text]
    assert pages
    for page in pages:
        fonts = pack.pages[page]["/Resources"]["/Font"]
        names = [str(f.get_object()["/BaseFont"]) for f in fonts.values()]
        assert any("WenQuanYi" in name for name in names)


# --- writing the file -----------------------------------------------------------------------


def test_export_writes_the_file_and_returns_its_page_count(db: Database, tmp_path: Path) -> None:
    target = tmp_path / "pack.pdf"
    pages = export_briefing(db, "m-brief", target, confidential="Restricted", paper="letter")
    reader = PdfReader(target)
    assert len(reader.pages) == pages
    assert round(float(reader.pages[0].mediabox.width)) == 612
    assert "Restricted" in reader.pages[0].extract_text()
    assert [p.name for p in tmp_path.iterdir()] == ["pack.pdf"]


def test_an_unknown_mission_is_not_found_and_writes_nothing(db: Database, tmp_path: Path) -> None:
    target = tmp_path / "pack.pdf"
    with pytest.raises(NotFoundError, match="no mission"):
        export_briefing(db, "m-nope", target)
    assert list(tmp_path.iterdir()) == []


def test_cancelling_leaves_the_previous_file_as_it_was(db: Database, tmp_path: Path) -> None:
    target = tmp_path / "pack.pdf"
    target.write_bytes(b"the previous pack")
    seen: list[str] = []

    def cancelled() -> bool:
        return any(text.startswith("Laying out brief 3") for text in seen)

    with pytest.raises(Cancelled):
        export_briefing(db, "m-brief", target, progress=Progress(seen.append, cancelled))
    assert target.read_bytes() == b"the previous pack"
    assert [p.name for p in tmp_path.iterdir()] == ["pack.pdf"]
    assert "Laying out brief 1 of 5" in seen


# --- the demo missions ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, demo_file: Path) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("briefing-demo") / "demo.sqlite"
    shutil.copyfile(demo_file, path)
    with open_database(path) as database:
        yield database


@pytest.mark.parametrize("mission", ["m-atl-latam-2027", "m-rutan-china-2027"])
def test_demo_packs_hold_every_meeting_brief(
    demo: Database, mission: str, page_texts: PageTexts, flat: Callable[[str], str]
) -> None:
    dossier = load_dossier(demo, mission)
    reader = render(demo, mission)
    texts = page_texts(reader)
    kept = [m for m in dossier.meetings if not m.cancelled]
    tree = {title: children for title, _, children in outline_tree(reader)}
    briefed = [title for _, _, meetings in tree["Meeting briefs"] for title, _, _ in meetings]
    assert len(briefed) == len(kept)
    for number, text in enumerate(texts[1:], start=2):
        assert f"Page {number} of {len(texts)}" in text
    for meeting in dossier.meetings:
        found = any(flat(meeting.info.title) in text for text in texts)
        assert found != meeting.cancelled, meeting.info.title


# --- edge cases ---------------------------------------------------------------------------


def test_an_empty_mission_still_makes_a_whole_pack(
    tmp_path: Path, page_texts: PageTexts, database_from: DatabaseFrom
) -> None:
    with database_from(
        tmp_path / "empty.sqlite",
        {"format": "missionplanner/1", "missions": [{"id": "m", "title": "Soon"}]},
    ) as db:
        reader = render(db, "m")
    texts = page_texts(reader)
    titles = [title for title, _, _ in outline_tree(reader)]
    assert titles == ["Contents", "Mission overview", "Day-by-day schedule", "Appendix"]
    whole = " ".join(texts)
    assert "No cities yet." in whole and "No participants yet." in whole
    assert "Nothing planned yet." in whole and "No organizations to meet yet." in whole


def test_a_schedule_row_taller_than_a_page_is_split_not_refused(
    tmp_path: Path, page_texts: PageTexts, database_from: DatabaseFrom
) -> None:
    names = [f"Ñandú-Partner-{n:02d}" for n in range(90)]  # one word each: no line breaks
    data = {
        "format": "missionplanner/1",
        "organizations": [{"id": f"o{n}", "name": name} for n, name in enumerate(names)],
        "missions": [
            {
                "id": "m",
                "title": "Crowded",
                "stops": [
                    {
                        "id": "s",
                        "city": "Santiago",
                        "country": "CL",
                        "timezone": "America/Santiago",
                        "arrive": "2026-10-05",
                        "depart": "2026-10-06",
                    }
                ],
                "meetings": [
                    {
                        "id": "a",
                        "title": "Everyone at once",
                        "stop": "s",
                        "organizations": [f"o{n}" for n in range(90)],
                        "start": "2026-10-05T10:00",
                        "end": "2026-10-05T11:00",
                    }
                ],
            }
        ],
    }
    with database_from(tmp_path / "crowded.sqlite", data) as db:
        reader = render(db, "m")
    texts = page_texts(reader)
    tree = {title: page for title, page, _ in outline_tree(reader)}
    schedule = texts[tree["Day-by-day schedule"] : tree["Meeting briefs"]]
    assert len(schedule) >= 2
    for name in names:
        assert name in " ".join(schedule)


def test_a_route_of_sixty_cities_is_drawn_in_order_over_more_than_one_drawing(
    tmp_path: Path, page_texts: PageTexts, database_from: DatabaseFrom
) -> None:
    cities = [f"Ciudad{n:02d}" for n in range(60)]
    stops = [
        {
            "id": f"s{n}",
            "city": city,
            "country": "CO",
            "timezone": "America/Bogota",
            "arrive": f"2026-{1 + n // 28:02d}-{1 + n % 28:02d}",
            "depart": f"2026-{1 + n // 28:02d}-{1 + n % 28:02d}",
        }
        for n, city in enumerate(cities)
    ]
    data = {
        "format": "missionplanner/1",
        "missions": [{"id": "m", "title": "Long road", "stops": stops}],
    }
    with database_from(tmp_path / "road.sqlite", data) as db:
        reader = render(db, "m")
    texts = page_texts(reader)
    tree = {title: page for title, page, _ in outline_tree(reader)}
    overview = " ".join(texts[tree["Mission overview"] : tree["Day-by-day schedule"]])
    route = overview.split("Route", 1)[1].split("Cities #", 1)[0]
    assert [w for w in route.split() if w.startswith("Ciudad")] == cities
