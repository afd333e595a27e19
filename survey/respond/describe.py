"""Readable text for stored answers, as a participant sees them on the review page."""

from flask_babel import gettext as _

from survey import reference
from survey.i18n import text_in
from survey.respond.forms import OTHER


def _label(items, code, language, default):
    for item in items:
        if item["code"] == code or str(item["code"]) == str(code):
            return text_in(item["label"], language, default)
    return str(code)


def describe(question, answer, language, default):
    """Return the lines showing ``answer`` (``(value, text)`` or None) to ``question``."""
    if answer is None:
        return []
    value, text = answer
    options, kind = question.options, question.type
    if kind == "single_choice":
        if isinstance(value, dict):
            return [_("Other: %(text)s", text=value.get("other", ""))]
        return [_label(options["choices"], value, language, default)]
    if kind == "multiple_choice":
        return [_("Other: %(text)s", text=text or "") if code == OTHER
                else _label(options["choices"], code, language, default) for code in value]
    if kind == "likert":
        return [f"{_label(options['rows'], row, language, default)}: "
                f"{_label(options['scale'], code, language, default)}"
                for row, code in value.items()]
    if kind == "country":
        country = reference.country(value)
        return [country.name(language) if country else str(value)]
    if kind == "consent":
        return [_("Yes") if value else _("No")]
    if kind == "number" and options.get("unit"):
        return [f"{value} {text_in(options['unit'], language, default)}"]
    return [str(value)]
