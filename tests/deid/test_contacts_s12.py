"""Contacts of every shape (session 12): e-mail addresses spelt with "at" and "dot" or in
brackets, phone numbers in words, toll-free numbers in letters, extensions by their word
in several languages, bare web addresses after a word that says so, social handles and
the user names of messaging apps; and what looks like one and is none: versions, doses,
"@" for "at", a typo with no space after a full stop, tumour extension.

Examples written for these tests: every name, number and address here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.recognizers.spelled_contacts import spoken_digits
from echo_cases.deid.types import EntityType
from tests.deid.helpers import touched_tokens, uncovered_tokens


def _contact_over(deid: Deidentifier, text: str, needle: str) -> bool:
    start = text.index(needle)
    end = start + len(needle)
    return any(
        f.entity_type is EntityType.CONTACT and f.start <= start and end <= f.end
        for f in deid.analyze(text)
    )


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "mail the slides to tomas dot brandt at posteo dot de",
            "tomas dot brandt at posteo dot de",
        ),
        ("Reply to k.ofori[at]knust[dot]edu[dot]gh only.", "k.ofori[at]knust[dot]edu[dot]gh"),
        (
            "contact: wanjiku_m (at) yahoo (dot) co (dot) uk",
            "wanjiku_m (at) yahoo (dot) co (dot) uk",
        ),
        ("EMAIL HER: ROSALIND AT NETCOURRIER DOT COM", "ROSALIND AT NETCOURRIER DOT COM"),
        ("Email me, lu.fernandes at gmail.com, thanks", "lu.fernandes at gmail.com"),
        (
            "escribir a dra.paz arroba hospital punto org punto ar",
            "dra.paz arroba hospital punto org punto ar",
        ),
        ("Send them to ivo.k {at} seznam.cz before Friday", "ivo.k {at} seznam.cz"),
    ],
)
def test_an_email_spelt_out_is_one_contact(deid: Deidentifier, text: str, address: str) -> None:
    assert _contact_over(deid, text, address)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Guidance is available at who.int and was reviewed.", "available at"),
        ("TB pt at home. DOT by CHW at 8 am daily", "at home. DOT by CHW at 8"),
        ("pt on DOT at the clinic, sputum at 2 months negative", "on DOT at the clinic"),
        ("met at the tumour board, plan at 6 weeks", "met at the tumour board"),
    ],
)
def test_at_and_dot_in_prose_are_no_address(deid: Deidentifier, text: str, kept: str) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        (
            "her mobile is oh seven seven three, four one two, nine nine eight",
            "oh seven seven three, four one two, nine nine eight",
        ),
        (
            "Call triple five, two oh one, eight six four two.",
            "triple five, two oh one, eight six four two",
        ),
        (
            "SON: NINE ONE SEVEN - FOUR FOUR TWO - ZERO SIX ONE EIGHT",
            "NINE ONE SEVEN - FOUR FOUR TWO - ZERO SIX ONE EIGHT",
        ),
        (
            "o número dela é nove oito sete seis cinco quatro três dois",
            "nove oito sete seis cinco quatro três dois",
        ),
    ],
)
def test_a_phone_number_in_words_is_one_contact(deid: Deidentifier, text: str, number: str) -> None:
    assert uncovered_tokens(text, deid.analyze(text), number) == []


@pytest.mark.parametrize(
    "text",
    [
        "one or two tabs, three times a day for five days",
        "cycle one of six, day two of twenty-one",
        "pain five out of ten, down from eight",
    ],
)
def test_a_few_numbers_in_words_are_no_phone(deid: Deidentifier, text: str) -> None:
    assert deid.analyze(text) == []


def test_double_and_triple_count_their_digit_again() -> None:
    assert spoken_digits("oh two oh, double four, triple nine") == 8


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Order flowers at 1-800-PETALS2 today", "1-800-PETALS2"),
        ("Hotline 1-877-KIDS-NOW, 24 hours", "1-877-KIDS-NOW"),
        ("call (888) SURVIVE for the helpline", "(888) SURVIVE"),
    ],
)
def test_a_toll_free_number_in_letters_is_a_phone(
    deid: Deidentifier, text: str, number: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), number) == []


def test_a_dose_after_a_toll_free_code_is_no_phone(deid: Deidentifier) -> None:
    text = "gave 1-800 mg paracetamol daily"
    assert touched_tokens(text, deid.analyze(text), "mg paracetamol daily") == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Secretaria (21) 2554-1300 ramal 418, manhã", "(21) 2554-1300 ramal 418"),
        ("Central (01) 411-7700 anexo 2203", "(01) 411-7700 anexo 2203"),
        ("Standard 01 45 17 50 00 poste 7734", "01 45 17 50 00 poste 7734"),
        ("ask the ward clerk (ext. 5529) for the forms", "5529"),
    ],
)
def test_an_extension_is_found_by_its_word(deid: Deidentifier, text: str, number: str) -> None:
    assert uncovered_tokens(text, deid.analyze(text), number) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("T2 tumour with extension 12 mm into the fat", "extension 12 mm"),
        ("knee extension 15 degrees short of full", "extension 15 degrees"),
    ],
)
def test_extension_of_a_tumour_or_a_joint_is_no_phone(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("Her website: mwangibakery.co.ke", "mwangibakery.co.ke"),
        ("see his blog tinkertailor.dev for the photos", "tinkertailor.dev"),
        ("w: harbourlight.org.nz", "harbourlight.org.nz"),
    ],
)
def test_a_bare_domain_after_a_web_word_is_a_contact(
    deid: Deidentifier, text: str, domain: str
) -> None:
    assert _contact_over(deid, text, domain)


@pytest.mark.parametrize(
    "text",
    [
        "afebrile, eating well.no rash seen today",
        "pt w nausea.no vomiting overnight",
        "injection site R.deltoid, no swelling",
    ],
)
def test_a_full_stop_without_its_space_is_no_web_address(deid: Deidentifier, text: str) -> None:
    assert not any(f.entity_type is EntityType.CONTACT for f in deid.analyze(text))


@pytest.mark.parametrize(
    "text",
    [
        "Updated to Chrome 120.0.6099.71 on the ward PC",
        "firmware 3.4.12.8 installed on the pump",
        "app version 10.22.14.90 crashed",
    ],
)
def test_a_version_is_no_phone(deid: Deidentifier, text: str) -> None:
    assert not any(f.entity_type is EntityType.CONTACT for f in deid.analyze(text))


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("message her at @mama_njeri_77 on Instagram", "@mama_njeri_77"),
        ("follow @TukTukNurse for the rota", "@TukTukNurse"),
        ("Telegram: @dmitri", "@dmitri"),
        ("toot at @kofi@mastodon.social", "@kofi@mastodon.social"),
        ("his page is @ravi.photos.blr", "@ravi.photos.blr"),
    ],
)
def test_a_social_handle_is_a_contact(deid: Deidentifier, text: str, handle: str) -> None:
    assert _contact_over(deid, text, handle)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("pt @home since Monday", "@home"),
        ("lasix 40 @10am and @6pm", "@10am and @6pm"),
        ("reviewed @clinic, plan unchanged", "@clinic"),
    ],
)
def test_at_sign_for_at_in_a_note_is_no_handle(deid: Deidentifier, text: str, kept: str) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


@pytest.mark.parametrize(
    ("text", "user"),
    [
        ("Skype: amina.bello.ng", "amina.bello.ng"),
        ("WeChat ID lihua_gz2020", "lihua_gz2020"),
        ("Discord tidepool#0911", "tidepool#0911"),
        ("LINE ID: nok.bkk", "nok.bkk"),
        ("QQ 5523819041", "5523819041"),
        ("Skype: mbeki", "mbeki"),
    ],
)
def test_a_messaging_user_name_is_a_contact(deid: Deidentifier, text: str, user: str) -> None:
    assert _contact_over(deid, text, user)


@pytest.mark.parametrize(
    "text",
    [
        "we spoke on Skype tomorrow about the scan",
        "the family will call on Telegram later",
        "PICC line id checked, flushes well",
    ],
)
def test_an_app_named_in_a_sentence_takes_no_word(deid: Deidentifier, text: str) -> None:
    assert not any(f.entity_type is EntityType.CONTACT for f in deid.analyze(text))
