"""Reference data: ITU Member States (and four territories), their region and development status.

Usage::

    from survey.reference import country, choices, region_label

    ke = country("ke")              # Country(iso2="KE", region="africa", ...)
    ke.developing, ke.ldc           # (True, False)
    region_label(ke.region, "fr")   # "Afrique"
    choices("fr")                   # [("AF", "Afghanistan"), ("ZA", "Afrique du Sud"), ...]

No web framework is imported here; the package can be used from scripts and
analysis code as well as from the Flask app.
"""

from .countries import (
    DEFAULT_LANGUAGE,
    REGIONS,
    Country,
    choices,
    countries,
    country,
    find,
    region_label,
    sort_key,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "REGIONS",
    "Country",
    "choices",
    "countries",
    "country",
    "find",
    "region_label",
    "sort_key",
]
