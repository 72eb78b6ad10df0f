"""The fixed vocabularies of the domain, stored as their text values."""

from __future__ import annotations

from enum import StrEnum


class OrganizationKind(StrEnum):
    INNOVATION_CENTRE = "innovation centre"
    ACCELERATOR = "accelerator"
    UNIVERSITY = "university"
    GOVERNMENT = "government or trade office"
    INVESTMENT_AGENCY = "investment agency"
    CORPORATION = "corporation"
    STARTUP = "startup"
    INVESTOR = "investor"
    EVENT = "event"
    CHAMBER = "chamber or association"
    OTHER = "other"


class Direction(StrEnum):
    OUTBOUND = "outbound"
    INBOUND = "inbound"


class MissionStatus(StrEnum):
    DRAFT = "draft"
    PLANNED = "planned"
    CONFIRMED = "confirmed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class MeetingKind(StrEnum):
    MEETING = "meeting"
    SITE_VISIT = "site visit"
    EVENT = "event"
    RECEPTION = "reception"
    SIGNING = "signing"
    BRIEFING = "briefing"
    OTHER = "other"


class MeetingStatus(StrEnum):
    PROPOSED = "proposed"
    REQUESTED = "requested"
    CONFIRMED = "confirmed"
    HELD = "held"
    CANCELLED = "cancelled"


class TravelMode(StrEnum):
    FLIGHT = "flight"
    TRAIN = "train"
    CAR = "car"
    BUS = "bus"
    BOAT = "boat"
    OTHER = "other"
