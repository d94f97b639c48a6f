"""Synthetic identified cases of about 3 KB for the load test, different on every call.

Each case reads like a referral a community clinician would write, with the identifiers
real ones carry (the patient's and relatives' names, dates, an MRN, phone numbers, an
e-mail, an address, clinics and doctors), so that submitting it makes the de-identifier
do the work it does in production. Everything comes from Faker: no real person.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from faker import Faker

TARGET_CHARS = 3_000
FREE_TEXT = ("title", "question", "history", "current_treatment", "labs_imaging", "narrative")

_SCENARIOS = (
    ("ASC-H Pap with HPV 16", "female", "Should we offer see-and-treat LEEP or wait for "
     "colposcopy, which is {weeks} weeks away?"),
    ("Smouldering myeloma with rising M-protein", "male", "Is it time to start treatment, and "
     "which regimen suits someone {hours} hours from the nearest infusion centre?"),
    ("Survivorship care after stage II breast cancer", "female", "How long should she stay on "
     "endocrine therapy given her bone density?"),
    ("New anaemia and back pain", "male", "Should we work up for myeloma here before referral?"),
    ("CIN2 in a young woman who wants children", "female", "Observation with colposcopy every "
     "6 months, or treat now?"),
)
_AGE_BANDS = ("18-29", "30-39", "40-49", "50-59", "60-69", "70-79")
_DRUGS = ("anastrozole 1 mg daily", "lenalidomide 25 mg days 1-21", "dexamethasone 40 mg weekly",
          "metformin 1 g twice daily", "lisinopril 10 mg daily", "dolutegravir-based ART",
          "calcium and vitamin D", "paracetamol 1 g as needed", "omeprazole 20 mg daily")
_LABS = ("Hb {hb} g/dL", "calcium {ca} mmol/L", "creatinine {cr} umol/L", "M-protein {mp} g/dL",
         "FLC ratio {flc}", "CD4 {cd4} cells/uL", "HbA1c {a1c}%", "eGFR {egfr} mL/min")


class CaseWriter:
    """Writes invented identified cases; one per simulated clinician, seeded for variety."""

    def __init__(self, seed: int | None = None) -> None:
        self.fake = Faker("en_US")
        self.rng = random.Random(seed)  # noqa: S311 - test data, not a secret
        self.fake.seed_instance(self.rng.getrandbits(32))

    def case(self) -> dict[str, str]:
        """One case's form fields, free text adding up to about TARGET_CHARS characters."""
        f, rng = self.fake, self.rng
        title, sex, question = rng.choice(_SCENARIOS)
        patient = f.name_female() if sex == "female" else f.name_male()
        p = _People(patient=patient, relative=f.name(), doctor=f"Dr. {f.last_name()}",
                    clinic=f"{f.city()} {rng.choice(('Community Clinic', 'Health Center'))}",
                    mrn=f"{rng.randint(1_000_000, 99_999_999)}", phone=f.phone_number(),
                    female=sex == "female",
                    date=lambda: f.date_between("-3y", "today").strftime(
                        rng.choice(("%m/%d/%Y", "%Y-%m-%d", "%B %d, %Y"))))
        fields = {
            "title": f"{title} ({p.patient.split()[-1]})",
            "question": question.format(weeks=rng.randint(3, 12), hours=rng.randint(2, 6)),
            "age_band": rng.choice(_AGE_BANDS),
            "sex": sex,
            "history": self._history(p),
            "current_treatment": self._treatment(p),
            "labs_imaging": self._labs(p),
            "narrative": self._narrative(p),
        }
        self._pad(fields, p)
        return {name: value.strip() for name, value in fields.items()}

    def _history(self, p: _People) -> str:
        f = self.fake
        born = f.date_of_birth(minimum_age=20, maximum_age=85).strftime("%m/%d/%Y")
        return (
            f"{p.patient}, MRN {p.mrn}, born {born}, was first seen at {p.clinic} on "
            f"{p.date()} by {p.doctor}. {p.they} was referred by {f.name()} after a "
            f"screening visit on {p.date()}. "
            f"Past history: {self._clinical_sentence()} {self._clinical_sentence()} "
            f"Family history: {f.first_name_female()} {p.patient.split()[-1]}, the patient's "
            f"mother, had a similar diagnosis at {self.rng.randint(40, 70)}. "
            f"Allergies: penicillin (rash). "
        )

    def _treatment(self, p: _People) -> str:
        drugs = ", ".join(self.rng.sample(_DRUGS, 3))
        return (f"Currently on {drugs}, started {p.date()} by {p.doctor}. "
                f"Dose reviewed on {p.date()}; tolerating it apart from fatigue. ")

    def _labs(self, p: _People) -> str:
        rng = self.rng
        values = {"hb": round(rng.uniform(8, 14), 1), "ca": round(rng.uniform(2.1, 3.0), 2),
                  "cr": rng.randint(60, 220), "mp": round(rng.uniform(0.5, 3.5), 1),
                  "flc": rng.randint(2, 90), "cd4": rng.randint(200, 900),
                  "a1c": round(rng.uniform(5, 9), 1), "egfr": rng.randint(30, 100)}
        labs = "; ".join(lab.format(**values) for lab in rng.sample(_LABS, 4))
        return (f"Labs on {p.date()} at {p.clinic}: {labs}. Repeat on {p.date()}: "
                f"stable. Imaging ({p.date()}, {self.fake.city()} Regional Hospital): "
                f"no lytic lesions, report signed by Dr. {self.fake.last_name()}. ")

    def _narrative(self, p: _People) -> str:
        f = self.fake
        return (
            f"{p.patient.split()[0]} lives at {f.street_address()}, {f.city()}, with "
            f"{p.relative}, who drives {p.them} to visits. Reach the family on {p.phone} "
            f"or {f.phone_number()}, or by e-mail at {f.email()}. Works at {f.company()}. "
            f"Next appointment with {p.doctor} on {p.date()}. "
        )

    def _pad(self, fields: dict[str, str], p: _People) -> None:
        """Add follow-up notes (clinical text with dates and names) until about 3 KB."""
        target = TARGET_CHARS + self.rng.randint(-150, 150)
        field_names = ("history", "narrative", "labs_imaging")
        turn = 0
        while sum(len(fields[name]) for name in FREE_TEXT) < target:
            name = field_names[turn % len(field_names)]
            fields[name] += (f"Seen on {p.date()} by {p.doctor}: {self._clinical_sentence()} "
                             f"Spoke with {self.fake.name()} by phone on {p.date()}. ")
            turn += 1

    def _clinical_sentence(self) -> str:
        return self.fake.sentence(nb_words=self.rng.randint(10, 18), ext_word_list=_WORDS)


class _People:
    """The identifiers one case repeats, as real case write-ups do."""

    def __init__(self, *, patient: str, relative: str, doctor: str, clinic: str, mrn: str,
                 phone: str, female: bool, date: Callable[[], str]) -> None:
        self.patient, self.relative, self.doctor, self.clinic = patient, relative, doctor, clinic
        self.mrn, self.phone, self.date = mrn, phone, date
        self.they, self.them = ("She", "her") if female else ("He", "him")


# Clinical vocabulary for filler sentences, so padding reads as medicine, not lorem ipsum.
_VOCABULARY = (
    "biopsy colposcopy transformation zone cytology HPV positive negative lesion margin "
    "excision follow-up anaemia fatigue weight loss bone pain fracture osteopenia renal "
    "function proteinuria light chains marrow plasma cells infusion dose reduction "
    "neuropathy nausea adherence screening interval surveillance mammogram ultrasound "
    "referral transport distance insurance counselling consent tolerated stable improved "
    "worsened reviewed discussed recommended declined scheduled pending"
)
_WORDS = tuple(_VOCABULARY.split())
