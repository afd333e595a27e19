"""Segments of respondents (SME or large, developing or developed, ITU region...) and
small-cell suppression, shared by the review area and the reports.

A segment is derived from a response's answers to the profile questions, by question
code, so any questionnaire using the same codes gets the same comparisons.
"""

import dataclasses
from collections import Counter

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from analysis.summary import suppress

from survey.extensions import db
from survey.fields import choice_code, country_of
from survey.i18n import page_language
from survey.models import Answer, Question, Response
from survey.reference import REGIONS, region_label

#: Organisation sizes counted as SMEs (fewer than 250 employees).
SME_SIZES = frozenset({"micro", "small", "medium"})
LARGE_SIZES = frozenset({"large", "very_large"})
#: Profile questions read to place a response in segments.
PROFILE_CODES = ("org_size", "org_type", "country", "gender", "age_band")
#: Counts below this are shown as "fewer than 5", never as the number.
MIN_CELL = 5
#: Segment dimensions compared side by side: name -> values in display order.
DIMENSIONS = {
    "size": ("sme", "large"),
    "development": ("developing", "developed"),
    "region": tuple(REGIONS),
}
#: What the dimensions are called, as headings of comparisons and filters.
DIMENSION_LABELS = {"size": _l("SMEs and large organisations"),
                    "development": _l("Developing and developed countries"),
                    "region": _l("ITU regions")}
#: How segment values are named (regions are named by survey.reference).
SEGMENT_LABELS = {
    "size": {"sme": _l("SME"), "large": _l("Large")},
    "development": {"developing": _l("Developing"), "developed": _l("Developed")},
}


def segment_label(dimension, value, language=None):
    """Return the name of segment ``value`` of ``dimension`` ("none" or None: not stated)."""
    if value in (None, "none"):
        return _("Not stated")
    if dimension == "region":
        return region_label(value, language or page_language())
    labels = SEGMENT_LABELS.get(dimension, {})
    return str(labels[value]) if value in labels else str(value)


@dataclasses.dataclass(frozen=True)
class Segments:
    """Where one response falls; None where the participant did not say."""

    size: str | None = None  #: "sme" or "large"
    development: str | None = None  #: "developing" or "developed"
    region: str | None = None  #: ITU (BDT) region code, see survey.reference.REGIONS
    country: str | None = None  #: ISO 3166 alpha-2 code
    org_type: str | None = None  #: organisation type choice code (or "other")
    gender: str | None = None  #: gender choice code (or "other")
    age_band: str | None = None  #: age band choice code

    def get(self, dimension):
        """Return the value of ``dimension`` (a field name)."""
        return getattr(self, dimension)


def segments_from_answers(values):
    """Return the :class:`Segments` of a response from ``{question code: answer value}``."""
    size_code = choice_code(values.get("org_size"))
    size = "sme" if size_code in SME_SIZES else "large" if size_code in LARGE_SIZES else None
    place = country_of(values.get("country"))
    return Segments(
        size=size,
        development=None if place is None else ("developing" if place.developing else "developed"),
        region=place.region if place else None,
        country=place.iso2 if place else None,
        org_type=choice_code(values.get("org_type")),
        gender=choice_code(values.get("gender")),
        age_band=choice_code(values.get("age_band")),
    )


def response_segments(questionnaire, response_ids=None):
    """Return ``{response id: Segments}`` for the responses of ``questionnaire``.

    ``response_ids`` limits the result to those responses (default: all of them).
    One query, whatever the number of responses: the profile answers of the whole
    questionnaire are read (a few per response) rather than listing thousands of ids in
    an IN clause, which SQLite limits.
    """
    query = (select(Answer.response_id, Question.code, Answer.value)
             .join(Question, Answer.question_id == Question.id)
             .where(Question.questionnaire_id == questionnaire.id, Question.code.in_(PROFILE_CODES)))
    values = {}
    for response_id, code, value in db.session.execute(query):
        values.setdefault(response_id, {})[code] = value
    ids = response_ids if response_ids is not None else db.session.scalars(
        select(Response.id).where(Response.questionnaire_id == questionnaire.id))
    return {rid: segments_from_answers(values.get(rid, {})) for rid in ids}


@dataclasses.dataclass(frozen=True)
class Cell:
    """A count in a published table: ``shown`` is False when it must not be shown.

    A count is hidden when it is under MIN_CELL, and so is a second one of its row
    when a single hidden count could otherwise be worked out from the total.
    """

    count: int
    total: int
    shown: bool = True

    @property
    def share(self):
        """Return the count as a fraction of the total (0 when the total is 0)."""
        return self.count / self.total if self.total else 0.0

    def __str__(self):
        return str(self.count) if self.shown else f"<{MIN_CELL}"


def cells(counts, total=None):
    """Return ``{key: Cell}`` for ``{key: count}``, small counts suppressed."""
    total = sum(counts.values()) if total is None else total
    kept = suppress(dict(counts), MIN_CELL)
    return {key: Cell(count, total, kept[key] is not None) for key, count in counts.items()}


def count_table(segments, dimension, values=None):
    """Return ``[(value, Cell)]``: how many of ``segments`` fall in each value of ``dimension``.

    ``values`` fixes the rows and their order (default: the values seen, most frequent
    first); a last row ``None`` counts those who did not say, when there are any.
    """
    counts = Counter(s.get(dimension) for s in segments)
    total = sum(counts.values())
    rows = list(values) if values is not None else [
        v for v, _n in counts.most_common() if v is not None]
    keys = rows + ([None] if counts.get(None) else [])
    row_cells = cells({key: counts.get(key, 0) for key in keys}, total)
    return [(key, row_cells[key]) for key in keys]
