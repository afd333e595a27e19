"""Turning a page's form into answers, and checking what a visible question needs."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext

from survey.respond.forms import OTHER, field_name, parse_number


def _code(options_items, raw):
    """Return the declared code (text or number) whose text form is ``raw``."""
    for item in options_items:
        if str(item["code"]) == raw:
            return item["code"]
    return raw


def answer_of(form, question):
    """Return ``(value, text)`` for ``question`` from a validated ``form``, or None if unanswered."""
    kind, options = question.type, question.options
    data = form[field_name(question)].data if field_name(question) in form else None
    if kind in ("short_text", "long_text"):
        return (data, data) if data and data.strip() else None
    if kind == "single_choice":
        if not data:
            return None
        if data == OTHER:
            other = form[field_name(question, OTHER)].data or ""
            return {"choice": OTHER, "other": other}, other or None
        return _code(options["choices"], data), None
    if kind == "multiple_choice":
        if not data:
            return None
        codes = [OTHER if code == OTHER else _code(options["choices"], code) for code in data]
        other = form[field_name(question, OTHER)].data if OTHER in data else None
        return codes, other or None
    if kind == "likert":
        grid = {}
        for row in options["rows"]:
            chosen = form[field_name(question, row["code"])].data
            if chosen:
                grid[str(row["code"])] = _code(options["scale"], chosen)
        return (grid, None) if grid else None
    if kind == "rating":
        return (int(data), None) if data not in (None, "", "None") else None
    if kind == "number":
        number = parse_number(data)
        if number is None:
            return None
        return (int(number) if options.get("integer", True) else number), None
    if kind == "country":
        return (data, None) if data else None
    if kind == "consent":
        return bool(data), None
    raise ValueError(f"unknown question type {kind!r}")


def needs(question, answer):
    """Return what a visible ``question`` still needs given its ``answer``, or None."""
    kind, options = question.type, question.options
    value = answer[0] if answer else None
    if kind == "single_choice" and isinstance(value, dict) and not value.get("other", "").strip():
        return _l("Please specify your answer.")
    if kind == "multiple_choice" and value:
        if OTHER in value and not (answer[1] or "").strip():
            return _l("Please specify your answer.")
        if options.get("max_choices") and len(value) > options["max_choices"]:
            return lazy_ngettext("Choose at most %(num)d answer.", "Choose at most %(num)d answers.",
                                 options["max_choices"])
    if not question.required:
        return None
    if kind == "consent" and value is not True:
        return _l("Tick this box to continue.")
    if kind == "likert" and (not value or len(value) < len(options["rows"])):
        return _l("Answer every line of this question.")
    if value is None:
        return _l("This question needs an answer.")
    return None
