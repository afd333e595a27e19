"""Fixtures of the report tests: a questionnaire with realistic responses and a theme run
written directly with the models (so these tests do not depend on the analysis code)."""

import pytest
from sqlalchemy import select

from survey.demo import add_demo_responses
from survey.extensions import db
from survey.models import AnalysisRun, Answer, Question, Response, Theme, ThemeAssignment


def answers_to(questionnaire, code):
    """Return the answers to question ``code`` of ``questionnaire``, in response order."""
    return db.session.scalars(
        select(Answer).join(Question, Answer.question_id == Question.id)
        .where(Question.questionnaire_id == questionnaire.id, Question.code == code)
        .order_by(Answer.response_id)).all()


def make_run(questionnaire, code, themes, question_code="same"):
    """Store a finished run over question ``code``: ``themes`` maps a label to its answers.

    ``question_code`` is what the run covers ("same": that question; None: every question).
    Returns ``{label: Theme}``.
    """
    run = AnalysisRun(questionnaire_id=questionnaire.id, status="done", actor="test",
                      question_code=code if question_code == "same" else question_code,
                      parameters={"embedding": "tfidf", "min_theme_size": 5},
                      answer_count=sum(len(a) for a in themes.values()))
    db.session.add(run)
    db.session.flush()
    stored = {}
    for position, (label, answers) in enumerate(themes.items()):
        theme = Theme(run_id=run.id, key=f"t{position}", source="catalogue", label=label,
                      description=f"What {label} covers.", position=position)
        db.session.add(theme)
        db.session.flush()
        for answer in answers:
            db.session.add(ThemeAssignment(run_id=run.id, answer_id=answer.id, theme_id=theme.id,
                                           confidence=0.9))
        stored[label] = theme
    db.session.commit()
    return stored


@pytest.fixture(name="answers_to")
def answers_to_fixture(app):
    """Return :func:`answers_to` (test modules cannot import this conftest)."""
    return answers_to


@pytest.fixture(name="make_run")
def make_run_fixture(app):
    """Return :func:`make_run`."""
    return make_run


@pytest.fixture
def filled(workshop_questionnaire):
    """Return the workshop questionnaire with the 40 demo responses counted as real ones."""
    add_demo_responses(workshop_questionnaire)
    for response in db.session.scalars(select(Response)):
        response.is_demo = False
    db.session.commit()
    return workshop_questionnaire


@pytest.fixture
def themed(filled):
    """Return ``(questionnaire, themes)``: why_care answers split into two themes."""
    answers = answers_to(filled, "why_care")
    themes = make_run(filled, "why_care", {"Market access": answers[0::2], "Interoperability": answers[1::2]})
    return filled, themes
