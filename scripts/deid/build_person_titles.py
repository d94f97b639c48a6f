"""Write echo_cases/deid/data/locale_titles.txt: the person titles of every Faker locale that
the rules may read as a cue before a name.

Faker's person providers hold each locale's titles (``prefixes``, ``prefixes_female``...:
"Fru", "Hr", "Sig.ra", "Dott.", "proua", "Г-жа"), read by ``scripts/deid/faker_titles.py``
(which leaves out the name particles es_ES, fr_FR and pt_PT keep there). A title is a
cue that opens a name and stays outside it ("Fru [Ingrid Dahl]"); the rules of
``recognizers/persons.py`` read these with the hand lists of ``data/words/titles/``, so a
capitalised word after one is a name.

Written as the lists write titles: without the final dot ("Dott.", looked up as "dott"),
"Dr(a)." as "Dr" and "Dra"; a title with a letter whose capital reads back otherwise in
small letters also as a note in capitals has it ("Xanım" and "Xanim", for "XANIM").
Left out, since a note would write them as words of its own:

* titles with a word that English writes often (wordfreq Zipf >= 3: "Chief", "Lady",
  "Cut", "Bay", "Mama", "Prince", "GEN", "COL"): "Chief Complaint", "Mama Kits";
* titles with a word that is a clinical short form (data/clinical_abbreviations*.txt:
  "LAC", "ADM", "MR", "CDR"), a given name or surname of the name lists ("Anh", "Bibi",
  "Sutan": a person may be called so, and a title's word is never read as a name) or a
  month or weekday of CLDR ("Okt");
* titles with a word of one letter or a digit ("R.", "H.", "M L", "CPO 1"), initials
  ("R.A"), or two words and a dot ("Arş. Gör.": each word is looked up on its own). A
  title shortened inside one word, its pieces joined by a dot or a hyphen, stays whole
  ("Sig.ra", "Dipl.-Ing", "Г-жа"): a note writes it so before a name only;
* titles in scripts without capitals (the rules need a capital to start the name);
* titles whose first word opens a place of the gazetteer (data/place_names.txt: "Bà" of
  "Bà Rịa", "Phra" of "Phra Nakhon", "Bayan" of "Bayan Lepas"): the place would be read
  as a titled name.

Sources: Faker (MIT licence, https://github.com/joke2k/faker), the version pinned in
constraints.txt; wordfreq (Apache-2.0 code, data CC BY-SA 4.0) for the English filter.
The runtime reads only the written file.

usage: python scripts/deid/build_person_titles.py [OUT] [--check]
"""

# ruff: noqa: RUF002, RUF003 - titles are written in their own letters
from __future__ import annotations

import argparse
import re
import sys
from importlib.metadata import version
from pathlib import Path

import faker
import wordfreq

sys.path.insert(0, str(Path(__file__).resolve().parent))

import faker_titles

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "echo_cases" / "deid" / "data" / "locale_titles.txt"
ENGLISH_ZIPF = 3.0
_EITHER_SEX = re.compile(r"^(\w+)\((\w+)\)$")  # "Dr(a)": "Dr" and "Dra"


_DATE_WORDS: set[str] = set()
PLACES = ROOT / "echo_cases" / "deid" / "data" / "place_names.txt"


def _words_opening_places() -> frozenset[str]:
    """The first words of the gazetteer's places of more than one word, as written ("bà" of
    "bà rịa", "phra" of "phra nakhon", "bayan" of "bayan lepas")."""
    firsts = set()
    for raw in PLACES.read_text(encoding="utf-8").splitlines():
        words = raw.strip().split(" ")
        if len(words) > 1 and not raw.startswith("#"):
            firsts.add(words[0])
    return frozenset(firsts)


def _a_word_of_its_own(word: str) -> bool:
    """A clinical short form ("LAC"), a given name or surname ("Anh", "Bibi"), or a month
    or weekday of some language ("Okt"): read as that, never as a title."""
    sys.path.insert(0, str(ROOT))
    from echo_cases.deid import cldr_dates
    from echo_cases.deid.candidates import is_listed_name
    from echo_cases.deid.derived import is_person_name
    from echo_cases.deid.vocabulary import is_clinical_abbreviation

    if not _DATE_WORDS:
        _DATE_WORDS.update(cldr_dates.months("strong"), cldr_dates.months("weak"))
        _DATE_WORDS.update(cldr_dates.weekdays())
    return (
        is_clinical_abbreviation(word)
        or is_person_name(word)
        or is_listed_name(word)
        or word.lower()
        in {*cldr_dates.months("strong"), *cldr_dates.months("weak"), *cldr_dates.weekdays()}
    )


def spellings(title: str) -> list[str]:
    """A title as the lists write it: no final dot, each sex of "Dr(a)." apart; and as it
    reads when a note in capitals is looked up in small letters, where that differs
    ("XANIM" is "xanim", not "xanım": the dotless ı has no capital of its own)."""
    bare = title.strip().rstrip(".")
    m = _EITHER_SEX.match(bare)
    found = [m.group(1), m.group(1) + m.group(2)] if m else [bare]
    for spelling in list(found):
        from_capitals = spelling.upper().lower()
        if from_capitals != spelling.lower() and len(from_capitals) == len(spelling):
            found.append(spelling[0] + from_capitals[1:])
    return found


# A title shortened inside one word, its pieces joined by a dot or a hyphen: "Sig.ra",
# "Dipl.-Ing", "Univ.Prof", "Г-жа" (gospozha), "г-н". Not pieces of one letter each joined
# by dots, which are initials ("R.A").
_JOINED_PIECES = re.compile(r"[.\-]+")


def _a_shortened_title(word: str) -> bool:
    pieces = [p for p in _JOINED_PIECES.split(word) if p]
    if len(pieces) < 2 or not all(p.isalpha() for p in pieces):
        return False
    return "-" in word or any(len(p) > 1 for p in pieces)


def usable(title: str) -> bool:
    """A title the rules may read: capitals, no word of one letter or with a digit, and
    no word a note writes as a word of its own."""
    if " " in title and "." in title:
        return False  # "Arş. Gör.": two titles, each looked up on its own and dotless
    # A shortened title's pieces are no words of a note: it is checked whole.
    shortened = _a_shortened_title(title)
    words = [title] if shortened else [w for w in re.split(r"[ \-]+", title) if w]
    if not words or any(len(w) < 2 or not (w.isalpha() or _a_shortened_title(w)) for w in words):
        return False
    if any(w.lower() == w.upper() for w in words):
        return False
    return not any(
        wordfreq.zipf_frequency(w, "en") >= ENGLISH_ZIPF or _a_word_of_its_own(w) for w in words
    )


def locale_titles() -> dict[str, set[str]]:
    """Each usable title and the locales that write it."""
    opening_places = _words_opening_places()
    found: dict[str, set[str]] = {}
    for locale in faker_titles.person_locales():
        for title in faker_titles.titles(locale):
            for spelling in spellings(title):
                if usable(spelling) and spelling.split()[0].lower() not in opening_places:
                    found.setdefault(spelling, set()).add(locale)
    return found


def render() -> str:
    lines = [
        "# Person titles of every Faker locale, read as a cue before a name (the title stays",
        "# outside it). GENERATED by scripts/deid/build_person_titles.py: do not edit; re-run it.",
        f"# Source: Faker {faker.VERSION} (MIT licence, https://github.com/joke2k/faker), its",
        "# person providers' prefixes (not the name particles of es_ES, fr_FR, pt_PT); left out:",
        f"# titles with a word English writes often (wordfreq {version('wordfreq')}, Apache-2.0;",
        f"# data CC BY-SA 4.0; Zipf >= {ENGLISH_ZIPF}), that is a clinical short form, a name of",
        "# the name lists or a CLDR month or weekday, of one letter or with a digit (a title",
        "# shortened in one word stays: Sig.ra, Г-жа), of two words with a dot, in a script",
        "# without capitals, or whose first word opens a place of place_names.txt.",
        "# Each line: the title without its final dot (and, where capitals read back otherwise",
        "# in small letters, as they do: Xanim), then the locales that write it.",
    ]
    found = locale_titles()
    for title in sorted(found, key=lambda t: (t.casefold(), t)):
        lines.append(f"{title} = {' '.join(sorted(found[title]))}")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", default=str(OUT))
    ap.add_argument("--check", action="store_true", help="fail if OUT differs from a rebuild")
    args = ap.parse_args()
    text = render()
    if args.check:
        same = Path(args.out).read_text(encoding="utf-8") == text
        print("up to date" if same else f"{args.out} differs from a rebuild")
        return 0 if same else 1
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"{len(text.splitlines()) - 9} titles -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
