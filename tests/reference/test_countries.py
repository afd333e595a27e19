"""Tests for the ITU Member State reference table (survey.reference)."""

import csv
import dataclasses
import io
from importlib.resources import files

import pytest
from babel import Locale

from survey.reference import (
    REGIONS,
    Country,
    choices,
    countries,
    country,
    region_label,
    sort_key,
)

LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")


def _csv_rows():
    text = files("survey.reference").joinpath("countries.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_header_and_row_count():
    rows = _csv_rows()
    assert list(rows[0]) == ["iso2", "iso3", "region", "developing", "ldc", "itu_member"]
    assert len(rows) == 198


def test_194_unique_member_states_and_four_territories():
    table = countries()
    assert len(countries(members_only=True)) == 194
    assert len(table) == 198
    assert len({c.iso2 for c in table}) == 198
    assert len({c.iso3 for c in table}) == 198
    assert all(len(c.iso2) == 2 and c.iso2.isupper() for c in table)
    assert all(len(c.iso3) == 3 and c.iso3.isupper() for c in table)


def test_countries_sorted_by_english_name():
    names = [sort_key(c.name("en")) for c in countries()]
    assert names == sorted(names)
    assert [c.iso2 for c in countries(members_only=True)] == [
        c.iso2 for c in countries() if c.itu_member]


def test_regions_valid_and_non_empty():
    used = {c.region for c in countries()}
    assert used == set(REGIONS)


def test_region_counts():
    counts = {code: sum(c.region == code for c in countries(members_only=True)) for code in REGIONS}
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


@pytest.mark.parametrize("iso2", ["XK", "PR", "CK", "NU", "GL", "AQ"])
def test_other_territories_absent(iso2):
    assert country(iso2) is None


@pytest.mark.parametrize(
    ("iso2", "region"),
    [("HK", "asia_pacific"), ("MO", "asia_pacific"), ("TW", "asia_pacific"), ("PS", "arab_states")],
)
def test_territories_participants_answer_from(iso2, region):
    place = country(iso2)
    assert place.region == region
    assert place.developing is True and place.ldc is False
    assert place.itu_member is False
    assert iso2 in dict(choices("en")) and iso2 in dict(choices("zh"))


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
    assert sum(c.developing for c in countries(members_only=True)) == 145
    assert {"US", "CA", "JP", "AU", "NZ", "GB", "FR", "RU", "BY", "MD"} <= developed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_names_come_from_cldr_in_every_language(lang):
    cldr = Locale.parse(lang).territories
    for c in countries():
        assert c.name(lang) == cldr[c.iso2], c.iso2
    assert len({c.name(lang) for c in countries()}) == 198


def test_names_in_the_six_languages():
    de = country("DE")
    assert [de.name(lang) for lang in LANGUAGES] == [
        "Germany", "Allemagne", "Alemania", "Германия", "ألمانيا", "德国"]
    assert country("CI").name("fr") == "Côte d’Ivoire"
    assert country("HK").name("en") == "Hong Kong SAR China"
    assert country("TW").name("zh") == "台湾"


def test_name_falls_back_to_english():
    de = country("DE")
    assert de.name() == "Germany"
    assert de.name(None) == "Germany"
    assert de.name("xx") == "Germany"
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
    assert len({ke, country("ke")}) == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_choices_sorted_by_localized_name(lang):
    pairs = choices(lang)
    assert len(pairs) == 198
    keys = [sort_key(name, lang) for _, name in pairs]
    assert keys == sorted(keys)
    assert dict(pairs)["DE"] == country("DE").name(lang)


def names(lang):
    return [name for _, name in choices(lang)]


def test_choices_collation_ignores_accents_and_case():
    fr = names("fr")
    # "Égypte" and "Émirats arabes unis" sort among the E's, not after "Zimbabwe"
    assert fr.index("Égypte") < fr.index("Émirats arabes unis") < fr.index("Espagne")
    assert fr.index("Espagne") < fr.index("Éthiopie")
    assert fr[-1] == "Zimbabwe"
    en = names("en")
    assert en.index("Costa Rica") < en.index("Côte d’Ivoire") < en.index("Croatia")
    assert en[0] == "Afghanistan" and en[-1] == "Zimbabwe"


def test_spanish_n_tilde_is_a_letter_after_n():
    assert sort_key("ña", "es") > sort_key("nz", "es")
    assert sort_key("ña", "es") < sort_key("oa", "es")
    es = names("es")
    assert es.index("Egipto") < es.index("El Salvador") < es.index("Emiratos Árabes Unidos")
    assert es.index("Emiratos Árabes Unidos") < es.index("España") < es.index("Estados Unidos")


def test_russian_order_follows_the_cyrillic_alphabet():
    ru = names("ru")
    assert ru[0] == "Австралия"
    assert ru.index("Египет") < ru.index("Замбия") < ru.index("Япония") == len(ru) - 1


def test_arabic_order_follows_the_arabic_alphabet():
    ar = names("ar")
    # alif, then ba', ... ya': Germany (ألمانيا) before Brazil (البرازيل: the article counts),
    # Bahrain (البحرين) before Brazil, Japan (اليابان) at the end of the alif names.
    assert ar.index("ألمانيا") < ar.index("البحرين") < ar.index("البرازيل") < ar.index("اليابان")
    assert ar.index("اليابان") < ar.index("باكستان") < ar.index("فرنسا") < ar.index("هولندا")


def test_chinese_is_sorted_by_pinyin():
    zh = names("zh")
    # 阿 ā, 埃 āi, 安 ān, 澳 ào, 巴 bā ... 中 zhōng: pinyin, not stroke count or code point
    assert zh[0].startswith("阿")
    assert zh.index("阿曼") < zh.index("埃及") < zh.index("安哥拉") < zh.index("澳大利亚")
    assert zh.index("澳大利亚") < zh.index("巴西") < zh.index("德国") < zh.index("法国")
    assert zh.index("日本") < zh.index("英国") < zh.index("中国")
    # tone after syllable: 比利时 bǐ before 秘鲁 bì (read as a word, not mì)
    assert zh.index("比利时") < zh.index("秘鲁") < zh.index("冰岛")


def test_choices_returns_a_fresh_list():
    first = choices("fr")
    first.clear()
    assert len(choices("fr")) == 198


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
    assert [region_label("arab_states", lang) for lang in LANGUAGES] == [
        "Arab States", "États arabes", "Estados Árabes", "Арабские государства",
        "الدول العربية", "阿拉伯国家"]
    assert region_label("cis", "de") == "CIS"
    assert country("KE").region_label == "Africa"
    with pytest.raises(KeyError):
        region_label("antarctica")
