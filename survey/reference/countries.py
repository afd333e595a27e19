"""ITU Member States and the territories participants answer from, with their ITU-D region,
developing status and LDC status; their names in every language come from CLDR (Babel).

The data live in ``countries.csv`` next to this module (see ``README.md`` for sources and
borderline decisions). The table is read once, on first use, and cached for the life of
the process; so are the sorted names of each language.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import Mapping

from babel import Locale, UnknownLocaleError

from .collation import sort_key

DEFAULT_LANGUAGE = "en"

#: ITU-D (BDT) regions, in the order of the RG-IEM meeting statistics (Annex B).
REGIONS: Mapping[str, str] = MappingProxyType(
    {
        "africa": "Africa",
        "americas": "The Americas",
        "arab_states": "Arab States",
        "asia_pacific": "Asia and the Pacific",
        "cis": "CIS",
        "europe": "Europe",
    }
)

# The ITU's own names of its regions in its six languages (ITU-D publications).
_REGION_LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "en": REGIONS,
        "fr": MappingProxyType(dict(zip(REGIONS, (
            "Afrique", "Amériques", "États arabes", "Asie-Pacifique", "CEI", "Europe")))),
        "es": MappingProxyType(dict(zip(REGIONS, (
            "África", "Américas", "Estados Árabes", "Asia-Pacífico", "CEI", "Europa")))),
        "ru": MappingProxyType(dict(zip(REGIONS, (
            "Африка", "Северная и Южная Америка", "Арабские государства",
            "Азиатско-Тихоокеанский регион", "СНГ", "Европа")))),
        "ar": MappingProxyType(dict(zip(REGIONS, (
            "أفريقيا", "الأمريكتان", "الدول العربية", "آسيا والمحيط الهادئ",
            "كومنولث الدول المستقلة", "أوروبا")))),
        "zh": MappingProxyType(dict(zip(REGIONS, (
            "非洲", "美洲", "阿拉伯国家", "亚太", "独联体", "欧洲")))),
    }
)

_BOOLEANS = {"true": True, "false": False}


def _language(lang: str | None) -> str:
    """Return the primary language subtag of ``lang`` ("fr_CH" -> "fr"), lower-cased."""
    return (lang or DEFAULT_LANGUAGE).replace("_", "-").split("-")[0].lower()


@cache
def _territory_names(lang: str) -> Mapping[str, str]:
    """Return CLDR's territory names in ``lang`` (English for a language CLDR lacks)."""
    try:
        return Locale.parse(lang).territories
    except (ValueError, UnknownLocaleError):
        return Locale.parse(DEFAULT_LANGUAGE).territories


@dataclass(frozen=True)
class Country:
    """One ITU Member State, or a territory that is not one (``itu_member`` false)."""

    iso2: str
    iso3: str
    region: str
    developing: bool
    ldc: bool
    itu_member: bool

    def name(self, lang: str | None = DEFAULT_LANGUAGE) -> str:
        """Return CLDR's short name of the country in ``lang``, falling back to English."""
        return (_territory_names(_language(lang)).get(self.iso2)
                or _territory_names(DEFAULT_LANGUAGE)[self.iso2])

    @property
    def region_label(self) -> str:
        """Return the English label of the country's ITU-D region."""
        return REGIONS[self.region]


def region_label(code: str, lang: str | None = DEFAULT_LANGUAGE) -> str:
    """Return the label of region ``code`` in ``lang`` (English if untranslated).

    Raises ``KeyError`` for a code that is not in ``REGIONS``.
    """
    labels = _REGION_LABELS.get(_language(lang), REGIONS)
    return labels[code]


def _parse_bool(value: str, column: str, iso2: str) -> bool:
    """Return the boolean spelled ``true``/``false`` in the CSV, or raise ValueError."""
    try:
        return _BOOLEANS[value.strip().lower()]
    except KeyError:
        message = f"countries.csv: {iso2}: {column} must be true or false, not {value!r}"
        raise ValueError(message) from None


def _parse_row(row: dict[str, str]) -> Country:
    """Return the Country described by one CSV row, validating its region and flags."""
    iso2 = row["iso2"].strip().upper()
    region = row["region"].strip()
    if region not in REGIONS:
        raise ValueError(f"countries.csv: {iso2}: unknown region {region!r}")
    if iso2 not in _territory_names(DEFAULT_LANGUAGE):
        raise ValueError(f"countries.csv: {iso2}: not a territory CLDR names")
    return Country(
        iso2=iso2,
        iso3=row["iso3"].strip().upper(),
        region=region,
        developing=_parse_bool(row["developing"], "developing", iso2),
        ldc=_parse_bool(row["ldc"], "ldc", iso2),
        itu_member=_parse_bool(row["itu_member"], "itu_member", iso2),
    )


@cache
def _table() -> tuple[tuple[Country, ...], Mapping[str, Country]]:
    """Return all countries sorted by English name, and an index by ISO alpha-2 code."""
    text = files(__package__).joinpath("countries.csv").read_text(encoding="utf-8")
    rows = sorted(
        (_parse_row(row) for row in csv.DictReader(io.StringIO(text))),
        key=lambda c: sort_key(c.name(DEFAULT_LANGUAGE)),
    )
    index = {c.iso2: c for c in rows}
    if len(index) != len(rows):
        raise ValueError("countries.csv: duplicate iso2 code")
    return tuple(rows), MappingProxyType(index)


def countries(members_only: bool = False) -> tuple[Country, ...]:
    """Return every country of the list (only ITU Member States if asked), by English name."""
    table = _table()[0]
    return tuple(c for c in table if c.itu_member) if members_only else table


def country(iso2: str | None) -> Country | None:
    """Return the Country with ISO 3166-1 alpha-2 code ``iso2`` (any case), or None."""
    if not iso2:
        return None
    return _table()[1].get(iso2.strip().upper())


@cache
def _choices(lang: str) -> tuple[tuple[str, str], ...]:
    """Return (iso2, name) pairs in ``lang``, sorted in that language's order."""
    pairs = ((c.iso2, c.name(lang)) for c in countries())
    return tuple(sorted(pairs, key=lambda pair: (sort_key(pair[1], lang), pair[0])))


def choices(lang: str | None = DEFAULT_LANGUAGE) -> list[tuple[str, str]]:
    """Return (iso2, name) pairs for a <select>: every country, named and sorted in ``lang``."""
    return list(_choices(_language(lang)))


#: The languages whose country names ``find`` understands: the six of the United Nations.
NAME_LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")


def _match_key(text: str) -> str:
    """Return ``text`` folded for matching: no accents, case, punctuation or spacing differences."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return "".join(c for c in kept if c.isalnum())


@cache
def _by_name() -> Mapping[str, str]:
    """Return ISO alpha-2 codes by the match key of every name, ISO3 code and ISO2 code."""
    found = {}
    for place in countries():
        for key in (place.iso2, place.iso3, *(place.name(lang) for lang in NAME_LANGUAGES)):
            found.setdefault(_match_key(key), place.iso2)
    return MappingProxyType(found)


def find(text: str | None) -> Country | None:
    """Return the Country written in ``text``: an ISO 3166 code (alpha-2 or alpha-3) or its name
    in one of the six UN languages (case and accents ignored), or None."""
    if not text or not text.strip():
        return None
    code = _by_name().get(_match_key(text))
    return country(code) if code else None
