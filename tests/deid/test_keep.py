"""What clinicians need survives de-identification (examples written for these tests)."""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier

from .helpers import touched_tokens

# (text, the clinical content inside it that must not be touched)
KEEP = {
    "disease eponyms": [
        ("Biopsy confirmed classical Hodgkin lymphoma, stage IIB.", "Hodgkin lymphoma"),
        ("Known Crohn disease since her teens.", "Crohn disease"),
        ("A child with Down syndrome and leukemia.", "Down syndrome"),
        ("Paget disease of the nipple was suspected.", "Paget disease"),
        ("Wilms tumor treated in childhood.", "Wilms tumor"),
        ("History of Guillain-Barre syndrome in 2015.", "Guillain-Barre syndrome"),
        ("Hashimoto thyroiditis on levothyroxine.", "Hashimoto thyroiditis"),
        ("Family history of Lynch syndrome.", "Lynch syndrome"),
        ("Kaposi sarcoma lesions on both legs.", "Kaposi sarcoma"),
        ("Burkitt lymphoma in her brother.", "Burkitt lymphoma"),
    ],
    "eponyms and staging in other word orders and languages": [
        ("Biopsia: linfoma de Burkitt, estadio IV.", "linfoma de Burkitt"),
        ("Ovario con tumor de Krukenberg bilateral.", "tumor de Krukenberg"),
        ("Histórico de doença de Hodgkin tratada.", "doença de Hodgkin"),
        ("Suspicion de lymphome de Burkitt chez l'enfant.", "lymphome de Burkitt"),
        ("Z.n. Morbus Hodgkin 2010.", "Morbus Hodgkin"),
        ("Ann Arbor stage IIB, Deauville 4 after two cycles.", "Ann Arbor stage IIB, Deauville 4"),
        ("Philadelphia chromosome positive ALL.", "Philadelphia chromosome"),
    ],
    "record labels written like initials": [
        ("Patient D.O.B. 12/03/1970, L.M.P. unknown.", "Patient D.O.B."),
        ("Pt D.O.B 4/5/61 reviewed.", "Pt D.O.B"),
    ],
    "drugs and brands": [
        ("Started Keytruda every 3 weeks.", "Keytruda"),
        ("On tamoxifen and zoledronic acid.", "tamoxifen and zoledronic acid"),
        ("Switched from Herceptin to Kadcyla.", "Herceptin to Kadcyla"),
        ("Takes Tylenol and morphine SR for pain.", "Tylenol and morphine SR"),
    ],
    "procedures": [
        ("Pap smear was normal in 2019.", "Pap smear"),
        ("She underwent a Whipple procedure.", "Whipple procedure"),
        ("Foley catheter placement without complications.", "Foley catheter"),
        ("A Nissen fundoplication was done.", "Nissen fundoplication"),
    ],
    "staging and scores": [
        ("Staging CT shows T2N1M0 disease; ECOG 1.", "T2N1M0 disease; ECOG 1"),
        ("Gleason 7 (3+4) adenocarcinoma.", "Gleason 7 (3+4)"),
        ("FIGO stage IIIC1 cervical cancer.", "FIGO stage IIIC1"),
    ],
    "lab values": [
        (
            "Labs: Hb 13.5 g/dL, creatinine 1.4 mg/dL, PSA 12.3 ng/mL.",
            "Hb 13.5 g/dL, creatinine 1.4 mg/dL, PSA 12.3 ng/mL",
        ),
        (
            "CD4 count 350 cells/uL, viral load 120000 copies/mL.",
            "CD4 count 350 cells/uL, viral load 120000 copies/mL",
        ),
        ("Platelets 250 x10^9/L, INR 1.1.", "Platelets 250 x10^9/L, INR 1.1"),
    ],
    "ICD codes": [
        ("ICD-10 C50.9 and C79.51 recorded.", "ICD-10 C50.9 and C79.51"),
        ("Coded as Z85.3.", "Z85.3"),
    ],
    "guideline bodies": [
        ("Pathology reviewed per NCCN and WHO criteria.", "NCCN and WHO"),
        ("Managed per ASCO and ESMO guidance.", "ASCO and ESMO"),
    ],
    "years alone": [
        ("Diagnosed in 2006, recurred in 2019.", "2006, recurred in 2019"),
        ("Mastectomy (2012) without complications.", "2012"),
    ],
    "ages up to 89": [
        ("A 67-year-old woman with anemia.", "67-year-old"),
        ("89 yo M with COPD.", "89 yo"),
        ("Her sister, aged 54, is well.", "54"),
    ],
    "durations": [
        (
            "Symptoms began about 7 weeks ago and worsened over 4 days.",
            "7 weeks ago and worsened over 4 days",
        ),
        ("Six cycles over 18 weeks.", "Six cycles over 18 weeks"),
    ],
    "capitalised clinical prose": [
        (
            "Continue Lisinopril, Metformin and Atorvastatin. Add Pembrolizumab (Keytruda).",
            "Lisinopril, Metformin and Atorvastatin. Add Pembrolizumab (Keytruda)",
        ),
        ("Discussed with Tumor Board at Grand Rounds on Tuesday.", "Tumor Board at Grand Rounds"),
        ("Follow up in Oncology Clinic in 3 weeks.", "Oncology Clinic"),
        ("History: Barrett Esophagus, Hashimoto Thyroiditis.", "Barrett Esophagus, Hashimoto"),
        ("Labs: Plt 180, Cr 1.1, Hgb 11.2, Alk Phos 110.", "Plt 180, Cr 1.1, Hgb 11.2, Alk Phos"),
        (
            "Ondansetron 8 mg PRN, Senna, Vitamin D, Folic Acid.",
            "Ondansetron 8 mg PRN, Senna, Vitamin D",
        ),
        ("Speaks Spanish and English; interpreter needed.", "Spanish and English"),
        ("HIV and Hepatitis C Co-infection", "HIV and Hepatitis C Co-infection"),
        ("Staging with PET, CT and MRI.", "PET, CT and MRI"),
        ("Monitor LFTs monthly. Refer to Behavioral Health.", "LFTs monthly. Refer to Behavioral"),
        (
            "Consider Hepatology referral if FibroScan > 12.5 kPa.",
            "Hepatology referral if FibroScan",
        ),
    ],
    "ward and ICU notes in capitals": [
        (
            "PT REMAINS ON BIPAP, PEEP 6. URINE 15ML/HR - OLIGURIC. NO ECTOPY.",
            "REMAINS ON BIPAP, PEEP 6. URINE 15ML/HR",
        ),
        ("LISINOPRIL 10 MG BID. PALLIATIVE INFO GIVEN, PT NOT READY TO DISCUSS.", "MG BID"),
        ("PT NOT READY TO DISCUSS HOSPICE TODAY.", "NOT READY"),
        ("NOTED WEIGHT GAIN, LUNGS CLEAR, DRAIN PATENT.", "WEIGHT GAIN, LUNGS CLEAR, DRAIN"),
    ],
    "measurements, times and bedside scales": [
        ("Her PSA has risen from 3.4 to 11.2 ng/mL since spring.", "3.4 to 11.2 ng/mL"),
        ("DRAIN 25-60 CC/HR SEROUS. MORPHINE 5MG 4HRLY.", "25-60 CC/HR"),
        ("Reassess in 4-6 weeks; anastrozole for 5-10 years.", "4-6 weeks; anastrozole for 5-10"),
        ("REVIEWED BY NIGHT DOCTOR AT 0315. SEEN AGAIN @ 0745.", "0315. SEEN AGAIN @ 0745"),
        ("SKIN INTACT, BRADEN 14, WATERLOW 16. RASS -1.", "BRADEN 14, WATERLOW 16"),
        ("ER 90% (Allred 7), grupo ISUP 4, Gleason 4+3.", "Allred 7), grupo ISUP 4"),
    ],
    "ICU nursing notes in small letters": [
        ("son called at 0300 asking for update, referred to day team.", "0300"),
        ("peg w/ tf jevity 1.5 @ 55 goal, residuals <50. bm x1 soft.", "jevity 1.5 @ 55"),
        ("pt is a 72yo w/ sah, hh grade 3, evd open at 10cmh2o.", "grade 3, evd open at 10cmh2o"),
        ("filter changed at 0400 after clotting, citrate running.", "0400"),
        ("gcs 10t (e3vtm6), pupils 3mm brisk, equal.", "e3vtm6"),
        ("heparin per protocol, insulin 6 U/h. MAP goal 65-75. Sats goal 92-96.", "65-75"),
        ("Tx: Taxotere C1D19\nLabs 3/7: Hb 12.1", "C1D19"),
        ("CCU NPN 1900-0700\nEvents: hypotensive to 70s at 2300.", "1900-0700"),
        ("Nursing note 0700-1500\nPt cont on CVVHDF.", "0700-1500"),
    ],
    "TNM stages in any case and with any prefix": [
        ("Cervix biopsy: SCC, FIGO IIB (T2bN0M0), for chemoradiation.", "T2bN0M0"),
        ("After neoadjuvant therapy ypT0 N0, a complete response.", "ypT0 N0"),
        ("breast ca pt1c n1a m0 er+ her2 neg", "pt1c n1a m0"),
        ("RECTAL CA CT3N1M0 ON CRT", "CT3N1M0"),
    ],
    "salutations of letters": [
        ("Dear Colleague,\nThank you for seeing this patient.", "Dear Colleague"),
        ("Dear Sir/Madam,\nI refer a 40 year old woman.", "Dear Sir/Madam"),
        ("Dear Doctor,\nThis child has a swelling.", "Dear Doctor"),
        (
            "Sehr geehrte Frau Kollegin, sehr geehrter Herr Kollege,\nwir berichten über Frau X.",
            "Frau Kollegin",
        ),
    ],
    "chat in small letters": [
        # Rare words without case ("quitline", "crcl") are still guessed: recall first.
        ("quitline referral done, pfts ok, premenopausal so ovarian supression?", "pfts ok"),
        ("pt 3yrs on hormones, c/o hot flases, crcl 41", "c/o hot"),
        ("45 yo with figo stage iib, estadio iiia de ann arbor", "stage iib, estadio iiia"),
    ],
    "US states and countries alone": [
        ("Many patients in Arizona lack transport.", "Arizona"),
        ("The hub serves New Mexico and Colorado.", "New Mexico and Colorado"),
        ("She was born in Kenya and moved to the United States.", "Kenya"),
        ("Cervical screening guidelines in India differ.", "India"),
        ("A 40 yo woman from Machakos, Kenya.", "Kenya"),
    ],
}
CASES = [(kind, text, needle) for kind, rows in KEEP.items() for text, needle in rows]


@pytest.mark.parametrize(("kind", "text", "needle"), CASES, ids=[f"{k}: {n}" for k, _, n in CASES])
def test_keeps_clinical_content(deid: Deidentifier, kind: str, text: str, needle: str) -> None:
    findings = deid.analyze(text)
    assert touched_tokens(text, findings, needle) == [], (kind, findings)


def test_keeps_disease_eponyms_even_when_a_patient_shares_the_name(deid: Deidentifier) -> None:
    text = "Patient: Mary Hodgkin. She has Hodgkin lymphoma."
    findings = deid.analyze(text)
    assert touched_tokens(text, findings, "Hodgkin lymphoma") == []
    assert touched_tokens(text, findings, "Mary Hodgkin") == ["Mary", "Hodgkin"]


def test_a_house_number_after_at_is_not_a_time_and_a_name_before_an_age_stays(
    deid: Deidentifier,
) -> None:
    text = "HOSPICE NURSE WILL VISIT PT AT 2214 CRANBERRY HOLLOW RD, WELCH, WV 24801."
    assert "CRANBERRY" in touched_tokens(text, deid.analyze(text), "2214 CRANBERRY HOLLOW RD")


def test_a_bound_keeps_its_number_but_a_quoted_address_line_is_still_redacted(
    deid: Deidentifier,
) -> None:
    # "<50" inside a line is a bound; a ">" opening a line quotes an e-mail's address.
    text = ">Gyala Antall\n>3369 24 Clarke Avenue\n>Apt. 805\n>Pines Beach"
    assert touched_tokens(text, deid.analyze(text), "3369 24 Clarke") == ["3369", "24", "Clarke"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("wir berichten über Mister Ssemwogerere Godfrey, geb. 1950.", "Ssemwogerere Godfrey"),
        ("COMPTE RENDU\nNtate Mweemba Kalua, 40 ans, vu ce jour.", "Mweemba Kalua"),
    ],
)
def test_a_title_of_another_language_stays_and_the_name_after_it_goes(
    deid: Deidentifier, text: str, name: str
) -> None:
    title = text[: text.index(name)].split()[-1]
    findings = deid.analyze(text)
    assert touched_tokens(text, findings, f"{title} {name}") == name.split()


def test_a_field_label_after_a_signature_ends_the_name(deid: Deidentifier) -> None:
    text = "Signed: Dr. Yaa Lamptey   Stamp: Takoradi Mission Hospital"
    findings = deid.analyze(text)
    assert touched_tokens(text, findings, "Yaa Lamptey   Stamp") == ["Yaa", "Lamptey"]


def test_names_after_a_cue_in_capitals_are_still_redacted(deid: Deidentifier) -> None:
    # Ordinary words in capitals after "PT" are not names; names that are words are.
    text = "SOCIAL: WIFE WANJIRU UPDATED BY PHONE. PT NOT READY FOR HOSPICE."
    findings = deid.analyze(text)
    assert touched_tokens(text, findings, "WIFE WANJIRU") == ["WANJIRU"]
    assert touched_tokens(text, findings, "NOT READY FOR HOSPICE") == []


@pytest.mark.parametrize(
    ("value", "yields"),
    [
        ("WEIGHT GAIN", True),  # a word of the clinic
        ("PT NOT READY", True),
        ("some vivid dreams", True),  # a function word: no name is made of it
        ("LIBERTY CASH", False),  # ordinary words, and somebody's name
        ("cleverness castle", False),
        ("figueira da foz", False),  # a particle is part of a name, not a function word
    ],
)
def test_ordinary_words_without_case_yield_only_beside_the_clinic_or_a_function_word(
    value: str, yields: bool
) -> None:
    from echo_cases.deid.keep import is_protected_value

    assert is_protected_value(value) is yields


def test_a_name_beside_a_lab_value_stays_redacted(deid: Deidentifier) -> None:
    # A bare decimal is not kept: keeping it dropped the model's finding that reached it,
    # the given name with it.
    text = "fwd: results 木村, 充 WW612692 Hgb 12.6 (20/2/19)"
    found = touched_tokens(text, deid.analyze(text), "木村, 充 WW612692")
    assert found == ["木村", "充", "WW612692"]
