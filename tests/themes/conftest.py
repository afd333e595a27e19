"""Fixtures of the theme tests: demo answers, a finished run over them, users of each role."""

import pytest

from survey.demo import add_demo_responses
from survey.extensions import db
from survey.themes import runs

#: A question every demo response answers: small enough to analyse in a second.
QUESTION = "relevance"


@pytest.fixture
def demo(workshop_questionnaire):
    """Return the workshop questionnaire with its 40 demo responses."""
    add_demo_responses(workshop_questionnaire)
    db.session.commit()
    return workshop_questionnaire


def analyse(questionnaire, user=None, question_code=QUESTION, **options):
    """Return a finished run over ``question_code`` (TF-IDF, small themes allowed)."""
    options = {"include_demo": True, "embedding": "tfidf", "min_theme_size": 3} | options
    run = runs.launch(questionnaire, user=user, question_code=question_code, background=False,
                      **options)
    assert run.status == "done", run.error
    return run


@pytest.fixture
def demo_run(demo, make_user):
    """Return a finished run over the demo answers to QUESTION, run by a reviewer."""
    return analyse(demo, make_user("reviewer", email="runner@example.org"))


def add_response(questionnaire, answers, quote_consent=True, is_demo=False):
    """Add a completed response with ``{question code: text}`` answers; return its answer ids by code."""
    from sqlalchemy import select

    from helpers import add_response as add_stored_response
    from survey.models import Answer, Question

    questions = {q.code: q for q in db.session.scalars(
        select(Question).filter_by(questionnaire_id=questionnaire.id))}
    values = dict(answers)
    if "quote_consent" in questions:
        values["quote_consent"] = quote_consent
    response = add_stored_response(questionnaire, values, is_demo=is_demo)
    return {code: db.session.scalar(select(Answer.id).filter_by(
        response_id=response.id, question_id=questions[code].id)) for code in answers}


def form_token(client, url):
    """Return a CSRF token from the page at ``url``."""
    from helpers import csrf_token

    page = client.get(url)
    assert page.status_code == 200, page.get_data(as_text=True)[:500]
    return csrf_token(page.get_data(as_text=True))
