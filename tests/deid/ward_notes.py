"""The ward notes the ward's specification tests write a line into: the first lines of an
ICU nursing note in capitals, in small letters and in mixed case, the three ways a ward
writes, with the test's own line last.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

from echo_cases.deid.candidates import is_ward_note

CAPITALS = (
    "SICU NPN 0700-1900\n"
    "NEURO: FENTANYL 50 MCG/HR, RASS 0, CAM-ICU NEG, PERRL 2 MM, MAE.\n"
    "CV: SR 80S, MAP 70-78, NO PRESSORS. K 3.9, MG 2.0 REPLETED.\n"
    "RESP: CPAP 5/5, FIO2 35%, SATS 97%, SX Q3H FOR THICK YELLOW SECRETIONS.\n"
    "GI: NGT TO LIWS, TF HELD, ABD DISTENDED, +BS. GU: FOLEY UO 40-70 CC/HR.\n"
    "{line}\n"
)
SMALL = (
    "micu npn 1900-0700\n"
    "neuro: propofol 25 mcg/kg/min, rass -2, cam-icu pos, perrl 3 mm.\n"
    "cv: st 100-110, map 62-68 on levo 0.08, k 3.5, mg 1.9 repleted.\n"
    "resp: prvc 420 x 18, peep 10, fio2 50%, sats 93%, sx q2h thick tan.\n"
    "gi: ogt to lis, tf at 40/hr, abd soft. gu: foley uo 25-40 cc/hr.\n"
    "{line}\n"
)
MIXED = (
    "CCU nursing note 0700-1900\n"
    "Neuro: A&Ox3, MAE, follows commands, pain 2/10 chest wall.\n"
    "CV: NSR 70s, MAP 68-80, heparin gtt at 900 u/hr, PTT 62.\n"
    "Resp: 3L NC, sats 94-96%, LS diminished bases, IS 1000.\n"
    "GI/GU: tol cardiac diet, voiding via urinal 300-400 ml q4h.\n"
    "{line}\n"
)


def note(template: str, line: str) -> str:
    """``line`` written last in the ward note ``template``, which the de-identifier must read
    as a ward's (a test of the ward's rules says nothing of a text it does not)."""
    text = template.format(line=line)
    assert is_ward_note(text)
    return text
