"""ITU Member States with their ITU-D region, developing status and LDC status.

The data live in ``countries.csv`` next to this module (see ``README.md`` for
sources and borderline decisions). The table is read once, on first use, and
cached for the life of the process.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import Mapping

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

_REGION_LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "en": REGIONS,
        "fr": MappingProxyType(
            {
                "africa": "Afrique",
                "americas": "Amériques",
                "arab_states": "États arabes",
                "asia_pacific": "Asie-Pacifique",
                "cis": "CEI",
                "europe": "Europe",
            }
        ),
    }
)

_BOOLEANS = {"true": True, "false": False}


def _language(lang: str | None) -> str:
    """Return the primary language subtag of ``lang`` ("fr_CH" -> "fr"), lower-cased."""
    return (lang or DEFAULT_LANGUAGE).replace("_", "-").split("-")[0].lower()


def sort_key(text: str) -> str:
    """Return a locale-independent collation key: accents stripped, case folded.

    "Côte d'Ivoire" sorts between "Costa Rica" and "Croatia", and "Émirats
    arabes unis" among the E's, whatever the process locale is.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class Country:
    """One ITU Member State."""

    iso2: str
    iso3: str
    names: Mapping[str, str] = field(hash=False)
    region: str
    developing: bool
    ldc: bool

    def name(self, lang: str | None = DEFAULT_LANGUAGE) -> str:
        """Return the country's short name in ``lang``, falling back to English."""
        return self.names.get(_language(lang)) or self.names[DEFAULT_LANGUAGE]

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
    names = {
        column.removeprefix("name_"): value.strip()
        for column, value in row.items()
        if column.startswith("name_") and value and value.strip()
    }
    return Country(
        iso2=iso2,
        iso3=row["iso3"].strip().upper(),
        names=MappingProxyType(names),
        region=region,
        developing=_parse_bool(row["developing"], "developing", iso2),
        ldc=_parse_bool(row["ldc"], "ldc", iso2),
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


def countries() -> tuple[Country, ...]:
    """Return every ITU Member State, sorted by English name."""
    return _table()[0]


def country(iso2: str | None) -> Country | None:
    """Return the Country with ISO 3166-1 alpha-2 code ``iso2`` (any case), or None."""
    if not iso2:
        return None
    return _table()[1].get(iso2.strip().upper())


@cache
def _choices(lang: str) -> tuple[tuple[str, str], ...]:
    """Return (iso2, name) pairs in ``lang``, sorted by the accent-insensitive name key."""
    pairs = ((c.iso2, c.name(lang)) for c in countries())
    return tuple(sorted(pairs, key=lambda pair: (sort_key(pair[1]), pair[0])))


def choices(lang: str | None = DEFAULT_LANGUAGE) -> list[tuple[str, str]]:
    """Return (iso2, localized name) pairs for a <select>, sorted by localized name."""
    return list(_choices(_language(lang)))
