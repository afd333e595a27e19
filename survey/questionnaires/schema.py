"""Validation of questionnaire files: every mistake reported with where it is.

The options of each question are checked by its type (``survey.fields``).
"""

import re
from datetime import date

from survey.fields import FIELD_TYPES
from survey.fields.options import QuestionnaireFileError, check_code, check_texts, fail
from survey.models import QUESTIONNAIRE_KINDS, QUESTIONNAIRE_STATUSES
from survey.questionnaires.conditions import condition_error

LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")

__all__ = ["QuestionnaireFileError", "check_file"]


def check_question(raw, where, language, known_codes):
    """Return the checked fields of one question."""
    if not isinstance(raw, dict):
        fail(where, "must be a mapping")
    code = check_code(raw.get("code"), where + ".code")
    if raw.get("type") not in FIELD_TYPES:
        fail(where, f"type must be one of {', '.join(FIELD_TYPES)}")
    if raw.get("show_if") is not None:
        error = condition_error(raw["show_if"], known_codes)
        if error:
            fail(where, error)
    return {
        "code": code, "type": raw["type"], "required": bool(raw.get("required", False)),
        "text": check_texts(raw.get("text"), where + ".text", language),
        "help": check_texts(raw.get("help"), where + ".help", language, required=False),
        "show_if": raw.get("show_if"),
        "options": FIELD_TYPES[raw["type"]].check_options(raw, where, language),
    }


def check_sections(raw_sections, language):
    """Return the checked sections, each with its checked questions."""
    if not isinstance(raw_sections, list) or not raw_sections:
        fail("questionnaire.sections", "must be a non-empty list")
    sections, section_codes, question_codes = [], set(), []
    for i, raw in enumerate(raw_sections):
        where = f"sections[{i}]"
        if not isinstance(raw, dict):
            fail(where, "must be a mapping")
        code = check_code(raw.get("code"), where + ".code")
        if code in section_codes:
            fail(where, f"section code {code!r} appears twice")
        section_codes.add(code)
        if raw.get("show_if") is not None:
            error = condition_error(raw["show_if"], set(question_codes))
            if error:
                fail(where, error)
        questions = []
        for j, raw_question in enumerate(raw.get("questions") or []):
            question = check_question(raw_question, f"{where}.questions[{j}]", language,
                                      set(question_codes))
            if question["code"] in question_codes:
                fail(f"{where}.questions[{j}]", f"question code {question['code']!r} appears twice")
            question_codes.append(question["code"])
            questions.append(question)
        if not questions:
            fail(where, "has no questions")
        sections.append({
            "code": code, "questions": questions, "show_if": raw.get("show_if"),
            "title": check_texts(raw.get("title"), where + ".title", language),
            "intro": check_texts(raw.get("intro"), where + ".intro", language, required=False),
        })
    return sections


def check_file(data):
    """Return the checked content of a questionnaire file, parsed from YAML."""
    if not isinstance(data, dict) or "workshop" not in data or "questionnaire" not in data:
        fail("file", "must have a 'workshop' and a 'questionnaire' part")
    q, w = data["questionnaire"], data["workshop"]
    if not isinstance(q, dict) or not isinstance(w, dict):
        fail("file", "'workshop' and 'questionnaire' must be mappings")
    languages = q.get("languages") or ["en"]
    if not isinstance(languages, list) or not all(isinstance(x, str) and LANGUAGE.match(x)
                                                  for x in languages):
        fail("questionnaire.languages", "must be a list of language codes such as [en, fr]")
    language = languages[0]
    if q.get("kind") not in QUESTIONNAIRE_KINDS:
        fail("questionnaire.kind", f"must be one of {', '.join(QUESTIONNAIRE_KINDS)}")
    if q.get("status", "draft") not in QUESTIONNAIRE_STATUSES:
        fail("questionnaire.status", f"must be one of {', '.join(QUESTIONNAIRE_STATUSES)}")
    if not isinstance(w.get("edition"), int):
        fail("workshop.edition", "must be a year such as 2026")
    if w.get("date") is not None and not isinstance(w["date"], date):
        fail("workshop.date", "must be a date such as 2026-04-21")
    minutes = q.get("minutes", 15)
    if not isinstance(minutes, int) or minutes < 1:
        fail("questionnaire.minutes", "must be a positive whole number")
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
