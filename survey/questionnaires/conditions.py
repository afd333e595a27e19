"""Conditions that show a section or a question only for some earlier answers."""

from survey import reference
from survey.fields import choice_code, country_of

OPERATORS = ("equals", "in", "developing", "region")


def condition_error(show_if, known_codes):
    """Return why ``show_if`` is not a valid condition, or None when it is."""
    if not isinstance(show_if, dict) or not isinstance(show_if.get("question"), str):
        return "show_if must be a mapping with a 'question' key"
    if show_if["question"] not in known_codes:
        return f"show_if names {show_if['question']!r}, which is not an earlier question"
    operators = [key for key in show_if if key != "question"]
    if len(operators) != 1 or operators[0] not in OPERATORS:
        return f"show_if needs exactly one of {', '.join(OPERATORS)}"
    if operators[0] == "in" and not isinstance(show_if["in"], list):
        return "show_if 'in' takes a list of values"
    compared = show_if["in"] if operators[0] == "in" else [show_if.get("equals")]
    if operators[0] in ("in", "equals") and any(isinstance(v, bool) for v in compared):
        return "show_if compares with a choice code: quote yes/no/on/off in YAML ('yes')"
    if operators[0] == "region" and show_if["region"] not in reference.REGIONS:
        return f"show_if region must be one of {', '.join(reference.REGIONS)}"
    return None


def is_shown(show_if, values):
    """Return whether an item with condition ``show_if`` shows, given answer ``values`` by code."""
    if not show_if:
        return True
    value = values.get(show_if["question"])
    if value is None:
        return False
    if "equals" in show_if:
        expected = show_if["equals"]
        return choice_code(value) == str(expected) or (isinstance(value, list) and expected in value)
    if "in" in show_if:
        wanted = set(map(str, show_if["in"]))
        if isinstance(value, list):
            return bool(wanted & set(map(str, value)))
        return str(choice_code(value)) in wanted
    country = country_of(value)
    if country is None:
        return False
    if "developing" in show_if:
        return country.developing == bool(show_if["developing"])
    return country.region == show_if["region"]
