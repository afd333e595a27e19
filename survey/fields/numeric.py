"""Questions answered with a number: a 0-10 rating, or a count (contributions planned)."""

import re

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, ValidationError

from survey.fields.base import QuestionType
from survey.fields.options import check_texts, fail
from survey.fields.summaries import Count, Counts, Numbers
from survey.i18n import text_in
from survey.text import strip_control_characters

NUMBER = re.compile(r"^[+-]?\d{1,12}([.,]\d{1,6})?$")
#: The points of a rating scale.
RATING_POINTS = tuple(range(11))


def parse_number(text):
    """Return the number written in ``text`` (a comma may mark decimals), or None if it is not one."""
    text = (text or "").strip()
    if not NUMBER.match(text):
        return None
    return float(text.replace(",", "."))


def is_number(value):
    """Return whether a stored value is a number (True and False are not)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class RatingQuestion(QuestionType):
    """A 0-10 scale (how likely to recommend), its ends labelled."""

    name = "rating"
    template = "rating"
    annex_name = "0 to 10"
    is_numeric = True

    @classmethod
    def check_options(cls, raw, where, language):
        return {key: check_texts(raw.get(key), f"{where}.{key}", language, required=False)
                for key in ("min_label", "max_label")}

    def form_fields(self, language, default):
        yield self.field_name(), RadioField(
            choices=[SelectChoice(str(i), str(i)) for i in RATING_POINTS], validators=[Optional()])

    def read(self, form):
        data = self.data(form)
        return (int(data), None) if data not in (None, "", "None") else None

    def codebook_choices(self, language):
        return "0 to 10"

    def annex_lines(self, language):
        low, high = (text_in(self.options.get(k) or {}, language) for k in ("min_label", "max_label"))
        return [f"Scale 0 ({low}) to 10 ({high})"]

    def summarise(self, answers, language, default="en"):
        values = sorted(v for v, _t in filter(None, answers) if is_number(v))
        rows = [Count(point, str(point), values.count(point)) for point in RATING_POINTS]
        return Numbers(values, Counts(len(values), rows))


class NumberText:
    """Validator: a number, whole if required, within the question's bounds."""

    def __init__(self, options):
        self.options = options

    def __call__(self, form, field):
        value = (field.data or "").strip()
        if not value:
            return
        number = parse_number(value)
        if number is None:
            raise ValidationError(_l("Enter a number, for example 12."))
        if self.options.get("integer", True) and not number.is_integer():
            raise ValidationError(_l("Enter a whole number."))
        low, high = self.options.get("min"), self.options.get("max")
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValidationError(_l("Enter a number from %(low)s to %(high)s.",
                                     low=low if low is not None else "…",
                                     high=high if high is not None else "…"))


class NumberQuestion(QuestionType):
    """A number typed by the participant, whole unless ``integer: false``, within ``min``/``max``.

    ``total: true`` says the numbers add up to something worth reporting (contributions
    planned by all respondents).
    """

    name = "number"
    template = "number"
    annex_name = "number"
    is_numeric = True

    @classmethod
    def check_options(cls, raw, where, language):
        options = {"integer": bool(raw.get("integer", True)), "total": bool(raw.get("total", False))}
        for key in ("min", "max"):
            if raw.get(key) is not None:
                if not is_number(raw[key]):
                    fail(where, f"{key} must be a number")
                options[key] = raw[key]
        options["unit"] = check_texts(raw.get("unit"), where + ".unit", language, required=False)
        return options

    def form_fields(self, language, default):
        yield self.field_name(), StringField(validators=[NumberText(self.options)],
                                             filters=[strip_control_characters])

    def read(self, form):
        number = parse_number(self.data(form))
        if number is None:
            return None
        return (int(number) if self.options.get("integer", True) else number), None

    def describe(self, answer, language, default):
        if answer is None:
            return []
        unit = self.options.get("unit")
        return [f"{answer[0]} {text_in(unit, language, default)}" if unit else str(answer[0])]

    def annex_lines(self, language):
        return [f"A number from {self.options.get('min', '')} to {self.options.get('max', '')}"]

    def summarise(self, answers, language, default="en"):
        values = sorted(v for v, _t in filter(None, answers) if is_number(v))
        return Numbers(values, adds_up=bool(self.options.get("total")))
