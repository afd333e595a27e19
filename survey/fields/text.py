"""Free-text questions: a line or a paragraph in the participant's own words."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import Length, Optional

from survey.fields.base import QuestionType
from survey.fields.options import fail
from survey.fields.summaries import Texts
from survey.models.responses import MAX_TEXT_LENGTH
from survey.text import strip_control_characters


def length_validator(limit):
    """Return a validator refusing text longer than ``limit`` characters, with a clear message."""
    return Length(max=limit, message=_l("Keep this answer under %(max)d characters.", max=limit))


class TextQuestion(QuestionType):
    """The base of the free-text types: the answer is the text itself (value and text)."""

    is_text = True
    default_length = MAX_TEXT_LENGTH
    input_class = TextAreaField

    @classmethod
    def check_options(cls, raw, where, language):
        limit = raw.get("max_length", cls.default_length)
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_TEXT_LENGTH:
            fail(where, f"max_length must be a whole number from 1 to {MAX_TEXT_LENGTH}")
        return {"max_length": limit}

    @property
    def max_length(self):
        """Return the longest answer accepted, in characters."""
        return self.options.get("max_length", self.default_length)

    def form_fields(self, language, default):
        yield self.field_name(), self.input_class(
            validators=[Optional(), length_validator(self.max_length)],
            filters=[strip_control_characters])

    def read(self, form):
        data = self.data(form)
        return (data, data) if data and data.strip() else None

    def from_plain(self, value):
        return None if value is None else (str(value), str(value))

    def cell(self, value, text, labels, language):
        return text if text is not None else str(value)

    def summarise(self, answers, language, default="en"):
        return Texts(sum(1 for answer in answers if answer is not None))


class ShortTextQuestion(TextQuestion):
    """One line of text (a name, a short answer)."""

    name = "short_text"
    template = "short_text"
    annex_name = "short free text"
    default_length = 500
    input_class = StringField


class LongTextQuestion(TextQuestion):
    """A paragraph of text: the workshop questions."""

    name = "long_text"
    template = "long_text"
    annex_name = "free text"
