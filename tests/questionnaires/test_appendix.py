"""The built-in questionnaires ask the Appendix's questions in its words, in all six languages.

The Appendix of the IEWSC terms of reference (the project's specification) lists the questions
the workshop must address. They are copied here, as the test's own fixture, so that a change of
wording in a questionnaire file that drifts from them fails.
"""

import re
import unicodedata

import pytest

from survey.questionnaires.loader import builtin_files, read_file

LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")
QUESTION_MARK = {"en": "?", "fr": "\u00a0?", "es": "?", "ru": "?", "ar": "؟", "zh": "？"}
SCRIPT = {"ru": "CYRILLIC", "ar": "ARABIC", "zh": "CJK UNIFIED IDEOGRAPH"}

#: "Questions to be addressed by the Workshop": the five core questions, by question code.
CORE = {
    "why_care": "Why should industry care about standardization?",
    "benefits": "What are the benefits to the industry to engage in standardization?",
    "make_difference": "How can industry make a difference by engaging in standardization?",
    "risks": "What are the risks for industry not to engage in standardization?",
    "sme_vs_large": "What are the differences between SMEs and large enterprises regarding their "
                    "motivation, needs and approach to standardization?",
}
#: "In order to determine:" the three asked of participants, by question code.
DETERMINE = {
    "relevance": "How to make participation in ITU-T activities relevant again?",
    "opportunities": "What are the opportunities for ITU-T to support industry with their "
                     "standards-related needs in developed and developing countries?",
    "koi_translation": "How can we ensure that the questions discussed in the workshop can be "
                       "translated into long-term Key Outcome Indicators (KOI)?",
}
#: ... and the fourth, which the analysis answers (SME and large segments of every response).
DETERMINE_BY_ANALYSIS = "How do the answers to these questions differ from SME to large enterprises?"
#: The committee's own questions ("The IEWSC could base its work ... on considering").
COMMITTEE = {
    "need_workshop": "Why do we need a workshop with relevant industry decision makers?",
    "why_now": "Why organise a workshop now?",
    "attract_difficulty": "Why is it difficult to attract relevant industry decision makers?",
    "success_conditions": "What are the conditions for success?",
    "compelling_story": "What is the compelling story that will attract relevant industry "
                        "decision makers to the workshop?",
    "venue_comments": "What is the right venue and other event to synergise with?",
    "timing_comments": "What is the right timing?",
    "success_looks_like": "What does success look like?",
    "survey_before": "Shall a survey help support this effort before the workshop?",
    "agenda_ideas": "What shall be the format, scale and agenda of the workshop?",
    "learning_sources": "Where are the other sources of learning to prepare such a workshop?",
    "budget_constraints": "What are the budget and resource constraints?",
}


def load(name):
    """Return the questionnaire of built-in file ``name`` as the loader checked it."""
    content = read_file(next(p for p in builtin_files() if p.stem == name))
    return {**content["questionnaire"], "workshop": content["workshop"],
            "sections": content["sections"]}


def questions(questionnaire):
    return {q["code"]: q for section in questionnaire["sections"] for q in section["questions"]}


def texts(node, where="questionnaire"):
    """Yield ``(where, {language: text})`` for every text a participant reads."""
    if isinstance(node, dict):
        if node and set(node) <= set(LANGUAGES) and all(isinstance(v, str) for v in node.values()):
            yield where, node
            return
        for key, value in node.items():
            yield from texts(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            label = item.get("code", i) if isinstance(item, dict) else i
            yield from texts(item, f"{where}[{label}]")


@pytest.fixture(scope="module")
def industry():
    return load("iew_industry")


@pytest.fixture(scope="module")
def planning():
    return load("iewsc_planning")


@pytest.mark.parametrize(("code", "wording"), [*CORE.items(), *DETERMINE.items()])
def test_appendix_questions_are_asked_in_its_words(industry, code, wording):
    asked = questions(industry)[code]
    assert asked["type"] == "long_text"
    assert asked["text"]["en"] == wording
    for language in LANGUAGES:
        assert asked["text"][language].endswith(QUESTION_MARK[language]), language


def test_core_questions_come_first_and_together(industry):
    sections = {s["code"]: [q["code"] for q in s["questions"]] for s in industry["sections"]}
    assert sections["why"] == list(CORE)
    assert sections["itut"] == list(DETERMINE)
    order = [s["code"] for s in industry["sections"]]
    assert order.index("why") < order.index("itut") < order.index("value")


def test_the_sme_comparison_is_asked_once_and_analysed(industry):
    by_code = questions(industry)
    # one question per point: the fifth core question, no second one repeating it
    about_size = [code for code, q in by_code.items()
                  if re.search(r"\bSMEs?\b", q["text"]["en"]) and "large" in q["text"]["en"]]
    assert about_size == ["sme_vs_large"]
    assert "sme_large_differences" not in by_code
    # the analysis needs every response's size, and participants are told it is compared
    assert by_code["org_size"]["required"] is True
    assert "250" in by_code["org_size"]["help"]["en"]
    purpose = industry["purpose"]["en"]
    assert "how the answers differ between SMEs and large enterprises" in purpose
    intro = next(s for s in industry["sections"] if s["code"] == "itut")["intro"]
    assert "differ between SMEs and large enterprises" in intro["en"]
    assert set(intro) == set(industry["purpose"]) == set(LANGUAGES)
    assert DETERMINE_BY_ANALYSIS.endswith("?")


@pytest.mark.parametrize(("code", "wording"), COMMITTEE.items())
def test_committee_questions_are_asked_in_the_appendix_words(planning, code, wording):
    assert questions(planning)[code]["text"]["en"] == wording


def test_the_profile_has_two_pages(industry):
    sections = {s["code"]: [q["code"] for q in s["questions"]] for s in industry["sections"]}
    assert sections["profile"] == ["org_type", "org_size", "country", "sector",
                                   "itu_membership", "other_sdos"]
    assert sections["about_you"] == ["role", "seniority", "prior_itut", "gender", "age_band"]


@pytest.mark.parametrize("name", ["iew_industry", "iewsc_planning"])
def test_every_text_is_in_the_six_languages(name):
    questionnaire = load(name)
    assert questionnaire["languages"] == list(LANGUAGES)
    found = list(texts(questionnaire))
    assert len(found) > 50
    problems = []
    for where, text in found:
        missing = [language for language in LANGUAGES if not text.get(language, "").strip()]
        if missing:
            problems.append(f"{where}: no text in {missing}")
            continue
        for language, script in SCRIPT.items():
            same_as_english = text[language] == text["en"]
            written = any(unicodedata.name(c, "").startswith(script) for c in text[language])
            # a name or an acronym (3GPP, O-RAN Alliance) is the same in every language
            if not written and not (same_as_english and not re.search(r"\b[a-z]{4,}\b", text["en"])):
                problems.append(f"{where}: the {language} text is not in its script")
        for language in ("fr", "es"):  # a word may be the same ("contributions"), not a sentence
            if text[language] == text["en"] and len(re.findall(r"\b[a-z]{3,}\b", text["en"])) > 2:
                problems.append(f"{where}: the {language} text is the English one")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ["iew_industry", "iewsc_planning"])
def test_privacy_notice_is_complete_in_every_language(name):
    privacy = load(name)["privacy"]
    english = privacy["en"]
    for topic in ("What we collect", "Why", "Who sees your answers", "How long", "Your rights",
                  "Contact", "tsbmail@itu.int", "deleted"):
        assert topic in english, topic
    for language in LANGUAGES:
        assert "tsbmail@itu.int" in privacy[language], language
        # one paragraph per topic, as in English
        assert privacy[language].count("\n\n") == english.count("\n\n"), language
    assert "anonymous" in load("iew_industry")["privacy"]["en"]
    assert "not anonymous" in load("iewsc_planning")["privacy"]["en"]
