"""Forms built at run time from a page's questions: one field per question (or grid row)."""

import re
import unicodedata

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, HiddenField, RadioField, SelectField, SelectMultipleField,
                     StringField, TextAreaField)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from survey import reference
from survey.i18n import text_in

NUMBER = re.compile(r"^[+-]?\d{1,12}([.,]\d{1,6})?$")
OTHER = "other"
# Control characters are removed from text, except tab and line feed.
_CONTROL = {c: None for c in range(0x20) if c not in (0x09, 0x0A)} | {0x7F: None}
_CONTROL |= {c: None for c in range(0x80, 0xA0)}


def clean_text(value):
    """Return ``value`` without control characters, with line ends as ``\\n``."""
    if value is None:
        return None
    value = value.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROL)
    # Lone surrogates cannot be stored as UTF-8; they never come from a real keyboard.
    return "".join(ch for ch in value if unicodedata.category(ch) != "Cs")


def parse_number(text):
    """Return the number written in ``text`` (a comma may mark decimals), or None if it is not one."""
    text = (text or "").strip()
    if not NUMBER.match(text):
        return None
    return float(text.replace(",", "."))


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


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


def field_name(question, part=None):
    """Return the form field name of ``question`` (or of one of its parts)."""
    return f"q_{question.code}" if part is None else f"q_{question.code}__{part}"


def _choices(items, language, default):
    return [SelectChoice(str(item["code"]), text_in(item["label"], language, default)) for item in items]


def _fields(question, language, default):
    """Yield ``(name, field)`` pairs for one question."""
    name, options = field_name(question), question.options
    length = Length(max=options.get("max_length", 500),
                    message=_l("Keep this answer under %(max)d characters.",
                               max=options.get("max_length", 500)))
    kind = question.type
    if kind in ("short_text", "long_text"):
        cls = StringField if kind == "short_text" else TextAreaField
        yield name, cls(validators=[Optional(), length], filters=[clean_text])
    elif kind in ("single_choice", "multiple_choice"):
        choices = _choices(options["choices"], language, default)
        if options.get("other"):
            choices.append(SelectChoice(OTHER, str(_l("Other, please specify"))))
        cls = RadioField if kind == "single_choice" else MultiCheckboxField
        yield name, cls(choices=choices, validators=[Optional()])
        if options.get("other"):
            yield field_name(question, OTHER), StringField(
                validators=[Optional(), Length(max=500, message=_l("Keep this answer under 500 characters."))],
                filters=[clean_text])
    elif kind == "likert":
        scale = _choices(options["scale"], language, default)
        for row in options["rows"]:
            yield field_name(question, row["code"]), RadioField(choices=scale, validators=[Optional()])
    elif kind == "rating":
        yield name, RadioField(choices=[SelectChoice(str(i), str(i)) for i in range(11)],
                                 validators=[Optional()])
    elif kind == "number":
        yield name, StringField(validators=[NumberText(options)], filters=[clean_text])
    elif kind == "country":
        choices = [SelectChoice("", str(_l("Choose a country")))]
        choices += [SelectChoice(code, name) for code, name in reference.choices(language)]
        yield name, SelectField(choices=choices, validators=[Optional()])
    elif kind == "consent":
        yield name, BooleanField()


class PageForm(FlaskForm):
    """The base of every page: the language the page is answered in."""

    lang = HiddenField()


def page_form(questions, language, default_language, **kwargs):
    """Return a form for ``questions``, filled from the request or from ``data``."""
    attrs = {}
    for question in questions:
        for name, field in _fields(question, language, default_language):
            attrs[name] = field
    cls = type("QuestionPageForm", (PageForm,), attrs)
    return cls(**kwargs)


def field_values(question, value, text=None):
    """Return the form data showing a stored answer of ``question``, by field name."""
    name, kind = field_name(question), question.type
    if value is None:
        return {}
    if kind == "likert":
        return {field_name(question, row): str(code) for row, code in value.items()}
    if kind == "single_choice" and isinstance(value, dict):
        return {name: OTHER, field_name(question, OTHER): value.get("other", "")}
    if kind == "multiple_choice":
        data = {name: [str(code) for code in value]}
        if OTHER in value:
            data[field_name(question, OTHER)] = text or ""
        return data
    if kind == "consent":
        return {name: bool(value)}
    return {name: str(value)}
