"""The base of every question type: one class per type knows all of its behaviour.

A question's type (``Question.type``) names a subclass of :class:`QuestionType`; the
question's ``field`` is an instance bound to the question. The type knows its options in
a questionnaire file and their checks, its form fields, how an answer is read from a
form and stored, what a visible question still needs, how an answer is described to a
person, its export columns and codebook lines, its annex text, and how its answers are
summarised. Everything else asks the type (Indico's ``surveys/fields`` design).

An answer is a pair ``(value, text)``: ``value`` is the stored JSON value (see
``survey/questionnaires/README.md``) and ``text`` the participant's own words (a text
answer or an "other, please specify"), or None. "Unanswered" is None.
"""

import dataclasses
from typing import Callable

from flask_babel import lazy_gettext as _l

from survey.i18n import text_in

#: The code of the "Other, please specify" choice of a choice (or country) question.
OTHER = "other"


@dataclasses.dataclass
class Column:
    """A column of the data export: its header, what the codebook says, how to read a cell."""

    header: str
    question: object = None  #: the Question, or None for a column describing the response
    text: str = ""  #: the question (and statement) in the default language
    kind: str = ""  #: the question type, or what the column holds
    choices: str = ""  #: "code = label" pairs separated by "; ", or the range of values
    read: Callable = None  #: function(value, text) -> cell value, for a stored answer
    by_answer: bool = False  #: ``read`` takes the answer's id instead (the answer's theme)


def choice_code(value):
    """Return the choice code of a stored single value: ``{"choice": "other", ...}`` -> "other"."""
    if isinstance(value, dict):
        return value.get("choice")
    return None if value is None else str(value)


def label_of(items, code, language, default="en"):
    """Return the label of the item (choice, row, scale point) with ``code``, else the code."""
    for item in items:
        if str(item["code"]) == str(code):
            return text_in(item["label"], language, default)
    return str(code)


def items_text(items, language):
    """Return ``"code = label; ..."`` for a list of items, as the codebook shows them."""
    return "; ".join(f"{item['code']} = {text_in(item['label'], language)}" for item in items)


def declared_code(items, raw):
    """Return the declared code (text or number) whose text form is ``raw``."""
    for item in items:
        if str(item["code"]) == raw:
            return item["code"]
    return raw


class QuestionType:
    """A question type. Subclasses set the class attributes and override what differs."""

    #: the type's name in questionnaire files and in ``Question.type``
    name = ""
    #: the template of its input(s), in ``templates/respond/fields/``
    template = ""
    #: how the Annex of the report names the type (the report is in English)
    annex_name = ""
    #: free text written by the participant, grouped into themes by the analysis
    is_text = False
    #: the answer is a number (or numbers) worth a median and quartiles
    is_numeric = False

    def __init__(self, question):
        self.question = question
        self.options = question.options or {}

    # -- the questionnaire file ------------------------------------------------------
    @classmethod
    def check_options(cls, raw, where, language):
        """Return the type's options read from question ``raw`` of a file (checked)."""
        return {}

    # -- the participant's page ------------------------------------------------------
    def field_name(self, part=None):
        """Return the form field name of the question (or of one of its parts)."""
        code = self.question.code
        return f"q_{code}" if part is None else f"q_{code}__{part}"

    def form_fields(self, language, default):
        """Yield ``(name, unbound WTForms field)`` for the question's inputs."""
        raise NotImplementedError

    def data(self, form, part=None):
        """Return the data of the question's field (or part) in ``form``, None if absent."""
        name = self.field_name(part)
        return form[name].data if name in form else None

    def read(self, form):
        """Return the answer ``(value, text)`` given in a validated ``form``, or None."""
        raise NotImplementedError

    def form_data(self, value, text=None):
        """Return the form data that shows a stored answer again, by field name."""
        return {} if value is None else {self.field_name(): str(value)}

    def problem(self, answer):
        """Return what is wrong with ``answer`` whether or not it is required, or None."""
        return None

    def unanswered(self, answer):
        """Return the message for a required question whose ``answer`` is not enough, or None."""
        return _l("This question needs an answer.") if answer is None else None

    def missing(self, answer):
        """Return what the visible question still needs given ``answer``, or None."""
        problem = self.problem(answer)
        if problem or not self.question.required:
            return problem
        return self.unanswered(answer)

    def from_plain(self, value):
        """Return the stored answer for a plain value (demo data, imports), or None."""
        return None if value is None else (value, None)

    # -- people reading answers ------------------------------------------------------
    def describe(self, answer, language, default):
        """Return the lines that show ``answer`` to a person (empty when unanswered)."""
        return [] if answer is None else [str(answer[0])]

    # -- exports and the report ------------------------------------------------------
    def codebook_choices(self, language):
        """Return what the codebook says about the values of the main column."""
        return ""

    def cell(self, value, text, labels, language):
        """Return the main export cell of a stored answer (labels or codes)."""
        return value

    def export_columns(self, labels, language):
        """Return the :class:`Column` s of the question in the data export."""
        text = text_in(self.question.text, language)
        return [Column(self.question.code, self.question, text, self.name,
                       self.codebook_choices(language),
                       lambda value, answer_text: self.cell(value, answer_text, labels, language))]

    def annex_lines(self, language):
        """Return the lines listed under the question in the report's Annex."""
        return []

    def summarise(self, answers, language, default="en"):
        """Return the summary of ``answers`` (a list of ``(value, text)``), see ``summaries``."""
        raise NotImplementedError
