"""Responses written straight into the database, for the review area's tests."""

import uuid
from datetime import datetime, timedelta

from helpers import csrf_token
from survey.extensions import db
from survey.models import Question
from survey.respond import flow


def stored(question, value):
    """Return the ``(value, text)`` a participant's ``value`` is stored as."""
    if question.is_text:
        return value, value
    if question.type == "single_choice" and isinstance(value, dict):
        return {"choice": "other", "other": value["other"]}, value["other"]
    return value, None


def add_response(questionnaire, answers=None, status="completed", language="en", is_demo=False,
                 started=None):
    """Add a response of ``questionnaire`` with ``{question code: value}``; return it."""
    questions = {q.code: q for q in db.session.query(Question).filter_by(
        questionnaire_id=questionnaire.id)}
    response, _token = flow.start(questionnaire, str(uuid.uuid4()), language, is_demo=is_demo)
    response.started_on = started or datetime(2026, 3, 2, 10)
    flow.save_answers(response, {questions[code]: stored(questions[code], value)
                                 for code, value in (answers or {}).items()})
    if status == "completed":
        response.status = "completed"
        response.completed_on = response.started_on + timedelta(hours=1)
    db.session.commit()
    return response


def add_many(questionnaire, n, **answers):
    """Add ``n`` completed responses with the same ``answers``; return them."""
    return [add_response(questionnaire, answers) for _ in range(n)]


def post_form(client, page_url, action, data):
    """Post ``data`` to ``action`` with the CSRF token of the page at ``page_url``."""
    token = csrf_token(client.get(page_url).get_data(as_text=True))
    return client.post(action, data={"csrf_token": token, **data})
