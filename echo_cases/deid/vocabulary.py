"""Ordinary vocabulary: capitalised words that are not names (so need no NER look).

Stop words, clinical section words, titles, kinship terms, months, whole
region names, clinical acronyms, eponyms and drug brands.
"""

from __future__ import annotations

import regex
from spacy.lang.en.stop_words import STOP_WORDS

from echo_cases.deid import lexicon
from echo_cases.deid.lexicon import NAME_STOP
from echo_cases.deid.shorthand import WARD_WORDS

_LANGUAGES_AND_PEOPLES = (
    "english spanish french portuguese arabic swahili kiswahili hindi urdu bengali yoruba "
    "igbo hausa amharic somali zulu xhosa shona luganda kikuyu luo tagalog filipino chinese "
    "mandarin cantonese vietnamese korean japanese russian german italian haitian creole "
    "navajo quechua aymara guarani african american asian european hispanic latino latina "
    "latinx caucasian white black indigenous native christian muslim hindu buddhist jewish "
    "catholic protestant"
)
# Common words that open clinical sentences or head sections.
CLINICAL_WORDS = (
    "case presentation cancer echo summary question panel labs lab history family current "
    "symptoms staging pathology biopsy accession portal plan contact insurance medications "
    "medication allergies assessment impression diagnosis diagnosed imaging ct mri pet scan "
    "ultrasound x-ray xray exam examination physical vitals review systems social surgical "
    "past medical hpi chief complaint presenting clinician referred referral patient she he "
    "they her his their no denies reports report reported started starting treated treatment "
    "received receiving completed underwent status post follow-up followup follow previously "
    "recently currently today yesterday tomorrow seen discussed discussion recommendations "
    "recommendation recommend recommended consider considering should would could will can "
    "what which how when where why who is are was were do does did has have had given given "
    "based per according overall however also additionally furthermore notably otherwise "
    "unfortunately fortunately initially subsequently afterwards then after before during "
    "since until while although because therefore thus hence regimen chemotherapy radiation "
    "radiotherapy surgery resection mastectomy lumpectomy colonoscopy colposcopy endoscopy "
    "bronchoscopy hemoglobin creatinine platelets glucose sodium potassium albumin bilirubin "
    "blood urine stool culture sensitivity result results negative positive normal abnormal "
    "stable progressive progression response remission relapse recurrence metastatic "
    "metastasis metastases tumor tumour mass lesion node nodes left right bilateral "
    "anterior posterior upper lower stage grade type score performance ecog karnofsky "
    "question questions for the panel please advise thank thanks dear regards sincerely "
    "male female man woman boy girl child infant adult elderly gentleman lady pregnant "
    "hospital clinic center centre medical health community regional county referral "
    "mission general district teaching university memorial national street road avenue "
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday morning evening night week "
    "month year years day days weeks months hours minutes ago old yo years-old year-old "
    "ward unit icu department service team oncology hematology haematology surgery "
    "gynecology gynaecology obstetrics pediatrics paediatrics radiology cardiology "
    "nephrology neurology psychiatry dermatology urology orthopedics palliative hospice "
    "primary care emergency outpatient inpatient admission discharge admitted discharged "
    "smear procedure syndrome disease disorder lymphoma carcinoma sarcoma leukemia "
    "leukaemia myeloma melanoma adenocarcinoma cell squamous small large non invasive "
    "hiv aids tb hepatitis diabetes hypertension asthma copd ckd chf cad mi stroke "
    "pain nausea vomiting fever cough fatigue weight loss bleeding dyspnea dysphagia "
    "medicaid medicare ssn mrn dob id phone email tel fax mobile address board tumor-board "
    "rounds grand team committee conference meeting group service hub panel multidisciplinary "
    "comprehensive breast diabetes maternity antenatal dental eye mental women's children's "
    "plt cr na cl bun alt ast alp ggt ldh tsh inr ptt wbc hgb hct mcv esr crp bili alk phos "
    "egfr hba1c mg po4 vit vitamin folic acid iron calcium magnesium zinc senna aspirin "
    "insulin heparin warfarin morphine oxycodone codeine tramadol fentanyl methadone "
    "buprenorphine naloxone paracetamol acetaminophen ibuprofen prednisone dexamethasone "
    "grade stage neuropathy adjuvant neoadjuvant guidelines guideline clinical trial "
    "protocol consent education counseling counselling screening vaccination vaccine "
    "brain chest abdomen pelvis liver lung lungs kidney kidneys bone bones heart colon rectum "
    "cervix uterus ovary ovaries prostate bladder skin thyroid pancreas stomach esophagus "
    "contrast scan echo ef imaging mammogram mammography colonoscopy biopsy cytology "
    "add start stop continue hold increase decrease reduce switch change consider refer "
    "order check repeat monitor titrate taper resume discontinue give take use avoid "
    "schedule arrange obtain request send review discuss encourage advise counsel "
    "chronic acute subacute mild moderate severe prior recent new old known suspected "
    "possible probable benign malignant primary secondary recurrent persistent worsening "
    "improving resolved partial complete total bilateral unilateral diffuse focal local "
    "regional distant advanced early late initial final baseline interval routine urgent "
    "emergency elective outpatient inpatient oral intravenous subcutaneous topical daily "
    "weekly monthly nightly twice tolerating tolerated speaks walks denies endorses notes "
    "vaccinate vaccinated gabapentin pregabalin levothyroxine amlodipine hydrochlorothiazide "
    "kidney renal hepatic cardiac pulmonary gastric colonic rectal cervical ovarian uterine "
    "endometrial prostatic testicular thyroid adrenal pituitary cerebral spinal lymph "
    "node nodal skeletal cutaneous mucosal oral nasal pharyngeal laryngeal esophageal "
    "gastrointestinal genitourinary musculoskeletal neurological psychiatric metabolic "
    "obesity anemia anaemia depression anxiety dementia delirium sepsis pneumonia "
    "tuberculosis malaria cholera typhoid measles covid-19 influenza herpes syphilis "
    "behavioral behavioural hepatology gastroenterology infectious diseases addiction "
    "pharmacy pharmacist pharmacology social worker nutrition nutritionist dietitian "
    "physiotherapy physical therapy occupational rehabilitation psychology psychologist "
    "psychiatrist oncologist hematologist haematologist surgeon physician nurse midwife "
    "presenter presenters presenting notes note panelist panelists faculty facilitator "
    "hub spoke didactic case cases recommendations endocrinology rheumatology pulmonology "
    "otolaryngology ophthalmology obstetrician gynecologist pediatrician paediatrician "
    "interventional diagnostic therapeutic palliative supportive survivorship genetics "
    "genetic counselor counsellor navigator coordinator community health worker chw "
    "fibroscan genexpert xpert dermoscopy elastography spirometry audiometry "
    "co-infection coinfection comorbidity comorbidities"
)
# Words that are never names or places on their own (safe to reject a span made of them).
COMMON_WORDS = frozenset(
    {w.lower() for w in STOP_WORDS}
    | set(CLINICAL_WORDS.split())
    | set(NAME_STOP)
    | {m.lower() for m in (*lexicon.MONTHS_FULL, *lexicon.MONTHS_ABBR)}
    | set(lexicon.NON_IDENTIFYING_PLACES)
    | set(_LANGUAGES_AND_PEOPLES.split())
    | set(lexicon.DRUG_BRANDS)
    | set(lexicon.DEMONYMS)
    | set(lexicon.APPS)
    | set(lexicon.FOREIGN_LABEL_WORDS)
    | WARD_WORDS
)
# Plus words that are also surnames or given names (eponyms, titles, kinship): ordinary
# enough that a sentence made of them needs no NER look, but not proof of "no name".
KNOWN_WORDS = frozenset(
    COMMON_WORDS
    | {t.lower() for t in lexicon.TITLES}
    | {r.lower() for r in lexicon.RELATIVES}
    | set(lexicon.EPONYMS)
)


# International nonproprietary name stems: a capitalised "Atorvastatin" is a drug, not a name.
_DRUG_STEM = regex.compile(
    r"(?i)(?:mab|tinib|ciclib|parib|rafenib|zomib|lisib|platin|taxel|rubicin|trexed|citabine"
    r"|pril|sartan|statin|olol|dipine|formin|gliptin|gliflozin|glutide|prazole|setron|oxacin"
    r"|cycline|mycin|micin|cillin|cef\w+|navir|tegravir|buvir|ciclovir|parin|xaban|gatran"
    r"|azepam|zolam|triptan|afil|dronate|caine|olone|terol|tropium|profen|coxib|lukast|tidine"
    r"|semide|thiazide|nidazole|conazole|fungin|mectin|zosin|lutamide|tecan|mustine|limus"
    r"|osporine)$"
)


_PLURAL_ACRONYM = regex.compile(r"\p{Lu}{2,}s")  # "LFTs", "MRIs", "CTs"


def _lookup(word: str, vocabulary: frozenset[str]) -> bool:
    low = word.lower().strip(".,;:()")
    if word.isupper() and (low in lexicon.CLINICAL_ACRONYMS or low in lexicon.SERVICE_ACRONYMS):
        return True
    if _PLURAL_ACRONYM.fullmatch(word.strip(".,;:()")):
        return True
    if len(low) > 6 and _DRUG_STEM.search(low):
        return True
    return low in vocabulary or low.removesuffix("'s").removesuffix("\u2019s") in vocabulary


def is_known_word(word: str) -> bool:
    """Ordinary vocabulary, eponyms and titles included: no reason to run NER for it."""
    return _lookup(word, KNOWN_WORDS)


def is_common_word(word: str) -> bool:
    """Vocabulary that is never a name or place by itself (eponyms and titles excluded)."""
    return _lookup(word, COMMON_WORDS)
