"""``missionplanner participants MISSION``: the ids ``--participant`` takes, and who they are."""

from __future__ import annotations

import json

from missionplanner import terminal, wording
from missionplanner.messages import Message
from missionplanner.services.missions import delegation_of, participant_json
from missionplanner.store.database import Database


def print_participants(db: Database, mission_id: str, *, as_json: bool) -> int:
    delegation = delegation_of(db, mission_id)
    people = delegation.participants
    if as_json:
        listed = [participant_json(person) for person in people]
        terminal.write(json.dumps(listed, ensure_ascii=False, indent=2))
        return 0
    if not people:
        terminal.write(wording.render(Message("cli.no-participants", title=delegation.title)))
        return 0
    terminal.write(
        wording.render(Message("cli.participants", title=delegation.title, n=len(people)))
    )
    width = max(len(terminal.one_line(person.id)) for person in people)
    for person in people:
        about = [person.name, person.role, person.organization]
        shown = " · ".join(terminal.one_line(part) for part in about if part)
        terminal.write(f"  {terminal.one_line(person.id):<{width}}  {shown}")
    return 0
