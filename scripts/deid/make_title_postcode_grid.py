"""Write the title and postcode grid: every Faker locale's person titles before a name, and
every Faker address locale's postcodes beside a town, in short clinical frames, labelled
from the parts they were built of; then negatives, where words that are titles somewhere
stand as ordinary or clinical words.

* Titles (``faker_titles.titles_by_sex``: the locale's prefixes, not its name particles):
  for each locale with titles, three of them (drawn with the seed) in English frames ("Seen
  with Fru Ingrid Dahl, her sister.", "Hr Dahl will call back tomorrow.") and, for the
  languages below, one frame in the locale's own language. The name is PERSON; the title
  is outside it (it is kept: docs/deid.md, "The convention").
* Postcodes: for each address locale of make_locale_grid.py with a town and a postcode,
  the town and its code in both orders ("Lucca 55100", "55100 Lucca") and after a comma,
  outside any address line. Town and code are each LOCATION.
* Negatives, written by hand (helper "titles22", session 15): a title of one locale as a
  word of a clinical note ("Chief Complaint", "Bishop Score", "MR moderate", "Mama Kits"),
  with no identifier or only the ones labelled.

usage: python scripts/deid/make_title_postcode_grid.py [OUT.jsonl] [--seed 512]
"""

# ruff: noqa: RUF001 - the frames are written in other languages' own letters
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import faker_titles
import make_locale_grid

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "deid" / "data" / "title_postcode_grid.jsonl"

Piece = make_locale_grid.Piece
TITLES_A_LOCALE = 3

# "{t}" the title, "{n}" the name; English frames for every locale.
ENGLISH_FRAMES = (
    "Seen with {t} {n}, her sister.",
    "{t} {n} will call back tomorrow.",
    "Discussed with {t} {n} by phone; agrees with the plan.",
)
# One frame in the locale's own language, by language code.
LOCAL_FRAMES = {
    "az": "Xəstənin bacısı {t} {n} ilə danışıldı.",
    "bg": "Разговор с {t} {n}, сестра на пациентката.",
    "cs": "Hovořeno s {t} {n}, sestrou pacientky.",
    "da": "Samtale med {t} {n}, patientens søster.",
    "de": "Heute Gespräch mit {t} {n}, der Schwester der Patientin.",
    "es": "Se habló con {t} {n}, hermana de la paciente.",
    "et": "Vestlus: {t} {n}, patsiendi õde.",
    "fi": "Puhelu: {t} {n}, potilaan sisar.",
    "hu": "Megbeszélve {t} {n} kollégával.",
    "id": "Sudah bicara dengan {t} {n}, kakak pasien.",
    "it": "Colloquio con {t} {n}, sorella della paziente.",
    "mk": "Разговор со {t} {n}, сестра на пациентката.",
    "no": "Samtale med {t} {n}, pasientens søster.",
    "pl": "Rozmowa z: {t} {n}, siostra pacjentki.",
    "pt": "Conversado com {t} {n}, irmã da paciente.",
    "ru": "Беседа с: {t} {n}, сестра пациентки.",
    "sk": "Rozhovor s: {t} {n}, sestra pacientky.",
    "sw": "Tumeongea na {t} {n}, dada wa mgonjwa.",
    "tr": "Hastanın kız kardeşi {t} {n} ile görüşüldü.",
    "uk": "Розмова з: {t} {n}, сестра пацієнтки.",
    "vi": "Đã trao đổi với {t} {n}, chị gái bệnh nhân.",
}
POSTCODE_FRAMES = (
    "Moved to {town} {code} in March.",
    "Referred from {code} {town} last week.",
    "Lives in {town}, {code}, with her husband.",
)
# Titles of some locale as words of a note ("[[L:..]]" marks the one place among them).
NEGATIVES = (
    "Chief Complaint: Cough and fever for 3 weeks.",
    "Bishop Score 8, favourable for induction.",
    "Lady Health Worker visited the home on Friday.",
    "Mama Kits were handed out at the antenatal clinic.",
    "Pan CT Chest showed no new lesions.",
    "Pan-sensitive Klebsiella grown in the urine.",
    "Mag Sulphate 4 g given over 20 minutes.",
    "Sig: Take one tablet twice daily.",
    "Misc. Notes: Bring the old films.",
    "Hr 88, regular. BP 118/76.",
    "MR Moderate on echo, LVEF 45%.",
    "LT Knee swollen and warm, aspirated.",
    "LAC Sutured under local anaesthetic.",
    "ADM Weight 64 kg, discharge weight 61 kg.",
    "AM Bloods sent; PM dose held.",
    "GEN SURG to review tomorrow.",
    "COL Ca on surveillance, CEA normal.",
    "Cut Flowers are not allowed on the ward.",
    "Rev Counts normal after the transfusion.",
    "Prof. Review of the slides is pending.",
    "Bay 4 Patient moved to the side room.",
    "Miss Doses were noted twice this week.",
    "Dr. Review requested for the rash.",
    "Sis Is visiting on Sunday with the children.",
    "Uz. Görüş: Kardiyoloji konsültasyonu önerildi.",
    "Ing. Assessment: Fluids only.",
    "Anh Trai của bệnh nhân đã đến.",
    "Bác Sĩ đã khám bệnh nhân sáng nay.",
)


def names_for(fake: object, attr: str) -> tuple[str, str]:
    """A given name of the title's sex and a family name."""
    sex = "female" if "female" in attr else "male" if "male" in attr else ""
    first = getattr(fake, f"first_name_{sex}")() if sex else fake.first_name()  # type: ignore[attr-defined]
    return str(first).strip(), str(fake.last_name()).strip()  # type: ignore[attr-defined]


def framed(frame: str, title: str, name: str) -> list[Piece]:
    before, _, rest = frame.partition("{t}")
    between, _, after = rest.partition("{n}")
    return [(before, None), (title + between, None), (name, "PERSON"), (after, None)]


def title_texts(locale: str, seed: int) -> list[list[Piece]]:
    by_attr = faker_titles.titles_by_sex(locale)
    pairs = [(attr, t) for attr, ts in by_attr.items() for t in ts]
    if not pairs:
        return []
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, no secret
    fake = faker_titles.faker_for(locale)
    fake.seed_instance(seed)
    chosen = rng.sample(pairs, min(TITLES_A_LOCALE, len(pairs)))
    texts: list[list[Piece]] = []
    for i, (attr, title) in enumerate(chosen):
        first, last = names_for(fake, attr)
        name = last if "{t} {n} will" in ENGLISH_FRAMES[i % 3] else f"{first} {last}"
        texts.append(framed(ENGLISH_FRAMES[i % 3], title, name))
    local = LOCAL_FRAMES.get(locale.split("_")[0])
    if local:
        attr, title = chosen[0]
        first, last = names_for(fake, attr)
        texts.append(framed(local, title, f"{first} {last}"))
    return texts


def postcode_texts(locale: str, seed: int) -> list[list[Piece]]:
    fake = faker_titles.faker_for(locale)
    fake.seed_instance(seed)
    town_method = "city" if make_locale_grid.has(fake, "city") else "city_name"
    if not make_locale_grid.has(fake, "postcode") or not make_locale_grid.has(fake, town_method):
        return []
    texts: list[list[Piece]] = []
    for frame in POSTCODE_FRAMES:
        town = str(getattr(fake, town_method)()).strip()
        code = str(fake.postcode()).strip()
        pieces: list[Piece] = []
        rest = frame
        while "{" in rest:
            before, _, tail = rest.partition("{")
            field, _, rest = tail.partition("}")
            pieces += [(before, None), (town if field == "town" else code, "LOCATION")]
        pieces.append((rest, None))
        texts.append([p for p in pieces if p[0]])
    return texts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", default=str(OUT))
    ap.add_argument("--seed", type=int, default=512)
    args = ap.parse_args()
    rng = random.Random(args.seed)  # noqa: S311 - a reproducible sample, no secret
    docs: list[dict[str, object]] = []
    for locale in faker_titles.person_locales():
        for i, pieces in enumerate(title_texts(locale, rng.randrange(1 << 30))):
            docs.append(make_locale_grid.doc(pieces, f"titles-{locale}-{i:02d}"))
    for locale in make_locale_grid.address_locales():
        for i, pieces in enumerate(postcode_texts(locale, rng.randrange(1 << 30))):
            docs.append(make_locale_grid.doc(pieces, f"postcodes-{locale}-{i:02d}"))
    for i, text in enumerate(NEGATIVES):
        docs.append(make_locale_grid.doc([(text, None)], f"negative-{i:02d}"))
    make_locale_grid.write(docs, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
