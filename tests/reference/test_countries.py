"""Tests for the ITU Member State reference table (survey.reference)."""

import csv
import dataclasses
import io
from importlib.resources import files

import pytest

from survey.reference import (
    REGIONS,
    Country,
    choices,
    countries,
    country,
    region_label,
    sort_key,
)


def _csv_rows():
    text = files("survey.reference").joinpath("countries.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_header_and_row_count():
    rows = _csv_rows()
    assert list(rows[0]) == ["iso2", "iso3", "name_en", "name_fr", "region", "developing", "ldc"]
    assert len(rows) == 194


def test_194_unique_member_states():
    table = countries()
    assert len(table) == 194
    assert len({c.iso2 for c in table}) == 194
    assert len({c.iso3 for c in table}) == 194
    assert all(len(c.iso2) == 2 and c.iso2.isupper() for c in table)
    assert all(len(c.iso3) == 3 and c.iso3.isupper() for c in table)


def test_countries_sorted_by_english_name():
    names = [sort_key(c.name("en")) for c in countries()]
    assert names == sorted(names)


def test_regions_valid_and_non_empty():
    used = {c.region for c in countries()}
    assert used == set(REGIONS)


def test_region_counts():
    counts = {code: sum(c.region == code for c in countries()) for code in REGIONS}
    assert counts == {
        "africa": 44,
        "americas": 35,
        "arab_states": 21,
        "asia_pacific": 39,
        "cis": 9,
        "europe": 46,
    }


def test_regions_follow_annex_b_order():
    assert list(REGIONS.values()) == [
        "Africa",
        "The Americas",
        "Arab States",
        "Asia and the Pacific",
        "CIS",
        "Europe",
    ]


@pytest.mark.parametrize(
    ("iso2", "region", "developing"),
    [
        ("KE", "africa", True),
        ("DE", "europe", False),
        ("JP", "asia_pacific", False),
        ("EG", "arab_states", True),
        ("RU", "cis", False),
        ("KZ", "cis", True),
        ("BR", "americas", True),
        ("US", "americas", False),
        ("CA", "americas", False),
        ("CH", "europe", False),
        ("AU", "asia_pacific", False),
        ("NZ", "asia_pacific", False),
        ("CN", "asia_pacific", True),
        ("SA", "arab_states", True),
        ("KM", "arab_states", True),
        ("SO", "arab_states", True),
        ("IR", "asia_pacific", True),
        ("IL", "europe", True),
        ("TR", "europe", True),
        ("UA", "europe", False),
        ("VA", "europe", False),
        ("LI", "europe", False),
        ("PW", "asia_pacific", True),
    ],
)
def test_spot_checks(iso2, region, developing):
    c = country(iso2)
    assert c is not None
    assert c.region == region
    assert c.developing is developing


@pytest.mark.parametrize("iso2", ["TW", "XK", "PS", "HK", "PR", "CK", "NU"])
def test_non_member_states_absent(iso2):
    assert country(iso2) is None


def test_ldc_list():
    ldcs = {c.iso2 for c in countries() if c.ldc}
    assert len(ldcs) == 44
    assert {"AF", "BD", "HT", "KI", "SB", "TV", "YE", "ET"} <= ldcs
    # graduated: Vanuatu (2020), Bhutan (2023), Sao Tome and Principe (2024)
    assert not ldcs & {"VU", "BT", "ST"}
    assert all(c.developing for c in countries() if c.ldc)


def test_developing_counts():
    developed = {c.iso2 for c in countries() if not c.developing}
    assert len(developed) == 49
    assert {"US", "CA", "JP", "AU", "NZ", "GB", "FR", "RU", "BY", "MD"} <= developed


def test_names_present_in_english_and_french():
    for c in countries():
        assert c.names["en"].strip(), c.iso2
        assert c.names["fr"].strip(), c.iso2
    assert country("DE").name("fr") == "Allemagne"
    assert country("CI").name("fr") == "Côte d'Ivoire"


def test_name_falls_back_to_english():
    de = country("DE")
    assert de.name() == "Germany"
    assert de.name("es") == "Germany"
    assert de.name(None) == "Germany"
    assert de.name("fr_CH") == "Allemagne"
    assert de.name("FR-ca") == "Allemagne"


def test_lookup_is_case_insensitive():
    assert country("ke") is country("KE") is country("Ke") is country(" ke ")
    assert country("ke").iso3 == "KEN"


@pytest.mark.parametrize("code", ["ZZ", "", None, "KEN", "X"])
def test_unknown_code_returns_none(code):
    assert country(code) is None


def test_country_is_frozen_and_hashable():
    ke = country("KE")
    assert isinstance(ke, Country)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ke.region = "europe"
    with pytest.raises(TypeError):
        ke.names["en"] = "Elsewhere"
    assert len({ke, country("ke")}) == 1


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_choices_sorted_by_localized_name(lang):
    pairs = choices(lang)
    assert len(pairs) == 194
    assert [sort_key(name) for _, name in pairs] == sorted(sort_key(name) for _, name in pairs)
    assert dict(pairs)["DE"] == country("DE").name(lang)


def test_choices_collation_ignores_accents():
    fr = [name for _, name in choices("fr")]
    # "Égypte" and "Émirats arabes unis" sort among the E's, not after "Zimbabwe"
    assert fr.index("Égypte") < fr.index("Espagne") < fr.index("Éthiopie")
    assert fr[-1] == "Zimbabwe"
    en = [name for _, name in choices("en")]
    assert en.index("Costa Rica") < en.index("Côte d'Ivoire") < en.index("Croatia")


def test_choices_returns_a_fresh_list():
    first = choices("fr")
    first.clear()
    assert len(choices("fr")) == 194


def test_region_labels():
    assert region_label("arab_states") == "Arab States"
    assert region_label("arab_states", "fr") == "États arabes"
    assert [region_label(code, "fr") for code in REGIONS] == [
        "Afrique",
        "Amériques",
        "États arabes",
        "Asie-Pacifique",
        "CEI",
        "Europe",
    ]
    assert region_label("cis", "de") == "CIS"
    assert country("KE").region_label == "Africa"
    with pytest.raises(KeyError):
        region_label("antarctica")
