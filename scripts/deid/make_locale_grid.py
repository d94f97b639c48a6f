"""Write the locale grid: every Faker address locale's values, and every region's phone
numbers, in a few neutral English frames, labelled from the parts they were built of.

For each Faker locale with an address provider of its own (a bare language that only
repeats its region, "de" beside "de_DE", and locales that add nothing, "fil_PH", are
left out) it writes a dozen short texts: a street address on one line, a full postal
address on several lines (the locale's own layout), a city with its postcode, a phone
number and a person's name (with and without a title, given-family and family-given).
Each address is built field by field (`street_address`, `city`, `postcode`, `state`...)
so the label of every token is known: streets, towns, postcodes and districts are
LOCATION; first-level regions (states, provinces, wilayas) are ignored (X), as Safe
Harbor keeps them (docs/deid.md, "The convention"). A title before a name is outside it.

Then, for every region phonenumbers knows, its example mobile number in national and in
international format (phonenumbers is a dev dependency: only this script reads it).

Reproducible byte for byte but for Italian towns: Faker's it_IT draws its towns from a
list built from a set, whose order follows the process's string hashing (run with
PYTHONHASHSEED fixed to repeat them too; the committed grid was written without).

usage: python scripts/deid/make_locale_grid.py [OUT.jsonl] [--seed 511]
"""

from __future__ import annotations

import argparse
import json
import pkgutil
import random
import re
from pathlib import Path

import faker.providers.address as address_providers
from faker import Faker

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "deid" / "data" / "locale_grid.jsonl"

# Fields of Faker's address layouts, by what Safe Harbor makes of them.
BELOW_REGION = {
    "street_address",
    "secondary_address",
    "city",
    "city_name",
    "town",
    "commune",
    "bairro",
    "postcode",
    "postalcode",
}
FIRST_LEVEL = {
    "state",
    "state_abbr",
    "province",
    "province_abbr",
    "estado_sigla",
    "wilaya",
    "administrative_unit",
}
FIELD = re.compile(r"\{\{\s*(\w+)\s*\}\}")
FALLBACK_LAYOUT = "{{street_address}}\n{{postcode}} {{city}}"

Piece = tuple[str, str | None]  # text, label ("LOCATION", "PERSON", "CONTACT", "X", None)


def address_locales() -> list[str]:
    """Locales whose address provider holds data of its own, one per distinct provider."""
    names = sorted(m.name for m in pkgutil.iter_modules(address_providers.__path__))
    kept: list[str] = []
    for name in names:
        cls = _address_provider(Faker(name)).__class__
        own = {k for k in cls.__dict__ if not k.startswith("__")}
        if not own:
            continue
        # a bare language ("de") that repeats one of its regions ("de_DE")
        if "_" not in name and any(
            n.startswith(name + "_") and _same_provider(name, n) for n in names
        ):
            continue
        kept.append(name)
    return kept


def _address_provider(fake: Faker) -> object:
    return next(
        p for p in fake.get_providers() if p.__module__.startswith(address_providers.__name__)
    )


def _same_provider(a: str, b: str) -> bool:
    pa, pb = _address_provider(Faker(a)), _address_provider(Faker(b))
    return list(getattr(pa, "address_formats", [])) == list(
        getattr(pb, "address_formats", [])
    ) and getattr(pa, "street_suffixes", None) == getattr(pb, "street_suffixes", None)


def layout(fake: Faker) -> str:
    """One of the locale's own address layouts, if every field of it is one we can label."""
    formats = getattr(_address_provider(fake), "address_formats", None)
    if formats:
        chosen = fake.random_element(formats)
        if set(FIELD.findall(chosen)) <= BELOW_REGION | FIRST_LEVEL:
            return chosen
    return FALLBACK_LAYOUT


def render(fake: Faker, pattern: str) -> list[Piece]:
    """A layout filled field by field, each field with its label."""
    pieces: list[Piece] = []
    pos = 0
    for m in FIELD.finditer(pattern):
        if m.start() > pos:
            pieces.append((pattern[pos : m.start()], None))
        field = m.group(1)
        value = fake.format(field).strip()
        pieces.append((value, "LOCATION" if field in BELOW_REGION else "X"))
        pos = m.end()
    pieces.append((pattern[pos:], None))
    return [(re.sub(r"[ \t]+\n", "\n", t), lab) for t, lab in pieces if t]


def postcode_first(fake: Faker) -> bool:
    formats = getattr(_address_provider(fake), "address_formats", None) or [FALLBACK_LAYOUT]
    text = " ".join(formats)
    p, c = text.find("{{postcode}}"), text.find("{{city}}")
    return p >= 0 and (c < 0 or p < c)


def has(fake: Faker, method: str) -> bool:
    try:
        return bool(str(getattr(fake, method)()).strip())
    except (AttributeError, TypeError, ValueError):
        return False


def city_with_postcode(fake: Faker) -> list[Piece]:
    city = ("{{city}}", "LOCATION") if has(fake, "city") else ("{{city_name}}", "LOCATION")
    if not has(fake, "postcode"):
        return render(fake, city[0])
    return render(
        fake, "{{postcode}} " + city[0] if postcode_first(fake) else city[0] + " {{postcode}}"
    )


def title(fake: Faker) -> str:
    for method in ("prefix", "prefix_female", "prefix_male"):
        if has(fake, method):
            return str(getattr(fake, method)()).strip()
    return "Dr"


def name(fake: Faker) -> tuple[str, str]:
    return fake.first_name().strip(), fake.last_name().strip()


def doc(pieces: list[Piece], ident: str) -> dict[str, object]:
    text = ""
    spans: list[dict[str, object]] = []
    ignore: list[dict[str, int]] = []
    for value, label in pieces:
        start = len(text)
        text += value
        if label == "X":
            ignore.append({"start": start, "end": len(text)})
        elif label:
            spans.append({"start": start, "end": len(text), "type": label})
    out: dict[str, object] = {"id": ident, "text": text, "spans": spans}
    if ignore:
        out["ignore"] = ignore
    return out


def locale_texts(locale: str, seed: int) -> list[list[Piece]]:
    fake = Faker(locale)
    fake.seed_instance(seed)
    city = "{{city}}" if has(fake, "city") else "{{city_name}}"

    def street() -> list[Piece]:
        return render(fake, "{{street_address}}")

    def person() -> list[Piece]:
        first, last = name(fake)
        return [(f"{first} {last}", "PERSON")]

    phones = has(fake, "phone_number")

    def phone() -> list[Piece]:
        return [(fake.phone_number(), "CONTACT")] if phones else [("", "MISSING")]

    texts: list[list[Piece]] = [
        [("Lives at ", None), *street(), (", ", None), *render(fake, city), (".", None)],
        [("Lives at ", None), *street(), (" with her husband.", None)],
        [("Referred from ", None), *city_with_postcode(fake), (" last week.", None)],
        [("New address: ", None), *street(), (", ", None), *city_with_postcode(fake), (".", None)],
        [
            ("Name: ", None),
            *person(),
            ("\nAddress:\n", None),
            *render(fake, layout(fake)),
            ("\nPhone: ", None),
            *phone(),
            ("\n", None),
        ],
        [
            ("Please post the results to:\n", None),
            *person(),
            ("\n", None),
            *render(fake, layout(fake)),
            ("\n\nThank you.", None),
        ],
        [("Call ", None), *phone(), (" after 5pm.", None)],
        [("Daughter ", None), *person(), (" will come on Friday.", None)],
        [("Seen by ", None), (title(fake) + " ", None), *person(), (" in clinic.", None)],
    ]
    first, last = name(fake)
    texts.append([(f"{last.upper()}, {first}", "PERSON"), (" - follow-up in 3 months.", None)])
    first, last = name(fake)
    texts.append(
        [("Patient ", None), (f"{last} {first}", "PERSON"), (" was reviewed today.", None)]
    )
    first, last = name(fake)
    texts.append(
        [
            (title(fake) + " ", None),
            (last, "PERSON"),
            (" will ring back on ", None),
            *phone(),
            (".", None),
        ]
    )
    # a locale without phones of its own has no texts with a phone
    return [t for t in texts if all(lab != "MISSING" for _, lab in t)]


def phone_texts() -> list[tuple[str, list[Piece]]]:
    """Every region's example mobile (else fixed-line) number, national and international."""
    import phonenumbers
    from phonenumbers import PhoneNumberFormat, PhoneNumberType

    out: list[tuple[str, list[Piece]]] = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        number = phonenumbers.example_number_for_type(region, PhoneNumberType.MOBILE) or (
            phonenumbers.example_number_for_type(region, PhoneNumberType.FIXED_LINE)
        )
        if number is None:
            continue
        national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
        international = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
        out.append(
            (
                region,
                [
                    ("Call ", None),
                    (national, "CONTACT"),
                    (" after 5pm, or ", None),
                    (international, "CONTACT"),
                    (" from abroad.", None),
                ],
            )
        )
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", default=str(OUT))
    ap.add_argument("--seed", type=int, default=511)
    args = ap.parse_args()
    rng = random.Random(args.seed)  # noqa: S311 - a reproducible sample, no secret
    docs: list[dict[str, object]] = []
    for locale in address_locales():
        for i, pieces in enumerate(locale_texts(locale, rng.randrange(1 << 30))):
            docs.append(doc(pieces, f"grid-{locale}-{i:02d}"))
    for region, pieces in phone_texts():
        docs.append(doc(pieces, f"grid-phone-{region}"))
    write(docs, args.out)
    return 0


def write(docs: list[dict[str, object]], out: str) -> None:
    """The grid one JSON a line, as the corpora in tests/deid/data are written."""
    with open(out, "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"{len(docs)} texts -> {out}")


if __name__ == "__main__":
    raise SystemExit(main())
