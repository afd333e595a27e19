"""Checks of what a questionnaire file says, shared by the file's parts and the question types."""

import re

CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class QuestionnaireFileError(ValueError):
    """A questionnaire file that cannot be loaded; the message says where and why."""


def fail(where, message):
    """Stop reading a questionnaire file: ``where`` is wrong because of ``message``."""
    raise QuestionnaireFileError(f"{where}: {message}")


def check_code(value, where):
    """Return ``value`` if it is a valid code (integers allowed for scales)."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        fail(where, f"code {value!r} must be text such as 'yes' (quote yes/no/on/off in YAML)")
    if isinstance(value, str) and not CODE.match(value):
        fail(where, f"code {value!r} must be lower-case letters, digits, '_' or '-'")
    return value


def check_texts(value, where, default_language, required=True):
    """Return a per-language text mapping after checking it has the default language."""
    if value is None and not required:
        return None
    if isinstance(value, str):
        value = {default_language: value}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        fail(where, "must be a mapping from language code to text")
    if not value.get(default_language, "").strip():
        fail(where, f"has no text in the default language {default_language!r}")
    return {str(k): v.strip() for k, v in value.items() if v.strip()}


def check_labelled(items, where, language):
    """Return a list of ``{code, label}`` items (choices, rows or scale points)."""
    if not isinstance(items, list) or not items:
        fail(where, "must be a non-empty list")
    seen, result = set(), []
    for i, item in enumerate(items):
        spot = f"{where}[{i}]"
        if not isinstance(item, dict) or "code" not in item:
            fail(spot, "must be a mapping with 'code' and 'label'")
        code = check_code(item["code"], spot)
        if code in seen:
            fail(spot, f"code {code!r} appears twice")
        seen.add(code)
        result.append({"code": code, "label": check_texts(item.get("label"), spot + ".label", language)})
    return result
