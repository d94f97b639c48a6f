"""Where the statistical NER must look: sentences with capitalised words nobody explained.

spaCy's NER is the slowest step by far. The rules run first; a sentence goes
to spaCy only if it still holds a capitalised word that no rule covered and
that is not ordinary vocabulary (a stop word, a month, a region, a clinical
term, a label). Skipping a sentence costs recall only if it hides an uncued
name among words we already know.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex
from spacy.lang.en.stop_words import STOP_WORDS

from echo_cases.deid import lexicon
from echo_cases.deid.recognizers.persons import NAME_STOP

# Common words that open clinical sentences or head sections.
_CLINICAL_WORDS = (
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
    "medicaid medicare ssn mrn dob id phone email tel fax mobile address"
)
_KNOWN = frozenset(
    {w.lower() for w in STOP_WORDS}
    | set(_CLINICAL_WORDS.split())
    | set(NAME_STOP)
    | {t.lower() for t in lexicon.TITLES}
    | {r.lower() for r in lexicon.RELATIVES}
    | {m.lower() for m in (*lexicon.MONTHS_FULL, *lexicon.MONTHS_ABBR)}
    | {w.lower() for p in lexicon.NON_IDENTIFYING_PLACES for w in p.split()}
    | set(lexicon.CLINICAL_ACRONYMS)
    | set(lexicon.EPONYMS)
    | set(lexicon.DRUG_BRANDS)
)
# A capitalised word with at least one lower-case letter ("Amina", "McKay"; not "HIV").
_CAP_WORD = regex.compile(
    r"(?<![\w'\u2019-])\p{Lu}[\p{L}\p{M}'\u2019-]*\p{Ll}[\p{L}\p{M}'\u2019-]*"
)
# Sentences: split at line breaks and at ". " before a capital.
_SENTENCE = regex.compile(r"[^\n]+?(?:(?<=[.!?])(?=[ \t]+\p{Lu})|(?=\n)|$)")
_MAX_SEGMENT = 1000


def ner_segments(text: str, covered: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of ``text`` worth running NER on, given the rules' covered spans."""
    segments: list[tuple[int, int]] = []
    spans = sorted(covered)
    for sent in _SENTENCE.finditer(text):
        a, b = sent.span()
        if b - a < 2:
            continue
        for word in _CAP_WORD.finditer(text, a, b):
            ws, we = word.span()
            if word.group().lower().rstrip("'\u2019s") in _KNOWN or word.group().lower() in _KNOWN:
                continue
            if any(s <= ws and we <= e for s, e in spans):
                continue
            segments.append((a, min(b, a + _MAX_SEGMENT)))
            break
    return segments
