"""Classes of identifiers that leaked on text nobody here wrote, each closed by a general
mechanism rather than by a rule for one corpus's format.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.address_lines import address_lines
from echo_cases.deid.candidates import cued_names, family_name_first, guesses
from echo_cases.deid.foreign_script import foreign_script_runs
from echo_cases.deid.recognizers.dates import EchoDateRecognizer
from echo_cases.deid.recognizers.locations import address_spans, caseless_facilities
from tests.deid.helpers import touched_tokens, uncovered_tokens


def runs(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], kind) for s, e, kind in foreign_script_runs(text)]


def cued(text: str) -> list[str]:
    return [text[s:e] for s, e in cued_names(text, [])]


# --- A word in another script than the note's own ------------------------------------


def test_a_name_written_in_its_own_script_inside_an_english_note_is_proposed() -> None:
    text = "Referral for Mrs ગીતા પંડ્યા, 61, breast cancer, started tamoxifen last week."
    assert runs(text) == [("ગીતા પંડ્યા", "PERSON")]


def test_a_place_in_another_script_after_a_place_word_is_proposed_as_a_place() -> None:
    text = "She lives at ठमेल चोक, काठमाडौं and has no transport to the clinic."
    assert runs(text) == [("ठमेल चोक", "CITY"), ("काठमाडौं", "CITY")]


def test_a_word_with_digits_inside_is_one_word_to_redact() -> None:
    text = "Address on file: 光明路88號, referred from the district hospital."
    assert [w for w, _ in runs(text)] == ["光明路88號"]


def test_greek_letters_of_clinical_shorthand_are_not_words_of_another_script() -> None:
    text = "TNF-\u03b1 inhibitor stopped; \u03b2-blocker 25 mg; vitamin B12 500 \u03bcg monthly."
    assert runs(text) == []


def test_mis_decoded_punctuation_is_not_a_word() -> None:
    assert runs("the scan was moved again ג€“ nobody told us why, so we waited") == []


def test_a_note_written_in_another_script_is_left_to_the_rules_and_the_model() -> None:
    assert runs("Пациентка получает тамоксифен, жалоб нет, контроль через месяц.") == []


# --- A name announced by a cue, even when its words are ordinary ones -----------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Please call Meadow on the ward phone to book the scan.", "Meadow"),
        ("hey Liberty - can you move the biopsy to friday?", "Liberty"),
        ("WIFE DORIS IN TO VISIT, UPDATED ON PLAN.", "DORIS"),
        ("told her to go to the ER. her mom rose is driving her.", "rose"),
        ("her cousin wanjiku said she might be at the market", "wanjiku"),
        ("NEXT REVIEW THU. - SR. AGNES", "AGNES"),
        ("night report\nBed 12: Precious, febrile 38.2 at 02:00", "Precious"),
        ("ward round mon\nbed 3 - mr kalinda 70s, stable", "kalinda"),
    ],
)
def test_a_name_after_a_title_kinship_word_greeting_or_verb_is_proposed(
    text: str, name: str
) -> None:
    assert cued(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "hi team, please call the ward and discuss hope and fears with the family.",
        "Discussed with Radiology. Thanks all. Her husband came in the evening.",
        "called the nurse line at 11pm, she is bleeding through the pad",
        "adénocarcinome du col utérin stade IIB",
        "need to discuss BI-RADS 5 lesion first",
        "Night report\nBed 4: febrile overnight, cultures sent",
        "Room 3: cleaned and ready",
    ],
)
def test_words_after_a_cue_that_cannot_be_a_name_are_not_proposed(text: str) -> None:
    assert cued(text) == []


def test_after_a_verb_an_ordinary_small_word_is_no_name() -> None:
    # "rose" is a name somewhere, but after a verb (not a title, kin or greeting) a
    # small-letter ordinary word is read as a word.
    assert cued("she told rose petals calm her") == []


# --- Eponyms in small letters and capitals survive ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ct showed ascites and a sister mary joseph nodule, ecog 1",
        "FOR REVIEW OF SISTER MARY JOSEPH NODULE. PLAN PET-CT.",
        "Umbilical Sister Mary Joseph nodule on examination.",
    ],
)
def test_an_eponym_with_a_title_in_it_is_kept_in_any_case(deid: Deidentifier, text: str) -> None:
    findings = deid.analyze(text)
    needle = next(
        p for p in ("sister mary joseph", "SISTER MARY JOSEPH", "Sister Mary Joseph") if p in text
    )
    assert touched_tokens(text, findings, needle) == []


def test_a_cued_name_is_redacted_in_the_analysis(deid: Deidentifier) -> None:
    text = "Pain controlled on morphine. Please call River on the ward phone to book."
    assert uncovered_tokens(text, deid.analyze(text), "River") == []


# --- "FAMILY, Given" heading a record's fields ------------------------------------------


def header(text: str) -> list[str]:
    return [text[s:e] for s, e in family_name_first(text, [])]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Obs chart ODHIAMBO, KERUBO | Ward 4 | 12 Mar 2021", "ODHIAMBO, KERUBO"),
        ("Haque, Nusrat   14.02.1977   Khulna Medical College", "Haque, Nusrat"),
        ("fwd: results LEHTONEN, AINO E-5521903 ferritin 12", "LEHTONEN, AINO"),
        ("discharge summary\nmensah, akosua | 3 oct 1950 | gh/778/2231", "mensah, akosua"),
        ("Obs chart POP, IOANA | NICU | 2 May 2019", "POP, IOANA"),
    ],
)
def test_a_family_name_first_before_a_records_fields_is_proposed(text: str, name: str) -> None:
    assert header(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Paciente: Ana Lima, 66 anos, prontuário 6283078-2",
        "cáncer de cuello uterino, anti-HCV 512",
        "Lodge Grass, SD 74464",
        "Lake Mead, Nevada 89005",
        "Ms Nagy, 38, Debrecen, TAJ 123 456 789",
        "bed 5 - ms chanda 33F, GTN post molar preg, bhcg 14,200",
        "Signed: Chanda Zulu, PharmD",
    ],
)
def test_words_of_a_note_before_a_number_are_no_header_name(text: str) -> None:
    assert header(text) == []


# --- The lines under a street address -------------------------------------------------


def under(text: str, street: str) -> list[str]:
    start = text.index(street)
    return [text[s:e] for s, e in address_lines(text, [(start, start + len(street))])]


def test_the_town_and_postcode_under_a_street_are_part_of_the_address() -> None:
    text = "Address on file:\n17 Rua das Flores\nTorreira\n3870-321\nDiagnosis: CA cervix"
    assert under(text, "17 Rua das Flores") == ["Torreira", "3870-321"]


def test_a_states_code_beside_a_town_and_postcode_is_kept() -> None:
    text = "1420 Elm Street\nGolden, CO 80401\nPhone: 303 555 0100"
    assert under(text, "1420 Elm Street") == ["Golden", "80401"]


def test_a_country_or_region_under_an_address_is_kept_but_not_its_postcode() -> None:
    text = "Flat 12, Mbale Close\nNjombe\nIringa Region\nTanzania 54012\n\nDear Dr Mushi,"
    assert under(text, "Flat 12, Mbale Close") == ["Njombe", "54012"]


@pytest.mark.parametrize(
    "after",
    [
        "Surgery\nInternal Medicine",  # headings of a letter
        "Yours sincerely,\nDr Okello",  # the letter goes on
        "Plan: CT chest",  # a label
        "she came by bus from the village",  # a sentence
        "",
    ],
)
def test_an_address_ends_at_a_line_that_cannot_be_part_of_one(after: str) -> None:
    text = f"Lives at 12 Kiwanja Road\n{after}"
    assert under(text, "12 Kiwanja Road") == []


def test_a_street_inside_a_sentence_takes_no_line_under_it() -> None:
    text = "Lives at 12 Kiwanja Road with her sister.\nNjombe"
    assert under(text, "12 Kiwanja Road") == []


def test_the_lines_of_an_address_are_redacted_in_the_analysis(deid: Deidentifier) -> None:
    text = "Please send the letter to:\nFlat 948, Fairhope Rd\nBliss\nOrange\n52467\nMalawi"
    findings = deid.analyze(text)
    assert uncovered_tokens(text, findings, "Bliss\nOrange\n52467") == []
    assert touched_tokens(text, findings, "Malawi") == []


# --- Dates with month words of other languages, in any case --------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Seen at the district hospital in dic 2018 for a breast lump.", "dic 2018"),
        ("Quimioterapia desde junho de 2024, com boa resposta.", "junho de 2024"),
        ("Last mammogram feb 2023, normal.", "feb 2023"),
        ("Biopsy done tháng 6 năm 2022 at the provincial hospital.", "tháng 6 năm 2022"),
        ("LAST ADMISSION THÁNG MƯỜI 2019 FOR FEBRILE NEUTROPENIA.", "THÁNG MƯỜI 2019"),
        ("Bệnh nhân tái khám ngày 14 tháng 2, ổn định.", "ngày 14 tháng 2"),
        ("Entrée le 3 févr. 2021, sortie le 9 févr. 2021.", "3 févr. 2021"),
        ("[14.03. 09:41] Nurse Ama: the patient has arrived", "14.03."),
        ("chat export:\n02.04., 13:05 - Ana: scan moved", "02.04."),
    ],
)
def test_a_date_in_another_language_or_case_is_found(
    deid: Deidentifier, text: str, date: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), date) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Diagnosed 3 years ago 2019 records lost.", "ago"),
        ("Pain 3 de 10 today.", "3 de 10"),
        ("Hb 12.5. 14:00 dose given.", "12.5"),
        ("Temp 37.5. 14:00 paracetamol given.", "37.5"),
    ],
)
def test_words_and_numbers_that_only_look_like_those_dates_are_kept(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


# --- A capitalised given name mid-sentence, though the word is frequent --------------


def guessed(text: str) -> list[str]:
    return [text[s:e] for s, e in guesses(text, [])]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("I would like to remove my kid Tobias from the account.", "Tobias"),
        ("Why is Natasha so tired after each cycle?", "Natasha"),
        ("The letter was given to Rebecca at the front desk.", "Rebecca"),
    ],
)
def test_a_known_given_name_capitalised_mid_sentence_is_guessed(text: str, name: str) -> None:
    assert guessed(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Admitted in May from West Bengal, she speaks English and Hindi.",
        "she was seen by the registrar in june and will come back",
    ],
)
def test_months_places_and_languages_are_not_given_names(text: str) -> None:
    assert guessed(text) == []


def test_a_scale_named_after_a_person_is_kept_with_its_score(deid: Deidentifier) -> None:
    text = "Falls risk reassessed on the ward: Morse 45, Braden 13. Plan reviewed."
    assert touched_tokens(text, deid.analyze(text), "Morse 45, Braden 13") == []


# --- Streets whose house number comes after them --------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Ship the kit to Lindenstraße 14, 04109 Leipzig.", "Lindenstraße 14"),
        ("New address: Vesterbrogade 112 st. th., Copenhagen", "Vesterbrogade 112"),
        ("Moved to Myllypurontie 9 B last spring.", "Myllypurontie 9"),
        ("Lives at SOFIANKATU 3A with his sister.", "SOFIANKATU 3A"),
        ("Her flat is on Petőfi Sándor u. 27. in Szeged.", "Petőfi Sándor u. 27."),
        ("Write to Kossuth tér 4 before the board.", "Kossuth tér 4"),
    ],
)
def test_a_street_with_its_number_after_it_is_an_address(
    deid: Deidentifier, text: str, address: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), address) == []


@pytest.mark.parametrize(
    "text",
    [
        "Reviewed on the way 2 weeks ago; BP stable.",
        "Planned: Phase 2 trial, dose level 3, cycle 4.",
        "Highway 12 was closed, so she missed the appointment.",
    ],
)
def test_ordinary_words_before_a_number_are_no_street(deid: Deidentifier, text: str) -> None:
    assert [text[f.start : f.end] for f in deid.analyze(text) if f.subtype == "ADDRESS"] == []


# --- Intersections and military post addresses ----------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "She sleeps at the corner of Marsh Lane and 5th Avenue most nights.",
            "the corner of Marsh Lane and 5th Avenue",
        ),
        (
            "Found at the intersection of Kariokor Road and Ring Road Ngara.",
            "the intersection of Kariokor Road and Ring Road Ngara",
        ),
    ],
)
def test_an_intersection_of_two_streets_is_an_address(
    deid: Deidentifier, text: str, address: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), address) == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Mail goes to PSC 4410, Box 221, APO AE 09012 while he is deployed.", "APO AE 09012"),
        ("Her husband is on USNS Comfort FPO AA 34090 until May.", "USNS Comfort FPO AA 34090"),
        ("forwarding: Unit 8834 Box 12 dpo ap 96521", "Unit 8834 Box 12 dpo ap 96521"),
    ],
)
def test_a_military_post_address_is_an_address(deid: Deidentifier, text: str, address: str) -> None:
    assert uncovered_tokens(text, deid.analyze(text), address) == []


# --- Initials and middle initials ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("A 71-year-old man (R.T.) from the river district, smoker.", "R.T."),
        ("a 34 yo woman (k.n.) with a breast lump", "k.n."),
        ("Escort today: husband M.A., who drives her.", "M.A."),
    ],
)
def test_initials_after_a_word_for_a_person_stand_for_that_person(
    deid: Deidentifier, text: str, initials: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), initials) == []


def test_a_time_of_day_written_like_initials_is_no_person(deid: Deidentifier) -> None:
    text = "Seen at 9 a.m. by the registrar; next dose at 8 P.M. tomorrow."
    assert touched_tokens(text, deid.analyze(text), "a.m.") == []


def test_a_middle_initial_without_its_stop_joins_the_name(deid: Deidentifier) -> None:
    text = "The leaflet was written by Orsolya K Wetherill for the support group."
    assert uncovered_tokens(text, deid.analyze(text), "Orsolya K Wetherill") == []


# --- A facility named in text without case ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("can we send her to mbarara regional referral hospital next week", "mbarara regional"),
        ("TRANSFERRED FROM NKHOTAKOTA DISTRICT HOSPITAL AT 0300", "NKHOTAKOTA DISTRICT"),
        ("bx done at kilifi county and referral hospital, results pending", "kilifi county"),
    ],
)
def test_a_facility_named_in_small_letters_or_capitals_is_found(
    deid: Deidentifier, text: str, facility: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), facility) == []


@pytest.mark.parametrize(
    "text",
    [
        "she went back to the district hospital yesterday for her dressing",
        "PT SEEN IN THE RURAL HEALTH CLINIC, VITALS STABLE, NO DISTRESS",
    ],
)
def test_a_kind_of_facility_without_a_place_names_none(text: str) -> None:
    assert caseless_facilities(text) == []


def test_a_person_before_of_is_not_part_of_the_facility(deid: Deidentifier) -> None:
    text = "presenter dr wanjiru kamau of othaya health centre, thank you"
    found = [text[f.start : f.end] for f in deid.analyze(text) if f.subtype == "FACILITY"]
    assert found == ["othaya health centre"]


# --- Dates and record numbers in the shapes of other writers --------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("core biopsy february 19, path pending", "february 19"),
        ("excision done 8 apr: margins clear", "8 apr"),
        ("Próxima consulta: Enero 12 a las 9", "Enero 12"),
        ("Hb 9.4 (14/03/24), platelets 88 (14/03/24)", "(14/03/24)"),
    ],
)
def test_a_date_written_without_the_expected_case_or_after_a_result_is_found(
    deid: Deidentifier, text: str, date: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), date) == []


@pytest.mark.parametrize(
    "text",
    [
        "she may 5 times a day feel dizzy",
        "the march 3 km to the clinic tires her",
        "hb dec 5 points since last week",
        "tamoxifen june 5 mg? no, 20 mg daily",
        "SIMV 12/10/10, FiO2 40%",
    ],
)
def test_words_that_are_months_only_with_a_capital_make_no_date(text: str) -> None:
    assert EchoDateRecognizer().analyze(text, ["DATE"], None) == []


def test_a_record_number_with_its_check_digit_is_an_identifier(deid: Deidentifier) -> None:
    text = "results for the patient (4410872-3): albumin 31"
    assert uncovered_tokens(text, deid.analyze(text), "4410872-3") == []


# --- Names after roles and kinship words of other writers -----------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Fluids running. Charge nurse: B. K.", "B. K"),
        ("TREATMENT SUPPORTER: R. OKWENDE (sister)", "R. OKWENDE"),
        ("NEWS 6 at 0200. Escalated to Priscah Wambui, no reply yet.", "Priscah Wambui"),
        ("Alternate contact: T. Mensah, same village", "T. Mensah"),
        ("Tratada con capecitabina. hija: lucinda quispe, cel. 987 654 321", "lucinda"),
        ("Sem queixas. filha Rosângela Tavares acompanha.", "Rosângela Tavares"),
    ],
)
def test_a_name_after_a_role_or_a_kinship_word_of_another_language_is_found(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("Discharged home with letrozole. r.e.", "r.e."),
        ("Plan agreed with family.\n- K. W.", "K. W."),
    ],
)
def test_initials_closing_a_note_are_its_writers(
    deid: Deidentifier, text: str, initials: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), initials) == []


@pytest.mark.parametrize("text", ["Continue amoxicillin b.i.d.", "Next dose due at 8 a.m."])
def test_shorthand_or_a_time_closing_a_note_is_no_writer(deid: Deidentifier, text: str) -> None:
    assert [f for f in deid.analyze(text) if f.entity_type.value == "PERSON"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Patience (daughter of Mr Banda) phoned the ward.", "Patience"),
        ("ODUYA (caregiver of the patient) signed the consent.", "ODUYA"),
    ],
)
def test_a_name_before_a_bracketed_tie_to_someone_is_a_person(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


def test_a_disease_before_a_mode_of_transmission_is_no_person(deid: Deidentifier) -> None:
    text = "Hepatitis B (mother to child transmission suspected), HBV DNA pending."
    assert touched_tokens(text, deid.analyze(text), "Hepatitis B") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Wanjiru and Otieno were the first to arrive.", "Wanjiru"),
        ("Oluwaseun shouted at the driver to stop.", "Oluwaseun"),
    ],
)
def test_a_sentences_first_word_before_another_name_or_a_persons_verb_is_guessed(
    text: str, name: str
) -> None:
    assert name in guessed(text)


def test_a_clinical_word_opening_a_sentence_before_and_is_not_guessed() -> None:
    assert guessed("Lymphadenopathy and Splenomegaly were absent on examination.") == []


# --- Post boxes and addresses after a label, in any case ------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Courrier: B.P. 4417, Bobo-Dioulasso", "B.P. 4417"),
        ("anwani yake ni s.l.p. 20931 moshi", "s.l.p. 20931"),
        ("CAIXA POSTAL 30412 NAMPULA", "CAIXA POSTAL 30412"),
        ("Escribir a Apartado 66120, Tegucigalpa", "Apartado 66120"),
    ],
)
def test_a_post_box_in_another_language_is_an_address(
    deid: Deidentifier, text: str, address: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), address) == []


@pytest.mark.parametrize("text", ["B.P. 120/80 at rest", "b.p. 135 systolic, repeat later"])
def test_a_blood_pressure_is_no_post_box(deid: Deidentifier, text: str) -> None:
    assert [f for f in deid.analyze(text) if f.subtype == "ADDRESS"] == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("she resides at mbale road, busia; came by boda", "mbale road, busia"),
        ("ENDEREÇO: 14 AVENIDA EDUARDO MONDLANE TELEFONE: 84 000 0000", "14 AVENIDA"),
        ("Address on file: Tran Quoc Toan, Cao Lanh", "Tran Quoc Toan, Cao Lanh"),
    ],
)
def test_an_address_after_its_cue_is_found_in_small_letters_or_after_a_label(
    deid: Deidentifier, text: str, address: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), address) == []


def test_an_address_ends_at_the_next_fields_label(deid: Deidentifier) -> None:
    text = "ENDEREÇO: 14 AVENIDA EDUARDO MONDLANE TELEFONE: 84 000 0000"
    assert touched_tokens(text, deid.analyze(text), "TELEFONE") == []


@pytest.mark.parametrize(
    "text",
    [
        "she lives at home with her daughter and walks to church",
        "he stays in the village near the river since the flood",
    ],
)
def test_ordinary_words_after_an_address_cue_in_small_letters_are_no_address(text: str) -> None:
    assert address_spans(text) == []


def test_a_postcode_after_a_country_a_little_under_a_street_is_found() -> None:
    text = "Ines Aalto\n\n14 Puistokatu 3\n Vaasa\n\n Finland 65100"
    street = text.index("14 Puistokatu 3")
    codes = [text[s:e] for s, e in address_lines(text, [(street, street + 15)])]
    assert "65100" in codes


@pytest.mark.parametrize(
    "text",
    [
        "12 Church Street, Gulu. Uganda 2019 figures show 300 cases.",
        "12 Church Street, Gulu, Uganda 300 mg daily of ibuprofen",
    ],
)
def test_a_year_or_a_dose_after_a_country_is_no_postcode(text: str) -> None:
    street = text.index("12 Church Street")
    assert address_lines(text, [(street, street + 16)]) == []
