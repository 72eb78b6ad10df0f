"""Words of the rules every value obeys (missionplanner.domain.rules), shown next to a
field in a dialog or after the field's place in a file ("missions[0].title: …")."""

from __future__ import annotations

from missionplanner.messages import N_, NP_, Plural

ENTRIES: dict[str, str | Plural] = {
    "rule.required": N_("is required"),
    "rule.missing": N_("is missing"),
    "rule.not-text": N_("must be text"),
    "rule.not-a-list": N_("must be a list"),
    "rule.not-texts": N_("must be a list of texts"),
    "rule.not-an-object": N_("must be an object"),
    "rule.not-a-flag": N_("must be true or false"),
    "rule.too-long": N_("is longer than {limit} characters ({length})"),
    "rule.line-break": N_("must be on one line (it contains a line break)"),
    "rule.control-character": N_("contains a control character ({code_point}); remove it"),
    "rule.broken-character": N_(
        "contains a broken character ({code_point}) that cannot be saved; type it again"
    ),
    "rule.not-in-vocabulary": N_("{value:quoted} is not one of {allowed:quoted-or}"),
    "rule.unknown-zone": N_(
        "{value:quoted} is not a known time zone; use an IANA name such as "
        "America/Bogota, America/Santiago or Asia/Shanghai"
    ),
    "rule.unknown-country": N_(
        "{value:quoted} is not a country (give a code such as CO, CL or US, or a name "
        "such as Colombia)"
    ),
    "rule.unknown-city": N_(
        "{city} ({country}) is not in the list of known cities; give its time zone "
        "(for example America/Bogota)"
    ),
    "rule.ambiguous-city": N_(
        "there are several places called {city} in {country}, in different time zones "
        "({zones:and}); give the time zone"
    ),
    "rule.zone-not-found": N_("the time zone is missing, and it cannot be looked up: {reason}"),
    "rule.zone-needed": N_("give the time zone, or the country so it can be looked up"),
    "rule.bad-email": N_("{value:quoted} is not a valid e-mail address"),
    "rule.phone-needs-country": N_(
        "the phone {value:quoted} has no country code: write it with its code (+57 …)"
    ),
    "rule.not-a-phone": N_("{value:quoted} is not a phone number"),
    "rule.bad-phone": N_("{value:quoted} is not a valid phone number"),
    "rule.not-a-phone-in": N_("{value:quoted} is not a phone number in {country}"),
    "rule.bad-phone-in": N_("{value:quoted} is not a valid phone number in {country}"),
    "rule.date-out-of-range": N_("{value:iso} is not a date between {first} and {last}"),
    "rule.not-a-date": N_("{value:quoted} is not a date written as YYYY-MM-DD"),
    "rule.not-a-real-date": N_("{value:quoted} is not a real date"),
    "rule.not-a-time": N_("{value:quoted} is not a time written as YYYY-MM-DDTHH:MM"),
    "rule.not-a-real-time": N_("{value:quoted} is not a real date and time"),
    "rule.skipped-time": N_(
        "{value:iso} does not exist in {zone}: the clocks skip forward at that time; "
        "choose a time before or after the change"
    ),
    "rule.skipped-time-of": N_(
        "{what} {value:iso} does not exist in {zone}: the clocks skip forward at that "
        "time; choose a time before or after the change"
    ),
    "rule.depart-before-arrive": N_(
        "the departure ({depart:iso}) is before the arrival ({arrive:iso})"
    ),
    "rule.arrives-before-departs": N_(
        "arrives ({arrive:iso} {arrive_zone}) before it departs ({depart:iso} {depart_zone})"
    ),
    "rule.ends-before-start": N_("ends before it starts"),
    "rule.ends-at-start": N_("ends when it starts"),
    "rule.unknown-references": NP_(
        "{values:quoted-and} is not the id of a known {kind}",
        "{values:quoted-and} are not the ids of known {kinds}",
        count="values",
    ),
    "rule.not-participants": NP_(
        "{values:quoted-and} is not a participant of this mission",
        "{values:quoted-and} are not participants of this mission",
        count="values",
    ),
    "rule.not-a-stop": N_("{value:quoted} is not a city (stop) of this mission"),
    "rule.id-taken": N_("the {kind} id {value:quoted} is already used at {place}"),
    "rule.id-exists": N_("a {kind} with the id {value:quoted} already exists"),
}
