"""Validation of questionnaire files: every mistake reported with where it is."""

import re
from datetime import date

from survey.models import QUESTION_TYPES, QUESTIONNAIRE_KINDS, QUESTIONNAIRE_STATUSES
from survey.questionnaires.conditions import condition_error

CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
CHOICE_TYPES = ("single_choice", "multiple_choice")


class QuestionnaireFileError(ValueError):
    """A questionnaire file that cannot be loaded; the message says where and why."""


def _fail(where, message):
    raise QuestionnaireFileError(f"{where}: {message}")


def check_code(value, where):
    """Return ``value`` if it is a valid code (integers allowed for scales)."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        _fail(where, f"code {value!r} must be text such as 'yes' (quote yes/no/on/off in YAML)")
    if isinstance(value, str) and not CODE.match(value):
        _fail(where, f"code {value!r} must be lower-case letters, digits, '_' or '-'")
    return value


def check_texts(value, where, default_language, required=True):
    """Return a per-language text mapping after checking it has the default language."""
    if value is None and not required:
        return None
    if isinstance(value, str):
        value = {default_language: value}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        _fail(where, "must be a mapping from language code to text")
    if not value.get(default_language, "").strip():
        _fail(where, f"has no text in the default language {default_language!r}")
    return {str(k): v.strip() for k, v in value.items() if v.strip()}


def check_labelled(items, where, language):
    """Return a list of ``{code, label}`` items (choices, rows or scale points)."""
    if not isinstance(items, list) or not items:
        _fail(where, "must be a non-empty list")
    seen, result = set(), []
    for i, item in enumerate(items):
        spot = f"{where}[{i}]"
        if not isinstance(item, dict) or "code" not in item:
            _fail(spot, "must be a mapping with 'code' and 'label'")
        code = check_code(item["code"], spot)
        if code in seen:
            _fail(spot, f"code {code!r} appears twice")
        seen.add(code)
        result.append({"code": code, "label": check_texts(item.get("label"), spot + ".label", language)})
    return result


def check_options(raw, where, language):
    """Return the type-specific options of question ``raw``."""
    kind, options = raw["type"], {}
    if kind in CHOICE_TYPES:
        options["choices"] = check_labelled(raw.get("choices"), where + ".choices", language)
        options["other"] = bool(raw.get("other", False))
        if kind == "multiple_choice" and raw.get("max_choices") is not None:
            options["max_choices"] = int(raw["max_choices"])
    elif kind == "likert":
        options["rows"] = check_labelled(raw.get("rows"), where + ".rows", language)
        options["scale"] = check_labelled(raw.get("scale"), where + ".scale", language)
    elif kind == "rating":
        for key in ("min_label", "max_label"):
            options[key] = check_texts(raw.get(key), f"{where}.{key}", language, required=False)
    elif kind == "number":
        integer = bool(raw.get("integer", True))
        options["integer"] = integer
        for key in ("min", "max"):
            if raw.get(key) is not None:
                if not isinstance(raw[key], (int, float)) or isinstance(raw[key], bool):
                    _fail(where, f"{key} must be a number")
                options[key] = raw[key]
        options["unit"] = check_texts(raw.get("unit"), where + ".unit", language, required=False)
    elif kind in ("short_text", "long_text"):
        limit = raw.get("max_length", 500 if kind == "short_text" else 10_000)
        if not isinstance(limit, int) or not 1 <= limit <= 10_000:
            _fail(where, "max_length must be a whole number from 1 to 10000")
        options["max_length"] = limit
    return options


def check_question(raw, where, language, known_codes):
    """Return the checked fields of one question."""
    if not isinstance(raw, dict):
        _fail(where, "must be a mapping")
    code = check_code(raw.get("code"), where + ".code")
    if raw.get("type") not in QUESTION_TYPES:
        _fail(where, f"type must be one of {', '.join(QUESTION_TYPES)}")
    if raw.get("show_if") is not None:
        error = condition_error(raw["show_if"], known_codes)
        if error:
            _fail(where, error)
    return {
        "code": code, "type": raw["type"], "required": bool(raw.get("required", False)),
        "text": check_texts(raw.get("text"), where + ".text", language),
        "help": check_texts(raw.get("help"), where + ".help", language, required=False),
        "show_if": raw.get("show_if"), "options": check_options(raw, where, language),
    }


def check_sections(raw_sections, language):
    """Return the checked sections, each with its checked questions."""
    if not isinstance(raw_sections, list) or not raw_sections:
        _fail("questionnaire.sections", "must be a non-empty list")
    sections, section_codes, question_codes = [], set(), []
    for i, raw in enumerate(raw_sections):
        where = f"sections[{i}]"
        if not isinstance(raw, dict):
            _fail(where, "must be a mapping")
        code = check_code(raw.get("code"), where + ".code")
        if code in section_codes:
            _fail(where, f"section code {code!r} appears twice")
        section_codes.add(code)
        if raw.get("show_if") is not None:
            error = condition_error(raw["show_if"], set(question_codes))
            if error:
                _fail(where, error)
        questions = []
        for j, raw_question in enumerate(raw.get("questions") or []):
            question = check_question(raw_question, f"{where}.questions[{j}]", language,
                                      set(question_codes))
            if question["code"] in question_codes:
                _fail(f"{where}.questions[{j}]", f"question code {question['code']!r} appears twice")
            question_codes.append(question["code"])
            questions.append(question)
        if not questions:
            _fail(where, "has no questions")
        sections.append({
            "code": code, "questions": questions, "show_if": raw.get("show_if"),
            "title": check_texts(raw.get("title"), where + ".title", language),
            "intro": check_texts(raw.get("intro"), where + ".intro", language, required=False),
        })
    return sections


def check_file(data):
    """Return the checked content of a questionnaire file, parsed from YAML."""
    if not isinstance(data, dict) or "workshop" not in data or "questionnaire" not in data:
        _fail("file", "must have a 'workshop' and a 'questionnaire' part")
    q, w = data["questionnaire"], data["workshop"]
    if not isinstance(q, dict) or not isinstance(w, dict):
        _fail("file", "'workshop' and 'questionnaire' must be mappings")
    languages = q.get("languages") or ["en"]
    if not isinstance(languages, list) or not all(isinstance(x, str) and LANGUAGE.match(x)
                                                  for x in languages):
        _fail("questionnaire.languages", "must be a list of language codes such as [en, fr]")
    language = languages[0]
    if q.get("kind") not in QUESTIONNAIRE_KINDS:
        _fail("questionnaire.kind", f"must be one of {', '.join(QUESTIONNAIRE_KINDS)}")
    if q.get("status", "draft") not in QUESTIONNAIRE_STATUSES:
        _fail("questionnaire.status", f"must be one of {', '.join(QUESTIONNAIRE_STATUSES)}")
    if not isinstance(w.get("edition"), int):
        _fail("workshop.edition", "must be a year such as 2026")
    if w.get("date") is not None and not isinstance(w["date"], date):
        _fail("workshop.date", "must be a date such as 2026-04-21")
    minutes = q.get("minutes", 15)
    if not isinstance(minutes, int) or minutes < 1:
        _fail("questionnaire.minutes", "must be a positive whole number")
    return {
        "workshop": {
            "code": check_code(w.get("code"), "workshop.code"), "edition": w["edition"],
            "name": check_texts(w.get("name"), "workshop.name", language),
            "date": w.get("date"),
            "place": check_texts(w.get("place"), "workshop.place", language, required=False),
        },
        "questionnaire": {
            "slug": check_code(q.get("slug"), "questionnaire.slug"), "kind": q["kind"],
            "status": q.get("status", "draft"), "anonymous": bool(q.get("anonymous", True)),
            "languages": languages, "minutes": minutes,
            "title": check_texts(q.get("title"), "questionnaire.title", language),
            "purpose": check_texts(q.get("purpose"), "questionnaire.purpose", language),
            "privacy": check_texts(q.get("privacy"), "questionnaire.privacy", language),
        },
        "sections": check_sections(q.get("sections"), language),
    }
