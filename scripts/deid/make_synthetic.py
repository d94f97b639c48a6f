"""Generate labelled synthetic case notes for checking the analyzer on unseen text.

Names, places and numbers come from Faker in many locales; the sentence
templates are our own and deliberately differ from the shared dev corpus.
Output: JSONL in the shared corpus format ({"id", "text", "spans"}).

usage: python scripts/deid/make_synthetic.py OUT.jsonl [--n 300] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable

from faker import Faker

LOCALES = [
    "en_US",
    "en_GB",
    "en_IN",
    "es_MX",
    "pt_BR",
    "fr_FR",
    "it_IT",
    "de_DE",
    "nl_NL",
    "pl_PL",
    "en_AU",
    "es_ES",
    "pt_PT",
    "tr_TR",
    "id_ID",
    "vi_VN",
    "en_CA",
    "sw",
    "zu_ZA",
    "yo_NG",
    "ha_NG",
    "en_KE",
    "en_NG",
]
DATE_FORMATS = [
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%d/%m/%Y",
    "%-m/%-d/%y",
    "%B %-d, %Y",
    "%b %-d",
    "%-d %B %Y",
    "%d.%m.%Y",
    "%d-%b-%Y",
    "%B %Y",
    "%-d %b",
]
TITLES_CLIN = ["Dr.", "Dr", "Prof.", "Nurse", "Dra."]
TITLES_LAY = ["Mr.", "Mrs.", "Ms.", "Mr", "Ms"]
RELATIVES = [
    "son",
    "daughter",
    "husband",
    "wife",
    "sister",
    "brother",
    "niece",
    "grandson",
    "partner",
]
HEADS = [
    "General Hospital",
    "District Hospital",
    "Health Centre",
    "Medical Center",
    "Clinic",
    "Referral Hospital",
    "Community Health Center",
    "Mission Hospital",
]
DISEASES = [
    "Hodgkin lymphoma",
    "Crohn disease",
    "Down syndrome",
    "Paget disease of bone",
    "Wilms tumor",
    "Kaposi sarcoma",
    "Burkitt lymphoma",
    "Lynch syndrome",
]
DRUGS = ["Keytruda", "tamoxifen", "Herceptin", "imatinib", "capecitabine", "morphine"]


class Doc:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[dict[str, object]] = []
        self.length = 0

    def add(self, s: str, kind: str | None = None) -> None:
        if kind:
            self.spans.append({"start": self.length, "end": self.length + len(s), "type": kind})
        self.parts.append(s)
        self.length += len(s)

    def text(self) -> str:
        return "".join(self.parts)


def sentence_makers(fk: Faker, rng: random.Random) -> list[Callable[[Doc], None]]:
    first, last = fk.first_name(), fk.last_name()
    full = f"{first} {last}"

    def date() -> str:
        return fk.date_between("-30y", "today").strftime(rng.choice(DATE_FORMATS))

    def phone() -> str:
        return fk.phone_number()

    def intro(d: Doc) -> None:
        d.add(rng.choice(["Case for discussion. ", "New referral. ", "Tumour board note. ", ""]))
        d.add(rng.choice(["Name: ", "Patient name: ", "Pt: ", "Patient: "]))
        d.add(full, "PERSON")
        d.add(rng.choice([", born ", " (DOB ", ", date of birth "]))
        d.add(date(), "DATE")
        d.add(rng.choice([". ", "). ", ". "]))

    def clinician(d: Doc) -> None:
        d.add(rng.choice(["Referring clinician: ", "Referred by ", "Seen by ", "Reviewed by "]))
        d.add(rng.choice(TITLES_CLIN) + " ")
        d.add(f"{fk.first_name()} {fk.last_name()}", "PERSON")
        d.add(" at ")
        d.add(f"{fk.city()} {rng.choice(HEADS)}", "LOCATION")
        d.add(" on ")
        d.add(date(), "DATE")
        d.add(". ")

    def history(d: Doc) -> None:
        d.add(f"{rng.choice(TITLES_LAY)} ")
        d.add(last, "PERSON")
        d.add(f" has {rng.choice(DISEASES)} and takes {rng.choice(DRUGS)}. ")

    def relative(d: Doc) -> None:
        d.add(rng.choice(["Her ", "His ", "The patient's "]) + rng.choice(RELATIVES) + " ")
        d.add(fk.first_name(), "PERSON")
        d.add(rng.choice([" attends visits. ", " can be called on "]))
        if d.parts[-1].endswith("on "):
            d.add(phone(), "CONTACT")
            d.add(". ")

    def address(d: Doc) -> None:
        d.add(rng.choice(["Lives at ", "Address: ", "She resides at "]))
        d.add(fk.street_address(), "LOCATION")
        d.add(", ")
        d.add(fk.city(), "LOCATION")
        d.add(". ")

    def contact(d: Doc) -> None:
        d.add(rng.choice(["Phone: ", "Mobile ", "Tel. ", "Contact number "]))
        d.add(phone(), "CONTACT")
        d.add(rng.choice([", e-mail ", "; email: "]))
        d.add(fk.email(), "CONTACT")
        d.add(". ")

    def ids(d: Doc) -> None:
        d.add(rng.choice(["MRN ", "Hospital number: ", "Record no. ", "Chart # "]))
        d.add(str(rng.randint(100000, 99999999)), "ID")
        d.add(rng.choice([". Insurance member ID ", ". Policy number ", ". National ID "]))
        d.add(fk.bothify("??#######").upper(), "ID")
        d.add(". ")

    def age(d: Doc) -> None:
        d.add(rng.choice(["Her father, aged ", "Grandmother is now ", "His mother died at "]))
        d.add(str(rng.randint(90, 104)), "AGE")
        d.add(" of cancer. ")

    def followup(d: Doc) -> None:
        d.add(rng.choice(["Plan reviewed with ", "Results explained to ", "Discussed with "]))
        d.add(first, "PERSON")
        d.add(". Next visit ")
        d.add(date(), "DATE")
        d.add(". ")

    def portal(d: Doc) -> None:
        d.add("Shared images via ")
        d.add(fk.url() + fk.user_name(), "CONTACT")
        d.add(" from ")
        d.add(fk.ipv4_private(), "CONTACT")
        d.add(". ")

    def clinical(d: Doc) -> None:
        d.add(
            rng.choice(
                [
                    "Staging CT shows T3N1M0 disease, ECOG 1. ",
                    "Labs: Hb 10.2 g/dL, ALT 40 U/L, CD4 420 cells/uL. ",
                    "ICD-10 C50.9; reviewed per NCCN and WHO guidance. ",
                    "Pap smear in 2018 was normal; Whipple procedure in 2021. ",
                    "A 67-year-old with symptoms for 6 weeks. ",
                ]
            )
        )

    return [
        intro,
        clinician,
        history,
        relative,
        address,
        contact,
        ids,
        age,
        followup,
        portal,
        clinical,
    ]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)  # noqa: S311 - reproducible test data, not secrets
    with open(args.out, "w", encoding="utf-8") as fh:
        for i in range(args.n):
            fk = Faker(rng.choice(LOCALES))
            fk.seed_instance(rng.randrange(2**32))
            makers = sentence_makers(fk, rng)
            chosen = [makers[0], *rng.sample(makers[1:], k=rng.randint(4, len(makers) - 1))]
            doc = Doc()
            for make in chosen:
                make(doc)
            fh.write(
                json.dumps(
                    {"id": f"syn-{i:04d}", "text": doc.text().strip(), "spans": doc.spans},
                    ensure_ascii=False,
                )
                + "\n"
            )


if __name__ == "__main__":
    main()
