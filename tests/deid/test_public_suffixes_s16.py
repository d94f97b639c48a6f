"""An e-mail domain's public suffix, answered from a tree recorded at set-up rather than by
importing tldextract on a run's first address (echo_cases/deid/public_suffixes.py).

The answer is tldextract's, to the address; a tree recorded from another list or another
tldextract is never read, and without the file tldextract answers as before."""

from __future__ import annotations

import marshal
from collections.abc import Iterator
from pathlib import Path

import pytest
import tldextract

from echo_cases.deid import Deidentifier, public_suffixes
from echo_cases.deid.public_suffixes import build_tree, has_public_suffix, read, suffix_in_tree

# Invented domains: multi-part suffixes, wildcard rules and their exceptions ("*.ck",
# "!www.ck"), any casing, non-ASCII labels, and near-misses with no public suffix.
DOMAINS = [
    "uonbi.ac.ke",
    "moi-teaching.or.ke",
    "kijabe.co.ke",
    "nhs.net",
    "royalfree.nhs.uk",
    "ucl.ac.uk",
    "Clinic.Co.UK",
    "RURAL-HEALTH.GO.TZ",
    "makerere.ac.ug",
    "health.gov.au",
    "hospital.com.br",
    "clinica.com.mx",
    "a.b.kawasaki.jp",
    "city.kawasaki.jp",
    "clinic.ck",
    "www.ck",
    "ward.www.ck",
    "krankenhaus-münchen.de",
    "hôpital.fr",
    "gmail.com",
    "outlook.COM",
    "lab.internal",
    "ward.local",
    "pharmacy.lan",
    "a.b.c",
    "home.notatld",
    "10.0.0.1",
    "clinic.123",
    "x_y.org",
]

# What tldextract would cut, strip or decode first: left to tldextract itself.
NOT_PLAIN = [
    "clinic.xn--p1ai",
    "Ward.XN--80AK6AA92E.com",
    "nurse@ward.org",
    "ward.org/path",
    "ward.org:8080",
    "ward.org.",
    " ward.org",
    "ward\u3002org",
    "[::1]",
    "",
]

_STOCK = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@pytest.fixture
def recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "public_suffixes.marshal"
    public_suffixes.write(path)
    monkeypatch.setattr(public_suffixes, "CACHE", path)
    public_suffixes._tree.cache_clear()
    yield path
    public_suffixes._tree.cache_clear()


def test_each_domain_gets_tldextracts_answer_from_the_recorded_tree(recorded: Path) -> None:
    tree = read(recorded)
    assert tree is not None
    for domain in DOMAINS:
        assert suffix_in_tree(tree, domain) == _STOCK(domain).suffix, domain
        assert has_public_suffix(domain) == bool(_STOCK(domain).suffix), domain


def test_multi_part_and_wildcard_suffixes_are_found_whole(recorded: Path) -> None:
    tree = read(recorded)
    assert tree is not None
    assert suffix_in_tree(tree, "uonbi.ac.ke") == "ac.ke"
    assert suffix_in_tree(tree, "Clinic.Co.UK") == "Co.UK"
    assert suffix_in_tree(tree, "a.b.kawasaki.jp") == "b.kawasaki.jp"  # *.kawasaki.jp
    assert suffix_in_tree(tree, "city.kawasaki.jp") == "kawasaki.jp"  # !city.kawasaki.jp
    assert not has_public_suffix("lab.internal")
    assert not has_public_suffix("a.b.c")


def test_a_domain_tldextract_would_first_cut_or_decode_is_left_to_it(
    recorded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    stock = public_suffixes._offline_tld()

    def counting(domain: str) -> tldextract.tldextract.ExtractResult:
        asked.append(domain)
        return stock(domain)

    monkeypatch.setattr(public_suffixes, "_offline_tld", lambda: counting)
    for domain in NOT_PLAIN:
        assert has_public_suffix(domain) == bool(_STOCK(domain).suffix), domain
    assert asked == NOT_PLAIN
    asked.clear()
    assert has_public_suffix("uonbi.ac.ke")
    assert asked == []


def test_a_tree_recorded_from_another_list_or_tldextract_is_never_read(
    recorded: Path, tmp_path: Path
) -> None:
    stale = tmp_path / "stale.marshal"
    # "internal" made a suffix, under the stamp of an older snapshot.
    stale.write_bytes(marshal.dumps(("0" * 64, build_tree(["internal"]))))
    assert read(stale) is None
    assert read(tmp_path / "missing.marshal") is None
    torn = tmp_path / "torn.marshal"
    torn.write_bytes(recorded.read_bytes()[:100])
    assert read(torn) is None


def test_without_the_file_tldextract_answers_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(public_suffixes, "CACHE", tmp_path / "missing.marshal")
    public_suffixes._tree.cache_clear()
    try:
        for domain in DOMAINS:
            assert has_public_suffix(domain) == bool(_STOCK(domain).suffix), domain
    finally:
        public_suffixes._tree.cache_clear()


def test_an_address_is_kept_only_with_a_public_suffix(deid: Deidentifier) -> None:
    text = (
        "Referred by wanjiru.kamau@uonbi.ac.ke; results to lab-results@ward7.internal "
        "and copy to j.ochieng@kijabe.co.ke."
    )
    emails = [text[f.start : f.end] for f in deid.analyze(text) if f.subtype == "EMAIL"]
    assert emails == ["wanjiru.kamau@uonbi.ac.ke", "j.ochieng@kijabe.co.ke"]
