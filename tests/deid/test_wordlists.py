"""The de-identifier's word lists (echo_cases/deid/data/words): well formed, read once,
and never saying of one word both "keep it" and "redact it"."""

from __future__ import annotations

import pathlib

import pytest

from echo_cases.deid import lexicon, wordlists

FILES = wordlists.all_files()
KINDS = sorted({kind for kind, _ in FILES})
DEID_SOURCES = pathlib.Path(wordlists.__file__).parent


def _label(kind: str, name: str | None) -> str:
    return f"{kind}/{name}" if name else kind


# What the analyzer does with each kind of list.
# Kept wherever they stand: clinical meaning, regions, peoples, channels.
KEEP_LISTS = {
    "eponyms",
    "drug_brands",
    "device_brands",
    "clinical_acronyms",
    "service_acronyms",
    "not_initials",
    "regions",
    "countries",
    "country_acronyms",
    "generic_facility_acronyms",
    "peoples",
    "apps",
    # "American Cancer Society", "International Association ...": a body these open is kept.
    "organisation_openers_kept",
}
# Clinical and ordinary vocabulary: never a name or a place by itself.
VOCABULARY = {
    "clinical_words",
    "name_stop",
    "numbered_nouns",
    "eponym_heads",
    "score_eponyms",
    "clinical_suffixes",
    "clinical_prefixes",
    "label_words",
    "months",
    "month_abbreviations",
    "months_read_only",
    "months_before_a_year",
    "month_references",
    "months_ambiguous_in_small_letters",
    "addressees",
    "compass_words",
    # Everyday words of the languages notes switch into ("hali ya kula ni mbaya").
    "everyday_words",
    # ... and their words of two syllables, one a name's alone ("ung thư", "gia đình").
    "everyday_compounds",
    # Endings of Spanish and Portuguese words that are talk in a note in one ("paliativa").
    "everyday_endings",
    # What makes a month/day without a year a value: "pain 4/10", "abx day 3/7", "2/14 nodes".
    "scale_maxima",
    "value_words_before_day_month",
    "value_words_after_day_month",
    # "CGA 30 1/7": the days of a gestational age's week.
    "gestation_labels",
    # "Civil Rights Act of 1964": a law's kind ends its name, which is no place or person.
    "law_words",
    # "13 million users": the number before one is a count.
    "number_magnitudes",
    # What a form writes where it has no value ("NA", "NK"): no one's initials.
    "missing_values",
    "family_history_short_forms",
    # Words of one letter: no middle initial between two names ("María y Juan").
    "one_letter_words",
    # "the district hospital", "a private clinic": what kind of facility, not which.
    "facility_descriptors",
    # "DRA. MARTÍNEZ DE GUARDIA": on duty, no husband's surname.
    "duties_after_de",
    # "national" alone is a word; "the National Cancer Centre" is one place of a country.
    "facility_openers_of_one_place",
    # "the National Hospital Insurance Fund": a scheme's or a body's, no facility's name.
    "words_continuing_a_body",
    # "Add Chidera Amarachi Nwankwo": a verb opening an instruction is no part of the name.
    "instruction_verbs",
    # "Lives Many Farms": a verb opening a sentence is no part of the place after it.
    "verbs_before_places",
    # "Pcte Ana Lima", "BS Lê Văn Hải": a role's short form opening a name is none of it.
    "role_short_forms",
    # "neuro stepdown nsg note": a unit's bare word, after only its service, is the ward's.
    "ward_units",
    # "route 2 days ago": a count after a road's number, which then is no address.
    "counts_after_road_numbers",
    # "ward 5 days": a duration or a dose after a ward's number, which then is no ward's.
    "counts_after_ward_numbers",
    # "40-70 CC/HR", "10MG": a measurement's unit, kept with its number.
    "measure_units",
    # "5-10 years", "2-3 cycles": a duration's unit, kept with the range before it.
    "durations",
    # "infant of 29 2/7 wks", "6 mo baby": an age's or a term's unit after a number, no place.
    "age_and_term_units",
    # "ml 120 300 200 ml": a unit or a short word beside nine digits is no tracking number's.
    "not_postal_item_codes",
    # "60-100/HR", "0.5 ML/KG/HR": what a rate is per, a range per unit being no code.
    "rate_denominators",
    # "onc floor", "iv pole", "in hall": a ward's noun a name list holds too, in its place.
    "ward_nouns",
    "ward_noun_openers",
    # "WIFE FLORENCE VISITING DAILY": what a relative does, after the name, is none of it.
    "verbs_after_names",
    # "rt fem line placed", "pa line removed": a side's or an artery's site, no staff name.
    "sites_after_a_side",
    # "SYNAGIS GIVEN 1000": an act of the ward before four digits, its hour, in capitals.
    "acts_before_a_clock",
    # "LIVES AT HOME W/ DAUGHTER": a home named by nobody is no address.
    "unnamed_homes",
}
# Part of the identifier they stand in, and redacted with it.
REDACTED = {
    "name_particles",
    # "1245. Sokak", "9-cu mikrorayon": the number, its mark and the kind are the address's.
    "address_kinds_after_number",
    "titles_in_facility_names",  # "UBS Dr. José Rayol dos Santos": a facility's namesake's title
    # "Hernández de López": the husband's surname after one is the woman's name.
    "married_name_particles",
    "numbered_facility_kinds",
    "street_types",
    "street_words_before_number",
    "street_kinds_after_ordinal",
    "street_words_before_name",
    "address_floor_sides",
    "post_boxes",
    "numbered_roads",
    "facility_heads_first",
    "facility_heads_last",
    "landmark_heads_first",  # "iglesia de san juan": the head is redacted with the name
    "saint_titles",  # "igreja são josé": the title is the name's
    "settlement_kinds",
    "settlement_kinds_before",
    "settlement_kinds_before_small",  # "village rampur kalan": read in small letters only
    "employer_kinds",
    "given_name_titles",
    "date_words",
    "date_openers",
    # "the fourteenth of March": the day of a date written in words.
    "day_ordinals",
    "street_names_whole",
    "street_types_without_case",
    "given_name_abbreviations",
    "vietnamese_surnames",
    "surname_prefixes",
    "vietnamese_middle_names",
    "facility_kinds_after_names",
    "facility_kinds_after_rare_names",  # "shepherd's hospice": the kind closes the name
    "organisation_heads",  # "the Friends of the Sick Association": the whole body's name
    "street_words_around_number",  # "Tsereteli Street 42", "Avenue Kasongo n°27"
    "place_name_openers",  # "vila nova cachoeirinha": a stop word opening the name is the name's
    "place_titles",  # "Dr. E. Borges Road", "St Jago Park Health Centre": the title is the name's
    "street_words_after_titled_names",  # "Dr. E. Borges Road": the street word ends the name
    "saints_in_place_names",  # "behind St. Michael church": the title is the place's
    "ways_and_quarters_before_small",  # "rua agostinho de souza", "jardim ângela"
    "towns_before_landmarks",  # "kisumu town stage": the town's word is the landmark's name
    "units_before_numbers",  # "Room 12", "P.O. Box 4521": the unit and its number, the address's
    "months_after_a_year",  # "2081 Kartik 12": a month only between a year and a day
}
# Cues: they announce an identifier beside them and stay themselves (or, facility_words,
# only shape realistic surrogates).
CUES = {
    "month_alone_cues",  # "seen in June", "en octubre": a month alone after one is a date
    "dateline_joins",  # "Abidjan, le 19 novembre 2024": the words before a dateline's date
    "address_number_labels",  # "1245. Sokak No:8 D:3": a number after one is the address's
    "address_ordinal_marks",  # "1245.", "9-cu", "4e": an ordinal's mark before an address's kind
    # "Institut za onkologiju i radiologiju": "and" joins two halves of a facility's name.
    "facility_name_conjunctions",
    "nearest_place_cues",  # "the nearest radiotherapy is Accra": a town after the copula
    "place_copulas",  # "... is", "... est", "—": the verb or mark before that town
    "place_alternatives",  # "in Suva or Brisbane": a second town joined to a first
    "facility_acronym_prepositions",  # "en el INOR", "au CHR": capitals after are a facility
    "facility_kinds_before_place",  # "CS Walia", "CMA de Pissy": the kind is the facility's
    "kinds_named_for_saints",  # "chapel of St. Anne": a saint beside one names a place
    "facility_levels",  # "thika level 5": after a place, the level and number are its facility's
    "lines_and_tubes",  # "via UVC", "PICC hub": the route, not a facility
    "organisation_care_words",  # "Home Care Society" is a charity still
    "landmark_kinds_also_adjectives",  # "terminal" only where nothing goes on after it
    "titles",
    "postnominals",  # "HOLLY PAIN RN": a credential after words says they are a name
    "landmark_kinds",
    "settled_cues",
    "landmark_relations",  # "lives in Kolfe near ...": a cued address ends before one
    "street_heads_in_small_letters",
    "ward_heads",
    "facility_kinds_in_any_case",
    "street_kinds_in_any_case",
    "place_name_joins",
    "facility_name_stops",
    "clinical_titles",
    "relatives",
    "id_labels",
    "facility_words",
    "greetings",
    "self_introductions",  # "this is nok from the clinic": the writer's name after one
    "name_markers",
    "name_cues",
    "role_nouns",  # "our webmaster felix": a name typed small after a role or trade
    "care_roles",  # "RN Tasha": in a ward note, the second model's name after one stands
    "staff_acts",  # "pa hale ordered abg": what the staff member named after a role does
    "reach_cues",  # "pls page 4471": digits no clock can be after one are a number to call
    "ward_place_prepositions",  # "to Braintree Rehab": the second model's place after one
    "name_fields",  # "Surname: WHITE": the value after one and its colon is a name
    "sign_offs",  # "best, ram prasad islam": the writer's name after a closing's comma
    "place_cues",
    "address_chain_labels",  # "vill: char kukri, dist: patuakhali": a place after each
    "address_chain_labels_shared",  # "PO: kalapara" only beside one of the above
    "bed_words",
    "device_nouns",  # "in Aspen collar": a brand before one is no place
    "person_nouns",
    "assignees",
    "origin_cues",
    "number_cues",  # "pager 2218": four digits after one are no clock time
    "times_after_a_clock",  # "EXT 2200 LAST NIGHT": the clock before one is no extension
    "timing_words",  # "NBM FROM 0000": capitals then a clock time after one are no ID
    "verbs_after_initials",
    "facility_labels",
    "facility_field_weak_heads",  # "Site: palliative care team": "care" alone is no facility's head
    "facility_kinds_after",
    "kinds_closing_a_name",  # "MAPLEWOOD REHAB": the kind closes the facility's name
    "address_units",
    "address_labels",
    "address_ends",
    "clock_openers",  # "jueves 16 a las 9": the day before a clock time
    "booking_labels",
    "form_field_words",  # "... DOB:": the next field's word ends a name field's value
    "titles_in_any_case",  # "chv atieno": a community health worker's title in small letters
    "titles_after_greetings",  # "hi doc amina": a chat's word for a doctor before the name
    "ward_unit_openers",  # "to stepdown", "CARDIAC STEPDOWN": the unit's word after one is bare
    "patient_short_labels",  # "the pt abdul-rahman issah": a name typed small after one
    "reply_openers",  # "Oksana, thank you.": the word opening the paragraph is its reader
    "mail_header_labels",  # "To: Andre": "Andre, ..." opening a paragraph is its reader
    "dose_forms",  # "Plasil inj": the word before one is a drug
    "dose_schedules",  # "Ciproxina 500 mg c/12h": the word before a dose and one is a drug
    "dose_frequencies",  # "Gabapin 100 hs": the word before a bare strength and one is a drug
    "settlement_articles",  # "vive en la colonia": a kind after one is no town La Colonia
    "determiners_before_person_nouns",  # "the ELK SHOULDER lady": capitals after one, a name
    "address_field_labels",  # "Postcode: 90210": the number after one and its colon, the address's
    "digit_words",  # "oh eight seven, double two four ...": a run of them is a phone
    "mail_at_words",  # "ana at uol dot com": an address spelt out
    "mail_dot_words",
    "messaging_apps",  # "Skype: rosa.d": the user name after one is a contact
    "handle_cues",  # "Telegram: @olga": "@" and a plain word after one is a handle
    "web_cues",  # "site priyaraman.dev": a bare domain after one is a web address
    "phone_extension_words",  # "ramal 215": the digits after one are an extension
    "paging_words",  # "pgr 3345", "bleep 212": the short number after one reaches a person
    "card_words",  # "Visa 4916 ...": sixteen digits after one are a card, check or not
    "words_before_an_unnamed_kind",  # "se avisó al hospital": no name before the kind
    "words_after_ward_letters",  # "ward c bed 12": a ward's one letter may stand before one
    "identity_card_issuers",  # "CI 6128834 LP": an issuing office's code after a card's number
}
# Not words but language codes: which languages' lists a rule reads (landmarks.py).
LANGUAGE_CHOICES = {
    "settlement_kinds_outside_the_name",  # "kijiji cha [[Ikuna]]": the kind is no part of it
    "settlement_sentence_languages",  # their stop words go on with the sentence after a name
}

# Titles may be both: "Sister" ends a name ("Grace Sister") and is redacted before one.
TITLES = {
    "given_name_titles",
    # "UBS Dr. José Rayol dos Santos": the title of the person a facility is named for.
    "titles_in_facility_names",
}
# A street word, a facility head or a kind of place is an ordinary word on its own
# ("Oncology Clinic" is a service, "the district" no place); only beside a name is it part
# of one.
HEADS = {
    "street_types",
    "street_kinds_after_ordinal",  # "Main" alone is a word; "12th Main" is a street
    "address_kinds_after_number",  # "Sokak" alone is a word; "1245. Sokak" is a street
    "facility_heads_first",
    "facility_heads_last",
    "settlement_kinds",
    "employer_kinds",
    "date_openers",  # "Monday" alone is no date; "Monday 4 March" is one
    "street_names_whole",
    "street_types_without_case",  # "road" alone is no address; "12 kenyatta road" is one
    "street_words_before_name",  # "ul." alone is no address; "ul. Piotrkowska 104" is one
    "address_floor_sides",  # "th." alone is nothing; "Nørrebrogade 44, 3. th." is a dwelling
    "numbered_facility_kinds",  # "HGZ" alone is no place; "HGZ 1" is one hospital
    # "long", "le", "thi" alone are words; "tran van long", "le thi mai" are persons
    "vietnamese_surnames",
    "vietnamese_middle_names",
    "surname_prefixes",  # "mc" alone is nothing; "rn mcallister" is a person
    "facility_kinds_after_names",  # "hospital" alone is no place; "mercy hospital" is one
    "facility_kinds_after_rare_names",  # "hospice" alone is no place; "shepherd's hospice" is
    "organisation_heads",  # "Society" alone is no place; "Home Care Society" is one
    "street_words_around_number",  # "Street" alone is no address; "Tsereteli Street 42" is one
    "place_name_openers",  # "nova" alone is a word; "vila nova cachoeirinha" is a place
    "place_titles",  # "Dr" alone is no place; "Dr. E. Borges Road" is one
    "street_words_after_titled_names",  # "Road" alone is no address; "Dr. Borges Road" is one
    "units_before_numbers",  # "Room" alone is a word; "Room 12" after a street is the address's
}
# Words that are both, told apart by case or by the words around them.
HOMOGRAPHS = {
    "first": "'the first of May' the day of a date, 'First Nations' a people",
    "md": "'MD' a doctor or the medicine service, 'Md.' before a name a short Mohammad",
    "ngày": "'Ngày' labels a date field, 'ngày 27 tháng 3' is part of the date",
    "năm": "'năm' (year) labels a field, 'tháng 8 năm 2021' is part of the date",
    "von": "a particle in 'von der Heide', an eponym in 'von Willebrand disease'",
    "hill": "a street word in 'Beacon Hill', an eponym in 'Hill-Sachs lesion'",
    "wells": "a street word in 'Tunbridge Wells', an eponym in 'Wells score'",
    "ct": "'Ct' for Court after a house number, 'CT' the scan (acronyms count in capitals)",
    "via": "'Via' a street in Italian and Spanish, 'VIA' the cervical screening test",
    "co": "'Acme Co' is a company, 'CO' a clinical officer (service acronyms count in capitals)",
    "phc": "'Kisumu PHC' is a facility, 'referred from PHC' names no place",
    "chc": "'Ama CHC' is a facility, 'seen at the CHC' names no place",
    "do": "a particle in 'Maria do Carmo', a verb in clinical sentences",
    "ho": "a Vietnamese family name before 'Van' or 'Thi', a service's short form alone",
    "lam": "a Vietnamese family name before 'Van' or 'Thi', a service's short form alone",
    "ngo": "a Vietnamese family name before 'Van' or 'Thi', a service's short form alone",
    "ng": "Tagalog 'of' inside 'ika-5 ng Oktubre 2023', nanograms in '2.1 ng/mL'",
    # trim_name checks NAME_STOP before PARTICLES, so a person's name ends at these; the
    # NER clean-up lets them join a name ("Bank of Kigali"). Which should win is a
    # behaviour change, not a data fix: left as it is.
    "of": "a particle in NER spans, a word that ends a name in rule spans",
    "on": "a particle in NER spans, a word that ends a name in rule spans",
    "the": "a particle in NER spans, a word that ends a name in rule spans",
}


def _casefolded(kind: str) -> set[str]:
    return {w.casefold() for w in wordlists.keys(wordlists.words(kind))}


@pytest.mark.parametrize(("kind", "name"), FILES, ids=[_label(k, n) for k, n in FILES])
def test_every_list_file_loads_and_has_entries(kind: str, name: str | None) -> None:
    entries = wordlists.read(kind, name)
    assert entries
    assert all(isinstance(e, str) and e for e in entries)


@pytest.mark.parametrize(("kind", "name"), FILES, ids=[_label(k, n) for k, n in FILES])
def test_no_list_file_repeats_an_entry(kind: str, name: str | None) -> None:
    entries = [e.casefold() for e in wordlists.read(kind, name)]
    repeated = sorted({e for e in entries if entries.count(e) > 1})
    assert repeated == []


@pytest.mark.parametrize(("kind", "name"), FILES, ids=[_label(k, n) for k, n in FILES])
def test_entries_have_no_stray_whitespace(kind: str, name: str | None) -> None:
    text = wordlists.source(kind, name).read_text(encoding="utf-8")
    stray = [
        line
        for line in text.splitlines()
        if line != line.strip() or "\t" in line or (line[:1] != "#" and "  " in line)
    ]
    assert stray == []
    assert text.endswith("\n")


def test_each_file_is_read_once_however_often_it_is_asked_for() -> None:
    first = {f: wordlists.read(*f) for f in FILES}
    again = {f: wordlists.read(*f) for f in FILES}
    assert all(again[f] is first[f] for f in FILES)
    assert wordlists.files_read() == len(FILES)


def test_every_kind_has_a_role_and_is_read_by_the_code() -> None:
    assert set(KINDS) == KEEP_LISTS | VOCABULARY | REDACTED | CUES | LANGUAGE_CHOICES
    code = "\n".join(p.read_text(encoding="utf-8") for p in DEID_SOURCES.rglob("*.py"))
    unread = [kind for kind in KINDS if f'"{kind}"' not in code and f"'{kind}'" not in code]
    assert unread == []


def test_no_word_is_both_kept_and_redacted() -> None:
    clashes = {}
    for redacted in REDACTED - TITLES:
        for kept in KEEP_LISTS | VOCABULARY:
            if redacted in HEADS and kept in VOCABULARY:
                continue
            both = _casefolded(redacted) & _casefolded(kept) - HOMOGRAPHS.keys()
            if both:
                clashes[f"{redacted} & {kept}"] = sorted(both)
    assert clashes == {}


def test_every_homograph_allowed_is_still_both() -> None:
    redacted = set().union(*(_casefolded(k) for k in REDACTED - TITLES))
    kept = set().union(*(_casefolded(k) for k in KEEP_LISTS | VOCABULARY))
    assert sorted(w for w in HOMOGRAPHS if not (w in redacted and w in kept)) == []


def test_settlement_kinds_outside_the_name_are_of_languages_with_such_kinds() -> None:
    with_kinds = {
        *wordlists.names("settlement_kinds_before"),
        *wordlists.names("settlement_kinds_before_small"),
    }
    assert set(wordlists.read("settlement_kinds_outside_the_name")) <= with_kinds


def test_the_languages_going_on_with_a_sentence_after_a_settlement_have_stop_words() -> None:
    import importlib

    for lang in wordlists.read("settlement_sentence_languages"):
        assert importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS
    # A language's words that open a name are read only with its stop words.
    assert set(wordlists.names("place_name_openers")) <= set(
        wordlists.read("settlement_sentence_languages")
    )


def test_titles_that_are_also_given_names_are_titles() -> None:
    assert set(lexicon.GIVEN_NAME_TITLES) <= set(lexicon.TITLES)


def test_titles_are_listed_without_their_dot() -> None:
    # A word of the text is looked up in lexicon.TITLE_WORDS without its dot ("Dr." as "dr");
    # a title shortened inside one word keeps its inner dots ("Sig.ra", "Dipl.-Ing").
    assert [t for t in lexicon.TITLES if t.endswith(".")] == []


@pytest.mark.parametrize("language", wordlists.names("months"))
def test_each_written_language_names_twelve_months(language: str) -> None:
    months = wordlists.read("months", language)
    assert len(months) == 12
    if language != "en":
        # The date shifter finds a month by its lower-case spelling.
        assert all(m == m.lower() for m in months)


def test_us_states_carry_their_postal_codes_and_other_regions_none() -> None:
    codes = list(lexicon.US_STATES.values())
    assert all(len(c) == 2 and c.isupper() for c in codes)
    assert len(set(codes)) == len(codes)
    assert not any(" = " in r for r in lexicon.OTHER_REGIONS)


def test_a_list_file_is_one_entry_a_line_and_comments_are_whole_lines() -> None:
    text = "# Ghana: regions.\n\nAshanti\nGreater Accra\n# Northern, from 2019:\nSavannah\n"
    assert wordlists.parse(text) == ("Ashanti", "Greater Accra", "Savannah")


def test_the_shared_vocabularies_are_built_from_the_files() -> None:
    assert {"victoria", "gauteng", "new mexico", "nm", "perú"} <= lexicon.NON_IDENTIFYING_PLACES
    assert lexicon.MONTHS_BY_LANGUAGE["es"][4] == "mayo"
    assert "hodgkin" in lexicon.EPONYMS
    assert "PESEL" in lexicon.ID_LABELS
