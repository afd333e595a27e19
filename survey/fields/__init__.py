"""Question types: one class per type, each knowing all of its behaviour (see ``base``).

Adding a type means adding its class here, its template in ``templates/respond/fields/``
and its tests; nothing else changes.
"""

from survey.fields.base import OTHER, Column, QuestionType, choice_code, label_of
from survey.fields.choice import MultipleChoiceQuestion, SingleChoiceQuestion
from survey.fields.consent import ConsentQuestion
from survey.fields.country import CountryQuestion, country_of
from survey.fields.likert import LikertQuestion
from survey.fields.numeric import NumberQuestion, RatingQuestion, parse_number
from survey.fields.options import QuestionnaireFileError
from survey.fields.text import LongTextQuestion, ShortTextQuestion

#: Every question type by its name, in the order the questionnaire README lists them.
FIELD_TYPES = {cls.name: cls for cls in (
    ShortTextQuestion, LongTextQuestion, SingleChoiceQuestion, MultipleChoiceQuestion,
    LikertQuestion, RatingQuestion, NumberQuestion, CountryQuestion, ConsentQuestion)}

#: The names of the free-text types, for queries.
TEXT_TYPES = tuple(name for name, cls in FIELD_TYPES.items() if cls.is_text)


def field_type(name):
    """Return the question type class called ``name``; KeyError for an unknown one."""
    return FIELD_TYPES[name]


__all__ = ["FIELD_TYPES", "OTHER", "TEXT_TYPES", "Column", "QuestionType", "QuestionnaireFileError",
           "choice_code", "country_of", "field_type", "label_of", "parse_number"]
