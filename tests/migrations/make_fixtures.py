"""Make the committed database of each released schema, filled with data.

Run from the repository root when a new schema is released:
    uv run python tests/migrations/make_fixtures.py
Each file is created at its revision with Alembic and filled with plain SQL (the ORM
classes always describe the newest schema, so they cannot write an old one).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from missionplanner.store.classify import APPLICATION_ID
from missionplanner.store.engine import make_engine, writer
from missionplanner.store.migrate import alembic_config

DATA = Path(__file__).parent / "data"
NOW = "2026-11-01 12:00:00.000000"

ROWS_0001 = [
    "INSERT INTO organizations VALUES ('Ruta N','innovation centre','Medellín','CO',"
    "'https://www.rutanmedellin.org','Public innovation centre.','[\"innovation\"]',"
    f"'org-ruta-n','{NOW}','{NOW}',1)",
    "INSERT INTO organizations VALUES ('AT&T <Latam> & Partners','corporation','Bogotá','CO',"
    f"'','','[]','org-att','{NOW}','{NOW}',1)",
    "INSERT INTO contacts VALUES ('org-ruta-n',0,'Alejandro Franco','Executive Director',"
    f"'','+57 604 516 7770','','ct-franco','{NOW}','{NOW}',1)",
    "INSERT INTO contacts VALUES ('org-ruta-n',1,'Sin Kit I','Centre of Business and Innovation',"
    f"'','','','ct-sin','{NOW}','{NOW}',1)",
    "INSERT INTO missions VALUES ('Old mission','Invest Atlanta','outbound','planned','',"
    f"'America/New_York','m-old','{NOW}','{NOW}',1)",
    "INSERT INTO participants VALUES ('m-old',0,'Cesar Vence','','','','','p-cesar',"
    f"'{NOW}','{NOW}',1)",
    f"INSERT INTO participants VALUES ('m-old',1,'Ana Ruiz','','','','','p-ana','{NOW}','{NOW}',1)",
    "INSERT INTO stops VALUES ('m-old',0,'Medellín','CO','America/Bogota','2026-10-12',"
    f"'2026-10-13','','','s-med','{NOW}','{NOW}',1)",
    "INSERT INTO travel_segments VALUES ('m-old',0,'Bogotá','Medellín','flight','Avianca',"
    "'AV 9304','2026-10-12 12:00:00.000000','2026-10-12 07:00:00.000000','America/Bogota',"
    "'2026-10-12 13:00:00.000000','2026-10-12 08:00:00.000000','America/Bogota',"
    f"'t-av','{NOW}','{NOW}',1)",
    "INSERT INTO travel_participants VALUES ('t-av','p-cesar')",
    "INSERT INTO meetings VALUES ('m-old','s-med',0,'Ruta N visit','site visit','confirmed',"
    "'2026-10-12 15:00:00.000000','2026-10-12 10:00:00.000000','2026-10-12 16:30:00.000000',"
    "'2026-10-12 11:30:00.000000','America/Bogota','Ruta N','Calle 67 # 52-20','','','',"
    f"'mt-ruta','{NOW}','{NOW}',1)",
    "INSERT INTO meeting_organizations VALUES ('mt-ruta','org-ruta-n',0)",
    "INSERT INTO meeting_contacts VALUES ('mt-ruta','ct-franco',0)",
    "INSERT INTO meeting_attendees VALUES ('mt-ruta','p-cesar')",
    "INSERT INTO meeting_attendees VALUES ('mt-ruta','p-ana')",
    "INSERT INTO follow_ups VALUES ('mt-ruta',0,'Send the MoU draft','Cesar Vence',"
    f"'2026-10-30',0,'fu-mou','{NOW}','{NOW}',1)",
]

# 0002 added the stops' coordinates: the stop row names its columns.
ROWS_0002 = [
    row
    if not row.startswith("INSERT INTO stops")
    else "INSERT INTO stops (mission_id,position,city,country,timezone,arrive,depart,hotel,"
    "notes,id,created_at,updated_at,version,latitude,longitude) VALUES ('m-old',0,'Medellín',"
    f"'CO','America/Bogota','2026-10-12','2026-10-13','','','s-med','{NOW}','{NOW}',1,"
    "6.2442,-75.5812)"
    for row in ROWS_0001
]


def make(revision: str, rows: list[str]) -> Path:
    target = DATA / f"schema-{revision}.sqlite"
    target.unlink(missing_ok=True)
    connection = sqlite3.connect(target)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.close()
    engine = writer(make_engine(target, foreign_keys=True))
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        for row in rows:
            conn.exec_driver_sql(row)
    engine.dispose()
    connection = sqlite3.connect(target)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("VACUUM")
    connection.close()
    return target


if __name__ == "__main__":
    print(make("0001", ROWS_0001))
    print(make("0002", ROWS_0002))
