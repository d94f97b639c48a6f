"""Fine-grained labels our recognizers emit, and the contract type each maps to."""

from __future__ import annotations

from echo_cases.deid.types import EntityType

# Presidio entity names we use internally; the contract exposes them as Finding.subtype.
SUBTYPE_TO_TYPE: dict[str, EntityType] = {
    "PATIENT": EntityType.PERSON,
    "CLINICIAN": EntityType.PERSON,
    "RELATIVE": EntityType.PERSON,
    "PERSON": EntityType.PERSON,
    "FACILITY": EntityType.LOCATION,
    "ADDRESS": EntityType.LOCATION,
    "CITY": EntityType.LOCATION,
    "ZIP": EntityType.LOCATION,
    "LOCATION": EntityType.LOCATION,
    "EMPLOYER": EntityType.LOCATION,
    "DATE": EntityType.DATE,
    "AGE": EntityType.AGE,
    "MRN": EntityType.ID,
    "SSN": EntityType.ID,
    "ACCESSION": EntityType.ID,
    "HEALTH_PLAN": EntityType.ID,
    "DEVICE": EntityType.ID,
    "VEHICLE": EntityType.ID,
    "ID": EntityType.ID,
    "PHONE": EntityType.CONTACT,
    "EMAIL": EntityType.CONTACT,
    "URL": EntityType.CONTACT,
    "IP_ADDRESS": EntityType.CONTACT,
    # A social handle or a messaging app's user name ("@carla_rn", "Skype: rosa.d").
    "HANDLE": EntityType.CONTACT,
}

ALL_SUBTYPES: list[str] = list(SUBTYPE_TO_TYPE)


def entity_type_of(subtype: str) -> EntityType:
    """The contract type for one of our subtypes (unknown ones are IDs: redact, never keep)."""
    return SUBTYPE_TO_TYPE.get(subtype, EntityType.ID)
